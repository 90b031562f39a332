"""The summarization model's forward step: English sentences in, a line out.

Input never exceeds the model's window: sentences are packed into the token
budget in order of salience, and what does not fit is left out of that call
(and reported) rather than cut mid-sentence by the tokenizer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger("summarizer")


@dataclass(frozen=True)
class GenerationOptions:
    """Settings of the summarization model's `generate` call.

    Attributes:
        num_beams: beam search width (1 = greedy).
        max_new_tokens: longest line, in tokens.
        min_new_tokens: shortest line, in tokens.
        no_repeat_ngram_size: blocks repetition loops.
        length_penalty: > 1 favours longer lines in beam search.
    """

    num_beams: int = 2
    max_new_tokens: int = 60
    min_new_tokens: int = 8
    no_repeat_ngram_size: int = 3
    length_penalty: float = 1.0


class ModelSummarizer:
    """Writes one short English summary per input through a seq2seq model."""

    def __init__(self, name: str | None = None, device: str = "auto"):
        self.name = name
        self.device = device

    def _loaded(self):
        from .models import get_model

        return get_model("summarize", name=self.name, device=self.device)

    @property
    def provenance(self) -> dict:
        loaded = self._loaded()
        return {"name": loaded.spec.name, "revision": loaded.spec.revision, "path": str(loaded.path)}

    def fit(self, sentences: list[str], reserve: int = 8) -> tuple[list[int], int]:
        """Indices of ``sentences`` (given best first) that fit the window together,
        and how many were left out."""
        loaded = self._loaded()
        budget = loaded.max_input_tokens - reserve
        kept, used = [], 0
        for i, sentence in enumerate(sentences):
            n = len(loaded.tokenizer(sentence, add_special_tokens=False)["input_ids"]) + 1
            if used + n <= budget:
                kept.append(i)
                used += n
        return kept, len(sentences) - len(kept)

    def __call__(self, texts: list[str], options: GenerationOptions | None = None) -> list[str]:
        import torch

        options = options or GenerationOptions()
        if not texts:
            return []
        loaded = self._loaded()
        tokenizer, model = loaded.tokenizer, loaded.model
        encoded = tokenizer(texts, return_tensors="pt", padding=True, truncation=False)
        width = encoded["input_ids"].shape[1]
        if width > loaded.max_input_tokens:
            raise ValueError(f"summarizer input of {width} tokens exceeds the window of {loaded.max_input_tokens}")
        encoded = {k: v.to(model.device) for k, v in encoded.items()}
        with torch.inference_mode():
            output = model.generate(
                **encoded,
                num_beams=options.num_beams,
                # The decoder's length counts its start token; max_new_tokens
                # would clash with the max_length of the model's generation config.
                max_length=options.max_new_tokens + 1,
                min_length=options.min_new_tokens + 1,
                no_repeat_ngram_size=options.no_repeat_ngram_size,
                length_penalty=options.length_penalty,
                early_stopping=options.num_beams > 1,
            )
        return [t.strip() for t in tokenizer.batch_decode(output, skip_special_tokens=True)]
