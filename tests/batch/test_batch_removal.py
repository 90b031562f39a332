"""What a job may delete: only an output its manifest says it wrote, unchanged since; and an
earlier output that still matches its input and settings survives a re-run that fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from summarizer.batch import summarize_batch, translate_batch
from summarizer.cli import main

from support import REPO
from test_batch import WEB, assert_consistent, fake_models, latest  # noqa: F401 - the fixture

CORRUPT = b"\x81\x8d\x8f\x90\x9d" * 20  # neither UTF-8 nor Windows-1252


def test_a_failure_keeps_a_file_the_job_never_wrote(no_models, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.txt").write_bytes(CORRUPT)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.md").write_text("my own notes\n", encoding="utf-8")
    args = ["batch", "summarize", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "failed: notes.txt: the input is not text" in result.output
    assert (tmp_path / "out" / "notes.md").read_text(encoding="utf-8") == "my own notes\n"
    assert latest(tmp_path / "out")["notes.txt"]["status"] == "failed"


def test_a_failure_keeps_an_output_changed_since_the_job_wrote_it(fake_models, archive, tmp_path):
    out = tmp_path / "out"
    list(summarize_batch([archive], out, models=fake_models))
    (out / "doc0.md").write_text("edited by hand\n", encoding="utf-8")  # no longer what the job wrote
    (archive / "doc0.txt").write_bytes(CORRUPT)
    (archive / "doc1.txt").write_bytes(CORRUPT)  # its output unchanged: the job's own, and stale now
    results = {r.id: r.status for r in summarize_batch([archive], out, models=fake_models)}
    assert results["doc0.txt"] == results["doc1.txt"] == "failed"
    assert (out / "doc0.md").read_text(encoding="utf-8") == "edited by hand\n"
    assert not (out / "doc1.md").exists()


def test_the_output_of_another_format_goes_only_while_unchanged(fake_models, archive, tmp_path):
    out = tmp_path / "out"
    list(summarize_batch([archive], out, models=fake_models))
    (out / "doc0.md").write_text("edited by hand\n", encoding="utf-8")
    list(summarize_batch([archive], out, format="json", models=fake_models))
    assert (out / "doc0.md").read_text(encoding="utf-8") == "edited by hand\n"  # not the job's any more
    assert not (out / "doc1.md").exists() and (out / "doc1.json").is_file()  # the job's own: replaced


# A job that redoes everything (force) in a process whose files cannot grow beyond 16 kB: each
# output (a 46 kB transcript, translated) fails to be written, as on a full disk.
FULL_DISK_JOB = """
import json, resource, sys
from summarizer.batch import translate_batch
from summarizer.testing import FakeGenerator, fake_models

resource.setrlimit(resource.RLIMIT_FSIZE, (16_000, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
for result in translate_batch([sys.argv[1]], sys.argv[2], force=True,
                              models=fake_models(FakeGenerator("upper", name="fake-upper", fail_on="FALLA DEL MODELO"),
                                                 FakeGenerator("first-words", name="fake-summarizer"))):
    print(json.dumps({"id": result.id, "status": result.status, "error": result.error}))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="sets RLIMIT_FSIZE")
def test_a_forced_run_that_cannot_write_loses_nothing(fake_models, tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "a.txt").write_text(WEB, encoding="utf-8")
    (inputs / "b.txt").write_text(WEB.replace("Buenos días", "Buenas tardes"), encoding="utf-8")
    list(translate_batch([inputs], out, models=fake_models))
    before = {name: (out / name).read_bytes() for name in ("a.txt", "b.txt")}
    assert all(len(data) > 16_000 for data in before.values())

    path = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=path)
    done = subprocess.run([sys.executable, "-c", FULL_DISK_JOB, str(inputs), str(out)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    results = {r["id"]: r for r in map(json.loads, done.stdout.splitlines())}
    for name in ("a.txt", "b.txt"):
        assert results[name]["status"] == "failed"
        assert results[name]["error"].startswith(f"cannot write {out / name}: [Errno 27] File too large")
        assert results[name]["error"].endswith("; the earlier output, made from this input with these settings, "
                                               "is kept")
    assert {name: (out / name).read_bytes() for name in before} == before  # both kept
    records = assert_consistent(out)  # and still the manifest's: a re-run skips them
    assert {r["status"] for r in records.values()} == {"done"}
    assert {r.status for r in translate_batch([inputs], out, models=fake_models)} == {"skipped"}
