"""How much faster is `translate()` than one sentence per `generate()` call?

Builds a random-weight Marian with opus-mt-es-en's real dimensions (d_model 512, 6+6
layers, 8 heads, FFN 2048, a 65,001-entry vocabulary, a SentencePiece tokenizer trained
on the transcript), forces every output to the same length (so random weights cost what
real ones do), and translates a real transcript of median length two ways in one run:

(a) one sentence per ``generate()`` call in fp32, as users of the old pipeline did;
(b) our ``translate()`` (batched by tokens, deduplicated; int8 on CPU by default);
(c) ``translate()`` in fp32, to show what batching alone gives.

Both ways decode the same way (greedy, the same repetition guard, the same forced output
length). (a) costs the same for every sentence, so it is timed on an evenly spaced
sample, half before and half after (b) and (c) so that a change in machine load hits
both sides; ``--full-baseline`` times every sentence. Uses the median-length transcript of
``../shared/corpus`` when present, else ``seeds/2023-12-28.web.txt``.

    .venv/bin/python benchmarks/translate_speed.py [--output-tokens 40] [--baseline-sentences 40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer import parse_transcript  # noqa: E402
from summarizer.models import clear_cache, get_model  # noqa: E402
from summarizer.parse.sentences import paragraph_spans, sentence_spans  # noqa: E402
from summarizer.testing import build_marian, sample_texts  # noqa: E402
from summarizer.translate import TranslateOptions, Translator  # noqa: E402

OPUS_MT = {"d_model": 512, "layers": 6, "heads": 8, "ffn": 2048, "vocab_size": 65001, "init_std": 0.02}


def pick_transcript() -> Path:
    corpus = ROOT.parent / "shared" / "corpus"
    files = sorted(corpus.glob("*.web.txt")) if corpus.is_dir() else []
    if not files:
        return ROOT / "seeds" / "2023-12-28.web.txt"
    by_words = sorted(files, key=lambda p: len(p.read_text(encoding="utf-8").split()))
    return by_words[(len(by_words) - 1) // 2]


def document_sentences(doc) -> list[str]:
    texts = [doc.text[:doc.header_end]] + [t.text for t in doc.turns]
    return [text[s:e] for text in texts for s, e in sentence_spans(text)]


def one_at_a_time(loaded, sentences: list[str], options: TranslateOptions) -> float:
    """Seconds to translate ``sentences`` one ``generate()`` call each (tokenize, generate, decode)."""
    import torch

    tokenizer, model = loaded.tokenizer, loaded.model
    started = time.perf_counter()
    for sentence in sentences:
        with torch.inference_mode():
            encoded = tokenizer([tokenizer.punc_normalizer(sentence)], return_tensors="pt")
            output = model.generate(**encoded, num_beams=options.num_beams, do_sample=False,
                                    max_length=options.max_new_tokens + 1,
                                    no_repeat_ngram_size=options.no_repeat_ngram_size)
            tokenizer.batch_decode(output, skip_special_tokens=True, use_source_tokenizer=False)
    return time.perf_counter() - started


def say(line: str) -> None:
    print(line, flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transcript", type=Path, default=None, help="a transcript file (default: see above)")
    parser.add_argument("--output-tokens", type=int, default=40, help="forced output length (default 40)")
    parser.add_argument("--baseline-sentences", type=int, default=40, help="sample size of (a) (default 40)")
    parser.add_argument("--full-baseline", action="store_true", help="time (a) on every sentence (slow)")
    parser.add_argument("--skip-fp32", action="store_true", help="skip (c)")
    args = parser.parse_args(argv)

    import torch
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    path = args.transcript or pick_transcript()
    doc = parse_transcript(path.read_bytes())
    sentences = document_sentences(doc)
    words = sum(len(t.text.split()) for t in doc.turns)
    say(f"transcript: {path.name} — {words:,} words, {len(doc.turns)} turns, {len(sentences)} sentences "
          f"({len(set(' '.join(s.split()) for s in sentences))} distinct)")
    say(f"torch {torch.__version__}, {torch.get_num_threads()} threads")

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        spanish, english = sample_texts()
        folder = build_marian(Path(tmp) / "opus-mt-es-en-random", source="es", target="en",
                              source_lines=spanish + [t.text[s:e] for t in doc.turns for s, e in paragraph_spans(t.text)],
                              target_lines=english, spm_vocab=8000, **OPUS_MT)
        options = TranslateOptions(max_new_tokens=args.output_tokens)
        fp32 = get_model("translate", source="es", target="en", name=str(folder), device="cpu")
        int8 = get_model("translate", source="es", target="en", name=str(folder), device="cpu", quantize=True)
        for loaded in (fp32, int8):  # every output exactly --output-tokens long
            loaded.model.generation_config.min_length = args.output_tokens + 1
        params = sum(p.numel() for p in fp32.model.parameters())
        tokens = statistics.median(len(fp32.tokenizer(fp32.tokenizer.punc_normalizer(s))["input_ids"])
                                   for s in sentences)
        say(f"model: random Marian, {params / 1e6:.0f}M parameters, vocabulary {fp32.model.config.vocab_size:,}; "
              f"built in {time.perf_counter() - started:.0f} s; median sentence {tokens:.0f} tokens")
        say(f"decoding: greedy, no_repeat_ngram_size {options.no_repeat_ngram_size}, "
              f"{args.output_tokens} output tokens forced, the same both ways")

        if args.full_baseline:
            sample = sentences
        else:
            step = max(1, len(sentences) // args.baseline_sentences)
            sample = sentences[::step][:args.baseline_sentences]
        one_at_a_time(fp32, sample[:1], options)  # warm-up
        half = len(sample) // 2
        baseline_seconds = one_at_a_time(fp32, sample[:half], options)
        say(f"  (a) first half: {half} sentences in {baseline_seconds:.1f} s")

        results = {}
        runs = [("b", "translate() (int8 on CPU, the default)", None)]
        if not args.skip_fp32:
            runs.append(("c", "translate() fp32", False))
        for key, label, quantize in runs:
            translator = Translator("es", "en", model=str(folder), device="cpu",
                                    options=TranslateOptions(max_new_tokens=args.output_tokens, quantize=quantize))
            started = time.perf_counter()
            translator.translate_transcript(doc)
            seconds = time.perf_counter() - started
            results[key] = (label, len(sentences) / seconds)
            say(f"  ({key}) {len(sentences)} sentences in {seconds:.1f} s")

        second = one_at_a_time(fp32, sample[half:], options)
        say(f"  (a) second half: {len(sample) - half} sentences in {second:.1f} s")
        baseline_seconds += second
        baseline = len(sample) / baseline_seconds
        clear_cache()

    say(f"(a) one sentence per generate() call, fp32: {baseline:6.2f} sentences/s "
          f"(timed on {len(sample)} of {len(sentences)} sentences)")
    for key, (label, rate) in results.items():
        say(f"({key}) {label + ':':40} {rate:6.2f} sentences/s  ({rate / baseline:.1f}× (a))")
    ratio = results["b"][1] / baseline
    say(f"ratio (b)/(a): {ratio:.1f}× — target at least 8×: {'met' if ratio >= 8 else 'NOT met'}")
    return 0 if ratio >= 8 else 1


if __name__ == "__main__":
    sys.exit(main())
