"""Summarize: a transcript → a quote-attributed brief (`pipeline`).

`modes` (which mode, which models, why) → `extractive` / `abstractive` (the lines;
`figures` and `lines.guard` keep generated lines faithful; `answers`: the model's answer
lines, when asked for) → `compose` (quotes), `questions` (the press questions and the
recurring sections), `speakers` (participants, speaking shares). `Draft` carries one
brief through the stages.
"""

from .options import MODES, GenerationOptions, SummaryOptions
from .pipeline import Summarizer, summarize

__all__ = ["summarize", "Summarizer", "SummaryOptions", "GenerationOptions", "MODES"]
