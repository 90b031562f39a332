"""Paths and inputs the tests share (import it as ``from support import …``)."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
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
