"""A transcript read from the web: ``summarizer summarize https://www.gob.mx/presidencia/prensa/…``.

`from_url` GETs an http(s) address with urllib and gives a `Page` (the body's bytes, its
content type, where redirects led), read as a file is: the same size limit (bytes counted
as they arrive, gzip undone), the same decoder (`parse.decode.read_text`, told that HTML is
HTML). `Page.transcript` parses it, refusing a page that is not a transcript.

* Only ``http://`` and ``https://``, at the start and at every redirect (at most
  `MAX_REDIRECTS`); a redirect to ``ftp://`` or ``file://`` is refused.
* One time limit (``timeout``, default 20 s or ``$SUMMARIZER_FETCH_TIMEOUT``): each
  connection and wait for headers gets what is left of it, the body is cut off when it runs
  out however slowly it comes (looking up a host's name keeps the resolver's own limits).
* Images, audio, video, archives and other non-text content types are refused before
  their body is read; text, HTML, PDF, .docx and untyped bodies go to the decoder.

A str is transcript text everywhere in the API (`summarize("https://…")` summarizes the
address as text); `is_url` tells a str that is one http(s) address and nothing else.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import time
import zlib
from dataclasses import dataclass, replace
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from ._version import __version__
from .document import Kind, Transcript
from .errors import EmptyTranscriptError, FetchError
from .parse import parse_transcript
from .parse.decode import Decoded, read_text
from .settings import check_size, fetch_timeout, max_input_bytes

MAX_REDIRECTS = 5
USER_AGENT = f"mananera-summarizer/{__version__} (press-conference transcript reader; Python urllib)"
SCHEMES = ("http", "https")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
READABLE_TYPES = HTML_TYPES | {"", "application/octet-stream", "application/pdf", "application/x-pdf",
                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
"""Content types read besides ``text/*``: "" and octet-stream are whatever the decoder finds."""
_REFUSED_FAMILIES = {"image": "an image", "audio": "audio", "video": "a video", "font": "a font", "model": "a 3D model"}
_ARCHIVES = re.compile(r"zip|gzip|tar|rar|7z|bzip|xz|zstd|compressed|java-archive")
_URL = re.compile(r"^https?://\S+$", re.I)
_CHUNK = 64 * 1024
_REDIRECT_CODES = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Page:
    """What an address gave.

    Attributes:
        url: the address asked for.
        final_url: where the page was read, after redirects (== ``url`` when none).
        data: the body, gzip undone: at most the size limit.
        content_type: the media type, lower case, without parameters ("text/html"; "" when none).
        charset: the charset the server declared, else None (the decoder finds the encoding).
        redirects: each address redirected to, in order.
    """

    url: str
    final_url: str
    data: bytes
    content_type: str = ""
    charset: str | None = None
    redirects: tuple[str, ...] = ()

    @property
    def is_html(self) -> bool:
        return self.content_type in HTML_TYPES

    def decoded(self, max_bytes: int | None = None) -> Decoded:
        """The page's text (an HTML page reduced to its paragraphs, a PDF or .docx to its
        text) and the decoder's notes: `parse.decode.read_text`."""
        return read_text(self.data, max_bytes, html=self.is_html)

    def transcript(self, max_bytes: int | None = None) -> Transcript:
        """The page parsed as `parse_transcript` parses a file of the same bytes; raises
        `FetchError` when it is not a transcript (see `check_transcript`) or shows no text."""
        try:
            decoded = self.decoded(max_bytes)
        except EmptyTranscriptError:
            raise FetchError(f"this page does not look like a transcript of a press conference: {self.final_url} "
                             "shows no text (a page its scripts fill in?); open it in a browser, save its text and "
                             "give the file", url=self.url, final_url=self.final_url) from None
        doc = parse_transcript(decoded.text, max_bytes=max_bytes)
        # The notes of the bytes (an HTML page, bytes replaced), not those of the text decoded from them.
        parsed = tuple(w for w in doc.warnings if not getattr(w, "code", "").startswith("decode."))
        doc = replace(doc, warnings=tuple(decoded.notes) + parsed)
        check_transcript(doc, self.final_url)
        return doc


def is_url(text: object) -> bool:
    """Whether ``text`` is one http(s) address and nothing else (white space around it aside)."""
    return isinstance(text, str) and bool(_URL.match(text.strip())) and bool(urlsplit(text.strip()).hostname)


def transcript_from_url(url: str, *, timeout: float | None = None, max_bytes: int | None = None,
                        public_only: bool = False) -> Transcript:
    """The transcript at ``url``: `from_url`, then `Page.transcript`."""
    return from_url(url, timeout=timeout, max_bytes=max_bytes, public_only=public_only).transcript(max_bytes)


def from_url(url: str, *, timeout: float | None = None, max_bytes: int | None = None,
             public_only: bool = False) -> Page:
    """GET ``url`` (http or https) and return its `Page`.

    ``timeout``: seconds for everything, redirects included (default
    ``$SUMMARIZER_FETCH_TIMEOUT``, else 20); ``max_bytes``: the size limit of the body once
    gzip is undone (default: the input limit, ``$SUMMARIZER_MAX_INPUT_BYTES``);
    ``public_only``: refuse hosts on loopback, private, link-local or reserved networks, at
    every redirect and once connected (a server that fetches for its visitors: the web app).
    Raises `FetchError` (unreachable host, no answer in time, an HTTP error, a redirect that
    is not http(s) or one too many, a content type that is not text) and `InputTooLargeError`."""
    asked = url.strip()
    seconds = fetch_timeout(timeout)
    limit = max_input_bytes(max_bytes)
    deadline = time.monotonic() + seconds
    current, chain = _checked(asked, asked, []), []
    while True:
        if public_only:
            _refuse_private(current, asked, chain)
        response, location = _open(current, asked, chain, deadline, seconds)
        if response is not None:
            break
        target = urljoin(current, location)
        if len(chain) == MAX_REDIRECTS:
            raise _error(asked, chain, f"more than {MAX_REDIRECTS} redirects (the last to {target})")
        current = _checked(target, asked, chain, redirect=True)
        chain.append(current)
    with response:
        if public_only and (peer := _peer(response)):
            _refuse_private(current, asked, chain, peer)  # the name may resolve elsewhere the second time
        media, charset = _content_type(response, asked, chain)
        _check_length(response, limit, max_bytes, asked)
        data = _read_body(response, limit, max_bytes, deadline, (asked, chain, seconds))
    return Page(asked, current, data, media, charset, tuple(chain))


def check_transcript(doc: Transcript, url: str) -> None:
    """Raise `FetchError` when ``doc``, read from ``url``, is no transcript: no speaker
    labels and no quotation (a news article about a conference has quotations)."""
    if doc.format != "prose" and doc.turns:
        return
    if any(t.attribution != "inferred" or t.speaker.kind != Kind.UNKNOWN for t in doc.turns):
        return  # prose with quotations: a news article
    words = len(doc.text.split())
    raise FetchError(f"this page does not look like a transcript of a press conference: {url} has no speaker "
                     f"labels (such as “PRESIDENTE …:”) and no quotations in its {words:,} words of text; give "
                     "the address of the conference's stenographic version (versión estenográfica)", url=url)


# ---------------------------------------------------------------- addresses


def _checked(url: str, asked: str, chain: list[str], *, redirect: bool = False) -> str:
    """``url`` ready to send (non-ASCII and spaces percent-encoded, no fragment), or a
    `FetchError` when it is not an http(s) address with a host."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError as exc:
        raise _error(asked, chain, f"the address {url} is not valid ({exc})") from None
    if parts.scheme.lower() not in SCHEMES:
        if redirect:
            raise _error(asked, chain, f"it redirects to {url}, which is not a web page: only http:// and https:// "
                                       "addresses are followed")
        raise FetchError(f"cannot read {asked}: only http:// and https:// addresses can be read; download the "
                         "file and give its path", url=asked)
    if not parts.hostname:
        raise _error(asked, chain, f"the address {url} names no host")
    safe = "!#$%&'()*+,/:;=?@[]~"
    return urlunsplit((parts.scheme.lower(), parts.netloc, quote(parts.path, safe=safe) or "/",
                       quote(parts.query, safe=safe), ""))


def _where(asked: str, chain) -> str:
    return f"{asked} (redirected to {chain[-1]})" if chain else asked


def _error(asked: str, chain, why: str, *, status: int | None = None) -> FetchError:
    return FetchError(f"cannot read {_where(asked, chain)}: {why}", url=asked, status=status,
                      final_url=chain[-1] if chain else None)


def _refuse_private(url: str, asked: str, chain, peer: str | None = None) -> None:
    """`FetchError` when ``url``'s host (or ``peer``, the address connected to) is not on
    the public internet; a name that is not found is left to the connection to report."""
    import ipaddress
    import socket

    host = urlsplit(url).hostname
    try:
        addresses = [peer] if peer else [info[4][0] for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)]
    except OSError:
        return
    for address in addresses:
        ip = ipaddress.ip_address(address.partition("%")[0])
        ip = getattr(ip, "ipv4_mapped", None) or ip
        if not ip.is_global:
            raise _error(asked, chain, f"{host} is on a private network ({ip}): only public addresses are read here")


def _peer(response) -> str | None:
    """The address the response came from, None when its socket is gone."""
    import socket

    try:
        with socket.socket(fileno=os.dup(response.fileno())) as sock:
            return sock.getpeername()[0]
    except (OSError, ValueError, AttributeError):
        return None


# ---------------------------------------------------------------- the request


@functools.cache
def _opener():
    """urllib's opener without redirects: `from_url` follows them itself, checking where
    they go; a 3xx answer is an `HTTPError`. (urllib, ssl and http.client load on first
    use: ``import summarizer`` stays light.)"""
    import urllib.request

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def http_error_302(self, req, fp, code, msg, headers):
            return None

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    return urllib.request.build_opener(NoRedirects)


def _open(url: str, asked: str, chain, deadline: float, seconds: float):
    """``(response, None)`` for a page, ``(None, location)`` for a redirect; else `FetchError`."""
    opener = _opener()
    import http.client
    import urllib.error
    import urllib.request

    left = deadline - time.monotonic()
    if left <= 0:
        raise _error(asked, chain, _slow(seconds))
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT, "Accept-Encoding": "gzip",
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8,*/*;q=0.5",
        "Accept-Language": "es-MX,es;q=0.9,en;q=0.8"})
    try:
        return opener.open(request, timeout=left), None
    except urllib.error.HTTPError as exc:
        with exc:
            location = exc.headers.get("Location") if exc.headers else None
            if exc.code in _REDIRECT_CODES and location:
                return None, location.strip()
            raise _error(asked, chain, _status(exc.code, exc.reason), status=exc.code) from None
    except urllib.error.URLError as exc:
        raise _error(asked, chain, _unreachable(exc.reason, url, seconds)) from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise _error(asked, chain, _unreachable(exc, url, seconds)) from None


def _status(code: int, reason: object) -> str:
    import http.client

    said = f"the server answered {code} {reason or http.client.responses.get(code, '')}".rstrip()
    advice = ("the page is not public, or the server refuses programs; open it in a browser, save it and give the file"
              if code in (401, 403) else "there is no page at this address; check it" if code in (404, 410)
              else "the server is busy or failing; try again later" if code == 429 or code >= 500 else "")
    return f"{said}: {advice}" if advice else said


def _slow(seconds: float) -> str:
    return f"no complete answer within {seconds:g} s (the server is slow or unreachable); try again later, or " \
           "save the page and give the file"


def _unreachable(reason: object, url: str, seconds: float) -> str:
    """Why a host could not be reached, for people."""
    import http.client
    import socket
    import ssl

    parts = urlsplit(url)
    host = parts.hostname or url
    if isinstance(reason, socket.gaierror):
        return f"the host {host} was not found (check the address, and that this machine is online)"
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection on port {parts.port or (443 if parts.scheme == 'https' else 80)}"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _slow(seconds)
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the secure connection to {host} failed: {reason.verify_message or reason}"
    if isinstance(reason, ssl.SSLError):
        return f"the secure connection to {host} failed ({reason.reason or reason})"
    if isinstance(reason, http.client.RemoteDisconnected):
        return f"{host} closed the connection without answering"
    if isinstance(reason, OSError):
        return f"{host} cannot be reached: {reason.strerror or reason}"
    return f"{host} cannot be reached: {reason}"


# ---------------------------------------------------------------- the answer


def _content_type(response, asked: str, chain) -> tuple[str, str | None]:
    """The media type and charset, or `FetchError` for content that cannot be a transcript."""
    media = (response.headers.get_content_type() if response.headers.get("Content-Type") else "").lower()
    charset = response.headers.get_content_charset()
    family = media.partition("/")[0]
    if family == "text" or media in READABLE_TYPES:
        return media, charset
    what = _REFUSED_FAMILIES.get(family) or ("an archive" if _ARCHIVES.search(media) else "a file")
    raise _error(asked, chain, f"the server sent {what} ({media}), not a transcript; give the address of the "
                               "transcript's page (HTML, text, PDF or .docx)")


def _check_length(response, limit: int, max_bytes: int | None, asked: str) -> None:
    """Refuse at once a body whose declared length is over the limit."""
    declared = response.headers.get("Content-Length", "").strip()
    if declared.isdigit() and int(declared) > limit:
        compressed = response.headers.get("Content-Encoding", "identity").strip().lower() not in ("", "identity")
        check_size(int(declared), max_bytes, what=f"the page at {asked}", at_least=compressed)


def _decoder(response, asked: str, chain):
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip", "deflate"):
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # gzip or zlib, told by the header
    raise _error(asked, chain, f"the server sent the page compressed as {encoding!r}, which this reader cannot undo")


def _read_body(response, limit: int, max_bytes: int | None, deadline: float, context) -> bytes:
    """The body, gzip undone, at most ``limit`` bytes counted as they arrive, by ``deadline``."""
    import http.client

    asked, chain, seconds = context
    decoder = _decoder(response, asked, chain)
    parts, size = [], 0
    with _cut_off_at(response, deadline) as expired:
        while True:
            try:
                raw = response.read1(_CHUNK)
            except (OSError, http.client.HTTPException, ValueError) as exc:
                if expired():
                    raise _error(asked, chain, _slow(seconds)) from None
                raise _error(asked, chain, f"the connection broke while the page was read ({exc!r})") from None
            if expired():
                raise _error(asked, chain, _slow(seconds))
            try:  # never more than one byte over the limit in memory, however well it compresses
                block = raw if decoder is None else (
                    decoder.decompress(raw, limit + 1 - size) if raw else decoder.flush())
            except zlib.error as exc:
                raise _error(asked, chain, f"the page's compressed data is damaged ({exc})") from None
            size += len(block)
            if size > limit:
                check_size(size, max_bytes, what=f"the page at {asked}", at_least=True)
            parts.append(block)
            if not raw:
                return b"".join(parts)


@contextlib.contextmanager
def _cut_off_at(response, deadline: float):
    """Shut the connection at ``deadline``, so that a read waiting on a slow server returns;
    yields a function that says whether that time came."""
    import socket
    import threading

    fired = threading.Event()
    try:
        sock = socket.socket(fileno=os.dup(response.fileno()))
    except (OSError, ValueError, AttributeError):  # no socket left: the body is already buffered
        sock = None

    def cut() -> None:
        fired.set()
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(0.0, deadline - time.monotonic()), cut) if sock is not None else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    try:
        yield lambda: fired.is_set() or time.monotonic() >= deadline
    finally:
        if timer is not None:
            timer.cancel()
            sock.close()


__all__ = ["Page", "from_url", "transcript_from_url", "check_transcript", "is_url", "MAX_REDIRECTS", "USER_AGENT"]
