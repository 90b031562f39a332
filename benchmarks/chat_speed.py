"""Seconds and peak memory of a chat brief at the default chat model's real size, with each backend.

Builds a random-weight Qwen2 instruct model with Qwen2.5-1.5B-Instruct's dimensions
(hidden 1,536, 28 layers, 12 attention heads with 2 key-value heads, FFN 8,960, a
151,936-entry vocabulary, tied embeddings: 1.54 B parameters) and a byte-level BPE
tokenizer with Qwen's chat template, converts it for CTranslate2 (int8), and forces every
output to its full length (`forced_length`), so that random weights cost what real ones
do. Then, each in a fresh process (so peak memory is that run's alone), makes the chat
brief of the median-length and the longest corpus transcripts (``../shared/corpus``; the
seed transcript when the corpus is absent) in Spanish — the chat model reads the Spanish
and writes the lines; a Spanish brief needs no translation model, whose cost
`summarize_speed.py` measures — with CTranslate2 int8 and with transformers (fp32, the
default), side by side, alternating which goes first. Each run also times the model
alone on the brief's first prompt: prefill (prompt tokens per second, one output token)
and decode (output tokens per second, one row).

A random model's lines are gibberish that the faithfulness guard would send back: each
line is computed in full, then its text replaced by the story's first sentence (what a
faithful model might write), so that the brief takes the path a real model's does, with
no retry; ``--unfaithful`` keeps the gibberish (lines the guard refuses are asked for
again: the rows of each call are printed).

Target: the median transcript's brief with CTranslate2 int8 in at most 60 s, peak RSS at
most 3 GB; the exit status is 1 when one is missed.

    .venv/bin/python benchmarks/chat_speed.py [--line-tokens 60] [--lead-tokens 80] [--transcripts FILE…]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import summarizer  # noqa: E402,F401 - sets OMP_WAIT_POLICY before torch loads, here and in the runs
from summarize_speed import peak_rss_mb, pick_transcripts  # noqa: E402

QWEN = {"d_model": 1536, "layers": 28, "heads": 12, "kv_heads": 2, "ffn": 8960, "vocab_size": 151936,
        "init_std": 0.02, "max_positions": 32768}
BACKENDS = ("ctranslate2", "transformers")
TARGET_SECONDS, TARGET_PEAK_MB = 60, 3000


def build(dest: Path) -> None:
    """The model and its CTranslate2 copy; its tokenizer (32,000 entries) learned on the
    corpus' transcripts when they are here, so that a prompt has about as many tokens as
    a real tokenizer makes of it."""
    from summarizer.models import convert
    from summarizer.testing import build_chat, sample_texts

    spanish, english = sample_texts()
    corpus = ROOT.parent / "shared" / "corpus"
    for path in sorted(corpus.glob("*.web.txt")) if corpus.is_dir() else []:
        spanish += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    folder = build_chat(dest / "Qwen2.5-1.5B-Instruct", lines=spanish + english, bpe_vocab=32000, **QWEN)
    convert(folder, folder.with_name(folder.name + ".ct2-int8"))


def _first_sentence(prompt: str) -> str:
    """A line that passes the guard: the first sentence the prompt gives, without its speaker."""
    block = prompt.split("\n\n")[1] if "\n\n" in prompt else prompt
    first = block.splitlines()[0] if block else ""
    return first.partition(": ")[2] or first.lstrip("- ")


def child(path: Path, backend: str, line_tokens: int, lead_tokens: int, unfaithful: bool = False) -> None:
    """One measured run, in its own process; prints a JSON record."""
    from forced_length import ForcedLength

    from summarizer import parse_transcript
    from summarizer.models import GenerationOptions, Models
    from summarizer.summarize import Summarizer, SummaryOptions
    from summarizer.testing import fake_models

    doc = parse_transcript(path.read_bytes())
    started = time.perf_counter()
    model = Models.from_settings(device="cpu", backend=backend).generator("chat")
    loaded = time.perf_counter() - started
    forced = ForcedLength(model)
    rows, prompts = [], []
    original = forced._forward

    def counting(texts, options):  # the rows of each call, and the first prompt
        rows.append(len(texts))
        prompts.extend(texts[:1])
        outputs = original(texts, options)  # the work a real model does; then what a faithful one writes
        return outputs if unfaithful else [_first_sentence(t) for t in texts]

    forced._forward = counting
    options = SummaryOptions(mode="chat", device="cpu", backend=backend, chat_line=GenerationOptions(
        max_new_tokens=line_tokens), chat_lead=GenerationOptions(max_new_tokens=lead_tokens))
    began, cpu = time.perf_counter(), time.process_time()
    summary = Summarizer(options, models=fake_models(chat=forced)).summarize(doc, target="es")
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    prompt = prompts[0]
    prompt_tokens = model.count_tokens([prompt])[0]
    t0 = time.perf_counter()
    forced.generate([prompt], GenerationOptions(max_new_tokens=1))
    prefill = time.perf_counter() - t0
    t0 = time.perf_counter()
    forced.generate([prompt], GenerationOptions(max_new_tokens=1 + line_tokens))
    decode = time.perf_counter() - t0 - prefill
    print(json.dumps({
        "file": path.name, "words": sum(len(t.text.split()) for t in doc.turns), "backend": backend,
        "seconds": round(seconds, 1), "cpu": round(cpu, 1), "load": round(loaded, 1), "peak_mb": round(peak_rss_mb()),
        "points": len(summary.points), "rows": rows, "prompt_tokens": prompt_tokens,
        "prefill_tps": round(prompt_tokens / prefill), "decode_tps": round(line_tokens / max(decode, 1e-9), 1),
        "ran": f"{model.provenance['backend']} {model.provenance['compute_type']}",
    }))


def measure(path: Path, backend: str, args, env: dict) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", str(path), backend, str(args.line_tokens),
                             str(args.lead_tokens), "1" if args.unfaithful else "0"], env=env, capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"the {backend} run failed:\n{result.stderr[-3000:]}")
    r = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"  {r['file']} ({r['words']:,} words), {backend:12}: brief {r['seconds']:6.1f} s (CPU {r['cpu']:6.1f} s; "
          f"model loaded in {r['load']:.1f} s before), peak {r['peak_mb']:,} MB RSS, {r['points']} points, rows per "
          f"call {r['rows']}; prefill {r['prefill_tps']:,} tokens/s ({r['prompt_tokens']} prompt tokens), decode "
          f"{r['decode_tps']} tokens/s ({r['ran']})", flush=True)
    return r


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transcripts", nargs="+", type=Path, default=None,
                        help="transcript files (default: the corpus' median and longest)")
    parser.add_argument("--line-tokens", type=int, default=60, help="tokens of a story's line (default 60)")
    parser.add_argument("--lead-tokens", type=int, default=80, help="tokens of the lead (default 80)")
    parser.add_argument("--backends", nargs="+", default=list(BACKENDS), choices=BACKENDS)
    parser.add_argument("--unfaithful", action="store_true", help="keep the random model's lines (retries)")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        path, backend, line, lead, unfaithful = args.child
        child(Path(path), backend, int(line), int(lead), unfaithful == "1")
        return 0

    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        build(Path(tmp))
        print(f"model: random Qwen2 at Qwen2.5-1.5B-Instruct's dimensions, built and converted to CTranslate2 int8 in "
              f"{time.perf_counter() - started:.0f} s; outputs forced to {args.line_tokens} tokens (lines) and "
              f"{args.lead_tokens} (the lead)", flush=True)
        env = dict(os.environ, SUMMARIZER_MODELS_DIR=tmp, HF_HUB_OFFLINE="1", PYTHONWARNINGS="ignore")
        records = []
        for n, path in enumerate(args.transcripts or pick_transcripts()):
            order = args.backends if n % 2 == 0 else list(reversed(args.backends))
            records += [dict(measure(path, backend, args, env), median=n == 0) for backend in order]
    return verdict(records)


def verdict(records: list[dict]) -> int:
    ct2 = [r for r in records if r["backend"] == "ctranslate2" and r["median"]]
    if not ct2:
        print("no CTranslate2 run of the median transcript: no verdict")
        return 0
    seconds, peak = ct2[0]["seconds"], max(r["peak_mb"] for r in records if r["backend"] == "ctranslate2")
    others = [r for r in records if r["backend"] == "transformers" and r["median"]]
    beside = f" (transformers: {others[0]['seconds']:.1f} s, peak {others[0]['peak_mb']:,} MB)" if others else ""
    print(f"median transcript's chat brief with CTranslate2 int8: {seconds:.1f} s — target at most {TARGET_SECONDS} s: "
          f"{'met' if seconds <= TARGET_SECONDS else 'NOT met'}; peak RSS {peak:,} MB — target at most "
          f"{TARGET_PEAK_MB:,} MB: {'met' if peak <= TARGET_PEAK_MB else 'NOT met'}{beside}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0 if seconds <= TARGET_SECONDS and peak <= TARGET_PEAK_MB else 1


if __name__ == "__main__":
    sys.exit(main())
