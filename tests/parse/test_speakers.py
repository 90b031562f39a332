"""Speaker labels → Speaker: kinds, display names, roles, and merging label variants."""

from __future__ import annotations

import pytest

from summarizer.parse.labels import classify_label
from summarizer.parse.names import display_name, title_case
from summarizer.parse.roles import role_en, role_es
from summarizer.parse.speakers import SpeakerRegistry, make_speaker

# label → (kind, display, English role); the people of SPEAKERS.md's "Suggested normalisation" first.
CASES = [
    ("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "president", "López Obrador", "President of Mexico"),
    ("ANDRÉS MANUEL LÓPEZ OBRADOR", "president", "López Obrador", "President of Mexico"),
    ("RESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "president", "López Obrador", "President of Mexico"),
    ("PRSIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "president", "López Obrador", "President of Mexico"),
    ("PRESIDENT E ANDRÉS MANUEL LÓPEZ OBRADOR", "president", "López Obrador", "President of Mexico"),
    ("PRESIDENTE DE MÉXICO, ANDRÉS MANUEL LÓPEZ OBRADOR", "president", "López Obrador", "President of Mexico"),
    ("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO", "president", "Sheinbaum", "President of Mexico"),
    ("PRESIDENTA CLAUDIA SHEINBAUM PARDO", "president", "Sheinbaum", "President of Mexico"),
    ("PRESIDENTA DE MÉXICO CLAUDIA SHEINBAUM PARDO", "president", "Sheinbaum", "President of Mexico"),
    ("RESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO", "president", "Sheinbaum", "President of Mexico"),
    ("PREGUNTA", "press", "Reporter", "reporter"),
    ("PREGUNA", "press", "Reporter", "reporter"),
    ("INTERLOCUTOAR", "press", "Reporter", "reporter"),
    ("INTERVECIÓN", "press", "Reporter", "reporter"),
    ("INTERVENCIÓN MUJER (ENLACE VIDEOLLAMADA)", "press", "Reporter", "reporter"),
    ("PREGUNTA (VIDEOLLAMADA)", "press", "Reporter", "reporter"),
    ("PREGUNTA (interpretación del inglés al español)", "press", "Reporter", "reporter"),
    ("VOZ MUJER", "voice", "Unidentified voice", "off-mic voice or video narration"),
    ("VOZ DE MUJER", "voice", "Unidentified voice", "off-mic voice or video narration"),
    ("VOZMUJER", "voice", "Unidentified voice", "off-mic voice or video narration"),
    ("(VOZ MUJER", "voice", "Unidentified voice", "off-mic voice or video narration"),
    ("ASISTENTES", "audience", "Audience", "audience"),
    ("VOCES A CORO", "audience", "Audience", "audience"),
    ("MODERADORA", "moderator", "Moderator", "master of ceremonies"),
    ("MODERADORA 2", "moderator", "Moderator", "master of ceremonies"),
    ("ODERADOR", "moderator", "Moderator", "master of ceremonies"),
    ("JESÚS RAMÍREZ CUEVAS, COORDINADOR GENERAL DE COMUNICACIÓN SOCIAL Y VOCERO DE PRESIDENCIA", "official",
     "Jesús Ramírez", "presidential spokesman"),
    ("JESÚS RAMÍREZ CUEVAS", "official", "Jesús Ramírez", "presidential spokesman"),
    ("HUGO LÓPEZ-GATELL RAMÍREZ, SUBSECRETARIO DE PREVENCIÓN Y PROMOCIÓN DE LA SALUD", "official", "López-Gatell",
     "deputy health minister"),
    ("SECRETARIA DE GOBERNACIÓN, ROSA ICELA RODRÍGUEZ VELÁZQUEZ", "official", "Rosa Icela Rodríguez", "Interior Secretary"),
    ("ROSA ICELA RODRÍGUEZ VELÁZQUEZ, SECRETARIA DE SEGURIDAD Y PROTECCIÓN CIUDADANA", "official",
     "Rosa Icela Rodríguez", "Security Secretary"),
    ("SECRETARIO DE SEGURIDAD Y PROTECCIÓN CIUDADANA, OMAR GARCÍA HARFUCH", "official", "García Harfuch", "Security Secretary"),
    ("MARCELO EBRARD CASAUBON, SECRETARIO DE RELACIONES EXTERIORES", "official", "Marcelo Ebrard", "Foreign Secretary"),
    ("SECRETARIO DE ECONOMÍA, MARCELO EBRARD CASAUBON", "official", "Marcelo Ebrard", "Economy Secretary"),
    # Generic rules.
    ("LUIS CRESENCIO SANDOVAL GONZÁLEZ, SECRETARIO DE LA DEFENSA NACIONAL", "official", "Luis Cresencio Sandoval",
     "Defence Secretary"),
    ("GOBERNADORA DE BAJA CALIFORNIA, MARINA DEL PILAR ÁVILA OLMEDA (ENLACE VIDEOLLAMADA)", "official",
     "Marina del Pilar Ávila", "Governor of Baja California"),
    ("GOBERNADORA DE GUANAJUATO, LIBIA DENNISE GARCÍA MUÑOZ LEDO", "official", "Libia Dennise García Muñoz Ledo",
     "Governor of Guanajuato"),
    ("GOBERNADORA DE CAMPECHE, LAYDA SANSORES SAN ROMÁN", "official", "Layda Sansores", "Governor of Campeche"),
    ("GOBERNADORA DEL ESTADO DE MÉXICO, DELFINA GÓMEZ ÁLVAREZ", "official", "Delfina Gómez", "Governor of the State of Mexico"),
    ("JOSÉ LUIS ALOMÍA ZEGARRA DIRECTOR GENERAL DE EPIDEMIOLOGÍA", "official", "José Luis Alomía",
     "director general of Epidemiología"),
    ("SILVANO AUREOLES CONEJO. GOBERNADOR DE MICHOACÁN", "official", "Silvano Aureoles", "Governor of Michoacán"),
    ("ZOÉ ROBLEDO ABURTO, DIRECTOR GENERAL DEL INSTITUTO MEXICANO DEL SEGURO SOCIAL (IMSS)", "official", "Zoé Robledo",
     "head of the social-security institute IMSS"),
    ("RICARDO SHEFFIELD PADILLA, PROCURADOR FEDERAL DEL CONSUMIDOR", "official", "Ricardo Sheffield",
     "head of Profeco, the consumer protection agency"),
    ("DIEGO PRIETO HERNÁNDEZ, DIRECTOR GENERAL DEL INSTITUTO NACIONAL DE ANTROPOLOGÍA E HISTORIA (INAH)", "official",
     "Diego Prieto", "head of INAH"),
    ("ALICIA LEAL PUERTA, DIRECTORA GENERAL DE PROTECCIÓN INTEGRAL DE LA SECRETARÍA DE GOBERNACIÓN (SEGOB)", "official",
     "Alicia Leal", "director general of Protección Integral de la Secretaría de Gobernación (SEGOB)"),
    ("JESÚS SEADE KURI, SUBSECRETARIO PARA AMÉRICA DEL NORTE DE LA SECRETARÍA DE RELACIONES EXTERIORES", "official",
     "Jesús Seade", "deputy foreign minister for North America"),
    ("IRMA ERÉNDIRA SANDOVAL, SECRETARIA DE LA FUNCIÓN PÚBLICA", "official", "Irma Eréndira Sandoval",
     "Public Administration Secretary"),
    ("SECRETARIA DE CULTURA, CLAUDIA CURIEL DE ICAZA", "official", "Claudia Curiel de Icaza", "Culture Secretary"),
    ("ALFREDO DEL MAZO MAZA, GOBERNADOR DEL ESTADO DE MÉXICO", "official", "Alfredo del Mazo", "Governor of the State of Mexico"),
    ("HABITANTE DE TLAHUITOLTEPEC, OAXACA CECILIA VÁZQUEZ DÍAZ", "official", "Cecilia Vázquez", "resident of Tlahuitoltepec, Oaxaca"),
    ("CANTANTE Y COMPOSITOR, ARMANDO TOLEDO ROSAS, “EL BOGUETO”", "official", "El Bogueto", "singer and songwriter"),
    ("CONCURSANTE DE “MÉXICO CANTA”, TIFFANY GALAVIZ", "official", "Tiffany Galaviz", "contestant of “México Canta”"),
    ("DONALD J. TRUMP, PRESIDENTE DE LOS ESTADOS UNIDOS DE AMÉRICA (INTERPRETACIÓN DEL INGLÉS AL ESPAÑOL)", "official",
     "Donald J. Trump", "President of the United States"),
    ("SECRETARIO DE SALUD", "official", "Health Secretary", "Health Secretary"),
    # Archive clips, fakes and role-play: never the sitting president.
    ("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR (EN ESE MOMENTO JEFE DE GOBIERNO)", "archive", "López Obrador (archive clip)",
     "archive clip (not said at this conference)"),
    ("ANDRÉS MANUEL LÓPEZ OBRADOR (ENTONCES JEFE DE GOBIERNO DE LA CIUDAD DE MÉXICO)", "archive",
     "López Obrador (archive clip)", "archive clip (not said at this conference)"),
    ("EXPRESIDENTE DE MÉXICO, ANDRÉS MANUEL LÓPEZ OBRADOR", "archive", "López Obrador (archive clip)",
     "archive clip (not said at this conference)"),
    ("VOZ DEL PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR MANIPULADA CON INTELIGENCIA ARTIFICIAL", "archive",
     "AI-manipulated voice of López Obrador", "fake audio (AI-manipulated)"),
    ("NIÑO, PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO", "archive", "Child playing Sheinbaum", "role-play"),
    ("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO (FRAGMENTO DEL DISCURSO DEL 1o. DE OCTUBRE DE 2024)", "archive",
     "Sheinbaum (archive clip)", "archive clip (not said at this conference)"),
    ("CIRO GÓMEZ LEYVA, PERIODISTA", "archive", "Ciro Gómez", "journalist (shown in a clip)"),
    # Stage directions and text the dataset took for a label.
    ("(INICIA VIDEO)", "stage", "Stage direction", None),
    ("(PIEZA MUSICAL", "stage", "Stage direction", None),
    ("VE-2248", "other", "VE-2248", None),
    ("PT", "other", "PT", None),
    ("OCDE, 1.9.", "other", "OCDE, 1.9.", None),
    ("PRI-PAN.", "other", "PRI-PAN.", None),
    ("ÚLTIMA HORA", "other", "ÚLTIMA HORA", None),
    ("ESTIMADO SEÑOR PRESIDENTE", "other", "ESTIMADO SEÑOR PRESIDENTE", None),
    ("???", "other", "???", None),
]


@pytest.mark.parametrize("label, kind, display, role", CASES)
def test_label_to_speaker(label, kind, display, role):
    speaker = make_speaker(label, "2024-01-15")
    assert (speaker.kind, speaker.display, speaker.role) == (kind, display, role)
    assert speaker.is_press == (kind == "press")
    assert speaker.quotable == (kind in ("president", "official", "moderator"))


def test_spanish_roles():
    assert make_speaker("SECRETARIA DE GOBERNACIÓN, ROSA ICELA RODRÍGUEZ VELÁZQUEZ").role_es == "secretaria de Gobernación"
    assert make_speaker("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO").role_es == "presidenta de México"
    assert role_es("DIRECTOR GENERAL DEL TREN MAYA") == "director general del Tren Maya"
    assert role_es("GOBERNADORA DE NUEVO LEÓN") == "gobernadora de Nuevo León"


def test_sheinbaum_role_depends_on_the_date():
    assert make_speaker("CLAUDIA SHEINBAUM PARDO", "2025-03-01").kind == "president"
    before = make_speaker("CLAUDIA SHEINBAUM PARDO", "2021-05-04")
    assert (before.kind, before.display, before.role) == ("official", "Sheinbaum", "Head of Government of Mexico City")
    assert make_speaker("CLAUDIA SHEINBAUM PARDO", "2024-07-01").role == "President-elect of Mexico"
    titled = make_speaker("CLAUDIA SHEINBAUM PARDO, JEFA DE GOBIERNO DE LA CIUDAD DE MÉXICO", "2020-05-04")
    assert titled.role == "Head of Government of Mexico City" and titled.role_es == "jefa de Gobierno de la Ciudad de México"
    assert make_speaker("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO", "2024-10-02").kind == "president"


def test_name_alone_gets_the_known_role_of_the_day():
    assert make_speaker("JESÚS RAMÍREZ CUEVAS", "2021-01-18").role == "presidential spokesman"
    assert make_speaker("ROSA ICELA RODRÍGUEZ VELÁZQUEZ", "2022-03-10").role == "Security Secretary"
    assert make_speaker("ROSA ICELA RODRÍGUEZ VELÁZQUEZ", "2025-03-10").role_es == "secretaria de Gobernación"
    assert make_speaker("ROSA ICELA RODRÍGUEZ VELÁZQUEZ").role is None
    assert make_speaker("ARTURO HERRERA GUTIÉRREZ", "2020-01-01").role is None  # no title, not a known one


def test_lopez_obrador_after_september_2024_is_an_archive_clip():
    assert make_speaker("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "2024-09-30").kind == "president"
    assert make_speaker("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "2025-02-03").kind == "archive"


def test_classify_label_parts():
    info = classify_label("SECRETARIO DE INFRAESTRUCTURA, COMUNICACIONES Y TRANSPORTES, JESÚS ANTONIO ESTEVA MEDINA")
    assert (info.name, info.title) == ("JESÚS ANTONIO ESTEVA MEDINA", "SECRETARIO DE INFRAESTRUCTURA, COMUNICACIONES Y TRANSPORTES")
    info = classify_label("GOBERNADOR DE PUEBLA, ALEJANDRO ARMENTA MIER (ENLACE VIDEOLLAMADA)")
    assert info.notes == ("(ENLACE VIDEOLLAMADA)",) and info.name == "ALEJANDRO ARMENTA MIER"
    info = classify_label("ZOÉ ROBLEDO ABURTO, DIRECTOR GENERAL DEL INSTITUTO MEXICANO DEL SEGURO SOCIAL (IMSS)")
    assert info.notes == () and info.title.endswith("(IMSS)")


@pytest.mark.parametrize("name, display", [
    ("ARTURO HERRERA GUTIÉRREZ", "Arturo Herrera"),
    ("MARINA DEL PILAR ÁVILA OLMEDA", "Marina del Pilar Ávila"),
    ("JOSÉ ALFONSO SUÁREZ DEL REAL", "José Alfonso Suárez del Real"),
    ("MARÍA SANDRA TUN", "María Sandra Tun"),
    ("JOAO PEDRO PARREIRA", "Joao Pedro Parreira"),
    ("SALOMÓN JARA CRUZ", "Salomón Jara"),
    ("LENY MARÍA DE LOS ÁNGELES CHI DZUL", "Leny María de los Ángeles Chi"),
    ("LUIZ INÁCIO LULA DA SILVA", "Luiz Inácio Lula da Silva"),
    ("CLAUDIO X. GONZÁLEZ", "Claudio X. González"),
    ("TIFFANY GALAVIZ", "Tiffany Galaviz"),
])
def test_display_names(name, display):
    assert display_name(name) == display


def test_title_case_keeps_acronyms_and_particles():
    assert title_case("DIRECTOR GENERAL DEL TREN MAYA, SA DE C.V") == "Director General del Tren Maya, SA de C.V"
    assert title_case("TITULAR DE LA COMISIÓN NACIONAL (CONAVIM)") == "Titular de la Comisión Nacional (CONAVIM)"
    assert title_case("CONCURSANTE DE “MÉXICO CANTA”") == "Concursante de “México Canta”"
    assert role_en("FISCAL GENERAL DE LA REPÚBLICA") == "Attorney General"


# ---------------------------------------------------------------- merging


def merged(*labels: str, date: str | None = "2023-06-01") -> list[tuple[str, ...]]:
    registry = SpeakerRegistry(date)
    for label in labels:
        registry.add(label)
    people = registry.speakers()
    groups: dict[int, list[str]] = {}
    for label in labels:
        groups.setdefault(id(people[registry.identity_of(label)]), []).append(label)
    return sorted(tuple(g) for g in groups.values())


def test_name_title_then_name_merge():
    labels = ("OLGA SÁNCHEZ CORDERO, SECRETARIA DE GOBERNACIÓN", "OLGA SÁNCHEZ CORDERO")
    assert merged(*labels) == [labels]
    registry = SpeakerRegistry("2019-11-25")
    keys = {registry.add(label) for label in labels}
    speaker = registry.speakers()[keys.pop()]
    assert speaker.role == "Interior Secretary" and speaker.labels == labels


def test_title_name_on_every_turn_merges():
    label = "SECRETARIO DE SEGURIDAD Y PROTECCIÓN CIUDADANA, OMAR GARCÍA HARFUCH"
    assert merged(label, label + " (ENLACE VIDEOLLAMADA)") == [(label, label + " (ENLACE VIDEOLLAMADA)")]


@pytest.mark.parametrize("a, b", [
    ("JESÚS RAMÍREZ CUEVAS", "JESUS RAMÍREZ CUEVAS"),  # accents only
    ("PREGUNTA", "PREGUNA"),
    ("INTERLOCUTOR", "INTERLOCUTOAR"),
    ("INTERVENCIÓN", "INTERVECIÓN"),
    ("RICARDO SHEFFIELD PADILLA", "RICARDO SHEFIELLD PADILLA"),
    ("LUISA MARÍA ALCALDE LUJÁN", "LUIS MARÍA ALCALDE LUJÁN"),
    ("LUIS CRESENCIO SANDOVAL GONZÁLEZ", "LUIS CRESCENCIO SANDOVAL GONZÁLEZ"),
    ("EVELYN CECIA SALGADO PINEDA, GOBERNADORA DE GUERRERO", "EVELYN SALGADO PINEDA"),
    ("JOSÉ BERNARDO GONZÁLEZ ROSAS, PRESIDENTE DE LA AMAFORE", "BERNARDO GONZÁLEZ ROSAS"),
    ("ARTURO HERRERA GUTIÉRREZ, SECRETARIO DE HACIENDA Y CRÉDITO PÚBLICO", "ARTURO HERRERA"),
    ("GRECIA MARÍN, CONCURSANTE", "GRECIA MARÍN"),  # a name-only label with an unknown first name
    ("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "RESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR"),
    ("VOZ MUJER", "VOZ DE MUJER"),
])
def test_variants_of_one_person_merge(a, b):
    assert merged(a, b) == [(a, b)]


@pytest.mark.parametrize("a, b", [
    ("CONCURSANTE DE “MÉXICO CANTA”, TIFFANY GALAVIZ", "CONCURSANTE DE “MÉXICO CANTA”, MIRANDA GONZÁLEZ"),
    ("HABITANTE DE TLAXIACO, OAXACA, SOFÍA HERNÁNDEZ RODRÍGUEZ", "HABITANTE DE TLAXIACO, OAXACA, DULCE ORTIZ JOSÉ"),
    ("ROCÍO NAHLE GARCÍA, SECRETARIA DE ENERGÍA", "NORMA NAHLE GARCÍA, SECRETARIA DE ENERGÍA"),
    ("MARIO DELGADO CARRILLO", "MARIO DELGADO RAMÍREZ"),
    ("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR (EN ESE MOMENTO JEFE DE GOBIERNO)"),
    ("PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO", "NIÑO, PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO"),
    ("PREGUNTA", "INTERVENCIÓN"),
    ("VOZ MUJER", "VOZ HOMBRE"),
    ("SECRETARIO DE SALUD", "SECRETARIA DE SALUD"),
    ("MARÍA GONZÁLEZ, HABITANTE DE TECOMÁN", "MARÍA ELENA GONZÁLEZ LÓPEZ, DIRECTORA DEL HOSPITAL GENERAL"),
    ("PT", "PRD"),
])
def test_different_people_do_not_merge(a, b):
    assert merged(a, b) == sorted([(a,), (b,)])
