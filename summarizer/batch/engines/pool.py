"""`PoolEngine`: the work runs in worker processes that share the CPU cores, each loading
its models once; a worker that dies takes only the document that killed it down."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from ...models import Models
from ...progress import DocProgress
from ...errors import OptionError
from ..work import GROUP_CHARS, BatchSettings, DocOutcome, WorkItem, group_items, process_documents
from .base import Worker, cpu_cores, set_threads

log = logging.getLogger("summarizer")


# In a worker process: where it reports progress, and its copy of the engine's `Models`
# (handed over once, when the process starts, so that its models load once in it).
_progress_queue = None
_models: Models | None = None


def _init_worker(threads: int, progress_queue, parent: int, log_level: int, models: Models) -> None:
    global _progress_queue, _models
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    log.setLevel(log_level)  # as quiet as the job's own logger
    _progress_queue = progress_queue
    _models = dataclasses.replace(models, threads=threads)
    threading.Thread(target=_exit_with_parent, args=(parent,), name="exit-with-parent", daemon=True).start()
    set_threads(threads)


def _exit_with_parent(parent: int) -> None:
    """A job killed with SIGKILL cannot stop its workers: they stop themselves."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)  # the job is gone; its unfinished documents are redone when it is resumed


def _work_in_worker(worker: Worker, items: list[WorkItem], settings: BatchSettings) -> list[DocOutcome]:
    """Run in a worker process: the work, reporting progress (at most every 0.3 s per document)."""
    sink = _progress_queue
    if sink is None:
        return worker(items, settings, None, models=_models)
    last: dict[str, float] = {}

    def progress(doc_id: str, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last.get(doc_id, 0.0) < 0.3:
            return
        last[doc_id] = now
        with contextlib.suppress(Exception):  # progress is never worth failing the work
            sink.put_nowait((doc_id, stage, done, total))

    return worker(items, settings, progress, models=_models)


class PoolEngine:
    """The work runs in ``workers`` processes, each with ``cores // workers`` CPU threads.

    Workers are started with ``spawn`` (no forked PyTorch state) and keep their
    loaded models for as long as the engine lives. At most ``window`` documents
    are in flight, so an archive is never all in memory. If a worker process
    dies (killed, out of memory), the documents it may have been working on are
    run again one at a time in a fresh pool, and only the one that kills a
    worker again fails. Documents to translate under ``group_chars`` share a pass.
    """

    def __init__(self, workers: int, threads: int | None = None, worker: Worker | None = None,
                 window: int | None = None, group_chars: int = GROUP_CHARS, models: Models | None = None):
        if workers < 1:
            raise OptionError("workers must be at least 1")
        self.workers = workers
        self.threads = threads or max(1, cpu_cores() // workers)
        self.worker = worker or process_documents
        self.window = window or 2 * workers
        self.group_chars = group_chars
        self.models = models or Models.from_settings()
        self._pool: ProcessPoolExecutor | None = None
        self._queue = None

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._queue = context.Queue()
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_init_worker,
                initargs=(self.threads, self._queue, os.getpid(), log.getEffectiveLevel(), self.models),
            )
        return self._pool

    def _drain(self, progress: DocProgress | None) -> None:
        while self._queue is not None:
            try:
                message = self._queue.get_nowait()
            except (queue.Empty, OSError, ValueError):
                return
            if progress is not None:
                progress(*message)

    def run(self, items: Iterable[WorkItem], settings: BatchSettings,
            progress: DocProgress | None = None) -> Iterator[DocOutcome]:
        groups = group_items(items, settings, self.group_chars)
        suspects: deque[list[WorkItem]] = deque()
        pending: dict[Future, tuple[list[WorkItem], bool]] = {}
        exhausted = False
        try:
            while True:
                while not exhausted or suspects:
                    if suspects:
                        if pending:
                            break  # a suspect runs alone
                        group, alone = suspects.popleft(), True
                    elif len(pending) < self.window:
                        group, alone = next(groups, None), False
                        if group is None:
                            exhausted = True
                            break
                    else:
                        break
                    future = self._ensure_pool().submit(_work_in_worker, self.worker, group, settings)
                    pending[future] = (group, alone)
                    if alone:
                        break
                if not pending:
                    return
                done, _ = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
                self._drain(progress)
                broken = False
                for future in done:
                    group, alone = pending.pop(future)
                    outcomes: list[DocOutcome] = []
                    try:
                        outcomes = future.result()
                    except BrokenProcessPool:
                        broken = True
                        if alone and len(group) == 1:
                            outcomes = [DocOutcome(
                                group[0][0], None, error="the worker process died while working on this document "
                                "(out of memory, or killed); run it alone to see why", error_type="BrokenProcessPool",
                            )]
                        else:
                            suspects.extend([item] for item in group)
                    except Exception as exc:  # the work itself could not be sent or returned
                        outcomes = [DocOutcome(doc_id, None, error=f"{type(exc).__name__}: {exc}",
                                               error_type=type(exc).__name__) for doc_id, _ in group]
                    yield from outcomes
                if broken:
                    log.warning("a worker process died; rerunning its documents one at a time")
                    for group, _ in pending.values():
                        suspects.extend([item] for item in group)
                    pending.clear()
                    self._stop(force=True)
        finally:
            if pending:
                self._stop(force=True)

    def _stop(self, force: bool = False) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if force:
            for process in list(getattr(pool, "_processes", {}).values()):
                with contextlib.suppress(Exception):
                    process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        if self._queue is not None:
            self._queue.close()
            self._queue = None

    def close(self) -> None:
        self._stop()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._stop(force=exc[0] is not None)
