"""Procedure and reported speech: what a speaker says that is not their news or their view.

*Procedure* runs the conference: greetings and thanks, moderation ("vamos de este lado",
"a ver, allá atrás", "súbele"), video and slide cues ("presentaremos este video", "la
siguiente lámina"), logistics ("mañana nos vemos", "ahora le cedo la palabra") and asides
to the room ("¡Ah!, miren qué bonito"). *Reported speech* is someone else's words in the
speaker's mouth: a slogan mocked, a headline or a letter read aloud, what "they say"
(‘¡Cómo van a usar nuestros impuestos para eso!’). Neither is ever a brief's line, lead or
quote.
"""

from __future__ import annotations

import re

_CUES = (
    # greetings, thanks, hand-overs
    r"(?:muy\s+)?buen(?:os|as)\s+(?:días|tardes|noches)(?:\s+a\s+tod[oa]s(?:\s+y\s+(?:a\s+)?tod[oa]s)?)?",
    r"(?:muchas\s+|muchísimas\s+)?gracias",
    r"(?:le|les)\s+(?:cedo|doy|paso)\s+(?:la\s+palabra|el\s+micrófono)", r"adelante", r"con\s+(?:su\s+)?permiso",
    r"bienvenid[oa]s?", r"(?:te|le|les)\s+(?:saludo|mando\s+un\s+saludo|mandamos\s+un\s+abrazo)",
    # moderation
    r"(?:vamos|ahora)\s+(?:de|a|por)\s+(?:este|ese|aquel|aquí|acá|allá)\s+lado", r"a\s+ver,?\s+(?:allá|acá|aquí|tú|usted)",
    r"súbele", r"bájale", r"(?:el|la)\s+(?:micrófono|micro)", r"(?:¿)?quién\s+(?:más|sigue)", r"la\s+última\s+pregunta",
    r"(?:una\s+)?(?:pregunta|preguntita)\s+(?:más|y\s+ya)", r"ya\s+(?:nos\s+vamos|terminamos|vamos\s+a\s+terminar)",
    r"(?:vamos|voy)\s+a\s+(?:darle|dar)\s+(?:la\s+palabra|el\s+turno)", r"(?:a\s+ver,?\s+)?(?:tú|usted),?\s+(?:y\s+)?luego",
    # video, slides, what is shown
    r"(?:vamos\s+a\s+|voy\s+a\s+|van\s+a\s+|les\s+voy\s+a\s+)?(?:ver|pasar|poner|presentar|mostrar|proyectar)\s+"
    r"(?:un|el|este|ese|otro|unos)\s+(?:video|videos|audio|cápsula|clip|lámina|gráfica)",
    r"presentaremos\s+(?:un|el|este)\s+(?:video|audio)", r"(?:pon|ponga|pongan|pasa|pasen|quita|quiten)\s+(?:el|la)\s+"
    r"(?:video|audio|lámina|gráfica|imagen)", r"(?:la\s+)?siguiente\s+(?:lámina|gráfica|imagen|diapositiva)",
    r"(?:si\s+)?(?:nos\s+)?(?:ayudan|apoyan)\s+con\s+(?:el|la|las|los)\s+\w+", r"miren\s+(?:qué|que|cómo|como)\s+bonit",
    r"¡?ah!?,?\s+miren", r"(?:a\s+ver\s+)?si\s+(?:nos\s+)?(?:pueden|podemos)\s+(?:de\s+favor\s+)?(?:poner|pasar|ayudar)",
    r"(?:pon|ponga|pongan|pónganos|póngannos|ponernos|pasen|pasan|pásenos)\s+(?:de\s+favor\s+)?(?:el|la|las|los|unas?|unos?)\s+"
    r"(?:video|videos|audio|lámina|láminas|gráfica|gráficas|imagen|imágenes)",
    # logistics
    r"(?:mañana|el\s+lunes|el\s+martes|el\s+miércoles|el\s+jueves|el\s+viernes)\s+(?:nos\s+vemos|continuamos|seguimos)",
    r"hasta\s+(?:mañana|el\s+lunes|luego|pronto)", r"nos\s+vemos\s+(?:mañana|el\s+lunes)",
)
_PROCEDURE = re.compile(r"^[\s¡¿(\"“«—–-]*(?:(?:" + "|".join(_CUES) + r")[\s,.;:!?¡¿)\"”»…-]*)+", re.IGNORECASE)
_WORD = re.compile(r"\w+")
LEFT_OVER = 4
"""A sentence that opens with procedure is procedure when fewer than this many words remain."""


def is_procedure(text: str) -> bool:
    """Whether ``text`` is procedure: its words are cues (greetings, moderation, video
    and slide cues, logistics) but for a few ("Adelante, por favor." "Presentaremos este
    video." "A ver, allá atrás, ¿tú?")."""
    match = _PROCEDURE.match(text)
    rest = text[match.end():] if match else text
    if match and len(_WORD.findall(rest)) < LEFT_OVER:
        return True
    return bool(_SHOW.search(text)) and len(_WORD.findall(text)) <= 14


# Short sentences that only announce what is shown ("El día de hoy, entonces, presentaremos
# este video.") or admire it ("¡Ah!, miren qué bonito es el diseño de ese puente.").
_SHOW = re.compile(r"\b(?:(?:presentaremos|presentamos|vamos\s+a\s+(?:ver|presentar|pasar|proyectar|poner)|les\s+"
                   r"(?:presento|voy\s+a\s+(?:presentar|poner|mostrar)|muestro|pongo))\s+(?:este|el|un|unos|unas|estos|"
                   r"estas|la|las|los|una)\s+"
                   r"(?:video|videos|audio|cápsula|lámina|láminas|gráfica|gráficas|presentación)\b|"
                   r"miren\s+(?:qué|que)\s+(?:bonit|hermos|bell|padre))", re.IGNORECASE)


# Quotation marks, paired: what is between them is someone else's words.
_QUOTED = re.compile(r"‘[^’]*’|“[^”]*”|«[^»]*»|\"[^\"]*\"")
# A reading announced: "Dicen: …", "Textual: …", "Cito: …", "el titular dice: …".
_READING = re.compile(r"^[\s¡¿(—–-]*(?:(?:y|pues|bueno|entonces),?\s+)?(?:dicen|dice|decían|decía|textual|cito|leo|"
                      r"(?:el|la|su)\s+(?:titular|encabezado|cabeza|nota|columna|encuesta|pregunta)\s+(?:dice|es))\s*:",
                      re.IGNORECASE)
REPORTED_SHARE = 0.5
"""A sentence whose letters are mostly between quotation marks is reported speech."""


def is_reported(text: str) -> bool:
    """Whether ``text`` is mostly someone else's words: between quotation marks, or a reading
    announced ("Dicen: …")."""
    if _READING.match(text):
        return True
    letters = sum(c.isalpha() for c in text)
    quoted = sum(c.isalpha() for m in _QUOTED.finditer(text) for c in m.group())
    return bool(letters) and quoted / letters >= REPORTED_SHARE


__all__ = ["is_procedure", "is_reported"]
