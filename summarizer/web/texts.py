"""The web app's words in English and Spanish.

The page is in one language, English or Spanish, which its language control (top
right) switches and a cookie (`COOKIE`) and the address (``?lang=es``) keep: first the
address's, then the cookie's, then the first of the browser's languages that we speak,
else English (`pick_language`, and `PAGE_LANGUAGE_JS` in the browser, before Gradio
starts, so that Gradio's own words — the upload box, the footer, the progress — are in
it too). The page's fixed words (labels, help, tabs, buttons) go to Gradio's `gr.I18n`;
what the handlers say (errors and warnings with their titles, the models note, the mode
note, progress) is said in the language the page sends with each request. A brief's own
words (its headings, tables and notes) are in the brief's language, not the page's.
"""

from __future__ import annotations

import re

import gradio as gr

from ..document import LANGUAGES

UI = {
    "en": {
        "title": "Mañanera brief", "page_language": "Page language",
        "intro": "# Mañanera brief\nPaste (or upload) the transcript of a Mexican presidential press conference "
                 "and get a quote-attributed brief in English or Spanish.",
        "transcript": "Transcript",
        "upload": "…or upload a file (.txt, .md, .html, .docx, .pdf)",
        "url": "…or give the address of its page (the gob.mx transcript of the day)",
        "fetch": "Read the page",
        "examples": "Examples",
        "brief_in": "Brief in",
        "lang_en": "English", "lang_es": "Spanish",
        "mode": "Mode",
        "mode_info": "auto: chat when the chat model is installed, else abstractive when the summarization model "
                     "is; chat: an instruct model writes the lines; extractive: every line is a sentence of the "
                     "transcript.",
        "auto": "auto", "abstractive": "abstractive", "extractive": "extractive", "chat": "chat",
        "quotes": "Quotes",
        "models": "Models",
        "summarizer": "Summarizer",
        "es_en": "Spanish → English",
        "en_es": "English → Spanish",
        "model_info": "models installed on this server",
        "model_info_free": "installed models; or type a hub id or a folder on the server",
        "backend": "Backend",
        "backend_info": "auto: CTranslate2 (int8, faster) for each model converted with `summarizer models convert`, "
                        "else transformers.",
        "run": "Make the brief",
        "tab_brief": "Brief", "tab_quotes": "Quotes", "tab_transcript": "Transcript",
        "tab_participants": "Participants", "tab_questions": "Questions",
        "download_md": "Download Markdown", "download_json": "Download JSON", "download_docx": "Download Word",
        "transcript_view": "Transcript, quotes highlighted by speaker",
        "example_web": "28 Dec 2023 — as copied from gob.mx",
        "example_native": "28 Dec 2023 — dataset format",
        "example_article": "28 Dec 2023 — a news article (English)",
    },
    "es": {
        "title": "Resumen de la mañanera", "page_language": "Idioma de la página",
        "intro": "# Resumen de la mañanera\nPegue (o suba) la transcripción de una conferencia de prensa presidencial "
                 "mexicana y obtenga un resumen con citas atribuidas, en inglés o en español.",
        "transcript": "Transcripción",
        "upload": "…o suba un archivo (.txt, .md, .html, .docx, .pdf)",
        "url": "…o dé la dirección de su página (la versión estenográfica del día en gob.mx)",
        "fetch": "Leer la página",
        "examples": "Ejemplos",
        "brief_in": "Resumen en",
        "lang_en": "Inglés", "lang_es": "Español",
        "mode": "Modo",
        "mode_info": "auto: chat cuando el modelo de chat está instalado, si no abstractivo cuando lo está el "
                     "modelo de resumen; chat: un modelo instruct escribe las líneas; extractivo: cada línea es una "
                     "frase de la transcripción.",
        "auto": "auto", "abstractive": "abstractivo", "extractive": "extractivo", "chat": "chat",
        "quotes": "Citas",
        "models": "Modelos",
        "summarizer": "Modelo de resumen",
        "es_en": "Español → inglés",
        "en_es": "Inglés → español",
        "model_info": "modelos instalados en este servidor",
        "model_info_free": "modelos instalados; o escriba un id del hub o una carpeta del servidor",
        "backend": "Motor",
        "backend_info": "auto: CTranslate2 (int8, más rápido) para cada modelo convertido con "
                        "`summarizer models convert`; si no, transformers.",
        "run": "Hacer el resumen",
        "tab_brief": "Resumen", "tab_quotes": "Citas", "tab_transcript": "Transcripción",
        "tab_participants": "Participantes", "tab_questions": "Preguntas",
        "download_md": "Descargar Markdown", "download_json": "Descargar JSON", "download_docx": "Descargar Word",
        "transcript_view": "Transcripción, con las citas resaltadas por orador",
        "example_web": "28 dic 2023 — copiada de gob.mx",
        "example_native": "28 dic 2023 — formato del conjunto de datos",
        "example_article": "28 dic 2023 — una nota periodística (en inglés)",
    },
}
"""The page's fixed words, by key, for `gr.I18n`."""

MESSAGES = {
    "en": {
        "warning_title": "Warning", "error_title": "Error", "info_title": "Info",
        "too_large_title": "Transcript too large",
        "too_large": "{what} is {size:,} bytes; this app takes at most {limit:,} bytes (a long mañanera is about "
                     "200,000). Give one conference at a time, or start the app with SUMMARIZER_UI_MAX_BYTES={size} "
                     "to raise the limit.",
        "the_file": "The file", "the_transcript": "The transcript",
        "wrong_type_title": "Not a transcript file",
        "wrong_type": "{name} is not a file this app reads: give a {types} file.",
        "no_model_title": "Model not available",
        "cannot_title": "Cannot make this brief",
        "unexpected_title": "Unexpected error",
        "unexpected": "{error}. The server log has the details.",
        "unknown_model_title": "Unknown model",
        "unknown_model": "{value!r} is not one of the models installed on this server: choose one from the list. "
                         "(Typed folders and hub ids are accepted only when the server was started with "
                         "--allow-model-paths.)",
        "hint": " In this app: {ways}.",
        "hint_language": "choose “Brief in: {language}” for a brief that needs no model",
        "hint_auto": "choose Mode “auto”, which makes an extractive brief when the summarization model is missing",
        "hint_install": "or install the model and make the brief again",
        "all_models": "Models: es→en, en→es and the summarizer are installed: abstractive briefs in both languages.",
        "all_tiny": "Models: es→en, en→es and the summarizer are **tiny random test models** (from `python -m "
                    "summarizer.testing`), not real ones: briefs work but their generated lines and translations "
                    "are gibberish. `summarizer models download` fetches the real models.",
        "some_tiny": " **Tiny random test models** (gibberish, for trials): {names}.",
        "missing": "**Models missing:** {missing}. Installed: {have}. To get them, run `summarizer models download`, "
                   "or put the model folders in `models/` (or `$SUMMARIZER_MODELS_DIR`), then reload this page.",
        "none": "none",
        "no_summarizer": " Without the summarization model briefs are extractive: every line is a sentence of the "
                         "transcript.",
        "starts_spanish": " **English briefs of Spanish transcripts need the es→en model**, so the target starts as "
                          "Spanish: a Spanish transcript gives a Spanish brief with no model at all.",
        "es_en_name": "es→en translation", "en_es_name": "en→es translation", "summarizer_name": "summarization",
        "stage_parse": "Reading the transcript", "stage_select": "Choosing topics and quotes",
        "lines_coming": "The stories, quotes and questions are ready; the {mode} model is writing the lines (each "
                        "line below is the speaker's own sentence until then)…",
        "mode_chat": "chat", "mode_abstractive": "summarization", "mode_auto": "language",
        "stage_translate": "Translating", "stage_summarize": "Writing the brief", "stage_compose": "Composing the brief",
    },
    "es": {
        "warning_title": "Aviso", "error_title": "Error", "info_title": "Información",
        "too_large_title": "Transcripción demasiado grande",
        "too_large": "{what} tiene {size:,} bytes; esta aplicación acepta como máximo {limit:,} bytes (una mañanera "
                     "larga tiene unos 200,000). Dé una conferencia a la vez, o inicie la aplicación con "
                     "SUMMARIZER_UI_MAX_BYTES={size} para subir el límite.",
        "the_file": "El archivo", "the_transcript": "La transcripción",
        "wrong_type_title": "No es un archivo de transcripción",
        "wrong_type": "{name} no es un archivo que esta aplicación lea: dé un archivo {types}.",
        "no_model_title": "Modelo no disponible",
        "cannot_title": "No se puede hacer este resumen",
        "unexpected_title": "Error inesperado",
        "unexpected": "{error}. El registro del servidor tiene los detalles.",
        "unknown_model_title": "Modelo desconocido",
        "unknown_model": "{value!r} no es uno de los modelos instalados en este servidor: elija uno de la lista. "
                         "(Las carpetas y los id del hub escritos a mano solo se aceptan si el servidor se inició "
                         "con --allow-model-paths.)",
        "hint": " En esta aplicación: {ways}.",
        "hint_language": "elija “Resumen en: {language}” para un resumen que no necesita modelo",
        "hint_auto": "elija el modo “auto”, que hace un resumen extractivo cuando falta el modelo de resumen",
        "hint_install": "o instale el modelo y vuelva a hacer el resumen",
        "all_models": "Modelos: es→en, en→es y el de resumen están instalados: resúmenes abstractivos en ambos "
                      "idiomas.",
        "all_tiny": "Modelos: es→en, en→es y el de resumen son **modelos de prueba diminutos y aleatorios** (de "
                    "`python -m summarizer.testing`), no los reales: los resúmenes funcionan, pero sus líneas "
                    "generadas y traducciones son galimatías. `summarizer models download` descarga los reales.",
        "some_tiny": " **Modelos de prueba diminutos y aleatorios** (galimatías, para pruebas): {names}.",
        "missing": "**Faltan modelos:** {missing}. Instalados: {have}. Para obtenerlos, ejecute `summarizer models "
                   "download`, o ponga las carpetas de los modelos en `models/` (o `$SUMMARIZER_MODELS_DIR`) y "
                   "vuelva a cargar esta página.",
        "none": "ninguno",
        "no_summarizer": " Sin el modelo de resumen, los resúmenes son extractivos: cada línea es una frase de la "
                         "transcripción.",
        "starts_spanish": " **Los resúmenes en inglés de transcripciones en español necesitan el modelo es→en**, así "
                          "que el idioma empieza en español: una transcripción en español da un resumen en español "
                          "sin ningún modelo.",
        "es_en_name": "traducción es→en", "en_es_name": "traducción en→es", "summarizer_name": "resumen",
        "stage_parse": "Leyendo la transcripción", "stage_select": "Eligiendo temas y citas",
        "lines_coming": "Los temas, las citas y las preguntas están listos; el modelo de {mode} está escribiendo "
                        "las líneas (hasta entonces, cada línea es la frase del propio orador)…",
        "mode_chat": "chat", "mode_abstractive": "resumen", "mode_auto": "lenguaje",
        "stage_translate": "Traduciendo", "stage_summarize": "Escribiendo el resumen",
        "stage_compose": "Componiendo el resumen",
    },
}
"""What the handlers say, by key."""

I18N = gr.I18n(**UI)
t = I18N  # t("key"): a fixed word of the page, translated in the browser


def say(lang: str, key: str, **params) -> str:
    """Message ``key`` in ``lang`` (English for anything else)."""
    return MESSAGES.get(lang, MESSAGES["en"])[key].format(**params)


COOKIE = "summarizer_lang"
"""The cookie that keeps the page's language (a year, for the whole site)."""


def pick_language(hint: str | None = None, accept_language: str | None = None, cookie: str | None = None) -> str:
    """The page's language: ``hint`` (what the page says it is: "es", "es-MX"…) when it
    names one we speak, else the `COOKIE`'s, else the first of ``Accept-Language`` we
    speak, else English."""
    for tag in [hint or "", cookie or ""] + re.split(r",", accept_language or ""):
        code = tag.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


__all__ = ["UI", "MESSAGES", "I18N", "COOKIE", "t", "say", "pick_language", "LANGUAGES"]
