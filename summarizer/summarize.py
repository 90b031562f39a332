"""`summarize()`: a transcript → a quote-attributed brief in English or Spanish.

Pipeline (each step a function of its own module):

1. parse (`transcript`), then select the salient exchanges, their key
   sentences and best lines (`select`) and the quotes (`quotes`);
2. translate what the brief shows, and what the model reads (`translate`);
3. abstractive mode: the summarization model writes one line per topic from
   that topic's key sentences (never more than its window), then the lead from
   those lines (`abstractive`); extractive mode: the lines and the lead are
   chosen sentences of the transcript;
4. the faithfulness guard replaces a generated line whose figures are not in
   its sources (`figures`); compose the `Summary`.

Spanish briefs of Spanish transcripts in abstractive mode pivot through
English (es→en, summarize, en→es), because the summarization model is an
English news summarizer; quotes stay in the original Spanish.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field, replace
from typing import Callable

from ._version import __version__
from .abstractive import GenerationOptions, ModelSummarizer
from .errors import ModelNotAvailableError, UnsupportedLanguageError
from .figures import unsupported_figures
from .quotes import Quote, choose_quotes, ranked_quotes, with_translation
from .select import KeySentence, Topic, lead_sentence, point_quote, select_topics
from .speakers import Speaker
from .summary import Line, Point, Summary
from .transcript import Transcript, parse_transcript

logger = logging.getLogger("summarizer")

Progress = Callable[[str, int, int], None]
TranslateFn = Callable[[list[str], str, str], list[str]]

MODES = ("auto", "abstractive", "extractive")
LANGUAGES = ("en", "es")


@dataclass(frozen=True)
class SummaryOptions:
    """How a brief is made.

    Attributes:
        quotes: how many quotes the brief lists.
        max_points: most topics (exchanges) covered.
        key_sentences: sentences per topic that the model reads.
        mode: "auto" (abstractive when its models are available), "abstractive"
            or "extractive" (no summarization model: chosen sentences only).
        summarize_model, es_en_model, en_es_model: hub ids or folders; None = default.
        point: generation settings of a topic line; lead: of the lead.
        device: "auto", "cpu" or "cuda".
    """

    quotes: int = 5
    max_points: int = 6
    key_sentences: int = 4
    mode: str = "auto"
    summarize_model: str | None = None
    es_en_model: str | None = None
    en_es_model: str | None = None
    point: GenerationOptions = GenerationOptions(max_new_tokens=60, min_new_tokens=10)
    lead: GenerationOptions = GenerationOptions(max_new_tokens=90, min_new_tokens=20)
    device: str = "auto"


class Summarizer:
    """Builds briefs. Reuse one instance: models load once per process anyway.

    ``translate`` and ``generate`` replace the translation and summarization
    models (tests pass fakes that record their calls): ``translate(texts,
    source, target) -> texts`` and ``generate(texts, GenerationOptions) -> texts``.
    """

    def __init__(self, options: SummaryOptions | None = None, *, translate: TranslateFn | None = None,
                 generate: Callable | None = None, available: Callable[[str, str | None, str | None], bool] | None = None):
        self.options = options or SummaryOptions()
        if self.options.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.options.mode!r}")
        self._translate = translate
        self._generate = generate
        self._available = available

    # ------------------------------------------------------------ models

    def _model_name(self, task: str, source: str | None, target: str | None) -> str | None:
        if task == "summarize":
            return self.options.summarize_model
        return {("es", "en"): self.options.es_en_model, ("en", "es"): self.options.en_es_model}.get((source, target))

    def _is_available(self, task: str, source: str | None = None, target: str | None = None) -> bool:
        if self._available is not None:
            return self._available(task, source, target)
        if task == "summarize" and self._generate is not None:
            return True
        if task == "translate" and self._translate is not None:
            return True
        from .models import is_available

        return is_available(task, source=source, target=target, name=self._model_name(task, source, target))

    def translate_texts(self, texts: list[str], source: str, target: str, progress: Progress | None = None,
                        warnings: list[str] | None = None) -> list[str]:
        """``texts`` translated; the translator's warnings go to ``warnings`` (else the log)."""
        if source == target or not texts:
            return list(texts)
        if self._translate is not None:
            return list(self._translate(texts, source, target))
        from .translate import Translator

        translator = Translator(source, target, model=self._model_name("translate", source, target), device=self.options.device)
        if warnings is None:
            return translator.translate_texts(list(texts), progress=progress)
        outputs, notes = translator.run(list(texts), progress)
        warnings.extend(f"translation {source}→{target}: {note}" for note in notes)
        return outputs

    def _generator(self):
        if self._generate is None:
            self._generate = ModelSummarizer(self.options.summarize_model, self.options.device)
        return self._generate

    def _needed(self, mode: str, source: str, target: str) -> list[tuple[str, str | None, str | None]]:
        needed = []
        if mode == "abstractive":
            needed.append(("summarize", None, None))
            if source != "en":
                needed.append(("translate", source, "en"))
            if target != "en":
                needed.append(("translate", "en", target))
        elif source != target:
            needed.append(("translate", source, target))
        return needed

    def choose_mode(self, source: str, target: str) -> tuple[str, str]:
        """``(mode, reason)`` for a brief from ``source`` into ``target``."""
        requested = self.options.mode
        if requested != "auto":
            return requested, f"{requested} mode was requested."
        missing = [m for m in self._needed("abstractive", source, target) if not self._is_available(*m)]
        if not missing:
            return "abstractive", "auto: the summarization model is available, so lines are written by it."
        what = ", ".join(_describe(*m) for m in missing)
        return "extractive", (
            f"auto: {what} not available, so every line is a sentence of the transcript "
            "(run `summarizer models download` for abstractive briefs)."
        )

    def _check_extractive_models(self, source: str, target: str) -> None:
        for task, s, t in self._needed("extractive", source, target):
            if not self._is_available(task, s, t):
                raise ModelNotAvailableError(
                    f"a brief in {_LANG_NAMES[target]} of a {_LANG_NAMES[source]} transcript needs "
                    f"{_describe(task, s, t)}, which is not available: run `summarizer models download` "
                    f"(or put the model in models/). A brief in {_LANG_NAMES[source]} needs no model: "
                    f"ask for target='{source}' (--to {source})."
                )

    # ------------------------------------------------------------ pipeline

    def summarize(self, source: str | bytes | Transcript, target: str = "en", quotes: int | None = None,
                  progress: Progress | None = None) -> Summary:
        if target not in LANGUAGES:
            raise UnsupportedLanguageError(f"target language must be one of {', '.join(LANGUAGES)}, not {target!r}")
        report = progress or (lambda stage, done, total: None)
        timings: dict[str, float] = {}
        clock = time.perf_counter()
        report("parse", 0, 1)
        doc = source if isinstance(source, Transcript) else parse_transcript(source)
        report("parse", 1, 1)
        timings["parse"] = time.perf_counter() - clock
        src = doc.language
        mode, reason = self.choose_mode(src, target)
        if mode == "extractive":
            self._check_extractive_models(src, target)
        n_quotes = self.options.quotes if quotes is None else quotes

        clock = time.perf_counter()
        report("select", 0, 1)
        topics = select_topics(doc, self.options.max_points, self.options.key_sentences)
        ranked = ranked_quotes(doc)
        top_quotes = choose_quotes(ranked, n_quotes)
        report("select", 1, 1)
        timings["select"] = time.perf_counter() - clock

        state = _Draft(doc, topics, top_quotes, ranked)
        if not topics:
            notes = ["nothing in this transcript was said by a speaker who can be quoted "
                     "(only press, stage directions or narration): the brief is empty"]
        else:
            notes = []
        if mode == "abstractive":
            lines, lead, warnings = self._abstractive(state, src, target, report, timings)
        else:
            lines, lead, warnings = self._extractive(state, src, target, report, timings)

        clock = time.perf_counter()
        report("compose", 0, 1)
        points, quote_list = self._attach_quotes(state, lines, src, target, report, timings)
        summary = Summary(
            lead=lead.text,
            points=tuple(points),
            quotes=tuple(quote_list),
            speakers=participants(doc),
            source_lang=src,
            target_lang=target,
            mode=mode,
            mode_reason=reason,
            lead_line=lead,
            title=doc.title,
            date=doc.date,
            provenance={},
            warnings=tuple(notes) + tuple(warnings) + tuple(state.warnings) + doc.warnings,
        )
        timings["compose"] = time.perf_counter() - clock
        report("compose", 1, 1)
        return replace(summary, provenance=self._provenance(mode, src, target, timings))

    # -- extractive

    def _extractive(self, state: "_Draft", src: str, target: str, report: Progress, timings: dict):
        used = {(t.line.start, t.line.end) for t in state.topics}
        lead_sent = lead_sentence(state.topics, used)
        chosen = [t.line for t in state.topics] + ([lead_sent] if lead_sent else [])
        clock = time.perf_counter()
        report("translate", 0, len(chosen))
        texts = self.translate_texts([s.text for s in chosen], src, target, _sub(report, "translate"), state.warnings)
        report("translate", len(chosen), len(chosen))
        timings["translate"] = time.perf_counter() - clock
        lines = [_chosen_line(t.line, text, t.exchange) for t, text in zip(state.topics, texts)]
        lead = _chosen_line(lead_sent, texts[-1], -1) if lead_sent else Line("", -1)
        return lines, lead, []

    # -- abstractive

    def _abstractive(self, state: "_Draft", src: str, target: str, report: Progress, timings: dict):
        generate = self._generator()
        warnings: list[str] = []
        clock = time.perf_counter()
        # What the model reads: each topic's key sentences, in English.
        inputs = [[s.text for s in t.sentences] for t in state.topics]
        flat = [s for group in inputs for s in group]
        report("translate", 0, len(flat))
        english = (self.translate_texts(flat, src, "en", _sub(report, "translate"), state.warnings)
                   if src != "en" else list(flat))
        timings["translate"] = time.perf_counter() - clock
        by_topic, i = [], 0
        for group in inputs:
            by_topic.append(english[i:i + len(group)])
            i += len(group)

        clock = time.perf_counter()
        model_inputs = []
        for topic, sentences in zip(state.topics, by_topic):
            model_inputs.append(self._fit(generate, topic, sentences, warnings))
        report("summarize", 0, len(model_inputs) + 1)
        generated = []
        for n, text in enumerate(model_inputs):
            generated.extend(generate([text], self.options.point))
            report("summarize", n + 1, len(model_inputs) + 1)
        lead_input = " ".join(generated)
        lead_text = generate([self._fit_text(generate, lead_input, warnings)], self.options.lead)[0] if generated else ""
        report("summarize", len(model_inputs) + 1, len(model_inputs) + 1)
        timings["summarize"] = time.perf_counter() - clock

        if target != "en":
            clock = time.perf_counter()
            back = self.translate_texts(generated + [lead_text], "en", target, warnings=state.warnings)
            generated, lead_text = back[:-1], back[-1]
            timings["translate"] += time.perf_counter() - clock

        lines = []
        for topic, text, eng in zip(state.topics, generated, by_topic):
            sources = [s.text for s in topic.sentences] + eng
            line = Line(text, topic.exchange, tuple((s.start, s.end) for s in topic.sentences), generated=True)
            lines.append(self._guard(line, sources, topic.line, src, target, warnings))
        all_sources = [s.text for t in state.topics for s in t.sentences] + english
        lead = Line(lead_text, -1, tuple((s.start, s.end) for t in state.topics for s in t.sentences), generated=True)
        used = {(t.line.start, t.line.end) for t in state.topics}
        fallback = lead_sentence(state.topics, used)
        if fallback is not None:
            lead = self._guard(lead, all_sources, fallback, src, target, warnings)
        elif unsupported_figures(lead.text, all_sources):
            warnings.append("lead: figures not in the source and no sentence left to stand in; lead left empty")
            lead = Line("", -1)
        return lines, lead, warnings

    def _fit(self, generate, topic: Topic, english: list[str], warnings: list[str]) -> str:
        """The topic's sentences (best first) that fit the model's window, in order."""
        if not hasattr(generate, "fit"):
            return " ".join(english)
        order = sorted(range(len(english)), key=lambda i: -topic.sentences[i].score)
        kept, dropped = generate.fit([english[i] for i in order])
        if dropped:
            warnings.append(f"topic {topic.exchange}: {dropped} key sentence(s) did not fit the summarizer's window and were not read")
        keep = sorted(order[i] for i in kept)
        return " ".join(english[i] for i in keep)

    def _fit_text(self, generate, text: str, warnings: list[str]) -> str:
        if not hasattr(generate, "fit"):
            return text
        from .sentences import sentence_spans

        parts = [text[s:e] for s, e in sentence_spans(text)]
        kept, dropped = generate.fit(parts)
        if dropped:
            warnings.append(f"lead: {dropped} topic sentence(s) did not fit the summarizer's window")
        return " ".join(parts[i] for i in sorted(kept))

    def _guard(self, line: Line, sources: list[str], fallback: KeySentence, src: str, target: str,
               warnings: list[str]) -> Line:
        """Replace a generated line whose figures are not in its sources."""
        bad = unsupported_figures(line.text, sources)
        if not bad:
            return line
        figures = ", ".join(_format_figure(f) for f in bad)
        reason = f"figure(s) {figures} in the generated line are not in its source sentences"
        text = self.translate_texts([fallback.text], src, target, warnings=warnings)[0]
        warnings.append(f"topic {line.exchange}: {reason}; replaced by the speaker's own sentence")
        chosen = _chosen_line(fallback, text, line.exchange)
        return replace(chosen, guard=f"{reason}: {line.text!r}")

    # -- quotes

    def _attach_quotes(self, state: "_Draft", lines: list[Line], src: str, target: str, report: Progress,
                       timings: dict) -> tuple[list[Point], list[Quote]]:
        point_quotes = []
        used: list[tuple[int, int]] = []
        for topic, line in zip(state.topics, lines):
            avoid = used + ([(line.start, line.end)] if line.start is not None else [])
            quote = point_quote(state.doc, topic, avoid, state.ranked)
            point_quotes.append(quote)
            if quote is not None:
                used.append((quote.start, quote.end))
        distinct = {(q.start, q.end): q for q in list(state.quotes) + [q for q in point_quotes if q]}
        keys = list(distinct)
        clock = time.perf_counter()
        texts = self.translate_texts([distinct[k].original for k in keys], src, target, warnings=state.warnings)
        timings["translate"] = timings.get("translate", 0.0) + time.perf_counter() - clock
        translated = {k: with_translation(distinct[k], t) for k, t in zip(keys, texts)}
        points = []
        for topic, line, quote in zip(state.topics, lines, point_quotes):
            q = translated[(quote.start, quote.end)] if quote else None
            points.append(Point(line, q, topic.question))
        return points, [translated[(q.start, q.end)] for q in state.quotes]

    def _provenance(self, mode: str, src: str, target: str, timings: dict) -> dict:
        models = {}
        for task, s, t in self._needed(mode, src, target):
            key = "summarize" if task == "summarize" else f"translate-{s}-{t}"
            models[key] = self._model_provenance(task, s, t)
        options = asdict(self.options)
        return {
            "version": __version__,
            "mode": mode,
            "models": models,
            "options": options,
            "seconds": {k: round(v, 3) for k, v in timings.items()},
        }

    def _model_provenance(self, task: str, source: str | None, target: str | None) -> dict:
        if task == "summarize" and self._generate is not None and not hasattr(self._generate, "provenance"):
            return {"name": "custom", "revision": None, "path": None}
        if task == "translate" and self._translate is not None:
            return {"name": "custom", "revision": None, "path": None}
        if task == "summarize":
            return self._generator().provenance
        # The translator has the model loaded (int8 on CPU): read where it came
        # from rather than loading another copy.
        from .models import locate, spec_for

        spec = spec_for("translate", source=source, target=target, name=self._model_name(task, source, target))
        location = locate(spec)
        return {"name": spec.name, "revision": spec.revision, "path": str(location.path) if location else spec.name}


@dataclass
class _Draft:
    doc: Transcript
    topics: list[Topic]
    quotes: list[Quote]
    ranked: list[Quote]
    warnings: list[str] = field(default_factory=list)


_LANG_NAMES = {"en": "English", "es": "Spanish"}


def _describe(task: str, source: str | None, target: str | None) -> str:
    if task == "summarize":
        return "the summarization model"
    return f"the {source}→{target} translation model"


def _format_figure(value) -> str:
    return format(value, "f").rstrip("0").rstrip(".") if "." in format(value, "f") else format(value, "f")


def _chosen_line(sentence: KeySentence, text: str, exchange: int) -> Line:
    return Line(text, exchange, ((sentence.start, sentence.end),), generated=False, original=sentence.text,
                start=sentence.start, end=sentence.end, speaker=sentence.speaker)


def _sub(report: Progress, stage: str) -> Progress:
    return lambda _stage, done, total: report(stage, done, total)


def participants(doc: Transcript) -> tuple[Speaker, ...]:
    """Who spoke (officials first, in order of appearance), then named questioners."""
    officials = [s for s in doc.speakers if s.quotable and s.kind != "unknown"]
    questioners = []
    seen = set()
    for exchange in doc.exchanges:
        q = exchange.questioner
        if q is not None and q.name not in seen:
            seen.add(q.name)
            questioners.append(q)
    return tuple(officials + questioners)


def summarize(source: str | bytes | Transcript, target: str = "en", quotes: int | None = None, *,
              mode: str | None = None, options: SummaryOptions | None = None,
              progress: Progress | None = None) -> Summary:
    """A brief of a transcript in ``target`` ("en" or "es") with ``quotes`` quotes (default 5).

    ``mode``: "auto" (the default: abstractive when the summarization model is
    available, else extractive, and the Summary says why), "abstractive" or
    "extractive". ``quotes`` and ``mode`` override the same fields of ``options``.
    ``progress(stage, done, total)`` is called as the work advances.
    """
    options = options or SummaryOptions()
    if mode is not None:
        options = replace(options, mode=mode)
    if quotes is not None:
        options = replace(options, quotes=quotes)
    return Summarizer(options).summarize(source, target=target, progress=progress)
