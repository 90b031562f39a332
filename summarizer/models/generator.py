"""One interface for every seq2seq model, whatever runs it: `Generator`.

Preprocess → forward → postprocess, as transformers' pipelines do: `count_tokens` and
`fit` are the preprocessing every caller needs (how long is this? what fits the window?),
`generate` wraps a backend's `_forward` once for every model alike — the model's lock
(threads take turns), the window check, and error translation (whatever the backend
raises while running becomes a `ModelError` naming the model). A backend implements
`_count` and `_forward` only.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import ModelError, OptionError


@dataclass(frozen=True)
class GenerationOptions:
    """Settings of one `Generator.generate` call.

    Attributes:
        num_beams: beam search width (1 = greedy).
        max_new_tokens: longest output, in tokens.
        min_new_tokens: shortest output, in tokens.
        no_repeat_ngram_size: no n-gram of this size twice in one output (0: off).
        length_penalty: > 1 favours longer outputs in beam search.
    """

    num_beams: int = 1
    max_new_tokens: int = 60
    min_new_tokens: int = 0
    no_repeat_ngram_size: int = 0
    length_penalty: float = 1.0

    def __post_init__(self):
        if self.num_beams < 1 or self.max_new_tokens < 1 or self.min_new_tokens < 0:
            raise OptionError("num_beams and max_new_tokens must be at least 1, min_new_tokens at least 0")


class Generator(ABC):
    """A sequence-to-sequence model ready to run.

    Attributes:
        name: the model's name (hub id or folder), for messages.
        max_input_tokens: the encoder window, special tokens included.
        provenance: what to record about it (name, revision, path, backend, …).
        lock: held while the model runs, so threads take turns.
        special_tokens: tokens the tokenizer adds to every input (end of sequence, …).
    """

    def __init__(self, name: str, max_input_tokens: int, provenance: dict | None = None,
                 lock: threading.Lock | None = None, special_tokens: int = 1):
        self.name = name
        self.max_input_tokens = max_input_tokens
        self.special_tokens = special_tokens
        self.provenance = dict(provenance or {"name": name})
        self.lock = lock or threading.Lock()

    # ------------------------------------------------------------ preprocess

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Input tokens of each text (special tokens included), as the model will read it."""
        if not texts:
            return []
        with self.lock:
            return self._guarded(self._count, list(texts))

    def fit(self, sentences: Sequence[str], reserve: int = 8) -> tuple[list[int], int]:
        """Indices of ``sentences`` (given best first) that fit the window together, and how
        many were left out. Each sentence costs its tokens less the special ones plus a space."""
        budget = self.max_input_tokens - reserve
        kept, used = [], 0
        for i, count in enumerate(self.count_tokens(list(sentences))):
            n = count - self.special_tokens + 1
            if used + n <= budget:
                kept.append(i)
                used += n
        return kept, len(sentences) - len(kept)

    # ------------------------------------------------------------ forward

    def generate(self, texts: Sequence[str], options: GenerationOptions) -> list[str]:
        """One output per text, stripped. Raises `ModelError` when the model fails, when an
        input is longer than the window (callers split or fit first: nothing is cut here),
        or when the backend returns another number of outputs."""
        texts = list(texts)
        if not texts:
            return []
        with self.lock:
            outputs = self._guarded(self._forward, texts, options)
        if len(outputs) != len(texts):
            raise ModelError(f"{self.name} returned {len(outputs)} outputs for {len(texts)} inputs")
        return [output.strip() for output in outputs]

    def _guarded(self, step, *args):
        try:
            return step(*args)
        except ModelError:
            raise
        except (RuntimeError, ValueError, IndexError, KeyError, MemoryError) as exc:  # out of memory, a broken model
            raise ModelError(f"{self.name} failed on a batch of {len(args[0])}: {type(exc).__name__}: {exc}") from exc

    def check_window(self, longest: int) -> None:
        """Raise `ModelError` when an input of ``longest`` tokens would not fit the window."""
        if longest > self.max_input_tokens:
            raise ModelError(f"an input of {longest} tokens exceeds the window of {self.name} "
                             f"({self.max_input_tokens} tokens); it must be split before it reaches the model")

    # ------------------------------------------------------------ backends implement

    @abstractmethod
    def _count(self, texts: list[str]) -> list[int]:
        """Token counts (called with the lock held)."""

    @abstractmethod
    def _forward(self, texts: list[str], options: GenerationOptions) -> list[str]:
        """Decoded outputs (called with the lock held)."""


__all__ = ["Generator", "GenerationOptions"]
