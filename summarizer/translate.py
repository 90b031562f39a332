"""Translate text, lists of texts and transcripts sentence by sentence, never dropping any.

Preprocess → forward → postprocess:

* **preprocess** (pure): each text becomes a template of verbatim gaps (paragraph
  breaks, spaces) and sentence slots; identical sentences are translated once; a
  sentence longer than the input limit is split at clause boundaries (``;`` ``:``, then
  commas and dashes, then, with a warning, between words or tokens); the pieces are
  packed into token-budgeted batches, longest first.
* **forward**: a `Backend` turns a batch of sentences into translations; the only step
  that runs a model (tests inject a fake one).
* **postprocess** (pure): pieces are rejoined, sentences go back into their slots, and
  translations of implausible length or with repetition loops are flagged.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .errors import ModelError, UnsupportedLanguageError
from .sentences import sentence_spans
from .transcript import Transcript, Turn

logger = logging.getLogger("summarizer")

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class TranslateOptions:
    """How `translate` runs the model.

    Attributes:
        num_beams: beam width; 1 (greedy) is the fastest, 4 is what opus-mt's own
            configuration asks for: a little better, about six times slower on CPU.
        batch_tokens: most padded input tokens per ``generate()`` call (rows × longest row).
        max_batch_size: most sentences per call.
        max_input_tokens: longest piece sent to the model, in tokens; longer sentences are
            split at clause boundaries. Never above the model's window.
        max_new_tokens: fixed cap on output tokens; None ties it to the input:
            ``length_ratio`` × the longest input of the batch + ``length_slack``.
        no_repeat_ngram_size: no n-gram of this size twice in one output (stops loops);
            0 turns it off.
        quantize: int8 dynamic quantization of the model's linear layers; None means on
            for CPU (about twice as fast, translations differ slightly), off on a GPU.
        flag_ratio: translations whose length (characters) over the original's falls
            outside this range are reported as implausible.
    """

    num_beams: int = 1
    batch_tokens: int = 4096
    max_batch_size: int = 64
    max_input_tokens: int = 200
    max_new_tokens: int | None = None
    length_ratio: float = 1.6
    length_slack: int = 10
    no_repeat_ngram_size: int = 4
    quantize: bool | None = None
    flag_ratio: tuple[float, float] = (0.35, 3.0)

    def __post_init__(self):
        if self.num_beams < 1 or self.max_batch_size < 1 or self.batch_tokens < 1:
            raise ValueError("num_beams, max_batch_size and batch_tokens must be at least 1")
        if self.max_input_tokens < 8:
            raise ValueError("max_input_tokens must be at least 8")
        if self.max_new_tokens is not None and self.max_new_tokens < 1:
            raise ValueError("max_new_tokens must be at least 1 (or None)")


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class TranslatedTurn:
    """One turn and its translation (paragraphs separated as in the original)."""

    turn: Turn
    text: str

    @property
    def original(self) -> str:
        return self.turn.text

    @property
    def label(self) -> str:
        return self.turn.label

    def to_dict(self) -> dict:
        return {"index": self.turn.index, "label": self.turn.label, "speaker": self.turn.speaker.display,
                "original": self.turn.text, "text": self.text}


@dataclass(frozen=True)
class TranslatedTranscript:
    """A transcript translated turn by turn; every turn keeps its original.

    Attributes:
        source: the parsed original.
        turns: one `TranslatedTurn` per turn of ``source``, in order.
        warnings: what looked wrong (implausible lengths, forced splits, language).
        header: the translation of the header (title, date lines), "" when there is none.
        model: which model translated it (name, revision, path).
    """

    source: Transcript
    turns: tuple[TranslatedTurn, ...]
    source_lang: str
    target_lang: str
    warnings: tuple[str, ...] = ()
    header: str = ""
    model: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The whole translation in the input's layout: header translated, every label and
        separator kept verbatim, each turn's text replaced by its translation."""
        doc = self.source
        parts = [self.header]
        pos = doc.header_end
        for translated in self.turns:
            turn = translated.turn
            if turn.start >= pos:
                parts.append(doc.text[pos:turn.start])
            parts.append(translated.text)
            pos = max(pos, turn.end)
        parts.append(doc.text[pos:])
        return "".join(parts)

    def to_dict(self) -> dict:
        key = f"translate-{self.source_lang}-{self.target_lang}"
        return {
            "source_lang": self.source_lang, "target_lang": self.target_lang,
            "format": self.source.format, "title": self.source.title, "date": self.source.date,
            "header": self.header, "turns": [t.to_dict() for t in self.turns], "text": self.text,
            "warnings": list(self.warnings), "models": {key: dict(self.model)} if self.model else {},
        }


# ---------------------------------------------------------------- preprocess (pure)


def text_template(text: str) -> tuple[list[str | int], list[str]]:
    """``(template, sentences)``: verbatim gaps and sentence indices that rebuild ``text``.

    ``"".join(s if isinstance(s, str) else sentences[s] for s in template) == text``.
    """
    template: list[str | int] = []
    sentences: list[str] = []
    pos = 0
    for start, end in sentence_spans(text):
        if start > pos:
            template.append(text[pos:start])
        template.append(len(sentences))
        sentences.append(text[start:end])
        pos = end
    if pos < len(text):
        template.append(text[pos:])
    return template, sentences


def fill_template(template: Sequence[str | int], translations: Sequence[str]) -> str:
    return "".join(part if isinstance(part, str) else translations[part] for part in template)


# Clause boundaries, strongest first: the white space after which a sentence may be cut.
_CLAUSE_LEVELS = (
    re.compile(r"(?<=[;:])\s+"),
    re.compile(r"(?<=[,)»”\"])\s+|\s+(?=[—–(«“])|(?<=[—–])\s+"),
    re.compile(r"\s+"),
)
WORDS_LEVEL = len(_CLAUSE_LEVELS) - 1


def split_long(sentence: str, count: Callable[[str], int], limit: int) -> tuple[list[str], int | None]:
    """Pieces of ``sentence`` of at most ``limit`` tokens each, cut at the strongest
    boundaries that suffice; ``" ".join(pieces)`` is the sentence with white space collapsed
    at the cuts. Returns the pieces and the weakest forced level: None (clauses),
    `WORDS_LEVEL` (between words) or ``WORDS_LEVEL + 1`` (between characters)."""
    forced: list[int] = []
    pieces = _split(sentence.strip(), count, limit, 0, forced)
    return pieces, (max(forced) if forced else None)


def _split(text: str, count: Callable[[str], int], limit: int, level: int, forced: list[int]) -> list[str]:
    if count(text) <= limit:
        return [text]
    if level > WORDS_LEVEL:
        forced.append(level)
        return _split_chars(text, count, limit)
    parts = [p for p in _CLAUSE_LEVELS[level].split(text) if p]
    if len(parts) < 2:
        return _split(text, count, limit, level + 1, forced)
    if level == WORDS_LEVEL:
        forced.append(level)
    packed: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current} {part}" if current else part
        if not current or count(candidate) <= limit:
            current = candidate
        else:
            packed.append(current)
            current = part
    packed.append(current)
    pieces: list[str] = []
    for piece in packed:
        pieces.extend(_split(piece, count, limit, level + 1, forced) if count(piece) > limit else [piece])
    return pieces


def _split_chars(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Cut a run without white space at the longest prefixes that fit (binary search)."""
    pieces = []
    while text:
        if count(text) <= limit:
            pieces.append(text)
            break
        lo, hi = 1, len(text) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count(text[:mid]) <= limit:
                lo = mid
            else:
                hi = mid - 1
        pieces.append(text[:lo])
        text = text[lo:]
    return pieces


def plan_batches(lengths: Sequence[int], max_tokens: int, max_size: int) -> list[list[int]]:
    """Indices of ``lengths`` in batches, longest first; a batch's rows × its longest row
    stay within ``max_tokens`` (a row longer than that goes alone), at most ``max_size`` rows."""
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        width = lengths[current[0]] if current else lengths[i]
        if current and (len(current) >= max_size or (len(current) + 1) * width > max_tokens):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


def output_cap(longest_input: int, options: TranslateOptions, window: int) -> int:
    """Most new tokens for a batch whose longest input has ``longest_input`` tokens."""
    ceiling = max(1, window - 1)  # the decoder start token takes a position too
    if options.max_new_tokens is not None:
        return min(options.max_new_tokens, ceiling)
    return max(1, min(ceiling, math.ceil(options.length_ratio * longest_input) + options.length_slack))


# ---------------------------------------------------------------- postprocess (pure)

# The same one to four words four times running, or a run of 2–12 characters six times.
_LOOP_RE = re.compile(r"(\b\w[\w'’-]*(?:\W+\w[\w'’-]*){0,3})(?:\W+\1\b){3,}|(\S{2,12}?)\2{5,}", re.IGNORECASE)


def flag(original: str, translation: str, bounds: tuple[float, float]) -> str | None:
    """Why a translation looks wrong: "empty", "length", "repetition", or None."""
    if not translation.strip():
        return "empty" if original.strip() else None
    if _LOOP_RE.search(translation) and not _LOOP_RE.search(original):
        return "repetition"
    if len(original) >= 20:
        ratio = len(translation) / len(original)
        if not bounds[0] <= ratio <= bounds[1]:
            return "length"
    return None


def _examples(items: list[str], n: int = 2) -> str:
    shown = [f"“{s[:60]}{'…' if len(s) > 60 else ''}”" for s in items[:n]]
    return ", ".join(shown)


# ---------------------------------------------------------------- forward


class Backend(Protocol):
    """What runs the model: counts tokens and translates batches of sentences."""

    max_input_tokens: int
    provenance: dict

    def count_tokens(self, texts: list[str]) -> list[int]: ...

    def generate(self, texts: list[str], max_new_tokens: int) -> list[str]: ...


class ModelBackend:
    """A `Backend` over a loaded Hugging Face seq2seq model (`summarizer.models.LoadedModel`)."""

    def __init__(self, loaded, options: TranslateOptions):
        self.loaded = loaded
        self.options = options
        self.max_input_tokens = loaded.max_input_tokens
        self.provenance = loaded.provenance
        tokenizer = loaded.tokenizer
        # opus-mt was trained on Moses-normalised punctuation; MarianTokenizer has the
        # normaliser but does not apply it by itself.
        self._normalize = getattr(tokenizer, "punc_normalizer", None) or (lambda text: text)
        self._decode_kwargs = {"use_source_tokenizer": False} if hasattr(tokenizer, "spm_target") else {}

    def _prepare(self, texts: list[str]) -> list[str]:
        return [self._normalize(t) if t else t for t in texts]

    def count_tokens(self, texts: list[str]) -> list[int]:
        with self.loaded.lock:
            # verbose=False: no "longer than the maximum" warning; long sentences get split.
            encoded = self.loaded.tokenizer(self._prepare(texts), truncation=False, verbose=False)
        return [len(ids) for ids in encoded["input_ids"]]

    def generate(self, texts: list[str], max_new_tokens: int) -> list[str]:
        import torch

        loaded, options = self.loaded, self.options
        with loaded.lock, torch.inference_mode():
            encoded = loaded.tokenizer(self._prepare(texts), return_tensors="pt", padding=True, truncation=False)
            encoded = {k: v.to(loaded.device) for k, v in encoded.items()}
            try:
                output = loaded.model.generate(
                    **encoded,
                    num_beams=options.num_beams,
                    do_sample=False,
                    # max_length counts the decoder start token; max_new_tokens would clash
                    # with the max_length that opus-mt's generation config sets.
                    max_length=max_new_tokens + 1,
                    no_repeat_ngram_size=options.no_repeat_ngram_size,
                    early_stopping=options.num_beams > 1,
                )
            except (RuntimeError, ValueError, IndexError) as exc:  # out of memory, a broken model
                raise ModelError(f"{loaded.spec.name} failed on a batch of {len(texts)} sentences: {exc}") from exc
            decoded = loaded.tokenizer.batch_decode(output, skip_special_tokens=True, **self._decode_kwargs)
        return [t.strip() for t in decoded]


# ---------------------------------------------------------------- the translator


class Translator:
    """Translates from ``source`` into ``target`` with one model, loaded on first use.

    ``model`` names another model (hub id or folder); ``backend`` replaces the model
    altogether (tests pass a fake that records its calls).
    """

    def __init__(self, source: str = "es", target: str = "en", *, model: str | None = None,
                 options: TranslateOptions | None = None, device: str = "auto", backend: Backend | None = None):
        from .models import spec_for

        self.source = (source or "").strip().lower()
        self.target = (target or "").strip().lower()
        if self.source == self.target:
            from .models import supported_pairs

            pairs = ", ".join(f"{s}→{t}" for s, t in supported_pairs())
            raise UnsupportedLanguageError(f"source and target are both {self.source!r}; supported pairs: {pairs}")
        if backend is None:
            spec_for("translate", source=self.source, target=self.target, name=model)  # fails fast on a bad pair
        self.model_name = model
        self.options = options or TranslateOptions()
        self.device = device
        self._backend = backend

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            from .models import get_model, pick_device

            device = pick_device(self.device)
            quantize = self.options.quantize if self.options.quantize is not None else device == "cpu"
            loaded = get_model("translate", source=self.source, target=self.target, name=self.model_name,
                               device=device, quantize=quantize)
            self._backend = ModelBackend(loaded, self.options)
        return self._backend

    def translate_texts(self, texts: list[str], progress: Progress | None = None) -> list[str]:
        """Each text translated, its paragraph breaks and spacing kept; warnings are logged."""
        outputs, warnings = self.run(texts, progress)
        for warning in warnings:
            logger.warning("%s", warning)
        return outputs

    def translate_transcript(self, doc: Transcript, progress: Progress | None = None) -> TranslatedTranscript:
        """``doc`` translated turn by turn (its header too), in one batched pass."""
        return self.translate_transcripts([doc], progress)[0]

    def translate_transcripts(self, docs: Sequence[Transcript], progress: Progress | None = None) -> list[TranslatedTranscript]:
        """Several transcripts in one batched pass (their sentences share batches and
        repeated sentences are translated once); one `TranslatedTranscript` each.
        The pass's warnings go to every document, marked as shared when there are several."""
        texts = [text for doc in docs for text in (doc.text[:doc.header_end], *(t.text for t in doc.turns))]
        outputs, warnings = self.run(texts, progress)
        if len(docs) > 1:
            warnings = [f"in a pass shared by {len(docs)} documents: {w}" for w in warnings]
        model = dict(self._backend.provenance) if self._backend is not None else {}
        results, pos = [], 0
        for doc in docs:
            header, *turn_texts = outputs[pos:pos + 1 + len(doc.turns)]
            pos += 1 + len(doc.turns)
            notes = [f"the transcript looks like {doc.language!r} but was translated as {self.source!r}"] \
                if doc.language != self.source and doc.turns else []
            turns = tuple(TranslatedTurn(turn, text) for turn, text in zip(doc.turns, turn_texts))
            results.append(TranslatedTranscript(doc, turns, self.source, self.target, tuple(notes + warnings),
                                                header, model))
        return results

    def run(self, texts: Sequence[str], progress: Progress | None = None) -> tuple[list[str], list[str]]:
        """``(translations, warnings)`` for ``texts``: the whole pipeline."""
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"translate() takes strings; item {i} is {type(text).__name__}: {text!r:.60}")
        templates = [text_template(t) for t in texts]
        # Identical sentences (white space aside) are translated once.
        keys = [[" ".join(s.split()) for s in sentences] for _, sentences in templates]
        unique = list(dict.fromkeys(k for ks in keys for k in ks))
        warnings: list[str] = []
        translated = self._translate_unique(unique, warnings, progress) if unique else {}
        outputs = [fill_template(template, [translated[k] for k in ks]) for (template, _), ks in zip(templates, keys)]
        flagged: dict[str, list[str]] = {}
        for key in unique:
            reason = flag(key, translated[key], self.options.flag_ratio)
            if reason:
                flagged.setdefault(reason, []).append(key)
        for reason, items in flagged.items():
            what = {"empty": "came back empty", "repetition": "look like repetition loops",
                    "length": f"have an implausible length (translation/original outside "
                              f"{self.options.flag_ratio[0]}–{self.options.flag_ratio[1]}×)"}[reason]
            warnings.append(f"{len(items)} of {len(unique)} sentences {what}, e.g. {_examples(items)}")
        return outputs, warnings

    def _translate_unique(self, sentences: list[str], warnings: list[str], progress: Progress | None) -> dict[str, str]:
        backend = self.backend
        limit = min(self.options.max_input_tokens, backend.max_input_tokens)
        lengths = backend.count_tokens(sentences)
        pieces_of: dict[str, list[str]] = {}
        forced: dict[int, list[str]] = {}
        for sentence, length in zip(sentences, lengths):
            if length <= limit:
                pieces_of[sentence] = [sentence]
                continue
            pieces, level = split_long(sentence, lambda s: backend.count_tokens([s])[0], limit)
            pieces_of[sentence] = pieces
            logger.info("split a sentence of %d tokens into %d pieces", length, len(pieces))
            if level is not None:
                forced.setdefault(level, []).append(sentence)
        for level, items in sorted(forced.items()):
            where = "between words" if level == WORDS_LEVEL else "between characters (tokens)"
            warnings.append(f"{len(items)} sentences longer than {limit} tokens had no clause boundary and were "
                            f"split {where}, e.g. {_examples(items, 1)}")
        known = dict(zip(sentences, lengths))
        inputs = list(dict.fromkeys(p for pieces in pieces_of.values() for p in pieces))
        missing = [p for p in inputs if p not in known]
        known.update(zip(missing, backend.count_tokens(missing) if missing else []))
        input_lengths = [known[p] for p in inputs]
        done: dict[str, str] = {}
        if progress:
            progress("translate", 0, len(inputs))
        for batch in plan_batches(input_lengths, self.options.batch_tokens, self.options.max_batch_size):
            texts = [inputs[i] for i in batch]
            cap = output_cap(max(input_lengths[i] for i in batch), self.options, backend.max_input_tokens)
            results = backend.generate(texts, cap)
            if len(results) != len(texts):
                raise ModelError(f"the model returned {len(results)} translations for {len(texts)} sentences")
            # One line per sentence, whatever the model does: the layout depends on it.
            done.update(zip(texts, (" ".join(r.split()) for r in results)))
            if progress:
                progress("translate", len(done), len(inputs))
        return {s: " ".join(done[p] for p in pieces_of[s]).strip() for s in sentences}


# ---------------------------------------------------------------- the facade


def translate(x: str | list[str] | Transcript, source: str = "es", target: str = "en", *,
              options: TranslateOptions | None = None, model: str | None = None,
              progress: Progress | None = None) -> str | list[str] | TranslatedTranscript:
    """Translate a string, a list of strings or a parsed `Transcript`.

    A string comes back a string and a list a list, paragraph breaks kept; a
    `Transcript` comes back a `TranslatedTranscript`. Empty strings come back empty
    without loading a model. Raises `UnsupportedLanguageError` for a pair no model
    covers, `ModelNotAvailableError` when the model is missing, TypeError for other input.
    """
    translator = Translator(source, target, model=model, options=options)
    if isinstance(x, Transcript):
        return translator.translate_transcript(x, progress)
    if isinstance(x, str):
        return translator.translate_texts([x], progress)[0]
    if isinstance(x, (list, tuple)):
        return translator.translate_texts(list(x), progress)
    raise TypeError(f"translate() takes a str, a list of str or a Transcript, not {type(x).__name__}")


__all__ = ["translate", "Translator", "TranslateOptions", "TranslatedTranscript", "TranslatedTurn",
           "ModelBackend", "Backend", "plan_batches", "split_long", "text_template", "fill_template", "flag"]
