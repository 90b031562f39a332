"""Batch translation speed: documents per second by worker count and by shared passes.

    python benchmarks/batch_speed.py                 # tiny random models, 12 pieces of the seed
    python benchmarks/batch_speed.py --docs 24 --configs 1 1/alone 2 2/alone
    python benchmarks/batch_speed.py --engine ray      # 1 and 2 workers: the pool engine, then Ray actors
    SUMMARIZER_MODELS_DIR=models python benchmarks/batch_speed.py --corpus ../shared/corpus

A configuration is a worker count, with ``/alone`` to translate every document
in its own pass (no sentences batched across documents) and ``@T`` to give
each worker T PyTorch threads (default: cores // workers; one in-process
worker keeps PyTorch's default, all cores). Each runs the same
job into a fresh output folder through the same `run_batch` the CLI uses; the
wall time includes starting the workers and loading the models (once per
worker; torch is imported here first, so one worker is not charged for it);
"warm" is the same job again on the same engine, into another folder (its workers
started, their models loaded): the rate of a long archive. A resumed run of the
finished job shows how fast up-to-date documents are skipped. A one-document warm-up
job runs first, untimed (the first PyTorch work of a process is slow). On a shared
2-core machine compare the ratios printed side by side, not the absolute times.

With ``--engine ray`` every configuration runs on the pool engine and then on Ray
actors (one local Ray instance with this machine's cores, started once before the
runs and timed apart, as a cluster would already be running); a Ray run's wall time
includes starting its actors and loading their models, as a pool run's includes
starting its processes. "1" is this process for the pool engine, one actor for Ray.
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
    parser.add_argument("--configs", nargs="+", help="default: 1 1/alone 2 2/alone (pool), 1 2 (--engine ray)")
    parser.add_argument("--engine", choices=["pool", "ray"], default="pool",
                        help="ray: each configuration on the pool engine, then on Ray actors")
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

        from summarizer.batch import BatchSettings, run_batch
        from summarizer.batch.engines import cpu_cores

        settings = BatchSettings("translate", target=args.to)
        print(f"{cpu_cores()} cores, load average {os.getloadavg()[0]:.1f}; "
              f"models: {os.environ['SUMMARIZER_MODELS_DIR']}")
        list(run_batch(inputs[:1] if args.corpus else [next((tmp / "in").iterdir())], tmp / "warm-up", settings))
        engines = ["pool", "ray"] if args.engine == "ray" else ["pool"]
        configs = args.configs or (["1", "2"] if args.engine == "ray" else ["1", "1/alone", "2", "2/alone"])
        local = start_ray() if "ray" in engines else None
        base = None
        try:
            for run, config in enumerate(configs):
                for engine in engines:
                    rate = measure(engine, config, inputs, tmp / f"out-{run}-{engine}", settings, base)
                    base = base or rate
        finally:
            if local is not None:
                from summarizer.batch.engines.ray.instance import disconnect

                disconnect(local)
        print(f"load average after: {os.getloadavg()[0]:.1f}")


def start_ray():
    """A local Ray instance with this machine's cores, for every Ray run (timed apart)."""
    from summarizer.batch.engines.ray.instance import connect

    started = time.perf_counter()
    local = connect(None, verbose=False)
    print(f"local Ray instance started in {time.perf_counter() - started:.1f} s (not in the figures below)")
    return local


def measure(engine: str, config: str, inputs: list[str], out: Path, settings, base: float | None) -> float:
    """Run the job on one engine and configuration, then resume it; print and return docs/s."""
    from summarizer.batch import run_batch
    from summarizer.batch.engines import make_engine
    from summarizer.batch.work import GROUP_CHARS

    config, _, threads = config.partition("@")
    workers, _, alone = config.partition("/")
    config += f"@{threads}" if threads else ""
    # every configuration loads its models: its engine gets a new Models from the settings
    started = time.perf_counter()
    with make_engine(int(workers), threads=int(threads) if threads else None, engine=engine,
                     group_chars=0 if alone else GROUP_CHARS) as job_engine:
        results = list(run_batch(inputs, out, settings, engine=job_engine))
        seconds = time.perf_counter() - started
        started = time.perf_counter()  # the same job again, into another folder: models loaded
        warm = list(run_batch(inputs, out.with_name(out.name + "-warm"), settings, engine=job_engine))
        warm_seconds = time.perf_counter() - started
    failed = [r for r in results + warm if r.status == "failed"]
    rate = len(results) / seconds
    base = base or rate
    print(f"{engine:>4} {config:>10}: {len(results)} docs in {seconds:6.1f} s = {rate:.3f} docs/s "
          f"(x{rate / base:.2f} of the first); warm: {warm_seconds:6.1f} s = {len(warm) / warm_seconds:.3f} docs/s; "
          f"{len(failed)} failed", flush=True)
    for r in failed[:3]:
        print(f"  failed {r.id}: {r.error}")
    started = time.perf_counter()
    resumed = list(run_batch(inputs, out, settings, engine=engine, workers=int(workers)))
    skipped = sum(r.status == "skipped" for r in resumed)
    print(f"{'':>16} resumed: {skipped}/{len(resumed)} skipped in {time.perf_counter() - started:.2f} s")
    return rate

if __name__ == "__main__":
    main()
