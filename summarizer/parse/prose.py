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

from ..document import Speaker
from .labels import OFFICIAL, SHEINBAUM_TAKES_OFFICE
from .names import key_of
from .speakers import NARRATOR, UNKNOWN_SPEAKER, make_speaker

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
# "X said:", "X dijo que", "X said on Monday:" right before the quotation.
_LEAD_IN = r"(?:\s+(?:that|que)|(?:\s+[\w’']+){0,4}\s*:)?\s*,?\s*$"
_BEFORE = re.compile(rf"{_NAME}\s+{_SAID}{_LEAD_IN}")
_BEFORE_PRESIDENT = re.compile(rf"{_PRESIDENT_WORDS}\s+{_SAID}{_LEAD_IN}", re.I)
_OPENING = re.compile(r"[“«\"]")
_CLOSING = {"“": "”", "«": "»", '"': '"'}
_LONGEST_QUOTE = 5000  # characters: bounds the search for a closing mark (linear time on any input)
_TRAILING_NAME_WORDS = re.compile(r"\s+(?:in|en|at|on|this|during|durante|to|a|ante)$")


def prose_pieces(text: str, paragraphs: list[tuple[int, int]],
                 date: str | None) -> list[tuple[int, int, Speaker, str]]:
    """``(start, end, speaker, attribution)`` for the narration and the quotations of prose, in
    order. A quotation the prose attributes by name or role ("said López Obrador", "dijo la
    presidenta") is ``prose``; one attributed by a pronoun ("he added"), or to no one, is
    ``inferred`` (see `document.ATTRIBUTIONS`); the narration is the writer's (``label``)."""
    quotes: list[tuple[int, int, int, int, Speaker, str]] = []  # outer span, inner span, speaker, attribution
    last_named: Speaker | None = None
    people: list[Speaker] = []  # everyone named so far: "Marcelo Ebrard", later "Ebrard"
    head_of_state = _president_named(text, date)
    for s, e in paragraphs:
        first = s + len(text[s:e]) - len(text[s:e].lstrip())  # the paragraph's first visible character
        for qs, qe in _quotations(text, s, e):
            after = text[qe:min(e, qe + 160)]
            before = text[max(s, qs - 160):qs]
            found, how = _attribution(after, before, last_named, head_of_state)
            speaker = _same_as_before(found, people)
            opens = qs <= first or before.rstrip().endswith(":")
            if speaker is None and not (opens and len(text[qs:qe].split()) >= 4):
                continue  # a few quoted words inside a sentence: narration
            if speaker is not None:
                last_named = speaker
            start, end = qs + 1, qe - 1
            while end > start and text[end - 1] in " ,;\u00a0":
                end -= 1
            while start < end and text[start] in " \u00a0":
                start += 1
            if end > start:
                quotes.append((qs, qe, start, end, speaker or UNKNOWN_SPEAKER, how if speaker else "inferred"))
    # Text with no quotation at all is one unknown speaker's: who, nothing says.
    narrator, narration = (NARRATOR, "label") if quotes else (UNKNOWN_SPEAKER, "inferred")
    pieces: list[tuple[int, int, Speaker, str]] = [(q[2], q[3], q[4], q[5]) for q in quotes]
    at = 0  # quotes are in text order: each paragraph takes the next ones
    for s, e in paragraphs:
        cursor = s
        while at < len(quotes) and quotes[at][0] < s:
            at += 1
        inside = []
        while at < len(quotes) and quotes[at][0] < e:
            inside.append(quotes[at])
            at += 1
        for qs, qe, *_ in inside + [(e, e)]:
            lo, hi = _trim(text, cursor, qs)
            if hi > lo:
                pieces.append((lo, hi, narrator, narration))
            cursor = qe
    return sorted(pieces, key=lambda piece: piece[0])


def _quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of “…”, «…» and "…" in ``text[start:end]``, marks included, left to right.

    An inner opening mark stays inside (“All this … and “This led …,” he said).
    """
    spans = []
    pos = start
    while True:
        match = _OPENING.search(text, pos, end)
        if not match:
            return spans
        opening = match.start()
        closing = text.find(_CLOSING[text[opening]], opening + 1, min(end, opening + _LONGEST_QUOTE))
        if closing - opening < 3:  # none, or an empty pair
            pos = opening + 1
            continue
        spans.append((opening, closing + 1))
        pos = closing + 1


def _same_as_before(speaker: Speaker | None, people: list[Speaker]) -> Speaker | None:
    """The speaker named earlier when a name is a shorter form of theirs ("Ebrard" after "Marcelo Ebrard")."""
    if speaker is None:
        return None
    words = key_of(speaker.label).split()
    for person in people:
        known = key_of(person.label).split()
        if person.display == speaker.display or (words and all(w in known for w in words)):
            return person
    people.append(speaker)
    return speaker


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",.;:”\"»"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "“\"«"):
        end -= 1
    if not re.search(r"\w", text[start:end]):
        return start, start
    return start, end


def _attribution(after: str, before: str, last_named: Speaker | None,
                 head_of_state: Speaker | None) -> tuple[Speaker | None, str]:
    """Who the prose says spoke a quotation (None when it does not say), and how: "prose"
    when it names them or their office beside it, "inferred" for a pronoun."""
    if head_of_state is not None and any(p.match(after) for p in (_AFTER_PRESIDENT, _AFTER_PRESIDENT_FIRST)):
        return head_of_state, "prose"
    for pattern in (_AFTER, _AFTER_NAME_FIRST):
        match = pattern.match(after)
        if match:
            return named(match.group(1)), "prose"
    if last_named is not None and _AFTER_PRONOUN.match(after):
        return last_named, "inferred"
    if head_of_state is not None and _BEFORE_PRESIDENT.search(before):
        return head_of_state, "prose"
    match = _BEFORE.search(before)
    if match:
        return named(match.group(1)), "prose"
    return None, "inferred"


def _president_named(text: str, date: str | None) -> Speaker | None:
    """The president "the president" refers to: the one the prose names, by the date when it names both.

    None when the prose names neither (the president of which country, and when?)."""
    amlo = bool(re.search(r"L[óo]pez\s+Obrador|\bAMLO\b", text, re.I))
    csp = bool(re.search(r"Sheinbaum", text, re.I))
    if amlo and csp:
        if not date:
            return None
        amlo = date < SHEINBAUM_TAKES_OFFICE
    if amlo:
        return make_speaker("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", date)
    if csp:
        return make_speaker("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO", SHEINBAUM_TAKES_OFFICE)
    return None


# Words that title a person but are not their name ("President Joe Biden", "el secretario").
_TITLE_WORDS = frozenset("""president presidente presidenta secretary secretario secretaria minister ministro
ministra governor gobernador gobernadora senator senador senadora mayor alcalde alcaldesa mr mrs ms dr don doña
us u.s. mexican mexico méxico the el la los las he she it they we i general admiral canciller chancellor""".split())


def named(name: str) -> Speaker | None:
    """The speaker a name in prose refers to: the presidents by surname, anyone else as written.

    A president named is attributed as the person (display "López Obrador"), whatever
    their office on the day; prose rarely quotes a president from before their term."""
    words = _TRAILING_NAME_WORDS.sub("", name.strip()).split()
    while words and words[0].lower() in _TITLE_WORDS:
        words = words[1:]
    if not words or words[0].lower() in {"de", "del", "y"}:
        return None  # "said the Secretary of …": a title, not a name
    name = " ".join(words)
    key = key_of(name)
    if "LOPEZ OBRADOR" in key or key in {"AMLO", "OBRADOR"}:
        base = make_speaker("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "2024-09-30")
    elif "SHEINBAUM" in key:
        base = make_speaker("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO", SHEINBAUM_TAKES_OFFICE)
    else:
        return Speaker(name, name, None, None, name, False, OFFICIAL, (name,))
    return Speaker(name, base.name, base.role, base.role_es, base.display, False, base.kind, (name,))
