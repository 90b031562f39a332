"""What is new this month: each word's document frequency month by month, and how rare a
word was in the weeks before a conference.

"América Mexicana" or a name that suddenly rises is news; "pueblo" every day is not. A
word's *recent IDF* on a date is ln(transcripts / transcripts that used it) over the
`WINDOW` months before the conference's month (the months the table holds up to then;
a date after the table's last month uses its last months): high for what nobody said
lately. The table is a section of the archive word table (`archive.write_table`):

    #months   2018-12=23,2019-01=27,…          months and their transcripts
    ~word     3:2,:5,4:1                       month index (as a gap from the previous one;
                                               none for the next month) : df

Built from the public archive's ``monthly_df.tsv.gz`` (`from_monthly_tsv`) or from a
user's folder of dated transcripts (`archive.stats_from_folder`).
"""

from __future__ import annotations

import gzip
import math
import os
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

WINDOW = 3
"""Months before the conference's month that say what was said lately."""
MIN_MONTH_DOCUMENTS = 10
"""A window with fewer transcripts than this says nothing about what is new."""


@dataclass
class MonthlyStats:
    """Document frequencies by month.

    Attributes:
        months: ``YYYY-MM``, in order.
        documents: transcripts of each month.
        cells: word → its counts as the table writes them (``3:2,:5``), read when first asked
            for (`counts`): a table holds some 40,000 words, a brief asks for a few thousand.
    """

    months: list[str]
    documents: list[int]
    cells: dict[str, str] = field(default_factory=dict)
    windows: dict = field(default_factory=dict, repr=False, compare=False)  # window → its `_Recent`

    def counts(self, word: str) -> dict[int, int]:
        """Month index → transcripts of that month that use ``word``."""
        counts, month = {}, -1
        for cell in filter(None, self.cells.get(word, "").split(",")):
            gap, _, count = cell.partition(":")
            month += int(gap) if gap else 1
            counts[month] = int(count)
        return counts

    def window(self, date: str | None, size: int = WINDOW) -> tuple[int, int] | None:
        """Month indices ``[first, last)`` before ``date``'s month (the table's last months
        for a later date or none); None when they hold too few transcripts."""
        end = len(self.months) if not date else bisect_left(self.months, date[:7])
        first = max(0, end - size)
        if sum(self.documents[first:end]) < MIN_MONTH_DOCUMENTS:
            return None
        return first, end

    def recent_idf(self, date: str | None, size: int = WINDOW):
        """``idf(word)`` over the months before ``date`` (see the module docstring), or None
        when the table has no such months."""
        window = self.window(date, size)
        if window is None:
            return None
        return _recent(self, window)

    def to_lines(self) -> list[str]:
        """The table's section of the archive file (see the module docstring)."""
        lines = ["#months\t" + ",".join(f"{m}={n}" for m, n in zip(self.months, self.documents))]
        return lines + [f"~{word}\t{self.cells[word]}" for word in sorted(self.cells)]

    @classmethod
    def from_lines(cls, header: str, lines: list[str]) -> "MonthlyStats":
        """The section written by `to_lines`: its ``#months`` value and its ``~word`` lines."""
        months, documents = [], []
        for cell in header.split(","):
            month, _, count = cell.partition("=")
            months.append(month)
            documents.append(int(count))
        return cls(months, documents, dict(line[1:].split("\t", 1) for line in lines))


class _Recent:
    """``recent(word)``: the recent IDF of one window, computed once per word."""

    def __init__(self, stats: MonthlyStats, window: tuple[int, int]):
        first, end = window
        self._stats, self._months = stats, range(first, end)
        self.documents = sum(stats.documents[first:end])
        self._cache: dict[str, float] = {}

    def __call__(self, word: str) -> float:
        value = self._cache.get(word)
        if value is None:
            counts = self._stats.counts(word)
            used = sum(counts.get(m, 0) for m in self._months)
            value = self._cache[word] = math.log((self.documents + 1) / (used + 0.5))
        return value


def _recent(stats: MonthlyStats, window: tuple[int, int]) -> _Recent:
    """One `_Recent` per table and window, kept while the table lives."""
    if window not in stats.windows:
        stats.windows[window] = _Recent(stats, window)
    return stats.windows[window]


def from_counts(per_month: dict[str, tuple[int, Counter]], min_df: int = 2) -> MonthlyStats:
    """A table from ``month → (transcripts, word → transcripts using it)``; words used in
    fewer than ``min_df`` transcripts of a month are left out of that month."""
    months = sorted(per_month)
    df: dict[str, dict[int, int]] = {}
    for index, month in enumerate(months):
        for word, count in per_month[month][1].items():
            if count >= min_df:
                df.setdefault(word, {})[index] = count
    return MonthlyStats(months, [per_month[m][0] for m in months], {w: _cells(c) for w, c in df.items()})


def _cells(counts: dict[int, int]) -> str:
    """``3:2,:5,4:1``: month indices as gaps from the previous one (none when 1), then df."""
    cells, previous = [], -1
    for month in sorted(counts):
        gap = month - previous
        cells.append(f"{'' if gap == 1 else gap}:{counts[month]}")
        previous = month
    return ",".join(cells)


def from_monthly_tsv(path: str | os.PathLike, months_path: str | os.PathLike) -> MonthlyStats:
    """A table from the public archive's ``monthly_df.tsv.gz`` (``month word df``) and
    ``months.tsv`` (``month documents``)."""
    per_month: dict[str, tuple[int, Counter]] = {}
    with open(months_path, encoding="utf-8") as handle:
        for line in handle:
            month, _, count = line.strip().partition("\t")
            if count.isdigit():
                per_month[month] = (int(count), Counter())
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            month, word, count = line.rstrip("\n").split("\t")
            if count.isdigit() and month in per_month:
                per_month[month][1][word] = int(count)
    return from_counts(per_month)


__all__ = ["MonthlyStats", "WINDOW", "from_counts", "from_monthly_tsv"]
