"""The web UI without a browser: the demo builds without models, the handlers
return what the components show, errors are readable `gr.Error`s."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import gradio as gr
import pytest
from click.testing import CliRunner

from summarizer import parse_transcript, summarize
from summarizer.output.wording import markdown_table
from summarizer.web import app as webapp
from summarizer.web import handlers, views
from summarizer.parse.htmltext import html_to_text

from support import REPO
SEED = REPO / "seeds" / "2023-12-28.web.txt"
OUTPUTS = ("brief", "mode_note", "quotes", "transcript", "participants", "md_path", "json_path", "questions",
           "docx_path", "mode_notes")


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def brief(text: str, target: str = "es", mode: str = "extractive", quotes: int = 5, backend: str | None = None,
          ui_lang: str = "", **models) -> dict:
    values = handlers.make_brief(text, target, mode, quotes, models.get("summarize"), models.get("es_en"),
                                 models.get("en_es"), backend, ui_lang)
    assert len(values) == handlers.OUTPUTS
    return dict(zip(OUTPUTS, values))


# ---------------------------------------------------------------- building the demo


def test_importing_app_builds_demo_without_loading_any_model():
    code = (
        "import sys\n"
        "import summarizer.models as m\n"
        "def refuse(*a, **k): raise AssertionError('a model loaded while building the demo')\n"
        "m.Models.generator = refuse\n"
        "import app\n"
        "import gradio as gr\n"
        "assert isinstance(app.demo, gr.Blocks)\n"
        "loaded = sorted(n for n in ('torch', 'transformers', 'sentencepiece') if n in sys.modules)\n"
        "assert not loaded, loaded\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={**_env(), "SUMMARIZER_MODELS_DIR": str(REPO / "no-such-models")})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_demo_has_the_api_and_a_queue_with_a_concurrency_limit(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_UI_CONCURRENCY", "3")
    demo = webapp.build_demo()
    names = {fn.api_name for fn in demo.fns.values()}
    assert {"summarize", "load_file", "model_status"} <= names
    assert demo._queue.default_concurrency_limit == 3
    assert demo._queue.max_size == 16


def test_model_choices_come_from_the_registry():
    from summarizer.models import REGISTRY

    assert webapp.model_choices("translate", "es", "en")[0] == REGISTRY[("translate", "es", "en")].name
    assert webapp.model_choices("summarize")[0] == REGISTRY[("summarize", None, None)].name


# ---------------------------------------------------------------- a Spanish brief, no model


def test_extractive_spanish_brief_of_the_seed(seed_text, no_models):
    out = brief(seed_text, "es", "extractive", ui_lang="en")
    assert out["brief"].startswith("# Resumen")
    # The mode note is the page's (in its language, and in the other one for a switch of the page's language)
    assert out["mode_note"] == ("**Mode: extractive** (every line is a sentence of the transcript). Extractive mode "
                                "was requested.\n\nSpanish → Spanish · models used: none")
    assert out["mode_notes"] == {"en": out["mode_note"],
                                 "es": "**Modo: extractivo** (cada línea es una frase de la transcripción). Se pidió "
                                       "el modo extractivo.\n\nespañol → español · modelos usados: ninguno"}
    # The results are part of the brief: in the brief's language.

    table = out["quotes"].splitlines()
    assert table[0] == "| Orador | Cita (español) |"
    assert len(table) == 2 + 5
    assert all(row.startswith("| López Obrador (") for row in table[2:])  # display name (role)

    # The transcript comes back whole, quoted spans labelled by their speaker.
    doc = parse_transcript(seed_text)
    pieces = out["transcript"]
    assert "".join(text for text, _ in pieces) == doc.text
    labelled = [text for text, who in pieces if who]
    assert labelled and {who for _, who in pieces if who} == {"López Obrador"}

    first = out["participants"].splitlines()[2]
    assert first.startswith("| López Obrador | Andrés Manuel López Obrador | presidente de México | presidencia | ")
    assert "| Tzeltzin Juárez | Tzeltzin Juárez | SinLineaMX | prensa | " in out["participants"]

    md_path, json_path = Path(out["md_path"]), Path(out["json_path"])
    assert md_path.name == "brief-2023-12-28-es.md" and md_path.read_text(encoding="utf-8") == out["brief"]
    data = json.loads(json_path.read_text(encoding="utf-8"))
    expected = summarize(seed_text, target="es", mode="extractive", quotes=5).to_dict()
    assert _without_timings(data) == _without_timings(expected)
    for quote in data["quotes"]:
        assert doc.text[quote["start"]:quote["end"]] == quote["original"]
        assert quote["speaker"]["display"] == "López Obrador"

    # the questions tab, in the order asked; the Word download holds the same brief
    questions = out["questions"].splitlines()
    assert re.match(r"1\. Tzeltzin Juárez \(SinLineaMX\) preguntó sobre [^—]+ — “Saber sobre los acuerdos", questions[0])
    assert questions[1].startswith("   - Respondió López Obrador: ")
    assert sum(line[:1].isdigit() for line in questions) == len(data["questions"])
    docx_path = Path(out["docx_path"])
    assert docx_path.name == "brief-2023-12-28-es.docx"
    import docx

    cells = [[c.text for c in row.cells] for row in docx.Document(str(docx_path)).tables[0].rows]
    assert [row[1] for row in cells[1:]] == [q["original"] for q in data["quotes"]]


def test_an_incomplete_transcript_is_also_a_warning_toast(no_models):
    from support import DATA

    text = (DATA / "2024-05-10.web.txt").read_text(encoding="utf-8")
    with pytest.warns(UserWarning) as caught:  # a Spanish page
        values = handlers.make_brief(text, "es", "extractive", 5, ui_lang="es")
    out = dict(zip(OUTPUTS, values))
    toasts = [str(w.message) for w in caught]
    assert toasts == ["sin sesión de preguntas y respuestas: solo está la exposición inicial (pueden faltar las "
                      "preguntas y respuestas)",
                      "la transcripción tiene 198 palabras, muchas menos de las que suele tener una conferencia "
                      "diaria (mediana de unas 11,500): puede estar incompleta"]
    assert out["questions"] == "*Ninguna pregunta de la prensa.*"
    assert all(toast in out["brief"] for toast in toasts)  # and in the brief's notes
    with pytest.warns(UserWarning) as caught:  # an English page says them in English, whatever the brief's language
        handlers.make_brief(text, "es", "extractive", 5, ui_lang="en")
    assert [str(w.message) for w in caught][0].startswith("no question-and-answer session: ")


def test_a_quote_with_a_less_sure_attribution_is_marked_in_the_quotes_tab(no_models):
    from support import DATA

    out = brief((DATA / "2023-12-28-news-article.txt").read_text(encoding="utf-8"), "en", "extractive")
    rows = out["quotes"].splitlines()[2:]
    assert rows and all(row.startswith(("| López Obrador (President of Mexico) (speaker inferred) | ",
                                        "| López Obrador (President of Mexico) (attributed by the article's wording) | "))
                        for row in rows)


def test_english_brief_without_models_explains_what_to_do(seed_text, no_models):
    with pytest.raises(gr.Error) as caught:
        brief(seed_text, "en", "auto")
    message = caught.value.message
    assert "es→en translation model" in message
    assert "<code>summarizer models download</code>" in message  # a toast is HTML: code, not backticks
    assert "choose “Brief in: Spanish”" in message  # the way out on this page, in its words
    assert "Traceback" not in message


def test_abstractive_without_models_points_to_auto(seed_text, no_models):
    with pytest.raises(gr.Error) as caught:
        brief(seed_text, "es", "abstractive")
    assert caught.value.title == "Model not available"
    assert "summarizer models download" in caught.value.message
    assert "Mode “auto”" in caught.value.message


def test_model_status_without_models_starts_in_spanish(no_models):
    target, note = handlers.model_status()
    assert target == "es"
    assert "es→en" in note and "`summarizer models download`" in note


def test_backend_choice_defaults_to_the_environment_and_reaches_the_brief(tiny_models_dir, monkeypatch, seed_text):
    monkeypatch.setenv("SUMMARIZER_BACKEND", "transformers")
    radio = next(b for b in webapp.build_demo().blocks.values() if getattr(b, "elem_id", None) == "backend")
    assert (radio.value, [c[1] for c in radio.choices]) == ("transformers", ["auto", "ctranslate2", "transformers"])
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tiny_models_dir))
    short = seed_text[:seed_text.index("\n\n", 6000)]
    for backend in ("ctranslate2", "transformers"):
        result = brief(short, "en", "abstractive", 3, backend=backend)
        data = json.loads(Path(result["json_path"]).read_text(encoding="utf-8"))
        assert {m["backend"] for m in data["provenance"]["models"].values()} == {backend}
        assert data["provenance"]["options"]["backend"] == backend


def test_model_status_with_models_keeps_english(tiny_models):
    target, note = handlers.model_status()
    assert not isinstance(target, str)  # gr.skip(): the English default stays
    assert "are **tiny random test models**" in note and "not real ones" in note


# ---------------------------------------------------------------- errors


def test_empty_transcript_is_a_readable_error():
    with pytest.raises(gr.Error, match="empty"):
        brief("   \n", "es")


def test_input_size_limit_message(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_UI_MAX_BYTES", "1000")
    with pytest.raises(gr.Error) as caught:
        brief("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días. " * 40, "es")
    assert caught.value.title == "Transcript too large"
    assert "at most 1,000 bytes" in caught.value.message
    assert "SUMMARIZER_UI_MAX_BYTES" in caught.value.message


def test_unexpected_failure_is_one_line_not_a_traceback():
    with pytest.raises(gr.Error) as caught, handlers.user_errors():
        raise RuntimeError("boom")
    assert caught.value.title == "Unexpected error"
    assert caught.value.message.startswith("RuntimeError: boom.")


def test_error_messages_are_escaped_for_the_html_modal():
    assert views.error_html("use <model> & `cmd`") == "use &lt;model&gt; &amp; `cmd`"
    # the package's own errors show their commands as code, not between backticks
    assert views.error_html("run `summarizer models download` for <x>", code=True) == \
        "run <code>summarizer models download</code> for &lt;x&gt;"


# ---------------------------------------------------------------- uploads


GOB_MX_HTML = """<!DOCTYPE html><html><head><title>Versión estenográfica</title>
<style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
<body><nav><a href="/">Inicio</a></nav>
<p><strong>PRESIDENTE ANDR&Eacute;S MANUEL L&Oacute;PEZ OBRADOR:</strong> Buenos
   d&iacute;as. Vamos a informar sobre Acapulco.</p>
<p>Se han apoyado alrededor de 270 mil hogares.<br>Y vamos a seguir.</p>
<p><strong>PREGUNTA:</strong> &iquest;Qu&eacute; se acord&oacute;?</p>
</body></html>"""


@pytest.fixture
def tmp_path(tmp_path, monkeypatch):
    """Uploads arrive in Gradio's upload folder: here, the test's own folder."""
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(uploads))
    return uploads


def load(path) -> str:
    text, cleared = handlers.load_file(str(path))
    assert cleared is None and not path.exists()  # the upload field empties, the file is gone
    return text


def test_html_upload_is_reduced_to_text(tmp_path):
    page = tmp_path / "estenografica.html"
    page.write_text(GOB_MX_HTML, encoding="utf-8")
    text = load(page).removeprefix("Inicio\n\n")  # the menu's link, where the page's furniture is kept
    assert text == (
        "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días. Vamos a informar sobre Acapulco.\n\n"
        "Se han apoyado alrededor de 270 mil hogares.\n\nY vamos a seguir.\n\n"
        "PREGUNTA: ¿Qué se acordó?"
    )
    doc = parse_transcript(text)
    assert [t.speaker.display for t in doc.turns if t.speaker.name][:1] == ["López Obrador"]


def test_text_uploads_keep_their_text(tmp_path, seed_text):
    txt = tmp_path / "t.txt"
    txt.write_bytes(seed_text.encode("utf-8"))
    assert load(txt) == seed_text
    legacy = tmp_path / "t.md"
    legacy.write_bytes("PREGUNTA: ¿Qué pasó?".encode("cp1252"))
    assert load(legacy) == "PREGUNTA: ¿Qué pasó?"
    saved_page = tmp_path / "page.txt"
    saved_page.write_text(GOB_MX_HTML, encoding="utf-8")
    assert load(saved_page).removeprefix("Inicio\n\n").startswith("PRESIDENTE")


def test_upload_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_UI_MAX_BYTES", "100")
    big = tmp_path / "big.txt"
    big.write_text("x" * 500, encoding="utf-8")
    with pytest.raises(gr.Error, match="The transcript is 500 bytes; this app takes at most 100 bytes"):
        handlers.load_file(str(big))
    page = tmp_path / "big.html"
    page.write_text("<p>x</p>" * 200, encoding="utf-8")  # 1,600 bytes of HTML, 799 of text
    with pytest.raises(gr.Error, match="The file is 1,600 bytes; this app takes at most 1,000 bytes"):
        handlers.load_file(str(page))
    assert list(tmp_path.iterdir()) == []  # rejected files are not kept either


def test_empty_upload_is_a_readable_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"\xef\xbb\xbf  \n")
    with pytest.raises(gr.Error, match="the transcript is empty"):
        handlers.load_file(str(empty))


def test_html_to_text_keeps_pre_lines_and_drops_hidden_content():
    assert html_to_text("<div>a<span> b</span></div><pre>x\ny</pre><template>t</template>") == "a b\n\nx\n\ny"


# ---------------------------------------------------------------- presentation helpers


def test_overlapping_quotes_are_one_highlight(seed_text):
    summary = summarize(seed_text, target="es", mode="extractive", quotes=8)
    spans = views.quoted_spans(summary)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    quote_spans = [(q.start, q.end) for q in summary.quotes]
    assert all(any(s <= qs and qe <= e for s, e, _ in spans) for qs, qe in quote_spans)


def test_quote_cells_are_escaped():
    assert markdown_table([["a|b", "*x* <y>"]])[0] == "| a\\|b | \\*x\\* &lt;y&gt; |"


# ---------------------------------------------------------------- entry points


def test_app_main_honours_host_and_port(monkeypatch):
    import app

    seen = {}
    monkeypatch.setattr(app, "launch", lambda demo, host, port, root_path: seen.update(host=host, port=port))
    monkeypatch.setenv("SUMMARIZER_PORT", "9999")
    app.main([])
    assert seen == {"host": "127.0.0.1", "port": 9999}
    app.main(["--host", "0.0.0.0", "--port", "8123"])
    assert seen == {"host": "0.0.0.0", "port": 8123}


def test_serve_command(monkeypatch):
    from summarizer.cli import main

    seen = {}
    import summarizer.web

    monkeypatch.setattr(summarizer.web, "build_demo", lambda: "demo")
    monkeypatch.setattr(summarizer.web, "launch", lambda demo, host, port, share, root_path: seen.update(
        demo=demo, host=host, port=port, share=share))
    result = CliRunner().invoke(main, ["serve", "--port", "8124"])
    assert result.exit_code == 0, result.output
    assert seen == {"demo": "demo", "host": "127.0.0.1", "port": 8124, "share": False}


# ---------------------------------------------------------------- helpers


def _env() -> dict:
    import os

    return {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}


def _without_timings(data: dict) -> dict:
    data = json.loads(json.dumps(data))
    data["provenance"].pop("seconds", None)
    return data


def test_the_mode_note_names_the_models_in_the_briefs_language(seed_text, no_models):
    from dataclasses import replace

    from summarizer.web.views import mode_note

    summary = summarize(seed_text, target="es", mode="extractive")
    used = {"summarize": {"name": "distilbart-cnn-12-6"}, "translate-es-en": {"name": "opus-mt-es-en"}}
    summary = replace(summary, provenance={**summary.provenance, "models": used})
    assert mode_note(summary).endswith("modelos usados: el modelo de resumen: `distilbart-cnn-12-6`, "
                                       "el modelo de traducción es→en: `opus-mt-es-en`")
    english = replace(summary, target_lang="en")
    assert mode_note(english).endswith("models used: the summarization model: `distilbart-cnn-12-6`, "
                                       "the es→en translation model: `opus-mt-es-en`")


# ---------------------------------------------------------------- a brief shown at once


def test_a_brief_a_model_writes_shows_its_extractive_brief_first(tiny_models_dir, monkeypatch, seed_text):
    """What the page runs: the extractive brief (stories, quotes, questions) at once, saying
    that the lines are being written, then the brief with the chat model's lines."""
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tiny_models_dir))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    short = seed_text[:seed_text.index("\n\n", 12_000)]
    first, last = (dict(zip(OUTPUTS, step)) for step in handlers.stream_brief(short, "es", "chat", 3))
    assert first["mode_note"] == ("The stories, quotes and questions are ready; the chat model is writing the lines "
                                  "(each line below is the speaker's own sentence until then)…")
    assert first["brief"].startswith("# Resumen: ") and "## Temas del día" in first["brief"]
    assert "extractivo" in first["brief"] and "chat (líneas escritas por un modelo instruct" in last["brief"]
    assert first["quotes"] == last["quotes"] and first["questions"].splitlines()[0] == last["questions"].splitlines()[0]
    # shown first, then finished: the downloads and the highlighted transcript come with the finished brief
    assert [first[k] for k in ("transcript", "md_path", "json_path", "docx_path")] == [None] * 4
    assert all(Path(last[k]).is_file() for k in ("md_path", "json_path", "docx_path")) and last["transcript"]
    assert last["mode_note"] != first["mode_note"] and "chat" in last["mode_note"]
    data = json.loads(Path(last["json_path"]).read_text(encoding="utf-8"))
    assert data["mode"] == "chat" and data["provenance"]["models"]["chat"]["name"] == "Qwen/Qwen2.5-1.5B-Instruct"
    # nothing writes in extractive mode: one step
    assert len(list(handlers.stream_brief(short, "es", "extractive", 3))) == 1
