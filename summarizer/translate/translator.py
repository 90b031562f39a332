"""`Translator`: text, lists of texts and transcripts, sentence by sentence, never
dropping any. The pure steps are in `plan`; the model runs behind the `Generator`
interface, the one step that tests replace (`summarizer.testing.FakeGenerator`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from ..document import Transcript
from ..errors import UnsupportedLanguageError
from ..notes import Note
from ..models import GenerationOptions, Generator, Models, pick_device, spec_for, supported_pairs
from ..progress import Progress
from .glossary import protected_terms, transcript_names
from .options import TranslateOptions
from .plan import WORDS_LEVEL, examples, fill_template, flag, output_cap, plan_batches, split_long, text_template
from .protect import ProtectedTerms, translate_protected
from .results import TranslatedTranscript, TranslatedTurn

logger = logging.getLogger("summarizer")


class Translator:
    """Translates from ``source`` into ``target`` with one model, loaded on first use.

    ``model`` names another model (hub id or folder); ``models`` is the caller's `Models`
    (where models are, what runs them, what is loaded; None: one made from the settings),
    where tests register their fakes (`summarizer.testing.FakeGenerator`, which records
    its calls). ``device`` and ``options.backend`` override the `Models`' own.
    """

    def __init__(self, source: str = "es", target: str = "en", *, model: str | None = None,
                 options: TranslateOptions | None = None, device: str | None = None, models: Models | None = None):
        self.source = (source or "").strip().lower()
        self.target = (target or "").strip().lower()
        if self.source == self.target:
            pairs = ", ".join(f"{s}→{t}" for s, t in supported_pairs())
            raise UnsupportedLanguageError(f"source and target are both {self.source!r}; supported pairs: {pairs}")
        self.options = options or TranslateOptions()
        self.models = (models or Models.from_settings()).with_options(backend=self.options.backend, device=device)
        if self.models.registered("translate", self.source, self.target) is None:
            spec_for("translate", source=self.source, target=self.target, name=model)  # fails fast on a bad pair
        self.model_name = model
        self._generator: Generator | None = None

    @property
    def generator(self) -> Generator:
        """The model, loaded on first use (once per `Models`)."""
        if self._generator is None:
            cpu = pick_device(self.models.device) == "cpu"
            quantize = self.options.quantize if self.options.quantize is not None else cpu
            self._generator = self.models.generator(
                "translate", source=self.source, target=self.target, name=self.model_name, quantize=quantize,
                compute_type="float32" if self.options.quantize is False else None)
        return self._generator

    @property
    def provenance(self) -> dict:
        """The model that translates (name, revision, path, backend…), loading it if need be."""
        return dict(self.generator.provenance)

    def _settings(self, max_new_tokens: int) -> GenerationOptions:
        return GenerationOptions(num_beams=self.options.num_beams, max_new_tokens=max_new_tokens,
                                 no_repeat_ngram_size=self.options.no_repeat_ngram_size)

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
        outputs, warnings = self.run(texts, progress, names=transcript_names(*docs))
        if len(docs) > 1:
            warnings = [Note("translate.shared", documents=len(docs), note=w) for w in warnings]
        model = self.provenance if self._generator is not None else {}
        results, pos = [], 0
        for doc in docs:
            header, *turn_texts = outputs[pos:pos + 1 + len(doc.turns)]
            pos += 1 + len(doc.turns)
            notes = list(doc.warnings) + ([Note("translate.language", detected=doc.language, source=self.source)]
                                          if doc.language != self.source and doc.turns else [])
            turns = tuple(TranslatedTurn(turn, text) for turn, text in zip(doc.turns, turn_texts))
            results.append(TranslatedTranscript(doc, turns, self.source, self.target, tuple(notes + warnings),
                                                header, model))
        return results

    def run(self, texts: Sequence[str], progress: Progress | None = None,
            names: Sequence[str] = ()) -> tuple[list[str], list[Note]]:
        """``(translations, warnings)`` for ``texts``: the whole pipeline; warnings are `Note`s.
        ``names`` (a transcript's people) are kept as written and the glossary's terms
        rendered as it says (`protect`); a warning names any term that did not come through."""
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"translate() takes strings; item {i} is {type(text).__name__}: {text!r:.60}")
        templates = [text_template(t) for t in texts]
        # Identical sentences (white space aside) are translated once.
        keys = [[" ".join(s.split()) for s in sentences] for _, sentences in templates]
        unique = list(dict.fromkeys(k for ks in keys for k in ks))
        warnings: list[Note] = []
        terms = ProtectedTerms(protected_terms(self.source, self.target, self.options.glossary, tuple(names),
                                               self.options.builtin_glossary))
        translated, lost = translate_protected(unique, terms, lambda batch, first: self._translate_unique(
            batch, warnings if first else [], progress if first else None, terms.reveal))
        outputs = [fill_template(template, [translated[k] for k in ks]) for (template, _), ks in zip(templates, keys)]
        flagged: dict[str, list[str]] = {}
        for key in unique:
            reason = flag(key, translated[key], self.options.flag_ratio)
            if reason:
                flagged.setdefault(reason, []).append(key)
        low, high = self.options.flag_ratio
        for reason, items in flagged.items():
            warnings.append(Note(f"translate.{reason}", count=len(items), total=len(unique), examples=examples(items),
                                 low=low, high=high))
        if lost:
            warnings.append(terms.warning(lost))
        return outputs, warnings

    def _translate_unique(self, sentences: list[str], warnings: list[Note], progress: Progress | None,
                          shown: Callable[[str], str] = str) -> dict[str, str]:
        if not sentences:
            return {}
        generator = self.generator
        limit = min(self.options.max_input_tokens, generator.max_input_tokens)
        lengths = generator.count_tokens(sentences)
        pieces_of: dict[str, list[str]] = {}
        forced: dict[int, list[str]] = {}
        for sentence, length in zip(sentences, lengths):
            if length <= limit:
                pieces_of[sentence] = [sentence]
                continue
            pieces, level = split_long(sentence, lambda s: generator.count_tokens([s])[0], limit)
            pieces_of[sentence] = pieces
            logger.info("split a sentence of %d tokens into %d pieces", length, len(pieces))
            if level is not None:
                forced.setdefault(level, []).append(sentence)
        for level, items in sorted(forced.items()):
            warnings.append(Note("translate.split", count=len(items), limit=limit,
                                 examples=examples([shown(s) for s in items], 1),
                                 where="words" if level == WORDS_LEVEL else "tokens"))
        known = dict(zip(sentences, lengths))
        inputs = list(dict.fromkeys(p for pieces in pieces_of.values() for p in pieces))
        missing = [p for p in inputs if p not in known]
        known.update(zip(missing, generator.count_tokens(missing) if missing else []))
        input_lengths = [known[p] for p in inputs]
        done: dict[str, str] = {}
        if progress:
            progress("translate", 0, len(inputs))
        for batch in plan_batches(input_lengths, self.options.batch_tokens, self.options.max_batch_size):
            texts = [inputs[i] for i in batch]
            cap = output_cap(max(input_lengths[i] for i in batch), self.options, generator.max_input_tokens)
            results = generator.generate(texts, self._settings(cap))
            # One line per sentence, whatever the model does: the layout depends on it.
            done.update(zip(texts, (" ".join(r.split()) for r in results)))
            if progress:
                progress("translate", len(done), len(inputs))
        return {s: " ".join(done[p] for p in pieces_of[s]).strip() for s in sentences}
