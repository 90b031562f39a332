"""A large transcript's brief is made in a process of its own: the same outputs as one made
in the server, its progress reported, its errors raised in the server as they were."""

from __future__ import annotations

import gradio as gr
import pytest

from summarizer.errors import ModelNotAvailableError
from summarizer.summarize import SummaryOptions
from summarizer.web import briefs, handlers

from support import SEEDS

SEED = (SEEDS / "2023-12-28.web.txt").read_text(encoding="utf-8")


def test_a_brief_made_in_its_own_process_is_the_same(no_models, tmp_path):
    options = SummaryOptions(mode="extractive", quotes=3)
    stages: list[tuple] = []
    here = briefs.make(SEED, "es", options, tmp_path / "here", lambda *stage: None)
    there = briefs.make_isolated(SEED, "es", options, tmp_path / "there", lambda *stage: stages.append(stage))
    assert there.outputs[:5] + there.outputs[7:8] == here.outputs[:5] + here.outputs[7:8]
    assert there.notes == here.notes
    for path in (there.outputs[5], there.outputs[6], there.outputs[8]):  # its downloads, where it was told
        assert path.startswith(str(tmp_path / "there")) and (tmp_path / "there").joinpath(path).is_file()
    assert {stage for stage, _, _ in stages} >= {"select", "compose"}


def test_its_errors_are_raised_in_the_server(no_models, tmp_path):
    with pytest.raises(ModelNotAvailableError) as caught:
        briefs.make_isolated(SEED, "en", SummaryOptions(mode="extractive"), tmp_path, lambda *stage: None)
    assert caught.value.language == "es" and caught.value.render("es").startswith("un resumen en inglés")


def test_the_handler_briefs_a_large_transcript_in_its_own_process(no_models, monkeypatch):
    made = []
    monkeypatch.setattr(briefs, "ISOLATED_BYTES", 10_000)
    monkeypatch.setattr(briefs, "make_isolated", lambda *args: made.append(args) or briefs.make(*args))
    out = handlers.make_brief(SEED, "es", "extractive", 3, None, None, None, None, "")
    assert made and out[0].startswith("# Resumen:")
    monkeypatch.undo()
    with pytest.raises(gr.Error) as caught:  # the message says what this page offers, from the child's error
        monkeypatch.setattr(briefs, "ISOLATED_BYTES", 10_000)
        handlers.make_brief(SEED, "en", "auto", 3, None, None, None, None, "")
    assert "In this app: choose “Brief in: Spanish”" in caught.value.message
