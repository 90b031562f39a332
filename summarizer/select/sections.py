"""Recurring sections: the show's fixed segments, recognised as such.

The mañanera has segments with their own presenters and titles, week after week:

* "Quién es quién en las mentiras de la semana" (Wednesdays, López Obrador era; Ana
  Elizabeth García Vilchis) and the "Detector de mentiras" (Sheinbaum era; Miguel Elorza):
  fact-checks of the press;
* "Quién es quién en los precios" (fuel and food prices; the head of Profeco);
* the security report (the security cabinet), the health report ("el Pulso de la Salud",
  the health officials), the works report (the Monday videos on the airport, the refinery,
  the Tren Maya…), the Tren Maya's archaeological rescue (Thursdays, the INAH), "Mujeres en
  la historia" (Sheinbaum era; the deputy minister of basic education).

A section is recognised by its structure, never by a word alone: the chair announces it
by name (or its presenter names it in their first words) and one of its usual presenters
takes the floor within a few turns; it runs while its presenters, the videos they show
and the chair's short hand-overs follow one another, and ends when the press asks, the
chair speaks at length or another section begins. A section announced and shown only as
a video nobody transcribed is recognised from the stage direction that names it, with no
text. Pure functions over a `Transcript`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Kind, Speaker, Transcript, Turn
from ..parse.names import key_of


@dataclass(frozen=True)
class SectionKind:
    """One recurring section.

    Attributes:
        key: its name in code ("prices", "lies_of_the_week"…).
        cue: how the chair announces it by name (searched in one sentence).
        presenter: label keys (`key_of`) of its usual presenters.
        own_cue: how its presenter names it in their first words (None: only announced).
        open_cast: other people may take part (a testimonial in a report), unless the chair
            has just handed them the floor.
        videos: a video (voices, narration) may open it.
        fact_check: its items are claims of the press with a verdict.
    """

    key: str
    cue: re.Pattern
    presenter: re.Pattern
    own_cue: re.Pattern | None = None
    open_cast: bool = False
    videos: bool = False
    fact_check: bool = False


def _re(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


_PRICES = r"qui[eé]n es qui[eé]n en (?:los|el) precios?"
_WORKS_OWN = r"reporte de avances?|reporte semanal|(?:va|vamos con) el reporte|reporte de esta semana"
KINDS: tuple[SectionKind, ...] = (
    SectionKind("lies_of_the_week", _re(r"mentiras de la semana"), _re(r"GARCIA VILCHIS"),
                own_cue=_re(r"mentiras de la semana"), fact_check=True),
    SectionKind("lie_detector", _re(r"detector de mentiras"), _re(r"ELORZA"),
                own_cue=_re(r"detector de mentiras"), fact_check=True),
    SectionKind("prices", _re(_PRICES),
                _re(r"PROCURADORA? FEDERAL DEL CONSUMIDOR|PROFECO|SHEF+I?EL+D|AGUILAR ROMERO|ESCALANTE RUIZ"),
                own_cue=_re(_PRICES)),
    SectionKind("security", _re(r"\b(?:informe|reporte|indicadores|tema) (?:\w+ ){0,2}de seguridad\b"),
                _re(r"SEGURIDAD Y PROTECCION CIUDADANA|SEGURIDAD PUBLICA|DEFENSA NACIONAL|MARINA|GUARDIA NACIONAL|"
                    r"GOBERNACION|FISCAL GENERAL"),
                open_cast=True),
    SectionKind("health", _re(r"pulso de la salud|informe (?:\w+ ){0,2}(?:de|sobre) (?:la )?(?:salud|pandemia|covid|"
                              r"vacunaci[oó]n)|(?:tema|martes) de (?:la )?salud"),
                # The vaccine reports of 2021-22: the Foreign Secretary (purchases), Defence (distribution).
                _re(r"SALUD|EPIDEMIOLOG|LOPEZ GATELL|ALCOCER|ALOMIA|KERSHENOBICH|IMSS|ISSSTE|SVARCH|COFEPRIS|"
                    r"RELACIONES EXTERIORES|DEFENSA NACIONAL"),
                own_cue=_re(r"pulso de la salud"), open_cast=True),
    SectionKind("works", _re(r"\bavances? (?:en|de|del) (?:la |las |el |los )?(?:obras?|construcci[oó]n|trabajos|"
                             r"aeropuerto|refiner[ií]a)|reporte de avances|(?:vamos|pasamos) (?:con|a ver) los videos"),
                _re(r"ENERGIA|FONATUR|TREN MAYA|INTERURBANO|AEROPUERTO|REFINERIA|INGENIEROS|ISTMO"),
                own_cue=_re(_WORKS_OWN), open_cast=True, videos=True),
    SectionKind("archaeology", _re(r"(?:rescate|salvamento) arqueol[oó]gico"),
                _re(r"ANTROPOLOGIA|INAH|DIEGO PRIETO"), videos=True),
    SectionKind("women_in_history", _re(r"mujeres en la historia"), _re(r"EDUCACION BASICA|NOEMI JUAREZ"),
                own_cue=_re(r"mujeres en la historia")),
)
"""The recurring sections this module knows, in the order they are tried."""
KIND_BY_KEY = {kind.key: kind for kind in KINDS}

# An announcement: the chair says what comes (not a mention in passing of the section's name).
_ANNOUNCE = _re(r"\b(?:vamos|v[aá]monos|pasamos|pasemos|presentar\w*|presentamos|informar\w*|informamos|informa|cerrar|"
                r"cerramos|iniciar|iniciamos|comenzar|comenzamos|empezar|empezamos|escuchar|escuchamos|adelante|"
                r"sigue|toca|luego|damos inicio)\b")
OWN_CUE_CHARS = 300
"""A presenter names their section within this many characters of their turn."""
LOOK_AHEAD = 12
"""Turns after an announcement within which its presenter must take the floor."""
SHORT_TURN = 40
"""Turns of at most this many words (banter, a hand-over) do not break a section or its announcement."""
HANDOVER = 60
"""The chair's turns of at most this many words are hand-overs inside a section."""
QUESTION_WORDS = 8
"""A press turn of at least this many words is a question: it ends a section."""


@dataclass(frozen=True)
class FoundSection:
    """A recurring section found in a transcript.

    Attributes:
        kind: the `SectionKind` key.
        turns: indices of its turns, in order (its presenters', the videos', the chair's hand-overs).
        start, end: offsets of its first turn's start and last turn's end.
        presenters: who presented it, in order of appearance.
        cue: ``(start, end)`` of where it was announced or named, None if nowhere.
        transcribed: False for a section shown as a video nobody transcribed (no turns).
    """

    kind: str
    turns: tuple[int, ...]
    start: int
    end: int
    presenters: tuple[Speaker, ...] = ()
    cue: tuple[int, int] | None = None
    transcribed: bool = True

    def holds(self, start: int, end: int) -> bool:
        """Whether the span ``start:end`` lies inside this section."""
        return self.start <= start and end <= self.end


def find_sections(doc: Transcript) -> list[FoundSection]:
    """The recurring sections of ``doc``, in order, never overlapping."""
    starts = sorted(_starts(doc), key=lambda s: (s[1], s[3]))
    found: list[FoundSection] = []
    taken = -1
    for kind, first, cue, _ in starts:
        if first <= taken:
            continue
        last = _extend(doc, kind, first)
        turns = doc.turns[first:last + 1]
        people = [t.speaker for t in turns if _presents(kind, t) and not _voice(t)]
        presenters = tuple(dict.fromkeys(people or [t.speaker for t in turns if _voice(t)][:1]))
        found.append(FoundSection(kind.key, tuple(t.index for t in turns), turns[0].start, turns[-1].end,
                                  presenters, cue))
        taken = last
    return sorted(found + _untranscribed(doc, found), key=lambda s: s.start)


# ---------------------------------------------------------------- where a section starts


def _starts(doc: Transcript) -> list[tuple[SectionKind, int, tuple[int, int] | None, int]]:
    """``(kind, first turn, cue span, rank)`` for every start: a presenter naming their section
    (rank 0), or an announcement followed by its presenter (rank 1)."""
    starts = []
    opening = {t.index for t in doc.exchanges[0].turns} if doc.exchanges else set()
    for i, turn in enumerate(doc.turns):
        if _skip(turn) or turn.speaker.is_press:
            continue
        for kind in KINDS:
            own = _own_cue(kind, turn)
            if own is not None:
                starts.append((kind, i, own, 0))
                continue
            for cue in _announcements(kind, turn, i in opening):
                first = _presenter_after(doc, kind, i, _announced_with(kind, turn, i in opening))
                if first is not None:
                    starts.append((kind, first, cue, 1))
                    break
    return starts


def _announced_with(kind: SectionKind, turn: Turn, opening: bool) -> set[str]:
    """The other sections the chair announces in the same turn ("…el Quién es quién en los
    precios, y hoy también coincide que se informa sobre el Quién es quién en las mentiras")."""
    return {other.key for other in KINDS if other.key != kind.key and _announcements(other, turn, opening)}


def _skip(turn: Turn) -> bool:
    return turn.repeated or turn.speaker.kind in (Kind.OTHER, Kind.ARCHIVE)


def _own_cue(kind: SectionKind, turn: Turn) -> tuple[int, int] | None:
    if kind.own_cue is None or not _presents(kind, turn):
        return None
    match = kind.own_cue.search(turn.text, 0, OWN_CUE_CHARS)
    return (turn.start + match.start(), turn.start + match.end()) if match else None


def _announcements(kind: SectionKind, turn: Turn, opening: bool = True) -> list[tuple[int, int]]:
    """Where the chair announces ``kind`` in ``turn``: a sentence that names it and says it
    comes; in the opening remarks (the day's agenda) anywhere, later only as the hand-over
    that ends the chair's turn."""
    if not _chair(turn):
        return []
    spans = []
    for match in kind.cue.finditer(turn.text):
        sentence = _sentence_around(turn.text, match.start())
        if _ANNOUNCE.search(sentence) and (opening or match.start() >= len(turn.text) - OWN_CUE_CHARS):
            spans.append((turn.start + match.start(), turn.start + match.end()))
    return spans


def _sentence_around(text: str, at: int) -> str:
    start = max(text.rfind(mark, 0, at) for mark in ".!?\n") + 1
    ends = [e for e in (text.find(mark, at) for mark in ".!?\n") if e >= 0]
    return text[start:min(ends) if ends else len(text)]


def _presenter_after(doc: Transcript, kind: SectionKind, i: int, also: set[str] = frozenset()) -> int | None:
    """The first turn after turn ``i`` where ``kind``'s presenter (or its video) takes the floor,
    passing banter, hand-overs and other business, and the sections announced with it
    (``also``: those come first); None when a question or a long speech by the chair comes
    first, or another section's presenter."""
    reach = i + 1 + LOOK_AHEAD
    j = i + 1
    while j < min(len(doc.turns), reach):
        turn = doc.turns[j]
        words = len(turn.text.split())
        if _skip(turn):
            j += 1
            continue
        if _presents(kind, turn) and not _voice(turn) or (kind.videos and _voice(turn) and words > SHORT_TURN):
            return j
        if turn.speaker.is_press and words >= SHORT_TURN or _chair(turn) and words > HANDOVER:
            return None
        other = next((o for o in KINDS if o.key != kind.key and _presents(o, turn) and not _voice(turn)), None)
        if other is not None:
            if other.key not in also:
                return None
            j = _extend(doc, other, j)  # the section announced first runs its course
            reach = j + 1 + LOOK_AHEAD
        j += 1
    return None


# ---------------------------------------------------------------- how far it runs


def _extend(doc: Transcript, kind: SectionKind, first: int) -> int:
    """The last turn of the section that starts at turn ``first``."""
    last = first
    handed = False  # the chair has just given the floor
    for turn in doc.turns[first + 1:]:
        words = len(turn.text.split())
        if turn.repeated:
            break
        if turn.speaker.is_press:
            if words >= QUESTION_WORDS:
                break
            continue  # "(Inaudible)", "Gracias": not a question; kept only if the section goes on
        if _chair(turn):
            if words > HANDOVER or _other_announced(kind, turn):
                break
            handed = True
            continue  # a hand-over: kept only if the section goes on
        if _presents(kind, turn) or _voice(turn):
            last = turn.index
        elif kind.open_cast and not handed and turn.speaker.quotable and not _opens_other(kind, turn):
            last = turn.index
        else:
            break
        handed = False
    return last


def _other_announced(kind: SectionKind, turn: Turn) -> bool:
    return any(_announcements(other, turn) for other in KINDS if other.key != kind.key)


def _opens_other(kind: SectionKind, turn: Turn) -> bool:
    return any(_own_cue(other, turn) for other in KINDS if other.key != kind.key)


def _presents(kind: SectionKind, turn: Turn) -> bool:
    """Whether ``turn`` belongs to one of ``kind``'s presenters (or is a video, for a video section)."""
    if turn.speaker.is_press or _chair(turn):
        return False
    if _voice(turn):
        return kind.videos
    return bool(kind.presenter.search(key_of(turn.speaker.label)) or kind.presenter.search(key_of(turn.label)))


def _voice(turn: Turn) -> bool:
    return turn.in_clip or turn.speaker.kind in (Kind.VOICE, Kind.STAGE)


def _chair(turn: Turn) -> bool:
    return turn.speaker.kind in (Kind.PRESIDENT, Kind.MODERATOR)


# ---------------------------------------------------------------- shown, not transcribed

_DIRECTION = re.compile(r"\(([^()\n]{3,300})\)")


def _untranscribed(doc: Transcript, found: list[FoundSection]) -> list[FoundSection]:
    """Sections named by a stage direction between turns ("(VIDEO MUJERES EN LA HISTORIA …)")
    and announced just before it, outside any section found: shown, not transcribed."""
    result = []
    turns = doc.turns
    for before, after in zip(turns, turns[1:]):
        # A direction alone on its line, or one whose "text" is only the closing "—000—".
        gap_end = after.end if after.speaker.kind == Kind.STAGE and len(after.text.split()) <= 2 else after.start
        for match in _DIRECTION.finditer(doc.text, before.end, gap_end):
            start, end = match.span()
            for kind in KINDS:
                if (kind.own_cue is not None and kind.own_cue.search(match.group(1))
                        and _announcements(kind, before) and not any(s.holds(start, end) for s in found)):
                    result.append(FoundSection(kind.key, (), start, end, (), (start, end), transcribed=False))
    return result


__all__ = ["SectionKind", "KINDS", "KIND_BY_KEY", "FoundSection", "find_sections"]
