"""Engines: where the per-document work of a batch job runs.

An engine takes ``(doc_id, data)`` pairs and yields one `DocOutcome` per pair, in any
order; it never writes files. `LocalEngine` runs the work in this process; `PoolEngine`
in worker processes, each loading its models once and using its share of the CPU cores.
Both hand `work.group_items`' groups to `work.process_documents` (or the ``worker``
they are given), so small documents share translation batches.
"""

from __future__ import annotations

from ..work import GROUP_CHARS
from .base import Engine, Worker, cpu_cores, set_threads
from .local import LocalEngine
from .pool import PoolEngine


def make_engine(workers: int = 1, threads: int | None = None, worker: Worker | None = None,
                group_chars: int = GROUP_CHARS) -> Engine:
    """`LocalEngine` for one worker, `PoolEngine` for more; ``worker`` replaces
    `work.process_documents` (it must be picklable for the pool)."""
    if workers <= 1:
        return LocalEngine(worker, threads=threads, group_chars=group_chars)
    return PoolEngine(workers, threads=threads, worker=worker, group_chars=group_chars)


__all__ = ["Engine", "Worker", "LocalEngine", "PoolEngine", "make_engine", "cpu_cores", "set_threads"]
