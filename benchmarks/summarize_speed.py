"""Seconds and peak memory of `summarize()` at the real models' sizes, with each backend.

Builds random-weight models with the real dimensions — Marian es→en and en→es as
opus-mt (d_model 512, 6+6 layers, 8 heads, FFN 2048, 65,001-entry vocabulary) and a
distilBART 12+6 summarizer (d_model 1024, 12 encoder and 6 decoder layers, 16 heads,
FFN 4096, 50,264-entry vocabulary) — with real tokenizers trained on the seed text,
converts each for CTranslate2 (int8), and forces every generated output to a fixed
number of decoder steps (`forced_length`), so that random weights cost what real ones
do. Then, each in a fresh process (so peak memory is that run's alone), summarizes the
median-length and the longest corpus transcripts (``../shared/corpus``; the seed
transcript when the corpus is absent) in abstractive mode, English and Spanish briefs,
with transformers (translation int8, summarization fp32: the defaults) and with
CTranslate2 (int8), side by side, alternating which goes first.

Targets: CTranslate2's total at most 0.5× transformers' total, and the peak RSS of a
CTranslate2 English brief at most 1.2 GB; the exit status is 1 when one is missed.

    .venv/bin/python benchmarks/summarize_speed.py [--targets en es] [--summary-tokens 60] [--transcripts FILE…]
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

import summarizer  # noqa: E402,F401 - sets OMP_WAIT_POLICY before torch loads, here and in the runs

MARIAN = {"d_model": 512, "layers": 6, "heads": 8, "ffn": 2048, "vocab_size": 65001, "init_std": 0.02}
DISTILBART = {"d_model": 1024, "encoder_layers": 12, "decoder_layers": 6, "heads": 16, "ffn": 4096,
              "vocab_size": 50264}
BACKENDS = ("transformers", "ctranslate2")
TARGET_RATIO, TARGET_PEAK_MB = 0.5, 1200


def pick_transcripts() -> list[Path]:
    corpus = ROOT.parent / "shared" / "corpus"
    files = sorted(corpus.glob("*.web.txt")) if corpus.is_dir() else []
    if not files:
        return [ROOT / "seeds" / "2023-12-28.web.txt"]
    by_words = sorted(files, key=lambda p: len(p.read_text(encoding="utf-8").split()))
    return [by_words[(len(by_words) - 1) // 2], by_words[-1]]


def build(dest: Path) -> None:
    """Real-size random models in a models folder laid out like `summarizer.testing`'s, with
    their CTranslate2 int8 copies."""
    from summarizer.models import convert
    from summarizer.testing import build_bart, build_marian, sample_texts

    spanish, english = sample_texts()
    folders = [build_marian(dest / f"opus-mt-{source}-{target}", source=source, target=target,
                            source_lines=src_lines, target_lines=tgt_lines, spm_vocab=8000, **MARIAN)
               for source, target, src_lines, tgt_lines in (("es", "en", spanish, english),
                                                            ("en", "es", english, spanish))]
    folders.append(build_bart(
        dest / "distilbart-cnn-12-6", lines=english, bpe_vocab=8000, d_model=DISTILBART["d_model"],
        layers=DISTILBART["encoder_layers"], decoder_layers=DISTILBART["decoder_layers"], heads=DISTILBART["heads"],
        ffn=DISTILBART["ffn"], vocab_size=DISTILBART["vocab_size"], init_std=0.02))
    for folder in folders:
        convert(folder, folder.with_name(folder.name + ".ct2-int8"))


def peak_rss_mb() -> float:
    """This process's peak RSS. Linux: VmHWM, the peak of this program's own memory (getrusage's
    ru_maxrss also counts the parent's memory from before exec, which would add this
    script's model building to every run)."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def forced_summarizer(backend: str, summary_tokens: int, translation_tokens: int, questions: bool = True,
                      pairs: tuple = (("es", "en"), ("en", "es"))):
    """An abstractive `Summarizer` on the models `build` wrote, every output forced to its
    number of decoder steps (translations int8 as on CPU by default; models loaded once
    per process, on its first brief)."""
    from forced_length import ForcedLength

    from summarizer.models import GenerationOptions, Models
    from summarizer.summarize import Summarizer, SummaryOptions
    from summarizer.testing import fake_models
    from summarizer.translate import TranslateOptions, Translator

    real = Models.from_settings(device="cpu", backend=backend)
    models = fake_models(summarize=ForcedLength(real.generator("summarize")))
    for source, target_lang in pairs:  # each translation forced, in a Translator of its own
        forced = ForcedLength(real.generator("translate", source=source, target=target_lang, quantize=True))
        models.register("translate", Translator(source, target_lang,
                                                options=TranslateOptions(max_new_tokens=translation_tokens),
                                                models=fake_models(translate=forced)),
                        source=source, target=target_lang)

    options = SummaryOptions(
        mode="abstractive", device="cpu", backend=backend, questions=questions,
        point=GenerationOptions(num_beams=2, max_new_tokens=summary_tokens, no_repeat_ngram_size=3),
        lead=GenerationOptions(num_beams=2, max_new_tokens=summary_tokens * 3 // 2, no_repeat_ngram_size=3),
    )
    return Summarizer(options, models=models)


def child(path: Path, target: str, backend: str, summary_tokens: int, translation_tokens: int) -> None:
    """One measured run, in its own process; prints a JSON record."""
    from summarizer import parse_transcript

    doc = parse_transcript(path.read_bytes())
    started, cpu = time.perf_counter(), time.process_time()
    pairs = (("es", "en"),) if target == "en" else (("es", "en"), ("en", "es"))  # what the brief uses
    brief_maker = forced_summarizer(backend, summary_tokens, translation_tokens, pairs=pairs)
    summary = brief_maker.summarize(doc, target=target)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = peak_rss_mb()
    models = summary.provenance["models"]
    print(json.dumps({
        "file": path.name, "words": sum(len(t.text.split()) for t in doc.turns), "target": target,
        "backend": backend, "seconds": round(seconds, 1), "cpu": round(cpu, 1), "peak_mb": round(peak_mb),
        "stages": summary.provenance["seconds"], "points": len(summary.points),
        "ran": sorted({f"{m['backend']} {m['compute_type']}" for m in models.values()}),
    }))


def measure(path: Path, target: str, backend: str, args, env: dict) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(path), target, backend, str(args.summary_tokens),
         str(args.translation_tokens)], env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the {backend} run failed:\n{result.stderr[-3000:]}")
    record = json.loads(result.stdout.strip().splitlines()[-1])
    stages = ", ".join(f"{k} {v:.1f}" for k, v in record["stages"].items())
    print(f"  {record['file']} ({record['words']:,} words) → {target}, {backend:12}: {record['seconds']:6.1f} s "
          f"(CPU {record['cpu']:6.1f} s), peak {record['peak_mb']:,} MB RSS, {record['points']} points "
          f"[{stages}] ({', '.join(record['ran'])})", flush=True)
    return record


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", nargs="+", default=["en", "es"], choices=["en", "es"])
    parser.add_argument("--transcripts", nargs="+", type=Path, default=None,
                        help="transcript files (default: the corpus' median and longest)")
    parser.add_argument("--summary-tokens", type=int, default=60, help="decoder steps of a topic line (default 60)")
    parser.add_argument("--translation-tokens", type=int, default=40,
                        help="decoder steps of a translation (default 40)")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        path, target, backend, summary, translation = args.child
        child(Path(path), target, backend, int(summary), int(translation))
        return 0

    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    print(f"{os.cpu_count()} CPUs; OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(unset)')}; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        build(Path(tmp))
        print(f"models: random Marian es→en and en→es (opus-mt sizes) and distilBART 12+6, built and converted to "
              f"CTranslate2 int8 in {time.perf_counter() - started:.0f} s; outputs forced to "
              f"{args.translation_tokens} decoder steps (translations), {args.summary_tokens} (topic lines) and "
              f"{args.summary_tokens * 3 // 2} (the lead)", flush=True)
        env = dict(os.environ, SUMMARIZER_MODELS_DIR=tmp, HF_HUB_OFFLINE="1", PYTHONWARNINGS="ignore")
        records = []
        paths = args.transcripts or pick_transcripts()
        for n, (path, target) in enumerate((p, t) for p in paths for t in args.targets):
            order = BACKENDS if n % 2 == 0 else tuple(reversed(BACKENDS))
            records += [measure(path, target, backend, args, env) for backend in order]

    return verdict(records)


def verdict(records: list[dict]) -> int:
    """Print the totals of both backends and whether the targets are met; the exit status
    (1: a target missed)."""
    total = {b: sum(r["seconds"] for r in records if r["backend"] == b) for b in BACKENDS}
    cpu = {b: sum(r["cpu"] for r in records if r["backend"] == b) for b in BACKENDS}
    peak = max(r["peak_mb"] for r in records if r["backend"] == "ctranslate2" and r["target"] == "en")
    ratio = total["ctranslate2"] / total["transformers"]
    print(f"total: transformers {total['transformers']:.1f} s (CPU {cpu['transformers']:.1f} s), CTranslate2 "
          f"{total['ctranslate2']:.1f} s (CPU {cpu['ctranslate2']:.1f} s): {ratio:.2f}× wall, "
          f"{cpu['ctranslate2'] / cpu['transformers']:.2f}× CPU — target at most {TARGET_RATIO}×: "
          f"{'met' if ratio <= TARGET_RATIO else 'NOT met'}")
    print(f"peak RSS of a CTranslate2 English brief: {peak:,} MB — target at most {TARGET_PEAK_MB:,} MB: "
          f"{'met' if peak <= TARGET_PEAK_MB else 'NOT met'}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0 if ratio <= TARGET_RATIO and peak <= TARGET_PEAK_MB else 1


if __name__ == "__main__":
    sys.exit(main())
