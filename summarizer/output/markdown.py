"""Markdown for a brief, laid out as a news brief.

Lead; one point per topic with its quote (“…,” López Obrador said); a quotes table
(speaker · translation · original); the participants; notes.
"""

from __future__ import annotations

from .wording import attribution, language_name, long_date, markdown_table, speaker_label, speaker_name, words


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
    out = [f"# {w['brief']}: {heading(summary)}", ""]
    if summary.date and title_shown:
        out += [f"*{long_date(summary.date, lang)}*", ""]
    out += [summary.lead.strip(), ""]
    out += _points(summary, lang) + _quotes(summary, lang) + _participants(summary, lang)
    reason = summary.mode_reason[:1].upper() + summary.mode_reason[1:]
    notes = [f"{w['mode']}: {w[summary.mode]}. {reason}".strip()] + list(summary.warnings)
    out += [f"## {w['notes']}", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(out)


def _points(summary, lang: str) -> list[str]:
    if not summary.points:
        return []
    out = [f"## {words(lang)['points']}", ""]
    for point in summary.points:
        line = point.text.strip()
        if point.quote is not None:
            line += " " + attribution(point.quote.text, point.quote.speaker, lang)
        out.append(f"- {line}")
    return out + [""]


def _quotes(summary, lang: str) -> list[str]:
    if not summary.quotes:
        return []
    w = words(lang)
    if summary.source_lang == lang:
        rows = [[w["speaker"], w["quote"]]]
        rows += [[speaker_label(q.speaker, lang), q.text] for q in summary.quotes]
    else:
        rows = [[w["speaker"], w["translation"], f"{w['original']} ({language_name(summary.source_lang, lang)})"]]
        rows += [[speaker_label(q.speaker, lang), q.text, q.original] for q in summary.quotes]
    return [f"## {w['quotes']}", ""] + markdown_table(rows) + [""]


def _participants(summary, lang: str) -> list[str]:
    if not summary.speakers:
        return []
    out = [f"## {words(lang)['participants']}", ""]
    for speaker in summary.speakers:
        role, name = speaker.role_in(lang), speaker_name(speaker, lang)
        out.append(f"- {name}" + (f" — {role}" if role and role.lower() != name.lower() else ""))
    return out + [""]
