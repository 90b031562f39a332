"""`summarizer archive stats FOLDER -o FILE`: word statistics of your own archive, for selection;
`summarizer archive import STATS.json -o FILE`: the same table from the public archive's statistics
(how the package's own table is made)."""

from __future__ import annotations

import click

from .common import check_output, clean_errors

FEW = 100
"""Fewer transcripts than this make a table worth a warning."""


@click.group("archive")
def archive_group():
    """Word statistics of an archive of transcripts (what quote and topic selection weigh with)."""


@archive_group.command("stats")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="The table to write (gzip TSV), e.g. archive.tsv.gz.")
@click.option("--pattern", default="**/*.txt", show_default=True, help="Which files of FOLDER are transcripts.")
@click.option("--min-df", type=click.IntRange(min=1), default=10, show_default=True,
              help="Keep the IDF of words in at least this many transcripts.")
@click.option("--min-count", type=click.IntRange(min=1), default=10, show_default=True,
              help="Keep a president's usual frequency of words said at least this many times.")
def stats_command(folder, out, pattern, min_df, min_count):
    """Compute the word statistics of the transcripts in FOLDER into FILE: each word's
    inverse document frequency and each president's usual words, as the package's own
    table holds them for the public archive. Use it with --archive FILE (summarize,
    quotes, batch summarize) or $SUMMARIZER_ARCHIVE."""
    from ..select.archive import build_table, read_table, stats_from_folder, write_table

    with clean_errors():
        stats = stats_from_folder(folder, pattern)
        for skipped in stats["skipped"]:
            click.echo(f"skipped {skipped}", err=True)
        try:
            write_table(build_table(stats, min_df, min_count), out)
        except OSError as exc:
            raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from None
        table = read_table(out)
    if stats["documents"] < FEW:
        click.echo(f"warning: {stats['documents']} transcripts make coarse word weights (the package's own "
                   f"table counts 3,728); quotes and topics may be chosen worse than with it", err=True)
    presidents = ", ".join(f"{p}: {len(words):,} words" for p, words in table.usual.items()) or "no president speaks"
    click.echo(f"{out}: {stats['documents']:,} transcripts, {len(table.idf):,} words with an IDF; {presidents}")


@archive_group.command("import")
@click.argument("stats_json", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="The table to write (gzip TSV), e.g. archive.tsv.gz.")
@click.option("--monthly", type=click.Path(exists=True, dir_okay=False), default=None, metavar="MONTHLY_DF.tsv.gz",
              help="Document frequencies by month (month, word, df), for what is new on a conference's date.")
@click.option("--months", type=click.Path(exists=True, dir_okay=False), default=None, metavar="MONTHS.tsv",
              help="Transcripts per month (month, documents); needed with --monthly.")
@click.option("--min-df", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--min-count", type=click.IntRange(min=1), default=10, show_default=True)
def import_command(stats_json, out, monthly, months, min_df, min_count):
    """Make a table from the public archive's statistics: STATS_JSON (``stats.json``: document
    frequencies and each president's word counts) and, with --monthly and --months, the
    document frequencies by month. The package's own table is this command's output on
    ../shared/archive."""
    import json

    from ..select.archive import build_table, write_table
    from ..select.months import from_monthly_tsv

    if bool(monthly) != bool(months):
        raise click.UsageError("--monthly and --months go together")
    check_output(out, stats_json, monthly, months)
    with clean_errors():
        try:
            stats = json.loads(open(stats_json, encoding="utf-8").read())
            if monthly:
                stats["monthly"] = from_monthly_tsv(monthly, months)
            write_table(build_table(stats, min_df, min_count), out)
        except (OSError, ValueError, KeyError) as exc:
            raise click.ClickException(f"cannot make the table: {exc}") from None
    click.echo(f"{out}: {stats['documents']:,} transcripts" +
               (f", {len(stats['monthly'].months)} months" if monthly else ""))
