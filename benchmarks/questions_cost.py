"""What the questions section costs: an abstractive English brief with and without it,
side by side in one process (the models loaded once, before the first timed run), at
the real models' sizes (random weights, every output forced to a fixed number of decoder
steps; see `summarize_speed.py`), on one backend (CTranslate2 by default).

    .venv/bin/python benchmarks/questions_cost.py [--rounds 2] [--file PATH] [--backend transformers]

Prints each run's seconds and stages, then the mean of each and their ratio. The
longest corpus transcript by default (``../shared/corpus``; the seed transcript when
the corpus is absent).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from summarize_speed import build, forced_summarizer, pick_transcripts  # noqa: E402


def measure(path: Path, rounds: int, summary_tokens: int, translation_tokens: int,
            backend: str) -> dict[bool, list[float]]:
    from summarizer import parse_transcript

    def brief(questions: bool):
        return forced_summarizer(backend, summary_tokens, translation_tokens, questions).summarize(doc, target="en")

    doc = parse_transcript(path.read_bytes())
    brief(False)  # loads the models
    seconds: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(rounds):
        for questions in (False, True):  # alternated, so that a busy machine weighs on both alike
            started = time.perf_counter()
            summary = brief(questions)
            seconds[questions].append(time.perf_counter() - started)
            stages = ", ".join(f"{k} {v:.1f}" for k, v in summary.provenance["seconds"].items())
            print(f"{'with' if questions else 'without'} questions ({len(summary.questions)}): "
                  f"{seconds[questions][-1]:.1f} s [{stages}]", flush=True)
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--file", type=Path, default=None, help="a transcript (default: the longest of the corpus)")
    parser.add_argument("--summary-tokens", type=int, default=60)
    parser.add_argument("--translation-tokens", type=int, default=40)
    parser.add_argument("--backend", choices=["ctranslate2", "transformers"], default="ctranslate2")
    args = parser.parse_args(argv)

    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    path = args.file or pick_transcripts()[-1]
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp))
        os.environ["SUMMARIZER_MODELS_DIR"] = tmp
        seconds = measure(path, args.rounds, args.summary_tokens, args.translation_tokens, args.backend)
    without, with_ = (sum(seconds[q]) / len(seconds[q]) for q in (False, True))
    words = len(path.read_text(encoding="utf-8").split())
    print(f"{path.name} ({words:,} words), abstractive English brief, {args.backend}, models loaded: without questions "
          f"{without:.1f} s, with questions {with_:.1f} s ({with_ / without:.2f}×, +{with_ - without:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
