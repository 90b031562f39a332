"""Transcripts read from an http(s) address (`summarizer.fetch` and the CLI's URL argument),
against a local HTTP server on 127.0.0.1: nothing leaves this machine."""

from __future__ import annotations

import gzip
import html
import re
import socket
import time
from http.server import BaseHTTPRequestHandler

import pytest
from click.testing import CliRunner

from summarizer import parse_transcript
from summarizer.cli import main
from summarizer.errors import FetchError, InputTooLargeError
from summarizer.cli.common import looks_like_address
from summarizer.fetch import USER_AGENT, from_url, is_url, transcript_from_url

from support import DATA, SEEDS, free_port, http_server

SEED = SEEDS / "2023-12-28.web.txt"
TEXT = SEED.read_bytes()
LABEL = re.compile(r"^([A-ZÁÉÍÓÚÜÑ][A-ZÁÉÍÓÚÜÑ .,]+):", re.M)


def gob_mx_page(text: str) -> bytes:
    """The transcript laid out as the gob.mx page is: a head, a menu, one ``<p>`` per
    paragraph with its label in bold, a footer."""
    paragraphs = "\n".join("<p>" + LABEL.sub(r"<strong>\1:</strong>", html.escape(p, quote=False)) + "</p>"
                           for p in text.split("\n\n") if p.strip())
    return ("<!DOCTYPE html>\n<html lang='es'><head><meta charset='utf-8'><title>Versión estenográfica | gob.mx"
            "</title><script>var menu = {'a': 1};</script><style>p {margin: 0}</style></head><body>"
            "<nav><ul><li><a href='/'>Inicio</a></li><li><a href='/presidencia'>Presidencia</a></li></ul></nav>"
            f"<main><article>{paragraphs}</article></main><footer><p>Enlaces</p></footer></body></html>"
            ).encode("utf-8")


PAGE = gob_mx_page(TEXT.decode("utf-8"))
NOT_A_TRANSCRIPT = ("<!DOCTYPE html><html><body><h1>Trámites</h1><p>Consulta los requisitos para tramitar tu "
                    "pasaporte en las oficinas de la Secretaría de Relaciones Exteriores.</p><p>Agenda una cita "
                    "por internet y lleva tus documentos originales.</p></body></html>").encode("utf-8")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


def _send(handler, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
          headers: dict | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def _redirect(to: str, status: int = 302):
    return lambda h: _send(h, b"", status=status, headers={"Location": to})


def _gzipped(handler) -> None:
    if "gzip" not in handler.headers.get("Accept-Encoding", ""):
        return _send(handler, b"gzip was not asked for", status=406)
    _send(handler, gzip.compress(PAGE), headers={"Content-Encoding": "gzip"})


def _slow_headers(handler) -> None:
    time.sleep(3)
    _send(handler, b"late")


def _trickle(handler) -> None:
    """Chunked HTTP/1.1, a byte every 50 ms: each read gets data, the whole never ends in time."""
    handler.protocol_version = "HTTP/1.1"
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain; charset=utf-8")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    for _ in range(200):
        handler.wfile.write(b"1\r\na\r\n")
        handler.wfile.flush()
        time.sleep(0.05)
    handler.wfile.write(b"0\r\n\r\n")


def _endless(handler) -> None:
    """A body with no length that never ends (until the reader leaves, or 20 s)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.end_headers()
    block, started = b"PREGUNTA: " + b"x" * 65_000 + b"\n", time.monotonic()
    while time.monotonic() - started < 20:
        handler.wfile.write(block)


def _bomb(handler) -> None:
    """A few kB of gzip that unpack to 50 MB."""
    _send(handler, gzip.compress(b" " * 50_000_000), "text/plain", headers={"Content-Encoding": "gzip"})


ROUTES = {
    "/transcript.txt": lambda h: _send(h, TEXT, "text/plain; charset=utf-8"),
    "/version-estenografica.html": lambda h: _send(h, PAGE),
    "/gzip.html": _gzipped,
    "/article.txt": lambda h: _send(h, (DATA / "2023-12-28-news-article.txt").read_bytes(), "text/plain"),
    "/tramites.html": lambda h: _send(h, NOT_A_TRANSCRIPT),
    "/scripted.html": lambda h: _send(h, b"<!DOCTYPE html><html><body><div id='app'></div><script>draw()</script>"),
    "/missing": lambda h: _send(h, b"<h1>Not found</h1>", status=404),
    "/broken": lambda h: _send(h, b"<h1>Oops</h1>", status=500),
    "/image.png": lambda h: _send(h, PNG, "image/png"),
    "/archive.zip": lambda h: _send(h, b"PK\x03\x04" + bytes(100), "application/zip"),
    "/declared-large": lambda h: _send(h, b"x" * 2_000, "text/plain"),
    "/r1": _redirect("/r2", 301), "/r2": _redirect("/r3", 307), "/r3": _redirect("/transcript.txt", 308),
    "/loop": _redirect("/loop"),
    "/to-ftp": _redirect("ftp://127.0.0.1/transcript.txt"),
    "/to-file": _redirect("file:///etc/passwd"),
    "/slow": _slow_headers, "/trickle": _trickle, "/endless": _endless, "/bomb": _bomb,
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.seen.append((self.path, dict(self.headers)))
        route = ROUTES.get(self.path.partition("?")[0])
        try:
            route(self) if route else _send(self, b"no such route", status=404)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the reader left: a size limit or a timeout

    def log_message(self, *args):
        pass


class Address(str):
    """The local server's base address (``http://127.0.0.1:PORT``); ``seen``: its requests, with their headers."""

    seen: list[tuple[str, dict]]


@pytest.fixture(scope="module")
def server():
    with http_server(_Handler) as httpd:
        base = Address(f"http://127.0.0.1:{httpd.server_address[1]}")
        base.seen = httpd.seen
        yield base


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """The local server is reached directly, whatever proxy this machine's environment names."""
    monkeypatch.setenv("no_proxy", "*")


# ---------------------------------------------------------------- the API


def test_a_page_is_read_as_the_same_bytes_in_a_file_are(server):
    page = from_url(server + "/version-estenografica.html")
    assert page.data == PAGE and page.is_html and page.content_type == "text/html" and page.charset == "utf-8"
    assert page.final_url == page.url == server + "/version-estenografica.html" and page.redirects == ()
    doc = page.transcript()
    from_file = parse_transcript(PAGE)
    assert doc == from_file and doc.format == "web" and len(doc.turns) > 20
    assert [w.code for w in doc.warnings if w.code.startswith("decode.")] == ["decode.html"]


def test_text_gzip_and_a_news_article_are_read(server):
    assert transcript_from_url(server + "/transcript.txt") == parse_transcript(TEXT)
    page = from_url(server + "/gzip.html")
    assert page.data == PAGE  # gzip undone
    article = transcript_from_url(server + "/article.txt")
    assert article.format == "prose" and any(t.speaker.display == "López Obrador" for t in article.turns)


def test_the_request_says_who_asks_and_sends_a_pasted_address_as_it_should(server):
    assert from_url(server + "/transcript.txt?tema=pensión para adultos#párrafo").data == TEXT
    path, headers = server.seen[-1]
    assert path == "/transcript.txt?tema=pensi%C3%B3n%20para%20adultos"
    assert headers["User-Agent"] == USER_AGENT and USER_AGENT.startswith("mananera-summarizer/")
    assert "gzip" in headers["Accept-Encoding"]


def test_redirects_are_followed_and_said(server):
    page = from_url(server + "/r1")
    assert page.final_url == server + "/transcript.txt" and page.data == TEXT
    assert page.redirects == (server + "/r2", server + "/r3", server + "/transcript.txt")
    with pytest.raises(FetchError, match=r"more than 5 redirects") as caught:
        from_url(server + "/loop")
    assert caught.value.final_url == server + "/loop" and str(caught.value).endswith(f"(the last to {server}/loop)")


@pytest.mark.parametrize("route, scheme", [("/to-ftp", "ftp://"), ("/to-file", "file://")])
def test_a_redirect_out_of_the_web_is_refused(server, route, scheme):
    with pytest.raises(FetchError) as caught:
        from_url(server + route)
    message = str(caught.value)
    assert f"it redirects to {scheme}" in message and "only http:// and https://" in message
    assert caught.value.url == server + route


@pytest.mark.parametrize("url", ["ftp://example.org/x.txt", "file:///etc/passwd", "https://", "http://:80/"])
def test_only_http_addresses_with_a_host_are_read(url):
    with pytest.raises(FetchError, match=r"^cannot read "):
        from_url(url)


@pytest.mark.parametrize("route, status, words", [("/missing", 404, "404 Not Found"),
                                                  ("/broken", 500, "500 Internal Server Error")])
def test_http_errors_say_the_status(server, route, status, words):
    with pytest.raises(FetchError) as caught:
        from_url(server + route)
    assert caught.value.status == status and words in str(caught.value)


def test_unreachable_hosts(server):
    port = free_port()
    with pytest.raises(FetchError, match=rf"127.0.0.1 refused the connection on port {port}"):
        from_url(f"http://127.0.0.1:{port}/")
    with pytest.raises(FetchError, match=r"the host no-such-host.invalid was not found"):
        from_url("http://no-such-host.invalid/transcript")


def test_public_only_refuses_private_networks_at_every_step(server, monkeypatch):
    """For a server that fetches for its visitors: loopback and private hosts are refused
    before any request, and so is a name that resolves to a public address for the check
    and to a private one for the connection (DNS rebinding)."""
    before = len(server.seen)
    for url in (server + "/transcript.txt", f"http://localhost:{server.rsplit(':', 1)[1]}/", "http://10.1.2.3/",
                "http://169.254.169.254/latest/meta-data/", "http://[::1]/"):
        with pytest.raises(FetchError, match=r"is on a private network \(.*\): only public addresses are read here"):
            from_url(url, public_only=True)
    assert len(server.seen) == before
    resolve, answers = socket.getaddrinfo, iter(["93.184.216.34"])

    def rebinding(host, *args, **kwargs):
        found = resolve("127.0.0.1", *args, **kwargs)
        if host == "rebind.test":
            address = next(answers, "127.0.0.1")
            return [(*info[:4], (address, *info[4][1:])) for info in found if info[0] == socket.AF_INET]
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with pytest.raises(FetchError, match=r"rebind.test is on a private network \(127.0.0.1\)"):
        from_url(f"http://rebind.test:{server.rsplit(':', 1)[1]}/transcript.txt", public_only=True)
    assert from_url(server + "/transcript.txt").data == TEXT  # and without public_only, it is read


@pytest.mark.parametrize("route", ["/slow", "/trickle"])
def test_the_time_limit_holds_for_a_silent_or_a_slow_server(server, route):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no complete answer within 0.5 s"):
        from_url(server + route, timeout=0.5)
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize("route", ["/endless", "/bomb", "/declared-large"])
def test_the_size_limit_counts_bytes_as_they_arrive(server, route):
    started = time.monotonic()
    with pytest.raises(InputTooLargeError, match=r"the page at .* over the limit of 1,000 bytes"):
        from_url(server + route, max_bytes=1_000)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("route, what", [("/image.png", "an image (image/png)"),
                                         ("/archive.zip", "an archive (application/zip)")])
def test_content_that_is_not_text_is_refused_before_its_body(server, route, what):
    with pytest.raises(FetchError, match=re.escape(f"the server sent {what}, not a transcript")):
        from_url(server + route)


@pytest.mark.parametrize("route, why", [("/tramites.html", "has no speaker labels"),
                                        ("/scripted.html", "shows no text")])
def test_a_page_that_is_no_transcript_is_refused(server, route, why):
    page = from_url(server + route)
    with pytest.raises(FetchError, match=r"^this page does not look like a transcript of a press conference: ") as e:
        page.transcript()
    assert why in str(e.value)


def test_is_url_takes_one_address_and_nothing_else():
    assert is_url("https://www.gob.mx/presidencia/prensa/version-estenografica-x") and is_url(" http://a.mx/\n")
    assert not is_url("https://a.mx/ y más texto") and not is_url("PREGUNTA: https://a.mx/")
    assert not is_url("ftp://a.mx/x") and not is_url("https://") and not is_url(b"https://a.mx/")
    assert looks_like_address("file:///etc/passwd") and not looks_like_address("transcript.txt")


# ---------------------------------------------------------------- the CLI


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_cli_gives_the_same_brief_for_the_address_as_for_the_file(server, tmp_path):
    saved = tmp_path / "version-estenografica.html"
    saved.write_bytes(PAGE)
    options = ("--to", "es", "--mode", "extractive", "--quiet")
    from_file = run("summarize", str(saved), *options)
    from_address = run("summarize", server + "/version-estenografica.html", *options)
    assert from_file.exit_code == 0 and from_address.exit_code == 0, from_address.output
    assert from_address.stdout == from_file.stdout and "López Obrador" in from_address.stdout
    quotes = run("quotes", server + "/gzip.html", "-k", "3")
    assert quotes.exit_code == 0 and quotes.stdout == run("quotes", str(saved), "-k", "3").stdout


def test_the_cli_says_where_a_redirect_led(server):
    result = run("quotes", server + "/r1", "-k", "2")
    assert result.exit_code == 0
    assert f"note: {server}/r1 redirected to {server}/transcript.txt" in result.stderr


@pytest.mark.parametrize("route, message", [
    ("/missing", "the server answered 404 Not Found"),
    ("/broken", "the server answered 500 Internal Server Error"),
    ("/to-ftp", "it redirects to ftp://127.0.0.1/transcript.txt"),
    ("/to-file", "it redirects to file:///etc/passwd"),
    ("/slow", "no complete answer within 1 s"),
    ("/endless", "is more than 1,000,000 bytes, over the limit"),
    ("/tramites.html", "this page does not look like a transcript of a press conference"),
    ("/image.png", "the server sent an image (image/png)"),
])
@pytest.mark.parametrize("command", ["summarize", "translate", "quotes"])
def test_each_error_is_one_clean_line(server, monkeypatch, command, route, message):
    monkeypatch.setenv("SUMMARIZER_FETCH_TIMEOUT", "1")
    result = run(command, server + route, "--max-bytes", "1000000")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


def test_an_unreachable_host_and_a_wrong_scheme_in_the_cli():
    port = free_port()
    result = run("summarize", f"http://127.0.0.1:{port}/hoy", "--quiet")
    assert result.exit_code == 1 and result.output == (
        f"Error: cannot read http://127.0.0.1:{port}/hoy: 127.0.0.1 refused the connection on port {port}\n")
    result = run("quotes", "ftp://example.org/hoy.txt")
    assert result.exit_code == 1 and "only http:// and https:// addresses can be read" in result.output
    result = run("quotes", "www.gob.mx/presidencia")
    assert result.exit_code == 1 and "an address starts with https://" in result.output
