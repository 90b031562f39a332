"""Candidate quotes: verbatim spans an official said, at sentence and clause level.

A candidate is either one to three consecutive sentences of one paragraph, or
one to three consecutive clauses of one sentence (cut at ``; : , — –`` and
similar marks), of a turn whose speaker may be quoted: not the press, not a
voice inside a video clip, not a page printed twice. Every candidate keeps
offsets into the transcript, ``doc.text[c.start:c.end]`` is its text verbatim,
and it carries the turn, exchange and speaker that hold it.

The number of candidates is linear in the length of the transcript: at most
three sentence windows per sentence and three clause windows per clause.
Sentence windows do not run over a line break: the stenographic versions break
lines after nearly every sentence, and windows across them were tried and
scored worse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Speaker, Transcript, Turn
from ..parse.sentences import paragraph_spans, sentence_spans

MAX_SENTENCES = 3
"""Sentence windows hold one to this many consecutive sentences."""
MAX_CLAUSES = 3
"""Clause windows hold one to this many consecutive clauses of one sentence."""
MAX_WORDS = 90
"""A window of several sentences or clauses longer than this (in words) is not a quote
anyone would print; a single sentence stays a candidate whatever its length (its
clauses give the shorter quotes)."""
MIN_CLAUSE_WORDS = 3
"""A clause window shorter than this is a fragment, not a quote."""
LONG_PARAGRAPH = 200
"""A paragraph of more sentences than this is not how anyone transcribes speech (a page
pasted without its line breaks): its sentences are candidates one by one, without the
windows of several sentences or clauses, so that selection stays fast on such input."""

# A short span that opens with one of these is a greeting or a hand-over, not a quote.
_FILLER = re.compile(
    r"(?:(?:muy\s+)?buen(?:os|as|o)?\s+(?:días|tardes|noches|día)|(?:muchas\s+)?gracias|adelante|a\s+ver|"
    r"bueno|sí|claro|exacto|así\s+es|correcto|perdón|con\s+(?:su\s+)?permiso|ok|ándale|órale|hola|"
    r"por\s+favor|good\s+morning|thank\s+you|thanks)\b",
    re.IGNORECASE,
)
FILLER_WORDS = 8
"""Spans shorter than this that open with a greeting or hand-over are `Candidate.filler`."""

# Where a sentence splits into clauses: the mark and the spaces around it.
_CLAUSE_CUT = re.compile(r"\s*(?:[;:,]|\s[—–―-]+\s?|[—–―]+|\.\.\.|…)\s*")
# What a span may not start or end with once cut out of its sentence.
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
        sentence: index (within the turn) of the first sentence the span touches.
        sentences: number of sentences in the turn (for relative positions).
        width: sentences in a sentence window, clauses in a clause window.
        clause: True for a part of one sentence, False for whole sentences.
        words: white-space separated words of the span.
        filler: a short greeting or hand-over ("Buenos días.", "Adelante."): never chosen.
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
    clause: bool
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


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of the sentence ``text[start:end]``, trimmed, in order."""
    spans, s = [], start
    for match in _CLAUSE_CUT.finditer(text, start, end):
        if match.start() > s:
            spans.append(trim(text, s, match.start()))
        s = match.end()
    if s < end:
        spans.append(trim(text, s, end))
    return [(a, b) for a, b in spans if b > a]


def _words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _candidate(text: str, turn: Turn, exchange: int, start: int, end: int, paragraph: int, sentence: int,
               sentences: int, width: int, clause: bool) -> Candidate:
    words = _words(text, start, end)
    filler = words < FILLER_WORDS and bool(_FILLER.match(text, start, end))
    return Candidate(start, end, turn.index, exchange, turn.speaker, paragraph, sentence, sentences, width, clause,
                     words, filler)


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


def _clause_windows(text: str, sentence: tuple[int, int]) -> list[tuple[int, int, int]]:
    """(start, end, width) of each run of 1–3 clauses that is not the whole sentence."""
    clauses = clause_spans(text, *sentence)
    if len(clauses) < 2:
        return []
    whole = trim(text, *sentence)
    windows = []
    for i in range(len(clauses)):
        for width in range(1, MAX_CLAUSES + 1):
            if i + width > len(clauses):
                break
            start, end = clauses[i][0], clauses[i + width - 1][1]
            n = _words(text, start, end)
            if (start, end) == whole or n > MAX_WORDS:
                break
            if n >= MIN_CLAUSE_WORDS:
                windows.append((start, end, width))
    return windows


def turn_candidates(doc: Transcript, turn: Turn, exchange: int) -> list[Candidate]:
    """Every sentence window and clause window of one turn, paragraph by paragraph."""
    text = doc.text
    result: list[Candidate] = []
    per_paragraph = [sentence_spans(text, ps, pe) for ps, pe in paragraph_spans(text, turn.start, turn.end)]
    total = sum(len(s) for s in per_paragraph)
    first = 0
    for p_index, sents in enumerate(per_paragraph):
        long = len(sents) > LONG_PARAGRAPH
        for start, end, i, width in _sentence_windows(text, sents, 1 if long else MAX_SENTENCES):
            result.append(_candidate(text, turn, exchange, start, end, p_index, first + i, total, width, False))
        for i, sentence in enumerate([] if long else sents):
            for start, end, width in _clause_windows(text, sentence):
                result.append(_candidate(text, turn, exchange, start, end, p_index, first + i, total, width, True))
        first += len(sents)
    return result


def candidates(doc: Transcript) -> list[Candidate]:
    """Every candidate quote of ``doc``, in transcript order of their turns."""
    result: list[Candidate] = []
    for turn, exchange in quotable_turns(doc):
        result.extend(turn_candidates(doc, turn, exchange))
    return result
