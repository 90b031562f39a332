"""The work on one document of a batch job, as a plain function of plain values.

`process_document(doc_id, data, settings)` parses, translates or summarises,
and renders one document; it never touches the output folder and never raises
for a bad document, so any engine (this process, a process pool, a Ray
cluster) can run it and ship its `DocOutcome` back to the job, which does all
the writing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from .errors import SummarizerError

log = logging.getLogger("summarizer")

TASKS = ("translate", "summarize")
FORMATS = {"translate": ("txt", "json"), "summarize": ("md", "json")}
"""Output formats per task, the default first."""


@dataclass(frozen=True)
class BatchSettings:
    """What a batch job does to every document.

    Attributes:
        task: "translate" or "summarize".
        target: language of the output, "en" or "es".
        source: language of the input, or "auto" to use each transcript's own.
        format: output format: "txt" (a translated transcript in its own layout,
            labels kept) or "json" for translate; "md" or "json" for summarize.
            None picks the first.
        quotes: quotes per summary (summarize only).
        mode: summarize mode ("auto", "extractive", …; summarize only).
        options: a `TranslateOptions` or summarize options dataclass, or None.
        max_bytes: size limit of one input; None for the library default.
    """

    task: str
    target: str = "en"
    source: str = "auto"
    format: str | None = None
    quotes: int = 5
    mode: str = "auto"
    options: Any = None
    max_bytes: int | None = None

    def __post_init__(self):
        if self.task not in TASKS:
            raise ValueError(f"task must be one of {', '.join(TASKS)}, not {self.task!r}")
        if self.format is None:
            object.__setattr__(self, "format", FORMATS[self.task][0])
        elif self.format not in FORMATS[self.task]:
            raise ValueError(f"{self.task} writes {' or '.join(FORMATS[self.task])}, not {self.format!r}")

    @property
    def extension(self) -> str:
        return "." + self.format

    def key(self) -> dict:
        """The settings an output depends on (not ``max_bytes``: a limit only decides failure)."""
        key: dict[str, Any] = {"task": self.task, "target": self.target, "source": self.source, "format": self.format}
        if self.task == "summarize":
            key.update(quotes=self.quotes, mode=self.mode)
        if self.options is not None:
            options = dataclasses.asdict(self.options) if dataclasses.is_dataclass(self.options) else self.options
            key["options"] = {"type": type(self.options).__name__, "value": options}
        return key

    def digest(self) -> str:
        """A hash of `key`: an output made with other settings is redone."""
        text = json.dumps(self.key(), sort_keys=True, ensure_ascii=False, default=repr)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DocOutcome:
    """What the work on one document produced.

    Attributes:
        id: the document id.
        content: the output file's text, None when it failed.
        models: the models used, with revisions, as the result's provenance gives them.
        seconds: time spent on this document.
        error: a message saying what went wrong, None when it worked.
        error_type: the exception's class name.
        warnings: the result's warnings.
        extra: small per-task facts kept in the manifest (e.g. the source language).
    """

    id: str
    content: str | None
    models: dict = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None
    error_type: str | None = None
    warnings: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


def process_document(doc_id: str, data: str | bytes, settings: BatchSettings) -> DocOutcome:
    """Translate or summarise one document; a failure becomes a failed `DocOutcome`.

    This is the unit of work of every engine: it depends only on its
    arguments, which are plain picklable values.
    """
    started = time.perf_counter()
    try:
        content, models, warnings, extra = _TASK_FUNCTIONS[settings.task](data, settings)
    except SummarizerError as exc:
        return _failed(doc_id, exc, started)
    except Exception as exc:  # the job's isolation boundary: a bug or a model crash fails one document
        log.debug("%s failed unexpectedly", doc_id, exc_info=True)
        return _failed(doc_id, exc, started, unexpected=True)
    return DocOutcome(doc_id, content, models, time.perf_counter() - started, warnings=tuple(warnings), extra=extra)


def _failed(doc_id: str, exc: BaseException, started: float, unexpected: bool = False) -> DocOutcome:
    message = str(exc) or type(exc).__name__
    if unexpected:
        message = f"unexpected {type(exc).__name__}: {message}"
    return DocOutcome(doc_id, None, seconds=time.perf_counter() - started, error=message, error_type=type(exc).__name__)


def _translate(data: str | bytes, settings: BatchSettings):
    from .transcript import parse_transcript
    from .translate import translate

    doc = parse_transcript(data, max_bytes=settings.max_bytes)
    source = doc.language if settings.source == "auto" else settings.source
    result = translate(doc, source=source, target=settings.target, options=settings.options)
    as_dict = result.to_dict()
    if settings.format == "json":
        content = json.dumps(as_dict, ensure_ascii=False, indent=2) + "\n"
    else:
        content = result.text
    return content, _models_of(as_dict), tuple(result.warnings), {"source": source}


def _summarize(data: str | bytes, settings: BatchSettings):
    from .summarize import summarize
    from .transcript import parse_transcript

    doc = parse_transcript(data, max_bytes=settings.max_bytes)
    summary = summarize(doc, target=settings.target, quotes=settings.quotes, mode=settings.mode, options=settings.options)
    content = summary.to_json() if settings.format == "json" else summary.to_markdown()
    if not content.endswith("\n"):
        content += "\n"
    provenance = getattr(summary, "provenance", None) or {}
    warnings = tuple(getattr(summary, "warnings", ()) or ())
    return content, dict(provenance.get("models") or {}), warnings, {"source": doc.language}


def _models_of(result: dict) -> dict:
    """The models named in a result's dict (``models`` or ``provenance.models``)."""
    models = result.get("models")
    if models is None and isinstance(result.get("provenance"), dict):
        models = result["provenance"].get("models")
    if isinstance(models, dict):
        return models
    if isinstance(models, (list, tuple)):
        return {str(i): m for i, m in enumerate(models)}
    if models is not None:
        return {"model": models}
    return {}


_TASK_FUNCTIONS = {"translate": _translate, "summarize": _summarize}


__all__ = ["BatchSettings", "DocOutcome", "process_document", "TASKS", "FORMATS"]
