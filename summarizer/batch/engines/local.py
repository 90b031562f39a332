"""`LocalEngine`: the work runs in this process, one group of documents after another."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from ...models import Models
from ...progress import DocProgress
from ..work import GROUP_CHARS, BatchSettings, DocOutcome, WorkItem, group_items, process_documents
from .base import Worker, set_threads


class LocalEngine:
    """The work runs in this process, one group of documents after another.

    Attributes:
        worker: the work on a group (`process_documents` by default).
        threads: CPU threads for the models; None leaves the `Models`' own (PyTorch's
            default: all cores).
        group_chars: documents to translate under this size share a pass (0: never).
        models: the `Models` the work uses (None: one made from the settings).
    """

    def __init__(self, worker: Worker | None = None, threads: int | None = None, group_chars: int = GROUP_CHARS,
                 models: Models | None = None):
        self.worker = worker or process_documents
        self.threads = threads
        self.models = models or Models.from_settings()
        if threads:
            self.models = dataclasses.replace(self.models, threads=threads)
        self.group_chars = group_chars
        self._threads_set = False

    def run(self, items: Iterable[WorkItem], settings: BatchSettings,
            progress: DocProgress | None = None) -> Iterator[DocOutcome]:
        if self.threads and not self._threads_set:
            set_threads(self.threads)
            self._threads_set = True
        for group in group_items(items, settings, self.group_chars):
            yield from self.worker(group, settings, progress, models=self.models)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
