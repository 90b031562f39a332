"""Presentation helpers of the web UI: a `Summary` → what the Gradio components show.

Pure functions, no Gradio import: the quotes table rows, the transcript cut
into highlighted spans, the participants, the mode note, the download files.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..output import Summary
from ..output.wording import NATIVE_NAMES, language_name, markdown_table, speaker_label

# Progress stages of `summarize()` as the progress bar names them.
STAGE_LABELS = {
    "parse": "Reading the transcript",
    "select": "Choosing topics and quotes",
    "translate": "Translating",
    "summarize": "Writing the brief",
    "compose": "Composing the brief",
}


def quotes_table(summary: Summary) -> str:
    """The quotes as a Markdown table: speaker, translation and original side by side.

    When the brief is in the transcript's language there is nothing to
    translate, and the table has one quote column.
    """
    lang, source = summary.target_lang, summary.source_lang
    if not summary.quotes:
        return "*No quotable sentence was found.*"
    if source == lang:
        rows = [["Speaker", f"Quote ({language_name(lang)})"]]
        rows += [[speaker_label(q.speaker, lang), q.text] for q in summary.quotes]
    else:
        rows = [["Speaker", f"Translation ({language_name(lang)})",
                 f"Original ({language_name(source)})"]]
        rows += [[speaker_label(q.speaker, lang), q.text, q.original] for q in summary.quotes]
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
            spans.append((q.start, q.end, q.speaker.display))
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
    """The participants as a Markdown table: who spoke, their role, official or press."""
    lang = summary.target_lang
    rows = [["Speaker", "Full name", "Role", "Kind"]]
    for s in summary.speakers:
        role = (s.role_es if lang == "es" else s.role) or ""
        rows.append([s.display, s.name or "", role, "press" if s.is_press else s.kind])
    return "\n".join(markdown_table(rows)) if len(rows) > 1 else "*No named participant.*"


def mode_note(summary: Summary) -> str:
    """Which mode made the brief and why, the languages and the models (Markdown)."""
    how = {
        "abstractive": "lines written by the summarization model from the speakers' own sentences",
        "extractive": "every line is a sentence of the transcript",
    }.get(summary.mode, "")
    models = summary.provenance.get("models", {}) if summary.provenance else {}
    used = ", ".join(f"{task}: `{m.get('name')}`" for task, m in models.items() if m) or "none"
    note = (f"**Mode: {summary.mode}** ({how}). {_md(summary.mode_reason)}\n\n"
            f"{language_name(summary.source_lang)} → "
            f"{language_name(summary.target_lang)} · models used: {used}")
    if summary.warnings:
        note += f"\n\n{len(summary.warnings)} note(s) at the end of the brief."
    return note


def download_stem(summary: Summary) -> str:
    """``brief-2023-12-28-en``: a file name for the downloads."""
    stem = "brief" + (f"-{summary.date}" if summary.date else "") + f"-{summary.target_lang}"
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem)


def write_downloads(summary: Summary, folder: Path) -> tuple[Path, Path]:
    """Write the brief as Markdown and JSON into ``folder``; return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = download_stem(summary)
    md_path, json_path = folder / f"{stem}.md", folder / f"{stem}.json"
    md_path.write_text(summary.to_markdown(), encoding="utf-8")
    json_path.write_text(summary.to_json(), encoding="utf-8")
    return md_path, json_path


def error_html(message: str) -> str:
    """A message for `gr.Error`, which renders HTML: ``<``, ``>`` and ``&`` escaped."""
    return html.escape(message, quote=False)


def model_hint(source: str, target: str, mode: str) -> str:
    """What this page offers when a model is missing, added to the error message."""
    ways = []
    if source != target:
        ways.append(f"choose “Brief in: {NATIVE_NAMES.get(source, source)}” for a brief that needs no model")
    if mode == "abstractive":
        ways.append("choose Mode “auto”, which makes an extractive brief when the summarization model is missing")
    ways.append("or install the model and make the brief again")
    return " In this app: " + "; ".join(ways) + "."


def _md(text: str) -> str:
    """Text shown inside Markdown, with HTML characters escaped."""
    return html.escape(text, quote=False)
