"""Words that carry content: what selection compares, counts and weighs."""

from __future__ import annotations

import re

STOPWORDS = frozenset("""
a al algo algún alguna algunas alguno algunos ante antes aquí así aun aún cada como con contra cual cuales
cuando de del desde donde dos el él ella ellas ellos en entre era es esa esas ese eso esos esta está están
estas este esto estos fue fueron ha había han has hasta hay la las le les lo los más me mi mis mucho muy nada
ni no nos nosotros o os otra otras otro otros para pero poco por porque qué que quien quienes se sea ser si sí
sin sobre son su sus también tan tanto te tiene tienen todo todos tu tus un una uno unos usted ustedes va van
vamos y ya yo bueno entonces pues estoy estamos tenemos hemos hacer hace hizo decir dijo digo dice ver vez
veces creo ahí allá acá ahora hoy ayer mañana bien mal luego todavía además incluso eh
the of and to in is that it for on was with as be by this are at from have has not but they we you he she his
her their our an or were been which there
""".split())
"""Function words and fillers of spoken Spanish (and English function words, for articles)."""

_WORD = re.compile(r"[a-záéíóúñü]{4,}")
_NOT_SAID = re.compile(r"\w+://\S*|www\.\S+|<[^<>\n]{0,300}>")
"""Addresses and tags typed into a transcript: nobody said their words."""


def is_content(word: str) -> bool:
    """A lower-cased token that carries meaning: three letters or more, not a stop word or a number."""
    return len(word) >= 3 and word not in STOPWORDS and not word.isdigit()


def content_words(text: str) -> list[str]:
    """The lower-cased words of four letters or more of ``text`` that are not `STOPWORDS`, in order
    (the words of a web address or an HTML tag are none)."""
    return [w for w in _WORD.findall(_NOT_SAID.sub(" ", text.lower())) if w not in STOPWORDS]
