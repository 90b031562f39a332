"""`SummaryOptions`: how a brief is made."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..errors import OptionError
from ..models import BACKENDS, GenerationOptions
from ..translate.glossary import Glossary, as_glossary

MODES = ("auto", "abstractive", "extractive", "chat")
"""auto: chat when the chat model is installed, else abstractive when its models are
available, else extractive."""

POINT = GenerationOptions(num_beams=2, max_new_tokens=60, min_new_tokens=10, no_repeat_ngram_size=3)
LEAD = GenerationOptions(num_beams=2, max_new_tokens=90, min_new_tokens=20, no_repeat_ngram_size=3)
CHAT_LINE = GenerationOptions(num_beams=1, max_new_tokens=80)
CHAT_LEAD = GenerationOptions(num_beams=1, max_new_tokens=100)


@dataclass(frozen=True)
class SummaryOptions:
    """How a brief is made.

    Attributes:
        quotes: how many quotes the brief lists.
        max_points: most topics covered.
        key_sentences: sentences per topic that the model reads.
        mode: "auto" (chat when the chat model is installed, else abstractive when its
            models are available), "chat" (an instruct model writes the lines in the brief's
            language), "abstractive" or "extractive" (no model writes: chosen sentences only).
        summarize_model, es_en_model, en_es_model, chat_model: hub ids or folders; None = default.
        point: generation settings of a topic line; lead: of the lead (abstractive);
            chat_line, chat_lead: the same in chat mode (greedy, bounded).
        batch_tokens: most padded input tokens per call of the summarization model (rows ×
            longest row): the topic lines of a usual brief take one call; inputs near the
            model's window are spread over more, to bound memory.
        device: "auto", "cpu" or "cuda".
        glossary: the user's glossary for every translation of the brief (a TSV file's
            path, a mapping or a `Glossary`; see `TranslateOptions.glossary`).
        archive: an archive word table (``summarizer archive stats``) that selection
            weighs words with; None: ``$SUMMARIZER_ARCHIVE``, else the package's.
        backend: what runs the models: "auto" (CTranslate2 for each model whose converted
            copy is there, else transformers), "ctranslate2" or "transformers"; None reads
            ``$SUMMARIZER_BACKEND`` (default auto).
        questions: list the press questions with their answers (`Summary.questions`).
        generate_answers: in abstractive mode, the summarization model writes each answer's
            line (one generation per question, in batches); off, an answer's line is its best
            sentence. On a small CPU it adds seconds per question.
        selection: a folder holding your own selection models (``ranker.json``, ``news.json``:
            what `summarizer.select.training` and `summarizer.select.news_training` write,
            trained on your own quote set); None: the package's.
    """

    quotes: int = 5
    max_points: int = 6
    key_sentences: int = 4
    mode: str = "auto"
    summarize_model: str | None = None
    es_en_model: str | None = None
    en_es_model: str | None = None
    point: GenerationOptions = field(default=POINT)
    lead: GenerationOptions = field(default=LEAD)
    chat_model: str | None = None
    chat_line: GenerationOptions = field(default=CHAT_LINE)
    chat_lead: GenerationOptions = field(default=CHAT_LEAD)
    batch_tokens: int = 2048
    device: str = "auto"
    glossary: Glossary | None = None
    archive: str | None = None
    backend: str | None = None
    questions: bool = True
    generate_answers: bool = False
    selection: str | None = None

    def __post_init__(self):
        object.__setattr__(self, "glossary", as_glossary(self.glossary))
        for name in ("summarize_model", "es_en_model", "en_es_model", "chat_model", "archive", "selection"):
            value = getattr(self, name)
            if isinstance(value, os.PathLike):  # a Path is kept as text: the brief's JSON names it
                object.__setattr__(self, name, os.fspath(value))
        if self.mode not in MODES:
            raise OptionError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.quotes < 0 or self.max_points < 1 or self.key_sentences < 1 or self.batch_tokens < 1:
            raise OptionError("quotes must be at least 0, max_points, key_sentences and batch_tokens at least 1")
        if self.backend is not None and self.backend not in BACKENDS:
            raise OptionError(f"backend must be one of {', '.join(BACKENDS)} (or None), not {self.backend!r}")

    def translation_models(self) -> dict[tuple[str, str], str | None]:
        """The translation model named for each pair (None: the registry's default)."""
        return {("es", "en"): self.es_en_model, ("en", "es"): self.en_es_model}


__all__ = ["SummaryOptions", "GenerationOptions", "MODES", "POINT", "LEAD"]
