"""Features of candidate quotes: what makes a journalist print a span.

Pure Python (no numpy). Two feature sets feed the two linear models of
`ranker`:

* `TURN_FEATURES` describe a quotable turn (speaker block): which blocks
  journalists quote from. Speaker (president, other official) and place
  (the president's opening address, an answer to a question); size (words,
  rank by length); the exchange around it (size, questions asked, position,
  similarity to the rest of the conference, and the rates of foreign-affairs,
  strong, negated and numeric wording over the whole exchange: the topic);
  overlap with the reporters' questions; distinctiveness (archive IDF,
  salience and novelty today); and wording rates of the turn itself.
* `SPAN_FEATURES` describe a candidate within its turn: which words of the
  block get printed. Position (first sentences, relative and log position,
  opening of an answer, last sentence), overlap with the question, centrality
  in the turn, wording counts (first person, negation, figures, names
  mid-sentence, questions, exclamations, strong words, commitments,
  foreign affairs, list items), distinctiveness (IDF, surprise under the
  president's usual words, salience and novelty today: means and maxima),
  and length (log words, bins, width).

`featurize` computes both for the candidates of one transcript. Every count
over a span is a bisection into arrays built once per transcript (token
offsets, regex match offsets), so featurising is linear in the transcript.
Reading-aloud cues, procedure and greeting regexes, quotation-mark shares were
tried and dropped: they did not help the cross-validated figures.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from ..document import Exchange, Kind, Transcript
from .archive import ArchiveStats, default_stats, president_key
from .candidates import Candidate, quotable_turns
from .words import is_content

PRESIDENT, MODERATOR = Kind.PRESIDENT, Kind.MODERATOR

WORDING_RE = {
    "first_singular": r"\b(?:yo|me|mi|mis|conmigo|creo|pienso|considero|quiero|digo|sostengo|insisto)\b",
    "first_plural": r"\b(?:nosotr[oa]s|nuestr[oa]s?|vamos|hemos|estamos|tenemos|queremos|podemos|somos|nos)\b",
    "negation": r"\b(?:no|nunca|jamás|nadie|ningun[oa]?|ningún|ni|tampoco|nada)\b",
    "figures": r"\b\d[\d.,]*\b|\bpor ciento\b|\b(?:mil|millones|billones)\b",
    "entities": r"(?<=[\w,;] )[A-ZÁÉÍÓÚÑ][\wáéíóúñü]+",  # a capitalised word mid-sentence
    "question": r"\?",
    "exclamation": r"!",
    "strong": r"\b(?:nunca|jamás|siempre|totalmente|absolutamente|sin duda|es falso|no es cierto|mentira|"
              r"corrup\w+|fraude|injust\w+|vergüenza|históric\w+|grave|respetuos\w+|amenaza\w*|sanci\w+|"
              r"soberan\w+|fundamental|urgente|crisis|violencia|paz|justicia|libertad\w*|democracia)\b",
    "commitment": r"\b(?:vamos a|se va a|va a haber|habrá|van a|nos comprometemos|me comprometo|garantiz\w+|"
                  r"acordamos|no vamos a permitir)\b",
    # Foreign affairs and relations with the United States: the wire services' beat.
    "foreign": r"\b(?:estados unidos|ee\.? ?uu\.?|estadounidenses?|washington|casa blanca|trump|biden|obama|"
               r"harris|canadá|canadienses?|china|rusia|ucrania|españa|cuba|venezuela|europa|europeos?|"
               r"centroamérica|latinoamérica|américa latina|embajad(?:a|or|ora)|cancillería|extranjer[oa]s?|"
               r"internacional(?:es)?|arancel(?:es)?|t-?mec|tratado|frontera|migrantes?|migración)\b",
}
"""Wording counted in spans (log counts) and turns (rates). All but ``entities`` are
matched on the lower-cased text (faster than case-insensitive matching)."""
CASED = frozenset({"entities"})
_COUNTED = {name: re.compile(pattern) for name, pattern in WORDING_RE.items()}
_LIST_ITEM = re.compile(r"(?:[-–—•*·]|\d{1,2}[.)]\s|[a-z]\)\s|primero[,:]|segundo[,:]|tercero[,:])", re.I)

EXCHANGE_RATES = ("foreign", "strong", "negation", "figures")
"""Wording rates also measured over the whole exchange (the topic, not just the turn)."""
PRIOR_WORDS = 20
"""Turn averages and rates are shrunk as if this many words of zero were added:
a three-word turn does not get the rate of its one strong word."""

SPAN_POSITION = ("first_sentence", "first_paragraph", "pos_in_turn", "log_sentence", "answer_start",
                 "last_sentence")
SPAN_QUESTION = ("question_overlap", "press_overlap")
SPAN_CENTRALITY = ("turn_centrality", "turn_top_words")
SPAN_WORDING = tuple(WORDING_RE) + ("list_item",)
SPAN_DISTINCT = ("idf_mean", "idf_max", "surprise_mean", "surprise_max", "salience_mean", "salience_max",
                 "novelty_mean", "novelty_max", "news_mean", "news_max")
SPAN_LENGTH = ("log_words", "words_lt5", "words_5_9", "words_10_20", "words_21_40", "words_gt40",
               "width", "ends_sentence", "starts_upper")
SPAN_FEATURES: tuple[str, ...] = (SPAN_POSITION + SPAN_QUESTION + SPAN_CENTRALITY + SPAN_WORDING
                                  + SPAN_DISTINCT + SPAN_LENGTH)
"""Features of a candidate within its turn (the span model)."""

TURN_SPEAKER = ("president", "official", "moderator", "opening", "opening_address", "after_question")
TURN_SIZE = ("log_words", "length_rank", "speaker_rank")
TURN_EXCHANGE = ("log_exchange_words", "log_exchange_questions", "exchange_rank", "exchange_position",
                 "exchange_centrality") + tuple(f"exchange_{name}_rate" for name in EXCHANGE_RATES)
TURN_TOPIC = ("pos_in_conference", "question_overlap", "press_overlap", "idf_mean", "salience_mean",
              "salience_top", "novelty_top", "news_top", "echo")
TURN_FEATURES: tuple[str, ...] = (TURN_SPEAKER + TURN_SIZE + TURN_EXCHANGE + TURN_TOPIC
                                  + tuple(f"{name}_rate" for name in WORDING_RE))
"""Features of a turn (the turn model): which speaker blocks journalists quote from."""


@dataclass
class TurnInfo:
    """What the candidates of one turn share."""

    words: int
    after_question: bool
    counts: Counter  # content words of the turn
    top: frozenset[str]  # its five most salient words


@dataclass
class DocContext:
    """Per-transcript arrays and tables that span and turn features read."""

    text: str
    token_starts: list[int]
    token_words: list[str]
    word_stats: dict[str, tuple[float, ...]]  # idf, surprise, salience, novelty, news
    matches: dict[str, list[int]]  # wording regex → start offsets of its matches
    turns: dict[int, TurnInfo] = field(default_factory=dict)
    questions: dict[int, frozenset[str]] = field(default_factory=dict)  # exchange → its press turns' words
    press: Counter = field(default_factory=Counter)  # content word → press turns that use it


# ---------------------------------------------------------------- the transcript


def lower_same_length(text: str) -> str:
    """``text`` lower-cased, character for character (offsets stay valid)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)  # "İ" → "i̇" is two


def _tokenize(lower: str) -> tuple[list[int], list[str]]:
    """Start offsets and forms of the ``\\w+`` tokens of the lower-cased text."""
    starts, words = [], []
    for match in re.finditer(r"\w+", lower):
        starts.append(match.start())
        words.append(match.group())
    return starts, words


def is_opening(exchange: Exchange) -> bool:
    """Whether ``exchange`` is the opening remarks (before any reporter's question)."""
    return exchange.index == 0 and exchange.questioner is None and not exchange.turns[0].speaker.is_press


def conference_president(doc: Transcript) -> str | None:
    """``lopez_obrador`` or ``sheinbaum``: the president speaking in ``doc``, if any."""
    for speaker in doc.speakers:
        if speaker.kind == PRESIDENT and president_key(speaker.name):
            return president_key(speaker.name)
    return None


def _word_stats(doc: Transcript, words: list[str], stats: ArchiveStats) -> dict[str, tuple[float, ...]]:
    """Per distinct content word said: IDF over the archive; surprise (−log frequency in the
    president's speech); salience today (log count today × IDF); novelty (log frequency today
    − log usual frequency); news (log count today × IDF over the weeks before the
    conference: what is new or rising this month, `months`)."""
    president = conference_president(doc)
    tf = Counter(w for w in words if is_content(w))
    total = max(1, len(words))
    recent = stats.recent_idf(doc.date)
    table = {}
    for word, count in tf.items():
        idf = stats.word_idf(word)
        usual = stats.log_usual(president, word)
        table[word] = (idf, -usual, math.log1p(count) * idf, math.log((count + 0.5) / total) - usual,
                       math.log1p(count) * recent(word))
    return table


def _slice(ctx: DocContext, start: int, end: int) -> list[str]:
    """The lower-cased tokens of ``text[start:end]``."""
    return ctx.token_words[bisect_left(ctx.token_starts, start):bisect_left(ctx.token_starts, end)]


def _press_words(doc: Transcript, ctx: DocContext) -> tuple[dict[int, frozenset[str]], Counter]:
    """Content words of each exchange's questions, and of all questions (counted per press turn)."""
    questions: dict[int, set[str]] = {}
    press: Counter = Counter()
    for exchange in doc.exchanges:
        for turn in exchange.turns:
            if turn.speaker.is_press and not turn.in_clip:
                words = {w for w in _slice(ctx, turn.start, turn.end) if is_content(w)}
                questions.setdefault(exchange.index, set()).update(words)
                press.update(words)
    return {k: frozenset(v) for k, v in questions.items()}, press


def doc_context(doc: Transcript, stats: ArchiveStats | None = None) -> DocContext:
    """Everything span and turn features need from the transcript, computed once."""
    stats = stats or default_stats()
    lower = lower_same_length(doc.text)
    starts, words = _tokenize(lower)
    spoken = [w for t in doc.turns if not t.in_clip
              for w in words[bisect_left(starts, t.start):bisect_left(starts, t.end)]]
    matches = {name: [m.start() for m in rx.finditer(doc.text if name in CASED else lower)]
               for name, rx in _COUNTED.items()}
    ctx = DocContext(doc.text, starts, words, _word_stats(doc, spoken, stats), matches)
    for turn in doc.turns:
        previous = doc.turns[turn.index - 1] if turn.index > 0 else None
        counts = Counter(w for w in _slice(ctx, turn.start, turn.end) if w in ctx.word_stats)
        top = frozenset(sorted(counts, key=lambda w: (-ctx.word_stats[w][2], w))[:5])
        answers = bool(previous and previous.speaker.is_press and not previous.in_clip)
        ctx.turns[turn.index] = TurnInfo(len(turn.text.split()), answers, counts, top)
    ctx.questions, ctx.press = _press_words(doc, ctx)
    return ctx


def _count(positions: list[int], start: int, end: int) -> int:
    """How many of the sorted ``positions`` lie in ``[start, end)``."""
    return bisect_left(positions, end) - bisect_left(positions, start)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


# ---------------------------------------------------------------- span features


def _span_position(c: Candidate, info: TurnInfo) -> list[float]:
    last = c.sentence + c.width >= c.sentences
    return [float(c.sentence == 0), float(c.paragraph == 0), c.sentence / max(1, c.sentences),
            math.log1p(c.sentence), float(info.after_question and c.sentence == 0), float(last)]


def _question(asked: frozenset[str], press: Counter, content: list[str]) -> list[float]:
    """Share of the words asked in the exchange; mean log count of press turns using each word."""
    if not content:
        return [0.0, 0.0]
    return [sum(w in asked for w in content) / len(content),
            sum(math.log1p(press[w]) for w in content) / len(content)]


def _centrality(info: TurnInfo, content: list[str]) -> list[float]:
    """How much the span speaks of what its turn is about: its words' log counts in the
    turn, and how many of the turn's five most salient words it uses."""
    if not content:
        return [0.0, 0.0]
    return [_mean([math.log(info.counts[w]) for w in content]), float(len(info.top.intersection(content)))]


def _wording(c: Candidate, ctx: DocContext) -> list[float]:
    counts = [math.log1p(_count(ctx.matches[name], c.start, c.end)) for name in WORDING_RE]
    return counts + [float(bool(_LIST_ITEM.match(ctx.text, c.start, c.end)))]


def _distinct(ctx: DocContext, content: list[str]) -> list[float]:
    if not content:
        return [0.0] * len(SPAN_DISTINCT)
    columns = list(zip(*(ctx.word_stats[w] for w in content)))
    return [f(column) for column in columns for f in (_mean, max)]


def _length(c: Candidate, ctx: DocContext, words: int) -> list[float]:
    first, last = ctx.text[c.start], ctx.text[c.end - 1]
    return [math.log1p(words), float(words < 5), float(5 <= words < 10), float(10 <= words <= 20),
            float(20 < words <= 40), float(words > 40), float(c.width),
            float(last in ".?!…"), float(first.isupper() or first in "¿¡")]


def span_features(c: Candidate, ctx: DocContext) -> list[float]:
    """The feature row of one candidate, in the order of `SPAN_FEATURES`."""
    info = ctx.turns[c.turn]
    tokens = _slice(ctx, c.start, c.end)
    content = [w for w in tokens if w in ctx.word_stats]
    return (_span_position(c, info) + _question(ctx.questions.get(c.exchange, frozenset()), ctx.press, content)
            + _centrality(info, content) + _wording(c, ctx) + _distinct(ctx, content)
            + _length(c, ctx, len(tokens)))


# ---------------------------------------------------------------- turn features


def _ranks(values: dict[int, float]) -> dict[int, float]:
    """Key → rank of its value, largest first, scaled to [0, 1] (0: the largest)."""
    order = sorted(values, key=lambda k: (-values[k], k))
    return {k: i / max(1, len(order) - 1) for i, k in enumerate(order)}


def _vector(counts: Counter, ctx: DocContext) -> dict[str, float]:
    """Unit-length TF-IDF vector (archive IDF) of word counts."""
    vec = {w: math.log1p(n) * ctx.word_stats[w][0] for w, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def _merged(counters: list[Counter]) -> Counter:
    total: Counter = Counter()
    for counts in counters:
        total.update(counts)
    return total


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _exchange_table(doc: Transcript, quotable: dict[int, int], ctx: DocContext) -> dict[int, tuple[float, ...]]:
    """Exchange → its values of `TURN_EXCHANGE`: log words said by quotable speakers, log
    press turns, rank by words, relative position, centrality (mean similarity of its words
    to the other exchanges': the day's story) and wording rates over the exchange."""
    words = {e.index: sum(ctx.turns[t.index].words for t in e.turns if t.index in quotable) for e in doc.exchanges}
    ranks = _ranks(words)
    vectors = {e.index: _vector(_merged([ctx.turns[t.index].counts for t in e.turns if not t.in_clip]), ctx)
               for e in doc.exchanges}
    total: dict[str, float] = {}  # the exchanges' unit vectors added up: a mean cosine is a dot with it
    for vector in vectors.values():
        for w, v in vector.items():
            total[w] = total.get(w, 0.0) + v
    others = max(1, len(vectors) - 1)
    table = {}
    for e in doc.exchanges:
        asked = sum(1 for t in e.turns if t.speaker.is_press and not t.in_clip)
        own = vectors[e.index]
        centrality = (_cosine(own, total) - _cosine(own, own)) / others if len(vectors) > 1 else 0.0
        spoken = [t for t in e.turns if t.index in quotable]
        rates = [sum(_count(ctx.matches[name], t.start, t.end) for t in spoken) / (words[e.index] + PRIOR_WORDS)
                 for name in EXCHANGE_RATES]
        table[e.index] = (math.log1p(words[e.index]), math.log1p(asked), ranks[e.index],
                          e.index / max(1, len(doc.exchanges) - 1), centrality, *rates)
    return table


def _echo(doc: Transcript, ctx: DocContext, quotable: dict[int, int], top: dict[int, list[str]]) -> dict[int, float]:
    """Turn → how many of its ten most salient words other exchanges use too, over ten."""
    used: dict[str, set[int]] = {}
    for exchange in doc.exchanges:
        for turn in exchange.turns:
            if not turn.in_clip:
                for w in ctx.turns[turn.index].counts:
                    used.setdefault(w, set()).add(exchange.index)
    return {t: sum(len(used.get(w, set()) - {quotable[t]}) > 0 for w in words) / 10 for t, words in top.items()}


def _shrunk(values: list[float]) -> float:
    """A mean shrunk towards zero for short lists (see `PRIOR_WORDS`)."""
    return sum(values) / (len(values) + PRIOR_WORDS)


def turn_features(doc: Transcript, quotable: dict[int, int], ctx: DocContext) -> dict[int, list[float]]:
    """Turn index → its row in the order of `TURN_FEATURES`, for the quotable turns
    (``quotable``: turn index → exchange index)."""
    words = {t: float(ctx.turns[t].words) for t in quotable}
    by_speaker: dict[str, dict[int, float]] = {}
    for t in quotable:
        by_speaker.setdefault(doc.turns[t].speaker.display, {})[t] = words[t]
    ranks = {"length": _ranks(words),
             "speaker": {t: r for group in by_speaker.values() for t, r in _ranks(group).items()}}
    exchanges = _exchange_table(doc, quotable, ctx)
    content = {t: [w for w in _slice(ctx, doc.turns[t].start, doc.turns[t].end) if w in ctx.word_stats]
               for t in quotable}
    top = {t: sorted(set(ws), key=lambda w: (-ctx.word_stats[w][2], w))[:10] for t, ws in content.items()}
    echo = _echo(doc, ctx, quotable, top)
    return {t: _turn_row(doc, ctx, t, ex, ranks, exchanges[ex], content[t], top[t], echo[t])
            for t, ex in quotable.items()}


def _turn_row(doc: Transcript, ctx: DocContext, t: int, ex: int, ranks: dict[str, dict[int, float]],
              exchange: tuple[float, ...], content: list[str], top: list[str], echo: float) -> list[float]:
    """One turn's row of `TURN_FEATURES`."""
    turn, info, stats = doc.turns[t], ctx.turns[t], ctx.word_stats
    kind = turn.speaker.kind
    opening = bool(doc.exchanges) and is_opening(doc.exchanges[ex])
    asked = ctx.questions.get(ex, frozenset())
    address = float(kind == PRESIDENT and opening) * math.log1p(info.words)  # the president's opening address
    speaker = [float(kind == PRESIDENT), float(kind not in (PRESIDENT, MODERATOR)), float(kind == MODERATOR),
               float(opening), address, float(info.after_question)]
    size = [math.log1p(info.words), ranks["length"][t], ranks["speaker"][t]]
    topic = [turn.start / max(1, len(ctx.text)), _shrunk([float(w in asked) for w in content]),
             _shrunk([math.log1p(ctx.press[w]) for w in content]), _shrunk([stats[w][0] for w in content]),
             _shrunk([stats[w][2] for w in content]), sum(stats[w][2] for w in top) / 10,
             sum(stats[w][3] for w in top) / 10, sum(stats[w][4] for w in top) / 10, echo]
    rates = [_count(ctx.matches[name], turn.start, turn.end) / (info.words + PRIOR_WORDS) for name in WORDING_RE]
    return speaker + size + list(exchange) + topic + rates


def featurize(doc: Transcript, cands: list[Candidate],
              stats: ArchiveStats | None = None) -> tuple[dict[int, list[float]], list[list[float]]]:
    """(turn index → turn row, one span row per candidate) for the candidates of ``doc``."""
    ctx = doc_context(doc, stats)
    quotable = {turn.index: exchange for turn, exchange in quotable_turns(doc)}
    return turn_features(doc, quotable, ctx), [span_features(c, ctx) for c in cands]
