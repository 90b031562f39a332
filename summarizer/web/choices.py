"""Which models a visitor may choose: those installed on this server.

Each model field is a dropdown of the registered model of its task (always listed first,
so that a missing one gives the usual "not available" message) and of the other complete
model folders in the models folder that suit the task (read from their ``config.json``).
A value that is not on the list is refused with the same message whether or not such a
folder exists, so visitors learn nothing of the server's disk. Typed folders and hub ids
are accepted only when the server is started with ``--allow-model-paths``
(``$SUMMARIZER_UI_ALLOW_MODEL_PATHS``); a typed folder is resolved, so ``/x``, ``/x/``
and ``/./x`` name one model, loaded once.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..models import Models, is_tiny, spec_for
from ..models.locate import explicit_path, is_complete

TRANSLATION_TYPES = frozenset({"marian", "m2m_100", "mbart", "nllb", "t5", "mt5"})
SUMMARIZATION_TYPES = frozenset({"bart", "pegasus", "t5", "mt5", "led", "mbart", "bigbird_pegasus"})
FOLDER = "folder:"
"""Prefix of a choice that names a folder of the models folder (``folder:NAME``)."""


def _model_type(folder: Path) -> str | None:
    try:
        return json.loads((folder / "config.json").read_text(encoding="utf-8")).get("model_type")
    except (OSError, ValueError, AttributeError):
        return None


def _suits(folder: Path, task: str, source: str | None, target: str | None) -> bool:
    kind = _model_type(folder)
    if task == "summarize":
        return kind in SUMMARIZATION_TYPES and kind != "marian"
    if kind not in TRANSLATION_TYPES:
        return False
    pair = f"-{source}-{target}"
    return folder.name.endswith(pair) or f"{pair}-" in folder.name or f"{pair}." in folder.name


_SERVER_MODELS: dict[tuple, Models] = {}


def server_models() -> Models:
    """The server's `Models`, made from the settings once (again if they change: a test, an
    operator's new models folder), shared by every request so that each model loads once."""
    from ..settings import backend_setting, hf_cache_dir, hub_offline, models_dir

    key = (str(models_dir()), str(hf_cache_dir()), hub_offline(), backend_setting())
    if key not in _SERVER_MODELS:
        _SERVER_MODELS.clear()
        _SERVER_MODELS[key] = Models.from_settings()
    return _SERVER_MODELS[key]


def model_options(task: str, source: str | None = None, target: str | None = None) -> list[tuple[str, str]]:
    """``(label, value)`` of each model a visitor may choose for ``task`` (and pair): the
    registered one first, then the suitable folders of the models folder."""
    spec = spec_for(task, source=source, target=target)
    models = server_models()
    where = models.locate(spec)
    state = "not installed" if where is None else ("tiny random test model" if is_tiny(where.path) else "installed")
    options = [(f"{spec.short_name} ({state})", spec.name)]
    base = models.places.folder
    taken = {where.path.resolve()} if where is not None else set()
    taken |= {(base / name).resolve() for name in spec.folder_names}
    for folder in sorted(base.iterdir()) if base.is_dir() else []:
        if folder.name.startswith(".") or folder.resolve() in taken or not folder.is_dir():
            continue
        if is_complete(folder) and _suits(folder, task, source, target):
            tiny = " (tiny random test model)" if is_tiny(folder) else ""
            options.append((f"{folder.name}{tiny}", FOLDER + folder.name))
    return options


def model_choices(task: str, source: str | None = None, target: str | None = None) -> list[str]:
    """The values of `model_options`: what the API's model fields accept."""
    return [value for _, value in model_options(task, source, target)]


class UnknownModel(ValueError):
    """A model field's value that this server does not offer."""


def resolve_choice(value: str | None, task: str, source: str | None = None, target: str | None = None, *,
                   allow_paths: bool = False) -> str | None:
    """The model name to load for a field's ``value`` (None: the registered default).

    Raises `UnknownModel` for a value not on the list, unless ``allow_paths``."""
    value = (value or "").strip()
    if not value:
        return None
    if value in model_choices(task, source, target):
        if value.startswith(FOLDER):
            return str((server_models().places.folder / value[len(FOLDER):]).resolve())
        return value
    if not allow_paths:
        raise UnknownModel(value)
    path = explicit_path(value)
    return str(path.resolve()) if path is not None else value


__all__ = ["server_models", "model_options", "model_choices", "resolve_choice", "UnknownModel", "FOLDER"]
