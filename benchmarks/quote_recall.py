"""Quote selection against what a journalist printed: recall among the top k.

Usage: python benchmarks/quote_recall.py [--k 10]

For the seed conference (seeds/2023-12-28.*) the sentences its news article
quoted are listed in seeds/2023-12-28.quotes.json. A printed quote is found when
one of the top-k quotes overlaps its sentence. Prints our recall next to two
baselines (the first sentences of officials' turns; the longest sentences).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from summarizer import extract_quotes, parse_transcript
from summarizer.select.quotes import candidate_sentences

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def gold_spans(text: str, anchors: list[str]) -> list[tuple[int, int]]:
    spans = []
    for anchor in anchors:
        start = text.find(anchor)
        if start < 0:
            raise SystemExit(f"anchor not in transcript: {anchor!r}")
        spans.append((start, start + len(anchor)))
    return spans


def recall(spans: list[tuple[int, int]], gold: list[tuple[int, int]]) -> float:
    found = sum(any(s < ge and gs < e for s, e in spans) for gs, ge in gold)
    return found / len(gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    meta = json.loads((SEEDS / "2023-12-28.quotes.json").read_text(encoding="utf-8"))
    for name in ("2023-12-28.web.txt", "2023-12-28.native.txt"):
        doc = parse_transcript((SEEDS / name).read_bytes())
        gold = gold_spans(doc.text, meta["anchors"])
        ours = extract_quotes(doc, k=args.k)
        sentences = candidate_sentences(doc)
        first = []
        seen_turns = set()
        for s in sentences:
            if s.turn.index not in seen_turns:
                seen_turns.add(s.turn.index)
                first.append((s.start, s.end))
        longest = sorted(sentences, key=lambda s: -(s.end - s.start))
        print(f"{name}: recall@{args.k} ours={recall([(q.start, q.end) for q in ours], gold):.0%} "
              f"first-sentences={recall(first[:args.k], gold):.0%} "
              f"longest={recall([(s.start, s.end) for s in longest[:args.k]], gold):.0%}")
    for q in ours:
        print(f"  {q.score:6.2f} [{q.speaker.display}] ex{q.exchange} {q.original[:110]}")


if __name__ == "__main__":
    main()
