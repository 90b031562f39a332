"""Archive word statistics: how rare a word is across the mañaneras, and how
often each president says it.

The package ships a compact table (``data/archive_words.tsv.gz``) derived from
the archive's ``stats.json`` (3,728 transcripts): for every word in at least
``min_df`` transcripts its inverse document frequency, and for every word a
president said at least ``min_count`` times its log-frequency in that
president's speech, both in tenths of a nat. `ArchiveStats` reads it;
`build_table`/`write_table` make it from a ``stats.json``-shaped dict, and
`stats_from_folder` computes that dict from a user's own folder of transcripts.

Tokens are lower-cased ``\\w+`` (Python ``re``, Unicode), as in ``stats.json``.
"""

from __future__ import annotations

import gzip
import math
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..document import Kind
from ..errors import OptionError, SummarizerError
from ..files import atomic_write, read_limited
from ..parse import parse_transcript
from ..settings import archive_table, max_input_bytes
from .months import MonthlyStats, from_counts

TOKEN_RE = re.compile(r"\w+")
PRESIDENTS = ("lopez_obrador", "sheinbaum")
DEFAULT_TABLE = Path(__file__).with_name("data") / "archive_words.tsv.gz"
SCALE = 10.0
"""Values are stored as integers in units of 1/SCALE nat."""


def tokens(text: str) -> list[str]:
    """Lower-cased ``\\w+`` tokens, as the archive counts them."""
    return TOKEN_RE.findall(text.lower())


@dataclass
class ArchiveStats:
    """IDF over the archive and each president's usual word log-frequencies.

    Attributes:
        documents: transcripts in the archive.
        idf: word → ln(documents / document frequency), for words in ≥ min_df transcripts.
        unseen_idf: the IDF of a word not in the table (rarer than min_df).
        usual: president → word → ln(count / president's tokens).
        unseen_usual: president → the log-frequency of a word not in their table.
    """

    documents: int
    idf: dict[str, float]
    unseen_idf: float
    usual: dict[str, dict[str, float]] = field(default_factory=dict)
    unseen_usual: dict[str, float] = field(default_factory=dict)
    monthly: MonthlyStats | None = None

    def recent_idf(self, date: str | None) -> Callable[[str], float]:
        """``idf(word)`` over the weeks before ``date`` (`months.MonthlyStats.recent_idf`):
        high for what nobody said lately; the archive's IDF where the table has no months."""
        recent = self.monthly.recent_idf(date) if self.monthly is not None else None
        return recent if recent is not None else self.word_idf

    def word_idf(self, word: str) -> float:
        """IDF of a lower-cased word."""
        return self.idf.get(word, self.unseen_idf)

    def log_usual(self, president: str | None, word: str) -> float:
        """ln P(word) in the president's speech (the pooled presidents' when None or unknown)."""
        table = self.usual.get(president or "") or self.usual.get("all", {})
        floor = self.unseen_usual.get(president or "", self.unseen_usual.get("all", -15.0))
        return table.get(word, floor)


def build_table(stats: dict, min_df: int = 10, min_count: int = 10) -> dict:
    """The compact table (see module doc) as a dict, from ``stats.json``-shaped data.

    ``min_df`` is capped at the number of transcripts, so that a small folder still gets a
    table whose weights are never negative.
    """
    docs = stats["documents"]
    min_df = min(min_df, docs)
    idf = {w: round(SCALE * math.log(docs / df)) for w, df in stats["document_frequency"].items() if df >= min_df}
    usual, totals = {}, {}
    counts_all: Counter = Counter()
    for president, counts in stats["president_term_counts"].items():
        total = stats["president_tokens"][president]
        totals[president] = total
        usual[president] = {w: round(-SCALE * math.log(c / total)) for w, c in counts.items() if c >= min_count}
        counts_all.update(counts)
    total_all = sum(totals.values())
    if total_all:  # a folder where no president speaks has no usual words
        totals["all"] = total_all
        usual["all"] = {w: round(-SCALE * math.log(c / total_all)) for w, c in counts_all.items() if c >= min_count}
    return {"documents": docs, "min_df": min_df, "min_count": min_count, "tokens": totals,
            "idf": idf, "usual": usual, "monthly": stats.get("monthly")}


def write_table(table: dict, path: str | os.PathLike) -> None:
    """Write a table from `build_table` as gzip TSV (``word  idf  usual_1 … usual_n``), atomically."""
    presidents = sorted(table["usual"])
    tokens = "\t".join(f"{p}={table['tokens'][p]}" for p in presidents)
    lines = [f"#documents\t{table['documents']}", f"#min_df\t{table['min_df']}",
             f"#min_count\t{table['min_count']}", f"#tokens\t{tokens}", "#columns\tword\tidf\t" + "\t".join(presidents)]
    words = sorted(set(table["idf"]).union(*table["usual"].values()))
    for w in words:
        cells = [str(table["idf"].get(w, ""))] + [str(table["usual"][p].get(w, "")) for p in presidents]
        lines.append(w + "\t" + "\t".join(cells))
    if table.get("monthly") is not None:
        lines += table["monthly"].to_lines()
    atomic_write(path, gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0))


def _parse_header(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    header = {}
    for line in lines:
        key, _, value = line[1:].partition("\t")
        header[key] = value
    return header, header["columns"].split("\t")[2:]


def read_table(path: str | os.PathLike) -> ArchiveStats:
    """An `ArchiveStats` from a table written by `write_table`."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    header, presidents = _parse_header([line for line in lines if line.startswith("#")])
    monthly = MonthlyStats.from_lines(header["months"], [line for line in lines if line.startswith("~")]) \
        if "months" in header else None
    presidents = [p for p in presidents if p]
    docs, min_df, min_count = int(header["documents"]), int(header["min_df"]), int(header["min_count"])
    totals = {k: int(v) for k, v in (cell.split("=") for cell in header["tokens"].split("\t") if cell)}
    idf: dict[str, float] = {}
    usual: dict[str, dict[str, float]] = {p: {} for p in presidents}
    for line in lines:
        if line.startswith(("#", "~")):
            continue
        word, *cells = line.split("\t")
        if cells[0]:
            idf[word] = int(cells[0]) / SCALE
        for president, cell in zip(presidents, cells[1:]):
            if cell:
                usual[president][word] = -int(cell) / SCALE
    unseen_idf = max(0.0, math.log(docs / max(1.0, min_df / 2)))
    unseen = {p: math.log(max(1.0, min_count / 2) / totals[p]) for p in presidents}
    return ArchiveStats(docs, idf, unseen_idf, usual, unseen, monthly)


def default_stats() -> ArchiveStats:
    """The table selection uses: ``$SUMMARIZER_ARCHIVE``'s, else the package's (read once)."""
    return load_stats(None)


def table_path(path: str | os.PathLike | None = None) -> Path:
    """The table file ``path`` means: itself, else ``$SUMMARIZER_ARCHIVE``, else the package's."""
    return Path(path).expanduser() if path is not None else archive_table() or DEFAULT_TABLE


def load_stats(path: str | os.PathLike | None = None) -> ArchiveStats:
    """The table at ``path`` (None: ``$SUMMARIZER_ARCHIVE``, else the package's), read once.

    Raises `OptionError` naming the file when it is not such a table."""
    return _load(str(table_path(path).resolve()))


@lru_cache(maxsize=8)
def _load(path: str) -> ArchiveStats:
    try:
        return read_table(path)
    except (OSError, EOFError, ValueError, KeyError, IndexError, ZeroDivisionError) as exc:
        raise OptionError(f"{path} is not an archive word table ({type(exc).__name__}: {exc}); make one with "
                          "`summarizer archive stats FOLDER -o FILE`") from None


def president_key(name: str | None) -> str | None:
    """``lopez_obrador`` or ``sheinbaum`` from a speaker's name, else None."""
    key = (name or "").upper()
    if "SHEINBAUM" in key:
        return "sheinbaum"
    if "OBRADOR" in key:
        return "lopez_obrador"
    return None


def stats_from_folder(folder: str | os.PathLike, pattern: str = "*.txt") -> dict:
    """``stats.json``-shaped statistics of every transcript in ``folder`` (``pattern``, in
    sub-folders too with ``**/``), plus ``skipped``: the files that are not transcripts.

    Document frequencies count every word of a transcript's text; a
    president's term counts cover the turns whose speaker is that president.
    Pass the result to `build_table` and `write_table` to make a table. Raises
    `OptionError` when no file of the folder is a transcript.
    """
    df: Counter = Counter()
    terms: dict[str, Counter] = {p: Counter() for p in PRESIDENTS}
    pres_docs: Counter = Counter()
    per_month: dict[str, tuple[int, Counter]] = {}
    paths, skipped = [], []
    for path in sorted(p for p in Path(folder).glob(pattern) if p.is_file()):
        try:
            doc = parse_transcript(read_limited(path, max_input_bytes()))
        except (SummarizerError, OSError) as exc:
            skipped.append(f"{path}: {exc}")
            continue
        paths.append(path)
        words = set(tokens(doc.text))
        df.update(words)
        if doc.date:
            count, month = per_month.get(doc.date[:7], (0, Counter()))
            month.update(words)
            per_month[doc.date[:7]] = (count + 1, month)
        seen = set()
        for turn in doc.turns:
            who = president_key(turn.speaker.name) if turn.speaker.kind == Kind.PRESIDENT and not turn.in_clip else None
            if who:
                terms[who].update(tokens(turn.text))
                seen.add(who)
        pres_docs.update(seen)
    if not paths:
        raise OptionError(f"no transcript ({pattern}) in {folder}" + (f"; {len(skipped)} files could not be read"
                                                                     if skipped else ""))
    return {"documents": len(paths), "skipped": skipped, "document_frequency": dict(df),
            "president_documents": dict(pres_docs),
            "president_term_counts": {p: dict(c) for p, c in terms.items() if c},
            "president_tokens": {p: sum(c.values()) for p, c in terms.items() if c},
            "monthly": from_counts(per_month) if per_month else None}
