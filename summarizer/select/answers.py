"""The direct answer to a press question, and how it was answered.

A reporter asks; the reply is what quotable speakers say next, up to the next question.
Its first sentence that says something (`says_something`: not procedure, not a hand-over
such as "Le pido a Rosa Icela que responda", not a question back, not a name called out)
is the direct answer nearly always (on the development set's 59 hand-labelled questions,
53): "No, no aplica porque nosotros estamos arrancando de raíz la corrupción." A bare
"Sí." or "No, no." keeps the sentence after it, its reason. The answer is said by whoever
holds that sentence's turn, not by whom the question went to.

How it answered (`KINDS`), from the answer's own words: a ``refusal`` ("No voy a entrar a
esta parte", "no tiene caso responder"), a ``deferral`` ("Tiene que informarlo la
Fiscalía", "el martes vamos a tener el informe", "Vamos a ver"), ``direct`` otherwise, and
``none`` when nobody quotable replied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Transcript, Turn
from ..parse.sentences import sentence_spans
from .candidates import trim
from .procedure import is_procedure
from .topics import KeySentence

KINDS = ("direct", "deferral", "refusal", "none")
SHORT = 5
"""An answer of fewer words than this ("Sí.", "No, no.") keeps the sentence after it: its reason."""
ASKING_WORDS = 8
"""A press turn with a question mark or at least this many words asks again: the reply ends."""

_YES_NO = re.compile(r"^(?:sí|si|no|claro|nunca|jamás|exacto|correcto|todavía|tampoco|ningun[oa]?|ojalá|también|"
                     r"desde\s+luego|por\s+supuesto|así\s+es|cómo\s+no|nada|nadie|ya)\b", re.IGNORECASE)
_HANDOVER = re.compile(
    r"(?:\b(?:darle|dar|doy|paso|pasamos|cedo)\s+la\s+palabra\b|"
    r"^(?:(?:a\s+ver|bueno|sí|entonces|perdón),?\s+)*(?:(?:le|les)\s+(?:pido|voy\s+a\s+pedir|pedimos|encargo|paso|dejo|cedo)"
    r"\s+(?:a|al|que)\b|(?:que|para\s+que)\s+(?:nos\s+)?(?:responda|conteste|informe|explique|ampl[íi]e)\s+(?:el|la)\s+"
    r"(?:secretari|director|doctor|general|almirante|licenciad|maestr|ingenier|compañer)\w*\b|"
    r"(?:a\s+ver,?\s+)?(?:adelante|ad[ée]ntrate|ad[ée]ntrese),?\s+(?:secretari|director|doctor|general|almirante|"
    r"licenciad|maestr|ingenier|compañer)\w*))", re.IGNORECASE)
_REFUSAL = re.compile(
    r"\b(?:no\s+(?:voy|vamos)\s+a\s+(?:entrar|opinar|hablar|comentar|responder|contestar|polemizar|calificar|"
    r"meterme|decir\s+nada)|no\s+(?:tiene|tendría)\s+(?:caso|sentido)\s+(?:responder|contestar|hablar|opinar)|"
    r"no\s+me\s+corresponde|no\s+(?:quiero|quisiera)\s+(?:opinar|calificar|hablar|entrar|comentar|adelantar)|"
    r"no\s+(?:puedo|podemos|se\s+puede)\s+(?:decir|informar|hablar|dar|adelantar)(?:\s+\w+){0,2}|prefiero\s+no|"
    r"no\s+(?:es|sería)\s+(?:mi\s+papel|prudente|conveniente)|no\s+(?:hablo|opino)\s+de|sin\s+comentarios)",
    re.IGNORECASE)
_DEFERRAL = re.compile(
    r"\b(?:(?:tiene|tendría|tienen)\s+que\s+(?:informarlo|informar|revisarlo|revisarla|revisar|decirlo|verlo|"
    r"responder|aclararlo)|que\s+(?:lo\s+)?inform[ea]n?\b|(?:lo|la|le)\s+va\s+a\s+(?:informar|explicar|dar)|"
    r"(?:se|lo)\s+(?:va|van)\s+a\s+(?:informar|dar\s+a\s+conocer|presentar|revisar|analizar|investigar)|"
    r"vamos\s+a\s+(?:ver|revisar|analizar|informar|dar\s+a\s+conocer|tener\s+(?:el|la|un|una)\s+"
    r"(?:informe|reporte))|(?:se\s+está|estamos)\s+(?:investigando|revisando|analizando)|"
    r"(?:en\s+su\s+momento|cuando\s+esté\s+listo|más\s+adelante)|con\s+gusto\s+(?:se\s+)?(?:los|las|lo)\s+presentamos|"
    r"(?:el|este|el\s+próximo)\s+(?:lunes|martes|miércoles|jueves|viernes)\s+(?:vamos|se\s+va|les)|"
    r"mañana\s+(?:les\s+)?(?:informamos|damos|vamos|se\s+informa)|ya\s+se\s+dijo|se\s+vuelve\s+a\s+poner|"
    r"(?:dará|darán|dará\s+a\s+conocer|informará|informarán)\b)",
    re.IGNORECASE)


@dataclass(frozen=True)
class Answer:
    """How a question was answered: the sentence(s) that answer it, and the `KINDS` of answer."""

    line: KeySentence | None
    kind: str


def reply_turns(doc: Transcript, asking: tuple[int, ...]) -> list[Turn]:
    """The turns quotable speakers say after the press turns ``asking``, up to the next
    press turn that asks (recordings and pages printed twice left out)."""
    reply = []
    for turn in doc.turns[asking[-1] + 1:]:
        if turn.speaker.is_press and not turn.in_clip:
            if "?" in turn.text or len(turn.text.split()) >= ASKING_WORDS:
                break
            continue
        if turn.speaker.quotable and not turn.in_clip and not turn.repeated:
            reply.append(turn)
    return reply


def _sentences(doc: Transcript, turn: Turn) -> list[tuple[int, int]]:
    spans = [trim(doc.text, s, e) for s, e in sentence_spans(doc.text, turn.start, turn.end)]
    return [(s, e) for s, e in spans if e > s]


def says_something(text: str) -> bool:
    """Whether a sentence of a reply can answer: not procedure, not a hand-over ("Le pido a
    Rosa Icela que responda", "Omar, ¿quieres contestar?"), not a question back ("¿Si son 14
    o 15 detenidos?"), not a name called out ("Omar―.")."""
    bare = text.strip(" ―—–-")
    if is_procedure(bare) or _HANDOVER.search(bare) or bare.endswith("?"):
        return False
    if len(bare.split()) >= 3 or _YES_NO.match(bare):
        return True
    return not re.search(r"[―—–]", text)  # "Influenza." answers; "Omar―." calls someone to


def direct_answer(doc: Transcript, asking: tuple[int, ...], exchange: int, segment: int = -1) -> Answer:
    """The answer to the question asked in the press turns ``asking`` (see the module's doc)."""
    for turn in reply_turns(doc, asking):
        spans = [(s, e) for s, e in _sentences(doc, turn) if says_something(doc.text[s:e])]
        if not spans:
            continue
        start, end = spans[0]
        if len(doc.text[start:end].split()) < SHORT and len(spans) > 1:
            end = spans[1][1]  # "Sí." and its reason
        text = doc.text[start:end]
        line = KeySentence(start, end, text, turn.speaker, turn.index, exchange, 0.0, segment, turn.attribution)
        return Answer(line, answer_kind(text))
    return Answer(None, "none")


def answer_kind(text: str) -> str:
    """``refusal``, ``deferral`` or ``direct``, from an answer's own words."""
    if _REFUSAL.search(text):
        return "refusal"
    if _DEFERRAL.search(text):
        return "deferral"
    return "direct"


__all__ = ["Answer", "KINDS", "direct_answer", "answer_kind", "reply_turns", "says_something"]
