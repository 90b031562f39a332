"""Every setting read from the environment, in one place, read at call time.

| variable | what | default |
|---|---|---|
| ``SUMMARIZER_MAX_INPUT_BYTES`` | size limit of one transcript (API, CLI, batch) | 5,000,000 |
| ``SUMMARIZER_FETCH_TIMEOUT`` | seconds to read a transcript's page from an http(s) address, all in all | 20 |
| ``SUMMARIZER_MODELS_DIR`` | the models folder | the project's ``models/`` |
| ``SUMMARIZER_ARCHIVE`` | an archive word table (``summarizer archive stats``) for selection | the package's |
| ``SUMMARIZER_BACKEND`` | what runs the models: ``auto``, ``ctranslate2`` or ``transformers`` | ``auto`` |
| ``SUMMARIZER_HOST`` / ``SUMMARIZER_PORT`` | where the web app listens | 127.0.0.1 / 7860 |
| ``SUMMARIZER_UI_MAX_BYTES`` | size limit of one transcript in the web app | 2,000,000 |
| ``SUMMARIZER_UI_CONCURRENCY`` | briefs the web app makes at once | 2 |
| ``SUMMARIZER_UI_QUEUE`` | requests waiting in the web app | 16 |
| ``SUMMARIZER_UI_UPLOADS_MB`` | disk the web app's uploads and briefs may use | 200 |
| ``SUMMARIZER_UI_ALLOW_MODEL_PATHS`` | web app: accept typed model folders and hub ids | unset (only installed models) |
| ``GRADIO_SERVER_NAME`` / ``GRADIO_SERVER_PORT`` / ``GRADIO_ROOT_PATH`` | the web app's host, port, and path behind a proxy, when ``SUMMARIZER_HOST`` / ``SUMMARIZER_PORT`` are unset (containers, Hugging Face Spaces) | |
| ``SUMMARIZER_INTERFACE`` | how error messages name options: ``python`` (``target='es'``), ``cli`` (``--to es``), ``web`` | python |
| ``OMP_WAIT_POLICY`` | OpenMP threads (torch's, CTranslate2's) spin or sleep when idle; see `openmp_passive_by_default` | ``PASSIVE`` |
| ``HF_HUB_OFFLINE`` / ``TRANSFORMERS_OFFLINE`` | never reach the Hugging Face hub | unset |
| ``HF_HUB_CACHE`` / ``HF_HOME`` / ``XDG_CACHE_HOME`` | the Hugging Face cache | ``~/.cache/huggingface/hub`` |
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from collections.abc import Iterator
from pathlib import Path

from .errors import InputTooLargeError

DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
DEFAULT_UI_MAX_BYTES = 2_000_000
DEFAULT_FETCH_TIMEOUT = 20

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


def fetch_timeout(timeout: float | None = None) -> float:
    """Seconds to fetch a page (`summarizer.fetch`): ``timeout`` when given, else
    ``$SUMMARIZER_FETCH_TIMEOUT``, else 20."""
    return timeout if timeout is not None else env_int("SUMMARIZER_FETCH_TIMEOUT", DEFAULT_FETCH_TIMEOUT)


def check_size(size: int, max_bytes: int | None = None, *, what: str = "the input", at_least: bool = False) -> None:
    """Raise `InputTooLargeError` when ``size`` bytes is over the limit (``at_least``: the
    size is a lower bound, as for a stream read up to the limit)."""
    limit = max_input_bytes(max_bytes)
    if size > limit:
        amount = f"more than {limit:,} bytes" if at_least else f"{size:,} bytes"
        raise InputTooLargeError(
            f"{what} is {amount}, over the limit of {limit:,} bytes"
            f"{f' ({format_megabytes(limit)})' if limit >= 1_000_000 else ''}; "
            f"split it, or raise the limit with {option('max_bytes')} (or $SUMMARIZER_MAX_INPUT_BYTES)"
        )


# ---------------------------------------------------------------- naming options in messages

INTERFACES = ("python", "cli", "web")
_INTERFACE: contextvars.ContextVar[str | None] = contextvars.ContextVar("summarizer_interface", default=None)
_SPELLINGS = {
    "target": {"python": "target={value!r}", "cli": "--to {value}", "web": "a brief in {value!r}"},
    "source": {"python": "source={value!r}", "cli": "--from {value}", "web": "a transcript in {value!r}"},
    "mode": {"python": "mode={value!r}", "cli": "--mode {value}", "web": "mode “{value}”"},
    "max_bytes": {"python": "max_bytes=…", "cli": "--max-bytes", "web": "SUMMARIZER_UI_MAX_BYTES"},
    "model": {"python": "model=…", "cli": "--model", "web": "another model"},
    "device": {"python": "device={value!r}", "cli": "--device {value}", "web": "device {value!r}"},
}


def interface() -> str:
    """Who reads the messages: "python" (the API), "cli" or "web"."""
    env = os.environ.get("SUMMARIZER_INTERFACE", "").strip().lower()
    return _INTERFACE.get() or (env if env in INTERFACES else "python")


@contextlib.contextmanager
def speaking_to(name: str, *, children: bool = False) -> Iterator[None]:
    """Messages raised inside name options as interface ``name`` does; ``children``: also
    in the worker processes started inside (through ``$SUMMARIZER_INTERFACE``)."""
    token = _INTERFACE.set(name)
    saved = os.environ.get("SUMMARIZER_INTERFACE")
    if children:
        os.environ["SUMMARIZER_INTERFACE"] = name
    try:
        yield
    finally:
        _INTERFACE.reset(token)
        if children:
            if saved is None:
                os.environ.pop("SUMMARIZER_INTERFACE", None)
            else:
                os.environ["SUMMARIZER_INTERFACE"] = saved


def option(name: str, value: object = None) -> str:
    """An option as the reader's interface writes it: ``target='es'``, ``--to es``."""
    return _SPELLINGS[name][interface()].format(value=value)


def format_megabytes(size: int) -> str:
    """``5 MB``, ``2.5 MB``, ``120 kB``, ``800 bytes``: a size for people."""
    if size < 1_000:
        return f"{size:,} bytes"
    if size < 1_000_000:
        return f"{size / 1e3:.0f} kB"
    mb = size / 1e6
    return (f"{mb:.2f}".rstrip("0").rstrip(".") if mb < 10 else f"{mb:,.0f}") + " MB"


def archive_table() -> Path | None:
    """The archive word table to select with (``$SUMMARIZER_ARCHIVE``), None for the package's own."""
    value = os.environ.get("SUMMARIZER_ARCHIVE", "").strip()
    return Path(value).expanduser() if value else None


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
    """``$SUMMARIZER_HOST``, else Gradio's ``$GRADIO_SERVER_NAME``, else 127.0.0.1."""
    for name in ("SUMMARIZER_HOST", "GRADIO_SERVER_NAME"):
        if os.environ.get(name, "").strip():
            return os.environ[name].strip()
    return DEFAULT_HOST


def server_port() -> int:
    """``$SUMMARIZER_PORT``, else Gradio's ``$GRADIO_SERVER_PORT``, else 7860."""
    return env_int("SUMMARIZER_PORT", env_int("GRADIO_SERVER_PORT", DEFAULT_PORT))


def server_root_path() -> str | None:
    """The path the app is served under behind a proxy (``$GRADIO_ROOT_PATH``), else None."""
    return os.environ.get("GRADIO_ROOT_PATH", "").strip() or None


def ui_max_bytes() -> int:
    return env_int("SUMMARIZER_UI_MAX_BYTES", DEFAULT_UI_MAX_BYTES)


def ui_concurrency() -> int:
    return env_int("SUMMARIZER_UI_CONCURRENCY", 2)


def ui_queue() -> int:
    return env_int("SUMMARIZER_UI_QUEUE", 16)


def ui_storage_bytes() -> int:
    """Disk the web app's uploads and brief downloads may take together."""
    return env_int("SUMMARIZER_UI_UPLOADS_MB", 200) * 1_000_000


def ui_allow_model_paths() -> bool:
    """Whether the web app accepts typed model folders and hub ids (``$SUMMARIZER_UI_ALLOW_MODEL_PATHS``)."""
    return os.environ.get("SUMMARIZER_UI_ALLOW_MODEL_PATHS", "").strip().upper() in {"1", "ON", "YES", "TRUE"}
