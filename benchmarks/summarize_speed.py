"""Seconds and peak memory of `summarize()` at the real models' sizes.

Builds random-weight models with the real dimensions — Marian es→en and en→es as
opus-mt (d_model 512, 6+6 layers, 8 heads, FFN 2048, 65,001-entry vocabulary) and a
distilBART 12+6 summarizer (d_model 1024, 12 encoder and 6 decoder layers, 16 heads,
FFN 4096, 50,264-entry vocabulary) — with real tokenizers trained on the seed text, and
forces every generated output to a fixed length, so that random weights cost what real
ones do. Then, each in a fresh process (so peak memory is that run's alone), summarizes
the median-length and the longest corpus transcripts (``../shared/corpus``; the seed
transcript when the corpus is absent) in abstractive mode, English and Spanish briefs.

    .venv/bin/python benchmarks/summarize_speed.py [--targets en es] [--summary-tokens 60] [--max-seconds 60]

The target: the slowest run (the longest transcript) under ``--max-seconds`` (60 s on
2 cores); the script exits 1 when a run misses it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MARIAN = {"d_model": 512, "layers": 6, "heads": 8, "ffn": 2048, "vocab_size": 65001, "init_std": 0.02}
DISTILBART = {"d_model": 1024, "encoder_layers": 12, "decoder_layers": 6, "heads": 16, "ffn": 4096,
              "vocab_size": 50264}


def pick_transcripts() -> list[Path]:
    corpus = ROOT.parent / "shared" / "corpus"
    files = sorted(corpus.glob("*.web.txt")) if corpus.is_dir() else []
    if not files:
        return [ROOT / "seeds" / "2023-12-28.web.txt"]
    by_words = sorted(files, key=lambda p: len(p.read_text(encoding="utf-8").split()))
    return [by_words[(len(by_words) - 1) // 2], by_words[-1]]


def build(dest: Path, output_tokens: int) -> None:
    """Real-size random models in a models folder laid out like `summarizer.testing`'s."""
    from summarizer.testing import build_bart, build_marian, sample_texts

    spanish, english = sample_texts()
    for source, target, src_lines, tgt_lines in (("es", "en", spanish, english), ("en", "es", english, spanish)):
        folder = build_marian(dest / f"opus-mt-{source}-{target}", source=source, target=target,
                              source_lines=src_lines, target_lines=tgt_lines, spm_vocab=8000, **MARIAN)
        config = json.loads((folder / "generation_config.json").read_text())
        config["min_length"] = output_tokens + 1  # every translation as long as asked
        (folder / "generation_config.json").write_text(json.dumps(config))
    build_bart(dest / "distilbart-cnn-12-6", lines=english, bpe_vocab=8000, d_model=DISTILBART["d_model"],
               layers=DISTILBART["encoder_layers"], decoder_layers=DISTILBART["decoder_layers"],
               heads=DISTILBART["heads"], ffn=DISTILBART["ffn"], vocab_size=DISTILBART["vocab_size"], init_std=0.02)


def child(path: Path, target: str, summary_tokens: int) -> None:
    """One measured run, in its own process; prints a JSON record."""
    from dataclasses import replace

    import torch

    from summarizer import parse_transcript
    from summarizer.models import GenerationOptions
    from summarizer.summarize import Summarizer, SummaryOptions

    options = SummaryOptions(
        mode="abstractive",
        point=GenerationOptions(num_beams=2, max_new_tokens=summary_tokens, min_new_tokens=summary_tokens,
                                no_repeat_ngram_size=3),
        lead=GenerationOptions(num_beams=2, max_new_tokens=summary_tokens * 3 // 2,
                               min_new_tokens=summary_tokens * 3 // 2, no_repeat_ngram_size=3),
        device="cpu",
    )
    doc = parse_transcript(path.read_bytes())
    started = time.perf_counter()
    summary = Summarizer(replace(options)).summarize(doc, target=target)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "file": path.name, "words": sum(len(t.text.split()) for t in doc.turns), "target": target,
        "seconds": round(seconds, 1), "peak_mb": round(peak_mb), "stages": summary.provenance["seconds"],
        "points": len(summary.points), "threads": torch.get_num_threads(),
    }))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", nargs="+", default=["en", "es"], choices=["en", "es"])
    parser.add_argument("--summary-tokens", type=int, default=60, help="forced length of a topic line (default 60)")
    parser.add_argument("--translation-tokens", type=int, default=40, help="forced length of a translation (default 40)")
    parser.add_argument("--max-seconds", type=float, default=60.0,
                        help="target for the slowest run; exit 1 when missed (default 60)")
    parser.add_argument("--child", nargs=3, metavar=("FILE", "TARGET", "TOKENS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), args.child[1], int(args.child[2]))
        return 0

    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        build(Path(tmp), args.translation_tokens)
        print(f"models: random Marian es→en and en→es (opus-mt sizes) and distilBART 12+6, built in "
              f"{time.perf_counter() - started:.0f} s; outputs forced to {args.translation_tokens} tokens "
              f"(translations) and {args.summary_tokens} tokens (topic lines)")
        env = dict(os.environ, SUMMARIZER_MODELS_DIR=tmp, HF_HUB_OFFLINE="1", PYTHONWARNINGS="ignore")
        worst = 0.0
        for path in pick_transcripts():
            for target in args.targets:
                result = subprocess.run(
                    [sys.executable, __file__, "--child", str(path), target, str(args.summary_tokens)],
                    env=env, capture_output=True, text=True, check=False,
                )
                if result.returncode != 0:
                    print(result.stderr[-3000:], file=sys.stderr)
                    return 1
                record = json.loads(result.stdout.strip().splitlines()[-1])
                worst = max(worst, record["seconds"])
                stages = ", ".join(f"{k} {v:.1f}" for k, v in record["stages"].items())
                print(f"{record['file']} ({record['words']:,} words) → {target}: {record['seconds']:.1f} s, "
                      f"peak {record['peak_mb']:,} MB RSS, {record['points']} points, "
                      f"{record['threads']} torch threads [{stages}]")
    return verdict(worst, args.max_seconds)


def verdict(worst: float, limit: float) -> int:
    """Print whether the slowest run met the target; the exit status (1: missed)."""
    if worst > limit:
        print(f"slowest run: {worst:.1f} s — MISSED the target of {limit:g} s for the longest transcript")
        return 1
    print(f"slowest run: {worst:.1f} s — within the target of {limit:g} s for the longest transcript")
    return 0


if __name__ == "__main__":
    sys.exit(main())
