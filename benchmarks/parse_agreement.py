"""Turn agreement of the parser with the corpus gold, both formats.

Usage: python benchmarks/parse_agreement.py [CORPUS_DIR] [-v]

A gold turn agrees when a parsed turn, later than the last one matched, has
the same label and the same text (paragraphs compared with white space
collapsed); an extra parsed turn does not shift the rest. Prints per-file
figures (``-v``: the gold turns not found), the totals and the parse time.

The gold is the dataset's own segmentation; the parser splits a few speaker
changes the gold misses on purpose (a label without its colon, a label with a
lower-case note, a label split over two lines), so 100 % is not the target:
tests/test_corpus.py lists those turns (GOLD_ERRORS) and why.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from summarizer import parse_transcript
from summarizer.evaluation import gold_misses


def agreement(gold_turns, doc) -> tuple[int, int, list]:
    misses = gold_misses(gold_turns, doc)
    return len(gold_turns) - len(misses), len(gold_turns), misses


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("-")]
    verbose = "-v" in argv
    corpus = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    if not sorted(corpus.glob("*.gold.json")):
        print(f"no *.gold.json files in {corpus}: give the folder of a corpus with gold turns "
              "(python benchmarks/parse_agreement.py ../shared/corpus)", file=sys.stderr)
        return 2
    totals = {"web": [0, 0, 0.0], "native": [0, 0, 0.0]}
    for gold_path in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for fmt in ("web", "native"):
            source = corpus / f"{gold['id']}.{fmt}.txt"
            if not source.is_file():
                print(f"{gold['id']} {fmt:6} skipped: {source.name} is missing", file=sys.stderr)
                continue
            data = source.read_bytes()
            start = time.perf_counter()
            doc = parse_transcript(data)
            totals[fmt][2] += time.perf_counter() - start
            found, total, misses = agreement(gold["turns"], doc)
            totals[fmt][0] += found
            totals[fmt][1] += total
            flag = "" if found == total else f"  extra={len(doc.turns) - found}"
            print(f"{gold['id']} {fmt:6} {found}/{total} parsed={len(doc.turns)} fmt={doc.format}{flag}")
            for label, text in misses if verbose else []:
                print("    MISS", label[:60], "|", text[:100])
    for fmt, (found, total, seconds) in totals.items():
        print(f"TOTAL {fmt}: {found}/{total} = {found / total:.4%}  ({seconds:.2f} s)" if total
              else f"TOTAL {fmt}: no transcript")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
