"""Every word of a brief in the brief's language: notes, mode reasons, headings."""

from __future__ import annotations

import json
import re

import pytest

from summarizer import OptionError, SummarizerError, Summarizer, SummaryOptions, summarize
from summarizer.notes import TEMPLATES, Note, render_all
from summarizer.testing import FakeGenerator, FakeTranslators, fake_models
from summarizer.translate import Translator

from support import SEEDS

SEED = (SEEDS / "2023-12-28.web.txt").read_bytes()
ARTICLE = (SEEDS / "2023-12-28-news-article.txt").read_bytes()


class EmptyTranslators(FakeTranslators):
    """Real `Translator`s whose model copies its input but answers nothing for the first
    Spanish sentence it is given: their warnings are the translator's own notes."""

    def __call__(self, source, target):
        seen = []

        def answer(text):
            seen.append(text)
            return "" if len(seen) == 1 and source == "es" else text

        return Translator(source, target,
                          models=fake_models(translate=FakeGenerator(answer, name=f"empty-{source}-{target}")))


def test_a_spanish_brief_has_only_spanish_notes():
    partial = SEED.rstrip() + " (Continúa…)\n".encode()
    damaged = partial.replace(b"Buenos", b"\x81Buenos", 1)
    outputs = ["Unas 999,999 familias recibieron apoyo."] + ["Una línea fiel."] * 12
    summarizer = Summarizer(SummaryOptions(mode="abstractive"),
                            models=fake_models(summarize=FakeGenerator("first-words", outputs=outputs),
                                               translators=EmptyTranslators()))
    brief = summarizer.summarize(damaged, target="es")
    codes = [n["code"] for n in brief.notes]
    assert codes[:2] == ["decode.invalid", "parse.partial"]
    assert {"translate.pair", "summary.guard"} <= set(codes)
    assert brief.warnings[1] == ("transcripción parcial: se interrumpe en “(Continúa…)”, así que falta el resto de "
                                 "la conferencia")
    empty = next(w for w, n in zip(brief.warnings, brief.notes) if n["code"] == "translate.pair")
    assert empty.startswith("traducción es→en: ") and "1 de " in empty and " frases volvieron vacías, p. ej. “" in empty
    guard = next(w for w, n in zip(brief.warnings, brief.notes) if n["code"] == "summary.guard")
    assert guard == ("punto 1: las cifras 999999 de la línea generada no están en sus frases de origen; se sustituyó "
                     "por la frase del propio orador")
    english = ("replaced", "translation", "sentences", "partial transcript", "invalid", "topic ", "came back")
    for warning in brief.warnings:
        assert not any(word in warning for word in english), warning
    assert brief.mode_reason == "se pidió el modo abstractivo."
    markdown = brief.to_markdown()
    assert "## Notas" in markdown and "Mode:" not in markdown and "translation " not in markdown


def test_the_same_notes_in_english_for_an_english_brief():
    summarizer = Summarizer(SummaryOptions(mode="extractive"), models=fake_models(translators=EmptyTranslators()))
    brief = summarizer.summarize(SEED, target="en")
    pair = next(w for w, n in zip(brief.warnings, brief.notes) if n["code"] == "translate.pair")
    assert pair.startswith("translation es→en: ") and "1 of " in pair and " sentences came back empty, e.g. “" in pair
    data = json.loads(brief.to_json())
    assert data["notes"][0]["code"] == "translate.pair"
    assert data["notes"][0]["params"]["note"]["code"] == "translate.empty"


def test_an_english_brief_has_no_spanish_heading():
    summarizer = Summarizer(SummaryOptions(mode="extractive"),
                            models=fake_models(translators=FakeTranslators()))
    brief = summarizer.summarize(SEED, target="en")
    markdown = brief.to_markdown()
    assert markdown.startswith("# Brief: Press conference, 28 December 2023\n\n")
    assert "Versión estenográfica" not in markdown and "estenográfica" not in markdown
    assert brief.title.startswith("Versión estenográfica")  # kept in the JSON for programs


def test_a_spanish_brief_keeps_the_spanish_title_and_dates_in_spanish():
    brief = summarize(SEED, target="es", mode="extractive")
    lines = brief.to_markdown().splitlines()
    assert lines[0] == f"# Resumen: {brief.title}"
    assert lines[2] == "*28 de diciembre de 2023*"


def test_a_spanish_brief_of_an_english_article_has_a_spanish_heading():
    summarizer = Summarizer(SummaryOptions(mode="extractive"),
                            models=fake_models(translators=FakeTranslators()))
    brief = summarizer.summarize(ARTICLE, target="es")
    assert brief.to_markdown().startswith("# Resumen: Conferencia de prensa")


def test_auto_reason_in_spanish():
    summarizer = Summarizer(SummaryOptions(),
                            models=fake_models(translators=FakeTranslators()))
    brief = summarizer.summarize(SEED, target="es")
    assert brief.mode_reason == ("auto: el modelo de resumen no está disponible, así que cada línea es una frase "
                                 "de la transcripción (ejecute `summarizer models download` para resúmenes "
                                 "abstractivos).")


def test_a_bogus_mode_is_an_option_error():
    with pytest.raises(OptionError, match="mode must be one of auto, abstractive, extractive, chat, not 'bogus'") as caught:
        summarize(SEED, target="es", mode="bogus")
    assert isinstance(caught.value, SummarizerError) and isinstance(caught.value, ValueError)


# ---------------------------------------------------------------- the notes themselves

SAMPLES = {"count": 2, "total": 9, "examples": "“x”", "encoding": "UTF-8", "first": [[1, 4]], "pages": 3,
           "source": "es", "target": "en", "detected": "en", "documents": 2, "low": 0.35, "high": 3.0,
           "limit": 512, "where": "words", "point": 1, "figures": "9", "text": "t", "note": Note("parse.no_turns"),
           "option": "--to es", "size": 10, "detail": "x", "kind": "image", "format": "PNG", "odd": 3, "at": 4,
           "what": Note("model.summarizer"), "advice": "", "terms": [["Sembrando Vida", "Sowing Life", 2]],
           "turns": 3, "words": 1200, "median": 11500, "ending": "y entonces", "question": 2, "blocks": 2,
           "chars": 40000, "lines": 12, "paragraphs": 3, "found": ["figure 999", "name Juan Pérez", "empty"]}


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_every_note_reads_in_both_languages(code):
    note = Note(code, **SAMPLES)
    english, spanish = note.render("en"), note.render("es")
    assert english == str(note) and "{" not in english and "{" not in spanish
    assert (english == spanish) == (code == "text")
    for text in (english, spanish):
        assert not re.search(r"\b(\w+)\s+\1\b", text), text  # no "at at"


def test_notes_survive_pickling_and_copies_and_render_plain_strings_as_they_are():
    import copy
    import pickle

    note = Note("translate.pair", source="es", target="en", note=Note("translate.empty", count=1, total=2,
                                                                    examples="“a”"))
    for clone in (pickle.loads(pickle.dumps(note)), copy.deepcopy(note)):
        assert clone == note and clone.render("es") == note.render("es")
    assert render_all([note, "plain"], "es") == ("traducción es→en: 1 de 2 frases volvieron vacías, p. ej. “a”",
                                                "plain")
    with pytest.raises(KeyError):
        Note("no.such.code")


def test_generic_speaker_names_are_in_the_briefs_language():
    from summarizer import parse_transcript
    from summarizer.output.wording import GENERIC_ES, speaker_name

    text = ("MODERADORA: Hoy la conferencia de prensa en Palacio Nacional trata de la inversión pública del sureste.\n\n"
            "INTERLOCUTOR: Vamos a seguir apoyando a los que menos tienen, porque primero los pobres y eso no va a "
            "cambiar nunca en este gobierno del pueblo. La inversión pública en el sureste crecerá el próximo año en "
            "todos los estados, con obras de agua, de caminos y de salud para las familias de la región.\n\n"
            "VOZ HOMBRE: Tenemos finanzas sanas, no hay deuda nueva y la inflación baja mes con mes en todo el país, "
            "como lo muestran los datos del Inegi y del Banco de México para este año y el próximo.\n")
    doc = parse_transcript(text)
    english = {s.display for s in doc.speakers}
    assert {"Moderator", "Unidentified voice"} <= english, english
    brief = summarize(doc, target="es", mode="extractive").to_markdown()
    assert not any(re.search(rf"\b{re.escape(name)}\b", brief) for name in GENERIC_ES), brief
    assert {speaker_name(s, "es") for s in doc.speakers if s.display in GENERIC_ES} == {
        "Moderador(a)", "Voz no identificada", "Reportero(a)"}
    assert brief.split("\n\n")[1].startswith("Hoy la conferencia de prensa") and "\n| Moderador(a) |  | 1 | 15 | 14.3 % |" in brief
    # Someone quotable spoke, too little for a point: the note says so, not that nobody spoke.
    assert "- ningún tema se trata con la extensión que pide un punto clave (los oradores citables dicen 15 " \
           "palabras en total): el resumen no tiene puntos clave" in brief
