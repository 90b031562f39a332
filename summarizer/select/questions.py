"""The press questions of a conference, in the order asked, each with its answer.

An exchange (`Exchange`: one reporter's question → answer block) may hold several
questions: a follow-up that the speakers answer as a subject of its own (it opens a
segment, `Segment.question`) is a question of its own; one that only goes on with the
subject stays part of the question before it. A press turn that asks nothing by itself
(a self-introduction, "Gracias") joins the question that follows it.

For each question: who asked (the exchange's questioner, named by a self-introduction;
an interjection from the floor, ``INTERVENCIÓN``, is someone else), the question itself
in one or two verbatim sentences (the ``¿…?`` ones first), the direct answer and how it
answered (`answers`), who said it, and the answer's segment with its quote — never a
quote about another subject. Pure functions over a `Transcript`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..document import Exchange, Quote, Segment, Speaker, Transcript, Turn
from ..parse.exchanges import find_introduction
from ..parse.labels import press_group
from ..parse.names import key_of
from ..parse.sentences import sentence_spans
from .candidates import trim
from .ranker import Ranking
from .answers import Answer, direct_answer, reply_turns, says_something
from .segments import segment_finder
from .topics import KeySentence, quote_within

Span = tuple[int, int]

QUESTION_WORDS = 60
"""A second sentence is added only while the question stays within this many words."""
CONTEXT_WORDS = 12
"""A lone ``¿…?`` shorter than this gets the sentence before it, for context."""
SUBSTANTIVE = 8
"""Without a ``¿…?``, a sentence of at least this many words may stand for the question."""
_GREETING = re.compile(r"^(?:(?:muy\s+)?buen(?:os|as|o)?\s+d[ií]as?|(?:muchas\s+)?gracias|hola|qué\s+tal|"
                       r"con\s+su\s+permiso|perdón|sí|bueno)\b[^.?!]{0,60}[.!]?$", re.IGNORECASE)


@dataclass(frozen=True)
class AskedQuestion:
    """One press question and its answer, as found in the transcript.

    Attributes:
        exchange: index of its exchange.
        turns: the press turns that ask it (the first one opens it).
        questioner: the reporter, when a self-introduction names them; else None.
        outlet: the reporter's outlet, when the introduction names one.
        feminine: the press label is feminine (INTERLOCUTORA, … MUJER): "una reportera".
        sentences: ``(start, end)`` of the one or two sentences that ask it, in order.
        segment: the segment that answers it, None when nobody quotable answers.
        answerer: who answers: the speaker of the turn that holds the answer's line.
        line: the direct answer (`answers.direct_answer`: the reply's first sentence that says
            something, with its reason when it is a bare "Sí."); quote: a quote of the reply
            to this question (not the line), never of another's.
        answer: the key sentences of the answer's segment, in order (what a generated line reads).
        kind: how it was answered: "direct", "deferral", "refusal" or "none" (`answers.KINDS`).
    """

    exchange: int
    turns: tuple[int, ...]
    questioner: Speaker | None
    outlet: str | None
    feminine: bool
    sentences: tuple[Span, ...]
    segment: Segment | None = None
    answerer: Speaker | None = None
    line: KeySentence | None = None
    quote: Quote | None = None
    answer: tuple[KeySentence, ...] = ()
    kind: str = "none"

    @property
    def turn(self) -> int:
        return self.turns[0]


def find_questions(doc: Transcript, segments: list[Segment], sentences: dict[int, list[KeySentence]],
                   ranking: Ranking) -> list[AskedQuestion]:
    """Every press question of ``doc``, in the order asked. ``sentences``: the key sentences
    of each segment (by segment index) that may stand as an answer's line."""
    own = {s.question: s for s in segments if s.question is not None}
    find = segment_finder(segments)
    questions = []
    for exchange in doc.exchanges:
        if exchange.index == 0:
            continue  # the opening remarks: greetings and banter, not questions
        for n, (turns, segment) in enumerate(_groups(exchange, own, segments)):
            asked = _asked(doc, turns, opening=n == 0 and exchange.questioner is not None)
            if not asked:
                continue
            answer = direct_answer(doc, tuple(t.index for t in turns), exchange.index)
            if answer.line is not None:  # the answer's segment is the one that holds its line
                segment = find(answer.line.start) or segment
                answer = replace(answer, line=replace(answer.line, segment=segment.index if segment else -1))
            questions.append(_question(doc, exchange, turns, asked, answer, segment,
                                       sentences.get(segment.index, []) if segment else [], ranking))
    return questions


def _asking(turn: Turn) -> bool:
    return turn.speaker.is_press and not turn.in_clip and not turn.repeated


def _groups(exchange: Exchange, own: dict[Span, Segment],
            segments: list[Segment]) -> list[tuple[list[Turn], Segment | None]]:
    """The exchange's press turns grouped by question, each group with its answer's segment.

    A reply closes a question: the press turns before it (a self-introduction, then the
    question) ask one question, and a follow-up after it is a question of its own, with the
    reply to it as its answer. A reply that is only procedure ("Adelante.") closes nothing."""
    groups: list[list[Turn]] = [[]]
    for turn in exchange.turns:
        if _asking(turn):
            groups[-1].append(turn)
        elif groups[-1] and _replies(turn):
            groups.append([])
    result = []
    for turns in (g for g in groups if g):
        segment = next((own[(t.start, t.end)] for t in turns if (t.start, t.end) in own), None)
        if segment is None:  # answered inside a segment opened before (a follow-up), or by nobody quotable
            segment = next((s for s in segments if s.exchange == exchange.index and s.end > turns[-1].end), None)
        result.append((turns, segment))
    return result


def _replies(turn: Turn) -> bool:
    """Whether ``turn`` answers: a quotable speaker says something (`answers.says_something`)
    that is not an aside left hanging ("Ahora, cómo fue más tarde… ―Adelante―.")."""
    if not turn.speaker.quotable or turn.in_clip or turn.repeated:
        return False
    sentences = [turn.text[s:e] for s, e in sentence_spans(turn.text)]
    return any(says_something(t) and not t.strip(" ―—–-").endswith("…") for t in sentences)


def _question(doc: Transcript, exchange: Exchange, turns: list[Turn], asked: tuple[Span, ...], answer: Answer,
              segment: Segment | None, candidates: list[KeySentence], ranking: Ranking) -> AskedQuestion:
    first = turns[0]
    group = press_group(key_of(first.label)) or ""
    named = find_introduction(first.text)
    if named is not None and (exchange.questioner is None or named[0] != exchange.questioner.name):
        questioner, outlet = None, None  # someone else introduced themself mid-exchange: rare, not guessed
    elif group == "INTERVENCION" and named is None and exchange.turns[0] is not first:
        questioner, outlet = None, None  # an interjection from the floor: often another person
    else:
        questioner, outlet = exchange.questioner, exchange.outlet
    feminine = any(re.search(r"\b(?:INTERLOCUTORA|MUJER|REPORTERA)\b", key_of(t.label)) for t in turns)
    asking = tuple(t.index for t in turns)
    answerer = answer.line.speaker if answer.line is not None else None
    if segment is None:
        return AskedQuestion(exchange.index, asking, questioner, outlet, feminine, asked, None, answerer, answer.line,
                             kind=answer.kind)
    inside = [s for s in candidates if segment.holds(s.start, s.end)]
    avoid = [(answer.line.start, answer.line.end)] if answer.line is not None else []
    reply = [(t.start, t.end) for t in reply_turns(doc, asking)]
    quote = quote_within(doc, reply, avoid, ranking)  # the reply to this question, never another's
    return AskedQuestion(exchange.index, asking, questioner, outlet, feminine, asked, segment, answerer, answer.line,
                         quote, tuple(inside), answer.kind)


def _asked(doc: Transcript, turns: list[Turn], opening: bool) -> tuple[Span, ...]:
    """The one or two sentences that ask the question, in order: the ``¿…?`` ones first; a
    short lone one with the sentence before it; without any, the first substantive ones.
    Greetings and the self-introduction are never the question; a remark with neither a
    ``¿…?`` nor a substantive sentence is no question, unless it ``opening`` an exchange
    (then its longest sentence stands for it: a reporter who introduced themself asked)."""
    sentences, rest, owners = [], [], []
    for turn in turns:
        intro = find_introduction(turn.text)
        for start, end in sentence_spans(doc.text, turn.start, turn.end):
            start, end = trim(doc.text, start, end)
            text = doc.text[start:end]
            if end <= start:
                continue
            skip = _GREETING.match(text) or (intro is not None and intro[0] in text)
            (rest if skip else sentences).append((start, end))
            owners += [] if skip else [turn.index]
    asking = [i for i, (s, e) in enumerate(sentences) if "?" in doc.text[s:e]]
    asking = [i for i in asking if _words(doc, sentences[i]) >= 3] or asking  # "¿Sí?" only when nothing else
    chosen = asking[:1] or [i for i, span in enumerate(sentences) if _words(doc, span) >= SUBSTANTIVE][:1]
    if not chosen:
        pool = sentences or rest
        return (max(pool, key=lambda span: _words(doc, span)),) if opening and pool else ()
    words = _words(doc, sentences[chosen[0]])
    extra = asking[1:2] if len(asking) > 1 else ([chosen[0] - 1] if asking and chosen[0] > 0 and words < CONTEXT_WORDS
                                                 else [i for i in range(chosen[0] + 1, len(sentences))
                                                       if _words(doc, sentences[i]) >= SUBSTANTIVE][:1])
    # One quotation is one person's: a second sentence comes from the same turn (the next
    # press turn may be another reporter's, or the same words repeated).
    if extra and owners[extra[0]] == owners[chosen[0]] and words + _words(doc, sentences[extra[0]]) <= QUESTION_WORDS:
        chosen.append(extra[0])
    return tuple(sentences[i] for i in sorted(chosen))


def _words(doc: Transcript, span: Span) -> int:
    return len(doc.text[span[0]:span[1]].split())


__all__ = ["AskedQuestion", "find_questions"]
