"""Glossary and protected names: exact tests of the glossary files and of the codes, then
fake models that mangle names (every protected term comes out right or is named in a
warning; no code ever leaks), then briefs, the tiny random models and the CLI."""

import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import parse_transcript, summarize
from summarizer.cli import main
from summarizer.batch import BatchSettings, process_document
from summarizer.errors import OptionError
from summarizer.summarize import Summarizer, SummaryOptions
from summarizer.testing import FakeGenerator, fake_models
from summarizer.translate import Glossary, TranslateOptions, Translator, read_glossary, transcript_names, translate
from summarizer.translate.glossary import Entry, as_glossary, builtin, parse_glossary, protected_terms
from summarizer.translate.protect import ProtectedTerms

from support import SEEDS

TRACE = re.compile(r"z\s*x", re.IGNORECASE)  # anything left of a code

ES_EN = {"La": "The", "la": "the", "y": "and", "apoyan": "support", "Sembrando": "Sowing", "Vida": "Life",
         "habló": "spoke", "Rosa": "Pink", "Pemex": "pemex", "Guardia": "Guard", "Nacional": "National",
         "llegó": "arrived", "El": "The", "el": "the", "dijo": "said", "que": "that", "sí": "yes"}


def word_by_word(text: str) -> str:
    """A model that translates word by word: it mangles names that are also words."""
    return re.sub(r"\w+", lambda m: ES_EN.get(m.group(), m.group()), text)


def fake(transform, options=None):
    generator = FakeGenerator(transform)
    return Translator("es", "en", options=options, models=fake_models(translate=generator)), generator


SENTENCES = ["La Guardia Nacional y Pemex apoyan Sembrando Vida.", "Rosa Icela Rodríguez habló."]
NAMES = ("Rosa Icela Rodríguez",)


# ---------------------------------------------------------------- glossary files


def test_glossary_file_format(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_bytes("\ufeff# ours\n\nSembrando Vida\nGuardia Nacional\tNational Guard\n"
                     "Secretaría de Marina\tNavy\tes→en\n  Pemex \t\tEN-ES\nSembrando Vida\n".encode("utf-8"))
    assert read_glossary(path) == Glossary((
        Entry("Sembrando Vida", "Sembrando Vida"), Entry("Guardia Nacional", "National Guard"),
        Entry("Secretaría de Marina", "Navy", "es-en"), Entry("Pemex", "Pemex", "en-es")))


def test_a_pairs_own_entry_wins_over_an_entry_for_every_pair():
    glossary = parse_glossary("Tren Maya\tMaya Train\tes-en\nTren Maya\nPemex\tPEMEX\tes-en\n")
    assert glossary.for_pair("es", "en") == {"Tren Maya": "Maya Train", "Pemex": "PEMEX"}
    assert glossary.for_pair("en", "es") == {"Tren Maya": "Tren Maya"}


@pytest.mark.parametrize("line, message", [
    ("Pemex\tPemex\tes-en\textra", "line 2: 4 tab-separated columns, at most 3 expected"),
    ("\tNational Guard", "line 2: the source term (first column) is empty"),
    ("Guardia Nacional    National Guard", "line 2: columns must be separated by tabs, not spaces"),
    ("Pemex\tPemex\tes-fr", "line 2: 'es-fr' is not a language pair; write one of en-es, es-en"),
    ("Pemex\tPemex\tes-es", "line 2: 'es-es' is not a language pair"),
    ("---\tx", "line 2: the source term '---' has no letters or digits"),
    ("Sembrando Vida\tSowing Life", "line 2: 'Sembrando Vida' is already rendered as 'Sembrando Vida' on line 1"),
])
def test_bad_glossary_lines_are_clear_errors(tmp_path, line, message):
    path = tmp_path / "mine.tsv"
    path.write_text(f"Sembrando Vida\n{line}\n", encoding="utf-8")
    with pytest.raises(OptionError) as info:
        TranslateOptions(glossary=path)
    assert str(info.value).startswith(f"{path}, {message}")


def test_unreadable_glossaries_are_clear_errors(tmp_path):
    with pytest.raises(OptionError, match=r"cannot read the glossary .*nowhere\.tsv: No such file"):
        TranslateOptions(glossary=tmp_path / "nowhere.tsv")
    (tmp_path / "latin1.tsv").write_bytes("Secretaría\n".encode("latin-1"))
    with pytest.raises(OptionError, match=r"latin1\.tsv is not UTF-8 text \(byte 8\); save it as UTF-8"):
        SummaryOptions(glossary=str(tmp_path / "latin1.tsv"))
    with pytest.raises(OptionError, match="terms and renderings must be strings"):
        TranslateOptions(glossary={"Pemex": 3})
    with pytest.raises(OptionError, match="not list"):
        TranslateOptions(glossary=["Pemex"])


def test_mapping_and_builtin_glossaries():
    assert as_glossary({"Pemex": None, "Guardia Nacional": "GN"}) == Glossary(
        (Entry("Pemex", "Pemex"), Entry("Guardia Nacional", "GN")))
    es_en, en_es = builtin().for_pair("es", "en"), builtin().for_pair("en", "es")
    assert es_en["Guardia Nacional"] == "National Guard" and en_es["National Guard"] == "Guardia Nacional"
    assert es_en["Sembrando Vida"] == en_es["Sembrando Vida"] == "Sembrando Vida"
    assert es_en["T-MEC"] == "USMCA" and en_es["USMCA"] == "T-MEC" and "USMCA" not in es_en
    assert {e.pair for e in builtin().entries} == {None, "es-en", "en-es"}


def test_names_then_builtin_then_user():
    user = parse_glossary("Guardia Nacional\tGN\tes-en\nRosa Icela Rodríguez\tRosa Icela\n")
    terms = protected_terms("es", "en", user, names=("Rosa Icela Rodríguez", "Tzeltzin Juárez"))
    assert terms["Guardia Nacional"] == "GN" and terms["Rosa Icela Rodríguez"] == "Rosa Icela"
    assert terms["Tzeltzin Juárez"] == "Tzeltzin Juárez" and terms["Pemex"] == "Pemex"
    assert protected_terms("es", "en", None, ("Tzeltzin Juárez",), with_builtin=False) == {
        "Tzeltzin Juárez": "Tzeltzin Juárez"}


def test_transcript_names_are_speakers_and_self_introduced_reporters():
    doc = parse_transcript((SEEDS / "2023-12-28.web.txt").read_bytes())
    assert transcript_names(doc) == ("Andrés Manuel López Obrador", "López Obrador", "Tzeltzin Juárez",
                                     "Diego Elías Cedillo")


# ---------------------------------------------------------------- codes


def test_terms_become_codes_longest_first_whole_words_as_written():
    terms = ProtectedTerms({"IMSS": "IMSS", "IMSS-Bienestar": "IMSS-Bienestar", "Pemex": "Pemex"})
    assert terms.protect("El IMSS-Bienestar, el IMSS y Pemex; no pemex ni Pemexes.") == \
        "El ZX0Q, el ZX1Q y ZX2Q; no pemex ni Pemexes."
    assert terms.protect("El código ZX81 de Pemex.") == "El código ZX81 de Pemex."  # only checked
    assert terms.reveal("zx 2 q y ZX0Q") == "Pemex y IMSS-Bienestar"


def test_codes_come_back_whatever_their_case_and_spaces_or_not_at_all():
    terms = ProtectedTerms({"Guardia Nacional": "National Guard", "Pemex": "Pemex"})
    protected = terms.protect("La Guardia Nacional y Pemex.")
    assert protected == "La ZX0Q y ZX1Q."
    assert terms.restore(protected, "The zx0q and Z X 1 Q.") == "The National Guard and Pemex."
    assert terms.restore(protected, "The ZX1Q and ZX0Q, ZX0Q.") == "The Pemex and National Guard, National Guard."
    for broken in ("The ZX0Q.", "The ZX0Q and ZX1Q and ZX2Q.", "The ZX0Q and ZX1.", "The ZX0Q and ZXOQ ZX1Q.",
                   "The ZX0Qs and ZX1Q."):
        assert terms.restore(protected, broken) is None, broken


def test_missing_terms_are_counted_by_rendering():
    terms = ProtectedTerms({"Guardia Nacional": "National Guard", "Pemex": "Pemex"})
    assert terms.missing("Pemex, Pemex y la Guardia Nacional.", "Pemex, it and the National Guard.") == ["Pemex"]
    assert terms.missing("Pemex y la Guardia Nacional.", "pemex and the national guard.") == [
        "Pemex", "Guardia Nacional"]
    assert terms.missing("Nada.", "Nothing.") == []


# ---------------------------------------------------------------- fake models that mangle names


def test_a_word_by_word_model_cannot_touch_protected_terms():
    translator, generator = fake(word_by_word)
    assert translator.run(SENTENCES, names=NAMES) == (
        ["The National Guard and Pemex support Sembrando Vida.", "Rosa Icela Rodríguez spoke."], [])
    assert [texts for texts, _ in generator.calls] == [["La ZX0Q y ZX1Q apoyan ZX2Q.", "ZX3Q habló."]]


def test_a_lower_casing_model_keeps_names_as_written():
    translator, _ = fake(str.lower)
    assert translator.run(SENTENCES, names=NAMES) == (
        ["la National Guard y Pemex apoyan Sembrando Vida.", "Rosa Icela Rodríguez habló."], [])


def test_lost_codes_mean_a_plain_translation_and_a_warning_naming_each_term():
    translator, generator = fake(lambda text: re.sub(r"ZX\d+Q", "", word_by_word(text)))
    out, warnings = translator.run(SENTENCES, names=NAMES)
    assert out == ["The Guard National and pemex support Sowing Life.", "Pink Icela Rodríguez spoke."]
    assert warnings == [
        "4 protected terms did not come through the translation (the model dropped or changed them; nothing was put "
        "in their place): “Guardia Nacional” (as “National Guard”) in 1 sentence, “Pemex” in 1 sentence, "
        "“Rosa Icela Rodríguez” in 1 sentence, “Sembrando Vida” in 1 sentence"]
    assert [texts for texts, _ in generator.calls] == [["La ZX0Q y ZX1Q apoyan ZX2Q.", "ZX3Q habló."], SENTENCES]


def test_only_the_sentences_whose_codes_broke_are_translated_again():
    translator, generator = fake(lambda text: text.replace("ZX3Q", "ZX3") if "ZX3Q" in text else word_by_word(text))
    out, warnings = translator.run(SENTENCES, names=NAMES)
    assert out == ["The National Guard and Pemex support Sembrando Vida.", "Pink Icela Rodríguez spoke."]
    assert warnings == ["1 protected term did not come through the translation (the model dropped or changed it; "
                        "nothing was put in its place): “Rosa Icela Rodríguez” in 1 sentence"]
    assert [texts for texts, _ in generator.calls][1] == ["Rosa Icela Rodríguez habló."]


MANGLES = ("keep", "lower", "spaces", "drop", "remnant", "twice", "stutter", "renumber")
POOL = ["Pemex", "Sembrando Vida", "Guardia Nacional", "Rosa Icela Rodríguez", "la", "y", "dijo", "que", "pero"]


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(POOL), min_size=1, max_size=12),
       mangles=st.lists(st.sampled_from(MANGLES), min_size=1, max_size=6), plain_lowers=st.booleans())
def test_every_term_comes_out_right_or_is_named_and_no_code_leaks(words, mangles, plain_lowers):
    picks = iter(mangles * 20)

    def mangle(match):
        code, number = match.group(), match.group(1)
        return {"keep": code, "lower": code.lower(), "spaces": " ".join(code), "drop": "", "remnant": code[:-1],
                "twice": f"{code} {code}", "stutter": f"{code} {code[:-1]}", "renumber": f"ZX{int(number) + 1}Q"}[next(picks)]

    def model(text):
        if "ZX" in text:
            return re.sub(r"ZX(\d+)Q", mangle, text)
        return text.lower() if plain_lowers else text

    text = " ".join(words) + "."
    translator, _ = fake(model)
    (out,), warnings = translator.run([text], names=NAMES)
    assert not TRACE.search(out)
    renderings = {"Pemex": "Pemex", "Sembrando Vida": "Sembrando Vida", "Guardia Nacional": "National Guard",
                  "Rosa Icela Rodríguez": "Rosa Icela Rodríguez"}
    for term, rendering in renderings.items():
        if out.count(rendering) < words.count(term):
            assert any(f"“{term}”" in w for w in warnings), (term, out, warnings)
    if not warnings:
        assert all(out.count(r) >= words.count(t) for t, r in renderings.items())


def test_user_glossary_overrides_the_builtin(tmp_path):
    path = tmp_path / "ours.tsv"
    path.write_text("Guardia Nacional\tGN\tes-en\nSembrando Vida\tSowing Life (Sembrando Vida)\nT-MEC\tT-MEC\n",
                    encoding="utf-8")
    translator, _ = fake("copy", TranslateOptions(glossary=path))
    assert translator.run(["La Guardia Nacional, el T-MEC y Sembrando Vida."]) == (
        ["La GN, el T-MEC y Sowing Life (Sembrando Vida)."], [])
    translator, _ = fake("copy", TranslateOptions(glossary={"Pemex": "Petróleos Mexicanos"}))
    assert translator.run(["Pemex y el T-MEC."]) == (["Petróleos Mexicanos y el USMCA."], [])
    translator, _ = fake("copy", TranslateOptions(builtin_glossary=False))
    assert translator.run(["Pemex y el T-MEC."]) == (["Pemex y el T-MEC."], [])


def test_warnings_about_inputs_show_the_terms_not_their_codes():
    translator, _ = fake("copy", TranslateOptions(max_input_tokens=8))
    _, warnings = translator.run(["Rosa Icela Rodríguez a b c d e f g h i j k"], names=NAMES)
    assert warnings == ["1 sentences longer than 8 tokens had no clause boundary and were split between words, "
                        "e.g. “Rosa Icela Rodríguez a b c d e f g h i j k”"]


def test_a_transcript_keeps_its_own_speakers_and_reporters_names():
    doc = parse_transcript((SEEDS / "2023-12-28.web.txt").read_bytes())
    result = Translator("es", "en", models=fake_models(translate=FakeGenerator(str.lower))).translate_transcript(doc)
    assert "presidente. Tzeltzin Juárez, de sinlineamx." in result.text
    assert "programas como Sembrando Vida, el programa de Jóvenes Construyendo el Futuro y" in result.text
    assert not TRACE.search(result.text) and result.warnings == ()


# ---------------------------------------------------------------- briefs

BRIEF = """PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días. El Tren Maya ya llegó a Chetumal y Sembrando Vida sigue en el sureste. La Guardia Nacional cuida las estaciones del Tren Maya. Vamos a seguir con Sembrando Vida en todo el país.

PREGUNTA: Buenos días. Tzeltzin Juárez, de SinLineaMX. ¿Cuándo llega el Tren Maya a Cancún?

PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Tzeltzin Juárez pregunta por Cancún. El Tren Maya llega a Cancún en diciembre, lo dijo la Guardia Nacional. Es un compromiso del gobierno con el sureste.
"""


def test_quotes_originals_untouched_their_translations_keep_the_terms():
    doc = parse_transcript(BRIEF)
    summarizer = Summarizer(SummaryOptions(mode="extractive"),
                            models=fake_models(translate=FakeGenerator(str.lower)))
    brief = summarizer.summarize(doc, target="en", quotes=5)
    assert brief.quotes and any("Tren Maya" in q.original for q in brief.quotes)
    for quote in brief.quotes:
        assert doc.text[quote.start:quote.end] == quote.original
        assert quote.text == protected_lower(quote.original)
    assert not TRACE.search(brief.to_markdown())


def protected_lower(text: str) -> str:
    """What a lower-casing model gives once the terms come back as the glossary says."""
    kept = {"Tren Maya": "Tren Maya", "Sembrando Vida": "Sembrando Vida", "Guardia Nacional": "National Guard",
            "Tzeltzin Juárez": "Tzeltzin Juárez"}
    parts = re.split("(" + "|".join(kept) + ")", text)
    return "".join(kept.get(part, part.lower()) for part in parts)


@pytest.mark.parametrize("task, options", [("translate", TranslateOptions), ("summarize", SummaryOptions)])
def test_batch_work_passes_the_glossary_on(task, options):
    settings = BatchSettings(task, target="en", mode="extractive", options=options(glossary={"Chetumal": "Chetumal, Q. Roo"}))
    outcome = process_document("brief", BRIEF, settings, models=fake_models(translate="upper"))
    assert outcome.ok and "Chetumal, Q. Roo" in outcome.content and "CHETUMAL" not in outcome.content
    assert "TZELTZIN JUÁREZ" not in outcome.content and not TRACE.search(outcome.content)


# ---------------------------------------------------------------- tiny random models, end to end


def _came_through_or_named(original: str, translation: str, warnings, terms: dict[str, str]) -> None:
    assert not TRACE.search(translation)
    for term, rendering in terms.items():
        if translation.count(rendering) < original.count(term):
            assert any(f"“{term}”" in w for w in warnings), term


def test_tiny_models_translate_and_brief_with_a_glossary(tiny_models, tmp_path):
    path = tmp_path / "ours.tsv"
    path.write_text("Chetumal\tChetumal (Quintana Roo)\tes-en\nCancún\n", encoding="utf-8")
    doc = parse_transcript(BRIEF)
    terms = {"Chetumal": "Chetumal (Quintana Roo)", "Cancún": "Cancún", "Tren Maya": "Tren Maya",
             "Sembrando Vida": "Sembrando Vida", "Guardia Nacional": "National Guard",
             "Tzeltzin Juárez": "Tzeltzin Juárez"}
    result = translate(doc, options=TranslateOptions(glossary=path))
    for turn in result.turns:
        _came_through_or_named(turn.original, turn.text, result.warnings, terms)
    brief = summarize(doc, target="en", options=SummaryOptions(glossary=path, mode="abstractive"))
    assert brief.mode == "abstractive" and brief.quotes
    assert not TRACE.search(brief.to_markdown())
    for quote in brief.quotes:
        assert doc.text[quote.start:quote.end] == quote.original
        _came_through_or_named(quote.original, quote.text, brief.warnings, terms)


# ---------------------------------------------------------------- CLI


@pytest.mark.parametrize("command", [["translate", "-"], ["summarize", "-"], ["batch", "translate", "-", "-o", "out"],
                                     ["batch", "summarize", "-", "-o", "out"]])
def test_cli_bad_glossary_is_one_clean_line(tmp_path, command, no_models):
    path = tmp_path / "bad.tsv"
    path.write_text("Pemex\nGuardia Nacional    National Guard\n", encoding="utf-8")
    result = CliRunner().invoke(main, [*command, "--glossary", str(path)], input=BRIEF)
    assert result.exit_code == 1
    assert f"Error: {path}, line 2: columns must be separated by tabs, not spaces" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [["translate"], ["summarize"], ["batch", "translate"], ["batch", "summarize"]])
def test_cli_help_names_the_glossary(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0 and "--glossary FILE.tsv" in result.output


def test_cli_translate_and_summarize_with_a_glossary(tiny_models, tmp_path):
    path = tmp_path / "ours.tsv"
    path.write_text("Chetumal\tChetumal (Quintana Roo)\tes-en\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["translate", "-", "--to", "en", "--glossary", str(path), "--format", "json"],
                           input=BRIEF)
    assert result.exit_code == 0, result.output
    assert not TRACE.search(result.stdout)
    stderr = result.stderr
    if "Chetumal (Quintana Roo)" not in result.stdout:
        assert "“Chetumal” (as “Chetumal (Quintana Roo)”)" in stderr
    result = runner.invoke(main, ["summarize", "-", "--to", "en", "--mode", "extractive", "--glossary", str(path)],
                           input=BRIEF)
    assert result.exit_code == 0, result.output
    assert not TRACE.search(result.stdout)


def test_batch_with_a_glossary_redoes_what_it_changes(tiny_models, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "brief.txt").write_text(BRIEF, encoding="utf-8")
    path, out = tmp_path / "ours.tsv", tmp_path / "out"
    path.write_text("Chetumal\tChetumal (Quintana Roo)\tes-en\n", encoding="utf-8")
    args = ["batch", "translate", str(tmp_path / "in"), "-o", str(out), "-q"]
    runner = CliRunner()
    assert runner.invoke(main, args).stdout.strip() == "1 done, 0 skipped, 0 failed"
    assert runner.invoke(main, [*args, "--glossary", str(path)]).stdout.strip() == "1 done, 0 skipped, 0 failed"
    assert runner.invoke(main, [*args, "--glossary", str(path)]).stdout.strip() == "0 done, 1 skipped, 0 failed"
    assert not TRACE.search((out / "brief.txt").read_text(encoding="utf-8"))
