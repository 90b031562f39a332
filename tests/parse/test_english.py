"""English transcripts as the White House prints them: ``MS. JEAN-PIERRE:``, ``MR. KIRBY:``,
``Q`` (with or without a colon), ``THE PRESIDENT:``, ``PRESIDENT BIDEN:``, ``SECRETARY BLINKEN:``.
Q is the press, never quoted; the others are officials; THE PRESIDENT is the transcript's
president; questions pair with their answers; the lead is an official's sentence."""

from __future__ import annotations

import pytest

from summarizer import Summarizer, SummaryOptions, parse_transcript
from summarizer.document import Kind
from summarizer.parse.labels import classify_label
from summarizer.testing import fake_models

from support import DATA

BRIEF = Summarizer(SummaryOptions(mode="extractive"), models=fake_models())
BRIEFING = (DATA / "briefing-en.excerpt.txt").read_text(encoding="utf-8")
REMARKS = (DATA / "remarks-en.excerpt.txt").read_text(encoding="utf-8")


def _speaker_of(doc, start: int, end: int):
    return next(t.speaker for t in doc.turns if t.start <= start and end <= t.end)


def test_a_briefing_has_its_speakers():
    doc = parse_transcript(BRIEFING)
    assert doc.format == "web" and doc.language == "en" and doc.date == "2023-05-08"
    assert doc.title.startswith("PRESS BRIEFING BY PRESS SECRETARY KARINE JEAN-PIERRE")
    who = [(t.label, t.speaker.display, t.speaker.kind) for t in doc.turns]
    assert who[:4] == [("MS. JEAN-PIERRE", "Jean-Pierre", Kind.OFFICIAL), ("MR. KIRBY", "Kirby", Kind.OFFICIAL),
                       ("MS. JEAN-PIERRE", "Jean-Pierre", Kind.OFFICIAL), ("Q", "Reporter", Kind.PRESS)]
    assert {display for _, display, _ in who} == {"Jean-Pierre", "Kirby", "Reporter"}
    questions = [t for t in doc.turns if t.speaker.is_press]
    assert len(questions) == 6 and all(t.label == "Q" for t in questions)  # "Q    Thanks…" and "Q: Karine…"
    assert questions[2].text.startswith("Karine, on the bridges.")
    assert not any("END" in t.text or "P.M. EDT" in t.text for t in doc.turns)
    assert [w.code for w in doc.warnings] == []  # no "short", no "ends mid-sentence"


def test_a_briefings_questions_pair_with_their_answers():
    doc = parse_transcript(BRIEFING)
    opening, *exchanges = doc.exchanges
    assert [t.speaker.display for t in opening.turns] == ["Jean-Pierre", "Kirby", "Jean-Pierre"]
    assert [[t.speaker.display for t in e.turns] for e in exchanges] == [
        ["Reporter", "Kirby"], ["Reporter", "Kirby"], ["Reporter", "Jean-Pierre"], ["Reporter", "Jean-Pierre"],
        ["Reporter", "Jean-Pierre"], ["Reporter", "Jean-Pierre"]]


def test_a_briefings_lead_and_quotes_are_officials_words():
    doc = parse_transcript(BRIEFING)
    summary = BRIEF.summarize(doc, target="en")
    start = doc.text.index(summary.lead)
    assert _speaker_of(doc, start, start + len(summary.lead)).kind == Kind.OFFICIAL
    for quote in summary.quotes:
        assert not quote.speaker.is_press and quote.speaker.display in ("Jean-Pierre", "Kirby")
        assert doc.text[quote.start:quote.end] == quote.original


def test_the_president_is_the_transcripts_president():
    doc = parse_transcript(REMARKS)
    people = {t.label: t.speaker for t in doc.turns}
    president, blinken = people["THE PRESIDENT"], people["SECRETARY BLINKEN"]
    assert (president.display, president.kind, president.role) == ("Biden", Kind.PRESIDENT,
                                                                   "President of the United States")
    assert president.role_es == "presidente de Estados Unidos"
    assert (blinken.display, blinken.kind, blinken.role) == ("Blinken", Kind.OFFICIAL, "Secretary")
    assert [[t.speaker.display for t in e.turns] for e in doc.exchanges[1:]] == [
        ["Reporter", "Biden"], ["Reporter", "Biden"], ["Reporter", "Blinken", "Biden"]]
    summary = BRIEF.summarize(doc, target="en")
    start = doc.text.index(summary.lead)
    assert _speaker_of(doc, start, start + len(summary.lead)).display in ("Biden", "Blinken")
    assert "Biden said" in summary.to_markdown() or "Blinken said" in summary.to_markdown()


def test_the_president_and_president_biden_are_one_person():
    text = ("Remarks by President Biden and Prime Minister Sunak in Joint Press Conference\n\n"
            "PRESIDENT BIDEN: Good afternoon. We have agreed today to work together on energy.\n\n"
            "PRIME MINISTER SUNAK: Thank you, Mr. President. It is good to be here.\n\n"
            "Q: Mr. President, will the agreement lower prices?\n\n"
            "THE PRESIDENT: It will, and sooner than people think.\n")
    doc = parse_transcript(text)
    assert [(t.speaker.display, t.speaker.kind) for t in doc.turns] == [
        ("Biden", Kind.PRESIDENT), ("Sunak", Kind.OFFICIAL), ("Reporter", Kind.PRESS), ("Biden", Kind.PRESIDENT)]
    assert doc.turns[0].speaker == doc.turns[3].speaker and doc.turns[1].speaker.role == "Prime Minister"
    assert doc.turns[0].speaker.role == "President"  # no White House letterhead: whose president is not said


def test_a_transcript_whose_speakers_cannot_be_found_says_so():
    text = ("Good afternoon, everyone. We have a few things to go over today before we take questions. "
            "The funding for the bridges will be announced this week, and the list of projects will follow.\n\n"
            "Thanks. On the bridges, when does the money arrive? And how many states are on the list?\n")
    doc = parse_transcript(text)
    note = next(w for w in doc.warnings if w.code == "parse.no_speakers")
    assert "no speaker could be identified" in note.render("en")
    assert "no se pudo identificar a ningún orador" in note.render("es")
    article = (DATA / "2023-12-28-news-article.txt").read_text(encoding="utf-8")
    assert "parse.no_speakers" not in [w.code for w in parse_transcript(article).warnings]
    assert "parse.no_speakers" not in [w.code for w in parse_transcript(BRIEFING).warnings]


@pytest.mark.parametrize("label", [
    "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO", "PREGUNTA",
    "SECRETARIO DE SALUD, JORGE ALCOCER VARELA", "GOBERNADORA DEL ESTADO DE MÉXICO, DELFINA GÓMEZ ÁLVAREZ",
    "GENERAL LUIS CRESENCIO SANDOVAL GONZÁLEZ", "MODERADOR", "INTERLOCUTORA",
])
def test_spanish_labels_are_never_english(label):
    assert not classify_label(label).english
