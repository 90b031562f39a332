"""The abstractive stage: the summarization model writes one line per topic from that
topic's key sentences (all topics in one batched call, within a budget of input
tokens), then the lead from those lines.

The model reads and writes English (`modes.MODEL_LANGUAGE`): key sentences are
translated into it and the lines out of it. Its input never exceeds its window: a
topic's sentences are packed best first, and what does not fit is left out of that call
and reported, never cut mid-sentence. Each line then passes the faithfulness guard.
"""

from __future__ import annotations

from ..document import weakest
from ..models import Generator
from ..notes import Note
from ..output import Line
from ..parse.sentences import sentence_spans
from ..progress import as_stage
from ..select import Topic
from ..translate.plan import plan_batches
from .draft import Draft
from .figures import unsupported_figures
from .lines import guard
from .modes import MODEL_LANGUAGE
from .options import SummaryOptions


def abstractive_lines(draft: Draft, generator: Generator, options: SummaryOptions) -> tuple[list[Line], Line]:
    """One generated (and guarded) line per topic, and the lead."""
    topics = list(draft.selection.topics)
    english = _read(draft, topics)
    with draft.clock.time("summarize"):
        inputs = [_fit_topic(generator, topic, sentences, draft, n)
                  for n, (topic, sentences) in enumerate(zip(topics, english), 1)]
        generated, calls = _generate_lines(generator, inputs, options, draft)
        lead_text = generator.generate([_fit_text(generator, " ".join(generated), draft)], options.lead)[0] \
            if generated else ""
        draft.report("summarize", calls, calls)
    *generated, lead_text = draft.translate(generated + [lead_text], MODEL_LANGUAGE, draft.target)
    lines = []
    for n, (topic, text, eng) in enumerate(zip(topics, generated, english), 1):
        sources = [s.text for s in topic.sentences] + eng
        line = Line(text, topic.exchange, tuple((s.start, s.end) for s in topic.sentences), generated=True,
                    segment=topic.segment.index, attribution=weakest(s.attribution for s in topic.sentences))
        lines.append(guard(line, sources, topic.line, draft, point=n))
    return lines, _lead(draft, topics, lead_text, [s for eng in english for s in eng])


def _generate_lines(generator: Generator, inputs: list[str], options: SummaryOptions,
                    draft: Draft) -> tuple[list[str], int]:
    """The topic lines, in as few model calls as ``options.batch_tokens`` allows: one for a
    brief of usual length (then the lead makes two); inputs near the model's window take more,
    so that memory stays bounded. Returns the lines and the brief's calls, the lead's included."""
    lengths = generator.count_tokens(inputs)
    batches = [sorted(b) for b in plan_batches(lengths, options.batch_tokens, max(1, len(inputs)))]  # topic order
    outputs: list[str] = [""] * len(inputs)
    for n, batch in enumerate(batches):
        draft.report("summarize", n, len(batches) + 1)
        for i, text in zip(batch, generator.generate([inputs[i] for i in batch], options.point)):
            outputs[i] = text
    draft.report("summarize", len(batches), len(batches) + 1)
    return outputs, len(batches) + 1


def _read(draft: Draft, topics: list[Topic]) -> list[list[str]]:
    """Each topic's key sentences in the model's language."""
    flat = [s.text for t in topics for s in t.sentences]
    draft.report("translate", 0, len(flat))
    english = draft.translate(flat, draft.source, MODEL_LANGUAGE, as_stage(draft.report, "translate"))
    by_topic, i = [], 0
    for topic in topics:
        by_topic.append(english[i:i + len(topic.sentences)])
        i += len(topic.sentences)
    return by_topic


def _lead(draft: Draft, topics: list[Topic], text: str, english: list[str]) -> Line:
    sources = [s.text for t in topics for s in t.sentences] + english
    lead = Line(text, -1, tuple((s.start, s.end) for t in topics for s in t.sentences), generated=True,
                attribution=weakest(s.attribution for t in topics for s in t.sentences))
    fallback = draft.selection.lead
    if fallback is not None:
        return guard(lead, sources, fallback, draft)
    if unsupported_figures(lead.text, sources):
        draft.warnings.append(Note("summary.lead_figures"))
        return Line("", -1)
    return lead


def _fit_topic(generator: Generator, topic: Topic, english: list[str], draft: Draft, point: int) -> str:
    """The topic's sentences (best first) that fit the model's window, in their order."""
    order = sorted(range(len(english)), key=lambda i: -topic.sentences[i].score)
    kept, dropped = generator.fit([english[i] for i in order])
    if dropped:
        draft.warnings.append(Note("summary.topic_window", point=point, count=dropped))
    return " ".join(english[i] for i in sorted(order[i] for i in kept))


def _fit_text(generator: Generator, text: str, draft: Draft) -> str:
    parts = [text[s:e] for s, e in sentence_spans(text)]
    kept, dropped = generator.fit(parts)
    if dropped:
        draft.warnings.append(Note("summary.lead_window", count=dropped))
    return " ".join(parts[i] for i in sorted(kept))
