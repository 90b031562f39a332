"""Figures in Spanish and English text, normalised so they can be compared.

The faithfulness guard checks that every figure a model wrote (amounts,
percentages, dates, counts) appears in the source sentences it summarised:
"270 mil" = "270,000" = "270 thousand"; "mil 582" = "1,582"; "12 mil millones"
= "12 billion"; "2.2 millones" = "2.2 million"; "ocho mil" = "eight thousand".
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_UNITS = {
    # Spanish
    "cero": 0, "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14,
    "quince": 15, "dieciséis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
    "noventa": 90, "veintiuno": 21, "veintiún": 21, "veintidós": 22, "veintitrés": 23, "veinticuatro": 24,
    "veinticinco": 25, "veintiséis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300,
    "cuatrocientos": 400, "quinientos": 500, "seiscientos": 600, "setecientos": 700,
    "ochocientos": 800, "novecientos": 900,
    # English
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100,
}
# Words a count is not worth checking for ("one of the", "un programa").
_WEAK_WORDS = {"un", "uno", "una", "one", "cero", "zero"}

_SCALES = {
    "mil": 10**3, "thousand": 10**3, "millón": 10**6, "millon": 10**6, "millones": 10**6,
    "million": 10**6, "millions": 10**6, "billón": 10**12, "billones": 10**12, "billion": 10**9,
    "billions": 10**9, "trillion": 10**12, "mdp": 10**6,
}

_NUMBER = r"\d+(?:[.,]\d+)*"
_WORD = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_SCALE = "|".join(sorted(map(re.escape, _SCALES), key=len, reverse=True))
_TOKEN_RE = re.compile(rf"(?<![\w.,])(?:{_NUMBER}|(?:{_WORD}|{_SCALE}))(?![\w])", re.I)


def _number_value(token: str) -> Decimal | None:
    """'270,000' → 270000; '2.2' → 2.2; '1.582' (Spanish thousands) → 1582."""
    token = token.strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):  # 270,000 / 1,582.5
        token = token.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):  # 1.582 (European thousands)
        token = token.replace(".", "")
    elif re.fullmatch(r"\d+,\d{1,2}", token):  # 2,5 (decimal comma)
        token = token.replace(",", ".")
    elif "," in token:
        token = token.replace(",", "")
    try:
        return Decimal(token)
    except InvalidOperation:
        return None


def figures(text: str) -> set[Decimal]:
    """Every figure written in ``text``, normalised to a number.

    Runs of number words and scale words combine: "12 mil millones" → 12e9,
    "mil 582" → 1582, "ocho mil" → 8000, "2.2 million" → 2.2e6. Lone "un"/"one"
    are not figures.
    """
    found: set[Decimal] = set()
    text = re.sub(r"\bpor\s+ciento\b", "%", text, flags=re.I)
    tokens = list(_TOKEN_RE.finditer(text))
    i = 0
    while i < len(tokens):
        # Collect a run of adjacent number tokens (separated by spaces or "y"/"and").
        run = [tokens[i]]
        j = i + 1
        while j < len(tokens):
            gap = text[run[-1].end():tokens[j].start()]
            if re.fullmatch(r"\s+(?:y\s+|and\s+|-\s*)?|-", gap):
                run.append(tokens[j])
                j += 1
            else:
                break
        value = _run_value([t.group(0) for t in run])
        if value is not None:
            found.add(value.normalize())
        i = j
    return found


def _run_value(words: list[str]) -> Decimal | None:
    if len(words) == 1 and words[0].lower() in _WEAK_WORDS:
        return None
    total = Decimal(0)
    current: Decimal | None = None
    seen_any = False
    for word in words:
        low = word.lower()
        if low in _SCALES:
            scale = Decimal(_SCALES[low])
            base = current if current is not None else Decimal(1)
            if scale >= 10**6:
                # "12 mil millones": the scale multiplies everything before it.
                if current is None and total:
                    total *= scale
                else:
                    total = (total + base) * scale
            else:
                total += base * scale
            current = None
            seen_any = True
            continue
        value = _number_value(word) if word[0].isdigit() else (
            Decimal(_UNITS[low]) if low in _UNITS else None
        )
        if value is None:
            continue
        if low == "hundred" and current is not None:
            current *= 100
        else:
            current = value if current is None else current + value
        seen_any = True
    if not seen_any:
        return None
    return total + (current or Decimal(0))


def unsupported_figures(line: str, sources: list[str]) -> list[Decimal]:
    """Figures of ``line`` that appear in none of ``sources``."""
    known: set[Decimal] = set()
    for source in sources:
        known |= figures(source)
    return sorted(f for f in figures(line) if f not in known)
