"""The web app: a Gradio page over the public API, presentation only.

``build_demo()`` lays out the page and wires its events to `handlers`; it loads no model
(the models load on the first brief that needs them, once per process).
``launch(demo, host, port)`` starts the server with the app's CSS and upload limit.

Settings (see `summarizer.settings`): ``SUMMARIZER_UI_MAX_BYTES`` (largest transcript,
default 2,000,000 bytes), ``SUMMARIZER_UI_CONCURRENCY`` (briefs made at once, default 2),
``SUMMARIZER_UI_QUEUE`` (requests waiting, default 16).
"""

from __future__ import annotations

import gradio as gr

from ..models import BACKENDS, REGISTRY, requested_backend, spec_for
from ..settings import DEFAULT_HOST, DEFAULT_PORT, PROJECT_ROOT, ui_concurrency, ui_max_bytes, ui_queue
from ..summarize import MODES
from .handlers import UPLOAD_TYPES, enable_downloads, load_file, make_brief, model_status

SEEDS = PROJECT_ROOT / "seeds"
EXAMPLES = (
    ("2023-12-28.web.txt", "28 Dec 2023 — as copied from gob.mx"),
    ("2023-12-28.native.txt", "28 Dec 2023 — dataset format"),
    ("2023-12-28-news-article.txt", "28 Dec 2023 — a news article (English)"),
)


def model_choices(task: str, source: str | None = None, target: str | None = None) -> list[str]:
    """The registry's models for a task (and pair), the default first."""
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
                    backend = gr.Radio(list(BACKENDS), value=requested_backend(), label="Backend", elem_id="backend",
                                       info="auto: CTranslate2 (int8, faster) for each model converted with "
                                            "`summarizer models convert`, else transformers.")
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
            inputs=[transcript, target, mode, n_quotes, summarize_model, es_en_model, en_es_model, backend],
            outputs=[brief, mode_note, quotes_table, transcript_view, participants, md_file, json_file],
            api_name="summarize",
            concurrency_id="brief",
            show_progress_on=[mode_note, brief],
        ).success(enable_downloads, outputs=[md_file, json_file], api_visibility="private",
                  concurrency_limit=None, show_progress="hidden")
        demo.load(model_status, outputs=[target, status], concurrency_limit=None, api_name="model_status")
    demo.queue(default_concurrency_limit=ui_concurrency(), max_size=ui_queue())
    return demo


def _model_dropdown(label: str, task: str, source: str | None = None, target: str | None = None) -> gr.Dropdown:
    choices = model_choices(task, source, target)
    return gr.Dropdown(choices, value=choices[0], label=label, allow_custom_value=True,
                       info="from the registry; or type a hub id or a local folder")


def launch(demo: gr.Blocks, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, share: bool = False, **kwargs):
    """Start the server (blocking unless ``prevent_thread_lock=True``)."""
    return demo.launch(server_name=host, server_port=port, share=share, css=CSS,
                       max_file_size=10 * ui_max_bytes(), **kwargs)
