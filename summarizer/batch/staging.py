"""Outputs written by the workers themselves (the Ray engine): staged by a worker, published by the job.

A worker writes a document's output bytes into a new hidden temporary file in the
output folder (`stage`, flushed to disk) and reports its path and SHA-256 in the
`DocOutcome`; the job, the only writer of the manifest, checks that file and renames
it into place (`publish`), then records it. A worker of a killed job that is still
running can only leave a temporary file behind (the next job removes it), never put
an output in place that the manifest does not know. On a cluster the output folder
must be one folder shared by every machine at the same path: a worker that wrote
into a folder of its own machine leaves nothing the job can find, and `publish` says so.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from ..files import TMP_SUFFIX
from .store import sha256_bytes, sha256_file

STAGED_PREFIX = ".staged-"


def stage(folder: str | os.PathLike, content: str | bytes) -> tuple[str, str]:
    """Write ``content`` (text as UTF-8; bytes, a Word file, as they are) into a new hidden
    temporary file in ``folder``; its path and SHA-256."""
    payload = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
    path = Path(folder) / f"{STAGED_PREFIX}{secrets.token_hex(8)}{TMP_SUFFIX}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    return str(path), sha256_bytes(payload)


def publish(staged: str, sha256: str | None, out: Path, path: Path) -> None:
    """Rename the staged file onto ``path`` once it is, byte for byte, what the worker wrote.

    Raises `OSError` (the document then fails, and the job goes on) when the file is not a
    staged file of ``out``, is missing, or differs from what the worker reported.
    """
    source = Path(staged)
    if not _is_staged(source, out):
        raise OSError(f"{staged} is not an output staged in {out}")
    if sha256_file(source) != sha256:
        raise OSError(f"the output a worker wrote ({source.name}) is missing or not what it wrote: is {out} "
                      "the same folder on every machine of the cluster?")
    target = Path(os.path.realpath(path)) if path.is_symlink() else path  # as atomic_write does
    target.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):  # a file replaced keeps its permissions
        os.chmod(source, os.stat(target).st_mode & 0o7777)
    os.replace(source, target)
    with contextlib.suppress(OSError):  # make the rename durable where folders can be synced
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def discard(staged: str, out: Path) -> None:
    """Delete a staged output that will not be published (its document failed)."""
    if _is_staged(Path(staged), out):
        with contextlib.suppress(OSError):
            Path(staged).unlink()


def _is_staged(path: Path, out: Path) -> bool:
    return path.parent == out and path.name.startswith(STAGED_PREFIX) and path.name.endswith(TMP_SUFFIX)


__all__ = ["stage", "publish", "discard", "STAGED_PREFIX"]
