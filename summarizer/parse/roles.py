"""Roles a journalist would print, from the Spanish title of a speaker label.

* `role_en("SECRETARIA DE GOBERNACIÓN")` → "Interior Secretary"; titles with no
  English rendering keep their institution's Spanish name
  ("director general of the Agencia Reguladora de Transporte Ferroviario").
* `role_es(...)` → the title as a Spanish sentence would print it.
* `known_role(name, date)` → the role of a well-known official on a date, for labels
  that give the name alone.
"""

from __future__ import annotations

import re

from .names import SMALL_WORDS, key_of, strip_accents, title_case

# Roles of well-known officials, by date, for the labels that give a name alone ("JESÚS RAMÍREZ CUEVAS"): name key → (from, until, English, Spanish).
KNOWN_ROLES = {
    "JESUS RAMIREZ CUEVAS": [("2018-12-01", "2024-09-30", "presidential spokesman",
                              "coordinador general de Comunicación Social y vocero de la Presidencia")],
    "HUGO LOPEZ GATELL RAMIREZ": [("2018-12-01", "2023-06-30", "deputy health minister",
                                   "subsecretario de Prevención y Promoción de la Salud")],
    "ROSA ICELA RODRIGUEZ VELAZQUEZ": [
        ("2020-11-01", "2024-09-30", "Security Secretary", "secretaria de Seguridad y Protección Ciudadana"),
        ("2024-10-01", "9999-12-31", "Interior Secretary", "secretaria de Gobernación")],
    "MARCELO EBRARD CASAUBON": [
        ("2018-12-01", "2023-06-12", "Foreign Secretary", "secretario de Relaciones Exteriores"),
        ("2024-10-01", "9999-12-31", "Economy Secretary", "secretario de Economía")],
    "OMAR GARCIA HARFUCH": [("2024-10-01", "9999-12-31", "Security Secretary",
                             "secretario de Seguridad y Protección Ciudadana")],
}


def known_role(name: str, date: str | None) -> tuple[str, str] | None:
    """``(English, Spanish)`` role of a well-known official on a date, or None."""
    if not date:
        return None
    for start, end, english, spanish in KNOWN_ROLES.get(key_of(name), []):
        if start <= date <= end:
            return english, spanish
    return None


# ------------------------------------------------------------------ roles

# Areas of government, Spanish (accent-stripped) → English; longest first.
_AREAS = sorted([
    ("SEGURIDAD Y PROTECCION CIUDADANA", "Security"),
    ("GOBERNACION", "Interior"),
    ("RELACIONES EXTERIORES", "Foreign"),
    ("HACIENDA Y CREDITO PUBLICO", "Finance"),
    ("HACIENDA", "Finance"),
    ("LA DEFENSA NACIONAL", "Defence"),
    ("DEFENSA NACIONAL", "Defence"),
    ("DEFENSA", "Defence"),
    ("MARINA", "Navy"),
    ("SALUD", "Health"),
    ("EDUCACION PUBLICA", "Education"),
    ("BIENESTAR", "Welfare"),
    ("EL BIENESTAR", "Welfare"),
    ("DESARROLLO SOCIAL", "Social Development"),
    ("ECONOMIA", "Economy"),
    ("ENERGIA", "Energy"),
    ("CULTURA", "Culture"),
    ("TRABAJO Y PREVISION SOCIAL", "Labour"),
    ("EL TRABAJO Y PREVISION SOCIAL", "Labour"),
    ("MEDIO AMBIENTE Y RECURSOS NATURALES", "Environment"),
    ("INFRAESTRUCTURA COMUNICACIONES Y TRANSPORTES", "Infrastructure and Transport"),
    ("COMUNICACIONES Y TRANSPORTES", "Transport"),
    ("AGRICULTURA Y DESARROLLO RURAL", "Agriculture"),
    ("AGRICULTURA GANADERIA DESARROLLO RURAL PESCA Y ALIMENTACION", "Agriculture"),
    ("DESARROLLO AGRARIO TERRITORIAL Y URBANO", "Agrarian, Land and Urban Development"),
    ("TURISMO", "Tourism"),
    ("LAS MUJERES", "Women"),
    ("MUJERES", "Women"),
    ("LA FUNCION PUBLICA", "Public Administration"),
    ("FUNCION PUBLICA", "Public Administration"),
    ("ANTICORRUPCION Y BUEN GOBIERNO", "Anti-Corruption"),
    ("CIENCIA HUMANIDADES TECNOLOGIA E INNOVACION", "Science and Technology"),
    ("PREVENCION Y PROMOCION DE LA SALUD", "Health Promotion"),
    ("EDUCACION BASICA", "Basic Education"),
    ("EDUCACION MEDIA SUPERIOR", "Upper Secondary Education"),
    ("EDUCACION SUPERIOR", "Higher Education"),
    ("AMERICA DEL NORTE", "North America"),
    ("AMERICA LATINA Y EL CARIBE", "Latin America and the Caribbean"),
    ("ASUNTOS MULTILATERALES Y DERECHOS HUMANOS", "Multilateral Affairs and Human Rights"),
    ("DERECHOS HUMANOS POBLACION Y MIGRACION", "Human Rights, Population and Migration"),
    ("SEGURIDAD PUBLICA", "Public Security"),
    ("EGRESOS", "Expenditure"),
    ("INGRESOS", "Revenue"),
], key=lambda pair: -len(pair[0]))
# Areas whose secretary sits in the cabinet ("Deputy Finance Minister").
_MINISTRIES = {"Security", "Interior", "Foreign", "Finance", "Defence", "Navy", "Health", "Education",
               "Welfare", "Economy", "Energy", "Culture", "Labour", "Environment", "Agriculture",
               "Tourism", "Women", "Public Administration", "Anti-Corruption", "Social Development",
               "Infrastructure and Transport", "Transport", "Science and Technology",
               "Agrarian, Land and Urban Development"}

# Fixed renderings: accent-stripped title prefix → English role.
_FIXED = [
    ("FISCAL GENERAL DE LA REPUBLICA", "Attorney General"),
    ("COORDINADOR GENERAL DE COMUNICACION SOCIAL", "presidential spokesman"),
    ("COORDINADORA GENERAL DE COMUNICACION SOCIAL", "presidential spokeswoman"),
    ("PROCURADOR FEDERAL DEL CONSUMIDOR", "head of Profeco, the consumer protection agency"),
    ("PROCURADORA FEDERAL DEL CONSUMIDOR", "head of Profeco, the consumer protection agency"),
    ("TITULAR DE LA PROCURADURIA FEDERAL DEL CONSUMIDOR", "head of Profeco, the consumer protection agency"),
    ("DIRECTOR GENERAL DEL INSTITUTO MEXICANO DEL SEGURO SOCIAL", "head of the social-security institute IMSS"),
    ("DIRECTOR GENERAL INSTITUTO MEXICANO DEL SEGURO SOCIAL", "head of the social-security institute IMSS"),
    ("DIRECTORA GENERAL DEL INSTITUTO MEXICANO DEL SEGURO SOCIAL", "head of the social-security institute IMSS"),
    ("DIRECTOR GENERAL DEL IMSS BIENESTAR", "head of IMSS-Bienestar"),
    ("DIRECTOR GENERAL DE IMSS BIENESTAR", "head of IMSS-Bienestar"),
    ("JEFA DE GOBIERNO DE LA CIUDAD DE MEXICO", "Head of Government of Mexico City"),
    ("JEFA DE GOBIERNO DE CIUDAD DE MEXICO", "Head of Government of Mexico City"),
    ("JEFE DE GOBIERNO DE LA CIUDAD DE MEXICO", "Head of Government of Mexico City"),
    ("JEFA DE GOBIERNO", "Head of Government of Mexico City"),
    ("JEFE DE GOBIERNO", "Head of Government of Mexico City"),
    ("COORDINADORA NACIONAL DE PROTECCION CIVIL", "National Civil Protection Coordinator"),
    ("COORDINADOR NACIONAL DE PROTECCION CIVIL", "National Civil Protection Coordinator"),
    ("SUBSECRETARIO DE PREVENCION Y PROMOCION DE LA SALUD", "deputy health minister"),
    ("SUBSECRETARIA DE PREVENCION Y PROMOCION DE LA SALUD", "deputy health minister"),
    ("PRESIDENTA ELECTA", "President-elect of Mexico"),
    ("VIRTUAL PRESIDENTA ELECTA", "President-elect of Mexico"),
    ("PRESIDENTE ELECTO", "President-elect of Mexico"),
    ("PRESIDENTE DE LOS ESTADOS UNIDOS", "President of the United States"),
    ("PRESIDENTE DE ESTADOS UNIDOS", "President of the United States"),
    ("VOCERO", "spokesman"),
    ("VOCERA", "spokeswoman"),
]

# Role nouns (accent-stripped, longest first) → English. A title is read as
# "<role noun> [of <institution>]"; the institution keeps its Spanish name.
_HEADS = sorted([
    ("DIRECTOR GENERAL", "director general"), ("DIRECTORA GENERAL", "director general"),
    ("DIRECTOR EJECUTIVO", "executive director"), ("DIRECTORA EJECUTIVA", "executive director"),
    ("DIRECTOR DE TEATRO", "theatre director"), ("DIRECTORA DE TEATRO", "theatre director"),
    ("DIRECTOR", "director"), ("DIRECTORA", "director"),
    ("SUBDIRECTOR", "deputy director"), ("SUBDIRECTORA", "deputy director"),
    ("TITULAR", "head"), ("JEFE DE OBRA", "site manager"), ("JEFA DE OBRA", "site manager"),
    ("JEFE", "head"), ("JEFA", "head"),
    ("COORDINADOR GENERAL", "general coordinator"), ("COORDINADORA GENERAL", "general coordinator"),
    ("COORDINADOR NACIONAL", "national coordinator"), ("COORDINADORA NACIONAL", "national coordinator"),
    ("COORDINADOR ARTISTICO", "artistic coordinator"), ("COORDINADORA ARTISTICA", "artistic coordinator"),
    ("COORDINADOR", "coordinator"), ("COORDINADORA", "coordinator"),
    ("SECRETARIO EJECUTIVO", "executive secretary"), ("SECRETARIA EJECUTIVA", "executive secretary"),
    ("SECRETARIO GENERAL", "secretary general"), ("SECRETARIA GENERAL", "secretary general"),
    ("PRESIDENTE MUNICIPAL", "mayor"), ("PRESIDENTA MUNICIPAL", "mayor"),
    ("PRESIDENTE", "president"), ("PRESIDENTA", "president"),
    ("VICEPRESIDENTE", "vice president"), ("VICEPRESIDENTA", "vice president"),
    ("PROCURADOR", "attorney"), ("PROCURADORA", "attorney"),
    ("FISCAL GENERAL", "attorney general"), ("FISCAL", "prosecutor"),
    ("COMISIONADO", "commissioner"), ("COMISIONADA", "commissioner"),
    ("EMBAJADOR", "ambassador"), ("EMBAJADORA", "ambassador"),
    ("COMANDANTE", "commander"), ("GENERAL", "General"), ("ALMIRANTE", "Admiral"),
    ("VICEALMIRANTE", "Vice Admiral"), ("CAPITAN", "captain"),
    ("MAGISTRADO", "magistrate"), ("MAGISTRADA", "magistrate"),
    ("MINISTRO", "justice"), ("MINISTRA", "justice"),
    ("SENADOR", "senator"), ("SENADORA", "senator"),
    ("DIPUTADO", "congressman"), ("DIPUTADA", "congresswoman"),
    ("ALCALDE", "mayor"), ("ALCALDESA", "mayor"),
    ("REPRESENTANTE", "representative"), ("DELEGADO", "delegate"), ("DELEGADA", "delegate"),
    ("GERENTE", "manager"), ("ADMINISTRADOR", "administrator"), ("ADMINISTRADORA", "administrator"),
    ("ASESOR POLITICO", "political adviser"), ("ASESORA POLITICA", "political adviser"),
    ("ASESOR", "adviser"), ("ASESORA", "adviser"), ("CONSEJERO", "adviser"), ("CONSEJERA", "adviser"),
    ("SUPERINTENDENTE", "superintendent"), ("RECTOR", "rector"), ("RECTORA", "rector"),
    ("HABITANTE", "resident"), ("POBLADOR", "resident"), ("POBLADORA", "resident"),
    ("BENEFICIARIO", "beneficiary"), ("BENEFICIARIA", "beneficiary"),
    ("CONCURSANTE", "contestant"), ("ASISTENTE", "attendee"),
    ("CANTANTE", "singer"), ("COMPOSITOR", "songwriter"), ("COMPOSITORA", "songwriter"),
    ("ESCRITOR", "writer"), ("ESCRITORA", "writer"), ("POETA", "poet"), ("ENSAYISTA", "essayist"),
    ("DRAMATURGO", "playwright"), ("DRAMATURGA", "playwright"),
    ("ACTOR", "actor"), ("ACTRIZ", "actress"), ("ARTISTA", "artist"), ("MUSICO", "musician"),
    ("PROMOTOR", "promoter"), ("PROMOTORA", "promoter"),
    ("DIVULGADOR", "communicator"), ("DIVULGADORA", "communicator"),
    ("PROFESOR EMERITO", "professor emeritus"), ("PROFESORA EMERITA", "professor emerita"),
    ("PROFESOR", "professor"), ("PROFESORA", "professor"), ("MAESTRO", "teacher"), ("MAESTRA", "teacher"),
    ("INVESTIGADOR", "researcher"), ("INVESTIGADORA", "researcher"),
    ("CIENTIFICO", "scientist"), ("CIENTIFICA", "scientist"),
    ("ARQUEOLOGO", "archaeologist"), ("ARQUEOLOGA", "archaeologist"),
    ("ANTROPOLOGO", "anthropologist"), ("ANTROPOLOGA", "anthropologist"),
    ("HISTORIADOR", "historian"), ("HISTORIADORA", "historian"),
    ("INGENIERO", "engineer"), ("INGENIERA", "engineer"), ("MEDICO", "doctor"), ("MEDICA", "doctor"),
    ("DOCTOR", "doctor"), ("DOCTORA", "doctor"), ("ENFERMERO", "nurse"), ("ENFERMERA", "nurse"),
    ("ABOGADO", "lawyer"), ("ABOGADA", "lawyer"), ("ESTUDIANTE", "student"),
    ("ALUMNO", "student"), ("ALUMNA", "student"), ("DEPORTISTA", "athlete"), ("ATLETA", "athlete"),
    ("PERIODISTA", "journalist"), ("CONDUCTOR", "presenter"), ("CONDUCTORA", "presenter"),
    ("LIDER", "leader"), ("AGENTE", "agent"), ("OFICIAL", "officer"),
    ("ENCARGADO DE DESPACHO", "acting head"), ("ENCARGADA DE DESPACHO", "acting head"),
    ("ENCARGADO", "head"), ("ENCARGADA", "head"),
], key=lambda pair: -len(pair[0]))
_HEADS_OF_ACRONYM = {"director general", "director", "head", "president", "general coordinator",
                     "coordinator", "executive director"}

# Connectors between a role noun and its institution.
_CONNECTORS = [("DE LOS ", "of the "), ("DE LAS ", "of the "), ("DE LA ", "of the "), ("DEL ", "of the "),
               ("DE ", "of "), ("EN ", "in "), ("PARA ", "for "), ("POR ", "for "), ("A ", "at ")]

_STATE_PREFIX = re.compile(r"^(?:DEL |DE )?(?:ESTADO (?:LIBRE Y SOBERANO )?DE )?")


def _area(key: str) -> str | None:
    for spanish, english in _AREAS:
        if key == spanish or key.startswith(spanish + " "):
            return english
    return None


def _skip(title: str, n: int) -> str:
    """``title`` without its first ``n`` words (punctuation attached to a word goes with it)."""
    return " ".join(title.split()[n:]).strip(" ,;")


def _secretary(title: str, key: str) -> str | None:
    match = re.match(r"^(SUB)?SECRETARI[OA] (?:DE |DEL |PARA )?(.+)$", key)
    if not match:
        return None
    sub, rest = match.group(1), match.group(2)
    area = _area(rest)
    # "… DE LA SECRETARÍA DE <area>": the ministry a deputy serves in.
    parent = re.search(r"\bDE LA SECRETARIA (?:DE |DEL )?(.+)$", rest)
    parent_area = _area(parent.group(1)) if parent else None
    if not sub:
        if area in _MINISTRIES:
            return f"{area} Secretary"
        return f"Secretary of {area}" if area else None
    if area in _MINISTRIES:
        return f"deputy {area.lower()} minister"
    if area and parent_area:
        return f"deputy {parent_area.lower()} minister for {area}"
    if area:
        return f"deputy minister for {area}"
    if parent_area:
        return f"deputy {parent_area.lower()} minister"
    rest_title = _skip(title, 2 if re.match(r"^SUBSECRETARI[OA] (?:DE|DEL|PARA) ", key) else 1)
    return f"deputy minister for {title_case(rest_title, first=False)}"


def _governor(title: str, key: str) -> str | None:
    match = re.match(r"^(GOBERNADOR[A]? (?:CONSTITUCIONAL )?)(.*)$", key)
    if not match:
        return None
    head = len(match.group(1).split())
    prefix = _STATE_PREFIX.match(match.group(2)).group(0)
    place = _skip(title, head + len(prefix.split()))
    if not place:
        return "Governor"
    if "ESTADO" in prefix and key_of(place) == "MEXICO":
        return "Governor of the State of Mexico"
    return f"Governor of {title_case(place)}"


def _abbreviates(acronym: str, rest_key: str) -> bool:
    """Whether ``acronym`` abbreviates the institution that ``rest_key`` opens with
    (``INAH`` ← ``DEL INSTITUTO NACIONAL DE ANTROPOLOGIA E HISTORIA``), not a body
    further on (``… DE LA SECRETARIA DE GOBERNACION (SEGOB)`` for a director)."""
    words = [w for w in rest_key.split() if w.lower() not in SMALL_WORDS]
    letters = iter("".join(words))
    return bool(words) and words[0][0] == strip_accents(acronym)[0] and all(c in letters for c in strip_accents(acronym))


def _generic(title: str, key: str) -> str | None:
    """``<role noun> [connector <institution>]``, the institution in Spanish."""
    for spanish, english in _HEADS:
        if key == spanish:
            return english
        if not key.startswith(spanish + " "):
            continue
        rest_key = key[len(spanish) + 1:]
        rest = _skip(title, len(spanish.split()))
        if rest_key.startswith("Y "):
            # "CANTANTE Y COMPOSITOR", "PRESIDENTE Y DIRECTOR EJECUTIVO DE …": two roles.
            other = _generic(_skip(rest, 1), rest_key[2:])
            if other:
                return f"{english} and {other}"
        acronym = re.search(r"\(([A-ZÁÉÍÓÚÑ&-]{2,12})\)\s*$", title)
        if acronym and english in _HEADS_OF_ACRONYM and _abbreviates(acronym.group(1), rest_key):
            return f"head of {acronym.group(1)}"
        for es, en in _CONNECTORS:
            if rest_key.startswith(es):
                body = _skip(rest, len(es.split()))
                return f"{english} {en}{title_case(body)}" if body else english
        return f"{english} ({title_case(rest)})"
    return None


def role_en(title: str) -> str:
    """An English rendering of a Spanish title (institution names stay Spanish)."""
    title = re.sub(r"\s+", " ", title).strip(" ,.;")
    key = key_of(title)
    for prefix, role in _FIXED:
        if key == prefix or key.startswith(prefix + " "):
            return role
    return _secretary(title, key) or _governor(title, key) or _generic(title, key) or title_case(title)


def role_es(title: str) -> str:
    """The title as it reads inside a Spanish sentence: "director general del Tren Maya"."""
    title = re.sub(r"\s+", " ", title).strip(" ,.;")
    key = key_of(title)
    head = 0
    match = re.match(r"^(?:(?:SUB)?SECRETARI[OA]|GOBERNADOR[A]?)\b", key)
    if match:
        head = 1
    else:
        for spanish, _ in _HEADS:
            if key == spanish or key.startswith(spanish + " "):
                head = len(spanish.split())
                break
    words = title.split()
    lowered = " ".join(w.lower() for w in words[:max(head, 1)])
    rest = title_case(" ".join(words[max(head, 1):]), first=False)
    text = f"{lowered} {rest}".strip()
    if rest and head == 0:
        text = title_case(title)
        text = text[:1].lower() + text[1:]
    return text
