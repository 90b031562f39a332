"""Progress bars on standard error fed by the API's progress callbacks: `StageBar` for
one brief or translation, `JobBar` for a batch job."""

from __future__ import annotations

import sys
from collections import Counter

import click

from tqdm import tqdm


class StageBar:
    """One tqdm bar per pipeline stage; pass the instance as ``progress=``."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled and sys.stderr is not None
        self._bar: tqdm | None = None
        self._stage: str | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage != self._stage:
            self.close()
            self._stage = stage
            self._bar = tqdm(total=max(total, 1), desc=f"{stage:>9}", unit="step", file=sys.stderr, leave=False)
        bar = self._bar
        if bar.total != max(total, 1):
            bar.total = max(total, 1)
        bar.n = min(done, bar.total)
        bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class JobBar:
    """A batch job's bar: it counts the documents that need work, so its ETA is that of
    real work (skipped documents only shrink its total); documents in flight count by the
    share of their steps done, so long transcripts move it too. ``--quiet``: no bar, lines
    go straight to standard error."""

    def __init__(self, task: str, quiet: bool = False):
        self.quiet = quiet
        self.counts: Counter[str] = Counter()
        self.partial: dict[str, float] = {}  # documents in flight: the share of their steps done
        self.bar = tqdm(total=None, file=sys.stderr, disable=quiet, dynamic_ncols=True, desc=task,
                        bar_format="{l_bar}{bar}| [{elapsed}<{remaining}{postfix}]")

    def progress(self, stage: str, done: int, total: int) -> None:
        """The job's ``progress`` callback."""
        if stage == "batch":
            if self.bar.total is None:
                self.bar.total = total
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
            self.bar.total -= 1
        elif result.status == "failed":
            self.say(f"failed: {result.id}: {result.error}")
        self._show()

    def say(self, line: str) -> None:
        """A line above the bar."""
        if self.quiet:
            click.echo(line, err=True)
        else:
            self.bar.write(line, file=sys.stderr)

    def closing(self) -> str:
        return f"{self.counts['done']} done, {self.counts['skipped']} skipped, {self.counts['failed']} failed"

    def close(self) -> None:
        self.bar.close()

    def _show(self) -> None:
        finished = self.counts["done"] + self.counts["failed"]
        extra = "".join(f", {self.counts[k]} {k}" for k in ("failed", "skipped") if self.counts[k])
        self.bar.set_postfix_str(f"{finished}/{self.bar.total or 0} docs{extra}", refresh=False)
        step = finished + sum(self.partial.values()) - self.bar.n
        if step > 0:
            self.bar.update(step)  # redraws at most ten times a second
        else:
            self.bar.refresh()
