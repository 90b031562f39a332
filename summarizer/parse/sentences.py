"""Sentence and paragraph spans: pure functions over offsets, shared by every stage.

Spans are ``(start, end)`` character offsets into the text they were found in,
so ``text[start:end]`` is always the sentence, verbatim.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_ABBREVIATIONS = {
    "sr", "sra", "srta", "dr", "dra", "lic", "ing", "arq", "mtro", "mtra", "prof", "profa", "gral",
    "gob", "sec", "núm", "num", "no", "art", "etc", "ee", "uu", "ud", "uds", "vs", "pág", "p", "a",
    "m", "s", "c", "v", "mr", "mrs", "ms", "st", "jr", "e", "u", "cd", "av", "col", "ej", "aprox",
    "tel", "mx", "dept", "fig", "vol", "cap", "op", "cit", "ibid", "lda", "ldo",
}

# Abbreviations only before a number ("No. 3", "Núm. 12", "Art. 4"); elsewhere "No." is a sentence.
_NUMBER_ABBREVIATIONS = {"no", "núm", "num", "art"}

# A sentence ends at . ? ! … (with closing quotes or brackets), before white space.
_END_RE = re.compile(r"(?:[.?!…]+|\.\.\.)[\"”’»)\]]*(?=\s|$)")
_OPENERS = "¿¡\"“‘«(—-–"


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Non-blank lines of ``text[start:end]``, stripped of surrounding white space."""
    end = len(text) if end is None else end
    spans = []
    for match in re.finditer(r"[^\r\n]+", text[start:end]):
        s, e = match.span()
        line = match.group()
        left = len(line) - len(line.lstrip(_SPACE))
        right = len(line.rstrip(_SPACE))
        if right > left:
            spans.append((start + s + left, start + s + right))
    return spans


_SPACE = " \t\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000\u2002\u2003\u2009"


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]``, never crossing a line break."""
    spans: list[Span] = []
    for p_start, p_end in paragraph_spans(text, start, end):
        spans.extend(_split_paragraph(text, p_start, p_end))
    return spans


def _split_paragraph(text: str, start: int, end: int) -> list[Span]:
    spans = []
    s = start
    for match in _END_RE.finditer(text, start, end):
        cut = match.end()
        if not _is_boundary(text, match.start(), cut, end):
            continue
        if cut > s:
            spans.append((s, cut))
        s = cut
        while s < end and text[s] in _SPACE:
            s += 1
    if s < end:
        spans.append((s, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _is_boundary(text: str, punct: int, cut: int, end: int) -> bool:
    if cut >= end:
        return True
    mark = text[punct]
    nxt = cut
    while nxt < end and text[nxt] in _SPACE:
        nxt += 1
    if nxt >= end:
        return True
    follower = text[nxt]
    if mark == ".":
        word = re.search(r"([\wÁÉÍÓÚÑáéíóúñü]+)$", text[max(0, punct - 12):punct])
        if word:
            w = word.group(1)
            if w.lower() in _NUMBER_ABBREVIATIONS:
                return not follower.isdigit()  # "el No. 3", but "¿Hay acuerdo? No. Vamos a esperar."
            if w.lower() in _ABBREVIATIONS and (len(w) <= 2 or not follower.isupper() or w.lower() in {"sr", "sra", "dr", "dra", "lic", "ing", "mtro", "mtra", "gral", "prof"}):
                return False
            if w.isdigit() and follower.isdigit():
                return False
        # "Ahí va." followed by lower case is still one sentence only when the
        # next word is clearly a continuation (lower case, not a number).
        return not follower.islower()
    # ? and ! end a sentence unless the next word is lower case ("¿verdad?, dijo").
    if mark in "?!…":
        return not follower.islower() or follower in _OPENERS
    return True
