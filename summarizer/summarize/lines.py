"""The lines of a brief that are sentences of the transcript, and the faithfulness guard
that puts such a sentence in place of a generated line it cannot trust."""

from __future__ import annotations

from dataclasses import replace

from ..notes import Note
from ..output import Line
from ..select import KeySentence
from .draft import Draft
from .figures import unsupported_figures


def chosen_line(sentence: KeySentence, text: str, exchange: int) -> Line:
    """A line that is ``sentence`` of the transcript (``text``: in the brief's language)."""
    return Line(text, exchange, ((sentence.start, sentence.end),), generated=False, original=sentence.text,
                start=sentence.start, end=sentence.end, speaker=sentence.speaker, segment=sentence.segment,
                attribution=sentence.attribution)


def format_figure(value) -> str:
    """A figure as written in a message: 270000, 2.5."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def guard(line: Line, sources: list[str], fallback: KeySentence, draft: Draft, point: int | None = None,
          question: int | None = None) -> Line:
    """``line``, or the speaker's own sentence ``fallback`` when the line has figures that
    are not in its ``sources`` (the reason kept in ``Line.guard`` and the brief's warnings,
    which name the ``point`` or the ``question`` by its number in the brief, or the lead
    when both are None)."""
    bad = unsupported_figures(line.text, sources)
    if not bad:
        return line
    figures = ", ".join(format_figure(f) for f in bad)
    reason = f"figure(s) {figures} in the generated line are not in its source sentences"
    text = draft.translate([fallback.text])[0]
    if question is not None:
        draft.warnings.append(Note("summary.answer_guard", question=question, figures=figures))
    else:
        draft.warnings.append(Note("summary.lead_guard", figures=figures) if point is None
                              else Note("summary.guard", point=point, figures=figures))
    return replace(chosen_line(fallback, text, line.exchange), guard=f"{reason}: {line.text!r}", segment=line.segment)
