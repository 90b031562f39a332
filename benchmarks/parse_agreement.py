"""Turn agreement of the parser with the corpus gold, both formats.

Usage: python benchmarks/parse_agreement.py [CORPUS_DIR]

A gold turn agrees when a parsed turn has the same label and the same text
(paragraphs compared with white space collapsed). Prints per-file figures and
the totals.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from summarizer import parse_transcript


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def agreement(gold_turns, doc) -> tuple[int, int, list]:
    parsed = [(norm(t.label), norm(t.text)) for t in doc.turns]
    gold = [(norm(t["speaker"]), norm(t["text"])) for t in gold_turns]
    # Count gold turns found in order (a parsed extra turn does not shift the rest).
    found, j, misses = 0, 0, []
    pset = {}
    for i, p in enumerate(parsed):
        pset.setdefault(p, []).append(i)
    for g in gold:
        hits = [i for i in pset.get(g, []) if i >= j]
        if hits:
            found += 1
            j = hits[0] + 1
        else:
            misses.append(g)
    return found, len(gold), misses


def main(argv: list[str]) -> int:
    corpus = Path(argv[1] if len(argv) > 1 else Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus")
    totals = {"web": [0, 0], "native": [0, 0]}
    for gold_path in sorted(corpus.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for fmt in ("web", "native"):
            doc = parse_transcript((corpus / f"{gold['id']}.{fmt}.txt").read_bytes())
            found, total, misses = agreement(gold["turns"], doc)
            totals[fmt][0] += found
            totals[fmt][1] += total
            flag = "" if found == total else f"  extra={len(doc.turns) - found}"
            print(f"{gold['id']} {fmt:6} {found}/{total} parsed={len(doc.turns)} fmt={doc.format}{flag}")
            for m in misses[:3] if "-v" in argv else []:
                print("    MISS", m[0][:60], "|", m[1][:100])
    for fmt, (found, total) in totals.items():
        print(f"TOTAL {fmt}: {found}/{total} = {found / total:.4%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
