"""The benchmark scripts run from a user's clone: without the corpus they say so, and a
missed target is a failing exit status."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from support import DATA, REPO


def bench(script: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, str(REPO / "benchmarks" / script), *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600)


def benchmark(name: str):
    """The script ``benchmarks/NAME.py`` as a module; importing it builds nothing (its
    models are built by its main())."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_parse_agreement_without_the_corpus_says_so(tmp_path):
    result = bench("parse_agreement.py", str(tmp_path / "no-corpus"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"no *.gold.json files in {tmp_path / 'no-corpus'}: give the folder")


def test_parse_agreement_skips_a_missing_format(tmp_path):
    shutil.copy(DATA / "2024-05-10.gold.json", tmp_path)
    shutil.copy(DATA / "2024-05-10.native.txt", tmp_path)
    result = bench("parse_agreement.py", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "2024-05-10 web    skipped: 2024-05-10.web.txt is missing" in result.stderr
    assert "TOTAL web: no transcript" in result.stdout and "TOTAL native: " in result.stdout


def test_summarize_speed_fails_when_it_misses_its_target(capsys):
    module = benchmark("summarize_speed")

    def records(ct2_seconds: float, peak_mb: int) -> list[dict]:
        return [{"backend": "transformers", "target": "en", "seconds": 40.0, "cpu": 70.0, "peak_mb": 2400},
                {"backend": "ctranslate2", "target": "en", "seconds": ct2_seconds, "cpu": 30.0, "peak_mb": peak_mb}]

    assert module.verdict(records(16.0, 1100)) == 0
    assert "0.40× wall" in capsys.readouterr().out
    assert module.verdict(records(24.0, 1100)) == 1
    assert "target at most 0.5×: NOT met" in capsys.readouterr().out
    assert module.verdict(records(16.0, 1300)) == 1
    assert "target at most 1,200 MB: NOT met" in capsys.readouterr().out


def test_chat_speed_fails_when_it_misses_its_target(capsys):
    module = benchmark("chat_speed")

    def records(ct2_seconds: float, peak_mb: int) -> list[dict]:
        return [{"backend": "ctranslate2", "median": True, "seconds": ct2_seconds, "peak_mb": peak_mb},
                {"backend": "transformers", "median": True, "seconds": 150.0, "peak_mb": 7000},
                {"backend": "ctranslate2", "median": False, "seconds": 90.0, "peak_mb": 2100}]

    assert module.verdict(records(45.0, 2000)) == 0
    assert "45.0 s — target at most 60 s: met; peak RSS 2,100 MB" in capsys.readouterr().out
    assert module.verdict(records(61.0, 2000)) == 1
    assert "target at most 60 s: NOT met" in capsys.readouterr().out
    assert module.verdict(records(45.0, 3100)) == 1
    assert "target at most 3,000 MB: NOT met" in capsys.readouterr().out
