"""Presentation helpers of the web UI: a `Summary` → what the Gradio components show.

Pure functions, no Gradio import: the quotes table rows, the transcript cut
into highlighted spans, the press questions, the participants with their shares, the mode
note, the download files. All of it is part of the brief, so it is in the brief's language;
an attribution less sure than the turn's own label is said beside its speaker.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..output import Summary
from ..files import atomic_write
from ..notes import Note
from ..output.rows import answer_line, asked_line, quote_speaker, share_rows
from ..output.wording import language_name, markdown_table, markdown_text, speaker_name, words


def quotes_table(summary: Summary) -> str:
    """The quotes as a Markdown table: speaker, translation and original side by side.

    When the brief is in the transcript's language there is nothing to
    translate, and the table has one quote column.
    """
    lang, source = summary.target_lang, summary.source_lang
    w = words(lang)
    if not summary.quotes:
        return f"*{w['no_quotes']}*"
    if source == lang:
        rows = [[w["speaker"], f"{w['quote']} ({language_name(lang, lang)})"]]
        rows += [[quote_speaker(q, lang), q.text] for q in summary.quotes]
    else:
        rows = [[w["speaker"], f"{w['translation']} ({language_name(lang, lang)})",
                 f"{w['original']} ({language_name(source, lang)})"]]
        rows += [[quote_speaker(q, lang), q.text, q.original] for q in summary.quotes]
    return "\n".join(markdown_table(rows))


def quoted_spans(summary: Summary) -> list[tuple[int, int, str]]:
    """``(start, end, speaker)`` of every quote of the brief, in text order, overlaps merged."""
    quotes = list(summary.quotes) + [p.quote for p in summary.points if p.quote is not None]
    spans: list[tuple[int, int, str]] = []
    for q in sorted(quotes, key=lambda q: (q.start, -q.end)):
        if spans and q.start < spans[-1][1]:
            start, end, who = spans[-1]
            spans[-1] = (start, max(end, q.end), who)
        else:
            spans.append((q.start, q.end, speaker_name(q.speaker, summary.target_lang)))
    return spans


def highlighted_transcript(text: str, summary: Summary) -> list[tuple[str, str | None]]:
    """The transcript as ``(text, speaker or None)`` pieces: quoted spans labelled by speaker."""
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for start, end, who in quoted_spans(summary):
        if start > at:
            pieces.append((text[at:start], None))
        pieces.append((text[start:end], who))
        at = end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


def participants_table(summary: Summary) -> str:
    """The participants as a Markdown table: who spoke (or which group), their role or
    outlet, turns, words, share of the conference, questions asked and answered."""
    lang = summary.target_lang
    if not summary.shares:
        return f"*{words(lang)['no_participants']}*"
    return "\n".join(markdown_table(share_rows(summary.shares, lang, detail=True)))


def questions_view(summary: Summary) -> str:
    """The press questions in the order asked (Markdown): who asked what, in the brief's
    language with the original beside a translation, and who answered how."""
    lang = summary.target_lang
    if not summary.questions:
        return f"*{words(lang)['no_questions']}*"
    out = []
    for question in summary.questions:
        out.append(f"{question.index}. {markdown_text(asked_line(question, lang))}")
        if summary.source_lang != lang:
            original = " ".join(excerpt.original for excerpt in question.asked)
            out.append(f"   - *{language_name(summary.source_lang, lang)}:* {markdown_text(original)}")
        out.append(f"   - {markdown_text(answer_line(question, lang))}")
    return "\n".join(out)


def mode_note(summary: Summary, lang: str | None = None, reason: str | None = None) -> str:
    """Which mode made the brief and why, the languages and the models (Markdown): in
    ``lang`` (the page's; the brief's by default), ``reason`` the mode's reason in it (the
    brief's own, `Summary.mode_reason`, by default)."""
    lang = lang or summary.target_lang
    w = words(lang)
    name, _, how = w.get(summary.mode, summary.mode).partition(" (")
    models = summary.provenance.get("models", {}) if summary.provenance else {}
    used = ", ".join(f"{_task_name(task, lang)}: `{m.get('name')}`" for task, m in models.items() if m) or w["none"]
    reason = reason or summary.mode_reason
    reason = reason[:1].upper() + reason[1:]
    note = (f"**{w['mode']}: {name}** ({how}. {markdown_text(reason)}\n\n"
            f"{language_name(summary.source_lang, lang)} → "
            f"{language_name(summary.target_lang, lang)} · {w['models_used']}: {used}")
    if summary.warnings:
        note += f"\n\n{len(summary.warnings)} {w['notes_below']}."
    return note


def _task_name(task: str, lang: str) -> str:
    """A provenance key ("summarize", "translate-es-en") in the reader's words."""
    if task.startswith("translate-"):
        _, source, target = task.split("-", 2)
        return Note("model.translation", source=source, target=target).render(lang)
    return Note("model.summarizer").render(lang) if task == "summarize" else task


def download_stem(summary: Summary) -> str:
    """``brief-2023-12-28-en``: a file name for the downloads."""
    stem = "brief" + (f"-{summary.date}" if summary.date else "") + f"-{summary.target_lang}"
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem)


def write_downloads(summary: Summary, folder: Path) -> tuple[Path, Path, Path]:
    """Write the brief as Markdown, JSON and a Word document into ``folder``; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = download_stem(summary)
    md_path, json_path, docx_path = folder / f"{stem}.md", folder / f"{stem}.json", folder / f"{stem}.docx"
    atomic_write(md_path, summary.to_markdown())
    atomic_write(json_path, summary.to_json())
    summary.to_docx(docx_path)
    return md_path, json_path, docx_path


def error_html(message: str, code: bool = False) -> str:
    """A message for a toast (`gr.Error`, `gr.Warning`), which renders HTML: ``<``, ``>`` and ``&``
    escaped (a toast is HTML, not Markdown: the brief's texts go through `wording.markdown_text`).
    ``code``: a message of the package's own (an error's, never a note that quotes the
    transcript), whose `commands` and `options` are shown as code rather than between backticks."""
    text = html.escape(message, quote=False)
    return re.sub(r"`([^`\n]+)`", r"<code>\1</code>", text) if code else text

