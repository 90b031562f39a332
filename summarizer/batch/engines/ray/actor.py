"""`DocWorker`: one Ray actor, holding its models, working on groups of documents.

Runs in a Ray worker process. ``process`` runs in the actor's default concurrency
group (one thread: one group of documents at a time, in order); ``poll``, ``info``
and ``probe`` in the ``"control"`` group, so the job can ask a busy actor for its
progress. The models load on first use and stay in the actor's copy of the engine's
`Models`, as in a pool worker.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import socket
import threading
import time
from pathlib import Path

from ....files import TMP_SUFFIX
from ....models import Models
from ...staging import stage
from ...work import BatchSettings, DocOutcome, WorkItem, process_documents
from ..base import Worker, set_threads

log = logging.getLogger("summarizer")

Step = tuple[str, str, int, int]
"""``(doc_id, stage, done, total)``, as `progress.DocProgress` takes it."""


class DocWorker:
    """The work on groups of documents, in a Ray actor; see the module docstring."""

    def __init__(self, worker: Worker | None, threads: int, log_level: int, models: Models):
        set_threads(threads)
        log.setLevel(log_level)  # as quiet as the job's own logger
        self.worker = worker or process_documents
        self.models = dataclasses.replace(models, threads=threads)
        self._lock = threading.Lock()
        self._steps: dict[str, Step] = {}
        self._last: dict[str, float] = {}
        self._docs: list[str] = []

    def info(self) -> dict:
        """Where this actor runs (``pid``, ``host``) and the documents it works on (``docs``)."""
        return {"pid": os.getpid(), "host": socket.gethostname(), "docs": list(self._docs)}

    def process(self, items: list[WorkItem], settings: BatchSettings, stage_dir: str | None) -> list[DocOutcome]:
        """The outcomes of a group; with ``stage_dir``, each output written there (see `staging`)."""
        self._docs = [doc_id for doc_id, _ in items]
        try:
            outcomes = self.worker(items, settings, self._report, models=self.models)
        finally:
            self._docs = []
            with self._lock:
                for doc_id, _ in items:
                    self._last.pop(doc_id, None)
        if stage_dir is None:
            return outcomes
        return [_staged(outcome, stage_dir) for outcome in outcomes]

    def _report(self, doc_id: str, stage: str, done: int, total: int) -> None:
        """Keep a document's latest step (at most one every 0.3 s, and its last) for `poll`."""
        now = time.monotonic()
        with self._lock:
            if done < total and now - self._last.get(doc_id, 0.0) < 0.3:
                return
            self._last[doc_id] = now
            self._steps[doc_id] = (doc_id, stage, done, total)

    def poll(self) -> list[Step]:
        """The latest step of each document that moved since the last poll."""
        with self._lock:
            steps, self._steps = list(self._steps.values()), {}
        return steps

    def probe(self, folder: str, token: str) -> dict:
        """Write ``token`` into a probe file in ``folder``: `info` with its ``path``, and the ``error`` if any."""
        info = self.info()
        path = Path(folder) / f".probe-{info['host']}-{info['pid']}-{token}{TMP_SUFFIX}"
        try:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(token + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            return {**info, "path": str(path), "error": f"{type(exc).__name__}: {exc}"}
        return {**info, "path": str(path), "error": None}


def _staged(outcome: DocOutcome, folder: str) -> DocOutcome:
    """The outcome with its output written into ``folder`` (see `staging.stage`) instead of carried back."""
    if not outcome.ok:
        return outcome
    try:
        path, sha256 = stage(folder, outcome.content)
    except (OSError, UnicodeError) as exc:
        return dataclasses.replace(outcome, content=None, error=f"the Ray worker on {socket.gethostname()} cannot "
                                   f"write into {folder}: {exc}", error_type=type(exc).__name__)
    return dataclasses.replace(outcome, content=None, staged=path, staged_sha256=sha256)


__all__ = ["DocWorker", "Step"]
