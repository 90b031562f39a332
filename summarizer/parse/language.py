"""Language of a text, Spanish or English.

Long texts in one language are told apart by their function words alone
("de", "que", "la" against "the", "of", "and"): a transcript is thousands of
them, and this answer costs microseconds. Anything short or mixed goes to
py3langid (a small, maintained fork of langid.py) restricted to the two
languages we handle; its model takes about a second to load, once per process.
"""

from __future__ import annotations

import functools
import re

from ..document import LANGUAGES

_FUNCTION_WORDS = {
    "es": frozenset("de la que el en y los se del las un por con una su para es al lo como más pero sus le ya "
                    "este porque esta entre cuando muy sin sobre también hasta hay donde desde todo nos todos "
                    "les ni eso esto qué yo él ella estamos vamos usted ustedes está están".split()),
    "en": frozenset("the of and to in is that for it as was with be by on not he this are or his from at which "
                    "but have an had they you were their we can her has there been if more when will would who "
                    "what about our its them than".split()),
}
_WORD = re.compile(r"[a-záéíóúñü]+")


@functools.lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def _by_function_words(sample: str) -> str | None:
    """"es" or "en" when the function words are many and one-sided, else None."""
    counts = {lang: 0 for lang in LANGUAGES}
    for word in _WORD.findall(sample.lower()):
        for lang in LANGUAGES:
            if word in _FUNCTION_WORDS[lang]:
                counts[lang] += 1
    es, en = counts["es"], counts["en"]
    if es + en >= 40:
        if es >= 4 * en:
            return "es"
        if en >= 4 * es:
            return "en"
    return None


def detect_language(text: str, default: str = "es") -> str:
    """"es" or "en" for ``text``; ``default`` when there is nothing to judge by."""
    sample = text[:6000]
    if sum(c.isalpha() for c in sample) < 3:
        return default
    quick = _by_function_words(sample)
    if quick:
        return quick
    language, _ = _identifier().classify(sample)
    return language if language in LANGUAGES else default
