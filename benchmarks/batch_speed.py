"""Batch translation speed: documents per second by worker count and by shared passes.

    python benchmarks/batch_speed.py                 # tiny random models, 12 pieces of the seed
    python benchmarks/batch_speed.py --docs 24 --configs 1 1/alone 2 2/alone
    SUMMARIZER_MODELS_DIR=models python benchmarks/batch_speed.py --corpus ../shared/corpus

A configuration is a worker count, with ``/alone`` to translate every document
in its own pass (no sentences batched across documents) and ``@T`` to give
each worker T PyTorch threads (default: cores // workers; one in-process
worker keeps PyTorch's default, all cores). Each runs the same
job into a fresh output folder through the same `run_batch` the CLI uses; the
wall time includes starting the workers and loading the models (once per
worker; torch is imported here first, so one worker is not charged for it). A
resumed run of the finished job shows how fast up-to-date documents are
skipped. A one-document warm-up job runs first, untimed (the first PyTorch
work of a process is slow). On a shared 2-core machine compare the ratios printed side by side,
not the absolute times.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seed_pieces(count: int, paragraphs: int) -> list[str]:
    """``count`` small web-format transcripts cut from the seed, each opening with a label."""
    text = (ROOT / "seeds" / "2023-12-28.web.txt").read_text(encoding="utf-8")
    paras = [p for p in text.split("\n\n") if p.strip()][2:]  # title and date off
    label = "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: "
    pieces = []
    for i in range(count):
        start = (i * paragraphs) % max(1, len(paras) - paragraphs)
        chunk = paras[start:start + paragraphs]
        if ":" not in chunk[0][:80]:
            chunk[0] = label + chunk[0]
        pieces.append("\n\n".join(chunk) + "\n")
    return pieces


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=12, help="documents cut from the seed (default 12)")
    parser.add_argument("--paragraphs", type=int, default=6, help="paragraphs per document (default 6)")
    parser.add_argument("--configs", nargs="+", default=["1", "1/alone", "2", "2/alone"])
    parser.add_argument("--corpus", type=Path, help="translate this folder's *.web.txt instead")
    parser.add_argument("--to", default="en")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if "SUMMARIZER_MODELS_DIR" not in os.environ:
            print("building tiny random models …", file=sys.stderr)
            subprocess.run([sys.executable, "-m", "summarizer.testing", str(tmp / "models")], check=True, cwd=ROOT)
            os.environ["SUMMARIZER_MODELS_DIR"] = str(tmp / "models")
        if args.corpus:
            inputs = sorted(str(p) for p in args.corpus.glob("*.web.txt"))[: args.docs]
        else:
            (tmp / "in").mkdir()
            for i, piece in enumerate(seed_pieces(args.docs, args.paragraphs)):
                (tmp / "in" / f"doc{i:03d}.txt").write_text(piece, encoding="utf-8")
            inputs = [str(tmp / "in")]

        import torch  # noqa: F401  (imported before timing)

        from summarizer import models
        from summarizer.batch import BatchSettings, run_batch
        from summarizer.batch.engines import cpu_cores, make_engine
        from summarizer.batch.work import GROUP_CHARS

        settings = BatchSettings("translate", target=args.to)
        print(f"{cpu_cores()} cores; models: {os.environ['SUMMARIZER_MODELS_DIR']}")
        base = None
        list(run_batch(inputs[:1] if args.corpus else [next((tmp / "in").iterdir())], tmp / "warm-up", settings))
        for run, config in enumerate(args.configs):
            config, _, threads = config.partition("@")
            workers, _, alone = config.partition("/")
            config += f"@{threads}" if threads else ""
            models.clear_cache()  # every configuration loads its models
            out = tmp / f"out-{run}"
            started = time.perf_counter()
            with make_engine(int(workers), threads=int(threads) if threads else None,
                             group_chars=0 if alone else GROUP_CHARS) as engine:
                results = list(run_batch(inputs, out, settings, engine=engine))
            seconds = time.perf_counter() - started
            failed = [r for r in results if r.status == "failed"]
            rate = len(results) / seconds
            base = base or rate
            print(f"{config:>10}: {len(results)} docs in {seconds:6.1f} s = {rate:.3f} docs/s "
                  f"(x{rate / base:.2f} of the first), {len(failed)} failed", flush=True)
            for r in failed[:3]:
                print(f"  failed {r.id}: {r.error}")
            started = time.perf_counter()
            resumed = list(run_batch(inputs, out, settings, workers=int(workers)))
            skipped = sum(r.status == "skipped" for r in resumed)
            print(f"          resumed: {skipped}/{len(resumed)} skipped in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
