"""Exchanges: the opening remarks, then question → answer blocks.

Who opens a new question depends on the era (see the corpus notes):

* López Obrador era: ``PREGUNTA`` opens a reporter's exchange; ``INTERLOCUTOR``
  and ``INTERLOCUTORA`` are that reporter's follow-ups and ``INTERVENCIÓN`` an
  interjection from the floor: neither opens a new exchange.
* Sheinbaum era: nearly every press turn is ``PREGUNTA``; a new questioner is
  recognised by a self-introduction ("Buenos días, Presidenta. Nombre Apellido,
  de Medio"), and a ``PREGUNTA`` without one is a follow-up.

The questioner's name and outlet come from the self-introduction only; when
there is none they stay unknown.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .sentences import sentence_spans
from .speakers import PRESS, Speaker, label_key, reporter

if TYPE_CHECKING:
    from .transcript import Exchange, Transcript, Turn

_WORD = r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:-[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"
_NAME = rf"({_WORD}(?:\s+(?:de\s+la\s+|de\s+los\s+|del\s+|de\s+)?{_WORD}){{1,4}})"
_INTRO_RE = re.compile(
    r"^(?:(?:Yo\s+)?soy\s+|Mi\s+nombre\s+es\s+|Me\s+llamo\s+|Les?\s+saluda\s+)?" + _NAME +
    r"\s*,?\s+(?:y\s+)?(?:vengo\s+(?:de|del)\s+|(?:soy\s+)?(?:reportera?|corresponsal|periodista)\s+(?:de|del|en)\s+|"
    r"de\s+la\s+|de\s+los\s+|del\s+|de\s+|con\s+)"
    r"(.{2,80}?)\s*[.;]?$"
)
_NOT_NAMES = {
    "Presidente", "Presidenta", "Buenos", "Buenas", "Gracias", "Muchas", "Muy", "Señor", "Señora",
    "Hola", "Bueno", "Licenciado", "Licenciada", "Doctora", "Doctor", "Secretario", "Secretaria",
    "Pregunta", "Mañanera", "Compañero", "Compañera", "Oiga", "Sí", "No", "Con", "Sobre", "Oye",
    "Ingeniero", "Maestro", "Maestra", "General", "Almirante", "Perdón", "Disculpe", "Qué", "Bien",
}


def find_introduction(text: str) -> tuple[str, str | None] | None:
    """``(name, outlet)`` from a reporter's self-introduction in the first sentences of ``text``."""
    head = text[:400]
    for start, end in sentence_spans(head)[:3]:
        sentence = head[start:end].strip()
        # Drop a leading greeting inside the same sentence ("Buenos días, Juan Pérez, de …").
        sentence = re.sub(r"^(?:(?:Muy\s+)?[Bb]uen(?:os|as)?\s+(?:días|tardes)|Gracias|Hola|Qué tal)[,.]?\s+(?:(?:señora?\s+)?president[ae][,.]?\s+)?", "", sentence)
        match = _INTRO_RE.match(sentence)
        if not match:
            continue
        name, outlet = match.group(1), match.group(2).strip(" ,.")
        words = name.split()
        if words[0] in _NOT_NAMES or any(w in _NOT_NAMES for w in words):
            continue
        if not outlet or outlet.lower().startswith(("acuerdo", "que ", "lo ", "la ", "el ")):
            continue
        return name, outlet
    return None


def _opens_question(turn: "Turn", lo_style: bool, intro) -> bool:
    key = label_key(turn.label)
    is_pregunta = key.startswith(("PREG", "REGUNTA", "GPREG", "PREF", "PREUG"))
    if lo_style:
        return is_pregunta or (intro is not None and not key.startswith(("INTERL", "INTELOC", "NTERLOC")))
    return is_pregunta and intro is not None


def build_exchanges(doc: "Transcript") -> list["Exchange"]:
    """Group the turns of ``doc`` into exchanges."""
    from .transcript import Exchange

    turns = list(doc.turns)
    if not turns:
        return []
    keys = {label_key(t.label) for t in turns if t.speaker.kind == PRESS}
    lo_style = any(k.startswith(("INTERL", "INTELOC", "NTERLOC")) for k in keys) or any(
        "LOPEZ OBRADOR" in label_key(t.label) for t in turns[:40] if t.speaker.kind == "president"
    )
    groups: list[list] = []  # [turns, questioner, outlet]
    for turn in turns:
        is_question = turn.speaker.kind == PRESS and not turn.in_clip
        intro = find_introduction(turn.text) if is_question else None
        if is_question and (
            not groups
            or _is_opening(groups)
            or _opens_question(turn, lo_style, intro)
            or (intro and groups[-1][1] and intro[0] != groups[-1][1].name)
        ):
            speaker: Speaker | None = reporter(intro[0], intro[1]) if intro else None
            groups.append([[turn], speaker, intro[1] if intro else None])
        elif not groups:
            groups.append([[turn], None, None])
        else:
            groups[-1][0].append(turn)
            if is_question and intro and groups[-1][1] is None and groups[-1][0][0].speaker.kind == PRESS:
                groups[-1][1], groups[-1][2] = reporter(intro[0], intro[1]), intro[1]
    return [Exchange(i, tuple(g[0]), g[1], g[2]) for i, g in enumerate(groups)]


def _is_opening(groups: list[list]) -> bool:
    return len(groups) == 1 and groups[0][0][0].speaker.kind != PRESS
