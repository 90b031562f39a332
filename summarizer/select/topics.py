"""Key sentences and topics: every whole sentence of an official's turn scored by the
quote ranker (`KeySentence`), grouped by segment; a brief's point (`Topic`: a story's
line and key sentences, see `points`); the best quote within some stretches of the
transcript (`quote_within`). Pure functions over a `Transcript`: no model.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Quote, Segment, Speaker, Transcript
from .ranker import MIN_QUOTE_WORDS, Ranking, to_quotes
from .segments import segment_finder


@dataclass(frozen=True)
class KeySentence:
    """A sentence of an official's turn, with offsets, speaker and salience."""

    start: int
    end: int
    text: str
    speaker: Speaker
    turn: int
    exchange: int
    score: float
    segment: int = -1
    attribution: str = "label"

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Topic:
    """A point of the brief: a story's line (in ``segment``), its key sentences (in order),
    how newsworthy it is, the question asked about it, and the story (`Selection.stories`)."""

    segment: Segment
    sentences: tuple[KeySentence, ...]
    line: KeySentence
    salience: float
    question: str | None = None
    story: int = -1

    @property
    def exchange(self) -> int:
        return self.segment.exchange


def key_sentences(doc: Transcript, ranking: Ranking, segments: list[Segment]) -> list[KeySentence]:
    """Every whole sentence of a quotable turn, scored by the ranker, with its segment."""
    result = []
    segment_at = segment_finder(segments)
    for scored in ranking.ranked:
        c = scored.candidate
        if c.width != 1:
            continue
        segment = segment_at(c.start)
        result.append(KeySentence(c.start, c.end, doc.text[c.start:c.end], c.speaker, c.turn, c.exchange,
                                  scored.score, segment.index if segment is not None else -1,
                                  doc.turns[c.turn].attribution))
    return sorted(result, key=lambda s: s.start)


def _readable(sentence: KeySentence) -> bool:
    return 8 <= sentence.words <= 50 and not sentence.text.rstrip().endswith("?")


def sentences_by_segment(doc: Transcript, ranking: Ranking, segments: list[Segment]) -> dict[int, list[KeySentence]]:
    """`key_sentences` grouped by their segment's index (-1: in no segment), in order."""
    grouped: dict[int, list[KeySentence]] = {}
    for sentence in key_sentences(doc, ranking, segments):
        grouped.setdefault(sentence.segment, []).append(sentence)
    return grouped


def best_sentence(sentences: list[KeySentence]) -> KeySentence:
    """The sentence that can stand as a line: the best scored of the readable ones (8–50
    words, not a question), else the best scored."""
    ranked = sorted(sentences, key=lambda s: -s.score)
    readable = [s for s in ranked if _readable(s)]
    return readable[0] if readable else ranked[0]


def overlaps_any(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` shares a character with any of ``spans``."""
    return any(start < e and s < end for s, e in spans)


POINT_QUOTE_WORDS = 40
"""A point's quote is evidence beside its line, not a paragraph: at most this many words."""


def quote_within(doc: Transcript, stretches: Sequence[tuple[int, int]], avoid: Sequence[tuple[int, int]],
                 ranking: Ranking) -> Quote | None:
    """The best candidate of at most `POINT_QUOTE_WORDS` words inside one of ``stretches``
    (a segment, a story's segments, a reply's turns) that overlaps none of ``avoid``, as a
    `Quote` with its reasons; None rather than a quote about another subject."""
    turns = {t.index for s, e in stretches for t in _turns_over(doc, s, e)}
    for i in sorted(i for t in turns for i in ranking.by_turn.get(t, ())):  # best first
        scored = ranking.ranked[i]
        c = scored.candidate
        if (not c.filler and MIN_QUOTE_WORDS <= c.words <= POINT_QUOTE_WORDS
                and any(s <= c.start and c.end <= e for s, e in stretches) and not overlaps_any(c.start, c.end, avoid)):
            return to_quotes(doc, [ranking.explain(scored)])[0]
    return None


def _turns_over(doc: Transcript, start: int, end: int):
    """The turns that share characters with ``start:end``."""
    first = doc.turn_at(start)
    i = first.index if first is not None else bisect.bisect_right(doc.turns, start, key=lambda t: t.start)
    while i < len(doc.turns) and doc.turns[i].start < end:
        if doc.turns[i].end > start:
            yield doc.turns[i]
        i += 1
