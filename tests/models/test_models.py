"""The model registry: resolution order, offline safety, loading once, the models CLI."""

import os
import shutil
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner

from summarizer import models
from summarizer.cli import main
from summarizer.errors import ModelError, ModelNotAvailableError, UnsupportedLanguageError
from summarizer.models import REGISTRY, Models, ModelSpec
from summarizer.settings import models_dir
from summarizer.models.hf import LoadedModel

from support import REPO, TRANSFORMERS_ONLY


def test_registry_pins_every_default():
    assert {key: spec.name for key, spec in REGISTRY.items()} == {
        ("translate", "es", "en"): "Helsinki-NLP/opus-mt-es-en",
        ("translate", "en", "es"): "Helsinki-NLP/opus-mt-en-es",
        ("summarize", None, None): "sshleifer/distilbart-cnn-12-6",
        ("chat", None, None): "Qwen/Qwen2.5-1.5B-Instruct",
    }
    assert all(spec.revision for spec in REGISTRY.values())
    assert REGISTRY[("translate", "es", "en")].folder_names == ("opus-mt-es-en", "Helsinki-NLP--opus-mt-es-en")


def test_spec_for_pairs_names_and_errors():
    assert models.spec_for("translate", source="ES", target="en") is REGISTRY[("translate", "es", "en")]
    assert models.spec_for("summarize") is REGISTRY[("summarize", None, None)]
    assert models.spec_for("translate", source="es", target="en", name="opus-mt-es-en").revision == "refs/pr/4"
    custom = models.spec_for("translate", source="es", target="fr", name="Helsinki-NLP/opus-mt-es-fr")
    assert custom == ModelSpec("translate", "Helsinki-NLP/opus-mt-es-fr", None, "es", "fr")
    with pytest.raises(UnsupportedLanguageError, match="supported pairs: es→en, en→es"):
        models.spec_for("translate", source="es", target="fr")
    with pytest.raises(ValueError, match="tasks are translate, summarize"):
        models.spec_for("transcribe")


def test_models_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tmp_path))
    assert models_dir() == tmp_path
    monkeypatch.delenv("SUMMARIZER_MODELS_DIR")
    assert models_dir() == REPO / "models"


def test_pick_device():
    assert models.pick_device("cpu") == "cpu"
    assert models.pick_device("auto") in {"cpu", "cuda"}
    with pytest.raises(ValueError):
        models.pick_device("tpu")
    import torch

    if not torch.cuda.is_available():
        with pytest.raises(ModelError, match="no CUDA"):
            models.pick_device("cuda")


def get_model(task, *, models=None, device="auto", **pair):
    """The transformers objects of ``task``'s model, loaded by ``models`` (default: one from the settings)."""
    models = models or Models.from_settings(device=device, backend="transformers")
    return models.generator(task, **pair).loaded


def is_available(task, **pair) -> bool:
    return Models.from_settings().available(task, pair.get("source"), pair.get("target"), name=pair.get("name"))


def loads(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("loading ")]


@TRANSFORMERS_ONLY
def test_tiny_models_resolve_from_models_folder(tiny_models, caplog):
    caplog.set_level("INFO", logger="summarizer")
    for (task, source, target), spec in REGISTRY.items():
        assert is_available(task, source=source, target=target)
        where = Models.from_settings().locate(spec)
        assert (where.kind, where.path) == ("folder", tiny_models / spec.short_name)
    assert loads(caplog) == []  # is_available never loads


@TRANSFORMERS_ONLY
def test_get_model_loads_once_and_describes_itself(tiny_models):
    cpu = Models.from_settings(device="cpu")
    loaded = get_model("translate", source="es", target="en", models=cpu)
    assert isinstance(loaded, LoadedModel)
    assert loaded.spec is REGISTRY[("translate", "es", "en")]
    assert loaded.path == str(tiny_models / "opus-mt-es-en")
    assert (loaded.device, loaded.max_input_tokens, loaded.quantized) == ("cpu", 512, False)
    assert type(loaded.model).__name__ == "MarianMTModel" and not loaded.model.training
    assert type(loaded.tokenizer).__name__ == "MarianTokenizer"
    assert get_model("translate", source="es", target="en", models=cpu) is loaded  # once per Models
    assert get_model("translate", source="es", target="en", device="cpu") is not loaded  # each caller its own
    summarizer = get_model("summarize", models=cpu)
    assert type(summarizer.model).__name__ == "BartForConditionalGeneration"
    assert summarizer.max_input_tokens == 1024 and summarizer.tokenizer("Hola")["input_ids"][0] == 0


@TRANSFORMERS_ONLY
def test_get_model_is_thread_safe(tiny_models, caplog):
    caplog.set_level("INFO", logger="summarizer")
    results = []
    shared = Models.from_settings()
    threads = [threading.Thread(target=lambda: results.append(get_model("translate", source="en", target="es",
                                                                        models=shared)))
               for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(loads(caplog)) == 1 and len(results) == 5 and all(r is results[0] for r in results)


def test_full_id_folder_and_explicit_path(tiny_models_dir, tmp_path, monkeypatch):
    base = tmp_path / "models"
    shutil.copytree(tiny_models_dir / "opus-mt-es-en", base / "Helsinki-NLP--opus-mt-es-en")
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(base))
    spec = REGISTRY[("translate", "es", "en")]
    assert Models.from_settings().locate(spec) == models.Location("folder", base / "Helsinki-NLP--opus-mt-es-en")
    explicit = str(tiny_models_dir / "opus-mt-en-es")
    loaded = get_model("translate", source="en", target="es", name=explicit)
    assert loaded.path == explicit and loaded.spec.name == explicit
    with pytest.raises(ModelNotAvailableError, match="does not exist"):
        get_model("translate", source="es", target="en", name=str(tmp_path / "nowhere"))


def test_hf_cache_at_the_pinned_revision(tiny_models_dir, no_models, tmp_path):
    repo = tmp_path / "hf-home" / "hub" / "models--Helsinki-NLP--opus-mt-es-en"
    shutil.copytree(tiny_models_dir / "opus-mt-es-en", repo / "snapshots" / ("a" * 40))
    (repo / "refs" / "refs" / "pr").mkdir(parents=True)
    (repo / "refs" / "refs" / "pr" / "4").write_text("a" * 40)
    assert is_available("translate", source="es", target="en")
    assert not is_available("translate", source="en", target="es")
    loaded = get_model("translate", source="es", target="en")
    assert loaded.path == str(repo / "snapshots" / ("a" * 40))


def test_pickled_weights_are_never_loaded(tiny_models_dir, tmp_path):
    folder = tmp_path / "pickled"
    shutil.copytree(tiny_models_dir / "opus-mt-es-en", folder)
    (folder / "model.safetensors").rename(folder / "pytorch_model.bin")
    assert not is_available("translate", source="es", target="en", name=str(folder))
    with pytest.raises(ModelNotAvailableError, match="incomplete"):
        get_model("translate", source="es", target="en", name=str(folder))


def test_missing_model_error_says_where_and_how(no_models):
    assert not is_available("summarize")
    assert not is_available("translate", source="es", target="fr")
    with pytest.raises(ModelNotAvailableError) as info:
        get_model("summarize")
    message = str(info.value)
    assert "sshleifer/distilbart-cnn-12-6" in message and "revision a4f8f3e" in message
    assert str(no_models / "distilbart-cnn-12-6") in message and str(no_models / "sshleifer--distilbart-cnn-12-6") in message
    assert "Hugging Face cache" in message and "HF_HUB_OFFLINE=1" in message
    assert "`summarizer models download distilbart-cnn-12-6`" in message


# ---------------------------------------------------------------- CLI


def test_cli_models_list(tiny_models):
    result = CliRunner().invoke(main, ["models", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert str(tiny_models) in lines[0] and lines[2] == "hub: offline (HF_HUB_OFFLINE=1)"
    row = next(line for line in lines if line.startswith("translate es→en"))
    assert "Helsinki-NLP/opus-mt-es-en@refs/pr/4" in row and " yes, a tiny random test model " in row and "KB" in row
    assert str(tiny_models / "opus-mt-es-en") in row
    assert lines[-1].startswith("Tiny random test models (from `python -m summarizer.testing`) write gibberish")


def test_cli_models_list_json_when_missing(no_models):
    import json

    result = CliRunner().invoke(main, ["models", "list", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [r["present"] for r in rows] == [False, False, False, False]
    assert rows[2]["name"] == "sshleifer/distilbart-cnn-12-6" and rows[2]["size"] is None


def test_cli_models_download_offline_is_a_clear_error(no_models):
    result = CliRunner().invoke(main, ["models", "download"])
    assert result.exit_code == 1
    assert "cannot download Helsinki-NLP/opus-mt-es-en" in result.output
    assert "HF_HUB_OFFLINE=1 forbids the network" in result.output and "Traceback" not in result.output
    assert list(no_models.iterdir()) == []


def test_cli_models_download_unknown_name(no_models):
    result = CliRunner().invoke(main, ["models", "download", "opus-mt-xx"])
    assert result.exit_code == 2
    assert "registered models are opus-mt-es-en, opus-mt-en-es, distilbart-cnn-12-6" in result.output


def test_cli_models_download_without_a_hub_fails_fast(tmp_path):
    """Online mode, but the hub does not answer: one clear line, quickly, nothing written."""
    env = dict(os.environ, HF_HUB_OFFLINE="0", HF_ENDPOINT="http://127.0.0.1:9", SUMMARIZER_MODELS_DIR=str(tmp_path),
               HF_HOME=str(tmp_path / "hf"))
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "summarizer", "models", "download", "es-en"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    assert "Error: cannot download Helsinki-NLP/opus-mt-es-en" in result.stderr
    assert "http://127.0.0.1:9" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.glob("opus-mt-*")) == []
