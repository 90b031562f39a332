"""Summarize: a transcript → a quote-attributed brief (`pipeline`).

`modes` (which mode, which models, why) → `extractive` / `abstractive` (the lines;
`figures` and `lines.guard` keep generated lines faithful) → `compose` (quotes,
participants). `Draft` carries one brief through the stages.
"""

from .options import MODES, GenerationOptions, SummaryOptions
from .pipeline import Summarizer, summarize

__all__ = ["summarize", "Summarizer", "SummaryOptions", "GenerationOptions", "MODES"]
