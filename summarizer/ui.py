"""The web UI: a Gradio app over the public API, presentation only.

``build_demo()`` lays out the page and wires its events; it loads no model
(the models load on the first brief that needs them, once per process).
``launch(demo, host, port)`` starts the server with the app's theme, CSS and
upload limit. The handlers are plain functions, testable without a browser:

* `load_file(path)` → the text of an uploaded .txt / .md / .html file;
* `make_brief(text, target, mode, quotes, models…)` → what the result
  components show; every error of the package becomes a `gr.Error` whose
  message says what to do;
* `model_status()` → the target language to start with, and a note on which
  models this machine has.

Default target language: English, unless the es→en model is missing, in which
case the page switches to Spanish on load (Spanish briefs of Spanish
transcripts need no model at all) and says which model English needs and how
to get it.

Settings from the environment: ``SUMMARIZER_UI_MAX_BYTES`` (largest
transcript, default 2,000,000 bytes), ``SUMMARIZER_UI_CONCURRENCY`` (briefs
made at once, default 2), ``SUMMARIZER_UI_QUEUE`` (requests waiting, default 16).
"""

from __future__ import annotations

import atexit
import functools
import logging
import os
import shutil
import tempfile
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

import gradio as gr

from . import ui_render as render
from .errors import ModelNotAvailableError, SummarizerError
from .htmltext import html_to_text, looks_like_html
from .summarize import MODES, SummaryOptions, summarize
from .transcript import decode, parse_transcript

logger = logging.getLogger("summarizer")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EXAMPLES = (
    ("2023-12-28.web.txt", "28 Dec 2023 — as copied from gob.mx"),
    ("2023-12-28.native.txt", "28 Dec 2023 — dataset format"),
    ("2023-12-28-news-article.txt", "28 Dec 2023 — a news article (English)"),
)
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm"]


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


def max_input_bytes() -> int:
    return _env_int("SUMMARIZER_UI_MAX_BYTES", 2_000_000)


def concurrency() -> int:
    return _env_int("SUMMARIZER_UI_CONCURRENCY", 2)


# ---------------------------------------------------------------- errors


@contextmanager
def user_errors():
    """Show the package's errors as `gr.Error` (a readable message, never a traceback)."""
    try:
        yield
    except gr.Error:
        raise
    except ModelNotAvailableError as exc:
        raise gr.Error(render.error_html(str(exc)), title="Model not available", duration=None,
                       print_exception=False) from None
    except SummarizerError as exc:
        raise gr.Error(render.error_html(str(exc)), title="Cannot make this brief", print_exception=False) from None
    except Exception as exc:  # the UI boundary: log the traceback, show the user one line
        logger.exception("unexpected error in the web UI")
        raise gr.Error(render.error_html(f"{type(exc).__name__}: {exc}. The server log has the details."),
                       title="Unexpected error", print_exception=False) from None


def _check_size(size: int, limit: int | None = None, what: str = "The transcript") -> None:
    limit = max_input_bytes() if limit is None else limit
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
    _check_size(file.stat().st_size, 10 * max_input_bytes(), "The file")
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
               en_es_model: str | None = None, progress=gr.Progress()):
    """Make a brief; return the brief, the mode note, the quotes, the highlighted
    transcript, the participants and the two downloads."""
    text = text or ""
    _check_size(_utf8_size(text))

    def report(stage: str, done: int, total: int) -> None:
        label = render.STAGE_LABELS.get(stage, stage)
        progress((done, total) if total else 0, desc=label)

    options = SummaryOptions(quotes=int(quotes), mode=mode, summarize_model=_model(summarize_model),
                             es_en_model=_model(es_en_model), en_es_model=_model(en_es_model))
    with user_errors():
        doc = parse_transcript(text, max_bytes=max_input_bytes())
        try:
            summary = summarize(doc, target=target, options=options, progress=report)
        except ModelNotAvailableError as exc:
            raise ModelNotAvailableError(f"{exc}{render.model_hint(doc.language, target, mode)}") from None
        md_path, json_path = render.write_downloads(summary, _request_folder())
    return (
        summary.to_markdown(),
        render.mode_note(summary),
        render.quotes_table(summary),
        render.highlighted_transcript(doc.text, summary),
        render.participants_table(summary),
        str(md_path),
        str(json_path),
    )


def _enable_downloads():
    return gr.DownloadButton(interactive=True), gr.DownloadButton(interactive=True)


def model_status():
    """The target language to start with, and a note on the models this machine has."""
    from .models import is_available

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


# ---------------------------------------------------------------- layout


def model_choices(task: str, source: str | None = None, target: str | None = None) -> list[str]:
    """The registry's models for a task (and pair), the default first."""
    from .models import REGISTRY, spec_for

    default = spec_for(task, source=source, target=target).name
    others = {spec.name for (t, s, g), spec in REGISTRY.items() if t == task and (s, g) == (source, target)}
    return [default] + sorted(others - {default})


def _examples() -> tuple[list[list[str]], list[str]]:
    found = [(SEEDS / name, label) for name, label in EXAMPLES if (SEEDS / name).is_file()]
    return [[path.read_text(encoding="utf-8")] for path, _ in found], [label for _, label in found]


CSS = """
#transcript-view { max-height: 75vh; overflow-y: auto; }
#transcript-view .textfield { display: block; word-break: normal; overflow-wrap: break-word; line-height: 1.7; }
#transcript-view .line-break { display: block; height: 0.35em; }
#transcript-view .token-container, #transcript-view .token { display: inline; }
#transcript-view .token.highlighted { margin: 0; padding: 1px 2px; -webkit-box-decoration-break: clone;
  box-decoration-break: clone; }
#quotes-table table, #brief table { table-layout: fixed; width: 100%; }
#quotes-table th:first-child, #brief th:first-child { width: 16%; }
#quotes-table td, #brief td, #participants-table td { vertical-align: top; overflow-wrap: anywhere; }
#brief h1 { font-size: 1.6em; }
#model-status { padding: 0 var(--size-2); border-left: 4px solid var(--color-accent); }
#model-status:empty { display: none; }
"""


def build_demo() -> gr.Blocks:
    """The app's page, queued: no model is loaded here."""
    with gr.Blocks(title="Mañanera brief", analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        gr.Markdown("# Mañanera brief\nPaste (or upload) the transcript of a Mexican presidential press "
                    "conference and get a quote-attributed brief in English or Spanish.")
        status = gr.Markdown(elem_id="model-status")
        with gr.Row():
            with gr.Column(scale=3):
                transcript = gr.Textbox(label="Transcript", lines=12, max_lines=20, elem_id="transcript-input",
                                        placeholder="PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días…")
                upload = gr.File(label="…or upload a file (.txt, .md, .html)", file_types=UPLOAD_TYPES,
                                 type="filepath", height=120, elem_id="transcript-file")
                examples, labels = _examples()
                if examples:
                    gr.Examples(examples, inputs=[transcript], example_labels=labels, label="Examples")
            with gr.Column(scale=1, min_width=260):
                target = gr.Radio([("English", "en"), ("Español", "es")], value="en", label="Brief in",
                                  elem_id="target")
                mode = gr.Radio(list(MODES), value="auto", label="Mode", elem_id="mode",
                                info="auto: abstractive when the summarization model is installed; "
                                     "extractive: every line is a sentence of the transcript.")
                n_quotes = gr.Slider(1, 12, value=5, step=1, label="Quotes", elem_id="quotes-count")
                with gr.Accordion("Models", open=False):
                    summarize_model = _model_dropdown("Summarizer", "summarize")
                    es_en_model = _model_dropdown("Spanish → English", "translate", "es", "en")
                    en_es_model = _model_dropdown("English → Spanish", "translate", "en", "es")
                run = gr.Button("Make the brief", variant="primary", elem_id="run")
                mode_note = gr.Markdown(elem_id="mode-note", min_height=110)  # also shows the progress
        with gr.Tabs():
            with gr.Tab("Brief", id="brief"):
                brief = gr.Markdown(elem_id="brief")
                with gr.Row():
                    md_file = gr.DownloadButton("Download Markdown", interactive=False, elem_id="download-md")
                    json_file = gr.DownloadButton("Download JSON", interactive=False, elem_id="download-json")
            with gr.Tab("Quotes", id="quotes"):
                quotes_table = gr.Markdown(elem_id="quotes-table")
            with gr.Tab("Transcript", id="transcript"):
                transcript_view = gr.HighlightedText(label="Transcript, quotes highlighted by speaker",
                                                     show_legend=True, show_inline_category=False,
                                                     elem_id="transcript-view")
            with gr.Tab("Participants", id="participants"):
                participants = gr.Markdown(elem_id="participants-table")

        upload.upload(load_file, inputs=upload, outputs=transcript, concurrency_limit=None, api_name="load_file")
        run.click(
            make_brief,
            inputs=[transcript, target, mode, n_quotes, summarize_model, es_en_model, en_es_model],
            outputs=[brief, mode_note, quotes_table, transcript_view, participants, md_file, json_file],
            api_name="summarize",
            concurrency_id="brief",
            show_progress_on=[mode_note, brief],
        ).success(_enable_downloads, outputs=[md_file, json_file], api_visibility="private",
                  concurrency_limit=None, show_progress="hidden")
        demo.load(model_status, outputs=[target, status], concurrency_limit=None, api_name="model_status")
    demo.queue(default_concurrency_limit=concurrency(), max_size=_env_int("SUMMARIZER_UI_QUEUE", 16))
    return demo


def _model_dropdown(label: str, task: str, source: str | None = None, target: str | None = None) -> gr.Dropdown:
    choices = model_choices(task, source, target)
    return gr.Dropdown(choices, value=choices[0], label=label, allow_custom_value=True,
                       info="from the registry; or type a hub id or a local folder")


def launch(demo: gr.Blocks, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, share: bool = False, **kwargs):
    """Start the server (blocking unless ``prevent_thread_lock=True``)."""
    return demo.launch(server_name=host, server_port=port, share=share, css=CSS,
                       max_file_size=10 * max_input_bytes(), **kwargs)
