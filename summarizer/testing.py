"""What tests (and offline trials) need: tiny random models of the real architectures,
laid out like a models folder, and fakes that replace the models through public seams.

``python -m summarizer.testing DEST`` writes, in seconds::

    DEST/opus-mt-es-en/          Marian es→en, SentencePiece vocabularies trained on Spanish/English text
    DEST/opus-mt-en-es/          Marian en→es
    DEST/distilbart-cnn-12-6/    BART with a byte-level BPE tokenizer
    DEST/<each>.ct2-int8/        its CTranslate2 int8 copy, as `summarizer models convert` writes it

so that ``SUMMARIZER_MODELS_DIR=DEST`` runs every command offline through the same
``from_pretrained`` code as the real models, with either backend. The weights are random: the output is
gibberish of plausible shape, good for tests and trials, never for reading.

The fakes record their calls (as simonw/llm's ``MockModel``) and go in through the
package's public seams: `FakeGenerator` wherever a `Generator` is taken (``Translator(…,
generator=)``, ``Summarizer(generator=)``), `FakeGenerators` as a batch job's
``generators=``, `FakeTranslators` as ``Summarizer(translators=)``.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import ModelError
from .models import REGISTRY, GenerationOptions, Generator
from .models.locate import TINY_MARKER as MARKER
from .models.backend import COPY_SUFFIX, ctranslate2_installed
from .models.convert import convert
from .progress import Progress

logger = logging.getLogger("summarizer")
# MARKER: a file in every folder this module writes; folders without it are never overwritten,
# and `models list` and the web app call such folders tiny random test models.

# Small enough to build in a second and run a whole transcript in seconds.
TINY = {"d_model": 32, "layers": 2, "heads": 4, "ffn": 64, "init_std": 0.5}

_FALLBACK_ES = """\
Buenos días. Vamos a dedicar el día de hoy a contestar preguntas.
Se va avanzando en la reconstrucción de Acapulco; ya se están entregando los apoyos a las familias.
¿Cuántas viviendas se han apoyado hasta ahora, presidente? Alrededor de 270 mil hogares.
Tenemos que estar pendientes para que no se cierren los cruces fronterizos.
Se llegó al acuerdo de abrir los cruces del ferrocarril y los puentes fronterizos.
"""
_FALLBACK_EN = """\
Good morning. Today we will devote the day to answering questions.
The reconstruction of Acapulco is moving forward; support is already being delivered to families.
How many homes have been supported so far, Mr. President? Around 270,000 households.
We have to be vigilant so that the border crossings are not closed.
An agreement was reached to open the railway crossings and the border bridges.
"""


def sample_texts() -> tuple[list[str], list[str]]:
    """Spanish and English lines to train the vocabularies on: the project's ``seeds/``
    (present in every clone) plus a short built-in sample (all there is in a wheel)."""
    root = Path(__file__).resolve().parents[1]
    spanish, english = [], []
    seeds = root / "seeds"
    if seeds.is_dir():
        for path in sorted(seeds.glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            (english if "news-article" in path.name else spanish).append(text)
    spanish.append(_FALLBACK_ES)
    english.append(_FALLBACK_EN)
    return _lines(spanish), _lines(english)


def _lines(texts: list[str]) -> list[str]:
    return [line.strip() for text in texts for line in text.splitlines() if len(line.strip()) > 1]


# ---------------------------------------------------------------- Marian


def train_sentencepiece(lines: list[str], vocab_size: int) -> bytes:
    """A unigram SentencePiece model (bytes) trained on ``lines``, ids as Marian's: unk 0, s 1, /s 2."""
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=buffer, vocab_size=vocab_size, model_type="unigram",
        character_coverage=1.0, hard_vocab_limit=False, unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
        num_threads=1, minloglevel=2,
    )
    return buffer.getvalue()


def marian_vocab(*models: bytes, pad_to: int | None = None) -> dict[str, int]:
    """The shared ``vocab.json`` of opus-mt: ``</s>`` 0, ``<unk>`` 1, the pieces, ``<pad>`` last."""
    import sentencepiece as spm

    vocab = {"</s>": 0, "<unk>": 1}
    for blob in models:
        processor = spm.SentencePieceProcessor(model_proto=blob)
        for i in range(processor.get_piece_size()):
            if not (processor.is_control(i) or processor.is_unknown(i)):
                vocab.setdefault(processor.id_to_piece(i), len(vocab))
    if pad_to is not None:
        for i in range(len(vocab), pad_to - 1):
            vocab[f"<extra_{i}>"] = i
    vocab["<pad>"] = len(vocab)
    return vocab


def build_marian(dest: Path, *, source: str, target: str, source_lines: list[str], target_lines: list[str],
                 spm_vocab: int = 1000, d_model: int = 32, layers: int = 2, heads: int = 4, ffn: int = 64,
                 init_std: float = 0.5, vocab_size: int | None = None, max_positions: int = 512,
                 seed: int = 0) -> Path:
    """A random Marian translation model with opus-mt's files; ``vocab_size`` pads the vocabulary
    (the real opus-mt-es-en has 65,001 entries)."""
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src_spm, tgt_spm = Path(tmp, "source.spm"), Path(tmp, "target.spm")
        src_spm.write_bytes(train_sentencepiece(source_lines, spm_vocab))
        tgt_spm.write_bytes(train_sentencepiece(target_lines, spm_vocab))
        vocab = marian_vocab(src_spm.read_bytes(), tgt_spm.read_bytes(), pad_to=vocab_size)
        vocab_file = Path(tmp, "vocab.json")
        vocab_file.write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        tokenizer = MarianTokenizer(str(src_spm), str(tgt_spm), str(vocab_file), source_lang=source,
                                    target_lang=target, model_max_length=max_positions)
        tokenizer.save_pretrained(str(dest))
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab), d_model=d_model, encoder_layers=layers, decoder_layers=layers,
        encoder_attention_heads=heads, decoder_attention_heads=heads, encoder_ffn_dim=ffn, decoder_ffn_dim=ffn,
        max_position_embeddings=max_positions, pad_token_id=pad, decoder_start_token_id=pad, eos_token_id=0,
        forced_eos_token_id=0, activation_function="swish", scale_embedding=True, init_std=init_std,
        share_encoder_decoder_embeddings=True,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    # As opus-mt's own generation_config.json.
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]], decoder_start_token_id=pad, eos_token_id=0, forced_eos_token_id=0,
        max_length=max_positions, num_beams=4, pad_token_id=pad,
    )
    model.save_pretrained(str(dest))
    _mark(dest, f"Marian {source}→{target}")
    return dest


# ---------------------------------------------------------------- BART


def build_bart(dest: Path, *, lines: list[str], bpe_vocab: int = 2000, d_model: int = 32, layers: int = 2,
               heads: int = 4, ffn: int = 64, init_std: float = 0.5, max_positions: int = 1024,
               seed: int = 0, decoder_layers: int | None = None, vocab_size: int | None = None) -> Path:
    """A random BART summarizer with a byte-level BPE tokenizer trained on ``lines``.

    ``layers`` encoder layers and ``decoder_layers`` (default: as many) decoder
    layers; ``vocab_size`` widens the embeddings past the tokenizer's vocabulary,
    to give a model the real one's size (the benchmarks do)."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer, GenerationConfig

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(lines, vocab_size=bpe_vocab, min_frequency=2, show_progress=False,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    vocab = bpe.get_vocab()
    merges = [tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in json.loads(bpe.to_str())["model"]["merges"]]
    bpe.save_model(str(dest))  # vocab.json and merges.txt, as distilbart ships them
    tokenizer = BartTokenizer(vocab=vocab, merges=merges, model_max_length=max_positions)
    tokenizer.save_pretrained(str(dest))
    config = BartConfig(
        vocab_size=max(len(vocab), vocab_size or 0), d_model=d_model, encoder_layers=layers,
        decoder_layers=layers if decoder_layers is None else decoder_layers,
        encoder_attention_heads=heads, decoder_attention_heads=heads, encoder_ffn_dim=ffn, decoder_ffn_dim=ffn,
        max_position_embeddings=max_positions, pad_token_id=1, bos_token_id=0, eos_token_id=2,
        decoder_start_token_id=2, forced_bos_token_id=0, forced_eos_token_id=2, init_std=init_std,
    )
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(config).eval()
    # As distilbart-cnn-12-6's summarization settings.
    model.generation_config = GenerationConfig(
        bos_token_id=0, eos_token_id=2, pad_token_id=1, decoder_start_token_id=2, forced_bos_token_id=0,
        forced_eos_token_id=2, num_beams=4, length_penalty=2.0, max_length=142, min_length=56,
        no_repeat_ngram_size=3, early_stopping=True,
    )
    model.save_pretrained(str(dest))
    _mark(dest, "BART summarizer")
    return dest


# ---------------------------------------------------------------- the folder


def _mark(dest: Path, what: str) -> None:
    (dest / MARKER).write_text(
        f"Tiny random {what} written by `python -m summarizer.testing`: the weights are random and the "
        "output is gibberish. Delete this folder and run `summarizer models download` for the real model.\n",
        encoding="utf-8",
    )


def _prepare(folder: Path, force: bool) -> None:
    if folder.exists():
        if not (folder / MARKER).exists() and not force:
            raise FileExistsError(
                f"{folder} exists and is not a tiny test model (no {MARKER}); remove it or pass --force"
            )
        shutil.rmtree(folder)


def build_models(dest: str | Path, *, force: bool = False, seed: int = 0, ctranslate2: bool = True) -> dict[str, Path]:
    """Write tiny models of every registered default under ``dest``, in folders named as the
    models folder expects (the last part of each hub id), and, with ``ctranslate2`` (when
    it is installed), the CTranslate2 int8 copy of each. Returns ``{hub id: folder}``."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    spanish, english = sample_texts()
    lines = {"es": spanish, "en": english}
    built = {}
    for (task, source, target), spec in REGISTRY.items():
        folder = dest / spec.short_name
        copy = dest / f"{spec.short_name}{COPY_SUFFIX}"
        _prepare(folder, force)
        _prepare(copy, force)
        if task == "translate":
            build_marian(folder, source=source, target=target, source_lines=lines[source],
                         target_lines=lines[target], seed=seed, **TINY)
        else:
            build_bart(folder, lines=spanish + english, seed=seed, **TINY)
        if ctranslate2 and ctranslate2_installed():
            convert(folder, copy)  # carries the marker, so that a rebuild may replace it
        built[spec.name] = folder
        logger.info("wrote %s", folder)
    return built


# ---------------------------------------------------------------- fakes

TRANSFORMS = {
    "tag": lambda text: f"<{text}>",
    "copy": lambda text: text,
    "upper": str.upper,
    "first-words": lambda text: " ".join(text.split()[:12]),
}
"""What a `FakeGenerator` writes for an input, by name."""


class FakeGenerator(Generator):
    """A stand-in model behind the `Generator` interface.

    Each output is ``transform(input)`` (a function, or the name of one of `TRANSFORMS`),
    or the next of ``outputs``, queued in order. A token is a word, plus one for the end
    of sequence (``count`` replaces that rule). Every batch is recorded in ``calls`` as
    ``(texts, options)``. A batch holding ``fail_on`` raises `ModelError`; one holding
    ``exit_on`` ends the process at once, as the out-of-memory killer would (engine
    tests); each batch sleeps ``delay`` seconds.
    """

    def __init__(self, transform: str | Callable[[str], str] = "tag", *, outputs: Sequence[str] = (),
                 window: int = 512, name: str = "fake-model", delay: float = 0.0, fail_on: str | None = None,
                 count: Callable[[str], int] | None = None, exit_on: str | None = None):
        super().__init__(name, window, {"name": name, "revision": None, "path": None, "backend": "fake"})
        self.transform = TRANSFORMS[transform] if isinstance(transform, str) else transform
        self.count = count or (lambda text: len(text.split()) + 1)
        self.outputs = list(outputs)
        self.delay = delay
        self.fail_on = fail_on
        self.exit_on = exit_on
        self.calls: list[tuple[list[str], GenerationOptions]] = []

    def _count(self, texts: list[str]) -> list[int]:
        return [self.count(t) for t in texts]

    def _forward(self, texts: list[str], options: GenerationOptions) -> list[str]:
        if self.exit_on and any(self.exit_on in t for t in texts):
            os._exit(9)
        if self.delay:
            time.sleep(self.delay)
        if self.fail_on and any(self.fail_on in t for t in texts):
            raise ModelError(f"{self.name} failed on this input")
        self.calls.append((list(texts), options))
        return [self.outputs.pop(0) if self.outputs else self.transform(t) for t in texts]


@dataclass(frozen=True)
class FakeGenerators:
    """``generators(task, source, target)`` → a new `FakeGenerator`: ``translate`` and
    ``summarize`` name each task's transform. Picklable, for batch jobs' worker processes."""

    translate: str = "upper"
    summarize: str = "first-words"
    delay: float = 0.0
    fail_on: str | None = None
    exit_on: str | None = None

    def __call__(self, task: str, source: str | None = None, target: str | None = None) -> FakeGenerator:
        transform = self.translate if task == "translate" else self.summarize
        name = f"fake-{task}" + (f"-{source}-{target}" if source else "")
        return FakeGenerator(transform, name=name, delay=self.delay, fail_on=self.fail_on, exit_on=self.exit_on)


class FakeTranslators:
    """``translators(source, target)`` for ``Summarizer(translators=)``: each text becomes
    ``[source>target] text``; every call is recorded in ``calls`` as ``(texts, source, target)``."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], str, str]] = []

    def __call__(self, source: str, target: str) -> "FakeTranslator":
        return FakeTranslator(source, target, self.calls)


class FakeTranslator:
    """One pair of `FakeTranslators`."""

    def __init__(self, source: str, target: str, calls: list):
        self.source, self.target, self.calls = source, target, calls

    def run(self, texts: Sequence[str], progress: Progress | None = None,
            names: Sequence[str] = ()) -> tuple[list[str], list[str]]:
        self.calls.append((list(texts), self.source, self.target))
        return [f"[{self.source}>{self.target}] {t}" for t in texts], []

    @property
    def provenance(self) -> dict:
        return {"name": "fake-translator", "revision": None, "path": None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m summarizer.testing",
        description="Write tiny random models of the default architectures into DEST (a models folder).",
    )
    parser.add_argument("dest", help="the folder to write (e.g. models/ or a temporary folder)")
    parser.add_argument("--force", action="store_true", help="overwrite folders that are not tiny test models")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the weights (default 0)")
    args = parser.parse_args(argv)
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    try:
        built = build_models(args.dest, force=args.force, seed=args.seed)
    except FileExistsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, folder in built.items():
        copy = folder.with_name(folder.name + COPY_SUFFIX)
        print(f"{name}: {folder}" + (f" (CTranslate2 int8 copy: {copy})" if copy.is_dir() else ""))
    print(f"Run offline with SUMMARIZER_MODELS_DIR={Path(args.dest).resolve()} (the output is gibberish).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
