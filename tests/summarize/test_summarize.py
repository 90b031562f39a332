"""Composition of briefs, exactly, with a fake translator and summarizer that record their calls."""

import json
import os

import pytest

from summarizer.output.wording import markdown_text
from summarizer import ModelNotAvailableError, Summarizer, SummaryOptions, parse_transcript, summarize
from summarizer.testing import FakeGenerator, FakeTranslators, fake_models

from support import SEEDS
SEED = (SEEDS / "2023-12-28.web.txt").read_bytes()


def make(mode="auto", available="all", outputs=None, **options):
    """A summarizer whose models are fakes: "all" of them, the "translate" ones, or "none"."""
    translator, generator = FakeTranslators(), FakeGenerator("first-words", outputs=outputs or ())
    models = {"all": lambda: fake_models(summarize=generator, translators=translator),
              "translate": lambda: fake_models(translators=translator), "none": fake_models}[available]()
    summarizer = Summarizer(SummaryOptions(mode=mode, **options), models=models)
    return summarizer, translator, generator


def assert_verbatim_and_attributed(doc, summary):
    for quote in summary.quotes + tuple(p.quote for p in summary.points if p.quote):
        assert doc.text[quote.start:quote.end] == quote.original
        turn = doc.turns[quote.turn]
        assert turn.start <= quote.start and quote.end <= turn.end
        assert quote.speaker == turn.speaker


def test_extractive_spanish_brief_needs_no_model_and_every_line_is_verbatim():
    summarizer, translator, generator = make(mode="auto", available="none")
    doc = parse_transcript(SEED)
    summary = summarizer.summarize(doc, target="es")
    assert summary.mode == "extractive"
    assert summary.mode_reason.startswith("auto: el modelo de resumen, el modelo de traducción es→en, "
                                          "el modelo de traducción en→es no están disponibles")
    assert translator.calls == [] and generator.calls == []
    lines = [summary.lead_line] + [p.line for p in summary.points]
    for line in lines:
        assert line.generated is False
        assert doc.text[line.start:line.end] == line.original == line.text
        turn = next(t for t in doc.turns if t.start <= line.start < t.end)
        assert line.end <= turn.end and line.speaker == turn.speaker
    spans = [(line.start, line.end) for line in lines]
    assert len(spans) == len(set(spans)), "a sentence appears twice"
    quoted = [(p.quote.start, p.quote.end) for p in summary.points if p.quote]
    assert quoted and not any(qs < e and s < qe for qs, qe in quoted for s, e in spans), "a quote repeats a line"
    # the lead is the top story's line (the news article's own lead), and none of the brief's quotes holds it
    lead = summary.lead_line
    assert lead.original.startswith("Bueno, fue muy buena la reunión con el secretario Blinken, con el secretario "
                                    "Mayorkas")
    assert not any(q.start < lead.end and lead.start < q.end for q in summary.quotes)
    assert_verbatim_and_attributed(doc, summary)


def test_extractive_english_brief_translates_chosen_sentences_and_quotes_once():
    summarizer, translator, generator = make(mode="extractive")
    doc = parse_transcript(SEED)
    summary = summarizer.summarize(doc, target="en")
    assert generator.calls == []
    assert all(source == "es" and target == "en" for _, source, target in translator.calls)
    for point in summary.points:
        assert point.line.text == f"[es>en] {point.line.original}"
        assert point.quote.text == f"[es>en] {point.quote.original}"
    # each quote text is translated exactly once
    translated = [t for texts, _, _ in translator.calls for t in texts]
    assert len(translated) == len(set(translated))


def test_missing_translation_model_offers_the_spanish_brief():
    summarizer = Summarizer(SummaryOptions(mode="extractive"), models=fake_models())
    with pytest.raises(ModelNotAvailableError) as info:
        summarizer.summarize(SEED, target="en")
    message = str(info.value)
    assert "es→en translation model" in message
    assert "summarizer models download" in message
    assert "target='es'" in message  # the API's own spelling; the CLI says --to es (tests/cli)
    assert "of a Spanish transcript" in message


def test_auto_picks_abstractive_when_models_are_available():
    summarizer, translator, generator = make(mode="auto")
    summary = summarizer.summarize(SEED, target="en")
    assert summary.mode == "abstractive"
    # one batched call for every topic line, then one for the lead
    assert len(generator.calls) == 2
    assert len(generator.calls[0][0]) == len(summary.points) == 6
    assert generator.calls[0][1] == summarizer.options.point and generator.calls[1][1] == summarizer.options.lead
    assert len(generator.calls[1][0]) == 1
    assert all(p.line.generated for p in summary.points)


def test_topic_lines_share_calls_within_the_token_budget():
    """Inputs too long for one call go in as few as the budget allows, longest first; every
    line still goes to its own topic."""
    summarizer, _, generator = make(mode="abstractive")
    summary = summarizer.summarize(SEED, target="en")
    inputs = generator.calls[0][0]
    lengths = sorted((len(t.split()) + 1 for t in inputs), reverse=True)  # FakeGenerator's tokens
    budget = 2 * lengths[0]  # two of the longest fit, three do not
    summarizer, _, generator = make(mode="abstractive", batch_tokens=budget)
    again = summarizer.summarize(SEED, target="en")
    calls = [texts for texts, options in generator.calls]
    assert [len(texts) for texts in calls[:-1]] == [2, 2, 2] and len(calls[-1]) == 1
    assert sorted(t for texts in calls[:-1] for t in texts) == sorted(inputs)
    assert all(max(len(t.split()) + 1 for t in texts) * len(texts) <= budget for texts in calls[:-1])
    assert [p.line.text for p in again.points] == [p.line.text for p in summary.points]


def test_abstractive_reads_english_and_never_more_than_the_key_sentences():
    summarizer, translator, generator = make(mode="abstractive", key_sentences=3)
    doc = parse_transcript(SEED)
    summary = summarizer.summarize(doc, target="en")
    first_translation = translator.calls[0]
    assert first_translation[1:] == ("es", "en")
    texts, options = generator.calls[0]
    assert options == summarizer.options.point and len(texts) == len(summary.points)
    for text, point in zip(texts, summary.points):
        assert text.startswith("[es>en] ")
        assert len(point.line.sources) <= 4  # key sentences plus the topic's line at most


def test_spanish_abstractive_brief_pivots_through_english():
    summarizer, translator, generator = make(mode="abstractive")
    summary = summarizer.summarize(SEED, target="es")
    pairs = [(s, t) for _, s, t in translator.calls]
    assert pairs[0] == ("es", "en") and ("en", "es") in pairs
    assert all(p.line.text.startswith("[en>es] ") for p in summary.points)
    for quote in summary.quotes:  # quotes stay in the original Spanish
        assert quote.text == quote.original


def test_guard_replaces_a_line_whose_figure_is_not_in_the_source():
    doc = parse_transcript(SEED)
    summarizer, _, _ = make(mode="abstractive")
    topics = __import__("summarizer.select", fromlist=["select"]).select(doc).topics
    outputs = ["Some 999,999 families were helped, the president said."] + ["A faithful line."] * (len(topics) - 1) + ["Lead."]
    summarizer, _, _ = make(mode="abstractive", outputs=outputs)
    summary = summarizer.summarize(doc, target="en")
    first = summary.points[0].line
    assert first.generated is False
    assert "999999" in first.guard and "not in its source sentences" in first.guard
    assert first.text == f"[es>en] {first.original}"
    assert doc.text[first.start:first.end] == first.original
    assert any("replaced by the speaker's own sentence" in w for w in summary.warnings)
    assert all(p.line.guard is None for p in summary.points[1:])


def test_markdown_attributes_each_point_quote_to_its_speaker():
    summarizer, _, _ = make(mode="extractive")
    summary = summarizer.summarize(SEED, target="en")
    markdown = summary.to_markdown()
    for point in summary.points:
        quote_text = point.quote.text.rstrip(".")
        assert markdown_text(f"“{quote_text},” {point.quote.speaker.display} said.") in markdown
    assert "| Speaker | Translation | Original (Spanish) |" in markdown
    assert "## Participants" in markdown and "| López Obrador | President of Mexico | " in markdown
    assert "| Tzeltzin Juárez | SinLineaMX | " in markdown


def test_seed_brief_shows_lopez_obrador_on_the_migration_talks():
    summarizer, _, _ = make(mode="extractive", available="none")
    summary = summarizer.summarize(SEED, target="es")
    markdown = summary.to_markdown()
    migration = [q for q in summary.quotes if "Blinken" in q.original or "Estados Unidos" in q.original
                 or "migra" in q.original or "frontera" in q.original or "Biden" in q.original]
    assert migration and all(q.speaker.display == "López Obrador" for q in migration)
    assert "dijo López Obrador" in markdown


def test_json_has_provenance_and_round_trips():
    summarizer, _, _ = make(mode="extractive")
    stages = []
    summary = summarizer.summarize(SEED, target="en", progress=lambda s, d, t: stages.append(s))
    data = json.loads(summary.to_json())
    assert data["mode"] == "extractive" and data["target_lang"] == "en" and data["source_lang"] == "es"
    assert data["provenance"]["models"]["translate-es-en"]["name"] == "fake-translator"
    assert set(data["provenance"]["seconds"]) >= {"parse", "select", "translate", "compose"}
    assert data["provenance"]["options"]["mode"] == "extractive"
    assert "López Obrador" in summary.to_json()  # accents survive (ensure_ascii=False)
    assert stages[0] == "parse" and stages[-1] == "compose" and "translate" in stages


def test_bad_mode_and_language_are_clear_errors():
    with pytest.raises(ValueError, match="mode must be one of"):
        Summarizer(SummaryOptions(mode="creative"))
    summarizer, _, _ = make()
    with pytest.raises(ValueError, match="target language must be one of en, es"):
        summarizer.summarize(SEED, target="fr")


def test_english_brief_says_why_in_english():
    summarizer, _, _ = make(mode="auto", available="translate")
    summary = summarizer.summarize(SEED, target="en")
    assert summary.mode == "extractive"
    assert summary.mode_reason == ("auto: the summarization model is not available, so every line is a sentence of "
                                   "the transcript (run `summarizer models download` for abstractive briefs).")


def test_abstractive_without_its_model_fails_before_any_work():
    translators = FakeTranslators()
    summarizer = Summarizer(SummaryOptions(mode="abstractive"), models=fake_models(translators=translators))
    with pytest.raises(ModelNotAvailableError, match="an abstractive brief needs the summarization model"):
        summarizer.summarize(SEED, target="en")
    assert translators.calls == []


def test_abstractive_spanish_brief_with_the_tiny_models(tiny_models):
    """The real models through the real loading code, with each backend: a Spanish brief
    pivots through English, so it uses all three models."""
    doc = parse_transcript(SEED)
    summary = summarize(doc, target="es", mode="abstractive")
    assert summary.mode == "abstractive" and len(summary.points) == 6 and summary.lead
    used = summary.provenance["models"]
    assert set(used) == {"summarize", "translate-es-en", "translate-en-es"}
    assert {m["backend"] for m in used.values()} == {os.environ["SUMMARIZER_BACKEND"]}
    assert all(m["path"].startswith(str(tiny_models)) for m in used.values())
    assert_verbatim_and_attributed(doc, summary)
