"""What one brief covers, chosen once: its segments, the day's stories (ranked), its points
and lead, its quotes, the press questions with their answers, and the recurring sections
(kept out of the stories, points and quotes)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..document import Quote, Segment, Transcript
from .archive import ArchiveStats, default_stats
from .claims import FactItem, fact_checks, section_claims
from .questions import AskedQuestion, find_questions
from .ranker import MIN_QUOTE_WORDS, Ranking, choose_quotes, rank, to_quotes
from .sections import KIND_BY_KEY, FoundSection, find_sections
from .news import day_context, rank_stories
from .points import SelectionModels, selection_models, story_topics
from .segments import segments as find_segments
from .stories import Story, find_stories
from .topics import KeySentence, Topic, overlaps_any, sentences_by_segment


@dataclass(frozen=True)
class SectionFound:
    """A recurring section with what it claimed: its key sentences ``(span, turn)``, or a
    fact-check's items."""

    section: FoundSection
    claims: tuple[tuple[tuple[int, int], int], ...] = ()
    items: tuple[FactItem, ...] = ()


@dataclass(frozen=True)
class Selection:
    """What a brief covers.

    Attributes:
        doc: the transcript.
        topics: the brief's points: the top stories, best first.
        quotes: the brief's quotes, best first.
        ranking: every quote candidate outside the recurring sections scored, best first
            (points and answers pick theirs from it).
        segments: the transcript's subject segments.
        questions: the press questions, in the order asked, with their answers.
        sections: the recurring sections, in order.
        stories: the day's stories, best first (`stories.Story`).
        lead: the lead's sentence: the top story's line (None when no story has one).
    """

    doc: Transcript
    topics: tuple[Topic, ...]
    quotes: tuple[Quote, ...]
    ranking: Ranking
    segments: tuple[Segment, ...] = ()
    questions: tuple[AskedQuestion, ...] = ()
    sections: tuple[SectionFound, ...] = ()
    stories: tuple[Story, ...] = ()
    lead: KeySentence | None = None


def select(doc: Transcript, *, max_points: int = 6, key_sentences: int = 4, quotes: int = 5,
           stats: ArchiveStats | None = None, models: SelectionModels | None = None) -> Selection:
    """The day's stories, ranked; the brief's points (the top ``max_points`` stories, each
    with ``key_sentences``) and its lead; ``quotes`` quotes of ``doc``; its questions and its
    recurring sections. ``stats``: archive statistics (default: the table shipped with the
    package); ``models``: the learned ranker and news models (default: the package's)."""
    stats = stats or default_stats()
    models = models or selection_models()
    everything = rank(doc, ranker=models.ranker, stats=stats)
    sections = [_section(doc, found, everything) for found in find_sections(doc)]
    ranking = _outside(everything, [s.section for s in sections])
    segments = find_segments(doc, idf=stats.word_idf)
    by_segment = sentences_by_segment(doc, ranking, segments)
    questions = find_questions(doc, segments, by_segment, ranking)
    context = day_context(doc, segments, by_segment, stats)
    stories = rank_stories(context, find_stories(doc, segments, questions, stats.word_idf), models.news)
    topics, lead = story_topics(context, stories[:max_points], models.news, key_sentences)
    # The lead says its sentence: a quote that repeats it says nothing new.
    quotable = [s for s in ranking.ranked if lead is None or not overlaps_any(*s.span, [(lead.start, lead.end)])]
    chosen = choose_quotes(quotable, quotes, turn_penalty=ranking.ranker.turn_penalty, min_words=MIN_QUOTE_WORDS)
    return Selection(doc, tuple(topics), tuple(to_quotes(doc, [ranking.explain(s) for s in chosen])), ranking,
                     tuple(segments), tuple(questions), tuple(sections), tuple(stories), lead)


def _section(doc: Transcript, found: FoundSection, ranking: Ranking) -> SectionFound:
    if not found.transcribed:
        return SectionFound(found)
    if KIND_BY_KEY[found.kind].fact_check:
        return SectionFound(found, items=tuple(fact_checks(doc, found)))
    scores = {s.span: s.score for s in ranking.ranked if s.candidate.width == 1}
    return SectionFound(found, claims=tuple(section_claims(doc, found, scores)))


def _outside(ranking: Ranking, sections: list[FoundSection]) -> Ranking:
    """The ranking without the candidates inside a recurring section: those are the section's,
    not the brief's main points."""
    if not sections:
        return ranking
    kept = [s for s in ranking.ranked if not any(f.holds(s.candidate.start, s.candidate.end) for f in sections)]
    return replace(ranking, ranked=kept)
