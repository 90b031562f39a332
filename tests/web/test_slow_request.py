"""One slow request (the largest transcript the app takes: 2 MB, several conferences pasted
together) does not hold up a second visitor's brief: made beside it, the brief takes at
most twice its time alone. Both are timed in one run, side by side, so that a machine
busy with other work slows both alike."""

from __future__ import annotations

import statistics
import tempfile
import threading
import time

import pytest

from support import CORPUS, SEEDS, running_app

MAX_BYTES = 2_000_000


def _large_transcript() -> str:
    """Conferences pasted together up to the app's limit: the corpus's, else the seed's."""
    found = sorted(CORPUS.glob("*.web.txt")) if CORPUS.is_dir() else []
    texts = [p.read_text(encoding="utf-8") for p in found] or [(SEEDS / "2023-12-28.web.txt").read_text("utf-8")]
    parts, size, n = [], 0, 0
    while True:
        text = texts[n % len(texts)]
        if size + len(text.encode("utf-8")) + 2 > MAX_BYTES - 1000:
            return "\n\n".join(parts)
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
        n += 1


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("slow"), SUMMARIZER_UI_CONCURRENCY="2",
                     SUMMARIZER_UI_MAX_BYTES=str(MAX_BYTES)) as url:
        yield url


def _brief(url: str, text: str) -> float:
    """Seconds for a Spanish brief of ``text`` (extractive: no model) through the API."""
    from gradio_client import Client

    client = Client(url, verbose=False, download_files=False)
    start = time.perf_counter()
    result = client.predict(text, "es", "extractive", 5, "sshleifer/distilbart-cnn-12-6", "Helsinki-NLP/opus-mt-es-en",
                            "Helsinki-NLP/opus-mt-en-es", "auto", api_name="/summarize")
    assert result[0].startswith("# Resumen:")
    return time.perf_counter() - start


def test_a_slow_request_does_not_hold_up_another_visitors_brief(app_url, monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # gradio_client's own folders
    seed = (SEEDS / "2023-12-28.web.txt").read_text(encoding="utf-8")
    large = _large_transcript()
    _brief(app_url, seed)  # warm
    alone = [_brief(app_url, seed) for _ in range(5)]
    slow: dict[str, float | BaseException] = {}

    def run_slow() -> None:
        try:
            slow["seconds"] = _brief(app_url, large)
        except BaseException as exc:  # noqa: BLE001 - reported below
            slow["error"] = exc

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(2)  # the large one is being briefed
    beside = [_brief(app_url, seed) for _ in range(5)]
    still_running = thread.is_alive()
    thread.join(timeout=600)
    alone += [_brief(app_url, seed) for _ in range(5)]  # before and after: the machine's load drifts
    assert "error" not in slow, slow
    print(f"alone {[round(s, 2) for s in alone]}, beside the large one {[round(s, 2) for s in beside]}, "
          f"the large one {slow['seconds']:.1f} s")
    assert still_running, "the large brief ended before the others: nothing was compared"
    assert statistics.median(beside) <= 2 * statistics.median(alone)
