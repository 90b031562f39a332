"""A progress bar on standard error fed by the API's progress callback."""

from __future__ import annotations

import sys

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
