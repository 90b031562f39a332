"""The work on one document of a batch job, as a plain function of plain values.

`process_document(doc_id, data, settings)` parses, translates or summarises,
and renders one document; it never touches the output folder and never raises
for a bad document, so any engine (this process, a process pool, a Ray
cluster) can run it and ship its `DocOutcome` back to the job, which does all
the writing.

`process_documents(items, settings)` does the same for a group that
`group_items` formed: small documents to translate share one translation
pass, so their sentences fill the model's batches together (identical
sentences are translated once); anything else is done one by one.

Both take ``models``, the worker's `Models` (picklable: an engine hands each worker
process a copy once, whose models then load once in that process; tests register their
fakes in it, `summarizer.testing.fake_models`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..document import Transcript
from ..errors import OptionError, SummarizerError, UnsupportedLanguageError
from ..models import TASKS, Models
from ..parse import parse_transcript
from ..progress import DocProgress, Progress
from ..summarize import Summarizer, SummaryOptions
from ..translate import TranslatedTranscript, Translator
from .fingerprint import environment

log = logging.getLogger("summarizer")

WorkItem = tuple[str, "str | bytes"]


FORMATS = {"translate": ("txt", "json"), "summarize": ("md", "json", "docx")}
"""Output formats per task, the default first."""


@dataclass(frozen=True)
class BatchSettings:
    """What a batch job does to every document.

    Attributes:
        task: "translate" or "summarize".
        target: language of the output, "en" or "es".
        source: language of the input, or "auto" to use each transcript's own.
        format: output format: "txt" (a translated transcript in its own layout,
            labels kept) or "json" for translate; "md", "json" or "docx" (a Word document) for
            summarize.
            None picks the first.
        quotes: quotes per summary (summarize only).
        mode: summarize mode ("auto", "extractive", …; summarize only).
        options: a `TranslateOptions` or `SummaryOptions`, or None.
        max_bytes: size limit of one input; None for the library default.
        model: translate only: the hub id or folder of the translation model, for the pair
            ``source`` → ``target`` (so ``source`` cannot be "auto"). Summarize names its
            models in `SummaryOptions`.
        device: "auto", "cpu" or "cuda" (translate; summarize's is in `SummaryOptions`).
    """

    task: str
    target: str = "en"
    source: str = "auto"
    format: str | None = None
    quotes: int = 5
    mode: str = "auto"
    options: Any = None
    max_bytes: int | None = None
    model: str | None = None
    device: str = "auto"

    def __post_init__(self):
        if self.task not in TASKS:
            raise OptionError(f"task must be one of {', '.join(TASKS)}, not {self.task!r}")
        if self.model is not None and (self.task != "translate" or self.source == "auto"):
            raise OptionError("a translation model translates one pair: name the inputs' language (--from) with it"
                              if self.task == "translate" else "summarize names its models in SummaryOptions")
        if self.format is None:
            object.__setattr__(self, "format", FORMATS[self.task][0])
        elif self.format not in FORMATS[self.task]:
            raise OptionError(f"{self.task} writes {' or '.join(FORMATS[self.task])}, not {self.format!r}")

    @property
    def extension(self) -> str:
        return "." + self.format

    def key(self) -> dict:
        """The settings an output depends on (not ``max_bytes``: a limit only decides failure)."""
        key: dict[str, Any] = {"task": self.task, "target": self.target, "source": self.source, "format": self.format}
        if self.task == "summarize":
            key.update(quotes=self.quotes, mode=self.mode)
        if self.model is not None or self.device != "auto":
            key.update(model=self.model, device=self.device)
        if self.options is not None:
            options = dataclasses.asdict(self.options) if dataclasses.is_dataclass(self.options) else self.options
            key["options"] = {"type": type(self.options).__name__, "value": options}
        return key

    def digest(self, models: Models) -> str:
        """A hash of `key` and of the models (in ``models``) and word table found here
        (`fingerprint`): an output made with other settings, another model or another table
        is redone."""
        text = json.dumps({"settings": self.key(), "found": environment(self, models)}, sort_keys=True, ensure_ascii=False,
                          default=repr)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DocOutcome:
    """What the work on one document produced.

    Attributes:
        id: the document id.
        content: the output file's text (bytes for a Word document), None when it failed.
        models: the models used, with revisions, as the result's provenance gives them.
        seconds: time spent on this document.
        error: a message saying what went wrong, None when it worked.
        error_type: the exception's class name.
        warnings: the result's warnings.
        extra: small per-task facts kept in the manifest (e.g. the source language).
        staged: where a worker wrote the output itself (a hidden temporary file in the
            output folder, see `staging`; ``content`` is None then), else None.
        staged_sha256: the SHA-256 of the staged file's bytes, as the worker wrote them.
    """

    id: str
    content: str | bytes | None
    models: dict = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None
    error_type: str | None = None
    warnings: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)
    staged: str | None = None
    staged_sha256: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def process_document(doc_id: str, data: str | bytes, settings: BatchSettings,
                     progress: Progress | None = None, models: Models | None = None) -> DocOutcome:
    """Translate or summarise one document; a failure becomes a failed `DocOutcome`.

    This is the unit of work of every engine: it depends only on its
    arguments, which are plain picklable values (``progress``, optional, is
    the API's ``progress(stage, done, total)`` for this document's steps; ``models``
    the worker's `Models`, None: one made from the settings for this call).
    """
    started = time.perf_counter()
    if models is None:
        models = Models.from_settings()
    try:
        content, used, warnings, extra = _TASK_FUNCTIONS[settings.task](data, settings, progress, models)
    except SummarizerError as exc:
        return _failed(doc_id, exc, started)
    except Exception as exc:  # the job's isolation boundary: a bug or a model crash fails one document
        log.debug("%s failed unexpectedly", doc_id, exc_info=True)
        return _failed(doc_id, exc, started, unexpected=True)
    return DocOutcome(doc_id, content, used, time.perf_counter() - started, warnings=tuple(warnings), extra=extra)


GROUP_CHARS = 20_000
"""Documents to translate that are smaller than this share a translation pass,
up to this many characters together (a full transcript, 50–150k, goes alone)."""
GROUP_DOCS = 64


def group_items(items: Iterable[WorkItem], settings: BatchSettings,
                group_chars: int = GROUP_CHARS) -> Iterator[list[WorkItem]]:
    """Consecutive items in groups worth one `process_documents` call: documents to
    translate under ``group_chars`` characters share one (0: every document alone)."""
    group: list[WorkItem] = []
    size = 0
    for item in items:
        length = len(item[1])
        if settings.task != "translate" or length >= group_chars:
            yield [item]
            continue
        if group and (size + length > group_chars or len(group) >= GROUP_DOCS):
            yield group
            group, size = [], 0
        group.append(item)
        size += length
    if group:
        yield group


def process_documents(items: list[WorkItem], settings: BatchSettings, progress: DocProgress | None = None,
                      models: Models | None = None) -> list[DocOutcome]:
    """One outcome per item: `process_document` for each, or one shared pass for small translations.

    ``progress(doc_id, stage, done, total)`` reports each document's steps
    (in a shared pass, the pass's steps, for every document in it).
    """
    if models is None:
        models = Models.from_settings()
    if settings.task == "translate" and len(items) > 1:
        return _translate_group(items, settings, progress, models)
    return [process_document(doc_id, data, settings, _bind(progress, [doc_id]), models) for doc_id, data in items]


def _bind(progress, doc_ids: list[str]) -> Progress | None:
    if progress is None:
        return None

    def report(stage: str, done: int, total: int) -> None:
        for doc_id in doc_ids:
            progress(doc_id, stage, done, total)

    return report


def _failed(doc_id: str, exc: BaseException, started: float, unexpected: bool = False) -> DocOutcome:
    message = str(exc) or type(exc).__name__
    if unexpected:
        message = f"unexpected {type(exc).__name__}: {message}"
    return DocOutcome(doc_id, None, seconds=time.perf_counter() - started, error=message, error_type=type(exc).__name__)


def _source_language(doc: Transcript, settings: BatchSettings) -> str:
    source = doc.language if settings.source == "auto" else settings.source
    if source == settings.target:
        raise UnsupportedLanguageError(
            f"the transcript is already in {source!r} (the --to language){' as detected' if settings.source == 'auto' else ''}; "
            "nothing to translate (give --from if the detection is wrong)"
        )
    return source


def _render_translation(result: TranslatedTranscript, settings: BatchSettings):
    as_dict = result.to_dict()
    content = json.dumps(as_dict, ensure_ascii=False, indent=2) + "\n" if settings.format == "json" else result.text
    return content, _models_of(as_dict), tuple(result.warnings), {"source": result.source_lang}


def _translator(source: str, target: str, settings: BatchSettings, models: Models) -> Translator:
    """The `Translator` both translation paths use (its model loads once per `Models`)."""
    return Translator(source, target, model=settings.model, options=settings.options, device=settings.device,
                      models=models)


def _translate(data: str | bytes, settings: BatchSettings, progress: Progress | None, models: Models):
    doc = parse_transcript(data, max_bytes=settings.max_bytes)
    translator = _translator(_source_language(doc, settings), settings.target, settings, models)
    return _render_translation(translator.translate_transcript(doc, progress), settings)


def _translate_group(items: list[WorkItem], settings: BatchSettings, progress: DocProgress | None,
                     models: Models) -> list[DocOutcome]:
    """Small documents translated in one pass per source language.

    The documents go to one `Translator.translate_transcripts` pass, so their
    sentences share the model's batches. If the shared pass fails, each
    document is done alone, so that only a document that fails by itself is
    reported.
    """
    started = time.perf_counter()
    outcomes: dict[str, DocOutcome] = {}
    by_source: dict[str, list] = {}
    data_of = dict(items)
    for doc_id, data in items:
        try:
            doc = parse_transcript(data, max_bytes=settings.max_bytes)
            by_source.setdefault(_source_language(doc, settings), []).append((doc_id, doc))
        except SummarizerError as exc:
            outcomes[doc_id] = _failed(doc_id, exc, started)
        except Exception as exc:  # the isolation boundary, as in process_document
            outcomes[doc_id] = _failed(doc_id, exc, started, unexpected=True)
    for source, members in by_source.items():
        try:
            outcomes.update(_shared_pass(source, members, settings, progress, models))
        except Exception as exc:  # noqa: BLE001 — redo one by one to find the document at fault
            log.info("a shared translation pass failed (%s); translating its %d documents one by one", exc, len(members))
            for doc_id, _ in members:
                outcomes[doc_id] = process_document(doc_id, data_of[doc_id], settings, _bind(progress, [doc_id]),
                                                    models)
    return [outcomes[doc_id] for doc_id, _ in items]


def _shared_pass(source: str, members: list, settings: BatchSettings, progress: DocProgress | None,
                 models: Models) -> dict[str, DocOutcome]:
    clock = time.perf_counter()
    ids = [doc_id for doc_id, _ in members]
    translator = _translator(source, settings.target, settings, models)
    results = translator.translate_transcripts([doc for _, doc in members], _bind(progress, ids))
    # Each document is charged its share of the pass, by characters.
    sizes = [doc.header_end + sum(len(t.text) for t in doc.turns) for _, doc in members]
    per_char = (time.perf_counter() - clock) / max(1, sum(sizes))
    outcomes = {}
    for (doc_id, _), result, size in zip(members, results, sizes):
        content, used, result_warnings, extra = _render_translation(result, settings)
        outcomes[doc_id] = DocOutcome(doc_id, content, used, per_char * size, warnings=result_warnings, extra=extra)
    return outcomes


def _summarize(data: str | bytes, settings: BatchSettings, progress: Progress | None, models: Models):
    doc = parse_transcript(data, max_bytes=settings.max_bytes)
    options = dataclasses.replace(settings.options or SummaryOptions(), quotes=settings.quotes, mode=settings.mode)
    summarizer = Summarizer(options, models=models)
    summary = summarizer.summarize(doc, target=settings.target, progress=progress)
    if settings.format == "docx":
        content = summary.to_docx_bytes()
    else:
        content = summary.to_json() if settings.format == "json" else summary.to_markdown()
        content += "" if content.endswith("\n") else "\n"
    return content, dict(summary.provenance.get("models") or {}), tuple(summary.warnings), {"source": doc.language}


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


__all__ = [
    "BatchSettings", "DocOutcome", "process_document", "process_documents", "group_items",
    "TASKS", "FORMATS", "GROUP_CHARS", "WorkItem",
]
