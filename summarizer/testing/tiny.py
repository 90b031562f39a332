"""Tiny random models of the real architectures, laid out like a models folder
(`build_models`, ``python -m summarizer.testing DEST``): Marian translators, a BART
summarizer and a Qwen2 instruct model with a chat template, each with its CTranslate2 copy."""

from __future__ import annotations

import argparse
import io
import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from ..models import REGISTRY
from ..models.backend import COPY_SUFFIX, ctranslate2_installed
from ..models.convert import convert
from ..models.locate import TINY_MARKER as MARKER

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
    root = Path(__file__).resolve().parents[2]
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


CHAT_TEMPLATE = (
    "{% for message in messages %}{% if loop.first and message['role'] != 'system' %}"
    "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
"""ChatML, as Qwen2.5-Instruct's template writes it (without its tool calls)."""


def build_chat(dest: Path, *, lines: list[str], bpe_vocab: int = 2000, d_model: int = 32, layers: int = 2,
               heads: int = 4, ffn: int = 64, init_std: float = 0.5, max_positions: int = 4096, seed: int = 0,
               vocab_size: int | None = None, kv_heads: int | None = None) -> Path:
    """A random Qwen2 instruct model: a byte-level BPE tokenizer trained on ``lines`` with
    Qwen's special tokens and chat template; ``vocab_size`` widens the embeddings (the
    benchmarks give it the real model's dimensions)."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import GenerationConfig, PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM

    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(lines, vocab_size=bpe_vocab, min_frequency=2, show_progress=False,
                            special_tokens=["<|endoftext|>", "<|im_start|>", "<|im_end|>"])
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=bpe._tokenizer, eos_token="<|im_end|>",
                                        pad_token="<|endoftext|>", model_max_length=max_positions)
    tokenizer.chat_template = CHAT_TEMPLATE
    tokenizer.save_pretrained(str(dest))
    end, pad = tokenizer.convert_tokens_to_ids("<|im_end|>"), tokenizer.convert_tokens_to_ids("<|endoftext|>")
    config = Qwen2Config(
        vocab_size=max(len(tokenizer), vocab_size or 0), hidden_size=d_model, intermediate_size=ffn,
        num_hidden_layers=layers, num_attention_heads=heads, num_key_value_heads=kv_heads or max(1, heads // 2),
        max_position_embeddings=max_positions, tie_word_embeddings=True, initializer_range=init_std,
        eos_token_id=end, pad_token_id=pad, bos_token_id=None,
    )
    torch.manual_seed(seed)
    model = Qwen2ForCausalLM(config).eval()
    model.generation_config = GenerationConfig(eos_token_id=[end, pad], pad_token_id=pad, do_sample=False)
    model.save_pretrained(str(dest))
    _mark(dest, "Qwen2 instruct model")
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
        elif task == "chat":
            build_chat(folder, lines=spanish + english, seed=seed, **TINY)
        else:
            build_bart(folder, lines=spanish + english, seed=seed, **TINY)
        if ctranslate2 and ctranslate2_installed():
            convert(folder, copy)  # carries the marker, so that a rebuild may replace it
        built[spec.name] = folder
        logger.info("wrote %s", folder)
    return built


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


__all__ = ["MARKER", "TINY", "sample_texts", "train_sentencepiece", "marian_vocab", "build_marian", "build_bart",
           "build_chat", "build_models", "main"]
