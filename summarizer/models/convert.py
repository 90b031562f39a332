"""Converting a Hugging Face checkpoint into the CTranslate2 copy `backend` looks for.

Offline, with CTranslate2's own converter (its Python API), never writing into the
model's folder (it may be read-only, or a Hugging Face cache snapshot)::

    <folder>.ct2-int8/
      model.bin, config.json, shared_vocabulary.json   CTranslate2's model (int8 weights)
      hf/                                               the checkpoint's tokenizer and configuration files
      summarizer-ct2.json                               what it was converted from (`backend.PROVENANCE_FILE`)

The copy is written under a temporary name beside its place and renamed into it, so
that a crash never leaves a half-written copy that looks complete.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError, ModelNotAvailableError
from .backend import FORMAT, HF_SUBDIR, PROVENANCE_FILE, QUANTIZATION, copy_state, ctranslate2_installed, fingerprint
from .locate import Places, locate, not_available_error
from .registry import ModelSpec

logger = logging.getLogger("summarizer")

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".h5", ".msgpack", ".onnx", ".ot", ".ckpt")
TINY_MARKER = "TINY_RANDOM_MODEL.txt"
"""`summarizer.testing`'s mark of a tiny random model; carried into its copy."""


@dataclass(frozen=True)
class Conversion:
    """What `convert_model` did: ``copy`` is the converted folder; ``converted`` is False
    when a fresh copy was already there (``seconds`` 0)."""

    spec: ModelSpec
    copy: Path
    converted: bool
    seconds: float = 0.0


def convert_model(spec: ModelSpec, places: Places, *, force: bool = False) -> Conversion:
    """Write the CTranslate2 int8 copy of ``spec`` (found in ``places`` as `locate` finds it)
    where the backend looks for it, unless a fresh one is already there (``force`` redoes it).

    Raises `ModelNotAvailableError` when the model is not on this machine or ctranslate2
    is not installed, `ModelError` when the conversion fails."""
    where = locate(spec, places)
    if where is None:
        raise not_available_error(spec, places)
    copy, problem = copy_state(spec, where.path, where.kind, places.folder)
    if problem is None and not force:
        return Conversion(spec, copy, False)
    started = time.perf_counter()
    convert(where.path, copy, force=True)
    return Conversion(spec, copy, True, time.perf_counter() - started)


def convert(model_dir: str | Path, out_dir: str | Path, quantization: str = QUANTIZATION, *,
            force: bool = False) -> Path:
    """Convert the checkpoint in ``model_dir`` into the CTranslate2 folder ``out_dir``.

    ``quantization``: "int8" (what the backend looks for), "float32" (tests comparing
    the backends token for token), … Raises `ModelError` when ``out_dir`` exists and
    ``force`` is false, or when the conversion fails."""
    if not ctranslate2_installed():
        raise ModelNotAvailableError("converting needs the ctranslate2 package: pip install ctranslate2")
    model_dir, out_dir = Path(model_dir), Path(out_dir)
    if out_dir.exists() and not force:
        raise ModelError(f"{out_dir} exists; pass force=True (--force) to replace it")
    if out_dir.resolve() == model_dir.resolve():
        raise ModelError("the CTranslate2 copy must go to another folder than the model")
    logger.info("converting %s → %s (%s)", model_dir, out_dir, quantization)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.partial-", dir=out_dir.parent))
    except OSError as exc:
        raise ModelError(f"cannot write the CTranslate2 copy into {out_dir.parent}: {exc.strerror or exc}") from exc
    try:
        _write(model_dir, partial / "model", quantization)
        if out_dir.exists():
            out_dir.rename(partial / "old")  # removed with `partial`
        (partial / "model").rename(out_dir)
    except OSError as exc:
        raise ModelError(f"converting {model_dir} into {out_dir} failed: {exc.strerror or exc}") from exc
    except (ValueError, KeyError, AttributeError, NotImplementedError, RuntimeError) as exc:
        raise ModelError(f"CTranslate2 cannot convert {model_dir}: {type(exc).__name__}: {exc}") from exc
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return out_dir


def _write(model_dir: Path, target: Path, quantization: str) -> None:
    import ctranslate2
    import transformers

    from transformers.utils import logging as hf_logging

    started = time.perf_counter()
    source = fingerprint(model_dir)
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # no "Loading weights" bar on the user's terminal
    try:
        _converter_class()(str(model_dir)).convert(str(target), quantization=quantization, force=True)
    finally:
        if bars:
            hf_logging.enable_progress_bar()
    hf = target / HF_SUBDIR
    hf.mkdir()
    for path in sorted(model_dir.iterdir()):  # tokenizer and configuration: the copy runs without the original
        if path.is_file() and not path.name.endswith(WEIGHT_SUFFIXES) and not path.name.startswith("."):
            shutil.copyfile(path, hf / path.name)
    if (model_dir / TINY_MARKER).is_file():
        shutil.copyfile(model_dir / TINY_MARKER, target / TINY_MARKER)
    record = {
        "format": FORMAT, "backend": "ctranslate2", "quantization": quantization,
        "source": str(model_dir.resolve()), "source_files": source,
        "ctranslate2": ctranslate2.__version__, "transformers": transformers.__version__,
        "converted_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "seconds": round(time.perf_counter() - started, 1),
    }
    (target / PROVENANCE_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def _converter_class():
    from ctranslate2.converters import TransformersConverter

    class Converter(TransformersConverter):
        """CTranslate2's converter, reading local safetensors only, with what our models need
        patched in memory (the model's folder is only read)."""

        vocab_size = 0

        def load_model(self, model_class, model_name_or_path, **kwargs):
            model = super().load_model(model_class, model_name_or_path, use_safetensors=True,
                                       local_files_only=True, **kwargs)
            # CTranslate2 reads config.normalize_before, which transformers 5's BartConfig no
            # longer defines (BART is post-norm); old checkpoints still carry it.
            if model.config.model_type == "bart" and not hasattr(model.config, "normalize_before"):
                model.config.normalize_before = False
            self.vocab_size = int(model.config.vocab_size)
            return model

        def load_tokenizer(self, tokenizer_class, model_name_or_path, **kwargs):
            tokenizer = super().load_tokenizer(tokenizer_class, model_name_or_path, local_files_only=True, **kwargs)
            # A model whose embeddings outnumber its tokenizer's entries (the benchmarks'
            # real-size random stand-ins): CTranslate2 wants one string per row.
            return _PaddedVocabulary(tokenizer, self.vocab_size) if len(tokenizer.get_vocab()) < self.vocab_size \
                else tokenizer

    return Converter


class _PaddedVocabulary:
    """A tokenizer whose ``get_vocab`` is padded with placeholders that are never produced."""

    def __init__(self, tokenizer, size: int):
        self._tokenizer, self._size = tokenizer, size

    def get_vocab(self) -> dict[str, int]:
        vocab = dict(self._tokenizer.get_vocab())
        taken = set(vocab.values())
        vocab.update({f"<ct2_unused_{i}>": i for i in range(self._size) if i not in taken})
        return vocab

    def __getattr__(self, name):
        return getattr(self._tokenizer, name)


__all__ = ["Conversion", "convert_model", "convert"]
