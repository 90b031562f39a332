"""Batch jobs: translate or summarise whole archives, resumable, one result per document.

    from summarizer.batch import translate_batch

    for result in translate_batch(["corpus/"], "out/", target="en", workers=2):
        print(result.id, result.status, result.error or "")

`inputs` (files, folders, globs, JSON Lines → documents with stable ids) → `job` (the
driver: what to skip, what to do, every write) → `engines` (where the work runs: this
process, a pool of processes, Ray actors) → `work` (one document: parse, translate or
summarise, render; plain values in and out) → `outputs` (where each output goes, and
the assembled JSONL files), `staging` (outputs a Ray worker writes, which the job puts in
place) and `store` (the manifest, the job lock, reading regular files only).
"""

from ..errors import BatchError
from .engines import Engine, LocalEngine, PoolEngine, RayEngine, make_engine
from .job import MANIFEST_FIELDS, DocResult, run_batch, summarize_batch, translate_batch
from .outputs import output_path, safe_name
from .store import MANIFEST_NAME
from .work import FORMATS, TASKS, BatchSettings, DocOutcome, process_document, process_documents

__all__ = [
    "run_batch", "translate_batch", "summarize_batch", "BatchSettings", "DocResult", "DocOutcome",
    "process_document", "process_documents", "Engine", "LocalEngine", "PoolEngine", "RayEngine", "make_engine",
    "MANIFEST_NAME", "MANIFEST_FIELDS", "FORMATS", "TASKS", "output_path", "safe_name", "BatchError",
]
