"""The extractive stage: every line is a chosen sentence of the transcript, translated
when the brief's language differs. No summarization model."""

from __future__ import annotations

from ..output import Line
from ..progress import as_stage
from .draft import Draft
from .lines import chosen_line


def extractive_lines(draft: Draft) -> tuple[list[Line], Line]:
    """One line per point (its story's line) and the lead (the top story's line)."""
    topics = draft.selection.topics
    lead_sent = draft.selection.lead
    chosen = [t.line for t in topics] + ([lead_sent] if lead_sent else [])
    draft.report("translate", 0, len(chosen))
    texts = draft.translate([s.text for s in chosen], progress=as_stage(draft.report, "translate"))
    draft.report("translate", len(chosen), len(chosen))
    lines = [chosen_line(t.line, text, t.exchange) for t, text in zip(topics, texts)]
    lead = chosen_line(lead_sent, texts[-1], -1) if lead_sent else Line("", -1)
    return lines, lead
