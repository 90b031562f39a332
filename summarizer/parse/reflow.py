"""Paragraphs from a laid-out page: a PDF's lines rebuilt into the paragraphs they were typeset from.

A PDF holds lines, not paragraphs: its hard line breaks, its hyphenation
("informa-" / "ción") and its running heads and page numbers would otherwise cut
sentences and turns apart. `reflow` reads the pages' lines (as pypdf's layout mode
gives them: indentation and blank lines where the page leaves space) and decides, at
each line break, whether a paragraph ends there:

* it does where the page leaves a blank line or indents the next line, where the line
  stops short of the column's right edge although the next line's first word would have
  fit (the typesetter's own rule), and before a speaker label (``LABEL:`` at a line start,
  ``PREGUNTA ¿…?``), a stage direction or a native ``---``;
* it never does inside a sentence that goes on in lower case, nor inside a speaker label
  wrapped over two lines, nor after a hyphenated word: "informa-" + "ción" joins as
  "información", while "económico-" + "comercial" keeps its hyphen when the document
  writes it so elsewhere (or both halves are words of the document and the joined form is not).

Running heads and footers are lines at the top or bottom of a page that repeat, digits
aside, on most pages ("Página 3 de 15", a title, a URL with "2/13", a print date), and bare
page numbers ("7", "- 7 -", "7/15"): they are in no paragraph, and `Reflowed.dropped`
says which.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .formats import bare_label, colon_label, is_stage_paragraph
from .labels import MAX_LABEL_CHARS, OTHER, PRESIDENT, PRESS, classify_label

_EDGE_LINES = 3  # lines at the top and at the bottom of a page that may be a running head or footer
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:p[áa]g(?:ina|\.)?\s*|page\s*)?[1-9]\d{0,3}(?:\s*(?:de|/|of)\s*[1-9]\d{0,3})?(?:\s*[-–—])?$"
    r"|^(?:https?://|www\.)\S*(?:\s+[1-9]\d{0,3}\s*/\s*[1-9]\d{0,3})?$"
    r"|^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}\b", re.I)  # a browser's print: URL and "2/13", date and time
_STAMP = re.compile(r"https?://|www\.|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}:\d{2}\b")
_ENDS_SENTENCE = re.compile(r"""[.?!…:;»”"’')\]]$""")
_HYPHENATED = re.compile(r"([A-Za-zÀ-ÖØ-öø-ÿ]+)[-\u00ad]$")
_CLOSES_ASIDE = re.compile(r"[^\W\d_]-(?:\s|$)")
_JOINS_CLAUSES = frozenset("pero que porque y o pues sino aunque".split())  # "nacional-" / "pero si…": a dash
_MID_DASH = re.compile(r"[^\W\d_]- [^\W\d_]")
_WORD_START = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")
_WORDS = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:-[A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_SPACES = re.compile(r"\s+")
_NOTE = re.compile(r"\([^()]{0,160}\)?")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_LOWER = re.compile(r"[a-zß-öø-ÿ]")


# Widths of characters relative to a lower-case letter's, as proportional fonts (Helvetica,
# Arial, Times) set them: layout mode gives a character per column, so "SECRETARÍA DE
# SALUD" would look shorter than it is printed.
_NARROW = frozenset("iljtfrI.,;:!'|()[]í¡-ì’‘")
_WIDE = frozenset("mwMWÑ—%@")


def _width(text: str) -> float:
    width = 0.0
    for c in text:
        if c == " ":
            width += 0.5
        elif c in _NARROW:
            width += 0.55
        elif c in _WIDE:
            width += 1.6
        elif c.isupper():
            width += 1.25
        else:
            width += 1.0
    return width


@dataclass
class _Line:
    text: str  # white space collapsed
    indent: int  # leading spaces (layout mode's columns)
    right: float  # where the line ends: its indentation and its printed width
    gap: bool  # the page leaves a blank line before it
    page: int


@dataclass(frozen=True)
class Reflowed:
    """The rebuilt text (paragraphs separated by a blank line) and the lines left out."""

    text: str
    dropped: tuple[str, ...] = ()


def _lines(page: str, number: int) -> list[_Line]:
    lines, gap = [], False
    for raw in page.splitlines():
        raw = raw.replace("\t", " ").rstrip()
        text = _SPACES.sub(" ", raw).strip()
        if not text:
            gap = True
            continue
        indent = len(raw) - len(raw.lstrip())
        lines.append(_Line(text, indent, indent + _width(text), gap, number))
        gap = False
    return lines


def _hyphen_word(text: str) -> str | None:
    """The letters before a hyphen that ends ``text`` ("informa" of "la informa-"), or None."""
    if not text.endswith(("-", "\u00ad")):
        return None
    match = _HYPHENATED.search(text[-80:])
    return match.group(1) if match else None


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _furniture(pages: list[list[_Line]]) -> set[tuple[int, int]]:
    """``(page, line)`` of the running heads, footers and page numbers: lines at a page's top or
    bottom that repeat there on most pages (digits aside) and hardly anywhere else. The first
    page's top keeps its title (often the running head of the pages after it)."""
    edges = [page[:_EDGE_LINES] + page[-_EDGE_LINES:] for page in pages]
    counts = Counter(shape for edge in edges for shape in {_shape(line.text[:201]) for line in edge})
    everywhere = Counter(_shape(line.text[:201]) for page in pages for line in page)
    repeated = {shape for shape, n in counts.items()
                if n >= max(2, (len(pages) + 1) // 2) and everywhere[shape] <= len(pages) + 1}
    title = " ".join(line.text for line in pages[0][:2]).lower() if pages else ""
    found = set()
    for p, page in enumerate(pages):
        for top, order in ((True, range(len(page))), (False, range(len(page) - 1, -1, -1))):
            for checked, i in enumerate(order):
                text = page[i].text
                repeats = len(text) <= 200 and _shape(text) in repeated
                running_title = p and top and 15 <= len(text) <= 200 and title.startswith(text.lower())
                furniture = (_PAGE_NUMBER.match(text) or (repeats and (p or not top or _STAMP.search(text)))
                             or (running_title and _is_other(text)))
                if checked >= _EDGE_LINES or not furniture:
                    break
                found.add((p, i))
    return found


def _is_other(text: str) -> bool:
    """Not a speaker's label (a native block's label line may open a page and the document)."""
    return bool(_LOWER.search(text)) and not _opens_paragraph(text)


def _column(lines: list[_Line]) -> float:
    """The right edge of the column: what full lines reach (a long URL or a wide line aside)."""
    rights = sorted(line.right for line in lines)
    return rights[(len(rights) * 19) // 20] if rights else 0.0


def _opens_paragraph(text: str) -> bool:
    """A speaker label, a stage direction or a native block mark at the start of ``text``."""
    if text == "---" or is_stage_paragraph(text):
        return True
    found = colon_label(text) or bare_label(text)
    return bool(found) and classify_label(found[0]).kind != OTHER


def _caps_lower(text: str) -> bool:
    """Lower case outside brackets: "… JESÚS ESTEVA MEDINA (enlace videollamada)" is a label."""
    return bool(_LOWER.search(_NOTE.sub("", text)))


def _unfinished_label(text: str) -> bool:
    """Upper case without a colon: maybe the first line of a speaker label wrapped over several."""
    return not _LOWER.search(text) and ":" not in text and not _ENDS_SENTENCE.search(text) and len(text) > 12


def _ahead(lines: list[_Line], i: int) -> str:
    """Line ``i``, and the few after it when it may be the start of a wrapped label (up to a
    line that is a speaker's label of its own)."""
    texts = [lines[i].text]
    if _unfinished_label(texts[0]):
        for line in lines[i + 1:i + 6]:
            found = colon_label(line.text) or bare_label(line.text)
            if line.text == "---" or is_stage_paragraph(line.text) or (found and classify_label(found[0]).kind in (PRESS, PRESIDENT)):
                break
            texts.append(line.text)
            if ":" in line.text or _LOWER.search(line.text):
                break
    return " ".join(texts)


def _label_goes_on(last: str, native: bool, line: str, ahead: str) -> bool:
    """Whether the paragraph so far (``last``; ``native``: after a ``---``) is a label or a stage
    direction that wraps onto ``line``."""
    if not last:
        return False  # longer than a label
    if native and not _caps_lower(last):  # a native block's label line
        closed = last.endswith(")") and last.count("(") == last.count(")")
        return not closed and not _caps_lower(line) and len(_UPPER.findall(line)) >= 2
    found = colon_label(last)
    if found and found[1] >= len(last) and line != "---":
        return True  # "GOBERNADORA …, DELFINA GÓMEZ ÁLVAREZ:" / "(ENLACE VIDEOLLAMADA): Hola…"
    if _LOWER.search(last) or ":" in last or line == "---":
        return False
    if last.startswith("(") and ")" not in last:  # "(AVANCE EN LA CONSTRUCCIÓN …" / "… MILITARES)"
        return not _LOWER.search(line.split(")")[0])
    return _unfinished_label(last) and _opens_paragraph(f"{last} {ahead}")


def _laid_out_break(prev: _Line, line: _Line, column: float, base: int) -> bool:
    """The page ends the paragraph: a blank line, an indented line, or a line that stops short
    although the next line's first word would have fit on it (the typesetter's own rule)."""
    if line.indent > base + 1 or (line.gap and line.page == prev.page):
        return True
    return prev.right + _width(" " + line.text.split(" ", 1)[0]) < column * 0.97


def _breaks(prev: _Line, line: _Line, opens: bool, after_label: bool, laid_out: bool) -> bool:
    """Whether a paragraph ends between ``prev`` and ``line`` (``opens``: a label, a stage
    direction or a block mark starts at ``line``; ``after_label``: ``prev`` ends a native
    block's label line; ``laid_out``: the page says so)."""
    if _hyphen_word(prev.text) and line.text[:1].isalpha():
        return False
    if not _ENDS_SENTENCE.search(prev.text) and line.text[:1].islower() and not after_label:
        return False  # a sentence going on in lower case
    if opens or after_label or prev.text == "---" or is_stage_paragraph(prev.text):
        return True
    if colon_label(line.text) and _ENDS_SENTENCE.search(prev.text):
        return True  # an all-caps "PT: …" after a full stop: the dataset's rule opens a turn
    return laid_out


class _Joiner:
    """Joins a line ending in a hyphen to the next one as the document's own words say:
    "económico-comercial" where the document writes it so, "información" where it writes
    that, "López-Gatell" before a capital, "-y no todos- hacían" where both halves are words
    (a dash closing an aside), else the halves of a word broken at the line's end."""

    def __init__(self, lines: list[_Line]):
        self.words: Counter[str] = Counter()
        self.dashes = 0  # "palabra- palabra" inside lines: the document writes dashes as hyphens
        broken = False  # the line before ended in a hyphen: this one opens with a word's second half
        for line in lines:
            tokens = _WORDS.findall(line.text.lower())
            ends = line.text.endswith(("-", "\u00ad"))
            self.words.update(tokens[int(broken):len(tokens) - int(ends)])
            self.dashes += len(_MID_DASH.findall(line.text))
            broken = ends
        # Words broken at a line's end that the document writes whole elsewhere: it hyphenates.
        self.hyphenates = sum(1 for head, tail in zip(lines, lines[1:]) if self._whole(head.text, tail.text))

    def _whole(self, head: str, tail: str) -> bool:
        left, start = _hyphen_word(head), _WORD_START.match(tail)
        return bool(left and start and self.words[(left + start.group(0)).lower()])

    def join(self, pieces: list[str], tail: str) -> None:
        """Add the line ``tail`` to a paragraph's ``pieces`` (its lines so far)."""
        head = pieces[-1]
        left, start = _hyphen_word(head), _WORD_START.match(tail)
        if not left or not start:
            pieces.append(" " + tail)
            return
        right = start.group(0)
        low = (left + "-" + right).lower()
        if head.endswith("\u00ad") or self._whole(head, tail):
            pieces[-1] = head[:-1]
            pieces.append(tail)
            return
        if self.words[low] or (right[:1].isupper() and not left.isupper()):
            pieces.append(tail)
            return
        left_word, right_word = self.words[left.lower()], self.words[right.lower()]
        dashes = left_word and (right.lower() in _JOINS_CLAUSES or (self.dashes and self.hyphenates < 2 and right_word))
        if (_open_aside("".join(pieces[-8:])[-1000:]) and not _CLOSES_ASIDE.search(tail[:300])) or dashes:
            pieces.append(" " + tail)  # a dash closing an aside: "-y no todos-" / "hacían"
            return
        pieces[-1] = head[:-1]
        pieces.append(tail)


def _open_aside(text: str) -> bool:
    """Whether the hyphen that ends ``text`` may close an aside opened by a dash: the hyphen
    before it opens one (" -y no todos-")."""
    at = text.rfind("-", 0, len(text) - 1)
    return at >= 0 and (at == 0 or text[at - 1].isspace()) and at + 1 < len(text) - 1 and not text[at + 1].isspace()


def _text(pieces: list[str]) -> str:
    """A paragraph's text while it may still be a speaker's label; "" once it is longer."""
    if len(pieces) > 8 or sum(map(len, pieces)) > 2 * MAX_LABEL_CHARS:
        return ""
    return "".join(pieces)


def reflow(pages: list[str]) -> Reflowed:
    """Paragraphs from the text of each page (see the module's doc)."""
    laid = [_lines(page, n) for n, page in enumerate(pages)]
    furniture = _furniture(laid)
    dropped = [line.text for p, page in enumerate(laid) for i, line in enumerate(page) if (p, i) in furniture]
    body = [[line for i, line in enumerate(page) if (p, i) not in furniture] for p, page in enumerate(laid)]
    everyone = [line for page in body for line in page]
    if not everyone:
        return Reflowed("", tuple(dropped))
    columns = [_column(page) for page in body]
    bases = [min((line.indent for line in page), default=0) for page in body]
    usual = sorted(columns)[len(columns) // 2]
    joiner = _Joiner(everyone)
    paragraphs = [[everyone[0].text]]
    for i in range(1, len(everyone)):
        prev, line = everyone[i - 1], everyone[i]
        column = columns[prev.page] if len(body[prev.page]) >= 8 else usual
        laid_out = _laid_out_break(prev, line, column, bases[line.page])
        ahead = _ahead(everyone, i)
        last, native = _text(paragraphs[-1]), len(paragraphs) > 1 and paragraphs[-2] == ["---"]
        if not laid_out and _label_goes_on(last, native, line.text, ahead):
            joiner.join(paragraphs[-1], line.text)  # "SECRETARIA …, ROSA ICELA" / "RODRÍGUEZ: …"
        elif _breaks(prev, line, _opens_paragraph(ahead), native and bool(last) and not _caps_lower(last), laid_out):
            paragraphs.append([line.text])
        else:
            joiner.join(paragraphs[-1], line.text)
    return Reflowed("\n\n".join("".join(pieces) for pieces in paragraphs), tuple(dropped))


def looks_wrapped(text: str) -> bool:
    """Whether plain text holds a PDF's hard line breaks (copied from a viewer): short lines,
    more than one in seven ending inside a sentence that goes on in lower case. PDFs of the
    corpus's transcripts, copied, have a quarter or more; the gob.mx page and the dataset's
    files (a paragraph a line) under 0.3 %."""
    lines = [line.strip() for line in text[:200_000].splitlines() if line.strip()]
    if len(lines) < 12:
        return False
    lengths = sorted(len(line) for line in lines)
    if lengths[len(lengths) * 4 // 5] > 140:
        return False
    inside = sum(1 for a, b in zip(lines, lines[1:]) if not _ENDS_SENTENCE.search(a) and b[:1].islower())
    return inside > len(lines) / 7


def reflow_text(text: str) -> Reflowed:
    """`reflow` for plain text copied from a PDF: pages end at a form feed or at a page number's
    line ("Página 3 de 15", "- 3 -"), where the next page's running head follows."""
    pages, page = [], []
    for line in text.replace("\f", "\n\f\n").splitlines():
        if line == "\f":
            pages.append("\n".join(page))
            page = []
            continue
        page.append(line)
        if _PAGE_NUMBER.match(line.strip()):
            pages.append("\n".join(page))
            page = []
    pages.append("\n".join(page))
    return reflow([p for p in pages if p.strip()])


__all__ = ["reflow", "reflow_text", "looks_wrapped", "Reflowed"]
