"""The Hugging Face hub: checking, downloading (safetensors and tokenizer files only),
and whether a model can be had at all.

The first real download must not fail on what could not be checked offline: a pinned
revision the hub does not have falls back to the default branch (with a warning), and a
revision without safetensors gets its PyTorch weights fetched and converted once
(`convert`), never unpickling anything but tensors.
"""

from __future__ import annotations

import logging
import shutil
import time
from dataclasses import replace
from pathlib import Path

from ..errors import ModelNotAvailableError, UnsupportedLanguageError
from .pickled import PYTORCH_PATTERNS, convert_to_safetensors, has_pytorch_weights
from .locate import Places, explicit_path, is_complete, locate, not_available_error
from .registry import REGISTRY, ModelSpec, spec_for

logger = logging.getLogger("summarizer")

DOWNLOAD_PATTERNS = ("*.json", "*.safetensors", "*.spm", "*.model", "merges.txt", "*.txt", "*.jinja")
"""Files fetched from the hub; nothing pickled, nothing executable."""


def is_available(task: str, places: Places, *, source: str | None = None, target: str | None = None,
                 name: str | None = None, online: bool = False) -> bool:
    """Whether the model can be loaded without downloading; never loads weights.

    Only local folders and the HF cache are checked, unless ``online`` is true and the
    hub is not disabled: then a hub that has the model counts too. An unsupported
    language pair is simply not available.
    """
    try:
        spec = spec_for(task, source=source, target=target, name=name)
    except UnsupportedLanguageError:
        return False
    if locate(spec, places) is not None:
        return True
    if online and not places.offline and explicit_path(spec.name) is None:
        try:
            resolve_revision(spec)
        except HubError:
            return False
        return True
    return False


def require_named_folder(task: str, places: Places, *, source: str | None = None, target: str | None = None,
                         name: str | None = None) -> None:
    """Raise `ModelNotAvailableError` when ``name`` means a folder that holds no model: a
    mistyped path is the user's to fix, not a reason to use another model or mode."""
    if not name or explicit_path(name) is None:
        return
    spec = spec_for(task, source=source, target=target, name=name)
    if locate(spec, places) is None:
        raise not_available_error(spec, places)


class HubError(Exception):
    """The hub is unreachable or lacks the model (message: why)."""


class RevisionMissing(HubError):
    """The hub has the model but not that revision."""


def hub_check(spec: ModelSpec, revision: str | None = None, *, timeout: float = 15) -> tuple[str | None, list[str]]:
    """One request, no retries: the commit and the file names of the model at ``revision``
    (default: the pinned one); fails fast (`HubError`, `RevisionMissing`) when the hub is
    unreachable or lacks it."""
    from huggingface_hub import HfApi
    from huggingface_hub.errors import RevisionNotFoundError

    try:
        info = HfApi().model_info(spec.name, revision=revision or spec.revision, timeout=timeout)
    except RevisionNotFoundError as exc:
        raise RevisionMissing(short_error(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - any transport or hub error means "not there"
        raise HubError(short_error(exc)) from exc
    return info.sha, [s.rfilename for s in info.siblings or []]


def resolve_revision(spec: ModelSpec, revision: str | None = None) -> tuple[str | None, list[str]]:
    """The revision to download and its file names.

    A revision asked for explicitly must exist; the registry's pinned revision, never
    verified from these machines, falls back to the default branch ("main", so that the
    cache records it and later runs find it) with a warning when the hub does not have
    it. Raises `HubError`."""
    wanted = revision or spec.revision
    try:
        return wanted, hub_check(spec, wanted)[1]
    except RevisionMissing:
        if revision is not None or wanted is None:
            raise
    commit, files = hub_check(spec, "main")
    logger.warning("%s: the pinned revision %s is not on the hub; using the default branch (commit %s) instead",
                   spec.name, wanted, commit or "main")
    return "main", files


def hub_status(places: Places, check: bool = True, timeout: float = 3.0) -> str:
    """What is known of the hub from here: offline by setting, reachable or not (one request
    of at most ``timeout`` seconds), or "not checked"."""
    if places.offline:
        return "offline (HF_HUB_OFFLINE=1)"
    if not check:
        return "not checked"
    spec = next(iter(REGISTRY.values()))
    started = time.monotonic()
    try:
        hub_check(spec, "main", timeout=timeout)
    except RevisionMissing:
        pass  # it answered
    except HubError as exc:
        return f"not reachable from here ({_endpoint()}: {exc})"
    return f"reachable ({_endpoint()} answered in {time.monotonic() - started:.1f} s)"


def short_error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:300]


def _endpoint() -> str:
    from huggingface_hub import constants

    return constants.ENDPOINT


def fetch(spec: ModelSpec, places: Places, dest: Path | None = None, *, revision: str | None = None) -> Path:
    """Download ``spec`` (safetensors and tokenizer files only) into the folder ``dest``,
    or into the Hugging Face cache when ``dest`` is None. Returns the model's folder."""
    if places.offline:
        raise ModelNotAvailableError(
            f"cannot download {spec.describe}: HF_HUB_OFFLINE=1 forbids the network. Unset it on a machine "
            f"that reaches huggingface.co, or copy the model folder into {places.folder} from a machine that has it."
        )
    if explicit_path(spec.name) is not None:
        raise ModelNotAvailableError(f"{spec.name} is a folder, not a hub id: there is nothing to download")
    try:
        used, files = resolve_revision(spec, revision)
    except HubError as exc:
        asked = replace(spec, revision=revision or spec.revision)
        raise ModelNotAvailableError(
            f"cannot download {asked.describe} from {_endpoint()}: {exc}. Check the connection (HTTPS_PROXY for "
            f"a proxy), the model's name and the revision, or copy the model folder into {places.folder} from a "
            "machine that has it."
        ) from None
    return download(spec, dest, used, files, places.cache)


def download(spec: ModelSpec, dest: Path | None, revision: str | None, files: list[str] | None = None,
             cache: Path | None = None) -> Path:
    """Download ``spec`` at ``revision`` (``files``: the revision's file names, from
    `resolve_revision`) into ``dest``, or into the Hugging Face cache ``cache`` when None."""
    from huggingface_hub import snapshot_download

    patterns = list(DOWNLOAD_PATTERNS)
    convert = files is not None and not any(f.endswith(".safetensors") for f in files) and has_pytorch_weights(files)
    if convert:
        patterns += PYTORCH_PATTERNS
    # Into a side folder first: a failed download never spoils what ``dest`` holds.
    partial = dest.with_name(f".{dest.name}.partial") if dest is not None else None
    kwargs = {"local_dir": str(partial)} if partial is not None else {"cache_dir": str(cache) if cache else None}
    logger.info("downloading %s@%s", spec.name, revision or "main")
    try:
        folder = Path(snapshot_download(spec.name, revision=revision, allow_patterns=patterns, **kwargs))
    except Exception as exc:  # noqa: BLE001 - transport, auth and disk errors alike
        raise ModelNotAvailableError(f"downloading {spec.describe} failed: {short_error(exc)}") from exc
    if convert and not is_complete(folder):
        convert_to_safetensors(folder, f"{spec.name}@{revision or 'main'}")
    if not is_complete(folder):
        raise ModelNotAvailableError(
            f"{spec.name} at revision {revision or 'main'} has neither safetensors nor PyTorch weights (and a "
            "config.json); download a revision that has them with "
            f"`summarizer models download {spec.name} --revision REF`"
        )
    if dest is None:
        return folder
    if dest.exists():
        shutil.rmtree(dest)
    folder.rename(dest)
    return dest
