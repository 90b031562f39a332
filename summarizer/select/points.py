"""The brief's points: its top stories, each with a line and key sentences, and its lead.

The points are the top stories, best first. The lead is the top story's line (the
sentence that says what happened, `news.story_lines`); the first point then says the
same story's next line, so the brief never prints one sentence twice. A point's quote
(`story_quote`) is a whole sentence or two of one speaker from the same story.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..document import Quote, Transcript
from .news import DayContext, NewsModel, load_news, story_lines
from .ranker import Ranker, Ranking, load_ranker
from .stories import Story
from .topics import KeySentence, Topic, quote_within

RANKER_FILE, NEWS_FILE = "ranker.json", "news.json"


@dataclass(frozen=True)
class SelectionModels:
    """The learned parts of selection: the quote ranker and the news models."""

    ranker: Ranker
    news: NewsModel


@lru_cache(maxsize=8)
def selection_models(folder: str | os.PathLike | None = None) -> SelectionModels:
    """The models in ``folder`` (``ranker.json`` and ``news.json``, as the training modules
    write them), or the package's own (None)."""
    if folder is None:
        return SelectionModels(load_ranker(), load_news())
    folder = Path(folder)
    return SelectionModels(load_ranker(str(folder / RANKER_FILE)), load_news(str(folder / NEWS_FILE)))


def story_topics(ctx: DayContext, stories: list[Story], model: NewsModel,
                 per_topic: int = 4) -> tuple[list[Topic], KeySentence | None]:
    """One topic per story that has a line (best first), and the lead: the top story's line."""
    topics: list[Topic] = []
    lead = None
    for story in stories:
        lines = story_lines(ctx, story, model)
        if lead is None and lines:
            lead, lines = lines[0], lines[1:]
        if not lines:
            continue
        line = lines[0]
        sentences = [s for i in story.segments for s in ctx.sentences.get(i, [])]
        best = sorted(sentences, key=lambda s: -s.score)[: max(1, per_topic)]
        chosen = sorted(set(best) | {line}, key=lambda s: s.start)
        segment = ctx.segments[line.segment]
        asked = segment.question or next((ctx.segments[i].question for i in story.segments
                                          if ctx.segments[i].question), None)
        question = ctx.doc.text[asked[0]:asked[1]] if asked else None
        topics.append(Topic(segment, tuple(chosen), line, story.score, question, story.index))
    return topics, lead


def story_quote(doc: Transcript, story: Story, avoid: list[tuple[int, int]], ranking: Ranking,
                segments) -> Quote | None:
    """The best short quote in ``story``'s segments that overlaps none of ``avoid``; None
    rather than a quote about another story."""
    return quote_within(doc, [(segments[i].start, segments[i].end) for i in story.segments], avoid, ranking)


__all__ = ["SelectionModels", "selection_models", "story_topics", "story_quote", "RANKER_FILE", "NEWS_FILE"]
