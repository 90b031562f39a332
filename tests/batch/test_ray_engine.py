"""The Ray engine on a local Ray instance (2 CPUs, no dashboard): the pool engine's guarantees.

One instance serves the whole session (starting one costs seconds); the SIGKILL test's
jobs start their own, as the CLI does. Tests about the engine itself use the fake models
(`fake_models`, picklable, so the actors get copies); the byte-for-byte comparison
with the pool engine uses the tiny random models.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import threading
import time
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="Ray is not installed: pip install '.[ray]' (make test installs it)")

from click.testing import CliRunner  # noqa: E402

from summarizer.batch import (  # noqa: E402
    MANIFEST_NAME, BatchError, BatchSettings, PoolEngine, RayEngine, run_batch,
)
from summarizer.batch.engines.ray import WORKER_DIED  # noqa: E402
from summarizer.batch.engines.ray.instance import connect, disconnect  # noqa: E402
from summarizer.batch.store import read_manifest  # noqa: E402
from summarizer.cli import main  # noqa: E402
from summarizer.testing import fake_models  # noqa: E402

from support import small_transcript  # noqa: E402
from test_batch import WEB, assert_consistent, latest  # noqa: E402
from test_batch_cli import run_job  # noqa: E402

pytestmark = pytest.mark.ray
CORRUPT = b"\x81\x8d\x8f\x90\x9d" * 20


@pytest.fixture(scope="session")
def ray_instance():
    """One local Ray instance for the session, started the way the engine starts its own."""
    local = connect(None, verbose=False, num_cpus=2)
    yield
    disconnect(local)


def output_bytes(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MANIFEST_NAME}


def comparable(out: Path) -> dict[str, dict]:
    """The manifest's latest records without what differs between runs (times, folders)."""
    keys = ("status", "input_sha256", "settings_sha256", "output_sha256", "models", "error_type", "source", "task")
    records = {}
    for doc_id, record in latest(out).items():
        output = record["output"] and Path(record["output"]).relative_to(out).as_posix()
        records[doc_id] = {k: record[k] for k in keys} | {"output": output}
    return records


# ---------------------------------------------------------------- the same bytes as the pool engine


def test_same_outputs_as_the_pool_engine(ray_instance, tiny_models, tmp_path):
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    for n in range(3):
        (inputs / f"doc{n}.txt").write_text(small_transcript(n), encoding="utf-8")
    (inputs / "sub" / "web.txt").write_text(WEB[:5000], encoding="utf-8")
    (inputs / "corrupt.txt").write_bytes(CORRUPT)
    (inputs / "records.jsonl").write_text(
        json.dumps({"id": "r1", "text": small_transcript(7)}, ensure_ascii=False) + "\n", encoding="utf-8")
    tasks = ("translate", "summarize")
    with PoolEngine(2, threads=1) as pool:
        for task in tasks:
            list(run_batch([inputs], tmp_path / f"pool-{task}", BatchSettings(task), engine=pool))

    # translate through the CLI (a job that makes its own engine: it uses the session's instance)
    result = CliRunner().invoke(main, ["batch", "translate", str(inputs), "--out", str(tmp_path / "ray-translate"),
                                       "--engine", "ray", "-j", "2", "-q"])
    assert result.exit_code == 1, result.output
    assert result.stdout.strip().splitlines()[-1] == "5 done, 0 skipped, 1 failed"
    assert "failed: corrupt.txt: the input is not text but binary data" in result.stderr
    # summarize through the API, with the progress the actors report
    steps = []
    with RayEngine(2, threads=1) as engine:
        list(run_batch([inputs], tmp_path / "ray-summarize", BatchSettings("summarize"), engine=engine,
                       progress=lambda *step: steps.append(step)))
    assert steps[0] == ("batch", 0, 6) and steps[-1] == ("batch", 6, 6)

    for task in tasks:
        pool_out, ray_out = tmp_path / f"pool-{task}", tmp_path / f"ray-{task}"
        assert output_bytes(ray_out) == output_bytes(pool_out), task  # byte for byte
        assert len(output_bytes(ray_out)) == 6  # 4 documents, the record, the assembled JSONL
        assert comparable(ray_out) == comparable(pool_out), task
        assert_consistent(ray_out, assembled={"records.jsonl"})
    assert latest(tmp_path / "ray-translate")["corrupt.txt"]["error_type"] == "DecodeError"


# ---------------------------------------------------------------- workers that die


def test_a_killed_worker_s_document_is_retried_and_one_that_kills_twice_fails(ray_instance, tmp_path, caplog):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(6):
        (inputs / f"doc{n}.txt").write_text(small_transcript(n), encoding="utf-8")
    (inputs / "killer.txt").write_text("MATAR " + small_transcript(9), encoding="utf-8")  # ends its worker
    out = tmp_path / "out"
    models = fake_models("upper", "first-words", delay=2.0, exit_on="MATAR")
    victim: dict = {}
    steps: list = []
    with RayEngine(2, threads=1, group_chars=0, models=models) as engine:
        engine.start()

        def kill_a_busy_worker():  # SIGKILL, as the out-of-memory killer would
            deadline = time.monotonic() + 60
            while not victim and time.monotonic() < deadline:
                try:
                    infos = [info for _, info in engine.actors()]
                except ray.exceptions.RayActorError:  # one died meanwhile: ask again
                    continue
                busy = [info for info in infos if info["docs"] and info["docs"] != ["killer.txt"]]
                if busy:
                    time.sleep(0.3)  # well inside its 2 s document
                    victim.update(doc=busy[0]["docs"][0], pid=busy[0]["pid"])
                    os.kill(busy[0]["pid"], signal.SIGKILL)
                time.sleep(0.05)

        killer = threading.Thread(target=kill_a_busy_worker)
        killer.start()
        with caplog.at_level(logging.WARNING, logger="summarizer"):
            results = list(run_batch([inputs], out, BatchSettings("translate"), engine=engine,
                                     progress=lambda *step: steps.append(step)))
        killer.join()

        # the pre-flight check: a folder a worker cannot write into stops the job before any work
        engine.prepare(tmp_path / "missing")
        with pytest.raises(BatchError, match=r"cannot write into .*missing"):
            list(engine.run([("x", small_transcript(1))], BatchSettings("translate")))

    assert sorted(r.id for r in results) == sorted([f"doc{n}.txt" for n in range(6)] + ["killer.txt"])  # once each
    by_id = {r.id: r for r in results}
    assert by_id["killer.txt"].status == "failed" and by_id["killer.txt"].error == WORKER_DIED
    for n in range(6):
        assert by_id[f"doc{n}.txt"].status == "done"
        assert (out / f"doc{n}.txt").read_text(encoding="utf-8") == small_transcript(n).upper()
    records = assert_consistent(out)  # no staged file left behind either
    assert records["killer.txt"]["error_type"] == "WorkerDied"

    deaths = [r.getMessage() for r in caplog.records if r.getMessage().startswith("a Ray worker died")]
    assert len(deaths) == 3, deaths  # the victim once, the killer document twice
    assert sum(m.startswith(f"a Ray worker died while working on {victim['doc']} (") for m in deaths) == 1
    assert sum(m.startswith("a Ray worker died while working on killer.txt (") for m in deaths) == 2
    assert [m.endswith("retrying on a new worker") for m in deaths].count(True) == 2
    # progress within documents reaches the job from the busy actors (polled twice a second)
    assert len({stage for stage, done, total in steps if stage.startswith("translate:") and done < total}) >= 2


def worker_the_actors_cannot_import(items, settings, progress=None, models=None):
    """Pickled by reference to this test module, which Ray's workers cannot import."""
    raise AssertionError("never runs")


def test_workers_that_cannot_start_stop_the_job(ray_instance, archive, tmp_path):
    engine = RayEngine(1, threads=1, worker=worker_the_actors_cannot_import)
    message = "^the Ray workers cannot start: ModuleNotFoundError: No module named 'test_ray_engine'$"
    with pytest.raises(RuntimeError, match=message):  # one line: the root cause
        list(run_batch([archive], tmp_path / "out", BatchSettings("translate"), engine=engine))
    engine.close()
    assert not list((tmp_path / "out").glob(".*"))  # no probe file left


# ---------------------------------------------------------------- the driver killed with SIGKILL, then resumed


def done_records(manifest: Path) -> int:
    try:
        return manifest.read_text(encoding="utf-8").count('"status": "done"')
    except FileNotFoundError:
        return 0


def descendants(pid: int) -> dict[int, list[str]]:
    """Every process under ``pid``, with its command line."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        children = {child for child, ppid in parents.items() if ppid == parent} - found
        found |= children
        todo.extend(children)
    commands = {}
    for child in found:
        with contextlib.suppress(OSError):
            commands[child] = Path(f"/proc/{child}/cmdline").read_bytes().decode(errors="replace").split("\0")
    return commands


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_driver_killed_then_resumed(tmp_path):
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    for n in range(12):
        (inputs / (f"sub/doc{n:02d}.txt" if n % 3 == 0 else f"doc{n:02d}.txt")).write_text(small_transcript(n),
                                                                                             encoding="utf-8")
    (inputs / "corrupt.txt").write_bytes(CORRUPT)
    out, manifest = tmp_path / "out", tmp_path / "out" / MANIFEST_NAME

    job = run_job(inputs, out, delay=0.5, engine="ray")
    deadline = time.monotonic() + 120
    while done_records(manifest) < 4 and time.monotonic() < deadline and job.poll() is None:
        time.sleep(0.02)
    processes = descendants(job.pid)  # Ray's GCS, raylet, agents, the actors, the reaper
    reaper = next(args for args in processes.values() if args[1:2] == ["-S"] and args[2].endswith("reaper.py"))
    session = Path(reaper[-2])  # the local instance's folder: logs, sockets
    assert session.is_dir() and any("ray::DocWorker" in args[0] for args in processes.values())
    job.send_signal(signal.SIGKILL)
    job.communicate()
    first = done_records(manifest)
    assert job.returncode == -signal.SIGKILL and 4 <= first < 12, "the job was not killed halfway"
    deadline = time.monotonic() + 20
    while any(map(alive, processes)) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in processes if alive(pid)]
    for pid in left:  # never leave them running, even if the test fails
        os.kill(pid, signal.SIGKILL)
    assert not left, "Ray processes outlived the killed job"
    assert not session.exists()

    job = run_job(inputs, out, delay=0.0, engine="ray")
    stdout, stderr = job.communicate(timeout=180)
    assert job.returncode == 1, stderr  # the corrupt file failed
    done, skipped, failed = (int(word) for word in stdout.strip().splitlines()[-1].split()[::2])
    assert failed == 1 and done + skipped == 12 and skipped >= first - 1  # a kill may fall between output and record
    assert "failed: corrupt.txt: the input is not text but binary data" in stderr and "Traceback" not in stderr

    # every output present once, identical to the pool engine's; the manifest agrees
    pool_out = tmp_path / "pool"
    list(run_batch([inputs], pool_out, BatchSettings("translate"), workers=2, models=fake_models("upper", "first-words")))
    assert output_bytes(out) == output_bytes(pool_out) and len(output_bytes(out)) == 12
    assert comparable(out) == comparable(pool_out)
    assert_consistent(out)
    assert len(read_manifest(manifest)) == 13


def using(folder: str) -> dict[int, str]:
    """The Ray processes that use ``folder`` (a local instance's): in their command line, their
    working folder or an open file (an agent's or a worker's title hides its arguments)."""
    found = {}
    for proc in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            if "/ray/" not in command and not command.startswith("ray::"):
                continue
            links = [os.readlink(proc / "cwd")] + [os.readlink(fd) for fd in (proc / "fd").iterdir()]
            if folder in command or any(link.startswith(folder + "/") for link in links):
                found[int(proc.name)] = command
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("moment", ["gcs_server", "ray::DashboardAgent"])  # two moments inside ray.init
def test_a_job_killed_while_ray_starts_leaves_no_process_nor_folder(tmp_path, moment):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(2):
        (inputs / f"doc{n}.txt").write_text(small_transcript(n), encoding="utf-8")
    job = run_job(inputs, tmp_path / "out", delay=0.5, engine="ray")
    processes: dict[int, list[str]] = {}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(moment in " ".join(args) for args in processes.values()):
        assert job.poll() is None, job.communicate()
        processes = descendants(job.pid)
        time.sleep(0.01)
    job.send_signal(signal.SIGKILL)
    job.communicate()
    gcs = next(args for args in processes.values() if args[0].endswith("gcs_server"))
    folder = next(arg for arg in gcs if arg.startswith("--log_dir=")).split("=", 1)[1].split("/session_")[0]
    assert Path(folder).name.startswith("ray-"), folder  # the instance's own folder

    deadline = time.monotonic() + 20
    while (any(map(alive, processes)) or using(folder) or Path(folder).exists()) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = {pid: " ".join(args)[:80] for pid, args in processes.items() if alive(pid)}
    left.update({pid: command[:80] for pid, command in using(folder).items()})
    for pid in left:  # never leave them running, even if the test fails
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    assert not left, "Ray processes outlived the job killed while Ray started"
    assert not Path(folder).exists(), "the local instance's folder is left behind"
