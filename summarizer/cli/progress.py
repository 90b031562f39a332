"""Progress on standard error fed by the API's progress callbacks: `StageBar` for one
brief or translation, `JobBar` for a batch job.

On a terminal they draw tqdm bars. Anywhere else (a log file, a pipe, a CI job) a bar's
redraws would only pile up, carriage returns and all, so they write plain lines instead:
`StageBar` one line per stage when it ends (and one every `EVERY` seconds while a stage
runs long), `JobBar` one line each time another tenth of the documents is finished (and
one every `EVERY` seconds in between, while documents move).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import TextIO

import click

from tqdm import tqdm

EVERY = 30.0
"""Seconds between the plain lines of work that goes on (away from a terminal)."""


def is_terminal(stream: TextIO | None) -> bool:
    """Whether ``stream`` is an open terminal (where a bar may redraw itself)."""
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):  # no isatty, or closed
        return False


def _clock(seconds: float) -> str:
    return tqdm.format_interval(max(0.0, seconds))


class StageBar:
    """One tqdm bar per pipeline stage on a terminal, plain lines elsewhere; pass the
    instance as ``progress=``."""

    def __init__(self, enabled: bool = True, *, stream: TextIO | None = None, every: float = EVERY):
        self.stream = sys.stderr if stream is None else stream
        self.enabled = enabled and self.stream is not None
        self.terminal = self.enabled and is_terminal(self.stream)
        self.every = every
        self._bar: tqdm | None = None
        self._stage: str | None = None
        self._done = self._total = 0
        self._started = self._said = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage != self._stage:
            self.close()
            self._stage, self._started = stage, time.monotonic()
            self._said = self._started
            if self.terminal:
                self._bar = tqdm(total=max(total, 1), desc=f"{stage:>9}", unit="step", file=self.stream, leave=False)
        self._total = max(total, 1)
        self._done = min(done, self._total)
        if self._bar is not None:
            if self._bar.total != self._total:
                self._bar.total = self._total
            self._bar.n = self._done
            self._bar.refresh()
        elif time.monotonic() - self._said >= self.every:
            self._said = time.monotonic()
            percent = 100 * self._done // self._total
            self._line(f"{stage}: {self._done}/{self._total} ({percent}%) after {_clock(self._said - self._started)}")

    def close(self, *, report: bool = True) -> None:
        """End the current stage: its bar goes; away from a terminal, its line is written
        (unless ``report`` is false: the work broke off, and the error says so)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif self._stage is not None and report and not self.terminal:
            seconds = time.monotonic() - self._started
            self._line(f"{self._stage}: {self._done}/{self._total} in {seconds:.1f} s")
        self._stage = None

    def _line(self, text: str) -> None:
        click.echo(text, file=self.stream)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close(report=exc[0] is None)


class JobBar:
    """A batch job's progress: it counts the documents that need work, so its ETA is that
    of real work (skipped documents only shrink its total); documents in flight count by
    the share of their steps done, so long transcripts move it too. A failure is said
    above it, in full the first time an error is seen and by reference after that.
    ``quiet``: no progress, lines go straight to standard error."""

    def __init__(self, task: str, quiet: bool = False, *, stream: TextIO | None = None, every: float = EVERY):
        self.task, self.quiet, self.every = task, quiet, every
        self.stream = sys.stderr if stream is None else stream
        self.terminal = is_terminal(self.stream)
        self.counts: Counter[str] = Counter()
        self.partial: dict[str, float] = {}  # documents in flight: the share of their steps done
        self.errors: dict[str, str] = {}  # an error → the first document that failed with it
        self.total: int | None = None
        self.bar: tqdm | None = None  # on a terminal, from the job's first report
        self._started = time.monotonic()
        self._said = (self._started, 0, 0.0)  # the last plain line: when, tenths finished, work done

    def progress(self, stage: str, done: int, total: int) -> None:
        """The job's ``progress`` callback."""
        if stage == "batch":
            if self.total is None:
                self.total = total
                if self.terminal and not self.quiet:
                    self.bar = tqdm(total=total, file=self.stream, dynamic_ncols=True, desc=self.task,
                                    bar_format="{l_bar}{bar}| [{elapsed}<{remaining}{postfix}]")
                self._show()
            return
        doc_id = stage.partition(":")[2]
        if total > 0 and doc_id:
            self.partial[doc_id] = min(1.0, done / total) * 0.999
            self._show()

    def record(self, result) -> None:
        """Count a finished document (a `DocResult`); report a failure."""
        self.counts[result.status] += 1
        self.partial.pop(result.id, None)
        if result.status == "skipped":
            self.total = max(0, (self.total or 0) - 1)
            if self.bar is not None:
                self.bar.total = self.total
        elif result.status == "failed":
            error = result.error or "failed"
            first = self.errors.setdefault(error, result.id)
            self.say(f"failed: {result.id}: {error}" if first == result.id else
                     f"failed: {result.id}: the same error as {first}")
        self._show()

    def say(self, line: str) -> None:
        """A line above the bar."""
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
        else:
            click.echo(line, file=self.stream)

    def closing(self) -> str:
        return f"{self.counts['done']} done, {self.counts['skipped']} skipped, {self.counts['failed']} failed"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.leave = bool(self.counts)  # a job refused before any document: no empty bar left
            self.bar.close()

    def _show(self) -> None:
        finished = self.counts["done"] + self.counts["failed"]
        extra = "".join(f", {self.counts[k]} {k}" for k in ("failed", "skipped") if self.counts[k])
        if self.bar is not None:
            self.bar.set_postfix_str(f"{finished}/{self.bar.total or 0} docs{extra}", refresh=False)
            step = finished + sum(self.partial.values()) - self.bar.n
            if step > 0:
                self.bar.update(step)  # redraws at most ten times a second
            else:
                self.bar.refresh()
        elif not self.quiet and not self.terminal and self.total:
            self._plain(finished, extra)

    def _plain(self, finished: int, extra: str) -> None:
        """A plain line when another tenth of the documents is finished, or every `every`
        seconds while the work moves."""
        now, work = time.monotonic(), finished + sum(self.partial.values())
        tenths = 10 * finished // self.total
        when, said_tenths, said_work = self._said
        if tenths <= said_tenths and (now - when < self.every or work <= said_work):
            return
        self._said = (now, tenths, work)
        elapsed = now - self._started
        left = f", about {_clock(elapsed * (self.total - work) / work)} left" if 0 < work < self.total else ""
        self.say(f"{self.task}: {finished}/{self.total} documents ({100 * finished // self.total}%){extra}; "
                 f"{_clock(elapsed)} elapsed{left}")
