"""Progress reports: how every stage tells its caller how far it got.

A `Progress` is called as ``progress(stage, done, total)``: ``stage`` names the step
("parse", "translate", …), ``done`` of ``total`` units are finished. Callers show a bar
(the CLI), a Gradio progress (the web app) or nothing.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator

Progress = Callable[[str, int, int], None]
DocProgress = Callable[[str, str, int, int], None]
"""``progress(doc_id, stage, done, total)``: a batch job's report on one document."""


def silent(stage: str, done: int, total: int) -> None:
    """A `Progress` that reports nothing."""


def as_stage(report: Progress | None, stage: str) -> Progress | None:
    """``report`` with every call renamed to ``stage`` (a sub-step reported as its parent)."""
    if report is None:
        return None
    return lambda _stage, done, total: report(stage, done, total)




class Stopwatch:
    """Seconds spent per stage, summed over every time a stage runs."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def time(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start

    def rounded(self) -> dict[str, float]:
        return {stage: round(seconds, 3) for stage, seconds in self.seconds.items()}


__all__ = ["Progress", "DocProgress", "silent", "as_stage", "Stopwatch"]
