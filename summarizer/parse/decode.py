"""Input → text, never losing or inventing text silently: the one decoder.

* Text: UTF-8 (with or without BOM); UTF-16 and UTF-32 with a BOM or without one
  (recognised by where their zero bytes fall); Windows-1252 only when the bytes are
  not UTF-8 with a few bad bytes (real legacy files have no valid UTF-8 sequences).
  Invalid bytes become “\ufffd” and a `Note` says how many and where the first are.
* Documents: a Word ``.docx`` and a PDF with a text layer give their text; an HTML page
  its visible text. Text pasted from a PDF, hard line breaks and all, has its paragraphs
  rebuilt (`reflow`) as a PDF's are. Other binary files are refused by their first bytes
  (`documents`), and text full of control characters as binary.
* The size limit applies to the input as given.

`read_text` gives the text and its notes (they join `Transcript.warnings`); `decode`
the text alone.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..errors import DecodeError, EmptyTranscriptError
from ..notes import Note
from ..settings import check_size
from .documents import docx_text, pdf_text, sniff
from .htmltext import looks_like_html, read_html
from .reflow import looks_wrapped, reflow_text

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_BLANK = " \t\r\n\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000\x0b\x0c"
_CONTROLS = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c") | {"\x7f"}
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
FIRST_SHOWN = 3
"""How many bad spots a note lists."""


@dataclass(frozen=True)
class Decoded:
    """Decoded input: ``text``, how it was read (``encoding``: "utf-8", "utf-16-le",
    "cp1252", "docx", "pdf", "str"…) and what the reader should know (``notes``)."""

    text: str
    encoding: str
    notes: tuple[Note, ...] = ()


def decode(data: str | bytes, max_bytes: int | None = None) -> str:
    """The text of a transcript given as bytes or str (see `read_text`)."""
    return read_text(data, max_bytes).text


def read_text(data: str | bytes, max_bytes: int | None = None, *, html: bool = False) -> Decoded:
    """Decode input bytes (or check a str), check its size, reduce HTML to text.

    ``html``: the input is known to be HTML (a ``.html`` upload). Raises `DecodeError`
    for binary input, `EmptyTranscriptError`, `InputTooLargeError`."""
    if isinstance(data, str):
        check_size(len(data.encode("utf-8", "surrogatepass")), max_bytes)
        decoded = Decoded(data, "str", _replacement_notes(data))
    elif isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        check_size(len(raw), max_bytes)
        decoded = _from_bytes(raw, max_bytes)
    else:
        raise TypeError(f"a transcript is str or bytes, not {type(data).__name__}")
    _refuse_binary_text(decoded.text)
    if html or looks_like_html(decoded.text):
        page, furniture = read_html(decoded.text)
        notes = decoded.notes + (Note("decode.html"),)
        if furniture:  # joined by the parser with the furniture it finds in the text
            notes += (Note("parse.furniture", paragraphs=len(furniture), first=furniture[0][:120]),)
        decoded = Decoded(page, decoded.encoding, notes)
    elif decoded.encoding not in ("pdf", "docx") and looks_wrapped(decoded.text):
        rebuilt = reflow_text(decoded.text)  # a PDF's text pasted with its line breaks
        notes = decoded.notes + (Note("decode.reflowed"),)
        if rebuilt.dropped:
            notes += (Note("decode.pdf_furniture", lines=len(rebuilt.dropped), first=rebuilt.dropped[0][:80]),)
        decoded = Decoded(rebuilt.text, decoded.encoding, notes)
    if not decoded.text.strip(_BLANK):
        raise EmptyTranscriptError(note=Note("error.empty"))
    return decoded


def _from_bytes(raw: bytes, max_bytes: int | None) -> Decoded:
    for bom, encoding, name in _BOMS:
        if raw.startswith(bom):
            return _lossy(raw[len(bom):], encoding, name)
    kind = sniff(raw)
    if kind == "pdf":
        text, pages, dropped = pdf_text(raw)
        notes = (Note("decode.pdf", pages=pages),)
        if dropped:
            notes += (Note("decode.pdf_furniture", lines=len(dropped), first=dropped[0][:80]),)
        return Decoded(text, "pdf", notes)
    if kind == "zip":
        return Decoded(docx_text(raw, max_bytes), "docx")
    wide = _wide_encoding(raw)
    if wide is not None:
        return _lossy(raw, wide, "UTF-16" if "16" in wide else "UTF-32")
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(raw):
        return _lossy(raw, "utf-8", "UTF-8")
    odd = _odd_bytes(raw)
    if odd > max(2, len(raw) // 100):
        raise DecodeError(note=Note("error.not_text", odd=odd, total=len(raw)))
    legacy = _lossy(raw, "cp1252", "Windows-1252")
    return Decoded(legacy.text, "cp1252", (Note("decode.legacy"),) + legacy.notes)


def _wide_encoding(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, told by where the zero bytes of Latin text fall."""
    sample = raw[:4096]
    if sample.count(0) < len(sample) // 8 or len(sample) < 4:
        return None
    n = len(sample) - len(sample) % 4

    def zeros(offset: int, step: int) -> float:
        column = sample[offset:n:step]
        return column.count(0) / max(1, len(column))

    if zeros(2, 4) > 0.9 and zeros(3, 4) > 0.9 and zeros(0, 4) < 0.2:
        return "utf-32-le"
    if zeros(0, 4) > 0.9 and zeros(1, 4) > 0.9 and zeros(3, 4) < 0.2:
        return "utf-32-be"
    if zeros(1, 2) > 0.6 and zeros(0, 2) < 0.1:
        return "utf-16-le"
    if zeros(0, 2) > 0.6 and zeros(1, 2) < 0.1:
        return "utf-16-be"
    return None


def _mostly_utf8(raw: bytes) -> bool:
    """UTF-8 with a few bad bytes, not legacy text: more valid multi-byte sequences than invalid ones."""
    text = raw.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    valid = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return valid > invalid


def _odd_bytes(raw: bytes) -> int:
    """Control bytes and bytes Windows-1252 leaves undefined: few in any text file."""
    odd = sum(raw.count(bytes([b])) for b in range(32) if b not in b"\t\n\r\x0b\x0c")
    return odd + sum(raw.count(bytes([b])) for b in _CP1252_UNDEFINED)


def _lossy(raw: bytes, encoding: str, name: str) -> Decoded:
    """``raw`` decoded, each invalid sequence replaced by U+FFFD and reported in a note."""
    try:
        return Decoded(raw.decode(encoding), encoding)
    except UnicodeDecodeError:
        pass
    text = raw.decode(encoding, "replace")
    count = text.count("\ufffd") - raw.decode(encoding, "ignore").count("\ufffd")
    first = _first_bad(raw, encoding)
    return Decoded(text, encoding, (Note("decode.invalid", count=count, encoding=name,
                                         first=[_line_and_char(text, at) for at in first]),))


def _first_bad(raw: bytes, encoding: str) -> list[int]:
    """Character offsets (in the replaced text) of the first invalid sequences."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    view, pos, chars, found = memoryview(raw), 0, 0, []
    while len(found) < FIRST_SHOWN and pos < len(raw):
        try:
            chars += len(decoder.decode(view[pos:], final=True))
            break
        except UnicodeDecodeError as exc:
            decoder.reset()
            chars += len(decoder.decode(view[pos:pos + exc.start], final=True))
            found.append(chars)
            chars += 1
            pos += exc.end
            decoder.reset()
    return found


def _line_and_char(text: str, at: int) -> list[int]:
    return [text.count("\n", 0, at) + 1, at]


def _replacement_notes(text: str) -> tuple[Note, ...]:
    """A str already holding U+FFFD lost bytes before it reached us: say where."""
    count = text.count("\ufffd")
    if not count:
        return ()
    first, at = [], -1
    while len(first) < FIRST_SHOWN and (at := text.find("\ufffd", at + 1)) >= 0:
        first.append(_line_and_char(text, at))
    return (Note("decode.replacement", count=count, first=first),)


def _refuse_binary_text(text: str) -> None:
    """Text full of control characters is binary data decoded by mistake (a pasted file)."""
    if "\x00" in text:
        at = text.index("\x00")
        raise DecodeError(note=Note("error.nul", at=at))
    sample = text[:200_000]
    controls = sum(sample.count(c) for c in _CONTROLS)
    if controls > max(2, len(sample) // 200):
        raise DecodeError(note=Note("error.controls", count=controls, total=len(sample)))


__all__ = ["decode", "read_text", "Decoded"]
