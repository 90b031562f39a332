"""Who took part, and how much each spoke.

`participants` lists the officials who spoke and the reporters who introduced themselves;
`speaking_shares` counts, per person (or group: reporters who gave no name, videos and
recordings, the audience…), the turns, the words and the share of the conference's words,
and the press questions each asked or answered. Shares are percentages with one decimal
that add up to exactly 100.0 (the largest-remainder method); a page printed twice counts
once.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Kind, Speaker, Transcript, Turn
from ..output import SpeakerShare
from ..parse.labels import press_group
from ..parse.names import key_of
from ..select.questions import AskedQuestion

_GROUPS = {Kind.VOICE: "recordings", Kind.STAGE: "recordings", Kind.ARCHIVE: "recordings",
           Kind.AUDIENCE: "audience", Kind.NARRATION: "narration", Kind.UNKNOWN: "unknown", Kind.OTHER: "other"}


def participants(doc: Transcript) -> tuple[Speaker, ...]:
    """Who spoke (officials first, in order of appearance), then named questioners; a voice
    heard only in a recording played in the room is no participant."""
    present = {t.speaker for t in doc.turns if not t.in_clip}
    officials = [s for s in doc.speakers if s.quotable and s.kind != Kind.UNKNOWN and s in present]
    questioners = []
    seen = set()
    for exchange in doc.exchanges:
        q = exchange.questioner
        if q is not None and q.name not in seen:
            seen.add(q.name)
            questioners.append(q)
    return tuple(officials + questioners)


def _press_owner(doc: Transcript) -> dict[int, tuple[Speaker, str | None]]:
    """The named reporter each press turn belongs to: the exchange's questioner, for its
    questions and follow-ups (an interjection from the floor is someone else's)."""
    owner = {}
    for exchange in doc.exchanges:
        if exchange.questioner is None:
            continue
        for turn in exchange.turns:
            if turn.speaker.is_press and (turn is exchange.turns[0] or
                                          press_group(key_of(turn.label)) != "INTERVENCION"):
                owner[turn.index] = (exchange.questioner, exchange.outlet)
    return owner


def _row_key(turn: Turn, owner: dict[int, tuple[Speaker, str | None]]) -> tuple:
    """Which row a turn counts for: (group, identity)."""
    if turn.index in owner:
        return _reporter_key(owner[turn.index][0])
    if turn.speaker.is_press:
        return "press", None
    if turn.in_clip or turn.speaker.kind in _GROUPS:
        return _GROUPS.get(turn.speaker.kind, "recordings"), None
    return _person_key(turn.speaker)


def _reporter_key(reporter: Speaker) -> tuple:
    return "person", ("reporter", reporter.name)


def _person_key(speaker: Speaker) -> tuple:
    return "person", (speaker.display, str(speaker.kind))


def speaking_shares(doc: Transcript, questions: Sequence[AskedQuestion] = ()) -> tuple[SpeakerShare, ...]:
    """Turns, words and share of the conference per person or group, largest share first
    (ties in order of first appearance); ``questions`` (the press questions found) give the
    questions each asked or answered."""
    owner = _press_owner(doc)
    rows: dict[tuple, dict] = {}
    for turn in doc.turns:
        if turn.repeated:
            continue
        group, identity = _row_key(turn, owner)
        speaker, outlet = owner.get(turn.index, (turn.speaker, None))
        row = rows.setdefault((group, identity), {"group": group, "speaker": speaker, "outlet": outlet,
                                                  "turns": 0, "words": 0, "questions": 0, "answered": 0})
        row["turns"] += 1
        row["words"] += len(turn.text.split())
    for question in questions:
        asker = _reporter_key(question.questioner) if question.questioner is not None else None
        if asker in rows:
            rows[asker]["questions"] += 1
        elif ("press", None) in rows:
            rows[("press", None)]["questions"] += 1
        answerer = _person_key(question.answerer) if question.answerer is not None else None
        if answerer in rows:
            rows[answerer]["answered"] += 1
    ordered = sorted(rows.values(), key=lambda r: -r["words"])  # stable: ties keep their first appearance
    tenths = largest_remainder([r["words"] for r in ordered], 1000)
    return tuple(SpeakerShare(r["group"], r["speaker"] if r["group"] in ("person", "press") else None,
                              r["outlet"], r["turns"], r["words"], t / 10, r["questions"], r["answered"])
                 for r, t in zip(ordered, tenths))


def largest_remainder(weights: Sequence[int], total: int) -> list[int]:
    """Whole parts of ``total`` in proportion to ``weights`` that add up to exactly ``total``
    (the largest remainders get the units left; all zeros when every weight is zero)."""
    whole = sum(weights)
    if whole <= 0:
        return [0] * len(weights)
    parts = [w * total // whole for w in weights]  # integers: no rounding error
    remainders = [w * total % whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return parts


__all__ = ["participants", "speaking_shares", "largest_remainder"]
