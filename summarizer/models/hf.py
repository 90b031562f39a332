"""The transformers backend: a Hugging Face checkpoint loaded with `AutoModelForSeq2SeqLM`
and run through `model.generate`, behind the `Generator` interface.

Marian (opus-mt) gets the Moses punctuation normalisation it was trained with and
decodes with its target vocabulary; BART needs nothing special. On CPU a model may be
quantized to int8 (`quantize_int8`).
"""

from __future__ import annotations

import logging
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ModelNotAvailableError
from .generator import GenerationOptions, Generator
from .hub import short_error
from .registry import ModelSpec

logger = logging.getLogger("summarizer")

LOAD_LOCK = threading.Lock()
"""Held while transformers builds a model: ``from_pretrained`` is not thread-safe (it builds
on the meta device under a process-wide context), so two `Models` loading at once take turns."""


@dataclass(frozen=True, eq=False)
class LoadedModel:
    """A model ready to run: ``model`` (AutoModelForSeq2SeqLM, eval mode) and ``tokenizer``.

    Attributes:
        path: the local folder it was loaded from.
        device: "cpu", "cuda", …
        max_input_tokens: the encoder window, special tokens included.
        quantized: int8 dynamic quantization of the linear layers (CPU only).
        lock: held while the model runs, so threads take turns.
    """

    spec: ModelSpec
    model: Any
    tokenizer: Any
    path: str
    device: str
    max_input_tokens: int
    quantized: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def provenance(self) -> dict:
        return {"name": self.spec.name, "revision": self.spec.revision, "path": self.path,
                "device": self.device, "quantized": self.quantized}


def load(spec: ModelSpec, path: Path, device: str, quantize: bool, *, threads: int | None = None) -> LoadedModel:
    """The checkpoint in ``path`` on ``device`` (int8 dynamic quantization with ``quantize``);
    ``threads``: torch's CPU threads for this process (a batch worker's share of the cores)."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    if threads and device == "cpu" and torch.get_num_threads() != threads:
        torch.set_num_threads(threads)

    from transformers.utils import logging as hf_logging

    logger.info("loading %s from %s on %s%s", spec.name, path, device, " (int8)" if quantize else "")
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # no "Loading weights" bar on the user's terminal
    try:
        with LOAD_LOCK:
            tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True, trust_remote_code=False)
            model = AutoModelForSeq2SeqLM.from_pretrained(
                str(path), local_files_only=True, use_safetensors=True, trust_remote_code=False,
                dtype=torch.float32 if device == "cpu" else "auto",
            )
    except (OSError, ValueError, KeyError) as exc:
        raise ModelNotAvailableError(f"{spec.describe} could not be loaded from {path}: {short_error(exc)}") from exc
    finally:
        if bars:
            hf_logging.enable_progress_bar()
    model.eval()
    model.to(device)
    if quantize:
        model = quantize_int8(model)
    window = int(getattr(model.config, "max_position_embeddings", 0) or 512)
    limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(limit, int) and 0 < limit < window:
        window = limit
    return LoadedModel(spec, model, tokenizer, str(path), device, window, quantized=quantize)


def quantize_int8(model):
    """int8 dynamic quantization of every ``nn.Linear`` (CPU), in place.

    About 1.7× as fast as fp32 for opus-mt-sized Marian on CPU; the translations differ
    slightly. ``torch.ao.quantization.quantize_dynamic`` is deprecated (but works in
    torch 2.x): should it go away, the fp32 model is kept and a warning logged.
    """
    import torch

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)
    except (AttributeError, RuntimeError, NotImplementedError) as exc:
        logger.warning("int8 quantization is unavailable (%s); running in fp32", exc)
        return model


class Tokenization:
    """The Hugging Face tokenizer's part of running a model, the same for every backend.

    opus-mt was trained on Moses-normalised punctuation: MarianTokenizer has the
    normaliser but does not apply it by itself. Marian decodes with its target vocabulary.
    Not thread-safe (a fast tokenizer raises "Already borrowed"): callers hold the model's lock.
    """

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self._normalize = getattr(tokenizer, "punc_normalizer", None) or (lambda text: text)
        self._decode_kwargs = {"use_source_tokenizer": False} if hasattr(tokenizer, "spm_target") else {}

    @property
    def special_tokens(self) -> int:
        """Tokens the tokenizer adds to every input."""
        return len(self.tokenizer("", truncation=False)["input_ids"])

    def prepare(self, texts: list[str]) -> list[str]:
        return [self._normalize(t) if t else t for t in texts]

    def encode(self, texts: list[str]) -> list[list[int]]:
        """Input ids, special tokens included, never truncated."""
        # verbose=False: no "longer than the maximum" warning; callers split long inputs.
        return self.tokenizer(self.prepare(texts), truncation=False, verbose=False)["input_ids"]

    def decode(self, ids) -> list[str]:
        return self.tokenizer.batch_decode(ids, skip_special_tokens=True, **self._decode_kwargs)


class TransformersGenerator(Generator):
    """A `LoadedModel` behind the `Generator` interface."""

    def __init__(self, loaded: LoadedModel):
        self.tokens = Tokenization(loaded.tokenizer)
        provenance = dict(loaded.provenance, backend="transformers",
                          compute_type="int8" if loaded.quantized else str(loaded.model.dtype).replace("torch.", ""))
        super().__init__(loaded.spec.name, loaded.max_input_tokens, provenance, loaded.lock,
                         special_tokens=self.tokens.special_tokens)
        self.loaded = loaded

    def _count(self, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self.tokens.encode(texts)]

    def _forward(self, texts: list[str], options: GenerationOptions) -> list[str]:
        import torch

        loaded = self.loaded
        with torch.inference_mode():
            encoded = loaded.tokenizer(self.tokens.prepare(texts), return_tensors="pt", padding=True, truncation=False)
            self.check_window(encoded["input_ids"].shape[1])
            encoded = {k: v.to(loaded.device) for k, v in encoded.items()}
            extra = {"min_length": options.min_new_tokens + 1} if options.min_new_tokens else {}
            output = loaded.model.generate(
                **encoded,
                num_beams=options.num_beams,
                do_sample=False,
                # max_length counts the decoder start token; max_new_tokens would clash
                # with the max_length of the model's own generation config.
                max_length=options.max_new_tokens + 1,
                no_repeat_ngram_size=options.no_repeat_ngram_size,
                length_penalty=options.length_penalty,
                early_stopping=options.num_beams > 1,
                # Beam scores renormalised after the n-gram and length rules, as CTranslate2
                # does: both backends then pick the same beams.
                renormalize_logits=options.num_beams > 1,
                **extra,
            )
        return self.tokens.decode(output)


__all__ = ["LOAD_LOCK", "LoadedModel", "Tokenization", "TransformersGenerator", "load", "quantize_int8"]
