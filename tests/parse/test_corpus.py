"""Every corpus transcript, both formats, against the gold; real-copy variants built from them.

The gold is the dataset's own segmentation. Where it loses a speaker change we
split, and the gold turn that swallowed the change is not found (GOLD_ERRORS):

* a known label without a colon inside a turn (``PREGUNTA Presidente, …``,
  ``INTERLOCUTORA ¿La gira …?``): the reporter's words are not the president's;
* a label with a lower-case note (``… JESÚS ESTEVA MEDINA (enlace
  videollamada): ¡Bravo!``): the secretary's words are not the president's;
* a label split over two lines (``GOBERNADORA …, DELFINA GÓMEZ ÁLVAREZ`` +
  ``(ENLACE VIDEOLLAMADA): Hola…``): the note is label, not speech.
"""

from __future__ import annotations

import json
import re
import time

import pytest

from summarizer import parse_transcript
from summarizer.evaluation import gold_misses, normalize

from support import CORPUS
pytestmark = [pytest.mark.corpus,
              pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")]
IDS = sorted(p.name[:10] for p in CORPUS.glob("*.gold.json")) if CORPUS.is_dir() else []

# id → (label, start of text) of the gold turns we split on purpose (see the module notes).
GOLD_ERRORS = {
    "2021-01-18": [("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "Univisión, es de Estados Unidos ¿no? Sí.")],
    "2023-10-30": [("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "No vamos a tener conferencia el día 2")],
    "2025-09-09": [
        ("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO", "Buenos días a todos, a todas. Hoy es seguridad"),
        ("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO", "Gracias, Andrés. ¿Van a hacer banderazo, Jesús?"),
        ("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO", "Adelante. SECRETARIO DE INFRAESTRUCTURA"),
        ("(BANDERAZO DE INICIO DE CONSTRUCCIÓN)", "SECRETARIO DE INFRAESTRUCTURA, COMUNICACIONES Y TRANSPORTES"),
    ],
    "2025-11-25": [("GOBERNADORA DEL ESTADO DE MÉXICO, DELFINA GÓMEZ ÁLVAREZ", "(ENLACE VIDEOLLAMADA): Hola")],
}

# Self-introductions found, per transcript, checked by hand: every name is right (precision),
# and no introduction in the corpus is missed (the list is what a reader finds).
QUESTIONERS = {
    "2019-08-19": ["Carlos Montesinos", "Alberto Rodríguez", "Jesús Medina"],
    "2019-08-28": ["Urbano Barrera", "Carlos Montesinos", "Alfonso Bárcenas", "Joselyn Gutiérrez", "Sandra Aguilera"],
    "2019-11-25": ["Alberto Marroquín Espinosa", "Isabel González", "Mirsa Uribe"],
    "2020-01-08": ["Gerardo Suárez", "Alberto Morales", "Alberto Rodríguez", "Jaime Hernández", "Lorena Ríos", "Lydia Arista"],
    "2020-08-24": ["Reyna Haydee Ramírez", "Manuel Temoltzin", "Carlos Guzmán", "Dalila Escobar"],
    "2020-12-21": ["Carlos Tomasini", "Meme Yamel", "Urbano Barrera", "Carlos Pozos", "Diego Cedillo"],
    "2021-01-18": ["Dalila Escobar", "Misael Zavala", "Diego Elías Cedillo", "Alejandro Madrigal"],
    "2021-02-15": ["Lizbeth Álvarez", "Daniel Blancas", "Lideth Fernández", "Felipe Fierro"],
    "2021-07-13": ["Felipe Fierro", "Liliana Noble", "Carlos Guzmán", "Urbano Barrera"],
    "2022-03-10": ["Demian Duarte", "Nancy Flores", "Mara Rivera"],
    "2022-04-27": ["Nancy Rodríguez", "Judith Sánchez Reyes", "Eduardo Esquivel Ancona", "Nancy Flores"],
    "2023-10-12": ["Alfonso Barrón", "Arturo Contreras", "Tania Damián", "Liliana Noble", "Carlos Guzmán"],
    "2023-10-30": ["Hans Salazar", "Nancy Rodríguez"],
    "2023-12-28": ["Tzeltzin Juárez", "Diego Elías Cedillo"],
    "2024-07-29": ["Shaila Rosagel"],
    "2025-05-01": ["César Huerta", "Manuel Pedrero", "Luis Fernando Salas", "Julio Omar Gómez"],
    "2025-09-09": ["Arturo Páramo", "Israel Aldave", "Noemí Gutiérrez", "Elia Cruz", "Vicente Serrano", "Sandra Aguilar", "Shaila Rosagel",
                   "Nancy Flores"],
    "2025-11-25": ["Berenice Rodríguez", "Ximena Mejía", "Sofía Otero", "Tere Mora Guillén", "Karen Ballesteros",
                   "Liliana Noble"],
    "2025-11-28": ["Bertha Alicia Galindo", "Yareth Arciniega", "Nancy Flores"],
    "2026-03-10": ["Ximena Mejía", "Juan Fierro", "Jennifer Barba", "Ricardo Pérez", "Francisco Montaño"],
    "2026-07-09": ["Yulia Bonilla", "Arturo Pavón", "Adriana Santos", "Karina Aguilar", "Carlos Guzmán", "Sandra Aguilar",
                   "Yareth Arciniega"],
    "2026-07-23": ["Gerardo Segoviano", "Arturo Pavón", "Enrique Muñiz", "Adriana Santos", "Cemeli Hernández",
                   "Hans Salazar", "Oscar Zamudio"],
}


def gold(doc_id: str) -> dict:
    return json.loads((CORPUS / f"{doc_id}.gold.json").read_text(encoding="utf-8"))


_CACHE: dict = {}


def parsed(doc_id: str, fmt: str):
    if (doc_id, fmt) not in _CACHE:
        _CACHE[doc_id, fmt] = parse_transcript((CORPUS / f"{doc_id}.{fmt}.txt").read_bytes())
    return _CACHE[doc_id, fmt]


def assert_gold(doc_id: str, doc) -> None:
    misses = gold_misses(gold(doc_id)["turns"], doc)
    expected = GOLD_ERRORS.get(doc_id, [])
    assert len(misses) == len(expected), misses
    for (label, text), (gold_label, gold_text) in zip(expected, misses):
        assert gold_label == label and gold_text.startswith(text)


@pytest.mark.parametrize("fmt", ["web", "native"])
@pytest.mark.parametrize("doc_id", IDS)
def test_corpus_file_matches_the_gold(doc_id, fmt):
    doc = parsed(doc_id, fmt)
    assert doc.format == fmt and doc.language == "es"
    assert doc.date == gold(doc_id)["date"]
    assert doc.title == gold(doc_id)["title"]
    for turn in doc.turns:
        assert doc.text[turn.start:turn.end] == turn.text
    assert_gold(doc_id, doc)


def test_corpus_agreement_is_above_99_5_percent():
    found = total = 0
    for doc_id in IDS:
        for fmt in ("web", "native"):
            turns = gold(doc_id)["turns"]
            found += len(turns) - len(gold_misses(turns, parsed(doc_id, fmt)))
            total += len(turns)
    assert found / total >= 0.995


@pytest.mark.parametrize("doc_id", IDS)
def test_both_formats_give_the_same_speakers_clips_and_exchanges(doc_id):
    web, native = parsed(doc_id, "web"), parsed(doc_id, "native")
    assert [(t.label, t.speaker.display, t.speaker.kind, t.in_clip, t.repeated) for t in web.turns] == \
           [(t.label, t.speaker.display, t.speaker.kind, t.in_clip, t.repeated) for t in native.turns]
    assert [(e.questioner, e.outlet, len(e.turns)) for e in web.exchanges] == \
           [(e.questioner, e.outlet, len(e.turns)) for e in native.exchanges]


@pytest.mark.parametrize("doc_id", IDS)
def test_questioners_from_self_introductions(doc_id):
    doc = parsed(doc_id, "web")
    names = [e.questioner.name for e in doc.exchanges if e.questioner and not e.turns[0].repeated]
    assert names == QUESTIONERS.get(doc_id, [])


def test_speakers_of_the_whole_corpus_read_well():
    """Sweep every label: a name a journalist can print, a role in English, nothing left in capitals."""
    for doc_id in IDS:
        for speaker in parsed(doc_id, "native").speakers:
            assert speaker.display and speaker.display == speaker.display.strip()
            if speaker.kind == "other":
                assert speaker.label == "VE-2248"  # the only pseudo-label of the corpus
                continue
            if speaker.kind in ("official", "president"):
                assert speaker.name and not speaker.display.isupper(), speaker
                assert len(speaker.display.split()) <= 6, speaker
                if "," in speaker.label or speaker.kind == "president":
                    assert speaker.role and speaker.role_es and not speaker.role.isupper(), speaker


def test_known_corpus_cases():
    sheinbaum_2019 = next(s for s in parsed("2019-11-25", "web").speakers if s.display == "Sheinbaum")
    assert sheinbaum_2019.kind == "official" and sheinbaum_2019.role == "Head of Government of Mexico City"
    assert sum(t.repeated for t in parsed("2022-03-10", "web").turns) == 102  # the second copy of the page
    assert parsed("2024-10-25", "web").partial and not parsed("2025-05-01", "web").partial
    entrega = next(t for t in parsed("2024-07-29", "web").turns if t.label == "(ENTREGA DE RECONOCIMIENTO)")
    assert entrega.speaker.display == "David Aguilar" and not entrega.in_clip
    clip = [t for t in parsed("2019-11-25", "web").turns if t.in_clip]
    assert [t.speaker.display for t in clip][:2] == ["Stage direction", "Unidentified voice"] and len(clip) == 17
    contestants = {s.display for s in parsed("2026-07-23", "web").speakers if "contestant" in (s.role or "")}
    assert {"Tiffany Galaviz", "Miranda González"} <= contestants and len(contestants) == 7


def test_longest_transcript_parses_well_under_a_second():
    data = (CORPUS / "2022-03-10.web.txt").read_bytes()
    parse_transcript(data)
    start = time.perf_counter()
    parse_transcript(data)
    assert time.perf_counter() - start < 1.0


# ---------------------------------------------------------------- real copies built from the corpus


def news_copy(doc_id: str, *, single_breaks: bool = False) -> str:
    """The web.txt as a news site copies it: intro and captions, byline, year motto, video
    markers the dataset dropped, a footer after the end mark; optionally single line breaks."""
    meta = gold(doc_id)
    paragraphs = (CORPUS / f"{doc_id}.web.txt").read_text(encoding="utf-8").split("\n\n")
    title, body = paragraphs[0], paragraphs[2:]  # the date paragraph is rebuilt from meta
    year = meta["date"][:4]
    out = [
        f"EN VIVO: Mañanera de hoy {meta['date_text']}",
        "Ciudad de México.- Sigue aquí la transcripción de la conferencia matutina en Palacio Nacional.",
        "Foto: Presidencia de la República",
        title,
        f"Presidencia de la República | {meta['date_text']}",
        f"{year}: Año de la transformación del pueblo",
    ]
    in_voice = False
    for paragraph in body:
        opens_voice = paragraph.startswith(("VOZ MUJER:", "VOZ HOMBRE:"))
        if opens_voice and not in_voice:
            out.append("(INICIA VIDEO)")
        elif in_voice and re.match(r"^[^a-z:]{3,}:", paragraph) and not opens_voice:
            out.append("(FINALIZA VIDEO)")
        if re.match(r"^[^a-z:]{3,}:", paragraph):
            in_voice = opens_voice
        out.append(paragraph.strip("\n"))
    out += ["Lee también: las claves de la mañanera", "Suscríbete a nuestro boletín"] if "000" in out[-1] else []
    return ("\n" if single_breaks else "\n\n").join(out) + "\n"


@pytest.mark.parametrize("doc_id", IDS)
def test_news_site_copy_gives_the_same_turns(doc_id):
    for single in (False, True):
        doc = parse_transcript(news_copy(doc_id, single_breaks=single))
        assert doc.format == "web" and doc.date == gold(doc_id)["date"]
        assert_gold(doc_id, doc)
        assert [t.text.split()[:3] for t in doc.turns] == [t.text.split()[:3] for t in parsed(doc_id, "web").turns]


@pytest.mark.parametrize("doc_id", ["2019-11-25", "2023-12-28", "2025-11-28", "2026-07-23"])
def test_encodings_and_line_ends_give_the_same_turns(doc_id):
    text = (CORPUS / f"{doc_id}.web.txt").read_text(encoding="utf-8")
    for data in (b"\xef\xbb\xbf" + text.encode("utf-8"), text.replace("\n", "\r\n").encode("utf-8"),
                 text.encode("cp1252", errors="replace")):
        doc = parse_transcript(data)
        assert [normalize(t.label) for t in doc.turns] == [normalize(t.label) for t in parsed(doc_id, "web").turns]
        for turn in doc.turns:
            assert doc.text[turn.start:turn.end] == turn.text
