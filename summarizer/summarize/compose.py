"""Compose a brief: each point gets its quote, quotes get their translations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..document import Quote
from ..output import Line, Point
from ..select.points import story_quote
from .draft import Draft


def attach_quotes(draft: Draft, lines: list[Line], lead: Line | None = None,
                  also: Sequence[str] = ()) -> tuple[list[Point], list[Quote]]:
    """One point per topic (its line, the best quote of its story that repeats neither its
    line, nor the lead, nor another point's quote), and the brief's quotes; every quote
    translated once. ``also``: other texts the brief needs translated, sent in the same
    pass (the model's batches fill better; later stages find them translated)."""
    selection = draft.selection
    point_quotes: list[Quote | None] = []
    used: list[tuple[int, int]] = [(lead.start, lead.end)] if lead is not None and lead.start is not None else []
    for topic, line in zip(selection.topics, lines):
        avoid = used + ([(line.start, line.end)] if line.start is not None else [])
        quote = story_quote(selection.doc, selection.stories[topic.story], avoid, selection.ranking,
                            selection.segments)
        point_quotes.append(quote)
        if quote is not None:
            used.append((quote.start, quote.end))
    distinct = {(q.start, q.end): q for q in list(selection.quotes) + [q for q in point_quotes if q]}
    keys = list(distinct)
    texts = draft.translate([distinct[k].original for k in keys] + list(also))[:len(keys)]
    translated = {k: replace(distinct[k], text=t) for k, t in zip(keys, texts)}
    points = [Point(line, translated[(q.start, q.end)] if q else None, topic.question, topic.story)
              for topic, line, q in zip(selection.topics, lines, point_quotes)]
    return points, [translated[(q.start, q.end)] for q in selection.quotes]
