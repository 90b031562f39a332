"""Property tests: parsing any text never crashes, and every offset round-trips."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import SummarizerError, parse_transcript
from summarizer.errors import DecodeError, EmptyTranscriptError
from summarizer.parse.sentences import paragraph_spans, sentence_spans

# HYPOTHESIS_EXAMPLES=5000 for a longer hunt; the default keeps the suite fast.
SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Pieces that exercise the label, stage-direction, clip and prose paths.
PIECES = [
    "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: ", "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: ", "PREGUNTA: ",
    "PREGUNTA ", "INTERLOCUTORA: ", "VOZ MUJER: ", "(INICIA VIDEO)", "(FINALIZA VIDEO)", "(ENTREGA DE RECONOCIMIENTO)",
    "---", "—000—", "(Continúa…)", "SECRETARIO DE SALUD: ", "JORGE ALCOCER VARELA", "(ENLACE VIDEOLLAMADA): ",
    " (enlace videollamada): ", "PT: ", "VE-2248: ", "9:30 ", "“", "”", "\"", ", dijo López Obrador.", " said Sheinbaum.",
    "Buenos días, presidente. Tzeltzin Juárez, de SinLineaMX. ", "¿Qué opina?", "Sí.", "Foto: Cuartoscuro",
    "2023: Año de Francisco Villa", "Presidencia de la República | 28 de diciembre de 2023", "\n", "\n\n", "\r\n",
    "\u00a0", "\u200b", "\ufeff", ":", "(", ")", "—", " ", "a", "É", "NIÑO, ", "(EN ESE MOMENTO JEFE DE GOBIERNO)",
]

structured = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
anything = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
labelled_alphabet = st.text(alphabet="ABCDÉÍÓÚÑ ,.:;()¿?¡!—-–\n\r\t\u00a0\u200babcdeé0123“”\"'", max_size=300)


def check(doc) -> None:
    assert doc.format in ("web", "native", "prose")
    assert doc.language in ("es", "en")
    last_end = 0
    for i, turn in enumerate(doc.turns):
        assert turn.index == i
        assert 0 <= turn.start < turn.end <= len(doc.text)
        assert doc.text[turn.start:turn.end] == turn.text
        assert turn.start >= last_end  # turns are in order and never overlap
        last_end = turn.end
        assert turn.speaker.display
    assert [t for e in doc.exchanges for t in e.turns] == list(doc.turns)


CONTROLS = {chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c"} | {"\x7f"}


def parse_or_empty(data):
    try:
        return parse_transcript(data)
    except DecodeError:  # text full of control characters is binary data: refused
        assert isinstance(data, bytes) or "\x00" in data or sum(data.count(c) for c in CONTROLS) > 2
        return None
    except EmptyTranscriptError:
        text = data if isinstance(data, str) else data.decode("utf-8", "replace")
        assert not text.strip(" \t\r\n\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000\x0b\x0c") or isinstance(data, bytes)
        return None


@SETTINGS
@given(structured)
def test_structured_text_parses_and_offsets_round_trip(text):
    doc = parse_or_empty(text)
    if doc is not None:
        check(doc)


@SETTINGS
@given(st.one_of(anything, labelled_alphabet))
def test_any_text_parses_and_offsets_round_trip(text):
    doc = parse_or_empty(text)
    if doc is not None:
        check(doc)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_parse_or_raise_a_package_error(data):
    try:
        doc = parse_transcript(data)
    except SummarizerError:
        return
    check(doc)


@SETTINGS
@given(st.one_of(anything, structured))
def test_sentence_spans_are_ordered_stripped_and_inside_paragraphs(text):
    paragraphs = paragraph_spans(text)
    last = 0
    for s, e in sentence_spans(text):
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip(" \t\r\n\u00a0\u200b")
        assert "\n" not in text[s:e] and "\r" not in text[s:e]
        assert any(ps <= s and e <= pe for ps, pe in paragraphs)
        last = e


def test_pathological_inputs_take_linear_time():
    """Inputs that made earlier versions quadratic: each must parse in well under its budget."""
    import time

    cases = ["“abc def " * 30_000, "PREGUNTA: x\n" * 10_000, "---\nPREGUNTA\nhola\n" * 5_000,
             "JORGE ALCOCER VARELA\nSECRETARIO DE SALUD: hola\n" * 4_000, "(" * 100_000 + "A" * 100_000,
             "Dijo “hola mundo que tal” y luego. " * 5_000]
    for text in cases:
        start = time.perf_counter()
        parse_transcript(text)
        assert time.perf_counter() - start < 5.0, text[:40]
