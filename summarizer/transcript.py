"""Parse a transcript: text → `Transcript` of speaker-labelled turns with offsets.

Formats, detected automatically:

* **web** — the gob.mx page as copied: ``LABEL: text`` opens a turn, other
  paragraphs follow unprefixed; a paragraph that is a whole stage direction in
  capitals, ``(INICIA VIDEO)``, opens a turn of its own. News-site copies add an
  intro, a byline and a year motto before the first turn, and may use single
  line breaks: all of that is the header.
* **native** — the public dataset's files: title, author and date lines, then
  blocks opened by ``---``, each a label line and one line per paragraph.
* **prose** — anything without speaker labels, such as a news article: the
  narration is a turn of unknown speaker, and every quotation in “…” is a turn
  of its own, attributed where the prose says who said it (``said X``,
  ``dijo X``).

Every turn keeps offsets into the decoded input: ``doc.text[t.start:t.end] == t.text``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .errors import DecodeError, EmptyTranscriptError, InputTooLargeError
from .sentences import paragraph_spans
from .speakers import (
    PRESIDENT,
    PRESS,
    STAGE,
    UNKNOWN_SPEAKER,
    Speaker,
    SpeakerRegistry,
    clean_label,
    is_press_label,
    label_key,
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
        label: the label as printed (white space cleaned), "" when there is none.
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


# ---------------------------------------------------------------- decoding


def decode(data: str | bytes, max_bytes: int | None = None) -> str:
    """Decode input bytes (UTF-8 with or without BOM, else cp1252) and check its size."""
    limit = _size_limit(max_bytes)
    if isinstance(data, str):
        size = len(data.encode("utf-8", "surrogatepass"))
        text = data
    elif isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        size = len(raw)
        if size <= limit:
            text = _decode_bytes(raw)
    else:
        raise TypeError(f"a transcript is str or bytes, not {type(data).__name__}")
    if size > limit:
        raise InputTooLargeError(
            f"the input is {size:,} bytes, over the limit of {limit:,} bytes; split it, or raise "
            "the limit with max_bytes=… (or $SUMMARIZER_MAX_INPUT_BYTES)"
        )
    if not text.strip(" \t\r\n\u00a0\u200b\ufeff"):
        raise EmptyTranscriptError("the transcript is empty: paste or load the text of a transcript")
    return text


def _size_limit(max_bytes: int | None) -> int:
    if max_bytes is not None:
        return max_bytes
    env = os.environ.get("SUMMARIZER_MAX_INPUT_BYTES")
    return int(env) if env and env.isdigit() else DEFAULT_MAX_BYTES


def _decode_bytes(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if raw.count(b"\x00") > len(raw) // 10:
        raise DecodeError("the input looks binary (many NUL bytes), not text: give a .txt transcript")
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"the input is neither UTF-8 nor Windows-1252 text (byte {raw[exc.start]:#04x} at "
            f"offset {exc.start}): save it as UTF-8 and try again"
        ) from None


# ---------------------------------------------------------------- labels

_LOWER = re.compile(r"[a-zà-ÿ]")
_UPPER = re.compile(r"[A-ZÀ-ÞÑ]")
# A lower-case note that may stand between a label and its colon.
_PAREN_NOTE = r"\((?i:[^()]{0,60}?(?:interpretaci|enlace|videollamada|v[ií]a remota|traducci)[^()]{0,60})\)"
_COLON_LABEL = re.compile(r"^([^:\n]{1,300}?)(\s*" + _PAREN_NOTE + r")?\s*:(?=[\s\u00a0\u200b]|$)")
_STAGE_PARAGRAPH = re.compile(r"^\((?=[^)]*[A-ZÁÉÍÓÚÑ]{3})[^a-záéíóúñü]+\)\.?$")

# Labels that open a turn even without a colon ("PREGUNTA ¿…?", "INTERLOCUTORA Las medicinas.").
_BARE_LABEL = re.compile(
    r"^(PREGUNTA|INTERLOCUTORA?|INTERVENCI[ÓO]N(?: MUJER| HOMBRE)?|VOZ (?:DE )?(?:MUJER|HOMBRE)|"
    r"PRESIDENTE ANDR[ÉE]S MANUEL L[ÓO]PEZ OBRADOR|PRESIDENTA DE M[ÉE]XICO,? CLAUDIA SHEINBAUM PARDO)"
    r"[.;]?[ \u00a0]+(?=[¿¡(\"“…]|[A-ZÁÉÍÓÚÑ]?[a-záéíóúñ])"
)


def _colon_label(paragraph: str) -> tuple[str, int] | None:
    """``(label, text offset)`` when a paragraph opens with ``LABEL:``, else None."""
    match = _COLON_LABEL.match(paragraph)
    if not match:
        return None
    label = match.group(1)
    if _LOWER.search(label) or len(_UPPER.findall(label)) < 2:
        return None
    if label.lstrip().startswith(("—", "-", "–", "•", "*", "“", '"')):
        return None
    rest = match.end()
    while rest < len(paragraph) and paragraph[rest] in " \t\u00a0\u200b":
        rest += 1
    full = label + (match.group(2) or "")
    return clean_label(full), rest


def _bare_label(paragraph: str) -> tuple[str, int] | None:
    match = _BARE_LABEL.match(paragraph)
    if not match:
        return None
    return clean_label(match.group(1)), match.end()


def _stage_paragraph(paragraph: str) -> bool:
    return bool(_STAGE_PARAGRAPH.match(paragraph.strip()))


def _continuation(paragraph: str, label: str) -> tuple[str, int] | None:
    """A label split over two lines: the text opens with more of the label."""
    if label.startswith("(") or is_press_label(label):
        return None
    found = _colon_label(paragraph)
    if not found:
        return None
    extra, offset = found
    if len(extra) > 120 or extra.startswith("("):
        return None
    return extra, offset


# ---------------------------------------------------------------- raw turns


@dataclass
class _RawTurn:
    label: str
    start: int
    end: int
    speaker_label: str  # the label the speaker is resolved from (continuations joined)


def _detect_format(text: str, paragraphs: list[tuple[int, int]]) -> str:
    separators = sum(1 for s, e in paragraphs if text[s:e] == "---")
    if separators >= 1:
        return "native"
    labelled = sum(1 for s, e in paragraphs if _colon_label(text[s:e]) and _speakerish(_colon_label(text[s:e])[0]))
    return "web" if labelled >= 1 else "prose"


def _speakerish(label: str) -> bool:
    """A colon label that names a speaker (for format detection only)."""
    key = label_key(label)
    return len(key) >= 4 and not key.replace(" ", "").isdigit()


def _web_turns(text: str, paragraphs: list[tuple[int, int]]) -> tuple[list[_RawTurn], int]:
    turns: list[_RawTurn] = []
    header_end = None
    for s, e in paragraphs:
        para = text[s:e]
        found = _colon_label(para)
        if found is None and turns:
            found = _bare_label(para)
        if found is None and header_end is None and not _stage_paragraph(para):
            continue  # header: title, byline, date, motto, a news site's intro
        if found is not None:
            label, offset = found
            if not turns and not _speakerish(label):
                continue
            speaker_label = label
            cont = _continuation(para[offset:], label)
            if cont:
                speaker_label = f"{label}, {cont[0]}"
                offset += cont[1]
            turns.append(_RawTurn(label, s + offset, e, speaker_label))
        elif _stage_paragraph(para):
            label = clean_label(para)
            turns.append(_RawTurn(label, e, e, label))
        else:
            turns[-1].end = e
            if turns[-1].start == turns[-1].end:  # text after a stage paragraph
                turns[-1].start = s
            continue
        if header_end is None:
            header_end = s
    return turns, header_end if header_end is not None else 0


def _native_turns(text: str, paragraphs: list[tuple[int, int]]) -> tuple[list[_RawTurn], int]:
    turns: list[_RawTurn] = []
    header_end = None
    expect_label = False
    for s, e in paragraphs:
        para = text[s:e]
        if para == "---":
            expect_label = True
            if header_end is None:
                header_end = s
            continue
        if expect_label:
            expect_label = False
            label = clean_label(para)
            turns.append(_RawTurn(label, e, e, label))
            continue
        if not turns:
            continue  # header lines before the first block
        current = turns[-1]
        if current.start == current.end:
            cont = _continuation(para, current.label)
            if cont:
                current.speaker_label = f"{current.label}, {cont[0]}"
                current.start, current.end = s + cont[1], e
                continue
        found = _colon_label(para) or _bare_label(para)
        if found is not None and (found[1] < len(para)):
            label, offset = found
            if _LOWER.search(label) or _bare_label(para):
                # A speaker change the dataset missed: a lower-case note before
                # the colon, or a known label without a colon.
                turns.append(_RawTurn(clean_label(re.sub(r"\s*\(.*\)$", "", label)), s + offset, e, label))
                continue
        if current.start == current.end:
            current.start = s
        current.end = e
    return turns, header_end if header_end is not None else 0


# ---------------------------------------------------------------- prose

_SAID_EN = r"(?:said|says|explained|added|affirmed|acknowledged|asserted|stressed|noted|insisted|warned|declared|told reporters|stated|remarked|replied|answered|highlighted)"
_SAID_ES = r"(?:dijo|afirmó|aseguró|explicó|añadió|agregó|sostuvo|señaló|declaró|reconoció|subrayó|advirtió|insistió|respondió|expresó|indicó|puntualizó|enfatizó)"
_NAME = r"((?:[A-ZÁÉÍÓÚÑ][\w’'\-]+|de|del|la|y)(?:\s+(?:[A-ZÁÉÍÓÚÑ][\w’'\-]+|de|del|la|y)){0,5})"
_AFTER_RE = re.compile(
    r"^\s*[,.]?\s*(?:" + _SAID_EN + r"|" + _SAID_ES + r")\s+(?:the\s+|el\s+|la\s+)?(?:[a-z]+\s+){0,3}?" + _NAME
)
_AFTER_NAME_FIRST = re.compile(r"^\s*[,.]?\s*" + _NAME + r"\s+(?:" + _SAID_EN + r"|" + _SAID_ES + r")\b")
_PRONOUN_RE = re.compile(r"^\s*[,.]?\s*(?:(?:he|she)\s+" + _SAID_EN + r"|" + _SAID_ES + r"\b)")
_QUOTE_RE = re.compile(r"“[^”\n]{2,}”|\"[^\"\n]{2,}\"|«[^»\n]{2,}»")


def _prose_turns(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, str | None]]:
    """``(start, end, speaker name or None)`` for narration and quotations."""
    pieces: list[tuple[int, int, str | None]] = []
    last_named: str | None = None
    for s, e in paragraphs:
        cursor = s
        for match in _QUOTE_RE.finditer(text, s, e):
            qs, qe = match.span()
            if qs > cursor and text[cursor:qs].strip():
                pieces.append(_trimmed(text, cursor, qs, None))
            after = text[qe:min(e, qe + 120)]
            name = None
            for pattern in (_AFTER_RE, _AFTER_NAME_FIRST):
                m = pattern.match(after)
                if m and m.group(1)[:1].isupper():
                    name = m.group(1)
                    break
            if name is None and last_named and _PRONOUN_RE.match(after):
                name = last_named
            if name is None:
                before = text[max(s, qs - 120):qs]
                m = re.search(_NAME + r"\s+(?:" + _SAID_EN + r"|" + _SAID_ES + r")\s*[:,]?\s*$", before)
                if m and m.group(1)[:1].isupper():
                    name = m.group(1)
            if name:
                name = re.sub(r"\s+(?:in|en|at|on|this|during|durante)$", "", name)
                last_named = name
            pieces.append((qs + 1, qe - 1, name))
            cursor = qe
        if cursor < e and text[cursor:e].strip():
            pieces.append(_trimmed(text, cursor, e, None))
    return [p for p in pieces if p[1] > p[0]]


def _trimmed(text: str, start: int, end: int, name: str | None) -> tuple[int, int, str | None]:
    while start < end and text[start] in " \t,.;:\u00a0":
        start += 1
    while end > start and text[end - 1] in " \t\u00a0":
        end -= 1
    return start, end, name


def _prose_speaker(name: str) -> Speaker:
    from .speakers import OFFICIAL, make_speaker

    key = label_key(name)
    if "LOPEZ OBRADOR" in key:
        base = make_speaker("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR")
    elif "SHEINBAUM" in key:
        base = make_speaker("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO")
    else:
        return Speaker(name, name, None, None, name, False, OFFICIAL, (name,))
    return Speaker(name, base.name, base.role, base.role_es, base.display, False, PRESIDENT, (name,))


# ---------------------------------------------------------------- header

_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_DATE_ES = re.compile(r"\b(\d{1,2})\s+de\s+([a-zA-Z]+)(?:\s+de|\s+del|,)?\s+(\d{4})\b", re.I)
_DATE_EN = re.compile(r"\b([A-Z][a-z]+)\s+(\d{1,2}),?\s+(\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def find_date(text: str) -> str | None:
    """The first date written in ``text``, as ISO ``YYYY-MM-DD``."""
    candidates = []
    for m in _DATE_ES.finditer(text):
        month = _MONTHS.get(m.group(2).lower())
        if month:
            candidates.append((m.start(), f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(1)):02d}"))
    for m in _DATE_EN.finditer(text):
        month = _MONTHS.get(m.group(1).lower())
        if month:
            candidates.append((m.start(), f"{int(m.group(3)):04d}-{month:02d}-{int(m.group(2)):02d}"))
    for m in _DATE_ISO.finditer(text):
        candidates.append((m.start(), m.group(0)))
    return min(candidates)[1] if candidates else None


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
    fmt = _detect_format(text, paragraphs)
    warnings: list[str] = []

    if fmt == "prose":
        header_end = 0
        head = text[: paragraphs[0][1]] if paragraphs else ""
        date = find_date(text[:2000])
        turns = _build_prose_turns(text, paragraphs)
        title = head.strip() if len(head) < 300 else None
    else:
        raw, header_end = (_native_turns if fmt == "native" else _web_turns)(text, paragraphs)
        head = text[:header_end]
        date = find_date(head)
        title_line = next((text[s:e] for s, e in paragraphs if s < header_end), None)
        title = title_line if title_line and title_line != "---" else None
        turns = _build_labelled_turns(text, raw, date)
        if not turns:
            warnings.append("no speaker turn has any text")
    speakers = _unique_speakers(turns)
    language = detect_language(" ".join(t.text for t in turns[:60])[:6000] or text[:6000])
    doc = Transcript(text, tuple(turns), speakers, (), language, fmt, title, date, header_end, tuple(warnings))
    return Transcript(
        doc.text, doc.turns, doc.speakers, tuple(build_exchanges(doc)), doc.language, doc.format,
        doc.title, doc.date, doc.header_end, doc.warnings,
    )


def _build_labelled_turns(text: str, raw: list[_RawTurn], date: str | None) -> list[Turn]:
    registry = SpeakerRegistry(date)
    kept = [r for r in raw if r.end > r.start and text[r.start:r.end].strip()]
    keys = [registry.add(r.speaker_label) for r in kept]
    people = registry.speakers()
    turns: list[Turn] = []
    seen_texts: set[str] = set()
    clip = False
    conference_keys: set[str] = set()
    for raw_turn, key in zip(kept, keys):
        speaker = people[key]
        label_up = label_key(raw_turn.label)
        if speaker.kind == STAGE:
            if re.search(r"\b(INICIA|PROYECCION|VIDEO|AUDIO|PIEZA|CLIP)\b", label_up) and not re.search(r"\b(FINALIZA|TERMINA|CONCLUYE|FIN)\b", label_up):
                clip = True
            elif re.search(r"\b(FINALIZA|TERMINA|CONCLUYE|FIN)\b", label_up):
                clip = False
        elif clip and key in conference_keys:
            clip = False  # someone from the conference speaks again: the clip is over
        if not clip and speaker.kind != STAGE:
            conference_keys.add(key)
        body = text[raw_turn.start:raw_turn.end]
        norm = re.sub(r"\s+", " ", body).strip()
        repeated = len(norm) > 200 and norm in seen_texts
        seen_texts.add(norm)
        turns.append(Turn(
            len(turns), speaker, body, raw_turn.start, raw_turn.end, raw_turn.label,
            in_clip=clip or speaker.kind == STAGE, repeated=repeated,
        ))
    return turns


def _build_prose_turns(text: str, paragraphs: list[tuple[int, int]]) -> list[Turn]:
    turns = []
    for start, end, name in _prose_turns(text, paragraphs):
        speaker = _prose_speaker(name) if name else UNKNOWN_SPEAKER
        turns.append(Turn(len(turns), speaker, text[start:end], start, end, ""))
    return turns


def _unique_speakers(turns: list[Turn]) -> tuple[Speaker, ...]:
    seen: dict[tuple, Speaker] = {}
    for turn in turns:
        key = (turn.speaker.label, turn.speaker.kind, turn.speaker.display)
        seen.setdefault(key, turn.speaker)
    return tuple(seen.values())


def speaker_of(doc: Transcript, offset: int) -> Speaker | None:
    """The speaker of the turn holding ``offset``, or None outside every turn."""
    for turn in doc.turns:
        if turn.start <= offset < turn.end:
            return turn.speaker
    return None


__all__ = ["Turn", "Exchange", "Transcript", "parse_transcript", "decode", "speaker_of", "PRESS"]
