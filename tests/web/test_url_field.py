"""The web app's address field: the page at a public http(s) address fills the paste box
(read as the CLI and the API read it); the server never reads its own network for a
visitor; errors are readable toasts."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import gradio as gr
import pytest

from summarizer.web import app as webapp
from summarizer.web import handlers

from support import http_server

PAGE = ("<!DOCTYPE html><html><head><title>Versión estenográfica</title></head><body><nav>Inicio</nav>"
        "<p>PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días. Vamos a informar sobre el Tren Maya.</p>"
        "<p>PREGUNTA: ¿Cuándo se inaugura?</p>"
        "<p>PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: El 15 de diciembre, el primer tramo.</p>"
        "</body></html>").encode()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.seen.append(self.path)
        status, body = (200, PAGE) if self.path == "/page.html" else (404, b"<h1>Not found</h1>")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    with http_server(_Handler) as httpd:
        yield httpd


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    monkeypatch.setenv("no_proxy", "*")


def address(server, path="/page.html") -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def test_the_address_field_reads_a_page_into_the_paste_box(server, monkeypatch):
    monkeypatch.setattr(handlers, "PUBLIC_ONLY", False)  # the test's server is local
    text, cleared = handlers.load_url("  " + address(server) + " ")
    assert text == ("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días. Vamos a informar sobre el Tren Maya.\n\n"
                    "PREGUNTA: ¿Cuándo se inaugura?\n\n"
                    "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: El 15 de diciembre, el primer tramo.")  # no menu
    assert cleared == ""


def test_a_server_never_reads_its_own_network_for_a_visitor(server):
    before = len(server.seen)
    with pytest.raises(gr.Error) as caught:
        handlers.load_url(address(server))
    assert "127.0.0.1" in caught.value.message and len(server.seen) == before  # refused before any request


def test_a_missing_page_and_a_wrong_scheme_are_readable_errors(server, monkeypatch):
    monkeypatch.setattr(handlers, "PUBLIC_ONLY", False)
    with pytest.raises(gr.Error) as caught:
        handlers.load_url(address(server, "/missing"))
    assert "404" in caught.value.message and "Traceback" not in caught.value.message
    with pytest.raises(gr.Error):
        handlers.load_url("ftp://example.invalid/transcript.txt")
    assert handlers.load_url("   ") == (gr.skip(), gr.skip())


def test_the_page_has_the_address_field_and_its_button():
    demo = webapp.build_demo()
    ids = {getattr(block, "elem_id", None) for block in demo.blocks.values()}
    assert {"url-input", "fetch-url"} <= ids
    wired = [d for d in demo.config["dependencies"] if d.get("api_name") == "load_url"]
    assert len(wired) == 1
