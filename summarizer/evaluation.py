"""Measures of quality, shared by the tests and the benchmarks.

* turn agreement of a parse with a reference segmentation (`gold_misses`);
* quote selection against what journalists printed (`recall_at_k`, `turn_at_k`): a
  printed span is found when one of the selected spans overlaps it by at least one
  character; its turn is found when a selected span lies in the turn that holds it;
* a development set of such spans (`load_quote_set`: a folder of articles whose quotes are
  aligned to transcript spans, as ``quotes-dev``), pooled per conference.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .document import Transcript

Span = tuple[int, int]


def normalize(text: str) -> str:
    """White space collapsed: how turn texts are compared."""
    return re.sub(r"\s+", " ", text).strip()


def gold_misses(gold_turns: Iterable[dict], doc: Transcript) -> list[tuple[str, str]]:
    """The reference turns (``{"speaker", "text"}``) with no parsed turn of the same label and
    text, in order; a parsed turn matches only after the last one matched, and an extra
    parsed turn does not shift the rest."""
    positions: dict[tuple[str, str], list[int]] = {}
    for i, turn in enumerate(doc.turns):
        positions.setdefault((normalize(turn.label), normalize(turn.text)), []).append(i)
    misses, after = [], 0
    for turn in gold_turns:
        key = (normalize(turn["speaker"]), normalize(turn["text"]))
        hits = [i for i in positions.get(key, []) if i >= after]
        if hits:
            after = hits[0] + 1
        else:
            misses.append(key)
    return misses


def overlaps(a: Span, b: Span) -> bool:
    """Whether two spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def recall_at_k(selected: Sequence[Span], gold: Sequence[Span]) -> float:
    """Share of ``gold`` spans that one of ``selected`` overlaps (1.0 when there is no gold)."""
    if not gold:
        return 1.0
    return sum(any(overlaps(s, g) for s in selected) for g in gold) / len(gold)


def turn_of(doc: Transcript, offset: int) -> int | None:
    """The index of the turn holding ``offset``, or None."""
    turn = doc.turn_at(offset)
    return turn.index if turn is not None else None


def turn_at_k(doc: Transcript, selected: Sequence[Span], gold: Sequence[Span]) -> float:
    """Share of ``gold`` spans whose turn holds one of ``selected`` (1.0 when there is no gold)."""
    if not gold:
        return 1.0
    chosen = {turn_of(doc, s[0]) for s in selected}
    chosen.discard(None)
    return sum(turn_of(doc, g[0]) in chosen for g in gold) / len(gold)


@dataclass(frozen=True)
class Conference:
    """One conference of a quote set: its transcript, the journalists' spans (pooled over its
    articles, deduplicated, stitched quotes split into their parts) and the stretches the
    sections of recaps report on."""

    date: str
    doc: Transcript
    gold: tuple[Span, ...]
    sections: tuple[Span, ...] = ()


def _quote_spans(quote: dict) -> list[Span]:
    if not quote.get("aligned") or quote.get("start") is None:
        return []
    if quote.get("parts"):
        return [(part["start"], part["end"]) for part in quote["parts"]]
    return [(quote["start"], quote["end"])]


def load_quote_set(folder: str | Path) -> list[Conference]:
    """The conferences of a quote set: ``<date>-<outlet>.json`` articles (``transcript_file``,
    ``quotes[]`` with ``aligned``/``start``/``end``/``parts``, optional ``sections[]``) and
    the transcripts they point to, in date order."""
    from .parse import parse_transcript

    folder = Path(folder)
    spans: dict[str, set[Span]] = {}
    sections: dict[str, set[Span]] = {}
    files: dict[str, Path] = {}
    for path in sorted(folder.glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        if "transcript_file" not in article:
            continue
        date = Path(article["transcript_file"]).stem
        files[date] = folder / article["transcript_file"]
        for quote in article.get("quotes", []):
            spans.setdefault(date, set()).update(_quote_spans(quote))
        sections.setdefault(date, set()).update((s["start"], s["end"]) for s in article.get("sections") or [])
    return [Conference(date, parse_transcript(files[date].read_bytes()), tuple(sorted(spans[date])),
                       tuple(sorted(sections.get(date, ()))))
            for date in sorted(spans) if spans[date]]


__all__ = ["normalize", "gold_misses", "overlaps", "recall_at_k", "turn_of", "turn_at_k", "Conference",
           "load_quote_set"]
