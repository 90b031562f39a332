"""`Models`: the models a process uses, owned by the caller.

Like faster-whisper's ``WhisperModel``, the caller makes one `Models` and hands it to
what needs models (`Summarizer`, `Translator`, batch jobs): it knows where models are
(`locate.Places`: the models folder, the Hugging Face cache, whether the hub may be
reached), which backend runs them and on which device, how many CPU threads each gets,
and it keeps what it loaded — nothing of it lives in module-level state. The CLI and the
web app make one from the settings (`from_settings`, the only place that reads them);
a Python caller makes one or gets one from the settings the same way.

Tests and other engines give their own models here and nowhere else: `register` puts a
`Generator` (`summarizer.testing.FakeGenerator`) in place of a task's model, or, for
translation, a whole translator (anything with `run` and `provenance`, as
`summarizer.testing.FakeTranslators` makes). A registered model is always available.

Models load lazily, on first use, once per `Models` (thread-safe), from safetensors only
and never with remote code. Importing this module imports neither torch, transformers nor
ctranslate2.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ModelError, ModelNotAvailableError, OptionError
from .backend import BackendChoice, choose_backend, requested_backend
from .chat import CT2Chat, TransformersChat
from .ct2 import CT2Generator
from .generator import Generator
from .hf import TransformersGenerator, load
from .hub import HubError, download, fetch, hub_status, is_available, require_named_folder, resolve_revision
from .locate import Location, Places, explicit_path, locate, not_available_error, status
from .registry import ModelSpec, spec_for

logger = logging.getLogger("summarizer")

Key = tuple[str, str | None, str | None]
"""What a model does: ``(task, source, target)``."""


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
            raise ModelError(f"device {device!r} was asked for but torch sees no CUDA GPU; use device 'cpu' "
                             "or 'auto'")
        return device
    raise OptionError(f"device must be 'auto', 'cpu' or 'cuda[:N]', not {device!r}")


@dataclass
class Models:
    """The models of one caller: where they are, what runs them, what is loaded.

    Attributes:
        places: where models are looked for, and whether the hub may be reached.
        backend: "auto" (CTranslate2 where a fresh converted copy is, else transformers),
            "ctranslate2" or "transformers".
        device: "auto", "cpu" or "cuda[:N]".
        threads: CPU threads each model may use (None: the cores this process may use, at
            most 4); a batch job gives each worker its share.
    """

    places: Places
    backend: str = "auto"
    device: str = "auto"
    threads: int | None = None
    fakes: dict[Key, object] = field(default_factory=dict)
    _loaded: dict[tuple, object] = field(default_factory=dict, repr=False, init=False)
    _choices: dict[tuple, BackendChoice] = field(default_factory=dict, repr=False, init=False)
    _notices: set[str] = field(default_factory=set, repr=False, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, init=False)
    _key_locks: dict[tuple, threading.Lock] = field(default_factory=dict, repr=False, init=False)

    def __post_init__(self):
        self.backend = requested_backend(self.backend)

    @classmethod
    def from_settings(cls, **overrides) -> "Models":
        """A `Models` from the settings (``$SUMMARIZER_MODELS_DIR``, the Hugging Face cache,
        ``HF_HUB_OFFLINE``, ``$SUMMARIZER_BACKEND``): what the CLI, the web app and a caller
        who passes none use; ``overrides`` replace any field (``backend=``, ``device=``…)."""
        from ..settings import backend_setting, hf_cache_dir, hub_offline, models_dir

        places = Places(models_dir(), hf_cache_dir(), hub_offline())
        backend = requested_backend(backend_setting(), where="$SUMMARIZER_BACKEND")
        return cls(**{"places": places, "backend": backend, **overrides})

    def with_options(self, *, backend: str | None = None, device: str | None = None) -> "Models":
        """This `Models` with another backend or device, sharing what it loaded and its fakes
        (a brief's own options over the caller's)."""
        changed = {k: v for k, v in (("backend", backend), ("device", device)) if v not in (None, "")}
        if not changed or all(getattr(self, k) == v for k, v in changed.items()):
            return self
        other = replace(self, **changed)
        other._loaded, other._choices, other._notices = self._loaded, self._choices, self._notices
        other._lock, other._key_locks = self._lock, self._key_locks
        return other

    # ---------------------------------------------------------------- fakes

    def register(self, task: str, model, *, source: str | None = None, target: str | None = None) -> "Models":
        """Use ``model`` for ``task``: a `Generator`, or for "translate" a whole translator
        (an object with ``run`` and ``provenance``, as `summarizer.testing.FakeTranslators`
        makes). For one pair with ``source`` and ``target``, for every pair without them.
        Returns this `Models`, so that registrations chain."""
        self.fakes[(task, source, target)] = model
        return self

    def registered(self, task: str, source: str | None = None, target: str | None = None):
        """What was registered for ``task`` and this pair (or for every pair), else None."""
        found = self.fakes.get((task, source, target))
        return found if found is not None else self.fakes.get((task, None, None))

    # ---------------------------------------------------------------- finding

    def locate(self, spec: ModelSpec) -> Location | None:
        """Where ``spec`` is on this machine; never the network."""
        return locate(spec, self.places)

    def available(self, task: str, source: str | None = None, target: str | None = None,
                  name: str | None = None, *, online: bool = False) -> bool:
        """Whether the model for ``task`` can be had without downloading (a registered one always)."""
        if self.registered(task, source, target) is not None:
            return True
        return is_available(task, self.places, source=source, target=target, name=name, online=online)

    def require_named_folder(self, task: str, *, source: str | None = None, target: str | None = None,
                             name: str | None = None) -> None:
        """`ModelNotAvailableError` for a named folder that holds no model."""
        if self.registered(task, source, target) is None:
            require_named_folder(task, self.places, source=source, target=target, name=name)

    def not_available_error(self, spec: ModelSpec, reason: str | None = None) -> ModelNotAvailableError:
        return not_available_error(spec, self.places, reason)

    def status(self) -> list[dict]:
        """One row per registered model: where it is and what runs it (`locate.status`)."""
        return status(self.places, self.backend)

    def hub_status(self, check: bool = True, timeout: float = 3.0) -> str:
        return hub_status(self.places, check, timeout)

    def fetch(self, spec: ModelSpec, dest: Path | None = None, *, revision: str | None = None) -> Path:
        """Download ``spec`` into ``dest`` (or the Hugging Face cache)."""
        return fetch(spec, self.places, dest, revision=revision)

    def _find(self, spec: ModelSpec) -> Location:
        """Where the model is; downloaded into the Hugging Face cache when it is nowhere here
        and the hub may be used."""
        where = self.locate(spec)
        if where is not None:
            return where
        if self.places.offline or explicit_path(spec.name) is not None:
            raise self.not_available_error(spec)
        try:
            revision, files = resolve_revision(spec)
        except HubError as exc:
            raise self.not_available_error(spec, f"the hub failed: {exc}") from None
        return Location("cache", download(spec, None, revision, files, self.places.cache))

    # ---------------------------------------------------------------- loading

    def generator(self, task: str, *, source: str | None = None, target: str | None = None,
                  name: str | None = None, quantize: bool = False, compute_type: str | None = None) -> Generator:
        """The model for ``task`` (and pair) behind the `Generator` interface, loaded once.

        ``quantize`` is transformers' int8 dynamic quantization (CPU); ``compute_type`` is
        CTranslate2's (None: int8 on CPU, int8_float16 on a GPU). Raises
        `ModelNotAvailableError` when the model is nowhere to be found."""
        fake = self.registered(task, source, target)
        if fake is not None:
            return fake
        spec = spec_for(task, source=source, target=target, name=name)
        device = pick_device(self.device)
        where = self._find(spec)
        choice = self._choose(spec, where)
        ct2, hf = (CT2Chat, TransformersChat) if spec.task == "chat" else (CT2Generator, None)
        if choice.backend == "ctranslate2":
            key = ("ctranslate2", spec.task, spec.source, spec.target, str(choice.copy.resolve()), device, compute_type)
            try:
                return self._cached(key, lambda: ct2(spec, choice.copy, device=device,
                                                     compute_type=compute_type, threads=self.threads))
            except ModelNotAvailableError as exc:
                if self.backend == "ctranslate2":
                    raise
                choice = self._choices[(spec, str(where.path), where.kind, self.backend)] = BackendChoice(
                    "transformers", notice=f"{spec.name} runs with transformers: {exc}")
        if choice.notice:
            self._notice(choice.notice)
        quantize = bool(quantize) and device == "cpu"
        # One copy per folder, however it is spelled (/x, /x/, /./x, a link): keyed by its real path.
        key = ("transformers", spec.task, spec.source, spec.target, str(where.path.resolve()), device, quantize)
        if hf is not None:
            return self._cached(key, lambda: hf(spec, where.path, device=device, quantize=quantize, threads=self.threads))
        return self._cached(key, lambda: TransformersGenerator(load(spec, where.path, device, quantize,
                                                                     threads=self.threads)))

    def _choose(self, spec: ModelSpec, where: Location) -> BackendChoice:
        """`choose_backend`, once per model (a stale check may hash the weights)."""
        key = (spec, str(where.path), where.kind, self.backend)
        choice = self._choices.get(key)
        if choice is None:
            choice = self._choices[key] = choose_backend(spec, Path(where.path), where.kind, self.backend,
                                                         self.places.folder)
        return choice

    def _cached(self, key: tuple, make):
        """``self._loaded[key]``, made once (other threads asking for it meanwhile wait)."""
        value = self._loaded.get(key)
        if value is not None:
            return value
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            value = self._loaded.get(key)
            if value is None:
                value = self._loaded[key] = make()
        return value

    def _notice(self, text: str) -> None:
        """A one-line warning, once per `Models`."""
        if text not in self._notices:
            self._notices.add(text)
            logger.warning("%s", text)

    def clear(self) -> None:
        """Forget every model loaded (freeing memory); the fakes stay."""
        with self._lock:
            self._loaded.clear()
            self._key_locks.clear()
            self._choices.clear()
            self._notices.clear()

    def __getstate__(self):
        """What a worker process needs to make the same models: no loaded model, no lock."""
        return {"places": self.places, "backend": self.backend, "device": self.device, "threads": self.threads,
                "fakes": self.fakes}

    def __setstate__(self, state):
        self.__init__(**state)


__all__ = ["Models", "pick_device"]
