"""Train the news models (`news`) and cross-validate them leave-one-conference-out.

    pip install ".[train]"
    python -m summarizer.select.news_training ../shared/quotes-dev     # CV report, then write data/news.json

What the press picked is the label. A story's gain is the printed spans it holds plus the
recap bullets that speak of it (a bullet speaks of the story whose words hold most of its
content words); the story model is a ranking model (pairwise logistic regression within
each conference, as the quote ranker's turn model). A sentence is a good line when it
overlaps a printed span or holds most of a bullet's words; the line model is a logistic
regression over the sentences of the stories that hold such sentences, each conference
weighing the same.

Every feature of a conference is computed with a quote ranker trained without it
(cross-fitting), so the quote scores the features read are never in-sample.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..evaluation import Conference, folded_words, load_quote_set, overlaps
from .archive import default_stats
from .news import (
    DEFAULT_MODEL,
    LINE_FEATURES,
    STORY_FEATURES,
    TERM_WEIGHT,
    NewsModel,
    day_context,
    line_rows,
    save_news,
    story_features,
)
from .points import NEWS_FILE, RANKER_FILE
from .questions import find_questions
from .ranker import Ranker, rank
from .segments import segment_finder
from .segments import segments as find_segments
from .stories import Story, find_stories
from .topics import sentences_by_segment
from .training import DEFAULT_QUOTE_SET, balanced, build, fit, fit_pairwise, fit_pointwise, keep_mask
from .training import parse_args as ranker_args

BULLET_WEIGHT = 1.5
"""A recap's bullet counts as much as this many printed spans in a story's gain."""
TOP = 6
"""Stories a brief makes points of: the coverage the CV reports."""


@dataclass
class ConfNews:
    """One conference's stories and sentences, featurised and labelled."""

    conf: Conference
    stories: list[Story]
    story_rows: list[list[float]]
    gains: list[float]
    line_rows: list[list[float]]
    line_labels: list[float]
    line_story: list[int]  # the story (position in ``stories``) of each line row


def _bullet_story(bullet: str, story_words: list[set[str]]) -> int | None:
    """The story whose words hold most of ``bullet``'s content words (at least two, or its only one)."""
    words = set(folded_words(bullet))
    if not words:
        return None
    held = [len(words & own) for own in story_words]
    best = max(range(len(held)), key=lambda i: held[i], default=None)
    if best is None or held[best] < min(2, len(words)):
        return None
    return best


def prepare(conf: Conference, ranker: Ranker, stats) -> ConfNews:
    """The stories, rows and labels of one conference, its quote scores from ``ranker``."""
    doc = conf.doc
    ranking = rank(doc, ranker=ranker, stats=stats)
    segments = find_segments(doc, idf=stats.word_idf)
    by_segment = sentences_by_segment(doc, ranking, segments)
    questions = find_questions(doc, segments, by_segment, ranking)
    stories = find_stories(doc, segments, questions, stats.word_idf)
    ctx = day_context(doc, segments, by_segment, stats)
    texts = [" ".join(s.text for i in story.segments for s in by_segment.get(i, [])) for story in stories]
    story_words = [set(folded_words(t)) for t in texts]
    find = segment_finder(segments)
    gains = [0.0] * len(stories)
    where = {i: n for n, story in enumerate(stories) for i in story.segments}
    for start, _ in conf.gold:
        segment = find(start)
        if segment is not None and segment.index in where:
            gains[where[segment.index]] += 1
    matched: dict[int, list[set[str]]] = {}
    for bullet in conf.bullets:
        n = _bullet_story(bullet, story_words)
        if n is not None:
            gains[n] += BULLET_WEIGHT
            matched.setdefault(n, []).append(set(folded_words(bullet)))
    rows, labels, owners = [], [], []
    for n, story in enumerate(stories):
        for sentence, row in line_rows(ctx, story):
            span = (sentence.start, sentence.end)
            words = set(folded_words(sentence.text))
            said = any(len(b & words) >= max(2, len(b) / 2) for b in matched.get(n, []))
            rows.append(row)
            labels.append(float(said or any(overlaps(span, g) for g in conf.gold)))
            owners.append(n)
    return ConfNews(conf, stories, [story_features(ctx, s) for s in stories], gains, rows, labels, owners)


def prepare_all(confs: list[Conference], quiet: bool = False) -> list[ConfNews]:
    """Every conference prepared with a quote ranker trained without it."""
    stats = default_stats()
    args = ranker_args(["--no-write", "--quiet"])
    with_spans = [c for c in confs if c.gold]
    data = build(with_spans)
    shipped = fit(data, args)
    out = []
    for conf in confs:
        others = [d for d in data if d.conf.date != conf.date]
        ranker = fit(others, args) if len(others) < len(data) else shipped
        out.append(prepare(conf, ranker, stats))
        if not quiet:
            print(f"  prepared {conf.date}: {len(out[-1].stories)} stories, {len(out[-1].line_rows)} sentences",
                  file=sys.stderr)
    return out


def _numpy():
    from .training import _numpy as numpy

    return numpy()


def fit_news(data: list[ConfNews], story_C: float = 0.1, line_C: float = 0.1) -> NewsModel:
    """The story and line models fitted on ``data``."""
    np = _numpy()
    story = fit_pairwise([(np.array(d.story_rows), np.array(d.gains)) for d in data if d.stories], story_C,
                         STORY_FEATURES, keep_mask("", STORY_FEATURES))
    useful = [d for d in data if d.line_rows and sum(d.line_labels)]
    X = np.vstack([np.array(d.line_rows) for d in useful])
    y = np.concatenate([np.array(d.line_labels) for d in useful])
    w = np.concatenate([balanced(np.array(d.line_labels)) for d in useful]) * len(useful)
    line = fit_pointwise(X, y, w, line_C, LINE_FEATURES, keep_mask("", LINE_FEATURES))
    return NewsModel(story, line, {"story_C": story_C, "line_C": line_C,
                                   "trained_on": [d.conf.date for d in data]})


def coverage(d: ConfNews, order: list[int], top: int = TOP) -> float:
    """Share of a conference's gain in the first ``top`` stories of ``order``."""
    total = sum(d.gains)
    return sum(d.gains[i] for i in order[:top]) / total if total else 0.0


def cross_validate(data: list[ConfNews], story_C: float = 0.1, line_C: float = 0.1) -> dict[str, float]:
    """Story coverage@`TOP` (held-out model and baselines), and how often a story's chosen line
    is a sentence the press printed or a recap listed (over the stories that hold one)."""
    from .training import linear_scores

    np = _numpy()
    rows: dict[str, list[float]] = {"ours": [], "most questions": [], "largest share": [], "first told": []}
    lines: dict[str, list[float]] = {"ours (line model + story terms, as shipped)": [], "line model alone": [],
                                     "best quote-ranker score": [], "first sentence of the story": []}
    for i, d in enumerate(data):
        if not sum(d.gains):
            continue
        model = fit_news(data[:i] + data[i + 1:], story_C, line_C)
        scores = linear_scores(model.story, np.array(d.story_rows)) if d.stories else []
        n = range(len(d.stories))
        rows["ours"].append(coverage(d, sorted(n, key=lambda k: -scores[k])))
        rows["most questions"].append(coverage(d, sorted(n, key=lambda k: (-d.stories[k].questions, -d.stories[k].share))))
        rows["largest share"].append(coverage(d, sorted(n, key=lambda k: -d.stories[k].share)))
        rows["first told"].append(coverage(d, list(n)))
        if d.line_rows:
            X = np.array(d.line_rows)
            model_scores = linear_scores(model.line, X)
            values = {"ours (line model + story terms, as shipped)":
                      model_scores + TERM_WEIGHT * X[:, LINE_FEATURES.index("story_terms")],
                      "line model alone": model_scores, "best quote-ranker score": X[:, LINE_FEATURES.index("score")],
                      "first sentence of the story": -np.arange(len(X))}
            for story in {d.line_story[k] for k in range(len(d.line_rows)) if d.line_labels[k]}:
                members = [k for k in range(len(d.line_rows)) if d.line_story[k] == story]
                for name, value in values.items():
                    lines[name].append(d.line_labels[max(members, key=lambda k: value[k])])
    result = {f"story coverage@{TOP}: {name}": statistics.mean(v) for name, v in rows.items()}
    result.update({f"line is a printed or recapped sentence: {name}": statistics.mean(v) for name, v in lines.items()})
    return result


def held_out(confs: list[Conference], folder: str | Path, only: set[str] | None = None) -> dict[str, Path]:
    """For each conference (of ``only``, when given), a folder under ``folder`` holding the
    quote ranker and the news models trained on all the others (`points.selection_models`
    reads it): what leave-one-out benchmarks select with."""
    from .ranker import save_ranker

    args = ranker_args(["--no-write", "--quiet"])
    data = prepare_all(confs, quiet=True)
    spans = build([c for c in confs if c.gold])
    out = {}
    for i, conf in enumerate(confs):
        if only is not None and conf.date not in only:
            continue
        target = Path(folder) / conf.date
        target.mkdir(parents=True, exist_ok=True)
        save_ranker(fit([d for d in spans if d.conf.date != conf.date], args), target / RANKER_FILE)
        save_news(fit_news(data[:i] + data[i + 1:]), target / NEWS_FILE)
        out[conf.date] = target
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m summarizer.select.news_training", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("quote_set", nargs="?", default=str(DEFAULT_QUOTE_SET))
    parser.add_argument("--story-C", type=float, default=0.1)
    parser.add_argument("--line-C", type=float, default=0.1)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--out", default=str(DEFAULT_MODEL))
    args = parser.parse_args(argv)
    started = time.time()
    data = prepare_all(load_quote_set(args.quote_set, recaps=True))
    for name, value in cross_validate(data, args.story_C, args.line_C).items():
        print(f"{name:80} {value:.3f}")
    print(f"({len(data)} conferences, {time.time() - started:.0f} s)")
    if not args.no_write:
        model = fit_news(data, args.story_C, args.line_C)
        save_news(model, args.out)
        print(f"wrote {args.out}")
        for title, part in (("story model", model.story), ("line model", model.line)):
            print(f"{title}:")
            for name, weight in sorted(zip(part.names, part.weights), key=lambda p: -abs(p[1])):
                print(f"  {weight:+.3f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["prepare", "prepare_all", "fit_news", "cross_validate", "held_out", "ConfNews"]
