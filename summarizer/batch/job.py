"""Batch jobs: translate or summarise whole archives, resumable, one result per document.

    from summarizer.batch import translate_batch

    for result in translate_batch(["corpus/"], "out/", target="en", workers=2):
        print(result.id, result.status, result.error or "")

Outputs keep the inputs' relative paths under the output folder: a translated
transcript is ``DIR/<rel>`` (same name, labels and layout kept) or
``DIR/<rel stem>.json``; a summary ``DIR/<rel stem>.md`` or ``.json``. A JSONL
input ``<rel>.jsonl`` gets one file per record in ``DIR/<rel stem>/<id>.<ext>``
(kept so a killed job resumes record by record) and, when the job ends, the
assembled ``DIR/<rel>.jsonl``: one line per input line, in order,
``{"id", "text"}`` (translate; json format adds ``"translation"``) or
``{"id", "summary"}`` (markdown text, or the summary object for json),
``{"id", "output"}`` (docx: the Word document's path), or ``{"id", "error"}`` for a
record that failed.

``DIR/manifest.jsonl`` holds one record per document (`MANIFEST_FIELDS`), appended
as each finishes and compacted to the latest record per id when the job
ends. A re-run skips a document whose latest record is ``done`` for the same
input hash and settings hash and whose output file still has the recorded
hash; everything else (new, changed, failed, missing or altered output) is
done again.

A job deletes only what its manifest says it wrote: the output named by a document's
latest record, ``done``, that still has the recorded hash (and lies inside the output
folder, is none of the inputs, and is no other document's output now). It goes when the
document fails and that output no longer matches its input or settings, or when the
document's new output is written elsewhere (another format). A file the job never wrote
(``DIR/notes.md`` of the user's, beside a damaged ``notes.txt``) or one changed since is
never deleted; a new output written at its path replaces it. A document that fails while
its earlier output is still up to date (same input and settings, unchanged: a ``--force``
run on a full disk) keeps that output and its ``done`` record: the failure is reported
(its `DocResult`, the error ending with `KEPT`), not recorded. So every ``done`` record's
output is in place with its hash, unless changed by hand since; a ``failed`` record has no
output, though a file the job does not own may sit at its path (as may an output a job
killed between the write and the record left: the next run writes it again).
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from ..errors import BatchError, SummarizerError
from ..models import Models
from ..files import atomic_write, remove_file, remove_stale_temporaries
from ..progress import Progress
from .engines import Engine, make_engine
from .inputs import Inputs, Source, discover
from .outputs import assemble, describe, output_paths, unsafe_output
from .preflight import Preflight
from .staging import discard, publish
from .store import Manifest, open_output, sha256_bytes, sha256_file, sha256_text
from .work import BatchSettings, DocOutcome, process_documents

log = logging.getLogger("summarizer")

MANIFEST_FIELDS = (
    "id", "input", "input_sha256", "settings_sha256", "status", "output", "output_sha256",
    "models", "seconds", "error", "error_type", "warnings", "task", "target", "source", "finished",
)
"""Fields of a manifest record; ``input`` and ``output`` are absolute paths."""

KEPT = "; the earlier output, made from this input with these settings, is kept"
"""Ends the error of a document that failed while its earlier output was up to date."""

@dataclass(frozen=True)
class DocResult:
    """What happened to one document in this run.

    Attributes:
        id: the document id (its input's relative path, ``#record`` for JSONL).
        status: "done" (processed now), "skipped" (already done for this input
            and these settings) or "failed".
        input: the input file (``#line N`` for a JSONL record).
        output: the output file, None when it failed.
        seconds: time spent on it in this run.
        error: what went wrong, None unless failed; it ends with `KEPT` when the
            document's earlier output, still up to date, was kept.
        models: the models used, with revisions.
        warnings: the result's warnings.
    """

    id: str
    status: str
    input: str
    output: Path | None
    seconds: float = 0.0
    error: str | None = None
    models: dict = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


def translate_batch(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike, target: str = "en", *,
                    format: str | None = None, workers: int | None = None, **kwargs) -> Iterator[DocResult]:
    """Translate every document of ``inputs`` into ``out_dir``; see `run_batch`."""
    settings = BatchSettings("translate", target=target, format=format, **_settings_kwargs(kwargs))
    return run_batch(inputs, out_dir, settings, workers=workers, **kwargs)


def summarize_batch(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike, target: str = "en", *,
                    format: str | None = None, workers: int | None = None, **kwargs) -> Iterator[DocResult]:
    """Summarise every document of ``inputs`` into ``out_dir``; see `run_batch`."""
    settings = BatchSettings("summarize", target=target, format=format, **_settings_kwargs(kwargs))
    return run_batch(inputs, out_dir, settings, workers=workers, **kwargs)


def _settings_kwargs(kwargs: dict) -> dict:
    names = ("source", "quotes", "mode", "options", "max_bytes", "model", "device")
    return {name: kwargs.pop(name) for name in names if name in kwargs}


def run_batch(inputs: Iterable[str | os.PathLike], out_dir: str | os.PathLike, settings: BatchSettings, *,
              engine: Engine | str | None = None, workers: int | None = None, address: str | None = None,
              force: bool = False, progress: Progress | None = None,
              models: Models | None = None) -> Iterator[DocResult]:
    """Process every document of ``inputs`` into ``out_dir``, yielding one `DocResult` each.

    Args:
        inputs: files, folders (recursive: ``*.txt`` and ``*.jsonl``), globs, JSONL files.
        out_dir: the output folder (created); one job at a time may use it.
        settings: what to do (`BatchSettings`).
        engine: where the work runs: an `Engine`, or the name of one that the job makes
            and closes at the end: "pool" (the default: this process, or a pool of
            ``workers`` processes) or "ray" (Ray actors; see `engines.ray`).
        workers: worker processes (pool) or Ray actors for an engine made by name; None:
            one for the pool, as many as the Ray cluster has CPUs for.
        address: the Ray cluster to join ("auto", "HOST:PORT"; ``engine="ray"`` only); None
            starts a local Ray instance with this machine's cores.
        models: the job's `Models` (where the models are, what runs them; tests register
            their fakes there); an engine made by name gives each worker a copy, whose
            models load once in it. None: a given engine's own, else one made from the
            settings.
        force: redo documents even when their output is up to date.
        progress: called as ``progress("batch", done, total)`` once before the
            first document and after each; while a document is worked on, as
            ``progress("<stage>:<doc id>", done, total)`` with its steps (e.g.
            ``"translate:2024/a.txt"``, sentences), where the engine reports them.

    Skipped documents come first, then the others as they finish. A document
    that fails is reported and the job goes on. Raises `BatchError` (a
    `SummarizerError`) when the job cannot start: an input that does not
    exist, no documents, an output folder in use by another job; and, before any engine
    starts, the error (`ModelNotAvailableError`…) of a job none of whose documents can be
    done with ``models`` (`preflight`; not with an engine whose worker is one's own).
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise BatchError(f"--out {out} is a file; give a folder")
    found = discover(inputs, exclude=out, max_bytes=settings.max_bytes)
    if found.excluded:
        _report_excluded(found, out)
    if not found.sources:
        raise BatchError("no documents found: give transcript files, folders holding .txt or .jsonl files, or globs")
    models = models or getattr(engine, "models", None) or Models.from_settings()  # a given engine's own
    own_engine = engine is None or isinstance(engine, str)
    library_work = own_engine or getattr(engine, "worker", False) in (None, process_documents)
    if own_engine:
        engine = make_engine(workers, engine=engine or "pool", address=address, models=models)
    try:
        with open_output(out) as manifest:
            _check_same_task(manifest, settings, out)
            removed = remove_stale_temporaries(out)
            if removed:
                log.info("removed %d temporary files left by a killed job", removed)
            if hasattr(engine, "prepare"):  # its workers write the outputs (staged) into this folder
                engine.prepare(out)
            checks = Preflight(settings, models) if library_work else None  # the library's work: are its models here?
            yield from _Job(found, out, settings, manifest, engine, force, progress, checks, models).run()
    finally:
        if own_engine:
            engine.close()


def _report_excluded(found: Inputs, out: Path) -> None:
    """Say that inputs inside the output folder were left out: an error when nothing else is left."""
    names = sorted({os.fspath(path) for path in found.excluded})
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    if not found.sources:
        raise BatchError(f"no documents to do: {shown} {'is' if len(names) == 1 else 'are'} inside the output folder "
                         f"{out}, which a job never reads from (its outputs are there); give --out another folder")
    log.warning("skipped %s: inside the output folder %s, which a job never reads from", shown, out)


def _check_same_task(manifest: Manifest, settings: BatchSettings, out: Path) -> None:
    """One task per output folder: a summary job must not replace a folder of translations."""
    other = next((r["task"] for r in manifest.latest.values() if r.get("task") not in (None, settings.task)), None)
    if other is not None:
        raise BatchError(f"{out} holds the outputs of a {other} job; give each task its own --out folder")


class _Job:
    """One run of a batch job; it puts every output in place and writes every manifest record
    (an engine's workers may write an output's bytes into a temporary file: see `staging`)."""

    def __init__(self, found: Inputs, out: Path, settings: BatchSettings, manifest: Manifest,
                 engine: Engine, force: bool, progress: Progress | None, checks: Preflight | None, models: Models):
        self.found, self.settings, self.manifest, self.checks = found, settings, manifest, checks
        self.out = Path(os.path.abspath(out))
        self.engine, self.force, self.progress = engine, force, progress
        self.digest = settings.digest(models)
        self.outputs, conflicts = output_paths(found, settings, self.out)
        self.early: deque[DocOutcome] = deque()  # failures found before the engine saw the document
        self.conflicts = conflicts
        self.sources = {s.id: s for s in found.sources}
        self.hashes: dict[str, str | None] = {}
        self.claimed = {str(self.out / rel) for rel in self.outputs.values()}
        self.owners = {str(self.out / rel): doc_id for doc_id, rel in self.outputs.items() if doc_id not in conflicts}
        self.inputs = {os.path.realpath(s.path): s.path for s in found.sources}
        self.inputs.update({os.path.realpath(j.path): j.path for j in found.jsonl})
        self.done = 0
        self.errors: dict[str, str] = {}  # an error → the first document that failed with it

    def run(self) -> Iterator[DocResult]:
        total = len(self.found.sources)
        self._tick(total)
        todo: list[Source] = []
        for source in self.found.sources:
            result = self._check(source)
            if result is None:
                todo.append(source)
            else:
                yield self._count(result, total)
        if self.checks is not None:
            self.checks.check_sources(todo)  # before the engine starts: can any of them be done?
        for outcome in self._drain(self.engine.run(self._items(todo), self.settings, self._steps)):
            yield self._count(self._finish(outcome), total)
        for jsonl in self.found.jsonl:
            assemble(jsonl, self.sources, self.manifest.latest, self.out, self.settings, self.inputs)
        self.manifest.compact()

    def _tick(self, total: int) -> None:
        if self.progress is not None:
            self.progress("batch", self.done, total)

    def _steps(self, doc_id: str, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(f"{stage}:{doc_id}", done, total)

    def _count(self, result: DocResult, total: int) -> DocResult:
        self.done += 1
        why = ""
        if result.error:  # an error that repeats is said once
            first = self.errors.setdefault(result.error, result.id)
            why = f" ({result.error})" if first == result.id else f" (the same error as {first})"
        log.info("%s: %s%s", result.id, result.status, why)
        self._tick(total)
        return result

    # ------------------------------------------------------------ deciding

    def _check(self, source: Source) -> DocResult | None:
        """A result when the document needs no work (skipped, or failed before reading); else None."""
        if source.error or source.id in self.conflicts:
            return self._finish(DocOutcome(source.id, None, error=source.error or self.conflicts[source.id], error_type="InputError"))
        if source.is_record:
            digest = source.sha256
        else:
            try:  # at most the size limit, and only from a regular file
                digest = sha256_bytes(source.read(self.settings.max_bytes))
            except (OSError, ValueError) as exc:
                return self._finish(_unreadable(source, exc))
        self.hashes[source.id] = digest
        record = self.manifest.latest.get(source.id)
        if not self.force and self._up_to_date(source.id, record):
            return DocResult(source.id, "skipped", describe(source), self.out / self.outputs[source.id], 0.0, None,
                             record.get("models") or {}, tuple(record.get("warnings") or ()))
        return None

    def _up_to_date(self, doc_id: str, record: dict | None) -> bool:
        """Whether the document's output is what this job would make: its latest record is done
        for this input and these settings, and the output still has the recorded hash."""
        digest = self.hashes.get(doc_id)
        return (
            record is not None and digest is not None and doc_id not in self.conflicts
            and record.get("status") == "done"
            and record.get("input_sha256") == digest
            and record.get("settings_sha256") == self.digest
            and sha256_file(self.out / self.outputs[doc_id]) == record.get("output_sha256")
        )

    def _items(self, todo: list[Source]) -> Iterator[tuple[str, str | bytes]]:
        """``(doc id, data)`` for the engine, read one at a time as it asks."""
        for source in todo:
            try:
                data = source.read(self.settings.max_bytes)
            except (OSError, ValueError, KeyError) as exc:  # vanished, unreadable, too large, line changed
                self.early.append(_unreadable(source, exc))
                continue
            self.hashes[source.id] = sha256_bytes(data) if isinstance(data, bytes) else sha256_text(data)
            yield source.id, data

    def _drain(self, outcomes: Iterator[DocOutcome]) -> Iterator[DocOutcome]:
        """The engine's outcomes, with the read failures interleaved as they happen."""
        for outcome in outcomes:
            while self.early:
                yield self.early.popleft()
            yield outcome
        while self.early:
            yield self.early.popleft()

    # ------------------------------------------------------------ recording

    def _finish(self, outcome: DocOutcome) -> DocResult:
        """Write the output (atomically), then the manifest record; the result.

        A document that fails keeps an earlier output that is still up to date (and its
        record); otherwise its earlier output goes, if the job wrote it (`_remove_earlier`)."""
        source = self.sources[outcome.id]
        rel = self.outputs.get(outcome.id)
        path = self.out / rel if rel is not None else None
        error, output_sha = outcome.error, None
        if outcome.ok and path is not None:
            error, output_sha = self._put_in_place(outcome, path)
        if outcome.staged is not None and output_sha is None:
            discard(outcome.staged, self.out)
        earlier = self.manifest.latest.get(outcome.id)
        if error is not None and self._up_to_date(outcome.id, earlier):  # e.g. --force on a full disk
            return DocResult(outcome.id, "failed", describe(source), None, outcome.seconds, error + KEPT,
                             outcome.models, outcome.warnings)
        self._remove_earlier(outcome.id, earlier, path if error is None else None)
        status = "done" if error is None else "failed"
        self.manifest.append({
            "id": outcome.id,
            "input": describe(source),
            "input_sha256": self.hashes.get(outcome.id) or source.sha256,
            "settings_sha256": self.digest,
            "status": status,
            "output": str(path) if status == "done" else None,
            "output_sha256": output_sha,
            "models": outcome.models,
            "seconds": round(outcome.seconds, 3),
            "error": error,
            "error_type": None if error is None else (outcome.error_type or "OSError"),
            "warnings": list(outcome.warnings),
            "task": self.settings.task,
            "target": self.settings.target,
            "source": outcome.extra.get("source"),
            "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        })
        return DocResult(outcome.id, status, describe(source), path if status == "done" else None,
                         outcome.seconds, error, outcome.models, outcome.warnings)

    def _put_in_place(self, outcome: DocOutcome, path: Path) -> tuple[str | None, str | None]:
        """Write an outcome's output at ``path``: ``(None, its SHA-256)``, or ``(why not, None)``."""
        try:
            if outcome.staged is not None:  # written by a worker: checked, then renamed into place
                publish(outcome.staged, outcome.staged_sha256, self.out, path)
                return None, outcome.staged_sha256
            atomic_write(path, outcome.content)
        except (OSError, UnicodeError) as exc:
            return f"cannot write {path}: {exc}", None
        content = outcome.content
        return None, sha256_bytes(content) if isinstance(content, bytes) else sha256_text(content)

    def _remove_earlier(self, doc_id: str, earlier: dict | None, written: Path | None) -> None:
        """Delete the output an earlier run made for this document, unless ``written`` (this
        run's output) replaced it: only a file the manifest says the job wrote (the latest
        record, done, names it) that still has the recorded hash, inside the output folder,
        none of the inputs, and no other document's output in this job."""
        if earlier is None or earlier.get("status") != "done" or not earlier.get("output"):
            return
        old = earlier["output"]
        if written is not None and old == str(written):
            return
        if old in self.claimed and self.owners.get(old) != doc_id:
            return
        if self._removable(old) and sha256_file(Path(old)) == earlier.get("output_sha256"):
            remove_file(Path(old))  # another format's, or made from an input it no longer matches

    def _removable(self, previous: str) -> bool:
        """Whether an older output may be deleted: a file inside the output folder (links
        resolved) that is none of the inputs."""
        try:
            rel = PurePosixPath(Path(os.path.realpath(previous)).relative_to(os.path.realpath(self.out)).as_posix())
        except ValueError:
            return False
        return unsafe_output(rel, self.out, self.inputs) is None


def _unreadable(source: Source, exc: Exception) -> DocOutcome:
    """The outcome of a document that cannot be read: one line saying why."""
    if isinstance(exc, SummarizerError):
        message = str(exc)
    elif isinstance(exc, OSError):
        message = f"cannot read {describe(source)}: {exc.strerror or exc}"
    else:
        message = f"cannot read {describe(source)}: {type(exc).__name__}: {exc}"
    return DocOutcome(source.id, None, error=message, error_type=type(exc).__name__)


__all__ = ["run_batch", "translate_batch", "summarize_batch", "DocResult", "MANIFEST_FIELDS", "KEPT"]
