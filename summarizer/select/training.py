"""Train the quote ranker and cross-validate it leave-one-conference-out (LOCO).

    pip install ".[train]"                                   # numpy and scikit-learn
    python -m summarizer.select.training ../shared/quotes-dev          # CV report, then write data/ranker.json
    python -m summarizer.select.training QUOTES --no-write --turn-penalty 1e9   # one quote per turn
    python -m summarizer.select.training QUOTES --no-write --drop-turn echo,idf_mean   # ablation

Two linear models (see `ranker`):

* turn model: one row per quotable turn; trained as a ranking model (logistic
  regression on the differences between a turn holding journalist spans and
  one holding none, within a conference, a positive turn weighted by how
  many spans it holds);
* span model: one row per candidate of a turn holding journalist spans;
  positive when the candidate overlaps (≥ 1 character) a journalist span
  (``--span-labels covered``: when at least half of it is inside one); L2
  logistic regression.

Each conference weighs the same in both models, so a day with many printed
quotes does not dominate. Features are standardised (the constants are stored
with the weights). numpy and scikit-learn are needed here only: inference is pure Python.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..evaluation import Conference, Span, load_quote_set, recall_at_k, turn_at_k, turn_of
from ..settings import PROJECT_ROOT
from .archive import default_stats
from .candidates import Candidate, candidates
from .features import SPAN_FEATURES, TURN_FEATURES, featurize
from .ranker import DEFAULT_MODEL, MIN_QUOTE_WORDS, LinearModel, Ranker, Scored, choose_quotes, combine, save_ranker

DEFAULT_QUOTE_SET = PROJECT_ROOT.parent / "shared" / "quotes-dev"


def _numpy():
    try:
        import numpy
    except ImportError:
        raise SystemExit('training needs numpy and scikit-learn: pip install ".[train]"') from None
    return numpy


def _logistic():
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise SystemExit('training needs numpy and scikit-learn: pip install ".[train]"') from None
    return LogisticRegression


@dataclass
class ConfData:
    """One conference: candidates, turn and span matrices, labels."""

    conf: Conference
    cands: list[Candidate]
    turn_ids: list[int]
    T: Any  # turn rows (numpy)
    t_gold: Any  # journalist spans held by each turn
    S: Any  # span rows
    s_turn: Any  # row in T of each candidate's turn
    y: Any  # 1 when the candidate overlaps a journalist span
    covered: Any  # share of the candidate's characters inside journalist spans


def labels(cands: list[Candidate], gold: tuple[Span, ...]):
    """(1 for candidates overlapping a gold span, share of each candidate inside gold spans)."""
    np = _numpy()
    y, covered = np.zeros(len(cands)), np.zeros(len(cands))
    for i, c in enumerate(cands):
        inside = set()
        for gs, ge in gold:
            if gs < c.end and c.start < ge:
                inside.update(range(max(gs, c.start), min(ge, c.end)))
        y[i], covered[i] = float(bool(inside)), len(inside) / (c.end - c.start)
    return y, covered


def build(confs: list[Conference]) -> list[ConfData]:
    """Candidates, features and labels of every conference."""
    np = _numpy()
    stats = default_stats()
    data = []
    for conf in confs:
        cands = candidates(conf.doc)
        turn_rows, span_rows = featurize(conf.doc, cands, stats)
        turn_ids = sorted(turn_rows)
        position = {t: i for i, t in enumerate(turn_ids)}
        held = [turn_of(conf.doc, s) for s, _ in conf.gold]
        data.append(ConfData(conf, cands, turn_ids, np.array([turn_rows[t] for t in turn_ids]),
                             np.array([held.count(t) for t in turn_ids], dtype=float),
                             np.array(span_rows), np.array([position[c.turn] for c in cands]),
                             *labels(cands, conf.gold)))
    return data


def _standardisation(X, keep):
    """Column means and scales; left-out columns get (0, 1)."""
    np = _numpy()
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    return np.where(keep, mean, 0.0), np.where(keep, scale, 1.0)


def fit_pointwise(X, y, w, C: float, names: tuple[str, ...], keep) -> LinearModel:
    """A standardised L2 logistic model; features outside ``keep`` weigh 0."""
    np, LogisticRegression = _numpy(), _logistic()
    mean, scale = _standardisation(X, keep)
    model = LogisticRegression(C=C, max_iter=3000)
    model.fit(((X - mean) / scale)[:, keep], y, sample_weight=w)
    weights = np.zeros(len(names))
    weights[keep] = model.coef_[0]
    return LinearModel(names, tuple(weights), float(model.intercept_[0]), tuple(mean), tuple(scale))


def fit_pairwise(groups: list, C: float, names: tuple[str, ...], keep) -> LinearModel:
    """A linear ranking model: logistic regression on differences (positive − negative row)
    within each group, a positive weighted by its gain, each group weighing one in all."""
    np, LogisticRegression = _numpy(), _logistic()
    mean, scale = _standardisation(np.vstack([rows for rows, _ in groups]), keep)
    diffs, weights = [], []
    for rows, gain in groups:
        Z = ((rows - mean) / scale)[:, keep]
        pos, neg = np.where(gain > 0)[0], np.where(gain == 0)[0]
        if not len(pos) or not len(neg):
            continue
        diffs.append((Z[pos][:, None, :] - Z[neg][None, :, :]).reshape(-1, Z.shape[1]))
        w = np.repeat(gain[pos], len(neg))
        weights.append(w / w.sum())
    D, W = np.vstack(diffs), np.concatenate(weights)
    model = LogisticRegression(C=C, max_iter=3000, fit_intercept=False)
    model.fit(np.vstack([D, -D]), np.r_[np.ones(len(D)), np.zeros(len(D))], sample_weight=np.r_[W, W] * len(diffs))
    coef = np.zeros(len(names))
    coef[keep] = model.coef_[0]
    return LinearModel(names, tuple(coef), 0.0, tuple(mean), tuple(scale))


def balanced(y):
    """Weights giving each class of one conference a total of one."""
    np = _numpy()
    pos = y > 0
    return np.where(pos, 1.0 / max(1, pos.sum()), 1.0 / max(1, (~pos).sum()))


def fit(data: list[ConfData], args: argparse.Namespace) -> Ranker:
    """Turn and span models fitted on ``data``, combined as ``args`` says."""
    np = _numpy()
    turn = fit_pairwise([(d.T, d.t_gold) for d in data], args.turn_C, TURN_FEATURES,
                        keep_mask(args.drop_turn, TURN_FEATURES))
    inside = [d.t_gold[d.s_turn] > 0 for d in data]
    targets = [(d.y if args.span_labels == "overlap" else (d.covered >= 0.5).astype(float))[m]
               for d, m in zip(data, inside)]
    span = fit_pointwise(np.vstack([d.S[m] for d, m in zip(data, inside)]), np.concatenate(targets),
                         np.concatenate([balanced(t) for t in targets]) * len(data), args.span_C,
                         SPAN_FEATURES, keep_mask(args.drop_span, SPAN_FEATURES))
    meta = {"turn_C": args.turn_C, "span_C": args.span_C, "span_labels": args.span_labels,
            "trained_on": [d.conf.date for d in data]}
    return Ranker(turn, span, args.span_weight, args.context_weight, args.context_radius, args.turn_penalty, meta)


def linear_scores(model: LinearModel, X):
    """Vectorised `LinearModel.score` (same numbers)."""
    np = _numpy()
    return model.bias + ((X - np.array(model.mean)) / np.array(model.scale)) @ np.array(model.weights)


def ranked(d: ConfData, ranker: Ranker) -> list[Scored]:
    """The conference's candidates scored by ``ranker``, best first (as `ranker.rank`)."""
    np = _numpy()
    turn_scores = dict(zip(d.turn_ids, linear_scores(ranker.turn, d.T).tolist()))
    s = np.array(combine(ranker, d.cands, turn_scores, linear_scores(ranker.span, d.S).tolist()))
    order = np.lexsort((np.array([c.start for c in d.cands]), -s))
    return [Scored(d.cands[i], float(s[i])) for i in order]


def cross_validate(data: list[ConfData], args: argparse.Namespace) -> list[tuple[str, float, float, float]]:
    """(date, recall@k, turn@k, median words of the quotes) per held-out conference."""
    np = _numpy()
    rows = []
    for i, d in enumerate(data):
        ranker = fit(data[:i] + data[i + 1:], args)
        chosen = choose_quotes(ranked(d, ranker), args.k, turn_penalty=ranker.turn_penalty,
                               max_per_turn=args.max_per_turn, max_words=args.max_words, min_words=MIN_QUOTE_WORDS)
        spans = [c.span for c in chosen]
        recall, turn = recall_at_k(spans, d.conf.gold), turn_at_k(d.conf.doc, spans, d.conf.gold)
        rows.append((d.conf.date, recall, turn, float(np.median([c.candidate.words for c in chosen]))))
    return rows


def keep_mask(drop: str, names: tuple[str, ...]):
    """Which of ``names`` to keep, given a comma-separated list to leave out."""
    np = _numpy()
    dropped = {name for name in drop.split(",") if name}
    unknown = dropped - set(names)
    if unknown:
        raise SystemExit(f"unknown features: {sorted(unknown)}")
    return np.array([name not in dropped for name in names])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The training and CV settings (defaults: the shipped model's)."""
    parser = argparse.ArgumentParser(prog="python -m summarizer.select.training", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("quote_set", nargs="?", default=str(DEFAULT_QUOTE_SET),
                        help="folder of aligned articles (default: %(default)s)")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--turn-C", type=float, default=0.03, help="L2 strength of the turn model (inverse)")
    parser.add_argument("--span-C", type=float, default=0.1, help="L2 strength of the span model (inverse)")
    parser.add_argument("--span-labels", choices=("overlap", "covered"), default="overlap")
    parser.add_argument("--span-weight", type=float, default=0.3,
                        help="weight of the span score against the turn score (which block decides more than which words)")
    parser.add_argument("--context-weight", type=float, default=0.3)
    parser.add_argument("--context-radius", type=int, default=3)
    parser.add_argument("--turn-penalty", type=float, default=3.0, help="spread rule (see ranker.choose_quotes)")
    parser.add_argument("--max-per-turn", type=int, default=0, help="hard cap per turn (0: none)")
    parser.add_argument("--max-words", type=int, default=0, help="leave out longer quotes (0: no limit)")
    parser.add_argument("--drop-turn", default="", help="comma-separated turn features to leave out")
    parser.add_argument("--drop-span", default="", help="comma-separated span features to leave out")
    parser.add_argument("--quiet", action="store_true", help="only the mean figures")
    parser.add_argument("--no-write", action="store_true", help="do not write the model")
    parser.add_argument("--out", default=str(DEFAULT_MODEL), help="where to write the model (default: the package's)")
    args = parser.parse_args(argv)
    args.max_per_turn = args.max_per_turn or None
    args.max_words = args.max_words or None
    return args


def report(rows: list[tuple[str, float, float, float]], args: argparse.Namespace, seconds: float) -> None:
    """Print the per-conference and mean CV figures."""
    np = _numpy()
    if not args.quiet:
        for date, recall, turn, words in rows:
            print(f"  {date}  recall@{args.k} {recall:.3f}  turn@{args.k} {turn:.3f}  median words {words:.0f}")
    settings = {k: v for k, v in vars(args).items() if k not in ("quiet", "no_write", "k", "quote_set", "out")}
    print(f"LOCO CV {settings}:\n  recall@{args.k} {np.mean([r[1] for r in rows]):.3f}  "
          f"turn@{args.k} {np.mean([r[2] for r in rows]):.3f}  "
          f"median words {np.median([r[3] for r in rows]):.0f}  ({seconds:.0f} s)")


def print_weights(ranker: Ranker) -> None:
    """Print both models' weights (on standardised features), largest first."""
    for title, model in (("turn model", ranker.turn), ("span model", ranker.span)):
        print(f"{title} (bias {model.bias:+.3f}):")
        for name, weight in sorted(zip(model.names, model.weights), key=lambda p: -abs(p[1])):
            print(f"  {weight:+.3f}  {name}")


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, then train on every conference and write the model."""
    args = parse_args(argv)
    if not Path(args.quote_set).is_dir():
        print(f"no quote set at {args.quote_set}: give the folder of aligned articles", file=sys.stderr)
        return 2
    started = time.time()
    data = build(load_quote_set(args.quote_set))
    report(cross_validate(data, args), args, time.time() - started)
    if not args.no_write:
        ranker = fit(data, args)
        save_ranker(ranker, args.out)
        print(f"wrote {args.out}")
        print_weights(ranker)
    return 0


if __name__ == "__main__":
    sys.exit(main())
