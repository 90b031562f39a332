"""The parts of a brief: frozen dataclasses that serialise to JSON with `dataclasses.asdict`.

* `Line` — the lead or a point's line (or an answer's);
* `Point` — a top story with its line and its quote;
* `Story` — one of the day's stories, labelled, with who asked about it and its share;
* `Excerpt` — a verbatim span of the transcript with its translation and who said it;
* `Question` — a press question, who asked it, who answered and how;
* `FactCheck`, `RecurringSection` — the show's recurring sections and what they claimed;
* `SpeakerShare` — who spoke, how much.

Offsets are character offsets into the transcript: ``text[start:end] == original``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Quote, Speaker


@dataclass(frozen=True)
class Line:
    """One line of a brief: the lead, a topic point, or an answer.

    Attributes:
        text: the line in the target language.
        exchange: the exchange it summarises (-1 for a lead drawn from several).
        sources: ``(start, end)`` offsets of the transcript sentences it came from.
        generated: written by the summarization model (False: chosen sentences).
        original: for a chosen sentence, the sentence verbatim (else None).
        start, end: for a chosen sentence, its offsets (else None).
        speaker: for a chosen sentence, who said it (else None).
        guard: why the faithfulness guard replaced a generated line, else None.
        segment: the subject segment it summarises (`Summary.segments`), -1 for the lead.
        attribution: how sure the attribution of its sentences is (`document.ATTRIBUTIONS`;
            for a generated line, the least sure of its source sentences').
    """

    text: str
    exchange: int
    sources: tuple[tuple[int, int], ...] = ()
    generated: bool = False
    original: str | None = None
    start: int | None = None
    end: int | None = None
    speaker: Speaker | None = None
    guard: str | None = None
    segment: int = -1
    attribution: str = "label"


@dataclass(frozen=True)
class Point:
    """A top story of the conference: its line and the quote that supports it."""

    line: Line
    quote: Quote | None
    question: str | None = None  # a reporter's question about it, verbatim
    story: int = -1  # its story's position in `Summary.stories`

    @property
    def text(self) -> str:
        return self.line.text

    @property
    def exchange(self) -> int:
        return self.line.exchange


@dataclass(frozen=True)
class Excerpt:
    """A verbatim span of the transcript: ``original`` at ``start:end``, ``text`` its translation
    (== original when the brief is in the transcript's language, and for names, never translated).

    Attributes:
        speaker: who said it (the turn's speaker), None where it does not apply.
        turn: index of its turn (-1 where it does not apply).
        attribution: how sure its speaker is (`document.ATTRIBUTIONS`).
    """

    original: str
    start: int
    end: int
    text: str
    speaker: Speaker | None = None
    turn: int = -1
    attribution: str = "label"


@dataclass(frozen=True)
class Question:
    """A press question and its answer, in the order asked.

    Attributes:
        index: its number in the brief (1, 2, …), in the order asked.
        exchange: its exchange; turn: the press turn that asks it.
        asker: who asked, as the brief prints it: "Nancy Rodríguez (Oro Sólido)", "a reporter".
        questioner: the reporter when a self-introduction names them, else None; outlet: theirs.
        asked: the question in one or two verbatim sentences (the ``¿…?`` ones first), in order.
        answerer: who answered: the speaker of the turn that holds the answer's line (None
            when nobody who may be quoted did).
        answer: the answer's line: the direct answer, the reply's first sentence that says
            something (or, in abstractive mode with ``SummaryOptions.generate_answers``, a line
            the model wrote from it).
        quote: a quote of the answer, from the same segment as the line (never another subject's).
        segment: the answer's segment (`Summary.segments`), -1 when none.
        kind: how it was answered: "direct", "deferral" (left for later or to someone else),
            "refusal" (declined), or "none" (nobody quotable replied).
        subject: what it is about: its story's label, in the brief's language (None when the
            answer lies in no story).
        story: its story's position in `Summary.stories`, -1 when none.
    """

    index: int
    exchange: int
    turn: int
    asker: str
    questioner: Speaker | None
    outlet: str | None
    asked: tuple[Excerpt, ...]
    answerer: Speaker | None = None
    answer: Line | None = None
    quote: Quote | None = None
    segment: int = -1
    kind: str = "none"
    subject: str | None = None
    story: int = -1


@dataclass(frozen=True)
class FactCheck:
    """One item of a fact-check section ("Quién es quién en las mentiras", "Detector de mentiras").

    Attributes:
        claim: what the item is about (its first sentence).
        names: the outlets and people it names, as written (``text == original``).
        verdict: the sentence that gives the verdict, None when none does.
        rating: "false", "misleading" or "true" as the verdict words it, else None.
    """

    claim: Excerpt
    names: tuple[Excerpt, ...] = ()
    verdict: Excerpt | None = None
    rating: str | None = None


@dataclass(frozen=True)
class RecurringSection:
    """One of the show's recurring sections, kept out of the brief's points and quotes.

    Attributes:
        kind: "lies_of_the_week", "lie_detector", "prices", "security", "health", "works",
            "archaeology" or "women_in_history".
        name: its name in the brief's language.
        start, end: offsets of the stretch it takes.
        presenters: who presented it.
        claims: what it claimed: its key sentences (not for fact-checks).
        items: a fact-check's items.
        transcribed: False when it was shown as a video nobody transcribed (its stage
            direction is ``original``).
        original: the stage direction that names an untranscribed section, else None.
    """

    kind: str
    name: str
    start: int
    end: int
    presenters: tuple[Speaker, ...] = ()
    claims: tuple[Excerpt, ...] = ()
    items: tuple[FactCheck, ...] = ()
    transcribed: bool = True
    original: str | None = None


@dataclass(frozen=True)
class Story:
    """One of the day's stories: a subject across the conference, in the brief's language.

    Attributes:
        rank: 1 for the story the news leads with (the lead's), 2 for the next, …
        label: a short name made of its own terms, in the brief's language ("Megafarmacia").
        original: the label as the transcript writes its terms (== label in its language).
        terms: its key terms, as the transcript writes them, best first.
        segments, turns, exchanges: indices of the segments (`Summary.segments`), turns and
            exchanges it spans.
        questions: press questions asked about it; askers: who asked, as the brief prints it
            ("Nancy Flores (revista Contralínea)", "a reporter"), one per question.
        share: its share of what quotable speakers said, percent (one decimal).
        point: its point's position in `Summary.points` (-1: it makes no point).
        score: how much it makes the news, by the learned story model (higher first).
    """

    rank: int
    label: str
    original: str
    terms: tuple[str, ...]
    segments: tuple[int, ...]
    turns: tuple[int, ...]
    exchanges: tuple[int, ...]
    questions: int = 0
    askers: tuple[str, ...] = ()
    share: float = 0.0
    point: int = -1
    score: float = 0.0


@dataclass(frozen=True)
class SpeakerShare:
    """Who spoke, how much.

    Attributes:
        group: "person" (someone named: an official, a guest, a reporter who introduced
            themself), "press" (reporters who did not), "recordings" (videos, voices,
            archive clips), "audience", "narration", "unknown" or "other".
        speaker: the person (None for the groups that are not one person).
        outlet: a named reporter's outlet.
        turns, words: turns and words (white-space separated) spoken; a page printed twice
            counts once.
        share: percent of the conference's words, one decimal; the shares of a brief add up
            to exactly 100.0 (largest remainder).
        questions: press questions asked (in the questions section's count).
        answered: press questions answered.
    """

    group: str
    speaker: Speaker | None
    outlet: str | None
    turns: int
    words: int
    share: float
    questions: int = 0
    answered: int = 0


__all__ = ["Line", "Point", "Excerpt", "Question", "FactCheck", "RecurringSection", "Story", "SpeakerShare"]
