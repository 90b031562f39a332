"""The Word export: it opens with python-docx and holds the whole brief — every quote verbatim
beside its speaker, the questions, the recurring sections, the participants with their
shares, the notes — in the brief's language; from the API, the CLI and batch jobs."""

from __future__ import annotations

import dataclasses
import json
import time
from io import BytesIO

import docx
import pytest
from click.testing import CliRunner

from summarizer import Summarizer, SummaryOptions, parse_transcript, summarize
from summarizer.cli import main
from summarizer.output.rows import percent, quote_speaker
from summarizer.testing import FakeTranslators, fake_models

from support import DATA, SEEDS

SEED = SEEDS / "2023-12-28.web.txt"
LIES = DATA / "2022-04-27.excerpt.web.txt"


def read(path) -> tuple[list[str], list[list[list[str]]]]:
    """The paragraphs' texts and the tables' cell texts of a .docx."""
    document = docx.Document(str(path))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return [p.text for p in document.paragraphs], tables


def test_the_docx_holds_every_quote_verbatim_with_its_speaker(tmp_path):
    summary = summarize(SEED.read_bytes(), target="es", mode="extractive", quotes=6)
    path = summary.to_docx(tmp_path / "brief.docx")
    assert path == tmp_path / "brief.docx"
    paragraphs, tables = read(path)
    quotes, participants = tables
    assert quotes[0] == ["Orador", "Cita"]
    assert quotes[1:] == [[quote_speaker(q, "es"), q.original] for q in summary.quotes]  # verbatim, same cell
    assert paragraphs[0] == "Resumen: " + summary.title
    for point in summary.points:  # each point's quote with its speaker
        assert any(point.quote.original.rstrip(".") in p and f"dijo {point.quote.speaker.display}" in p
                   for p in paragraphs)
    assert "Preguntas" in paragraphs and "Notas" in paragraphs and "Temas del día" in paragraphs
    for question in summary.questions:
        about = f" sobre {question.subject} — " if question.subject else ": "
        assert any(p.startswith(f"{question.asker[:1].upper()}{question.asker[1:]} preguntó{about}“") for p in paragraphs)
    for story in summary.stories[:len(summary.points)]:  # each point under its story's label
        assert any(p.startswith(f"{story.label} — ") for p in paragraphs)
    assert participants[0] == ["Orador", "Cargo", "Turnos", "Palabras", "Proporción", "Preguntas hechas",
                               "Preguntas respondidas"]
    assert [row[4] for row in participants[1:]] == [percent(s.share) for s in summary.shares]
    assert any(p.startswith("Modo: extractivo") for p in paragraphs)
    document = docx.Document(str(path))
    assert document.core_properties.language == "es"


def test_an_english_docx_has_translations_beside_the_originals_and_its_sections(tmp_path):
    summarizer = Summarizer(SummaryOptions(mode="extractive"),
                            models=fake_models(translators=FakeTranslators()))
    doc = parse_transcript(LIES.read_bytes())
    summary = summarizer.summarize(doc, target="en")
    paragraphs, tables = read(summary.to_docx(tmp_path / "brief.docx"))
    quotes = tables[0]
    assert quotes[0] == ["Speaker", "Translation", "Original (Spanish)"]
    for row, quote in zip(quotes[1:], summary.quotes):
        assert row == [quote_speaker(quote, "en"), quote.text, quote.original]
        assert doc.text[quote.start:quote.end] == row[2]
    assert "Recurring sections" in paragraphs
    assert "Who's who in the week's lies — presented by Ana Elizabeth García" in paragraphs
    assert any("names: Claudio X. González — verdict: “[es>en] " in p for p in paragraphs)  # no rating nobody said
    assert not any(word in paragraphs for word in ("Citas", "Preguntas", "Participantes", "Notas"))


def test_a_brief_with_notes_says_them_in_the_docx(tmp_path):
    summary = summarize((DATA / "2024-05-10.web.txt").read_bytes(), target="es", mode="extractive")
    paragraphs, _ = read(summary.to_docx(tmp_path / "b.docx"))
    assert all(warning in paragraphs for warning in summary.warnings) and summary.warnings


def test_cli_docx_needs_an_output_file(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["summarize", str(SEED), "--to", "es", "--format", "docx", "--quiet"])
    assert result.exit_code == 2
    assert "--format docx writes a Word file, which cannot go to standard output: give -o FILE.docx" in result.output
    out = tmp_path / "brief.docx"
    result = runner.invoke(main, ["summarize", str(SEED), "--to", "es", "--format", "docx", "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    paragraphs, tables = read(out)
    assert paragraphs[0].startswith("Resumen: ") and tables[0][0] == ["Orador", "Cita"]


def test_cli_no_questions(tmp_path):
    out = tmp_path / "brief.json"
    result = CliRunner().invoke(main, ["summarize", str(SEED), "--to", "es", "--mode", "extractive", "--no-questions",
                                       "--format", "json", "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["questions"] == [] and data["shares"]
    assert data["provenance"]["options"]["questions"] is False


@pytest.mark.parametrize("questions", [True, False])
def test_batch_writes_word_documents_and_skips_them_when_done(tmp_path, questions):
    out = tmp_path / "out"
    args = ["batch", "summarize", str(SEED), str(LIES), "-o", str(out), "--to", "es", "--format", "docx",
            "--mode", "extractive", "-q"] + ([] if questions else ["--no-questions"])
    runner = CliRunner()
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1] == "2 done, 0 skipped, 0 failed"
    paragraphs, _ = read(out / "2023-12-28.web.docx")
    assert ("Preguntas" in paragraphs) is questions
    assert "Secciones fijas" in read(out / "2022-04-27.excerpt.web.docx")[0]
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["output"].rsplit("/", 1)[-1] for r in records} == {"2023-12-28.web.docx", "2022-04-27.excerpt.web.docx"}
    result = runner.invoke(main, args)
    assert result.stdout.strip().splitlines()[-1] == "0 done, 2 skipped, 0 failed"  # its bytes hashed as written


def test_batch_docx_of_jsonl_records_says_where_each_document_is(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": SEED.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", "summarize", str(source), "-o", str(out), "--to", "es", "--format",
                                       "docx", "--mode", "extractive", "-q"])
    assert result.exit_code == 0, result.output
    [line] = (out / "in.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {"id": "a", "output": str(out / "in" / "a.docx")}
    assert read(out / "in" / "a.docx")[0][0].startswith("Resumen: ")


def test_the_same_brief_gives_the_same_bytes_whenever_it_is_made(monkeypatch):
    """A batch job's engines, a resumed job and two runs compared byte for byte: the
    package's parts carry no time of writing."""
    import time
    import zipfile
    from io import BytesIO

    summary = summarize(SEED.read_bytes(), target="es", mode="extractive")
    first = summary.to_docx_bytes()
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3 * 86400)  # three days later
    assert summary.to_docx_bytes() == first
    with zipfile.ZipFile(BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert package.testzip() is None
    assert docx.Document(BytesIO(first)).paragraphs[0].text == "Resumen: " + summary.title


def test_a_long_participants_table_takes_time_in_proportion_to_its_rows():
    """python-docx's `Table.cell(r, c)` lays out the whole table on each call: filled cell by
    cell, the participants of a 2 MB transcript (220 rows, 1,500 cells) took a minute."""
    summary = summarize(SEED.read_bytes(), target="es", mode="extractive")

    def seconds(rows: int) -> tuple[float, bytes]:
        long = dataclasses.replace(summary, shares=(summary.shares[0],) * rows)
        start = time.perf_counter()
        data = long.to_docx_bytes()
        return time.perf_counter() - start, data

    seconds(10)  # warm
    small, _ = seconds(30)
    big, data = seconds(300)
    assert len(docx.Document(BytesIO(data)).tables[-1].rows) == 301
    assert big < 25 * small, (small, big)  # ten times the rows: about ten times the time, not a hundred
