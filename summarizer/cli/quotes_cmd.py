"""`summarizer quotes FILE|-|URL`: the most quotable spans, verbatim, with speakers."""

from __future__ import annotations

import json

import click

from .common import MAX_BYTES_HELP, archive_option, check_output, clean_errors, read_transcript, write_output


@click.command("quotes")
@click.argument("file", default="-")
@click.option("-k", "k", type=click.IntRange(1, 100), default=8, show_default=True, help="How many quotes.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", "out", default=None, help="Write here instead of standard output.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, help=MAX_BYTES_HELP)
@archive_option
def quotes_command(file, k, fmt, out, max_bytes, archive):
    """List the best quotes of the transcript in FILE (or standard input, or at an http(s) URL;
    no model needed)."""
    from ..select import extract_quotes
    from ..select.archive import load_stats

    check_output(out, file, archive)
    with clean_errors():
        doc = read_transcript(file, max_bytes)
        quotes = extract_quotes(doc, k=k, stats=load_stats(archive))
    if fmt == "json":
        records = [
            {"original": q.original, "start": q.start, "end": q.end, "speaker": q.speaker.display,
             "label": q.speaker.label, "turn": q.turn, "exchange": q.exchange, "score": q.score,
             "reasons": list(q.reasons)}
            for q in quotes
        ]
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    else:
        text = "".join(f"“{q.original}” — {q.speaker.display} [{q.start}:{q.end}]\n\n" for q in quotes)
    write_output(text, out, file, archive)
    for warning in doc.warnings:  # bytes replaced while decoding, a partial transcript…
        click.echo(f"warning: {warning}", err=True)
