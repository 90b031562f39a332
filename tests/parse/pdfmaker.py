"""A small PDF writer for tests: paragraphs typeset as a word processor or a browser's
"print to PDF" lays them out, so that the reader meets what real PDFs hold.

Text is set in Helvetica (WinAnsi encoding, widths from pypdf's copy of Adobe's core font
metrics), wrapped at the column's width, left-aligned or justified (``Tw``), optionally
hyphenated inside long words; pages carry a running head and a footer (a page number, a
URL, a date). Nothing here is part of the package: the reader must manage without it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pypdf._codecs.core_font_metrics import CORE_FONT_METRICS  # Adobe's AFM widths, shipped with pypdf

_WIDTHS = CORE_FONT_METRICS["Helvetica"].character_widths
_VOWELS = set("aeiouáéíóúü")


def text_width(text: str, size: float) -> float:
    """The width of ``text`` in Helvetica at ``size`` points."""
    default = _WIDTHS.get("default", 556)
    return sum(_WIDTHS.get(c, default) for c in text) * size / 1000


def printable(text: str) -> str:
    """``text`` with what WinAnsi cannot encode replaced, white space inside lines collapsed:
    the text file a PDF of it can be compared with."""
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    text = text.encode("cp1252", "replace").decode("cp1252")
    return "\n".join(re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())


@dataclass
class Layout:
    """How the pages look. Widths and positions in points (A4: 595 × 842)."""

    size: float = 11
    leading: float = 14
    gap: float = 8  # extra space between paragraphs; 0: none (the first line is then indented by ``indent``)
    indent: float = 0
    left: float = 72
    width: float = 451
    top: float = 770
    bottom: float = 72
    justify: bool = False
    hyphenate: bool = False
    head: Callable[[int, int], Sequence[str]] | None = None  # page, pages → lines above the text
    foot: Callable[[int, int], Sequence[str]] | None = None  # page, pages → lines below the text
    foot_first: bool = False  # the footer drawn before the body (some writers do)


def _split_word(word: str, room: float, size: float) -> tuple[str, str] | None:
    """``(head + "-", tail)``: a long word broken after a vowel that precedes a consonant,
    each part at least three letters, the head fitting in ``room``."""
    if len(word) < 8 or not word.isalpha():
        return None
    best = None
    for i in range(3, len(word) - 2):
        if word[i - 1].lower() in _VOWELS and word[i].lower() not in _VOWELS and word[i + 1].lower() in _VOWELS:
            if text_width(word[:i] + "-", size) <= room:
                best = i
    return (word[:best] + "-", word[best:]) if best else None


def wrap(paragraph: str, layout: Layout, first_indent: float = 0) -> list[str]:
    """The lines of one paragraph at the column's width (a word wider than the column stands alone)."""
    size, lines, line = layout.size, [], ""
    for word in paragraph.split():
        width = layout.width - (first_indent if not lines else 0)
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size) <= width:
            line = candidate
            continue
        piece = _split_word(word, width - text_width(line + " ", size), size) if layout.hyphenate and line else None
        if piece:
            lines.append(f"{line} {piece[0]}")
            line = piece[1]
        elif line:
            lines.append(line)
            line = word
        else:
            lines.append(word)
    if line:
        lines.append(line)
    return lines


def _escape(text: str) -> str:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").decode("latin-1")


def _show(x: float, y: float, text: str, size: float, spacing: float = 0) -> str:
    return f"BT /F1 {size:g} Tf {spacing:.3f} Tw 1 0 0 1 {x:.2f} {y:.2f} Tm ({_escape(text)}) Tj ET"


def _pages(paragraphs: Sequence[str], layout: Layout) -> list[list[str]]:
    """Each page's body as drawing operators."""
    pages: list[list[str]] = [[]]
    y = layout.top
    for paragraph in paragraphs:
        indent = layout.indent if not layout.gap else 0
        lines = wrap(paragraph, layout, indent)
        for n, line in enumerate(lines):
            if y < layout.bottom:
                pages.append([])
                y = layout.top
            x = layout.left + (indent if n == 0 else 0)
            spacing = 0.0
            if layout.justify and n < len(lines) - 1 and line.count(" "):
                room = layout.width - (indent if n == 0 else 0) - text_width(line, layout.size)
                spacing = room / line.count(" ")
            pages[-1].append(_show(x, y, line, layout.size, spacing))
            y -= layout.leading
        y -= layout.gap
    return pages


def make_pdf(paragraphs: Sequence[str], layout: Layout | None = None, compress: bool = True) -> bytes:
    """A PDF of ``paragraphs`` (one string each) laid out as ``layout`` says."""
    layout = layout or Layout()
    bodies = _pages([p for p in paragraphs if p.strip()], layout)
    total = len(bodies)
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    font = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for number, body in enumerate(bodies, 1):
        head = [_show(layout.left, layout.top + 30 - 12 * i, line, 9)
                for i, line in enumerate(layout.head(number, total) if layout.head else [])]
        foot = [_show(layout.left, layout.bottom - 30 - 12 * i, line, 9)
                for i, line in enumerate(layout.foot(number, total) if layout.foot else [])]
        ops = (foot + head + body) if layout.foot_first else (head + body + foot)
        stream = "\n".join(ops).encode("latin-1")
        extra = b""
        if compress:
            stream, extra = zlib.compress(stream), b" /Filter /FlateDecode"
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(stream), extra) + stream + b"\nendstream")
        contents = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (contents, font))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), total)
    return pdf_file(objects, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")


def pdf_file(objects: Sequence[bytes], header: bytes = b"%PDF-1.4\n") -> bytes:
    """A PDF file of ``objects`` (numbered from 1 in order; the first is the catalog): each
    object, the cross-reference table of their offsets and the trailer."""
    out, offsets = bytearray(header), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def official(title: str) -> Layout:
    """The Presidency's own PDF: justified, a running head, "Página n de N" below."""
    return Layout(justify=True, hyphenate=True, head=lambda n, total: [title] if n > 1 else [],
                  foot=lambda n, total: [f"Página {n} de {total}"])


def printed(url: str, title: str, stamp: str = "28/12/23, 10:41") -> Layout:
    """A browser's "print to PDF" of the page: date and title above, URL and "n/N" below."""
    return Layout(size=10, leading=13, gap=7, head=lambda n, total: [f"{stamp} {title}"],
                  foot=lambda n, total: [f"{url} {n}/{total}"], foot_first=True)


def word_processor() -> Layout:
    """A document typed up by hand: no space between paragraphs, the first line indented,
    a bare page number below."""
    return Layout(gap=0, indent=24, foot=lambda n, total: [str(n)])
