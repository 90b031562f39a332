"""Batch jobs through the Python API: inputs, outputs, manifest, resuming, failures, engines.

The models are replaced by fakes registered in the jobs' ``models=`` (translation
upper-cases the transcript, so labels and layout are kept and completeness is
checkable exactly); parsing, the per-document function, the engines and all file
handling are the real ones.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from summarizer.batch import (
    MANIFEST_NAME,
    BatchError,
    BatchSettings,
    DocOutcome,
    LocalEngine,
    PoolEngine,
    process_document,
    run_batch,
    safe_name,
    translate_batch,
)
from summarizer.batch.inputs import discover
from summarizer.batch.store import Manifest, read_manifest
from summarizer.files import atomic_write, remove_stale_temporaries
from summarizer.errors import UnsupportedLanguageError
from summarizer.testing import FakeGenerator
from summarizer.testing import fake_models as make_models

from support import SEEDS, small_transcript
WEB = (SEEDS / "2023-12-28.web.txt").read_text(encoding="utf-8")
NATIVE = (SEEDS / "2023-12-28.native.txt").read_text(encoding="utf-8")


def batches(models) -> list[list[str]]:
    """The batches the fake translation model was given."""
    return [texts for texts, _ in models.registered("translate").calls]


@pytest.fixture
def fake_models():
    """The models of both tasks, replaced by fakes registered in the jobs' ``models=``:
    one translation model that upper-cases each sentence (and fails on "FALLA DEL
    MODELO"), one summarizer; both record their batches. Everything else is real."""
    return make_models(translate=FakeGenerator("upper", name="fake-upper", fail_on="FALLA DEL MODELO"),
                       summarize=FakeGenerator("first-words", name="fake-summarizer"))


def latest(out: Path) -> dict[str, dict]:
    records = {}
    for record in read_manifest(out / MANIFEST_NAME):
        records[record["id"]] = record
    return records


def output_files(out: Path) -> set[str]:
    return {
        p.relative_to(out).as_posix() for p in out.rglob("*")
        if p.is_file() and p.name != MANIFEST_NAME
    }


def assert_consistent(out: Path, assembled: set[str] = frozenset()) -> dict[str, dict]:
    """The manifest (latest record per id) agrees with the files, exactly."""
    import hashlib

    records = latest(out)
    done = {Path(r["output"]).relative_to(out).as_posix() for r in records.values() if r["status"] == "done"}
    for record in records.values():
        if record["status"] == "done":
            data = Path(record["output"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == record["output_sha256"], record["id"]
        else:
            assert record["output"] is None and record["error"], record
    assert output_files(out) == done | set(assembled)
    assert not list(out.rglob("*.summarizer-tmp"))
    return records


# ---------------------------------------------------------------- inputs


def test_discover_folders_files_globs(archive, tmp_path):
    found = discover([archive])
    assert [s.id for s in found.sources] == ["2024/doc4.txt", "doc0.txt", "doc1.txt", "doc2.txt", "doc3.txt"]
    found = discover([archive / "doc1.txt", str(archive / "doc*.txt"), archive])
    assert [s.id for s in found.sources][:1] == ["doc1.txt"]
    assert len(found.sources) == 5  # each file read once however often it is named
    found = discover([str(archive / "**" / "*.txt")])
    assert sorted(s.id for s in found.sources) == ["2024/doc4.txt", "doc0.txt", "doc1.txt", "doc2.txt", "doc3.txt"]
    with pytest.raises(BatchError, match="no such file"):
        discover([tmp_path / "missing"])
    with pytest.raises(BatchError, match="matches no file"):
        discover([str(tmp_path / "*.nothing")])


def test_discover_skips_the_output_folder(archive):
    (archive / "out").mkdir()
    (archive / "out" / "doc0.txt").write_text("old output", encoding="utf-8")
    found = discover([archive], exclude=archive / "out")
    assert "out/doc0.txt" not in [s.id for s in found.sources]


def test_jsonl_records_and_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Hola."}),
        "",
        json.dumps({"id": 7, "text": "Adiós."}),
        "{not json",
        json.dumps({"text": "sin id"}),
        json.dumps({"id": "a", "text": "repetido"}),
        json.dumps({"id": "b"}),
        json.dumps(["a", "list"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sources = discover([path]).sources
    assert [s.id for s in sources] == [
        "batch.jsonl#a", "batch.jsonl#7", "batch.jsonl#line-4", "batch.jsonl#line-5",
        "batch.jsonl#line-6", "batch.jsonl#b", "batch.jsonl#line-8",
    ]
    assert [s.error is None for s in sources] == [True, True, False, False, False, False, False]
    assert "not valid JSON" in sources[2].error
    assert "no \"id\"" in sources[3].error
    assert "repeats the id 'a' of line 1" in sources[4].error
    assert "no \"text\"" in sources[5].error
    assert sources[1].read() == "Adiós."


# ---------------------------------------------------------------- crash-safe files


def test_manifest_cuts_a_torn_line_and_compacts(tmp_path):
    path = tmp_path / MANIFEST_NAME
    good = [{"id": "a", "status": "failed"}, {"id": "b", "status": "done"}, {"id": "a", "status": "done"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in good) + '{"id": "c", "sta', encoding="utf-8")
    with Manifest(tmp_path) as manifest:
        assert {k: v["status"] for k, v in manifest.latest.items()} == {"a": "done", "b": "done"}
        manifest.append({"id": "c", "status": "done"})
        manifest.compact()
    assert [json.loads(line) for line in path.read_text().splitlines()] == [
        {"id": "a", "status": "done"}, {"id": "b", "status": "done"}, {"id": "c", "status": "done"},
    ]


def test_reading_skips_garbage_lines(tmp_path):
    path = tmp_path / MANIFEST_NAME
    path.write_text('{"id": "a"}\n\x00\x00garbage\n[1]\n{"id": "b"}\n', encoding="utf-8")
    assert [r["id"] for r in read_manifest(path)] == ["a", "b"]


def test_atomic_write_leaves_no_temporary(tmp_path):
    target = tmp_path / "sub" / "x.txt"
    atomic_write(target, "ñandú\n")
    atomic_write(target, "otra vez\n")
    assert target.read_text(encoding="utf-8") == "otra vez\n"
    assert [p.name for p in target.parent.iterdir()] == ["x.txt"]
    stale = target.parent / ".x.txt.abcd1234.summarizer-tmp"
    stale.write_text("half")
    assert remove_stale_temporaries(tmp_path) == 1 and not stale.exists()


# ---------------------------------------------------------------- jobs


def test_translate_job_writes_outputs_and_manifest(fake_models, archive, tmp_path):
    out = tmp_path / "out"
    calls = []
    results = list(translate_batch([archive], out, progress=lambda *a: calls.append(a), models=fake_models))
    assert sorted(r.status for r in results) == ["done"] * 5
    assert calls[0] == ("batch", 0, 5) and calls[-1] == ("batch", 5, 5)
    for n, rel in enumerate(["doc0.txt", "doc1.txt", "doc2.txt", "doc3.txt", "2024/doc4.txt"]):
        assert (out / rel).read_text(encoding="utf-8") == small_transcript(n).upper()
    records = assert_consistent(out)
    record = records["doc0.txt"]
    assert record["input"] == str(archive / "doc0.txt")
    assert record["models"] == {"translate-es-en": fake_models.registered("translate").provenance}
    assert record["source"] == "es" and record["target"] == "en" and record["seconds"] >= 0
    assert len(record["input_sha256"]) == 64 and len(record["settings_sha256"]) == 64


def test_rerun_skips_and_redoes_what_changed(fake_models, archive, tmp_path):
    out = tmp_path / "out"
    list(translate_batch([archive], out, models=fake_models))
    assert {r.status for r in translate_batch([archive], out, models=fake_models)} == {"skipped"}

    (archive / "doc1.txt").write_text(small_transcript(11), encoding="utf-8")  # changed input
    (out / "doc2.txt").unlink()  # lost output
    (out / "doc3.txt").write_text("tampered", encoding="utf-8")  # output altered
    results = {r.id: r.status for r in translate_batch([archive], out, models=fake_models)}
    assert results == {"doc0.txt": "skipped", "2024/doc4.txt": "skipped",
                       "doc1.txt": "done", "doc2.txt": "done", "doc3.txt": "done"}
    assert (out / "doc1.txt").read_text(encoding="utf-8") == small_transcript(11).upper()
    assert (out / "doc3.txt").read_text(encoding="utf-8") == small_transcript(3).upper()

    # other settings (the same output files): everything is redone
    assert {r.status for r in translate_batch([archive], out, source="en", target="es", models=fake_models)} == {"done"}
    assert {r.status for r in translate_batch([archive], out, source="en", target="es", models=fake_models)} == {"skipped"}
    assert {r.status for r in translate_batch([archive], out, source="en", target="es", force=True, models=fake_models)} == {"done"}
    records = assert_consistent(out)
    assert len(read_manifest(out / MANIFEST_NAME)) == len(records) == 5  # compacted: one record each
    assert {r["source"] for r in records.values()} == {"en"}

    # nothing to translate: a job of Spanish transcripts into Spanish is refused before it starts, saying why
    with pytest.raises(UnsupportedLanguageError, match="1 document to do is in Spanish.*nothing to translate"):
        list(translate_batch([archive / "doc0.txt"], tmp_path / "es", target="es", models=fake_models))


def test_bad_documents_fail_alone(fake_models, archive, tmp_path):
    (archive / "corrupt.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 10)  # neither UTF-8 nor cp1252
    (archive / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (archive / "model.txt").write_text("PREGUNTA: FALLA DEL MODELO aquí.\n", encoding="utf-8")
    (archive / "big.txt").write_text(small_transcript(9) * 50, encoding="utf-8")
    out = tmp_path / "out"
    results = {r.id: r for r in translate_batch([archive], out, max_bytes=5000, models=fake_models)}
    failed = {k: r.error for k, r in results.items() if r.status == "failed"}
    assert set(failed) == {"corrupt.txt", "empty.txt", "model.txt", "big.txt"}
    assert "UTF-8" in failed["corrupt.txt"] and "empty" in failed["empty.txt"]
    assert "fake-upper failed on this input" in failed["model.txt"] and "over the limit" in failed["big.txt"]
    assert sum(r.status == "done" for r in results.values()) == 5
    records = assert_consistent(out)
    assert records["corrupt.txt"]["error_type"] == "DecodeError"
    assert records["big.txt"]["error_type"] == "InputTooLargeError"


def test_a_failure_removes_the_older_output(fake_models, archive, tmp_path):
    out = tmp_path / "out"
    list(translate_batch([archive], out, models=fake_models))
    (archive / "doc0.txt").write_text("", encoding="utf-8")
    results = {r.id: r.status for r in translate_batch([archive], out, models=fake_models)}
    assert results["doc0.txt"] == "failed"
    assert not (out / "doc0.txt").exists()
    assert_consistent(out)


def out_of_cheese(text):
    raise TypeError("CUDA out of cheese")


def test_unexpected_errors_are_recorded(archive, tmp_path):
    results = list(translate_batch([archive / "doc0.txt"], tmp_path / "out", models=make_models(translate=out_of_cheese)))
    assert results[0].status == "failed"
    assert results[0].error == "unexpected TypeError: CUDA out of cheese"


def test_jsonl_in_jsonl_out(fake_models, tmp_path):
    path = tmp_path / "batch.jsonl"
    records = [{"id": "2023-12-28", "text": WEB}, {"id": 2, "text": small_transcript(2)},
               {"id": "a/b c", "text": small_transcript(3)}, {"id": "vacío", "text": ""}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + "{oops\n", encoding="utf-8")
    out = tmp_path / "out"
    results = {r.id: r.status for r in translate_batch([path], out, models=fake_models)}
    assert results == {"batch.jsonl#2023-12-28": "done", "batch.jsonl#2": "done", "batch.jsonl#a/b c": "done",
                       "batch.jsonl#vacío": "failed", "batch.jsonl#line-5": "failed"}
    lines = [json.loads(line) for line in (out / "batch.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["2023-12-28", 2, "a/b c", "vacío", None]
    assert lines[1]["text"] == small_transcript(2).upper()
    # The fake model upper-cases each sentence; the transcript's protected names come out as written.
    assert lines[0]["text"].upper() == WEB.upper() and "Andrés Manuel López Obrador" in lines[0]["text"]
    assert "error" in lines[3] and lines[4]["line"] == 5
    assert (out / "batch" / "2023-12-28.txt").is_file()
    assert (out / "batch" / f"{safe_name('a/b c')}.txt").is_file() and "/" not in safe_name("a/b c")
    assert_consistent(out, assembled={"batch.jsonl"})

    # resumed: the per-record outputs are reused, the assembled file is rebuilt the same
    before = (out / "batch.jsonl").read_bytes()
    (out / "batch.jsonl").unlink()
    assert sorted(r.status for r in translate_batch([path], out, models=fake_models)) == ["failed", "failed", "skipped", "skipped", "skipped"]
    assert (out / "batch.jsonl").read_bytes() == before


def test_summaries_md_and_json(fake_models, archive, tmp_path):
    from summarizer.batch import summarize_batch

    out = tmp_path / "out"
    list(summarize_batch([archive], out, models=fake_models))
    assert (out / "doc0.md").read_text(encoding="utf-8").startswith("# Brief: Press conference\n")  # no Spanish title
    list(summarize_batch([archive], out, format="json", target="es", models=fake_models))
    assert json.loads((out / "2024" / "doc4.json").read_text(encoding="utf-8"))["target_lang"] == "es"
    records = assert_consistent(out)
    assert records["doc0.txt"]["output"] == str(out / "doc0.json") and not (out / "doc0.md").exists()
    # one task per folder: summaries never replace translations, or the reverse
    with pytest.raises(BatchError, match="holds the outputs of a summarize job"):
        list(translate_batch([archive], out, models=fake_models))


def test_output_clashes_fail_the_later_document(fake_models, archive, tmp_path):
    (archive / "doc0.md").write_text(small_transcript(0), encoding="utf-8")
    from summarizer.batch import summarize_batch

    out = tmp_path / "out"
    results = {r.id: r for r in summarize_batch([archive, archive / "doc0.md"], out, models=fake_models)}
    assert results["doc0.md"].status == "failed" and "would overwrite" in results["doc0.md"].error
    assert results["doc0.txt"].status == "done"
    assert_consistent(out)


def test_one_job_per_output_folder(fake_models, archive, tmp_path):
    out = tmp_path / "out"
    first = translate_batch([archive], out, models=fake_models)
    next(first)  # the first job holds the folder
    with pytest.raises(BatchError, match="another batch job"):
        list(translate_batch([archive], out, models=fake_models))
    list(first)
    assert len(list(translate_batch([archive], out, models=fake_models))) == 5


def test_no_documents_and_bad_out(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(BatchError, match="no documents"):
        list(translate_batch([tmp_path / "empty"], tmp_path / "out"))
    (tmp_path / "file").write_text("x")
    (tmp_path / "in.txt").write_text(small_transcript(1))
    with pytest.raises(BatchError, match="is a file"):
        list(translate_batch([tmp_path / "in.txt"], tmp_path / "file"))


def test_settings_digest(fake_models):
    base = BatchSettings("translate")
    assert base.format == "txt" and BatchSettings("summarize").format == "md"

    def digest(settings, models=fake_models):
        return settings.digest(models)

    assert digest(base) == digest(BatchSettings("translate", max_bytes=10))
    assert digest(base) != digest(BatchSettings("translate", target="es"))
    assert digest(base) != digest(BatchSettings("translate", format="json"))
    assert digest(BatchSettings("summarize")) != digest(BatchSettings("summarize", quotes=3))
    assert digest(base) != digest(base, make_models(translate=FakeGenerator("upper", name="another")))
    with pytest.raises(ValueError, match="md or json"):
        BatchSettings("summarize", format="txt")


def test_process_document_is_plain_and_safe(fake_models):
    settings = BatchSettings("translate")
    outcome = process_document("x", small_transcript(1).encode("utf-8"), settings, models=fake_models)
    assert outcome.ok and outcome.content == small_transcript(1).upper()
    failed = process_document("y", b"", settings, models=fake_models)
    assert not failed.ok and failed.error_type == "EmptyTranscriptError" and failed.content is None


# ---------------------------------------------------------------- engines


def upper_worker(items, settings, progress=None, models=None) -> list[DocOutcome]:
    """A worker for the process pool (top-level, so spawn can import it)."""
    outcomes = []
    for doc_id, data in items:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        if "MATAR" in text:
            os._exit(9)  # a worker dies (out of memory, killed)
        if progress:
            progress(doc_id, "upper", 1, 1)
        outcomes.append(DocOutcome(doc_id, text.upper(), {"pid": os.getpid(), "threads": _torch_threads()}))
    return outcomes


def _torch_threads() -> int:
    import torch

    return torch.get_num_threads()


def test_pool_engine_shares_cores_and_survives_a_dead_worker(archive, tmp_path):
    (archive / "killer.txt").write_text("MATAR " + small_transcript(7), encoding="utf-8")
    out = tmp_path / "out"
    steps = []
    with PoolEngine(2, threads=1, worker=upper_worker) as engine:
        results = {r.id: r for r in run_batch([archive], out, BatchSettings("translate"), engine=engine,
                                              progress=lambda *a: steps.append(a))}
    assert ("upper:doc0.txt", 1, 1) in steps
    assert results["killer.txt"].status == "failed" and "worker process died" in results["killer.txt"].error
    done = [r for r in results.values() if r.status == "done"]
    assert len(done) == 5
    assert {r.models["threads"] for r in done} == {1}
    assert_consistent(out)


def test_local_engine_runs_in_process(archive, tmp_path):
    seen = []

    def worker(items, settings, progress=None, models=None):
        seen.append(threading.get_ident())
        return [DocOutcome(doc_id, data.decode().upper()) for doc_id, data in items]

    results = list(run_batch([archive], tmp_path / "out", BatchSettings("translate"), engine=LocalEngine(worker)))
    assert len(results) == 5 and set(seen) == {threading.get_ident()}


# ---------------------------------------------------------------- sentences batched across documents


def test_small_documents_share_translation_batches(fake_models, tmp_path):
    from summarizer.batch import process_documents

    settings = BatchSettings("translate")
    items = [(f"d{n}", small_transcript(n)) for n in range(10)]
    together = process_documents(items, settings, models=fake_models)
    shared_calls = list(batches(fake_models))
    fake_models.registered("translate").calls.clear()
    alone = [process_document(doc_id, data, settings, models=fake_models) for doc_id, data in items]
    # the same outputs as one by one, from far fewer model calls
    assert [o.content for o in together] == [o.content for o in alone] == [t.upper() for _, t in items]
    assert len(shared_calls) == 1 < len(batches(fake_models)) == 10
    # a sentence all ten documents share ("Vamos a informar mañana.") is translated once
    sent = [s for batch in shared_calls for s in batch]
    assert sent.count("Vamos a informar mañana.") == 1 and len(sent) == len(set(sent))
    assert all(o.ok and o.models == {"translate-es-en": fake_models.registered("translate").provenance} for o in together)


def test_a_failure_in_a_shared_pass_fails_one_document(fake_models):
    from summarizer.batch import process_documents

    items = [("a", small_transcript(1)), ("b", "PREGUNTA: FALLA DEL MODELO aquí.\n"), ("c", ""), ("d", small_transcript(2))]
    outcomes = {o.id: o for o in process_documents(items, BatchSettings("translate"), models=fake_models)}
    assert [o.id for o in process_documents(items, BatchSettings("translate"), models=fake_models)] == ["a", "b", "c", "d"]
    assert outcomes["a"].ok and outcomes["d"].ok
    assert outcomes["b"].error == "fake-upper failed on this input" and outcomes["c"].error_type == "EmptyTranscriptError"


def test_grouping_only_where_it_helps():
    from summarizer.batch.work import GROUP_CHARS, group_items

    big = "x" * GROUP_CHARS
    items = [("a", "small"), ("b", "small"), ("c", big), ("d", "small")]
    assert [[i for i, _ in g] for g in group_items(items, BatchSettings("translate"))] == [["c"], ["a", "b", "d"]]
    assert [[i for i, _ in g] for g in group_items(items, BatchSettings("summarize"))] == [["a"], ["b"], ["c"], ["d"]]
