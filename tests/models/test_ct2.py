"""The CTranslate2 backend: converted copies, staleness, the choice of backend (option,
environment, CLI), provenance, and agreement with transformers on the tiny models."""

import hashlib
import json
import logging
import shutil

import pytest
from click.testing import CliRunner

from summarizer import OptionError, Summarizer, SummaryOptions, parse_transcript, translate
from summarizer.cli import main
from summarizer.errors import ModelError, ModelNotAvailableError
from summarizer.models import (
    REGISTRY,
    CT2Generator,
    GenerationOptions,
    Models,
    convert,
    convert_model,
)
from summarizer.models.backend import PROVENANCE_FILE, default_compute_type, fingerprint
from summarizer.parse.sentences import sentence_spans
from summarizer.testing import fake_models
from summarizer.translate import TranslateOptions, Translator

from support import SEEDS

ES_EN = REGISTRY[("translate", "es", "en")]
NATIVE = ("Versión estenográfica de la conferencia\nPresidencia de la República\n28 de diciembre de 2023\n---\n"
          "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR\nBuenos días. Ánimo.\nVamos a contestar preguntas.\n---\n"
          "PREGUNTA\n¿Qué pasó? Buenos días.\n")


def snapshot(folder):
    return {p.name: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in folder.iterdir()}


@pytest.fixture
def own_models(tiny_models_dir, tmp_path, monkeypatch):
    """A models folder of its own: the tiny es→en model and its CTranslate2 copy (mtimes kept)."""
    base = tmp_path / "models"
    for name in ("opus-mt-es-en", "opus-mt-es-en.ct2-int8"):
        shutil.copytree(tiny_models_dir / name, base / name)
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(base))
    monkeypatch.delenv("SUMMARIZER_BACKEND", raising=False)
    return base


def backend_of(models: Models | None = None, **options) -> str:
    """The backend that runs the es→en model, loaded by ``models`` (default: a new `Models`
    from the settings, with ``options``)."""
    models = models or Models.from_settings(**options)
    return models.generator("translate", source="es", target="en").provenance["backend"]


def test_conversion_writes_a_self_contained_copy_and_only_reads_the_model(tiny_models_dir, tmp_path):
    source = shutil.copytree(tiny_models_dir / "opus-mt-es-en", tmp_path / "opus-mt-es-en")
    before = snapshot(source)
    copy = convert(source, tmp_path / "opus-mt-es-en.ct2-int8")
    assert snapshot(source) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["opus-mt-es-en", "opus-mt-es-en.ct2-int8"]  # no leftovers
    assert {"model.bin", "config.json", "shared_vocabulary.json", PROVENANCE_FILE} <= {p.name for p in copy.iterdir()}
    hf = {p.name for p in (copy / "hf").iterdir()}
    assert {"config.json", "generation_config.json", "source.spm", "target.spm", "vocab.json"} <= hf
    assert "model.safetensors" not in hf
    record = json.loads((copy / PROVENANCE_FILE).read_text(encoding="utf-8"))
    assert (record["format"], record["backend"], record["quantization"]) == (1, "ctranslate2", "int8")
    assert record["source_files"] == fingerprint(source)
    weights = hashlib.sha256((source / "model.safetensors").read_bytes()).hexdigest()
    assert record["source_files"]["model.safetensors"]["sha256"] == weights
    with pytest.raises(ModelError, match="exists"):
        convert(source, copy)

    generator = CT2Generator(ES_EN, copy)  # the copy alone: tokenizer and settings from hf/
    assert (generator.max_input_tokens, generator.special_tokens, generator.compute_type) == (512, 1, "int8")
    assert generator.count_tokens(["Buenos días."]) == [len(generator.tokens.tokenizer("Buenos días.")["input_ids"])]
    out = generator.generate(["Buenos días.", "Vamos a contestar preguntas."], GenerationOptions(max_new_tokens=12))
    assert len(out) == 2 and all(out)
    assert generator.provenance == {
        "name": ES_EN.name, "revision": ES_EN.revision, "path": str(copy), "device": "cpu", "backend": "ctranslate2",
        "compute_type": "int8", "quantization": "int8", "source": str(source.resolve())}
    assert default_compute_type("cpu") == "int8"


def test_a_stale_copy_falls_back_with_one_notice_until_converted_again(own_models, caplog):
    caplog.set_level(logging.WARNING, logger="summarizer")
    assert backend_of() == "ctranslate2"
    config = own_models / "opus-mt-es-en" / "config.json"
    config.write_bytes(config.read_bytes())  # a new mtime, the same bytes: still fresh (sha256 decides)
    assert backend_of() == "ctranslate2" and not caplog.records

    weights = own_models / "opus-mt-es-en" / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 1  # one weight changed, same size
    weights.write_bytes(bytes(data))
    models = Models.from_settings()  # one caller: one notice
    assert backend_of(models) == "transformers" and backend_of(models.with_options(backend="auto")) == "transformers"
    translate("Buenos días.", models=models)
    assert [r.getMessage() for r in caplog.records] == [
        f"Helsinki-NLP/opus-mt-es-en runs with transformers: the CTranslate2 copy at {own_models}/opus-mt-es-en.ct2-int8 "
        "is stale: the model's model.safetensors changed (run `summarizer models convert opus-mt-es-en` for the "
        "faster int8 model)"]
    with pytest.raises(ModelNotAvailableError, match="run `summarizer models convert opus-mt-es-en`"):
        backend_of(backend="ctranslate2")

    done = convert_model(ES_EN, models.places)
    assert done.converted and done.copy == own_models / "opus-mt-es-en.ct2-int8"
    assert not convert_model(ES_EN, models.places).converted  # fresh now: left alone
    assert backend_of() == "ctranslate2"


def test_a_copy_that_does_not_load_falls_back_in_auto_and_fails_when_asked_for(own_models, caplog):
    caplog.set_level(logging.WARNING, logger="summarizer")
    (own_models / "opus-mt-es-en.ct2-int8" / "model.bin").write_bytes(b"not a model")
    with pytest.raises(ModelNotAvailableError, match="CTranslate2 cannot load .*summarizer models convert"):
        backend_of(backend="ctranslate2")
    models = Models.from_settings()
    assert backend_of(models) == backend_of(models) == "transformers"
    assert len(caplog.records) == 1 and "runs with transformers: CTranslate2 cannot load" in caplog.text


def test_models_convert_and_list_from_the_cli(own_models):
    shutil.rmtree(own_models / "opus-mt-es-en.ct2-int8")
    assert backend_of() == "transformers"
    listed = CliRunner().invoke(main, ["models", "list"]).output
    assert f"there is no CTranslate2 copy at {own_models}/opus-mt-es-en.ct2-int8: run `summarizer models convert " \
           "opus-mt-es-en`" in listed
    assert "transformers int8" in next(line for line in listed.splitlines() if line.startswith("translate es→en"))

    result = CliRunner().invoke(main, ["models", "convert"])  # every registered model present: es→en only
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Helsinki-NLP/opus-mt-es-en: {own_models}/opus-mt-es-en.ct2-int8 (")
    assert "converted in" in result.output and len(result.output.splitlines()) == 1
    assert "up to date" in CliRunner().invoke(main, ["models", "convert", "es-en"]).output
    listed = CliRunner().invoke(main, ["models", "list", "--json"]).output
    row = json.loads(listed)[0]
    assert (row["backend"], row["compute_type"]) == ("ctranslate2", "int8")
    assert row["ctranslate2"]["path"] == str(own_models / "opus-mt-es-en.ct2-int8") and row["ctranslate2"]["size"] > 0
    assert backend_of() == "ctranslate2"
    result = CliRunner().invoke(main, ["models", "convert", "opus-mt-xx"])
    assert result.exit_code == 2 and "registered models are" in result.output


def test_backend_from_option_environment_and_cli(tiny_models_dir, monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tiny_models_dir))
    monkeypatch.setenv("SUMMARIZER_BACKEND", "transformers")
    doc = parse_transcript(NATIVE)
    model = translate(doc).model
    assert (model["backend"], model["compute_type"], model["path"]) == (
        "transformers", "int8", str(tiny_models_dir / "opus-mt-es-en"))
    model = translate(doc, options=TranslateOptions(backend="ctranslate2")).model  # the option wins
    assert (model["backend"], model["compute_type"], model["path"]) == (
        "ctranslate2", "int8", str(tiny_models_dir / "opus-mt-es-en.ct2-int8"))
    assert translate(doc, options=TranslateOptions(backend="ctranslate2", quantize=False)).model["compute_type"] \
        == "float32"

    result = CliRunner().invoke(main, ["translate", "-", "--format", "json", "--quiet", "--backend", "ctranslate2"],
                                input=NATIVE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["models"]["translate-es-en"]["backend"] == "ctranslate2"
    result = CliRunner().invoke(main, ["summarize", str(SEEDS / "2023-12-28.native.txt"), "--mode", "abstractive",
                                       "--format", "json", "--quiet", "--backend", "ctranslate2"])
    assert result.exit_code == 0, result.output
    used = json.loads(result.output)["provenance"]["models"]
    assert set(used) == {"summarize", "translate-es-en"}
    assert all(m["backend"] == "ctranslate2" and m["compute_type"] == "int8" and m["path"].endswith(".ct2-int8")
               for m in used.values())

    out = tmp_path / "out"
    (tmp_path / "doc.txt").write_text(NATIVE, encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", "translate", str(tmp_path / "doc.txt"), "-o", str(out), "-q",
                                       "--backend", "ctranslate2"])
    assert result.exit_code == 0, result.output
    record = json.loads((out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert record["models"]["translate-es-en"]["backend"] == "ctranslate2"

    monkeypatch.setenv("SUMMARIZER_BACKEND", "onnx")
    with pytest.raises(OptionError, match=r"\$SUMMARIZER_BACKEND must be one of auto, ctranslate2, transformers"):
        translate("Hola.")
    result = CliRunner().invoke(main, ["translate", "-", "--quiet"], input=NATIVE)
    assert result.exit_code == 1 and "$SUMMARIZER_BACKEND must be one of" in result.output
    with pytest.raises(OptionError, match="backend must be one of"):
        SummaryOptions(backend="onnx")


# ---------------------------------------------------------------- the two backends agree


def agreement(tokenizer, ours: list[str], theirs: list[str]) -> tuple[float, float]:
    """``(token agreement, share of identical outputs)``: tokens of the common prefixes over
    tokens of the longer outputs, summed over all outputs; outputs equal as a whole. (One
    token too many at the end of every output, say, still agrees on about 97 % of the tokens.)"""
    common = total = 0
    for a, b in zip(tokenizer(ours)["input_ids"], tokenizer(theirs)["input_ids"]):
        n = 0
        while n < min(len(a), len(b)) and a[n] == b[n]:
            n += 1
        common, total = common + n, total + max(len(a), len(b))
    return common / total, sum(a == b for a, b in zip(ours, theirs)) / len(ours)


def test_backends_agree_token_for_token_on_a_whole_transcript(tiny_models_dir, tmp_path, monkeypatch):
    """Greedy translation of every sentence of the seed transcript, and an abstractive brief
    (beam search, n-gram and length rules), with transformers fp32 and CTranslate2.

    The CTranslate2 copies here are converted to float32: int8 against fp32 cannot agree on
    the tiny models, whose random weights (init_std 0.5, d_model 32) lie where
    quantization changes the argmax within a few tokens; transformers' own int8 (dynamic
    quantization) agrees with its fp32 even less often than CTranslate2's int8 does.
    float32 against fp32 tests what the backend adds: the mapping of the generation
    settings, which is the same for every compute type."""
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tiny_models_dir))
    summarize_spec = REGISTRY[("summarize", None, None)]
    models = Models.from_settings(backend="transformers", device="cpu")
    hf = {"es-en": models.generator("translate", source="es", target="en"), "summarize": models.generator("summarize")}
    ct2 = {key: CT2Generator(spec, convert(tiny_models_dir / spec.short_name, tmp_path / f"{key}.ct2-float32",
                                           "float32"), compute_type="float32")
           for key, spec in (("es-en", ES_EN), ("summarize", summarize_spec))}
    assert hf["es-en"].provenance["compute_type"] == "float32"

    text = (SEEDS / "2023-12-28.web.txt").read_text(encoding="utf-8")
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    assert len(sentences) > 400
    theirs, _ = Translator("es", "en", models=fake_models(translate=hf["es-en"])).run(sentences)
    ours, _ = Translator("es", "en", models=fake_models(translate=ct2["es-en"])).run(sentences)
    tokenizer = ct2["es-en"].tokens.tokenizer
    tokens, identical = agreement(tokenizer, ours, theirs)
    assert tokens >= 0.95 and identical >= 0.95, (tokens, identical)

    briefs = [Summarizer(SummaryOptions(mode="abstractive"),
                         models=fake_models(translate=generators["es-en"], summarize=generators["summarize"]))
              .summarize(text, target="en") for generators in (hf, ct2)]
    lines = [[briefs[i].lead] + [p.line.text for p in briefs[i].points] for i in (0, 1)]
    assert len(lines[0]) == len(lines[1]) > 3
    tokens, identical = agreement(ct2["summarize"].tokens.tokenizer, lines[1], lines[0])
    assert tokens >= 0.95 and identical >= 0.95, (tokens, identical)
