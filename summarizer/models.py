"""The model registry: which Hugging Face model does which task, where it lives, loading it once.

A model is named by a hub id (``Helsinki-NLP/opus-mt-es-en``) or a local folder.
It is looked for, in order:

1. an explicit folder path;
2. the models folder (``$SUMMARIZER_MODELS_DIR``, else the project's ``models/``), in a
   sub-folder named by the last part of the hub id (``opus-mt-es-en``) or by the whole id
   with ``/`` replaced by ``--`` (``Helsinki-NLP--opus-mt-es-en``);
3. the Hugging Face cache (``$HF_HUB_CACHE`` or ``$HF_HOME/hub``), at the pinned revision;
4. the hub itself, unless ``HF_HUB_OFFLINE=1``.

Models load lazily, once per process (thread-safe), from safetensors only and never with
remote code. Importing this module imports neither torch nor transformers.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ModelError, ModelNotAvailableError, UnsupportedLanguageError

logger = logging.getLogger("summarizer")

TASKS = ("translate", "summarize")


@dataclass(frozen=True)
class ModelSpec:
    """A model for one task.

    Attributes:
        task: "translate" or "summarize".
        name: hub id or local folder.
        revision: the pinned hub revision (commit, tag or ref), None for "main" or a folder.
        source, target: the language pair of a translation model.
    """

    task: str
    name: str
    revision: str | None = None
    source: str | None = None
    target: str | None = None

    @property
    def short_name(self) -> str:
        """The last part of the hub id (``opus-mt-es-en``)."""
        return self.name.rstrip("/\\").replace("\\", "/").split("/")[-1]

    @property
    def folder_names(self) -> tuple[str, ...]:
        """Sub-folder names under which the models folder may hold this model."""
        names = [self.short_name]
        if "/" in self.name:
            names.append(self.name.replace("/", "--"))
        return tuple(dict.fromkeys(names))

    @property
    def describe(self) -> str:
        what = f"translate {self.source}→{self.target}" if self.task == "translate" else self.task
        return f"{self.name} ({what}{f', revision {self.revision}' if self.revision else ''})"


# Pinned defaults. opus-mt's safetensors weights are on the hub's conversion ref
# (refs/pr/4); distilbart-cnn-12-6 at a4f8f3e is the revision transformers' own
# summarization pipeline pinned. Neither could be checked against the hub from the
# machines this was written on: should a revision lack model.safetensors,
# `summarizer models download NAME --revision REF` fetches another.
REGISTRY: dict[tuple[str, str | None, str | None], ModelSpec] = {
    ("translate", "es", "en"): ModelSpec("translate", "Helsinki-NLP/opus-mt-es-en", "refs/pr/4", "es", "en"),
    ("translate", "en", "es"): ModelSpec("translate", "Helsinki-NLP/opus-mt-en-es", "refs/pr/4", "en", "es"),
    ("summarize", None, None): ModelSpec("summarize", "sshleifer/distilbart-cnn-12-6", "a4f8f3e"),
}

# Files a model folder needs; nothing pickled, nothing executable.
DOWNLOAD_PATTERNS = ("*.json", "*.safetensors", "*.spm", "*.model", "merges.txt", "*.txt")
_WEIGHTS = ("model.safetensors", "model.safetensors.index.json")


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


@dataclass(frozen=True)
class Location:
    """Where a model was found: ``kind`` is "path", "folder" or "cache"; ``path`` its folder."""

    kind: str
    path: Path


# ---------------------------------------------------------------- environment


def models_dir() -> Path:
    """The models folder: ``$SUMMARIZER_MODELS_DIR``, else the project's ``models/``."""
    env = os.environ.get("SUMMARIZER_MODELS_DIR")
    if env:
        return Path(env).expanduser()
    project = Path(__file__).resolve().parents[1] / "models"
    return project if project.is_dir() else Path.cwd() / "models"


def hub_offline() -> bool:
    """Whether ``HF_HUB_OFFLINE`` (or ``TRANSFORMERS_OFFLINE``) forbids the network."""
    values = (os.environ.get("HF_HUB_OFFLINE", ""), os.environ.get("TRANSFORMERS_OFFLINE", ""))
    return any(v.strip().upper() in {"1", "ON", "YES", "TRUE"} for v in values)


def hf_cache_dir() -> Path:
    """The Hugging Face hub cache, read from the environment at call time."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "huggingface" / "hub"


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
            raise ModelError(f"device {device!r} was asked for but torch sees no CUDA GPU; use device='cpu' or 'auto'")
        return device
    raise ValueError(f"device must be 'auto', 'cpu' or 'cuda[:N]', not {device!r}")


# ---------------------------------------------------------------- specs


def supported_pairs() -> list[tuple[str, str]]:
    return [(s, t) for task, s, t in REGISTRY if task == "translate"]


def _pairs_text() -> str:
    return ", ".join(f"{s}→{t}" for s, t in supported_pairs())


def spec_for(task: str, *, source: str | None = None, target: str | None = None, name: str | None = None) -> ModelSpec:
    """The `ModelSpec` for a task (and pair); ``name`` (hub id or folder) overrides the default.

    Raises `UnsupportedLanguageError` for a pair no registered model covers (unless
    ``name`` gives the model) and ValueError for an unknown task.
    """
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; tasks are {', '.join(TASKS)}")
    source = source.strip().lower() if source else None
    target = target.strip().lower() if target else None
    if task == "translate":
        if not source or not target:
            raise ValueError("translation needs both source and target languages")
        default = REGISTRY.get((task, source, target))
    else:
        default = REGISTRY[(task, None, None)]
    if name:
        for spec in REGISTRY.values():
            if spec.task == task and name in (spec.name, spec.short_name) and (default is None or spec == default):
                return spec
        return ModelSpec(task, name, None, source, target)
    if default is None:
        raise UnsupportedLanguageError(
            f"no translation model for {source}→{target}; supported pairs: {_pairs_text()} "
            "(or name a Marian model for that pair with model=…)"
        )
    return default


def find_spec(name: str) -> ModelSpec | None:
    """The registered spec whose hub id, short name or key (``es-en``, ``summarize``) is ``name``."""
    for (task, source, target), spec in REGISTRY.items():
        keys = {spec.name, spec.short_name, spec.name.replace("/", "--")}
        keys.add(f"{source}-{target}" if task == "translate" else task)
        if name in keys:
            return spec
    return None


# ---------------------------------------------------------------- locating


def _explicit_path(name: str) -> Path | None:
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    if name.startswith((".", "/", "~", "\\")) or os.path.isabs(name) or name.count("/") > 1:
        return path  # meant as a folder, but missing: reported by locate()
    return None


def _complete(folder: Path) -> bool:
    return (folder / "config.json").is_file() and any((folder / w).is_file() for w in _WEIGHTS)


def _cache_snapshot(spec: ModelSpec) -> Path | None:
    if "/" not in spec.name:
        return None
    from huggingface_hub import try_to_load_from_cache

    cache = hf_cache_dir()
    if not cache.is_dir():
        return None
    for revision in dict.fromkeys([spec.revision, None]):
        config = try_to_load_from_cache(spec.name, "config.json", cache_dir=str(cache), revision=revision)
        if isinstance(config, str) and _complete(Path(config).parent):
            return Path(config).parent
    return None


def candidate_folders(spec: ModelSpec) -> list[Path]:
    """The folders of the models folder that may hold ``spec``."""
    base = models_dir()
    return [base / n for n in spec.folder_names]


def locate(spec: ModelSpec) -> Location | None:
    """Where ``spec`` is on this machine (folder, models folder or HF cache); never the network."""
    explicit = _explicit_path(spec.name)
    if explicit is not None:
        return Location("path", explicit) if _complete(explicit) else None
    for folder in candidate_folders(spec):
        if _complete(folder):
            return Location("folder", folder)
    snapshot = _cache_snapshot(spec)
    return Location("cache", snapshot) if snapshot else None


def is_available(task: str, *, source: str | None = None, target: str | None = None, name: str | None = None,
                 online: bool = False) -> bool:
    """Whether the model can be loaded without downloading; never loads weights.

    Only local folders and the HF cache are checked, unless ``online`` is true and the
    hub is not disabled: then a hub that has the model counts too. An unsupported
    language pair is simply not available.
    """
    try:
        spec = spec_for(task, source=source, target=target, name=name)
    except UnsupportedLanguageError:
        return False
    if locate(spec) is not None:
        return True
    if online and not hub_offline() and _explicit_path(spec.name) is None:
        try:
            _hub_check(spec)
        except _HubError:
            return False
        return True
    return False


def not_available_error(spec: ModelSpec, reason: str | None = None) -> ModelNotAvailableError:
    """The error for a model that is nowhere to be found: where we looked, what to run."""
    explicit = _explicit_path(spec.name)
    if explicit is not None:
        state = "is incomplete (needs config.json and model.safetensors)" if explicit.is_dir() else "does not exist"
        return ModelNotAvailableError(f"the model folder {explicit} {state}")
    places = [str(p) for p in candidate_folders(spec)]
    if "/" in spec.name:
        places.append(f"the Hugging Face cache {hf_cache_dir()}")
    hub = "the hub was not tried: HF_HUB_OFFLINE=1" if hub_offline() else (reason or "the hub did not answer")
    fetch = find_spec(spec.name)
    command = f"summarizer models download {fetch.short_name if fetch else spec.name}"
    return ModelNotAvailableError(
        f"model {spec.describe} is not available; looked in: {'; '.join(places)} ({hub}). "
        f"Fetch it with `{command}` on a machine that reaches huggingface.co (copy the folder into "
        f"{models_dir()} or point $SUMMARIZER_MODELS_DIR at it), or build tiny random stand-ins for "
        "offline trials with `python -m summarizer.testing DIR` and set SUMMARIZER_MODELS_DIR=DIR."
    )


# ---------------------------------------------------------------- the hub


class _HubError(Exception):
    """The hub is unreachable or lacks the model (message: why)."""


def _hub_check(spec: ModelSpec, revision: str | None = None) -> None:
    """One request, no retries: fails fast (`_HubError`) when the hub is unreachable or lacks the model."""
    from huggingface_hub import HfApi

    try:
        HfApi().model_info(spec.name, revision=revision or spec.revision, timeout=15)
    except Exception as exc:  # noqa: BLE001 - any transport or hub error means "not there"
        raise _HubError(_short(exc)) from exc


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:300]


def _endpoint() -> str:
    from huggingface_hub import constants

    return constants.ENDPOINT


def fetch(spec: ModelSpec, dest: Path | None = None, *, revision: str | None = None) -> Path:
    """Download ``spec`` (safetensors and tokenizer files only) into the folder ``dest``,
    or into the Hugging Face cache when ``dest`` is None. Returns the model's folder."""
    if hub_offline():
        raise ModelNotAvailableError(
            f"cannot download {spec.describe}: HF_HUB_OFFLINE=1 forbids the network. Unset it on a machine "
            f"that reaches huggingface.co, or copy the model folder into {models_dir()} from a machine that has it."
        )
    if _explicit_path(spec.name) is not None:
        raise ModelNotAvailableError(f"{spec.name} is a folder, not a hub id: there is nothing to download")
    try:
        _hub_check(spec, revision)
    except _HubError as exc:
        raise ModelNotAvailableError(
            f"cannot download {spec.describe} from {_endpoint()}: {exc}. Check the connection (HTTPS_PROXY for "
            f"a proxy) and the model's name, or copy the model folder into {models_dir()} from a machine that has it."
        ) from None
    return _download(spec, dest, revision or spec.revision)


def _download(spec: ModelSpec, dest: Path | None, revision: str | None) -> Path:
    from huggingface_hub import snapshot_download

    # Into a side folder first: a failed download never spoils what ``dest`` holds.
    partial = dest.with_name(f".{dest.name}.partial") if dest is not None else None
    kwargs = {"local_dir": str(partial)} if partial is not None else {"cache_dir": str(hf_cache_dir())}
    logger.info("downloading %s@%s", spec.name, revision or "main")
    try:
        folder = Path(snapshot_download(spec.name, revision=revision, allow_patterns=list(DOWNLOAD_PATTERNS), **kwargs))
    except Exception as exc:  # noqa: BLE001 - transport, auth and disk errors alike
        raise ModelNotAvailableError(f"downloading {spec.describe} failed: {_short(exc)}") from exc
    if not _complete(folder):
        raise ModelNotAvailableError(
            f"{spec.name} at revision {revision or 'main'} has no safetensors weights (this project loads "
            "model.safetensors only, never pickled weights); download a revision that has them with "
            f"`summarizer models download {spec.name} --revision REF`"
        )
    if dest is None:
        return folder
    if dest.exists():
        shutil.rmtree(dest)
    folder.rename(dest)
    return dest


# ---------------------------------------------------------------- loading

_CACHE: dict[tuple, LoadedModel] = {}
_CACHE_LOCK = threading.Lock()
_KEY_LOCKS: dict[tuple, threading.Lock] = {}


def clear_cache() -> None:
    """Forget every loaded model (tests; freeing memory)."""
    with _CACHE_LOCK:
        _CACHE.clear()
        _KEY_LOCKS.clear()


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
        if hub_offline() or _explicit_path(spec.name) is not None:
            raise not_available_error(spec)
        try:
            _hub_check(spec)
        except _HubError as exc:
            raise not_available_error(spec, f"the hub failed: {exc}") from None
        where = Location("cache", _download(spec, None, spec.revision))
    quantize = bool(quantize) and dev == "cpu"
    key = (spec, str(where.path.resolve()), dev, quantize)
    loaded = _CACHE.get(key)
    if loaded is not None:
        return loaded
    with _CACHE_LOCK:
        key_lock = _KEY_LOCKS.setdefault(key, threading.Lock())
    with key_lock:
        loaded = _CACHE.get(key)
        if loaded is None:
            loaded = _load(spec, where.path, dev, quantize)
            _CACHE[key] = loaded
    return loaded


def _load(spec: ModelSpec, path: Path, device: str, quantize: bool) -> LoadedModel:
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    from transformers.utils import logging as hf_logging

    logger.info("loading %s from %s on %s%s", spec.name, path, device, " (int8)" if quantize else "")
    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # no "Loading weights" bar on the user's terminal
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True, trust_remote_code=False)
        model = AutoModelForSeq2SeqLM.from_pretrained(
            str(path), local_files_only=True, use_safetensors=True, trust_remote_code=False,
            dtype=torch.float32 if device == "cpu" else "auto",
        )
    except (OSError, ValueError, KeyError) as exc:
        raise ModelNotAvailableError(f"{spec.describe} could not be loaded from {path}: {_short(exc)}") from exc
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

    About twice as fast as fp32 for opus-mt-sized Marian on CPU; the translations differ
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


# ---------------------------------------------------------------- listing


def folder_size(path: Path) -> int:
    """Bytes of the files under ``path`` (symlinks into the HF cache followed)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total


def status() -> list[dict]:
    """One row per registered model: task, pair, name, revision, where it resolves, present, size."""
    rows = []
    for (task, source, target), spec in REGISTRY.items():
        where = locate(spec)
        rows.append({
            "task": task, "source": source, "target": target, "name": spec.name, "revision": spec.revision,
            "present": where is not None,
            "where": str(where.path) if where else None,
            "kind": where.kind if where else None,
            "size": folder_size(where.path) if where else None,
            "looked_in": [str(p) for p in candidate_folders(spec)] + [str(hf_cache_dir())],
        })
    return rows
