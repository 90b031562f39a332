"""`summarizer summarize FILE|-|URL`: a brief in Markdown, JSON or Word."""

from __future__ import annotations

import click

from ..document import LANGUAGES
from ..output.wording import words
from ..summarize.options import MODES
from .common import (
    MAX_BYTES_HELP,
    archive_option,
    backend_option,
    check_output,
    clean_errors,
    glossary_option,
    read_transcript,
    write_output,
)
from .progress import StageBar


@click.command("summarize")
@click.argument("file", default="-")
@click.option("--to", "target", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of the brief.")
@click.option("--quotes", type=click.IntRange(0, 50), default=5, show_default=True, help="Quotes to list.")
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True,
              help="auto: chat when the chat model is installed, else abstractive when the summarization model "
                   "is, else extractive. chat: an instruct model writes the lines in the brief's language.")
@click.option("--format", "fmt", type=click.Choice(["md", "json", "docx"]), default="md", show_default=True,
              help="md, json, or docx (a Word document: needs -o FILE).")
@click.option("-o", "--output", "out", default=None, help="Write here instead of standard output.")
@click.option("--questions/--no-questions", default=True, show_default=True,
              help="List the press questions with who asked, who answered and how.")
@click.option("--points", type=click.IntRange(1, 20), default=6, show_default=True, help="Most topics covered.")
@click.option("--summarize-model", default=None, help="Hub id or folder of the summarization model.")
@click.option("--chat-model", default=None, help="Hub id or folder of the chat (instruct) model for --mode chat.")
@click.option("--es-en-model", default=None, help="Hub id or folder of the Spanish→English translation model.")
@click.option("--en-es-model", default=None, help="Hub id or folder of the English→Spanish translation model.")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True)
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, help=MAX_BYTES_HELP)
@backend_option
@click.option("--quiet", is_flag=True,
              help="Nothing on standard error: no progress bar, mode line or warnings (the brief keeps its notes).")
@glossary_option
@archive_option
def summarize_command(file, target, quotes, mode, fmt, out, questions, points, summarize_model, chat_model, es_en_model,
                      en_es_model, device, max_bytes, backend, quiet, glossary, archive):
    """Summarize the transcript in FILE (or standard input, or at an http(s) URL such as the
    gob.mx page of the day) into a quote-attributed brief.

    FILE may be text (UTF-8, UTF-16, Windows-1252), a .docx, a PDF with text or an HTML page."""
    from ..models import Models
    from ..summarize import SummaryOptions, summarize

    if fmt == "docx" and (not out or out == "-"):
        raise click.UsageError("--format docx writes a Word file, which cannot go to standard output: "
                               "give -o FILE.docx")
    check_output(out, file, glossary, archive)
    with clean_errors(), StageBar(enabled=not quiet) as bar:
        options = SummaryOptions(max_points=points, summarize_model=summarize_model, chat_model=chat_model,
                                 es_en_model=es_en_model,
                                 en_es_model=en_es_model, device=device, glossary=glossary, archive=archive,
                                 backend=backend, questions=questions)
        doc = read_transcript(file, max_bytes, quiet=quiet)
        summary = summarize(doc, target=target, quotes=quotes, mode=mode, options=options, progress=bar,
                            models=Models.from_settings())
    rendered = {"json": lambda: summary.to_json() + "\n", "docx": summary.to_docx_bytes}.get(fmt, summary.to_markdown)
    write_output(rendered(), out, file, glossary, archive)
    if not quiet:
        w = words(summary.target_lang)  # these lines say what the brief says: in its language
        click.echo(f"{w['mode'].lower()}: {w[summary.mode].partition(' (')[0]} — {summary.mode_reason}", err=True)
        for warning in summary.warnings:
            click.echo(f"{w['warning'].lower()}: {warning}", err=True)
