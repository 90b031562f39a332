"""Translate: text, lists of texts and whole transcripts, sentence by sentence, never
dropping any.

`plan` (the pure steps: templates, splitting, batching, flags) → `translator` (the
`Translator`, whose model runs behind the `Generator` interface, its terms kept by
`glossary` and `protect`) → `results` (a transcript translated turn by turn); `compose`
makes same-language and pivot translation cases of their own. `translate()` is the one-call facade.
"""

from __future__ import annotations

from ..document import Transcript
from ..models import Models
from ..progress import Progress
from .compose import IdentityTranslator, Translators
from .glossary import Glossary, read_glossary, transcript_names
from .options import TranslateOptions
from .plan import WORDS_LEVEL, fill_template, flag, output_cap, plan_batches, split_long, text_template
from .results import TranslatedTranscript, TranslatedTurn
from .translator import Translator


def translate(x: str | list[str] | Transcript, source: str = "es", target: str = "en", *,
              options: TranslateOptions | None = None, model: str | None = None,
              progress: Progress | None = None, models: Models | None = None) -> str | list[str] | TranslatedTranscript:
    """Translate a string, a list of strings or a parsed `Transcript`.

    A string comes back a string and a list a list, paragraph breaks kept; a
    `Transcript` comes back a `TranslatedTranscript`. Empty strings come back empty
    without loading a model. Raises `UnsupportedLanguageError` for a pair no model
    covers, `ModelNotAvailableError` when the model is missing, TypeError for other input.
    ``models`` is the caller's `Models` (default: one made from the settings).
    """
    translator = Translator(source, target, model=model, options=options, models=models)
    if isinstance(x, Transcript):
        return translator.translate_transcript(x, progress)
    if isinstance(x, str):
        return translator.translate_texts([x], progress)[0]
    if isinstance(x, (list, tuple)):
        return translator.translate_texts(list(x), progress)
    raise TypeError(f"translate() takes a str, a list of str or a Transcript, not {type(x).__name__}")


__all__ = ["translate", "Translator", "TranslateOptions", "TranslatedTranscript", "TranslatedTurn",
           "IdentityTranslator", "Translators", "plan_batches", "split_long", "text_template",
           "fill_template", "flag", "output_cap", "WORDS_LEVEL", "Glossary", "read_glossary", "transcript_names"]
