"""Every setting read from the environment, in one place, read at call time.

| variable | what | default |
|---|---|---|
| ``SUMMARIZER_MAX_INPUT_BYTES`` | size limit of one transcript (API, CLI, batch) | 5,000,000 |
| ``SUMMARIZER_MODELS_DIR`` | the models folder | the project's ``models/`` |
| ``SUMMARIZER_BACKEND`` | what runs the models: ``auto``, ``ctranslate2`` or ``transformers`` | ``auto`` |
| ``SUMMARIZER_HOST`` / ``SUMMARIZER_PORT`` | where the web app listens | 127.0.0.1 / 7860 |
| ``SUMMARIZER_UI_MAX_BYTES`` | size limit of one transcript in the web app | 2,000,000 |
| ``SUMMARIZER_UI_CONCURRENCY`` | briefs the web app makes at once | 2 |
| ``SUMMARIZER_UI_QUEUE`` | requests waiting in the web app | 16 |
| ``OMP_WAIT_POLICY`` | OpenMP threads (torch's, CTranslate2's) spin or sleep when idle; see `openmp_passive_by_default` | ``PASSIVE`` |
| ``HF_HUB_OFFLINE`` / ``TRANSFORMERS_OFFLINE`` | never reach the Hugging Face hub | unset |
| ``HF_HUB_CACHE`` / ``HF_HOME`` / ``XDG_CACHE_HOME`` | the Hugging Face cache | ``~/.cache/huggingface/hub`` |
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputTooLargeError

DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
DEFAULT_UI_MAX_BYTES = 2_000_000

PROJECT_ROOT = Path(__file__).resolve().parents[1]
"""The checkout this package runs from (its ``models/``, ``seeds/``); meaningless in a wheel."""


def env_int(name: str, default: int, *, minimum: int = 1) -> int:
    """A positive integer from the environment; ``default`` when unset or not such an integer."""
    value = os.environ.get(name, "").strip().replace("_", "")
    if value.isdigit() and int(value) >= minimum:
        return int(value)
    return default


def max_input_bytes(max_bytes: int | None = None) -> int:
    """The size limit of one transcript: ``max_bytes`` when given, else the environment's."""
    return max_bytes if max_bytes is not None else env_int("SUMMARIZER_MAX_INPUT_BYTES", DEFAULT_MAX_BYTES)


def check_size(size: int, max_bytes: int | None = None, *, how_to_raise: str = "max_bytes=…") -> None:
    """Raise `InputTooLargeError` when ``size`` bytes is over the limit.

    ``how_to_raise`` names the option of the caller's interface (``--max-bytes``, …)."""
    limit = max_input_bytes(max_bytes)
    if size > limit:
        raise InputTooLargeError(
            f"the input is {size:,} bytes, over the limit of {limit:,} bytes ({format_megabytes(limit)}); "
            f"split it, or raise the limit with {how_to_raise} (or $SUMMARIZER_MAX_INPUT_BYTES)"
        )


def format_megabytes(size: int) -> str:
    """``5 MB``, ``2.5 MB``, ``0.01 MB``: a size for people."""
    mb = size / 1e6
    return f"{mb:.2f} MB".replace(".00 ", " ") if mb < 10 else f"{mb:,.0f} MB"


def models_dir() -> Path:
    """The models folder: ``$SUMMARIZER_MODELS_DIR``, else the project's ``models/``."""
    env = os.environ.get("SUMMARIZER_MODELS_DIR")
    if env:
        return Path(env).expanduser()
    project = PROJECT_ROOT / "models"
    return project if project.is_dir() else Path.cwd() / "models"


def openmp_passive_by_default() -> None:
    """``OMP_WAIT_POLICY=PASSIVE`` unless the environment already says how OpenMP threads wait.

    By default an OpenMP thread spins for a while after each parallel region. On shared
    or busy cores, and wherever torch's and CTranslate2's OpenMP runtimes share a process,
    the spinning threads take the cores from the threads with work to do: here the CLI
    translating with transformers took 5.8× as long, the tiny-model tests 3.1×
    (``benchmarks/openmp_wait.py``).
    Each runtime reads the variable once, when it loads: the package sets it on import,
    before torch or ctranslate2 is imported (a process that imported them first keeps
    what it had)."""
    if "OMP_WAIT_POLICY" not in os.environ and "GOMP_SPINCOUNT" not in os.environ:
        os.environ["OMP_WAIT_POLICY"] = "PASSIVE"


def hub_offline() -> bool:
    """Whether ``HF_HUB_OFFLINE`` (or ``TRANSFORMERS_OFFLINE``) forbids the network."""
    values = (os.environ.get("HF_HUB_OFFLINE", ""), os.environ.get("TRANSFORMERS_OFFLINE", ""))
    return any(v.strip().upper() in {"1", "ON", "YES", "TRUE"} for v in values)


def hf_cache_dir() -> Path:
    """The Hugging Face hub cache."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]).expanduser() / "hub"
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "huggingface" / "hub"


def backend_setting() -> str | None:
    """``$SUMMARIZER_BACKEND`` as given (lower case), None when unset; `models.backend` checks it."""
    value = os.environ.get("SUMMARIZER_BACKEND", "").strip().lower()
    return value or None


def server_host() -> str:
    return os.environ.get("SUMMARIZER_HOST", "").strip() or DEFAULT_HOST


def server_port() -> int:
    return env_int("SUMMARIZER_PORT", DEFAULT_PORT)


def ui_max_bytes() -> int:
    return env_int("SUMMARIZER_UI_MAX_BYTES", DEFAULT_UI_MAX_BYTES)


def ui_concurrency() -> int:
    return env_int("SUMMARIZER_UI_CONCURRENCY", 2)


def ui_queue() -> int:
    return env_int("SUMMARIZER_UI_QUEUE", 16)
