"""Quote and topic selection against what journalists printed.

Usage: python benchmarks/quote_recall.py [QUOTE_SET] [--k 10] [--repeats 3]

QUOTE_SET is a folder of news articles whose printed quotes are aligned to transcript
spans (``../shared/quotes-dev`` by default). Prints, in one run:

* recall@k and turn@k of our quotes, cross-validated leaving one conference out (the
  ranker retrained on the others; needs ``pip install ".[train]"``, else the shipped
  model's in-sample figures, marked so), beside three baselines: the first k sentences of
  officials, the k longest, k random ones (seed 0, and the mean of 100 seeds);
* topic coverage (share of printed spans lying in a segment the brief makes a point of)
  and section coverage (share of a recap's sections holding one of the brief's points);
* selection time per transcript (`select.select`: segments, ranking, topics, quotes).

Without the quote set it scores the seed conference against the sentences its news
article quoted (``seeds/2023-12-28.quotes.json``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
import sys
import time
from pathlib import Path

from summarizer import extract_quotes, parse_transcript
from summarizer.evaluation import Conference, load_quote_set, recall_at_k, turn_at_k
from summarizer.select import select
from summarizer.select.candidates import candidates
from summarizer.select.segments import segment_finder

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT.parent / "shared" / "quotes-dev"


def sentences(doc) -> list:
    """Whole single sentences of quotable turns, in order."""
    return [c for c in candidates(doc) if c.width == 1]


def baselines(doc, k: int, seed: int = 0) -> dict[str, list[tuple[int, int]]]:
    pool = sentences(doc)
    spans = [(c.start, c.end) for c in pool]
    longest = sorted(pool, key=lambda c: (-c.words, c.start))
    return {"first sentences of officials": spans[:k],
            "longest sentences": [(c.start, c.end) for c in longest[:k]],
            "random sentences (seed 0)": random.Random(seed).sample(spans, min(k, len(spans)))}


def ours_in_sample(conf: Conference, k: int) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in extract_quotes(conf.doc, k)]


def ours_cross_validated(confs: list[Conference], k: int) -> list[tuple[float, float]] | None:
    """LOCO recall@k, turn@k per conference, or None without numpy and scikit-learn."""
    if importlib.util.find_spec("numpy") is None or importlib.util.find_spec("sklearn") is None:
        return None
    from summarizer.select import training

    args = training.parse_args(["--no-write", "--quiet", "--k", str(k)])
    return [(recall, turn) for _, recall, turn, _ in training.cross_validate(training.build(confs), args)]


def quote_table(confs: list[Conference], k: int) -> None:
    rows: dict[str, list[tuple[float, float]]] = {}
    cv = ours_cross_validated(confs, k)
    label = "ours (learned ranker, LOCO cross-validated)" if cv else "ours (shipped model, IN-SAMPLE: pip install .[train] for CV)"
    rows[label] = cv or [(recall_at_k(s, c.gold), turn_at_k(c.doc, s, c.gold)) for c in confs
                         for s in [ours_in_sample(c, k)]]
    for conf in confs:
        for name, spans in baselines(conf.doc, k).items():
            rows.setdefault(name, []).append((recall_at_k(spans, conf.gold), turn_at_k(conf.doc, spans, conf.gold)))
    seeds = [[(recall_at_k(s, c.gold), turn_at_k(c.doc, s, c.gold)) for c in confs
              for s in [baselines(c.doc, k, seed)["random sentences (seed 0)"]]] for seed in range(100)]
    rows["random sentences (mean of 100 seeds)"] = [pair for run in seeds for pair in run]
    print(f"{len(confs)} conferences, {sum(len(c.gold) for c in confs)} printed spans; k = {k}")
    print(f"{'selector':62} recall@{k}  turn@{k}")
    for name, pairs in rows.items():
        print(f"{name:62} {statistics.mean(p[0] for p in pairs):9.3f} {statistics.mean(p[1] for p in pairs):8.3f}")


def coverage(confs: list[Conference], repeats: int) -> None:
    topic, sections, seconds = [], [0, 0], []
    for conf in confs:
        times = []
        for _ in range(repeats):
            started = time.process_time()
            selection = select(conf.doc)
            times.append(time.process_time() - started)
        seconds.append((len(conf.doc.text.split()), min(times)))
        chosen = {t.segment.index for t in selection.topics}
        find = segment_finder(selection.segments)
        held = [find(s) for s, _ in conf.gold]
        topic.append(sum(h is not None and h.index in chosen for h in held) / len(conf.gold))
        lines = [t.line.start for t in selection.topics]
        sections[0] += sum(any(s <= line < e for line in lines) for s, e in conf.sections)
        sections[1] += len(conf.sections)
    print(f"topic coverage: {statistics.mean(topic):.3f} of printed spans lie in a segment the brief makes a point of")
    print(f"section coverage: {sections[0]}/{sections[1]} recap sections hold one of the brief's points")
    words, cpu = zip(*sorted(seconds))
    middle = len(words) // 2
    print(f"selection time (CPU, best of {repeats}): median transcript {words[middle]:,} words "
          f"{cpu[middle]:.3f} s; {sum(cpu) / sum(words) * 10_000:.3f} s per 10,000 words overall; "
          f"largest {words[-1]:,} words {cpu[-1]:.3f} s")


def seed_only(k: int) -> None:
    meta = json.loads((ROOT / "seeds" / "2023-12-28.quotes.json").read_text(encoding="utf-8"))
    for name in ("2023-12-28.web.txt", "2023-12-28.native.txt"):
        doc = parse_transcript((ROOT / "seeds" / name).read_bytes())
        gold = [(doc.text.index(a), doc.text.index(a) + len(a)) for a in meta["anchors"]]
        figures = {"ours": ours_in_sample(Conference("seed", doc, tuple(gold)), k), **baselines(doc, k)}
        print(name + ": " + "; ".join(f"{label} recall@{k} {recall_at_k(spans, gold):.0%}"
                                      for label, spans in figures.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("quote_set", nargs="?", type=Path, default=DEFAULT_SET)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.quote_set.is_dir():
        print(f"{args.quote_set} not found: scoring the seed conference only", file=sys.stderr)
        seed_only(args.k)
        return 0
    confs = load_quote_set(args.quote_set)
    quote_table(confs, args.k)
    coverage(confs, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
