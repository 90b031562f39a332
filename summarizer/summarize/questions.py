"""Compose the brief's press questions and recurring sections: the spans the selection
found, translated into the brief's language in one pass each, as output parts.

`question_texts` and `section_texts` say what they need translated, so that the brief's
remaining translations go to the model in one pass (one call, batches filled).

A question's answer line is its direct answer (`select.answers`), or the line the
summarization model wrote from it and its segment (`answers.answer_lines`, abstractive mode
with ``SummaryOptions.generate_answers``); its quote comes from the answer's segment; its
subject is its story's label. Names an item of a fact-check mentions are kept as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..document import Transcript
from ..output import Excerpt, FactCheck, Line, Question, RecurringSection, Story
from ..output.wording import SECTION_NAMES, asker
from ..select.claims import FactItem
from ..select.questions import AskedQuestion
from ..select.selection import SectionFound
from .draft import Draft
from .lines import chosen_line


def question_texts(draft: Draft, generated: dict[int, Line] | None = None) -> list[str]:
    """What the questions need translated, in the order `compose_questions` reads it."""
    doc = draft.selection.doc
    texts: list[str] = []
    for n, q in enumerate(draft.selection.questions, 1):
        texts += [doc.text[s:e] for s, e in q.sentences]
        texts += [q.line.text] if q.line is not None and n not in (generated or {}) else []
        texts += [q.quote.original] if q.quote is not None else []
    return texts


def compose_questions(draft: Draft, generated: dict[int, Line] | None = None,
                      stories: Sequence[Story] = ()) -> tuple[Question, ...]:
    """Every press question of the selection, in the order asked, in the brief's language;
    ``generated``: answer lines written by the model, by question number (1, 2, …);
    ``stories``: the brief's stories, whose labels say what each question is about."""
    generated = generated or {}
    translated = iter(draft.translate(question_texts(draft, generated)))
    story_of = {segment: n for n, story in enumerate(stories) for segment in story.segments}
    return tuple(_question(draft.selection.doc, n, q, translated, generated.get(n), draft.target, stories, story_of)
                 for n, q in enumerate(draft.selection.questions, 1))


def _question(doc: Transcript, n: int, q: AskedQuestion, translated, line: Line | None, lang: str,
              stories: Sequence[Story], story_of: dict[int, int]) -> Question:
    asked = tuple(_excerpt(doc, (s, e), next(translated)) for s, e in q.sentences)
    if q.line is not None and line is None:
        line = chosen_line(q.line, next(translated), q.exchange)
    quote = replace(q.quote, text=next(translated)) if q.quote is not None else None
    name = q.questioner.name if q.questioner is not None else None
    segment = q.segment.index if q.segment is not None else -1
    story = story_of.get(segment, -1)
    return Question(n, q.exchange, q.turns[0], asker(name, q.outlet, lang, q.feminine), q.questioner, q.outlet,
                    asked, q.answerer, line, quote, segment, q.kind, stories[story].label if story >= 0 else None,
                    story)


def _excerpt(doc: Transcript, span: tuple[int, int], text: str) -> Excerpt:
    """A span with its translation, credited to the speaker of the turn that holds it."""
    start, end = span
    turn = doc.turn_at(start)
    if turn is None or end > turn.end:
        raise ValueError(f"the span {start}:{end} is not inside one turn")  # a selection bug, never the input's
    return Excerpt(doc.text[start:end], start, end, text, turn.speaker, turn.index, turn.attribution)


def section_texts(draft: Draft) -> list[str]:
    """What the recurring sections need translated, in the order `compose_sections` reads it."""
    doc = draft.selection.doc
    texts: list[str] = []
    for section in draft.selection.sections:
        texts += [doc.text[s:e] for (s, e), _ in section.claims]
        for item in section.items:
            texts += [doc.text[slice(*item.claim)]] + ([doc.text[slice(*item.verdict)]] if item.verdict else [])
    return texts


def compose_sections(draft: Draft) -> tuple[RecurringSection, ...]:
    """The recurring sections of the selection, with what they claimed, in the brief's language."""
    translated = iter(draft.translate(section_texts(draft)))
    return tuple(_section(draft.selection.doc, section, translated, draft.target)
                 for section in draft.selection.sections)


def _section(doc: Transcript, found: SectionFound, translated, lang: str) -> RecurringSection:
    section = found.section
    claims = tuple(_excerpt(doc, span, next(translated)) for span, _ in found.claims)
    items = tuple(_fact_check(doc, item, translated) for item in found.items)
    name = SECTION_NAMES.get(lang, SECTION_NAMES["en"])[section.kind]
    original = None if section.transcribed else doc.text[section.start:section.end]
    return RecurringSection(section.kind, name, section.start, section.end, section.presenters, claims, items,
                            section.transcribed, original)


def _fact_check(doc: Transcript, item: FactItem, translated) -> FactCheck:
    claim = _excerpt(doc, item.claim, next(translated))
    verdict = _excerpt(doc, item.verdict, next(translated)) if item.verdict else None
    names = tuple(Excerpt(doc.text[s:e], s, e, doc.text[s:e]) for s, e in item.names)
    return FactCheck(claim, names, verdict, item.rating)


__all__ = ["compose_questions", "compose_sections", "question_texts", "section_texts"]
