"""Progress on standard error: bars on a terminal, plain lines anywhere else (a log file,
a pipe), never a bar's redraws."""

from __future__ import annotations

import errno
import fcntl
import io
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from types import SimpleNamespace

import pytest

from summarizer.cli.progress import JobBar, StageBar

from support import REPO, SEEDS, transcript_folder

SEED = SEEDS / "2023-12-28.web.txt"
SUMMARIZE = ["summarize", str(SEED), "--to", "es", "--mode", "extractive"]


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env.update(PYTHONPATH=str(REPO), HF_HUB_OFFLINE="1")
    return env


def run_cli(args, stderr_file, **kwargs) -> subprocess.CompletedProcess:
    """The real entry point, its standard error going to ``stderr_file`` (a plain file)."""
    with open(stderr_file, "wb") as err:
        return subprocess.run([sys.executable, "-m", "summarizer", *args], cwd=REPO, env=_env(), stdout=subprocess.PIPE,
                              stderr=err, timeout=300, **kwargs)


def run_on_terminal(args) -> tuple[int, str]:
    """The real entry point with standard error on a pseudo-terminal (80 columns): its exit
    status and what the terminal received."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "summarizer", *args], cwd=REPO, env=_env(),
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    received = bytearray()
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(leader, 65536)
            except OSError as exc:  # EIO: every writer closed the terminal
                if exc.errno != errno.EIO:
                    raise
                break
            if not chunk:
                break
            received += chunk
    finally:
        os.close(leader)
    return proc.wait(timeout=60), received.decode("utf-8", "replace")


# ---------------------------------------------------------------- away from a terminal


def test_a_brief_with_standard_error_in_a_file_writes_lines_not_bars(tmp_path, no_models):
    result = run_cli([*SUMMARIZE, "-o", str(tmp_path / "brief.md")], tmp_path / "err.txt")
    assert result.returncode == 0
    err = (tmp_path / "err.txt").read_bytes().decode("utf-8")
    assert "\r" not in err and "%|" not in err and "step/s" not in err
    lines = err.splitlines()
    assert [line.split(":")[0] for line in lines[:-1] if " in " in line][:2] == ["parse", "select"]  # a line per stage
    assert all(line.startswith(("parse:", "select:", "translate:", "compose:", "aviso:")) for line in lines[:-1]), err
    assert lines[-1] == "modo: extractivo — se pidió el modo extractivo."


def test_a_batch_job_with_standard_error_in_a_pipe_writes_lines_not_bars(tmp_path, no_models):
    folder = transcript_folder(tmp_path)
    (folder / "binary.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20)
    result = subprocess.run([sys.executable, "-m", "summarizer", "batch", "summarize", str(folder), "--out",
                             str(tmp_path / "out"), "--to", "es", "--mode", "extractive"],
                            cwd=REPO, env=_env(), capture_output=True, timeout=300)
    assert result.returncode == 1
    err = result.stderr.decode("utf-8")
    assert "\r" not in err and "%|" not in err
    assert "failed: binary.txt: the input is not text but binary data" in err
    assert "summarize: 4/4 documents (100%), 1 failed; " in err
    assert result.stdout.decode().strip() == "3 done, 0 skipped, 1 failed"


def test_plain_lines_every_so_often_while_work_goes_on():
    stream = io.StringIO()
    bar = StageBar(stream=stream, every=0)
    for done in range(3):
        bar("translate", done, 2)
    bar("compose", 1, 1)
    bar.close()
    lines = stream.getvalue().splitlines()
    assert lines[:3] == ["translate: 0/2 (0%) after 00:00", "translate: 1/2 (50%) after 00:00",
                         "translate: 2/2 (100%) after 00:00"]
    assert lines[3].startswith("translate: 2/2 in ") and lines[-1].startswith("compose: 1/1 in ")

    stream = io.StringIO()
    with pytest.raises(KeyError), StageBar(stream=stream, every=60) as bar:
        bar("parse", 0, 1)
        raise KeyError  # the error says what happened: no closing line of a stage that broke off
    assert stream.getvalue() == ""


def test_a_job_says_how_far_it_got_each_tenth_and_between_while_it_moves():
    stream = io.StringIO()
    job = JobBar("translate", stream=stream, every=3600)
    job.progress("batch", 0, 20)
    for n in range(20):
        job.record(SimpleNamespace(id=f"d{n}", status="skipped" if n < 10 else "done", error=None))
    lines = stream.getvalue().splitlines()
    assert [line.split(";")[0] for line in lines] == [
        f"translate: {n}/10 documents ({10 * n}%), 10 skipped" for n in range(1, 11)]

    stream = io.StringIO()
    job = JobBar("translate", stream=stream, every=0)
    job.progress("batch", 0, 100)
    job.progress("translate:d0", 1, 4)  # a document moving: a line, since `every` has passed
    job.progress("translate:d0", 1, 4)  # nothing moved: no line
    assert stream.getvalue().splitlines() == ["translate: 0/100 documents (0%); 00:00 elapsed, about 00:00 left"]


def test_quiet_keeps_the_failures_only():
    stream = io.StringIO()
    job = JobBar("summarize", quiet=True, stream=stream, every=0)
    job.progress("batch", 0, 2)
    job.record(SimpleNamespace(id="a", status="failed", error="no model"))
    job.record(SimpleNamespace(id="b", status="failed", error="no model"))
    assert stream.getvalue() == "failed: a: no model\nfailed: b: the same error as a\n"


# ---------------------------------------------------------------- on a terminal


def test_on_a_terminal_the_bars_stay(tmp_path, no_models):
    status, seen = run_on_terminal([*SUMMARIZE, "-o", str(tmp_path / "brief.md")])
    assert status == 0, seen
    assert "%|" in seen and "step/s" in seen and "\r" in seen  # tqdm's bar, redrawn in place
    assert "parse: 1/1 in" not in seen
    assert seen.rstrip().endswith("modo: extractivo — se pidió el modo extractivo.")

    status, seen = run_on_terminal(["batch", "summarize", str(transcript_folder(tmp_path)), "--out", str(tmp_path / "out"),
                                    "--to", "es", "--mode", "extractive"])
    assert status == 0, seen
    assert "summarize: 100%|" in seen and "3/3 docs]" in seen and "documents (" not in seen
