"""Markdown for a brief, laid out as a news brief.

Lead; the day's stories, each that makes a point with its label, line and quote (“…,” López
Obrador said) and who asked about it, then the others by name; a quotes table
(speaker · translation · original); the press questions with their answers; the
recurring sections with what they claimed; the participants with their shares; notes.
An attribution less sure than the turn's own label is said beside its speaker. Every text
of the transcript is shown as written, never as markup (`wording.markdown_text`).
"""

from __future__ import annotations

from .rows import (
    answer_line,
    asked_line,
    lead_text,
    quote_speaker,
    section_heading,
    section_lines,
    share_rows,
    story_items,
)
from .wording import language_name, long_date, markdown_table, markdown_text, speaker_name, words


def heading(summary) -> str:
    """The brief's title in its language: the transcript's own title when it is in that
    language, else "Press conference, 28 December 2023" (the original title stays in
    the JSON, ``title``)."""
    lang = summary.target_lang
    if summary.title and summary.source_lang == lang:
        return summary.title
    date = f", {long_date(summary.date, lang)}" if summary.date else ""
    return words(lang)["conference"] + date


def summary_markdown(summary) -> str:
    """The brief (a `Summary`) as Markdown, every word in the brief's language."""
    lang = summary.target_lang
    w = words(lang)
    title_shown = bool(summary.title) and summary.source_lang == lang
    out = [f"# {w['brief']}: {markdown_text(heading(summary))}", ""]
    if summary.date and title_shown:
        out += [f"*{markdown_text(long_date(summary.date, lang))}*", ""]
    out += [markdown_text(lead_text(summary, lang)), ""]
    out += _stories(summary, lang) + _quotes(summary, lang) + _questions(summary, lang) + _sections(summary, lang)
    out += _participants(summary, lang)
    reason = summary.mode_reason[:1].upper() + summary.mode_reason[1:]
    notes = [f"{w['mode']}: {w[summary.mode]}. {reason}".strip()] + list(summary.warnings)
    out += [f"## {w['notes']}", ""] + [f"- {markdown_text(n)}" for n in notes] + [""]
    return "\n".join(out)


def _stories(summary, lang: str) -> list[str]:
    """The day's stories: each that makes a point with its label, line, quote and who asked;
    then the others by name."""
    points, others = story_items(summary, lang)
    if not points and not others:
        return []
    w = words(lang)
    out = [f"## {w['stories']}", ""]
    for n, (label, line, note) in enumerate(points, 1):
        head = f"**{markdown_text(label)}** — " if label else ""
        out.append(f"{n}. {head}{markdown_text(line)}")
        if note:
            out.append(f"{_under(n)}*{markdown_text(note)}*")
    if others:
        out += ["", f"{w['also']}: " + "; ".join(markdown_text(o) for o in others) + "."]
    return out + [""]


def _quotes(summary, lang: str) -> list[str]:
    if not summary.quotes:
        return []
    w = words(lang)
    if summary.source_lang == lang:
        rows = [[w["speaker"], w["quote"]]]
        rows += [[quote_speaker(q, lang), q.text] for q in summary.quotes]
    else:
        rows = [[w["speaker"], w["translation"], f"{w['original']} ({language_name(summary.source_lang, lang)})"]]
        rows += [[quote_speaker(q, lang), q.text, q.original] for q in summary.quotes]
    return [f"## {w['quotes']}", ""] + markdown_table(rows) + [""]


def _questions(summary, lang: str) -> list[str]:
    if not summary.questions:
        return []
    out = [f"## {words(lang)['questions']}", ""]
    for question in summary.questions:
        out += [f"{question.index}. {markdown_text(asked_line(question, lang))}",
                f"{_under(question.index)}- {markdown_text(answer_line(question, lang))}"]
    return out + [""]


def _under(n: int) -> str:
    """The indent that keeps a line inside list item ``n`` (as wide as "10. ": a narrower one
    starts a list of its own from item 10 on)."""
    return " " * len(f"{n}. ")


def _sections(summary, lang: str) -> list[str]:
    if not summary.sections:
        return []
    out = [f"## {words(lang)['sections']}", ""]
    for section in summary.sections:
        out += [f"### {markdown_text(section_heading(section, lang))}", ""]
        out += [f"- {markdown_text(line)}" for line in section_lines(section, lang)] + [""]
    return out


def _participants(summary, lang: str) -> list[str]:
    if summary.shares:
        return [f"## {words(lang)['participants']}", ""] + markdown_table(share_rows(summary.shares, lang)) + [""]
    if not summary.speakers:
        return []
    out = [f"## {words(lang)['participants']}", ""]
    for speaker in summary.speakers:
        role, name = speaker.role_in(lang), speaker_name(speaker, lang)
        shown = f"{name} — {role}" if role and role.lower() != name.lower() else name
        out.append(f"- {markdown_text(shown)}")
    return out + [""]

