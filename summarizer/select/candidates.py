"""Candidate quotes: verbatim spans an official said, one to three whole sentences.

A candidate is one to three consecutive sentences of one paragraph of a turn whose
speaker may be quoted: not the press, not a voice inside a video clip, not a page
printed twice. A quote never stops mid-sentence: parts of sentences were candidates
once, and gave quotes cut before their content ("Entonces, no quisiera yo que").
Every candidate keeps offsets into the transcript, ``doc.text[c.start:c.end]`` is its
text verbatim, and it carries the turn, exchange and speaker that hold it.

The number of candidates is linear in the length of the transcript: at most three
windows per sentence.
Sentence windows do not run over a line break: the stenographic versions break
lines after nearly every sentence, and windows across them were tried and
scored worse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Speaker, Transcript, Turn
from ..parse.sentences import paragraph_spans, sentence_spans
from .procedure import is_procedure, is_reported

MAX_SENTENCES = 3
"""Sentence windows hold one to this many consecutive sentences."""
MAX_WORDS = 90
"""A window of several sentences longer than this (in words) is not a quote anyone would
print; a single sentence stays a candidate whatever its length."""
LONG_PARAGRAPH = 200
"""A paragraph of more sentences than this is not how anyone transcribes speech (a page
pasted without its line breaks): its sentences are candidates one by one, without the
windows of several sentences, so that selection stays fast on such input."""

# A short span that opens with one of these is a greeting or a hand-over, not a quote.
_FILLER = re.compile(
    r"(?:(?:muy\s+)?buen(?:os|as|o)?\s+(?:días|tardes|noches|día)|(?:muchas\s+)?gracias|adelante|a\s+ver|"
    r"bueno|sí|claro|exacto|así\s+es|correcto|perdón|con\s+(?:su\s+)?permiso|ok|ándale|órale|hola|"
    r"por\s+favor|good\s+morning|thank\s+you|thanks)\b",
    re.IGNORECASE,
)
FILLER_WORDS = 8
"""Spans shorter than this that open with a greeting or hand-over are `Candidate.filler`."""

# What a span may not start or end with.
_LEAD_JUNK = " \t\u00a0,;:.—–―-…)]»”’"
_TAIL_JUNK = " \t\u00a0,;:—–―-([«“‘"
_PAIRS = (("¿", "?"), ("¡", "!"), ("“", "”"), ("«", "»"), ("(", ")"))


@dataclass(frozen=True)
class Candidate:
    """A verbatim span of a quotable turn.

    Attributes:
        start, end: offsets into ``doc.text``.
        turn: index of the turn in ``doc.turns``; exchange: index of its exchange.
        speaker: the turn's speaker (the quote's attribution).
        paragraph: index of the paragraph within the turn.
        sentence: index (within the turn) of the span's first sentence.
        sentences: number of sentences in the turn (for relative positions).
        width: how many sentences it holds (1–3).
        words: white-space separated words of the span.
        filler: a short greeting or hand-over ("Buenos días.", "Adelante."), procedure
            (`procedure.is_procedure`: "Presentaremos este video.") or someone else's words
            (`procedure.is_reported`: a slogan mocked, a headline read aloud), or a span that
            ends asking ("Entonces, ¿88 por ciento era?"): never chosen.
    """

    start: int
    end: int
    turn: int
    exchange: int
    speaker: Speaker
    paragraph: int
    sentence: int
    sentences: int
    width: int
    words: int
    filler: bool = False


def quotable_turns(doc: Transcript) -> list[tuple[Turn, int]]:
    """Turns a quote may come from, each with the index of its exchange."""
    exchange_of = {turn.index: ex.index for ex in doc.exchanges for turn in ex.turns}
    return [(t, exchange_of.get(t.index, 0)) for t in doc.turns
            if t.speaker.quotable and not t.in_clip and not t.repeated]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed past surrounding spaces, cut marks and unpaired brackets."""
    while True:
        before = (start, end)
        while start < end and text[start] in _LEAD_JUNK:
            start += 1
        while end > start and text[end - 1] in _TAIL_JUNK:
            end -= 1
        for left, right in _PAIRS:
            span = text[start:end]
            if span.startswith(left) and right not in span:
                start += 1
            elif span.endswith(right) and left not in span and right in "”»)":
                end -= 1
        if (start, end) == before:
            return start, end


def _words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _candidate(text: str, turn: Turn, exchange: int, start: int, end: int, paragraph: int, sentence: int,
               sentences: int, width: int) -> Candidate:
    words = _words(text, start, end)
    span = text[start:end]
    first = sentence_spans(text, start, end)[0] if width > 1 else (start, end)
    opening = text[first[0]:first[1]]  # a quote opens with its speaker's own words, never procedure
    filler = (words < FILLER_WORDS and bool(_FILLER.match(text, start, end))) or is_procedure(span) \
        or is_procedure(opening) or is_reported(span) or is_reported(opening) or span.endswith("?")
    return Candidate(start, end, turn.index, exchange, turn.speaker, paragraph, sentence, sentences, width, words,
                     filler)


def _sentence_windows(text: str, sents: list[tuple[int, int]], widest: int) -> list[tuple[int, int, int, int]]:
    """(start, end, first sentence, width) of each window of 1 to ``widest`` sentences."""
    windows = []
    for i in range(len(sents)):
        for width in range(1, widest + 1):
            if i + width > len(sents):
                break
            start, end = trim(text, sents[i][0], sents[i + width - 1][1])
            if end <= start:
                continue
            if width > 1 and _words(text, start, end) > MAX_WORDS:
                break
            windows.append((start, end, i, width))
    return windows


def turn_candidates(doc: Transcript, turn: Turn, exchange: int) -> list[Candidate]:
    """Every window of one to three sentences of one turn, paragraph by paragraph."""
    text = doc.text
    result: list[Candidate] = []
    per_paragraph = [sentence_spans(text, ps, pe) for ps, pe in paragraph_spans(text, turn.start, turn.end)]
    total = sum(len(s) for s in per_paragraph)
    first = 0
    for p_index, sents in enumerate(per_paragraph):
        long = len(sents) > LONG_PARAGRAPH
        for start, end, i, width in _sentence_windows(text, sents, 1 if long else MAX_SENTENCES):
            result.append(_candidate(text, turn, exchange, start, end, p_index, first + i, total, width))
        first += len(sents)
    return result


def candidates(doc: Transcript) -> list[Candidate]:
    """Every candidate quote of ``doc``, in transcript order of their turns."""
    result: list[Candidate] = []
    for turn, exchange in quotable_turns(doc):
        result.extend(turn_candidates(doc, turn, exchange))
    return result
