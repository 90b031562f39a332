"""Subject segments: stretches of the conference about one thing.

The opening remarks and many answers cover several subjects, so a brief's topic is a
segment, not a whole exchange: a point's line and its quote come from one segment, and
no two points share one. Segments come from three signals:

* **the turn structure** — a reporter's question opens a new answer (a Q&A block); a
  follow-up on the same subject joins the block before it when their words agree;
* **lexical cohesion** (TextTiling, Hearst 1997) — inside a long block, the vocabulary of
  the sentences before and after each gap is compared (term frequency × the archive's
  IDF, so that words every conference uses count for little); a deep valley is a shift;
* **cue phrases** — "otro tema", "en cuanto a …", "sobre el tema de …", "lo otro", …
  at the start of a sentence make a shift there more likely, as does a new speaker.

Pure functions over a `Transcript`; no model. Linear in the transcript's length.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..document import Segment, Transcript, Turn
from ..parse.sentences import sentence_spans
from .words import content_words

IdfFunction = Callable[[str], float]

WINDOW = 5
"""Sentences compared on each side of a gap."""
STEM = 6
"""Words are compared by their first letters (a crude Spanish stem: "migrantes" ~ "migración")."""
MIN_SENTENCES = 4
"""No segment shorter than this many sentences is cut out of a block…"""
MIN_WORDS = 20
"""…nor with fewer than this many content words (about 50 words)."""
MERGE_SIMILARITY = 0.22
"""Consecutive Q&A blocks of one exchange whose words agree this much are one subject."""
MIN_DEPTH = 0.15
"""A valley shallower than this is never a shift, however flat the rest of the block."""
CUE_BONUS = 0.35
SPEAKER_BONUS = 0.25

_CUE = re.compile(
    r"^(?:y\s+|bueno,?\s+|ahora,?\s+|también,?\s+|además,?\s+)?(?:"
    r"(?:el\s+|un\s+)?otro\s+tema|lo\s+otro|otra\s+cosa|otro\s+asunto|pasando\s+a|por\s+otra\s+parte|"
    r"en\s+cuanto\s+a|respecto\s+(?:a|de)|con\s+respecto\s+a|con\s+relación\s+a|en\s+relación\s+con|"
    r"sobre\s+(?:el|la|los|las)\s+(?:tema|asunto|caso)|sobre\s+lo\s+de|el\s+siguiente\s+tema|"
    r"quiero\s+(?:informar|comentar|referirme)|les\s+quiero\s+(?:informar|comentar|decir)|"
    r"también\s+(?:quiero|les\s+informo)|(?:primer|segundo|tercer|último)\s+tema)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    turn: Turn
    words: Counter
    cue: bool


@dataclass
class _Block:
    """Consecutive sentences of quotable speakers, after the press turn that asked for them."""

    exchange: int
    sentences: list[_Sentence]
    question: Turn | None


def segments(doc: Transcript, idf: IdfFunction | None = None) -> list[Segment]:
    """The subject segments of ``doc``, in order; ``idf(word)`` weighs words (default: the
    archive's statistics, see `select.archive`)."""
    if idf is None:
        from .archive import default_stats

        idf = default_stats().word_idf
    result: list[Segment] = []
    for block in _fold_small(_merge_follow_ups(_blocks(doc), idf)):
        for piece in _split(block.sentences, idf):
            result.append(_segment(doc, len(result), block, piece, idf))
    return result


def segment_at(found: Sequence[Segment], offset: int) -> Segment | None:
    """The segment of ``found`` (in order) whose stretch holds ``offset``, else None."""
    return segment_finder(found)(offset)


def segment_finder(found: Sequence[Segment]) -> Callable[[int], Segment | None]:
    """``find(offset)`` → the segment of ``found`` (in order) holding ``offset``, else None;
    for many lookups (the starts are listed once)."""
    starts = [s.start for s in found]

    def find(offset: int) -> Segment | None:
        i = bisect.bisect_right(starts, offset) - 1
        return found[i] if i >= 0 and offset < found[i].end else None

    return find


# ---------------------------------------------------------------- blocks


def _blocks(doc: Transcript) -> list[_Block]:
    """Q&A blocks: the quotable speakers' sentences between one press turn and the next."""
    blocks: list[_Block] = []
    for exchange in doc.exchanges:
        question: Turn | None = None
        current: _Block | None = None
        for turn in exchange.turns:
            if turn.speaker.is_press and not turn.in_clip:
                question, current = turn, None
                continue
            if not turn.speaker.quotable or turn.in_clip or turn.repeated:
                continue
            if current is None:
                current = _Block(exchange.index, [], question)
                blocks.append(current)
            current.sentences.extend(_sentences(doc, turn))
    return [b for b in blocks if b.sentences]


def _sentences(doc: Transcript, turn: Turn) -> list[_Sentence]:
    out = []
    for start, end in sentence_spans(doc.text, turn.start, turn.end):
        text = doc.text[start:end]
        out.append(_Sentence(start, end, turn, Counter(content_words(text)), bool(_CUE.match(text.lstrip("¿¡—-– ")))))
    return out


def _merge_follow_ups(blocks: list[_Block], idf: IdfFunction) -> list[_Block]:
    """A block joins the one before it (same exchange) when their words agree: a follow-up."""
    merged: list[_Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.exchange == block.exchange and previous.question is not None
                and not block.sentences[0].cue
                and cosine(_bag(previous.sentences[-2 * WINDOW:]), _bag(block.sentences[:2 * WINDOW]), idf)
                >= MERGE_SIMILARITY):
            previous.sentences.extend(block.sentences)
        else:
            merged.append(_Block(block.exchange, list(block.sentences), block.question))
    return merged


def _fold_small(blocks: list[_Block]) -> list[_Block]:
    """A block too short to be a subject ("Mañana.", "Sí.") joins the next block of its
    exchange (the follow-up that goes on with it), else the one before it."""
    out: list[_Block] = []
    pending: _Block | None = None
    for block in blocks:
        if pending is not None and pending.exchange == block.exchange:
            block = _Block(block.exchange, pending.sentences + block.sentences, pending.question)
        elif pending is not None:
            _append(out, pending)
        pending = None
        if _content(block.sentences) < MIN_WORDS:
            pending = block
        else:
            out.append(block)
    if pending is not None:
        _append(out, pending)
    return out


def _append(out: list[_Block], block: _Block) -> None:
    if out and out[-1].exchange == block.exchange:
        out[-1].sentences.extend(block.sentences)
    else:
        out.append(block)


def _content(sentences: Sequence[_Sentence]) -> int:
    return sum(sum(s.words.values()) for s in sentences)


# ---------------------------------------------------------------- lexical cohesion


def _bag(sentences: Iterable[_Sentence]) -> Counter:
    bag: Counter = Counter()
    for sentence in sentences:
        bag.update(sentence.words)
    return bag


def _vector(words: Counter, idf: IdfFunction) -> dict[str, float]:
    """Term frequency × IDF, words folded to their stems."""
    vector: dict[str, float] = {}
    for word, count in words.items():
        if count > 0:
            stem = word[:STEM]
            vector[stem] = vector.get(stem, 0.0) + count * idf(word)
    return vector


def cosine(a: Counter, b: Counter, idf: IdfFunction) -> float:
    """Cosine similarity of two bags of words as `_vector`s."""
    return _cosine_vectors(_vector(a, idf), _vector(b, idf))


def _cosine_vectors(va: dict[str, float], vb: dict[str, float]) -> float:
    if len(va) > len(vb):
        va, vb = vb, va
    dot = sum(weight * vb.get(stem, 0.0) for stem, weight in va.items())
    norm = math.sqrt(sum(w * w for w in va.values())) * math.sqrt(sum(w * w for w in vb.values()))
    return dot / norm if norm else 0.0


def gap_scores(sentences: Sequence[_Sentence], idf: IdfFunction) -> list[float]:
    """Similarity across each gap ``g`` (between sentence ``g - 1`` and ``g``), g = 1 … n-1.

    Each sentence's vector is computed once and the windows slide (a sentence's weights
    added on one side, taken off the other), so the whole is linear in the block."""
    vectors = [_vector(s.words, idf) for s in sentences]
    n = len(sentences)
    scores = []
    left: dict[str, float] = {}
    right: dict[str, float] = {}
    for vector in vectors[:WINDOW]:
        _move(vector, right, +1)
    for g in range(1, n):
        _move(vectors[g - 1], left, +1)
        if g - 1 - WINDOW >= 0:
            _move(vectors[g - 1 - WINDOW], left, -1)
        _move(vectors[g - 1], right, -1)
        if g - 1 + WINDOW < n:
            _move(vectors[g - 1 + WINDOW], right, +1)
        scores.append(_cosine_vectors(left, right))
    return scores


def _move(vector: dict[str, float], window: dict[str, float], sign: int) -> None:
    """Add (``sign`` +1) or take (-1) a sentence's weights to or from a window, dropping the
    stems that fall back to zero, so that a window holds only its own sentences' words."""
    for stem, weight in vector.items():
        left = window.get(stem, 0.0) + sign * weight
        if left > 1e-9:
            window[stem] = left
        else:
            window.pop(stem, None)


def depth_scores(scores: Sequence[float], reach: int = 3 * WINDOW) -> list[float]:
    """Each gap's depth (Hearst): how far it lies below the peaks reached by climbing from it
    to the left and to the right while the similarity rises (at most ``reach`` steps, so
    that the whole stays linear)."""
    depths = []
    for i, score in enumerate(scores):
        left = right = score
        j = i - 1
        while j >= 0 and i - j <= reach and scores[j] >= left:
            left, j = scores[j], j - 1
        j = i + 1
        while j < len(scores) and j - i <= reach and scores[j] >= right:
            right, j = scores[j], j + 1
        depths.append((left - score) + (right - score))
    return depths


def _split(sentences: list[_Sentence], idf: IdfFunction) -> list[list[_Sentence]]:
    """A block cut at its subject shifts: deep valleys of cohesion, cues, new speakers."""
    if len(sentences) < 2 * MIN_SENTENCES:
        return [sentences]
    depths = depth_scores(gap_scores(sentences, idf))
    for g in range(1, len(sentences)):
        depths[g - 1] += CUE_BONUS * sentences[g].cue
        depths[g - 1] += SPEAKER_BONUS * (sentences[g].turn.speaker != sentences[g - 1].turn.speaker)
    mean = sum(depths) / len(depths)
    spread = math.sqrt(sum((d - mean) ** 2 for d in depths) / len(depths))
    cutoff = max(mean + 0.5 * spread, MIN_DEPTH)
    deep = [g for g in range(1, len(sentences)) if depths[g - 1] >= cutoff]
    cuts = _spaced(sorted(deep, key=lambda g: -depths[g - 1]), sentences)
    bounds = [0, *sorted(cuts), len(sentences)]
    return [sentences[a:b] for a, b in zip(bounds, bounds[1:])]


def _spaced(cuts: list[int], sentences: list[_Sentence]) -> list[int]:
    """The cuts, deepest first, that leave every piece at least `MIN_SENTENCES` sentences
    and `MIN_WORDS` content words long."""
    words = [0]
    for sentence in sentences:
        words.append(words[-1] + sum(sentence.words.values()))
    kept = [0, len(sentences)]
    for cut in cuts:
        i = bisect.bisect_right(kept, cut)
        before, after = kept[i - 1], kept[i]
        if (cut - before >= MIN_SENTENCES and after - cut >= MIN_SENTENCES
                and words[cut] - words[before] >= MIN_WORDS and words[after] - words[cut] >= MIN_WORDS):
            kept.insert(i, cut)
    return kept[1:-1]


# ---------------------------------------------------------------- the segment


def _segment(doc: Transcript, index: int, block: _Block, sentences: list[_Sentence], idf: IdfFunction) -> Segment:
    turns = tuple(dict.fromkeys(s.turn.index for s in sentences))
    speakers = tuple(dict.fromkeys(s.turn.speaker for s in sentences))
    first = sentences[0].turn.index == block.sentences[0].turn.index and sentences[0] is block.sentences[0]
    question = block.question if first else None
    return Segment(
        index=index, start=sentences[0].start, end=sentences[-1].end, exchange=block.exchange, turns=turns,
        sentences=tuple((s.start, s.end) for s in sentences), speakers=speakers,
        question=(question.start, question.end) if question is not None else None,
        label=label(_bag(sentences), idf),
    )


def label(words: Counter, idf: IdfFunction, size: int = 3) -> tuple[str, ...]:
    """The most distinctive words of a segment, for people scanning: those said more than
    once first, by frequency × IDF; at most ``size``."""
    scored = sorted(words, key=lambda w: (words[w] < 2, -words[w] * idf(w), w))
    return tuple(scored[:size])
