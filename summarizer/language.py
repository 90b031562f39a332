"""Language of a text, Spanish or English, with py3langid (a small, maintained
fork of langid.py) restricted to the two languages we handle."""

from __future__ import annotations

import functools

SUPPORTED = ("es", "en")


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(SUPPORTED))
    return identifier


def detect_language(text: str, default: str = "es") -> str:
    """"es" or "en" for ``text``; ``default`` when there is nothing to judge by."""
    sample = text[:6000]
    if sum(c.isalpha() for c in sample) < 3:
        return default
    language, _ = _identifier().classify(sample)
    return language if language in SUPPORTED else default
