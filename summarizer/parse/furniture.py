"""Page furniture: what a news site or gob.mx prints around a transcript that nobody said.

A transcript copied from a news site comes with the site's furniture between its
paragraphs: ads ("PUBLICIDAD"), links to other stories ("Lee también: …", "Te puede
interesar: …", "Más información: …", "Temas relacionados: …"), share buttons
("Compartir", "Facebook Twitter WhatsApp"), newsletter and follow prompts
("Suscríbete…", "Síguenos en Google News"), copyright lines, cookie notices; gob.mx adds its
own footer ("Imprime la página completa", "La legalidad, veracidad y la calidad de la
información…", its menus). `is_furniture` tells one paragraph; `find_furniture` the
paragraphs of a text, which the parser leaves out of every turn (a turn they interrupt goes
on after them) and reports in a note, never silently.

A paragraph is furniture only when the whole of it is: a phrase of its own (a menu item,
"PUBLICIDAD"), or one that opens with a site's formula and is short. Speech that mentions
cookies or says "compartir" is long or punctuated and stays speech.
"""

from __future__ import annotations

import re

from .sentences import Span

MAX_CHARS = 400
"""Furniture is short: a longer paragraph is text, whatever it opens with."""

_I = re.I
# Whole paragraphs: a label, a button, a menu item (no sentence ends in them).
_ITEM = re.compile(
    r"^(?:publicidad|anuncio|advertisement|contenido patrocinado|patrocinado|continúa leyendo|continua leyendo|"
    r"sigue leyendo|leer más|leer mas|ver más|ver mas|cargar más|cargar mas|más noticias|mas noticias|"
    r"comparte?|compartir(?: (?:en|por) \w+| esta nota| este artículo| la nota)?|copiar (?:enlace|link|url)|"
    r"enviar por correo|imprimir|guardar|escuchar (?:nota|artículo)|"
    r"aceptar(?: (?:todas|todo|cookies|y cerrar))?|rechazar(?: todas)?|configurar cookies|"
    r"política de (?:privacidad|cookies)|aviso de privacidad|términos y condiciones|mapa de sitio|"
    r"contacto|enlaces|accesibilidad|transparencia|trámites|gobierno|participa|datos|búsqueda|"
    r"publicaciones oficiales|marco jurídico|portal de obligaciones de transparencia|"
    r"plataforma nacional de transparencia|sistema nacional anticorrupción|alerta|denuncia|"
    r"denuncia contra servidores públicos|¿qué es gob\.mx\?|imprime la página completa|"
    r"(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|email|e-mail|correo|messenger|pinterest|reddit|"
    r"flipboard|threads|instagram|youtube|tiktok|copiar enlace|imprimir)[\s,|·•/]*){1,10})$", _I)
# Formulas that open a link to another story or a prompt: furniture when a colon follows them,
# or when the paragraph is short and does not end as a sentence does (a headline, a button's
# text); speech that opens so ("Relacionado a lo que usted comentó ayer, ¿…?", "Regístrate en
# la plataforma para recibir tu beca.") ends as a sentence.
_LINKS = re.compile(
    r"^(?:(?:lee|lea|leer|ve|ver|mira|checa|consulta|revisa)\s+(?:también|tambien|además|ademas|más|mas)\b|"
    r"(?:también\s+|tambien\s+)?(?:te|le)\s+(?:puede|podría|podria)\s+interesar\b|"
    r"(?:te|le)\s+(?:recomendamos|sugerimos)\b|recomendamos\b|quizás?\s+te\s+interese|"
    r"más\s+información\b|mas\s+informacion\b|más\s+info\b|"
    r"(?:notas|temas|artículos|articulos|noticias|contenidos?)\s+relacionad[oa]s\b|relacionad[oa]s?\b|"
    r"etiquetas\b|tags\b|suscr[ií]b(?:e|ete|ase)\b|reg[ií]strate\b|recibe\s+(?:las|nuestras|todas|gratis|en\s+tu)\b|"
    r"[úu]nete\s+a\s+nuestro|s[ií]guenos\b|sigue\s+a\s+.{1,60}\s+en\s+(?:google|whatsapp|telegram|x|facebook|"
    r"twitter|instagram|youtube|tiktok)|descarga\s+(?:nuestra|la)\s+app)", _I)
_SENTENCE_END = re.compile(r"[.?!…»”\"]\s*$")
# Notices that are never speech, however they end.
_NOTICES = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|todos\s+los\s+derechos\s+reservados|prohibida\s+(?:su|la)\s+reproducci[óo]n|"
    r"la\s+legalidad,\s+veracidad\s+y\s+la\s+calidad\s+de\s+la\s+informaci[óo]n|fecha\s+de\s+publicaci[óo]n\s*:)", _I)
_COOKIES = re.compile(r"\bcookies?\b", _I)
_CONSENT = re.compile(r"\b(?:utiliza|usamos|utilizamos|acept|consentimiento|navega|pol[íi]tica|terceros|experiencia)", _I)



def is_furniture(paragraph: str) -> bool:
    """Whether a paragraph (one line of a copied page) is a site's furniture (see the module's doc)."""
    text = paragraph.strip().strip("•·|>»-–— ").strip()
    if not text or len(text) > MAX_CHARS:
        return False
    if _ITEM.match(text.rstrip(" :")) or _NOTICES.match(text):
        return True
    link = _LINKS.match(text)
    if link and (text[link.end():].lstrip().startswith(":") or (len(text) <= 160 and not _SENTENCE_END.search(text))):
        return True
    if _COOKIES.search(text) and _CONSENT.search(text):
        return True
    return len(text) <= 200 and "©" in text  # "… © AP – Christian Chavez": a photo's credit


def _bare_link(paragraph: str) -> bool:
    """A link's formula alone ("LEE TAMBIÉN", "Te puede interesar:"): its story's title follows."""
    text = paragraph.strip().strip("•·|>»-–—: ")
    link = _LINKS.match(text)
    return bool(link) and link.end() == len(text)


def find_furniture(text: str, paragraphs: list[Span]) -> set[int]:
    """The start offsets of the paragraphs of ``text`` that are furniture, a story's title after
    a bare "LEE TAMBIÉN" among them."""
    found: set[int] = set()
    title_next = False
    for s, e in paragraphs:
        paragraph = text[s:e] if e - s <= MAX_CHARS + 20 else ""
        if is_furniture(paragraph) or (title_next and len(paragraph) <= 160 and paragraph
                                       and not _SENTENCE_END.search(paragraph)):
            found.add(s)
        title_next = s in found and _bare_link(paragraph)
    return found


__all__ = ["is_furniture", "find_furniture", "MAX_CHARS"]
