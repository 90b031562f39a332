"""A batch job never writes outside its output folder and never over its own inputs,
whatever the glob, and says why per document."""

from __future__ import annotations

import os

from click.testing import CliRunner

from summarizer.batch import translate_batch
from summarizer.cli import main

from support import small_transcript
from test_batch import fake_models  # noqa: F401 - the fixture


def _tree(tmp_path):
    """t/in/s1/ (a folder the glob goes through), t/src/a.txt and b.txt (the inputs)."""
    root = tmp_path / "t"
    (root / "in" / "s1").mkdir(parents=True)
    (root / "src").mkdir()
    for name in ("a", "b"):
        (root / "src" / f"{name}.txt").write_text(small_transcript(1), encoding="utf-8")
    return root


def _snapshot(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_glob_with_dotdot_after_a_wildcard_never_writes_outside_out(tmp_path, fake_models, monkeypatch):
    root = _tree(tmp_path)
    before = _snapshot(root / "src")
    monkeypatch.chdir(tmp_path)
    results = list(translate_batch(["t/in/s*/../../src/*.txt"], "t/out", models=fake_models))
    assert [r.status for r in results] == ["failed", "failed"]
    for r in results:
        assert r.error.startswith("its output ../src/") and "outside the output folder" in r.error
        assert "'..' after a wildcard" in r.error
    assert _snapshot(root / "src") == before  # the inputs are untouched
    assert sorted(p.name for p in (root / "out").iterdir()) == ["manifest.jsonl"]
    assert sorted(p.name for p in root.iterdir()) == ["in", "out", "src"]
    assert fake_models.registered("translate").calls == []


def test_the_cli_reports_each_refused_document_and_fails(tmp_path, monkeypatch):
    root = _tree(tmp_path)
    before = _snapshot(root / "src")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["batch", "translate", "t/in/s*/../../src/*.txt", "--out", "t/out", "-q"])
    assert result.exit_code == 1
    assert result.output.count("outside the output folder") == 2
    assert "0 done, 0 skipped, 2 failed" in result.output
    assert _snapshot(root / "src") == before


def test_a_dotdot_that_stays_inside_is_fine(tmp_path, fake_models, monkeypatch):
    root = _tree(tmp_path)
    (root / "in" / "s1" / "c.txt").write_text(small_transcript(2), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    results = list(translate_batch(["t/in/s*/../s1/*.txt"], "t/out", models=fake_models))
    assert [(r.id, r.status) for r in results] == [("s1/c.txt", "done")]
    assert (root / "out" / "s1" / "c.txt").is_file()


def test_an_output_that_is_a_link_to_an_input_is_refused(tmp_path, fake_models):
    root = _tree(tmp_path)
    out = root / "out"
    out.mkdir()
    os.symlink(root / "src" / "a.txt", out / "a.txt")  # planted: the output a.txt is the input a.txt
    before = _snapshot(root / "src")
    results = {r.id: r for r in translate_batch([root / "src"], out, models=fake_models)}
    assert results["a.txt"].status == "failed"
    assert "would overwrite the input" in results["a.txt"].error
    assert results["b.txt"].status == "done"
    assert _snapshot(root / "src") == before


def test_an_output_folder_linked_outside_is_refused(tmp_path, fake_models):
    root = _tree(tmp_path)
    (root / "src" / "sub").mkdir()
    (root / "src" / "sub" / "c.txt").write_text(small_transcript(3), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = root / "out"
    out.mkdir()
    os.symlink(elsewhere, out / "sub")
    results = {r.id: r for r in translate_batch([root / "src"], out, models=fake_models)}
    assert results["sub/c.txt"].status == "failed"
    assert "leads outside the output folder" in results["sub/c.txt"].error
    assert list(elsewhere.iterdir()) == []


def test_an_old_manifest_output_outside_out_is_never_deleted(tmp_path, fake_models):
    """A manifest written by an earlier version may name an output outside the folder:
    re-running never deletes it (it may be an input)."""
    import json

    root = _tree(tmp_path)
    out = root / "out"
    out.mkdir()
    victim = root / "src" / "a.txt"
    record = {"id": "a.txt", "status": "done", "output": str(out / ".." / "src" / "a.txt"), "task": "translate",
              "input_sha256": "x", "settings_sha256": "y", "output_sha256": "z"}
    (out / "manifest.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    results = {r.id: r for r in translate_batch([root / "src" / "a.txt"], out, format="json", models=fake_models)}
    assert results["a.txt"].status == "done"
    assert victim.read_text(encoding="utf-8") == small_transcript(1)


def test_a_document_input_gets_a_text_output(tmp_path, fake_models):
    from docx import Document

    document = Document()
    document.add_paragraph("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días. Vamos a informar mañana.")
    source = tmp_path / "conferencia.docx"
    document.save(source)
    results = list(translate_batch([source], tmp_path / "out", models=fake_models))
    assert [r.status for r in results] == ["done"]
    assert results[0].output == tmp_path / "out" / "conferencia.txt"
    assert results[0].output.read_text(encoding="utf-8").startswith("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: BUENOS")


def test_inputs_inside_the_output_folder_are_said_to_be_skipped(tmp_path, fake_models, monkeypatch, caplog):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").write_text(small_transcript(1), encoding="utf-8")
    (out / "b.txt").write_text(small_transcript(2), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["batch", "translate", "out/a.txt", "out/b.txt", "--out", "out", "-q"])
    assert result.exit_code == 1
    assert ("no documents to do: out/a.txt, out/b.txt are inside the output folder out, which a job never reads "
            "from") in result.output
    result = CliRunner().invoke(main, ["batch", "translate", "out", "--out", "out", "-q"])
    assert "out/a.txt, out/b.txt are inside the output folder out" in result.output

    # beside other documents: done, and the skipped ones named in the log
    (tmp_path / "c.txt").write_text(small_transcript(3), encoding="utf-8")
    with caplog.at_level("WARNING", logger="summarizer"):
        results = list(translate_batch(["out/a.txt", "c.txt"], "out", models=fake_models))
    assert [(r.id, r.status) for r in results] == [("c.txt", "done")]
    assert "skipped out/a.txt: inside the output folder out" in caplog.text
