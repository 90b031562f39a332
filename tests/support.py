"""Paths and inputs the tests share (import it as ``from support import …``)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
DATA = REPO / "tests" / "data"
CORPUS = REPO.parent / "shared" / "corpus"
"""The 24-transcript test corpus beside this clone (absent from a user's clone)."""

TRANSFORMERS_ONLY = pytest.mark.parametrize("tiny_models", ["transformers"], indirect=True)
"""For a test of transformers' own objects (`get_model`): the tiny models with that backend only."""


def small_transcript(n: int) -> str:
    return (
        f"Versión estenográfica {n}\n\n"
        f"PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días. Hoy es el día {n}.\n\n"
        f"PREGUNTA: ¿Qué pasó con el tema {n}?\n\n"
        f"PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Vamos a informar mañana.\n"
    )


def transcript_folder(tmp_path: Path, count: int = 3) -> Path:
    """``tmp_path/in`` holding ``count`` small transcripts, ``doc0.txt``…"""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(count):
        (folder / f"doc{n}.txt").write_text(small_transcript(n), encoding="utf-8")
    return folder


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    """Wait for the web app ``proc`` to answer on ``url``; fail with the end of its ``log``
    if it exits or does not answer within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"app.py exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url + "config", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"app.py did not answer on {url} within {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


@contextmanager
def running_app(tmp: Path, **settings: str) -> Iterator[str]:
    """`python app.py` on a free port: offline, no models, its temporary files in ``tmp``,
    ``settings`` (environment variables) added; yields its address; always stopped."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", "TMPDIR": str(tmp),
           "SUMMARIZER_MODELS_DIR": str(tmp / "no-models"), "PYTHONPATH": str(REPO), **settings}
    env.pop("GRADIO_TEMP_DIR", None)
    port = free_port()
    log = tmp / "app.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=REPO, env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_up(url, proc, log)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@contextmanager
def http_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[ThreadingHTTPServer]:
    """A local HTTP server (127.0.0.1, a free port) answering with ``handler`` in a thread of
    its own; its ``seen`` list is for the handler to record requests in; always shut down."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads, httpd.seen = True, []
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
