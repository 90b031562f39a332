"""The result of `summarize()`: plain frozen dataclasses that serialise to JSON."""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Quote, Segment, Speaker
from ..files import atomic_write
from .markdown import summary_markdown
from .parts import Line, Point, Question, RecurringSection, SpeakerShare, Story


@dataclass(frozen=True)
class Summary:
    """A brief of one transcript.

    Attributes:
        lead: the lead paragraph, in the target language: the top story's line.
        points: one per top story, best first (`stories`).
        quotes: the best quotes, best first, each with original and translation.
        speakers: the participants: officials who spoke, then named questioners.
        source_lang, target_lang: "es" or "en".
        mode: "abstractive" or "extractive"; mode_reason says why.
        lead_line: the lead with its sources (and offsets when extractive).
        title, date: of the conference, when the transcript gives them.
        provenance: models (ids, revisions, folders), options, seconds per stage.
        warnings: what the reader should know (a line replaced, bytes replaced in the
            input…), in the brief's language.
        notes: the same, for programs: ``{"code", "params"}`` each (see `summarizer.notes`).
        segments: the transcript's subject segments (a point's line and quote lie in
            ``segments[point.line.segment]``).
        questions: the press questions, in the order asked, with their answers (empty when
            ``SummaryOptions.questions`` is off).
        sections: the show's recurring sections found, with what they claimed.
        shares: who spoke, how much, largest share first.
        stories: the day's stories, best first, each labelled (`Story`); the points are
            the top ones.
    """

    lead: str
    points: tuple[Point, ...]
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    source_lang: str
    target_lang: str
    mode: str
    mode_reason: str
    lead_line: Line | None = None
    title: str | None = None
    date: str | None = None
    provenance: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    notes: tuple[dict[str, Any], ...] = ()
    segments: tuple[Segment, ...] = ()
    questions: tuple[Question, ...] = ()
    sections: tuple[RecurringSection, ...] = ()
    shares: tuple[SpeakerShare, ...] = ()
    stories: tuple[Story, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        return summary_markdown(self)

    def to_docx_bytes(self) -> bytes:
        """The brief as a Word document (.docx), every word in the brief's language."""
        from .docx import summary_docx

        return summary_docx(self)

    def to_docx(self, path: str | os.PathLike) -> Path:
        """Write the brief as a Word document at ``path`` (atomically); returns the path written."""
        return atomic_write(path, self.to_docx_bytes())


__all__ = ["Summary", "Line", "Point"]
