"""Writing files safely: the one writer every command uses.

`atomic_write` never leaves a half-written file, never follows a link planted at
its temporary name, and removes its temporary file whatever happens (a full disk,
a signal): the reader sees the old file or the new one.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

TMP_SUFFIX = ".summarizer-tmp"
"""Temporary files end with this; a job cleans up those a killed job left."""


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not supported here (e.g. Windows): the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` so that it is never seen half-written.

    The temporary file gets a random name beside the target and is created with
    ``O_EXCL | O_NOFOLLOW``: a file or link already there is never written through.
    When ``path`` is a symbolic link, its target is written (as a shell's ``>`` does)
    and the link kept; a file replaced keeps its permissions (a private file stays
    private). A device or a named pipe (``/dev/null``, ``/dev/stdout``) is written
    into, never replaced. Returns the path written.
    """
    target = Path(path)
    payload = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    try:
        mode = os.stat(target).st_mode  # through links
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "it is a folder", str(path))
        with open(target, "wb") as handle:  # a device or a pipe: as a shell's > does
            handle.write(payload)
        return target
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}{TMP_SUFFIX}")
    mode = None if mode is None else mode & 0o7777
    fd = os.open(tmp, flags, 0o644 if mode is None else mode & 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(target.parent)
    return target


def remove_stale_temporaries(folder: Path) -> int:
    """Delete the temporary files a killed job left under ``folder``; how many."""
    removed = 0
    for tmp in folder.rglob(f".*{TMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed += 1
    return removed


def remove_file(path: Path) -> None:
    """Delete ``path`` if it is there."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


__all__ = ["atomic_write", "remove_stale_temporaries", "remove_file", "TMP_SUFFIX"]
