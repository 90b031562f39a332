"""The day's stories: one subject across exchanges is one story, labelled with its own terms;
the news models rank stories and choose lines; procedure is never a line; what is new this
month weighs more."""

from __future__ import annotations

import math

import pytest

from summarizer import Summarizer, SummaryOptions, parse_transcript
from summarizer.select import select
from summarizer.select.months import MonthlyStats, from_counts
from summarizer.select.procedure import is_procedure
from summarizer.select.stories import names, story_label, story_terms, terms
from summarizer.testing import fake_models

from support import SEEDS

AMLO = "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR"


def web(*turns: str) -> str:
    return "Versión estenográfica\n\n28 de diciembre de 2023\n\n" + "\n\n".join(turns) + "\n"


PHARMACY = ("La Megafarmacia del Bienestar abre en Huehuetoca con todos los medicamentos del cuadro básico. "
            "La Megafarmacia va a surtir las recetas de los hospitales del IMSS-Bienestar en todo el país. "
            "Los medicamentos llegan en camiones y en aviones de la Fuerza Aérea a cada hospital. "
            "Tenemos bodegas con cuarenta mil metros cuadrados para guardar las medicinas.")
TRAIN = ("El Tren Maya ya llega a Cancún y a Tulum con pasajeros todos los días. "
         "El tren tiene vagones nuevos y estaciones en toda la península de Yucatán. "
         "Los boletos del tren cuestan menos para los habitantes de la península. "
         "Las estaciones del tren tienen museos y mercados de artesanías.")
CONFERENCE = web(
    f"{AMLO}: Buenos días. " + TRAIN,
    "PREGUNTA: Buenos días, presidente. Nancy Flores, de Contralínea. ¿Cuándo abre la Megafarmacia?",
    f"{AMLO}: " + PHARMACY,
    "PREGUNTA: Gracias. Arturo Páramo, de Grupo Imagen. ¿Y el Tren Maya, cuándo llega a Progreso?",
    f"{AMLO}: " + TRAIN.replace("Cancún y a Tulum", "Progreso y a Mérida"),
    "PREGUNTA: Buenas tardes. Elia Cruz, de La Hoguera. ¿La Megafarmacia tendrá medicamentos oncológicos?",
    f"{AMLO}: Sí, la Megafarmacia del Bienestar va a tener los medicamentos oncológicos para los niños. "
    "Los medicamentos oncológicos llegan a Huehuetoca y de ahí a los hospitales del IMSS-Bienestar. "
    "Vamos a comprar en el extranjero los medicamentos que no se producen en México. "
    "Nadie se va a quedar sin su tratamiento en los hospitales del IMSS-Bienestar.",
)


def test_a_subject_asked_about_twice_is_one_story_with_its_askers_and_label():
    selection = select(parse_transcript(CONFERENCE))
    by_label = {s.label: s for s in selection.stories}
    pharmacy = next(s for s in selection.stories if "Megafarmacia" in s.terms)
    train = next(s for s in selection.stories if "Tren Maya" in s.terms)
    assert pharmacy is not train and len(selection.stories) == 2, by_label
    assert pharmacy.exchanges == (1, 3) and pharmacy.questions == 2
    assert [a.name for a in pharmacy.askers] == ["Nancy Flores", "Elia Cruz"]
    assert train.exchanges == (0, 2) and train.questions == 1
    assert pharmacy.label.startswith("Megafarmacia") and train.label.startswith("Tren Maya")
    assert math.isclose(pharmacy.share + train.share, 1.0, abs_tol=0.001)
    assert [s.index for s in selection.stories] == [0, 1]  # ranked, best first


def test_the_lead_is_the_top_storys_line_and_the_points_are_the_top_stories_in_order():
    selection = select(parse_transcript(CONFERENCE))
    top = selection.stories[0]
    assert selection.lead is not None and selection.lead.segment in top.segments
    assert [t.story for t in selection.topics] == [0, 1]
    assert selection.topics[0].line != selection.lead  # the first point says the top story's next line
    for topic in selection.topics:
        assert topic.line.segment in selection.stories[topic.story].segments
        assert not is_procedure(topic.line.text)


def test_names_and_words_of_a_sentence():
    assert terms("Ayer hablé con el secretario Blinken y con Alejandro Mayorkas sobre la migración.") == (
        ["Blinken", "Alejandro Mayorkas"], ["hablé", "secretario", "migración"])
    assert names("México pide respeto. El Tren Maya llega a Cancún.") == ["Tren Maya", "Cancún"]  # openers are no names
    assert names("Lo dijo el presidente de la República en Palacio Nacional.") == ["Palacio Nacional"]


def test_story_terms_prefer_names_and_repeated_nouns_never_verbs_or_words_said_once():
    texts = ["Vinieron Blinken y Mayorkas. Con Blinken hablamos de migración.",
             "La migración nos preocupa, y Mayorkas lo sabe.", "Expresé mi respeto; expresé mi confianza."]
    day = {"blinken": 2, "mayorkas": 2, "migracion": 2, "expresé": 2}
    found = story_terms(texts, day, idf=lambda w: {"blinken": 4.1, "mayorkas": 4.0, "migración": 1.5}.get(w, 1.0))
    assert found[:3] == ["Blinken", "Mayorkas", "migración"] and "expresé" not in found and "respeto" not in found
    assert story_label(found) == "Blinken: Mayorkas"
    assert story_label(["reforma", "Poder Judicial"]) == "Poder Judicial: reforma"
    assert story_label(["inflación"]) == "Inflación" and story_label([]) == ""


@pytest.mark.parametrize("text", [
    "El día de hoy, entonces, presentaremos este video.", "¡Ah!, miren qué bonito es el diseño de ese puente.",
    "Buenos días a todas y a todos.", "Vamos de este lado.", "Adelante, por favor.", "Súbele, súbele.",
    "A ver, allá, ¿tú?", "Mañana nos vemos.", "Gracias, presidente.", "Les voy a presentar la gráfica de homicidios.",
])
def test_procedure(text):
    assert is_procedure(text)


@pytest.mark.parametrize("text", [
    "Ya no hay amenazas de sanciones a México.",
    "Gracias a la Guardia Nacional se redujeron los homicidios en 20 por ciento este año.",
    "Vamos a ver un video sobre la refinería de Dos Bocas que ya produce doscientos mil barriles diarios de gasolina.",
])
def test_news_is_not_procedure(text):
    assert not is_procedure(text)


@pytest.mark.parametrize("text, reported", [
    ("Bueno, ahora con lo de Mexicana: ‘¡Cómo van a usar nuestros impuestos para eso!, ¡Nosotros, que somos "
     "contribuyentes!’", True),
    ("Dicen: “el presidente no cumplió”.", True),
    ("El titular dice: se cae el peso.", True),
    ("Y dijo: “vamos a cumplir”, y cumplimos con todo lo que prometimos en la campaña de 2018 en cada estado.", False),
    ("El Tren Maya ya llega a Cancún.", False),
])
def test_someone_elses_words_are_reported_speech(text, reported):
    from summarizer.select.procedure import is_reported

    assert is_reported(text) is reported


def test_the_seeds_mocked_slogan_is_never_quoted():
    from summarizer import extract_quotes

    quotes = extract_quotes((SEEDS / "2023-12-28.web.txt").read_bytes(), k=40)
    assert not any("¡Cómo van a usar nuestros impuestos para eso!" in q.original for q in quotes)


def test_recent_idf_reads_the_months_before_the_conference():
    counts = {"2024-01": (10, {"pueblo": 10, "tren": 2}), "2024-02": (10, {"pueblo": 10, "tren": 9}),
              "2024-03": (20, {"pueblo": 20, "aranceles": 15}), "2024-04": (10, {"pueblo": 10})}
    table = from_counts({m: (n, __import__("collections").Counter(c)) for m, (n, c) in counts.items()})
    again = MonthlyStats.from_lines(table.to_lines()[0].split("\t", 1)[1], table.to_lines()[1:])
    assert again.months == table.months and again.cells == table.cells
    assert table.cells["tren"] == ":2,:9" and table.cells["aranceles"] == "3:15"
    recent = table.recent_idf("2024-04-15")  # January–March: 40 transcripts
    assert recent("pueblo") == pytest.approx(math.log(41 / 40.5))
    assert recent("aranceles") == pytest.approx(math.log(41 / 15.5))
    assert recent("américa") == pytest.approx(math.log(41 / 0.5))  # never said lately: new
    assert table.recent_idf("2024-01-15") is None  # nothing before the table's first month
    assert table.window("2024-02-01") == (0, 1)
    assert table.window("2030-01-01") == (1, 4) and table.window(None) == (1, 4)  # after the table: its last months


def test_the_package_table_says_what_was_new_in_december_2023():
    from summarizer.select.archive import default_stats

    stats = default_stats()
    recent = stats.recent_idf("2023-12-28")
    assert recent("megafarmacia") > recent("migración") > recent("pueblo")
    assert stats.monthly.months[0] == "2018-11" and len(stats.monthly.months) == 94


def test_a_brief_lists_labelled_stories_and_its_points_are_the_top_ones():
    doc = parse_transcript((SEEDS / "2023-12-28.web.txt").read_bytes())
    summary = Summarizer(SummaryOptions(mode="extractive"), models=fake_models()).summarize(doc, target="es")
    assert summary.stories and all(s.label for s in summary.stories[:6])
    assert [s.rank for s in summary.stories] == list(range(1, len(summary.stories) + 1))
    assert [p.story for p in summary.points] == list(range(len(summary.points)))
    assert [s.point for s in summary.stories[:len(summary.points)]] == list(range(len(summary.points)))
    assert "Blinken" in summary.stories[0].terms and "Blinken" in summary.lead
    data = summary.to_dict()
    assert data["stories"][0]["label"] == summary.stories[0].label and data["stories"][0]["rank"] == 1
    assert round(sum(s.share for s in summary.stories), 0) == 100
