"""The press-room parts of a brief: questions, recurring sections, speaking shares and
attribution confidence, in the Summary, its JSON and its Markdown, in the brief's language."""

from __future__ import annotations

import json
import math
import re

import pytest

from summarizer import Summarizer, SummaryOptions, parse_transcript, summarize
from summarizer.output.wording import WORDS, markdown_text, table_cell
from summarizer.select.answers import reply_turns
from summarizer.summarize.answers import ANSWER_BATCH
from summarizer.summarize.speakers import largest_remainder, speaking_shares
from summarizer.testing import FakeGenerator, FakeTranslators, fake_models

from support import DATA, SEEDS

SEED = (SEEDS / "2023-12-28.web.txt").read_bytes()
LIES = (DATA / "2022-04-27.excerpt.web.txt").read_bytes()
ARTICLE = (DATA / "2023-12-28-news-article.txt").read_bytes()


def make(mode: str = "extractive", **options):
    translators, generator = FakeTranslators(), FakeGenerator("first-words")
    summarizer = Summarizer(SummaryOptions(mode=mode, **options),
                            models=fake_models(summarize=generator, translators=translators))
    return summarizer, translators, generator


# ---------------------------------------------------------------- questions


def test_the_spanish_brief_lists_every_question_with_asker_answerer_line_and_quote():
    doc = parse_transcript(SEED)
    summary = summarize(doc, target="es", mode="extractive")
    assert [q.index for q in summary.questions] == list(range(1, len(summary.questions) + 1))
    first = summary.questions[0]
    assert first.asker == "Tzeltzin Juárez (SinLineaMX)" and first.outlet == "SinLineaMX"
    for q in summary.questions:
        for excerpt in q.asked:
            assert doc.text[excerpt.start:excerpt.end] == excerpt.original == excerpt.text
            assert excerpt.speaker.is_press and excerpt.attribution == "label"
        if q.answer is not None:
            segment = summary.segments[q.segment]
            assert segment.holds(q.answer.start, q.answer.end) and q.answer.speaker == q.answerer
            assert q.answer.original == doc.text[q.answer.start:q.answer.end]
        if q.quote is not None:  # from the reply to this question
            assert q.quote.turn in {t.index for t in reply_turns(doc, tuple(e.turn for e in q.asked))}
        assert q.asker == (f"{q.questioner.name} ({q.outlet})" if q.outlet else
                           q.questioner.name if q.questioner else q.asker)
    unnamed = [q for q in summary.questions if q.questioner is None]
    assert unnamed and {q.asker for q in unnamed} <= {"un reportero", "una reportera"}
    markdown = summary.to_markdown()
    assert "## Preguntas" in markdown and re.search(r"\n1\. Tzeltzin Juárez \(SinLineaMX\) preguntó (?:sobre .+ — |: )“",
                                                      markdown)
    assert f"   - Respondió {first.answerer.display}: " in markdown


def test_the_english_brief_translates_the_questions_and_says_a_reporter():
    summarizer, translators, _ = make()
    summary = summarizer.summarize(SEED, target="en")
    unnamed = [q for q in summary.questions if q.questioner is None]
    assert unnamed and {q.asker for q in unnamed} == {"a reporter"}
    for q in summary.questions:
        assert all(e.text == f"[es>en] {e.original}" for e in q.asked)
        assert q.answer is None or q.answer.text == f"[es>en] {q.answer.original}"
        assert q.quote is None or q.quote.text == f"[es>en] {q.quote.original}"
    markdown = summary.to_markdown()
    assert "## Questions" in markdown and "“\\[es&gt;en\\] " in markdown  # the translation, as text
    assert re.search(r"\n\d+\. A reporter asked(?: about .+ — |: )“", markdown)
    for spanish in WORDS["es"].values():  # no Spanish word of the brief's own in an English brief
        assert f"## {spanish}" not in markdown
    translated = [t for texts, _, _ in translators.calls for t in texts]
    assert len(translated) == len(set(translated))  # each text once, whatever part of the brief needs it


def test_no_questions_when_asked_not_to():
    summary = summarize(SEED, target="es", mode="extractive", options=SummaryOptions(questions=False))
    assert summary.questions == () and "## Preguntas" not in summary.to_markdown()
    assert any(s.questions for s in summary.shares)  # the counts of the participants table stay


def test_generated_answers_are_batched_guarded_and_one_per_question():
    summarizer, _, generator = make(mode="abstractive", generate_answers=True)
    summary = summarizer.summarize(SEED, target="en")
    answered = [q for q in summary.questions if q.answer is not None]
    assert answered and all(q.answer.generated for q in answered)
    lead = next(i for i, (_, options) in enumerate(generator.calls) if options == summarizer.options.lead)
    answer_batches = [texts for texts, _ in generator.calls[lead + 1:]]  # the points and the lead come first
    assert [len(b) for b in answer_batches] == [min(ANSWER_BATCH, len(answered) - i)
                                                for i in range(0, len(answered), ANSWER_BATCH)]
    assert len(answer_batches) == math.ceil(len(answered) / ANSWER_BATCH)
    assert all(text.startswith("[es>en] ") for batch in answer_batches for text in batch)  # it reads English
    inputs = [text for batch in answer_batches for text in batch]
    for q, text in zip(answered, inputs):
        assert q.answer.guard is None and q.answer.text == " ".join(text.split()[:12])  # the model's line, as is
        assert all(summary.segments[q.segment].holds(s, e) for s, e in q.answer.sources)


def test_answers_are_the_speakers_sentences_unless_generation_is_asked_for():
    summarizer, _, generator = make(mode="abstractive")
    summary = summarizer.summarize(SEED, target="en")
    assert all(not q.answer.generated for q in summary.questions if q.answer is not None)
    assert generator.calls[-1][1] == summarizer.options.lead  # the points and the lead, nothing after for answers


# ---------------------------------------------------------------- sections


def test_the_lies_of_the_week_is_a_section_of_the_brief_in_both_languages():
    doc = parse_transcript(LIES)
    spanish = summarize(doc, target="es", mode="extractive")
    [section] = spanish.sections
    assert (section.kind, section.name) == ("lies_of_the_week", "Quién es quién en las mentiras de la semana")
    assert [p.display for p in section.presenters] == ["Ana Elizabeth García"]
    for item in section.items:
        for excerpt in (item.claim, item.verdict, *item.names):
            assert doc.text[excerpt.start:excerpt.end] == excerpt.original
    assert [n.text for n in section.items[0].names] == ["Claudio X. González"]
    markdown = spanish.to_markdown()
    assert "## Secciones fijas" in markdown
    assert "### Quién es quién en las mentiras de la semana — presentada por Ana Elizabeth García" in markdown
    assert "— menciona: Claudio X. González — veredicto: “Así informa la computadora" in markdown  # no rating

    english, _, _ = make()
    summary = english.summarize(doc, target="en")
    [section] = summary.sections
    assert section.name == "Who's who in the week's lies"
    assert section.items[0].claim.text == f"[es>en] {section.items[0].claim.original}"
    assert section.items[0].names[0].text == "Claudio X. González"  # names are never translated
    assert "— names: Claudio X. González — verdict: “\\[es&gt;en\\] " in summary.to_markdown()
    assert summary.sections[0].items[0].rating == "false"  # the rating stays in the JSON, for programs


# ---------------------------------------------------------------- shares


def test_largest_remainder_is_exact():
    assert largest_remainder([1, 1, 1], 1000) == [334, 333, 333]
    assert largest_remainder([2, 1], 1000) == [667, 333]
    assert largest_remainder([0, 5, 0], 1000) == [0, 1000, 0]
    assert largest_remainder([0, 0], 1000) == [0, 0]
    assert largest_remainder([7, 7, 7, 7, 7, 7], 1000) == [167, 167, 167, 167, 166, 166]


def test_shares_of_the_seed():
    doc = parse_transcript(SEED)
    summary = summarize(doc, target="es", mode="extractive")
    shares = summary.shares
    assert sum(round(s.share * 10) for s in shares) == 1000
    assert sum(s.words for s in shares) == sum(len(t.text.split()) for t in doc.turns if not t.repeated)
    assert sum(s.turns for s in shares) == sum(1 for t in doc.turns if not t.repeated)
    assert [s.words for s in shares] == sorted((s.words for s in shares), reverse=True)
    top = shares[0]
    assert (top.group, top.speaker.display) == ("person", "López Obrador")
    assert top.answered == sum(1 for q in summary.questions if q.answerer and q.answerer.display == "López Obrador")
    tzeltzin = next(s for s in shares if s.speaker is not None and s.speaker.display == "Tzeltzin Juárez")
    assert tzeltzin.outlet == "SinLineaMX" and tzeltzin.questions == sum(
        1 for q in summary.questions if q.questioner and q.questioner.name == "Tzeltzin Juárez")
    assert sum(s.questions for s in shares) == len(summary.questions)
    data = json.loads(summary.to_json())
    assert data["shares"][0]["share"] == top.share and data["shares"][0]["speaker"]["display"] == "López Obrador"
    table = summary.to_markdown().split("## Participantes")[1]
    assert "| Orador | Cargo | Turnos | Palabras | Proporción | Preguntas hechas | Preguntas respondidas |" in table
    assert f"| López Obrador | presidente de México | {top.turns} | {top.words:,} | {top.share:.1f} % |" in table


@pytest.mark.corpus
def test_shares_add_up_to_exactly_100_percent_in_every_corpus_transcript(corpus_dir):
    for path in sorted(corpus_dir.glob("*.web.txt")):
        doc = parse_transcript(path.read_bytes())
        shares = speaking_shares(doc)
        assert sum(round(s.share * 10) for s in shares) == 1000, path.name
        assert all(s.share == round(s.share, 1) for s in shares)
        assert sum(s.words for s in shares) == sum(len(t.text.split()) for t in doc.turns if not t.repeated)


# ---------------------------------------------------------------- attribution confidence


def test_every_quote_and_line_carries_its_turns_attribution():
    doc = parse_transcript(SEED)
    summary = summarize(doc, target="es", mode="extractive", quotes=8)
    quotes = list(summary.quotes) + [p.quote for p in summary.points if p.quote]
    assert quotes and all(q.attribution == doc.turns[q.turn].attribution == "label" for q in quotes)
    lines = [p.line for p in summary.points] + [summary.lead_line]
    assert all(line.attribution == "label" for line in lines)
    assert all(quote["attribution"] == "label" for quote in json.loads(summary.to_json())["quotes"])


def test_a_quote_attributed_by_a_pronoun_is_marked_in_the_markdown():
    doc = parse_transcript(ARTICLE)
    summary = summarize(doc, target="en", mode="extractive", quotes=12)
    assert {q.attribution for q in summary.quotes} == {"prose", "inferred"}  # nothing has a label of its own
    markdown = summary.to_markdown()
    marks = {"prose": " (attributed by the article's wording)", "inferred": " (speaker inferred)"}
    for quote in summary.quotes:  # the quotes table says it beside the speaker
        assert f"| López Obrador (President of Mexico){marks[quote.attribution]} | {table_cell(quote.text)} |" \
            in markdown
    for point in summary.points:  # and so does each point, for its line and for its quote
        expected = f"{point.line.text.strip()}{marks[point.line.attribution]} "
        if point.quote is not None:
            expected += f"“{point.quote.text.rstrip('.')},” López Obrador said.{marks[point.quote.attribution]}"
        assert f" — {markdown_text(expected)}" in markdown or f". {markdown_text(expected)}" in markdown
    spanish = summarize(parse_transcript(SEED), target="es", mode="extractive")
    assert "(orador inferido)" not in spanish.to_markdown()  # labelled turns: nothing to mark


def test_generated_answers_with_the_tiny_models_end_to_end(tiny_models):
    summary = Summarizer(SummaryOptions(mode="abstractive", generate_answers=True)).summarize(SEED, target="en")
    answered = [q for q in summary.questions if q.answer is not None]
    assert answered and all(q.answer.generated or q.answer.guard for q in answered)
    assert all(q.answer.text.strip() for q in answered)
    assert "summarize" in summary.provenance["models"] and summary.shares
