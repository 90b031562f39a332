"""`RayEngine`: the work runs in Ray actors, on this machine or on a cluster."""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import secrets
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ....errors import BatchError, OptionError
from ....models import Models
from ....progress import DocProgress
from ...work import GROUP_CHARS, BatchSettings, DocOutcome, WorkItem, group_items
from ..base import Worker
from .instance import actor_env, connect, disconnect, last_line, plain, plan
from .actor import DocWorker

log = logging.getLogger("summarizer")

ATTEMPTS = 2
"""Tries per document when the actor working on it dies: retried once, on a new actor."""

WORKER_DIED = ("the Ray worker died while working on this document, twice (out of memory, killed, or its "
               "machine was lost); run it alone to see why")
POLL_SECONDS = 0.5
"""How often busy actors are asked for their documents' progress."""


@dataclass
class _Call:
    ref: object  # the ObjectRef of the process() call
    group: list[WorkItem]
    attempts: int  # earlier tries of these documents that ended with their actor's death


@dataclass
class _Slot:
    handle: object  # the actor
    call: _Call | None = None  # the one group it works on
    poll: object = None  # an outstanding poll() call


@dataclass
class _Flight:
    """One `run`: the groups still to send, those to retry, deaths since a group last finished."""

    groups: Iterator[list[WorkItem]]
    retry: deque = field(default_factory=deque)
    exhausted: bool = False
    deaths: int = 0
    next_poll: float = 0.0


class RayEngine:
    """The work runs in Ray actors, one per worker, each holding its models.

    Without ``address`` (and ``$RAY_ADDRESS``) the engine starts a local Ray instance
    with this machine's cores and stops it in `close`; with one ("auto" for the
    cluster ``ray start`` made on this machine, "HOST:PORT"), it joins that cluster
    and only leaves it. If this process already called ``ray.init``, the engine uses
    that connection and leaves it open. Each actor asks for ``threads`` CPUs; one
    group of documents is in flight per actor, so an actor's death is charged to
    exactly the documents it was working on: they are retried one by one on new
    actors, and a document whose second actor dies too fails (`WORKER_DIED`). Once
    `prepare` named the output folder, the actors write each output there (staged,
    see `batch.staging`); the job checks and publishes it. Actors' log lines reach
    this terminal when the ``summarizer`` logger is at INFO (``--verbose``).

    Attributes:
        workers: actors; None: as many as the cluster has CPUs for (``threads`` each).
        address: the cluster to join, or None.
        threads: PyTorch threads (and Ray CPUs) per actor; None: the cluster's CPUs
            shared by the actors (at most one machine's).
        worker: the work on a group (`work.process_documents` by default; picklable).
        group_chars: documents to translate under this size share a pass (0: never).
        env: more environment variables for the actors (they get this process's
            ``SUMMARIZER_*``, ``HF_*`` and ``TRANSFORMERS_*`` anyway).
        models: the `Models` the actors use (each gets a copy with its threads; None: one
            made from the settings). Its folders must be where the actors run.
    """

    def __init__(self, workers: int | None = None, *, address: str | None = None, threads: int | None = None,
                 worker: Worker | None = None, group_chars: int = GROUP_CHARS, env: dict | None = None,
                 models: Models | None = None):
        import importlib.util

        if workers is not None and workers < 1:
            raise OptionError("workers must be at least 1")
        if importlib.util.find_spec("ray") is None:
            raise BatchError("the Ray engine needs Ray: pip install 'mananera-summarizer[ray]' (or \"ray>=2.50,<3\")")
        self.workers, self.address, self.threads = workers, address, threads
        self.worker, self.group_chars, self.env = worker, group_chars, dict(env or {})
        self.models = models or Models.from_settings()
        self._slots: list[_Slot] = []
        self._actor_class = None
        self._connected = False  # this engine called ray.init (and must leave)
        self._local = None  # the local instance it started
        self._stage_dir: str | None = None
        self._probed = False

    # ------------------------------------------------------------ starting

    def start(self) -> None:
        """Connect to Ray and start the actors; `run` does it when there is work."""
        if self._slots:
            return
        import ray

        if not ray.is_initialized():
            self._local = connect(self.address, verbose=log.isEnabledFor(logging.INFO))
            self._connected = True
        if self._actor_class is None:
            self._actor_class = ray.remote(concurrency_groups={"control": 1})(DocWorker)
        workers, self._actor_threads = plan(self.workers, self.threads)
        self._slots = [_Slot(self._new_actor()) for _ in range(workers)]

    def _new_actor(self):
        return self._actor_class.options(
            num_cpus=self._actor_threads, max_restarts=0, max_task_retries=0, scheduling_strategy="SPREAD",
            runtime_env={"env_vars": actor_env(self._actor_threads, self.env)},
        ).remote(self.worker, self._actor_threads, log.getEffectiveLevel(), self.models)

    def actors(self) -> list[tuple[object, dict]]:
        """Each actor's handle and `DocWorker.info` (pid, host, the documents in work), even while busy."""
        import ray

        self.start()
        slots = list(self._slots)
        infos = ray.get([s.handle.info.options(concurrency_group="control").remote() for s in slots])
        return [(s.handle, info) for s, info in zip(slots, infos)]

    def prepare(self, out_dir: str | os.PathLike) -> None:
        """Have the actors write the outputs into ``out_dir`` from now on; before the first
        document, every actor writes a probe file there that this process must be able to read."""
        self._stage_dir = os.path.abspath(out_dir)
        self._probed = False

    def _probe(self) -> None:
        """Raise `BatchError` unless every actor can write into the output folder, and this
        process sees what it wrote (the same folder: shared by every machine, at the same path)."""
        import ray
        from ray.exceptions import RayActorError

        folder, token = self._stage_dir, secrets.token_hex(8)
        try:
            answers = ray.get([s.handle.probe.options(concurrency_group="control").remote(folder, token)
                               for s in self._slots])
        except RayActorError as exc:
            raise RuntimeError(f"the Ray workers cannot start: {last_line(exc)}") from None
        problems = []
        for answer in answers:
            where = f"the Ray worker on {answer['host']} (pid {answer['pid']})"
            if answer["error"]:
                problems.append(f"{where} cannot write into {folder}: {answer['error']}")
                continue
            path, seen = Path(answer["path"]), None
            if path.parent == Path(folder) and path.name.startswith(".probe-"):
                with contextlib.suppress(OSError):
                    seen = path.read_text(encoding="utf-8").strip()
                    path.unlink()
            if seen != token:
                problems.append(f"{where} wrote {path.name} into {folder}, but this job cannot see it there: the "
                                "output folder must be one folder that every machine mounts at the same path")
        if problems:
            raise BatchError("; ".join(problems))
        self._probed = True

    # ------------------------------------------------------------ running

    def run(self, items: Iterable[WorkItem], settings: BatchSettings,
            progress: DocProgress | None = None) -> Iterator[DocOutcome]:
        groups = group_items(items, settings, self.group_chars)
        first = next(groups, None)
        if first is None:  # nothing to do: Ray is not even started
            return
        flight = _Flight(itertools.chain([first], groups))
        finished = False
        try:
            self.start()
            if self._stage_dir is not None and not self._probed:
                self._probe()
            while True:
                self._send(flight, settings)
                busy = [slot for slot in self._slots if slot.call is not None]
                if not busy:
                    finished = True
                    return
                ready = self._wait(busy)
                if progress is not None:
                    self._poll(progress, flight)
                for slot in busy:
                    if slot.call.ref in ready:
                        yield from self._collect(slot, flight)
                if flight.deaths > 2 * len(self._slots) + 2:
                    raise RuntimeError(f"{flight.deaths} Ray workers died one after another without finishing a "
                                       "document (do the models load? is there memory enough?)")
        finally:
            if not finished:  # stopped early (an error, Ctrl-C, the caller stopped reading): no late work
                self._kill_actors()

    def _send(self, flight: _Flight, settings: BatchSettings) -> None:
        """Give each idle actor a group: a document to retry first, else the next group."""
        for slot in self._slots:
            if slot.call is not None:
                continue
            if flight.retry:
                group, attempts = flight.retry.popleft()
            else:
                group, attempts = (None if flight.exhausted else next(flight.groups, None)), 0
                if group is None:
                    flight.exhausted = True
                    return
            ref = slot.handle.process.remote(group, settings, self._stage_dir)
            slot.call = _Call(ref, group, attempts)

    @staticmethod
    def _wait(busy: list[_Slot]) -> set:
        """The calls that finished: waits up to a quarter second for the first."""
        import ray

        refs = [slot.call.ref for slot in busy]
        ready, _ = ray.wait(refs, num_returns=1, timeout=0.25)
        if ready and len(refs) > 1:
            ready, _ = ray.wait(refs, num_returns=len(refs), timeout=0)
        return set(ready)

    def _collect(self, slot: _Slot, flight: _Flight) -> Iterator[DocOutcome]:
        """The outcomes of the call ``slot`` finished; or, if its actor died, a new actor in its place."""
        import ray
        from ray.exceptions import RayActorError, RayError, RayTaskError

        call, slot.call = slot.call, None
        try:
            outcomes = ray.get(call.ref)
        except RayActorError as exc:
            if exc.actor_init_failed:  # every actor would fail the same way: stop the job
                raise RuntimeError(f"the Ray workers cannot start: {last_line(exc)}") from None
            yield from self._actor_died(slot, call, exc, flight)
            return
        except RayTaskError as exc:  # the work raised (process_documents never does: a custom worker)
            cause = exc.cause if getattr(exc, "cause", None) is not None else exc
            outcomes = _failed(call.group, f"{type(cause).__name__}: {plain(str(cause))}", type(cause).__name__)
        except RayError as exc:  # the result could not be fetched (an object lost with its machine, …)
            outcomes = _failed(call.group, f"{type(exc).__name__}: {plain(str(exc))}", type(exc).__name__)
        flight.deaths = 0
        yield from outcomes

    def _actor_died(self, slot: _Slot, call: _Call, exc: Exception, flight: _Flight) -> Iterator[DocOutcome]:
        """Replace the dead actor; retry its documents one by one, or fail those tried twice."""
        import ray

        flight.deaths += 1
        attempts = call.attempts + 1
        ids = ", ".join(doc_id for doc_id, _ in call.group)
        reason = plain(str(exc)).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        log.warning("a Ray worker died while working on %s (%s); %s", ids, reason,
                    "retrying on a new worker" if attempts < ATTEMPTS else "failed")
        for item in call.group:
            if attempts < ATTEMPTS:
                flight.retry.append(([item], attempts))
            else:
                yield DocOutcome(item[0], None, error=WORKER_DIED, error_type="WorkerDied")
        with contextlib.suppress(Exception):
            ray.kill(slot.handle, no_restart=True)
        slot.handle, slot.poll = self._new_actor(), None

    def _poll(self, progress: DocProgress, flight: _Flight) -> None:
        """Report the steps that came back; every `POLL_SECONDS`, ask each busy actor again."""
        import ray

        if time.monotonic() >= flight.next_poll:
            flight.next_poll = time.monotonic() + POLL_SECONDS
            for slot in self._slots:
                if slot.call is not None and slot.poll is None:
                    slot.poll = slot.handle.poll.options(concurrency_group="control").remote()
        waiting = {slot.poll: slot for slot in self._slots if slot.poll is not None}
        if not waiting:
            return
        ready, _ = ray.wait(list(waiting), num_returns=len(waiting), timeout=0)
        for ref in ready:
            waiting[ref].poll = None
            try:
                steps = ray.get(ref)
            except Exception:  # noqa: BLE001 — a dying actor: its work call says so
                continue
            for step in steps:
                progress(*step)

    # ------------------------------------------------------------ stopping

    def _kill_actors(self) -> None:
        slots, self._slots = self._slots, []
        if not slots:
            return
        import ray

        for slot in slots:
            with contextlib.suppress(Exception):
                ray.kill(slot.handle, no_restart=True)

    def close(self) -> None:
        """Stop the actors; leave Ray (a local instance stops) if this engine connected to it."""
        self._kill_actors()
        self._stage_dir, self._probed = None, False
        if self._connected:
            disconnect(self._local)
            self._connected, self._local = False, None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _failed(group: list[WorkItem], error: str, error_type: str) -> list[DocOutcome]:
    return [DocOutcome(doc_id, None, error=error, error_type=error_type) for doc_id, _ in group]


__all__ = ["RayEngine", "WORKER_DIED", "ATTEMPTS"]
