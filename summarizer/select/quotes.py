"""Quote candidates: verbatim spans of what officials said, scored the way a
journalist picks them, and spread across the conference's topics.

A quote is one to three consecutive sentences of one paragraph of a turn whose
speaker may be quoted (not the press, not a voice from a video, not a stage
direction). Its offsets point into the transcript's text and its speaker is the
speaker of the turn that holds it: ``doc.text[q.start:q.end] == q.original``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from ..document import Quote, Transcript, Turn
from ..parse import parse_transcript
from ..parse.sentences import paragraph_spans, sentence_spans
from .words import content_words


# ------------------------------------------------------------ vocabularies



_GREETING_RE = re.compile(
    r"^(?:muy\s+)?(?:buen(?:os|as)?\s+(?:días|tardes|noches)|gracias|muchas gracias|adelante|a ver|sí|no|bueno|"
    r"ándale|órale|ok|vamos|claro|exacto|así es|correcto|perdón|con permiso|con su permiso)\b[\s,.!¡¿?]*",
    re.I,
)
_PROCEDURE_RE = re.compile(
    r"\b(?:la palabra|adelante|cedo|le pido a|le pedimos a|les pido|nos va a (?:informar|presentar|explicar|dar)|"
    r"va a (?:informar|presentar|explicar|exponer)|vamos a (?:escuchar|ver el video|pasar|poner|empezar|iniciar|comenzar)|"
    r"pasamos a|para que nos (?:informe|explique|hable)|quién más|¿quién|micrófono|comenzamos por|"
    r"empezamos por|a ver,? (?:allá|acá|aquí|tú|usted)|te toca|le toca|el día de hoy vamos a|ponlo|pon la|"
    r"la siguiente lámina|siguiente lámina|la lámina|por favor|ahí está|buenos días|muchas gracias|"
    r"con su permiso|en la pantalla|el video|a continuación|iniciaremos|iniciamos|luego vamos con|"
    r"y luego vamos|ahora vamos con|un mensaje del|le damos la bienvenida|damos paso|damos inicio|"
    r"vamos a dar inicio|nos acompaña|nos acompañan|está con nosotros|están con nosotros)\b",
    re.I,
)
_READING_RE = re.compile(
    r"(?:\b(?:dice|decía|dicen|señala|escribió|escribe|publicó|cito|leo|voy a leer|les leo|textual|a la letra|"
    r"lo siguiente|cita)\s*:|^[“\"«'‘])",
    re.I,
)
_LIST_ITEM_RE = re.compile(r"^(?:[-–—•*·]|\d{1,2}[.)]\s|[a-z]\)\s|primero[,:]|segundo[,:]|tercero[,:])", re.I)
_FIRST_PERSON_RE = re.compile(
    r"\b(?:vamos a|voy a|vamos|hemos|estamos|tenemos|queremos|podemos|pensamos|creemos|nosotros|"
    r"nuestr[oa]s?|yo|mi gobierno|me comprometo|nos comprometemos|no vamos a|no voy a|decidimos|"
    r"logramos|acordamos|hablamos|quiero|considero|sostengo|insisto)\b",
    re.I,
)
_COMMITMENT_RE = re.compile(
    r"\b(?:vamos a|se va a|va a haber|habrá|van a|nos comprometemos|me comprometo|garantiz\w+|"
    r"se acordó|acordamos|se llegó a (?:un|ese) acuerdo|vamos a seguir|no se va a|no vamos a permitir)\b",
    re.I,
)
_STRONG_RE = re.compile(
    r"\b(?:nunca|jamás|nada de|ningún|ninguna|siempre|todos|totalmente|absolutamente|sin duda|es falso|"
    r"no es cierto|mentira|corrup\w+|fraude|injust\w+|vergüenza|histórico|históric\w+|grave|muy buen[ao]|"
    r"muy mal[ao]|respetuos\w+|amenaza\w*|sanci\w+|soberan\w+|no aceptamos|no permitiremos|no hay|"
    r"lo más importante|fundamental|urgente|crisis|violencia|paz|justicia|libertad|democracia)\b",
    re.I,
)
_FIGURE_RE = re.compile(
    r"\b\d[\d.,]*\s*(?:%|por ciento|mil(?:es)?|millones?|billones?|pesos|dólares|kilómetros|toneladas)?|"
    r"\b(?:un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|cien|doscientos|trescientos|quinientos)\s+"
    r"(?:mil|millones)\b",
    re.I,
)
_PLACES = re.compile(
    r"\b(?:México|Estados Unidos|EE\.? ?UU\.?|Washington|Canadá|China|Rusia|Ucrania|España|Cuba|Venezuela|"
    r"Guatemala|Honduras|El Salvador|Nicaragua|Panamá|Colombia|Brasil|Argentina|Chile|Perú|Europa|"
    r"Centroamérica|América Latina|Latinoamérica|Caribe|Israel|Palestina|Gaza|Japón|Alemania|Francia|"
    r"frontera|Texas|California|Arizona|Chiapas|Sinaloa|Guerrero|Acapulco|Oaxaca|Tabasco|Veracruz|"
    r"Jalisco|Michoacán|Tamaulipas|Chihuahua|Sonora|Nuevo León|Ciudad de México|Yucatán|Quintana Roo)\b"
)
_PEOPLE_TITLES = re.compile(
    r"\b(?:president[ae]|secretari[oa]|gobernador[a]?|senador[a]?|ministr[oa]|embajador[a]?|"
    r"fiscal|juez|jueza|diputad[oa])\s+(?:de\s+\w+\s+)?[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+"
)


# ------------------------------------------------------------ candidates


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    turn: Turn
    exchange: int
    paragraph: int  # index of the paragraph in the turn
    first_in_paragraph: bool
    list_item: bool
    reading: bool


def _quotable_turns(doc: Transcript) -> list[tuple[Turn, int]]:
    exchange_of = {}
    for exchange in doc.exchanges:
        for turn in exchange.turns:
            exchange_of[turn.index] = exchange.index
    return [
        (t, exchange_of.get(t.index, 0))
        for t in doc.turns
        if t.speaker.quotable and not t.in_clip and not t.repeated
    ]


def candidate_sentences(doc: Transcript) -> list[_Sentence]:
    """Every sentence of a quotable turn, with the context the scorer needs."""
    result = []
    text = doc.text
    for turn, exchange in _quotable_turns(doc):
        reading_block = False
        for p_index, (ps, pe) in enumerate(paragraph_spans(text, turn.start, turn.end)):
            para = text[ps:pe]
            if reading_block and not para.startswith(("“", '"', "«")):
                reading_block = False
            list_item = bool(_LIST_ITEM_RE.match(para))
            reading = bool(_READING_RE.search(para[:1])) or reading_block
            for s_index, (ss, se) in enumerate(sentence_spans(text, ps, pe)):
                sentence = text[ss:se]
                quoted_share = sum(len(m) for m in re.findall(r"“[^”]*”|\"[^\"]*\"|«[^»]*»", sentence)) / max(1, len(sentence))
                result.append(_Sentence(
                    ss, se, turn, exchange, p_index, s_index == 0, list_item,
                    reading or quoted_share > 0.5,
                ))
            if re.search(r"(?:dice|decía|dicen|señala|escribió|escribe|publicó|cito|leo|lo siguiente|textual)\s*:\s*$", para, re.I):
                reading_block = True
    return result


def _score(text: str, doc_weights: Counter, press_weights: Counter) -> tuple[float, list[str]]:
    words = text.split()
    n = len(words)
    reasons = []
    score = 0.0
    # Length: journalists quote a sentence or two, 12–60 words.
    if n < 6:
        return -3.0, ["too short"]
    if n < 10:
        score -= 1.0
    elif n <= 60:
        score += 1.0
    else:
        score -= (n - 60) / 20
    if _GREETING_RE.match(text) and n < 8:
        score -= 2.5
        reasons.append("greeting")
    procedure = len(_PROCEDURE_RE.findall(text))
    if procedure:
        score -= 1.5 * procedure
        reasons.append("procedure")
    first_person = len(_FIRST_PERSON_RE.findall(text))
    if first_person:
        score += min(2.0, 0.8 * first_person)
        reasons.append("first person")
    if _COMMITMENT_RE.search(text):
        score += 1.0
        reasons.append("commitment")
    strong = len(_STRONG_RE.findall(text))
    if strong:
        score += min(2.0, 0.7 * strong)
        reasons.append("strong claim")
    figures = len(_FIGURE_RE.findall(text))
    if figures:
        score += 1.0 if figures <= 3 else 1.0 - 0.5 * (figures - 3)
        reasons.append("figures")
    places = len(set(_PLACES.findall(text)))
    people = len(_PEOPLE_TITLES.findall(text))
    named = places + people
    if named:
        score += min(2.5, 0.9 * named)
        reasons.append("named people or places")
    if text.rstrip().endswith("?"):
        score -= 1.0
    # Topic: how central the sentence's words are to the whole conference.
    content = content_words(text)
    if content:
        centrality = sum(math.log1p(doc_weights[w]) for w in set(content)) / (len(set(content)) ** 0.5)
        score += 0.6 * centrality
        # News: what the reporters asked about is what the stories are about.
        news = sum(math.log1p(press_weights[w]) for w in set(content)) / (len(set(content)) ** 0.5)
        if news > 1.5:
            reasons.append("asked about")
        score += NEWS_WEIGHT * news
    return score, reasons


NEWS_WEIGHT = 0.8


def _press_weights(doc: Transcript) -> Counter:
    """Content words of the reporters' questions, counted once per question."""
    weights = Counter()
    for turn in doc.turns:
        if turn.speaker.is_press:
            weights.update(set(content_words(turn.text)))
    return weights


def _doc_weights(sentences: list[_Sentence], doc: Transcript) -> Counter:
    weights = Counter()
    for s in sentences:
        weights.update(set(content_words(doc.text[s.start:s.end])))
    # Words said in nearly every answer are not topical.
    cutoff = max(3, len(sentences) // 8)
    return Counter({w: c for w, c in weights.items() if 2 <= c <= cutoff})


@dataclass(frozen=True)
class ScoringContext:
    """What a sentence's score depends on beyond its own words."""

    weights: Counter  # content words of the officials' sentences (topic centrality)
    press: Counter  # content words of the reporters' questions (news value)


def sentence_context(doc: Transcript) -> ScoringContext:
    sentences = [s for s in candidate_sentences(doc) if not s.list_item and not s.reading]
    return ScoringContext(_doc_weights(sentences, doc), _press_weights(doc))


def score_sentence(text: str, context: ScoringContext) -> tuple[float, list[str]]:
    """How quotable one span is, and why."""
    return _score(text, context.weights, context.press)


def ranked_quotes(doc: Transcript) -> list[Quote]:
    """Every candidate window of ``doc``, scored, best first (overlapping ones included)."""
    sentences = [s for s in candidate_sentences(doc) if not s.list_item and not s.reading]
    weights = _doc_weights(sentences, doc)
    candidates = _windows(doc, sentences, weights, _press_weights(doc))
    candidates = _weigh_exchanges(doc, candidates)
    candidates.sort(key=lambda q: (-q.score, q.start))
    return candidates


def extract_quotes(source: str | bytes | Transcript, k: int = 8, *, max_per_exchange: int = 3) -> list[Quote]:
    """The ``k`` most quotable spans of a transcript, best first.

    Quotes are spread across topics: each further quote from the same exchange,
    or one sharing words with a quote already chosen, pays a penalty, and no
    more than ``max_per_exchange`` come from one exchange. Fewer than ``k``
    come back when the transcript has fewer spans worth quoting.
    """
    if k <= 0:
        return []
    doc = source if isinstance(source, Transcript) else parse_transcript(source)
    return choose_quotes(ranked_quotes(doc), k, max_per_exchange=max_per_exchange)


def choose_quotes(ranked: list[Quote], k: int, *, max_per_exchange: int = 3) -> list[Quote]:
    """The best ``k`` of ``ranked`` (from `ranked_quotes`), spread across exchanges."""
    if k <= 0:
        return []
    exchanges = len({q.exchange for q in ranked if q.score >= MIN_SCORE})
    # Few exchanges (a conference of presentations) still yield k quotes.
    cap = max(max_per_exchange, -(-k // max(1, exchanges)))
    return _select(ranked, k, cap)


def _weigh_exchanges(doc: Transcript, candidates: list[Quote]) -> list[Quote]:
    """Favour the exchanges the conference spent most words on: the big topics."""
    sizes = {e.index: sum(len(t.text.split()) for t in e.turns) for e in doc.exchanges}
    if not sizes:
        return candidates
    median = sorted(sizes.values())[len(sizes) // 2] or 1
    weighted = []
    for q in candidates:
        bonus = max(-1.0, min(1.5, math.log(max(1, sizes.get(q.exchange, median)) / median)))
        weighted.append(replace(q, score=round(q.score + bonus, 3)))
    return weighted


MIN_SCORE = 1.0
"""Below this a span is filler (greetings, procedure, hand-overs): never a quote."""


def _select(candidates: list[Quote], k: int, max_per_exchange: int) -> list[Quote]:
    """Greedy choice, best first, penalising quotes that repeat an exchange or its words."""
    chosen: list[Quote] = []
    chosen_words: list[set[str]] = []
    per_exchange: Counter = Counter()
    pool = [q for q in candidates[: max(200, 20 * k)] if q.score >= MIN_SCORE]
    while len(chosen) < k and pool:
        best, best_value = None, -math.inf
        for quote in pool:
            if per_exchange[quote.exchange] >= max_per_exchange:
                continue
            if any(quote.start < c.end and c.start < quote.end for c in chosen):
                continue
            words = set(content_words(quote.original))
            overlap = max((len(words & w) / max(1, len(words | w)) for w in chosen_words), default=0.0)
            value = quote.score - 1.5 * per_exchange[quote.exchange] - 4.0 * overlap
            if value > best_value:
                best, best_value = quote, value
        if best is None:
            break
        chosen.append(best)
        chosen_words.append(set(content_words(best.original)))
        per_exchange[best.exchange] += 1
        pool.remove(best)
    return chosen


def _windows(doc: Transcript, sentences: list[_Sentence], weights: Counter, press: Counter) -> list[Quote]:
    """Windows of one to three consecutive sentences of one paragraph, each scored."""
    text = doc.text
    quotes = []
    single = {}
    for s in sentences:
        single[(s.start, s.end)] = _score(text[s.start:s.end], weights, press)
    by_paragraph: dict[tuple[int, int], list[_Sentence]] = {}
    for s in sentences:
        by_paragraph.setdefault((s.turn.index, s.paragraph), []).append(s)
    for group in by_paragraph.values():
        for i in range(len(group)):
            for width in (1, 2, 3):
                window = group[i:i + width]
                if len(window) < width:
                    break
                start, end = window[0].start, window[-1].end
                span = text[start:end]
                n = len(span.split())
                if n > 75:
                    break
                parts = [single[(w.start, w.end)] for w in window]
                if width == 1:
                    score, reasons = parts[0]
                else:
                    # A window scores as its sentences on average (a short one
                    # counts as neutral: "Sí, vamos a tener reuniones periódicas."
                    # is fine inside a window), a little better for context,
                    # blended with the score of the whole span.
                    mean = sum(max(p[0], 0.0) if "too short" in p[1] else p[0] for p in parts) / width
                    reasons = sorted({r for p in parts for r in p[1]} - {"too short", "greeting"})
                    whole, _ = _score(span, weights, press)
                    score = 0.5 * (mean + 0.3 * (width - 1)) + 0.5 * whole
                # The opening of a turn after a question carries the answer.
                if window[0].first_in_paragraph and window[0].paragraph == 0:
                    score += 0.3
                quotes.append(Quote(
                    span, start, end, window[0].turn.speaker, window[0].turn.index, round(score, 3), span,
                    window[0].exchange, tuple(reasons),
                ))
    return quotes
