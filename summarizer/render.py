"""Markdown for a `Summary`, laid out as a news brief.

Lead; one point per topic with its quote (“…,” López Obrador said); a quotes
table (speaker · translation · original); the participants.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .quotes import Quote
    from .speakers import Speaker
    from .summary import Summary

_WORDS = {
    "en": {
        "brief": "Brief", "conference": "Press conference", "points": "Key points", "quotes": "Quotes",
        "participants": "Participants", "speaker": "Speaker", "translation": "Translation",
        "original": "Original (Spanish)", "quote": "Quote", "mode": "Mode",
        "abstractive": "abstractive (lines written by a summarization model from the speakers' own sentences)",
        "extractive": "extractive (every line is a sentence of the transcript)",
        "replaced": "a generated line was replaced by the speaker's own words",
        "notes": "Notes",
    },
    "es": {
        "brief": "Resumen", "conference": "Conferencia de prensa", "points": "Puntos clave", "quotes": "Citas",
        "participants": "Participantes", "speaker": "Orador", "translation": "Traducción",
        "original": "Original", "quote": "Cita", "mode": "Modo",
        "abstractive": "abstractivo (líneas escritas por un modelo de resumen a partir de frases de los oradores)",
        "extractive": "extractivo (cada línea es una frase de la transcripción)",
        "replaced": "una línea generada se sustituyó por las palabras del orador",
        "notes": "Notas",
    },
}


def attribution(quote: "Quote", lang: str) -> str:
    """“…,” López Obrador said. / “…”, dijo López Obrador."""
    text = quote.text.strip().rstrip(".").strip()
    name = quote.speaker.display
    if lang == "es":
        return f"“{text}”, dijo {name}."
    return f"“{text},” {name} said."


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _speaker_cell(speaker: "Speaker", lang: str) -> str:
    role = speaker.role_es if lang == "es" else speaker.role
    return f"{speaker.display} ({role})" if role else speaker.display


def summary_markdown(summary: "Summary") -> str:
    lang = summary.target_lang if summary.target_lang in _WORDS else "en"
    w = _WORDS[lang]
    heading = summary.title or w["conference"] + (f" {summary.date}" if summary.date else "")
    out = [f"# {w['brief']}: {heading}", ""]
    if summary.date and summary.title:
        out += [f"*{summary.date}*", ""]
    out += [summary.lead.strip(), ""]
    if summary.points:
        out += [f"## {w['points']}", ""]
        for point in summary.points:
            line = point.text.strip()
            if point.quote is not None:
                line += " " + attribution(point.quote, lang)
            out.append(f"- {line}")
        out.append("")
    if summary.quotes:
        out += [f"## {w['quotes']}", ""]
        same = summary.source_lang == summary.target_lang
        if same:
            out += [f"| {w['speaker']} | {w['quote']} |", "|---|---|"]
        else:
            out += [f"| {w['speaker']} | {w['translation']} | {w['original']} |", "|---|---|---|"]
        for quote in summary.quotes:
            cells = [_speaker_cell(quote.speaker, lang), _cell(quote.text)]
            if not same:
                cells.append(_cell(quote.original))
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    if summary.speakers:
        out += [f"## {w['participants']}", ""]
        for speaker in summary.speakers:
            role = speaker.role_es if lang == "es" else speaker.role
            out.append(f"- {speaker.display}" + (f" — {role}" if role else ""))
        out.append("")
    notes = [f"{w['mode']}: {w[summary.mode]}. {summary.mode_reason}".strip()]
    notes += list(summary.warnings)
    out += [f"## {w['notes']}", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(out)
