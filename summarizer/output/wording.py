"""The words of a brief in English and Spanish, shared by every renderer (Markdown, the
web app): headings, language names, a speaker with their role, table cells."""

from __future__ import annotations

import html
import re

from ..document import Speaker

WORDS = {
    "en": {
        "brief": "Brief", "conference": "Press conference", "quotes": "Quotes",
        "participants": "Participants", "speaker": "Speaker", "translation": "Translation",
        "original": "Original", "quote": "Quote", "mode": "Mode", "notes": "Notes",
        "abstractive": "abstractive (lines written by a summarization model from the speakers' own sentences)",
        "extractive": "extractive (every line is a sentence of the transcript)",
        "chat": "chat (lines written by an instruct model from the speakers' own sentences)",
        "full_name": "Full name", "role": "Role", "kind": "Kind", "models_used": "models used", "none": "none",
        "no_quotes": "No quotable sentence was found.", "no_participants": "No named participant.",
        "notes_below": "note(s) at the end of the brief",
        "questions": "Questions", "asked": "asked", "answered": "answered", "no_answer": "No quotable answer.",
        "sections": "Recurring sections", "presented_by": "presented by", "names": "names",
        "verdict": "verdict", "untranscribed": "Shown as a video; not transcribed",
        "turns": "Turns", "words": "Words", "share": "Share", "questions_asked": "Questions asked",
        "questions_answered": "Questions answered", "no_questions": "No press questions.",
        "warning": "Warning", "recording": "video or recording",
        "stories": "The day's stories", "also": "Also discussed", "asked_about": "asked about",
        "question_one": "question", "question_many": "questions", "of_conference": "of the conference",
        "deferred": "deferred the answer", "declined": "declined to answer",
    },
    "es": {
        "brief": "Resumen", "conference": "Conferencia de prensa", "quotes": "Citas",
        "participants": "Participantes", "speaker": "Orador", "translation": "Traducción",
        "original": "Original", "quote": "Cita", "mode": "Modo", "notes": "Notas",
        "abstractive": "abstractivo (líneas escritas por un modelo de resumen a partir de frases de los oradores)",
        "extractive": "extractivo (cada línea es una frase de la transcripción)",
        "chat": "chat (líneas escritas por un modelo instruct a partir de frases de los oradores)",
        "full_name": "Nombre completo", "role": "Cargo", "kind": "Tipo", "models_used": "modelos usados",
        "none": "ninguno", "no_quotes": "No se encontró ninguna frase citable.",
        "no_participants": "Ningún participante con nombre.", "notes_below": "nota(s) al final del resumen",
        "questions": "Preguntas", "asked": "preguntó", "answered": "respondió", "no_answer": "Sin respuesta citable.",
        "sections": "Secciones fijas", "presented_by": "presentada por", "names": "menciona",
        "verdict": "veredicto", "untranscribed": "Se mostró en video; no se transcribió",
        "turns": "Turnos", "words": "Palabras", "share": "Proporción", "questions_asked": "Preguntas hechas",
        "questions_answered": "Preguntas respondidas", "no_questions": "Ninguna pregunta de la prensa.",
        "warning": "Aviso", "recording": "video o grabación",
        "stories": "Temas del día", "also": "También se habló de", "asked_about": "preguntó sobre",
        "question_one": "pregunta", "question_many": "preguntas", "of_conference": "de la conferencia",
        "deferred": "aplazó la respuesta", "declined": "no quiso responder",
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

SECTION_NAMES = {
    "en": {"lies_of_the_week": "Who's who in the week's lies", "lie_detector": "Lie detector",
           "prices": "Who's who in prices", "security": "Security report", "health": "Health report",
           "works": "Progress of the public works", "archaeology": "Archaeological rescue of the Tren Maya",
           "women_in_history": "Women in history"},
    "es": {"lies_of_the_week": "Quién es quién en las mentiras de la semana", "lie_detector": "Detector de mentiras",
           "prices": "Quién es quién en los precios", "security": "Informe de seguridad", "health": "Informe de salud",
           "works": "Avance de las obras", "archaeology": "Rescate arqueológico del Tren Maya",
           "women_in_history": "Mujeres en la historia"},
}
"""Each recurring section's name (`select.sections.KINDS`) in each language."""

RATINGS = {"en": {"false": "false", "misleading": "misleading", "true": "true"},
           "es": {"false": "falso", "misleading": "engañoso", "true": "verdadero"}}
"""A fact-check's verdict in each language."""

ATTRIBUTION_MARKS = {
    "en": {"continued": "speaker carried over a stage direction", "prose": "attributed by the article's wording",
           "inferred": "speaker inferred"},
    "es": {"continued": "orador que sigue tras una acotación", "prose": "atribuido por la redacción de la nota",
           "inferred": "orador inferido"},
}
"""What a brief says of an attribution less sure than the turn's own label (`document.ATTRIBUTIONS`)."""

GROUP_NAMES = {
    "en": {"press": "Reporters (not named)", "recordings": "Videos and recordings", "audience": "Audience",
           "narration": "Narration", "unknown": "Unknown speaker", "other": "Other"},
    "es": {"press": "Reporteros (sin nombre)", "recordings": "Videos y grabaciones", "audience": "Público",
           "narration": "Narración", "unknown": "Orador desconocido", "other": "Otros"},
}
"""The rows of the participants table that are not one person (`SpeakerShare.group`)."""

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
    name = speaker_name(speaker, lang)
    if lang == "es":
        return f"“{text}”, dijo {name}."
    return f"“{text},” {name} said."


def mark(attribution: str, lang: str) -> str:
    """"" for an attribution by the turn's own label, else what makes it less sure, in
    parentheses: " (speaker inferred)"."""
    said = ATTRIBUTION_MARKS.get(lang, ATTRIBUTION_MARKS["en"]).get(attribution)
    return f" ({said})" if said else ""


def reporter(lang: str, feminine: bool = False) -> str:
    """"a reporter" / "un reportero" ("una reportera")."""
    if lang == "es":
        return "una reportera" if feminine else "un reportero"
    return "a reporter"


def asker(name: str | None, outlet: str | None, lang: str, feminine: bool = False) -> str:
    """Who asked, as a brief prints it: "Nancy Rodríguez (Oro Sólido)", "a reporter"."""
    if not name:
        return reporter(lang, feminine)
    return f"{name} ({outlet})" if outlet else name


_MARKUP = re.compile(r"([\\`*_\[\]|#~@$])")
_AUTOLINK = re.compile(r"(?<=[A-Za-z])(:)(?=//)|(?<![\w.])([Ww]{3})(\.)")
_BLOCK_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])(?=\s|$)")


def markdown_text(text: str) -> str:
    """Text shown inside Markdown exactly as written, never as markup: every text of a
    transcript (a line, a quote, a name, a title, a note) goes through here wherever a
    brief is written as Markdown (the download, the web page).

    One line (a transcript's line break would end a list item); ``<``, ``>``, ``&`` as
    HTML entities (no tag of the text is live: no ``<img>``, no ``<svg>``); Markdown's
    inline marks (``\\ ` * _ [ ] | # ~``) and math (``$``) backslash-escaped; what GitHub-flavoured Markdown
    would turn into a link by itself (``http://``, ``www.``, an ``@``) escaped; a list
    marker or a heading's underline at its start (``-``, ``+``, ``=``, ``12. ``) escaped. A
    Markdown table's cell is the same text."""
    text = _MARKUP.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
    text = _AUTOLINK.sub(lambda m: "\\:" if m.group(1) else m.group(2) + "\\.", text)
    return _BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text)


table_cell = markdown_text
"""A Markdown table cell: the same escaping (one line, no markup)."""


def markdown_table(rows: list[list[str]]) -> list[str]:
    """The lines of a Markdown table whose first row is the header."""
    lines = ["| " + " | ".join(markdown_text(c) for c in rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(markdown_text(c) for c in row) + " |" for row in rows[1:]]
    return lines


__all__ = ["WORDS", "KIND_NAMES", "LANGUAGE_NAMES", "NATIVE_NAMES", "MONTHS", "SECTION_NAMES", "RATINGS",
           "ATTRIBUTION_MARKS", "GROUP_NAMES", "words", "language_name", "long_date",
           "a_language", "speaker_label", "attribution", "mark", "reporter", "asker",
           "markdown_text", "table_cell", "markdown_table"]
