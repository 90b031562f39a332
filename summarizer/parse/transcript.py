"""Parse a transcript: text → `Transcript` of speaker-labelled turns with offsets.

Formats, detected automatically (see `formats` and `prose`):

* **web** — the gob.mx page as copied (``LABEL: text``), including copies from
  news sites with an intro, a byline, a year motto, captions and single line
  breaks;
* **native** — the public dataset's files (label line, paragraphs, ``---``);
* **prose** — anything without speaker labels, such as a news article.

Every turn keeps offsets into the decoded input: ``doc.text[t.start:t.end] == t.text``.
A news site's or gob.mx's furniture (`furniture`) is in no turn, and a note says so.
Speakers are resolved per transcript (`speakers.SpeakerRegistry`); turns inside
video clips are marked ``in_clip``, turns of a page printed twice ``repeated``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..document import Exchange, Kind, Speaker, Transcript, Turn
from ..notes import Note
from .completeness import completeness_notes, is_partial
from .decode import read_text
from .exchanges import build_exchanges
from .formats import RawTurn, detect_format, native_layout, web_layout
from .furniture import find_furniture
from .labels import ARCHIVE, MODERATOR, OFFICIAL, OTHER, PRESIDENT, SHEINBAUM_TAKES_OFFICE, STAGE, VOICE, classify_label
from .language import detect_language
from .names import key_of
from .prose import prose_pieces
from .sentences import paragraph_spans
from .speakers import SpeakerRegistry, make_speaker


# ---------------------------------------------------------------- header

_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_DATE_ES = re.compile(r"\b(\d{1,2})(?:º|o\.)?\s+de\s+([a-zA-Z]+)(?:\s+de|\s+del|,)?\s+(\d{4})\b", re.I)
_DATE_EN = re.compile(r"\b([A-Z][a-z]+)\s+(\d{1,2}),?\s+(\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def find_date(text: str) -> str | None:
    """The first valid date written in ``text``, as ISO ``YYYY-MM-DD``."""
    candidates = []
    for m in _DATE_ES.finditer(text):
        candidates.append((m.start(), m.group(3), _MONTHS.get(m.group(2).lower()), m.group(1)))
    for m in _DATE_EN.finditer(text):
        candidates.append((m.start(), m.group(3), _MONTHS.get(m.group(1).lower()), m.group(2)))
    for m in _DATE_ISO.finditer(text):
        candidates.append((m.start(), m.group(1), int(m.group(2)), m.group(3)))
    for _, year, month, day in sorted(candidates):
        if month and 1 <= month <= 12 and 1 <= int(day) <= 31:
            return f"{int(year):04d}-{month:02d}-{int(day):02d}"
    return None


# An English transcript's title under the White House's letterhead: "PRESS BRIEFING BY …", "REMARKS BY …".
_ENGLISH_TITLE = re.compile(r"^(?:press briefing|remarks|press conference|background press call|press gaggle|"
                            r"on-the-record press call|statement|readout|interview)\b", re.I)


def _title_and_date(text: str, header: list[tuple[int, int]]) -> tuple[str | None, str | None]:
    """The title and date of a labelled transcript's header.

    The title is the "Versión estenográfica …" line when there is one (a news
    site's headline may come first), else the first line. The date is the
    title's, else the byline's or the date line's, else the first in the header.
    """
    lines = [text[s:e] for s, e in header if text[s:e] != "---"]
    if not lines:
        return None, None
    title = next((line for line in lines if re.search(r"versi[óo]n estenogr[áa]fica", line, re.I)), None) or \
        next((line for line in lines if _ENGLISH_TITLE.match(line)), lines[0])
    byline = [line for line in lines if re.search(r"presidencia de la rep[úu]blica", line, re.I)]
    date = None
    for candidate in [title, *byline, *lines]:
        date = find_date(candidate)
        if date:
            break
    return (title if len(title) <= 400 else None), date


# ---------------------------------------------------------------- the parser


def parse_transcript(data: str | bytes, *, max_bytes: int | None = None) -> Transcript:
    """Parse a transcript in any supported format into a `Transcript`.

    ``data``: text, or the bytes of a text file, a .docx, a PDF or an HTML page (see
    `decode.read_text`). Raises `EmptyTranscriptError`, `DecodeError` or
    `InputTooLargeError` (all `SummarizerError`); text with no speaker labels parses as
    prose. What the reader should know (bytes replaced, a partial transcript) is in
    ``Transcript.warnings``, as `Note`s.
    """
    decoded = read_text(data, max_bytes)
    text = decoded.text
    paragraphs = paragraph_spans(text)
    furniture = frozenset(find_furniture(text, paragraphs))
    fmt = detect_format(text, [p for p in paragraphs if p[0] not in furniture])
    warnings: list[Note] = [n for n in decoded.notes if n.code != "parse.furniture"]
    if fmt == "prose":
        header_end, title = 0, None
        date = find_date(text[:3000])
        kept = [p for p in paragraphs if p[0] not in furniture]
        turns = [Turn(i, speaker, text[s:e], s, e, attribution=how)
                 for i, (s, e, speaker, how) in enumerate(prose_pieces(text, kept, date))]
    else:
        layout = (native_layout if fmt == "native" else web_layout)(text, paragraphs, furniture)
        header_end = layout.header_end
        title, date = _title_and_date(text, [p for p in paragraphs if p[1] <= header_end])
        turns = _labelled_turns(text, layout.turns, date, text[:header_end])
        if layout.unlabelled:
            warnings.append(Note("parse.no_label", blocks=layout.unlabelled, chars=layout.shortest))
        if not turns:
            warnings.append(Note("parse.no_turns"))
    warnings += _furniture_note(text, paragraphs, furniture, header_end, decoded.notes)
    sample = " ".join(t.text for t in turns[:60])[:6000] or text[:6000]
    exchanges: tuple[Exchange, ...] = tuple(build_exchanges(turns))
    warnings += completeness_notes(text, turns, exchanges, fmt)
    if turns and not any(t.speaker.kind not in _NOBODY for t in turns):
        warnings.append(Note("parse.no_speakers"))
    return Transcript(text, tuple(turns), _unique_speakers(turns), exchanges, detect_language(sample), fmt,
                      title, date, header_end, tuple(warnings), is_partial(turns))


def _furniture_note(text: str, paragraphs: list[tuple[int, int]], furniture: frozenset[int], header_end: int,
                    decoded: tuple[Note, ...]) -> list[Note]:
    """One note for the furniture left out: the page's (`htmltext`, said by the decoder) and the
    paragraphs after the header that `furniture` recognised; how many, and the first."""
    found = [text[s:e].strip() for s, e in paragraphs if s in furniture and s >= header_end]
    page = next((n for n in decoded if n.code == "parse.furniture"), None)
    if page is not None:
        return [Note("parse.furniture", paragraphs=page.params["paragraphs"] + len(found), first=page.params["first"])]
    return [Note("parse.furniture", paragraphs=len(found), first=found[0][:120])] if found else []


_NOBODY = (Kind.UNKNOWN, Kind.NARRATION, Kind.STAGE, Kind.OTHER)  # turns that name no speaker


_CLIP_START = re.compile(r"\b(VIDEO|AUDIO|PROYECCION|PIEZA|MUSICAL|MUSICA|CLIP|CAPSULA|SPOT|HIMNO|CANCION|TESTIMONIO|DETECTOR)")
_CLIP_END = re.compile(r"\b(FINALIZA|TERMINA|CONCLUYE|FIN|TERMINO)\b")


def _labelled_turns(text: str, raw: list[RawTurn], date: str | None, header: str = "") -> list[Turn]:
    """Resolve speakers, mark clips and repeats: `RawTurn` → `Turn`."""
    date = date or _era(raw)
    registry = SpeakerRegistry(date, header)
    keys = [None if r.stage or classify_label(r.label).kind == STAGE else
            registry.add(r.label) if _has_text(text, r) else "" for r in raw]
    people = registry.speakers()
    turns: list[Turn] = []
    clip = False
    conference: set[str] = set()  # speakers heard outside any clip
    last_speaker: Speaker | None = None  # the last one of them
    for r, key in zip(raw, keys):
        if key is None and not _has_text(text, r):  # "(INICIA VIDEO)" alone: a clip starts or ends
            direction = key_of(r.label)
            if _CLIP_END.search(direction):
                clip = False
            elif _CLIP_START.search(direction):
                clip = True
            continue
        if key == "":
            continue  # an empty block
        how = "label"
        if key is None:  # a stage direction with text after it
            direction = key_of(r.label)
            if _CLIP_END.search(direction) and last_speaker is not None:
                clip, speaker, how = False, last_speaker, "continued"  # the speaker before the clip goes on
            elif _CLIP_START.search(direction) or clip or last_speaker is None:
                clip, speaker = True, make_speaker(r.label, date)  # the clip itself
            else:
                speaker, how = last_speaker, "continued"  # "(ENTREGA DE RECONOCIMIENTO)": the speaker goes on
            in_clip = speaker.kind == STAGE
        else:
            speaker = people[key]
            if clip and (key in conference or speaker.kind in (PRESIDENT, MODERATOR)):
                clip = False  # someone from the conference speaks again: the clip is over
            in_clip = clip or speaker.kind == ARCHIVE
            if not in_clip and speaker.kind not in (OTHER, ARCHIVE):
                conference.add(key)
                last_speaker = speaker
        turns.append(Turn(len(turns), speaker, text[r.start:r.end], r.start, r.end, r.label, in_clip, attribution=how))
    return _mark_repeats(_mark_narrated(turns))


def _mark_narrated(turns: list[Turn]) -> list[Turn]:
    """Mark as ``in_clip`` the turns of a named voice heard only between a video's narration
    (``VOZ HOMBRE``…) and more of it: a recording played in the room ("Díaz Ordaz" in a
    1968 documentary), not a participant."""
    def recorded(turn: Turn | None) -> bool:  # a clip, or narration (not an off-mic question)
        return turn is not None and (turn.in_clip or (turn.speaker.kind == VOICE and len(turn.text.split()) >= 15
                                                      and not turn.text.rstrip().endswith("?")))

    spoken = [t for t in turns if t.speaker.kind != STAGE]
    inside: dict[str, list[bool]] = {}
    for i, turn in enumerate(spoken):
        if turn.speaker.kind in (OFFICIAL, OTHER) and not turn.in_clip:
            before = spoken[i - 1] if i > 0 else None
            after = spoken[i + 1] if i + 1 < len(spoken) else None
            inside.setdefault(turn.speaker.display, []).append(recorded(before) and recorded(after))
    heard_only = {who for who, flags in inside.items() if all(flags)}
    return [replace(t, in_clip=True) if t.speaker.display in heard_only and t.speaker.kind in (OFFICIAL, OTHER)
            and not t.in_clip else t for t in turns]


def _era(raw: list[RawTurn]) -> str | None:
    """A stand-in date for a transcript without one, from who holds the presidency in it.

    López Obrador labelled president: his term, most likely before Sheinbaum left Mexico
    City's government; "PRESIDENTA DE MÉXICO": hers. Used for the roles that depend on the date."""
    keys = {key_of(r.label) for r in raw}
    if any(k.startswith("PRESIDENTA DE MEXICO CLAUDIA SHEINBAUM") for k in keys):
        return SHEINBAUM_TAKES_OFFICE
    if any(k.startswith("PRESIDENTE ANDRES MANUEL LOPEZ OBRADOR") and len(k.split()) == 5 for k in keys):
        return "2019-01-01"
    return None


def _has_text(text: str, raw: RawTurn) -> bool:
    return raw.end > raw.start and bool(text[raw.start:raw.end].strip())


def _mark_repeats(turns: list[Turn]) -> list[Turn]:
    """Mark turns whose text appeared before: long ones alone, short ones in runs of three or more."""
    seen: set[tuple[str, str]] = set()
    flags = []
    for turn in turns:
        key = (turn.speaker.display, re.sub(r"\s+", " ", turn.text).strip())
        flags.append(key in seen)
        seen.add(key)
    repeated = list(flags)
    i = 0
    while i < len(turns):
        j = i
        while j < len(turns) and flags[j]:
            j += 1
        if j - i < 3:
            for k in range(i, j):
                repeated[k] = len(turns[k].text) > 200
        i = max(j, i + 1)
    return [replace(t, repeated=True) if r else t for t, r in zip(turns, repeated)]


def _unique_speakers(turns: list[Turn]) -> tuple[Speaker, ...]:
    seen: dict[tuple, Speaker] = {}
    for turn in turns:
        seen.setdefault((turn.speaker.label, turn.speaker.kind, turn.speaker.display), turn.speaker)
    return tuple(seen.values())


__all__ = ["parse_transcript", "find_date"]
