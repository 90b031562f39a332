"""Inputs built to stall the parser: every shape parses in time linear in its length.

The web app accepts 2 MB; before the fix a 96 KB speaker-label line took 90 s (a name
resolved once per word), so two such requests stalled every other user. The bounds here
are generous (a loaded 2-core machine) and still far below what quadratic work takes."""

from __future__ import annotations

import time

import pytest

from summarizer import Summarizer, SummaryOptions, parse_transcript
from summarizer.document import Kind
from summarizer.parse.labels import MAX_LABEL_CHARS, classify_label
from summarizer.testing import fake_models

MB = 2_000_000

SHAPES = {
    # the attack's reproducer: `print('---'); print('JESÚS RAMÍREZ CUEVAS: '*N)`
    "native label line": "---\n" + "JESÚS RAMÍREZ CUEVAS: " * (MB // 22) + "\n",
    "native labels near the cap": ("---\n" + "SECRETARIO DE SALUD, JORGE ALCOCER VARELA, " * 6 + "\nBuenos días.\n") * (MB // 300),
    "capitals without a colon before a label": "JESÚS RAMÍREZ CUEVAS " * (MB // 21) + "\n\nPREGUNTA: ¿Hola?\n",
    "one web label line": "JESÚS RAMÍREZ CUEVAS: " * (MB // 22),
    "commas in a label": "SECRETARIO, " * (MB // 12) + ": hola\n",
    "prose quotations": "“Hola,” dijo Juan. " * (MB // 19),
    "open brackets": "(" * (MB // 2) + ")" * (MB // 2),
    "text pasted from a PDF": "PREGUNTA: ¿Y la informa-\nción de hoy, que es\nla de ayer y\n" * (MB // 50),
}


@pytest.mark.parametrize("name", SHAPES)
def test_two_megabytes_of_any_shape_parse_in_linear_time(name):
    text = SHAPES[name]
    parse_transcript("PREGUNTA: ¿Hola?")  # the language identifier loads once, outside the clock
    started = time.perf_counter()
    doc = parse_transcript(text, max_bytes=3 * MB)
    took = time.perf_counter() - started
    assert took < 20, f"{name}: {took:.1f} s"
    for turn in doc.turns:
        assert doc.text[turn.start:turn.end] == turn.text


def test_a_label_line_too_long_to_be_a_label_is_speech_of_no_one_with_a_note():
    line = ("JESÚS RAMÍREZ CUEVAS: " * 2000).strip()  # 43,999 characters: the 48 KB reproducer
    text = f"---\n{line}\n---\nPREGUNTA\n¿Y la reforma?\n"
    doc = parse_transcript(text)
    assert [(t.text, t.speaker.kind) for t in doc.turns] == [(line, Kind.OTHER), ("¿Y la reforma?", Kind.PRESS)]
    assert doc.turns[0].start == 4 and not doc.turns[0].speaker.quotable
    assert doc.warnings[0] == ("1 block opens with a line of 43,999 characters or more where the speaker's name goes: "
                               "too long for a name, it is read as speech by an unidentified speaker (never quoted)")


def test_a_label_at_the_cap_is_still_a_label():
    title = "DIRECTOR GENERAL DEL INSTITUTO DE SEGURIDAD Y SERVICIOS SOCIALES DE LOS TRABAJADORES DEL ESTADO"
    label = f"{title}, MARTÍ BATRES GUADARRAMA"
    assert classify_label(label).name == "MARTÍ BATRES GUADARRAMA"
    assert classify_label(label + " ," * ((MAX_LABEL_CHARS - len(label)) // 2 + 1)).kind == Kind.OTHER


def test_the_48_kb_reproducer_gives_a_brief_in_well_under_three_seconds():
    text = "---\n" + "JESÚS RAMÍREZ CUEVAS: " * 2000 + "\n"
    summarizer = Summarizer(SummaryOptions(mode="extractive"), models=fake_models())
    summarizer.summarize("PREGUNTA: ¿Hola?", target="es")  # warm: the language identifier, the word table
    started = time.perf_counter()
    summary = summarizer.summarize(text, target="es")
    assert time.perf_counter() - started < 3
    assert summary.points == () and summary.quotes == ()


PAGES = {  # a PDF's pages as its text layer gives them, shaped to stall the reflow
    "one hyphenated paragraph": "\n".join(["la informa-", "ción de hoy y la de ayer, que es la informa-"] * (MB // 60)),
    "an endless label": "\n".join(["SECRETARIO DE SEGURIDAD Y PROTECCIÓN CIUDADANA DEL GOBIERNO DE MÉXICO"] * (MB // 70)),
    "one long line of letters": "a" * MB + "\nb-",
    "an aside never closed": " -" + "\n".join(["y no todos-", "hacían mal uso de los recursos, y no todos-"] * (MB // 60)),
    "labels on every line": "\n".join(["PREGUNTA: ¿Hola?", "---", "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR"] * (MB // 60)),
}


@pytest.mark.parametrize("name", PAGES)
def test_two_megabytes_of_pdf_lines_reflow_in_linear_time(name):
    from summarizer.parse.reflow import reflow

    page = PAGES[name]
    started = time.perf_counter()
    pages = [page[i:i + MB // 20] for i in range(0, len(page), MB // 20)]  # twenty pages
    rebuilt = reflow(pages)
    took = time.perf_counter() - started
    assert took < 20, f"{name}: {took:.1f} s"
    assert len(rebuilt.text) >= len(page) // 2


def test_two_megabytes_of_furniture_parse_in_linear_time():
    text = "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Hola.\n" + "PUBLICIDAD\nLee también: nada\nSeguimos.\n" * (MB // 40)
    started = time.perf_counter()
    doc = parse_transcript(text, max_bytes=3 * MB)
    assert time.perf_counter() - started < 20
    assert not any("PUBLICIDAD" in turn.text for turn in doc.turns)
