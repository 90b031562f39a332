"""Measures of quality, shared by the tests and the benchmarks.

* turn agreement of a parse with a reference segmentation (`gold_misses`);
* quote selection against what journalists printed (`recall_at_k`, `turn_at_k`): a
  printed span is found when one of the selected spans overlaps it by at least one
  character; its turn is found when a selected span lies in the turn that holds it;
* a development set of such spans (`load_quote_set`: a folder of articles whose quotes are
  aligned to transcript spans, as ``quotes-dev``), pooled per conference, with the day's
  topics as recap pages listed them (``bullets``);
* the brief's own words against those topics (`rouge_recall`): ROUGE-1 and ROUGE-2 recall
  on folded content words (lower case, no accents, Spanish stop words removed, clipped
  counts), pairs never across two bullets or two lines.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .document import Transcript

Span = tuple[int, int]


def normalize(text: str) -> str:
    """White space collapsed: how turn texts are compared."""
    return re.sub(r"\s+", " ", text).strip()


def gold_misses(gold_turns: Iterable[dict], doc: Transcript) -> list[tuple[str, str]]:
    """The reference turns (``{"speaker", "text"}``) with no parsed turn of the same label and
    text, in order; a parsed turn matches only after the last one matched, and an extra
    parsed turn does not shift the rest."""
    positions: dict[tuple[str, str], list[int]] = {}
    for i, turn in enumerate(doc.turns):
        positions.setdefault((normalize(turn.label), normalize(turn.text)), []).append(i)
    misses, after = [], 0
    for turn in gold_turns:
        key = (normalize(turn["speaker"]), normalize(turn["text"]))
        hits = [i for i in positions.get(key, []) if i >= after]
        if hits:
            after = hits[0] + 1
        else:
            misses.append(key)
    return misses


def overlaps(a: Span, b: Span) -> bool:
    """Whether two spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def recall_at_k(selected: Sequence[Span], gold: Sequence[Span]) -> float:
    """Share of ``gold`` spans that one of ``selected`` overlaps (1.0 when there is no gold)."""
    if not gold:
        return 1.0
    return sum(any(overlaps(s, g) for s in selected) for g in gold) / len(gold)


def turn_of(doc: Transcript, offset: int) -> int | None:
    """The index of the turn holding ``offset``, or None."""
    turn = doc.turn_at(offset)
    return turn.index if turn is not None else None


def turn_at_k(doc: Transcript, selected: Sequence[Span], gold: Sequence[Span]) -> float:
    """Share of ``gold`` spans whose turn holds one of ``selected`` (1.0 when there is no gold)."""
    if not gold:
        return 1.0
    chosen = {turn_of(doc, s[0]) for s in selected}
    chosen.discard(None)
    return sum(turn_of(doc, g[0]) in chosen for g in gold) / len(gold)


@dataclass(frozen=True)
class Conference:
    """One conference of a quote set: its transcript, the journalists' spans (pooled over its
    articles, deduplicated, stitched quotes split into their parts) and the stretches the
    sections of recaps report on."""

    date: str
    doc: Transcript
    gold: tuple[Span, ...]
    sections: tuple[Span, ...] = ()
    bullets: tuple[str, ...] = ()


def _quote_spans(quote: dict) -> list[Span]:
    if not quote.get("aligned") or quote.get("start") is None:
        return []
    if quote.get("parts"):
        return [(part["start"], part["end"]) for part in quote["parts"]]
    return [(quote["start"], quote["end"])]


def load_quote_set(folder: str | Path, *, recaps: bool = False) -> list[Conference]:
    """The conferences of a quote set: ``<date>-<outlet>.json`` articles (``transcript_file``,
    ``quotes[]`` with ``aligned``/``start``/``end``/``parts``, optional ``sections[]`` and
    ``bullets[]``) and the transcripts they point to, in date order: those with printed
    spans, and with ``recaps`` also those that have only a recap's bullets."""
    from .parse import parse_transcript

    folder = Path(folder)
    spans: dict[str, set[Span]] = {}
    sections: dict[str, set[Span]] = {}
    bullets: dict[str, list[str]] = {}
    files: dict[str, Path] = {}
    for path in sorted(folder.glob("*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        if "transcript_file" not in article:
            continue
        date = Path(article["transcript_file"]).stem
        files[date] = folder / article["transcript_file"]
        for quote in article.get("quotes", []):
            spans.setdefault(date, set()).update(_quote_spans(quote))
        sections.setdefault(date, set()).update((s["start"], s["end"]) for s in article.get("sections") or [])
        bullets.setdefault(date, []).extend(b for b in article.get("bullets") or [] if b.strip())
    dates = sorted(d for d in files if spans.get(d) or (recaps and bullets.get(d)))
    return [Conference(date, parse_transcript(files[date].read_bytes()), tuple(sorted(spans.get(date, ()))),
                       tuple(sorted(sections.get(date, ()))), tuple(bullets.get(date, ())))
            for date in dates]


# ---------------------------------------------------------------- lines against recaps

SPANISH_STOPWORDS = frozenset("""
de la que el en y a los del se las por un para con no una su al lo como mas pero sus le ya o este si porque esta
entre cuando muy sin sobre tambien me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese
eso ante ellos e esto mi antes algunos que unos yo otro otras otra el tanto esa estos mucho quienes nada muchos cual
poco ella estar estas algunas algo nosotros mi mis tu te ti tu tus ellas nosotras vosotros vosotras os mio mia mios
mias tuyo tuya tuyos tuyas suyo suya suyos suyas nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras
esos esas estoy estas esta estamos estais estan este estes estemos esteis esten estare estaras estara estaremos
estareis estaran estaria estarias estariamos estariais estarian estaba estabas estabamos estabais estaban estuve
estuviste estuvo estuvimos estuvisteis estuvieron he has ha hemos habeis han haya hayas hayamos hayais hayan habre
habras habra habremos habreis habran habria habrias habriamos habriais habrian habia habias habiamos habiais habian
hube hubiste hubo hubimos hubisteis hubieron soy eres es somos sois son sea seas seamos seais sean sere seras sera
seremos sereis seran seria serias seriamos seriais serian era eras eramos erais eran fui fuiste fue fuimos fuisteis
fueron tengo tienes tiene tenemos teneis tienen tenga tengas tengamos tengais tengan tendre tendras tendra tendremos
tendreis tendran tendria tendrias tendriamos tendriais tendrian tenia tenias teniamos teniais tenian tuve tuviste
tuvo tuvimos tuvisteis tuvieron ser haber tener hacer dice dijo va van vamos asi aqui ahi alla hoy ahora entonces
pues bueno solo cada the of and to in is that it for on was with as be by this are at from
""".split())
"""Spanish (and a few English) function words, folded: what ROUGE leaves out."""


def folded_words(text: str) -> list[str]:
    """The content words of ``text`` as ROUGE compares them: lower case, accents removed,
    `SPANISH_STOPWORDS` and one-letter tokens left out, in order."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")
    return [w for w in re.findall(r"\w+", plain) if len(w) > 1 and w not in SPANISH_STOPWORDS]


def _grams(texts: Sequence[str], n: int) -> Counter:
    counts: Counter = Counter()
    for text in texts:
        words = folded_words(text)
        counts.update(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    return counts


def rouge_recall(lines: Sequence[str], references: Sequence[str], n: int = 1) -> float:
    """Share of the ``references``' n-grams of content words that ``lines`` hold (clipped
    counts); n-grams never span two lines or two references. 0 without references."""
    reference = _grams(references, n)
    total = sum(reference.values())
    if not total:
        return 0.0
    held = _grams(lines, n)
    return sum(min(count, held[gram]) for gram, count in reference.items()) / total


def content_length(lines: Sequence[str]) -> int:
    """How many content words (`folded_words`) ``lines`` hold: the budget baselines get."""
    return sum(len(folded_words(line)) for line in lines)


def first_words(texts: Iterable[str], budget: int) -> list[str]:
    """``texts`` in order, up to ``budget`` content words: the last one cut (on its words) so
    that the total is exactly the budget (or all of them, when they hold fewer)."""
    out, left = [], budget
    for text in texts:
        if left <= 0:
            break
        words = text.split()
        kept: list[str] = []
        for word in words:
            if left <= 0:
                break
            kept.append(word)
            left -= len(folded_words(word))
        out.append(" ".join(kept))
    return out


__all__ = ["normalize", "gold_misses", "overlaps", "recall_at_k", "turn_of", "turn_at_k", "Conference",
           "load_quote_set", "SPANISH_STOPWORDS", "folded_words", "rouge_recall", "content_length", "first_words"]
