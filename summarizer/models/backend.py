"""Which backend runs a model — the one place that decides.

Two backends run the same Hugging Face checkpoints behind the `Generator` interface:
``transformers`` (the reference; `hf`) and ``ctranslate2`` (`ct2`: int8 on CPU,
int8_float16 on a GPU), which needs a converted copy of the checkpoint (`convert`).
A copy lives beside the model's folder, as ``<folder>.ct2-int8/`` (for a model in the
Hugging Face cache: ``<models folder>/<short name>.ct2-int8/``), and records what it
was converted from (`PROVENANCE_FILE`), so that a copy older than its model is noticed.

The backend asked for is an option (``backend=``, `provider.Models`' own, which the edge
reads from ``$SUMMARIZER_BACKEND``), else ``auto``: CTranslate2 when a fresh copy is
there, else transformers with a one-line notice saying why. Asking for ``ctranslate2`` without a usable copy is an error that
says how to make one. Importing this module imports neither torch nor ctranslate2.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelNotAvailableError, OptionError
from .registry import ModelSpec, find_spec

BACKENDS = ("auto", "ctranslate2", "transformers")
"""auto: CTranslate2 when a fresh converted copy is present, else transformers."""

QUANTIZATION = "int8"
"""What `convert` writes: int8 weights, run as int8 on CPU and int8_float16 on a GPU."""
COPY_SUFFIX = f".ct2-{QUANTIZATION}"
PROVENANCE_FILE = "summarizer-ct2.json"
FORMAT = 1
HF_SUBDIR = "hf"
GPU_COMPUTE_TYPES = ("int8_float16", "int8_bfloat16", "float16", "int8")
"""What CTranslate2 runs on a GPU, best first: int8 weights with float16 activations when it can."""
"""The copy's sub-folder holding the checkpoint's tokenizer and configuration files."""

FINGERPRINTED = ("model.safetensors", "config.json", "generation_config.json", "tokenizer.json", "vocab.json",
                 "merges.txt", "source.spm", "target.spm", "tokenizer_config.json", "special_tokens_map.json")
"""A model's files whose change makes its converted copy stale (weights, architecture, tokenizer)."""


def requested_backend(backend: str | None = None, *, where: str = "backend") -> str:
    """``backend`` checked, "auto" when None or empty; ``where`` names it in the error
    ("$SUMMARIZER_BACKEND" when the edge read it from there)."""
    value = (backend or "").strip().lower() or "auto"
    if value not in BACKENDS:
        raise OptionError(f"{where} must be one of {', '.join(BACKENDS)}, not {value!r}")
    return value


def ctranslate2_installed() -> bool:
    return importlib.util.find_spec("ctranslate2") is not None


def copy_folder(spec: ModelSpec, path: Path, kind: str, folder: Path) -> Path:
    """Where the converted copy of the model in ``path`` lives (found as ``kind`` by `locate`;
    ``folder``: the models folder)."""
    if kind == "cache":  # the Hugging Face cache belongs to huggingface_hub: the copy goes to the models folder
        return folder / f"{spec.short_name}{COPY_SUFFIX}"
    return path.parent / f"{path.name}{COPY_SUFFIX}"


def convert_command(spec: ModelSpec) -> str:
    registered = find_spec(spec.name)
    return f"summarizer models convert {registered.short_name if registered else spec.name}"


# ---------------------------------------------------------------- staleness


def fingerprint(model_dir: Path, *, sha256: bool = True) -> dict:
    """Size, mtime and (optionally) sha256 of the files of ``model_dir`` that define the model."""
    files = {}
    for name in FINGERPRINTED:
        path = Path(model_dir) / name
        if not path.is_file():
            continue
        stat = path.stat()
        files[name] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        if sha256:
            files[name]["sha256"] = file_sha256(path)
    return files


def file_sha256(path: Path) -> str:
    """The file's sha256; read from the name of a Hugging Face cache blob (named by it) when it is one."""
    real = Path(os.path.realpath(path))
    if real != path.absolute() and len(real.name) == 64 and all(c in "0123456789abcdef" for c in real.name):
        return real.name
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_record(copy: Path) -> dict:
    """The copy's provenance record; {} when missing or unreadable."""
    try:
        record = json.loads((copy / PROVENANCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def stale_reason(model_dir: Path, copy: Path) -> str | None:
    """Why ``copy`` does not match the model in ``model_dir``; None when it does.

    Sizes and mtimes decide; when only an mtime differs (a copied folder), the sha256."""
    record = read_record(copy)
    if record.get("format") != FORMAT:
        return f"it has no readable {PROVENANCE_FILE}"
    if not (copy / "model.bin").is_file():
        return "it has no model.bin"
    stored, current = record.get("source_files") or {}, fingerprint(model_dir, sha256=False)
    if set(stored) != set(current):
        return f"the model's files changed ({', '.join(sorted(set(stored) ^ set(current)))})"
    for name, now in current.items():
        then = stored[name]
        if then.get("size") != now["size"]:
            return f"the model's {name} changed size"
        if then.get("mtime_ns") != now["mtime_ns"] and then.get("sha256") != file_sha256(Path(model_dir) / name):
            return f"the model's {name} changed"
    return None


# ---------------------------------------------------------------- the choice


@dataclass(frozen=True)
class BackendChoice:
    """The backend that runs a model: ``copy`` is the converted folder for ctranslate2;
    ``notice`` says why auto fell back to transformers (one line)."""

    backend: str
    copy: Path | None = None
    notice: str | None = None


def copy_state(spec: ModelSpec, path: Path, kind: str, folder: Path) -> tuple[Path, str | None]:
    """The copy's folder and why it cannot be used (None: present and fresh)."""
    copy = copy_folder(spec, path, kind, folder)
    if not copy.is_dir():
        return copy, f"there is no CTranslate2 copy at {copy}"
    reason = stale_reason(path, copy)
    return copy, (f"the CTranslate2 copy at {copy} is stale: {reason}" if reason else None)


def choose_backend(spec: ModelSpec, path: Path, kind: str, requested: str, folder: Path) -> BackendChoice:
    """The backend for the model found in ``path``; ``requested`` as `requested_backend` gives
    it; ``folder``: the models folder.

    Raises `ModelNotAvailableError` when ctranslate2 was asked for and cannot be used."""
    if requested == "transformers":
        return BackendChoice("transformers")
    copy, problem = copy_state(spec, path, kind, folder)
    if problem is None and not ctranslate2_installed():
        problem = "the ctranslate2 package is not installed (pip install ctranslate2)"
    if problem is None:
        return BackendChoice("ctranslate2", copy)
    how = f"`{convert_command(spec)}`"
    if requested == "ctranslate2":
        raise ModelNotAvailableError(
            f"the ctranslate2 backend was asked for {spec.name}, but {problem}; run {how} "
            "(a few seconds to a minute), or use backend 'transformers' or 'auto'")
    return BackendChoice("transformers", notice=f"{spec.name} runs with transformers: {problem} (run {how} "
                                                "for the faster int8 model)")


def default_compute_type(device: str) -> str:
    """CTranslate2's compute type on ``device`` ("cpu" or "cuda"): int8 on CPU; on a GPU the
    first of `GPU_COMPUTE_TYPES` it supports."""
    if device == "cpu":
        return "int8"
    import ctranslate2

    try:
        supported = ctranslate2.get_supported_compute_types("cuda")
    except RuntimeError:  # no usable driver: CTranslate2 raises instead of returning nothing
        return "default"
    return next((kind for kind in GPU_COMPUTE_TYPES if kind in supported), "default")


def backend_status(spec: ModelSpec, path: Path, kind: str, folder: Path, requested: str = "auto") -> dict:
    """What runs the model in ``path`` with ``requested`` asked for, for `summarizer models
    list`: ``backend`` (None when ctranslate2 is asked for and cannot be used),
    ``compute_type`` and the ``ctranslate2`` copy (``path``, ``present``, ``problem``)."""
    copy, problem = copy_state(spec, path, kind, folder)
    try:
        backend = choose_backend(spec, path, kind, requested, folder).backend
    except ModelNotAvailableError:
        backend = None
    if backend == "ctranslate2":
        import ctranslate2

        compute = default_compute_type("cuda" if ctranslate2.get_cuda_device_count() else "cpu")
    else:  # transformers on CPU: translation int8 (dynamic quantization), summarization fp32
        compute = ("int8" if spec.task == "translate" else "float32") if backend else None
    return {"backend": backend, "compute_type": compute,
            "ctranslate2": {"path": str(copy), "present": copy.is_dir(), "problem": problem}}


__all__ = ["BACKENDS", "QUANTIZATION", "COPY_SUFFIX", "PROVENANCE_FILE", "HF_SUBDIR", "BackendChoice",
           "requested_backend", "ctranslate2_installed", "copy_folder", "copy_state", "convert_command",
           "fingerprint", "file_sha256", "read_record", "stale_reason", "choose_backend", "default_compute_type",
           "backend_status", "GPU_COMPUTE_TYPES"]
