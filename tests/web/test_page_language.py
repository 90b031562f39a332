"""The page's language without a browser: what the server says follows the page's control,
then its cookie, then the browser's languages; a switch says the server's words again; the
page's script comes first in every HTML page the app serves (the browser test sees the rest)."""

from __future__ import annotations

import asyncio

import gradio as gr

from summarizer.web import handlers
from summarizer.web.scripts import HEAD, HeadScript
from summarizer.web.texts import COOKIE, MESSAGES, UI

from support import REPO
SEED = REPO / "seeds" / "2023-12-28.web.txt"


class _Request:
    def __init__(self, accept: str = "", cookie: str = ""):
        self.headers = {"accept-language": accept, "cookie": cookie}


def test_the_page_language_is_its_control_then_its_cookie_then_the_browsers():
    assert handlers.language_of(_Request("en-US,en", f"{COOKIE}=es")) == "es"
    assert handlers.language_of(_Request("es-MX", f"other=1; {COOKIE}=en; more=2")) == "en"
    assert handlers.language_of(_Request("es-MX", f"{COOKIE}=en"), "es") == "es"  # the page's control says
    assert handlers.language_of(_Request("es-MX,es", f"{COOKIE}=fr")) == "es"  # a language we do not speak
    assert handlers.language_of(_Request("es-MX", 'bad"cookie; ;;=')) == "es"  # a malformed header: no cookie
    assert handlers.language_of(None) == "en"


def test_a_switch_says_the_servers_words_again_in_the_chosen_language(no_models):
    notes = {"en": "**Mode: extractive**", "es": "**Modo: extractivo**"}
    status, examples, *tabs, mode_note = handlers.switch_language("es", notes)
    assert status.startswith("**Faltan modelos:** traducción es→en, traducción en→es, resumen.")
    assert examples.sample_labels == [UI["es"][key] for _, key in handlers.EXAMPLES]
    assert [tab.label for tab in tabs] == ["Resumen", "Citas", "Preguntas", "Transcripción", "Participantes"]
    assert mode_note == "**Modo: extractivo**"
    status, examples, *tabs, mode_note = handlers.switch_language("en", {})  # no brief yet: the note stays
    assert status.startswith("**Models missing:**") and tabs[1].label == "Quotes"
    assert mode_note == gr.skip()


def test_a_brief_carries_its_mode_note_in_each_language(no_models):
    text = SEED.read_text(encoding="utf-8")
    values = handlers.make_brief(text, "es", "extractive", 3, ui_lang="es")
    assert len(values) == handlers.OUTPUTS
    notes = values[-1]
    assert sorted(notes) == ["en", "es"] and values[1] == notes["es"]
    assert notes["es"].startswith("**Modo: extractivo** (cada línea es una frase de la transcripción). Se pidió el "
                                  "modo extractivo.")
    assert notes["en"].startswith("**Mode: extractive** (every line is a sentence of the transcript). Extractive "
                                  "mode was requested.")


def test_warnings_are_titled_in_the_page_language(no_models, monkeypatch, tmp_path):
    said = []
    monkeypatch.setattr(handlers.gr, "Warning", lambda message, title="Warning", **_: said.append((title, message)))
    page = tmp_path / "page.html"
    page.write_text("<p>PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días.</p>", encoding="utf-8")
    handlers.load_file(str(page), "es")
    assert said == [(MESSAGES["es"]["warning_title"], "la entrada es una página HTML: solo se leyó su texto visible")]


def test_the_pages_script_comes_first_in_its_html_pages():
    async def page(scope, receive, send):
        kind = b"application/json" if scope["path"].endswith("config") else b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", kind), (b"content-length", b"43")]})
        await send({"type": "http.response.body", "body": b"<html><head><title>x</title>", "more_body": True})
        await send({"type": "http.response.body", "body": b"</head></html>"})

    def get(path: str) -> tuple[dict, bytes]:
        sent = []

        async def send(message):
            sent.append(message)

        async def receive():
            return {"type": "http.request", "body": b""}

        asyncio.run(HeadScript(page)({"type": "http", "method": "GET", "path": path}, receive, send))
        start, *bodies = sent
        return dict(start["headers"]), b"".join(body.get("body", b"") for body in bodies)

    headers, body = get("/")
    assert body == b"<html><head>" + HEAD.encode() + b"<title>x</title></head></html>"
    assert headers[b"content-length"] == str(len(body)).encode()
    headers, body = get("/proxied/")
    assert body.startswith(b"<html><head>" + HEAD.encode())
    for path in ("/config", "/gradio_api/file=/tmp/upload/estenografica.html"):  # anything else passes as it is
        headers, body = get(path)
        assert body == b"<html><head><title>x</title></head></html>" and headers[b"content-length"] == b"43"
