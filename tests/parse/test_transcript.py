"""parse_transcript on small in-memory snippets: one test per format trap of the corpus notes."""

from __future__ import annotations


import pytest

from summarizer import (
    DecodeError,
    EmptyTranscriptError,
    InputTooLargeError,
    SummarizerError,
    parse_transcript,
)
from summarizer.evaluation import turn_of
from summarizer.parse import decode, find_date
from summarizer.testing import fake_models

from support import DATA

AMLO = "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR"
CSP = "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO"
HEADER_2023 = "Versión estenográfica. Conferencia de prensa del presidente Andrés Manuel López Obrador del 28 de diciembre de 2023"
HEADER_2025 = "Versión estenográfica. Conferencia de prensa de la presidenta Claudia Sheinbaum Pardo del 09 de septiembre de 2025"


def web(*paragraphs: str, title: str = HEADER_2023, date: str = "28 de diciembre de 2023", sep: str = "\n\n") -> str:
    """A transcript as copied from the gob.mx page: title, date, one paragraph per line."""
    return sep.join([title, date, *paragraphs]) + "\n"


def native(*blocks: tuple[str, ...], title: str = HEADER_2023, date: str = "28 de diciembre de 2023") -> str:
    """A transcript in the dataset's own format: header lines, then ``---`` blocks."""
    lines = [title, "Presidencia de la República", date]
    for label, *paragraphs in blocks:
        lines += ["---", label, *paragraphs]
    return "\n".join(lines) + "\n"


def turns(doc) -> list[tuple[str, str]]:
    return [(t.label, t.text) for t in doc.turns]


def check_offsets(doc) -> None:
    for i, turn in enumerate(doc.turns):
        assert turn.index == i
        assert doc.text[turn.start:turn.end] == turn.text
        assert turn.text == turn.text.strip()


# ---------------------------------------------------------------- formats


def test_web_format_turns_labels_and_offsets():
    doc = parse_transcript(web(f"{AMLO}: Buenos días.", "Segundo párrafo.", "PREGUNTA: ¿Y el tren?", f"{AMLO}: Va."))
    assert doc.format == "web"
    assert turns(doc) == [(AMLO, "Buenos días.\n\nSegundo párrafo."), ("PREGUNTA", "¿Y el tren?"), (AMLO, "Va.")]
    assert doc.date == "2023-12-28" and doc.title == HEADER_2023
    assert doc.header_end == doc.text.index(AMLO)
    check_offsets(doc)


def test_native_format_turns_labels_and_offsets():
    doc = parse_transcript(native((AMLO, "Buenos días.", "Segundo párrafo."), ("PREGUNTA", "¿Y el tren?"), (AMLO, "Va.")))
    assert doc.format == "native"
    assert turns(doc) == [(AMLO, "Buenos días.\nSegundo párrafo."), ("PREGUNTA", "¿Y el tren?"), (AMLO, "Va.")]
    assert doc.date == "2023-12-28"
    check_offsets(doc)


def test_native_empty_blocks_are_skipped():
    doc = parse_transcript(native((AMLO, "Hola."), ("(INICIA VIDEO)",), ("VOZ MUJER", "Narración."), (AMLO, "Bien.")))
    assert [t.label for t in doc.turns] == [AMLO, "VOZ MUJER", AMLO]


def test_2019_title_style_gives_the_date():
    title = "Versión estenográfica de la conferencia de prensa matutina | Lunes 19 de agosto, 2019"
    doc = parse_transcript(web(f"{AMLO}: Buenos días.", title=title, date="19 de agosto de 2019"))
    assert doc.date == "2019-08-19"


def test_find_date_forms():
    assert find_date("Palacio Nacional, 1º de octubre de 2024") == "2024-10-01"
    assert find_date("Thursday, December 28, 2023") == "2023-12-28"
    assert find_date("date 2023-12-28") == "2023-12-28"
    assert find_date("el 45 de marzo de 2020 y el 3 de marzo de 2020") == "2020-03-03"
    assert find_date("sin fecha") is None


# ---------------------------------------------------------------- input handling


def test_bytes_utf8_with_bom_crlf_and_cp1252_give_the_same_turns():
    text = web(f"{AMLO}: Buenos días, “señoras y señores”… Año.", "PREGUNTA: ¿Qué opina?")
    expected = turns(parse_transcript(text))
    for data in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8"),
                 text.replace("\n", "\r\n").encode("utf-8"), text.encode("cp1252"), text.encode("utf-16")):
        doc = parse_transcript(data)
        assert [(lab, txt.replace("\r\n", "\n")) for lab, txt in turns(doc)] == expected
        check_offsets(doc)


def test_crlf_keeps_offsets_into_the_input():
    text = web(f"{AMLO}: Uno.", "Dos.", "PREGUNTA: ¿Tres?").replace("\n", "\r\n")
    doc = parse_transcript(text)
    assert doc.text == text
    assert doc.turns[0].text == "Uno.\r\n\r\nDos."
    check_offsets(doc)


def test_str_with_bom_keeps_offsets():
    text = "\ufeff" + web(f"{AMLO}: Uno.")
    doc = parse_transcript(text)
    assert doc.text == text and doc.turns[0].text == "Uno."
    check_offsets(doc)


@pytest.mark.parametrize("data", ["", "   \n\t ", b"", b"\xef\xbb\xbf \n", "\u200b\u00a0\n"])
def test_empty_input_is_an_error(data):
    with pytest.raises(EmptyTranscriptError):
        parse_transcript(data)


def test_undecodable_bytes_are_a_clear_error():
    with pytest.raises(DecodeError, match="UTF-8"):
        parse_transcript(b"PREGUNTA: \x81\x8d\x8f\x90\x9d")
    with pytest.raises(DecodeError, match="binary"):
        parse_transcript(b"\x00\x01\x02\x00\xff" * 50)


def test_size_limit_names_the_limit_and_is_configurable(monkeypatch):
    text = web(f"{AMLO}: " + "palabra " * 200)
    with pytest.raises(InputTooLargeError, match="1,000 bytes"):
        parse_transcript(text, max_bytes=1000)
    assert parse_transcript(text, max_bytes=10_000).turns
    monkeypatch.setenv("SUMMARIZER_MAX_INPUT_BYTES", "500")
    with pytest.raises(InputTooLargeError, match="500 bytes"):
        parse_transcript(text.encode())
    with pytest.raises(InputTooLargeError, match="5,000,000 bytes"):
        decode("x" * 5_000_001, max_bytes=5_000_000)


def test_all_input_errors_share_one_base_class():
    for error in (EmptyTranscriptError, DecodeError, InputTooLargeError):
        assert issubclass(error, SummarizerError)
    with pytest.raises(TypeError):
        parse_transcript(12345)  # type: ignore[arg-type]


def test_no_labels_is_prose_not_an_error():
    doc = parse_transcript("Hoy el presidente habló de migración y de la economía.")
    assert doc.format == "prose" and len(doc.turns) == 1
    assert doc.turns[0].speaker.kind == "unknown" and doc.language == "es"


# ---------------------------------------------------------------- label traps


@pytest.mark.parametrize("gap", ["\u00a0", "\u200b", " \u200b", "\u00a0\u00a0", ""])
def test_no_break_and_zero_width_spaces_after_a_label(gap):
    doc = parse_transcript(web(f"{AMLO}:{gap}Buenos días.", f"PREGUNTA:{gap}¿Y?"))
    assert turns(doc) == [(AMLO, "Buenos días."), ("PREGUNTA", "¿Y?")]
    check_offsets(doc)


def test_zero_width_space_inside_a_label():
    label = "HUGO LÓPEZ-GATELL RAMÍREZ, \u200bSUBSECRETARIO DE PREVENCIÓN Y PROMOCIÓN DE LA SALUD"
    doc = parse_transcript(web(f"{label}: Gracias.", f"{AMLO}: Bien."))
    assert doc.turns[0].label == label.replace("\u200b", "")
    assert doc.turns[0].speaker.display == "López-Gatell"


def test_label_split_over_two_lines_native():
    doc = parse_transcript(native(("JORGE ALCOCER VARELA", "SECRETARIO DE SALUD: Muchas gracias, señor presidente."),
                                  (AMLO, "Adelante.")))
    first = doc.turns[0]
    assert first.text == "Muchas gracias, señor presidente."
    assert first.speaker.display == "Jorge Alcocer" and first.speaker.role == "Health Secretary"


@pytest.mark.parametrize("label, continuation, display", [
    ("HUGO LÓPEZ-GATELL RAMÍREZ", "RAMÍREZ", "López-Gatell"),
    ("MARÍA ELENA ÁLVAREZ BUYLLA", "ROCES", "María Elena Álvarez Buylla"),
    ("SUBDIRECTORA DE DISEÑO DIGITAL Y MEDIOS SOCIALES", "DIANA AURORA CORREA CAMPOS", "Diana Aurora Correa"),
    ("SECRETARIA DE DESARROLLO AGRARIO, TERRITORIAL Y URBANO, EDNA ELENA VEGA RANGEL", "(ENLACE VIDEOLLAMADA)", "Edna Elena Vega"),
    ("SUBSECRETARIA DE EDUCACIÓN BÁSICA DE LA SECRETARÍA DE EDUCACIÓN PREGUNTA", "PÚBLICA, NOEMÍ JUÁREZ PÉREZ", "Noemí Juárez"),
])
def test_label_split_over_two_lines_both_formats(label, continuation, display):
    for doc in (parse_transcript(native((label, f"{continuation}: Con su permiso."), (AMLO, "Gracias."))),
                parse_transcript(web(f"{label}: {continuation}: Con su permiso.", f"{AMLO}: Gracias.")),
                parse_transcript(web(label, f"{continuation}: Con su permiso.", f"{AMLO}: Gracias.", title="T", date="1 de mayo de 2020"))):
        assert doc.turns[0].text == "Con su permiso."
        assert doc.turns[0].speaker.display == display
        check_offsets(doc)


def test_president_label_split_over_two_lines():
    doc = parse_transcript(web("PREGUNTA: ¿Y el tren?", "PRESIDENTE ANDRÉS MANUEL LÓPEZ", "OBRADOR: Ya casi.", "PREGUNTA: ¿Y?"))
    assert [(t.speaker.display, t.text) for t in doc.turns] == [
        ("Reporter", "¿Y el tren?"), ("López Obrador", "Ya casi."), ("Reporter", "¿Y?")]


def test_label_name_text_in_web():
    doc = parse_transcript(web("JORGE ALCOCER VARELA: SECRETARIO DE SALUD: Muchas gracias.", f"{AMLO}: Bien."))
    assert doc.turns[0].text == "Muchas gracias."
    assert doc.turns[0].speaker.role == "Health Secretary"


def test_a_colon_phrase_after_a_president_label_is_speech():
    doc = parse_transcript(web(f"{AMLO}: PT: a favor 35, en contra 2.", "PREGUNTA: ¿Y?"))
    assert doc.turns[0].text == "PT: a favor 35, en contra 2."


@pytest.mark.parametrize("note", ["(ENLACE VIDEOLLAMADA)", "(enlace videollamada)", "(Interpretación del inglés al español)",
                                  "(VIDEOLLAMADA)"])
def test_labels_with_bracketed_notes(note):
    doc = parse_transcript(web(f"{CSP}: Adelante, gobernador.",
                               f"GOBERNADOR DE NUEVO LEÓN, SAMUEL GARCÍA SEPÚLVEDA {note}: Buenos días.",
                               f"PREGUNTA {note}: ¿Cuándo?", title=HEADER_2025, date="09 de septiembre de 2025"))
    assert [t.text for t in doc.turns] == ["Adelante, gobernador.", "Buenos días.", "¿Cuándo?"]
    governor, question = doc.turns[1].speaker, doc.turns[2].speaker
    assert governor.display == "Samuel García" and governor.role == "Governor of Nuevo León"
    assert question.is_press


def test_lower_case_note_label_inside_a_native_block_is_a_new_turn():
    # The dataset misses this speaker change (lower case before the colon); we split it.
    doc = parse_transcript(native((CSP, "Adelante, Jesús.",
                                   "SECRETARIO DE INFRAESTRUCTURA, COMUNICACIONES Y TRANSPORTES, JESÚS ESTEVA MEDINA "
                                   "(enlace videollamada): ¡Bravo!"), title=HEADER_2025, date="09 de septiembre de 2025"))
    assert [(t.speaker.display, t.text) for t in doc.turns] == [("Sheinbaum", "Adelante, Jesús."), ("Jesús Esteva", "¡Bravo!")]


@pytest.mark.parametrize("paragraph, label, text", [
    ("PREGUNTA ¿Y la reforma?", "PREGUNTA", "¿Y la reforma?"),
    ("PREGUNTA Presidente, sobre la restricción del INE…", "PREGUNTA", "Presidente, sobre la restricción del INE…"),
    ("INTERLOCUTORA Las medicinas.", "INTERLOCUTORA", "Las medicinas."),
    ("INTERLOCUTOR; El operativo, así es.", "INTERLOCUTOR", "El operativo, así es."),
    ("INTERVENCIÓN (Inaudible)", "INTERVENCIÓN", "(Inaudible)"),
    ("VOZ HOMBRE Este es López Obrador.", "VOZ HOMBRE", "Este es López Obrador."),
])
def test_known_labels_without_a_colon_are_new_turns(paragraph, label, text):
    for doc in (parse_transcript(web(f"{AMLO}: Nos vemos mañana.", paragraph, f"{AMLO}: Bueno.")),
                parse_transcript(native((AMLO, "Nos vemos mañana.", paragraph), (AMLO, "Bueno.")))):
        assert turns(doc)[1] == (label, text)
        assert turns(doc)[0][1] == "Nos vemos mañana."


def test_press_label_glued_after_another_label_is_a_speaker_change():
    for doc in (parse_transcript(native(("JORGE ALCOCER VARELA, SECRETARIO DE SALUD", "Eso es todo.",
                                         "PREGUNTA: ¿Y las vacunas?"), (AMLO, "Llegan mañana."))),
                parse_transcript(native(("JORGE ALCOCER VARELA, SECRETARIO DE SALUD", "PREGUNTA: ¿Y las vacunas?"),
                                        (AMLO, "Llegan mañana."))),
                parse_transcript(web("JORGE ALCOCER VARELA, SECRETARIO DE SALUD: PREGUNTA: ¿Y las vacunas?",
                                     f"{AMLO}: Llegan mañana."))):
        assert [(t.speaker.kind, t.text) for t in doc.turns][-2:] == [("press", "¿Y las vacunas?"),
                                                                      ("president", "Llegan mañana.")]


def test_label_alone_on_its_line():
    doc = parse_transcript(web(f"{AMLO}:", "Buenos días.", "PREGUNTA:", "¿Y?"))
    assert turns(doc) == [(AMLO, "Buenos días."), ("PREGUNTA", "¿Y?")]


def test_president_label_with_a_period_instead_of_a_colon():
    doc = parse_transcript(web("PREGUNTA: ¿Y el programa?", f"{AMLO}. Por favor, porque ese programa implica mucha inversión."))
    assert doc.turns[1].speaker.kind == "president"


def test_times_and_colons_inside_a_turn_are_not_labels():
    paragraphs = [f"{AMLO}: Nos vemos a las 9:30 de la mañana.", "A LAS 9:30 HORAS empieza.", "Les leo lo siguiente:",
                  "“ESTIMADO PRESIDENTE: le escribo para…”", "—SEÑOR: dijo el otro—.", "Ver http://gob.mx y 10:00."]
    doc = parse_transcript(web(*paragraphs))
    assert len(doc.turns) == 1
    assert doc.turns[0].text.endswith("Ver http://gob.mx y 10:00.")


def test_all_caps_phrase_with_a_colon_is_a_turn_but_not_a_speaker():
    # Like the dataset, an all-caps "X:" opens a turn (the gold counts such pseudo-turns),
    # but nobody is quoted from it.
    doc = parse_transcript(web(f"{AMLO}: Les doy la votación.", "PT: a favor 35, en contra 2.",
                               "ÚLTIMA HORA: se aprobó.", "ESTIMADO SEÑOR PRESIDENTE: le escribo.", "PREGUNTA: ¿Y?"))
    assert [t.label for t in doc.turns] == [AMLO, "PT", "ÚLTIMA HORA", "ESTIMADO SEÑOR PRESIDENTE", "PREGUNTA"]
    for turn in doc.turns[1:4]:
        assert turn.speaker.kind == "other" and not turn.speaker.quotable


def test_quoted_letter_read_aloud_stays_in_the_turn():
    doc = parse_transcript(web(f"{AMLO}: Voy a leer la carta:", "“Querido presidente: le escribo desde Oaxaca.”",
                               "Eso dice la carta.", "PREGUNTA: ¿Y?"))
    assert len(doc.turns) == 2 and "Oaxaca" in doc.turns[0].text


# ---------------------------------------------------------------- news-site copies


def test_news_copy_with_intro_byline_motto_and_captions():
    text = "\n\n".join([
        "EN VIVO: La mañanera de AMLO hoy 28 de diciembre",
        "Ciudad de México.- El presidente Andrés Manuel López Obrador encabeza su conferencia matutina.",
        "Foto: Presidencia de la República",
        "(FOTO: CUARTOSCURO)",
        "LEE TAMBIÉN: Las claves de la reunión con Blinken",
        HEADER_2023,
        "Presidencia de la República | 28 de diciembre de 2023",
        "2023: Año de Francisco Villa, el revolucionario del pueblo",
        f"{AMLO}: Buenos días.",
        "Vamos a empezar.",
        "PREGUNTA: ¿Y Blinken?",
        f"{AMLO}: Fue muy buena la reunión.",
    ])
    doc = parse_transcript(text)
    assert turns(doc) == [(AMLO, "Buenos días.\n\nVamos a empezar."), ("PREGUNTA", "¿Y Blinken?"),
                          (AMLO, "Fue muy buena la reunión.")]
    assert doc.title == HEADER_2023 and doc.date == "2023-12-28"
    assert doc.header_end == text.index(f"{AMLO}: Buenos")


def test_stage_direction_opens_the_transcript_only_after_the_header():
    doc = parse_transcript(web("(HIMNO NACIONAL)", f"{AMLO}: Buenos días."))
    assert doc.header_end == doc.text.index("(HIMNO")
    news = "\n\n".join(["(VIDEO)", "Mira la mañanera completa.", HEADER_2023, "28 de diciembre de 2023",
                         f"{AMLO}: Buenos días."])
    assert parse_transcript(news).turns[0].text == "Buenos días."


def test_single_line_breaks():
    doc = parse_transcript(web(f"{AMLO}: Buenos días.", "Segundo.", "PREGUNTA: ¿Y?", sep="\n"))
    assert turns(doc) == [(AMLO, "Buenos días.\nSegundo."), ("PREGUNTA", "¿Y?")]


def test_caption_between_paragraphs_is_in_no_turn():
    doc = parse_transcript(web(f"{AMLO}: Uno.", "Foto: Cuartoscuro", "Dos.", "PREGUNTA: ¿Y?"))
    assert [(t.speaker.display, t.text) for t in doc.turns] == [
        ("López Obrador", "Uno."), ("López Obrador", "Dos."), ("Reporter", "¿Y?")]
    assert all("Foto" not in t.text for t in doc.turns)


def test_text_after_the_end_mark_is_not_a_turn():
    doc = parse_transcript(web(f"{AMLO}: Nos vemos mañana.", "—000—", "Lee también: otras noticias del día",
                               "Suscríbete a nuestro boletín."))
    assert turns(doc) == [(AMLO, "Nos vemos mañana.\n\n—000—")]


def test_labels_after_the_end_mark_go_on():
    doc = parse_transcript(web(f"{AMLO}: Nos vemos mañana.", "—000—", "VE-2248: Versión estenográfica", f"{AMLO}: Buenos días."))
    assert [t.label for t in doc.turns] == [AMLO, "VE-2248", AMLO]


def test_video_markers_the_dataset_dropped_make_no_turns():
    doc = parse_transcript(web(f"{AMLO}: Pongan el video.", "(INICIA VIDEO)", "VOZ MUJER: El tren avanza.",
                               "(FINALIZA VIDEO)", f"{AMLO}: Ahí está."))
    assert turns(doc) == [(AMLO, "Pongan el video."), ("VOZ MUJER", "El tren avanza."), (AMLO, "Ahí está.")]
    assert [t.in_clip for t in doc.turns] == [False, True, False]


# ---------------------------------------------------------------- clips and stage directions


def test_text_after_a_clip_start_belongs_to_the_clip():
    doc = parse_transcript(web(f"{AMLO}: Vamos a verlo.", "(INICIA VIDEO)", "Narración del video sin etiqueta.",
                               f"{AMLO}: Bien."))
    clip = doc.turns[1]
    assert clip.label == "(INICIA VIDEO)" and clip.text == "Narración del video sin etiqueta."
    assert clip.in_clip and clip.speaker.kind == "stage" and not clip.speaker.quotable
    assert not doc.turns[2].in_clip


def test_stage_direction_then_unlabelled_text_continues_the_speaker():
    # The gold gives this text to the stage direction; it is the previous speaker going on.
    doc = parse_transcript(web("DAVID AGUILAR ROMERO, PROCURADOR FEDERAL DEL CONSUMIDOR: El ganador es Bodega Aurrera.",
                               "(ENTREGA DE RECONOCIMIENTO)", "Vale la pena también mencionar a Chedraui.",
                               f"{AMLO}: Muy bien."))
    turn = doc.turns[1]
    assert turn.label == "(ENTREGA DE RECONOCIMIENTO)" and turn.text == "Vale la pena también mencionar a Chedraui."
    assert turn.speaker is doc.turns[0].speaker and not turn.in_clip


def test_clip_voices_and_archive_clips_are_never_the_sitting_president():
    doc = parse_transcript(web(
        f"{AMLO}: Vean lo que decía yo.",
        "(INICIA VIDEO)",
        f"{AMLO} (EN ESE MOMENTO JEFE DE GOBIERNO): No vamos a permitir el fraude.",
        "VOZ DEL PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR MANIPULADA CON INTELIGENCIA ARTIFICIAL: Inviertan aquí.",
        "(FINALIZA VIDEO)",
        f"{AMLO}: Eso es falso.",
    ))
    archive, fake, after = doc.turns[1], doc.turns[2], doc.turns[3]
    for turn in (archive, fake):
        assert turn.in_clip and turn.speaker.kind == "archive" and not turn.speaker.quotable
    assert archive.speaker.display == "López Obrador (archive clip)"
    assert after.speaker.kind == "president" and not after.in_clip
    assert archive.speaker is not after.speaker


def test_a_voice_heard_only_inside_a_videos_narration_is_a_recording_not_a_participant():
    from summarizer import Summarizer, SummaryOptions

    narration = "En 1968 el movimiento estudiantil tomó las calles de la Ciudad de México para exigir libertades. "
    doc = parse_transcript(web(
        "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Hoy el Estado mexicano ofrece una disculpa. Vean el video.",
        f"VOZ HOMBRE: {narration}",
        "GUSTAVO DÍAZ ORDAZ: Hemos sido tolerantes hasta excesos criticados; pero todo tiene un límite.",
        f"VOZ HOMBRE: {narration}",
        "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO: Nunca más. Hoy reconocemos que fue un crimen de Estado.",
        "VOZ MUJER: ¿Y la Fiscalía?",
        "SECRETARIA DE GOBERNACIÓN, ROSA ICELA RODRÍGUEZ VELÁZQUEZ: La Fiscalía va a seguir con las investigaciones.",
    ))
    ordaz, rosa = doc.turns[2], doc.turns[6]
    assert ordaz.in_clip and not rosa.in_clip  # an official answering an off-mic question stays a participant
    summary = Summarizer(SummaryOptions(mode="extractive"), models=fake_models()).summarize(doc, target="es")
    assert "Gustavo Díaz" not in [s.display for s in summary.speakers]
    assert not any("tolerantes" in q.original for q in summary.quotes)
    assert "Rosa Icela Rodríguez" in [s.display for s in summary.speakers]


def test_child_playing_the_president_is_not_the_president():
    doc = parse_transcript(web(f"{CSP}: Adelante.", f"NIÑO, {CSP}: Buenos días, soy la presidenta.",
                               title=HEADER_2025, date="09 de septiembre de 2025"))
    child = doc.turns[1].speaker
    assert child.kind == "archive" and not child.quotable and "Child" in child.display


def test_clip_ends_when_the_conference_speaks_again():
    doc = parse_transcript(web(f"{CSP}: Vamos con el video.", "(PROYECCIÓN DE VIDEO)", "DIANA: Yo aprendí a cantar.",
                               "VOZ MUJER: Gobierno de México.", f"{CSP}: Muy bonito.", "PREGUNTA: ¿Y?",
                               title=HEADER_2025, date="09 de septiembre de 2025"))
    assert [t.in_clip for t in doc.turns] == [False, True, True, False, False]


def test_lopez_obrador_in_the_sheinbaum_era_is_an_archive_clip():
    doc = parse_transcript(web(f"{CSP}: Vean.", f"{AMLO}: Abrazos, no balazos.", f"{CSP}: Así es.",
                               title=HEADER_2025, date="09 de septiembre de 2025"))
    assert doc.turns[1].speaker.kind == "archive" and doc.turns[1].in_clip


# ---------------------------------------------------------------- printed twice, partial, end


def test_page_printed_twice_marks_the_second_copy_repeated():
    body = [f"{AMLO}: Buenos días.", "PREGUNTA: ¿Y el bosque?", f"{AMLO}: Avanza.", "PREGUNTA: Gracias.", f"{AMLO}: Sí."]
    doc = parse_transcript(web(*body, "VE-2248: Versión estenográfica", "Palacio Nacional, 10 de marzo de 2022", *body))
    assert [t.repeated for t in doc.turns] == [False] * 5 + [False] + [True] * 5
    assert doc.turns[5].speaker.kind == "other"


def test_short_repeated_answers_are_not_marked():
    doc = parse_transcript(web(f"{AMLO}: Sí.", "PREGUNTA: ¿Y?", f"{AMLO}: Sí.", "PREGUNTA: ¿Seguro?"))
    assert not any(t.repeated for t in doc.turns)


def test_partial_transcript_is_flagged():
    doc = parse_transcript(web(f"{CSP}: Vamos a las preguntas.", "(Continúa…)", title=HEADER_2025, date="1 de mayo de 2025"))
    assert doc.partial and any("partial" in w for w in doc.warnings)
    assert doc.turns[-1].text.endswith("(Continúa…)")  # as in the gold
    assert not parse_transcript(web(f"{AMLO}: Continúa la obra.")).partial


def test_end_mark_stays_in_the_last_turn_like_the_gold():
    doc = parse_transcript(native((CSP, "Nos vemos mañana.", "—000—"), title=HEADER_2025, date="1 de mayo de 2025"))
    assert doc.turns[-1].text == "Nos vemos mañana.\n—000—"


# ---------------------------------------------------------------- speakers in a transcript


def test_name_title_then_name_is_one_speaker():
    doc = parse_transcript(web(f"{AMLO}: Adelante.", "OLGA SÁNCHEZ CORDERO, SECRETARIA DE GOBERNACIÓN: Gracias.",
                               f"{AMLO}: Bien.", "OLGA SÁNCHEZ CORDERO: Otra cosa."))
    assert doc.turns[1].speaker is doc.turns[3].speaker
    assert doc.turns[3].speaker.role == "Interior Secretary"
    assert len([s for s in doc.speakers if s.kind == "official"]) == 1


def test_sheinbaum_before_october_2024_is_head_of_government():
    doc = parse_transcript(web(f"{AMLO}: Adelante, Claudia.", "CLAUDIA SHEINBAUM PARDO: Gracias, presidente.",
                               title="Versión estenográfica. Conferencia de prensa del 10 de marzo de 2022",
                               date="10 de marzo de 2022"))
    speaker = doc.turns[1].speaker
    assert speaker.kind == "official" and speaker.display == "Sheinbaum"
    assert speaker.role == "Head of Government of Mexico City"


def test_turn_of_offset():
    doc = parse_transcript(web(f"{AMLO}: Uno.", "PREGUNTA: ¿Dos?"))
    assert doc.turns[turn_of(doc, doc.text.index("Dos"))].speaker.is_press
    assert turn_of(doc, 0) is None


def test_language_of_an_english_transcript():
    doc = parse_transcript(web("PRESIDENT ANDRÉS MANUEL LÓPEZ OBRADOR: Good morning. Today we will talk about the economy "
                               "and the new train, which is already carrying thousands of passengers every day."))
    assert doc.language == "en"


# ---------------------------------------------------------------- prose


def test_prose_article_attributes_quotes_where_the_article_says_so():
    doc = parse_transcript((DATA / "2023-12-28-news-article.txt").read_bytes())
    assert doc.format == "prose" and doc.language == "en" and doc.date == "2023-12-28"
    check_offsets(doc)
    quoted = [t for t in doc.turns if t.speaker.kind != "narration"]
    assert [t.speaker.display for t in quoted] == ["López Obrador"] * 5
    assert quoted[0].text.startswith("There is more and more (economic) movement")
    assert quoted[1].text.startswith("We are going to have periodic meetings")  # "he explained"
    assert quoted[2].text == "And they will also be with us, there will be a constant exchange"  # "he added"
    narration = [t for t in doc.turns if t.speaker.kind == "narration"]
    assert all(not t.speaker.quotable for t in narration)
    assert any("“very good”" in t.text for t in narration)  # scare quotes stay in the narration


@pytest.mark.parametrize("text, display", [
    ("“Vamos a seguir trabajando por el pueblo de México”, dijo Sheinbaum en Palacio Nacional.", "Sheinbaum"),
    ("Habló Claudia Sheinbaum.\n\n“No habrá aumento de impuestos en el próximo año”, afirmó la presidenta.", "Sheinbaum"),
    ("Ebrard dijo: “Las exportaciones crecieron como nunca antes este año.”", "Ebrard"),
    ("“The talks went very well today, truly,” said Marcelo Ebrard.", "Marcelo Ebrard"),
])
def test_prose_attribution_forms(text, display):
    doc = parse_transcript("Ciudad de México, 2 de mayo de 2025.\n\n" + text)
    quoted = [t for t in doc.turns if t.speaker.kind not in ("narration", "unknown")]
    assert [t.speaker.display for t in quoted] == [display]
    check_offsets(doc)


def test_prose_the_president_unnamed_is_not_guessed():
    doc = parse_transcript("The president said on Monday: “We will not accept any tariffs from anyone at all.”\n\n"
                           "“We are ready,” he added.")
    assert [t.speaker.kind for t in doc.turns] == ["narration", "unknown", "narration"]
    doc = parse_transcript("President López Obrador spoke.\n\nThe president said on Monday: “We will not accept any "
                           "tariffs from anyone at all.”\n\n“We are ready,” he added.")
    assert [t.speaker.display for t in doc.turns if t.speaker.kind == "president"] == ["López Obrador"] * 2


def test_prose_quote_without_attribution_is_not_attributed():
    doc = parse_transcript("La reunión terminó tarde.\n\n“Esto no se va a quedar así, vamos a insistir mucho.”")
    assert [t.speaker.kind for t in doc.turns] == ["narration", "unknown"]


# ---------------------------------------------------------------- a whole transcript (tests/data)


@pytest.mark.parametrize("fmt", ["web", "native"])
def test_whole_transcript_matches_its_gold(fmt):
    import json

    gold = json.loads((DATA / "2024-05-10.gold.json").read_text(encoding="utf-8"))
    doc = parse_transcript((DATA / f"2024-05-10.{fmt}.txt").read_bytes())
    assert doc.format == fmt and doc.date == gold["date"] and doc.title == gold["title"]
    assert [(t.label, " ".join(t.text.split())) for t in doc.turns] == \
           [(g["speaker"], " ".join(g["text"].split())) for g in gold["turns"]]
    assert sum(len(t.text.split()) for t in doc.turns) == gold["n_words"]
    check_offsets(doc)
    assert [s.display for s in doc.speakers] == ["López Obrador", "Reporter"]


def test_detect_language():
    from summarizer.parse.language import detect_language

    assert detect_language("Buenos días. Vamos a informar sobre el avance de las obras del Tren Maya.") == "es"
    assert detect_language("Good morning. We will report on the progress of the Maya Train works.") == "en"
    assert detect_language("…  12 34") == "es" and detect_language("", default="en") == "en"


def test_long_texts_are_told_apart_by_function_words_alone():
    from summarizer.parse.language import _by_function_words

    spanish = "Buenos días. Vamos a informar sobre el avance de las obras y de los programas del Gobierno. " * 5
    english = "Good morning. We will report on the progress of the works and of the programmes of the government. " * 5
    assert _by_function_words(spanish) == "es" and _by_function_words(english) == "en"
    assert _by_function_words("Buenos días.") is None  # too little to judge: py3langid decides


def test_prose_titles_are_not_names():
    doc = parse_transcript("Blinken met López Obrador.\n\n“We had very good talks with everyone,” said the Secretary of "
                           "Homeland Security, Alejandro Mayorkas.\n\n“A long quote here from someone,” said President Joe Biden.")
    assert [(t.speaker.kind, t.speaker.display) for t in doc.turns if t.speaker.kind != "narration"] == [
        ("unknown", "Unknown speaker"), ("official", "Joe Biden")]


def test_era_without_a_date_comes_from_the_presidents_label():
    undated = "\n\n".join([f"{AMLO}: Adelante, Claudia.", "CLAUDIA SHEINBAUM PARDO: Gracias, presidente."])
    doc = parse_transcript(undated)
    assert doc.date is None and doc.turns[1].speaker.kind == "official"
    doc = parse_transcript("\n\n".join([f"{CSP}: Vean.", f"{AMLO}: Abrazos, no balazos."]))
    assert doc.turns[1].speaker.kind == "archive"
