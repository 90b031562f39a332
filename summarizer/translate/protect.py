"""Protected terms through a translation model: codes in, renderings out, and a check.

Marian (opus-mt) models were never trained to keep a term, and they translate names that
are also words ("Sembrando Vida"; argos-translate's "Apple" → "manzana"). So, before the
model, each protected term of a sentence becomes a code — ``ZX0Q``, ``ZX1Q``…: ASCII letters
and digits, pieces every SentencePiece vocabulary holds (never an unknown token), no word
of either language, the kind of string the models copy as they copy product codes — and,
after the model, each code becomes its term's rendering.

The model may still drop, split, repeat or change a code. A code is recognised whatever
its case and the spaces inside it (``zx 0 q``); a sentence whose codes do not all come
back (one missing, one its input did not hold, any remnant of one) is translated again as
it stands, without codes. Last, every translation is checked: a term whose rendering
appears fewer times in the translation than the term in the original is reported, by
name. Nothing is guessed — a rendering is only put where the model put its code — and no
code ever reaches the output.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence


from ..notes import Note

_CODE = "ZX{}Q"
_CODE_RE = re.compile(r"(?<!\w)z\s*x\s*(\d+)\s*q(?!\w)", re.IGNORECASE)
_TRACE_RE = re.compile(r"z\s*x", re.IGNORECASE)
"""What is left of a code the model changed (or text a code could be taken for)."""


def _alternation(terms: Iterable[str]) -> re.Pattern | None:
    """Whole-word matches of any of ``terms``, the longest first where several start at one place."""
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")


class ProtectedTerms:
    """The protected terms of one translation: ``terms`` maps each term to its rendering
    (itself when kept as written). Codes are numbered as terms are first met."""

    def __init__(self, terms: Mapping[str, str]):
        self.terms = dict(terms)
        self._source = _alternation(self.terms)
        self._target = _alternation(self.terms.values())
        self._numbers: dict[str, int] = {}
        self._by_number: list[str] = []

    def protect(self, sentence: str) -> str:
        """``sentence`` with each term replaced by its code; unchanged when it holds no term,
        or holds text a code could be taken for (it is then only checked)."""
        if self._source is None or _TRACE_RE.search(sentence):
            return sentence
        return self._source.sub(lambda m: _CODE.format(self._number(m.group())), sentence)

    def _number(self, term: str) -> int:
        if term not in self._numbers:
            self._numbers[term] = len(self._by_number)
            self._by_number.append(term)
        return self._numbers[term]

    def restore(self, protected: str, output: str) -> str | None:
        """``output`` (the model's translation of ``protected``) with each code replaced by
        its term's rendering; None when the codes did not all come back intact."""
        expected = Counter(int(n) for n in _CODE_RE.findall(protected))
        if not expected:
            return output
        found = Counter(int(n) for n in _CODE_RE.findall(output))
        if any(found[n] < count for n, count in expected.items()) or set(found) - set(expected):
            return None
        if _TRACE_RE.search(_CODE_RE.sub(" ", output)):
            return None
        return _CODE_RE.sub(lambda m: self.terms[self._by_number[int(m.group(1))]], output)

    def missing(self, original: str, translation: str) -> list[str]:
        """The terms of ``original`` whose rendering ``translation`` holds fewer times than
        ``original`` holds terms with that rendering."""
        if self._source is None:
            return []
        need: Counter[str] = Counter()
        terms_of: dict[str, dict[str, None]] = {}
        for match in self._source.finditer(original):
            rendering = self.terms[match.group()]
            need[rendering] += 1
            terms_of.setdefault(rendering, {})[match.group()] = None
        if not need:
            return []
        have = Counter(m.group() for m in self._target.finditer(translation))
        return [term for rendering, count in need.items() if have[rendering] < count for term in terms_of[rendering]]

    def reveal(self, text: str) -> str:
        """``text`` (a protected input) with its codes replaced by their terms, for messages."""
        def term(match: re.Match) -> str:
            number = int(match.group(1))
            return self._by_number[number] if number < len(self._by_number) else match.group()
        return _CODE_RE.sub(term, text)

    def warning(self, lost: Counter) -> Note:
        """The note naming each term in ``lost`` (term → sentences that lost it)."""
        terms = [[term, self.terms.get(term, term), count]
                 for term, count in sorted(lost.items(), key=lambda item: (-item[1], item[0]))]
        return Note("translate.lost_terms", terms=terms)


ModelStep = Callable[[list[str], bool], dict[str, str]]
"""``step(texts, first)`` → each text's translation: first the texts with codes, then
(``first`` False) the originals of the sentences whose codes did not come back."""


def translate_protected(sentences: Sequence[str], terms: ProtectedTerms, step: ModelStep) -> tuple[dict[str, str], Counter]:
    """Each of ``sentences`` (distinct) translated with its terms protected, and, for each
    term that did not come through, how many sentences lost it."""
    protected = {sentence: terms.protect(sentence) for sentence in sentences}
    outputs = step(list(dict.fromkeys(protected.values())), True)
    done: dict[str, str] = {}
    again: list[str] = []
    for sentence, text in protected.items():
        restored = outputs[text] if text == sentence else terms.restore(text, outputs[text])
        if restored is None:
            again.append(sentence)
        else:
            done[sentence] = restored
    if again:
        done |= step(again, False)
    lost = Counter(term for sentence in sentences for term in terms.missing(sentence, done[sentence]))
    return {sentence: done[sentence] for sentence in sentences}, lost


__all__ = ["ProtectedTerms", "translate_protected", "ModelStep"]
