"""The learned quote ranker and the choice of the top ``k`` quotes.

Two small linear models, stored together in ``data/ranker.json`` (written by
``python -m summarizer.select.training``):

* the **turn model** scores each quotable turn (speaker block) on
  `features.TURN_FEATURES`: how likely journalists print something from it;
* the **span model** scores each candidate on `features.SPAN_FEATURES`: how
  likely the printed words are in this span, given its turn.

A candidate's score is ``turn score + span_weight × span score``, the span
score blended with the scores of the sentences around it (printed quotes
cluster in the hot passages of a turn). `choose_quotes` then takes the best
candidates greedily: never two overlapping, and each further quote from a turn
pays ``turn_penalty`` (so quotes spread across speaker blocks, but a block far
more quotable than the rest may give two or three).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from bisect import bisect_left
from operator import mul
from pathlib import Path

from ..document import Quote, Transcript
from .archive import ArchiveStats
from .candidates import Candidate, candidates
from .features import SPAN_FEATURES, TURN_FEATURES, featurize

DEFAULT_MODEL = Path(__file__).with_name("data") / "ranker.json"
MIN_QUOTE_WORDS = 4
"""A brief's quotes and `extract_quotes`' have at least this many words: "Adelante." is
procedure, not a quote, however few other spans there are."""
DEFAULT_TURN_PENALTY = 3.0
"""Default spread rule: log-odds taken off a candidate per quote already chosen
from its turn (a very large value: one quote per turn until every turn gave one)."""


@dataclass(frozen=True)
class LinearModel:
    """Standardised linear model: ``bias + Σ w_i (x_i − mean_i) / scale_i`` (log-odds)."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    @cached_property
    def _folded(self) -> tuple[float, tuple[float, ...]]:
        """(bias, weights) on the raw features: the standardisation folded in."""
        weights = tuple(w / s for w, s in zip(self.weights, self.scale))
        return self.bias - sum(w * m for w, m in zip(weights, self.mean)), weights

    def score(self, row: list[float]) -> float:
        """Log-odds of one feature row (in the order of ``names``)."""
        bias, weights = self._folded
        return bias + sum(map(mul, weights, row))

    def contributions(self, row: list[float]) -> list[tuple[str, float]]:
        """Each feature's share of the score (relative to an average row), largest first."""
        parts = [(n, w * (x - m) / s) for n, x, w, m, s in zip(self.names, row, self.weights, self.mean, self.scale)]
        return sorted(parts, key=lambda p: -p[1])

    def to_json(self) -> dict:
        """JSON form, numbers rounded to 6 significant digits."""
        def r(v: float) -> float:
            return float(f"{v:.6g}")
        return {"names": list(self.names), "weights": [r(v) for v in self.weights], "bias": r(self.bias),
                "mean": [r(v) for v in self.mean], "scale": [r(v) for v in self.scale]}

    @classmethod
    def from_json(cls, data: dict, expected: tuple[str, ...]) -> "LinearModel":
        """A model from its JSON form; its feature names must be ``expected``."""
        if tuple(data["names"]) != expected:
            raise ValueError("the model's features do not match the features computed: retrain it")
        return cls(tuple(data["names"]), tuple(data["weights"]), float(data["bias"]),
                   tuple(data["mean"]), tuple(data["scale"]))


@dataclass(frozen=True)
class Ranker:
    """The two models and how their scores combine into a candidate's score.

    Attributes:
        turn, span: the turn model and the span model.
        span_weight: weight of the span score against the turn score.
        context_weight, context_radius: the span score is blended (weight
            ``context_weight``) with the mean score of the sentences up to
            ``context_radius`` before and after the span in its turn.
        turn_penalty: the spread rule `extract_quotes` applies (see `choose_quotes`).
        meta: how it was trained (for people; not read).
    """

    turn: LinearModel
    span: LinearModel
    span_weight: float = 1.0
    context_weight: float = 0.0
    context_radius: int = 3
    turn_penalty: float = DEFAULT_TURN_PENALTY
    meta: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        """JSON form (see `save_ranker`)."""
        return {"turn": self.turn.to_json(), "span": self.span.to_json(), "span_weight": self.span_weight,
                "context_weight": self.context_weight, "context_radius": self.context_radius,
                "turn_penalty": self.turn_penalty, "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict) -> "Ranker":
        """A ranker from its JSON form; the feature names must match `features`."""
        return cls(LinearModel.from_json(data["turn"], TURN_FEATURES),
                   LinearModel.from_json(data["span"], SPAN_FEATURES),
                   float(data["span_weight"]), float(data["context_weight"]), int(data["context_radius"]),
                   float(data["turn_penalty"]), data.get("meta", {}))


def save_ranker(ranker: Ranker, path: str | os.PathLike) -> None:
    """Write a ranker as JSON."""
    Path(path).write_text(json.dumps(ranker.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@lru_cache(maxsize=4)
def load_ranker(path: str | None = None) -> Ranker:
    """The ranker at ``path``, or the one shipped with the package (read once)."""
    return Ranker.from_json(json.loads(Path(path or DEFAULT_MODEL).read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Scored:
    """A candidate with its score and, once chosen, the features that raised it most."""

    candidate: Candidate
    score: float
    reasons: tuple[str, ...] = ()

    @property
    def span(self) -> tuple[int, int]:
        """(start, end) of the candidate in the transcript text."""
        return self.candidate.start, self.candidate.end


# ---------------------------------------------------------------- scoring


def context_scores(cands: list[Candidate], span_scores: list[float], radius: int) -> list[float]:
    """For each candidate, the mean over the sentences of its turn from ``radius``
    before it to ``radius`` after it of the best span score starting there."""
    best: dict[tuple[int, int], float] = {}
    for c, s in zip(cands, span_scores):
        key = (c.turn, c.sentence)
        if s > best.get(key, float("-inf")):
            best[key] = s
    result = []
    for c in cands:
        last = c.sentence + c.width + radius
        around = [best[(c.turn, j)] for j in range(c.sentence - radius, last) if (c.turn, j) in best]
        result.append(sum(around) / len(around))
    return result


def combine(ranker: Ranker, cands: list[Candidate], turn_scores: dict[int, float],
            span_scores: list[float]) -> list[float]:
    """Candidate scores: turn score + span weight × (span score blended with its context)."""
    a = ranker.context_weight
    if a:
        context = context_scores(cands, span_scores, ranker.context_radius)
        span_scores = [(1 - a) * s + a * x for s, x in zip(span_scores, context)]
    return [turn_scores[c.turn] + ranker.span_weight * s for c, s in zip(cands, span_scores)]


@dataclass
class Ranking:
    """Every candidate of a transcript scored, best first, with the feature rows behind the scores."""

    ranked: list[Scored]
    turn_rows: dict[int, list[float]]
    span_rows: dict[tuple[int, int, int], list[float]]  # (turn, start, end) → row
    ranker: Ranker

    @cached_property
    def by_turn(self) -> dict[int, list[int]]:
        """Turn → the positions in `ranked` of its candidates, best first (found once)."""
        positions: dict[int, list[int]] = {}
        for i, scored in enumerate(self.ranked):
            positions.setdefault(scored.candidate.turn, []).append(i)
        return positions

    def explain(self, scored: Scored, n: int = 3) -> Scored:
        """``scored`` with the ``n`` features that raised its score most (turn features as ``turn:name``)."""
        c = scored.candidate
        parts = [(f"turn:{name}", v) for name, v in self.ranker.turn.contributions(self.turn_rows[c.turn])]
        span_row = self.span_rows[(c.turn, c.start, c.end)]
        parts += [(name, self.ranker.span_weight * v) for name, v in self.ranker.span.contributions(span_row)]
        reasons = tuple(name for name, v in sorted(parts, key=lambda p: -p[1])[:n] if v > 0)
        return replace(scored, reasons=reasons)


def rank(doc: Transcript, ranker: Ranker | None = None, stats: ArchiveStats | None = None) -> Ranking:
    """Every candidate of ``doc``, scored, best first."""
    ranker = ranker or load_ranker()
    cands = candidates(doc)
    turn_rows, span_rows = featurize(doc, cands, stats)
    turn_scores = {t: ranker.turn.score(row) for t, row in turn_rows.items()}
    scores = combine(ranker, cands, turn_scores, [ranker.span.score(row) for row in span_rows])
    ranked = sorted((Scored(c, s) for c, s in zip(cands, scores)), key=lambda s: (-s.score, s.candidate.start))
    rows = {(c.turn, c.start, c.end): row for c, row in zip(cands, span_rows)}
    return Ranking(ranked, turn_rows, rows, ranker)


# ---------------------------------------------------------------- selection


def choose_quotes(ranked: list[Scored], k: int = 10, *, turn_penalty: float = DEFAULT_TURN_PENALTY,
                  max_per_turn: int | None = None, max_per_exchange: int | None = None,
                  max_words: int | None = None, min_words: int = 1) -> list[Scored]:
    """The best ``k`` of ``ranked``, greedily, in the order chosen.

    Each step takes the candidate with the highest score minus ``turn_penalty`` times the
    number of quotes already taken from its turn (the spread rule), never one overlapping a
    chosen quote, never more than ``max_per_turn`` from one turn or ``max_per_exchange``
    from one exchange, never one longer than ``max_words`` (None: no limit) or shorter than
    ``min_words``, never a greeting or hand-over (`Candidate.filler`). Linear in the candidates for a given ``k`` (each turn keeps its chosen
    spans sorted).
    """
    by_turn: dict[int, list[Scored]] = {}
    for s in ranked:
        c = s.candidate
        if not c.filler and c.words >= min_words and (max_words is None or c.words <= max_words):
            by_turn.setdefault(s.candidate.turn, []).append(s)
    for group in by_turn.values():
        group.sort(key=lambda s: (-s.score, s.candidate.start))
    taken: dict[int, _Taken] = {t: _Taken() for t in by_turn}
    per_exchange: dict[int, int] = {}
    heads = dict.fromkeys(by_turn, 0)  # per turn: index of its best candidate still free
    chosen: list[Scored] = []
    while len(chosen) < k:
        best, best_value = None, float("-inf")
        for turn, group in by_turn.items():
            exchange = group[0].candidate.exchange
            if ((max_per_turn is not None and len(taken[turn]) >= max_per_turn)
                    or (max_per_exchange is not None and per_exchange.get(exchange, 0) >= max_per_exchange)):
                continue
            heads[turn] = taken[turn].first_free(group, heads[turn])
            if heads[turn] < len(group):
                value = group[heads[turn]].score - turn_penalty * len(taken[turn])
                if value > best_value:
                    best, best_value = group[heads[turn]], value
        if best is None:
            break
        chosen.append(best)
        taken[best.candidate.turn].add(best.candidate.start, best.candidate.end)
        per_exchange[best.candidate.exchange] = per_exchange.get(best.candidate.exchange, 0) + 1
    return chosen


class _Taken:
    """The spans chosen from one turn, sorted, never overlapping: overlap checks by bisection."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def __len__(self) -> int:
        return len(self.starts)

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # spans starting before ``end``…
        return i > 0 and self.ends[i - 1] > start  # …the last of them is the only one that can reach ``start``

    def first_free(self, group: list[Scored], index: int) -> int:
        """The first index from ``index`` on of a candidate of ``group`` overlapping no chosen span."""
        while index < len(group) and self.overlaps(group[index].candidate.start, group[index].candidate.end):
            index += 1
        return index


def to_quotes(doc: Transcript, chosen: list[Scored]) -> list[Quote]:
    """The package's ``Quote`` objects for ``chosen`` (original == text until translated)."""
    return [Quote(doc.text[s.candidate.start:s.candidate.end], s.candidate.start, s.candidate.end,
                  s.candidate.speaker, s.candidate.turn, round(s.score, 3),
                  doc.text[s.candidate.start:s.candidate.end], s.candidate.exchange, s.reasons,
                  doc.turns[s.candidate.turn].attribution)
            for s in chosen]
