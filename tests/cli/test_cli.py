"""The CLI drives the real entry point: exit codes and output."""

import json

from click.testing import CliRunner

from summarizer.cli import main

from support import SEEDS

SEED = SEEDS / "2023-12-28.web.txt"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_help_lists_every_command():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("summarize", "translate", "quotes", "batch", "models", "serve"):
        assert command in result.output


def test_summarize_extractive_spanish_markdown():
    result = run("summarize", str(SEED), "--to", "es", "--mode", "extractive", "--quotes", "3", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Resumen: ")
    assert "dijo López Obrador" in result.output
    assert "## Citas" in result.output


def test_the_mode_line_and_warnings_on_standard_error_are_in_the_briefs_language():
    spanish = run("summarize", str(SEED), "--to", "es", "--mode", "extractive")
    assert spanish.stderr.splitlines()[-1] == "modo: extractivo — se pidió el modo extractivo."
    assert not any(line.startswith(("mode:", "warning:")) for line in spanish.stderr.splitlines())


def test_a_named_model_folder_that_is_missing_is_an_error_not_a_fallback(tmp_path):
    for option in ("--es-en-model", "--en-es-model", "--summarize-model"):
        result = run("summarize", str(SEED), "--to", "es", option, str(tmp_path / "typo"), "--quiet")
        assert result.exit_code == 1 and result.output == f"Error: the model folder {tmp_path / 'typo'} does not exist\n"


def test_summarize_json_to_file(tmp_path):
    out = tmp_path / "brief.json"
    result = run("summarize", str(SEED), "--to", "es", "--mode", "extractive", "--format", "json", "-o", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["mode"] == "extractive" and len(data["quotes"]) == 5
    assert all(q["speaker"]["display"] == "López Obrador" for q in data["quotes"])


def test_summarize_reads_standard_input():
    result = run("summarize", "-", "--to", "es", "--mode", "extractive", "--quiet", input=SEED.read_bytes())
    assert result.exit_code == 0
    assert "López Obrador" in result.output


def test_empty_input_is_a_clean_error():
    result = run("summarize", "-", "--to", "es", "--quiet", input=b"   \n")
    assert result.exit_code == 1
    assert "Error: the transcript is empty" in result.output
    assert "Traceback" not in result.output


def test_missing_file_is_a_clean_error(tmp_path):
    result = run("summarize", str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert "cannot read" in result.output and "Traceback" not in result.output


def test_quotes_command_json_is_verbatim():
    result = run("quotes", str(SEED), "-k", "4", "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.output)
    text = SEED.read_text(encoding="utf-8")
    assert len(records) == 4
    for r in records:
        assert text[r["start"]:r["end"]] == r["original"]
        assert r["speaker"] == "López Obrador"


def test_a_bad_backend_setting_is_a_clean_error_in_models_list_and_serve(monkeypatch, tiny_models_dir):
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tiny_models_dir))
    monkeypatch.setenv("SUMMARIZER_BACKEND", "bogus")
    for args in (["models", "list", "--no-check-hub"], ["serve", "--port", "7999"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1 and result.output == (
            "Error: $SUMMARIZER_BACKEND must be one of auto, ctranslate2, transformers, not 'bogus'\n"), args
def test_summarize_says_an_incomplete_transcript_on_standard_error():
    from support import DATA

    result = CliRunner().invoke(main, ["summarize", str(DATA / "2024-05-10.web.txt"), "--to", "es", "--mode",
                                       "extractive"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("aviso: ")]
    assert warnings == [
        "aviso: sin sesión de preguntas y respuestas: solo está la exposición inicial (pueden faltar las preguntas y "
        "respuestas)",
        "aviso: la transcripción tiene 198 palabras, muchas menos de las que suele tener una conferencia diaria "
        "(mediana de unas 11,500): puede estar incompleta",
    ]
    assert "aviso:" not in result.stdout and "warning" not in result.stderr and "## Notas" in result.stdout
