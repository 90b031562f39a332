"""The CTranslate2 backend: a converted copy of a checkpoint (`convert`) run by
``ctranslate2.Translator``, behind the `Generator` interface.

The Hugging Face tokenizer in the copy's ``hf/`` folder does the text ↔ tokens part,
exactly as for transformers (`hf.Tokenization`); only the generate step differs, mapped
so that greedy output equals transformers' ``generate`` as `hf.TransformersGenerator`
calls it (a test holds the two to it on the tiny models):

* ``beam_size`` is always passed (CTranslate2's default is 2) and inputs are never cut
  (``max_input_length=0``; the window is checked here);
* transformers forces the end of sequence at its last position, so CTranslate2 stops one
  token earlier (``max_decoding_length = max_new_tokens - 1``); both count BART's forced
  ``<s>``, given to CTranslate2 as the target prefix (it ignores ``forced_bos_token_id``);
* ``min_decoding_length = min_new_tokens`` (CTranslate2's default is 1).

int8 on CPU, int8_float16 (or the best the GPU has) on CUDA. On CPU the model runs on
one worker per core, one thread each, and every batch is split into sub-batches of
`SUB_BATCH` rows that the workers share: batch-level parallelism has no per-operation
barrier to wait at (on these shared 2 cores, load average about 4, a median transcript at
opus-mt size took 25 s with two workers against 34 s with one worker of two threads). The
split depends on the batch alone, never on how many workers there are: a row's result
depends on the rows decoded beside it, so a split by worker count made ``-j1`` and
``-j2`` batch jobs give different outputs. One ``Translator`` may be
shared by threads; the tokenizer may not, so calls take turns on the model's lock.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from ..errors import ModelNotAvailableError
from .backend import HF_SUBDIR, default_compute_type, read_record
from .generator import GenerationOptions, Generator
from .hf import Tokenization
from .hub import short_error
from .registry import ModelSpec

logger = logging.getLogger("summarizer")

SUB_BATCH = 8
"""Rows decoded together on one CPU worker (a batch of 32 keeps two workers busy)."""

def cpu_threads(threads: int | None = None) -> int:
    """CPU workers for one model: ``threads`` when given (a batch worker's share of the
    cores), else the cores this process may use, at most 4."""
    if threads:
        return max(1, int(threads))
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(4, cores))


class CT2Generator(Generator):
    """A CTranslate2 copy (``folder``) of the model ``spec`` behind the `Generator` interface.

    ``device`` is "cpu", "cuda" or "cuda:N"; ``compute_type`` None picks
    `default_compute_type`. Raises `ModelNotAvailableError` when the copy cannot be loaded.
    """

    def __init__(self, spec: ModelSpec, folder: str | Path, *, device: str = "cpu", compute_type: str | None = None,
                 threads: int | None = None):
        folder = Path(folder)
        device_type, _, index = device.partition(":")
        self.compute_type = compute_type or default_compute_type(device_type)
        self.tokens, config, generation = _load_files(spec, folder)
        self.translator = _translator(spec, folder, device_type, int(index or 0), self.compute_type, threads)
        record = read_record(folder)
        provenance = {"name": spec.name, "revision": spec.revision, "path": str(folder), "device": device,
                      "backend": "ctranslate2", "compute_type": self.compute_type,
                      "quantization": record.get("quantization"), "source": record.get("source")}
        super().__init__(spec.name, _window(config, self.tokens.tokenizer), provenance,
                         special_tokens=self.tokens.special_tokens)

        def setting(key):
            return generation[key] if generation.get(key) is not None else config.get(key)

        self._forced_eos = setting("forced_eos_token_id") is not None
        bos = setting("forced_bos_token_id")
        self._prefix = self.tokens.tokenizer.convert_ids_to_tokens([int(bos)]) if bos is not None else None

    def decoding_options(self, options: GenerationOptions) -> dict:
        """``translate_batch`` keywords for transformers' ``generate(max_length=max_new_tokens + 1,
        min_length=min_new_tokens + 1, …)``."""
        cap = max(1, options.max_new_tokens - 1) if self._forced_eos else options.max_new_tokens
        return {
            "beam_size": options.num_beams,
            "max_decoding_length": cap,
            "min_decoding_length": min(options.min_new_tokens, cap),
            "no_repeat_ngram_size": options.no_repeat_ngram_size,
            "length_penalty": options.length_penalty,
            "max_input_length": 0,  # CTranslate2 would cut at 1024 without a word
            # The caller's batch in sub-batches the workers share (the results keep its order);
            # the same sub-batches whatever the number of workers.
            "max_batch_size": SUB_BATCH,
        }

    def _count(self, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self.tokens.encode(texts)]

    def _forward(self, texts: list[str], options: GenerationOptions) -> list[str]:
        tokenizer = self.tokens.tokenizer
        source = [tokenizer.convert_ids_to_tokens(ids) for ids in self.tokens.encode(texts)]
        self.check_window(max(len(row) for row in source))
        prefix = [list(self._prefix) for _ in source] if self._prefix else None
        results = self.translator.translate_batch(source, prefix, **self.decoding_options(options))
        return self.tokens.decode([tokenizer.convert_tokens_to_ids(r.hypotheses[0]) for r in results])


def _load_files(spec: ModelSpec, folder: Path) -> tuple[Tokenization, dict, dict]:
    """The tokenizer, the model's configuration and its generation configuration, from ``hf/``."""
    from transformers import AutoTokenizer

    hf = folder / HF_SUBDIR
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(hf), local_files_only=True, trust_remote_code=False)
        config = json.loads((hf / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as exc:
        raise ModelNotAvailableError(f"the CTranslate2 copy of {spec.describe} in {folder} cannot be loaded: "
                                     f"{short_error(exc)}; convert it again with `summarizer models convert`") from exc
    try:
        generation = json.loads((hf / "generation_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        generation = {}
    return Tokenization(tokenizer), config, generation


def _translator(spec: ModelSpec, folder: Path, device: str, index: int, compute_type: str, threads: int | None):
    import ctranslate2

    logger.info("loading %s from %s with CTranslate2 on %s (%s)", spec.name, folder, device, compute_type)
    try:
        workers = cpu_threads(threads) if device == "cpu" else 1
        return ctranslate2.Translator(str(folder), device=device, device_index=index, compute_type=compute_type,
                                      inter_threads=workers, intra_threads=1)
    except (RuntimeError, ValueError, OSError) as exc:  # a copy from a newer CTranslate2, no GPU driver, …
        raise ModelNotAvailableError(f"CTranslate2 cannot load {folder} on {device} ({compute_type}): "
                                     f"{short_error(exc)}; convert it again with `summarizer models convert`, "
                                     "or use backend 'transformers'") from exc


def _window(config: dict, tokenizer) -> int:
    window = int(config.get("max_position_embeddings") or 512)
    limit = getattr(tokenizer, "model_max_length", None)
    return limit if isinstance(limit, int) and 0 < limit < window else window


__all__ = ["CT2Generator", "cpu_threads"]
