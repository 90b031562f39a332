"""The document model: what a parsed transcript is made of. A leaf: it imports nothing
of the package, and every stage depends on it.

* `Speaker` — one person (or voice) of a transcript, with a `Kind`;
* `Turn` — one speaker's uninterrupted speech, with offsets into the text;
* `Exchange` — the opening remarks, or one question → answer block;
* `Transcript` — the whole parse;
* `Segment` — one subject: consecutive sentences about one thing;
* `Quote` — a verbatim span of the transcript, attributed to who said it.

Offsets are character offsets into `Transcript.text`, the decoded input:
``doc.text[t.start:t.end] == t.text`` for every turn, ``doc.text[q.start:q.end] ==
q.original`` for every quote. All are frozen dataclasses that serialise to JSON with
`dataclasses.asdict` (a `Kind` is a string).
"""

from __future__ import annotations

import bisect

from dataclasses import dataclass, field
from enum import Enum

LANGUAGES = ("en", "es")
"""The languages transcripts and briefs may be in."""


class Kind(str, Enum):
    """What kind of speaker a label names. Members are strings (``Kind.PRESS == "press"``)."""

    PRESIDENT = "president"
    OFFICIAL = "official"  # any named participant: officials, guests, testimonials
    PRESS = "press"
    VOICE = "voice"  # off-mic voices, video narration: not necessarily press
    AUDIENCE = "audience"
    MODERATOR = "moderator"
    STAGE = "stage"  # a stage direction used as a label: (INICIA VIDEO)
    ARCHIVE = "archive"  # archive clips, fakes, role-play: never the sitting president
    OTHER = "other"  # text taken for a label: VE-2248, PT, a heading
    UNKNOWN = "unknown"  # prose with no labels: whoever wrote or said it
    NARRATION = "narration"  # a news article's own words around its quotations

    __str__ = str.__str__
    __format__ = str.__format__


QUOTABLE_KINDS = frozenset({Kind.PRESIDENT, Kind.OFFICIAL, Kind.MODERATOR, Kind.UNKNOWN})
"""Speakers a quote may be attributed to."""

ATTRIBUTIONS = ("label", "continued", "prose", "inferred")
"""How sure the attribution of a turn (and of every quote or line taken from it) is, surest first:

* ``label`` — the turn's own speaker label names the speaker;
* ``continued`` — no label of its own: the same speaker goes on after a stage direction
  such as ``(ENTREGA DE RECONOCIMIENTO)``;
* ``prose`` — a news article names the speaker beside the quotation ("said López Obrador",
  "dijo la presidenta");
* ``inferred`` — nothing names the speaker: a pronoun ("he added") points back to the last
  person named, or no one is named at all.
"""


def weakest(attributions) -> str:
    """The least sure of ``attributions`` ("label" when there is none)."""
    return max(attributions, key=ATTRIBUTIONS.index, default="label")


@dataclass(frozen=True)
class Speaker:
    """One person (or voice) of a transcript.

    Attributes:
        label: the fullest label this person had in the transcript.
        name: the person's name in title case, or None (press, voices, stage).
        role: the role in English ("President of Mexico"), or None.
        role_es: the role in Spanish ("presidente de México"), or None.
        display: the name a journalist prints: "López Obrador", "Reporter".
        is_press: a reporter asking questions.
        kind: a `Kind`.
        labels: every label variant seen for this speaker, in order.
    """

    label: str
    name: str | None
    role: str | None
    role_es: str | None
    display: str
    is_press: bool
    kind: Kind
    labels: tuple[str, ...] = field(default=())

    @property
    def quotable(self) -> bool:
        """Whether a quote may be attributed to this speaker."""
        return self.kind in QUOTABLE_KINDS

    def role_in(self, lang: str) -> str | None:
        """The role in ``lang`` ("en" or "es")."""
        return self.role_es if lang == "es" else self.role


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted speech.

    Attributes:
        index: position in ``Transcript.turns``.
        speaker: who speaks.
        text: the turn's paragraphs, verbatim: ``source[start:end]``.
        start, end: character offsets into the decoded input.
        label: the label printed before the text (white space cleaned), "" when
            there is none. After a stage direction such as
            ``(ENTREGA DE RECONOCIMIENTO)`` the previous speaker goes on
            unlabelled: the label is the direction, the speaker the person.
        in_clip: spoken inside a video or audio clip, not at the conference.
        repeated: the same text already appeared earlier (a page printed twice).
        attribution: how sure the speaker is: one of `ATTRIBUTIONS`.
    """

    index: int
    speaker: Speaker
    text: str
    start: int
    end: int
    label: str = ""
    in_clip: bool = False
    repeated: bool = False
    attribution: str = "label"


@dataclass(frozen=True)
class Exchange:
    """Opening remarks (index 0, no questioner) or one question → answer block.

    Attributes:
        questioner: the reporter named by a self-introduction, else None.
        outlet: the reporter's outlet when the introduction names one.
    """

    index: int
    turns: tuple[Turn, ...]
    questioner: Speaker | None = None
    outlet: str | None = None

    @property
    def start(self) -> int:
        return self.turns[0].start

    @property
    def end(self) -> int:
        return self.turns[-1].end


@dataclass(frozen=True)
class Transcript:
    """A parsed transcript.

    Attributes:
        text: the decoded input; every offset points into it.
        turns, speakers, exchanges: see `Turn`, `Speaker`, `Exchange`.
        language: "es" or "en".
        format: "web", "native" or "prose".
        title, date: from the header when present (date as ISO ``YYYY-MM-DD``).
        header_end: offset where the first turn starts (title, byline, motto before it).
        warnings: what a reader should know (bytes replaced while decoding, no turns, a
            transcript that looks incomplete: see `parse.completeness`): `summarizer.notes.Note`s,
            strings in English that `Note.render` says in Spanish.
        partial: the transcript stops early ("(Continúa…)"), before the questions.
    """

    text: str
    turns: tuple[Turn, ...]
    speakers: tuple[Speaker, ...]
    exchanges: tuple[Exchange, ...]
    language: str
    format: str
    title: str | None = None
    date: str | None = None
    header_end: int = 0
    warnings: tuple[str, ...] = field(default=())
    partial: bool = False

    def turn_at(self, offset: int) -> Turn | None:
        """The turn whose text holds ``offset``, None between turns (a label, the header)."""
        i = bisect.bisect_right(self.turns, offset, key=lambda turn: turn.start) - 1  # turns are in text order
        return self.turns[i] if i >= 0 and offset < self.turns[i].end else None


@dataclass(frozen=True)
class Segment:
    """One subject of the conference: consecutive sentences about one thing.

    Attributes:
        index: position among the transcript's segments.
        start, end: offsets of its first sentence's start and last sentence's end; a
            reporter's follow-up inside that stretch belongs to the segment's exchange.
        exchange: the exchange it lies in.
        turns: indices of the turns whose sentences it holds.
        sentences: ``(start, end)`` of its sentences (quotable speakers' only).
        speakers: who speaks in it, in order of appearance.
        question: ``(start, end)`` of the reporter's turn it answers, None for remarks or
            a later part of one answer.
        label: up to three distinctive words, for people scanning.
    """

    index: int
    start: int
    end: int
    exchange: int
    turns: tuple[int, ...]
    sentences: tuple[tuple[int, int], ...]
    speakers: tuple[Speaker, ...]
    question: tuple[int, int] | None = None
    label: tuple[str, ...] = ()

    def holds(self, start: int, end: int) -> bool:
        """Whether the span ``start:end`` lies inside this segment."""
        return self.start <= start and end <= self.end


@dataclass(frozen=True)
class Quote:
    """A verbatim span of the transcript, attributed to who said it.

    Attributes:
        original: the span as written in the source.
        start, end: offsets into the transcript text.
        speaker: the speaker of the turn that holds the span.
        turn: index of that turn; exchange: index of its exchange.
        score: how quotable the span is (higher is better).
        text: the quote in the target language (== original until translated).
        reasons: the features that scored it, for people checking the choice.
        attribution: how sure its speaker is, its turn's `Turn.attribution`.
    """

    original: str
    start: int
    end: int
    speaker: Speaker
    turn: int
    score: float
    text: str
    exchange: int = 0
    reasons: tuple[str, ...] = field(default=())
    attribution: str = "label"


__all__ = ["LANGUAGES", "Kind", "QUOTABLE_KINDS", "ATTRIBUTIONS", "weakest", "Speaker", "Turn", "Exchange", "Transcript",
           "Segment", "Quote"]
