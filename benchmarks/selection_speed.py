"""How long selection takes: stories, their ranking, lines, quotes, questions, sections.

Usage: python benchmarks/selection_speed.py [FILE …] [--repeats 3]

Times `summarizer.select.select` (the whole choice a brief makes, no model) on each
transcript, best of ``--repeats`` in CPU seconds (a busy machine slows wall time, not
this much), after one warm-up run that loads the archive table and the models. Without
files it takes the longest transcript of ``../shared/corpus`` (27,765 words) and the seed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from summarizer import parse_transcript
from summarizer.select import select

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def default_files() -> list[Path]:
    files = [ROOT / "seeds" / "2023-12-28.web.txt"]
    if CORPUS.is_dir():
        files.append(max(CORPUS.glob("*.native.txt"), key=lambda p: p.stat().st_size))
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    files = args.files or default_files()
    select(parse_transcript((ROOT / "seeds" / "2023-12-28.web.txt").read_bytes()))  # warm-up: tables, models
    print(f"{'transcript':40} {'words':>7} {'stories':>8} {'select (CPU s)':>15}")
    for path in files:
        doc = parse_transcript(path.read_bytes())
        times = []
        for _ in range(args.repeats):
            started = time.process_time()
            selection = select(doc)
            times.append(time.process_time() - started)
        words = sum(len(t.text.split()) for t in doc.turns)
        print(f"{path.name:40} {words:7,} {len(selection.stories):8} {min(times):15.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
