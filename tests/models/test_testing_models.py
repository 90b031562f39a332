"""`python -m summarizer.testing DEST`: tiny random models laid out as a models folder."""

import hashlib
import json
import os
import subprocess
import sys

import pytest

from summarizer.testing import MARKER, build_models

from support import REPO, TRANSFORMERS_ONLY


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_module_writes_a_models_folder_deterministically(tmp_path, tiny_models_dir):
    dest = tmp_path / "models"
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    result = subprocess.run([sys.executable, "-m", "summarizer.testing", str(dest)], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"SUMMARIZER_MODELS_DIR={dest.resolve()}" in result.stdout
    assert sorted(p.name for p in dest.iterdir()) == [
        "Qwen2.5-1.5B-Instruct", "Qwen2.5-1.5B-Instruct.ct2-int8", "distilbart-cnn-12-6",
        "distilbart-cnn-12-6.ct2-int8", "opus-mt-en-es", "opus-mt-en-es.ct2-int8", "opus-mt-es-en",
        "opus-mt-es-en.ct2-int8"]
    assert "(CTranslate2 int8 copy: " in result.stdout
    for name in ("opus-mt-es-en", "opus-mt-en-es"):
        files = {p.name for p in (dest / name).iterdir()}
        assert {"config.json", "generation_config.json", "model.safetensors", "source.spm", "target.spm",
                "vocab.json", "tokenizer_config.json", MARKER} <= files
        assert not any(f.endswith((".bin", ".pt", ".pkl")) for f in files)
        # Same seed, same models as the session's build.
        for file in ("model.safetensors", "source.spm", "vocab.json"):
            assert digest(dest / name / file) == digest(tiny_models_dir / name / file)
    assert {"merges.txt", "vocab.json", "tokenizer.json", "model.safetensors"} <= {
        p.name for p in (dest / "distilbart-cnn-12-6").iterdir()}
    chat = {p.name for p in (dest / "Qwen2.5-1.5B-Instruct").iterdir()}  # a chat model: its template too
    assert {"tokenizer.json", "tokenizer_config.json", "model.safetensors", "config.json", MARKER} <= chat
    assert "chat_template.jinja" in chat or "im_start" in (dest / "Qwen2.5-1.5B-Instruct" / "tokenizer_config.json"
                                                           ).read_text(encoding="utf-8")
    for name in ("opus-mt-es-en", "opus-mt-en-es", "distilbart-cnn-12-6", "Qwen2.5-1.5B-Instruct"):
        copy = dest / f"{name}.ct2-int8"  # the CTranslate2 copies, alike too
        assert {"model.bin", "config.json", "summarizer-ct2.json", MARKER, "hf"} <= {p.name for p in copy.iterdir()}
        assert digest(copy / "model.bin") == digest(tiny_models_dir / f"{name}.ct2-int8" / "model.bin")


def test_marian_vocabulary_is_shaped_like_opus_mt(tiny_models_dir):
    for name in ("opus-mt-es-en", "opus-mt-en-es"):
        vocab = json.loads((tiny_models_dir / name / "vocab.json").read_text(encoding="utf-8"))
        config = json.loads((tiny_models_dir / name / "config.json").read_text(encoding="utf-8"))
        assert vocab["</s>"] == 0 and vocab["<unk>"] == 1 and vocab["<pad>"] == len(vocab) - 1
        assert config["vocab_size"] == len(vocab) and config["pad_token_id"] == vocab["<pad>"]
        assert config["decoder_start_token_id"] == vocab["<pad>"] and config["max_position_embeddings"] == 512
        assert 500 < len(vocab) < 4000


@TRANSFORMERS_ONLY
def test_tiny_tokenizers_cover_the_seed_text(tiny_models):
    from summarizer.models import Models

    models = Models.from_settings()
    tokenizer = models.generator("translate", source="es", target="en").loaded.tokenizer
    ids = tokenizer("Buenos días. Está muy bien el clima, ¿no? Ánimo.")["input_ids"]
    assert tokenizer.unk_token_id not in ids and ids[-1] == tokenizer.eos_token_id
    bart = models.generator("summarize").loaded.tokenizer
    text = "Se han apoyado alrededor de 270 mil hogares."
    assert bart.decode(bart(text)["input_ids"], skip_special_tokens=True) == text


def test_never_overwrites_a_real_model(tmp_path):
    real = tmp_path / "opus-mt-es-en"
    real.mkdir()
    (real / "config.json").write_text("{}")
    result = subprocess.run([sys.executable, "-m", "summarizer.testing", str(tmp_path)], cwd=REPO,
                            env=dict(os.environ, HF_HUB_OFFLINE="1"), capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "is not a tiny test model" in result.stderr
    assert (real / "config.json").read_text() == "{}"


def test_rebuilding_replaces_tiny_models(tmp_path):
    first = build_models(tmp_path)
    (first["Helsinki-NLP/opus-mt-es-en"] / "stale.txt").write_text("x")
    (tmp_path / "opus-mt-es-en.ct2-int8" / "stale.txt").write_text("x")
    again = build_models(tmp_path)
    assert again == first and not (first["Helsinki-NLP/opus-mt-es-en"] / "stale.txt").exists()
    assert not (tmp_path / "opus-mt-es-en.ct2-int8" / "stale.txt").exists()


def test_never_overwrites_a_real_converted_copy(tmp_path):
    real = tmp_path / "opus-mt-es-en.ct2-int8"
    real.mkdir()
    (real / "model.bin").write_bytes(b"real")
    with pytest.raises(FileExistsError, match="is not a tiny test model"):
        build_models(tmp_path)
    assert (real / "model.bin").read_bytes() == b"real"
