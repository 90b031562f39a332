"""Engines: where the per-document work of a batch job runs.

An engine takes ``(doc_id, data)`` pairs and yields one `DocOutcome` per pair,
in any order; it never writes files. `LocalEngine` runs the work in this
process; `PoolEngine` in worker processes, each loading its models once and
using its share of the CPU cores. Both hand `group_items`' groups to
`process_documents`, so small documents share translation batches. A
distributed engine (Ray) needs only the same two methods around
`process_documents`, a plain top-level function of plain values::

    class RayEngine:
        def run(self, items, settings, progress=None):
            task = ray.remote(process_documents)
            refs = [task.remote(group, settings) for group in group_items(items, settings)]
            while refs:
                ready, refs = ray.wait(refs)
                yield from ray.get(ready[0])
        def close(self): ...
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from .batch_work import BatchSettings, DocOutcome, WorkItem, group_items, process_documents

log = logging.getLogger("summarizer")

Worker = Callable[..., list[DocOutcome]]
"""``worker(items, settings, progress=None) -> outcomes``, like `process_documents`."""
DocProgress = Callable[[str, str, int, int], None]
"""``progress(doc_id, stage, done, total)``: steps within a document still in flight."""


class Engine(Protocol):
    """Runs the per-document work; see the module docstring."""

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
    """Use ``threads`` CPU threads for PyTorch (and the OpenMP/MKL libraries under it)."""
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(threads)
    try:
        import torch
    except ImportError:
        return
    torch.set_num_threads(threads)
    with contextlib.suppress(RuntimeError):  # only allowed before any parallel work
        torch.set_num_interop_threads(1)


class LocalEngine:
    """The work runs in this process, one group of documents after another.

    Attributes:
        worker: the work on a group (`process_documents` by default).
        threads: PyTorch threads; None leaves PyTorch's default (all cores).
    """

    def __init__(self, worker: Worker | None = None, threads: int | None = None):
        self.worker = worker or process_documents
        self.threads = threads
        self._threads_set = False

    def run(self, items: Iterable[WorkItem], settings: BatchSettings,
            progress: DocProgress | None = None) -> Iterator[DocOutcome]:
        if self.threads and not self._threads_set:
            set_threads(self.threads)
            self._threads_set = True
        for group in group_items(items, settings):
            yield from self.worker(group, settings, progress)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_progress_queue = None  # in a worker process: where it reports progress


def _init_worker(threads: int, progress_queue, parent: int, log_level: int) -> None:
    global _progress_queue
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    log.setLevel(log_level)  # as quiet as the job's own logger
    _progress_queue = progress_queue
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
        return worker(items, settings, None)
    last: dict[str, float] = {}

    def progress(doc_id: str, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last.get(doc_id, 0.0) < 0.3:
            return
        last[doc_id] = now
        with contextlib.suppress(Exception):  # progress is never worth failing the work
            sink.put_nowait((doc_id, stage, done, total))

    return worker(items, settings, progress)


class PoolEngine:
    """The work runs in ``workers`` processes, each with ``cores // workers`` PyTorch threads.

    Workers are started with ``spawn`` (no forked PyTorch state) and keep their
    loaded models for as long as the engine lives. At most ``window`` documents
    are in flight, so an archive is never all in memory. If a worker process
    dies (killed, out of memory), the documents it may have been working on are
    run again one at a time in a fresh pool, and only the one that kills a
    worker again fails.
    """

    def __init__(self, workers: int, threads: int | None = None, worker: Worker | None = None, window: int | None = None):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.threads = threads or max(1, cpu_cores() // workers)
        self.worker = worker or process_documents
        self.window = window or 2 * workers
        self._pool: ProcessPoolExecutor | None = None
        self._queue = None

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._queue = context.Queue()
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_init_worker,
                initargs=(self.threads, self._queue, os.getpid(), log.getEffectiveLevel()),
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
        groups = group_items(items, settings)
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


def make_engine(workers: int = 1, threads: int | None = None) -> Engine:
    """`LocalEngine` for one worker, `PoolEngine` for more."""
    if workers <= 1:
        return LocalEngine(threads=threads)
    return PoolEngine(workers, threads=threads)


__all__ = ["Engine", "LocalEngine", "PoolEngine", "make_engine", "cpu_cores", "set_threads", "WorkItem", "DocProgress"]
