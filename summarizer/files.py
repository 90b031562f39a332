"""Reading and writing files safely: the one reader and the one writer every command uses.

`read_limited` reads at most a limit of bytes, counted as they are read (a device such as
``/dev/zero`` reports a size of 0, so the size a file claims is never trusted), and refuses
devices and sockets. `atomic_write` never leaves a half-written file, never follows a
link planted at its temporary name, never writes onto one of the command's inputs, and
removes its temporary file whatever happens (a full disk, a signal): the reader sees the
old file or the new one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import OutputError

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


class NotAFileError(OSError):
    """A path that names a device or a socket, not a file to read."""


def _kind(mode: int) -> str | None:
    """What a non-file is ("a character device"…), None for a file or a pipe."""
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return None


def read_limited(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of the file at ``path``: all of them, or ``limit + 1`` when it holds more
    (the caller says it is too large). Bytes are counted as they are read, never taken from
    the size the file claims. A regular file or a named pipe is read; a device (``/dev/zero``),
    a socket or a folder raises `NotAFileError`, links followed."""
    what = _kind(os.stat(path).st_mode)
    if what is not None:
        raise NotAFileError(errno.EINVAL, f"it is {what}, not a file", os.fspath(path))
    with open(path, "rb") as handle:
        what = _kind(os.fstat(handle.fileno()).st_mode)  # replaced between stat and open
        if what is not None:
            raise NotAFileError(errno.EINVAL, f"it is {what}, not a file", os.fspath(path))
        return handle.read(limit + 1)


def same_file(a: str | os.PathLike | int, b: str | os.PathLike | int) -> bool:
    """Whether two paths (or open descriptors) are one file: same device and inode, links
    followed; False when either is not there."""
    try:
        first = os.fstat(a) if isinstance(a, int) else os.stat(a)
        second = os.fstat(b) if isinstance(b, int) else os.stat(b)
    except (OSError, ValueError):
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def refuse_inputs(path: str | os.PathLike, inputs: Iterable[str | os.PathLike | int | None]) -> None:
    """Raise `OutputError` when writing ``path`` would replace one of ``inputs`` (paths, or
    open descriptors such as 0 for standard input): the same file, by any name or link."""
    for source in inputs:
        if source is None or source == "-":
            continue
        if same_file(path, source):
            shown = "standard input" if isinstance(source, int) else os.fspath(source)
            same = "" if shown == os.fspath(path) else f" (the same file as {shown})"
            raise OutputError(f"{os.fspath(path)} is an input of this command{same}: writing there would "
                              "destroy it; choose another output file")


def atomic_write(path: str | os.PathLike, data: str | bytes, *,
                 inputs: Iterable[str | os.PathLike | int | None] = ()) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` so that it is never seen half-written.

    The temporary file gets a random name beside the target and is created with
    ``O_EXCL | O_NOFOLLOW``: a file or link already there is never written through.
    When ``path`` is a symbolic link, its target is written (as a shell's ``>`` does)
    and the link kept; a file replaced keeps its permissions (a private file stays
    private). A device or a named pipe (``/dev/null``, ``/dev/stdout``) is written
    into, never replaced. ``inputs``: the files the data was made from (paths, or open
    descriptors); writing onto one of them raises `OutputError`. Returns the path written.
    """
    refuse_inputs(path, inputs)
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


__all__ = ["atomic_write", "read_limited", "refuse_inputs", "same_file", "NotAFileError", "remove_stale_temporaries",
           "remove_file", "TMP_SUFFIX"]
