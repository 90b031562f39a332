"""Extractive briefs of every corpus transcript with no model present at all."""


import pytest

from summarizer import Summarizer, SummaryOptions, parse_transcript
from summarizer.output.rows import answer_line, answerer_name
from summarizer.output.wording import markdown_text
from summarizer.parse.sentences import sentence_spans
from summarizer.select.candidates import trim
from summarizer.testing import fake_models

from support import CORPUS
FILES = sorted(CORPUS.glob("*.web.txt")) + sorted(CORPUS.glob("*.native.txt")) if CORPUS.exists() else []


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not in this clone")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_extractive_brief_of_every_corpus_transcript(path):
    doc = parse_transcript(path.read_bytes())
    summary = Summarizer(SummaryOptions(), models=fake_models()).summarize(doc, target="es")
    assert summary.mode == "extractive"
    lines = ([summary.lead_line] if summary.lead_line and summary.lead_line.start is not None else []) + [p.line for p in summary.points]
    assert lines, "a brief with no line"
    spans = set()
    for line in lines:
        assert doc.text[line.start:line.end] == line.original == line.text
        turn = next(t for t in doc.turns if t.start <= line.start < t.end)
        assert line.end <= turn.end and line.speaker == turn.speaker and turn.speaker.quotable
        assert (line.start, line.end) not in spans
        spans.add((line.start, line.end))
    for quote in summary.quotes + tuple(p.quote for p in summary.points if p.quote):
        assert doc.text[quote.start:quote.end] == quote.original
        turn = doc.turns[quote.turn]
        assert quote.speaker == turn.speaker and turn.start <= quote.start and quote.end <= turn.end
        assert not turn.in_clip and turn.speaker.quotable
    # One story per point, no story twice: its line and its quote lie in that story's segments.
    stories = [p.story for p in summary.points]
    assert len(stories) == len(set(stories)) and all(s >= 0 for s in stories)
    for point in summary.points:
        story = summary.stories[point.story]
        assert story.point == summary.points.index(point) and story.label
        held = [summary.segments[i] for i in story.segments]
        assert point.line.segment in story.segments
        assert any(s.holds(point.line.start, point.line.end) for s in held)
        if point.quote is not None:
            assert any(s.holds(point.quote.start, point.quote.end) for s in held), point.quote.original
    # Whole sentences: no line or quote starts or stops mid-sentence.
    for span in lines + list(summary.quotes) + [p.quote for p in summary.points if p.quote]:
        turn = doc.turn_at(span.start)
        bounds = [trim(doc.text, s, e) for s, e in sentence_spans(doc.text, turn.start, turn.end)]
        assert span.start in {s for s, _ in bounds} and span.end in {e for _, e in bounds}, span.original
    # No sentence said twice: a point's quote repeats neither a line nor the lead.
    for point in summary.points:
        if point.quote is not None:
            assert not any(point.quote.start < line.end and line.start < point.quote.end for line in lines), \
                point.quote.original
    # Every excerpt of the questions and the sections is credited to the speaker of its own turn.
    excerpts = [e for q in summary.questions for e in q.asked] + [e for s in summary.sections for e in s.claims]
    excerpts += [e for s in summary.sections for item in s.items for e in (item.claim, item.verdict) if e is not None]
    for excerpt in excerpts:
        turn = doc.turn_at(excerpt.start)
        assert excerpt.turn == turn.index and excerpt.end <= turn.end and excerpt.speaker == turn.speaker
    # Every printed attribution names the speaker of the turn that holds the words.
    markdown = summary.to_markdown()
    for q in summary.questions:
        if q.answer is not None and q.answer.start is not None:
            assert q.answerer == doc.turn_at(q.answer.start).speaker
            assert markdown_text(answer_line(q, "es")) in markdown
            assert answerer_name(q.answerer, "es") in answer_line(q, "es").split(": ")[0]
        if q.quote is not None:
            assert q.quote.speaker == doc.turns[q.quote.turn].speaker
    # ... and no quote of the brief holds the lead.
    lead = summary.lead_line
    if lead is not None and lead.start is not None:
        assert not any(q.start < lead.end and lead.start < q.end for q in summary.quotes), lead.original
