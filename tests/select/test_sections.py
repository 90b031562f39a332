"""Recurring sections: recognised where the show has them, never invented where it has not,
with what they claimed verbatim, and kept out of the brief's points and quotes."""

from __future__ import annotations

import pytest

from summarizer import parse_transcript, summarize
from summarizer.select import select
from summarizer.select.claims import fact_checks
from summarizer.select.sections import KINDS, find_sections

from support import DATA

LIES = DATA / "2022-04-27.excerpt.web.txt"
PRICES = DATA / "2021-01-18.excerpt.web.txt"
CSP = "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO"

# Every transcript of the corpus, read by hand: the recurring sections it holds, in order.
EXPECTED = {
    "2019-08-19": ["prices"],
    "2019-08-28": [],  # "quién es quién en los precios" only mentioned in an answer
    "2019-11-25": ["prices", "works"],
    "2020-01-08": [],
    "2020-08-24": ["prices", "works"],
    "2020-12-21": ["prices", "works"],
    "2021-01-18": ["prices", "works"],
    "2021-02-15": ["prices", "works"],
    "2021-07-13": ["health"],  # "el Pulso de la Salud"
    "2022-03-10": [],
    "2022-04-27": ["lies_of_the_week"],
    "2023-10-12": ["archaeology"],
    "2023-10-30": ["prices"],
    "2023-12-28": [],
    "2024-05-10": [],
    "2024-07-29": ["prices"],
    "2024-10-25": [],
    "2025-05-01": ["women_in_history"],  # the "Detector de Mentiras" only mentioned in an answer
    "2025-09-09": ["security"],
    "2025-11-25": [],  # "Mujeres en la historia" only mentioned in the opening
    "2025-11-28": [],
    "2026-03-10": ["security"],  # the security cabinet answering questions later is no second report
    "2026-07-09": ["women_in_history"],
    "2026-07-23": ["women_in_history"],  # shown as a video, not transcribed
}
PRESENTERS = {
    ("2021-07-13", "health"): ["Jorge Alcocer", "López-Gatell", "Marcelo Ebrard", "Luis Cresencio Sandoval"],
    ("2022-04-27", "lies_of_the_week"): ["Ana Elizabeth García"],
    ("2025-09-09", "security"): ["Marcela Figueroa", "Rosa Icela Rodríguez", "García Harfuch"],
    ("2024-07-29", "prices"): ["David Aguilar"],
    ("2026-07-09", "women_in_history"): ["Noemí Juárez"],
}


def parsed(path):
    return parse_transcript(path.read_bytes())


def text_of(doc, span):
    return doc.text[span[0]:span[1]]


# ---------------------------------------------------------------- bare clone: excerpts


def test_the_lies_of_the_week_with_each_item_its_names_and_its_verdict_verbatim():
    doc = parsed(LIES)
    sections = find_sections(doc)
    assert [(s.kind, s.turns) for s in sections] == [("lies_of_the_week", (1, 2))]
    section = sections[0]
    assert [p.display for p in section.presenters] == ["Ana Elizabeth García"]
    assert section.start == doc.turns[1].start and section.end == doc.turns[2].end
    items = fact_checks(doc, section)
    assert [text_of(doc, i.claim) for i in items] == [
        "Cuando la oposición inventa una mentira para cuestionar al gobiernopor construir el Aeropuerto "
        "Internacional ‘Felipe Ángeles’.",
        "Hay ecocidios que seudoambientalistas no quieren ver, sólo quieren protestar contra Tren Maya.",
    ]
    assert [[text_of(doc, n) for n in i.names] for i in items] == [["Claudio X. González"], []]
    assert [i.rating for i in items] == ["false", "false"]
    assert text_of(doc, items[0].verdict) == (
        "Así informa la computadora una vez que se han despachado los vuelos del día, pero se usó esa imagen para "
        "decir que el 21 de abril no hubo vuelos, lo cual resulta falso.")
    assert all(section.holds(*i.claim) and section.holds(*i.verdict) for i in items)


def test_the_prices_and_the_works_report_with_their_claims_verbatim():
    doc = parsed(PRICES)
    found = select(doc).sections
    assert [(s.section.kind, s.section.turns) for s in found] == [("prices", (1,)), ("works", (3, 4, 5))]
    prices, works = found
    assert [p.display for p in prices.section.presenters] == ["Ricardo Sheffield"]
    assert text_of(doc, prices.section.cue) == "Quién es quién en los precios"
    assert [text_of(doc, span) for span, _ in prices.claims] == [
        "En las gasolinas, la gasolina regular la encontramos en la región sur, la más cara, en Chilapa de Álvarez, "
        "Guerrero, es una franquicia Pemex que tiene el precio al público a 21 pesos con 84 centavos por litro, "
        "comparado con franquicia Mobil, en Morelia, Michoacán, que lo tiene a 16 pesos con 86 centavos por litro, "
        "37 centavos de margen.",
        "Franquicia Pemex tiene, en comparación este mismo combustible, la gasolina Premium en 17 pesos 29 centavos "
        "por litro, con un margen de 20 centavos.",
        "En el diésel, franquicia Pemex en Toluca, en el Estado de México, lo tiene a 22 pesos con 22 centavos, con "
        "un margen de dos pesos 89 centavos; comparado con franquicia Pemex, que en Isidoro Montes de Oca, Guerrero, "
        "lo tiene a 18 pesos 46 centavos por litro, con un margen de 15 centavos.",
    ]
    assert {turn for _, turn in prices.claims} == {1}
    assert text_of(doc, works.section.cue) == "avance de las obras"  # announced with the prices, in one sentence
    # each presenter's best sentence first (the video's narration, Rocío Nahle), in the order said
    assert [(doc.turns[turn].speaker.display, text_of(doc, span)) for span, turn in works.claims] == [
        ("Unidentified voice", "La Secretaría de la Defensa Nacional informa los avances en la construcción del "
                               "Aeropuerto Internacional ‘Felipe Ángeles’ al 18 de enero de 2021."),
        ("Unidentified voice", "A la fecha se han generado 64 mil 580 empleos civiles, faltan 427 días de "
                               "construcción."),
        ("Rocío Nahle", "Estamos en la revisión semanal con todos los contratistas de tanques de plantas y va el "
                        "reporte de esta semana."),
    ]


def test_sections_stay_out_of_the_points_the_quotes_and_the_lead():
    for path in (LIES, PRICES):
        doc = parsed(path)
        summary = summarize(doc, target="es", mode="extractive", quotes=8)
        spans = [(s.start, s.end) for s in summary.sections]
        assert spans
        inside = [q for q in summary.quotes if any(s <= q.start < e for s, e in spans)]
        inside += [p for p in summary.points if any(s <= p.line.start < e for s, e in spans)]
        inside += [p.quote for p in summary.points if p.quote and any(s <= p.quote.start < e for s, e in spans)]
        line = summary.lead_line
        assert not inside and not (line.start is not None and any(s <= line.start < e for s, e in spans))


def _web(*paragraphs: str) -> str:
    date = "9 de septiembre de 2025"
    return "\n\n".join([f"Versión estenográfica. Conferencia de prensa del {date}", date, *paragraphs]) + "\n"


DETECTOR = _web(  # the Sheinbaum-era structure of the "Detector de mentiras", built here (none in the corpus)
    f"{CSP}: Buenos días. Vamos a iniciar con el “Detector de mentiras”. Adelante, Miguel.",
    "MIGUEL ÁNGEL ELORZA VÁZQUEZ: Buenos días, Presidenta. Con su permiso.",
    "Primera mentira. El periódico Reforma publicó que el gobierno cerró 300 escuelas rurales. Esto es falso: "
    "las 300 escuelas siguen abiertas.",
    "Siguiente. En redes sociales, Ricardo Salinas Pliego afirmó que el programa de becas desapareció. Es "
    "engañoso: el programa cambió de nombre.",
    "Es cuanto, Presidenta.",
    "PREGUNTA: Buenos días, Presidenta. Ana López, de Radio Uno. ¿Qué opina del acuerdo con los transportistas?",
    f"{CSP}: Es un buen acuerdo para todos.",
)


def test_the_lie_detector_items_name_their_outlet_or_person_and_verdict():
    doc = parse_transcript(DETECTOR)
    sections = find_sections(doc)
    assert [(s.kind, s.turns) for s in sections] == [("lie_detector", (1,))]
    items = fact_checks(doc, sections[0])
    assert [text_of(doc, i.claim) for i in items] == [
        "El periódico Reforma publicó que el gobierno cerró 300 escuelas rurales.",
        "En redes sociales, Ricardo Salinas Pliego afirmó que el programa de becas desapareció.",
    ]
    assert [[text_of(doc, n) for n in i.names] for i in items] == [["Reforma"], ["Ricardo Salinas Pliego"]]
    assert [(i.rating, text_of(doc, i.verdict)) for i in items] == [
        ("false", "Esto es falso: las 300 escuelas siguen abiertas."),
        ("misleading", "Es engañoso: el programa cambió de nombre."),
    ]


def test_a_section_named_in_passing_is_no_section():
    mention = _web(
        f"{CSP}: Buenos días.",
        "PREGUNTA: Buenos días, Presidenta. Ana López, de Radio Uno. ¿Qué opina de lo que publicó ayer un diario "
        "sobre un enfrentamiento en Sinaloa?",
        f"{CSP}: Era un episodio en Yemen. Y luego se quejan de que tengamos nuestro “Detector de mentiras”. "
        "También el quién es quién en los precios sigue cada lunes.",
        "PREGUNTA: ¿Y el informe de seguridad?",
        "SECRETARIO DE SEGURIDAD Y PROTECCIÓN CIUDADANA, OMAR GARCÍA HARFUCH: El informe se presenta el martes.",
    )
    assert find_sections(parse_transcript(mention)) == []


def test_every_kind_has_its_name_in_both_languages():
    from summarizer.output.wording import SECTION_NAMES

    assert set(SECTION_NAMES["en"]) == set(SECTION_NAMES["es"]) == {kind.key for kind in KINDS}


# ---------------------------------------------------------------- the corpus


@pytest.mark.corpus
@pytest.mark.parametrize("fmt", ["web", "native"])
def test_every_corpus_transcript_has_exactly_its_sections(corpus_dir, fmt):
    found = {}
    for doc_id in EXPECTED:
        doc = parse_transcript((corpus_dir / f"{doc_id}.{fmt}.txt").read_bytes())
        sections = find_sections(doc)
        found[doc_id] = [s.kind for s in sections]
        for s in sections:
            if (doc_id, s.kind) in PRESENTERS:
                assert [p.display for p in s.presenters] == PRESENTERS[(doc_id, s.kind)], doc_id
            assert all(not doc.turns[i].speaker.is_press or len(doc.turns[i].text.split()) < 8 for i in s.turns)
    assert found == EXPECTED


@pytest.mark.corpus
def test_a_section_shown_but_not_transcribed_is_named_by_its_stage_direction(corpus_dir):
    doc = parse_transcript((corpus_dir / "2026-07-23.web.txt").read_bytes())
    [section] = find_sections(doc)
    assert not section.transcribed and section.turns == () and section.presenters == ()
    assert doc.text[section.start:section.end] == ("(VIDEO MUJERES EN LA HISTORIA SOBRE MARÍA DE LA O BARRIGA, "
                                                   "“LA ABOGADA DEL PUEBLO”)")


def test_two_sections_announced_in_one_sentence_are_both_found():
    amlo = "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR"
    report = "Las gasolinas bajaron en todas las regiones del país esta semana, y el diésel también. " * 3
    lies = "Esta semana circuló la versión de que no hubo vuelos el 21 de abril, lo cual resulta falso. " * 3
    doc = parse_transcript("\n\n".join([
        "Versión estenográfica\n\n27 de abril de 2022",
        f"{amlo}: Buenos días. Hoy vamos a informar en el Quién es quién en los precios de los combustibles, y hoy "
        "también coincide que se informa sobre el Quién es quién en las mentiras de la semana.",
        f"PROCURADOR FEDERAL DEL CONSUMIDOR, RICARDO SHEFFIELD PADILLA: {report}",
        f"{amlo}: Muy bien. Ahora, las mentiras.",
        f"ANA ELIZABETH GARCÍA VILCHIS: {lies}",
        "PREGUNTA: Buenos días. ¿Qué opina usted de lo que dijo el gobernador ayer sobre la seguridad del estado?",
    ]) + "\n")
    found = find_sections(doc)
    assert [(s.kind, s.turns) for s in found] == [("prices", (1,)), ("lies_of_the_week", (3,))]
