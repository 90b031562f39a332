"""Files that are not plain text: recognised by their first bytes ("magic"), then either
read (the text of a Word .docx, of a PDF with a text layer) or refused with a message
that says what to do. Never a brief of a file's syntax, never a binary read as text.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import DecodeError
from ..settings import max_input_bytes

# (magic at offset 0, what it is, what to do); checked after the text BOMs.
_SAVE_AS = "save it as .txt (UTF-8), .docx or PDF and try again"
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc, .xls)", _SAVE_AS),
    (b"{\\rtf", "an RTF document", _SAVE_AS),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "give the transcript's text, not a picture of it"),
    (b"\xff\xd8\xff", "a JPEG image", "give the transcript's text, not a picture of it"),
    (b"GIF87a", "a GIF image", "give the transcript's text, not a picture of it"),
    (b"GIF89a", "a GIF image", "give the transcript's text, not a picture of it"),
    (b"II*\x00", "a TIFF image", "give the transcript's text, not a picture of it"),
    (b"MM\x00*", "a TIFF image", "give the transcript's text, not a picture of it"),
    (b"\x1f\x8b", "a gzip archive", "unpack it and give the transcript inside"),
    (b"\xfd7zXZ\x00", "an xz archive", "unpack it and give the transcript inside"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and give the transcript inside"),
    (b"Rar!\x1a\x07", "a RAR archive", "unpack it and give the transcript inside"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive", "unpack it and give the transcript inside"),
    (b"\x7fELF", "a program (ELF)", "give a transcript"),
    (b"SQLite format 3\x00", "an SQLite database", "give a transcript"),
    (b"ID3", "an MP3 recording", "give the transcript's text (this tool does not transcribe audio)"),
    (b"OggS", "an Ogg recording", "give the transcript's text (this tool does not transcribe audio)"),
    (b"fLaC", "a FLAC recording", "give the transcript's text (this tool does not transcribe audio)"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video", "give the transcript's text (this tool does not transcribe video)"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")


def sniff(raw: bytes) -> str | None:
    """"pdf", "zip" or "riff"/"mp4" (refused later) when ``raw`` starts like such a file; else None.

    Raises `DecodeError` at once for the other binary formats `SIGNATURES` knows."""
    head = raw[:1024]
    if b"%PDF-" in head:  # the PDF header may follow a little junk
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        return "zip"
    for magic, what, todo in SIGNATURES:
        if raw.startswith(magic):
            raise DecodeError(f"the input is {what}, not a transcript: {todo}")
    if _BZIP2.match(raw):
        raise DecodeError("the input is a bzip2 archive, not a transcript: unpack it and give the transcript inside")
    if raw[:4] == b"RIFF" and raw[8:12] in (b"WAVE", b"AVI ", b"WEBP"):
        raise DecodeError("the input is a recording, a video or an image (RIFF), not a transcript: give its text")
    if raw[4:8] == b"ftyp":
        raise DecodeError("the input is an MP4/QuickTime recording, not a transcript: give its text")
    return None


def docx_text(raw: bytes, max_bytes: int | None = None) -> str:
    """The paragraphs (and table cells) of a Word .docx, one paragraph per line, blank lines
    between. Raises `DecodeError` for another kind of ZIP file or a damaged document."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DecodeError(f"the input is a damaged ZIP file ({exc}): {_SAVE_AS}") from None
    if "word/document.xml" not in names:
        kind = "an OpenDocument file (.odt, .ods)" if "mimetype" in names else "a ZIP archive (or .xlsx, .pptx…)"
        raise DecodeError(f"the input is {kind}, not a transcript: {_SAVE_AS}")
    # A few kilobytes can unpack to gigabytes: refuse a document whose XML is out of proportion.
    unpacked = sum(info.file_size for name, info in names.items() if name.startswith("word/"))
    if unpacked > 40 * max_input_bytes(max_bytes):
        raise DecodeError(f"the .docx unpacks to {unpacked:,} bytes, far over the input limit: {_SAVE_AS}")
    from docx import Document

    try:
        document = Document(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on a damaged file
        raise DecodeError(f"the .docx cannot be read ({type(exc).__name__}: {exc}): {_SAVE_AS}") from None
    paragraphs = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells))
            paragraphs.append(" | ".join(c for c in cells if c))
    return "\n\n".join(p for p in paragraphs if p)


def pdf_text(raw: bytes) -> tuple[str, int]:
    """``(text, pages)`` of a PDF with a text layer, pages separated by a blank line.

    Raises `DecodeError` for a damaged or encrypted PDF, and for one without text (a scan)."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd files are not ours
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DecodeError("the PDF is password-protected: open it, save an unprotected copy or its text, and try again")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except DecodeError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DecodeError(f"the PDF cannot be read ({type(exc).__name__}: {exc}); save its text as .txt and try again") from None
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise DecodeError(f"the PDF ({len(pages)} pages) has no text layer, only images (a scan?): run OCR on it "
                          "or copy its text, and try again")
    return text, len(pages)


__all__ = ["sniff", "docx_text", "pdf_text", "SIGNATURES"]
