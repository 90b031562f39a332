"""Files that are not plain text: recognised by their first bytes ("magic"), then either
read (the text of a Word .docx, of a PDF with a text layer) or refused with a message
that says what to do. Never a brief of a file's syntax, never a binary read as text.
A PDF's lines are rebuilt into paragraphs (`reflow`) before anything parses them.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import DecodeError
from ..notes import Note
from ..settings import max_input_bytes
from .reflow import reflow

# (magic at offset 0, kind, format): see `notes.KINDS`; checked after the text BOMs.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc", ""),
    (b"{\\rtf", "rtf", ""),
    (b"\x89PNG\r\n\x1a\n", "image", "PNG"),
    (b"\xff\xd8\xff", "image", "JPEG"),
    (b"GIF87a", "image", "GIF"),
    (b"GIF89a", "image", "GIF"),
    (b"II*\x00", "image", "TIFF"),
    (b"MM\x00*", "image", "TIFF"),
    (b"\x1f\x8b", "archive", "gzip"),
    (b"\xfd7zXZ\x00", "archive", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "archive", "7-Zip"),
    (b"Rar!\x1a\x07", "archive", "RAR"),
    (b"\x28\xb5\x2f\xfd", "archive", "zstd"),
    (b"\x7fELF", "program", "ELF"),
    (b"SQLite format 3\x00", "database", "SQLite"),
    (b"ID3", "media", "MP3"),
    (b"OggS", "media", "Ogg"),
    (b"fLaC", "media", "FLAC"),
    (b"\x1aE\xdf\xa3", "media", "Matroska/WebM"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")


def _refuse(kind: str, format: str = "") -> DecodeError:
    return DecodeError(note=Note("error.kind", kind=kind, format=format))


def sniff(raw: bytes) -> str | None:
    """"pdf" or "zip" when ``raw`` starts like such a file; else None.

    Raises `DecodeError` at once for the other binary formats `SIGNATURES` knows."""
    head = raw[:1024]
    if b"%PDF-" in head:  # the PDF header may follow a little junk
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        return "zip"
    for magic, kind, format in SIGNATURES:
        if raw.startswith(magic):
            raise _refuse(kind, format)
    if _BZIP2.match(raw):
        raise _refuse("archive", "bzip2")
    if raw[:4] == b"RIFF" and raw[8:12] in (b"WAVE", b"AVI ", b"WEBP"):
        raise _refuse("image" if raw[8:12] == b"WEBP" else "media", raw[8:12].decode().strip())
    if raw[4:8] == b"ftyp":
        raise _refuse("media", "MP4/QuickTime")
    return None


def docx_text(raw: bytes, max_bytes: int | None = None) -> str:
    """The paragraphs (and table cells) of a Word .docx, one paragraph per line, blank lines
    between. Raises `DecodeError` for another kind of ZIP file or a damaged document."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DecodeError(note=Note("error.zip_damaged", detail=str(exc))) from None
    if "word/document.xml" not in names:
        raise _refuse("odf" if "mimetype" in names else "zip")
    # A few kilobytes can unpack to gigabytes: refuse a document whose XML is out of proportion.
    unpacked = sum(info.file_size for name, info in names.items() if name.startswith("word/"))
    if unpacked > 40 * max_input_bytes(max_bytes):
        raise DecodeError(note=Note("error.docx_bomb", size=unpacked))
    from docx import Document

    try:
        document = Document(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on a damaged file
        raise DecodeError(note=Note("error.docx_damaged", detail=f"{type(exc).__name__}: {exc}")) from None
    paragraphs = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells))
            paragraphs.append(" | ".join(c for c in cells if c))
    return "\n\n".join(p for p in paragraphs if p)


def pdf_text(raw: bytes) -> tuple[str, int, tuple[str, ...]]:
    """``(text, pages, dropped)`` of a PDF with a text layer: its paragraphs rebuilt from the
    pages' lines (`reflow`: hard line breaks, hyphenation, running heads and page numbers),
    separated by a blank line, and the running heads and page numbers left out.

    Raises `DecodeError` for a damaged or encrypted PDF, and for one without text (a scan)."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd files are not ours
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DecodeError(note=Note("error.pdf_encrypted"))
        pages = [_page_text(page) for page in reader.pages]
    except DecodeError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DecodeError(note=Note("error.pdf_damaged", detail=f"{type(exc).__name__}: {exc}")) from None
    if not "".join(pages).strip():
        raise DecodeError(note=Note("error.pdf_no_text", pages=len(pages)))
    rebuilt = reflow(pages)
    return rebuilt.text, len(pages), rebuilt.dropped


def _page_text(page) -> str:
    """A page's lines as laid out (indentation, blank lines where the page leaves space), or as
    plain text where pypdf's layout mode cannot read the page."""
    from pypdf.errors import PdfReadError

    try:
        return page.extract_text(extraction_mode="layout") or ""
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, ZeroDivisionError, AttributeError):
        return page.extract_text() or ""


__all__ = ["sniff", "docx_text", "pdf_text", "SIGNATURES"]
