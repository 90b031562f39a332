"""What a batch job reads: files, folders (recursive), globs and JSON Lines.

Each document gets an id that is stable across runs, so a re-run can find its
earlier result in the manifest:

* a file's id is its path relative to what was named on the command line (a
  folder, or a glob's fixed leading part; a file named directly is its own
  name), written with ``/``;
* a JSONL record's id is ``<file id>#<record id>``.

The output keeps that relative path under the output folder, so it must stay inside:
a glob with ``..`` after a wildcard (``in/s*/../../src/*.txt``) gives ``../src/a.txt``,
and such a document fails with a message saying why (`outputs.unsafe_output`), as does
one whose output would be one of the inputs or lead out of the folder through a link.
Relative paths are computed on the paths as named (``..`` collapsed), so a folder of
symbolic links keeps its layout.

A folder contributes its ``*.txt`` and ``*.jsonl`` files, recursively, skipping
hidden names. A JSONL file holds one ``{"id": …, "text": …}`` object per line;
a line that is not such an object, repeats an earlier id, or is longer than a record
within the size limit can be (`line_limit`), becomes a document that fails with a
message saying which line and why.

Every read is bounded by the bytes actually read, never by the size a file claims (a
device reports 0), and only regular files are read: a device (a link to ``/dev/zero``),
a socket, a named pipe (opening one waits for a writer) or a folder under a document's
name is a document that fails at once, saying what it is (`NotAFileError`); a JSONL file
that cannot be read is one such document, under the file's own id.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ..errors import BatchError, DecodeError, InputTooLargeError
from ..files import read_limited
from ..settings import check_size, max_input_bytes
from .store import check_regular, open_regular, sha256_text

FOLDER_SUFFIXES = (".txt", ".jsonl")
"""Files a folder contributes; a file named directly may have any suffix."""


@dataclass(frozen=True)
class Source:
    """One document of a batch job, before it is read.

    Attributes:
        id: stable id (see the module docstring).
        path: the file the document is in.
        rel: ``path`` relative to what was named: the output keeps this layout.
        record: the JSONL record's id (None for a plain file).
        line: the JSONL line number, 1-based.
        offset: byte offset of that line in ``path``.
        sha256: the input hash, known at discovery for JSONL records.
        error: why the document cannot be processed (a bad JSONL line), else None.
    """

    id: str
    path: Path
    rel: PurePosixPath
    record: str | None = None
    line: int | None = None
    offset: int | None = None
    sha256: str | None = None
    error: str | None = None

    @property
    def is_record(self) -> bool:
        return self.line is not None

    def read(self, max_bytes: int | None = None) -> bytes | str:
        """The document: a file's bytes, or a JSONL record's text.

        Reads at most one byte over the size limit (`InputTooLargeError`) and raises
        `NotAFileError` (an OSError) for anything but a regular file.
        """
        if self.is_record:
            return json.loads(read_line(self, max_bytes))["text"]
        check_regular(self.path)
        limit = max_input_bytes(max_bytes)
        data = read_limited(self.path, limit)
        check_size(len(data), limit, at_least=True)
        return data


@dataclass(frozen=True)
class JsonlSource:
    """A JSONL input file, and the ids of its documents in line order."""

    path: Path
    rel: PurePosixPath
    doc_ids: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Inputs:
    """All documents of a job, in a stable order, the JSONL files they came from, and the
    files named that were left out because they are inside the output folder."""

    sources: tuple[Source, ...]
    jsonl: tuple[JsonlSource, ...]
    excluded: tuple[Path, ...] = ()


def line_limit(max_bytes: int | None = None) -> int:
    """The longest JSONL line read: one whose text, at most ``max_bytes`` of UTF-8 (the size
    limit), is written with JSON's longest escapes (6 bytes for one), plus room for its id."""
    return 6 * max_input_bytes(max_bytes) + 65_536


def read_line(source: Source, max_bytes: int | None = None) -> bytes:
    """A JSONL record's line as it is now, at most `line_limit` bytes (`InputTooLargeError`)."""
    limit = line_limit(max_bytes)
    with open_regular(source.path) as handle:
        handle.seek(source.offset or 0)
        raw = handle.readline(limit + 1)
    if len(raw) > limit:
        raise InputTooLargeError(_too_long(source.line or 0, limit))
    return raw


def _too_long(number: int, limit: int) -> str:
    return (f"line {number} is longer than {limit:,} bytes, more than a record whose text is within the size "
            "limit can take; split it, or raise the limit with --max-bytes")


def discover(inputs: Iterable[str | os.PathLike], exclude: Path | None = None,
             max_bytes: int | None = None) -> Inputs:
    """The documents named by ``inputs`` (files, folders, globs, JSONL files).

    ``exclude`` (the output folder) is never read from. A path named twice is
    read once. A name that is there but neither a file nor a folder (a device) is a
    document that fails. JSONL lines are read up to `line_limit` of ``max_bytes``.
    Raises BatchError for a name that matches nothing.
    """
    skip = exclude.resolve() if exclude is not None else None
    seen: set[Path] = set()
    files: list[tuple[Path, PurePosixPath]] = []
    excluded: list[Path] = []

    def add(path: Path, rel: PurePosixPath) -> None:
        real = path.resolve()
        if skip is not None and real.is_relative_to(skip):
            excluded.append(path)
        elif real not in seen:
            seen.add(real)
            files.append((path, rel))

    for item in inputs:
        name = os.fspath(item)
        path = Path(name)
        if path.is_dir():
            for found in _walk(path, skip):
                add(found, PurePosixPath(found.relative_to(path).as_posix()))
        elif path.exists():  # a file, or a device that fails as a document
            add(path, PurePosixPath(path.name))
        elif glob.has_magic(name):
            base = _glob_base(name)
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                raise BatchError(f"{name} matches no file")
            for match in map(Path, matches):
                for found in _walk(match, skip) if match.is_dir() else [match]:
                    add(found, _relative(found, base))
        else:
            raise BatchError(f"no such file or folder: {name}")
    return _documents(files, line_limit(max_bytes), excluded)


def _documents(files: list[tuple[Path, PurePosixPath]], limit: int, excluded: list[Path]) -> Inputs:
    """The documents of the files found: one per file, one per JSONL line (JSONL lines read
    up to ``limit`` bytes); a JSONL file that cannot be read is one document that fails."""
    sources: list[Source] = []
    jsonl: list[JsonlSource] = []
    for path, rel in files:
        if path.suffix.lower() != ".jsonl":
            sources.append(Source(rel.as_posix(), path, rel))
            continue
        try:
            records = list(_jsonl_sources(path, rel, limit))
        except OSError as exc:
            sources.append(Source(rel.as_posix(), path, rel, error=f"cannot read {os.path.abspath(path)}: "
                                                                   f"{exc.strerror or exc}"))
            continue
        sources.extend(records)
        jsonl.append(JsonlSource(path, rel, tuple(s.id for s in records)))
    return Inputs(tuple(sources), tuple(jsonl), tuple(excluded))


def _walk(folder: Path, skip: Path | None) -> list[Path]:
    found = []
    for root, dirs, names in os.walk(folder):
        root_path = Path(root)
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and not (skip is not None and (root_path / d).resolve() == skip)
        )
        for name in sorted(names):
            if not name.startswith(".") and name.lower().endswith(FOLDER_SUFFIXES):
                found.append(root_path / name)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _relative(path: Path, base: str) -> PurePosixPath:
    return PurePosixPath(Path(os.path.relpath(path, base)).as_posix())


def _glob_base(pattern: str) -> str:
    """The leading folders of a glob pattern that hold no wildcard."""
    parts = Path(pattern).parts
    fixed = []
    for part in parts[:-1]:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return os.path.join(*fixed) if fixed else "."


def _jsonl_sources(path: Path, rel: PurePosixPath, limit: int) -> Iterable[Source]:
    """One `Source` per non-blank line of a JSONL file; a line over ``limit`` bytes is one
    that fails, read past without keeping it."""
    first_line: dict[str, int] = {}
    offset = 0
    with open_regular(path) as handle:
        for number, raw in enumerate(iter(lambda: handle.readline(limit + 1), b""), 1):
            start, offset = offset, offset + len(raw)
            if len(raw) > limit:
                offset += _skip_line(handle)
                yield Source(f"{rel.as_posix()}#line-{number}", path, rel, None, number, start,
                             error=_too_long(number, limit))
                continue
            if not raw.strip():
                continue
            record_id, text, error = _parse_record(raw, number)
            if record_id is not None:
                if record_id in first_line:
                    error = f"line {number} repeats the id {record_id!r} of line {first_line[record_id]}; ids must be unique"
                    record_id = None
                else:
                    first_line[record_id] = number
            doc_id = f"{rel.as_posix()}#{record_id if record_id is not None else f'line-{number}'}"
            yield Source(
                doc_id, path, rel, record_id, number, start,
                sha256_text(text) if text is not None else None, error,
            )


def _skip_line(handle: BinaryIO) -> int:
    """Read past the rest of a line (a regular file ends); the bytes read."""
    skipped = 0
    while True:
        block = handle.readline(1 << 20)
        skipped += len(block)
        if not block or block.endswith(b"\n"):
            return skipped


def _parse_record(raw: bytes, number: int) -> tuple[str | None, str | None, str | None]:
    """``(record id, text, error)`` for one JSONL line."""
    try:
        record = json.loads(raw)
    except UnicodeDecodeError:
        return None, None, f"line {number} is not UTF-8: {DecodeError.__name__}"
    except ValueError as exc:
        return None, None, f"line {number} is not valid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(record, dict):
        return None, None, f'line {number} is not a JSON object {{"id": …, "text": …}}'
    record_id = record.get("id")
    if isinstance(record_id, bool) or not isinstance(record_id, (str, int)) or str(record_id) == "":
        return None, None, f'line {number} has no "id" (a string or an integer)'
    text = record.get("text")
    if not isinstance(text, str):
        return str(record_id), None, f'line {number} (id {record_id!r}) has no "text" string'
    return str(record_id), text, None


__all__ = ["Source", "JsonlSource", "Inputs", "discover", "read_line", "line_limit", "FOLDER_SUFFIXES"]
