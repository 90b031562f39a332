"""What else a batch output depends on besides its settings: the models found on this
machine (which folder, which files, which backend runs them) and the archive word table
that selection weighs words with. A job hashes it with the settings, so that installing,
replacing or converting a model, or changing the table, redoes the outputs it would
change instead of leaving older ones mixed with newer.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..document import LANGUAGES
from ..errors import ModelNotAvailableError, UnsupportedLanguageError
from ..models import Models, requested_backend, spec_for
from ..models.backend import PROVENANCE_FILE, choose_backend, fingerprint
from ..select.archive import table_path
from .store import sha256_file


def environment(settings: Any, models: Models) -> dict:
    """The models (as ``models`` finds them) and the table the outputs of a job with these
    `BatchSettings` depend on."""
    options = settings.options
    backend = requested_backend(getattr(options, "backend", None) or models.backend)
    found: dict[str, Any] = {"backend": backend}
    for task, source, target, name in _models(settings):
        key = task if task != "translate" else f"translate-{source}-{target}"
        fake = models.registered(task, source, target)
        found[key] = {"registered": _provenance(fake)} if fake is not None else \
            _model(task, source, target, name, backend, models)
    if settings.task == "summarize":
        found["archive"] = _file_sha256(str(table_path(getattr(options, "archive", None)).resolve()))
    return found


def _models(settings: Any) -> list[tuple[str, str | None, str | None, str | None]]:
    options = settings.options
    if settings.task == "translate":
        sources = [settings.source] if settings.source != "auto" else [s for s in LANGUAGES if s != settings.target]
        return [("translate", s, settings.target, settings.model) for s in sources]
    named = options.translation_models() if options is not None else {}
    return [("summarize", None, None, getattr(options, "summarize_model", None)),
            ("chat", None, None, getattr(options, "chat_model", None))] + \
        [("translate", s, t, named.get((s, t))) for s in LANGUAGES for t in LANGUAGES if s != t]


def _provenance(model: Any) -> dict:
    """What a registered model says of itself (its name), for the fingerprint."""
    try:
        return {k: v for k, v in dict(model.provenance).items() if isinstance(v, (str, int, float, type(None)))}
    except Exception:  # noqa: BLE001 — a model without provenance is named by its type
        return {"type": type(model).__name__}


def _model(task: str, source: str | None, target: str | None, name: str | None, backend: str,
           models: Models) -> dict | None:
    """Where the model is, its files' sizes and times, and what runs it; None when absent."""
    try:
        spec = spec_for(task, source=source, target=target, name=name)
    except UnsupportedLanguageError:
        return None
    where = models.locate(spec)
    if where is None:
        return None
    found = {"path": str(where.path), "files": fingerprint(where.path, sha256=False)}
    try:
        runs = choose_backend(spec, where.path, where.kind, backend, models.places.folder)
    except ModelNotAvailableError as exc:  # the job reports it on its first document
        return {**found, "backend": str(exc)}
    found["backend"] = runs.backend
    if runs.copy is not None:
        found["copy"] = {"path": str(runs.copy), "files": _stats(runs.copy, ("model.bin", PROVENANCE_FILE))}
    return found


def _stats(folder: Path, names: tuple[str, ...]) -> dict:
    stats = {}
    for name in names:
        try:
            stat = (folder / name).stat()
        except OSError:
            continue
        stats[name] = [stat.st_size, stat.st_mtime_ns]
    return stats


def _file_sha256(path: str) -> str | None:
    try:
        stat = Path(path).stat()
    except OSError:
        return None  # a missing table is reported by the first document's selection
    return _hash(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=8)
def _hash(path: str, size: int, mtime_ns: int) -> str | None:
    """`sha256_file`, read once per path, size and time in a process."""
    return sha256_file(Path(path))


__all__ = ["environment"]
