"""Stories: the day's subjects, each gathering everything said about it.

A subject comes back: the president opens with it, three reporters ask about it in
different exchanges, an official adds a figure an hour later. A story gathers those
segments (`segments`) across the conference: segments are taken in order, and each joins
the story whose words it shares most (cosine of archive-IDF-weighted stems, the reporter's
question counted with its answer) when they share enough, else opens a new one.

Each story carries a short label made of its own terms (`story_label`: the names and
words it says most that the rest of the day says little, new ones weighing more), the
segments, turns and exchanges it spans, who asked about it and how many questions it
drew, and its share of what quotable speakers said. Which stories make the news is
`news`' business. Pure functions over a `Transcript`; no model.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..document import Segment, Speaker, Transcript
from ..parse.names import key_of, strip_accents
from .words import STOPWORDS, content_words

JOIN_SIMILARITY = 0.05
"""A segment joins a story whose segments it resembles at least this much on average (cosine)."""
STEM = 5
"""Words are compared by their first letters: "migración" ~ "migrantes" (segments compare
six, stories five: a story gathers more loosely what its segments say)."""
QUESTION_WEIGHT = 2.0
"""A reporter's words count this many times: a question names its subject in few words."""
NAME_BONUS = 1.5
"""What being a name ("Tren Maya", "Megafarmacia") adds to a term's IDF as a key term: a
subject is called by its name even where the archive says it often."""
LABEL_TERMS = 2
"""A label names at most this many terms: "España: pausa"."""

# A name: capitalised words, joined by particles ("Tren Maya", "Secretaría de Salud", "García Luna").
_NAME = re.compile(r"[A-ZÁÉÍÓÚÑ][\wáéíóúñü]*(?:-[\wáéíóúñü]+)*"
                   r"(?:\s+(?:(?:de|del|la|las|los)\s+)?[A-ZÁÉÍÓÚÑ][\wáéíóúñü]*(?:-[\wáéíóúñü]+)*)*")
# A word that is most likely a conjugated verb ("expresé", "pidió", "engañaron", "metamos"):
# never a story's term by itself.
_VERB = re.compile(r"(?:[éó]|aron|ieron|aba|aban|ía|ían|íamos|ábamos|amos|emos|imos|aste|iste|ando|iendo|"
                   r"aría|ería|iría|arán|erán|irán|ará|erá|irá|ense|émonos|ese|ase|ara|iera|aran|ieran|"
                   r"\w{4,}(?:ar|er|ir)(?:l[aeo]s?|nos|se|me|te)?|mente)$")  # infinitives, adverbs
_SENTENCE_START = re.compile(r"(?:^|[.!?¿¡…:;\"“«(—–-]\s*|\n\s*)$")
# Capitalised words that name no subject: titles, greetings, the country itself.
_NOT_SUBJECTS = frozenset(key_of(w) for w in """
presidente presidenta gobierno estado méxico mexico república secretario secretaria señor señora don doña
licenciado licenciada ingeniero doctor doctora general buenos buenas gracias pregunta interlocutor
interlocutora sí no bueno entonces pues ahora ya también así aquí hoy ayer mañana lunes martes miércoles
jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre
diciembre dios adelante oye mira miren
""".split())


@dataclass(frozen=True)
class Story:
    """One subject of the day, across the conference.

    Attributes:
        index: its place among the day's stories (0: the one the news leads with).
        label: a short name made of its own terms, as the transcript writes them.
        terms: its key terms, best first (the label's among them).
        segments: indices of its segments (`Transcript` order); turns, exchanges likewise.
        questions: press questions asked about it; askers: the reporters who asked and
            introduced themselves (None where they did not), in order.
        words: words quotable speakers said in it; share: their share of the day's (0–1).
        score: how much it makes the news (`news.rank_stories`); 0 until ranked.
    """

    index: int
    label: str
    terms: tuple[str, ...]
    segments: tuple[int, ...]
    turns: tuple[int, ...]
    exchanges: tuple[int, ...]
    questions: int = 0
    askers: tuple[Speaker | None, ...] = ()
    words: int = 0
    share: float = 0.0
    score: float = 0.0

    def holds(self, segment: int) -> bool:
        return segment in self.segments


Idf = Callable[[str], float]


def bag(doc: Transcript, segment: Segment, asked: Sequence[str] = ()) -> Counter:
    """The stems a segment says, the questions ``asked`` in it counted `QUESTION_WEIGHT` times."""
    words: Counter = Counter()
    for start, end in segment.sentences:
        words.update(w[:STEM] for w in content_words(doc.text[start:end]))
    for question in asked:
        for word in content_words(question):
            words[word[:STEM]] += QUESTION_WEIGHT
    return words


def _vector(words: Counter, idf: Callable[[str], float]) -> dict[str, float]:
    vector = {stem: (1 + math.log(count)) * idf(stem) for stem, count in words.items() if count >= 1}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {stem: v / norm for stem, v in vector.items()}


def group_segments(doc: Transcript, segments: Sequence[Segment], idf: Idf,
                   asked: dict[int, list[str]] | None = None) -> list[list[int]]:
    """Segment indices grouped into stories, in order of first appearance: each segment joins
    the story whose segments it resembles most on average (at least `JOIN_SIMILARITY`: a
    story's words do not drift), else opens one. ``asked``:
    segment index → the questions asked in it (their words say what it is about)."""
    stem_idf = _stem_idf(doc, segments, idf)
    groups: list[list[int]] = []
    sums: list[dict[str, float]] = []  # each story's segment vectors added up
    holding: dict[str, list[int]] = {}  # stem → the stories whose segments say it
    for segment in segments:
        vector = _vector(bag(doc, segment, (asked or {}).get(segment.index, ())), stem_idf)
        # The mean cosine with a story's (unit) segment vectors is the dot product with their
        # sum over their number: only the stories that share a stem need it.
        dots: dict[int, float] = {}
        for stem, weight in vector.items():
            for g in holding.get(stem, ()):
                dots[g] = dots.get(g, 0.0) + weight * sums[g][stem]
        best, best_similarity = None, JOIN_SIMILARITY
        for g in sorted(dots):
            similarity = dots[g] / len(groups[g])
            if similarity >= best_similarity:
                best, best_similarity = g, similarity
        if best is None:
            best = len(groups)
            groups.append([])
            sums.append({})
        groups[best].append(segment.index)
        for stem, weight in vector.items():
            if stem not in sums[best]:
                holding.setdefault(stem, []).append(best)
            sums[best][stem] = sums[best].get(stem, 0.0) + weight
    return groups


def _stem_idf(doc: Transcript, segments: Sequence[Segment], idf: Idf) -> Idf:
    """IDF of a stem: that of its most frequent word in ``doc`` (stems are what stories compare)."""
    forms: dict[str, Counter] = {}
    for segment in segments:
        for start, end in segment.sentences:
            for word in content_words(doc.text[start:end]):
                forms.setdefault(word[:STEM], Counter())[word] += 1
    table = {stem: idf(counts.most_common(1)[0][0]) for stem, counts in forms.items()}
    return lambda stem: table.get(stem, idf(stem))


# ---------------------------------------------------------------- labels


def names(text: str) -> list[str]:
    """The names ``text`` says mid-sentence ("Tren Maya", "García Luna"), as written; a
    capitalised word that only opens sentences is no name."""
    return terms(text)[0]


def terms(text: str) -> tuple[list[str], list[str]]:
    """``(names, words)``: the names ``text`` says mid-sentence, and its other content words
    (lower case): a name's words are not counted again as words."""
    found, rest, at = [], [], 0
    for match in _NAME.finditer(text):
        words = match.group().split()
        if match.start() == 0 or _SENTENCE_START.search(text[max(0, match.start() - 3):match.start()]):
            words = words[1:]  # capitalised because it opens a sentence ("El Tren Maya": "Tren Maya")
        words = [w for w in words if key_of(w) not in _NOT_SUBJECTS or w.islower()]
        while words and (words[0].islower() or key_of(words[0]) in _NOT_SUBJECTS):
            words = words[1:]
        while words and words[-1].islower():
            words = words[:-1]
        if words:
            found.append(" ".join(words))
            rest.append(text[at:match.start()])
            at = match.end()
    rest.append(text[at:])
    return found, content_words(" ".join(rest))


def fold(term: str) -> str:
    """A term as terms are compared: lower case, no accents."""
    return strip_accents(term.lower())


def story_terms(texts: Sequence[str], day: Counter, idf: Idf, size: int = 6, asked: Sequence[str] = ()) -> list[str]:
    """The key terms of a story: names and words it says most (count × IDF) that the rest of
    the day (``day``: folded term → count over the conference) says little. ``texts``: what
    its speakers said; ``asked``: its questions, whose words count `QUESTION_WEIGHT` times
    (a reporter names the subject). A term said once is no key term."""
    counts: Counter = Counter()
    surface: dict[str, Counter] = {}
    for weight, group in ((1.0, texts), (QUESTION_WEIGHT, asked)):
        for text in group:
            named, words = terms(text)
            for term in named + words:
                key = fold(term)
                counts[key] += weight
                surface.setdefault(key, Counter())[term] += 1
    scored = []
    for key, count in counts.items():
        words = key.split()
        form = surface[key].most_common(1)[0][0]
        is_name = any(f[:1].isupper() for f in surface[key])
        if all(w in STOPWORDS for w in words) or count < 2 or (not is_name and _VERB.search(form.lower())):
            continue  # a term said once, or a verb, names no subject
        spoken = form.lower().split()  # the archive counts words with their accents
        if is_name:  # what the subject is called: its rarest word, and more for being a name
            weight = (max(idf(w) for w in spoken) + NAME_BONUS) * (1.3 if len(spoken) > 1 else 1.0)
        else:
            weight = idf(spoken[0])
        own = count / max(count, day.get(key, count))  # this story's share of the day's mentions
        scored.append((-(math.log1p(count) * weight * own), key))
    chosen: list[str] = []
    for _, key in sorted(scored):
        if any(key in fold(c) or fold(c) in key for c in chosen):
            continue  # "maya" after "tren maya"
        chosen.append(surface[key].most_common(1)[0][0])
        if len(chosen) == size:
            break
    return chosen


def day_counts(texts: Sequence[str]) -> Counter:
    """Folded term → mentions over the whole conference (the names and words `story_terms` weighs)."""
    counts: Counter = Counter()
    for text in texts:
        named, words = terms(text)
        counts.update(fold(t) for t in named + words)
    return counts


def story_label(terms: Sequence[str]) -> str:
    """"España: pausa", "Tren Maya", "Reforma electoral": the first term (a name if there is
    one among the first two) and the next that says something else."""
    if not terms:
        return ""
    first = next((t for t in terms[:2] if t[:1].isupper()), terms[0])
    rest = [t for t in terms if t != first][: LABEL_TERMS - 1]
    head = first[:1].upper() + first[1:]
    return f"{head}: {rest[0]}" if rest else head


def find_stories(doc: Transcript, segments: Sequence[Segment], questions: Sequence, idf: Idf) -> list[Story]:
    """The day's stories, in order of first appearance (not yet ranked: ``score`` 0).

    ``questions``: the press questions (`questions.AskedQuestion`), each answered in a
    segment: their words help group and label the stories, and they are counted."""
    asked: dict[int, list[str]] = {}
    by_segment: dict[int, list] = {}
    for q in questions:
        if q.segment is not None:
            asked.setdefault(q.segment.index, []).extend(doc.text[s:e] for s, e in q.sentences)
            by_segment.setdefault(q.segment.index, []).append(q)
    said = {seg.index: [doc.text[s:e] for s, e in seg.sentences] for seg in segments}
    day = day_counts([t for texts in said.values() for t in texts] + [t for texts in asked.values() for t in texts])
    total = sum(len(t.split()) for texts in said.values() for t in texts) or 1
    stories = []
    for group in group_segments(doc, segments, idf, asked):
        texts = [t for i in group for t in said[i]]
        key_terms = story_terms(texts, day, idf, asked=[t for i in group for t in asked.get(i, [])])
        found = [q for i in group for q in by_segment.get(i, [])]
        words = sum(len(t.split()) for t in texts)
        stories.append(Story(
            index=len(stories), label=story_label(key_terms), terms=tuple(key_terms), segments=tuple(group),
            turns=tuple(sorted({t for i in group for t in segments[i].turns})),
            exchanges=tuple(sorted({segments[i].exchange for i in group})), questions=len(found),
            askers=tuple(q.questioner for q in found), words=words, share=round(words / total, 4)))
    return stories


__all__ = ["Story", "find_stories", "fold", "terms", "group_segments", "names", "story_terms", "story_label", "day_counts", "bag",
           "JOIN_SIMILARITY"]
