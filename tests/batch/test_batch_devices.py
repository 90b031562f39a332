"""Inputs that are not files (a link to ``/dev/zero``, a named pipe, a socket) and lines
without end: each fails alone, at once, saying why, and the rest of the job goes on.

The jobs run in a fresh interpreter with a memory limit and a timeout, so that a job that
reads for ever fails the test instead of the machine.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.batch import translate_batch
from summarizer.batch.inputs import discover

from support import REPO, small_transcript, transcript_folder
from test_batch import assert_consistent, fake_models  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(not Path("/dev/zero").exists() or sys.platform == "win32", reason="needs /dev/zero")

# The job through the public API, the models replaced by fakes; prints one JSON line per
# result and, last, the seconds the job took.
JOB = """
import json, sys, time
from summarizer.batch import translate_batch
from summarizer.testing import fake_models

started = time.monotonic()
for result in translate_batch(sys.argv[1:-1], sys.argv[-1], models=fake_models("upper", "first-words")):
    print(json.dumps({"id": result.id, "status": result.status, "error": result.error}), flush=True)
print(json.dumps({"seconds": time.monotonic() - started}))
"""


def run_limited(*args: str | os.PathLike, timeout: float = 60) -> tuple[dict[str, dict], float]:
    """`JOB` on ``args`` (inputs…, out) with 1 GiB of memory and ``timeout`` seconds: its
    results by id, and how long the job took."""
    import resource

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    path = os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=path)
    try:
        done = subprocess.run([sys.executable, "-c", JOB, *map(str, args)], cwd=REPO, env=env, capture_output=True,
                              text=True, timeout=timeout, preexec_fn=limit_memory)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the job still ran after {timeout} s")
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    return {line["id"]: line for line in lines[:-1]}, lines[-1]["seconds"]


@pytest.mark.parametrize("name", ["zero.txt", "zero.jsonl"])  # one job each: one device is one document
def test_a_link_to_a_device_fails_alone_and_at_once(tmp_path, name):
    inputs = transcript_folder(tmp_path, 2)
    (inputs / "records.jsonl").write_text(json.dumps({"id": "r", "text": small_transcript(5)}) + "\n", encoding="utf-8")
    (inputs / name).symlink_to("/dev/zero")  # its size says 0 and it never ends; a .jsonl: one endless line
    out = tmp_path / "out"

    results, seconds = run_limited(inputs, out)
    assert seconds < 10
    assert {k: r["status"] for k, r in results.items()} == {
        "doc0.txt": "done", "doc1.txt": "done", "records.jsonl#r": "done", name: "failed"}
    assert results[name]["error"] == f"cannot read {inputs / name}: it is a character device, not a file"
    assert_consistent(out, assembled={"records.jsonl"})


def test_a_device_named_directly_fails_alone(fake_models, tmp_path):
    (tmp_path / "doc.txt").write_text(small_transcript(1), encoding="utf-8")
    results = {r.id: r for r in translate_batch([tmp_path / "doc.txt", "/dev/null"], tmp_path / "out",
                                                models=fake_models)}
    assert results["doc.txt"].status == "done"
    assert results["null"].status == "failed" and results["null"].error.endswith("it is a character device, not a file")


def test_a_named_pipe_or_a_socket_fails_without_waiting(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "doc.txt").write_text(small_transcript(1), encoding="utf-8")
    os.mkfifo(inputs / "pipe.txt")  # nobody writes into it: opening it would wait for ever
    os.mkfifo(inputs / "pipe.jsonl")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(inputs / "sock.txt"))
    try:
        results, _ = run_limited(inputs, tmp_path / "out")
    finally:
        server.close()
    assert results["doc.txt"]["status"] == "done"
    assert results["pipe.txt"]["error"].endswith("pipe.txt: it is a named pipe, not a file")
    assert results["pipe.jsonl"]["error"].endswith("pipe.jsonl: it is a named pipe, not a file")
    assert results["sock.txt"]["error"].endswith("sock.txt: it is a socket, not a file")


def test_jsonl_lines_are_bounded(fake_models, tmp_path):
    path = tmp_path / "batch.jsonl"
    long = json.dumps({"id": "b", "text": "x" * 200_000})  # over 6 × 500 bytes + 64 kB
    lines = [json.dumps({"id": "a", "text": small_transcript(1)}), long,
             json.dumps({"id": "c", "text": small_transcript(3)})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sources = discover([path], max_bytes=500).sources
    assert [s.id for s in sources] == ["batch.jsonl#a", "batch.jsonl#line-2", "batch.jsonl#c"]
    assert sources[1].error.startswith("line 2 is longer than")
    assert [s.line for s in sources] == [1, 2, 3]  # the long line skipped as a whole
    assert sources[2].read(500) == small_transcript(3)

    results = {r.id: r.status for r in translate_batch([path], tmp_path / "out", max_bytes=500, models=fake_models)}
    assert results == {"batch.jsonl#a": "done", "batch.jsonl#line-2": "failed", "batch.jsonl#c": "done"}
