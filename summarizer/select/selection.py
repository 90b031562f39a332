"""What one brief covers, chosen once: its segments, topics and quotes."""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Quote, Segment, Transcript
from .archive import ArchiveStats, default_stats
from .ranker import MIN_QUOTE_WORDS, Ranking, choose_quotes, rank, to_quotes
from .segments import segments as find_segments
from .topics import Topic, select_topics


@dataclass(frozen=True)
class Selection:
    """The topics a brief covers and its quotes.

    Attributes:
        doc: the transcript.
        topics: the salient topics (segments), in the order of the conference.
        quotes: the brief's quotes, best first.
        ranking: every quote candidate scored, best first (points pick theirs from it).
        segments: the transcript's subject segments.
    """

    doc: Transcript
    topics: tuple[Topic, ...]
    quotes: tuple[Quote, ...]
    ranking: Ranking
    segments: tuple[Segment, ...] = ()


def select(doc: Transcript, *, max_points: int = 6, key_sentences: int = 4, quotes: int = 5,
           stats: ArchiveStats | None = None) -> Selection:
    """The topics (at most ``max_points``, each with ``key_sentences``) and ``quotes`` quotes
    of ``doc``; ``stats``: archive statistics (default: the table shipped with the package)."""
    stats = stats or default_stats()
    ranking = rank(doc, stats=stats)
    segments = find_segments(doc, idf=stats.word_idf)
    topics = select_topics(doc, ranking, segments, max_points, key_sentences, idf=stats.word_idf)
    chosen = choose_quotes(ranking.ranked, quotes, turn_penalty=ranking.ranker.turn_penalty, min_words=MIN_QUOTE_WORDS)
    return Selection(doc, tuple(topics), tuple(to_quotes(doc, [ranking.explain(s) for s in chosen])), ranking,
                     tuple(segments))
