"""A PDF of a transcript reads as its text file: the same turns and the same brief lead.

The PDFs are made here (`pdfmaker`) the ways real ones are: the Presidency's own layout
(justified, hyphenated, a running head, "Página n de N"), a browser's print of the page
(a date and title above, the URL and "n/N" below, the footer drawn first), a document typed
by hand (indented paragraphs, a bare page number) and a narrow hyphenated column where
speaker labels wrap over several lines.
"""

from __future__ import annotations

import re

import pytest

from summarizer import Summarizer, SummaryOptions, parse_transcript
from summarizer.parse.decode import read_text
from summarizer.parse.reflow import reflow
from summarizer.testing import fake_models

from pdfmaker import Layout, make_pdf, official, printable, printed, word_processor
from support import CORPUS, DATA

LAYOUTS = {
    "official": lambda title: official(title),
    "printed": lambda title: printed("https://www.gob.mx/presidencia/prensa/version-estenografica", title[:40]),
    "typed": lambda title: word_processor(),
    "narrow": lambda title: Layout(width=300, gap=3, hyphenate=True, foot=lambda n, total: [f"- {n} -"]),
}
BRIEF = Summarizer(SummaryOptions(mode="extractive"), models=fake_models())


def _pdf_and_text(source: str, layout: str) -> tuple[bytes, str]:
    text = printable(source)
    paragraphs = [line for line in text.splitlines() if line.strip()]
    return make_pdf(paragraphs, LAYOUTS[layout](paragraphs[0][:100])), text


def _turns(doc) -> list[tuple[str, str]]:
    return [(t.label, re.sub(r"\s+", " ", t.text).strip()) for t in doc.turns]


def _same_turns(pdf_doc, text_doc) -> None:
    got, want = _turns(pdf_doc), _turns(text_doc)
    for i, (a, b) in enumerate(zip(got, want)):
        assert a == b, f"turn {i}: {a[0]!r} {a[1][:200]!r}\n!= {b[0]!r} {b[1][:200]!r}"
    assert len(got) == len(want)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("name", ["2024-05-10.web.txt", "2024-05-10.native.txt", "2022-04-27.excerpt.web.txt",
                                  "2021-01-18.excerpt.web.txt"])
def test_a_pdf_gives_the_turns_and_the_lead_of_its_text(name, layout):
    pdf, text = _pdf_and_text((DATA / name).read_text(encoding="utf-8"), layout)
    pdf_doc, text_doc = parse_transcript(pdf), parse_transcript(text)
    _same_turns(pdf_doc, text_doc)
    assert pdf_doc.date == text_doc.date and pdf_doc.title.startswith(text_doc.title)
    lead = BRIEF.summarize(pdf_doc, target="es").lead
    assert lead and lead == BRIEF.summarize(text_doc, target="es").lead
    assert not [w for w in pdf_doc.warnings if w.code == "parse.truncated"]


def test_page_furniture_is_left_out_and_said():
    pdf, _ = _pdf_and_text((DATA / "2022-04-27.excerpt.web.txt").read_text(encoding="utf-8"), "official")
    decoded = read_text(pdf)
    assert "Página" not in decoded.text
    note = next(n for n in decoded.notes if n.code == "decode.pdf_furniture")
    assert note.params["first"] == "Página 1 de 4" and note.params["lines"] >= 4
    assert "Página 1 de 4" in note.render("en") and "encabezados" in note.render("es")


def _page(*lines: str) -> str:
    return "\n".join(lines)


def test_hyphens_join_as_the_document_writes_its_words():
    body = [
        "En materia de información tenemos el acuerdo económico-comercial con Estados Unidos, y",
        "la informa-",
        "ción llega hoy. El socio económico-",
        "comercial de México, el doctor López-",
        "Gatell, dijo que a veces -y no todos-",
        "hacían mal uso de los recursos, y que la delincuencia se reduce.",
    ]
    text = reflow([_page(*body)]).text
    assert "la información llega hoy" in text
    assert "socio económico-comercial de México" in text
    assert "López-Gatell" in text
    assert "-y no todos- hacían" in text


def test_a_sentence_broken_by_a_page_goes_on_and_labels_open_turns():
    first = _page("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días. Vamos a informar sobre el avance de las",
                  "obras del Tren Maya y de los programas de bienestar que se entregan en el sureste del",
                  "", "3")
    second = _page("país, a todas y a todos.",
                   "PREGUNTA: ¿Y el aeropuerto?",
                   "SECRETARIA DE SEGURIDAD Y PROTECCIÓN CIUDADANA DEL GOBIERNO DE MÉXICO, ROSA ICELA",
                   "RODRÍGUEZ VELÁZQUEZ: Buenos días, presidente. Con su permiso, el informe de este mes.",
                   "", "4")
    rebuilt = reflow([first, second])
    assert rebuilt.text.split("\n\n") == [
        "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días. Vamos a informar sobre el avance de las obras del "
        "Tren Maya y de los programas de bienestar que se entregan en el sureste del país, a todas y a todos.",
        "PREGUNTA: ¿Y el aeropuerto?",
        "SECRETARIA DE SEGURIDAD Y PROTECCIÓN CIUDADANA DEL GOBIERNO DE MÉXICO, ROSA ICELA RODRÍGUEZ VELÁZQUEZ: "
        "Buenos días, presidente. "
        "Con su permiso, el informe de este mes."]
    assert rebuilt.dropped == ("3", "4")


def test_a_pdf_copy_of_a_turn_never_ends_mid_sentence():
    source = (DATA / "2024-05-10.web.txt").read_text(encoding="utf-8")
    pdf, _ = _pdf_and_text(source, "narrow")
    doc = parse_transcript(pdf)
    for turn in doc.turns:
        if turn.speaker.kind != "stage":
            assert re.search(r"[.?!…:;»”\")\]]$", turn.text.strip()), turn.text[-80:]


corpus = pytest.mark.corpus
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")


@corpus
@needs_corpus
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_corpus_transcript_as_a_pdf_gives_its_turns(layout):
    for path in sorted(CORPUS.glob("*.web.txt" if layout != "official" else "*.txt")):
        if path.name.endswith((".web.txt", ".native.txt")):
            pdf, text = _pdf_and_text(path.read_text(encoding="utf-8"), layout)
            _same_turns(parse_transcript(pdf), parse_transcript(text))


@corpus
@needs_corpus
@pytest.mark.parametrize("doc_id", ["2019-11-25", "2023-12-28", "2025-09-09"])
def test_corpus_pdfs_give_the_lead_of_their_text(doc_id):
    pdf, text = _pdf_and_text((CORPUS / f"{doc_id}.web.txt").read_text(encoding="utf-8"), "official")
    assert BRIEF.summarize(parse_transcript(pdf), target="es").lead == \
        BRIEF.summarize(parse_transcript(text), target="es").lead


def _copied(pdf: bytes) -> str:
    """A PDF's text as a viewer's "copy all" gives it: its lines, its heads and page numbers."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("name", ["2022-04-27.excerpt.web.txt", "2024-05-10.native.txt"])
def test_text_pasted_from_a_pdf_is_read_as_the_pdf(name):
    pdf, text = _pdf_and_text((DATA / name).read_text(encoding="utf-8"), "official")
    pasted = parse_transcript(_copied(pdf))
    _same_turns(pasted, parse_transcript(text))
    codes = [w.code for w in pasted.warnings]
    assert codes[:2] == ["decode.reflowed", "decode.pdf_furniture"] and "parse.truncated" not in codes
    assert "sus párrafos" in pasted.warnings[0].render("es")


def test_text_with_a_paragraph_a_line_is_never_reflowed():
    from summarizer.parse.reflow import looks_wrapped

    for path in sorted(DATA.glob("*.txt")):
        assert not looks_wrapped(path.read_text(encoding="utf-8")), path.name


@corpus
@needs_corpus
@pytest.mark.parametrize("layout", ["official", "printed"])
def test_every_corpus_transcript_pasted_from_its_pdf_gives_its_turns(layout):
    from summarizer.parse.reflow import looks_wrapped

    for path in sorted(CORPUS.glob("*.txt")):
        if path.name.endswith((".web.txt", ".native.txt")):
            assert not looks_wrapped(path.read_text(encoding="utf-8")), path.name
            pdf, text = _pdf_and_text(path.read_text(encoding="utf-8"), layout)
            _same_turns(parse_transcript(_copied(pdf)), parse_transcript(text))
