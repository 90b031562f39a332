"""The words of a brief in English and Spanish, shared by every renderer (Markdown, the
web app): headings, language names, a speaker with their role, table cells."""

from __future__ import annotations

import html
import re

from ..document import Speaker

WORDS = {
    "en": {
        "brief": "Brief", "conference": "Press conference", "points": "Key points", "quotes": "Quotes",
        "participants": "Participants", "speaker": "Speaker", "translation": "Translation",
        "original": "Original", "quote": "Quote", "mode": "Mode", "notes": "Notes",
        "abstractive": "abstractive (lines written by a summarization model from the speakers' own sentences)",
        "extractive": "extractive (every line is a sentence of the transcript)",
        "full_name": "Full name", "role": "Role", "kind": "Kind", "models_used": "models used", "none": "none",
        "no_quotes": "No quotable sentence was found.", "no_participants": "No named participant.",
        "notes_below": "note(s) at the end of the brief", "warning": "warning",
    },
    "es": {
        "brief": "Resumen", "conference": "Conferencia de prensa", "points": "Puntos clave", "quotes": "Citas",
        "participants": "Participantes", "speaker": "Orador", "translation": "Traducción",
        "original": "Original", "quote": "Cita", "mode": "Modo", "notes": "Notas",
        "abstractive": "abstractivo (líneas escritas por un modelo de resumen a partir de frases de los oradores)",
        "extractive": "extractivo (cada línea es una frase de la transcripción)",
        "full_name": "Nombre completo", "role": "Cargo", "kind": "Tipo", "models_used": "modelos usados",
        "none": "ninguno", "no_quotes": "No se encontró ninguna frase citable.",
        "no_participants": "Ningún participante con nombre.", "notes_below": "nota(s) al final del resumen",
        "warning": "aviso",
    },
}

KIND_NAMES = {
    "en": {"president": "president", "official": "official", "press": "press", "voice": "voice",
           "audience": "audience", "moderator": "moderator", "stage": "stage", "archive": "archive",
           "other": "other", "unknown": "unknown", "narration": "narration"},
    "es": {"president": "presidencia", "official": "funcionario o invitado", "press": "prensa", "voice": "voz",
           "audience": "público", "moderator": "moderación", "stage": "acotación", "archive": "archivo",
           "other": "otro", "unknown": "desconocido", "narration": "narración"},
}
"""A speaker's `Kind` in each language."""

LANGUAGE_NAMES = {
    "en": {"en": "English", "es": "Spanish"},
    "es": {"en": "inglés", "es": "español"},
}
NATIVE_NAMES = {"en": "English", "es": "Español"}
"""Each language in itself, as a language picker shows it."""


MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
}


def long_date(iso: str, lang: str) -> str:
    """"2023-12-28" → "28 December 2023" / "28 de diciembre de 2023" (anything else as it is)."""
    try:
        year, month, day = (int(part) for part in iso.split("-"))
        name = MONTHS.get(lang, MONTHS["en"])[month - 1]
    except (ValueError, IndexError):
        return iso
    return f"{day} de {name} de {year}" if lang == "es" else f"{day} {name} {year}"


def a_language(code: str) -> str:
    """"a Spanish", "an English": the English article before a language's name."""
    name = language_name(code)
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def words(lang: str) -> dict[str, str]:
    """The brief's vocabulary in ``lang`` (English for anything else)."""
    return WORDS.get(lang, WORDS["en"])


def language_name(code: str, lang: str = "en") -> str:
    """The name of language ``code`` in language ``lang``: ("es", "en") → "Spanish"."""
    return LANGUAGE_NAMES.get(lang, LANGUAGE_NAMES["en"]).get(code, code)


GENERIC_ES = {
    "Reporter": "Reportero(a)", "Unidentified voice": "Voz no identificada", "Audience": "Asistentes",
    "Moderator": "Moderador(a)", "Stage direction": "Acotación", "Unknown speaker": "Orador desconocido",
    "Narration": "Narración", "Archive clip": "Video de archivo", "Child (role-play)": "Niño o niña (juego de roles)",
    "a public figure": "una figura pública",
}
"""The Spanish of the generic names the parser gives speakers without a name of their own."""

_MADE_NAMES_ES = (
    (re.compile(r"AI-manipulated voice of (.+)"), "Voz manipulada con IA de {}"),
    (re.compile(r"Child playing (.+)"), "Niño o niña que interpreta a {}"),
    (re.compile(r"(.+) \(archive clip\)"), "{} (video de archivo)"),
)


def speaker_name(speaker: Speaker, lang: str) -> str:
    """The name a brief prints for ``speaker``: their own as the transcript has it; a generic
    one ("Moderator", "Unknown speaker") in the brief's language."""
    display = speaker.display
    if lang != "es":
        return display
    if display in GENERIC_ES:
        return GENERIC_ES[display]
    for pattern, spanish in _MADE_NAMES_ES:
        match = pattern.fullmatch(display)
        if match:
            return spanish.format(GENERIC_ES.get(match.group(1), match.group(1)))
    return display


def speaker_label(speaker: Speaker, lang: str) -> str:
    """"López Obrador (President of Mexico)", in the brief's language."""
    role = speaker.role_in(lang)
    name = speaker_name(speaker, lang)
    return f"{name} ({role})" if role and role.lower() != name.lower() else name


def attribution(text: str, speaker: Speaker, lang: str) -> str:
    """“…,” López Obrador said. / “…”, dijo López Obrador."""
    text = text.strip().rstrip(".").strip()
    if lang == "es":
        return f"“{text}”, dijo {speaker_name(speaker, lang)}."
    return f"“{text},” {speaker.display} said."


def table_cell(text: str) -> str:
    """Text for a Markdown table cell: one line, with what Markdown or HTML would
    interpret escaped (``|``, ``*``, ``<``…)."""
    text = " ".join(text.split())
    return re.sub(r"([\\`*_\[\]|#])", r"\\\1", html.escape(text, quote=False))


def markdown_table(rows: list[list[str]]) -> list[str]:
    """The lines of a Markdown table whose first row is the header."""
    lines = ["| " + " | ".join(table_cell(c) for c in rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(table_cell(c) for c in row) + " |" for row in rows[1:]]
    return lines


__all__ = ["WORDS", "KIND_NAMES", "LANGUAGE_NAMES", "NATIVE_NAMES", "MONTHS", "words", "language_name", "long_date",
           "a_language", "speaker_label", "attribution",
           "table_cell", "markdown_table"]
