"""The brief as a Word document (.docx), for editors: python-docx, no template needed.

Title; the lead; the day's stories (those that make points with their lines, quotes and who
asked, then the others by name); the quotes table (speaker ·
translation · original); the press questions with their answers; the recurring sections
with what they claimed; the participants with their shares; the notes. Every word is in
the brief's language, every quote verbatim beside its speaker; an attribution less sure
than the turn's own label is said beside its speaker, as in the Markdown.
"""

from __future__ import annotations

import io
import re
import zipfile

from .markdown import heading
from .rows import (
    answer_line,
    asked_line,
    lead_text,
    quote_speaker,
    section_heading,
    section_lines,
    share_rows,
    story_items,
)
from .wording import language_name, long_date, words

# Characters XML 1.0 cannot hold (python-docx refuses them): a vertical tab or a form feed (a
# PDF's page break) is white space and becomes a space; any other is shown as "�", never dropped.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_BREAKS = re.compile("[\x0b\x0c]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", _BREAKS.sub(" ", text))


def summary_docx(summary) -> bytes:
    """The brief (a `Summary`) as the bytes of a .docx file."""
    from docx import Document  # python-docx: imported when a document is made, not with the package

    lang = summary.target_lang
    w = words(lang)
    document = Document()
    document.core_properties.title = _clean(f"{w['brief']}: {heading(summary)}")
    document.core_properties.language = lang
    document.add_heading(_clean(f"{w['brief']}: {heading(summary)}"), level=0)
    if summary.date and summary.title and summary.source_lang == lang:
        document.add_paragraph().add_run(long_date(summary.date, lang)).italic = True
    if summary.lead.strip():
        document.add_paragraph(_clean(lead_text(summary, lang)))
    _stories(document, summary, lang)
    _quotes(document, summary, lang)
    _questions(document, summary, lang)
    _sections(document, summary, lang)
    _participants(document, summary, lang)
    reason = summary.mode_reason[:1].upper() + summary.mode_reason[1:]
    _bullets(document, w["notes"], [f"{w['mode']}: {w[summary.mode]}. {reason}".strip(), *summary.warnings])
    out = io.BytesIO()
    document.save(out)
    return _without_timestamps(out.getvalue())


_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The date every part of the package gets (the earliest a ZIP file can say)."""


def _without_timestamps(package: bytes) -> bytes:
    """The same package with every part dated `_EPOCH` instead of the time it was written:
    one brief gives the same bytes whenever and wherever it is made (a batch job's pool and
    Ray engines, a resumed job, two runs a user compares)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            part = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            part.compress_type, part.external_attr = info.compress_type, info.external_attr
            target.writestr(part, source.read(info))
    return out.getvalue()


def _bullets(document, title: str, lines: list[str], style: str = "List Bullet") -> None:
    if not lines:
        return
    document.add_heading(_clean(title), level=1)
    for line in lines:
        document.add_paragraph(_clean(line), style=style)


def _table(document, rows: list[list[str]]) -> None:
    """A table, row by row: `Table.cell(r, c)` lays out every cell of the table on each call
    (the participants of a 2 MB transcript, 1,500 cells, took a minute that way)."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, (row, values) in enumerate(zip(table.rows, rows)):
        for cell, value in zip(row.cells, values):
            cell.text = _clean(value)
            if r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


def _stories(document, summary, lang: str) -> None:
    """The day's stories: each that makes a point (its label in bold, its line and quote,
    who asked), then the others by name."""
    points, others = story_items(summary, lang)
    if not points and not others:
        return
    w = words(lang)
    document.add_heading(w["stories"], level=1)
    for label, line, note in points:
        paragraph = document.add_paragraph(style="List Number")
        if label:
            paragraph.add_run(_clean(label)).bold = True
            paragraph.add_run(" — ")
        paragraph.add_run(_clean(line))
        if note:
            document.add_paragraph(_clean(note), style="List Bullet 2").runs[0].italic = True
    if others:
        document.add_paragraph(_clean(f"{w['also']}: " + "; ".join(others) + "."))


def _quotes(document, summary, lang: str) -> None:
    if not summary.quotes:
        return
    w = words(lang)
    document.add_heading(w["quotes"], level=1)
    if summary.source_lang == lang:
        rows = [[w["speaker"], w["quote"]]] + [[quote_speaker(q, lang), q.text] for q in summary.quotes]
    else:
        rows = [[w["speaker"], w["translation"], f"{w['original']} ({language_name(summary.source_lang, lang)})"]]
        rows += [[quote_speaker(q, lang), q.text, q.original] for q in summary.quotes]
    _table(document, rows)


def _questions(document, summary, lang: str) -> None:
    if not summary.questions:
        return
    document.add_heading(words(lang)["questions"], level=1)
    for question in summary.questions:
        document.add_paragraph(_clean(asked_line(question, lang)), style="List Number")
        document.add_paragraph(_clean(answer_line(question, lang)), style="List Bullet 2")


def _sections(document, summary, lang: str) -> None:
    if not summary.sections:
        return
    document.add_heading(words(lang)["sections"], level=1)
    for section in summary.sections:
        document.add_heading(_clean(section_heading(section, lang)), level=2)
        for line in section_lines(section, lang):
            document.add_paragraph(_clean(line), style="List Bullet")


def _participants(document, summary, lang: str) -> None:
    if not summary.shares:
        return
    document.add_heading(words(lang)["participants"], level=1)
    _table(document, share_rows(summary.shares, lang))


__all__ = ["summary_docx"]
