"""Incomplete transcripts say so, and every turn says how sure its speaker is."""

from __future__ import annotations

import pytest

from summarizer import parse_transcript
from summarizer.parse.completeness import MEDIAN_WORDS, SHORT_WORDS

from support import DATA

AMLO = "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR"
HEADER = "Versión estenográfica. Conferencia de prensa del 28 de diciembre de 2023\n\n28 de diciembre de 2023\n\n"
LONG = " ".join(["La obra avanza conforme al programa y la vamos a terminar a tiempo."] * 400)  # 5,200 words


def web(*paragraphs: str) -> str:
    return HEADER + "\n\n".join(paragraphs) + "\n"


def codes(text: str) -> list[str]:
    return [w.code for w in parse_transcript(text).warnings]


def conference(*ending: str) -> str:
    """A labelled transcript long enough not to be "short", with a question and an answer."""
    return web(f"{AMLO}: Buenos días. {LONG}",
               "PREGUNTA: Buenos días, presidente. Tzeltzin Juárez, de SinLineaMX. ¿Cuándo termina la obra del tren?",
               f"{AMLO}: {LONG}", *ending)


def test_a_whole_conference_has_no_warning():
    assert codes(conference(f"{AMLO}: Nos vemos mañana.")) == []


def test_a_transcript_cut_in_the_middle_of_a_sentence_says_so_with_its_last_words():
    doc = parse_transcript(conference(f"{AMLO}: Y lo que vamos a hacer es que los contratos"))
    assert [w.code for w in doc.warnings] == ["parse.truncated"]
    note = doc.warnings[0]
    assert note.params == {"ending": "…que vamos a hacer es que los contratos"}  # its last eight words
    assert note.render("es") == ("transcripción incompleta: termina a media frase (“…que vamos a hacer es que los "
                                 "contratos”), así que puede faltar el resto de la conferencia")
    # An end marker or a closing stage direction after the last words is no cut.
    assert codes(conference(f"{AMLO}: Nos vemos mañana.\n\n—000—")) == []
    assert codes(conference(f"{AMLO}: ¿Cómo ven?\n\n(Aplausos)")) == []


FOOTER = ("Imprime la página completa\n\nLa legalidad, veracidad y la calidad de la información es estricta "
          "responsabilidad de la dependencia, entidad o empresa productiva del Estado que la proporcionó en virtud de "
          "sus atribuciones, por lo que el uso de la misma y su contenido es responsabilidad exclusiva de quién la "
          "difunde")


def test_the_gob_mx_footer_after_a_whole_conference_is_no_cut():
    # The footer is the page's furniture: in no turn, and said (parse.furniture).
    assert codes(conference(f"{AMLO}: Nos vemos mañana.\n\n{FOOTER}")) == ["parse.furniture"]
    assert codes(conference(f"{AMLO}: Nos vemos mañana.\n\n—000—\n\n{FOOTER}")) == ["parse.furniture"]
    assert codes(conference(f"{AMLO}: Y lo que vamos a hacer es que los contratos\n\n{FOOTER}")) == \
        ["parse.furniture", "parse.truncated"]


def test_continua_is_partial_not_also_cut_short():
    doc = parse_transcript(web(f"{AMLO}: Buenos días. {LONG}", "(Continúa…)"))
    assert [w.code for w in doc.warnings] == ["parse.partial"] and doc.partial


def test_a_page_printed_twice_is_counted_once_and_said():
    answer = f"{AMLO}: " + "Vamos a seguir apoyando a los productores de maíz con precios de garantía. " * 30
    doc = parse_transcript(conference(answer, answer))
    assert [t.repeated for t in doc.turns][-2:] == [False, True]
    repeated = doc.warnings[0]
    assert repeated.code == "parse.repeated" and repeated.params == {"turns": 1, "words": 390}
    assert repeated.render("en").startswith("1 turn (390 words) repeat text printed earlier")


def test_an_opening_with_no_questions_and_a_short_transcript():
    doc = parse_transcript(web(f"{AMLO}: Buenos días. Hoy presentamos el plan de vivienda.",
                               "PREGUNTA: ¿Va a viajar?", f"{AMLO}: Sí."))
    assert [w.code for w in doc.warnings] == ["parse.no_questions", "parse.short"]
    short = doc.warnings[1]
    assert short.params == {"words": 12, "median": MEDIAN_WORDS}
    assert str(short) == ("the transcript has 12 words, far fewer than a daily conference usually has (median about "
                          "11,500): it may be incomplete")
    assert SHORT_WORDS == 3833


def test_prose_is_not_a_transcript_it_is_never_short_or_without_questions():
    article = (DATA / "2023-12-28-news-article.txt").read_text(encoding="utf-8")
    assert codes(article) == ["parse.furniture"]  # its photo's caption ("… © AP – Christian Chavez"), said


@pytest.mark.corpus
def test_every_corpus_transcript_gets_exactly_its_warnings(corpus_dir):
    expected = {"2022-03-10": ["parse.repeated"], "2024-05-10": ["parse.no_questions", "parse.short"],
                "2024-10-25": ["parse.partial"]}
    for path in sorted(corpus_dir.glob("*.txt")):
        if path.name.endswith((".web.txt", ".native.txt")):
            doc_id = path.name.split(".")[0]
            assert codes(path.read_bytes()) == expected.get(doc_id, []), path.name


# ---------------------------------------------------------------- attribution confidence


def test_the_speaker_who_goes_on_after_a_stage_direction_is_continued():
    doc = parse_transcript(web(f"{AMLO}: Vamos a entregar el reconocimiento.",
                               "DAVID AGUILAR ROMERO, PROCURADOR FEDERAL DEL CONSUMIDOR: Felicidades a la gasolinera.",
                               "(ENTREGA DE RECONOCIMIENTO)", "Y ahora pasamos al gas LP, que bajó esta semana."))
    assert [(t.speaker.display, t.attribution) for t in doc.turns] == [
        ("López Obrador", "label"), ("David Aguilar", "label"), ("David Aguilar", "continued")]
    assert doc.turns[2].label == "(ENTREGA DE RECONOCIMIENTO)"


@pytest.mark.corpus
def test_the_corpus_recognition_turn_is_continued(corpus_dir):
    doc = parse_transcript((corpus_dir / "2024-07-29.web.txt").read_bytes())
    continued = [t for t in doc.turns if t.attribution != "label"]
    assert [(t.index, t.speaker.display, t.attribution) for t in continued] == [(5, "David Aguilar", "continued")]


def test_prose_says_how_each_quotation_was_attributed():
    doc = parse_transcript(
        "López Obrador spoke on Thursday.\n\n"
        "“We will keep the talks going with the United States,” said López Obrador.\n\n"
        "“There is no crisis at the border,” he added.\n\n"
        "“This is a quotation nobody claims, in a paragraph of its own,”\n")
    pieces = [(t.text, t.speaker.display, t.attribution) for t in doc.turns]
    assert pieces == [
        ("López Obrador spoke on Thursday.", "Narration", "label"),  # the writer's own words
        ("We will keep the talks going with the United States", "López Obrador", "prose"),  # "said López Obrador"
        ("said López Obrador.", "Narration", "label"),
        ("There is no crisis at the border", "López Obrador", "inferred"),  # "he added": the last one named
        ("he added.", "Narration", "label"),
        ("This is a quotation nobody claims, in a paragraph of its own", "Unknown speaker", "inferred"),
    ]


def test_text_without_labels_or_quotations_is_an_unknown_speakers_inferred():
    doc = parse_transcript("Hoy se habló del agua en el norte del país y de las presas.")
    assert [(t.speaker.kind, t.attribution) for t in doc.turns] == [("unknown", "inferred")]
