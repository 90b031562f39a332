"""Prose with no speaker labels, such as a news article about a conference.

A quotation that stands on its own (it opens a paragraph, follows a colon, or
the prose names its speaker: ``“…,” said López Obrador``, ``“…”, dijo la
presidenta``, ``“…,” he added``) becomes a turn of its own, attributed only
where the prose says who said it. Short quotations inside a sentence (scare
quotes, “very good”) stay part of the narration. Narration around quotations
is the writer's, never a speaker's (`NARRATION`); text with no quotations at
all is one unknown speaker's (`UNKNOWN`).
"""

from __future__ import annotations

import re

from .roles import key_of
from .speakers import NARRATOR, OFFICIAL, SHEINBAUM_TAKES_OFFICE, UNKNOWN_SPEAKER, Speaker, make_speaker

_SAID_EN = (r"(?:said|says|explained|added|affirmed|acknowledged|asserted|stressed|noted|insisted|warned|"
            r"declared|told reporters|stated|remarked|replied|answered|highlighted|emphasized|emphasised|"
            r"argued|claimed|continued|concluded|recalled|pointed out|maintained|assured)")
_SAID_ES = (r"(?:dijo|afirmó|aseguró|explicó|añadió|agregó|sostuvo|señaló|declaró|reconoció|subrayó|"
            r"advirtió|insistió|respondió|expresó|indicó|puntualizó|enfatizó|manifestó|comentó|destacó|"
            r"recordó|apuntó|mencionó|refirió|acotó|precisó|planteó|concluyó)")
_SAID = rf"(?:{_SAID_EN}|{_SAID_ES})"
_CAP = r"[A-ZÁÉÍÓÚÑ][\w’'\-]+"
_NAME = rf"((?:{_CAP})(?:\s+(?:{_CAP}|de|del|de la|y)){{0,5}})"
# "the president", "el presidente", "la mandataria": the head of state named by role.
_PRESIDENT_WORDS = (r"(?:the\s+(?:Mexican\s+)?president|the\s+president\s+of\s+Mexico|the\s+(?:Mexican\s+)?"
                    r"(?:leader|head\s+of\s+state)|el\s+(?:presidente|mandatario|jefe\s+del\s+Ejecutivo)|"
                    r"la\s+(?:presidenta|mandataria|jefa\s+del\s+Ejecutivo))")
_AFTER = re.compile(rf"^\s*[,.]?\s*{_SAID}\s+(?:(?:the|el|la)\s+)?(?:[a-záéíóúñ]+\s+){{0,3}}?{_NAME}")
_AFTER_PRESIDENT = re.compile(rf"^\s*[,.]?\s*{_SAID}\s+{_PRESIDENT_WORDS}\b", re.I)
_AFTER_NAME_FIRST = re.compile(rf"^\s*[,.]?\s*{_NAME}\s+{_SAID}\b")
_AFTER_PRESIDENT_FIRST = re.compile(rf"^\s*[,.]?\s*{_PRESIDENT_WORDS}\s+{_SAID}\b", re.I)
_AFTER_PRONOUN = re.compile(rf"^\s*[,.]?\s*(?:(?:he|she)\s+{_SAID_EN}|{_SAID_EN}\s+(?:he|she)\b|{_SAID_ES}\b)")
_BEFORE = re.compile(rf"{_NAME}\s+{_SAID}\s*(?:that\s+|que\s+)?[:,]?\s*$")
_BEFORE_PRESIDENT = re.compile(rf"{_PRESIDENT_WORDS}\s+{_SAID}\s*[:,]?\s*$", re.I)
_QUOTE = re.compile(r"“[^”\n]{2,}”|\"[^\"\n]{2,}\"|«[^»\n]{2,}»")
_TRAILING_NAME_WORDS = re.compile(r"\s+(?:in|en|at|on|this|during|durante|to|a|ante)$")


def prose_pieces(text: str, paragraphs: list[tuple[int, int]], date: str | None) -> list[tuple[int, int, Speaker]]:
    """``(start, end, speaker)`` for the narration and the quotations of prose, in order."""
    quotes: list[tuple[int, int, int, int, Speaker]] = []  # outer span, inner span, speaker
    last_named: Speaker | None = None
    for s, e in paragraphs:
        for match in _QUOTE.finditer(text, s, e):
            qs, qe = match.span()
            after = text[qe:min(e, qe + 160)]
            before = text[max(s, qs - 160):qs]
            speaker = _attribution(after, before, last_named, date)
            opens = not text[s:qs].strip() or before.rstrip().endswith(":")
            if speaker is None and not (opens and len(match.group().split()) >= 4):
                continue  # a few quoted words inside a sentence: narration
            if speaker is not None:
                last_named = speaker
            start, end = qs + 1, qe - 1
            while end > start and text[end - 1] in " ,;\u00a0":
                end -= 1
            while start < end and text[start] in " \u00a0":
                start += 1
            if end > start:
                quotes.append((qs, qe, start, end, speaker or UNKNOWN_SPEAKER))
    narrator = NARRATOR if quotes else UNKNOWN_SPEAKER
    pieces: list[tuple[int, int, Speaker]] = [(q[2], q[3], q[4]) for q in quotes]
    for s, e in paragraphs:
        cursor = s
        for qs, qe, *_ in [q for q in quotes if s <= q[0] < e] + [(e, e)]:
            lo, hi = _trim(text, cursor, qs)
            if hi > lo:
                pieces.append((lo, hi, narrator))
            cursor = qe
    return sorted(pieces, key=lambda piece: piece[0])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",.;:”\"»"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "“\"«"):
        end -= 1
    if not re.search(r"\w", text[start:end]):
        return start, start
    return start, end


def _attribution(after: str, before: str, last_named: Speaker | None, date: str | None) -> Speaker | None:
    """Who the prose says spoke a quotation, or None when it does not say."""
    for pattern in (_AFTER_PRESIDENT, _AFTER_PRESIDENT_FIRST):
        if pattern.match(after):
            return president(date)
    for pattern in (_AFTER, _AFTER_NAME_FIRST):
        match = pattern.match(after)
        if match:
            return named(match.group(1), date)
    if last_named is not None and _AFTER_PRONOUN.match(after):
        return last_named
    if _BEFORE_PRESIDENT.search(before):
        return president(date)
    match = _BEFORE.search(before)
    if match:
        return named(match.group(1), date)
    return None


def president(date: str | None) -> Speaker:
    if date and date >= SHEINBAUM_TAKES_OFFICE:
        return make_speaker("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO", date)
    return make_speaker("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", date)


def named(name: str, date: str | None) -> Speaker:
    """The speaker a name in prose refers to: the presidents by surname, anyone else as written."""
    name = _TRAILING_NAME_WORDS.sub("", name.strip())
    key = key_of(name)
    if "LOPEZ OBRADOR" in key or key in {"AMLO", "OBRADOR"}:
        base = make_speaker("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", date)
    elif "SHEINBAUM" in key:
        base = make_speaker("CLAUDIA SHEINBAUM PARDO", date)
    else:
        return Speaker(name, name, None, None, name, False, OFFICIAL, (name,))
    return Speaker(name, base.name, base.role, base.role_es, base.display, False, base.kind, (name,))
