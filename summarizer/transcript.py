"""Parse a transcript: text → `Transcript` of speaker-labelled turns with offsets.

Formats, detected automatically (see `formats` and `prose`):

* **web** — the gob.mx page as copied (``LABEL: text``), including copies from
  news sites with an intro, a byline, a year motto, captions and single line
  breaks;
* **native** — the public dataset's files (label line, paragraphs, ``---``);
* **prose** — anything without speaker labels, such as a news article.

Every turn keeps offsets into the decoded input: ``doc.text[t.start:t.end] == t.text``.
Speakers are resolved per transcript (`speakers.SpeakerRegistry`); turns inside
video clips are marked ``in_clip``, turns of a page printed twice ``repeated``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .errors import DecodeError, EmptyTranscriptError, InputTooLargeError
from .formats import RawTurn, detect_format, native_layout, web_layout
from .prose import prose_pieces
from .sentences import paragraph_spans
from .speakers import (
    ARCHIVE,
    MODERATOR,
    OTHER,
    PRESIDENT,
    PRESS,
    SHEINBAUM_TAKES_OFFICE,
    STAGE,
    Speaker,
    SpeakerRegistry,
    classify_label,
    label_key,
    make_speaker,
)

DEFAULT_MAX_BYTES = 5_000_000
"""Default input size limit; override per call or with ``$SUMMARIZER_MAX_INPUT_BYTES``."""


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
    """

    index: int
    speaker: Speaker
    text: str
    start: int
    end: int
    label: str = ""
    in_clip: bool = False
    repeated: bool = False

    @property
    def paragraphs(self) -> list[str]:
        return [self.text[s:e] for s, e in paragraph_spans(self.text)]


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

    @property
    def is_opening(self) -> bool:
        return self.index == 0 and self.questioner is None and not any(t.speaker.is_press for t in self.turns[:1])


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
        warnings: what a reader should know (a partial transcript, no turns).
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


# ---------------------------------------------------------------- decoding


def decode(data: str | bytes, max_bytes: int | None = None) -> str:
    """Decode input bytes (UTF-8 with or without BOM, else cp1252) and check its size."""
    limit = _size_limit(max_bytes)
    if isinstance(data, str):
        size = len(data.encode("utf-8", "surrogatepass"))
    elif isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        size = len(data)
    else:
        raise TypeError(f"a transcript is str or bytes, not {type(data).__name__}")
    if size > limit:
        raise InputTooLargeError(
            f"the input is {size:,} bytes, over the limit of {limit:,} bytes ({limit / 1e6:g} MB); split it, "
            "or raise the limit with max_bytes=… (or $SUMMARIZER_MAX_INPUT_BYTES)"
        )
    text = data if isinstance(data, str) else _decode_bytes(data)
    if not text.strip(" \t\r\n\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000\x0b\x0c"):
        raise EmptyTranscriptError("the transcript is empty: paste or load the text of a transcript")
    return text


def _size_limit(max_bytes: int | None) -> int:
    if max_bytes is not None:
        return max_bytes
    env = os.environ.get("SUMMARIZER_MAX_INPUT_BYTES", "").strip()
    return int(env) if env.isdigit() else DEFAULT_MAX_BYTES


def _decode_bytes(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise DecodeError("the input starts like UTF-16 text but does not decode as such: "
                              "save it as UTF-8 and try again") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if raw.count(b"\x00") > len(raw) // 100:
        raise DecodeError("the input looks binary (it has NUL bytes), not text: give a .txt transcript")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"the input is neither UTF-8 nor Windows-1252 text (byte {raw[exc.start]:#04x} at "
            f"offset {exc.start}): save it as UTF-8 and try again"
        ) from None


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


def _title_and_date(text: str, header: list[tuple[int, int]]) -> tuple[str | None, str | None]:
    """The title and date of a labelled transcript's header.

    The title is the "Versión estenográfica …" line when there is one (a news
    site's headline may come first), else the first line. The date is the
    title's, else the byline's or the date line's, else the first in the header.
    """
    lines = [text[s:e] for s, e in header if text[s:e] != "---"]
    if not lines:
        return None, None
    title = next((line for line in lines if re.search(r"versi[óo]n estenogr[áa]fica", line, re.I)), lines[0])
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

    Raises `EmptyTranscriptError`, `DecodeError` or `InputTooLargeError`
    (all `SummarizerError`); text with no speaker labels parses as prose.
    """
    from .exchanges import build_exchanges
    from .language import detect_language

    text = decode(data, max_bytes)
    paragraphs = paragraph_spans(text)
    fmt = detect_format(text, paragraphs)
    warnings: list[str] = []
    if fmt == "prose":
        header_end, title = 0, None
        date = find_date(text[:3000])
        turns = [Turn(i, speaker, text[s:e], s, e) for i, (s, e, speaker) in enumerate(prose_pieces(text, paragraphs, date))]
    else:
        layout = (native_layout if fmt == "native" else web_layout)(text, paragraphs)
        header_end = layout.header_end
        title, date = _title_and_date(text, [p for p in paragraphs if p[1] <= header_end])
        turns = _labelled_turns(text, layout.turns, date)
        if not turns:
            warnings.append("no speaker turn has any text")
    partial = bool(turns) and bool(re.search(r"\(\s*contin[úu]a\b[^)]*\)?\s*$", turns[-1].text, re.I))
    if partial:
        warnings.append("partial transcript: it stops at “(Continúa…)”, so the rest of the conference is missing")
    sample = " ".join(t.text for t in turns[:60])[:6000] or text[:6000]
    doc = Transcript(text, tuple(turns), _unique_speakers(turns), (), detect_language(sample), fmt,
                     title, date, header_end, tuple(warnings), partial)
    return Transcript(doc.text, doc.turns, doc.speakers, tuple(build_exchanges(doc)), doc.language, doc.format,
                      doc.title, doc.date, doc.header_end, doc.warnings, doc.partial)


_CLIP_START = re.compile(r"\b(VIDEO|AUDIO|PROYECCION|PIEZA|MUSICAL|MUSICA|CLIP|CAPSULA|SPOT|HIMNO|CANCION|TESTIMONIO|DETECTOR)")
_CLIP_END = re.compile(r"\b(FINALIZA|TERMINA|CONCLUYE|FIN|TERMINO)\b")


def _labelled_turns(text: str, raw: list[RawTurn], date: str | None) -> list[Turn]:
    """Resolve speakers, mark clips and repeats: `RawTurn` → `Turn`."""
    date = date or _era(raw)
    registry = SpeakerRegistry(date)
    keys = [None if r.stage or classify_label(r.label).kind == STAGE else
            registry.add(r.label) if _has_text(text, r) else "" for r in raw]
    people = registry.speakers()
    turns: list[Turn] = []
    clip = False
    conference: set[str] = set()  # speakers heard outside any clip
    last_speaker: Speaker | None = None  # the last one of them
    for r, key in zip(raw, keys):
        if key is None and not _has_text(text, r):  # "(INICIA VIDEO)" alone: a clip starts or ends
            direction = label_key(r.label)
            if _CLIP_END.search(direction):
                clip = False
            elif _CLIP_START.search(direction):
                clip = True
            continue
        if key == "":
            continue  # an empty block
        if key is None:  # a stage direction with text after it
            direction = label_key(r.label)
            if _CLIP_END.search(direction) and last_speaker is not None:
                clip, speaker = False, last_speaker  # the speaker before the clip goes on
            elif _CLIP_START.search(direction) or clip or last_speaker is None:
                clip, speaker = True, make_speaker(r.label, date)  # the clip itself
            else:
                speaker = last_speaker  # "(ENTREGA DE RECONOCIMIENTO)": the speaker goes on
            in_clip = speaker.kind == STAGE
        else:
            speaker = people[key]
            if clip and (key in conference or speaker.kind in (PRESIDENT, MODERATOR)):
                clip = False  # someone from the conference speaks again: the clip is over
            in_clip = clip or speaker.kind == ARCHIVE
            if not in_clip and speaker.kind not in (OTHER, ARCHIVE):
                conference.add(key)
                last_speaker = speaker
        turns.append(Turn(len(turns), speaker, text[r.start:r.end], r.start, r.end, r.label, in_clip))
    return _mark_repeats(turns)


def _era(raw: list[RawTurn]) -> str | None:
    """A stand-in date for a transcript without one, from who holds the presidency in it.

    López Obrador labelled president: his term, most likely before Sheinbaum left Mexico
    City's government; "PRESIDENTA DE MÉXICO": hers. Used for the roles that depend on the date."""
    keys = {label_key(r.label) for r in raw}
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
    return [Turn(t.index, t.speaker, t.text, t.start, t.end, t.label, t.in_clip, r) if r else t
            for t, r in zip(turns, repeated)]


def _unique_speakers(turns: list[Turn]) -> tuple[Speaker, ...]:
    seen: dict[tuple, Speaker] = {}
    for turn in turns:
        seen.setdefault((turn.speaker.label, turn.speaker.kind, turn.speaker.display), turn.speaker)
    return tuple(seen.values())


def speaker_of(doc: Transcript, offset: int) -> Speaker | None:
    """The speaker of the turn holding ``offset``, or None outside every turn."""
    for turn in doc.turns:
        if turn.start <= offset < turn.end:
            return turn.speaker
    return None


__all__ = ["Turn", "Exchange", "Transcript", "parse_transcript", "decode", "find_date", "speaker_of",
           "DEFAULT_MAX_BYTES", "PRESS"]
