"""Speaker labels → `Speaker`: who is talking, with a name and role a journalist can print.

Mañanera labels come in a few shapes (see the corpus notes):
``PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR``, ``PREGUNTA`` and its typos,
``NAME, TITLE`` (then ``NAME`` alone), ``TITLE, NAME``, bracketed notes such as
``(ENLACE VIDEOLLAMADA)``, and stage directions such as ``(INICIA VIDEO)``.
`SpeakerRegistry` turns every label of one transcript into one `Speaker` per
person, merging variants and typos.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

# Speaker kinds.
PRESIDENT = "president"
OFFICIAL = "official"
PRESS = "press"
VOICE = "voice"  # off-mic voices, video narration: not necessarily press
AUDIENCE = "audience"
MODERATOR = "moderator"
STAGE = "stage"  # a stage direction used as a label: (INICIA VIDEO)
UNKNOWN = "unknown"  # prose with no labels
ARCHIVE = "archive"  # archive clips, fakes, role-play: never the sitting president

QUOTABLE_KINDS = frozenset({PRESIDENT, OFFICIAL, MODERATOR, UNKNOWN})


@dataclass(frozen=True)
class Speaker:
    """One person (or voice) of a transcript.

    Attributes:
        label: the fullest label this person had in the transcript.
        name: the person's name in title case, or None (press, voices, stage).
        role: the role in English ("President of Mexico"), or None.
        role_es: the role in Spanish as the label gives it, or None.
        display: the name a journalist prints: "López Obrador", "Reporter".
        is_press: a reporter asking questions.
        kind: president, official, press, voice, audience, moderator, stage,
            archive or unknown.
        labels: every label variant seen for this speaker, in order.
    """

    label: str
    name: str | None
    role: str | None
    role_es: str | None
    display: str
    is_press: bool
    kind: str
    labels: tuple[str, ...] = field(default=())

    @property
    def quotable(self) -> bool:
        """Whether a quote may be attributed to this speaker."""
        return self.kind in QUOTABLE_KINDS


# ---------------------------------------------------------------- text helpers

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def clean_label(raw: str) -> str:
    """A label with invisible characters removed and whitespace collapsed."""
    text = raw.translate(_INVISIBLE).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def label_key(label: str) -> str:
    """Accent-stripped, upper-case, punctuation-free form used to compare labels."""
    text = strip_accents(clean_label(label)).upper()
    text = re.sub(r"[^A-Z0-9 ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


_PARTICLES = {"de", "del", "la", "las", "los", "y", "e", "da", "do", "dos", "van", "von"}


def title_case(text: str) -> str:
    """``MARINA DEL PILAR ÁVILA`` → ``Marina del Pilar Ávila``; keeps hyphens and acronyms."""
    words = []
    for i, word in enumerate(text.split()):
        low = word.lower()
        if i > 0 and low in _PARTICLES:
            words.append(low)
        elif re.fullmatch(r"\(?[A-ZÁÉÍÓÚÑ]{2,6}\)?[.,]?", word) and word.strip("().,") in _ACRONYMS:
            words.append(word)
        else:
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(words)


_ACRONYMS = {
    "IMSS", "ISSSTE", "INFONAVIT", "CFE", "PEMEX", "SEDENA", "SEMAR", "SEGOB", "SRE", "SEP",
    "SAT", "UIF", "INE", "INAH", "INPI", "CONAGUA", "PROFECO", "PROFEPA", "CONAVI", "CONAVIM",
    "INSUS", "FONATUR", "UNAM", "CCO", "ONU", "FGR", "SHCP", "SICT", "SSPC", "SEDATU", "CONAPRED",
    "ASIPONA", "AMAFORE", "INMUJERES", "FINABIEN", "SEMARNAT", "SENER", "SADER", "CDMX",
}

# ------------------------------------------------------------------ the tables

# Press and audience labels, by prefix of the accent-stripped key; the prefixes
# also catch the typos listed in SPEAKERS.md (PREGUNA, INTERLOCUTOAR, …).
_PRESS_PREFIXES = (
    "PREG", "PRE GUNTA", "GPREG", "PREF", "PREUG", "REGUNTA", "PREGUN",
    "INTERL", "INTELOC", "NTERLOC", "INTERC", "INTERV", "INTEREV", "INTEV", "INTRV",
    "REPORTER", "PERIODISTA",
)
_VOICE_PREFIXES = ("VOZ", "VO MUJER", "VO HOMBRE", "PARTICIPANTE")
_AUDIENCE = {"ASISTENTES", "ASISTENTE", "VOCES A CORO", "VOCES CORO", "VOCES", "NINAS Y NINOS", "PUBLICO"}
_MODERATOR_RE = re.compile(r"^\+?M?O?D+E?R+A?D+O?R?A?( \d+)?$")

# Role words that open a "TITLE, NAME" label (accent-stripped, upper case).
_ROLE_WORDS = (
    "SECRETARI", "SUBSECRETARI", "DIRECTOR", "SUBDIRECTOR", "TITULAR", "COORDINADOR", "GOBERNADOR",
    "PRESIDENT", "PROCURADOR", "FISCAL", "JEFE", "JEFA", "COMISIONAD", "VOCERO", "BENEFICIARI",
    "ESCRITOR", "HABITANTE", "CONCURSANTE", "CANTANTE", "REPRESENTANTE", "MAESTR", "ASESOR",
    "PROMOTOR", "PROFESOR", "POETA", "DIVULGADOR", "ASISTENTE A", "GERENTE", "EMBAJADOR",
    "CONSEJER", "ADMINISTRADOR", "COMANDANTE", "GENERAL", "ALMIRANTE", "MAGISTRAD", "MINISTR",
    "SENADOR", "DIPUTAD", "ALCALDE", "PRESIDENTA MUNICIPAL", "INVESTIGADOR", "DOCTOR", "ABOGAD",
    "OFICIAL", "ENCARGAD", "RECTOR", "DELEGAD", "ARQUEOLOG", "POBLADOR", "INGENIER", "AGENTE",
    "CAPITAN", "VICEALMIRANTE", "ACTOR", "ACTRIZ", "ARTISTA", "CIENTIFIC", "MEDIC", "ENFERMER",
    "ESTUDIANTE", "ALUMN", "DEPORTISTA", "ATLETA", "SUPERINTENDENTE", "VICEPRESIDENT", "LIDER",
)

# Bracketed notes that are not part of a name: kept in the label, dropped from the name.
_NOTE_RE = re.compile(
    r"\s*\((?:ENLACE )?(?:VIDEO ?LLAMADA|VIA REMOTA|INTERPRETACION[^)]*|TRADUCCION[^)]*|"
    r"ENTRANTE|SALIENTE|EN ESE MOMENTO[^)]*|ENTONCES[^)]*)\)\s*",
)

# People known by both surnames, or otherwise not served by the generic rule.
_DISPLAY_EXCEPTIONS = {
    "ANDRES MANUEL LOPEZ OBRADOR": "López Obrador",
    "CLAUDIA SHEINBAUM PARDO": "Sheinbaum",
    "CLAUDIA SHEINBAUM": "Sheinbaum",
    "OMAR GARCIA HARFUCH": "García Harfuch",
    "ROSA ICELA RODRIGUEZ VELAZQUEZ": "Rosa Icela Rodríguez",
    "MARCELO EBRARD CASAUBON": "Marcelo Ebrard",
    "JESUS RAMIREZ CUEVAS": "Jesús Ramírez",
    "HUGO LOPEZ GATELL RAMIREZ": "López-Gatell",
    "LIBIA DENNISE GARCIA MUNOZ LEDO": "Libia Dennise García Muñoz Ledo",
    "ALEJANDRO GERTZ MANERO": "Gertz Manero",
    "OLGA SANCHEZ CORDERO": "Olga Sánchez Cordero",
    "LUIS CRESENCIO SANDOVAL GONZALEZ": "Luis Cresencio Sandoval",
    "ARIADNA MONTIEL REYES": "Ariadna Montiel",
    "CLARA BRUGADA MOLINA": "Clara Brugada",
}

# Spanish title fragments → English, longest first where they overlap.
_AREA_EN = [
    ("SEGURIDAD Y PROTECCION CIUDADANA", "Security"),
    ("GOBERNACION", "Interior"),
    ("RELACIONES EXTERIORES", "Foreign"),
    ("HACIENDA Y CREDITO PUBLICO", "Finance"),
    ("DEFENSA NACIONAL", "Defence"),
    ("LA DEFENSA NACIONAL", "Defence"),
    ("MARINA", "Navy"),
    ("SALUD", "Health"),
    ("EDUCACION PUBLICA", "Education"),
    ("BIENESTAR", "Welfare"),
    ("EL BIENESTAR", "Welfare"),
    ("ECONOMIA", "Economy"),
    ("ENERGIA", "Energy"),
    ("CULTURA", "Culture"),
    ("TRABAJO Y PREVISION SOCIAL", "Labour"),
    ("EL TRABAJO Y PREVISION SOCIAL", "Labour"),
    ("MEDIO AMBIENTE Y RECURSOS NATURALES", "Environment"),
    ("INFRAESTRUCTURA COMUNICACIONES Y TRANSPORTES", "Infrastructure and Transport"),
    ("COMUNICACIONES Y TRANSPORTES", "Transport"),
    ("AGRICULTURA Y DESARROLLO RURAL", "Agriculture"),
    ("DESARROLLO AGRARIO TERRITORIAL Y URBANO", "Agrarian and Urban Development"),
    ("TURISMO", "Tourism"),
    ("LAS MUJERES", "Women"),
    ("MUJERES", "Women"),
    ("LA FUNCION PUBLICA", "Public Administration"),
    ("FUNCION PUBLICA", "Public Administration"),
    ("ANTICORRUPCION Y BUEN GOBIERNO", "Anti-Corruption"),
    ("CIENCIA HUMANIDADES TECNOLOGIA E INNOVACION", "Science and Technology"),
]
_AREA_EN.sort(key=lambda pair: -len(pair[0]))

_FIXED_ROLES = [
    # (accent-stripped title prefix, English role)
    ("FISCAL GENERAL DE LA REPUBLICA", "Attorney General"),
    ("COORDINADOR GENERAL DE COMUNICACION SOCIAL", "presidential spokesman"),
    ("VOCERO", "spokesperson"),
    ("PROCURADOR FEDERAL DEL CONSUMIDOR", "head of Profeco, the consumer protection agency"),
    ("TITULAR DE LA PROCURADURIA FEDERAL DEL CONSUMIDOR", "head of Profeco, the consumer protection agency"),
    ("DIRECTOR GENERAL DEL INSTITUTO MEXICANO DEL SEGURO SOCIAL", "head of the social-security institute IMSS"),
    ("DIRECTORA GENERAL DEL INSTITUTO MEXICANO DEL SEGURO SOCIAL", "head of the social-security institute IMSS"),
    ("DIRECTOR GENERAL DEL IMSS BIENESTAR", "head of IMSS-Bienestar"),
    ("JEFA DE GOBIERNO DE LA CIUDAD DE MEXICO", "Head of Government of Mexico City"),
    ("JEFE DE GOBIERNO DE LA CIUDAD DE MEXICO", "Head of Government of Mexico City"),
    ("COORDINADORA NACIONAL DE PROTECCION CIVIL", "National Civil Protection Coordinator"),
    ("COORDINADOR NACIONAL DE PROTECCION CIVIL", "National Civil Protection Coordinator"),
]


def _role_en(title: str) -> str:
    """An English rendering of a Spanish title, or the Spanish title when unknown."""
    key = label_key(title)
    for prefix, role in _FIXED_ROLES:
        if key.startswith(prefix):
            return role
    match = re.match(r"^(SUB)?SECRETARI[OA] (?:DE |DEL )?(.+)$", key)
    if match:
        area = _area(match.group(2))
        if area:
            return f"Deputy {area} Secretary" if match.group(1) else f"{area} Secretary"
    match = re.match(r"^GOBERNADOR[A]? (?:DE |DEL )?(?:ESTADO DE )?(.+)$", key)
    if match:
        return f"Governor of {_place(title, match.group(1))}"
    return title_case(title)


def _area(key: str) -> str | None:
    for spanish, english in _AREA_EN:
        if key == spanish or key.startswith(spanish + " "):
            return english
    return None


def _place(title: str, key_tail: str) -> str:
    """The place of a governor's title, with its accents, from the original title."""
    words = clean_label(title).split()
    tail_len = len(key_tail.split())
    return title_case(" ".join(words[-tail_len:])) if tail_len <= len(words) else title_case(key_tail)


def _display_name(name_key: str, name: str) -> str:
    if name_key in _DISPLAY_EXCEPTIONS:
        return _DISPLAY_EXCEPTIONS[name_key]
    words = name.split()
    significant = [w for w in words if w.lower() not in _PARTICLES]
    if len(significant) >= 3:
        # Drop the maternal surname: the last word, with its particles.
        cut = len(words) - 1
        while cut > 0 and words[cut - 1].lower() in _PARTICLES:
            cut -= 1
        words = words[:cut]
    return title_case(" ".join(words))


# ------------------------------------------------------------- classification


@dataclass(frozen=True)
class LabelInfo:
    """What one label says on its own, before merging with the rest of the transcript."""

    kind: str
    name: str | None  # upper-case name part, notes removed
    title: str | None  # upper-case title part
    notes: tuple[str, ...]


def _starts_with_role(key: str) -> bool:
    return any(key.startswith(word) for word in _ROLE_WORDS)


def is_press_label(label: str) -> bool:
    key = label_key(label)
    return bool(key) and key.startswith(_PRESS_PREFIXES) and "," not in label


def classify_label(label: str, date: str | None = None) -> LabelInfo:
    """Classify one label: kind, name and title parts (upper case, as written)."""
    label = clean_label(label).rstrip(".;:").strip()
    notes = tuple(m.group(0).strip() for m in _NOTE_RE.finditer(strip_accents(label).upper()))
    bare = label
    if notes:
        # Remove the notes from the original (accented) label by position.
        stripped_upper = strip_accents(label).upper()
        spans = [m.span() for m in _NOTE_RE.finditer(stripped_upper)]
        for start, end in reversed(spans):
            bare = (bare[:start] + " " + bare[end:])
        bare = clean_label(bare)
    key = label_key(bare)

    if not key or (bare.startswith("(") and not notes) or (bare.startswith("(") and ")" not in bare):
        return LabelInfo(STAGE, None, None, notes)
    if any("EN ESE MOMENTO" in n or "ENTONCES" in n for n in notes) or key.startswith(("EXPRESIDENT", "VOZ DEL PRESIDENT", "NINO ", "NINA ")):
        return LabelInfo(ARCHIVE, None, bare.upper(), notes)
    if key.startswith(_PRESS_PREFIXES) and "," not in bare and len(key.split()) <= 4:
        return LabelInfo(PRESS, None, None, notes)
    if key.startswith(_VOICE_PREFIXES) and "," not in bare:
        return LabelInfo(VOICE, None, None, notes)
    if key in _AUDIENCE:
        return LabelInfo(AUDIENCE, None, None, notes)
    if _MODERATOR_RE.match(key.replace("MODERADORA", "MODERADOR")) and len(key) <= 14:
        return LabelInfo(MODERATOR, None, None, notes)

    parts = [p.strip() for p in re.split(r"[,;]\s*|\.\s+", bare) if p.strip()]
    if len(parts) == 1:
        # No separator: look for a role word inside ("NAME DIRECTOR GENERAL DE …").
        words = parts[0].split()
        for i in range(1, len(words)):
            if _starts_with_role(label_key(" ".join(words[i:]))) and i >= 2:
                parts = [" ".join(words[:i]), " ".join(words[i:])]
                break
    first_key = label_key(parts[0])
    if len(parts) > 1 and _starts_with_role(first_key):
        name, title = parts[-1], ", ".join(parts[:-1])
    elif len(parts) > 1:
        name, title = parts[0], ", ".join(parts[1:])
    elif _starts_with_role(first_key) and ("LOPEZ OBRADOR" in first_key or "SHEINBAUM" in first_key):
        # "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR": title word glued to the name.
        words = parts[0].split()
        name, title = " ".join(words[1:]), words[0]
    elif _starts_with_role(first_key) and len(first_key.split()) <= 6 and " DE " in f" {first_key} ":
        name, title = None, parts[0]
    else:
        name, title = parts[0], None
    name = name.strip(" “”\"'‘’") if name else None
    name_key = label_key(name) if name else ""
    if "LOPEZ OBRADOR" in name_key or "SHEINBAUM" in name_key:
        if "SHEINBAUM" in name_key and date and date < "2024-10-01" and not (title and "PRESIDENTA DE MEXICO" in label_key(title)):
            return LabelInfo(OFFICIAL, name, title, notes)
        return LabelInfo(PRESIDENT, name, title, notes)
    return LabelInfo(OFFICIAL, name, title, notes)


def _president_role(name_key: str, date: str | None) -> tuple[str, str]:
    if "SHEINBAUM" in name_key:
        return "President of Mexico", "Presidenta de México"
    return "President of Mexico", "Presidente de México"


def _generic_speaker(label: str, kind: str) -> Speaker:
    display = {
        PRESS: "Reporter",
        VOICE: "Unidentified voice",
        AUDIENCE: "Audience",
        MODERATOR: "Moderator",
        STAGE: "Stage direction",
        ARCHIVE: "Archive clip",
        UNKNOWN: "Unknown speaker",
    }[kind]
    role = {PRESS: "reporter", VOICE: "off-mic voice or video narration", MODERATOR: "master of ceremonies"}.get(kind)
    role_es = {PRESS: "reportero(a)", MODERATOR: "moderador(a)"}.get(kind)
    return Speaker(label, None, role, role_es, display, kind == PRESS, kind, (label,))


def make_speaker(label: str, date: str | None = None) -> Speaker:
    """A `Speaker` from one label alone (no merging)."""
    label = clean_label(label)
    info = classify_label(label, date)
    if info.kind in (PRESS, VOICE, AUDIENCE, MODERATOR, STAGE):
        return _generic_speaker(label, info.kind)
    if info.kind == ARCHIVE:
        name = title_case(info.title or label)
        return Speaker(label, None, "archive clip (not said at this conference)", None, name, False, ARCHIVE, (label,))
    name_key = label_key(info.name) if info.name else ""
    name = title_case(info.name) if info.name else None
    if info.kind == PRESIDENT:
        role, role_es = _president_role(name_key, date)
        return Speaker(label, name, role, role_es, _display_name(name_key, name or ""), False, PRESIDENT, (label,))
    role = _role_en(info.title) if info.title else None
    role_es = _title_es(info.title) if info.title else None
    display = _display_name(name_key, name) if name else (role or title_case(label))
    return Speaker(label, name, role, role_es, display, False, OFFICIAL, (label,))


def _title_es(title: str) -> str:
    text = title_case(title)
    return text[:1].lower() + text[1:] if text else text


def _name_key(label: str, date: str | None) -> str:
    info = classify_label(label, date)
    if info.kind in (PRESS, VOICE, AUDIENCE, MODERATOR, STAGE):
        return f"{info.kind}:{label_key(label)}"
    if info.kind == PRESIDENT:
        return "president:" + ("SHEINBAUM" if "SHEINBAUM" in label_key(label) else "LOPEZ OBRADOR")
    if info.name:
        return f"name:{label_key(info.name)}"
    return f"title:{label_key(info.title or label)}"


class SpeakerRegistry:
    """Builds one `Speaker` per person of a transcript from the labels seen in it.

    Variants of one person merge: ``NAME, TITLE`` then ``NAME``; typos within a
    similarity of 0.9 of a label already seen (``PREGUNA`` → ``PREGUNTA``).
    """

    def __init__(self, date: str | None = None):
        self.date = date
        self._keys: dict[str, str] = {}  # label → person key
        self._labels: dict[str, list[str]] = {}  # person key → labels, in order

    def add(self, label: str) -> str:
        """Record a label; return the key of the person it names."""
        label = clean_label(label)
        if label in self._keys:
            return self._keys[label]
        key = _name_key(label, self.date)
        if key not in self._labels:
            key = self._fuzzy(key) or key
        self._keys[label] = key
        self._labels.setdefault(key, []).append(label)
        return key

    def _fuzzy(self, key: str) -> str | None:
        kind, _, text = key.partition(":")
        best, best_ratio = None, 0.0
        for other in self._labels:
            other_kind, _, other_text = other.partition(":")
            if other_kind != kind and {kind, other_kind} - {"name", "press", "voice", "moderator", "audience"}:
                continue
            ratio = difflib.SequenceMatcher(None, text, other_text).ratio()
            if ratio > best_ratio:
                best, best_ratio = other, ratio
        if best is not None and best_ratio >= 0.9:
            return best
        # A press-label typo far from any seen label still classifies as press.
        return None

    def speakers(self) -> dict[str, Speaker]:
        """Person key → merged `Speaker`."""
        result = {}
        for key, labels in self._labels.items():
            # The fullest label carries the title: prefer one with a title part.
            base = max(labels, key=lambda lab: (classify_label(lab, self.date).title is not None, len(lab)))
            speaker = make_speaker(base, self.date)
            result[key] = Speaker(
                speaker.label, speaker.name, speaker.role, speaker.role_es, speaker.display,
                speaker.is_press, speaker.kind, tuple(labels),
            )
        return result

    def key_of(self, label: str) -> str:
        return self._keys[clean_label(label)]


UNKNOWN_SPEAKER = Speaker("", None, None, None, "Unknown speaker", False, UNKNOWN, ())


def reporter(name: str, outlet: str | None) -> Speaker:
    """The questioner named by a self-introduction."""
    role = f"reporter, {outlet}" if outlet else "reporter"
    role_es = f"reportero(a), {outlet}" if outlet else "reportero(a)"
    return Speaker(name, name, role, role_es, name, True, PRESS, ())
