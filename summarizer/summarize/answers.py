"""Answer lines written by the summarization model (abstractive mode, when
``SummaryOptions.generate_answers`` is on).

One line per answered question, from the key sentences of the answer's segment (best
first, as many as fit the model's window; what does not fit is reported, never cut):
translated into the model's language, generated in batches of `ANSWER_BATCH` (one
`generate` call each), translated back, and guarded like a point's line — a line whose
figures are not in its sources is replaced by the answer's best sentence. It costs one
generation per question (a conference has 10–40): on a small CPU, seconds each, so it is
off by default and answers are the speakers' own best sentences.
"""

from __future__ import annotations

from ..document import weakest
from ..models import Generator
from ..notes import Note
from ..output import Line
from ..select.questions import AskedQuestion
from ..select.topics import KeySentence
from .draft import Draft
from .lines import guard
from .modes import MODEL_LANGUAGE
from .options import SummaryOptions

ANSWER_BATCH = 8
"""Answers generated per `generate` call: padding wasted stays small, memory bounded."""
ANSWER_SENTENCES = 4
"""Key sentences of an answer the model reads at most."""


def answer_lines(draft: Draft, generator: Generator, options: SummaryOptions) -> dict[int, Line]:
    """The model's line for each question with an answer, by question number (1, 2, …)."""
    chosen = [(n, q, _sources(q)) for n, q in enumerate(draft.selection.questions, 1) if q.line is not None]
    chosen = [(n, q, sources) for n, q, sources in chosen if sources]
    if not chosen:
        return {}
    flat = [s.text for _, _, sources in chosen for s in sources]
    english = iter(draft.translate(flat, draft.source, MODEL_LANGUAGE))
    per_question = [[next(english) for _ in sources] for _, _, sources in chosen]
    inputs = [_fit(generator, sources, english_sentences, draft, n)
              for (n, _, sources), english_sentences in zip(chosen, per_question)]
    generated: list[str] = []
    with draft.clock.time("summarize"):
        for i in range(0, len(inputs), ANSWER_BATCH):
            draft.report("summarize", i, len(inputs))
            generated += generator.generate(inputs[i:i + ANSWER_BATCH], options.point)
        draft.report("summarize", len(inputs), len(inputs))
    texts = draft.translate(generated, MODEL_LANGUAGE, draft.target)
    lines = {}
    for (n, q, sources), text, english_sentences in zip(chosen, texts, per_question):
        line = Line(text, q.exchange, tuple((s.start, s.end) for s in sources), generated=True,
                    segment=q.segment.index if q.segment is not None else -1,
                    attribution=weakest(s.attribution for s in sources))
        lines[n] = guard(line, [s.text for s in sources] + english_sentences, q.line, draft, question=n)
    return lines


def _sources(question: AskedQuestion) -> list[KeySentence]:
    """What the model reads: the direct answer, then the answer's best key sentences, at
    most `ANSWER_SENTENCES`, in order."""
    direct = question.line
    others = [s for s in question.answer if direct is None or not (s.start < direct.end and direct.start < s.end)]
    best = ([direct] if direct is not None else []) + sorted(others, key=lambda s: -s.score)
    return sorted(best[:ANSWER_SENTENCES], key=lambda s: s.start)


def _fit(generator: Generator, sources: list[KeySentence], english: list[str], draft: Draft, question: int) -> str:
    """The answer's sentences (best first) that fit the model's window, in their order."""
    order = sorted(range(len(english)), key=lambda i: -sources[i].score)
    kept, dropped = generator.fit([english[i] for i in order])
    if dropped:
        draft.warnings.append(Note("summary.answer_window", question=question, count=dropped))
    return " ".join(english[i] for i in sorted(order[i] for i in kept))


__all__ = ["answer_lines", "ANSWER_BATCH"]
