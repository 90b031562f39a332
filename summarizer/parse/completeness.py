"""Is the whole conference here? Warnings for transcripts that are not.

A transcript published or copied incompletely still parses; these checks say what is
missing, so that a brief of half a conference is never taken for the whole of it:

* it stops at "(Continúa…)" — only the first part was published (`partial`);
* it ends in the middle of a sentence — the copy was cut;
* a page was printed twice — its turns are marked ``repeated`` and left out of quotes,
  questions and speaking shares;
* it has the opening remarks but no questions from the press;
* it is far shorter than a daily conference usually is (a mañanera: an English transcript,
  a White House briefing, has no such length).

Each is a `Note` (English and Spanish) in ``Transcript.warnings``. Prose (a news article)
is not a transcript: only the checks that apply to it run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document import Exchange, Kind, Turn
from ..notes import Note
from .labels import classify_label
from .sentences import paragraph_spans

MEDIAN_WORDS = 11_500
"""Words of the median daily conference of the archive (1,731 conferences: 11,477)."""
SHORT_WORDS = MEDIAN_WORDS // 3
"""A labelled transcript with fewer words than this is far shorter than usual."""
INCOMPLETE = ("parse.partial", "parse.truncated", "parse.repeated", "parse.no_questions", "parse.short")
"""The codes of the notes this module makes."""

_CONTINUES = re.compile(r"\(\s*contin[úu]a\b[^)]*\)?\s*$", re.I)
_CLOSING_MARK = re.compile(r"""[.?!…:;»”"’')\]]\s*$""")
# What ends a transcript after its last words: "—000—", "(Termina…)", a stage direction, and
# the footer of the gob.mx page when it was copied with the transcript.
_END_MARKER = re.compile(r"^(?:[—–―\-]*\s*0{2,}\s*[—–―\-]*|\(.*\)|[—–―\-]+|END\s+\d{1,2}:\d{2}\s*[AP]\.?\s?M\.?.{0,8})$")
_FOOTER = re.compile(
    r"^(?:imprime la p[áa]gina completa|la legalidad, veracidad y la calidad de la informaci[óo]n|"
    r"fecha de publicaci[óo]n|presidencia de la rep[úu]blica\s*(?:\||$)|comparte?\b|s[íi]guenos|compartir|"
    r"(?:twitter|facebook|instagram|youtube|whatsapp)\s*$|enlaces?\s*$|contacto\s*$|mapa de sitio|"
    r"t[ée]rminos y condiciones|pol[íi]tica de privacidad|aviso de privacidad|accesibilidad\s*$|"
    r"denuncia contra servidores p[úu]blicos|gob\.mx|¿qu[ée] es gob\.mx\?|portal de obligaciones)", re.I)


def is_partial(turns: Sequence[Turn]) -> bool:
    """Whether the transcript stops at "(Continúa…)"."""
    return bool(turns) and bool(_CONTINUES.search(turns[-1].text))


def completeness_notes(text: str, turns: Sequence[Turn], exchanges: Sequence[Exchange], fmt: str) -> list[Note]:
    """The warnings about what this transcript lacks (see the module's doc), in order."""
    notes: list[Note] = []
    partial = is_partial(turns)
    if partial:
        notes.append(Note("parse.partial"))
    elif fmt != "prose" and _cut_short(text, turns):
        notes.append(Note("parse.truncated", ending=_last_words(text, turns)))
    repeated = [t for t in turns if t.repeated]
    if repeated:
        notes.append(Note("parse.repeated", turns=len(repeated), words=sum(len(t.text.split()) for t in repeated)))
    if fmt == "prose" or not turns:
        return notes
    if not partial and not any(e.index > 0 for e in exchanges):
        notes.append(Note("parse.no_questions"))
    words = sum(len(t.text.split()) for t in turns if not t.repeated)
    if words < SHORT_WORDS and not any(classify_label(t.label).english for t in turns[:50]):  # not a mañanera
        notes.append(Note("parse.short", words=words, median=MEDIAN_WORDS))
    return notes


def _last_paragraph(text: str, turns: Sequence[Turn]) -> tuple[int, int] | None:
    """The last paragraph of speech: end markers ("—000—"), stage directions and the gob.mx
    page's footer skipped."""
    for turn in reversed(turns):
        if turn.speaker.kind == Kind.STAGE:
            continue
        for start, end in reversed(paragraph_spans(text, turn.start, turn.end)):
            paragraph = text[start:end].strip()
            if not _END_MARKER.match(paragraph) and not _FOOTER.match(paragraph):
                return start, end
    return None


def _cut_short(text: str, turns: Sequence[Turn]) -> bool:
    last = _last_paragraph(text, turns)
    return last is not None and not _CLOSING_MARK.search(text[last[0]:last[1]])


def _last_words(text: str, turns: Sequence[Turn]) -> str:
    start, end = _last_paragraph(text, turns) or (0, 0)
    words = text[start:end].split()
    return ("…" if len(words) > 8 else "") + " ".join(words[-8:])


__all__ = ["completeness_notes", "is_partial", "MEDIAN_WORDS", "SHORT_WORDS", "INCOMPLETE"]
