"""The first real download, against a fake hub that lacks each piece we could not check
offline: the pinned revision (fall back to the default branch, with a warning) and the
safetensors weights (fetch the PyTorch weights, convert them once, unpickle nothing else).
The CLI runs in a fresh process with HF_ENDPOINT pointing at the fake hub."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fake_hub import FakeHub
from support import REPO

ES_EN = "Helsinki-NLP/opus-mt-es-en"


@pytest.fixture(scope="module")
def checkpoint(tiny_models_dir) -> dict[str, dict[str, bytes]]:
    """The tiny es→en model's files: as safetensors, and as an old PyTorch checkpoint."""
    import torch
    from transformers import AutoModelForSeq2SeqLM

    folder = tiny_models_dir / "opus-mt-es-en"
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != "TINY_RANDOM_MODEL.txt"}
    model = AutoModelForSeq2SeqLM.from_pretrained(str(folder))
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)  # tied embeddings share storage, as in old checkpoints
    pickled = {k: v for k, v in files.items() if k != "model.safetensors"}
    pickled["pytorch_model.bin"] = buffer.getvalue()
    return {"safetensors": files, "pytorch": pickled}


@pytest.fixture
def hub():
    fake = FakeHub()
    yield fake
    fake.close()


def run(args: list[str], hub: FakeHub, tmp_path: Path, **env) -> subprocess.CompletedProcess:
    environ = {**os.environ, "HF_ENDPOINT": hub.url, "HF_HOME": str(tmp_path / "hf-home"),
               "SUMMARIZER_MODELS_DIR": str(tmp_path / "models"), "PYTHONPATH": str(REPO),
               "HF_HUB_DISABLE_PROGRESS_BARS": "1", "HF_HUB_DISABLE_XET": "1", **env}
    environ.pop("HF_HUB_OFFLINE", None)
    environ.pop("HF_HUB_CACHE", None)
    return subprocess.run([sys.executable, "-m", "summarizer", *args], cwd=REPO, env=environ,
                          capture_output=True, text=True, timeout=300)


def test_a_missing_pinned_revision_falls_back_to_the_default_branch(hub, checkpoint, tmp_path):
    hub.repos[ES_EN] = {"main": checkpoint["safetensors"]}
    result = run(["models", "download", "es-en"], hub, tmp_path)
    assert result.returncode == 0, result.stderr
    commit = hub.sha(ES_EN, "main")
    assert (f"{ES_EN}: the pinned revision refs/pr/4 is not on the hub; using the default branch (commit {commit}) "
            "instead") in result.stderr
    folder = tmp_path / "models" / "opus-mt-es-en"
    assert result.stdout.startswith(f"{ES_EN}: {folder} (")
    assert (folder / "model.safetensors").read_bytes() == checkpoint["safetensors"]["model.safetensors"]


def test_pytorch_weights_are_converted_once_and_load_like_the_original(hub, checkpoint, tmp_path, tiny_models_dir):
    hub.repos[ES_EN] = {"refs/pr/4": checkpoint["pytorch"]}
    result = run(["models", "download", "es-en"], hub, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "had no safetensors weights: converted pytorch_model.bin to model.safetensors" in result.stderr
    folder = tmp_path / "models" / "opus-mt-es-en"
    assert (folder / "model.safetensors").is_file()
    assert not list(folder.glob("*.bin")) and not list(folder.parent.glob(".*partial"))
    assert _translations(folder) == _translations(tiny_models_dir / "opus-mt-es-en")


def test_both_missing_fall_back_and_convert(hub, checkpoint, tmp_path):
    hub.repos[ES_EN] = {"main": checkpoint["pytorch"]}
    result = run(["models", "download", "es-en"], hub, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "is not on the hub; using the default branch" in result.stderr and "converted pytorch_model.bin" in result.stderr
    assert (tmp_path / "models" / "opus-mt-es-en" / "model.safetensors").is_file()


def test_a_first_use_downloads_into_the_cache_with_the_same_fallbacks(hub, checkpoint, tmp_path):
    hub.repos[ES_EN] = {"main": checkpoint["pytorch"]}
    source = tmp_path / "t.txt"
    source.write_text("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días.\n", encoding="utf-8")
    result = run(["translate", str(source), "--to", "en", "--quiet"], hub, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: ")
    snapshots = list((tmp_path / "hf-home" / "hub").glob("models--Helsinki-NLP--opus-mt-es-en/snapshots/*"))
    assert [s.name for s in snapshots] == [hub.sha(ES_EN, "main")]
    assert (snapshots[0] / "model.safetensors").is_file() and not (snapshots[0] / "pytorch_model.bin").exists()
    asked = len(hub.requests)
    again = run(["translate", str(source), "--to", "en", "--quiet"], hub, tmp_path)
    assert again.returncode == 0 and "converted" not in again.stderr  # once
    assert len(hub.requests) == asked  # found in the cache: the hub is not asked again


class _Payload:
    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_pickle_that_is_not_plain_tensors_is_never_run(hub, checkpoint, tmp_path):
    import pickle

    marker = tmp_path / "pwned"
    payload = _Payload()
    payload.marker = marker
    files = dict(checkpoint["pytorch"], **{"pytorch_model.bin": pickle.dumps({"weight": payload})})
    hub.repos[ES_EN] = {"refs/pr/4": files}
    result = run(["models", "download", "es-en"], hub, tmp_path)
    assert result.returncode == 1
    assert "pytorch_model.bin is not a plain PyTorch state dict" in result.stderr
    assert "Traceback" not in result.stderr
    assert not marker.exists()
    assert not (tmp_path / "models" / "opus-mt-es-en").exists()


def test_an_explicit_revision_never_falls_back(hub, checkpoint, tmp_path):
    hub.repos[ES_EN] = {"main": checkpoint["safetensors"]}
    result = run(["models", "download", "es-en", "--revision", "v9"], hub, tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith(
        f"Error: cannot download {ES_EN} (translate es→en, revision v9) from {hub.url}: RevisionNotFoundError")
    assert not (tmp_path / "models" / "opus-mt-es-en").exists()


def _translations(folder: Path) -> list[str]:
    from summarizer import Translator

    translator = Translator("es", "en", model=str(folder), device="cpu")
    return translator.translate_texts(["Buenos días.", "Vamos a informar mañana sobre el acuerdo."])
