"""`ForcedLength`: a model whose every output is as long as allowed, so that random weights
(which end their outputs at random) cost what real ones do, the same on both backends.

transformers forces the end of sequence at its last allowed position, so with
``min_new_tokens = max_new_tokens = N`` it runs N decoder steps (N - 1 tokens and the end).
CTranslate2 has no forced end and stops at its cap (N - 1 for such a model) without
running the step that would produce it; it is given N + 1 here, so that it runs N decoder
steps too. The benchmarks compare equal work.
"""

from __future__ import annotations

from dataclasses import replace

from summarizer.models import CT2Generator, GenerationOptions, Generator


class ForcedLength(Generator):
    """``inner`` with every output forced to ``max_new_tokens`` decoder steps."""

    def __init__(self, inner: Generator):
        super().__init__(inner.name, inner.max_input_tokens, inner.provenance, special_tokens=inner.special_tokens)
        self.inner = inner
        self.extra = 1 if isinstance(inner, CT2Generator) else 0

    def _count(self, texts: list[str]) -> list[int]:
        return self.inner.count_tokens(texts)

    def _forward(self, texts: list[str], options: GenerationOptions) -> list[str]:
        steps = options.max_new_tokens + self.extra
        return self.inner.generate(texts, replace(options, max_new_tokens=steps, min_new_tokens=steps))
