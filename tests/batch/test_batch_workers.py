"""A job's outputs do not depend on how many workers share the cores: a job resumed with
another ``-j`` must not mix two decodings. ``-j1`` on a two-core machine is one worker with
two threads, ``-j2`` two workers with one thread each; both are spelled out here, so the
comparison holds on any machine."""

from __future__ import annotations

from summarizer.batch import MANIFEST_NAME, BatchSettings, PoolEngine, run_batch

from support import SEEDS, transcript_folder

def outputs(out) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MANIFEST_NAME}


def test_one_worker_with_two_threads_writes_what_two_workers_with_one_write(tiny_models, tmp_path):
    inputs = transcript_folder(tmp_path)
    (inputs / "web.txt").write_text((SEEDS / "2023-12-28.web.txt").read_text(encoding="utf-8")[:5000], encoding="utf-8")
    with PoolEngine(1, threads=2) as one, PoolEngine(2, threads=1) as two:
        for task in ("translate", "summarize"):
            for name, engine in (("one", one), ("two", two)):
                results = list(run_batch([inputs], tmp_path / f"{task}-{name}", BatchSettings(task), engine=engine))
                assert {r.status for r in results} == {"done"}
    for task in ("translate", "summarize"):
        assert outputs(tmp_path / f"{task}-one") == outputs(tmp_path / f"{task}-two"), task
