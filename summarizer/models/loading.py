"""Loading a model once per process: `get_model` (the transformers objects) and
`get_generator` (the model behind the `Generator` interface, run by the backend that
`backend.choose_backend` picks: CTranslate2 or transformers).

Models load lazily, on first use, once per process and device (thread-safe), from
safetensors only and never with remote code. Importing this module imports neither torch,
transformers nor ctranslate2.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from ..errors import ModelError, ModelNotAvailableError, OptionError
from ..settings import hub_offline, option
from .backend import BackendChoice, choose_backend, requested_backend
from .ct2 import CT2Generator
from .generator import Generator
from .hf import LoadedModel, TransformersGenerator, load
from .hub import HubError, download, resolve_revision
from .locate import Location, explicit_path, locate, not_available_error
from .registry import ModelSpec, spec_for

logger = logging.getLogger("summarizer")


def pick_device(device: str = "auto") -> str:
    """"cuda" when asked for "auto" and a GPU is there, else "cpu"; checks explicit choices."""
    device = (device or "auto").strip().lower()
    if device == "cpu":
        return "cpu"
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda"):
        if not torch.cuda.is_available():
            raise ModelError(f"device {device!r} was asked for but torch sees no CUDA GPU; use "
                             f"{option('device', 'cpu')} or {option('device', 'auto')}")
        return device
    raise OptionError(f"device must be 'auto', 'cpu' or 'cuda[:N]', not {device!r}")


# ---------------------------------------------------------------- loading

_CACHE: dict[tuple, LoadedModel | CT2Generator] = {}
_CACHE_LOCK = threading.Lock()
_KEY_LOCKS: dict[tuple, threading.Lock] = {}


def clear_cache() -> None:
    """Forget every loaded model (tests; freeing memory)."""
    with _CACHE_LOCK:
        _CACHE.clear()
        _KEY_LOCKS.clear()
        _GENERATORS.clear()
        _CHOICES.clear()
        _NOTICES.clear()


def get_model(task: str, *, source: str | None = None, target: str | None = None, name: str | None = None,
              device: str = "auto", quantize: bool = False) -> LoadedModel:
    """The model for ``task`` (and pair), loaded once per process.

    ``quantize`` asks for int8 dynamic quantization of the linear layers, on CPU only
    (a separate copy from the fp32 model). Raises `ModelNotAvailableError` when the model
    is nowhere to be found, naming where it looked and the command that fetches it.
    """
    spec = spec_for(task, source=source, target=target, name=name)
    dev = pick_device(device)
    where = _find(spec)
    quantize = bool(quantize) and dev == "cpu"
    # One copy per folder, however it is spelled (/x, /x/, /./x, a link): keyed by its real path.
    key = (spec.task, spec.source, spec.target, str(where.path.resolve()), dev, quantize)
    return _cached(key, lambda: load(spec, where.path, dev, quantize))


def _find(spec: ModelSpec) -> Location:
    """Where the model is; downloaded into the Hugging Face cache when it is nowhere here and the hub may be used."""
    where = locate(spec)
    if where is not None:
        return where
    if hub_offline() or explicit_path(spec.name) is not None:
        raise not_available_error(spec)
    try:
        revision, files = resolve_revision(spec)
    except HubError as exc:
        raise not_available_error(spec, f"the hub failed: {exc}") from None
    return Location("cache", download(spec, None, revision, files))


def _cached(key: tuple, make):
    """``_CACHE[key]``, made once (other threads asking for it meanwhile wait)."""
    value = _CACHE.get(key)
    if value is not None:
        return value
    with _CACHE_LOCK:
        key_lock = _KEY_LOCKS.setdefault(key, threading.Lock())
    with key_lock:
        value = _CACHE.get(key)
        if value is None:
            value = _CACHE[key] = make()
    return value


_GENERATORS: dict[int, Generator] = {}
_CHOICES: dict[tuple, BackendChoice] = {}
_NOTICES: set[str] = set()


def get_generator(task: str, *, source: str | None = None, target: str | None = None, name: str | None = None,
                  device: str = "auto", quantize: bool = False, backend: str | None = None,
                  compute_type: str | None = None) -> Generator:
    """The model for ``task`` (and pair) behind the `Generator` interface, loaded once per process.

    ``backend``: "auto", "ctranslate2" or "transformers"; None reads ``$SUMMARIZER_BACKEND``
    (default auto: CTranslate2 when a fresh converted copy is there, else transformers with
    a one-line notice). ``quantize`` is transformers' int8 dynamic quantization (CPU);
    ``compute_type`` is CTranslate2's (None: int8 on CPU, int8_float16 on a GPU).
    """
    requested = requested_backend(backend)
    if requested != "transformers":
        spec = spec_for(task, source=source, target=target, name=name)
        dev = pick_device(device)
        where = _find(spec)
        choice = _choose(spec, where, requested)
        if choice.backend == "ctranslate2":
            try:
                return _cached(("ctranslate2", spec.task, spec.source, spec.target, str(choice.copy.resolve()), dev,
                                compute_type),
                               lambda: CT2Generator(spec, choice.copy, device=dev, compute_type=compute_type))
            except ModelNotAvailableError as exc:
                if requested == "ctranslate2":
                    raise
                choice = _CHOICES[(spec, str(where.path), where.kind, requested)] = BackendChoice(
                    "transformers", notice=f"{spec.name} runs with transformers: {exc}")
        if choice.notice:
            _notice(choice.notice)
    loaded = get_model(task, source=source, target=target, name=name, device=device, quantize=quantize)
    with _CACHE_LOCK:
        generator = _GENERATORS.get(id(loaded))
        if generator is None or generator.loaded is not loaded:
            generator = _GENERATORS[id(loaded)] = TransformersGenerator(loaded)
    return generator


def _choose(spec: ModelSpec, where: Location, requested: str) -> BackendChoice:
    """`choose_backend`, once per model and process (a stale check may hash the weights)."""
    key = (spec, str(where.path), where.kind, requested)
    choice = _CHOICES.get(key)
    if choice is None:
        choice = _CHOICES[key] = choose_backend(spec, Path(where.path), where.kind, requested)
    return choice


def _notice(text: str) -> None:
    """A one-line warning, once per process."""
    if text not in _NOTICES:
        _NOTICES.add(text)
        logger.warning("%s", text)
