"""The brief's own words against the day's topics as news recaps listed them.

Usage: python benchmarks/recap_rouge.py [QUOTE_SET] [--seeds 20]

QUOTE_SET is a folder of news articles (``../shared/quotes-dev`` by default); the
conferences whose recap or live pages list the day's topics (``bullets``) are scored.
For each, the extractive Spanish brief's own words — the lead, the point lines and the
answer lines, never the quotes — are compared with the bullets by ROUGE-1 and ROUGE-2
recall on folded content words (`summarizer.evaluation.rouge_recall`). Beside them, in
the same run, baselines given exactly the same number of content words: the first
sentences of officials, and random sentences of officials (mean over ``--seeds`` seeds).

The figures are leave-one-conference-out: selection is learned on this set (the quote
ranker and the story and line models, `summarizer.select.news_training.held_out`), and
each conference is scored with models trained on all the others (``--in-sample`` uses the
shipped models instead). Needs ``pip install ".[train]"`` for the retraining.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from pathlib import Path

from summarizer import Summarizer, SummaryOptions
from summarizer.evaluation import Conference, content_length, first_words, load_quote_set, rouge_recall
from summarizer.select.candidates import candidates
from summarizer.testing import fake_models

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT.parent / "shared" / "quotes-dev"


def official_sentences(doc) -> list[str]:
    """Whole single sentences of quotable turns, in order."""
    return [doc.text[c.start:c.end] for c in candidates(doc) if c.width == 1]


def brief_lines(summary, parts: str = "all") -> list[str]:
    """The brief's own words: lead, point lines, answer lines (not the quotes); ``parts``
    "points" keeps the lead and the point lines, "answers" the answer lines."""
    lines = [summary.lead] + [p.line.text for p in summary.points] if parts != "answers" else []
    lines += [q.answer.text for q in summary.questions if q.answer is not None] if parts != "points" else []
    return [line for line in lines if line and line.strip()]


def summarizers(everything: list[Conference], scored: list[Conference], in_sample: bool,
                folder: str) -> dict[str, Summarizer]:
    """An extractive summarizer per scored conference: its selection models trained on the
    other conferences (or the shipped ones, ``in_sample``)."""
    held = {}
    if not in_sample:
        from summarizer.select import news_training

        held = news_training.held_out(everything, folder, {c.date for c in scored})
    return {c.date: Summarizer(SummaryOptions(mode="extractive", selection=held.get(c.date)),
                               models=fake_models()) for c in scored}


def score(lines: list[str], bullets: tuple[str, ...]) -> tuple[float, float]:
    return rouge_recall(lines, bullets, 1), rouge_recall(lines, bullets, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("quote_set", nargs="?", default=str(DEFAULT_SET))
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--in-sample", action="store_true", help="score the shipped models (no retraining)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if not Path(args.quote_set).is_dir():
        print(f"no quote set at {args.quote_set}", file=sys.stderr)
        return 2
    everything = load_quote_set(args.quote_set, recaps=True)
    confs = [c for c in everything if c.bullets]
    with tempfile.TemporaryDirectory() as folder:
        makers = summarizers(everything, confs, args.in_sample, folder)
        briefs = {c.date: makers[c.date].summarize(c.doc, target="es") for c in confs}
    for parts in ("all", "points", "answers"):
        table(confs, briefs, parts, args)
    return 0


def table(confs: list[Conference], briefs: dict, parts: str, args) -> None:
    """One table: the brief's lines of ``parts`` against the baselines given as many words."""
    rows: dict[str, list[tuple[float, float]]] = {"ours": [], "first sentences of officials": [],
                                                  f"random sentences (mean of {args.seeds} seeds)": []}
    words = []
    for conf in confs:
        lines = brief_lines(briefs[conf.date], parts)
        budget = content_length(lines)
        words.append(budget)
        pool = official_sentences(conf.doc)
        ours = score(lines, conf.bullets)
        first = score(first_words(pool, budget), conf.bullets)
        randoms = [score(first_words(random.Random(seed).sample(pool, len(pool)), budget), conf.bullets)
                   for seed in range(args.seeds)]
        rows["ours"].append(ours)
        rows["first sentences of officials"].append(first)
        rows[f"random sentences (mean of {args.seeds} seeds)"].append(
            (statistics.mean(r[0] for r in randoms), statistics.mean(r[1] for r in randoms)))
        if not args.quiet and parts == "all":
            print(f"  {conf.date}  {budget:4d} words  ours R1 {ours[0]:.3f} R2 {ours[1]:.3f}  "
                  f"first R1 {first[0]:.3f} R2 {first[1]:.3f}")
    mode = "shipped models, IN-SAMPLE" if args.in_sample else "leave-one-conference-out"
    what = {"all": "lead, point lines and answer lines", "points": "lead and point lines only",
            "answers": "answer lines only"}[parts]
    print(f"\n{len(confs)} recap conferences, {sum(len(c.bullets) for c in confs)} bullets; {what}: a median of "
          f"{statistics.median(words):.0f} content words ({mode})")
    print(f"{'lines':44} ROUGE-1 recall  ROUGE-2 recall")
    for name, pairs in rows.items():
        print(f"{name:44} {statistics.mean(p[0] for p in pairs):14.3f} {statistics.mean(p[1] for p in pairs):15.3f}")
    best = [max(statistics.mean(p[i] for p in pairs) for name, pairs in rows.items() if name != "ours") for i in (0, 1)]
    ours = [statistics.mean(p[i] for p in rows["ours"]) for i in (0, 1)]
    print(f"ours against the better baseline: ROUGE-1 {ours[0] / best[0]:.2f}x, ROUGE-2 {ours[1] / best[1]:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
