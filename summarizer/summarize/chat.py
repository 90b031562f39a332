"""The chat stage: an instruct model writes each story's line, then the lead, in the
brief's language, reading the story's Spanish (or English) sentences as said, each with
its speaker's name. Quotes stay the transcript's words (`compose`).

Every line passes the faithfulness guard (`faithful.problems`: each figure, month, name
and quoted phrase must be in that story's sentences or its speakers' names). A line that
fails is asked for once more, told what it got wrong; a second failure (or an empty
answer) puts the story's own sentence in its place, translated, with a note that says so.
All stories go to the model in one batched call (the retries in a second); outputs are
bounded (`SummaryOptions.chat_line`, `chat_lead`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..document import weakest
from ..models import GenerationOptions, Generator
from ..notes import Note, say_problems
from ..output import Line
from ..select import KeySentence, Topic
from .draft import Draft
from .faithful import problems
from .lines import chosen_line

LANGUAGE = {"en": "English", "es": "español"}

_ASK = {
    "en": ("Sentences said at the morning press conference of Mexico's president{date}, on one subject, each "
           "after the name of who said it:\n\n{sentences}\n\nWrite one sentence in English for a news brief that "
           "says what is news in them. Use only what these sentences say: no figure, date or name they do not have. "
           "Do not quote. Write the sentence only."),
    "es": ("Frases dichas en la conferencia matutina de la presidencia de México{date}, sobre un tema, cada una "
           "tras el nombre de quien la dijo:\n\n{sentences}\n\nEscriba una oración en español para un resumen "
           "de noticias que diga lo que es noticia en ellas. Use solo lo que dicen estas frases: ninguna cifra, "
           "fecha ni nombre que no tengan. No cite. Escriba solo la oración."),
}
_LEAD = {
    "en": ("The stories of the day at the morning press conference of Mexico's president{date}, one line each, "
           "most important first:\n\n{sentences}\n\nWrite the one sentence in English that opens the news brief: "
           "the day's main story. Use only what these lines say. Write the sentence only."),
    "es": ("Los temas del día en la conferencia matutina de la presidencia de México{date}, una línea cada uno, "
           "el más importante primero:\n\n{sentences}\n\nEscriba la oración en español que abre el resumen de "
           "noticias: la noticia principal del día. Use solo lo que dicen estas líneas. Escriba solo la oración."),
}
_AGAIN = {
    "en": "\n\nYour sentence said what the sentences above do not ({what}). Write it again with their facts only.",
    "es": "\n\nSu oración dijo lo que las frases de arriba no dicen ({what}). Escríbala de nuevo solo con sus datos.",
}


def chat_lines(draft: Draft, generator: Generator, line_options: GenerationOptions,
               lead_options: GenerationOptions) -> tuple[list[Line], Line]:
    """One generated (and guarded) line per topic, and the lead."""
    topics = list(draft.selection.topics)
    lang = draft.target if draft.target in _ASK else "en"
    date = _date(draft)
    prompts = [_ASK[lang].format(date=date, sentences=_fit(generator, draft, topic, n))
               for n, topic in enumerate(topics, 1)]
    sources = [_sources(topic.sentences) for topic in topics]
    with draft.clock.time("summarize"):
        draft.report("summarize", 0, len(topics) + 1)
        texts = _guarded(generator, prompts, sources, line_options, lang)
        draft.report("summarize", len(topics), len(topics) + 1)
    lines = [_line(draft, topic, text, sources[n], n + 1) for n, (topic, text) in enumerate(zip(topics, texts))]
    lead = _lead(draft, generator, topics, lines, lead_options, lang, date)
    draft.report("summarize", len(topics) + 1, len(topics) + 1)
    return lines, lead


def _date(draft: Draft) -> str:
    date = draft.selection.doc.date
    return f" ({date})" if date else ""


def _sources(sentences: Sequence[KeySentence]) -> list[str]:
    """What a line may draw on: the sentences and their speakers' names and roles."""
    said = [s.text for s in sentences]
    for speaker in dict.fromkeys(s.speaker for s in sentences):
        said.extend(x for x in (speaker.display, speaker.name, speaker.role, speaker.role_es) if x)
    return said


def _said(sentences: Sequence[KeySentence]) -> str:
    return "\n".join(f"{s.speaker.display}: {s.text}" for s in sentences)


def _fit(generator: Generator, draft: Draft, topic: Topic, point: int) -> str:
    """The topic's sentences (best first) that fit the model's window, in their order."""
    order = sorted(range(len(topic.sentences)), key=lambda i: -topic.sentences[i].score)
    kept, dropped = generator.fit([f"{topic.sentences[i].speaker.display}: {topic.sentences[i].text}"
                                   for i in order], reserve=400)
    if dropped:
        draft.warnings.append(Note("summary.topic_window", point=point, count=dropped))
    return _said([topic.sentences[i] for i in sorted(order[i] for i in kept)])


def _guarded(generator: Generator, prompts: list[str], sources: list[list[str]], options: GenerationOptions,
             lang: str) -> list[str]:
    """The model's answers; each that fails the guard is asked for once more, with what it
    got wrong; an answer that fails twice is returned as it is (the caller replaces it)."""
    texts = generator.generate(prompts, options)
    wrong = {i: found for i, text in enumerate(texts) if (found := problems(text, sources[i]) if text else ["empty"])}
    if wrong:
        again = generator.generate([prompts[i] + _AGAIN[lang].format(what=say_problems(found, lang))
                                    for i, found in wrong.items()], options)
        for i, text in zip(wrong, again):
            texts[i] = text
    return [_one_line(t) for t in texts]


def _one_line(text: str) -> str:
    """The answer as one line: its first paragraph, without wrapping quotation marks."""
    first = text.strip().split("\n\n")[0].replace("\n", " ").strip()
    return first.strip('"“”') if first.count('"') + first.count("“") + first.count("”") == 2 else first


def _line(draft: Draft, topic: Topic, text: str, sources: list[str], point: int) -> Line:
    spans = tuple((s.start, s.end) for s in topic.sentences)
    line = Line(text, topic.exchange, spans, generated=True, segment=topic.segment.index,
                attribution=weakest(s.attribution for s in topic.sentences))
    found = problems(text, sources) if text.strip() else ["empty"]
    if not found:
        return line
    draft.warnings.append(Note("summary.chat_guard", point=point, found=found))
    fallback = draft.translate([topic.line.text])[0]
    return replace(chosen_line(topic.line, fallback, topic.exchange), segment=topic.segment.index,
                   guard=f"{'; '.join(found)}: {text!r}")


def _lead(draft: Draft, generator: Generator, topics: list[Topic], lines: list[Line], options: GenerationOptions,
          lang: str, date: str) -> Line:
    sentences = [s for t in topics for s in t.sentences]
    fallback = draft.selection.lead
    if not lines:
        return Line("", -1)
    sources = _sources(sentences) + [line.text for line in lines]  # each line already passed the guard
    prompt = _LEAD[lang].format(date=date, sentences="\n".join(f"- {line.text}" for line in lines))
    text = _guarded(generator, [prompt], [sources], options, lang)[0]
    lead = Line(text, -1, tuple((s.start, s.end) for s in sentences), generated=True,
                attribution=weakest(s.attribution for s in sentences))
    found = problems(text, sources) if text.strip() else ["empty"]
    if not found:
        return lead
    draft.warnings.append(Note("summary.chat_lead_guard", found=found))
    if fallback is None:
        return Line("", -1)
    return replace(chosen_line(fallback, draft.translate([fallback.text])[0], -1), guard=f"{'; '.join(found)}: {text!r}")


__all__ = ["chat_lines"]
