"""The decoder never loses or invents text silently: bad bytes are replaced and reported
where they are, legacy text is read as such only when it is, wide encodings are
recognised with or without a BOM, documents give their text and other binaries are
refused by their first bytes."""

from __future__ import annotations

import io
import zipfile

import pytest

from summarizer import DecodeError, parse_transcript, summarize
from summarizer.notes import Note
from summarizer.parse.decode import decode, read_text

from pdfmaker import pdf_file
from support import SEEDS

SEED = SEEDS / "2023-12-28.web.txt"

TRANSCRIPT = (
    "Versión estenográfica de la conferencia de prensa matutina\n\n"
    "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días. Álvaro Obregón y Ñuflo de Chávez están aquí.\n\n"
    "PREGUNTA: ¿Qué opina usted del acuerdo con Estados Unidos?\n\n"
    "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Vamos a informar mañana sobre el acuerdo, sí.\n"
)


def _note(decoded, code):
    found = [n for n in decoded.notes if n.code == code]
    assert found, decoded.notes
    return found[0]


# ---------------------------------------------------------------- UTF-8 with bad bytes


def test_one_bad_byte_in_utf8_is_replaced_and_reported_where_it_is():
    raw = TRANSCRIPT.encode("utf-8")
    at = raw.index("Álvaro".encode()) + len("Álvaro".encode())  # a stray byte right after a valid "Á…"
    raw = raw[:at] + b"\x81" + raw[at:]
    decoded = read_text(raw)
    expected = TRANSCRIPT.replace("Álvaro", "Álvaro\ufffd")
    assert decoded.text == expected  # nothing else changed: no mojibake, every accent intact
    assert "Ã" not in decoded.text and "LÓPEZ OBRADOR" in decoded.text
    note = _note(decoded, "decode.invalid")
    char = expected.index("\ufffd")
    assert note.params == {"count": 1, "encoding": "UTF-8", "first": [[3, char]]}
    assert expected[char - 6:char] == "Álvaro"
    assert str(note) == ("1 invalid byte sequence in the UTF-8 input was replaced by “\ufffd” (first at line 3, "
                         f"character {char}): check those places against the original")


def test_the_mojibake_of_the_report_never_happens():
    # A UTF-8 transcript with a few bad bytes used to become cp1252 mojibake.
    raw = TRANSCRIPT.encode("utf-8").replace(b"Buenos", b"\x90Buenos").replace("mañana".encode(), b"ma\x9d\x81ana")
    text = decode(raw)
    assert "ANDRÉS MANUEL LÓPEZ OBRADOR" in text
    assert "Andrã" not in text and "ã‰" not in text and "Ã" not in text
    note = _note(read_text(raw), "decode.invalid")
    assert note.params["count"] == 3
    assert [text[c] for _, c in note.params["first"]] == ["\ufffd"] * 3


def test_bad_byte_offsets_are_character_offsets_in_the_decoded_text():
    raw = "é\nñ".encode() + b"\xff" + "ü\n".encode() + b"\xfe" + b"x"
    decoded = read_text(raw)
    assert decoded.text == "é\nñ\ufffdü\n\ufffdx"
    assert _note(decoded, "decode.invalid").params["first"] == [[2, 3], [3, 6]]


def test_real_windows_1252_is_read_as_such_and_said_so():
    raw = TRANSCRIPT.encode("cp1252")
    decoded = read_text(raw)
    assert decoded.text == TRANSCRIPT and decoded.encoding == "cp1252"
    assert [n.code for n in decoded.notes] == ["decode.legacy"]


def test_windows_1252_undefined_bytes_are_replaced_and_reported():
    raw = TRANSCRIPT.encode("cp1252").replace(b"Buenos", b"Bue\x81nos")
    decoded = read_text(raw)
    assert "Bue\ufffdnos" in decoded.text and "LÓPEZ" in decoded.text
    assert [n.code for n in decoded.notes] == ["decode.legacy", "decode.invalid"]


def test_a_replacement_character_already_in_a_string_is_reported():
    decoded = read_text("PREGUNTA: ¿Qu\ufffd opina?")
    assert _note(decoded, "decode.replacement").params == {"count": 1, "first": [[1, 13]]}


# ---------------------------------------------------------------- wide encodings


@pytest.mark.parametrize("encoding,bom", [
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"),
])
def test_utf16_and_utf32_with_and_without_bom(encoding, bom):
    body = TRANSCRIPT.encode(encoding)
    assert decode(bom + body) == TRANSCRIPT  # UTF-32 LE's BOM starts like UTF-16's: never read as UTF-16
    without = read_text(body)
    assert without.text == TRANSCRIPT and without.encoding == encoding
    assert without.notes == ()


def test_broken_utf16_is_replaced_and_reported():
    raw = b"\xff\xfe" + "PREGUNTA: ¿Sí?".encode("utf-16-le") + b"\x00\xd8" + "ok".encode("utf-16-le")
    decoded = read_text(raw)
    assert decoded.text == "PREGUNTA: ¿Sí?\ufffdok"
    assert _note(decoded, "decode.invalid").params["encoding"] == "UTF-16"


# ---------------------------------------------------------------- documents


def make_pdf(lines: list[str], compress: bool = False) -> bytes:
    """A one-page PDF whose text is ``lines`` (WinAnsi: Spanish accents), uncompressed by default."""
    import zlib

    ops = ["BT", "/F1 11 Tf", "14 TL", "50 800 Td"]
    for line in lines:
        escaped = line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(f"({escaped.decode('latin-1')}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    filters = b""
    if compress:
        stream, filters = zlib.compress(stream), b" /Filter /FlateDecode"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(stream), filters) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return pdf_file(objects)


PDF_LINES = ["PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días.", "",
             "PREGUNTA: ¿Qué opina del acuerdo?", "",
             "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Vamos a informar mañana."]


@pytest.mark.parametrize("compress", [False, True])
def test_a_text_pdf_gives_its_text_never_its_syntax(compress):
    doc = parse_transcript(make_pdf(PDF_LINES, compress))
    for syntax in ("endobj", "endstream", "/Type", "Tj", "%PDF"):
        assert syntax not in doc.text
    assert [t.speaker.display for t in doc.turns] == ["López Obrador", "Reporter", "López Obrador"]
    assert doc.turns[2].text == "Vamos a informar mañana."
    assert [w.code for w in doc.warnings if w.code.startswith("decode.")] == ["decode.pdf"]


def test_a_pdf_without_text_and_a_damaged_pdf_are_refused():
    with pytest.raises(DecodeError, match="no text layer"):
        decode(make_pdf([]))
    with pytest.raises(DecodeError, match="PDF cannot be read"):
        decode(b"%PDF-1.4\n" + b"\x00garbage" * 50)


def make_docx(paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Cuadro", "270 mil hogares"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_gives_its_paragraphs_and_tables():
    text = decode(make_docx([line for line in PDF_LINES if line]))
    assert text == "\n\n".join([line for line in PDF_LINES if line] + ["Cuadro | 270 mil hogares"])
    doc = parse_transcript(make_docx([line for line in PDF_LINES if line]))
    assert [t.speaker.display for t in doc.turns] == ["López Obrador", "Reporter", "López Obrador"]


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_other_zip_files_and_zip_bombs_are_refused():
    with pytest.raises(DecodeError, match="ZIP archive"):
        decode(_zip({"a.txt": b"hola"}))
    with pytest.raises(DecodeError, match="OpenDocument"):
        decode(_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}))
    with pytest.raises(DecodeError, match="unpacks to"):
        decode(_zip({"word/document.xml": b" " * 2_000_000}), max_bytes=10_000)


@pytest.mark.parametrize("data,what", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, r"an image \(PNG\), not a transcript: give the transcript's text"),
    (b"\x1f\x8b\x08\x00" + b"\x00" * 40, r"a compressed archive \(gzip\), not a transcript: unpack it"),
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, r"a program \(ELF\)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, r"an old Office document \(.doc, .xls\), not a transcript: save"),
    (b"{\\rtf1\\ansi PREGUNTA: hola}", "an RTF document"),
    (b"ID3\x03\x00" + b"\x00" * 40, r"a recording or a video \(MP3\)"),
])
def test_binary_files_are_refused_by_their_first_bytes(data, what):
    with pytest.raises(DecodeError, match="^the input is " + what) as caught:
        parse_transcript(data)
    assert caught.value.render("es").startswith("la entrada es ")


def test_binary_without_a_known_signature_is_refused():
    noise = bytes(range(256)) * 20
    with pytest.raises(DecodeError, match="the input is not text"):
        parse_transcript(noise)


# ---------------------------------------------------------------- pasted text


def test_pasted_binary_is_refused():
    with pytest.raises(DecodeError, match="NUL"):
        parse_transcript("PREGUNTA: hola\x00\x00\x01")
    with pytest.raises(DecodeError, match="control characters"):
        parse_transcript("PK\x03\x04\x14\x01\x06\x02\x08\x03" + "x" * 100 + "\x01\x02\x03\x1b\x10")


def test_pasted_html_is_reduced_to_its_text():
    html = ("<p><strong>PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR:</strong> Buenos días.</p>\n"
            "<p><strong>PREGUNTA:</strong> ¿Qué opina?</p>")
    doc = parse_transcript(html)
    assert doc.text == "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días.\n\nPREGUNTA: ¿Qué opina?"
    assert [w.code for w in doc.warnings if w.code.startswith("decode.")] == ["decode.html"]
    assert parse_transcript("<b>note</b> PREGUNTA: a < b").text.startswith("<b>note</b>")  # not a page: kept


# ---------------------------------------------------------------- the notes reach the brief


def test_decoding_notes_reach_the_brief_in_its_language():
    raw = SEED.read_bytes().replace(b"Buenos", b"\x81Buenos", 1)
    doc = parse_transcript(raw)
    assert isinstance(doc.warnings[0], Note) and doc.warnings[0].code == "decode.invalid"
    brief = summarize(raw, target="es", mode="extractive")
    assert brief.warnings[0].startswith("1 secuencia de bytes no válida en la entrada UTF-8 se reemplazó por “\ufffd”")
    assert brief.notes[0]["code"] == "decode.invalid" and brief.notes[0]["params"]["count"] == 1
    assert "1 secuencia de bytes no válida" in brief.to_markdown()
