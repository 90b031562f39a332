"""The pure steps of translation, around the model call.

* **preprocess**: each text becomes a template of verbatim gaps (paragraph breaks,
  spaces) and sentence slots (`text_template`); a sentence longer than the input limit is
  split at clause boundaries (``;`` ``:``, then commas and dashes, then, flagged, between
  words or tokens: `split_long`); the pieces are packed into token-budgeted batches,
  longest first (`plan_batches`), each with a cap on its output (`output_cap`).
* **postprocess**: sentences go back into their slots (`fill_template`), and
  translations of implausible length or with repetition loops are flagged (`flag`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from ..parse.sentences import sentence_spans
from .options import TranslateOptions


def text_template(text: str) -> tuple[list[str | int], list[str]]:
    """``(template, sentences)``: verbatim gaps and sentence indices that rebuild ``text``.

    ``"".join(s if isinstance(s, str) else sentences[s] for s in template) == text``.
    """
    template: list[str | int] = []
    sentences: list[str] = []
    pos = 0
    for start, end in sentence_spans(text):
        if start > pos:
            template.append(text[pos:start])
        template.append(len(sentences))
        sentences.append(text[start:end])
        pos = end
    if pos < len(text):
        template.append(text[pos:])
    return template, sentences


def fill_template(template: Sequence[str | int], translations: Sequence[str]) -> str:
    return "".join(part if isinstance(part, str) else translations[part] for part in template)


# Clause boundaries, strongest first: the white space after which a sentence may be cut.
_CLAUSE_LEVELS = (
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"(?<=[,)»”\"])\s+|\s+(?=[—–(«“])|(?<=[—–])\s+"),
    re.compile(r"\s+"),
)
WORDS_LEVEL = len(_CLAUSE_LEVELS) - 1


def split_long(sentence: str, count: Callable[[str], int], limit: int) -> tuple[list[str], int | None]:
    """Pieces of ``sentence`` of at most ``limit`` tokens each, cut at the strongest
    boundaries that suffice; ``" ".join(pieces)`` is the sentence with white space collapsed
    at the cuts. Returns the pieces and the weakest forced level: None (clauses),
    `WORDS_LEVEL` (between words) or ``WORDS_LEVEL + 1`` (between characters)."""
    forced: list[int] = []
    pieces = _split(sentence.strip(), count, limit, 0, forced)
    return pieces, (max(forced) if forced else None)


def _split(text: str, count: Callable[[str], int], limit: int, level: int, forced: list[int]) -> list[str]:
    if count(text) <= limit:
        return [text]
    if level > WORDS_LEVEL:
        forced.append(level)
        return _split_chars(text, count, limit)
    parts = [p for p in _CLAUSE_LEVELS[level].split(text) if p]
    if len(parts) < 2:
        return _split(text, count, limit, level + 1, forced)
    if level == WORDS_LEVEL:
        forced.append(level)
    packed: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} {part}" if current else part
        if not current or count(candidate) <= limit:
            current = candidate
        else:
            packed.append(current)
            current = part
    packed.append(current)
    pieces: list[str] = []
    for piece in packed:
        pieces.extend(_split(piece, count, limit, level + 1, forced) if count(piece) > limit else [piece])
    return pieces


def _split_chars(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Cut a run without white space at the longest prefixes that fit (binary search)."""
    pieces = []
    while text:
        if count(text) <= limit:
            pieces.append(text)
            break
        lo, hi = 1, len(text) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count(text[:mid]) <= limit:
                lo = mid
            else:
                hi = mid - 1
        pieces.append(text[:lo])
        text = text[lo:]
    return pieces


def plan_batches(lengths: Sequence[int], max_tokens: int, max_size: int) -> list[list[int]]:
    """Indices of ``lengths`` in batches, longest first; a batch's rows × its longest row
    stay within ``max_tokens`` (a row longer than that goes alone), at most ``max_size`` rows."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        width = lengths[current[0]] if current else lengths[i]
        if current and (len(current) >= max_size or (len(current) + 1) * width > max_tokens):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


def output_cap(longest_input: int, options: TranslateOptions, window: int) -> int:
    """Most new tokens for a batch whose longest input has ``longest_input`` tokens."""
    ceiling = max(1, window - 1)  # the decoder start token takes a position too
    if options.max_new_tokens is not None:
        return min(options.max_new_tokens, ceiling)
    return max(1, min(ceiling, math.ceil(options.length_ratio * longest_input) + options.length_slack))


# The same one to four words four times running, or a run of 2–12 characters six times.
_LOOP_RE = re.compile(r"(\b\w[\w'’-]*(?:\W+\w[\w'’-]*){0,3})(?:\W+\1\b){3,}|(\S{2,12}?)\2{5,}", re.IGNORECASE)


def flag(original: str, translation: str, bounds: tuple[float, float]) -> str | None:
    """Why a translation looks wrong: "empty", "length", "repetition", or None."""
    if not translation.strip():
        return "empty" if original.strip() else None
    if _LOOP_RE.search(translation) and not _LOOP_RE.search(original):
        return "repetition"
    if len(original) >= 20:
        ratio = len(translation) / len(original)
        if not bounds[0] <= ratio <= bounds[1]:
            return "length"
    return None


def examples(items: list[str], n: int = 2) -> str:
    shown = [f"“{s[:60]}{'…' if len(s) > 60 else ''}”" for s in items[:n]]
    return ", ".join(shown)
