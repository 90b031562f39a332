"""The notes' texts: each code's English and Spanish template (a format string, or a
function of the parameters where the wording depends on them)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from ..output.wording import LANGUAGE_NAMES, a_language


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _positions(p: Mapping, lang: str) -> str:
    """"line 3, character 120; line 9, character 400": the first bad spots."""
    spots = p.get("first") or []
    if lang == "es":
        return "; ".join(f"línea {line}, carácter {char}" for line, char in spots)
    return "; ".join(f"line {line}, character {char}" for line, char in spots)


# What a file that is not a transcript is, and what to do about it: kind → (English, Spanish, advice).
KINDS = {
    "doc": ("an old Office document (.doc, .xls)", "un documento antiguo de Office (.doc, .xls)", "save"),
    "rtf": ("an RTF document", "un documento RTF", "save"),
    "odf": ("an OpenDocument file (.odt, .ods)", "un archivo OpenDocument (.odt, .ods)", "save"),
    "zip": ("a ZIP archive (or .xlsx, .pptx…)", "un archivo ZIP (o .xlsx, .pptx…)", "save"),
    "image": ("an image ({format})", "una imagen ({format})", "picture"),
    "archive": ("a compressed archive ({format})", "un archivo comprimido ({format})", "unpack"),
    "program": ("a program ({format})", "un programa ({format})", "give"),
    "database": ("a database ({format})", "una base de datos ({format})", "give"),
    "media": ("a recording or a video ({format})", "una grabación o un video ({format})", "media"),
}
ADVICE = {
    "save": ("save it as .txt (UTF-8), .docx or PDF and try again",
             "guárdelo como .txt (UTF-8), .docx o PDF e inténtelo de nuevo"),
    "picture": ("give the transcript's text, not a picture of it", "dé el texto de la transcripción, no una imagen"),
    "unpack": ("unpack it and give the transcript inside", "descomprímalo y dé la transcripción que contiene"),
    "give": ("give a transcript", "dé una transcripción"),
    "media": ("give the transcript's text (this tool does not transcribe audio or video)",
              "dé el texto de la transcripción (esta herramienta no transcribe audio ni video)"),
}


def _kind(p: Mapping, lang: str) -> str:
    en, es, advice = KINDS[p["kind"]]
    what = (es if lang == "es" else en).format(format=p.get("format", ""))
    todo = ADVICE[advice][1 if lang == "es" else 0]
    if lang == "es":
        return f"la entrada es {what}, no una transcripción: {todo}"
    return f"the input is {what}, not a transcript: {todo}"


def _lost_terms(p: Mapping, lang: str) -> str:
    """"2 protected terms did not come through …: “Sembrando Vida” in 2 sentences, …"."""
    es = lang == "es"
    shown = []
    for term, rendering, count in p["terms"]:
        name = f"“{term}”" + ((f" (como “{rendering}”)" if es else f" (as “{rendering}”)") if rendering != term else "")
        shown.append(f"{name} {'en' if es else 'in'} {count} {_plural(count, 'frase' if es else 'sentence', 'frases' if es else 'sentences')}")
    one = len(p["terms"]) == 1
    if es:
        return (f"{len(p['terms'])} {_plural(len(p['terms']), 'término protegido no pasó', 'términos protegidos no pasaron')} "
                f"por la traducción (el modelo {_plural(len(p['terms']), 'lo', 'los')} quitó o cambió; no se puso nada "
                "en su lugar): " + ", ".join(shown))
    return (f"{len(p['terms'])} protected term{'' if one else 's'} did not come through the translation "
            f"(the model dropped or changed {'it' if one else 'them'}; nothing was put in "
            f"{'its' if one else 'their'} place): " + ", ".join(shown))


_PROBLEMS = {"en": {"empty": "an empty answer"},
             "es": {"figure": "cifra", "name": "nombre", "month": "mes", "quote": "cita", "empty": "una respuesta vacía"}}


def say_problems(what: Iterable[str], lang: str) -> str:
    """What a generated line said that its sources do not (`faithful.problems`: "figure 999;
    name Juan Pérez"), in ``lang``."""
    return "; ".join(f"{_PROBLEMS[lang].get(k, k)} {v}".strip() for k, _, v in (i.partition(" ") for i in what))


def _problems(p: Mapping, lang: str) -> str:
    return say_problems(p["found"], lang)


def _missing_translation(p: Mapping, lang: str) -> str:
    names = LANGUAGE_NAMES[lang]
    target, source = names[p["target"]], names[p["source"]]
    if lang == "es":
        return (f"un resumen en {target} de una transcripción en {source} necesita {p['what']}, que no está "
                f"disponible: ejecute `summarizer models download` (o ponga el modelo en models/). Un resumen en "
                f"{source} no necesita ningún modelo{p['advice']}.")
    return (f"a brief in {target} of {a_language(p['source'])} transcript needs {p['what']}, which is not available: "
            f"run `summarizer models download` (or put the model in models/). A brief in {source} needs no "
            f"model{p['advice']}.")


# code → (English, Spanish): a format string over the parameters, or a function of
# (parameters, language) for wording that depends on a count.
Template = str | Callable[[Mapping], str]
TEMPLATES: dict[str, tuple[Template, Template]] = {
    "text": ("{text}", "{text}"),
    # ---- reading the input
    "decode.invalid": (
        lambda p: (f"{p['count']} invalid {_plural(p['count'], 'byte sequence', 'byte sequences')} in the "
                   f"{p['encoding']} input {_plural(p['count'], 'was', 'were')} replaced by “\ufffd” "
                   f"(first at {_positions(p, 'en')}): check those places against the original"),
        lambda p: (f"{p['count']} {_plural(p['count'], 'secuencia de bytes no válida', 'secuencias de bytes no válidas')} "
                   f"en la entrada {p['encoding']} se {_plural(p['count'], 'reemplazó', 'reemplazaron')} por “\ufffd” "
                   f"(la primera en {_positions(p, 'es')}): compare esos lugares con el original"),
    ),
    "decode.replacement": (
        lambda p: (f"the text holds {p['count']} replacement {_plural(p['count'], 'character', 'characters')} "
                   f"“\ufffd” (first at {_positions(p, 'en')}): bytes were lost before it reached us"),
        lambda p: (f"el texto contiene {p['count']} {_plural(p['count'], 'carácter', 'caracteres')} de reemplazo "
                   f"“\ufffd” (el primero en {_positions(p, 'es')}): se perdieron bytes antes de que llegara aquí"),
    ),
    "decode.legacy": (
        "the input is not UTF-8: it was read as Windows-1252 (legacy Windows) text",
        "la entrada no es UTF-8: se leyó como texto Windows-1252 (Windows antiguo)",
    ),
    "decode.html": (
        "the input is an HTML page: only its visible text was read",
        "la entrada es una página HTML: solo se leyó su texto visible",
    ),
    "decode.pdf": (
        lambda p: (f"the text was extracted from a PDF ({p['pages']} {_plural(p['pages'], 'page', 'pages')}): "
                   "its line breaks may differ from the page's"),
        lambda p: (f"el texto se extrajo de un PDF ({p['pages']} {_plural(p['pages'], 'página', 'páginas')}): "
                   "sus saltos de línea pueden diferir de los de la página"),
    ),
    "decode.reflowed": (
        "the text's lines break as a PDF's do (a copy of a PDF?): its paragraphs were rebuilt before reading",
        "las líneas del texto se cortan como las de un PDF (¿una copia de un PDF?): se reconstruyeron sus párrafos "
        "antes de leerlo",
    ),
    "decode.pdf_furniture": (
        lambda p: (f"{p['lines']} {_plural(p['lines'], 'line', 'lines')} of page furniture (running heads, footers, "
                   f"page numbers) left out of the text, the first “{p['first']}”"),
        lambda p: (f"{p['lines']} {_plural(p['lines'], 'línea', 'líneas')} de encabezados, pies de página o números "
                   f"de página se dejaron fuera del texto, la primera “{p['first']}”"),
    ),
    # ---- parsing
    "parse.furniture": (
        lambda p: (f"{p['paragraphs']} {_plural(p['paragraphs'], 'paragraph', 'paragraphs')} of web-page furniture "
                   f"(ads, “read also” links, share buttons, newsletter, copyright or cookie notices) left out of "
                   f"every turn, the first “{p['first']}”"),
        lambda p: (f"{p['paragraphs']} {_plural(p['paragraphs'], 'párrafo', 'párrafos')} de elementos de la página "
                   f"web (publicidad, enlaces “lee también”, botones para compartir, avisos de boletín, derechos o "
                   f"cookies) se dejaron fuera de todos los turnos, el primero “{p['first']}”"),
    ),
    "parse.no_speakers": (
        "no speaker could be identified: the text has no speaker labels (“NAME:”) and no quotation attributed to "
        "anyone, so nothing in it is attributed to a person",
        "no se pudo identificar a ningún orador: el texto no tiene etiquetas de orador (“NOMBRE:”) ni citas "
        "atribuidas a alguien, así que nada se atribuye a una persona",
    ),
    "parse.no_turns": ("no speaker turn has any text", "ningún turno de los oradores tiene texto"),
    "parse.no_label": (
        lambda p: (f"{p['blocks']} {_plural(p['blocks'], 'block opens', 'blocks open')} with a line of "
                   f"{p['chars']:,} characters or more where the speaker's name goes: too long for a name, it is "
                   "read as speech by an unidentified speaker (never quoted)"),
        lambda p: (f"{p['blocks']} {_plural(p['blocks'], 'bloque empieza', 'bloques empiezan')} con una línea de "
                   f"{p['chars']:,} caracteres o más donde va el nombre del orador: demasiado larga para un nombre, "
                   "se lee como palabras de un orador no identificado (nunca se citan)"),
    ),
    "parse.partial": (
        "partial transcript: it stops at “(Continúa…)”, so the rest of the conference is missing",
        "transcripción parcial: se interrumpe en “(Continúa…)”, así que falta el resto de la conferencia",
    ),
    "parse.truncated": (
        "incomplete transcript: it ends in the middle of a sentence (“{ending}”), so the rest of the conference "
        "may be missing",
        "transcripción incompleta: termina a media frase (“{ending}”), así que puede faltar el resto de la "
        "conferencia",
    ),
    "parse.repeated": (
        lambda p: (f"{p['turns']} {_plural(p['turns'], 'turn', 'turns')} ({p['words']:,} words) repeat text printed "
                   "earlier (a page printed twice?): left out of the quotes, questions and speaking shares"),
        lambda p: (f"{p['turns']} {_plural(p['turns'], 'turno repite', 'turnos repiten')} ({p['words']:,} palabras) "
                   "texto ya impreso antes (¿una página impresa dos veces?): no cuentan para las citas, las "
                   "preguntas ni la participación"),
    ),
    "parse.no_questions": (
        "no question-and-answer session: only the opening remarks are here (the questions and answers may be "
        "missing)",
        "sin sesión de preguntas y respuestas: solo está la exposición inicial (pueden faltar las preguntas y "
        "respuestas)",
    ),
    "parse.short": (
        "the transcript has {words:,} words, far fewer than a daily conference usually has (median about "
        "{median:,}): it may be incomplete",
        "la transcripción tiene {words:,} palabras, muchas menos de las que suele tener una conferencia diaria "
        "(mediana de unas {median:,}): puede estar incompleta",
    ),
    # ---- translating
    "translate.pair": ("translation {source}→{target}: {note}", "traducción {source}→{target}: {note}"),
    "translate.shared": ("in a pass shared by {documents} documents: {note}",
                         "en una pasada compartida por {documents} documentos: {note}"),
    "translate.language": ("the transcript looks like '{detected}' but was translated as '{source}'",
                           "la transcripción parece estar en '{detected}', pero se tradujo como '{source}'"),
    "translate.empty": ("{count} of {total} sentences came back empty, e.g. {examples}",
                        "{count} de {total} frases volvieron vacías, p. ej. {examples}"),
    "translate.repetition": ("{count} of {total} sentences look like repetition loops, e.g. {examples}",
                             "{count} de {total} frases parecen bucles de repetición, p. ej. {examples}"),
    "translate.length": (
        "{count} of {total} sentences have an implausible length (translation/original outside {low}–{high}×), "
        "e.g. {examples}",
        "{count} de {total} frases tienen una longitud inverosímil (traducción/original fuera de {low}–{high}×), "
        "p. ej. {examples}",
    ),
    "translate.lost_terms": (lambda p: _lost_terms(p, "en"), lambda p: _lost_terms(p, "es")),
    "translate.split": (
        lambda p: (f"{p['count']} sentences longer than {p['limit']} tokens had no clause boundary and were split "
                   f"{'between words' if p['where'] == 'words' else 'between characters (tokens)'}, "
                   f"e.g. {p['examples']}"),
        lambda p: (f"{p['count']} frases de más de {p['limit']} tokens no tenían límite de cláusula y se cortaron "
                   f"{'entre palabras' if p['where'] == 'words' else 'entre caracteres (tokens)'}, "
                   f"p. ej. {p['examples']}"),
    ),
    # ---- errors (a SummarizerError made from a note)
    "error.empty": ("the transcript is empty: paste or load the text of a transcript",
                    "la transcripción está vacía: pegue o cargue el texto de una transcripción"),
    "error.kind": (lambda p: _kind(p, "en"), lambda p: _kind(p, "es")),
    "error.not_text": (
        "the input is not text but binary data: {odd:,} of its {total:,} bytes are control bytes or bytes that "
        "neither UTF-8 nor Windows-1252 uses; give a transcript as .txt (UTF-8), .docx or PDF",
        "la entrada no es texto sino datos binarios: {odd:,} de sus {total:,} bytes son de control o no los usa ni "
        "UTF-8 ni Windows-1252; dé una transcripción en .txt (UTF-8), .docx o PDF",
    ),
    "error.nul": (
        "the input holds NUL characters (the first at character {at}): it is binary data, not a transcript; give "
        "its text (.txt, .docx or PDF)",
        "la entrada contiene caracteres NUL (el primero en el carácter {at}): son datos binarios, no una "
        "transcripción; dé su texto (.txt, .docx o PDF)",
    ),
    "error.controls": (
        "the input holds {count} control characters in {total:,}: it looks like binary data, not a transcript; "
        "give its text (.txt, .docx or PDF)",
        "la entrada contiene {count} caracteres de control en {total:,}: parecen datos binarios, no una "
        "transcripción; dé su texto (.txt, .docx o PDF)",
    ),
    "error.zip_damaged": ("the input is a damaged ZIP file ({detail}): save it as .txt (UTF-8), .docx or PDF and "
                          "try again",
                          "la entrada es un archivo ZIP dañado ({detail}): guárdelo como .txt (UTF-8), .docx o PDF "
                          "e inténtelo de nuevo"),
    "error.docx_bomb": ("the .docx unpacks to {size:,} bytes, far over the input limit: save its text as .txt and "
                        "try again",
                        "el .docx se descomprime en {size:,} bytes, muy por encima del límite: guarde su texto como "
                        ".txt e inténtelo de nuevo"),
    "error.docx_damaged": ("the .docx cannot be read ({detail}): save it again, or as .txt, and try again",
                           "el .docx no se puede leer ({detail}): guárdelo de nuevo, o como .txt, e inténtelo de "
                           "nuevo"),
    "error.pdf_encrypted": ("the PDF is password-protected: open it, save an unprotected copy or its text, and try "
                            "again",
                            "el PDF está protegido con contraseña: ábralo, guarde una copia sin protección o su "
                            "texto, e inténtelo de nuevo"),
    "error.pdf_damaged": ("the PDF cannot be read ({detail}); save its text as .txt and try again",
                          "el PDF no se puede leer ({detail}); guarde su texto como .txt e inténtelo de nuevo"),
    "error.pdf_no_text": ("the PDF ({pages} pages) has no text layer, only images (a scan?): run OCR on it or copy "
                          "its text, and try again",
                          "el PDF ({pages} páginas) no tiene capa de texto, solo imágenes (¿un escaneo?): aplíquele "
                          "OCR o copie su texto, e inténtelo de nuevo"),
    "model.summarizer": ("the summarization model", "el modelo de resumen"),
    "model.chat": ("the chat model", "el modelo de chat"),
    "error.missing_chat": (
        "a chat brief needs {what}, which is not available: run `summarizer models download chat` (or put an instruct "
        "model in models/){advice}.",
        "un resumen de chat necesita {what}, que no está disponible: ejecute `summarizer models download chat` (o "
        "ponga un modelo instruct en models/){advice}.",
    ),
    "model.translation": ("the {source}→{target} translation model", "el modelo de traducción {source}→{target}"),
    "error.missing_abstractive": (
        "an abstractive brief needs {what}, which is not available: run `summarizer models download` (or put the "
        "model in models/){advice}.",
        "un resumen abstractivo necesita {what}, que no está disponible: ejecute `summarizer models download` (o "
        "ponga el modelo en models/){advice}.",
    ),
    "advice.extractive": (", or ask for {option}, which needs no summarization model",
                          ", o pida {option}, que no necesita modelo de resumen"),
    "error.missing_translation": (lambda p: _missing_translation(p, "en"), lambda p: _missing_translation(p, "es")),
    "advice.target": (": ask for {option}", ": pida {option}"),
    # ---- summarizing
    "summary.empty": (
        "nothing in this transcript was said by a speaker who can be quoted (only press, stage directions or "
        "narration): the brief is empty",
        "nada en esta transcripción lo dijo un orador citable (solo prensa, acotaciones o narración): "
        "el resumen está vacío",
    ),
    "summary.no_topics": (
        "no subject is discussed at enough length for a key point (the quotable speakers say {words} words in "
        "all): the brief has no key points",
        "ningún tema se trata con la extensión que pide un punto clave (los oradores citables dicen {words} "
        "palabras en total): el resumen no tiene puntos clave",
    ),
    "summary.guard": (
        "point {point}: figure(s) {figures} in the generated line are not in its source sentences; replaced by "
        "the speaker's own sentence",
        "punto {point}: las cifras {figures} de la línea generada no están en sus frases de origen; se sustituyó "
        "por la frase del propio orador",
    ),
    "summary.answer_guard": (
        "question {question}: figure(s) {figures} in the generated answer are not in its source sentences; replaced "
        "by the speaker's own sentence",
        "pregunta {question}: las cifras {figures} de la respuesta generada no están en sus frases de origen; se "
        "sustituyó por la frase del propio orador",
    ),
    "summary.answer_window": (
        "question {question}: {count} sentence(s) of the answer did not fit the summarizer's window and were not read",
        "pregunta {question}: {count} frase(s) de la respuesta no cupieron en la ventana del modelo de resumen y no se "
        "leyeron",
    ),
    "summary.lead_guard": (
        "lead: figure(s) {figures} in the generated lead are not in its source sentences; replaced by a speaker's "
        "own sentence",
        "entrada: las cifras {figures} de la entrada generada no están en sus frases de origen; se sustituyó por "
        "la frase de un orador",
    ),
    "summary.chat_guard": (
        lambda p: f"point {p['point']}: the chat model's line said what its story's sentences do not "
                  f"({_problems(p, 'en')}), asked twice; replaced by the speaker's own sentence",
        lambda p: f"punto {p['point']}: la línea del modelo de chat dijo lo que las frases de su tema no dicen "
                  f"({_problems(p, 'es')}), dos veces; se sustituyó por la frase del propio orador",
    ),
    "summary.chat_lead_guard": (
        lambda p: f"lead: the chat model's lead said what the day's stories do not ({_problems(p, 'en')}), asked "
                  "twice; replaced by a speaker's own sentence",
        lambda p: f"entrada: la entrada del modelo de chat dijo lo que los temas del día no dicen "
                  f"({_problems(p, 'es')}), dos veces; se sustituyó por la frase de un orador",
    ),
    "summary.lead_figures": (
        "lead: figures not in the source and no sentence left to stand in; lead left empty",
        "entrada: cifras que no están en el original y ninguna frase para sustituirla; la entrada quedó vacía",
    ),
    "summary.topic_window": (
        "point {point}: {count} key sentence(s) did not fit the summarizer's window and were not read",
        "punto {point}: {count} frase(s) clave no cupieron en la ventana del modelo de resumen y no se leyeron",
    ),
    "summary.lead_window": (
        "lead: {count} topic sentence(s) did not fit the summarizer's window",
        "entrada: {count} frase(s) de los temas no cupieron en la ventana del modelo de resumen",
    ),
}


__all__ = ["TEMPLATES", "say_problems"]
