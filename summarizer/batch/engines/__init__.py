"""Engines: where the per-document work of a batch job runs.

An engine takes ``(doc_id, data)`` pairs and yields one `DocOutcome` per pair, in any
order; it never writes outputs in place nor the manifest. `LocalEngine` runs the work
in this process; `PoolEngine` in worker processes, each loading its models once and
using its share of the CPU cores; `RayEngine` in Ray actors, on this machine or a
cluster (its workers stage the outputs in the output folder; the job publishes them).
All hand `work.group_items`' groups to `work.process_documents` (or the ``worker``
they are given), so small documents share translation batches, with the `Models` they
were given: each worker process gets a copy once (with its share of the CPU threads),
whose models load once in it.
"""

from __future__ import annotations

from ...errors import OptionError
from ...models import Models
from ..work import GROUP_CHARS
from .base import Engine, Worker, cpu_cores, set_threads
from .local import LocalEngine
from .pool import PoolEngine
from .ray import RayEngine

ENGINES = ("pool", "ray")
"""The engines `make_engine` (and ``run_batch(engine=…)``, ``--engine``) know by name."""


def make_engine(workers: int | None = 1, threads: int | None = None, worker: Worker | None = None,
                group_chars: int = GROUP_CHARS, engine: str = "pool", address: str | None = None,
                models: Models | None = None) -> Engine:
    """The engine named ``engine``, its workers using ``models`` (None: one made from the
    settings); ``worker`` replaces `work.process_documents` (it must be picklable for the
    pool and Ray).

    "pool": `LocalEngine` for one worker (or None), `PoolEngine` for more. "ray": a
    `RayEngine` of ``workers`` actors (None: as many as the cluster has CPUs for), joining
    the cluster at ``address`` or starting a local Ray instance.
    """
    if engine not in ENGINES:
        raise OptionError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if engine == "ray":
        return RayEngine(workers, address=address, threads=threads, worker=worker, group_chars=group_chars,
                         models=models)
    if address is not None:
        raise OptionError("an address is for the Ray engine: give engine='ray' (--engine ray) with it")
    if workers is None or workers <= 1:
        return LocalEngine(worker, threads=threads, group_chars=group_chars, models=models)
    return PoolEngine(workers, threads=threads, worker=worker, group_chars=group_chars, models=models)


__all__ = ["Engine", "Worker", "LocalEngine", "PoolEngine", "RayEngine", "make_engine", "cpu_cores", "set_threads",
           "ENGINES"]
