"""`summarizer batch …` through the real entry point, including a job killed with SIGKILL."""

from __future__ import annotations

import contextlib
import hashlib
import re
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer.batch import MANIFEST_NAME
from summarizer.batch.store import read_manifest
from summarizer.cli import main

from test_batch import WEB

from support import REPO as ROOT
from support import SEEDS
from support import small_transcript, transcript_folder

# Runs a job in a fresh interpreter through the public API, with the models replaced by
# fakes (translation upper-cases each sentence after sleeping $FAKE_DELAY seconds per
# batch) and every document translated alone (no shared passes), so that a kill can
# fall halfway; on the pool engine, or with $FAKE_ENGINE=ray on a RayEngine that starts
# its own local Ray instance (as the CLI's does); prints what the CLI prints, exits as it does.
FAKE_JOB = """
import os, sys
from summarizer.batch import BatchSettings, LocalEngine, run_batch
from summarizer.testing import fake_models

models = fake_models(translate="upper", delay=float(os.environ.get("FAKE_DELAY", "0")))
if os.environ.get("FAKE_ENGINE") == "ray":
    from summarizer.batch import RayEngine
    engine = RayEngine(2, group_chars=0, models=models)
else:
    engine = LocalEngine(group_chars=0, models=models)
counts = {"done": 0, "skipped": 0, "failed": 0}
with engine:
    for result in run_batch([sys.argv[1]], sys.argv[2], BatchSettings("translate"), engine=engine):
        counts[result.status] += 1
        if result.status == "failed":
            print(f"failed: {result.id}: {result.error}", file=sys.stderr)
print(f"{counts['done']} done, {counts['skipped']} skipped, {counts['failed']} failed")
sys.exit(1 if counts["failed"] else 0)
"""


def run_job(inputs: Path, out: Path, delay: float = 0.0, engine: str = "local") -> subprocess.Popen:
    """`FAKE_JOB` on ``engine`` ("local" or "ray"; never the session's Ray instance)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env.update(FAKE_DELAY=str(delay), FAKE_ENGINE=engine, HF_HUB_OFFLINE="1",
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.Popen([sys.executable, "-c", FAKE_JOB, str(inputs), str(out)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def done_records(manifest: Path) -> int:
    try:
        return sum(1 for line in manifest.read_text(encoding="utf-8").splitlines() if '"status": "done"' in line)
    except FileNotFoundError:
        return 0


def test_sigkill_halfway_then_resume(tmp_path):
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    expected = {}
    for n in range(12):
        rel = f"sub/doc{n:02d}.txt" if n % 3 == 0 else f"doc{n:02d}.txt"
        (inputs / rel).write_text(small_transcript(n), encoding="utf-8")
        expected[rel] = small_transcript(n).upper()
    (inputs / "corrupt.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20)
    out = tmp_path / "out"
    manifest = out / MANIFEST_NAME

    job = run_job(inputs, out, delay=0.3)
    deadline = time.monotonic() + 30
    while done_records(manifest) < 4 and time.monotonic() < deadline and job.poll() is None:
        time.sleep(0.02)
    job.send_signal(signal.SIGKILL)
    job.communicate()
    assert job.returncode == -signal.SIGKILL
    first = done_records(manifest)
    assert 4 <= first < 12, "the job was not killed halfway"

    job = run_job(inputs, out)
    stdout, stderr = job.communicate(timeout=60)
    assert job.returncode == 1, stderr  # the corrupt file failed
    done, skipped, failed = (int(word) for word in stdout.strip().splitlines()[-1].split()[::2])
    assert stdout.strip().endswith("failed") and failed == 1
    assert done + skipped == 12 and skipped >= first - 1  # a kill may fall between output and record
    assert "failed: corrupt.txt:" in stderr and "Traceback" not in stderr

    # every output present exactly once, complete; nothing half-written left behind
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert files == set(expected) | {MANIFEST_NAME}
    for rel, text in expected.items():
        assert (out / rel).read_text(encoding="utf-8") == text
    # the manifest agrees with the files: one record per document after the job ends
    records = read_manifest(manifest)
    assert sorted(r["id"] for r in records) == sorted([*expected, "corrupt.txt"])
    for record in records:
        if record["id"] == "corrupt.txt":
            assert record["status"] == "failed" and record["output"] is None and "UTF-8" in record["error"]
        else:
            assert record["status"] == "done" and record["output"] == str(out / record["id"])
            assert record["input"] == str(inputs / record["id"])
            digest = hashlib.sha256(Path(record["output"]).read_bytes()).hexdigest()
            assert digest == record["output_sha256"]

    # a third run has nothing left to do but the corrupt file
    job = run_job(inputs, out)
    stdout, _ = job.communicate(timeout=60)
    assert stdout.strip().splitlines()[-1] == "0 done, 12 skipped, 1 failed"


def test_cli_exit_codes_and_closing_line(tiny_models, archive, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", "translate", str(archive), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "5 done, 0 skipped, 0 failed"
    # standard error is no terminal here: plain lines, not a bar's redraws
    assert "translate: 5/5 documents (100%)" in result.stderr and "\r" not in result.stderr and "%|" not in result.stderr

    (archive / "corrupt.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20)
    result = runner.invoke(main, ["batch", "translate", str(archive), "--out", str(out), "--quiet"])
    assert result.exit_code == 1
    assert result.stdout.strip().splitlines()[-1] == "0 done, 5 skipped, 1 failed"
    assert result.stderr.startswith("failed: corrupt.txt: the input is not text but binary data: 100 of its 100 bytes")
    assert "%|" not in result.stderr


def test_cli_summaries_as_json(tiny_models, archive, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", "summarize", str(archive / "doc1.txt"), "-o", str(out),
                                       "--format", "json", "--to", "es", "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads((out / "doc1.json").read_text(encoding="utf-8"))["target_lang"] == "es"


@pytest.mark.parametrize("args, message", [
    (["batch", "translate", "nowhere/at/all.txt", "--out", "{out}"], "no such file or folder: nowhere/at/all.txt"),
    (["batch", "translate", "{file}", "--out", "{file}"], "is a file"),
    (["batch", "translate", "{file}", "--out", "{out}", "--address", "auto"], "an address is for the Ray engine"),
])
def test_cli_clean_errors(tmp_path, args, message):
    file = tmp_path / "x.txt"
    file.write_text(small_transcript(1), encoding="utf-8")
    args = [a.format(out=tmp_path / "out", file=file) for a in args]
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output


def test_cli_help():
    result = CliRunner().invoke(main, ["batch", "translate", "--help"])
    assert result.exit_code == 0
    for option in ("--out", "--to", "--format", "--workers", "--engine", "--address", "--quiet", "--force",
                   "manifest.jsonl"):
        assert option in result.output


# ---------------------------------------------------------------- the real engines, on tiny random models

LABEL = re.compile(r"^([A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ ,.]+):", re.MULTILINE)


def layout(text: str) -> tuple[list[str], list[bool]]:
    """The labels in order, and which lines are blank: what a translation must keep."""
    return LABEL.findall(text), [not line.strip() for line in text.splitlines()]


def test_tiny_models_through_the_cli_with_two_workers(tiny_models, tmp_path):
    """The real per-document work, in spawned worker processes that load the models themselves."""
    inputs = transcript_folder(tmp_path)
    (inputs / "corrupt.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20)
    (inputs / "records.jsonl").write_text(
        json.dumps({"id": "r1", "text": small_transcript(7)}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", "translate", str(inputs), "--out", str(out), "-q", "--workers", "2"])
    assert result.exit_code == 1, result.output
    assert result.stdout.strip().splitlines()[-1] == "4 done, 0 skipped, 1 failed"
    for n in range(3):
        translated = (out / f"doc{n}.txt").read_text(encoding="utf-8")
        assert layout(translated) == layout(small_transcript(n)) and translated != small_transcript(n)
    line = json.loads((out / "records.jsonl").read_text(encoding="utf-8"))
    assert line["id"] == "r1" and layout(line["text"]) == layout(small_transcript(7))
    records = {r["id"]: r for r in read_manifest(out / MANIFEST_NAME)}
    assert records["doc0.txt"]["models"]["translate-es-en"]["name"] == "Helsinki-NLP/opus-mt-es-en"
    assert records["corrupt.txt"]["status"] == "failed"

    result = CliRunner().invoke(main, ["batch", "translate", str(inputs), "--out", str(out), "-q"])
    assert result.stdout.strip().splitlines()[-1] == "0 done, 4 skipped, 1 failed"


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found.update(int(c) for c in (task / "children").read_text().split())
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_workers_exit_when_the_job_is_killed(tiny_models, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(2):  # long enough to keep both workers busy for minutes
        (inputs / f"doc{n}.txt").write_text(WEB, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    job = subprocess.Popen([sys.executable, "-m", "summarizer", "batch", "translate", str(inputs), "--out",
                            str(tmp_path / "out"), "-q", "-j", "2"], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while len(workers) < 3 and time.monotonic() < deadline:  # two workers and the resource tracker
        time.sleep(0.2)
        workers = children(job.pid)
    assert len(workers) >= 3, "the job started no workers"
    time.sleep(1.0)
    job.send_signal(signal.SIGKILL)
    job.wait()
    deadline = time.monotonic() + 15
    while any(map(alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:  # do not leave them running if the test fails
        os.kill(pid, signal.SIGKILL)
    assert not left, "worker processes outlived the killed job"


def test_model_options_reach_the_outputs_and_a_new_model_or_table_redoes_them(tiny_models_dir, archive, tmp_path,
                                                                              monkeypatch):
    import shutil

    tiny_models = tiny_models_dir
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tiny_models))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    runner = CliRunner()
    out = tmp_path / "out"
    doc = str(archive / "doc1.txt")
    model = shutil.copytree(tiny_models / "opus-mt-es-en", tmp_path / "my-model")  # ours to touch
    named = ["batch", "translate", doc, "--out", str(out), "--from", "es", "--beams", "2", "--device", "cpu",
             "--model", str(model), "--backend", "transformers", "-q"]
    result = runner.invoke(main, named)
    assert result.exit_code == 0, result.output
    assert read_manifest(out / MANIFEST_NAME)[-1]["models"]["translate-es-en"]["path"] == str(model)
    assert runner.invoke(main, named).stdout.strip().endswith("0 done, 1 skipped, 0 failed")
    # The model's weights replaced (here: touched): what the older ones made is redone.
    weights = model / "model.safetensors"
    os.utime(weights, ns=(weights.stat().st_atime_ns, weights.stat().st_mtime_ns + 1_000_000_000))
    assert runner.invoke(main, named).stdout.strip().endswith("1 done, 0 skipped, 0 failed")

    briefs = tmp_path / "briefs"
    seed = shutil.copy(SEEDS / "2023-12-28.web.txt", tmp_path / "doc1.txt")
    brief = ["batch", "summarize", str(seed), "--out", str(briefs), "--to", "es", "--points", "1", "--mode", "extractive",
             "-q"]
    assert runner.invoke(main, brief).exit_code == 0
    text = (briefs / "doc1.md").read_text(encoding="utf-8")
    stories = text.split("## Temas del día\n\n")[1].split("\n\n")[0].splitlines()
    assert [line[:3] for line in stories if line[:1].isdigit()] == ["1. "], text  # one story makes a point
    table = tmp_path / "table.tsv.gz"
    assert runner.invoke(main, ["archive", "stats", str(archive), "-o", str(table)]).exit_code == 0
    monkeypatch.setenv("SUMMARIZER_ARCHIVE", str(table))
    assert runner.invoke(main, brief).stdout.strip().endswith("1 done, 0 skipped, 0 failed")
    assert runner.invoke(main, brief).stdout.strip().endswith("0 done, 1 skipped, 0 failed")


def test_a_named_model_needs_its_pair_and_a_missing_folder_fails_the_job(tmp_path):
    file = tmp_path / "x.txt"
    file.write_text(small_transcript(1), encoding="utf-8")
    out = str(tmp_path / "out")
    result = CliRunner().invoke(main, ["batch", "translate", str(file), "--out", out, "--model", "x/y"])
    assert result.exit_code == 1 and "name the inputs' language (--from) with it" in result.output
    for args in (["translate", "--from", "es", "--model"], ["summarize", "--summarize-model"]):
        result = CliRunner().invoke(main, ["batch", args[0], str(file), "--out", out, *args[1:],
                                           str(tmp_path / "typo")])
        assert result.exit_code == 1 and result.output == f"Error: the model folder {tmp_path / 'typo'} does not exist\n"
        assert not (tmp_path / "out" / "manifest.jsonl").exists()


def test_options_at_their_defaults_make_no_options_object(monkeypatch, tmp_path):
    """A job run with every option at its default keeps the settings (and so the outputs it
    counts as done) of a job run before the options existed; any option changed makes one."""
    from summarizer.cli import batch_cmd

    seen = []
    monkeypatch.setattr(batch_cmd, "_run", lambda models, inputs, out, settings, *rest: seen.append(settings))
    source = tmp_path / "a.txt"
    source.write_text(small_transcript(1), encoding="utf-8")
    for extra in ([], ["--no-questions"], ["--points", "3"], ["--backend", "auto"]):
        result = CliRunner().invoke(main, ["batch", "summarize", str(source), "--out", str(tmp_path / "o"), *extra])
        assert result.exit_code == 0, result.output
    for extra in ([], ["--beams", "2"], ["--fp32"]):
        result = CliRunner().invoke(main, ["batch", "translate", str(source), "--out", str(tmp_path / "o"), *extra])
        assert result.exit_code == 0, result.output
    assert [s.options is None for s in seen] == [True, False, False, False, True, False, False]
    assert seen[1].options.questions is False and seen[2].options.max_points == 3
    assert seen[5].options.num_beams == 2 and seen[6].options.quantize is False
