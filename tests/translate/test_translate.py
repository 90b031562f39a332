"""translate(): exact tests of the pure steps and of composition with a fake model,
then the tiny random models through the real loading code, then the CLI."""

import json
import threading

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import parse_transcript
from summarizer.cli import main
from summarizer.errors import ModelNotAvailableError, UnsupportedLanguageError
from summarizer.translate import (
    WORDS_LEVEL,
    TranslatedTranscript,
    TranslateOptions,
    Translator,
    fill_template,
    flag,
    output_cap,
    plan_batches,
    split_long,
    text_template,
    translate,
)

from summarizer.models import Generator, Models
from summarizer.parse.sentences import paragraph_spans
from summarizer.testing import FakeGenerator, fake_models

from support import SEEDS, TRANSFORMERS_ONLY


def fake(options=None, **kw):
    generator = FakeGenerator(kw.pop("fn", "tag"), **kw)
    return Translator("es", "en", options=options, models=fake_models(translate=generator)), generator


WEB = """Versión estenográfica de la conferencia

28 de diciembre de 2023

PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días. Ánimo.

Vamos a contestar preguntas.

PREGUNTA: ¿Qué pasó? Buenos días.

PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Nada.
"""

NATIVE = """Versión estenográfica de la conferencia
Presidencia de la República
28 de diciembre de 2023
---
PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR
Buenos días. Ánimo.
Vamos a contestar preguntas.
---
PREGUNTA
¿Qué pasó? Buenos días.
"""


# ---------------------------------------------------------------- pure steps


def test_text_template_keeps_every_gap_verbatim():
    template, sentences = text_template("  Uno. Dos.\n\nTres.\n")
    assert sentences == ["Uno.", "Dos.", "Tres."]
    assert template == ["  ", 0, " ", 1, "\n\n", 2, "\n"]
    assert fill_template(template, ["A", "B", "C"]) == "  A B\n\nC\n"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?!\n\t¿¡É")), max_size=60))
def test_text_template_rebuilds_any_text(text):
    template, sentences = text_template(text)
    assert fill_template(template, sentences) == text
    assert all(s.strip() for s in sentences)
    assert all(not part.strip() for part in template if isinstance(part, str))


def test_plan_batches_longest_first_within_budget():
    assert plan_batches([5, 30, 10, 30, 2], max_tokens=60, max_size=3) == [[1, 3], [2, 0, 4]]
    # A row longer than the budget goes alone.
    assert plan_batches([100, 3, 3], max_tokens=10, max_size=8) == [[0], [1, 2]]
    assert plan_batches([], max_tokens=10, max_size=8) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 300), max_size=80), st.integers(1, 2000), st.integers(1, 40))
def test_plan_batches_covers_every_row_once(lengths, budget, size):
    batches = plan_batches(lengths, budget, size)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= size
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= budget
        assert [lengths[i] for i in batch] == sorted((lengths[i] for i in batch), reverse=True)


def words(text):
    return len(text.split()) + 1  # EOS


def test_split_long_at_semicolons_first():
    assert split_long("a b c; d e f; g h i", words, 4) == (["a b c;", "d e f;", "g h i"], None)
    # Clauses are packed while they fit.
    assert split_long("a b; c d; e f g h", words, 5) == (["a b; c d;", "e f g h"], None)


def test_split_long_then_commas_and_dashes():
    assert split_long("uno dos, tres cuatro, cinco seis", words, 3) == (["uno dos,", "tres cuatro,", "cinco seis"], None)
    assert split_long("uno dos —tres cuatro— cinco", words, 3) == (["uno dos", "—tres cuatro—", "cinco"], None)


def test_split_long_between_words_is_reported():
    assert split_long("a b c d e f g", words, 4) == (["a b c", "d e f", "g"], WORDS_LEVEL)


def test_split_long_between_characters_at_worst():
    pieces, level = split_long("abcdefghij", len, 4)
    assert pieces == ["abcd", "efgh", "ij"]
    assert level == WORDS_LEVEL + 1


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc ,;:—")), min_size=1, max_size=120), st.integers(4, 12))
def test_split_long_never_drops_text(sentence, limit):
    pieces, _ = split_long(sentence, len, limit)
    assert all(len(p) <= limit for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(sentence.split())


def test_output_cap_tied_to_input_and_window():
    options = TranslateOptions()
    assert output_cap(10, options, 512) == 26  # 1.6 × 10 + 10
    assert output_cap(400, options, 512) == 511  # the window, less the start token
    assert output_cap(10, TranslateOptions(max_new_tokens=40), 512) == 40


def test_flag_implausible_outputs():
    bounds = (0.35, 3.0)
    assert flag("Buenos días a todos ustedes.", "Good morning to all of you.", bounds) is None
    assert flag("Buenos días a todos ustedes.", "", bounds) == "empty"
    assert flag("Buenos días a todos ustedes.", "Good.", bounds) == "length"
    assert flag("Sí.", "Yes, indeed, yes.", bounds) is None  # too short to judge
    assert flag("Vamos a ver.", "we will see we will see we will see we will see", bounds) == "repetition"
    assert flag("No, no, no, no.", "No, no, no, no.", bounds) is None  # repeated in the original too
    assert flag("Vamos a ver qué pasa.", "Let's see what happenenenenenenenen.", bounds) == "repetition"


def test_options_are_checked():
    with pytest.raises(ValueError):
        TranslateOptions(num_beams=0)
    with pytest.raises(ValueError):
        TranslateOptions(max_input_tokens=2)


# ---------------------------------------------------------------- composition (fake model)


def test_paragraph_breaks_and_spacing_kept():
    translator, _ = fake()
    assert translator.translate_texts(["Uno. Dos.\n\nTres.\n", "  Cuatro.\r\nCinco."]) == [
        "<Uno.> <Dos.>\n\n<Tres.>\n", "  <Cuatro.>\r\n<Cinco.>"]


def test_identical_sentences_are_translated_once():
    translator, generator = fake()
    out = translator.translate_texts(["Hola. Hola.", "Hola.\n\nAdiós.", "Hola."])
    assert out == ["<Hola.> <Hola.>", "<Hola.>\n\n<Adiós.>", "<Hola.>"]
    sent = [t for texts, _ in generator.calls for t in texts]
    assert sorted(sent) == ["Adiós.", "Hola."]


def test_batches_sorted_by_length_and_budgeted():
    translator, generator = fake(TranslateOptions(batch_tokens=9, max_batch_size=2))
    text = "Uno. Dos tres. Cuatro cinco seis. Siete ocho nueve diez."
    assert translator.translate_texts([text]) == ["<Uno.> <Dos tres.> <Cuatro cinco seis.> <Siete ocho nueve diez.>"]
    assert [texts for texts, _ in generator.calls] == [
        ["Siete ocho nueve diez."], ["Cuatro cinco seis.", "Dos tres."], ["Uno."]]
    # The output cap follows the longest input of each batch.
    assert [options.max_new_tokens for _, options in generator.calls] == [18, 17, 14]


def test_long_sentence_split_at_clauses_and_rejoined():
    translator, generator = fake(TranslateOptions(max_input_tokens=8))
    sentence = "Primero dijo que sí; luego dijo que no, y al final dijo que tal vez."
    out = translator.translate_texts([sentence])
    assert out == ["<Primero dijo que sí;> <luego dijo que no,> <y al final dijo que tal vez.>"]
    assert all(words(t) <= 8 for texts, _ in generator.calls for t in texts)


def test_window_bounds_the_split_too():
    translator, generator = fake(TranslateOptions(max_input_tokens=200), window=6)
    out, warnings = translator.run(["a b c d e f g h i j k"])
    assert out == ["<a b c d e> <f g h i j> <k>"]
    assert warnings[0].startswith("1 sentences longer than 6 tokens had no clause boundary and were split between words")


def test_forced_token_split_warns():
    translator, _ = fake(TranslateOptions(max_input_tokens=8), fn="copy", count=lambda t: len(t) // 4 + 1)
    out, warnings = translator.run(["x" * 100])
    assert out == [" ".join(["x" * 31] * 3 + ["x" * 7])]
    assert any("between characters (tokens)" in w for w in warnings)


def test_implausible_translations_are_reported():
    translator, _ = fake(fn=lambda s: "Short." if len(s) > 30 else s)
    out, warnings = translator.run(["Esta oración es bastante larga para juzgarla. Sí."])
    assert out == ["Short. Sí."]
    assert warnings == ["1 of 2 sentences have an implausible length (translation/original outside 0.35–3.0×), "
                        "e.g. “Esta oración es bastante larga para juzgarla.”"]


def test_empty_strings_come_back_empty_without_a_model(no_models):
    assert translate("") == ""
    assert translate(["", "  \n", ""]) == ["", "  \n", ""]
    assert translate([]) == []


def test_non_string_in_list_is_a_type_error():
    translator, generator = fake()
    with pytest.raises(TypeError, match=r"item 1 is int"):
        translator.translate_texts(["Hola.", 3])
    assert generator.calls == []
    with pytest.raises(TypeError, match="a str, a list of str or a Transcript"):
        translate(3.5)


@pytest.mark.parametrize("pair", [("fr", "en"), ("es", "de"), ("es", "es")])
def test_unsupported_pair_lists_supported_ones(pair):
    with pytest.raises(UnsupportedLanguageError) as info:
        translate("Hola.", source=pair[0], target=pair[1])
    assert "es→en" in str(info.value) and "en→es" in str(info.value)


def test_progress_reports_batches():
    calls = []
    translator, _ = fake(TranslateOptions(max_batch_size=1))
    translator.translate_texts(["Uno. Dos. Tres."], progress=lambda *a: calls.append(a))
    assert calls == [("translate", 0, 3), ("translate", 1, 3), ("translate", 2, 3), ("translate", 3, 3)]


def test_web_transcript_layout_and_labels_kept():
    doc = parse_transcript(WEB)
    result = fake()[0].translate_transcript(doc)
    assert result.text == """<Versión estenográfica de la conferencia>

<28 de diciembre de 2023>

PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: <Buenos días.> <Ánimo.>

<Vamos a contestar preguntas.>

PREGUNTA: <¿Qué pasó?> <Buenos días.>

PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: <Nada.>
"""
    assert [t.turn for t in result.turns] == list(doc.turns)
    assert result.turns[1].text == "<¿Qué pasó?> <Buenos días.>"
    assert result.turns[1].original == "¿Qué pasó? Buenos días."
    assert (result.source_lang, result.target_lang) == ("es", "en")
    assert [w.code for w in result.warnings] == ["parse.no_questions", "parse.short"]  # a two-turn example


def test_native_transcript_layout_and_labels_kept():
    result = fake()[0].translate_transcript(parse_transcript(NATIVE))
    assert result.text == """<Versión estenográfica de la conferencia>
<Presidencia de la República>
<28 de diciembre de 2023>
---
PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR
<Buenos días.> <Ánimo.>
<Vamos a contestar preguntas.>
---
PREGUNTA
<¿Qué pasó?> <Buenos días.>
"""


def test_translated_transcript_to_dict_is_json():
    result = fake()[0].translate_transcript(parse_transcript(WEB))
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["turns"][0] == {"index": 0, "label": "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "speaker": "López Obrador",
                                "original": "Buenos días. Ánimo.\n\nVamos a contestar preguntas.",
                                "text": "<Buenos días.> <Ánimo.>\n\n<Vamos a contestar preguntas.>"}
    assert data["models"] == {"translate-es-en": {"name": "fake-model", "revision": None, "path": None, "backend": "fake"}}
    assert data["text"] == result.text
    with pytest.raises(AttributeError):
        result.header = "x"  # frozen


def test_language_mismatch_is_a_warning():
    doc = parse_transcript("PRESIDENT: Good morning, everybody. We will now answer the questions of the press.\n")
    result = fake()[0].translate_transcript(doc)
    assert "the transcript looks like 'en' but was translated as 'es'" in result.warnings


# ---------------------------------------------------------------- tiny random models


def test_translate_string_and_list_with_tiny_model(tiny_models):
    out = translate("Buenos días. Está muy bien el clima, ¿no?\n\nÁnimo.")
    assert isinstance(out, str) and out.count("\n\n") == 1 and all(p.strip() for p in out.split("\n\n"))
    outs = translate(["Hola.", "", "Adiós."], source="es", target="en")
    assert len(outs) == 3 and outs[1] == "" and outs[0] and outs[2]
    back = translate("Good morning. The weather is fine.", source="en", target="es")
    assert isinstance(back, str) and back.strip()


def _check_whole(doc, result):
    assert isinstance(result, TranslatedTranscript)
    assert len(result.turns) == len(doc.turns)
    for original, translated in zip(doc.turns, result.turns):
        assert translated.turn is original
        assert len(translated.text.split("\n")) == len(original.text.split("\n"))
        paragraphs = [p for p in translated.text.splitlines() if p.strip()]
        assert len(paragraphs) == len(paragraph_spans(original.text)) and all(p.strip() for p in paragraphs)
    lines, source_lines = result.text.splitlines(), doc.text.splitlines()
    assert len(lines) == len(source_lines)
    for line, source_line in zip(lines, source_lines):
        assert bool(line.strip()) == bool(source_line.strip())
        if source_line.strip() == "---":
            assert line == "---"
    for turn in doc.turns:
        if turn.label and doc.format == "web":
            assert f"{turn.label}: " in result.text
        elif turn.label:
            assert f"---\n{turn.label}\n" in result.text


@pytest.mark.parametrize("name, options", [
    ("2023-12-28.web.txt", None),
    ("2023-12-28.native.txt", TranslateOptions(max_new_tokens=24, quantize=False)),
])
def test_seed_transcript_translated_whole(tiny_models, name, options):
    doc = parse_transcript((SEEDS / name).read_bytes())
    result = translate(doc, options=options)
    _check_whole(doc, result)
    assert result.model["name"] == "Helsinki-NLP/opus-mt-es-en"
    assert result.model["path"].startswith(str(tiny_models))


class WidthSpy(Generator):
    """A real model behind a spy that records the token width of every input it runs."""

    def __init__(self, inner):
        super().__init__(inner.name, inner.max_input_tokens, inner.provenance, special_tokens=inner.special_tokens)
        self.inner, self.widths = inner, []

    def _count(self, texts):
        return self.inner.count_tokens(texts)

    def _forward(self, texts, options):
        self.widths.extend(self.inner.count_tokens(texts))
        return self.inner.generate(texts, options)


def test_long_sentence_with_tiny_model_stays_within_window(tiny_models):
    spy = WidthSpy(Models.from_settings().generator("translate", source="es", target="en"))
    clause = "el presidente dijo que la reconstrucción de Acapulco avanza con los apoyos a {} familias"
    sentence = ", ".join(clause.format(n) for n in range(100, 130)) + "."
    out = Translator("es", "en", options=TranslateOptions(max_input_tokens=64),
                     models=fake_models(translate=spy)).translate_texts([sentence])[0]
    widths = spy.widths
    assert out.strip() and "\n" not in out
    assert widths and max(widths) <= 64 and len(widths) >= 10


@TRANSFORMERS_ONLY
def test_models_load_once_across_threads(tiny_models):
    models = Models.from_settings()
    results = []
    threads = [threading.Thread(target=lambda: results.append(
        models.generator("translate", source="es", target="en", quantize=True).loaded)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and all(r is results[0] for r in results)
    assert results[0].quantized is True
    translator = Translator("es", "en", models=models)
    assert translator.generator.loaded is results[0]  # int8 is the CPU default
    fp32 = Translator("es", "en", options=TranslateOptions(quantize=False), models=models).generator.loaded
    assert fp32 is not results[0] and fp32.quantized is False
    assert Translator("es", "en", models=Models.from_settings()).generator.loaded is not results[0]  # another caller's


def test_concurrent_translations_agree(tiny_models):
    texts = ["Buenos días. Está muy bien el clima.", "Vamos a contestar preguntas."]
    expected = translate(texts)
    results = [None] * 3

    def work(i):
        results[i] = translate(texts)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 3


def test_missing_model_is_a_clear_error(no_models):
    with pytest.raises(ModelNotAvailableError) as info:
        translate("Hola.")
    message = str(info.value)
    assert "Helsinki-NLP/opus-mt-es-en" in message and str(no_models / "opus-mt-es-en") in message
    assert "summarizer models download opus-mt-es-en" in message


# ---------------------------------------------------------------- CLI


def test_cli_translate_file_to_output(tiny_models, tmp_path):
    source, out = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_text(WEB, encoding="utf-8")
    result = CliRunner().invoke(main, ["translate", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert len(text.splitlines()) == len(WEB.splitlines())
    assert text.count("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: ") == 2 and text.count("\nPREGUNTA: ") == 1
    assert "warning: " in result.output  # random weights: implausible lengths are reported


def test_cli_translate_stdin_json(tiny_models):
    result = CliRunner().invoke(main, ["translate", "-", "--from", "es", "--to", "en", "--format", "json", "--quiet"],
                                input=NATIVE)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [t["label"] for t in data["turns"]] == ["PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "PREGUNTA"]
    assert data["source_lang"] == "es" and data["target_lang"] == "en"


def test_cli_translate_plain_text_keeps_paragraphs(tiny_models):
    result = CliRunner().invoke(main, ["translate", "-", "--quiet", "--fp32"],
                                input="El presidente habló de Acapulco.\n\nDijo que todo va bien.\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("\n\n") == 1 and result.output.strip()


def test_cli_translate_without_model_fails_cleanly(no_models):
    result = CliRunner().invoke(main, ["translate", "-", "--quiet"], input="PREGUNTA: ¿Qué pasó?\n")
    assert result.exit_code == 1
    assert "summarizer models download" in result.output and "Traceback" not in result.output


# ---------------------------------------------------------------- whole transcripts


def _lines(text):
    return [" ".join(line.split()) for line in text.splitlines()]


def identity_translation(doc):
    generator = FakeGenerator("copy", window=10**6)
    options = TranslateOptions(max_input_tokens=10**6, builtin_glossary=False)  # its renderings are not copies
    return Translator("es", "en", options=options, models=fake_models(translate=generator)).translate_transcript(doc)


@pytest.mark.parametrize("name", ["2023-12-28.web.txt", "2023-12-28.native.txt", "2023-12-28-news-article.txt"])
def test_identity_translation_rebuilds_the_seed(name):
    """With a model that copies its input, the translation is the document, line for line."""
    doc = parse_transcript((SEEDS / name).read_bytes())
    assert _lines(identity_translation(doc).text) == _lines(doc.text)


@pytest.mark.corpus
def test_identity_translation_rebuilds_every_corpus_transcript(corpus_dir):
    paths = sorted(corpus_dir.glob("*.web.txt")) + sorted(corpus_dir.glob("*.native.txt"))
    assert len(paths) == 48
    for path in paths:
        doc = parse_transcript(path.read_bytes())
        assert _lines(identity_translation(doc).text) == _lines(doc.text), path.name


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["2024-05-10.web.txt", "2024-10-25.native.txt", "2021-01-18.web.txt"])
def test_corpus_transcript_translated_whole_with_tiny_model(tiny_models, corpus_dir, name):
    doc = parse_transcript((corpus_dir / name).read_bytes())
    _check_whole(doc, translate(doc, options=TranslateOptions(max_new_tokens=24)))
