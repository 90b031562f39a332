"""Subject segments: exact splits on built documents, the seed's subjects apart, linear time."""

from __future__ import annotations

import time

import pytest

from summarizer import parse_transcript
from summarizer.select.segments import depth_scores, label, segments

from support import SEEDS

AMLO = "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR"

REFINERY = [
    "La refinería de Dos Bocas ya procesa petróleo crudo todos los días.",
    "La refinería produce gasolina y diésel para el mercado nacional.",
    "Con la refinería vamos a dejar de comprar gasolina en el extranjero.",
    "La producción de la refinería va a llegar a trescientos mil barriles diarios.",
    "Los trabajadores de la refinería han hecho un gran trabajo con la gasolina.",
]
TRAIN = [
    "Otro tema: el Tren Maya ya llega a Cancún y a Tulum con pasajeros.",
    "El tren tiene vagones nuevos y estaciones en toda la península de Yucatán.",
    "Los boletos del tren cuestan menos para los habitantes de la península.",
    "El tren va a llevar carga y pasajeros por toda la península.",
    "Las estaciones del tren tienen museos y mercados de artesanías.",
]


def web(*turns: str) -> str:
    return "Versión estenográfica\n\n28 de diciembre de 2023\n\n" + "\n\n".join(turns) + "\n"


def test_a_cue_and_a_change_of_vocabulary_split_one_answer():
    doc = parse_transcript(web("PREGUNTA: ¿Cómo va la refinería, presidente?", f"{AMLO}: " + " ".join(REFINERY + TRAIN)))
    found = segments(doc)
    assert [len(s.sentences) for s in found] == [5, 5]
    assert doc.text[found[1].start:found[1].end] == " ".join(TRAIN)
    assert found[0].question == (doc.turns[0].start, doc.turns[0].end) and found[1].question is None
    assert found[0].exchange == found[1].exchange == 0
    assert "refinería" in found[0].label and "tren" in found[1].label


def test_a_follow_up_on_the_same_subject_stays_one_segment():
    doc = parse_transcript(web(
        "PREGUNTA: ¿Cómo va la refinería, presidente?", f"{AMLO}: " + " ".join(REFINERY[:3]),
        "INTERLOCUTOR: ¿Y la gasolina de la refinería?", f"{AMLO}: " + " ".join(REFINERY[3:]),
        "INTERLOCUTOR: ¿Y el tren?", f"{AMLO}: " + " ".join(TRAIN),
    ))
    found = segments(doc)
    assert [len(s.sentences) for s in found] == [5, 5]
    assert found[0].turns == (1, 3) and found[1].turns == (5,)
    assert found[1].question == (doc.turns[4].start, doc.turns[4].end)


def test_a_one_word_answer_joins_the_follow_up():
    doc = parse_transcript(web(
        "PREGUNTA: ¿Cuándo abre la refinería?", f"{AMLO}: Mañana.",
        "INTERLOCUTOR: ¿Y qué produce?", f"{AMLO}: " + " ".join(REFINERY),
    ))
    found = segments(doc)
    assert len(found) == 1 and found[0].turns == (1, 3)
    assert found[0].question == (doc.turns[0].start, doc.turns[0].end)


def test_the_seed_keeps_the_pharmacy_and_sarmiento_apart():
    """The issue's case: one answer about the pharmacy's warehouses, then Sarmiento."""
    doc = parse_transcript((SEEDS / "2023-12-28.web.txt").read_bytes())
    found = segments(doc)
    pharmacy = doc.text.index("Compramos almacenes ya construidos")
    sarmiento = doc.text.index("Pero, con todo respeto, al señor Sarmiento")
    of = {i: next(s.index for s in found if s.start <= i < s.end) for i in (pharmacy, sarmiento)}
    assert of[pharmacy] != of[sarmiento]
    # segments tile the quotable speech in order, each inside one exchange
    assert [s.index for s in found] == list(range(len(found)))
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    for segment in found:
        exchange = doc.exchanges[segment.exchange]
        assert exchange.start <= segment.start and segment.end <= exchange.end
        assert all(doc.turns[t].speaker.quotable for t in segment.turns)


def test_depth_and_label_exactly():
    assert depth_scores([0.5, 0.1, 0.4, 0.4, 0.0, 0.3]) == pytest.approx([0.0, 0.7, 0.0, 0.0, 0.7, 0.0])
    from collections import Counter

    idf = {"tren": 2.0, "península": 3.0, "gasolina": 1.0, "dijo": 0.1}.get
    assert label(Counter({"tren": 3, "península": 1, "gasolina": 2, "dijo": 5}), idf) == ("tren", "gasolina", "dijo")


def test_linear_in_size():
    sentence = "Vamos a seguir trabajando en la refinería y en el tren con mucho cuidado. "
    small = parse_transcript(web(f"{AMLO}: " + sentence * 2_000))
    large = parse_transcript(web(f"{AMLO}: " + sentence * 8_000))
    started = time.perf_counter()
    segments(small)
    small_seconds = time.perf_counter() - started
    started = time.perf_counter()
    segments(large)
    assert time.perf_counter() - started < 8 * small_seconds + 0.5
