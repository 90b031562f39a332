"""The brief's parts as lines and table rows in its language, shared by every renderer
(Markdown, the Word document, the web app): the day's stories, who asked about what and
who answered how, a recurring section's heading and items, the participants with their
shares, a quote's speaker with how sure the attribution is."""

from __future__ import annotations

from ..document import Kind
from .parts import Question, RecurringSection, SpeakerShare, Story
from .wording import (
    GROUP_NAMES,
    KIND_NAMES,
    SECTION_NAMES,
    attribution,
    mark,
    speaker_label,
    speaker_name,
    words,
)


MORE_STORIES = 8
"""Stories beyond the points that the stories section names, at most."""


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
    """"Nancy Rodríguez (Oro Sólido) asked about Megafarmacia — “¿…?”" in the brief's language
    ("… asked: “¿…?”" when the question lies in no story)."""
    text = " ".join(excerpt.text.strip() for excerpt in question.asked)
    w = words(lang)
    if question.subject:  # a label may hold a colon itself ("España: pausa"): a dash sets it apart
        return f"{_capital(question.asker)} {w['asked_about']} {question.subject} — “{text}”"
    return f"{_capital(question.asker)} {w['asked']}: “{text}”"


def answerer_name(speaker, lang: str) -> str:
    """Who answered as a brief prints it: the president by name; anyone else with their role
    ("Edgar Amador, secretario de Hacienda"), so a reader knows who spoke in their place."""
    name = speaker_name(speaker, lang)
    role = speaker.role_in(lang)
    if speaker.kind == Kind.PRESIDENT or not role or role.lower() == name.lower():
        return name
    return f"{name}, {role}"


def answer_line(question: Question, lang: str) -> str:
    """How the question was answered, under the name of whoever said the answer's line:
    "López Obrador answered: <line> “<quote>,” López Obrador said."; "… deferred the
    answer: <line>", "… declined to answer: <line>"; or that no one quotable did."""
    w = words(lang)
    if question.answerer is None or question.answer is None:
        return w["no_answer"]
    line = line_text(question.answer, lang)
    quote = f" {said(question.quote, lang)}" if question.quote is not None else ""
    name = answerer_name(question.answerer, lang)
    if question.kind in ("deferral", "refusal"):
        how = w["deferred" if question.kind == "deferral" else "declined"]
        return f"{_capital(name)} {how}: {line}{quote}"
    if lang == "es":
        return f"Respondió {name}: {line}{quote}"
    return f"{_capital(name)} answered: {line}{quote}"


def story_note(story: Story, lang: str) -> str:
    """"3 questions (Nancy Flores (revista Contralínea), a reporter) · 12.3 % of the conference"."""
    w = words(lang)
    share = f"{percent(story.share)} {w['of_conference']}"
    if not story.questions:
        return share
    noun = w["question_one"] if story.questions == 1 else w["question_many"]
    askers = ", ".join(dict.fromkeys(story.askers))
    return f"{story.questions} {noun} ({askers}) · {share}" if askers else f"{story.questions} {noun} · {share}"


def story_items(summary, lang: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The stories section: ``(label, line with its quote, note)`` for each story that makes a
    point, best first; and "Label (2 questions · 3.1 % of the conference)" for the others."""
    points = []
    for point in summary.points:
        story = summary.stories[point.story] if 0 <= point.story < len(summary.stories) else None
        line = line_text(point.line, lang) + (f" {said(point.quote, lang)}" if point.quote is not None else "")
        points.append((story.label if story else "", line, story_note(story, lang) if story else ""))
    others = [f"{s.label} ({story_note(s, lang)})" for s in summary.stories if s.point < 0 and s.label]
    return points, others[:MORE_STORIES]


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
    for item in section.items:
        line = item.claim.text.strip()
        if item.names:
            line += f" — {w['names']}: " + ", ".join(n.text for n in item.names)
        if item.verdict is not None:  # the speaker's words; the rating (in the JSON) nobody said
            line += f" — {w['verdict']}: “{item.verdict.text.strip()}”"
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


__all__ = ["quote_speaker", "said", "line_text", "lead_text", "asked_line", "answer_line", "answerer_name",
           "story_note", "story_items", "section_heading",
           "section_lines", "claim_speaker", "share_name", "percent", "share_rows"]
