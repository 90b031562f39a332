"""What a recurring section claimed: its key sentences, or a fact-check's items.

* `section_claims` — the few sentences that carry a section's news (prices, homicide
  figures, the works' progress): its presenters' and its videos' sentences, scored by the
  quote ranker where it scored them, with a bonus for figures;
* `fact_checks` — the items of "Quién es quién en las mentiras de la semana" or of the
  "Detector de mentiras": each item's claim (its first sentence), the outlets and people it
  names, and the sentence that gives the verdict (false, misleading, true), all verbatim
  spans of the transcript.

Pure functions over a `Transcript`; spans are ``(start, end)`` offsets into its text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..document import Kind, Transcript, Turn
from ..parse.names import GIVEN_NAMES, key_of
from ..parse.sentences import paragraph_spans, sentence_spans
from .candidates import trim
from .features import WORDING_RE
from .sections import FoundSection

Span = tuple[int, int]

CLAIMS = 3
"""Sentences a section's claims hold at most."""
FIGURE_WEIGHT = 1.0
"""What each figure of a sentence (up to three) adds to its score: a section's news is in its figures."""
_FIGURES = re.compile(WORDING_RE["figures"])
_PROCEDURE = re.compile(
    r"^(?:(?:muy\s+)?buen(?:os|as|o)\s+(?:días|tardes)|con\s+su\s+permiso|(?:muchas\s+)?gracias|siguiente|"
    r"es\s+cuanto|es\s+todo|adelante|este\s+es\s+el|hoy\s+presentamos)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FactItem:
    """One item of a fact-check section.

    Attributes:
        claim: its first sentence: what the item is about.
        turn: the turn that holds it (its speaker presented it).
        names: the outlets and people it names (first mention of each).
        verdict: the sentence that gives the verdict, None when none does.
        rating: "false", "misleading" or "true" (from the verdict's wording), None when unsaid.
    """

    claim: Span
    turn: int
    names: tuple[Span, ...] = ()
    verdict: Span | None = None
    rating: str | None = None


def _speech_turns(doc: Transcript, section: FoundSection, voices: bool = True) -> list[Turn]:
    """The section's turns that carry its content: presenters' (and videos'), not the chair's or the press's."""
    turns = [doc.turns[i] for i in section.turns]
    return [t for t in turns if not t.speaker.is_press and t.speaker.kind not in (Kind.PRESIDENT, Kind.MODERATOR)
            and (voices or not (t.in_clip or t.speaker.kind in (Kind.VOICE, Kind.STAGE)))]


def section_claims(doc: Transcript, section: FoundSection, scores: Mapping[Span, float] | None = None,
                   limit: int = CLAIMS) -> list[tuple[Span, int]]:
    """``((start, end), turn)`` of the ``limit`` sentences that carry the section's news, in order.

    ``scores``: the ranker's score of each sentence it scored (trimmed spans); sentences of
    videos, which it does not score, count as the median of the section's scored ones.
    Greetings, hand-overs and sentences shorter than 8 or longer than 60 words are never
    claims."""
    scores = scores or {}
    sentences = []
    for turn in _speech_turns(doc, section):
        for start, end in sentence_spans(doc.text, turn.start, turn.end):
            start, end = trim(doc.text, start, end)
            sentence = doc.text[start:end]
            if 8 <= len(sentence.split()) <= 60 and not _PROCEDURE.match(sentence.lstrip("—-–¿¡ ")):
                sentences.append(((start, end), turn.index, min(3, len(_FIGURES.findall(sentence.lower())))))
    scored = sorted(scores[span] for span, _, _ in sentences if span in scores)
    neutral = scored[len(scored) // 2] if scored else 0.0
    ranked = sorted(((span, turn, scores.get(span, neutral) + FIGURE_WEIGHT * figures)
                     for span, turn, figures in sentences), key=lambda f: (-f[2], f[0][0]))
    # Each presenter's best first (a report by several says what each of them said), then the rest.
    voices: set[str] = set()
    first = []
    for claim in ranked:
        speaker = doc.turns[claim[1]].speaker.display
        if speaker not in voices:
            voices.add(speaker)
            first.append(claim)
    best = (first + [c for c in ranked if c not in first])[:limit]
    return [(span, turn) for span, turn, _ in sorted(best, key=lambda f: f[0][0])]


# ---------------------------------------------------------------- fact-checks

# A new item: "Siguiente, por favor.", "La siguiente…", "Primera mentira…", "Mentira número 2".
_NEXT_ITEM = re.compile(
    r"^(?:siguiente|(?:vamos\s+(?:con|a)\s+)?la\s+siguiente|(?:primer[ao]?|segund[ao]|tercer[ao]?|cuart[ao]|quint[ao]|"
    r"sext[ao]|últim[ao])\s+(?:mentira|nota|noticia|caso|tema)|(?:mentira|caso|nota)\s+(?:número\s+)?\d+)\b",
    re.IGNORECASE,
)
_CLOSING = re.compile(r"^(?:es\s+cuanto|es\s+todo|eso\s+es\s+todo|(?:muchas\s+)?gracias)\b", re.IGNORECASE)
_SECTION_NAME = re.compile(r"mentiras de la semana|detector de mentiras|^(?:muy\s+)?buen(?:os|as|o)?\s+d[ií]as?|"
                           r"^con\s+su\s+permiso", re.IGNORECASE)
# The verdict: explicit words first, then what only implies one.
_VERDICTS = (
    (re.compile(r"\b(?:fals[oa]s?|no es (?:cierto|verdad)|es mentira)\b", re.I), "false"),
    (re.compile(r"\b(?:engaños[oa]s?|sin sustento|sacad[oa]s? de contexto|descontextualizad[oa]s?|"
                r"impreciso|imprecisa)\b", re.I), "misleading"),
    (re.compile(r"\b(?:es|resulta|resultó) (?:verdad|cierto|verdader[oa])\b", re.I), "true"),
)
_IMPLIED = (
    (re.compile(r"\b(?:mentiras?|inventa\w*|fake)\b", re.I), "false"),
    (re.compile(r"\b(?:manipulad[oa]s?|desinformaci[oó]n)\b", re.I), "misleading"),
)
_OUTLETS = (r"Reforma|El Universal|Milenio|Proceso|El Financiero|El Economista|Excélsior|La Jornada|Latinus|"
            r"Aristegui Noticias|Animal Político|Eje Central|SinEmbargo|Sin Embargo|El País|Infobae|Forbes|Expansión|"
            r"El Heraldo de México|Radio Fórmula|W Radio|Televisa|TV Azteca|Imagen Televisión|N\+|Nmás|El Norte|"
            r"El Sol de México|La Razón|Contralínea|Reuters|Bloomberg|The New York Times|The Washington Post|"
            r"The Wall Street Journal|Los Angeles Times|The Economist|Financial Times|El Mundo|ABC|CNN|BBC|"
            r"Univision|Univisión|Telemundo|Quinto Elemento Lab|Mexicanos contra la Corrupción(?: y la Impunidad)?")
_MEDIA = re.compile(rf"\b(?:{_OUTLETS})\b|@\w{{3,}}|\b(?:el\s+periódico|el\s+diario|la\s+revista|el\s+portal|"
                    r"el\s+noticiero|el\s+programa|la\s+columna\s+de|el\s+columnista|la\s+columnista|el\s+periodista|"
                    r"la\s+periodista|el\s+medio)\s+((?:[A-ZÁÉÍÓÚÑ0-9][\w.+-]*\s*){1,4})")
_PERSON = re.compile(r"(?<![‘“'\"«\w])([A-ZÁÉÍÓÚÑ][a-záéíóúñü]+(?:\s+(?:[A-Z]\.|de\s+la|del|de|[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)){1,3})")
_PRESIDENTS = re.compile(r"L[óo]pez Obrador|Sheinbaum|Andr[ée]s Manuel")


def fact_checks(doc: Transcript, section: FoundSection) -> list[FactItem]:
    """The items of a fact-check section, in order (its presenters' turns; videos hold none)."""
    items: list[list[tuple[int, int, int]]] = []  # per item: (start, end, turn) of its paragraphs
    for turn in _speech_turns(doc, section, voices=False):
        for start, end in paragraph_spans(doc.text, turn.start, turn.end):
            paragraph = doc.text[start:end]
            if _CLOSING.match(paragraph):
                continue
            if _NEXT_ITEM.match(paragraph) or not items:
                if not items and _SECTION_NAME.search(paragraph) and not _NEXT_ITEM.match(paragraph):
                    continue  # the greeting, "Este es el 'Quién es quién en las mentiras de la semana'…"
                items.append([])
            items[-1].append((start, end, turn.index))
    return [item for item in (_item(doc, paragraphs) for paragraphs in items if paragraphs) if item is not None]


def _item(doc: Transcript, paragraphs: list[tuple[int, int, int]]) -> FactItem | None:
    sentences = [(s, e, turn) for start, end, turn in paragraphs for s, e in sentence_spans(doc.text, start, end)]
    sentences = [(s, e, t) for s, e, t in sentences if not _NEXT_ITEM.match(doc.text[s:e])
                 and not re.fullmatch(r"(?:siguiente|la siguiente)[^.]*\.?", doc.text[s:e].strip(), re.I)]
    if not sentences:
        return None
    claim = trim(doc.text, *sentences[0][:2])
    verdict, rating = _verdict(doc.text, [(s, e) for s, e, _ in sentences])
    names = _names(doc.text, paragraphs[0][0], paragraphs[-1][1])
    return FactItem(claim, sentences[0][2], names, verdict, rating)


def _verdict(text: str, sentences: list[Span]) -> tuple[Span | None, str | None]:
    for patterns in (_VERDICTS, _IMPLIED):
        for start, end in sentences:
            for pattern, rating in patterns:
                if pattern.search(text, start, end):
                    return trim(text, start, end), rating
    return None, None


def _names(text: str, start: int, end: int) -> tuple[Span, ...]:
    """The outlets and people an item names, each at its first mention, in order."""
    found: dict[str, Span] = {}
    for match in _MEDIA.finditer(text, start, end):
        group = match.lastindex or 0
        span = (match.start(group), match.end(group)) if group else match.span()
        span = (span[0], span[0] + len(text[span[0]:span[1]].rstrip(" .,;:")))
        found.setdefault(key_of(text[span[0]:span[1]]), span)
    for match in _PERSON.finditer(text, start, end):
        name = match.group(1)
        first = key_of(name).split()[0]
        if first in GIVEN_NAMES and not _PRESIDENTS.search(name) and name.split()[-1][:1].isupper():
            found.setdefault(key_of(name), match.span(1))
    return tuple(sorted(found.values()))


__all__ = ["FactItem", "section_claims", "fact_checks", "CLAIMS"]
