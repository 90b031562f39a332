"""Where each document's output goes under the output folder, and the JSONL files
assembled from per-record outputs."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from pathlib import Path, PurePosixPath

from ..files import atomic_write
from .inputs import Inputs, JsonlSource, Source, read_line
from .store import MANIFEST_NAME
from .work import BatchSettings

log = logging.getLogger("summarizer")


def jsonl_payload(content: str, settings: BatchSettings) -> dict:
    if settings.task == "translate":
        if settings.format == "json":
            translation = json.loads(content)
            return {"text": translation.get("text") if isinstance(translation, dict) else None, "translation": translation}
        return {"text": content}
    return {"summary": json.loads(content) if settings.format == "json" else content}


def original_id(source: Source, max_bytes: int | None = None):
    """The record's id as written in the input (a string or an integer)."""
    if source.record is None:
        return None
    try:
        value = json.loads(read_line(source, max_bytes)).get("id")
        return value if str(value) == source.record else source.record
    except (OSError, ValueError, AttributeError):  # InputTooLargeError is a ValueError
        return source.record


def describe(source: Source) -> str:
    path = os.path.abspath(source.path)
    return f"{path}#line {source.line}" if source.is_record else path


DOCUMENT_SUFFIXES = (".docx", ".pdf", ".html", ".htm")
"""Inputs whose translation is written as plain text."""

_SAFE_NAME = re.compile(r"\w[\w.\-]{0,120}", re.ASCII)


def safe_name(record_id: str) -> str:
    """A file name for a JSONL record id: the id itself when it is a plain name."""
    if _SAFE_NAME.fullmatch(record_id) and not record_id.endswith("."):
        return record_id
    slug = re.sub(r"[^\w.\-]+", "_", record_id, flags=re.ASCII).strip("._")[:60] or "record"
    return f"{slug}-{hashlib.sha256(record_id.encode('utf-8', 'surrogatepass')).hexdigest()[:10]}"


def output_path(source: Source, settings: BatchSettings) -> PurePosixPath:
    """Where a document's output goes, relative to the output folder."""
    if source.is_record:
        folder = source.rel.with_suffix("")
        return folder / (safe_name(source.record or f"line-{source.line}") + settings.extension)
    if settings.task == "translate" and settings.format == "txt":
        # A translated transcript is text: a .docx, PDF or HTML input gets a .txt output.
        return source.rel.with_suffix(".txt") if source.rel.suffix.lower() in DOCUMENT_SUFFIXES else source.rel
    return source.rel.with_suffix(settings.extension)


def unsafe_output(rel: PurePosixPath, out: Path | None, inputs: dict[str, Path]) -> str | None:
    """Why the output ``out/rel`` must not be written, else None.

    An output stays inside the output folder: a relative path that climbs out of it (a
    glob with ``..`` after a wildcard: ``in/s*/../../src/*.txt`` is ``../src/a.txt``
    relative to ``in``) or a link inside it that points out are refused, and so is an
    output that is one of the job's inputs (``inputs``: real path → path given)."""
    if rel.is_absolute() or ".." in rel.parts:
        return (f"its output {rel} would be written outside the output folder: its path climbs above "
                "the folder the pattern starts from ('..' after a wildcard); name that folder or a pattern "
                "without '..'")
    if out is None:
        return None
    real_out = os.path.realpath(out)
    real = os.path.realpath(os.path.join(out, *rel.parts))
    if real in inputs:
        return f"its output {os.path.join(out, *rel.parts)} would overwrite the input {inputs[real]}"
    if os.path.commonpath([real, real_out]) != real_out:
        return f"its output {os.path.join(out, *rel.parts)} leads outside the output folder (to {real}) through a link"
    return None


def output_paths(found: Inputs, settings: BatchSettings,
                 out: Path | None = None) -> tuple[dict[str, PurePosixPath], dict[str, str]]:
    """Each document's output path, and the documents whose output cannot be written: it would
    clash with another's, fall outside ``out`` or overwrite an input (see `unsafe_output`)."""
    reserved = {PurePosixPath(MANIFEST_NAME): "the manifest"}
    for jsonl in found.jsonl:
        reserved[jsonl.rel] = f"the assembled output of {jsonl.path}"
    inputs = {os.path.realpath(s.path): s.path for s in found.sources}
    owners: dict[PurePosixPath, str] = {}
    outputs: dict[str, PurePosixPath] = {}
    conflicts: dict[str, str] = {}
    for source in found.sources:
        rel = output_path(source, settings)
        outputs[source.id] = rel
        key = PurePosixPath(rel.as_posix().lower())
        problem = unsafe_output(rel, out, inputs)
        clash = reserved.get(rel) or owners.get(key)
        if problem is not None:
            conflicts[source.id] = problem
        elif clash is not None:
            conflicts[source.id] = f"its output {rel} would overwrite {clash}; rename the input or process it separately"
        else:
            owners[key] = f"the output of {describe(source)}"
    return outputs, conflicts


def assemble(jsonl: JsonlSource, sources: dict[str, Source], latest: dict[str, dict], out: Path,
             settings: BatchSettings, inputs: dict[str, Path]) -> None:
    """Write ``out/<rel>.jsonl``: one line per input record, from the per-record outputs that
    the manifest's ``latest`` records name (``inputs``: the job's, real path → path given)."""
    problem = unsafe_output(jsonl.rel, out, inputs)
    if problem is not None:  # its records failed with this reason; nothing is written outside out
        log.error("%s: not assembled: %s", jsonl.path, problem)
        return
    lines = []
    for doc_id in jsonl.doc_ids:
        source = sources[doc_id]
        record = latest.get(doc_id, {})
        line: dict = {"id": original_id(source, settings.max_bytes)}
        if source.record is None:
            line["line"] = source.line
        if record.get("status") == "done" and settings.format == "docx":
            line["output"] = record["output"]  # a Word document is not text: the line says where it is
        elif record.get("status") == "done":
            try:
                content = (out / record["output"]).read_text(encoding="utf-8")
            except OSError as exc:
                line["error"] = f"the output {record['output']} cannot be read: {exc.strerror}"
            else:
                line.update(jsonl_payload(content, settings))
        else:
            line["error"] = record.get("error") or "not processed"
        lines.append(json.dumps(line, ensure_ascii=False) + "\n")
    atomic_write(out / jsonl.rel, "".join(lines))
