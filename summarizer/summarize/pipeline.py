"""`summarize()`: a transcript → a quote-attributed brief in English or Spanish.

parse (`parse`) → choose the mode and check its models (`modes`) → select the topics and
quotes (`select`) → write the lines: `abstractive` (the summarization model, through an
English pivot), `chat` (an instruct model, in the brief's language; both guarded for
faithfulness) or `extractive` (chosen sentences) →
attach a quote to each point and translate the quotes (`compose`) → the `Summary`.
"""

from __future__ import annotations

from dataclasses import asdict, replace

from .._version import __version__
from ..document import LANGUAGES, Transcript
from ..errors import UnsupportedLanguageError
from ..models import Generator, Models
from ..notes import Note, render_all
from ..output import Line, Summary
from ..parse import parse_transcript
from ..progress import Progress, Stopwatch, silent
from ..select import select
from ..select.archive import load_stats
from ..select.points import selection_models
from ..translate import TranslateOptions, Translators
from .abstractive import abstractive_lines
from .answers import answer_lines
from .chat import chat_lines
from .compose import attach_quotes
from .draft import Draft
from .extractive import extractive_lines
from .modes import ModeChoice, Need, choose_mode, needed
from .options import SummaryOptions
from .questions import compose_questions, compose_sections, question_texts, section_texts
from .speakers import participants, speaking_shares
from .stories import compose_stories, story_texts

EMPTY_NOTE = Note("summary.empty")


def _empty_note(doc: Transcript) -> Note:
    """Why a brief has no points: nobody quotable spoke, or they said too little."""
    said = sum(len(t.text.split()) for t in doc.turns if t.speaker.quotable and not t.in_clip)
    return Note("summary.no_topics", words=said) if said else EMPTY_NOTE


class Summarizer:
    """Builds briefs. Reuse one instance: its translators and models load once.

    ``models`` is the caller's `Models`: where the models are, what runs them and what is
    loaded (default: one made from the settings); tests and other engines register their
    own models there (`summarizer.testing.fake_models`). ``options.backend`` and
    ``options.device`` override the `Models`' own for this summarizer.
    """

    def __init__(self, options: SummaryOptions | None = None, *, models: Models | None = None):
        self.options = options or SummaryOptions()
        self.models = (models or Models.from_settings()).with_options(backend=self.options.backend,
                                                                       device=self.options.device)
        self.translators = Translators(self.models, names=self.options.translation_models(),
                                       options=TranslateOptions(glossary=self.options.glossary,
                                                                backend=self.options.backend))
        self._generators: dict[str, Generator] = {}

    @property
    def generator(self) -> Generator:
        """The summarization model, loaded on first use."""
        return self.model("summarize")

    def model(self, task: str) -> Generator:
        """The model of ``task`` ("summarize" or "chat"), loaded on first use."""
        if task not in self._generators:
            self._generators[task] = self.models.generator(task, name=self._name(task, None, None))
        return self._generators[task]

    def _name(self, task: str, source: str | None, target: str | None) -> str | None:
        """The model the options name for ``task`` (and pair), else None (the default)."""
        if task == "summarize":
            return self.options.summarize_model
        if task == "chat":
            return self.options.chat_model
        return self.options.translation_models().get((source, target))

    def is_available(self, task: str, source: str | None = None, target: str | None = None) -> bool:
        """Whether the model for ``task`` (and pair) may be used for a brief."""
        return self.models.available(task, source, target, name=self._name(task, source, target))

    def mode_for(self, source: str, target: str) -> ModeChoice:
        """The mode of a brief from ``source`` into ``target`` with these options and models,
        and why (`choose_mode`: raises `ModelNotAvailableError` when a model it needs is missing)."""
        return choose_mode(self.options.mode, source, target, self.is_available)

    def check_named_folders(self) -> None:
        """Raise `ModelNotAvailableError` for a model folder the options name that holds no
        model (before any work: mode "auto" must not quietly fall back over a typo)."""
        self.models.require_named_folder("summarize", name=self.options.summarize_model)
        self.models.require_named_folder("chat", name=self.options.chat_model)
        for (source, target), name in self.options.translation_models().items():
            self.models.require_named_folder("translate", source=source, target=target, name=name)

    def summarize(self, source: str | bytes | Transcript, target: str = "en", quotes: int | None = None,
                  progress: Progress | None = None) -> Summary:
        """A brief of ``source`` in ``target``; see `summarize`."""
        if target not in LANGUAGES:
            raise UnsupportedLanguageError(f"target language must be one of {', '.join(LANGUAGES)}, not {target!r}")
        self.check_named_folders()
        report = progress or silent
        clock = Stopwatch()
        report("parse", 0, 1)
        with clock.time("parse"):
            doc = source if isinstance(source, Transcript) else parse_transcript(source)
        report("parse", 1, 1)
        choice = self.mode_for(doc.language, target)
        report("select", 0, 1)
        with clock.time("select"):
            selection = select(doc, max_points=self.options.max_points, key_sentences=self.options.key_sentences,
                               quotes=self.options.quotes if quotes is None else quotes,
                               stats=load_stats(self.options.archive),
                               models=selection_models(self.options.selection))
        report("select", 1, 1)
        draft = Draft(selection, doc.language, target, self.translators, report, clock)
        answers = None
        if choice.mode == "chat":
            lines, lead = chat_lines(draft, self.model("chat"), self.options.chat_line, self.options.chat_lead)
        elif choice.mode == "abstractive":
            lines, lead = abstractive_lines(draft, self.generator, self.options)
            if self.options.questions and self.options.generate_answers:
                answers = answer_lines(draft, self.generator, self.options)
        else:
            lines, lead = extractive_lines(draft)
        return self._compose(draft, choice, lines, lead, answers)

    def _compose(self, draft: Draft, choice: ModeChoice, lines: list[Line], lead: Line,
                 answers: dict[int, Line] | None = None) -> Summary:
        doc = draft.selection.doc
        draft.report("compose", 0, 1)
        with draft.clock.time("compose"):
            # What is left to translate goes in one pass: the quotes, the sections, the questions.
            also = section_texts(draft) + story_texts(draft) + \
                (question_texts(draft, answers) if self.options.questions else [])
            points, quotes = attach_quotes(draft, lines, lead, also)
            stories = compose_stories(draft)
            questions = compose_questions(draft, answers, stories) if self.options.questions else ()
            sections = compose_sections(draft)
            notes = list(doc.warnings) + ([] if draft.selection.topics else [_empty_note(doc)]) + draft.warnings
            summary = Summary(
                lead=lead.text, points=tuple(points), quotes=tuple(quotes), speakers=participants(doc),
                source_lang=doc.language, target_lang=draft.target, mode=choice.mode,
                mode_reason=choice.reason(draft.target), lead_line=lead, title=doc.title, date=doc.date,
                warnings=render_all(notes, draft.target),
                notes=tuple(Note.of(n).to_dict() for n in notes), segments=draft.selection.segments,
                questions=questions, sections=sections,
                shares=speaking_shares(doc, draft.selection.questions), stories=stories,
            )
        draft.report("compose", 1, 1)
        return replace(summary, provenance=self._provenance(choice.mode, draft))

    def _provenance(self, mode: str, draft: Draft) -> dict:
        models = {}
        for need in needed(mode, draft.source, draft.target):
            task, source, target = need
            models[task if task != "translate" else f"translate-{source}-{target}"] = self._model_provenance(need)
        return {"version": __version__, "mode": mode, "models": models, "options": asdict(self.options),
                "seconds": draft.clock.rounded()}

    def _model_provenance(self, need: Need) -> dict:
        task, source, target = need
        model = self.model(task) if task != "translate" else self.translators(source, target)
        return dict(model.provenance) or {"name": "custom", "revision": None, "path": None}


def summarize(source: str | bytes | Transcript, target: str = "en", quotes: int | None = None, *,
              mode: str | None = None, options: SummaryOptions | None = None,
              progress: Progress | None = None, models: Models | None = None) -> Summary:
    """A brief of a transcript in ``target`` ("en" or "es") with ``quotes`` quotes (default 5).

    ``mode``: "auto" (the default: chat when the chat model is installed, else
    abstractive when the summarization model is available, else extractive, and the
    Summary says why), "chat", "abstractive" or "extractive". ``quotes`` and ``mode`` override the same fields of ``options``.
    ``progress(stage, done, total)`` is called as the work advances. ``models``: the
    caller's `Models` (default: one made from the settings, its models loaded for this call).
    """
    options = options or SummaryOptions()
    if mode is not None:
        options = replace(options, mode=mode)
    if quotes is not None:
        options = replace(options, quotes=quotes)
    return Summarizer(options, models=models).summarize(source, target=target, progress=progress)
