"""Loading a model once per process: `get_model` (the transformers objects) and
`get_generator` (the model behind the `Generator` interface).

Models load lazily, on first use, once per process and device (thread-safe), from
safetensors only and never with remote code. Importing this module imports neither torch
nor transformers.
"""

from __future__ import annotations

import threading

from ..errors import ModelError
from ..settings import hub_offline, option
from .generator import Generator
from .hf import LoadedModel, TransformersGenerator, load
from .hub import HubError, download, resolve_revision
from .locate import Location, explicit_path, locate, not_available_error
from .registry import spec_for


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
    raise ValueError(f"device must be 'auto', 'cpu' or 'cuda[:N]', not {device!r}")


# ---------------------------------------------------------------- loading

_CACHE: dict[tuple, LoadedModel] = {}
_CACHE_LOCK = threading.Lock()
_KEY_LOCKS: dict[tuple, threading.Lock] = {}


def clear_cache() -> None:
    """Forget every loaded model (tests; freeing memory)."""
    with _CACHE_LOCK:
        _CACHE.clear()
        _KEY_LOCKS.clear()
        _GENERATORS.clear()


def get_model(task: str, *, source: str | None = None, target: str | None = None, name: str | None = None,
              device: str = "auto", quantize: bool = False) -> LoadedModel:
    """The model for ``task`` (and pair), loaded once per process.

    ``quantize`` asks for int8 dynamic quantization of the linear layers, on CPU only
    (a separate copy from the fp32 model). Raises `ModelNotAvailableError` when the model
    is nowhere to be found, naming where it looked and the command that fetches it.
    """
    spec = spec_for(task, source=source, target=target, name=name)
    dev = pick_device(device)
    where = locate(spec)
    if where is None:
        if hub_offline() or explicit_path(spec.name) is not None:
            raise not_available_error(spec)
        try:
            revision, files = resolve_revision(spec)
        except HubError as exc:
            raise not_available_error(spec, f"the hub failed: {exc}") from None
        where = Location("cache", download(spec, None, revision, files))
    quantize = bool(quantize) and dev == "cpu"
    # One copy per folder, however it is spelled (/x, /x/, /./x, a link): keyed by its real path.
    key = (spec.task, spec.source, spec.target, str(where.path.resolve()), dev, quantize)
    loaded = _CACHE.get(key)
    if loaded is not None:
        return loaded
    with _CACHE_LOCK:
        key_lock = _KEY_LOCKS.setdefault(key, threading.Lock())
    with key_lock:
        loaded = _CACHE.get(key)
        if loaded is None:
            loaded = load(spec, where.path, dev, quantize)
            _CACHE[key] = loaded
    return loaded


_GENERATORS: dict[int, Generator] = {}


def get_generator(task: str, *, source: str | None = None, target: str | None = None, name: str | None = None,
                  device: str = "auto", quantize: bool = False) -> Generator:
    """The model for ``task`` (and pair) behind the `Generator` interface, loaded once per process."""
    loaded = get_model(task, source=source, target=target, name=name, device=device, quantize=quantize)
    with _CACHE_LOCK:
        generator = _GENERATORS.get(id(loaded))
        if generator is None or generator.loaded is not loaded:
            generator = _GENERATORS[id(loaded)] = TransformersGenerator(loaded)
    return generator
