"""Translators composed, so that "same language" and "through a pivot" are cases, not
branches (as argos-translate's `IdentityTranslation` and `CompositeTranslation`).

* `IdentityTranslator` — source and target are the same: texts come back unchanged and
  no model is loaded;
* `Translators` — one translator per language pair, built on first use and kept (a
  brief translates several times with the same models; the abstractive summarizer reads
  and writes English, so it asks for the pair into English and the pair out of it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

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


TranslatorFactory = Callable[[str, str], TextTranslator]
"""``factory(source, target)`` → a translator for that pair (never called with source == target)."""


class Translators:
    """One translator per language pair, built by ``factory`` on first use and kept.

    The default factory is the `Translator` of the pair's registered model (or the model
    ``models[(source, target)]`` names), with ``options`` and ``device``.
    """

    def __init__(self, factory: TranslatorFactory | None = None, *, models: dict | None = None,
                 options: TranslateOptions | None = None, device: str = "auto"):
        self._factory = factory
        self._models = dict(models or {})
        self._options = options
        self._device = device
        self._made: dict[tuple[str, str], TextTranslator] = {}

    def __call__(self, source: str, target: str) -> TextTranslator:
        if source == target:
            return IdentityTranslator(source)
        key = (source, target)
        if key not in self._made:
            self._made[key] = self._factory(source, target) if self._factory else Translator(
                source, target, model=self._models.get(key), options=self._options, device=self._device)
        return self._made[key]

    @property
    def custom(self) -> bool:
        """Whether a caller's factory makes the translators (tests, other engines)."""
        return self._factory is not None


__all__ = ["TextTranslator", "IdentityTranslator", "Translators", "TranslatorFactory"]
