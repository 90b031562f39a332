"""What is news: which stories lead, and which sentence of a story says what happened.

Two small linear models learned from what the press printed and what recaps listed
(`news_training`, cross-validated by conference), stored in ``data/news.json``:

* the **story model** ranks the day's stories (`STORY_FEATURES`): reporters' attention
  (questions, exchanges), its share of the day, the opening remarks, what is new this
  month in its words (`months`), names, figures, foreign affairs, strong words and
  denials, and how quotable its best sentences are (the quote ranker's scores);
* the **line model** scores a story's sentences (`LINE_FEATURES`): the sentence that
  says what happened — the announcement, decision, figure, denial — in the story's own
  terms. Procedure (`procedure`) is never a line, nor a question, nor a fragment.

Pure Python at inference, as the quote ranker.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..document import Kind, Segment, Transcript
from .answers import answer_kind
from .archive import ArchiveStats
from .features import WORDING_RE
from .procedure import is_procedure, is_reported
from .ranker import LinearModel
from .stories import Story, fold, terms
from .topics import KeySentence
from .words import content_words

DEFAULT_MODEL = Path(__file__).with_name("data") / "news.json"

STORY_FEATURES = ("log_questions", "log_exchanges", "share", "log_words", "opening", "first", "position",
                  "president", "news_top", "idf_top", "names", "figures_rate", "foreign_rate", "strong_rate",
                  "negation_rate", "best_score", "top3_score")
LINE_FEATURES = ("score", "question", "story_terms", "names", "figures", "announce", "denial", "log_words",
                 "short", "long", "first_of_segment", "answer_start", "president", "news_mean", "first_person")

_RATES = {name: re.compile(WORDING_RE[name]) for name in ("figures", "foreign", "strong", "negation")}
_ANNOUNCE = re.compile(
    r"\b(?:anunci\w*|vamos\s+a|se\s+va\s+a|van\s+a|decid\w+|acord\w+|aprob\w+|firm\w+|present\w+|envi\w+|"
    r"inici\w+|inaugur\w+|iniciativa|decreto|reforma|programa|plan|convocatori\w+|lanz\w+|otorg\w+|destin\w+|"
    r"invert\w+|informo|les\s+informo|quiero\s+informar|se\s+(?:creó|crea|autorizó|autoriza|aumenta|reduce))\b",
    re.IGNORECASE)
_DENIAL = re.compile(r"\b(?:no\s+es\s+(?:cierto|verdad)|es\s+falso|falso|mentira|no\s+hay|nunca|jamás|niego|"
                     r"descart\w+|rechaz\w+|no\s+vamos\s+a|no\s+va\s+a|de\s+ninguna\s+manera)\b", re.IGNORECASE)
_FIGURE = re.compile(r"\d|\b(?:mil|millones|billones|por\s+ciento)\b", re.IGNORECASE)
_HEDGE = re.compile(r"^[\s¿¡—–-]*(?:(?:pues|bueno|miren?|entonces),?\s+)*(?:no\s+sé|a\s+ver\s+si|quién\s+sabe|"
                    r"no\s+tengo\s+(?:información|el\s+dato)|creo\s+que\s+no\s+sé)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:yo|creo|considero|pienso|vamos|hemos|estamos|nosotros)\b", re.IGNORECASE)
READABLE = (8, 50)
"""A line is a sentence of this many words (a shorter one says too little, a longer one is a speech)."""
TERM_WEIGHT = 1.0
"""What naming one of its story's key terms adds to a sentence's value as the story's line: a
line says the story in its own terms. Learned weights gave such terms little (the printed
quotes that label most sentences are opinions, not statements of the news); on the
development set's recaps, lines chosen with this weight held 30 % more of the recaps' words
than the line model's own choice (`benchmarks/recap_rouge.py`)."""


@dataclass(frozen=True)
class NewsModel:
    """The story model and the line model (see the module docstring)."""

    story: LinearModel
    line: LinearModel
    meta: dict

    def to_json(self) -> dict:
        return {"story": self.story.to_json(), "line": self.line.to_json(), "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict) -> "NewsModel":
        return cls(LinearModel.from_json(data["story"], STORY_FEATURES),
                   LinearModel.from_json(data["line"], LINE_FEATURES), data.get("meta", {}))


def save_news(model: NewsModel, path: str | os.PathLike) -> None:
    Path(path).write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@lru_cache(maxsize=4)
def load_news(path: str | None = None) -> NewsModel:
    """The model at ``path``, or the one shipped with the package (read once)."""
    return NewsModel.from_json(json.loads(Path(path or DEFAULT_MODEL).read_text(encoding="utf-8")))


# ---------------------------------------------------------------- features


@dataclass
class DayContext:
    """What story and line features read, computed once per transcript."""

    doc: Transcript
    segments: list[Segment]
    sentences: dict[int, list[KeySentence]]  # segment index → its key sentences
    recent: object  # word → IDF over the weeks before the conference (`ArchiveStats.recent_idf`)
    idf: object  # word → IDF over the archive
    counts: Counter  # content word → mentions in the conference
    opening: int  # exchange index of the opening remarks, -1 when none


def day_context(doc: Transcript, segments: list[Segment], sentences: dict[int, list[KeySentence]],
                stats: ArchiveStats) -> DayContext:
    said = [s.text for group in sentences.values() for s in group]
    counts = Counter(w for text in said for w in content_words(text))
    opening = 0 if doc.exchanges and doc.exchanges[0].questioner is None and not doc.exchanges[0].turns[0].speaker.is_press \
        else -1
    return DayContext(doc, segments, sentences, stats.recent_idf(doc.date), stats.word_idf, counts, opening)


def _story_sentences(ctx: DayContext, story: Story) -> list[KeySentence]:
    return [s for i in story.segments for s in ctx.sentences.get(i, [])]


def _top_words(ctx: DayContext, words: Counter, value, n: int = 5) -> float:
    """Mean of the ``n`` best ``value(word, count)`` over a story's words."""
    best = sorted((value(w, c) for w, c in words.items()), reverse=True)[:n]
    return sum(best) / n


def story_features(ctx: DayContext, story: Story) -> list[float]:
    """One story's row, in the order of `STORY_FEATURES`."""
    sentences = _story_sentences(ctx, story)
    text = " ".join(s.text for s in sentences)
    lower = text.lower()
    words = Counter(content_words(text))
    n = max(1, len(text.split()))
    scores = sorted((s.score for s in sentences), reverse=True) or [0.0]
    president = sum(len(s.text.split()) for s in sentences if s.speaker.kind == Kind.PRESIDENT) / n
    first = min(story.segments)
    return [math.log1p(story.questions), math.log1p(len(story.exchanges)), story.share, math.log1p(story.words),
            float(ctx.opening in story.exchanges), float(first == 0), first / max(1, len(ctx.segments)), president,
            _top_words(ctx, words, lambda w, c: math.log1p(c) * ctx.recent(w)),
            _top_words(ctx, words, lambda w, c: ctx.idf(w)), math.log1p(len(set(terms(text)[0]))),
            *(len(rx.findall(lower)) / n for rx in _RATES.values()), scores[0], sum(scores[:3]) / min(3, len(scores))]


def line_features(ctx: DayContext, story: Story, sentence: KeySentence, first: bool, answer: bool) -> list[float]:
    """One sentence's row as a candidate line of ``story``, in the order of `LINE_FEATURES`."""
    text = sentence.text
    folded = fold(text)
    words = len(text.split())
    content = content_words(text)
    key = sum(fold(term) in folded for term in story.terms)
    news = sum(ctx.recent(w) for w in content) / len(content) if content else 0.0
    return [sentence.score, float(text.rstrip().endswith("?")), float(key), float(len(terms(text)[0])),
            float(bool(_FIGURE.search(text))), float(bool(_ANNOUNCE.search(text))), float(bool(_DENIAL.search(text))),
            math.log1p(words), float(words < READABLE[0]), float(words > READABLE[1]), float(first), float(answer),
            float(sentence.speaker.kind == Kind.PRESIDENT), news, float(bool(_FIRST_PERSON.search(text)))]


def line_rows(ctx: DayContext, story: Story) -> list[tuple[KeySentence, list[float]]]:
    """Every sentence of ``story`` that may be a line (not procedure, not someone else's
    words), with its row."""
    rows = []
    for i in story.segments:
        segment = ctx.segments[i]
        for n, sentence in enumerate(ctx.sentences.get(i, [])):
            if is_procedure(sentence.text) or is_reported(sentence.text):
                continue
            rows.append((sentence, line_features(ctx, story, sentence, n < 2, n == 0 and segment.question is not None)))
    return rows


# ---------------------------------------------------------------- choosing


def rank_stories(ctx: DayContext, stories: list[Story], model: NewsModel) -> list[Story]:
    """``stories`` scored by the story model, best first, re-indexed (0: the lead story)."""
    scored = [replace(s, score=round(model.story.score(story_features(ctx, s)), 4)) for s in stories]
    ordered = sorted(scored, key=lambda s: (-s.score, min(s.segments)))
    return [replace(s, index=i) for i, s in enumerate(ordered)]


def story_lines(ctx: DayContext, story: Story, model: NewsModel) -> list[KeySentence]:
    """The sentences of ``story`` that can stand as its line, best first: readable ones (not
    a question, `READABLE` words) that say something (not a hedge, "No sé si…", nor an
    answer declined), then the other readable ones, then the rest; never procedure. Within
    each, a sentence's value is the line model's score plus `TERM_WEIGHT` for each of the
    story's key terms it names."""
    rows = line_rows(ctx, story)
    terms = LINE_FEATURES.index("story_terms")
    scored = sorted(rows, key=lambda r: (-model.line.score(r[1]) - TERM_WEIGHT * r[1][terms], r[0].start))
    readable = [s for s, _ in scored if READABLE[0] <= s.words <= READABLE[1] and not s.text.rstrip().endswith("?")]
    says = [s for s in readable if not _HEDGE.match(s.text) and answer_kind(s.text) != "refusal"]
    return says + [s for s in readable if s not in says] + [s for s, _ in scored if s not in readable]


__all__ = ["NewsModel", "STORY_FEATURES", "LINE_FEATURES", "DayContext", "day_context", "story_features",
           "line_features", "line_rows", "rank_stories", "story_lines", "load_news", "save_news", "DEFAULT_MODEL"]
