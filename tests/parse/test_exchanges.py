"""Exchanges (opening, then question → answer blocks) and reporters' self-introductions."""

from __future__ import annotations

import pytest

from summarizer import parse_transcript
from summarizer.parse.exchanges import find_introduction

AMLO = "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR"
CSP = "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO"


def web(*paragraphs: str, year: int = 2023) -> str:
    date = "28 de diciembre de 2023" if year < 2024 else "9 de septiembre de 2025"
    return "\n\n".join([f"Versión estenográfica. Conferencia de prensa del {date}", date, *paragraphs]) + "\n"


@pytest.mark.parametrize("text, expected", [
    ("Gracias, presidente. Tzeltzin Juárez, de SinLineaMX.\n\nSaber sobre los acuerdos…", ("Tzeltzin Juárez", "SinLineaMX")),
    ("Buenos días, Presidenta. Noemí Gutiérrez, de El Heraldo de México.\n\nComentarle…", ("Noemí Gutiérrez", "El Heraldo de México")),
    ("Buenos días. Urbano Barrera, del diario Ovaciones.\n\nYo quisiera preguntarle.", ("Urbano Barrera", "diario Ovaciones")),
    ("Presidente, buenos días, Lydia Arista, reportera de Grupo Expansión.\n\nQuisiera…", ("Lydia Arista", "Grupo Expansión")),
    ("Muchas gracias, Presidenta. Buenos días. Soy Ricardo Pérez, de Diario Red América Latina. Presidenta…",
     ("Ricardo Pérez", "Diario Red América Latina")),
    ("Hola, buenos días.\n\nMi nombre es Alfonso Barrón, de Relax 104.5, una radiodifusora de uso social comunitaria.",
     ("Alfonso Barrón", "Relax 104.5")),
    ("Presidenta, buenos días. Muchas gracias. Buenos días a todos. Cemeli Hernández, de Canal 22.\n\nPreguntarle…",
     ("Cemeli Hernández", "Canal 22")),
    ("Buenos días, presidente.\n\nDiego Elías Cedillo, del Sistema Informativo de Tabasco, diario Presente.\n\nSeñor…",
     ("Diego Elías Cedillo", "Sistema Informativo de Tabasco, diario Presente")),
    ("Omití presentarme. Demian Duarte, del Sonora Power, Telemax y Radio Sonora.\n\nSeñor presidente…",
     ("Demian Duarte", "Sonora Power, Telemax y Radio Sonora")),
    ("Buenos días, Presidenta. Buenos días al Gabinete de Seguridad. Vicente Serrano, conductor de Sin Censura. Si me…",
     ("Vicente Serrano", "Sin Censura")),
    ("Buenos días, Presidenta. Sí que estuvo bueno hoy. Y para preguntarle… —Buenos días. ¿Me escucha?— César Huerta, "
     "de la revista Polemón.", ("César Huerta", "revista Polemón")),
    ("En su perspectiva, subsecretario, ya nada más… aquí estoy, Isabel González, de Grupo Imagen.",
     ("Isabel González", "Grupo Imagen")),
    ("Mirsa Uribe, de Los Mochis, Sinaloa.\n\nPresidente, está tomando el tema de Culiacán.", ("Mirsa Uribe", None)),
    # The outlet without "de", a sentence of its own after the greetings (2025-09-09, 2025-11-28, 2022-04-27).
    ("Gracias, Presidenta. Arturo Páramo, Grupo Imagen.\n\nQuisiera preguntar acerca de lo que sucedió ayer.",
     ("Arturo Páramo", "Grupo Imagen")),
    ("Qué tal, Presidenta, muy buenos días, la saludo con gusto. Bertha Alicia Galindo, Alcanzando el conocimiento. "
     "Y saludo con gusto a todo su equipo.", ("Bertha Alicia Galindo", "Alcanzando el conocimiento")),
    ("Gracias, presidente.\n\nEduardo Esquivel Ancona, SDP Noticias.\n\nYo le quisiera preguntar…",
     ("Eduardo Esquivel Ancona", "SDP Noticias")),
])
def test_self_introductions(text, expected):
    assert find_introduction(text) == expected


@pytest.mark.parametrize("text", [
    "El Estado de derecho en Chiapas y en otras partes del país también es…",
    "Asegura su papá, Rafael Loret de Mola, que usted tuvo un contrato con Televisa.",
    "Mario Delgado, de Morena.",
    "¿Y Ricardo Monreal, de Morena?",
    "También, Presidenta, Víctor Rodríguez ya fue vinculado a proceso por violencia doméstica.",
    "El Hospital General de México.",
    "No, de la Asociación Europea de Libre Comercio.",
    "Presidente, sobre la Guardia Nacional, de la Defensa.",
    "buenos días, juan pérez, de milenio.",
    "Gracias, Presidenta. Marcelo Ebrard, Secretario de Economía.",  # a title, not an outlet
    "Buenos días. Mario Delgado, Morena.",
    "Gracias. Ciudad Juárez, Chihuahua.",
    "Arturo Páramo, Grupo Imagen.",  # no greeting before it: an answer, not an introduction
    "Buenos días. Arturo Páramo, Grupo Imagen, dijo ayer que no vendría.",
    "",
])
def test_no_introduction(text):
    assert find_introduction(text) is None


def test_lopez_obrador_era_pregunta_opens_interlocutor_follows():
    doc = parse_transcript(web(
        f"{AMLO}: Buenos días. Vamos a empezar.",
        "PREGUNTA: Gracias, presidente. Tzeltzin Juárez, de SinLineaMX. ¿Qué acordaron ayer con los funcionarios?",
        f"{AMLO}: Fue muy buena la reunión.",
        "INTERLOCUTORA: ¿Y las deportaciones?",
        f"{AMLO}: No se habló de eso.",
        "INTERVENCIÓN: (Inaudible)",
        "PREGUNTA: Presidente, ¿ya tiene resuelta la logística de la operación de la megafarmacia del Bienestar?",
        f"{AMLO}: Sí.",
    ))
    exchanges = doc.exchanges
    assert [len(e.turns) for e in exchanges] == [1, 5, 2]
    assert exchanges[0].index == 0 and not exchanges[0].turns[0].speaker.is_press and exchanges[0].questioner is None
    assert exchanges[1].questioner.name == "Tzeltzin Juárez" and exchanges[1].outlet == "SinLineaMX"
    assert exchanges[1].questioner.is_press and exchanges[1].questioner.role == "reporter, SinLineaMX"
    assert exchanges[2].questioner is None and exchanges[2].outlet is None  # never guessed


def test_sheinbaum_era_a_new_questioner_needs_an_introduction():
    doc = parse_transcript(web(
        f"{CSP}: Buenos días. ¿Les avisaron a tiempo?",
        "PREGUNTA: Sí. ¿Cómo está?",
        f"{CSP}: Bien, muy bien. Hoy vamos a hablar del programa de vivienda, que ya tiene miles de casas.",
        "PREGUNTA: Buenos días, Presidenta. Noemí Gutiérrez, de El Heraldo de México. ¿Cuántas casas se entregan este año?",
        f"{CSP}: Cien mil.",
        "PREGUNTA: ¿Y el próximo?",
        f"{CSP}: Doscientas mil.",
        "PREGUNTA: Buenos días, Presidenta. Elia Cruz, de La Hoguera. ¿Podrían darnos los nombres de los extraditados?",
        f"{CSP}: Lo va a informar la Fiscalía.",
        year=2025))
    assert [len(e.turns) for e in doc.exchanges] == [3, 4, 2]
    assert [e.questioner.name if e.questioner else None for e in doc.exchanges] == [None, "Noemí Gutiérrez", "Elia Cruz"]


def test_sheinbaum_era_the_chair_giving_the_floor_opens_an_exchange():
    doc = parse_transcript(web(
        f"{CSP}: Buenos días.",
        "PREGUNTA: Buenos días, Presidenta. Elia Cruz, de La Hoguera. ¿Podrían darnos los nombres de los extraditados?",
        f"{CSP}: Lo va a informar la Fiscalía.",
        "PREGUNTA: ¿Cuándo?",
        f"{CSP}: Mañana. Bueno, vamos por acá.",
        "PREGUNTA: Gracias, Presidenta. Quisiera preguntarle por el precio de la gasolina en la frontera norte.",
        f"{CSP}: Se mantiene.",
        year=2025))
    assert [len(e.turns) for e in doc.exchanges] == [1, 4, 2]
    assert doc.exchanges[2].questioner is None


def test_clip_voices_do_not_open_exchanges():
    doc = parse_transcript(web(
        f"{CSP}: Vamos con el video.",
        "(INICIA VIDEO)",
        "PREGUNTA: ¿Qué haría usted si le dieran un millón de pesos para su comunidad? Es una pregunta del video.",
        "(FINALIZA VIDEO)",
        f"{CSP}: Muy bien.",
        year=2025))
    assert len(doc.exchanges) == 1


def test_exchanges_cover_every_turn_in_order():
    doc = parse_transcript(web(f"{AMLO}: Hola.", "PREGUNTA: Una pregunta larga sobre el tema del día, presidente, por favor.",
                               f"{AMLO}: Respuesta.", "PREGUNTA: Otra pregunta larga sobre otro tema del día, presidente.",
                               f"{AMLO}: Otra."))
    flat = [t for e in doc.exchanges for t in e.turns]
    assert flat == list(doc.turns)
    assert [e.index for e in doc.exchanges] == list(range(len(doc.exchanges)))
    assert all(e.start == e.turns[0].start and e.end == e.turns[-1].end for e in doc.exchanges)
