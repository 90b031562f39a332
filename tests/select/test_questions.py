"""Press questions: every one, in the order asked, with who asked (name and outlet when they
introduced themselves), the question verbatim, who answered, and a line and a quote of the
answer from one segment."""

from __future__ import annotations

import re

import pytest

from summarizer import parse_transcript
from summarizer.parse.exchanges import find_introduction
from summarizer.select import select
from summarizer.select.answers import reply_turns
from summarizer.testing import fake_models

from support import DATA

AMLO = "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR"

# Outlets as the reporters gave them, read by hand in the transcripts.
OUTLETS = {
    "2022-04-27": {"Nancy Rodríguez": "Oro Sólido y de Empuje Migrante",
                   "Judith Sánchez Reyes": "Imagen del Golfo, de Veracruz",
                   "Eduardo Esquivel Ancona": "SDP Noticias", "Nancy Flores": "revista Contralínea"},
    "2025-09-09": {"Arturo Páramo": "Grupo Imagen", "Israel Aldave": "Grupo Fórmula",
                   "Noemí Gutiérrez": "El Heraldo de México", "Elia Cruz": "La Hoguera",
                   "Vicente Serrano": "Sin Censura", "Sandra Aguilar": "AE Grupo Informativo",
                   "Shaila Rosagel": "Grupo Healy: El Imparcial, de Sonora; La Crónica, de Mexicali; y Frontera, "
                                     "de Tijuana",
                   "Nancy Flores": "revista Contralínea"},
}


def web(*paragraphs: str) -> str:
    date = "28 de diciembre de 2023"
    return "\n\n".join([f"Versión estenográfica. Conferencia de prensa del {date}", date, *paragraphs]) + "\n"


CONFERENCE = web(
    f"{AMLO}: Buenos días. Vamos a abrir para preguntas y respuestas.",
    "PREGUNTA: Gracias, presidente. Tzeltzin Juárez, de SinLineaMX.",
    "Hace una semana se anunció el plan de vivienda para los trabajadores del Estado. ¿Cuándo empiezan las obras? "
    "¿Cuántas viviendas se van a construir este año?",
    f"{AMLO}: Las obras empiezan en enero en doce estados del país. Vamos a construir ciento cincuenta mil viviendas "
    "este año con el Infonavit y la Conavi, y los créditos van a tener una tasa fija para los trabajadores. Las "
    "viviendas tendrán dos recámaras, sala, cocina y patio, y se construyen cerca de escuelas, clínicas y transporte "
    "público, para que las familias no pierdan horas en el camino al trabajo.",
    "INTERVENCIÓN: ¿Y el precio del maíz, presidente? Los productores de Sinaloa protestan en las carreteras.",
    f"{AMLO}: Sobre el maíz, vamos a mantener los precios de garantía para los pequeños productores de todo el país. "
    "Ya hablamos con los productores de Sinaloa y vamos a recibir a sus representantes la próxima semana aquí. La "
    "cosecha de este ciclo fue buena, el grano se paga a tiempo y Segalmex compra a los ejidatarios sin "
    "intermediarios, con bodegas abiertas en Culiacán, Los Mochis y Guasave.",
)


def test_each_question_with_its_asker_sentences_answerer_line_and_quote():
    doc = parse_transcript(CONFERENCE)
    questions = select(doc).questions
    assert [(q.exchange, q.turns) for q in questions] == [(1, (1,)), (1, (3,))]
    first, second = questions
    assert (first.questioner.name, first.outlet) == ("Tzeltzin Juárez", "SinLineaMX")
    # the ¿…? sentences, verbatim; the introduction and the greeting never
    assert [doc.text[s:e] for s, e in first.sentences] == ["¿Cuándo empiezan las obras?",
                                                           "¿Cuántas viviendas se van a construir este año?"]
    assert first.answerer.display == "López Obrador"
    assert first.line.text == "Las obras empiezan en enero en doce estados del país."  # the direct answer
    assert first.kind == "direct"
    # an interjection from the floor: someone else, unnamed
    assert second.questioner is None and second.outlet is None and not second.feminine
    assert [doc.text[s:e] for s, e in second.sentences] == [
        "¿Y el precio del maíz, presidente?", "Los productores de Sinaloa protestan en las carreteras."]
    for q in questions:
        assert q.segment.holds(q.line.start, q.line.end)
        assert q.quote is None or (q.segment.holds(q.quote.start, q.quote.end)
                                   and doc.text[q.quote.start:q.quote.end] == q.quote.original)
        assert q.quote is None or not (q.quote.start < q.line.end and q.line.start < q.quote.end)
        assert q.segment.question == (doc.turns[q.turns[0]].start, doc.turns[q.turns[-1]].end)


def test_a_question_quotes_one_turn_and_each_excerpt_is_credited_to_its_own_turn():
    from summarizer import Summarizer, SummaryOptions

    doc = parse_transcript(web(
        f"{AMLO}: Buenos días. Vamos a abrir para preguntas y respuestas.",
        "PREGUNTA: Gracias, presidente. Tzeltzin Juárez, de SinLineaMX.",
        "Los ambulantes del Zócalo. ¿Les van a seguir dejando vender, presidente?",
        "INTERLOCUTORA: ¿Les van a seguir dejando vender?",
        f"{AMLO}: Sí, van a poder vender, pero con reglas claras para todos los comerciantes del centro histórico, "
        "con permisos y horarios que ya acordamos con las organizaciones de comerciantes de la ciudad.",
    ))
    question = select(doc).questions[0]
    assert question.turns == (1, 2)
    assert [doc.text[s:e] for s, e in question.sentences] == ["¿Les van a seguir dejando vender, presidente?"]
    summary = Summarizer(SummaryOptions(mode="extractive"), models=fake_models()).summarize(doc, target="es")
    for q in summary.questions:
        for excerpt in q.asked:
            turn = doc.turns[excerpt.turn]
            assert turn.start <= excerpt.start and excerpt.end <= turn.end and excerpt.speaker == turn.speaker


def test_a_self_introduction_alone_joins_the_question_that_follows():
    csp = "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO"  # her era: a PREGUNTA without introduction follows up
    doc = parse_transcript(web(
        f"{csp}: Buenos días.",
        "PREGUNTA: Buenos días, Presidenta. Nancy Flores, de la revista Contralínea.",
        f"{csp}: Adelante.",
        "PREGUNTA: ¿Habrá basificaciones para los trabajadores de la administración pública en este sexenio?",
        f"{csp}: Sí, vamos a basificar a todos los trabajadores transitorios que tengan antigüedad, porque la denuncia "
        "de siempre es que no los basificaban por los trinquetes de los malos líderes sindicales.",
    ))
    [question] = select(doc).questions
    assert question.turns == (1, 3) and question.questioner.name == "Nancy Flores"
    assert [doc.text[s:e] for s, e in question.sentences] == [
        "¿Habrá basificaciones para los trabajadores de la administración pública en este sexenio?"]


def test_the_opening_banter_is_no_question():
    doc = parse_transcript(web(f"{AMLO}: Buenos días. ¿Cómo están?", "PREGUNTA: Bien, ¿y usted?", f"{AMLO}: Bien."))
    assert select(doc).questions == ()


def test_the_lies_excerpt_has_its_one_question():
    doc = parse_transcript((DATA / "2022-04-27.excerpt.web.txt").read_bytes())
    [question] = select(doc).questions
    assert (question.questioner.name, question.outlet) == ("Nancy Rodríguez", "Oro Sólido y de Empuje Migrante")
    assert [doc.text[s:e] for s, e in question.sentences][0] == "¿Qué posibilidades hay, presidente?"
    assert question.line.text.startswith("Bueno, yo creo que cada martes vamos a informar sobre el nuevo plan de salud")
    assert question.kind == "deferral"  # "cada martes vamos a informar"


@pytest.mark.corpus
def test_every_self_introduced_questioner_is_in_the_questions_with_the_right_outlet(corpus_dir):
    for path in sorted(corpus_dir.glob("*.web.txt")):
        doc = parse_transcript(path.read_bytes())
        questions = select(doc).questions
        asked = {(q.questioner.name, q.outlet) for q in questions if q.questioner is not None}
        introduced = {find_introduction(t.text) for t in doc.turns
                      if t.speaker.is_press and not t.repeated and not t.in_clip} - {None}
        assert introduced == asked, path.name  # everyone who introduced themself, and nobody else
        for name, outlet in OUTLETS.get(path.name.split(".")[0], {}).items():
            assert (name, outlet) in asked, (path.name, name)
        turns = [q.turns[0] for q in questions]
        assert turns == sorted(turns) and len(set(turns)) == len(turns)  # in the order asked, none twice
        for q in questions:
            assert all(doc.turns[i].speaker.is_press for i in q.turns)
            assert all(doc.turns[q.turns[0]].start <= s < e <= doc.turns[q.turns[-1]].end for s, e in q.sentences)
            if any("?" in re.sub(r"[—―][^—―]*[—―]", "", doc.turns[i].text) for i in q.turns):  # asides aside
                assert any("?" in doc.text[s:e] for s, e in q.sentences)  # the ¿…? ones first
            if q.line is not None:
                assert q.segment.holds(q.line.start, q.line.end)
            if q.quote is not None:  # from the reply to this question, never another's
                assert q.quote.turn in {t.index for t in reply_turns(doc, q.turns)}
