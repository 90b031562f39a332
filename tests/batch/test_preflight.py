"""A job that cannot run is refused before any engine starts, with one message; one that
can (a Spanish brief of Spanish transcripts needs no model) runs; an error that every
document repeats is said once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from summarizer.batch import BatchSettings, process_documents, run_batch, summarize_batch, translate_batch
from summarizer.cli import main
from summarizer.errors import ModelNotAvailableError

from support import DATA, REPO, transcript_folder

ENGLISH = DATA / "2023-12-28-news-article.txt"


class WatchedEngine:
    """An engine that does the work in this process with the registry's models, and notes
    whether it was ever asked to."""

    worker = staticmethod(process_documents)  # the registry's models: the job checks them

    def __init__(self):
        self.ran = False

    def run(self, items, settings, progress=None):
        self.ran = True
        for doc_id, data in items:
            yield from process_documents([(doc_id, data)], settings, progress)

    def close(self):
        pass


def test_an_english_brief_of_spanish_transcripts_without_the_model_is_refused_before_the_engine(no_models, tmp_path):
    engine = WatchedEngine()
    with pytest.raises(ModelNotAvailableError) as refused:
        list(run_batch([transcript_folder(tmp_path)], tmp_path / "out", BatchSettings("summarize", target="en"),
                       engine=engine))
    message = str(refused.value)
    assert message.startswith("the job cannot run: its 3 documents to do are in Spanish, and a brief in English "
                              "of a Spanish transcript needs the es→en translation model, which is not available")
    assert "Helsinki-NLP/opus-mt-es-en; `summarizer models download opus-mt-es-en` fetches it alone" in message
    assert not engine.ran


@pytest.mark.parametrize("mode", ["extractive", "auto"])
def test_a_spanish_brief_of_spanish_transcripts_needs_no_model(no_models, tmp_path, mode):
    engine = WatchedEngine()
    results = list(summarize_batch([transcript_folder(tmp_path)], tmp_path / "out", target="es", mode=mode, engine=engine))
    assert [r.status for r in results] == ["done"] * 3 and engine.ran


def test_a_job_some_of_whose_documents_can_be_done_runs(no_models, tmp_path):
    folder = transcript_folder(tmp_path, 2)
    shutil.copy(ENGLISH, folder / "article.txt")  # an English brief of it needs no model
    results = {r.id: r for r in summarize_batch([folder], tmp_path / "out", target="en")}
    assert {i: r.status for i, r in results.items()} == {"article.txt": "done", "doc0.txt": "failed",
                                                          "doc1.txt": "failed"}
    assert "needs the es→en translation model" in results["doc0.txt"].error


def test_a_translation_job_without_its_model_is_refused_at_once(no_models, tmp_path):
    with pytest.raises(ModelNotAvailableError, match=r"^the job cannot run: model Helsinki-NLP/opus-mt-es-en "
                                                     r".*`summarizer models download opus-mt-es-en`"):
        list(translate_batch([transcript_folder(tmp_path)], tmp_path / "out", target="en", engine=WatchedEngine()))


def test_the_ctranslate2_backend_without_its_copy_is_refused(tiny_models_dir, tmp_path, monkeypatch):
    models = tmp_path / "models"
    shutil.copytree(tiny_models_dir / "opus-mt-es-en", models / "opus-mt-es-en")  # no CTranslate2 copy
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(models))
    from summarizer.translate import TranslateOptions

    settings = BatchSettings("translate", target="en", options=TranslateOptions(backend="ctranslate2"))
    engine = WatchedEngine()
    with pytest.raises(ModelNotAvailableError, match="the job cannot run: .*the ctranslate2 backend was asked for"):
        list(run_batch([transcript_folder(tmp_path)], tmp_path / "out", settings, engine=engine))
    assert not engine.ran


def test_a_document_whose_language_cannot_be_told_never_counts_against_the_job(no_models, tmp_path):
    """Refused only when sure: here the binary file fails on its own, and the job runs."""
    folder = transcript_folder(tmp_path, 1)
    (folder / "binary.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20)
    engine = WatchedEngine()
    results = {r.id: r for r in summarize_batch([folder], tmp_path / "out", target="en", engine=engine)}
    assert engine.ran and {r.status for r in results.values()} == {"failed"}
    assert "binary data" in results["binary.txt"].error


# ---------------------------------------------------------------- through the command line

REFUSED_JOB = """
import sys
from summarizer.cli import main
try:
    main(sys.argv[1:])
finally:
    print(f"ray imported: {'ray' in sys.modules}", file=sys.stderr)
"""


def test_the_cli_refuses_a_ray_job_without_its_model_before_ray_starts(no_models, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env.update(PYTHONPATH=str(REPO), HF_HUB_OFFLINE="1")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", REFUSED_JOB, "batch", "summarize", str(transcript_folder(tmp_path)),
                             "--out", str(tmp_path / "out"), "--engine", "ray"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    seconds = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert lines[-1] == "ray imported: False"  # so no Ray instance was started
    assert len(lines) == 2 and lines[0].startswith("Error: the job cannot run: its 3 documents to do are in Spanish")
    assert "failed:" not in result.stderr and result.stdout == ""
    assert seconds < 20  # starting Ray alone took 14 s


def test_an_error_every_document_repeats_is_said_once(no_models, tmp_path):
    folder = transcript_folder(tmp_path, 3)
    shutil.copy(ENGLISH, folder / "article.txt")
    result = CliRunner().invoke(main, ["batch", "summarize", str(folder), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert failed[0].startswith("failed: doc0.txt: a brief in English of a Spanish transcript needs the es→en")
    assert failed[1:] == ["failed: doc1.txt: the same error as doc0.txt", "failed: doc2.txt: the same error as doc0.txt"]
    assert result.stdout.strip().splitlines()[-1] == "1 done, 0 skipped, 3 failed"
