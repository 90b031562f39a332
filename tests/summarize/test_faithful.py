"""The faithfulness guard of generated lines: figures, months, names and quoted phrases
must be in the sources, across languages; anything invented is named."""

from __future__ import annotations

import pytest

from summarizer.summarize.faithful import names, problems

SOURCES = ["Bueno, fue muy buena la reunión con el secretario Blinken, con el secretario Mayorkas, el 27 de diciembre.",
           "Se apoyaron 270 mil hogares en Acapulco, dijo.", "López Obrador"]


@pytest.mark.parametrize("line", [
    "López Obrador said the meeting with Blinken and Mayorkas on December 27 was very good.",
    "Mexico supported 270,000 homes in Acapulco.",
    "La reunión con Blinken fue muy buena, dijo López Obrador.",
    "The President said “muy buena la reunión”.",
])
def test_what_the_sources_say_passes(line):
    assert problems(line, SOURCES) == []


def test_what_they_do_not_say_is_named():
    assert problems("Juan Pérez announced 999 new homes in March.", SOURCES) == [
        "figure 999", "month March", "name Juan Pérez"]
    assert problems("El presidente dijo que “la reunión fue excelente”.", SOURCES) == [
        "quote “la reunión fue excelente”"]
    assert problems("Blinken met Ebrard in Washington.", SOURCES) == ["name Ebrard", "name Washington"]


def test_names_of_a_line():
    assert names("The President met Blinken in Mexico City on Monday.") == ["Blinken", "Mexico"]
    assert names("Today Sheinbaum announced the Tren Maya in December.") == ["Sheinbaum", "Tren Maya"]
