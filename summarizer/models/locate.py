"""Where a model is on this machine — never the network.

The places (`Places`) are given by whoever owns the models (`provider.Models`, made from
the settings at the edge: the CLI, the web app, the API's default). A model is looked
for, in order:

1. an explicit folder path;
2. the models folder (`Places.folder`), in a sub-folder named by the last part of the hub
   id (``opus-mt-es-en``) or by the whole id with ``/`` replaced by ``--``
   (``Helsinki-NLP--opus-mt-es-en``);
3. the Hugging Face cache (`Places.cache`), at the pinned revision.

(`hub` adds the fourth place: the hub itself, unless `Places.offline`.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelNotAvailableError
from .backend import backend_status
from .registry import REGISTRY, ModelSpec, find_spec

WEIGHTS = ("model.safetensors", "model.safetensors.index.json")
"""A model folder holds one of these (nothing pickled is ever loaded)."""

TINY_MARKER = "TINY_RANDOM_MODEL.txt"
"""The file `summarizer.testing` writes in each tiny random model's folder."""


@dataclass(frozen=True)
class Places:
    """Where models are looked for, and whether the hub may be reached.

    Attributes:
        folder: the models folder (``models/`` of the project, or where the settings say).
        cache: the Hugging Face hub cache.
        offline: never reach the hub (``HF_HUB_OFFLINE=1`` at the edge).
    """

    folder: Path
    cache: Path
    offline: bool = False


@dataclass(frozen=True)
class Location:
    """Where a model was found: ``kind`` is "path", "folder" or "cache"; ``path`` its folder."""

    kind: str
    path: Path


def explicit_path(name: str) -> Path | None:
    """The folder ``name`` means, when it names a folder rather than a hub id (it may not exist)."""
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    if name.startswith((".", "/", "~", "\\")) or os.path.isabs(name) or name.count("/") > 1:
        return path  # meant as a folder, but missing: reported by locate()
    return None


def is_complete(folder: Path) -> bool:
    return (folder / "config.json").is_file() and any((folder / w).is_file() for w in WEIGHTS)


def is_tiny(folder: Path) -> bool:
    """Whether ``folder`` holds a tiny random test model (`summarizer.testing`), not a real one."""
    return (folder / TINY_MARKER).is_file()


def _cache_snapshot(spec: ModelSpec, cache: Path) -> Path | None:
    if "/" not in spec.name:
        return None
    from huggingface_hub import try_to_load_from_cache

    if not cache.is_dir():
        return None
    for revision in dict.fromkeys([spec.revision, None]):
        config = try_to_load_from_cache(spec.name, "config.json", cache_dir=str(cache), revision=revision)
        if isinstance(config, str) and is_complete(Path(config).parent):
            return Path(config).parent
    return None


def candidate_folders(spec: ModelSpec, places: Places) -> list[Path]:
    """The folders of the models folder that may hold ``spec``."""
    return [places.folder / n for n in spec.folder_names]


def locate(spec: ModelSpec, places: Places) -> Location | None:
    """Where ``spec`` is on this machine (folder, models folder or HF cache); never the network."""
    explicit = explicit_path(spec.name)
    if explicit is not None:
        return Location("path", explicit) if is_complete(explicit) else None
    for folder in candidate_folders(spec, places):
        if is_complete(folder):
            return Location("folder", folder)
    snapshot = _cache_snapshot(spec, places.cache)
    return Location("cache", snapshot) if snapshot else None


def not_available_error(spec: ModelSpec, places: Places, reason: str | None = None) -> ModelNotAvailableError:
    """The error for a model that is nowhere to be found: where we looked, what to run."""
    explicit = explicit_path(spec.name)
    if explicit is not None:
        state = "is incomplete (needs config.json and model.safetensors)" if explicit.is_dir() else "does not exist"
        return ModelNotAvailableError(f"the model folder {explicit} {state}")
    looked = [str(p) for p in candidate_folders(spec, places)]
    if "/" in spec.name:
        looked.append(f"the Hugging Face cache {places.cache}")
    hub = "the hub was not tried: HF_HUB_OFFLINE=1" if places.offline else (reason or "the hub did not answer")
    fetch = find_spec(spec.name)
    command = f"summarizer models download {fetch.short_name if fetch else spec.name}"
    return ModelNotAvailableError(
        f"model {spec.describe} is not available; looked in: {'; '.join(looked)} ({hub}). "
        f"Fetch it with `{command}` on a machine that reaches huggingface.co (copy the folder into "
        f"{places.folder} or point $SUMMARIZER_MODELS_DIR at it), or build tiny random stand-ins for "
        "offline trials with `python -m summarizer.testing DIR` and set SUMMARIZER_MODELS_DIR=DIR."
    )


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


def status(places: Places, backend: str = "auto") -> list[dict]:
    """One row per registered model: task, pair, name, revision, where it resolves, present, size,
    whether it is a tiny random test model, and what runs it with ``backend`` asked for
    (`backend.backend_status`: backend, compute type, CTranslate2 copy)."""
    rows = []
    for (task, source, target), spec in REGISTRY.items():
        where = locate(spec, places)
        runs = backend_status(spec, where.path, where.kind, places.folder, backend) if where else \
            {"backend": None, "compute_type": None, "ctranslate2": None}
        if runs["ctranslate2"]:
            copy = runs["ctranslate2"]
            copy["size"] = folder_size(Path(copy["path"])) if copy["present"] else None
        rows.append({
            "task": task, "source": source, "target": target, "name": spec.name, "revision": spec.revision,
            "present": where is not None,
            "where": str(where.path) if where else None,
            "kind": where.kind if where else None,
            "size": folder_size(where.path) if where else None,
            "tiny": bool(where) and is_tiny(where.path),
            "looked_in": [str(p) for p in candidate_folders(spec, places)] + [str(places.cache)],
            **runs,
        })
    return rows
