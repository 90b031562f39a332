"""`TranslateOptions`: how `translate` runs the model."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import OptionError
from ..models.backend import BACKENDS
from .glossary import Glossary, as_glossary


@dataclass(frozen=True)
class TranslateOptions:
    """How `translate` runs the model.

    Attributes:
        num_beams: beam width; 1 (greedy) is the fastest, 4 is what opus-mt's own
            configuration asks for: a little better, about six times slower on CPU.
        batch_tokens: most padded input tokens per ``generate()`` call (rows × longest row).
        max_batch_size: most sentences per call.
        max_input_tokens: longest piece sent to the model, in tokens; longer sentences are
            split at clause boundaries. Never above the model's window.
        max_new_tokens: fixed cap on output tokens; None ties it to the input:
            ``length_ratio`` × the longest input of the batch + ``length_slack``.
        no_repeat_ngram_size: no n-gram of this size twice in one output (stops loops);
            0 turns it off.
        quantize: int8 dynamic quantization of the model's linear layers; None means on
            for CPU (about 1.7× as fast as fp32 with transformers; translations differ slightly), off on a GPU.
            With the CTranslate2 backend, False runs its copy in float32 (default: int8 on CPU,
            int8_float16 on a GPU).
        backend: what runs the model: "auto" (CTranslate2 when its converted copy is
            there, else transformers), "ctranslate2" or "transformers"; None reads
            ``$SUMMARIZER_BACKEND`` (default auto).
        flag_ratio: translations whose length (characters) over the original's falls
            outside this range are reported as implausible.
        glossary: the user's glossary, over the built-in one: a path to a TSV file, a
            mapping of term → rendering (for every pair), or a `Glossary`; kept as a
            `Glossary` (see `summarizer.translate.glossary`).
        builtin_glossary: whether the package's own glossary applies (names, programmes
            and institutions of the conferences); the transcript's names are kept either way.
    """

    num_beams: int = 1
    batch_tokens: int = 4096
    max_batch_size: int = 64
    max_input_tokens: int = 200
    max_new_tokens: int | None = None
    length_ratio: float = 1.6
    length_slack: int = 10
    no_repeat_ngram_size: int = 4
    quantize: bool | None = None
    flag_ratio: tuple[float, float] = (0.35, 3.0)
    glossary: Glossary | None = None
    builtin_glossary: bool = True
    backend: str | None = None

    def __post_init__(self):
        object.__setattr__(self, "glossary", as_glossary(self.glossary))
        if self.num_beams < 1 or self.max_batch_size < 1 or self.batch_tokens < 1:
            raise OptionError("num_beams, max_batch_size and batch_tokens must be at least 1")
        if self.max_input_tokens < 8:
            raise OptionError("max_input_tokens must be at least 8")
        if self.max_new_tokens is not None and self.max_new_tokens < 1:
            raise OptionError("max_new_tokens must be at least 1 (or None)")
        if self.backend is not None and self.backend not in BACKENDS:
            raise OptionError(f"backend must be one of {', '.join(BACKENDS)} (or None), not {self.backend!r}")
