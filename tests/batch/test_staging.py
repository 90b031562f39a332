"""Outputs staged by workers and published by the job (the Ray engine's path), without Ray."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest

from summarizer.batch.staging import discard, publish, stage


def test_stage_then_publish(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    staged, sha256 = stage(out, "Buenos días, ñandú.\n")
    assert sha256 == hashlib.sha256("Buenos días, ñandú.\n".encode()).hexdigest()
    name = os.path.basename(staged)
    assert name.startswith(".staged-") and name.endswith(".summarizer-tmp")  # hidden; a later job removes it
    target = out / "sub" / "doc.txt"
    publish(staged, sha256, out, target)
    assert target.read_text(encoding="utf-8") == "Buenos días, ñandú.\n"
    assert sorted(p.name for p in out.rglob("*")) == ["doc.txt", "sub"]


def test_a_replaced_output_keeps_its_permissions(tmp_path):
    (tmp_path / "doc.txt").write_text("old", encoding="utf-8")
    os.chmod(tmp_path / "doc.txt", 0o600)
    staged, sha256 = stage(tmp_path, "new")
    publish(staged, sha256, tmp_path, tmp_path / "doc.txt")
    assert stat.S_IMODE(os.stat(tmp_path / "doc.txt").st_mode) == 0o600


def test_publish_refuses_what_the_worker_did_not_write(tmp_path):
    staged, sha256 = stage(tmp_path, "text")
    with pytest.raises(OSError, match="is not an output staged in"):  # only staged files of this folder
        publish(str(tmp_path / "elsewhere.txt"), sha256, tmp_path, tmp_path / "doc.txt")
    with pytest.raises(OSError, match="is missing or not what it wrote: is .* the same folder on every machine"):
        publish(staged, "0" * 64, tmp_path, tmp_path / "doc.txt")  # a different file, as on an unshared folder
    os.remove(staged)
    with pytest.raises(OSError, match="is missing"):
        publish(staged, sha256, tmp_path, tmp_path / "doc.txt")
    assert not (tmp_path / "doc.txt").exists()


def test_discard_deletes_only_staged_files(tmp_path):
    keep = tmp_path / "input.txt"
    keep.write_text("x", encoding="utf-8")
    discard(str(keep), tmp_path)
    staged, _ = stage(tmp_path, "text")
    discard(staged, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["input.txt"]
