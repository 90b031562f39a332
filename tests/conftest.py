"""Shared fixtures: tiny random models built once per session (with their CTranslate2
copies), an empty models folder, the corpus when this clone has it. Nothing here ever
reaches the Hugging Face hub.

Every test that takes ``tiny_models`` runs twice, once per backend (ids ``ctranslate2``
and ``transformers``, set through ``$SUMMARIZER_BACKEND``); a test about one backend
only says so with ``@pytest.mark.parametrize("tiny_models", ["transformers"], indirect=True)``."""

import os

os.environ["HF_HUB_OFFLINE"] = "1"  # before anything imports huggingface_hub

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from support import CORPUS, small_transcript  # noqa: E402


@pytest.fixture(scope="session")
def tiny_models_dir(tmp_path_factory) -> Path:
    """A models folder of tiny random models (es→en, en→es, summarizer), built once."""
    import torch

    from summarizer.testing import build_models

    # Tiny models gain nothing from threads, and on a busy machine two threads
    # spinning for two cores make torch several times slower.
    torch.set_num_threads(1)
    dest = tmp_path_factory.mktemp("tiny-models")
    build_models(dest)
    return dest


BACKENDS = ["ctranslate2", "transformers"]


@pytest.fixture(params=BACKENDS)
def tiny_models(request, tiny_models_dir, monkeypatch) -> Path:
    """The tiny models as the models folder of the settings, offline, run by one backend after
    the other (``$SUMMARIZER_BACKEND``): what `Models.from_settings` (the CLI's, the web
    app's, the API's default) finds."""
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tiny_models_dir))
    monkeypatch.setenv("SUMMARIZER_BACKEND", request.param)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return tiny_models_dir


@pytest.fixture
def no_models(tmp_path, monkeypatch) -> Path:
    """An empty models folder and an empty Hugging Face cache, offline, in the settings."""
    empty = tmp_path / "no-models"
    empty.mkdir()
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(empty))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.delenv("SUMMARIZER_BACKEND", raising=False)
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    return empty


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """``../shared/corpus`` (24 real transcripts); skips where this clone lacks it."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not in this clone")
    return CORPUS


@pytest.fixture
def archive(tmp_path):
    """An input folder: five small transcripts, one in a sub-folder, plus noise to ignore."""
    root = tmp_path / "in"
    (root / "2024").mkdir(parents=True)
    for n in range(4):
        (root / f"doc{n}.txt").write_text(small_transcript(n), encoding="utf-8")
    (root / "2024" / "doc4.txt").write_text(small_transcript(4), encoding="utf-8")
    (root / "notes.pdf").write_bytes(b"%PDF")
    (root / ".hidden.txt").write_text("x", encoding="utf-8")
    return root
