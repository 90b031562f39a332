"""What one brief covers, chosen once: its topics and its quotes."""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Quote, Segment, Transcript
from .quotes import choose_quotes, ranked_quotes
from .segments import segments as find_segments
from .topics import Topic, select_topics


@dataclass(frozen=True)
class Selection:
    """The topics a brief covers and its quotes.

    Attributes:
        doc: the transcript.
        topics: the salient topics, in the order of the conference.
        quotes: the brief's quotes, best first.
        ranked: every quote candidate, best first (points pick theirs from it).
        segments: the transcript's subject segments.
    """

    doc: Transcript
    topics: tuple[Topic, ...]
    quotes: tuple[Quote, ...]
    ranked: tuple[Quote, ...]
    segments: tuple[Segment, ...] = ()


def select(doc: Transcript, *, max_points: int = 6, key_sentences: int = 4, quotes: int = 5) -> Selection:
    """The topics (at most ``max_points``, each with ``key_sentences``) and ``quotes`` quotes of ``doc``."""
    segments = find_segments(doc)
    topics = select_topics(doc, max_points, key_sentences, segments=segments)
    ranked = ranked_quotes(doc)
    return Selection(doc, tuple(topics), tuple(choose_quotes(ranked, quotes)), tuple(ranked), tuple(segments))
