"""The web app: a Gradio page over the public API, presentation only.

``build_demo()`` lays out the page and wires its events to `handlers`; it loads no model
(the models load on the first brief that needs them, once per process).
``launch(demo, host, port)`` starts the server with the app's CSS, its English and
Spanish words (`texts`), the upload limit, and a clean stop on SIGTERM.

It follows Gradio's conventions, so it runs unchanged in a container or a Hugging Face
Space: ``$GRADIO_SERVER_NAME`` / ``$GRADIO_SERVER_PORT`` when ``$SUMMARIZER_HOST`` /
``$SUMMARIZER_PORT`` are unset, ``$GRADIO_ROOT_PATH`` behind a proxy. Settings (see
`summarizer.settings`): ``SUMMARIZER_UI_MAX_BYTES`` (largest transcript, default
2,000,000 bytes), ``SUMMARIZER_UI_CONCURRENCY`` (briefs made at once, default 2),
``SUMMARIZER_UI_QUEUE`` (requests waiting, default 16), ``SUMMARIZER_UI_UPLOADS_MB`` (disk
for uploads and downloads, default 200), ``SUMMARIZER_UI_ALLOW_MODEL_PATHS`` (typed model
folders and hub ids; off by default: visitors choose among the installed models).
"""

from __future__ import annotations

import signal
import threading

import gradio as gr
from starlette.middleware import Middleware

from ..models import BACKENDS
from ..settings import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    PROJECT_ROOT,
    server_root_path,
    ui_allow_model_paths,
    ui_concurrency,
    ui_max_bytes,
    ui_queue,
)
from ..summarize import MODES
from .choices import model_choices, model_options, server_models
from .components import TranscriptFile
from .handlers import (
    UPLOAD_TYPES,
    clear_results,
    enable_downloads,
    language_of,
    load_file,
    load_url,
    model_status,
    pick_example,
    stream_brief,
)
from .storage import storage
from .texts import I18N, UI, t
from .uploads import UploadCap

SEEDS = PROJECT_ROOT / "seeds"
EXAMPLES = (
    ("2023-12-28.web.txt", "example_web"),
    ("2023-12-28.native.txt", "example_native"),
    ("2023-12-28-news-article.txt", "example_article"),
)
SESSIONS = 128
"""Visitors' pages whose state Gradio keeps (the least recently used go first). Gradio keeps
10,000 by default, about 0.4 MB each once a brief is made (a copy of the page's settings and
of the components a handler updated): memory grew by that much per visitor and levelled off
only at 4 GB. A page whose state went (idle longer than 128 others' visits) still works: its
next event starts a fresh state."""
UI_LANG_JS = "(...values) => [...values.slice(0, -1), document.documentElement.lang || navigator.language || '']"
"""Before a brief is made, the page adds its own language (the last input) to the request."""


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
#quotes-table th, #brief th, #participants-table th { overflow-wrap: normal; word-break: keep-all; white-space: nowrap; }
#brief h1 { font-size: 1.6em; }
#model-status { padding: 0 var(--size-2); border-left: 4px solid var(--color-accent); }
#model-status:empty { display: none; }
"""


def build_demo() -> gr.Blocks:
    """The app's page, queued: no model is loaded here."""
    storage()  # Gradio's cache (uploads included) goes into this process's capped folder
    with gr.Blocks(title="Mañanera brief", analytics_enabled=False, delete_cache=(300, 900)) as demo:
        gr.Markdown(t("intro"))
        status = gr.Markdown(elem_id="model-status")
        with gr.Row():
            with gr.Column(scale=3) as input_column:
                transcript = gr.Textbox(label=t("transcript"), lines=12, max_lines=20, elem_id="transcript-input",
                                        placeholder="PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días…")
                upload = TranscriptFile(label=t("upload"), file_types=UPLOAD_TYPES, type="filepath", height=120,
                                        elem_id="transcript-file")
                with gr.Row(equal_height=True):
                    url = gr.Textbox(label=t("url"), placeholder="https://www.gob.mx/presidencia/articulos/…",
                                     elem_id="url-input", scale=4, max_lines=1)
                    fetch = gr.Button(t("fetch"), elem_id="fetch-url", scale=1, size="sm")
            with gr.Column(scale=1, min_width=260):
                target, mode, n_quotes, models, run, mode_note, ui_lang = _settings_column()
        with input_column:  # the examples set the transcript and a brief language that works here
            examples = _examples(transcript, target)
        brief, quotes_view, transcript_view, participants, md_file, json_file, questions, docx_file = _result_tabs()
        results = [brief, mode_note, quotes_view, transcript_view, participants, md_file, json_file, questions,
                   docx_file]
        upload.upload(load_file, inputs=upload, outputs=[transcript, upload], concurrency_limit=None,
                      api_name="load_file")
        fetch.click(load_url, inputs=url, outputs=[transcript, url], api_name="load_url", concurrency_id="fetch",
                    concurrency_limit=4)
        url.submit(load_url, inputs=url, outputs=[transcript, url], api_visibility="private", concurrency_id="fetch",
                   concurrency_limit=4)
        run.click(clear_results, outputs=results, queue=False, show_progress="hidden",
                  api_visibility="private").then(
            stream_brief, inputs=[transcript, target, mode, n_quotes, *models, ui_lang], outputs=results,
            api_name="summarize", concurrency_id="brief", show_progress_on=[mode_note, brief], js=UI_LANG_JS,
        ).success(enable_downloads, outputs=[md_file, json_file, docx_file], api_visibility="private",
                  concurrency_limit=None, show_progress="hidden")
        demo.load(model_status, outputs=[target, status], concurrency_limit=None, api_name="model_status")
        if examples is not None:  # their labels are data, not page words: said in the request's language
            demo.load(example_labels, outputs=examples.dataset, queue=False, api_visibility="private")
    demo.queue(default_concurrency_limit=ui_concurrency(), max_size=ui_queue())
    return demo


def _found_examples() -> list[tuple]:
    return [(SEEDS / name, key) for name, key in EXAMPLES if (SEEDS / name).is_file()]


def _examples(transcript: gr.Textbox, target: gr.Radio) -> gr.Examples | None:
    found = _found_examples()
    if not found:
        return None
    return gr.Examples([[path.read_text(encoding="utf-8")] for path, _ in found], inputs=[transcript],
                       outputs=[transcript, target], fn=pick_example, run_on_click=True, cache_examples=False,
                       example_labels=[UI["en"][key] for _, key in found], label=t("examples"),
                       api_visibility="private")


def example_labels(request: gr.Request = None) -> gr.Dataset:
    """The examples' labels in the page's language."""
    lang = language_of(request)
    return gr.Dataset(sample_labels=[UI[lang][key] for _, key in _found_examples()])


def _settings_column():
    target = gr.Radio([("English", "en"), ("Español", "es")], value="en", label=t("brief_in"), elem_id="target")
    mode = gr.Radio([(t(m), m) for m in MODES], value="auto", label=t("mode"), elem_id="mode", info=t("mode_info"))
    n_quotes = gr.Slider(1, 12, value=5, step=1, label=t("quotes"), elem_id="quotes-count")
    with gr.Accordion(t("models"), open=False):
        models = (_model_dropdown("summarizer", "summarize"), _model_dropdown("es_en", "translate", "es", "en"),
                  _model_dropdown("en_es", "translate", "en", "es"),
                  gr.Radio(list(BACKENDS), value=server_models().backend, label=t("backend"), info=t("backend_info"),
                           elem_id="backend"))
    run = gr.Button(t("run"), variant="primary", elem_id="run")
    mode_note = gr.Markdown(elem_id="mode-note", min_height=110, latex_delimiters=[])  # also shows the progress
    ui_lang = gr.Textbox("", visible=False, elem_id="ui-lang")
    return target, mode, n_quotes, models, run, mode_note, ui_lang


def _result_tabs() -> tuple:
    with gr.Tabs():
        with gr.Tab(t("tab_brief"), id="brief"):
            brief = gr.Markdown(elem_id="brief", latex_delimiters=[])
            with gr.Row():
                md_file = gr.DownloadButton(t("download_md"), interactive=False, elem_id="download-md")
                json_file = gr.DownloadButton(t("download_json"), interactive=False, elem_id="download-json")
                docx_file = gr.DownloadButton(t("download_docx"), interactive=False, elem_id="download-docx")
        with gr.Tab(t("tab_quotes"), id="quotes"):
            quotes_table = gr.Markdown(elem_id="quotes-table", latex_delimiters=[])
        with gr.Tab(t("tab_questions"), id="questions"):
            questions = gr.Markdown(elem_id="questions", latex_delimiters=[])
        with gr.Tab(t("tab_transcript"), id="transcript"):
            transcript_view = gr.HighlightedText(label=t("transcript_view"), show_legend=True,
                                                 show_inline_category=False, elem_id="transcript-view")
        with gr.Tab(t("tab_participants"), id="participants"):
            participants = gr.Markdown(elem_id="participants-table", latex_delimiters=[])
    return brief, quotes_table, transcript_view, participants, md_file, json_file, questions, docx_file


def _model_dropdown(label: str, task: str, source: str | None = None, target: str | None = None) -> gr.Dropdown:
    """The models installed for a task; typed values only when the server allows them."""
    free = ui_allow_model_paths()
    options = model_options(task, source, target)
    return gr.Dropdown(options, value=options[0][1], label=t(label), allow_custom_value=free,
                       info=t("model_info_free" if free else "model_info"))


def launch(demo: gr.Blocks, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, share: bool = False,
           root_path: str | None = None, **kwargs):
    """Start the server (blocking unless ``prevent_thread_lock=True``); SIGTERM stops it
    cleanly (its files are removed). Uploads are counted against the storage cap as they
    arrive (`uploads.UploadCap`); Gradio keeps the state of the last `SESSIONS` pages. A
    port in use is one line and exit status 1."""
    _stop_on_sigterm()
    storage().every(60)
    app_kwargs = dict(kwargs.pop("app_kwargs", None) or {})
    app_kwargs["middleware"] = [*app_kwargs.get("middleware", []), Middleware(UploadCap, storage=storage())]
    try:
        return demo.launch(server_name=host, server_port=port, share=share, css=CSS, i18n=I18N,
                           root_path=root_path if root_path is not None else server_root_path(),
                           max_file_size=10 * ui_max_bytes(), app_kwargs=app_kwargs,
                           **{"state_session_capacity": SESSIONS, **kwargs})
    except OSError as exc:
        why = "the port is in use" if "empty port" in str(exc) else str(exc.strerror or exc).rstrip(".")
        raise SystemExit(f"Error: cannot start the web app on {host}:{port}: {why}. Stop what uses that port, or "
                         "choose another with --port (or $SUMMARIZER_PORT / $GRADIO_SERVER_PORT).") from None


def _stop_on_sigterm() -> None:
    """SIGTERM (docker stop, a service manager) ends the server as Ctrl-C does, so that its
    files are removed at exit."""
    if threading.current_thread() is not threading.main_thread():
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


__all__ = ["build_demo", "launch", "model_choices", "model_options", "CSS"]
