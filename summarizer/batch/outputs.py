"""Where each document's output goes under the output folder, and the JSONL files
assembled from per-record outputs."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import PurePosixPath

from .inputs import Inputs, Source
from .store import MANIFEST_NAME
from .work import BatchSettings


def jsonl_payload(content: str, settings: BatchSettings) -> dict:
    if settings.task == "translate":
        if settings.format == "json":
            translation = json.loads(content)
            return {"text": translation.get("text") if isinstance(translation, dict) else None, "translation": translation}
        return {"text": content}
    return {"summary": json.loads(content) if settings.format == "json" else content}


def original_id(source: Source):
    """The record's id as written in the input (a string or an integer)."""
    if source.record is None:
        return None
    try:
        with open(source.path, "rb") as handle:
            handle.seek(source.offset or 0)
            value = json.loads(handle.readline()).get("id")
        return value if str(value) == source.record else source.record
    except (OSError, ValueError, AttributeError):
        return source.record


def describe(source: Source) -> str:
    path = os.path.abspath(source.path)
    return f"{path}#line {source.line}" if source.is_record else path


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
        return source.rel
    return source.rel.with_suffix(settings.extension)


def output_paths(found: Inputs, settings: BatchSettings) -> tuple[dict[str, PurePosixPath], dict[str, str]]:
    """Each document's output path, and the documents whose output would clash with another's."""
    reserved = {PurePosixPath(MANIFEST_NAME): "the manifest"}
    for jsonl in found.jsonl:
        reserved[jsonl.rel] = f"the assembled output of {jsonl.path}"
    owners: dict[PurePosixPath, str] = {}
    outputs: dict[str, PurePosixPath] = {}
    conflicts: dict[str, str] = {}
    for source in found.sources:
        rel = output_path(source, settings)
        outputs[source.id] = rel
        key = PurePosixPath(rel.as_posix().lower())
        clash = reserved.get(rel) or owners.get(key)
        if clash is not None:
            conflicts[source.id] = f"its output {rel} would overwrite {clash}; rename the input or process it separately"
        else:
            owners[key] = f"the output of {describe(source)}"
    return outputs, conflicts
