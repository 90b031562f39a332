"""Translators composed, so that "same language" and "through a pivot" are cases, not
branches (as argos-translate's `IdentityTranslation` and `CompositeTranslation`).

* `IdentityTranslator` — source and target are the same: texts come back unchanged and
  no model is loaded;
* `Translators` — one translator per language pair, built on first use and kept (a
  brief translates several times with the same models; the abstractive summarizer reads
  and writes English, so it asks for the pair into English and the pair out of it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..models import Generator, Models
from ..progress import Progress
from .options import TranslateOptions
from .translator import Translator


class TextTranslator(Protocol):
    """What a brief needs of a translator."""

    source: str
    target: str

    def run(self, texts: Sequence[str], progress: Progress | None = None,
            names: Sequence[str] = ()) -> tuple[list[str], list[str]]:
        """``(translations, warnings)``; ``names`` are kept as written; warnings that are
        `summarizer.notes.Note`s are said in the brief's language, other strings as they are."""
        ...

    @property
    def provenance(self) -> dict:
        ...


class IdentityTranslator:
    """Source and target are the same language: nothing to translate, no model."""

    def __init__(self, language: str):
        self.source = self.target = language

    def run(self, texts: Sequence[str], progress: Progress | None = None,
            names: Sequence[str] = ()) -> tuple[list[str], list[str]]:
        return list(texts), []

    @property
    def provenance(self) -> dict:
        return {}


class Translators:
    """One translator per language pair, made on first use and kept.

    A pair's translator is the one registered in ``models`` for it (tests, other engines),
    else the library's `Translator` running the model registered for the pair (or the one
    ``names[(source, target)]`` names), with ``options``.
    """

    def __init__(self, models: Models, *, names: dict | None = None, options: TranslateOptions | None = None):
        self.models = models
        self._names = dict(names or {})
        self._options = options
        self._made: dict[tuple[str, str], TextTranslator] = {}

    def __call__(self, source: str, target: str) -> TextTranslator:
        if source == target:
            return IdentityTranslator(source)
        key = (source, target)
        if key not in self._made:
            fake = self.models.registered("translate", source, target)
            self._made[key] = fake if fake is not None and not isinstance(fake, Generator) else Translator(
                source, target, model=self._names.get(key), options=self._options, models=self.models)
        return self._made[key]


__all__ = ["TextTranslator", "IdentityTranslator", "Translators"]
