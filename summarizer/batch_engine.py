"""Engines: where the per-document work of a batch job runs.

An engine takes ``(doc_id, data)`` pairs and yields one `DocOutcome` per pair,
in any order; it never writes files. `LocalEngine` runs the work in this
process; `PoolEngine` in worker processes, each loading its models once and
using its share of the CPU cores. A distributed engine (Ray) needs only the
same two methods around `process_document`, which is a plain top-level
function of plain values::

    class RayEngine:
        def run(self, items, settings):
            task = ray.remote(process_document)
            refs = [task.remote(doc_id, data, settings) for doc_id, data in items]
            while refs:
                ready, refs = ray.wait(refs)
                yield ray.get(ready[0])
        def close(self): ...
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from .batch_work import BatchSettings, DocOutcome, process_document

log = logging.getLogger("summarizer")

WorkItem = tuple[str, "str | bytes"]
Worker = Callable[[str, "str | bytes", BatchSettings], DocOutcome]


class Engine(Protocol):
    """Runs the per-document work; see the module docstring."""

    def run(self, items: Iterable[WorkItem], settings: BatchSettings) -> Iterator[DocOutcome]:
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
    """The work runs in this process, one document after another.

    Attributes:
        worker: the per-document function (`process_document` by default).
        threads: PyTorch threads; None leaves PyTorch's default (all cores).
    """

    def __init__(self, worker: Worker | None = None, threads: int | None = None):
        self.worker = worker or process_document
        self.threads = threads
        self._threads_set = False

    def run(self, items: Iterable[WorkItem], settings: BatchSettings) -> Iterator[DocOutcome]:
        if self.threads and not self._threads_set:
            set_threads(self.threads)
            self._threads_set = True
        for doc_id, data in items:
            yield self.worker(doc_id, data, settings)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _init_worker(threads: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    set_threads(threads)


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
        self.worker = worker or process_document
        self.window = window or 2 * workers
        self._pool: ProcessPoolExecutor | None = None

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker, initargs=(self.threads,),
            )
        return self._pool

    def run(self, items: Iterable[WorkItem], settings: BatchSettings) -> Iterator[DocOutcome]:
        source = iter(items)
        suspects: deque[WorkItem] = deque()
        pending: dict[Future, tuple[WorkItem, bool]] = {}
        exhausted = False
        try:
            while True:
                while not exhausted or suspects:
                    if suspects:
                        if pending:
                            break  # a suspect runs alone
                        item, alone = suspects.popleft(), True
                    elif len(pending) < self.window:
                        item, alone = next(source, None), False
                        if item is None:
                            exhausted = True
                            break
                    else:
                        break
                    pending[self._ensure_pool().submit(self.worker, item[0], item[1], settings)] = (item, alone)
                    if alone:
                        break
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    item, alone = pending.pop(future)
                    outcome = None
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        broken = True
                        if alone:
                            outcome = DocOutcome(
                                item[0], None, error="the worker process died while working on this document "
                                "(out of memory, or killed); run it alone to see why", error_type="BrokenProcessPool",
                            )
                        else:
                            suspects.append(item)
                    except Exception as exc:  # the work itself could not be sent or returned
                        outcome = DocOutcome(item[0], None, error=f"{type(exc).__name__}: {exc}", error_type=type(exc).__name__)
                    if outcome is not None:
                        yield outcome
                if broken:
                    log.warning("a worker process died; rerunning its documents one at a time")
                    suspects.extend(item for item, _ in pending.values())
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


__all__ = ["Engine", "LocalEngine", "PoolEngine", "make_engine", "cpu_cores", "set_threads", "WorkItem"]
