"""The web app: a Gradio page over the public API, presentation only.

``build_demo()`` lays out the page and wires its events to `handlers`; it loads no model
(the models load on the first brief that needs them, once per process).
``launch(demo, host, port)`` starts the server with the app's CSS, its English and
Spanish words (`texts`) and the script that picks the page's language (`scripts`), the
upload limit, and a clean stop on SIGTERM.

The page is in one language, which the control at its top switches (`scripts.SWITCH`, then
`handlers.switch_language`) and a cookie and the address keep (``/?lang=es``).

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

import json
import signal
import threading

import gradio as gr
from starlette.middleware import Middleware

from ..document import LANGUAGES
from ..models import BACKENDS
from ..output.wording import NATIVE_NAMES
from ..settings import (
    DEFAULT_HOST,
    DEFAULT_PORT,
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
    example_labels,
    found_examples,
    load_file,
    load_url,
    model_status,
    pick_example,
    stream_brief,
    switch_language,
)
from .scripts import PAGE_LANGUAGE, SWITCH, HeadScript
from .storage import storage
from .texts import I18N, UI, say, t
from .uploads import UploadCap

SESSIONS = 128
"""Visitors' pages whose state Gradio keeps (the least recently used go first). Gradio keeps
10,000 by default, about 0.4 MB each once a brief is made (a copy of the page's settings and
of the components a handler updated): memory grew by that much per visitor and levelled off
only at 4 GB. A page whose state went (idle longer than 128 others' visits) still works: its
next event starts a fresh state."""
FOOTER = ["api", "gradio"]
"""Gradio's footer without its settings panel, whose language menu would be a second one
(the page's control, which the cookie and the address keep, is the one)."""

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
#quotes-table th, #brief th, #participants-table th { overflow-wrap: normal; word-break: keep-all; }
#quotes-table th, #participants-table th { white-space: nowrap; }
#brief h1 { font-size: 1.6em; }
#model-status { padding: 0 var(--size-2); border-left: 4px solid var(--color-accent); }
#model-status:empty { display: none; }
#page-language { max-width: 230px; margin-left: auto; }
""" + "".join(
    f"html[lang={lang}] .toast-title.{kind} {{ font-size: 0; }}\n"
    f"html[lang={lang}] .toast-title.{kind}::before {{ content: {json.dumps(say(lang, kind + '_title'), ensure_ascii=False)}; "
    "font-size: var(--text-lg); }\n"
    f"html[lang={lang}] .toast-title.{kind} .toast-count {{ font-size: var(--text-lg); }}\n"
    for lang in LANGUAGES for kind in ("warning", "error", "info"))
"""The app's styles; a toast's title in the page's language (Gradio titles it with its kind in
English, whatever title the handler gave it)."""


def build_demo() -> gr.Blocks:
    """The app's page, queued: no model is loaded here."""
    storage()  # Gradio's cache (uploads included) goes into this process's capped folder
    with gr.Blocks(title=UI["en"]["title"], analytics_enabled=False, delete_cache=(300, 900)) as demo:
        with gr.Row(equal_height=True):
            gr.Markdown(t("intro"))
            language = gr.Radio([(NATIVE_NAMES[code], code) for code in LANGUAGES], value="en",
                                label=t("page_language"),
                                elem_id="page-language", scale=0, min_width=200)
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
                target, mode, n_quotes, models, run, mode_note = _settings_column()
        with input_column:  # the examples set the transcript and a brief language that works here
            examples = _examples(transcript, target)
        tabs, (brief, quotes_view, transcript_view, participants, md_file, json_file, questions, docx_file) = \
            _result_tabs()
        mode_notes = gr.State({})  # the brief's mode note in each language, for a switch of the page's language
        results = [brief, mode_note, quotes_view, transcript_view, participants, md_file, json_file, questions,
                   docx_file, mode_notes]
        upload.upload(load_file, inputs=[upload, language], outputs=[transcript, upload], concurrency_limit=None,
                      api_name="load_file")
        fetch.click(load_url, inputs=[url, language], outputs=[transcript, url], api_name="load_url",
                    concurrency_id="fetch", concurrency_limit=4)
        url.submit(load_url, inputs=[url, language], outputs=[transcript, url], api_visibility="private",
                   concurrency_id="fetch", concurrency_limit=4)
        run.click(clear_results, outputs=results, queue=False, show_progress="hidden",
                  api_visibility="private").then(
            stream_brief, inputs=[transcript, target, mode, n_quotes, *models, language], outputs=results,
            api_name="summarize", concurrency_id="brief", show_progress_on=[mode_note, brief],
        ).success(enable_downloads, outputs=[md_file, json_file, docx_file], api_visibility="private",
                  concurrency_limit=None, show_progress="hidden")
        # the language the page's script chose (scripts.HEAD) is the control's, then the server's words'
        opened = demo.load(None, inputs=language, outputs=language, js=PAGE_LANGUAGE, queue=False)
        opened.then(model_status, inputs=language, outputs=[target, status], concurrency_limit=None,
                    api_name="model_status")
        if examples is not None:  # their labels are data, not page words: said in the page's language
            opened.then(example_labels, inputs=language, outputs=examples.dataset, queue=False,
                        api_visibility="private")
        words = [status] + ([examples.dataset] if examples is not None else []) + tabs + [mode_note, upload]
        language.input(_switched(examples is not None), inputs=[language, mode_notes], outputs=words, js=SWITCH,
                       queue=False, api_visibility="private").then(
            _shown, outputs=upload, queue=False, api_visibility="private")
    demo.queue(default_concurrency_limit=ui_concurrency(), max_size=ui_queue())
    return demo


def _switched(with_examples: bool):
    """`handlers.switch_language` for this page (with or without the examples), the upload
    field hidden: Gradio draws its words once, so it is drawn again (`_shown`)."""

    def switched(ui_lang: str, mode_notes: dict | None = None, request: gr.Request = None):
        status, labels, *rest = switch_language(ui_lang, mode_notes, request)
        return status, *([labels] if with_examples else []), *rest, TranscriptFile(visible=False)

    return switched


def _shown():
    return TranscriptFile(visible=True)


def _examples(transcript: gr.Textbox, target: gr.Radio) -> gr.Examples | None:
    found = found_examples()
    if not found:
        return None
    return gr.Examples([[path.read_text(encoding="utf-8")] for path, _ in found], inputs=[transcript],
                       outputs=[transcript, target], fn=pick_example, run_on_click=True, cache_examples=False,
                       example_labels=[UI["en"][key] for _, key in found], label=t("examples"),
                       api_visibility="private")


def _settings_column():
    target = gr.Radio([(t(f"lang_{code}"), code) for code in LANGUAGES], value="en", label=t("brief_in"),
                      elem_id="target")
    mode = gr.Radio([(t(m), m) for m in MODES], value="auto", label=t("mode"), elem_id="mode", info=t("mode_info"))
    n_quotes = gr.Slider(1, 12, value=5, step=1, label=t("quotes"), elem_id="quotes-count")
    with gr.Accordion(t("models"), open=False):
        models = (_model_dropdown("summarizer", "summarize"), _model_dropdown("es_en", "translate", "es", "en"),
                  _model_dropdown("en_es", "translate", "en", "es"),
                  gr.Radio(list(BACKENDS), value=server_models().backend, label=t("backend"), info=t("backend_info"),
                           elem_id="backend"))
    run = gr.Button(t("run"), variant="primary", elem_id="run")
    mode_note = gr.Markdown(elem_id="mode-note", min_height=110, latex_delimiters=[])  # also shows the progress
    return target, mode, n_quotes, models, run, mode_note


def _result_tabs() -> tuple[list[gr.Tab], tuple]:
    """The tabs (in `handlers.TABS`' order) and the result components in them."""
    with gr.Tabs():
        with gr.Tab(t("tab_brief"), id="brief") as brief_tab:
            brief = gr.Markdown(elem_id="brief", latex_delimiters=[])
            with gr.Row():
                md_file = gr.DownloadButton(t("download_md"), interactive=False, elem_id="download-md")
                json_file = gr.DownloadButton(t("download_json"), interactive=False, elem_id="download-json")
                docx_file = gr.DownloadButton(t("download_docx"), interactive=False, elem_id="download-docx")
        with gr.Tab(t("tab_quotes"), id="quotes") as quotes_tab:
            quotes_table = gr.Markdown(elem_id="quotes-table", latex_delimiters=[])
        with gr.Tab(t("tab_questions"), id="questions") as questions_tab:
            questions = gr.Markdown(elem_id="questions", latex_delimiters=[])
        with gr.Tab(t("tab_transcript"), id="transcript") as transcript_tab:
            transcript_view = gr.HighlightedText(label=t("transcript_view"), show_legend=True,
                                                 show_inline_category=False, elem_id="transcript-view")
        with gr.Tab(t("tab_participants"), id="participants") as participants_tab:
            participants = gr.Markdown(elem_id="participants-table", latex_delimiters=[])
    tabs = [brief_tab, quotes_tab, questions_tab, transcript_tab, participants_tab]
    return tabs, (brief, quotes_table, transcript_view, participants, md_file, json_file, questions, docx_file)


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
    arrive (`uploads.UploadCap`); the page's language is chosen before Gradio starts
    (`scripts.HeadScript`); Gradio keeps the state of the last `SESSIONS` pages. A
    port in use is one line and exit status 1."""
    _stop_on_sigterm()
    storage().every(60)
    app_kwargs = dict(kwargs.pop("app_kwargs", None) or {})
    app_kwargs["middleware"] = [*app_kwargs.get("middleware", []), Middleware(UploadCap, storage=storage()),
                                Middleware(HeadScript)]
    try:
        return demo.launch(server_name=host, server_port=port, share=share, css=CSS, i18n=I18N,
                           root_path=root_path if root_path is not None else server_root_path(),
                           max_file_size=10 * ui_max_bytes(), app_kwargs=app_kwargs,
                           **{"state_session_capacity": SESSIONS, "footer_links": FOOTER, **kwargs})
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
