"""Stops a local Ray instance's processes when the job that started it is killed (Linux).

    python -S reaper.py JOB_PID GRACE_SECONDS FOLDER

Started by `instance.connect` in a session of its own, before ``ray.init``, so that it
outlives the job and covers a job killed while Ray starts. Ray stops its GCS, raylet and
workers when the job dies (they share its fate), but not always at once, and its dashboard
and runtime-env agents wait 60 s for a GCS that is gone before they exit. Every 2 s this
process notes the Ray processes under the job (pid and start time). Once the job is gone and
``GRACE_SECONDS`` have passed, it kills those still running (the same pid started at the same
time: never a process that reused a pid) and every Ray process that uses the instance's
session ``FOLDER`` (in its command line, its working folder or an open file: a process
started after the last look, or one whose parent died first, is no longer under the job),
until none is left; then it deletes ``FOLDER``. A job that ends normally kills this process
first. Standard library only: it runs with ``-S``.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import sys
import time

ROUNDS = 10
"""Times the reaper looks for the instance's processes again (a dying raylet may still start one)."""


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


def _is_ray(command: bytes) -> bool:
    return b"/ray/" in command or command.startswith(b"ray::")


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
    return {pid: started for pid, (started, command) in found.items() if _is_ray(command)}


def _uses(pid: int, command: bytes, folder: str) -> bool:
    """Whether process ``pid`` names ``folder`` in its command line or has it (or a file in it)
    as its working folder or an open file."""
    if folder.encode() in command:
        return True
    try:
        links = [os.readlink(f"/proc/{pid}/cwd")]
        links += [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
    except OSError:  # gone, or not ours
        return False
    return any(link == folder or link.startswith(folder + "/") for link in links)


def instance_processes(folder: str) -> dict[int, bytes]:
    """The Ray processes that use the instance's ``folder``: pid → start time."""
    return {pid: started for pid, (_, started, command) in _processes().items()
            if pid != os.getpid() and _is_ray(command) and _uses(pid, command, folder)}


def _started(pid: int) -> bytes | None:
    """When a running process started; None once it has ended (or is a zombie)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    return None if fields[0] == b"Z" else fields[19]


def _wait_for(job: int, known: dict[int, bytes]) -> None:
    """Until ``job`` ends, note the Ray processes under it in ``known`` every 2 s."""
    try:
        job_fd = os.pidfd_open(job)
    except (AttributeError, OSError):  # an old kernel, or the job is gone already
        job_fd = None
    while True:
        known.update(ray_descendants(job))
        if job_fd is not None:
            if select.select([job_fd], [], [], 2.0)[0]:
                return
        elif _started(job) is None:
            return
        else:
            time.sleep(2.0)


def _kill(processes: dict[int, bytes]) -> int:
    """SIGKILL each process that still runs with its start time; how many."""
    killed = 0
    for pid, started in processes.items():
        if _started(pid) == started:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except OSError:
                pass
    return killed


def watch(job: int, grace: float, folder: str) -> None:
    known: dict[int, bytes] = {}
    _wait_for(job, known)
    time.sleep(grace)  # Ray's own fate sharing goes first
    _kill(known)
    for _ in range(ROUNDS):
        if not _kill(instance_processes(folder)):
            break
        time.sleep(0.3)  # a raylet killed now may have started a process meanwhile
    time.sleep(0.5)  # killed processes close their files
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    watch(int(sys.argv[1]), float(sys.argv[2]), sys.argv[3])
