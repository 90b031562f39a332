"""Stops a local Ray instance's processes when the job that started it is killed (Linux).

    python -S reaper.py JOB_PID GRACE_SECONDS FOLDER

Started by `instance.connect` in a session of its own, so that it outlives the job.
Ray stops its GCS, raylet and workers when the job dies (they share its fate), but its
dashboard and runtime-env agents wait 60 s for a GCS that is gone before they exit.
Every 2 s this process notes the Ray processes under the job (pid and start time);
once the job is gone and ``GRACE_SECONDS`` have passed, it kills those still running
(the same pid started at the same time: never a process that reused a pid), then
deletes the instance's session ``FOLDER``. A job that ends normally kills this process
first. Standard library only: it runs with ``-S``.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import sys
import time


def _processes() -> dict[int, tuple[int, bytes, bytes]]:
    """pid → (parent pid, start time, command line) of every process."""
    found = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            with open(f"/proc/{name}/cmdline", "rb") as handle:
                command = handle.read()
        except OSError:
            continue
        found[int(name)] = (int(fields[1]), fields[19], command)
    return found


def ray_descendants(root: int) -> dict[int, bytes]:
    """The Ray processes under ``root``: pid → start time."""
    table = _processes()
    found: dict[int, tuple[bytes, bytes]] = {}
    todo = [root]
    while todo:
        parent = todo.pop()
        for pid, (ppid, started, command) in table.items():
            if ppid == parent and pid != os.getpid() and pid not in found:
                found[pid] = (started, command)
                todo.append(pid)
    return {pid: started for pid, (started, command) in found.items()
            if b"/ray/" in command or command.startswith(b"ray::")}


def _started(pid: int) -> bytes | None:
    """When a running process started; None once it has ended (or is a zombie)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    return None if fields[0] == b"Z" else fields[19]


def watch(job: int, grace: float, folder: str) -> None:
    try:
        job_fd = os.pidfd_open(job)
    except (AttributeError, OSError):
        job_fd = None
    known: dict[int, bytes] = {}
    while True:
        known.update(ray_descendants(job))
        if job_fd is not None:
            if select.select([job_fd], [], [], 2.0)[0]:
                break
        elif _started(job) is None:
            break
        else:
            time.sleep(2.0)
    time.sleep(grace)  # Ray's own fate sharing goes first
    for pid, started in known.items():
        if _started(pid) == started:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    time.sleep(0.5)  # killed processes close their files
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    watch(int(sys.argv[1]), float(sys.argv[2]), sys.argv[3])
