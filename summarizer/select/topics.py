"""Select what a brief covers: the salient subject segments (topics), their key
sentences, and for each the sentence that can stand as the topic's line.

A topic is one `Segment`: its line, its key sentences and its quote all come from
that segment, and no two topics share one. Pure functions over a `Transcript`: no
model is involved.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Quote, Segment, Speaker, Transcript
from .archive import default_stats
from .ranker import MIN_QUOTE_WORDS, Ranking, to_quotes
from .segments import IdfFunction, cosine, segment_finder
from .words import content_words


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
    """A salient segment: its key sentences (in order), its best line, the question it answers."""

    segment: Segment
    sentences: tuple[KeySentence, ...]
    line: KeySentence
    salience: float
    question: str | None = None

    @property
    def exchange(self) -> int:
        return self.segment.exchange


def key_sentences(doc: Transcript, ranking: Ranking, segments: list[Segment]) -> list[KeySentence]:
    """Every whole sentence of a quotable turn, scored by the ranker, with its segment."""
    result = []
    segment_at = segment_finder(segments)
    for scored in ranking.ranked:
        c = scored.candidate
        if c.clause or c.width != 1:
            continue
        segment = segment_at(c.start)
        result.append(KeySentence(c.start, c.end, doc.text[c.start:c.end], c.speaker, c.turn, c.exchange,
                                  scored.score, segment.index if segment is not None else -1,
                                  doc.turns[c.turn].attribution))
    return sorted(result, key=lambda s: s.start)


def _readable(sentence: KeySentence) -> bool:
    return 8 <= sentence.words <= 50 and not sentence.text.rstrip().endswith("?")


SIZE_WEIGHT = 0.25
"""How much a segment's length (log words) adds to its salience: the big subjects, a little."""
REDUNDANCY = 5.0
"""How much a segment's similarity (cosine of its words) to a topic already chosen takes off."""


def sentences_by_segment(doc: Transcript, ranking: Ranking, segments: list[Segment]) -> dict[int, list[KeySentence]]:
    """`key_sentences` grouped by their segment's index (-1: in no segment), in order."""
    grouped: dict[int, list[KeySentence]] = {}
    for sentence in key_sentences(doc, ranking, segments):
        grouped.setdefault(sentence.segment, []).append(sentence)
    return grouped


def select_topics(doc: Transcript, ranking: Ranking, segments: list[Segment], max_topics: int = 6,
                  per_topic: int = 4, min_words: int = 30, idf: IdfFunction | None = None,
                  by_segment: dict[int, list[KeySentence]] | None = None) -> list[Topic]:
    """The ``max_topics`` most salient segments, in the order of the conference
    (``by_segment``: `sentences_by_segment`, when the caller has it already).

    A segment's salience is the mean ranker score of its three best sentences plus a little
    for its length; topics are taken greedily by salience less their similarity to those
    already taken (maximal marginal relevance), so the brief covers different subjects."""
    if by_segment is None:
        by_segment = sentences_by_segment(doc, ranking, segments)
    topics = [_topic(doc, segments[index], sentences, per_topic) for index, sentences in by_segment.items()
              if index >= 0 and sum(s.words for s in sentences) >= min_words]
    chosen = _diverse(sorted(topics, key=lambda t: -t.salience), max_topics, idf or default_stats().word_idf)
    return sorted(chosen, key=lambda t: t.segment.index)


def best_sentence(sentences: list[KeySentence]) -> KeySentence:
    """The sentence that can stand as a line: the best scored of the readable ones (8–50
    words, not a question), else the best scored."""
    ranked = sorted(sentences, key=lambda s: -s.score)
    readable = [s for s in ranked if _readable(s)]
    return readable[0] if readable else ranked[0]


def _topic(doc: Transcript, segment: Segment, sentences: list[KeySentence], per_topic: int) -> Topic:
    ranked = sorted(sentences, key=lambda s: -s.score)
    words = sum(s.words for s in sentences)
    salience = sum(s.score for s in ranked[:3]) / min(3, len(ranked)) + SIZE_WEIGHT * math.log(words)
    line = best_sentence(sentences)
    chosen = sorted(set(ranked[: max(1, per_topic)]) | {line}, key=lambda s: s.start)
    question = doc.text[segment.question[0]:segment.question[1]] if segment.question else None
    return Topic(segment, tuple(chosen), line, round(salience, 3), question)


def _diverse(topics: list[Topic], limit: int, idf: IdfFunction) -> list[Topic]:
    """Greedy maximal marginal relevance: each next topic the most salient once its
    similarity to the topics chosen is paid for."""
    bags = [Counter(w for s in t.sentences for w in content_words(s.text)) for t in topics]
    similarity = [0.0] * len(topics)  # to the closest topic chosen so far
    chosen: list[int] = []
    while len(chosen) < min(limit, len(topics)):
        best = max((i for i in range(len(topics)) if i not in chosen),
                   key=lambda i: topics[i].salience - REDUNDANCY * similarity[i])
        chosen.append(best)
        similarity = [max(similarity[i], cosine(bags[i], bags[best], idf)) for i in range(len(topics))]
    return [topics[i] for i in chosen]


def lead_sentence(topics: list[Topic], used: set[tuple[int, int]],
                  quoted: Sequence[tuple[int, int]] = ()) -> KeySentence | None:
    """The lead of an extractive brief: the best sentence of the salient topics
    (a sentence's score plus its topic's salience) that is not already a
    topic's line, readable ones first, and outside the ``quoted`` spans (the brief's
    quotes: a lead its first quote repeats says nothing new) unless every sentence is in
    one; None when every sentence is a line."""
    for readable_only, avoid in ((True, quoted), (False, quoted), (True, ()), (False, ())):
        best = _best_unused(topics, used, readable_only, avoid)
        if best is not None:
            return best
    return None


def _best_unused(topics: list[Topic], used: set[tuple[int, int]], readable_only: bool,
                 avoid: Sequence[tuple[int, int]]) -> KeySentence | None:
    best, best_value = None, float("-inf")
    for topic in topics:
        for sentence in topic.sentences:
            if ((sentence.start, sentence.end) in used or (readable_only and not _readable(sentence))
                    or _overlaps_any(sentence.start, sentence.end, avoid)):
                continue
            value = sentence.score + 0.5 * topic.salience
            if value > best_value:
                best, best_value = sentence, value
    return best


def _overlaps_any(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` shares a character with any of ``spans``."""
    return any(start < e and s < end for s, e in spans)


POINT_QUOTE_WORDS = 40
"""A point's quote is evidence beside its line, not a paragraph: at most this many words."""


def point_quote(doc: Transcript, topic: Topic, avoid: list[tuple[int, int]], ranking: Ranking) -> Quote | None:
    """The quote of a topic: `segment_quote` of its segment."""
    return segment_quote(doc, topic.segment, avoid, ranking)


def segment_quote(doc: Transcript, segment: Segment, avoid: list[tuple[int, int]], ranking: Ranking) -> Quote | None:
    """The best candidate of at most `POINT_QUOTE_WORDS` words inside ``segment`` that
    overlaps none of ``avoid``, as a `Quote` with its reasons; None rather than a quote about
    another subject."""
    for scored in ranking.ranked:
        c = scored.candidate
        if (not c.filler and MIN_QUOTE_WORDS <= c.words <= POINT_QUOTE_WORDS and segment.holds(c.start, c.end)
                and not _overlaps_any(c.start, c.end, avoid)):
            return to_quotes(doc, [ranking.explain(scored)])[0]
    return None
