"""Speaker-labelled formats: where turns start and end in the text.

* **web** — the gob.mx page as copied: a paragraph opening with ``LABEL:`` opens
  a turn, the paragraphs after it continue that turn; a stage direction in
  capitals, ``(INICIA VIDEO)``, stands alone. Copies from news sites add an
  intro, a byline (``Presidencia de la República | 28 de diciembre de 2023``)
  and a year motto before the first turn, captions between paragraphs, and
  may use single line breaks.
* **native** — the public dataset's files: title, author and date lines, then
  blocks opened by ``---``, each a label line and one line per paragraph.

Segmentation follows the dataset's own rule (an all-caps ``X:`` opens a turn,
so the gold's pseudo-turns such as ``PT: …`` come out the same; `speakers`
classifies them as non-speakers) with three deliberate differences, where the
dataset loses a speaker change: a label with a lower-case note before its colon
(``… (enlace videollamada):``), a known label without a colon (``PREGUNTA ¿…?``),
and a label split over two lines (``JORGE ALCOCER VARELA`` + ``SECRETARIO DE
SALUD: …``), whose second half is label, not speech.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .labels import (
    MAX_LABEL_CHARS,
    OFFICIAL,
    OTHER,
    PRESIDENT,
    PRESS,
    STAGE,
    classify_label,
    clean_label,
    is_note,
    is_press_label,
    looks_like_name,
    starts_with_role,
)
from .names import key_of

_LOWER = re.compile(r"[a-zß-öø-ÿ]")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_GAP = r"[ \t\u00a0\u200b\u200c\u200d\u2060\ufeff]"
# "LABEL (note): text" — the colon not followed by a digit (9:30) or a slash (http://).
_COLON_LABEL = re.compile(rf"([^:\n]{{1,{MAX_LABEL_CHARS}}}?){_GAP}*(\([^()\n]{{1,160}}\))?{_GAP}*:(?![\d/])")
_STAGE_PARAGRAPH = re.compile(r"^\((?=[^)]*[A-ZÁÉÍÓÚÑ]{3})[^a-zß-öø-ÿ]+\)\.?$")
# Labels that open a turn even without a colon ("PREGUNTA ¿…?", "INTERLOCUTORA Las medicinas.").
_BARE_LABEL = re.compile(
    r"^(PREGUNTA|INTERLOCUTORA?|INTERVENCI[ÓO]N(?: MUJER| HOMBRE)?|VOZ (?:DE )?(?:MUJER|HOMBRE)|"
    r"PRESIDENTE ANDR[ÉE]S MANUEL L[ÓO]PEZ OBRADOR|PRESIDENTA DE M[ÉE]XICO,? CLAUDIA SHEINBAUM PARDO|Q)"
    r"[.;]?[ \t\u00a0]+(?=[¿¡(\"“…]|[A-ZÁÉÍÓÚÑ]?[a-záéíóúñ])"  # "Q    Thanks, Karine.": the White House's
)
# The White House's last line: "END    2:35 P.M. EDT".
_END_LINE = re.compile(r"^END\s+\d{1,2}:\d{2}\s*[AP]\.?\s?M\.?(?:\s+[A-Z]{2,4})?$")
_END_MARK = re.compile(r"^[—―–-]+ *[0oO]{3,} *[—―–-]+$")
_CAPTION = re.compile(
    r"^(?:\(?(?:Foto(?:grafía)?s?|FOTO(?:GRAFÍA)?S?|Imagen|IMAGEN|Crédito|CRÉDITO|Video|VIDEO)\s*:)|"
    r"\((?:Foto|FOTO|Imagen|IMAGEN|Crédito|Captura)[^()]*\)\s*$|©|\bGetty Images\b|\bAP Photo\b"
)
_HEADER_DATE = re.compile(r"\b\d{1,2}º?\s+de\s+[a-zA-Z]+(?:\s+de|\s+del|,)?\s+\d{4}\b")
_NEWS_WORDS = re.compile(r"\b(FOTO|FOTOS|FOTOGRAF\w*|IMAGEN\w*|CREDITOS?|CORTESIA|CAPTURA|EN VIVO|ULTIMA HORA)\b")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


@dataclass
class RawTurn:
    """A turn before its speaker is resolved: a label and a span of text."""

    label: str  # as printed, white space cleaned; a two-line label joined
    start: int
    end: int
    stage: bool = False  # opened by a stage direction: (INICIA VIDEO)


@dataclass
class Layout:
    turns: list[RawTurn]
    header_end: int  # where the first turn's label starts
    unlabelled: int = 0  # native blocks whose label line was too long to be one: read as speech
    shortest: int = 0  # the shortest such line, in characters


@functools.lru_cache(maxsize=4096)
def colon_label(paragraph: str) -> tuple[str, int] | None:
    """``(label, offset of the text)`` when a paragraph opens with ``LABEL:``, else None."""
    match = _COLON_LABEL.match(paragraph)
    if not match:
        return None
    label = match.group(1).translate(dict.fromkeys(map(ord, _INVISIBLE)))
    if _LOWER.search(label) or (len(_UPPER.findall(label)) < 2 and label.strip() != "Q"):
        return None
    if label.lstrip().startswith(("—", "-", "–", "•", "*", "“", '"', "«", "¿", "¡")):
        return None
    rest = match.end()
    while rest < len(paragraph) and (paragraph[rest].isspace() or paragraph[rest] in _INVISIBLE):
        rest += 1
    return clean_label(label + " " + (match.group(2) or "")), rest


def bare_label(paragraph: str) -> tuple[str, int] | None:
    """A known speaker label written without its colon: ``PREGUNTA ¿…?``."""
    match = _BARE_LABEL.match(paragraph)
    return (clean_label(match.group(1)), match.end()) if match else None


def is_stage_paragraph(paragraph: str) -> bool:
    return bool(_STAGE_PARAGRAPH.match(paragraph.strip()))


def is_end_mark(paragraph: str) -> bool:
    return bool(_END_MARK.match(paragraph.strip()))


def is_end_line(paragraph: str) -> bool:
    """The White House's "END    2:35 P.M. EDT": in no turn."""
    return bool(_END_LINE.match(paragraph.strip()))


def _starts_transcript(label: str) -> bool:
    """Whether a label may open the transcript (news intros and captions may not)."""
    if _NEWS_WORDS.search(key_of(label)):
        return False
    return classify_label(label).kind != OTHER


def _join_labels(first: str, second: str) -> str | None:
    """One label from a label split over two lines, or None when ``second`` is speech.

    ``JORGE ALCOCER VARELA`` + ``SECRETARIO DE SALUD``; ``HUGO LÓPEZ-GATELL
    RAMÍREZ`` + ``RAMÍREZ``; ``SUBDIRECTORA DE …`` + ``DIANA AURORA CORREA
    CAMPOS``; ``…, EDNA ELENA VEGA RANGEL`` + ``(ENLACE VIDEOLLAMADA)``.
    """
    if first.startswith("(") or is_press_label(first) or len(second) > 160:
        return None
    info = classify_label(first)
    if info.kind not in (OFFICIAL, OTHER):
        return None
    if second.startswith("("):
        return f"{first} {second}" if is_note(second.strip("()")) else None
    words, extra = first.split(), second.split()
    if key_of(extra[0]) == key_of(words[-1]):
        extra = extra[1:]
        if not extra:
            return first
    extra_text = " ".join(extra)
    if re.search(r"\bPREGUNTA$", first):  # a press label glued to the first line
        first = first[: -len("PREGUNTA")].rstrip()
        return clean_label(f"{first} {extra_text}")
    joined = None
    if classify_label(f"{first} {extra_text}").kind == PRESIDENT:
        return f"{first} {extra_text}"  # "PRESIDENTE ANDRÉS MANUEL LÓPEZ" + "OBRADOR"
    if info.name and not info.title and starts_with_role(key_of(extra_text)):
        joined = f"{first}, {extra_text}"  # NAME + TITLE
    elif info.name is None and info.title and looks_like_name(extra_text):
        joined = f"{first}, {extra_text}"  # TITLE + NAME
    elif info.name and not info.title and looks_like_name(extra_text, part=True) and len(extra) <= 2:
        joined = f"{first} {extra_text}"  # a name broken in two
    elif info.name is None and info.title and "," in extra_text:
        joined = f"{first} {extra_text}"  # a title broken in two, then the name
    if joined and classify_label(joined).kind in (OFFICIAL, PRESIDENT):
        return joined
    return None


def _known_speaker(label: str) -> bool:
    """A label that is always a speaker (press, president): a speaker change wherever it opens a line."""
    return classify_label(label).kind in (PRESS, PRESIDENT)


# ---------------------------------------------------------------- format detection


def detect_format(text: str, paragraphs: list[tuple[int, int]]) -> str:
    """``native``, ``web`` or ``prose``."""
    blocks = labels = 0
    for i, (s, e) in enumerate(paragraphs):
        para = text[s:e]
        if para == "---":
            if i + 1 < len(paragraphs):
                nxt = text[paragraphs[i + 1][0]:paragraphs[i + 1][1]]
                if nxt != "---" and not _LOWER.search(nxt.split("(")[0]):
                    blocks += 1
            continue
        found = colon_label(para)
        if found and classify_label(found[0]).kind != OTHER:
            labels += 1
    if blocks and blocks >= labels / 4:
        return "native"
    return "web" if labels else "prose"


# ---------------------------------------------------------------- web


def web_layout(text: str, paragraphs: list[tuple[int, int]], skip: frozenset[int] = frozenset()) -> Layout:
    """Turns of the gob.mx page as copied; what precedes the first label is header. ``skip``:
    where a site's furniture starts, in no turn (a turn it interrupts goes on after it)."""
    turns: list[RawTurn] = []
    header_end: int | None = None
    ended = False  # after the end mark (—000—): a news site's footer until a label comes
    broken = False  # a caption interrupted the current turn
    dated = False  # the header's date line has been read
    for i, (s, e) in enumerate(paragraphs):
        if s in skip or is_end_line(text[s:e]):
            broken = True
            continue
        para = text[s:e]
        found = colon_label(para)
        first_half = _first_half(text, paragraphs, i) if found else None
        if first_half:
            found = (_join_labels(first_half, found[0]) or found[0], found[1])
        if header_end is None:
            if found and _starts_transcript(found[0]):
                header_end = paragraphs[i - 1][0] if first_half else s
            elif is_stage_paragraph(para) and dated and not _NEWS_WORDS.search(key_of(para)):
                header_end = s  # "(HIMNO NACIONAL)" after the date line opens the transcript
            else:
                dated = dated or bool(_HEADER_DATE.search(para))
                continue  # title, byline, date, motto, a news site's intro
        if ended:
            if not found and not is_stage_paragraph(para):
                continue  # unlabelled text after the end mark: a news site's footer
            ended = False  # a label: the transcript goes on (a page printed twice)
        if found is None and turns:
            found = bare_label(para)
        if found is None and _two_line_label(text, paragraphs, i):
            continue  # the first half of a label: read with the next paragraph
        if found is not None:
            label, offset = found
            second = colon_label(para[offset:])
            if second and _join_labels(label, second[0]):
                label, offset = _join_labels(label, second[0]), offset + second[1]  # LABEL: NAME: text
            elif second and _known_speaker(second[0]):
                label, offset = second[0], offset + second[1]  # LABEL: PREGUNTA: text, a missed change
            turns.append(RawTurn(label, s + offset, e))
            broken = False
        elif is_stage_paragraph(para):
            turns.append(RawTurn(clean_label(para.strip().rstrip(".")), e, e, stage=True))
            broken = False
        elif _CAPTION.search(para) and len(para) < 300:
            broken = True  # a news site's caption: in no turn
            continue
        else:
            current = turns[-1]
            if broken:
                turns.append(RawTurn(current.label, s, e, current.stage))
                broken = False
            elif current.start == current.end:
                current.start, current.end = s, e
            else:
                current.end = e
        if is_end_mark(para):
            ended = True
    return Layout(turns, header_end if header_end is not None else 0)


def _two_line_label(text: str, paragraphs: list[tuple[int, int]], i: int) -> bool:
    """An all-caps paragraph without a colon that is the first half of the next paragraph's label."""
    return _first_half(text, paragraphs, i + 1) is not None


def _first_half(text: str, paragraphs: list[tuple[int, int]], i: int) -> str | None:
    if i <= 0 or i >= len(paragraphs):
        return None
    prev = text[paragraphs[i - 1][0]:paragraphs[i - 1][1]]
    if len(prev) > MAX_LABEL_CHARS or ":" in prev or _LOWER.search(prev) or len(_UPPER.findall(prev)) < 4 or prev.startswith("("):
        return None
    found = colon_label(text[paragraphs[i][0]:paragraphs[i][1]])
    if not found:
        return None
    first = clean_label(prev)
    return first if _join_labels(first, found[0]) else None


# ---------------------------------------------------------------- native


def native_layout(text: str, paragraphs: list[tuple[int, int]], skip: frozenset[int] = frozenset()) -> Layout:
    """Turns of the dataset's files: a label line after each ``---``, then its paragraphs
    (those in ``skip`` left out, as in `web_layout`)."""
    turns: list[RawTurn] = []
    header_end: int | None = None
    expect_label = False
    broken = False  # furniture interrupted the current turn
    too_long: list[int] = []  # lengths of label lines too long to be labels
    for s, e in paragraphs:
        if s in skip:
            broken = True
            continue
        para = text[s:e]
        if para == "---":
            expect_label, broken = True, False
            if header_end is None:
                header_end = s
            continue
        if expect_label:
            expect_label = False
            if len(para) > MAX_LABEL_CHARS:  # no label is this long: the block's speech, its speaker unknown
                turns.append(RawTurn("", s, e))
                too_long.append(len(para))
                continue
            label = clean_label(para)
            turns.append(RawTurn(label, e, e, stage=classify_label(label).kind == STAGE))
            continue
        if not turns:
            continue  # header lines before the first block
        current = turns[-1]
        if current.start == current.end:
            second = colon_label(para)
            joined = _join_labels(current.label, second[0]) if second and not current.stage else None
            if joined:
                current.label = joined  # a label split over two lines
                current.start, current.end = s + second[1], e
                continue
        found = colon_label(para) or bare_label(para)
        if found and found[1] < len(para) and (_LOWER.search(found[0]) or bare_label(para) or _known_speaker(found[0])):
            # A speaker change the dataset missed: a lower-case note before the
            # colon, a known label without a colon, a press or president label.
            turns.append(RawTurn(found[0], s + found[1], e))
            broken = False
            continue
        if broken and current.start < current.end:
            turns.append(RawTurn(current.label, s, e, current.stage))
            broken = False
            continue
        if current.start == current.end:
            current.start = s
        current.end = e
    return Layout(turns, header_end if header_end is not None else 0, len(too_long), min(too_long, default=0))
