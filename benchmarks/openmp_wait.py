"""Does ``OMP_WAIT_POLICY=PASSIVE`` (what the package sets on import unless told otherwise)
help our commands, batch workers and tests?

Each case runs as a fresh process twice, side by side, in alternating order:

* **passive** — ``OMP_WAIT_POLICY=PASSIVE``: an idle OpenMP thread sleeps at once;
* **default** — libgomp's own default, an idle thread spinning for about 3 ms before it
  sleeps (``GOMP_SPINCOUNT=300000``, libgomp's spin count when no policy is given; with it
  set, the package leaves the policy alone).

Both torch and CTranslate2 run their threads on libgomp. The cases: the CLI translating
the seed transcript (tiny models, each backend); an abstractive brief with the
summarizer on transformers and the translators on CTranslate2 (both OpenMP runtimes in
one process: a model without its converted copy); a batch job with two workers; part of
the test suite; and ``translate()`` of 96 sentences with an opus-mt-sized random Marian
(each backend). Wall and CPU seconds (the process and its children) are printed.

    .venv/bin/python benchmarks/openmp_wait.py [--repeat 1] [--skip-tests] [--skip-real]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "2023-12-28.web.txt"
POLICIES = {"passive": {"OMP_WAIT_POLICY": "PASSIVE"}, "default": {"GOMP_SPINCOUNT": "300000"}}
MARIAN = {"d_model": 512, "layers": 6, "heads": 8, "ffn": 2048, "vocab_size": 65001, "init_std": 0.02}

REAL = """
import sys, time
from pathlib import Path
from summarizer.translate import TranslateOptions, Translator
from summarizer.parse.sentences import sentence_spans
text = Path(sys.argv[1]).read_text(encoding="utf-8")
sentences = [text[s:e] for s, e in sentence_spans(text)][:96]
translator = Translator("es", "en", model=sys.argv[2], options=TranslateOptions(max_new_tokens=40, backend=sys.argv[3]))
translator.run(sentences[:4])
started = time.perf_counter()
translator.run(sentences[4:])
print(f"{len(sentences) - 4} sentences in {time.perf_counter() - started:.1f} s")
"""


def cases(models: Path, work: Path, real: Path | None, tests: bool) -> dict[str, list[str]]:
    py = [sys.executable]
    inputs = work / "in"
    inputs.mkdir(exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    for n in range(4):  # four transcripts of a quarter of the seed each
        (inputs / f"doc{n}.txt").write_text(text[:text.index("\n\n", 10_000 * (n + 1))], encoding="utf-8")
    found = {
        "CLI translate, ctranslate2": [*py, "-m", "summarizer", "translate", str(SEED), "--quiet", "-o",
                                       str(work / "t.txt"), "--backend", "ctranslate2"],
        "CLI translate, transformers": [*py, "-m", "summarizer", "translate", str(SEED), "--quiet", "-o",
                                        str(work / "t.txt"), "--backend", "transformers"],
        "CLI brief (en), both runtimes": [*py, "-m", "summarizer", "summarize", str(SEED), "--mode", "abstractive",
                                          "--quiet", "-o", str(work / "b.md"), "--to", "en"],
        "batch translate -j 2, ctranslate2": [*py, "-m", "summarizer", "batch", "translate", str(inputs), "-o",
                                              str(work / "out"), "-q", "-j", "2", "--force", "--backend", "ctranslate2"],
        "batch translate -j 2, transformers": [*py, "-m", "summarizer", "batch", "translate", str(inputs), "-o",
                                               str(work / "out"), "-q", "-j", "2", "--force", "--backend",
                                               "transformers"],
    }
    if tests:
        found["pytest tests/translate -k tiny"] = [*py, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
                                                   str(ROOT / "tests" / "translate"), "-k", "tiny"]
    if real is not None:
        for backend in ("ctranslate2", "transformers"):
            found[f"translate() 92 sentences, opus-mt size, {backend}"] = [*py, "-c", REAL, str(SEED), str(real), backend]
    return found


def run(command: list[str], env: dict) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0,):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def build(models: Path, real: bool) -> Path | None:
    sys.path.insert(0, str(ROOT))
    from summarizer.testing import build_marian, build_models, sample_texts

    build_models(models)
    shutil.rmtree(models / "distilbart-cnn-12-6.ct2-int8")  # the summarizer runs on transformers, the rest on ct2
    if not real:
        return None
    from summarizer.models import convert

    spanish, english = sample_texts()
    folder = build_marian(models / "real" / "opus-mt-es-en", source="es", target="en", source_lines=spanish,
                          target_lines=english, spm_vocab=8000, **MARIAN)
    convert(folder, folder.with_name(folder.name + ".ct2-int8"))
    return folder


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per case and policy (default 1)")
    parser.add_argument("--skip-tests", action="store_true", help="leave out the test-suite case")
    parser.add_argument("--skip-real", action="store_true", help="leave out the opus-mt-sized case")
    args = parser.parse_args(argv)
    base = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "SUMMARIZER_BACKEND")}
    with tempfile.TemporaryDirectory() as tmp:
        models, work = Path(tmp) / "models", Path(tmp) / "work"
        work.mkdir()
        real = build(models, not args.skip_real)
        base.update(SUMMARIZER_MODELS_DIR=str(models), HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT))
        print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at the start", flush=True)
        print(f"{'case':52} {'passive wall/CPU s':>19} {'default wall/CPU s':>19}  default/passive", flush=True)
        totals = {name: [0.0, 0.0] for name in POLICIES}
        for label, command in cases(models, work, real, not args.skip_tests).items():
            seconds = {name: [0.0, 0.0] for name in POLICIES}
            for i in range(args.repeat):
                order = list(POLICIES) if i % 2 == 0 else list(reversed(POLICIES))
                for name in order:
                    wall, cpu, _ = run(command, {**base, **POLICIES[name]})
                    seconds[name][0] += wall / args.repeat
                    seconds[name][1] += cpu / args.repeat
            for name in POLICIES:
                totals[name][0] += seconds[name][0]
                totals[name][1] += seconds[name][1]
            p, d = seconds["passive"], seconds["default"]
            print(f"{label:52} {p[0]:8.1f} /{p[1]:8.1f}  {d[0]:8.1f} /{d[1]:8.1f}  {d[0] / p[0]:5.2f}× wall "
                  f"{d[1] / p[1]:5.2f}× CPU", flush=True)
        p, d = totals["passive"], totals["default"]
        print(f"{'all cases':52} {p[0]:8.1f} /{p[1]:8.1f}  {d[0]:8.1f} /{d[1]:8.1f}  {d[0] / p[0]:5.2f}× wall "
              f"{d[1] / p[1]:5.2f}× CPU")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
