"""Sentence and paragraph spans: exact splits on Spanish transcript text."""

from __future__ import annotations

import pytest

from summarizer.parse.sentences import paragraph_spans, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ("Buenos días. ¿Cómo están? ¡Muy bien!", ["Buenos días.", "¿Cómo están?", "¡Muy bien!"]),
    ("El Dr. Pérez llegó. El Lic. López no.", ["El Dr. Pérez llegó.", "El Lic. López no."]),
    ("Lo dijo el gral. Sandoval. Ok.", ["Lo dijo el gral. Sandoval.", "Ok."]),
    ("Creció 2.5 por ciento. Bien.", ["Creció 2.5 por ciento.", "Bien."]),
    ("EE.UU. y México firmaron. Bien.", ["EE.UU. y México firmaron.", "Bien."]),
    ("Hay S.A. de C.V. aquí. Ok.", ["Hay S.A. de C.V. aquí.", "Ok."]),
    ("El No. 3 también.", ["El No. 3 también."]),
    ("¿Hay acuerdo? No. Vamos a esperar.", ["¿Hay acuerdo?", "No.", "Vamos a esperar."]),
    ("Dijo que no. Luego se fue.", ["Dijo que no.", "Luego se fue."]),
    ("El artículo Art. 4 dice. Bien.", ["El artículo Art. 4 dice.", "Bien."]),
    ("Esto es… no sé. Bueno.", ["Esto es… no sé.", "Bueno."]),
    ("Ahí va... y luego. Fin", ["Ahí va... y luego.", "Fin"]),
    ("¿Verdad?, dijo él. Sí.", ["¿Verdad?, dijo él.", "Sí."]),
    ("Dijo: “Vamos a ganar.” Y ganó.", ["Dijo: “Vamos a ganar.”", "Y ganó."]),
    ("A las 9:30 empezamos. (Aplausos) Gracias.", ["A las 9:30 empezamos.", "(Aplausos) Gracias."]),
    ("Uno.\n\nDos. Tres.\r\nCuatro", ["Uno.", "Dos.", "Tres.", "Cuatro"]),
    ("  \u00a0Sí.\u200b  ", ["Sí."]),
    ("", []),
])
def test_sentence_spans(text, expected):
    assert sentences(text) == expected


def test_sentence_spans_of_a_slice_keep_offsets_into_the_whole_text():
    text = "PREGUNTA: ¿Y el tren? Ya.\nPRESIDENTE: Avanza. Mucho."
    start = text.index("Avanza")
    spans = sentence_spans(text, start, len(text))
    assert [text[s:e] for s, e in spans] == ["Avanza.", "Mucho."]


def test_paragraph_spans_strip_white_space_and_skip_blank_lines():
    text = " Uno. \n\n\t\n\u00a0Dos.\u200b\r\nTres"
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["Uno.", "Dos.", "Tres"]
    assert paragraph_spans("\n \n") == []
