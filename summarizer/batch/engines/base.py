"""What every engine is: `Engine`, and the CPU threads it gives PyTorch."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from ...progress import DocProgress
from ..work import BatchSettings, DocOutcome, WorkItem

Worker = Callable[..., list[DocOutcome]]
"""``worker(items, settings, progress=None, models=None) -> outcomes``, like `work.process_documents`."""


class Engine(Protocol):
    """Runs the per-document work; see the module docstring.

    An engine whose workers write the outputs themselves (`RayEngine`) also has
    ``prepare(out_dir)``, which the job calls with the locked output folder before any
    work: its outcomes then carry a staged file (`DocOutcome.staged`) instead of content.
    """

    def run(self, items: Iterable[WorkItem], settings: BatchSettings,
            progress: DocProgress | None = None) -> Iterator[DocOutcome]:
        """One outcome per item, in any order; items are pulled as capacity frees up."""
        ...

    def close(self) -> None:
        """Release workers and models."""
        ...


def cpu_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def set_threads(threads: int) -> None:
    """Use ``threads`` CPU threads for PyTorch in this process (a worker's share of the
    cores; CTranslate2 gets its share through the worker's `Models`)."""
    try:
        import torch
    except ImportError:
        return
    torch.set_num_threads(threads)
    with contextlib.suppress(RuntimeError):  # only allowed before any parallel work
        torch.set_num_interop_threads(1)
