"""The web app's handlers: plain functions over the public API, testable without a browser.

* `load_file(path)` → the text of an uploaded .txt / .md / .html file;
* `make_brief(text, target, mode, quotes, models…, backend)` → what the result components show;
  every error of the package becomes a `gr.Error` whose message says what to do;
* `model_status()` → the target language to start with, and a note on which models this
  machine has: English unless the es→en model is missing, in which case the page starts
  in Spanish (a Spanish brief of a Spanish transcript needs no model).
"""

from __future__ import annotations

import atexit
import functools
import logging
import shutil
import tempfile
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

import gradio as gr

from ..errors import ModelNotAvailableError, SummarizerError
from ..models import is_available
from ..parse import decode, parse_transcript
from ..parse.htmltext import html_to_text, looks_like_html
from ..settings import ui_max_bytes
from ..summarize import SummaryOptions, summarize
from .views import (
    STAGE_LABELS,
    error_html,
    highlighted_transcript,
    mode_note,
    model_hint,
    participants_table,
    quotes_table,
    write_downloads,
)

logger = logging.getLogger("summarizer")

UPLOAD_TYPES = [".txt", ".md", ".html", ".htm"]


@contextmanager
def user_errors():
    """Show the package's errors as `gr.Error` (a readable message, never a traceback)."""
    try:
        yield
    except gr.Error:
        raise
    except ModelNotAvailableError as exc:
        raise gr.Error(error_html(str(exc)), title="Model not available", duration=None,
                       print_exception=False) from None
    except SummarizerError as exc:
        raise gr.Error(error_html(str(exc)), title="Cannot make this brief", print_exception=False) from None
    except Exception as exc:  # the UI boundary: log the traceback, show the user one line
        logger.exception("unexpected error in the web UI")
        raise gr.Error(error_html(f"{type(exc).__name__}: {exc}. The server log has the details."),
                       title="Unexpected error", print_exception=False) from None


def _check_size(size: int, limit: int | None = None, what: str = "The transcript") -> None:
    limit = ui_max_bytes() if limit is None else limit
    if size > limit:
        raise gr.Error(
            f"{what} is {size:,} bytes; this app takes at most {limit:,} bytes (a long mañanera is "
            f"about 200,000). Give one conference at a time, or start the app with "
            f"SUMMARIZER_UI_MAX_BYTES={size} to raise the limit.",
            title="Transcript too large", print_exception=False)


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


# ---------------------------------------------------------------- handlers


def load_file(path: str | None) -> str:
    """The text of an uploaded file; an HTML page is reduced to its paragraphs.

    A saved web page is several times the size of its text, so the file itself
    may be up to ten times the limit; its text may not.
    """
    if not path:
        return gr.skip()
    file = Path(path)
    _check_size(file.stat().st_size, 10 * ui_max_bytes(), "The file")
    with user_errors():
        data = file.read_bytes()
        text = decode(data, max_bytes=len(data))
        if file.suffix.lower() in (".html", ".htm") or looks_like_html(text):
            text = html_to_text(text)
    _check_size(_utf8_size(text))
    return text


def _model(value: str | None) -> str | None:
    """A model dropdown's value: a registry name, a hub id or a folder; blank = the default."""
    return (value or "").strip() or None


def make_brief(text: str, target: str = "en", mode: str = "auto", quotes: float = 5,
               summarize_model: str | None = None, es_en_model: str | None = None,
               en_es_model: str | None = None, backend: str | None = None, progress=gr.Progress()):
    """Make a brief; return the brief, the mode note, the quotes, the highlighted
    transcript, the participants and the two downloads."""
    text = text or ""
    _check_size(_utf8_size(text))

    def report(stage: str, done: int, total: int) -> None:
        label = STAGE_LABELS.get(stage, stage)
        progress((done, total) if total else 0, desc=label)

    options = SummaryOptions(quotes=int(quotes), mode=mode, summarize_model=_model(summarize_model),
                             es_en_model=_model(es_en_model), en_es_model=_model(en_es_model), backend=backend or None)
    with user_errors():
        doc = parse_transcript(text, max_bytes=ui_max_bytes())
        try:
            summary = summarize(doc, target=target, options=options, progress=report)
        except ModelNotAvailableError as exc:
            raise ModelNotAvailableError(f"{exc}{model_hint(doc.language, target, mode)}") from None
        md_path, json_path = write_downloads(summary, _request_folder())
    return (
        summary.to_markdown(),
        mode_note(summary),
        quotes_table(summary),
        highlighted_transcript(doc.text, summary),
        participants_table(summary),
        str(md_path),
        str(json_path),
    )


def enable_downloads():
    return gr.DownloadButton(interactive=True), gr.DownloadButton(interactive=True)


def model_status():
    """The target language to start with, and a note on the models this machine has."""
    with user_errors():
        es_en = is_available("translate", source="es", target="en")
        en_es = is_available("translate", source="en", target="es")
        summarizer_model = is_available("summarize")
    if es_en and en_es and summarizer_model:
        return gr.skip(), "Models: es→en, en→es and the summarizer are installed: abstractive briefs in both languages."
    have = [name for name, ok in (("es→en", es_en), ("en→es", en_es), ("summarizer", summarizer_model)) if ok]
    missing = [name for name, ok in (("es→en translation", es_en), ("en→es translation", en_es),
                                     ("summarization", summarizer_model)) if not ok]
    how = ("run `summarizer models download`, or put the model folders in `models/` "
           "(or `$SUMMARIZER_MODELS_DIR`), then reload this page.")
    note = f"**Models missing:** {', '.join(missing)}. Installed: {', '.join(have) or 'none'}. To get them, {how}"
    if not summarizer_model:
        note += " Without the summarization model briefs are extractive: every line is a sentence of the transcript."
    if es_en:
        return gr.skip(), note
    note += (" **English briefs of Spanish transcripts need the es→en model**, so the target starts as "
             "Spanish: a Spanish transcript gives a Spanish brief with no model at all.")
    return "es", note


@functools.cache
def _downloads_root() -> Path:
    root = Path(tempfile.mkdtemp(prefix="summarizer-ui-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


_ROOT_LOCK = threading.Lock()


def _request_folder() -> Path:
    """A fresh folder for one request's downloads (all removed when the process exits).

    Gradio copies what a handler returns into its own cache, which
    ``delete_cache`` empties."""
    with _ROOT_LOCK:
        root = _downloads_root()
    return root / uuid.uuid4().hex
