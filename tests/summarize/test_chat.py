"""Mode chat: an instruct model writes each story's line and the lead in the brief's
language; the faithfulness guard asks once more, then puts the speaker's own sentence in a
line's place; quotes stay verbatim. Fakes through `fake_models(chat=…)`; the tiny random
Qwen2 model through the real loading path, with both backends."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import Summarizer, SummaryOptions, parse_transcript
from summarizer.cli import main
from summarizer.summarize.faithful import problems
from summarizer.testing import FakeGenerator, FakeTranslators, fake_models

from support import SEEDS

SEED = (SEEDS / "2023-12-28.web.txt").read_text(encoding="utf-8")
SHORT = SEED[:SEED.index("\n\n", 20_000)]


@pytest.fixture(scope="module")
def doc():
    return parse_transcript(SHORT)


def first_sentence(prompt: str) -> str:
    """What a faithful model writes: the first sentence it was given, as said (a story's
    sentences follow their speaker's name, the lead's stories a dash)."""
    said = re.search(r"^(?:- |[^\n:]+: )(.+)$", prompt.split("\n\n")[1], re.MULTILINE)
    return said.group(1) if said else ""


def brief(doc, chat, target="es", mode="chat"):
    translators = FakeTranslators()
    models = fake_models(chat=chat, translators=translators)
    return Summarizer(SummaryOptions(mode=mode), models=models).summarize(doc, target=target)


def assert_verbatim_and_attributed(doc, summary):
    for quote in summary.quotes + tuple(p.quote for p in summary.points if p.quote):
        assert doc.text[quote.start:quote.end] == quote.original
        turn = doc.turns[quote.turn]
        assert turn.start <= quote.start and quote.end <= turn.end and quote.speaker == turn.speaker


def test_a_faithful_model_writes_every_line_and_the_lead(doc):
    model = FakeGenerator(first_sentence, name="fake-chat")
    summary = brief(doc, model)
    assert summary.mode == "chat" and summary.mode_reason == "se pidió el modo chat."
    assert summary.points and all(p.line.generated and p.line.guard is None for p in summary.points)
    assert summary.lead_line.generated and summary.lead == first_sentence(model.calls[-1][0][0])
    assert not [n for n in summary.notes if n["code"].startswith("summary.chat")]
    # one call for every story's line (batched), one for the lead; each prompt in Spanish, with who said what
    assert [len(texts) for texts, _ in model.calls] == [len(summary.points), 1]
    first = model.calls[0][0][0]
    assert first.startswith("Frases dichas en la conferencia matutina de la presidencia de México (2023-12-28)")
    assert "\nLópez Obrador: " in first and first.endswith("Escriba solo la oración.")
    assert model.calls[0][1].max_new_tokens == 80 and model.calls[1][1].max_new_tokens == 100
    assert summary.provenance["models"]["chat"]["name"] == "fake-chat"
    assert_verbatim_and_attributed(doc, summary)


def test_the_english_prompt_asks_for_english(doc):
    model = FakeGenerator(first_sentence, name="fake-chat")
    summary = brief(doc, model, target="en")
    assert model.calls[0][0][0].startswith("Sentences said at the morning press conference of Mexico's president")
    assert "Write one sentence in English" in model.calls[0][0][0]
    assert summary.mode == "chat" and "translate-es-en" in summary.provenance["models"]  # the quotes' translation


def test_a_line_that_invents_is_asked_for_once_more(doc):
    answers: dict[str, int] = {}

    def once_wrong(prompt: str) -> str:
        answers[prompt] = answers.get(prompt, 0) + 1
        return "Quzmarto Pelánez anunció 987,654,321 pesos." if "Su oración dijo" not in prompt else first_sentence(prompt)

    model = FakeGenerator(once_wrong, name="fake-chat")
    summary = brief(doc, model)
    retries = model.calls[1][0]
    assert len(retries) == len(summary.points)  # every line asked again, in one batch
    assert retries[0].endswith("\n\nSu oración dijo lo que las frases de arriba no dicen (cifra 987654321; nombre "
                               "Quzmarto Pelánez). Escríbala de nuevo solo con sus datos.")
    assert all(p.line.generated and p.line.guard is None for p in summary.points)
    assert not [n for n in summary.notes if n["code"] == "summary.chat_guard"]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.from_regex(r"\AQ[xz][aeiou][bdgkz][aeiou]{1,2}[lnr] Z[aeiou][kqx][aeiou]{1,3}[snz]\Z"),
       figure=st.integers(min_value=1_001, max_value=999_999_999),
       month=st.sampled_from(["marzo", "agosto", "noviembre"]), target=st.sampled_from(["en", "es"]))
def test_nothing_a_model_invents_reaches_a_brief(doc, name, figure, month, target):
    """A model that adds a name, a figure and a month no one said to every line it writes,
    asked twice: the brief prints none of them, and says which lines it replaced."""
    def inventive(prompt: str) -> str:
        return f"{first_sentence(prompt)} {name} habló de {figure:,} casos en {month}."

    summary = brief(doc, FakeGenerator(inventive, name="fake-chat"), target=target)
    body = summary.to_markdown().split("\n## Not")[0]  # the notes say what was refused, and why
    assert name not in body and f"{figure:,}" not in body
    for text in [summary.lead] + [p.line.text for p in summary.points]:
        assert name not in text and f"{figure:,}" not in text and str(figure) not in text
        assert month not in text.lower() or month in SHORT.lower()
    assert all(not p.line.generated and p.line.guard for p in summary.points)
    guarded = [n for n in summary.notes if n["code"] == "summary.chat_guard"]
    assert [n["params"]["point"] for n in guarded] == list(range(1, len(summary.points) + 1))
    assert any(f"name {name}" in n["params"]["found"] for n in guarded)
    assert_verbatim_and_attributed(doc, summary)


def test_every_line_of_a_brief_passes_the_guard_or_is_the_speakers_own(doc):
    calls = {"n": 0}

    def alternating(prompt: str) -> str:
        calls["n"] += 1
        return first_sentence(prompt) if calls["n"] % 2 else "Xochitl Quzmarto dio 4,321 millones."

    summary = brief(doc, FakeGenerator(alternating, name="fake-chat"))
    for point in summary.points:
        topic_sources = [doc.text[s:e] for s, e in point.line.sources] + \
            [t.speaker.display for t in doc.turns] + [t.speaker.name or "" for t in doc.turns]
        if point.line.generated:
            assert problems(point.line.text, topic_sources) == []
        else:
            assert doc.text[point.line.start:point.line.end] == point.line.original


def test_auto_takes_the_chat_model_when_it_is_here_and_says_so(doc):
    summary = brief(doc, FakeGenerator(first_sentence, name="fake-chat"), mode="auto")
    assert summary.mode == "chat"
    assert summary.mode_reason == "auto: el modelo de chat está instalado, así que él escribe las líneas."
    summary = brief(doc, None, mode="auto", target="es")
    assert summary.mode == "extractive"


def test_chat_without_its_model_says_how_to_get_it(doc):
    from summarizer import ModelNotAvailableError

    with pytest.raises(ModelNotAvailableError, match=r"summarizer models download chat"):
        brief(doc, None, mode="chat", target="en")


@pytest.mark.parametrize("backend", ["ctranslate2", "transformers"])
@pytest.mark.parametrize("target", ["en", "es"])
def test_cli_chat_brief_with_the_tiny_model(tiny_models_dir, monkeypatch, tmp_path, backend, target):
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(tiny_models_dir))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    source = tmp_path / "in.txt"
    source.write_text(SHORT, encoding="utf-8")
    out = tmp_path / "brief.json"
    result = CliRunner().invoke(main, ["summarize", str(source), "--mode", "chat", "--to", target, "--backend",
                                       backend, "--format", "json", "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    chat = data["provenance"]["models"]["chat"]
    assert data["mode"] == "chat" and chat["backend"] == backend and chat["name"] == "Qwen/Qwen2.5-1.5B-Instruct"
    assert chat["path"].endswith(".ct2-int8") == (backend == "ctranslate2")
    doc = parse_transcript(SHORT)
    for quote in data["quotes"]:
        assert doc.text[quote["start"]:quote["end"]] == quote["original"]
        assert doc.turns[quote["turn"]].speaker.display == quote["speaker"]["display"]
    for point in data["points"]:  # a random model's line passed the guard or is the speaker's sentence
        line = point["line"]
        assert line["generated"] or doc.text[line["start"]:line["end"]] == line["original"]
