"""The brief's parts as lines and table rows in its language, shared by every renderer
(Markdown, the Word document, the web app): who asked and who answered, a recurring
section's heading and items, the participants with their shares, a quote's speaker with
how sure the attribution is."""

from __future__ import annotations

from ..document import Kind
from .parts import Question, RecurringSection, SpeakerShare
from .wording import (
    GROUP_NAMES,
    KIND_NAMES,
    RATINGS,
    SECTION_NAMES,
    attribution,
    mark,
    speaker_label,
    speaker_name,
    words,
)


def quote_speaker(quote, lang: str) -> str:
    """"López Obrador (President of Mexico)", and how the attribution is less sure when it is."""
    return speaker_label(quote.speaker, lang) + mark(quote.attribution, lang)


def said(quote, lang: str) -> str:
    """“…,” López Obrador said. — with the mark of a less sure attribution."""
    return attribution(quote.text, quote.speaker, lang) + mark(quote.attribution, lang)


def line_text(line, lang: str) -> str:
    """A line of the brief (the lead, a point's, an answer's), with the mark of a less sure attribution."""
    return line.text.strip() + mark(line.attribution, lang) if line.text.strip() else ""


def lead_text(summary, lang: str) -> str:
    """The lead paragraph, marked as `line_text` when its sentences' attribution is less sure."""
    return line_text(summary.lead_line, lang) if summary.lead_line is not None else summary.lead.strip()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def asked_line(question: Question, lang: str) -> str:
    """"Nancy Rodríguez (Oro Sólido) asked: “¿…?”" in the brief's language."""
    text = " ".join(excerpt.text.strip() for excerpt in question.asked)
    if lang == "es":
        return f"{_capital(question.asker)} preguntó: “{text}”"
    return f"{_capital(question.asker)} asked: “{text}”"


def answer_line(question: Question, lang: str) -> str:
    """"López Obrador answered: <line> “<quote>,” López Obrador said." (or that no one quotable did)."""
    w = words(lang)
    if question.answerer is None or question.answer is None:
        return w["no_answer"]
    line = line_text(question.answer, lang)
    quote = f" {said(question.quote, lang)}" if question.quote is not None else ""
    name = speaker_name(question.answerer, lang)
    if lang == "es":
        return f"Respondió {name}: {line}{quote}"
    return f"{name} answered: {line}{quote}"


def section_heading(section: RecurringSection, lang: str) -> str:
    """"Who's who in prices — presented by Ricardo Sheffield"."""
    name = SECTION_NAMES.get(lang, SECTION_NAMES["en"]).get(section.kind, section.name)
    if not section.presenters:
        return name
    people = ", ".join(speaker_name(p, lang) for p in section.presenters)
    return f"{name} — {words(lang)['presented_by']} {people}"


def section_lines(section: RecurringSection, lang: str) -> list[str]:
    """What the section claimed, one line each: its key sentences with their speakers, or a
    fact-check's items (claim; the outlets and people named; the verdict)."""
    w = words(lang)
    if not section.transcribed:
        return [f"{w['untranscribed']}: {section.original}" if section.original else w["untranscribed"]]
    lines = []
    for claim in section.claims:
        who = f" — {claim_speaker(claim.speaker, lang)}{mark(claim.attribution, lang)}" if claim.speaker else ""
        lines.append(f"“{claim.text.strip()}”{who}")
    ratings = RATINGS.get(lang, RATINGS["en"])
    for item in section.items:
        line = item.claim.text.strip()
        if item.names:
            line += f" — {w['names']}: " + ", ".join(n.text for n in item.names)
        if item.verdict is not None:
            rating = f" ({ratings[item.rating]})" if item.rating in ratings else ""
            line += f" — {w['verdict']}{rating}: “{item.verdict.text.strip()}”"
        lines.append(line)
    return lines


def claim_speaker(speaker, lang: str) -> str:
    """Who made a section's claim: a person's name; a video's voice or narration said as
    such, in the brief's language."""
    if speaker.kind in (Kind.VOICE, Kind.STAGE, Kind.ARCHIVE):
        return words(lang)["recording"]
    return speaker_name(speaker, lang)


def share_name(share: SpeakerShare, lang: str) -> str:
    """The participants table's first cell: the person, or the group in the brief's language."""
    if share.speaker is not None and share.group == "person":
        return speaker_name(share.speaker, lang)
    return GROUP_NAMES.get(lang, GROUP_NAMES["en"]).get(share.group, share.group)


def percent(value: float) -> str:
    return f"{value:.1f} %"


def share_rows(shares: tuple[SpeakerShare, ...], lang: str, detail: bool = False) -> list[list[str]]:
    """The participants table: a header, then one row per person or group, largest share first:
    who, role (or outlet), turns, words, share, questions asked, questions answered; with
    ``detail``, also the full name (after who) and the kind of speaker (after the role)."""
    w = words(lang)
    kinds = KIND_NAMES.get(lang, KIND_NAMES["en"])
    head = [w["speaker"], w["role"]] if not detail else [w["speaker"], w["full_name"], w["role"], w["kind"]]
    rows = [head + [w["turns"], w["words"], w["share"], w["questions_asked"], w["questions_answered"]]]
    for share in shares:
        person = share.speaker if share.group == "person" else None
        kind = ("press" if person.is_press else str(person.kind)) if person is not None else ""
        role = (share.outlet or person.role_in(lang) or "") if person is not None else ""
        if role.lower() == share_name(share, lang).lower():  # "Moderador(a) — moderador(a)" says it twice
            role = ""
        first = [share_name(share, lang), role] if not detail else \
            [share_name(share, lang), (person.name or "") if person is not None else "", role, kinds.get(kind, "")]
        rows.append(first + [f"{share.turns:,}", f"{share.words:,}", percent(share.share),
                             str(share.questions) if share.questions else "", str(share.answered) if share.answered else ""])
    return rows


__all__ = ["quote_speaker", "said", "line_text", "lead_text", "asked_line", "answer_line", "section_heading",
           "section_lines", "claim_speaker", "share_name", "percent", "share_rows"]
