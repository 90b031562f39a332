"""The result of `summarize()`: plain frozen dataclasses that serialise to JSON."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

from ..document import Quote, Segment, Speaker
from .markdown import summary_markdown


@dataclass(frozen=True)
class Line:
    """One line of a brief: the lead or a topic point.

    Attributes:
        text: the line in the target language.
        exchange: the exchange it summarises (-1 for a lead drawn from several).
        sources: ``(start, end)`` offsets of the transcript sentences it came from.
        generated: written by the summarization model (False: chosen sentences).
        original: for a chosen sentence, the sentence verbatim (else None).
        start, end: for a chosen sentence, its offsets (else None).
        speaker: for a chosen sentence, who said it (else None).
        guard: why the faithfulness guard replaced a generated line, else None.
        segment: the subject segment it summarises (`Summary.segments`), -1 for the lead.
    """

    text: str
    exchange: int
    sources: tuple[tuple[int, int], ...] = ()
    generated: bool = False
    original: str | None = None
    start: int | None = None
    end: int | None = None
    speaker: Speaker | None = None
    guard: str | None = None
    segment: int = -1


@dataclass(frozen=True)
class Point:
    """A topic of the conference: its line and the quote that supports it."""

    line: Line
    quote: Quote | None
    question: str | None = None  # the reporter's question that opened the exchange, verbatim

    @property
    def text(self) -> str:
        return self.line.text

    @property
    def exchange(self) -> int:
        return self.line.exchange


@dataclass(frozen=True)
class Summary:
    """A brief of one transcript.

    Attributes:
        lead: the lead paragraph, in the target language.
        points: one per salient topic, in the order of the conference.
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

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        return summary_markdown(self)
