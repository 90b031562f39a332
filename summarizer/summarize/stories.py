"""Compose the day's stories for the brief: labels in its language, who asked, shares.

`story_texts` says what needs translating (the labels), so that it goes to the model in
the brief's one pass of remaining translations.
"""

from __future__ import annotations

from ..output import Story
from ..output.wording import asker
from .draft import Draft


def story_texts(draft: Draft) -> list[str]:
    """What the stories need translated: their labels, in order."""
    return [s.label for s in draft.selection.stories if s.label]


def compose_stories(draft: Draft) -> tuple[Story, ...]:
    """The selection's stories, best first, in the brief's language; each knows its point."""
    selection = draft.selection
    labels = iter(draft.translate(story_texts(draft)))
    points = {topic.story: n for n, topic in enumerate(selection.topics)}
    askers = {q.turns: asker(q.questioner.name if q.questioner else None, q.outlet, draft.target, q.feminine)
              for q in selection.questions}
    by_segment: dict[int, list] = {}
    for q in selection.questions:
        if q.segment is not None:
            by_segment.setdefault(q.segment.index, []).append(askers[q.turns])
    stories = []
    for found in selection.stories:
        label = next(labels) if found.label else ""
        asked = tuple(name for i in found.segments for name in by_segment.get(i, []))
        stories.append(Story(found.index + 1, label, found.label, found.terms, found.segments, found.turns,
                             found.exchanges, found.questions, asked, round(100 * found.share, 1),
                             points.get(found.index, -1), found.score))
    return tuple(stories)


__all__ = ["compose_stories", "story_texts"]
