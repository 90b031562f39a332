"""Select what a brief covers: the salient subject segments (topics), their key
sentences, and for each the sentence that can stand as the topic's line.

A topic is one `Segment`: its line, its key sentences and its quote all come from
that segment, and no two topics share one. Pure functions over a `Transcript`: no
model is involved.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..document import Quote, Segment, Speaker, Transcript
from .quotes import candidate_sentences, ranked_quotes, score_sentence, sentence_context
from .segments import segments as find_segments


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


def key_sentences(doc: Transcript, segments: list[Segment] | None = None) -> list[KeySentence]:
    """Every usable sentence of an official's turn, scored, with its segment."""
    segments = find_segments(doc) if segments is None else segments
    segment_of = {span: seg.index for seg in segments for span in seg.sentences}
    context = sentence_context(doc)
    result = []
    for s in candidate_sentences(doc):
        if s.list_item or s.reading:
            continue
        text = doc.text[s.start:s.end]
        score, _ = score_sentence(text, context)
        result.append(KeySentence(s.start, s.end, text, s.turn.speaker, s.turn.index, s.exchange, score,
                                  segment_of.get((s.start, s.end), -1)))
    return result


def _readable(sentence: KeySentence) -> bool:
    return 8 <= sentence.words <= 50 and not sentence.text.rstrip().endswith("?")


def select_topics(doc: Transcript, max_topics: int = 6, per_topic: int = 4, min_words: int = 30,
                  segments: list[Segment] | None = None) -> list[Topic]:
    """The ``max_topics`` most salient segments, in the order of the conference."""
    segments = find_segments(doc) if segments is None else segments
    by_segment: dict[int, list[KeySentence]] = {}
    for sentence in key_sentences(doc, segments):
        if sentence.segment >= 0:
            by_segment.setdefault(sentence.segment, []).append(sentence)
    topics = []
    for index, sentences in by_segment.items():
        words = sum(s.words for s in sentences)
        if words < min_words:
            continue
        ranked = sorted(sentences, key=lambda s: -s.score)
        salience = sum(s.score for s in ranked[:3]) / min(3, len(ranked)) + math.log(words)
        readable = [s for s in ranked if _readable(s)]
        line = readable[0] if readable else ranked[0]
        chosen = sorted(set(ranked[: max(1, per_topic)]) | {line}, key=lambda s: s.start)
        segment = segments[index]
        question = doc.text[segment.question[0]:segment.question[1]] if segment.question else None
        topics.append(Topic(segment, tuple(chosen), line, round(salience, 3), question))
    topics.sort(key=lambda t: -t.salience)
    return sorted(_distinct(topics, max_topics), key=lambda t: t.segment.index)


def _distinct(topics: list[Topic], limit: int) -> list[Topic]:
    """Drop a topic whose line repeats the words of a line already chosen."""
    chosen: list[Topic] = []
    seen_words: list[set[str]] = []
    for topic in topics:
        words = _words(topic.line.text)
        if any(len(words & w) / max(1, len(words | w)) > 0.6 for w in seen_words):
            continue
        chosen.append(topic)
        seen_words.append(words)
        if len(chosen) >= limit:
            break
    return chosen


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w{4,}", text.lower()))


def lead_sentence(topics: list[Topic], used: set[tuple[int, int]]) -> KeySentence | None:
    """The lead of an extractive brief: the best sentence of the salient topics
    (a sentence's score plus its topic's salience) that is not already a
    topic's line, readable ones first; None when every sentence is a line."""
    return _best_unused(topics, used, readable_only=True) or _best_unused(topics, used, readable_only=False)


def _best_unused(topics: list[Topic], used: set[tuple[int, int]], readable_only: bool) -> KeySentence | None:
    best, best_value = None, float("-inf")
    for topic in topics:
        for sentence in topic.sentences:
            if (sentence.start, sentence.end) in used or (readable_only and not _readable(sentence)):
                continue
            value = sentence.score + 0.5 * topic.salience
            if value > best_value:
                best, best_value = sentence, value
    return best


def point_quote(doc: Transcript, topic: Topic, avoid: list[tuple[int, int]], ranked: list[Quote] | None = None) -> Quote | None:
    """The best quote inside the topic's segment that overlaps none of ``avoid``; None
    rather than a quote about another subject."""
    ranked = ranked if ranked is not None else ranked_quotes(doc)
    for quote in ranked:
        if not topic.segment.holds(quote.start, quote.end):
            continue
        if any(quote.start < e and s < quote.end for s, e in avoid):
            continue
        return quote
    return None
