"""`summarizer archive stats` and `--archive`: selection with your own archive's word statistics."""

from __future__ import annotations

import json
import math
import shutil

from click.testing import CliRunner

from summarizer import Summarizer, SummaryOptions, extract_quotes, parse_transcript
from summarizer.cli import main
from summarizer.select.archive import load_stats, read_table

from support import DATA, SEEDS

SEED = SEEDS / "2023-12-28.web.txt"


def archive_folder(tmp_path):
    folder = tmp_path / "archive"
    (folder / "2023").mkdir(parents=True)
    shutil.copy(SEEDS / "2023-12-28.native.txt", folder / "2023" / "a.txt")
    shutil.copy(DATA / "2024-05-10.native.txt", folder / "b.txt")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02")
    return folder


def test_stats_of_a_folder_then_quotes_and_briefs_with_it(tmp_path):
    table = tmp_path / "mine.tsv.gz"
    result = CliRunner().invoke(main, ["archive", "stats", str(archive_folder(tmp_path)), "-o", str(table),
                                       "--min-df", "1", "--min-count", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{table}: 2 transcripts, ")
    assert "skipped" in result.stderr and "broken.txt" in result.stderr
    stats = read_table(table)
    assert stats.documents == 2 and stats.word_idf("felicidades") == 0.0 and set(stats.usual) == {"all", "lopez_obrador"}

    doc = parse_transcript(SEED.read_bytes())
    mine = extract_quotes(doc, k=5, stats=load_stats(table))
    assert len(mine) == 5 and all(doc.text[q.start:q.end] == q.original for q in mine)
    result = CliRunner().invoke(main, ["quotes", str(SEED), "-k", "5", "--format", "json", "--archive", str(table)])
    assert result.exit_code == 0, result.output
    assert [q["start"] for q in __import__("json").loads(result.stdout)] == [q.start for q in mine]
    brief = Summarizer(SummaryOptions(mode="extractive", archive=str(table))).summarize(doc, target="es")
    assert brief.points and brief.quotes


def test_a_small_folder_with_the_default_thresholds_warns_and_never_weighs_below_zero(tmp_path):
    table = tmp_path / "small.tsv.gz"
    result = CliRunner().invoke(main, ["archive", "stats", str(archive_folder(tmp_path)), "-o", str(table)])
    assert result.exit_code == 0, result.output
    assert "warning: 2 transcripts make coarse word weights" in result.stderr
    stats = read_table(table)
    assert stats.unseen_idf == math.log(2 / 1) and min(stats.idf.values()) == 0.0
    assert stats.word_idf("palabrainexistente") > 0
    brief = Summarizer(SummaryOptions(mode="extractive", archive=table)).summarize(SEED.read_bytes(), target="es")
    assert brief.points and json.loads(brief.to_json())["provenance"]["options"]["archive"] == str(table)


def test_a_file_that_is_not_a_table_and_a_folder_without_transcripts_are_clean_errors(tmp_path):
    result = CliRunner().invoke(main, ["quotes", str(SEED), "--archive", str(SEED)])
    assert result.exit_code == 1 and "is not an archive word table" in result.output
    assert "summarizer archive stats FOLDER -o FILE" in result.output and "Traceback" not in result.output
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["archive", "stats", str(tmp_path / "empty"), "-o", str(tmp_path / "t.gz")])
    assert result.exit_code == 1 and "no transcript (**/*.txt) in" in result.output
    assert not (tmp_path / "t.gz").exists()


def test_the_environment_names_the_table(tmp_path, monkeypatch):
    table = tmp_path / "mine.tsv.gz"
    CliRunner().invoke(main, ["archive", "stats", str(archive_folder(tmp_path)), "-o", str(table),
                              "--min-df", "1", "--min-count", "1"])
    monkeypatch.setenv("SUMMARIZER_ARCHIVE", str(table))
    assert load_stats().documents == 2
    monkeypatch.delenv("SUMMARIZER_ARCHIVE")
    assert load_stats().documents == 3728
