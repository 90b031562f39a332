"""The faithfulness guard of generated lines: what a line asserts must be in its sources.

A line a model wrote may say only what the sentences it read say. Checked, each against
the source sentences of that line (a story's, a question's):

* **figures** — amounts, counts, percentages, years, days: compared as numbers, across
  languages ("270 mil" = "270,000" = "270 thousand", `figures`);
* **dates** — a month named must be a month the sources name (enero = January);
* **names** — every capitalised name the line says mid-sentence must be in the sources,
  word for word (accents and case aside: "Mexico" is "México"); titles and words any
  English or Spanish line capitalises ("President", "Secretary", "Government") are not
  names;
* **quoted phrases** — words between quotation marks must be the sources' words.

`problems` lists what a line asserts that its sources do not say; an empty list is a pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .figures import unsupported_figures

MONTHS = {
    1: ("enero", "january", "jan"), 2: ("febrero", "february", "feb"), 3: ("marzo", "march", "mar"),
    4: ("abril", "april", "apr"), 5: ("mayo", "may"), 6: ("junio", "june", "jun"), 7: ("julio", "july", "jul"),
    8: ("agosto", "august", "aug"), 9: ("septiembre", "setiembre", "september", "sept", "sep"),
    10: ("octubre", "october", "oct"), 11: ("noviembre", "november", "nov"), 12: ("diciembre", "december", "dec"),
}
_MONTH_OF = {name: month for month, names in MONTHS.items() for name in names}
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTH_OF, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# Capitalised words any line may have that name no one: titles, institutions' common words,
# days, the two languages' capitalised demonyms and pronouns.
_NOT_NAMES = frozenset("""
i the a an he she it they we mr mrs ms dr president presidenta presidente secretary secretaria secretario
minister ministra ministro government gobierno state estado states congress senate senado city ciudad
national nacional federal republic república mexican mexicans mexicano mexicanos mexicana american americans
monday tuesday wednesday thursday friday saturday sunday lunes martes miércoles jueves viernes sábado domingo
also and but so on in at for of el la los las un una y pero también según today yesterday tomorrow however
meanwhile there this that these those here now then hoy ayer mañana además asimismo este esta estos estas ese
esa entonces
""".split())
_NAME = re.compile(r"[A-ZÁÉÍÓÚÑ][\wáéíóúñü'-]*(?:\s+(?:(?:de|del|la|los|of|the)\s+)?[A-ZÁÉÍÓÚÑ][\wáéíóúñü'-]*)*")
_QUOTED = re.compile(r"[“\"«‘]([^”\"»’]{3,})[”\"»’]")
_START = re.compile(r"(?:^|[.!?¿¡:;]\s*|\n\s*)$")


def fold(text: str) -> str:
    """Lower case, no accents: how names and phrases are compared."""
    plain = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in plain if unicodedata.category(c) != "Mn")


def names(line: str) -> list[str]:
    """The names a line says (one capitalised word that opens a sentence is none; months,
    titles and common capitalised words are left to the other checks)."""
    found = []
    for match in _NAME.finditer(line):
        words = match.group().split()
        opens = match.start() == 0 or _START.search(line[max(0, match.start() - 3):match.start()])
        if opens and len(words) == 1:
            continue  # "Today", "Mexico…": capitalised because it opens the sentence
        words = [w for w in words if fold(w) not in _NOT_NAMES and fold(w) not in _MONTH_OF and not w.islower()]
        if words:
            found.append(" ".join(words))
    return found


def problems(line: str, sources: Sequence[str]) -> list[str]:
    """What ``line`` asserts that ``sources`` do not say: "figure 999", "name Juan Pérez",
    "month March", "quote “…”"; empty when every figure, date, name and quoted phrase is there."""
    said = fold(" ".join(sources))
    words = set(re.findall(r"\w+", said))
    found = [f"figure {f}" for f in unsupported_figures(line, list(sources))]
    months = {_MONTH_OF[m] for m in (x.lower() for x in _MONTH_RE.findall(" ".join(sources)))}
    for month in _MONTH_RE.findall(line):
        if _MONTH_OF[month.lower()] not in months and not (month == "May" and "may" in words):
            found.append(f"month {month}")
    for name in names(line):
        if not all(fold(word) in words for word in re.findall(r"\w+", name) if fold(word) not in _NOT_NAMES):
            found.append(f"name {name}")
    for phrase in _QUOTED.findall(line):
        if fold(phrase.strip(" ,.;")) not in said:
            found.append(f"quote “{phrase}”")
    return found


__all__ = ["problems", "names", "fold", "MONTHS"]
