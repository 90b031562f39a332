"""How fast is `translate()` with each backend, against one sentence per `generate()` call?

Builds a random-weight Marian with opus-mt-es-en's real dimensions (d_model 512, 6+6
layers, 8 heads, FFN 2048, a 65,001-entry vocabulary, a SentencePiece tokenizer trained
on the transcript), converts it for CTranslate2 (int8), forces every output to the same
number of decoder steps (so random weights cost what real ones do; `forced_length`),
and translates a real transcript of median length three ways in one run:

(a) one sentence per ``generate()`` call in fp32, as users of the old pipeline did;
(b) our ``translate()`` with the transformers backend (int8 dynamic quantization, the CPU default);
(c) our ``translate()`` with the CTranslate2 backend (int8).

All three decode the same way (greedy, the same repetition guard, the same number of
decoder steps). (a) costs the same for every sentence, so it is timed on an evenly spaced
sample, half before and half after the others; (b) and (c) run twice each, as b c c b,
so that a change in machine load hits both. Wall and CPU seconds are printed (CPU time
is steadier on a shared machine). Targets: (c) at least 1.5× (b) and 35× (a); the exit
status is 1 when one is missed. Uses the median-length transcript of ``../shared/corpus``
when present, else ``seeds/2023-12-28.web.txt``.

    .venv/bin/python benchmarks/translate_speed.py [--output-tokens 40] [--baseline-sentences 40]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from forced_length import ForcedLength  # noqa: E402

from summarizer import parse_transcript  # noqa: E402
from summarizer.models import Models, convert  # noqa: E402
from summarizer.testing import fake_models  # noqa: E402
from summarizer.parse.sentences import paragraph_spans, sentence_spans  # noqa: E402
from summarizer.testing import build_marian, sample_texts  # noqa: E402
from summarizer.translate import TranslateOptions, Translator  # noqa: E402

OPUS_MT = {"d_model": 512, "layers": 6, "heads": 8, "ffn": 2048, "vocab_size": 65001, "init_std": 0.02}
TARGET_VS_TRANSFORMERS, TARGET_VS_NAIVE = 1.5, 35.0


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


class Clock:
    """Wall and CPU seconds (all threads of this process) of what runs inside."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def one_at_a_time(loaded, sentences: list[str], options: TranslateOptions, steps: int) -> Clock:
    """One ``generate()`` call per sentence (tokenize, generate, decode), fp32, ``steps`` decoder steps each."""
    import torch

    tokenizer, model = loaded.tokenizer, loaded.model
    with Clock() as clock:
        for sentence in sentences:
            with torch.inference_mode():
                encoded = tokenizer([tokenizer.punc_normalizer(sentence)], return_tensors="pt")
                output = model.generate(**encoded, num_beams=options.num_beams, do_sample=False,
                                        max_length=steps + 1, min_length=steps + 1,
                                        no_repeat_ngram_size=options.no_repeat_ngram_size)
                tokenizer.batch_decode(output, skip_special_tokens=True, use_source_tokenizer=False)
    return clock


def say(line: str) -> None:
    print(line, flush=True)


def build(folder: Path, doc) -> None:
    started = time.perf_counter()
    spanish, english = sample_texts()
    build_marian(folder, source="es", target="en", target_lines=english, spm_vocab=8000, **OPUS_MT,
                 source_lines=spanish + [t.text[s:e] for t in doc.turns for s, e in paragraph_spans(t.text)])
    built = time.perf_counter() - started
    convert(folder, folder.with_name(folder.name + ".ct2-int8"))
    say(f"model: random Marian, opus-mt-es-en's size; built in {built:.0f} s, converted to CTranslate2 int8 in "
        f"{time.perf_counter() - started - built:.0f} s")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transcript", type=Path, default=None, help="a transcript file (default: see above)")
    parser.add_argument("--output-tokens", type=int, default=40, help="decoder steps per output (default 40)")
    parser.add_argument("--baseline-sentences", type=int, default=40, help="sample size of (a) (default 40)")
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
    say(f"torch {torch.__version__}, {torch.get_num_threads()} threads; OMP_WAIT_POLICY="
        f"{os.environ.get('OMP_WAIT_POLICY', '(unset)')}; load average {os.getloadavg()[0]:.1f}")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "opus-mt-es-en"
        build(folder, doc)
        options = TranslateOptions(max_new_tokens=args.output_tokens)
        fp32 = Models.from_settings(device="cpu").generator("translate", source="es", target="en",
                                                            name=str(folder)).loaded
        say(f"decoding: greedy, no_repeat_ngram_size {options.no_repeat_ngram_size}, {args.output_tokens} decoder "
            "steps per output, the same three ways")
        step = max(1, len(sentences) // args.baseline_sentences)
        sample = sentences[::step][:args.baseline_sentences]
        one_at_a_time(fp32, sample[:1], options, args.output_tokens)  # warm-up
        half = len(sample) // 2
        naive = [one_at_a_time(fp32, sample[:half], options, args.output_tokens)]
        say(f"  (a) first half: {half} sentences in {naive[0].wall:.1f} s (CPU {naive[0].cpu:.1f} s)")

        translators = {}
        for key, backend in (("b", "transformers"), ("c", "ctranslate2")):
            generator = Models.from_settings(device="cpu", backend=backend).generator(
                "translate", source="es", target="en", name=str(folder), quantize=True)
            translators[key] = Translator("es", "en", options=options,
                                          models=fake_models(translate=ForcedLength(generator)))
            translators[key].run(sentences[:8])  # warm-up
        runs: dict[str, list[Clock]] = {"b": [], "c": []}
        for key in ("b", "c", "c", "b"):
            with Clock() as clock:
                translators[key].translate_transcript(doc)
            runs[key].append(clock)
            say(f"  ({key}) {len(sentences)} sentences in {clock.wall:.1f} s (CPU {clock.cpu:.1f} s)")

        naive.append(one_at_a_time(fp32, sample[half:], options, args.output_tokens))
        say(f"  (a) second half: {len(sample) - half} sentences in {naive[1].wall:.1f} s (CPU {naive[1].cpu:.1f} s)")

    def rates(clocks: list[Clock], n: int) -> tuple[float, float]:
        return n / sum(c.wall for c in clocks), n / sum(c.cpu for c in clocks)

    results = {"a": rates(naive, len(sample)), "b": rates(runs["b"], 2 * len(sentences)),
               "c": rates(runs["c"], 2 * len(sentences))}
    labels = {"a": "one sentence per generate() call, fp32", "b": "translate(), transformers int8",
              "c": "translate(), CTranslate2 int8"}
    say("sentences per second (wall; per CPU second):")
    for key, (wall, cpu) in results.items():
        say(f"  ({key}) {labels[key] + ':':42} {wall:6.2f}  ({cpu:6.2f} per CPU s)  "
            f"{wall / results['a'][0]:5.1f}× (a)")
    vs_b, vs_a = results["c"][0] / results["b"][0], results["c"][0] / results["a"][0]
    ok = vs_b >= TARGET_VS_TRANSFORMERS and vs_a >= TARGET_VS_NAIVE
    say(f"(c)/(b): {vs_b:.2f}× wall, {results['c'][1] / results['b'][1]:.2f}× CPU — target at least "
        f"{TARGET_VS_TRANSFORMERS}×: {'met' if vs_b >= TARGET_VS_TRANSFORMERS else 'NOT met'}")
    say(f"(c)/(a): {vs_a:.1f}× wall, {results['c'][1] / results['a'][1]:.1f}× CPU — target at least "
        f"{TARGET_VS_NAIVE:.0f}×: {'met' if vs_a >= TARGET_VS_NAIVE else 'NOT met'}")
    say(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
