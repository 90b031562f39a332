"""What one brief covers, chosen once: its segments, topics and quotes, the press questions
with their answers, and the recurring sections (kept out of the topics and quotes)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..document import Quote, Segment, Transcript
from .archive import ArchiveStats, default_stats
from .claims import FactItem, fact_checks, section_claims
from .questions import AskedQuestion, find_questions
from .ranker import MIN_QUOTE_WORDS, Ranking, choose_quotes, rank, to_quotes
from .sections import KIND_BY_KEY, FoundSection, find_sections
from .segments import segments as find_segments
from .topics import Topic, select_topics, sentences_by_segment


@dataclass(frozen=True)
class SectionFound:
    """A recurring section with what it claimed: its key sentences ``(span, turn)``, or a
    fact-check's items."""

    section: FoundSection
    claims: tuple[tuple[tuple[int, int], int], ...] = ()
    items: tuple[FactItem, ...] = ()


@dataclass(frozen=True)
class Selection:
    """The topics a brief covers and its quotes.

    Attributes:
        doc: the transcript.
        topics: the salient topics (segments), in the order of the conference.
        quotes: the brief's quotes, best first.
        ranking: every quote candidate outside the recurring sections scored, best first
            (points and answers pick theirs from it).
        segments: the transcript's subject segments.
        questions: the press questions, in the order asked, with their answers.
        sections: the recurring sections, in order.
    """

    doc: Transcript
    topics: tuple[Topic, ...]
    quotes: tuple[Quote, ...]
    ranking: Ranking
    segments: tuple[Segment, ...] = ()
    questions: tuple[AskedQuestion, ...] = ()
    sections: tuple[SectionFound, ...] = ()


def select(doc: Transcript, *, max_points: int = 6, key_sentences: int = 4, quotes: int = 5,
           stats: ArchiveStats | None = None) -> Selection:
    """The topics (at most ``max_points``, each with ``key_sentences``) and ``quotes`` quotes
    of ``doc``, its questions and its recurring sections; ``stats``: archive statistics
    (default: the table shipped with the package)."""
    stats = stats or default_stats()
    everything = rank(doc, stats=stats)
    sections = [_section(doc, found, everything) for found in find_sections(doc)]
    ranking = _outside(everything, [s.section for s in sections])
    segments = find_segments(doc, idf=stats.word_idf)
    by_segment = sentences_by_segment(doc, ranking, segments)
    topics = select_topics(doc, ranking, segments, max_points, key_sentences, idf=stats.word_idf, by_segment=by_segment)
    chosen = choose_quotes(ranking.ranked, quotes, turn_penalty=ranking.ranker.turn_penalty, min_words=MIN_QUOTE_WORDS)
    questions = find_questions(doc, segments, by_segment, ranking)
    return Selection(doc, tuple(topics), tuple(to_quotes(doc, [ranking.explain(s) for s in chosen])), ranking,
                     tuple(segments), tuple(questions), tuple(sections))


def _section(doc: Transcript, found: FoundSection, ranking: Ranking) -> SectionFound:
    if not found.transcribed:
        return SectionFound(found)
    if KIND_BY_KEY[found.kind].fact_check:
        return SectionFound(found, items=tuple(fact_checks(doc, found)))
    scores = {s.span: s.score for s in ranking.ranked if not s.candidate.clause and s.candidate.width == 1}
    return SectionFound(found, claims=tuple(section_claims(doc, found, scores)))


def _outside(ranking: Ranking, sections: list[FoundSection]) -> Ranking:
    """The ranking without the candidates inside a recurring section: those are the section's,
    not the brief's main points."""
    if not sections:
        return ranking
    kept = [s for s in ranking.ranked if not any(f.holds(s.candidate.start, s.candidate.end) for f in sections)]
    return replace(ranking, ranked=kept)
