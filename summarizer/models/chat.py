"""Instruct models: a causal language model with a chat template (Qwen2.5-Instruct and its
kind), behind the same `Generator` interface as the sequence-to-sequence models.

Each text given to `generate` is one user message: the model's own chat template wraps it
(with the generation prompt), and the output is what the assistant wrote, never the
prompt. Both backends read the same template and tokenizer: transformers runs
``AutoModelForCausalLM.generate`` (greedy or beam search, inputs padded on the left);
CTranslate2 runs ``ctranslate2.Generator.generate_batch`` on a converted copy (int8 on
CPU, int8_float16 on CUDA) with the same settings, so that greedy outputs agree.

The window is the model's context, at most `CHAT_WINDOW` tokens (prompt and answer): a
story's sentences are fitted to it by the caller, never cut here.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import ModelNotAvailableError
from .backend import HF_SUBDIR, default_compute_type, read_record
from .ct2 import cpu_threads
from .generator import GenerationOptions, Generator
from .hf import LOAD_LOCK, quantize_int8
from .hub import short_error
from .registry import ModelSpec

logger = logging.getLogger("summarizer")

CHAT_WINDOW = 4096
"""The longest prompt and answer a chat model is given (the models' own context is longer,
but on a CPU a longer prompt is slow and a story's sentences need far less)."""

CPU_SUB_BATCH_TOKENS = 1536
"""On a CPU, CTranslate2 reads prompts together up to this many tokens: it computes the
vocabulary's scores for every prompt token (151,936 each for Qwen2.5), so six prompts of
500 tokens at once took 1.8 GB more (3.8 GB in all at Qwen2.5-1.5B's size, 3.0 GB in
sub-batches of 1,536 tokens, 15 % slower; `benchmarks/chat_speed.py`)."""


class ChatTemplate:
    """The tokenizer's part of running a chat model: a user message → the prompt's ids.
    Not thread-safe: callers hold the model's lock."""

    def __init__(self, tokenizer, name: str):
        if not getattr(tokenizer, "chat_template", None):
            raise ModelNotAvailableError(f"{name} has no chat template: mode 'chat' needs an instruct model "
                                         "whose tokenizer has one (Qwen2.5-1.5B-Instruct, for instance)")
        self.tokenizer = tokenizer
        self.stop_ids = sorted({i for i in (tokenizer.eos_token_id, tokenizer.convert_tokens_to_ids("<|im_end|>"),
                                            tokenizer.convert_tokens_to_ids("<|endoftext|>"))
                                if isinstance(i, int) and i != tokenizer.unk_token_id})

    def encode(self, messages: list[str]) -> list[list[int]]:
        """Each message as the prompt the model reads: its template applied, the assistant's
        turn opened."""
        prompts = [self.tokenizer.apply_chat_template([{"role": "user", "content": m}], add_generation_prompt=True,
                                                      tokenize=False) for m in messages]
        return self.tokenizer(prompts, add_special_tokens=False, truncation=False, verbose=False)["input_ids"]

    def decode(self, ids) -> list[str]:
        return self.tokenizer.batch_decode(ids, skip_special_tokens=True)

    @property
    def overhead(self) -> int:
        """The template's tokens around an empty message."""
        return len(self.encode([""])[0])


def _window(config, tokenizer) -> int:
    """The model's context (its configuration's, else its tokenizer's if shorter), at most `CHAT_WINDOW`."""
    window = int(getattr(config, "max_position_embeddings", 0) or 2048)
    limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(limit, int) and 0 < limit < window:
        window = limit
    return min(window, CHAT_WINDOW)


class TransformersChat(Generator):
    """An instruct model in ``path`` run by transformers (``quantize``: int8 dynamic
    quantization of its linear layers, CPU)."""

    def __init__(self, spec: ModelSpec, path: Path, *, device: str = "cpu", quantize: bool = False,
                 threads: int | None = None):
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from transformers.utils import logging as hf_logging

        if threads and device == "cpu" and torch.get_num_threads() != threads:
            torch.set_num_threads(threads)
        logger.info("loading %s from %s on %s", spec.name, path, device)
        bars = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()
        try:
            with LOAD_LOCK:
                tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True, trust_remote_code=False)
                model = AutoModelForCausalLM.from_pretrained(str(path), local_files_only=True, use_safetensors=True,
                                                             trust_remote_code=False,
                                                             dtype=torch.float32 if device == "cpu" else "auto")
        except (OSError, ValueError, KeyError) as exc:
            raise ModelNotAvailableError(f"{spec.describe} could not be loaded from {path}: {short_error(exc)}") from exc
        finally:
            if bars:
                hf_logging.enable_progress_bar()
        tokenizer.padding_side = "left"
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        self.template = ChatTemplate(tokenizer, spec.name)
        model.eval().to(device)
        self.model = quantize_int8(model) if quantize and device == "cpu" else model
        self.device = device
        provenance = {"name": spec.name, "revision": spec.revision, "path": str(path), "device": device,
                      "backend": "transformers", "quantized": bool(quantize and device == "cpu"),
                      "compute_type": "int8" if quantize and device == "cpu" else str(model.dtype).replace("torch.", "")}
        super().__init__(spec.name, _window(model.config, tokenizer), provenance,
                         special_tokens=self.template.overhead)

    def _count(self, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self.template.encode(texts)]

    def _forward(self, texts: list[str], options: GenerationOptions) -> list[str]:
        import torch

        ids = self.template.encode(texts)
        longest = max(len(row) for row in ids)
        self.check_window(longest + options.max_new_tokens)
        pad = self.template.tokenizer.pad_token_id
        batch = torch.tensor([[pad] * (longest - len(row)) + row for row in ids], device=self.device)
        mask = torch.tensor([[0] * (longest - len(row)) + [1] * len(row) for row in ids], device=self.device)
        with torch.inference_mode():
            output = self.model.generate(
                input_ids=batch, attention_mask=mask, do_sample=False, num_beams=options.num_beams,
                max_new_tokens=options.max_new_tokens, min_new_tokens=options.min_new_tokens or None,
                no_repeat_ngram_size=options.no_repeat_ngram_size, length_penalty=options.length_penalty,
                eos_token_id=self.template.stop_ids, pad_token_id=pad,
                early_stopping=options.num_beams > 1, renormalize_logits=options.num_beams > 1,
            )
        return self.template.decode(output[:, longest:])


class CT2Chat(Generator):
    """The CTranslate2 copy (``folder``) of an instruct model, run by ``ctranslate2.Generator``:
    one worker with the process's cores (a model this size is shared by its calls, never
    copied per worker)."""

    def __init__(self, spec: ModelSpec, folder: Path, *, device: str = "cpu", compute_type: str | None = None,
                 threads: int | None = None):
        import ctranslate2
        from transformers import AutoConfig, AutoTokenizer

        device_type, _, index = device.partition(":")
        self.device = device_type
        self.compute_type = compute_type or default_compute_type(device_type)
        hf = Path(folder) / HF_SUBDIR
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(hf), local_files_only=True, trust_remote_code=False)
            config = AutoConfig.from_pretrained(str(hf), local_files_only=True, trust_remote_code=False)
            self.generator = ctranslate2.Generator(str(folder), device=device_type, device_index=int(index or 0),
                                                   compute_type=self.compute_type, inter_threads=1,
                                                   intra_threads=cpu_threads(threads) if device_type == "cpu" else 0)
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            raise ModelNotAvailableError(f"the CTranslate2 copy of {spec.describe} in {folder} cannot be loaded: "
                                         f"{short_error(exc)}; convert it again with `summarizer models convert`, "
                                         "or use backend 'transformers'") from exc
        self.template = ChatTemplate(tokenizer, spec.name)
        record = read_record(Path(folder))
        provenance = {"name": spec.name, "revision": spec.revision, "path": str(folder), "device": device,
                      "backend": "ctranslate2", "compute_type": self.compute_type,
                      "quantization": record.get("quantization"), "source": record.get("source")}
        super().__init__(spec.name, _window(config, tokenizer), provenance, special_tokens=self.template.overhead)

    def _count(self, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self.template.encode(texts)]

    def _forward(self, texts: list[str], options: GenerationOptions) -> list[str]:
        tokenizer = self.template.tokenizer
        ids = self.template.encode(texts)
        self.check_window(max(len(row) for row in ids) + options.max_new_tokens)
        results = self.generator.generate_batch(
            [tokenizer.convert_ids_to_tokens(row) for row in ids], max_length=options.max_new_tokens,
            min_length=options.min_new_tokens, sampling_topk=1, beam_size=options.num_beams,
            no_repeat_ngram_size=options.no_repeat_ngram_size, length_penalty=options.length_penalty,
            include_prompt_in_result=False, end_token=tokenizer.convert_ids_to_tokens(self.template.stop_ids),
            max_batch_size=CPU_SUB_BATCH_TOKENS if self.device == "cpu" else 0, batch_type="tokens",
        )
        return self.template.decode([r.sequences_ids[0] for r in results])


__all__ = ["CHAT_WINDOW", "CPU_SUB_BATCH_TOKENS", "ChatTemplate", "TransformersChat", "CT2Chat"]
