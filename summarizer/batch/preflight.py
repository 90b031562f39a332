"""Before a batch job starts its engine: can the models it needs run here?

A job none of whose documents to do can be done (a model missing for the mode and
languages asked for, a backend that cannot run it) is refused with that reason, said
once, before any engine starts (a local Ray instance takes seconds), rather than failing
document after document with the same message.

What a document needs depends on its language when the job's source is "auto": a brief
in Spanish of a Spanish transcript needs no model, and mode auto falls back to
extractive. So `Preflight` says, for each language a document may be in, why a document
in it cannot be done (None: it can); once the job knows which documents it has to do
(documents skipped, or failing on their own, such as an unreadable input, do not count),
`Preflight.check_sources` refuses it when no language can be done, or when every
document to do is in one that cannot. A document whose language is unclear, or that
cannot be read, never counts against the job. The checks are the library's own
(`summarize.modes.choose_mode`, `models.locate`, `models.choose_backend`), so a job is
refused only where its documents would fail; a model that the hub may still give
(``HF_HUB_OFFLINE`` unset, a hub id) is not missing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ..document import LANGUAGES
from ..errors import ModelNotAvailableError, SummarizerError, UnsupportedLanguageError
from ..models import Models, choose_backend, requested_backend, spec_for
from ..models.locate import explicit_path
from ..output.wording import LANGUAGE_NAMES
from ..parse.decode import read_text
from ..parse.language import detect_language
from ..summarize import Summarizer, SummaryOptions
from ..summarize.modes import needed
from .inputs import Source
from .work import BatchSettings

SAMPLE_CHARS = 6000
"""How much of a document its language is told from (as the parser does)."""


class Preflight:
    """Why a document in each language cannot be done by a job with these settings.

    Attributes:
        settings: the job's `BatchSettings`.
        problems: language → the error its documents would fail with, or None when they
            can be done; one entry for a job with a source language, else one per language.
    """

    def __init__(self, settings: BatchSettings, models: Models):
        self.settings = settings
        sources = LANGUAGES if settings.source == "auto" else (settings.source,)
        self.problems: dict[str, SummarizerError | None] = {s: _problem(settings, s, models) for s in sources}

    def refuse(self, languages: Iterable[str] = (), count: int = 0) -> None:
        """Raise the job's problem: that of ``languages`` (its ``count`` documents to do are
        in them), else the first missing model's, prefixed with "the job cannot run"."""
        problems = [self.problems[lang] for lang in languages] or list(self.problems.values())
        problem = next((p for p in problems if isinstance(p, ModelNotAvailableError)), problems[0])
        where = ""
        if languages and self.settings.source == "auto":
            names = " or ".join(LANGUAGE_NAMES["en"][lang] for lang in languages)
            where = f"its {count} document{'s' if count != 1 else ''} to do {'are' if count != 1 else 'is'} " \
                    f"in {names}, and "
        raise type(problem)(f"the job cannot run: {where}{problem}") from None

    def check_sources(self, sources: list[Source]) -> None:
        """Refuse the job when every one of ``sources`` (the documents to do) is in a language
        that cannot be done; reads them only while that may be so, and at most once each."""
        if all(problem is None for problem in self.problems.values()) or not sources:
            return
        if all(problem is not None for problem in self.problems.values()):
            self.refuse()  # whatever their languages
        seen: set[str] = set()
        for source in sources:
            language = source_language(source, self.settings.max_bytes)
            if language not in self.problems or self.problems[language] is None:
                return  # this one can be done, or may be: the job runs
            seen.add(language)
        self.refuse(sorted(seen), len(sources))


def source_language(source: Source, max_bytes: int | None = None) -> str | None:
    """The language of a document, "es" or "en"; None when it cannot be read or decoded."""
    try:
        text = read_text(source.read(max_bytes), max_bytes).text
    except (SummarizerError, OSError, ValueError, KeyError):
        return None
    return detect_language(text[:SAMPLE_CHARS], default="") or None


def _problem(settings: BatchSettings, source: str, models: Models) -> SummarizerError | None:
    """Why a document in ``source`` cannot be done with ``settings`` and ``models``; None when it can."""
    try:
        if settings.task == "translate":
            _check_translation(settings, source, models)
        else:
            _check_brief(settings, source, models)
    except SummarizerError as exc:
        return exc
    return None


def _check_translation(settings: BatchSettings, source: str, models: Models) -> None:
    if source == settings.target:
        raise UnsupportedLanguageError(f"the inputs are in {source!r}, the --to language: nothing to translate")
    if models.registered("translate", source, settings.target) is not None:
        return
    backend = requested_backend(getattr(settings.options, "backend", None) or models.backend)
    spec = spec_for("translate", source=source, target=settings.target, name=settings.model)
    where = models.locate(spec)
    if where is None:
        if models.places.offline or explicit_path(spec.name) is not None:
            raise models.not_available_error(spec)
        return  # the hub may have it: the first document fetches it
    if backend == "ctranslate2":
        choose_backend(spec, where.path, where.kind, backend, models.places.folder)  # raises when it cannot be used


def _check_brief(settings: BatchSettings, source: str, models: Models) -> None:
    options = dataclasses.replace(settings.options or SummaryOptions(), quotes=settings.quotes, mode=settings.mode)
    summarizer = Summarizer(options, models=models)
    summarizer.check_named_folders()
    backend = summarizer.models.backend
    try:
        choice = summarizer.mode_for(source, settings.target)
    except ModelNotAvailableError as exc:
        raise ModelNotAvailableError(f"{exc}{_which(options, source, settings.target, summarizer)}") from None
    if backend != "ctranslate2":
        return
    for task, pair_source, pair_target in needed(choice.mode, source, settings.target):
        if models.registered(task, pair_source, pair_target) is not None:
            continue
        spec = spec_for(task, source=pair_source, target=pair_target, name=_named(options, task, pair_source,
                                                                                  pair_target))
        where = models.locate(spec)
        if where is not None:
            choose_backend(spec, where.path, where.kind, backend, models.places.folder)


def _named(options: SummaryOptions, task: str, source: str | None, target: str | None) -> str | None:
    """The model the options name for a task (and pair); None: the registry's."""
    if task == "summarize":
        return options.summarize_model
    return options.translation_models().get((source, target))


def _which(options: SummaryOptions, source: str, target: str, summarizer: Summarizer) -> str:
    """" The model: NAME; `summarizer models download SHORT` fetches it alone.", for the
    first model the brief lacks (what `choose_mode`'s message calls "the es→en translation
    model")."""
    mode = options.mode
    if mode == "auto":
        lacking = any(not summarizer.is_available(*need) for need in needed("abstractive", source, target))
        mode = "extractive" if lacking else "abstractive"
    for task, pair_source, pair_target in needed(mode, source, target):
        if not summarizer.is_available(task, pair_source, pair_target):
            spec = spec_for(task, source=pair_source, target=pair_target,
                            name=_named(options, task, pair_source, pair_target))
            fetch = f"`summarizer models download {spec.short_name}` fetches it alone" \
                if explicit_path(spec.name) is None else "that folder holds no model"
            return f" The model: {spec.name}; {fetch}."
    return ""


__all__ = ["Preflight", "source_language"]
