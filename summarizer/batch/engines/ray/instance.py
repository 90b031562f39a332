"""The Ray instance a `RayEngine` works in: joining a cluster, or starting a private local one.

A local instance is started with this machine's cores, no dashboard, no workers
started ahead (the actors carry their own environment, so prestarted workers would
only cost seconds and memory), a random authentication token held in the
environment (nothing written to ``~/.ray``), no usage statistics, its session files
(logs, sockets) in a temporary folder of its own that goes with it, and a reaper
process (`reaper`), started before Ray, that stops what Ray would leave running, and
removes that folder, if this process is killed with SIGKILL (even while Ray starts).
Relies on a few private Ray names (re-reading the authentication mode, resolving an
address, muting the raylet's notes): Ray's major version is pinned in pyproject.toml.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ....errors import BatchError
from ..base import cpu_cores

log = logging.getLogger("summarizer")

FORWARDED_ENV_PREFIXES = ("SUMMARIZER_", "HF_", "TRANSFORMERS_")
"""This process's environment variables that every actor gets (models folder, offline mode, caches)."""

OBJECT_STORE_BYTES = 256 * 1024 * 1024
"""A local instance's object store: the work travels as text, far below this."""

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def plain(text: str) -> str:
    """Ray colours names in its error messages even into a file: not in a manifest or a terminal line."""
    return _ANSI.sub("", text)


@dataclass
class LocalInstance:
    """A private Ray instance this process started: its session folder, and the reaper."""

    folder: str
    reaper: subprocess.Popen | None = None

    def remove(self) -> None:
        """Once the instance stopped: stop the reaper, delete the folder."""
        if self.reaper is not None:
            self.reaper.kill()
            self.reaper.wait(timeout=5)
        shutil.rmtree(self.folder, ignore_errors=True)


def last_line(exc: BaseException) -> str:
    """The last line of a Ray error's text: its root cause (a traceback's exception), without colours."""
    lines = [line.strip() for line in plain(str(exc)).splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__


def connect(address: str | None, verbose: bool, num_cpus: int | None = None) -> LocalInstance | None:
    """Join the Ray cluster at ``address`` (or ``$RAY_ADDRESS``), or start a new local instance
    with ``num_cpus`` (default: this machine's cores), even if ``ray start`` runs here.

    Returns the local instance it started (None when joining). Actor output reaches this
    process's terminal only when ``verbose``. Raises `BatchError` when the cluster cannot
    be reached.
    """
    import ray

    address = address or os.environ.get("RAY_ADDRESS") or None
    kwargs = dict(logging_level=logging.WARNING, log_to_driver=verbose)
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    local = None
    if address is not None:
        _check_reachable(address)
    else:
        _private_token()
        # short: Ray's sockets live in it, and a socket's path has at most 107 bytes
        local = LocalInstance(tempfile.mkdtemp(prefix="ray-", dir="/tmp" if os.path.isdir("/tmp") else None))
        local.reaper = _start_reaper(local.folder)  # before Ray starts: a job killed meanwhile leaves nothing
        kwargs.update(num_cpus=num_cpus or cpu_cores(), include_dashboard=False, _temp_dir=local.folder,
                      object_store_memory=OBJECT_STORE_BYTES,
                      _system_config={"enable_worker_prestart": False, "prestart_worker_first_driver": False})
    try:
        ray.init(address=address or "local", **kwargs)
    except (ConnectionError, ray.exceptions.RaySystemError, ValueError) as exc:
        if local is None:
            raise _unreachable(address, exc) from None
        local.remove()
        raise BatchError(f"cannot start a local Ray instance: {_reason(exc)}") from None
    if not verbose:  # Ray prints a raylet's notes (a worker died, …) on stdout: the engine logs its own
        ray._private.worker._worker_logs_enabled = False
    return local


def disconnect(local: LocalInstance | None) -> None:
    """Leave the cluster; a local instance stops, and its folder goes."""
    import ray

    ray.shutdown()
    ray._private.worker._worker_logs_enabled = True
    if local is not None:
        local.remove()


def _check_reachable(address: str) -> None:
    """Fail at once when no cluster answers at ``address`` (Ray itself retries for many minutes)."""
    if address.startswith("ray://"):  # Ray Client: it has its own timeout
        return
    from ray._private.services import canonicalize_bootstrap_address_or_die, parse_address

    try:
        host, port = parse_address(canonicalize_bootstrap_address_or_die(address))
        socket.create_connection((host, int(port)), timeout=5).close()
    except (OSError, ValueError, TypeError) as exc:  # ConnectionError is an OSError
        raise _unreachable(address, exc) from None


def _reason(exc: BaseException) -> str:
    return plain(str(exc)).strip().splitlines()[0].rstrip(".") if str(exc).strip() else type(exc).__name__


def _unreachable(address: str, exc: BaseException) -> BatchError:
    return BatchError(f"cannot reach the Ray cluster at {address}: {_reason(exc)}; start it with `ray start --head` "
                      "(see the README's \"Scale out\"), or leave --address out to start a local Ray instance")


def _private_token() -> None:
    """Token authentication for a local instance, with a random token held in the environment.

    Ray turns authentication on for a local instance and would write the token to
    ``~/.ray/auth_token`` (and warn); the processes Ray starts inherit these variables.
    """
    if "RAY_AUTH_MODE" in os.environ:
        return
    os.environ["RAY_AUTH_MODE"] = "token"
    os.environ.setdefault("RAY_AUTH_TOKEN", secrets.token_hex(16))
    from ray._raylet import Config

    Config.initialize("")  # `import ray` read RAY_AUTH_MODE already: read it again (as Ray's own code does)


def plan(workers: int | None, threads: int | None) -> tuple[int, int]:
    """(actors, CPU threads each) that fit the cluster: ``workers`` defaults to its CPUs // ``threads``,
    ``threads`` to its CPUs shared by the actors (at most one machine's); never more actors than fit."""
    import ray

    cpus = [int(node.get("Resources", {}).get("CPU", 0)) for node in ray.nodes() if node.get("Alive")] or [1]
    total, biggest = max(1, sum(cpus)), max(1, max(cpus))
    workers = workers or max(1, total // (threads or 1))
    threads = threads or max(1, min(biggest, total // workers))
    fits = sum(c // threads for c in cpus)
    if workers > fits:
        log.warning("the Ray cluster has room for %d workers of %d CPUs, not %d; using %d",
                    fits, threads, workers, max(1, fits))
        workers = max(1, fits)
    return workers, threads


def actor_env(threads: int, extra: dict[str, str]) -> dict[str, str]:
    """The environment variables an actor gets: `FORWARDED_ENV_PREFIXES`, its threads, ``extra``."""
    env = {k: v for k, v in os.environ.items() if k.startswith(FORWARDED_ENV_PREFIXES)}
    env.update({"OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads)})
    env.update(extra)
    return env


def _start_reaper(folder: str, grace: float = 1.0) -> subprocess.Popen | None:
    """A process that outlives this one and, if it is killed, stops its local Ray processes
    and deletes ``folder`` (Linux)."""
    if not os.path.isdir("/proc/self/task"):
        return None
    script = Path(__file__).with_name("reaper.py")
    return subprocess.Popen([sys.executable, "-S", str(script), str(os.getpid()), str(grace), folder],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, close_fds=True)


__all__ = ["connect", "disconnect", "plan", "actor_env", "plain", "last_line", "LocalInstance",
           "FORWARDED_ENV_PREFIXES"]
