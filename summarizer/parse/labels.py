"""What one speaker label says on its own: its kind, name and title parts.

Mañanera labels come in a few shapes:
``PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR``, ``PREGUNTA`` and its typos,
``NAME, TITLE`` (then ``NAME`` alone), ``TITLE, NAME``, bracketed notes such as
``(ENLACE VIDEOLLAMADA)``, stage directions such as ``(INICIA VIDEO)``, archive
clips (``… (EN ESE MOMENTO JEFE DE GOBIERNO)``) and all-caps text the dataset
took for a label (``VE-2248``, ``PT``). English labels (``MS. JEAN-PIERRE``, ``Q``) are
`english`'s. `classify_label` reads one label;
`speakers` turns the labels of a transcript into people.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..document import Kind
from .english import PRESS_KEYS, english_label
from .names import GIVEN_NAMES, key_of, strip_accents

PRESIDENT, OFFICIAL, PRESS, VOICE = Kind.PRESIDENT, Kind.OFFICIAL, Kind.PRESS, Kind.VOICE
AUDIENCE, MODERATOR, STAGE, ARCHIVE = Kind.AUDIENCE, Kind.MODERATOR, Kind.STAGE, Kind.ARCHIVE
OTHER, UNKNOWN, NARRATION = Kind.OTHER, Kind.UNKNOWN, Kind.NARRATION

SHEINBAUM_TAKES_OFFICE = "2024-10-01"
MAX_LABEL_CHARS = 300
"""A speaker label is never longer (the archive's longest of ~3,700 transcripts has 243
characters); a longer line is speech, not a label."""
MAX_NAME_WORDS = 8

# ---------------------------------------------------------------- text helpers

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def clean_label(raw: str) -> str:
    """A label with invisible characters removed and white space collapsed."""
    text = raw.translate(_INVISIBLE)
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- vocabulary

# Press labels by prefix of the key's first word; the prefixes also catch the
# typos seen in the archive's labels (PREGUNA, INTERLOCUTOAR, INTERVECIÓN, …).
_PRESS_GROUPS = (
    (("PREG", "GPREG", "PREF", "PREUG", "REGUNTA", "PRGUNTA"), "PREGUNTA"),
    (("INTERL", "INTELOC", "NTERLOC", "INTERCUL", "INTERLC", "INTERLOU"), "INTERLOCUTOR"),
    (("INTERV", "INTEREV", "INTEV", "INTRV", "INTERBV"), "INTERVENCION"),
    (("REPORTER", "REPORTERA", "REPORTERO"), "REPORTERO"),
)
_VOICE_WORDS = {"HOMBRE", "MUJER", "NINO", "NINA", "NINOS", "NINAS", "JOVEN", "SENOR", "SENORA", "VOZ"}
_AUDIENCE = {"ASISTENTES", "ASISTENTE", "VOCES A CORO", "VOCES CORO", "VOCES", "NINAS Y NINOS",
             "NINOS Y NINAS", "PUBLICO", "TODOS", "CORO", "AUDIENCIA", "TODAS Y TODOS"}
_MODERATOR_RE = re.compile(r"^\+?M?O?D+E?R+A?D+O?R?A?(?: \d+)?$")

# Role words that open a "TITLE, NAME" label (accent-stripped, upper case).
_ROLE_WORDS = (
    "SECRETARI", "SUBSECRETARI", "DIRECTOR", "SUBDIRECTOR", "TITULAR", "COORDINADOR", "GOBERNADOR",
    "PRESIDENT", "PROCURADOR", "FISCAL", "JEFE ", "JEFA ", "COMISIONAD", "VOCER", "BENEFICIARI",
    "ESCRITOR", "HABITANTE", "CONCURSANTE", "CANTANTE", "REPRESENTANTE", "MAESTR", "ASESOR",
    "PROMOTOR", "PROFESOR", "POETA", "DIVULGADOR", "ASISTENTE A", "GERENTE", "EMBAJADOR",
    "CONSEJER", "ADMINISTRADOR", "COMANDANTE", "GENERAL ", "ALMIRANTE", "MAGISTRAD", "MINISTR",
    "SENADOR", "DIPUTAD", "ALCALDE", "INVESTIGADOR", "DOCTOR", "ABOGAD", "OFICIAL", "ENCARGAD",
    "RECTOR", "DELEGAD", "ARQUEOLOG", "POBLADOR", "INGENIER", "AGENTE", "CAPITAN", "VICEALMIRANTE",
    "ACTOR", "ACTRIZ", "ARTISTA", "CIENTIFIC", "MEDIC", "ENFERMER", "ESTUDIANTE", "ALUMN",
    "DEPORTISTA", "ATLETA", "SUPERINTENDENTE", "VICEPRESIDENT", "LIDER", "PERIODISTA", "CONDUCTOR",
    "DRAMATURG", "COMPOSITOR", "ANTROPOLOG", "HISTORIADOR", "MUSICO", "EXPRESIDENT", "EXSECRETARI",
    "EXGOBERNADOR", "CANDIDAT", "INTEGRANTE", "MIEMBRO", "FUNDADOR", "SOCI", "EMPRESARI",
    "PRODUCTOR", "CAMPESIN", "PESCADOR", "TRABAJADOR", "MADRE", "PADRE", "HIJ", "VECIN", "LOCUTOR",
    "PRESIDENTA MUNICIPAL", "SUBCOMANDANTE", "TENIENTE", "CORONEL", "SARGENTO", "CABO ", "SOLDADO",
)
# Words that never occur in a person's name (accent-stripped): a label made of
# them is a title or a heading, not a name.
_NOT_NAME_WORDS = frozenset("""
LO QUE EL UN UNA UNO EN CON POR PARA SE NO SI ES SON SU SUS AL A O U ESTE ESTA ESTO
NACIONAL GENERAL FEDERAL INSTITUTO COMISION DIRECCION DESARROLLO GOBIERNO REPUBLICA ESTADO
MUNICIPIO CIUDAD PROGRAMA SISTEMA CONSEJO CENTRO UNIDAD SECRETARIA SUBSECRETARIA COMUNICACIONES
TRANSPORTES INFRAESTRUCTURA SEGURIDAD PROTECCION CIUDADANA PUBLICA SOCIAL SALUD EDUCACION
BIENESTAR ENERGIA ECONOMIA CULTURA TRABAJO TERRITORIAL URBANO AGRARIO VIDEO AUDIO VIDEOLLAMADA
ENLACE FOTO IMAGEN NOTA TOTAL ARTICULO CAPITULO TITULO ANEXO MEXICO MEXICANO MEXICANOS UNIDOS
FAVOR CONTRA VOTOS VOTO ABSTENCION PRI PAN PRD PT PVEM MC MORENA PES OCDE HSBC TEMA PUNTO
SENOR SENORA SENORES ESTIMADO ESTIMADA ESTIMADOS QUERIDO QUERIDA PRESIDENTE PRESIDENTA LICENCIADO
LICENCIADA DON DONA ATENTAMENTE ASUNTO OFICIO FECHA CIUDADANO CIUDADANA PRESENTE CORRESPONDA
""".split())

# Bracketed notes that are not part of a name or title (accent-stripped, upper case).
_NOTE_WORDS = ("ENLACE", "VIDEOLLAMADA", "VIDEO LLAMADA", "VIA REMOTA", "INTERPRETACION", "TRADUCCION",
               "ENTRANTE", "SALIENTE", "EN ESE MOMENTO", "ENTONCES", "FRAGMENTO", "ARCHIVO", "GRABACION",
               "EN VIDEO", "MENSAJE", "DESDE ", "EN LINEA", "A DISTANCIA")
_ARCHIVE_NOTES = ("EN ESE MOMENTO", "ENTONCES", "FRAGMENTO", "ARCHIVO", "GRABACION")

# Mexican states: a place glued to a name ("…, OAXACA CECILIA VÁZQUEZ DÍAZ").
_STATES = ("AGUASCALIENTES", "BAJA CALIFORNIA SUR", "BAJA CALIFORNIA", "CAMPECHE", "CHIAPAS",
           "CHIHUAHUA", "COAHUILA", "COLIMA", "DURANGO", "GUANAJUATO", "GUERRERO", "HIDALGO",
           "JALISCO", "MICHOACAN", "MORELOS", "NAYARIT", "NUEVO LEON", "OAXACA", "PUEBLA",
           "QUERETARO", "QUINTANA ROO", "SAN LUIS POTOSI", "SINALOA", "SONORA", "TABASCO",
           "TAMAULIPAS", "TLAXCALA", "VERACRUZ", "YUCATAN", "ZACATECAS", "CIUDAD DE MEXICO")


# ------------------------------------------------------------- classification


@dataclass(frozen=True)
class LabelInfo:
    """What one label says on its own, before merging with the rest of the transcript."""

    kind: str
    name: str | None  # upper-case name part, notes removed
    title: str | None  # upper-case title part
    notes: tuple[str, ...] = ()
    alias: str | None = None  # a quoted stage name: “EL BOGUETO”
    english: bool = False  # an English label (`english`): ``MS. JEAN-PIERRE``, ``Q``, ``THE PRESIDENT``


_ROLE_RE = re.compile("|".join(re.escape(word) for word in sorted(_ROLE_WORDS, key=len, reverse=True)))


def starts_with_role(key: str) -> bool:
    """Whether an upper-case key opens with a role word (SECRETARIA, GOBERNADOR, …)."""
    return _ROLE_RE.match(key + " ") is not None


def press_group(key: str) -> str | None:
    """The canonical press label for a label key (``PREGUNA`` → ``PREGUNTA``), or None."""
    for prefixes, canonical in _PRESS_GROUPS:
        if key.startswith(prefixes):
            return canonical
    if key.startswith("PRE GUNTA") or key in PRESS_KEYS:
        return "PREGUNTA"  # "Q" of an English transcript too
    return None


def is_press_label(label: str) -> bool:
    """``PREGUNTA``, ``INTERLOCUTORA``, ``INTERVENCIÓN MUJER`` and their typos."""
    key = key_of(label)
    return "," not in label and len(key.split()) <= 4 and press_group(key) is not None


def looks_like_name(text: str, *, part: bool = False) -> bool:
    """Whether an upper-case phrase can be a personal name (1–8 name words).

    One word alone must be a known first name, unless ``part`` (a piece of a
    name broken over two lines: ``ROCES``)."""
    words = [w.strip("“”\"‘’'") for w in text.split()]
    if not words or len(words) > MAX_NAME_WORDS:
        return False
    for word in words:
        bare = strip_accents(word).upper()
        if not re.fullmatch(r"[A-Z]+(?:[-'’][A-Z]+)*\.?|[A-Z]\.", bare):
            return False
        if bare.rstrip(".") in _NOT_NAME_WORDS:
            return False
    significant = [w for w in words if w.lower() not in {"de", "del", "la", "las", "los", "y", "e"}]
    if not significant:
        return False
    if len(significant) == 1 and not part:
        return strip_accents(significant[0]).upper().rstrip(".") in GIVEN_NAMES
    return True


def is_note(inner: str) -> bool:
    """Whether the inside of a bracket is a note (``ENLACE VIDEOLLAMADA``), not part of a name or title."""
    key = key_of(inner)
    return bool(key) and (any(word in key for word in _NOTE_WORDS) or inner != inner.upper())


def _split_notes(label: str) -> tuple[str, tuple[str, ...]]:
    """Remove bracketed notes (``(ENLACE VIDEOLLAMADA)``) from a label; acronyms stay."""
    notes: list[str] = []

    def drop(match: re.Match) -> str:
        if is_note(match.group(1)):
            notes.append(match.group(0).strip())
            return " "
        return match.group(0)

    bare = re.sub(r"\s*\(([^()]*)(?:\)|$)\s*", drop, label)
    return clean_label(bare).strip(" ,;"), tuple(notes)


def _parts(label: str) -> list[str]:
    """Comma-separated parts of a label; ``NAME. TITLE`` and ``NAME TITLE`` split too."""
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*|(?<=[A-ZÁÉÍÓÚÑ]{4})\.\s+", label) if p.strip(" .")]
    if len(parts) == 1:
        words = parts[0].split()
        # A name has at most MAX_NAME_WORDS words: the split is found among the first few,
        # so a long line costs linear time, not a key per word.
        for i in range(2, min(len(words), MAX_NAME_WORDS + 1)):
            if looks_like_name(" ".join(words[:i])) and starts_with_role(key_of(" ".join(words[i:]))):
                return [" ".join(words[:i]), " ".join(words[i:])]
    return parts


def president_of(key: str) -> str | None:
    """``LOPEZ OBRADOR`` or ``SHEINBAUM`` when a label key names one of the presidents."""
    if "LOPEZ OBRADOR" in key and ("ANDRES MANUEL" in key or key.startswith(("PRESIDENT", "RESIDENT", "PRSIDENT", "PRESDIDENT"))):
        return "LOPEZ OBRADOR"
    if "SHEINBAUM" in key:
        return "SHEINBAUM"
    return None


def is_journalist_title(title: str) -> bool:
    """``PERIODISTA``, ``CONDUCTORA DE …``: a journalist shown in a clip, not a reporter in the room."""
    return bool(re.match(r"^(PERIODISTA|CONDUCTOR|CONDUCTORA|COMENTARISTA|COLUMNISTA|LOCUTOR|LOCUTORA)\b", key_of(title)))


@functools.lru_cache(maxsize=8192)
def classify_label(label: str, date: str | None = None) -> LabelInfo:
    """Classify one label: kind, name and title parts (upper case, as written). A line
    longer than any label (`MAX_LABEL_CHARS`) is none: `OTHER`, read no further."""
    label = clean_label(label).rstrip(".;:").strip()
    if len(label) > MAX_LABEL_CHARS:
        return LabelInfo(OTHER, None, None)
    if label.startswith("("):
        close = label.find(")")
        inner = label[1:close] if close > 0 else label[1:]
        whole = close < 0 or close == len(label) - 1
        if whole and not (close < 0 and key_of(inner).startswith(("VOZ", "PREG", "INTERV", "INTERL"))):
            return LabelInfo(STAGE, None, None)
        if close < 0:
            label = inner
    bare, notes = _split_notes(label)
    bare = bare.lstrip("(+*•-— ").strip()
    key = key_of(bare)
    note_keys = " ".join(key_of(n) for n in notes)
    if not key:
        return LabelInfo(STAGE if label.startswith("(") else OTHER, None, None, notes)

    # Clips, fakes and role-play: never the person they show or imitate.
    role_play = key.startswith(("EXPRESIDENT", "VOZ DEL PRESIDENT", "VOZ DE LA PRESIDENT", "NINO ", "NINA "))
    if (any(word in note_keys for word in _ARCHIVE_NOTES) or "MANIPULADA" in key or "INTELIGENCIA ARTIFICIAL" in key
            or (role_play and len(key.split()) > 2)):
        return LabelInfo(ARCHIVE, None, bare, notes)

    english = english_label(bare)
    if english:
        return LabelInfo(english[0], english[1], english[2], notes, english=True)
    group = press_group(key)
    if group and "," not in bare and len(key.split()) <= 4:
        return LabelInfo(PRESS, None, None, notes)
    if key.startswith(("VOZ", "VO MUJER", "VO HOMBRE", "PARTICIPANTE")) and "," not in bare:
        name = bare.split(" ", 1)[1] if " " in bare else None
        if name and key_of(name).replace("DE ", "").replace("EN OFF ", "").strip() in _VOICE_WORDS | {"EN OFF"}:
            name = None
        return LabelInfo(VOICE, name, None, notes)
    if key in _VOICE_WORDS:
        return LabelInfo(VOICE, None, None, notes)
    if key in _AUDIENCE:
        return LabelInfo(AUDIENCE, None, None, notes)
    if _MODERATOR_RE.match(key.replace("MODERADORA", "MODERADOR")) and len(key) <= 14:
        return LabelInfo(MODERATOR, None, None, notes)

    president = president_of(key)
    if president:
        return _classify_president(bare, key, president, date, notes)

    return _classify_person(bare, notes)


def _classify_person(bare: str, notes: tuple[str, ...]) -> LabelInfo:
    """A label that names a participant (``NAME, TITLE`` or ``TITLE, NAME``), or none."""
    parts = _parts(bare)
    alias = None
    if len(parts) > 1 and re.fullmatch(r"[“\"‘'].*[”\"’']", parts[-1]):
        alias = parts.pop().strip("“”\"‘’'")
    if starts_with_role(key_of(parts[0])):
        title_parts, name = (parts[:-1], parts[-1]) if len(parts) > 1 else (parts, None)
        name, alias, title_parts = _refine_name(name, alias, title_parts, name_last=True)
    else:
        name, title_parts = parts[0], parts[1:]
        name, alias, title_parts = _refine_name(name, alias, title_parts, name_last=False)
    title = ", ".join(title_parts) or None
    if name and not alias and not _certain_name(name) and not (title and starts_with_role(key_of(title))):
        # "ÚLTIMA HORA", "ESTIMADO SEÑOR PRESIDENTE, LE ESCRIBO": capitalised words alone are
        # no proof of a person; a known first name or a title is.
        name, title = None, ", ".join([name] + title_parts)
    if name is None and not (title and starts_with_role(key_of(title))):
        return LabelInfo(OTHER, None, title or bare, notes)
    if title and is_journalist_title(title):
        return LabelInfo(ARCHIVE, name, title, notes, alias)  # journalists shown in a clip
    return LabelInfo(OFFICIAL, name, title, notes, alias)


def _certain_name(name: str) -> bool:
    """A name that needs no title to be believed: it opens with a known first name."""
    words = key_of(name).split()
    return bool(words) and words[0] in GIVEN_NAMES


def _name_of(text: str) -> tuple[str | None, str | None]:
    """``(name, alias)`` from a name part that may carry a quoted stage name."""
    alias = None
    match = re.search(r"\s*[“\"‘']([^”\"’']+)[”\"’']?\s*$", text)
    if match and match.start() > 0:
        alias, text = match.group(1), text[:match.start()]
    text = text.strip(" “”\"‘’'")
    return (text if looks_like_name(text) else None), alias


def _refine_name(name: str | None, alias: str | None, title_parts: list[str], *, name_last: bool):
    """Check the name part; a part that is no name goes back to the title."""
    if name is None:
        return None, alias, title_parts
    found, glued_alias = _name_of(name)
    alias = alias or glued_alias
    key = key_of(found or name)
    if name_last:
        # A place glued to the name: "HABITANTE DE TLAHUITOLTEPEC, OAXACA CECILIA VÁZQUEZ DÍAZ".
        for state in _STATES:
            if key.startswith(state + " ") and state not in GIVEN_NAMES:
                words = (found or name).split()
                place, rest = " ".join(words[:len(state.split())]), " ".join(words[len(state.split()):])
                if looks_like_name(rest) and len(rest.split()) >= 2:
                    return rest, alias, title_parts + [place]
    if found is None:
        return None, alias, (title_parts + [name]) if name_last else [name] + title_parts
    return found, alias, title_parts


def _classify_president(bare: str, key: str, who: str, date: str | None, notes) -> LabelInfo:
    name = "ANDRÉS MANUEL LÓPEZ OBRADOR" if who == "LOPEZ OBRADOR" else "CLAUDIA SHEINBAUM PARDO"
    parts = _parts(bare)
    titles = [p for p in parts if president_of(key_of(p)) is None]
    glued = re.match(r"^(\w+(?: DE M[ÉE]XICO)?) (?=ANDR|CLAUDIA)", parts[0]) if parts else None
    title = ", ".join(titles) or (glued.group(1) if glued else None)
    title_key = key_of(title or "")
    if who == "LOPEZ OBRADOR":
        if date and date >= SHEINBAUM_TAKES_OFFICE:
            return LabelInfo(ARCHIVE, name, title, notes)
        return LabelInfo(PRESIDENT, name, title, notes)
    sitting = re.search(r"\bP?RESIDENTA\b", title_key) and "ELECTA" not in title_key
    if sitting or not date or date >= SHEINBAUM_TAKES_OFFICE:
        return LabelInfo(PRESIDENT, name, title, notes)
    return LabelInfo(OFFICIAL, name, title, notes)

