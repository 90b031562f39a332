"""Crash-safe files for batch jobs: atomic writes, the manifest, the job lock.

Everything here survives ``SIGKILL`` at any instant:

* an output is written with `files.atomic_write` (a temporary file beside it,
  flushed to disk, then renamed over the target), so a reader sees the old file
  or the new one, never half of one; temporaries a killed job left behind are
  removed by the next job (`files.remove_stale_temporaries`);
* the manifest is append-only JSON Lines, one record per finished document,
  each line flushed to disk before the next document is counted as done; a
  line torn by a kill is cut off when the manifest is next opened, and the
  reader skips any line that is not a whole record;
* one job at a time writes to an output folder (`job_lock`, an ``flock`` on
  the folder that the kernel releases when the process dies).

A job reads regular files only (`open_regular`, `check_regular`): a device may never end
(``/dev/zero`` says its size is 0) and a named pipe nobody writes into never opens.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import BatchError
from ..files import NotAFileError, atomic_write

log = logging.getLogger("summarizer")

MANIFEST_NAME = "manifest.jsonl"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return sha256_bytes(text.encode("utf-8", "surrogatepass"))


def sha256_file(path: Path) -> str | None:
    """The SHA-256 of a regular file's bytes, or None when it cannot be read or is no
    regular file (a link to ``/dev/zero`` would never end)."""
    digest = hashlib.sha256()
    try:
        with open_regular(path) as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def open_regular(path: str | os.PathLike) -> BinaryIO:
    """``path`` opened to read, links followed; `NotAFileError` unless it is a regular file
    (never waiting on a named pipe: it is opened without blocking, then checked)."""
    check_regular(path)
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
    try:
        _check_mode(os.fstat(fd).st_mode, path)  # replaced between the check and the opening
        if nonblocking:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def check_regular(path: str | os.PathLike) -> None:
    """`NotAFileError` unless ``path`` is a regular file: a batch job reads nothing else (a
    device may never end, and opening a named pipe nobody writes into waits for ever)."""
    _check_mode(os.stat(path).st_mode, path)


_NOT_FILES = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
              (stat.S_ISFIFO, "a named pipe"), (stat.S_ISDIR, "a folder"))


def _check_mode(mode: int, path: str | os.PathLike) -> None:
    if not stat.S_ISREG(mode):
        what = next((f"it is {what}, not a file" for test, what in _NOT_FILES if test(mode)),
                    "it is not a regular file")
        raise NotAFileError(errno.EINVAL, what, os.fspath(path))


@contextlib.contextmanager
def job_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` itself (no lock file) for one job."""
    import fcntl

    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise BatchError(
                    f"another batch job is writing to {folder}; wait for it to finish or choose "
                    "another --out folder"
                ) from None
            raise
        yield
    finally:
        os.close(fd)  # closing releases the lock; so does the death of the process


@contextlib.contextmanager
def open_output(out: Path) -> Iterator[Manifest]:
    """The output folder, locked for this job, and its manifest."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        stack = contextlib.ExitStack()
        stack.enter_context(job_lock(out))
        manifest = stack.enter_context(Manifest(out))
    except OSError as exc:
        raise BatchError(f"cannot use --out {out}: {exc.strerror or exc}") from None
    with stack:
        yield manifest


# ---------------------------------------------------------------- the manifest


def read_manifest(path: Path) -> list[dict]:
    """The manifest's whole records in file order; torn or foreign lines are skipped."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    records = []
    for number, line in enumerate(raw.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            log.warning("%s: line %d is not a whole record (a job was killed while writing it); ignored", path, number)
            continue
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            records.append(record)
    return records


def latest_records(records: Iterable[dict]) -> dict[str, dict]:
    """The latest record of each document id, in the order ids first appear."""
    latest: dict[str, dict] = {}
    for record in records:
        latest[record["id"]] = record
    return latest


class Manifest:
    """``DIR/manifest.jsonl``: one JSON record per finished document, appended as it finishes.

    A re-run reads the latest record of each id; `compact` rewrites the file
    with that one record per id when a job ends.
    """

    def __init__(self, folder: Path):
        self.path = folder / MANIFEST_NAME
        self._repair_torn_tail()
        self.latest = latest_records(read_manifest(self.path))
        self._handle = open(self.path, "a", encoding="utf-8")

    def _repair_torn_tail(self) -> None:
        """Cut a last line that a kill left without its newline."""
        try:
            with open(self.path, "rb+") as handle:
                size = handle.seek(0, os.SEEK_END)
                if size == 0:
                    return
                handle.seek(size - 1)
                if handle.read(1) == b"\n":
                    return
                keep = size
                while keep > 0:
                    step = min(keep, 1 << 16)
                    handle.seek(keep - step)
                    block = handle.read(step)
                    cut = block.rfind(b"\n")
                    if cut >= 0:
                        keep = keep - step + cut + 1
                        break
                    keep -= step
                log.warning("%s: cutting a last line torn by a killed job", self.path)
                handle.truncate(keep)
                handle.flush()
                os.fsync(handle.fileno())
        except FileNotFoundError:
            return

    def append(self, record: dict) -> None:
        """Add one record and flush it to disk before returning."""
        line = json.dumps(record, ensure_ascii=False, sort_keys=False)
        self._handle.write(line + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self.latest[record["id"]] = record

    def compact(self) -> None:
        """Rewrite the manifest with one record (the latest) per document id."""
        self._handle.flush()
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in latest_records(read_manifest(self.path)).values())
        atomic_write(self.path, text)
        self._handle.close()
        self._handle = open(self.path, "a", encoding="utf-8")

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> "Manifest":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


__all__ = ["Manifest", "job_lock", "read_manifest", "latest_records", "sha256_bytes", "sha256_text", "sha256_file",
           "open_regular", "check_regular", "open_output", "MANIFEST_NAME"]
