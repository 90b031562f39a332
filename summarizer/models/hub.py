"""The Hugging Face hub: checking, downloading (safetensors and tokenizer files only),
and whether a model can be had at all."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from ..errors import ModelNotAvailableError, UnsupportedLanguageError
from ..settings import hf_cache_dir, hub_offline, models_dir
from .locate import explicit_path, is_complete, locate
from .registry import ModelSpec, spec_for

logger = logging.getLogger("summarizer")

DOWNLOAD_PATTERNS = ("*.json", "*.safetensors", "*.spm", "*.model", "merges.txt", "*.txt")
"""Files fetched from the hub; nothing pickled, nothing executable."""


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
    if online and not hub_offline() and explicit_path(spec.name) is None:
        try:
            hub_check(spec)
        except HubError:
            return False
        return True
    return False


class HubError(Exception):
    """The hub is unreachable or lacks the model (message: why)."""


def hub_check(spec: ModelSpec, revision: str | None = None) -> None:
    """One request, no retries: fails fast (`HubError`) when the hub is unreachable or lacks the model."""
    from huggingface_hub import HfApi

    try:
        HfApi().model_info(spec.name, revision=revision or spec.revision, timeout=15)
    except Exception as exc:  # noqa: BLE001 - any transport or hub error means "not there"
        raise HubError(short_error(exc)) from exc


def short_error(exc: BaseException) -> str:
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
    if explicit_path(spec.name) is not None:
        raise ModelNotAvailableError(f"{spec.name} is a folder, not a hub id: there is nothing to download")
    try:
        hub_check(spec, revision)
    except HubError as exc:
        raise ModelNotAvailableError(
            f"cannot download {spec.describe} from {_endpoint()}: {exc}. Check the connection (HTTPS_PROXY for "
            f"a proxy) and the model's name, or copy the model folder into {models_dir()} from a machine that has it."
        ) from None
    return download(spec, dest, revision or spec.revision)


def download(spec: ModelSpec, dest: Path | None, revision: str | None) -> Path:
    from huggingface_hub import snapshot_download

    # Into a side folder first: a failed download never spoils what ``dest`` holds.
    partial = dest.with_name(f".{dest.name}.partial") if dest is not None else None
    kwargs = {"local_dir": str(partial)} if partial is not None else {"cache_dir": str(hf_cache_dir())}
    logger.info("downloading %s@%s", spec.name, revision or "main")
    try:
        folder = Path(snapshot_download(spec.name, revision=revision, allow_patterns=list(DOWNLOAD_PATTERNS), **kwargs))
    except Exception as exc:  # noqa: BLE001 - transport, auth and disk errors alike
        raise ModelNotAvailableError(f"downloading {spec.describe} failed: {short_error(exc)}") from exc
    if not is_complete(folder):
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
