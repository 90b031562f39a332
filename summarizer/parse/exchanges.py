"""Exchanges: the opening remarks, then question → answer blocks.

Who opens a new question depends on the era:

* López Obrador era: ``PREGUNTA`` opens a reporter's exchange; ``INTERLOCUTOR``
  and ``INTERLOCUTORA`` are that reporter's follow-ups and ``INTERVENCIÓN`` an
  interjection from the floor: neither opens a new exchange unless its speaker
  introduces themself.
* Sheinbaum era: nearly every press turn is ``PREGUNTA``; a new questioner is
  recognised by a self-introduction ("Buenos días, Presidenta. Nombre Apellido,
  de Medio"), and a ``PREGUNTA`` without one is a follow-up.

The questioner's name and outlet come from the self-introduction only; when
there is none they stay unknown. A wrong name is worse than none, so an
introduction must look like one: a name of two to five capitalised words at the
start of a sentence (after greetings), then ", de <outlet>" (or "reportera de",
"corresponsal de", …) to the end of that sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Exchange, Speaker, Turn
from .english import PRESS_KEYS
from .labels import MODERATOR, OFFICIAL, PRESIDENT, PRESS, press_group, starts_with_role
from .names import key_of
from .sentences import sentence_spans
from .speakers import reporter

_WORD = r"[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]+(?:-[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"
_PARTICLE = r"(?:de\s+la\s+|de\s+los\s+|de\s+las\s+|del\s+|de\s+|y\s+)"
_NAME = rf"({_WORD}(?:\s+{_PARTICLE}?{_WORD}){{1,4}})"
_SELF = r"(?i:(?:yo\s+)?soy|mi\s+nombre\s+es|me\s+llamo|su\s+servidora?|les?\s+saluda|habla|aquí\s+estoy)"
_JOB = r"(?i:reporter[oa]|corresponsal|periodista|colaborador[a]?|conductor[a]?|columnista|fot[óo]grafo|camar[óo]grafo|enviad[oa])"
_LINK = rf"(?i:,\s*(?:y\s+)?(?:soy\s+)?(?:{_JOB}\s+)?|\s+(?:{_JOB}\s+))(?:de\s+la|de\s+los|de\s+las|del|de|en|para|por)\s+"
# The outlet runs to the end of the sentence, or to a dash that closes an aside.
_OUTLET = r"([^—–―]{2,160}?)(?:\s*[—–―].*)?[\s.;:]*$"
_INTRO = re.compile(rf"^(?:{_SELF}\s+)?{_NAME}{_LINK}{_OUTLET}")
_INTRO_AFTER_CUE = re.compile(rf"(?:^|[,;:—–]\s*|\s){_SELF}[,:]?\s+{_NAME}{_LINK}{_OUTLET}")
_INTRO_AFTER_CLAUSE = re.compile(rf"[,;—–―]\s*{_NAME}{_LINK}{_OUTLET}")
_INTRO_AFTER_ASIDE = re.compile(rf"[—–―]\s*{_NAME}{_LINK}{_OUTLET}")
# "Gracias, Presidenta. Arturo Páramo, Grupo Imagen.": the outlet without "de", a sentence of its own.
_INTRO_BARE = re.compile(rf"^{_NAME},\s*([A-ZÁÉÍÓÚÑ0-9][^,;:()¿?¡!]{{1,60}}?)[\s.;:]*$")
_CUES = re.compile(r"\b(?:soy|mi nombre|me presento|aquí estoy|no me presenté|omití|presentarme|su servidora?)\b", re.I)
# Greetings and vocatives a reporter opens with: stripped clause by clause.
_GREETING = re.compile(
    r"^(?:(?:muy\s+)?buen(?:os|as|o)?\s+(?:días|tardes|noches|día)(?:\s+a\s+(?:todos|todas|todes|usted|ustedes)(?:\s+y\s+a\s+(?:todos|todas|todes))?)?|"
    r"(?:muchas\s+)?gracias(?:\s+por\s+la\s+palabra)?|hola|qué\s+tal|buen\s+día|con\s+su\s+permiso|perdón|disculpe|"
    r"(?:señora?\s+)?president[ae](?:\s+de\s+méxico)?|secretari[oa]|subsecretari[oa]|gobernador[a]?|"
    r"(?:señores|compañeros|compañeras|amigos)[^,.]*|a\s+(?:todos|todas)[^,.]*|sí|bueno|"
    r"(?:al\s+)?gabinete[^,.]*|y\s+a\s+[^,.]*)\s*[,.;:!?¡¿—–-]*\s*",
    re.I,
)
_NOT_NAME_WORDS = {
    "Presidente", "Presidenta", "Buenos", "Buenas", "Buen", "Gracias", "Muchas", "Muy", "Señor", "Señora",
    "Hola", "Bueno", "Licenciado", "Licenciada", "Doctora", "Doctor", "Secretario", "Secretaria",
    "Pregunta", "Mañanera", "Compañero", "Compañera", "Oiga", "Sí", "No", "Con", "Sobre", "Oye", "El",
    "La", "Los", "Las", "Un", "Una", "Este", "Esta", "Ese", "Esa", "Mi", "Su", "Hoy", "Ayer", "Mañana",
    "Ingeniero", "Maestro", "Maestra", "General", "Almirante", "Perdón", "Disculpe", "Qué", "Bien",
    "Estado", "Gobierno", "Secretaría", "México", "Ciudad", "Presidencia", "Gabinete", "Fiscalía",
    "Comisión", "Instituto", "Consejo", "Tribunal", "Senado", "Cámara", "Congreso", "Morena", "Sheinbaum",
    "Obrador", "Nacional", "Federal", "República", "Dios", "Santa", "San", "Nuestra", "Nuestro",
}
_PARTIES = re.compile(r"^(?:Morena|PAN|PRI|PRD|PT|PVEM|MC|Movimiento Ciudadano|Partido\b.*)$")
_MEDIA_WORDS = re.compile(
    r"\b(?:periódico|diario|revista|portal|sitio|agencia|canal|programa|noticiero|medio|semanario|"
    r"noticias|radio|televisión|tv|grupo|cadena|news|press|informa|digital|\.mx|\.com)\b",
    re.I,
)
_STATES = {"Aguascalientes", "Baja California", "Baja California Sur", "Campeche", "Chiapas", "Chihuahua",
           "Coahuila", "Colima", "Durango", "Guanajuato", "Guerrero", "Hidalgo", "Jalisco", "Michoacán",
           "Morelos", "Nayarit", "Nuevo León", "Oaxaca", "Puebla", "Querétaro", "Quintana Roo",
           "San Luis Potosí", "Sinaloa", "Sonora", "Tabasco", "Tamaulipas", "Tlaxcala", "Veracruz",
           "Yucatán", "Zacatecas", "Ciudad de México", "Estado de México"}


def _strip_greetings(sentence: str) -> str:
    sentence = sentence.strip(" —–-―")
    for _ in range(8):
        stripped = _GREETING.sub("", sentence, count=1)
        if stripped == sentence:
            break
        sentence = stripped
    return sentence


def _clean_outlet(outlet: str) -> str | None:
    """The outlet as said, trimmed of what follows it ("…, una radiodifusora de uso social")."""
    outlet = re.split(r",\s+(?=(?:así|una?|que|quien|colaborador[a]?|para|aquí|y\s+[a-záéíóúñ]))", outlet)[0]
    outlet = outlet.strip(" ,.;:—–-")
    first = outlet.split()[0] if outlet else ""
    if not outlet or len(outlet) > 120 or _PARTIES.match(outlet):
        return None
    if not (first[:1].isupper() or first[:1].isdigit() or _MEDIA_WORDS.match(first)):
        return None
    segments = [s.strip() for s in outlet.split(",")]
    if len(segments) == 2 and segments[1] in _STATES and not _MEDIA_WORDS.search(segments[0]) and len(segments[0].split()) <= 2:
        return ""  # "de Los Mochis, Sinaloa": where the reporter is from, not an outlet
    return outlet


def _valid_name(name: str) -> bool:
    words = [w for w in name.split() if w[:1].isupper()]
    return 2 <= len(words) <= 5 and not any(w in _NOT_NAME_WORDS for w in words)


def _bare_introduction(sentence: str) -> re.Match | None:
    """"Arturo Páramo, Grupo Imagen.": a name, a comma and an outlet of at most six words
    that is not a title ("Marcelo Ebrard, Secretario de Economía")."""
    match = _INTRO_BARE.match(sentence)
    if match is None:
        return None
    outlet = match.group(2).strip()
    if len(outlet.split()) > 6 or starts_with_role(key_of(outlet)) or outlet.split()[0] in _NOT_NAME_WORDS:
        return None
    return match


def find_introduction(text: str) -> tuple[str, str | None] | None:
    """``(name, outlet)`` from a reporter's self-introduction near the start of ``text``.

    The outlet is None when the reporter names only a place ("…, de Los Mochis, Sinaloa").
    """
    head = text[:700]
    sentences = sentence_spans(head)[:6]
    for i, (start, end) in enumerate(sentences):
        raw = head[start:end]
        sentence = _strip_greetings(raw)
        greeted = sentence != raw.strip(" —–-―") or i > 0
        match = _INTRO.match(sentence)
        if not match and _CUES.search(raw):
            match = _INTRO_AFTER_CUE.search(sentence) or _INTRO_AFTER_CLAUSE.search(sentence)
        if not match:
            match = _INTRO_AFTER_ASIDE.search(sentence)  # "—¿Me escucha?— César Huerta, de …"
        if not match and greeted and i <= 2:
            match = _bare_introduction(sentence)
        if not match:
            continue
        name, outlet = match.group(1), _clean_outlet(match.group(2))
        name = re.sub(rf"^{_SELF}\s+", "", name, flags=re.I)
        if not _valid_name(name) or outlet is None:
            continue
        if not greeted and len(sentences) == 1 and not _CUES.search(raw):
            continue  # "Mario Delgado, de Morena." answering a question: no introduction
        return name, outlet or None
    return None


# The chair giving the floor to someone new ("Vamos por acá", "¿Quién más?").
_FLOOR = re.compile(
    r"\b(?:vamos\s+(?:por\s+)?(?:acá|aquí|allá|allí)|vamos\s+a\s+otr[oa]s?|vamos\s+con\s+(?:la|el)\s+compañer[oa]|"
    r"¿quién\s+más\?|cambiar\s+(?:ya\s+)?de\s+reporter[oa]|otr[oa]\s+(?:periodista|reporter[oa]|compañer[oa]))",
    re.I,
)


def _opens_question(turn: Turn, lo_style: bool, intro, floor_given: bool) -> bool:
    group = press_group(key_of(turn.label))
    if lo_style:
        return group == "PREGUNTA" or (intro is not None and group != "INTERLOCUTOR")
    return group == "PREGUNTA" and (intro is not None or floor_given)


def _is_question(turn: Turn, intro) -> bool:
    """A press turn that asks something (not "Sí. ¿Cómo está?" banter during the opening)."""
    return intro is not None or len(turn.text.split()) >= 12


@dataclass
class _Block:
    turns: list
    questioner: Speaker | None = None
    outlet: str | None = None
    asked: int = 0  # press turns in the block

    def add(self, turn: Turn, is_press: bool) -> None:
        self.turns.append(turn)
        self.asked += is_press


def build_exchanges(turns: Sequence[Turn]) -> list[Exchange]:
    """Group a transcript's turns into exchanges."""
    turns = list(turns)
    if not turns:
        return []
    groups = {press_group(key_of(t.label)) for t in turns if t.speaker.kind == PRESS}
    lo_style = "INTERLOCUTOR" in groups or any(
        "LOPEZ OBRADOR" in key_of(t.label) for t in turns[:40] if t.speaker.kind == PRESIDENT
    )
    asks_anew = any(key_of(t.label) in PRESS_KEYS for t in turns if t.speaker.kind == PRESS)  # "Q": each one asks
    lo_style = lo_style or asks_anew
    blocks: list[_Block] = []
    floor_given = False  # the chair just gave the floor to someone new
    for turn in turns:
        is_press = turn.speaker.kind == PRESS and not turn.in_clip
        intro = find_introduction(turn.text) if is_press else None
        block = blocks[-1] if blocks else None
        opening = len(blocks) == 1 and block.turns[0].speaker.kind != PRESS and block.questioner is None
        current = block.questioner if block else None
        if is_press and (
            block is None
            or (opening and (_is_question(turn, intro) or asks_anew))
            or (not opening and _opens_question(turn, lo_style, intro, floor_given and block.asked >= 2))
            or (intro and current and intro[0] != current.name)
        ):
            blocks.append(_Block([], reporter(*intro) if intro else None, intro[1] if intro else None))
        elif block is None:
            blocks.append(_Block([]))
        elif is_press and intro and block.questioner is None and block.turns[0].speaker.kind == PRESS:
            block.questioner, block.outlet = reporter(*intro), intro[1]
        blocks[-1].add(turn, is_press)
        if not is_press:
            floor_given = turn.speaker.kind in (PRESIDENT, OFFICIAL, MODERATOR) and bool(_FLOOR.search(turn.text))
    return [Exchange(i, tuple(b.turns), b.questioner, b.outlet) for i, b in enumerate(blocks)]
