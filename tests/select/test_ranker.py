"""The learned quote ranker: verbatim candidates, features, the model file, the choice, the
archive table; on the development set where ../shared/quotes-dev exists."""

from __future__ import annotations

import gzip
import os
import shutil
import time

import pytest

from summarizer import parse_transcript
from summarizer.evaluation import load_quote_set
from summarizer.select.archive import DEFAULT_TABLE, build_table, default_stats, read_table, stats_from_folder, write_table
from summarizer.select.candidates import LONG_PARAGRAPH, candidates, trim
from summarizer.select.features import SPAN_FEATURES, TURN_FEATURES, featurize, lower_same_length
from summarizer.select import extract_quotes
from summarizer.select.ranker import DEFAULT_MODEL, Scored, choose_quotes, load_ranker, rank

from support import REPO

QUOTES_DEV = REPO.parent / "shared" / "quotes-dev"
SAMPLE = """Versión estenográfica. Conferencia de prensa
---
PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO
Buenos días. Hoy vamos a hablar de la relación con Estados Unidos.
Nunca vamos a aceptar una intervención; somos un país libre, independiente y soberano.
---
PREGUNTA
Buenos días, Presidenta. Ana López, de Diario Uno. ¿Qué opina de los aranceles?
---
PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO
No hay aranceles adicionales —tampoco a Canadá— y eso es bueno para México. Vamos a seguir dialogando.
"""


@pytest.fixture(scope="module")
def sample():
    return parse_transcript(SAMPLE)


@pytest.fixture(scope="module")
def dev():
    if not QUOTES_DEV.is_dir():
        pytest.skip("../shared/quotes-dev is not in this clone")
    return load_quote_set(QUOTES_DEV)


def test_trim():
    text = "  —Bueno, no hay aranceles adicionales —tampoco a Canadá— y eso es bueno.  "
    start, end = trim(text, 0, len(text))
    assert text[start:end] == "Bueno, no hay aranceles adicionales —tampoco a Canadá— y eso es bueno."
    assert trim("¿Qué pasó, presidente", 0, 21) == (1, 21)  # an opening mark without its closing one goes


def test_candidates_are_verbatim_spans_of_quotable_turns(sample):
    cands = candidates(sample)
    assert len(cands) == 7  # paragraph by paragraph: 3 + 1 windows, then 3 (the press turn gives none)
    for c in cands:
        turn = sample.turns[c.turn]
        span = sample.text[c.start:c.end]
        assert turn.start <= c.start < c.end <= turn.end
        assert span == span.strip() and "\n" not in span
        assert c.speaker == turn.speaker and turn.speaker.quotable and not turn.in_clip
        assert c.words == len(span.split())
    assert not any(sample.turns[c.turn].speaker.is_press for c in cands)
    # whole sentences only: a quote never stops mid-sentence
    assert "No hay aranceles adicionales —tampoco a Canadá— y eso es bueno para México." in \
        [sample.text[c.start:c.end] for c in cands]
    assert all(sample.text[c.end - 1] in ".?!…" for c in cands)


def test_a_paragraph_of_thousands_of_sentences_gives_its_sentences_only():
    body = " ".join(f"Vamos a seguir con el tema número {n}, sin duda." for n in range(LONG_PARAGRAPH + 1))
    doc = parse_transcript(f"PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: {body}\n")
    cands = candidates(doc)
    assert len(cands) == LONG_PARAGRAPH + 1 and not any(c.width > 1 for c in cands)


def test_features_have_the_declared_shape(sample):
    cands = candidates(sample)
    turn_rows, span_rows = featurize(sample, cands)
    assert all(len(row) == len(TURN_FEATURES) for row in turn_rows.values())
    assert len(span_rows) == len(cands) and all(len(row) == len(SPAN_FEATURES) for row in span_rows)
    assert set(turn_rows) == {c.turn for c in cands}


def test_lower_same_length_keeps_offsets():
    text = "İstanbul y ESTADOS UNIDOS"
    assert len(lower_same_length(text)) == len(text)
    assert lower_same_length(text).endswith("estados unidos")


def test_archive_table_round_trip(tmp_path):
    stats = {"documents": 100, "document_frequency": {"de": 100, "arancel": 20, "raro": 3},
             "president_term_counts": {"sheinbaum": {"de": 500, "arancel": 12}},
             "president_tokens": {"sheinbaum": 10_000}}
    path = tmp_path / "table.tsv.gz"
    write_table(build_table(stats, min_df=5, min_count=10), path)
    table = read_table(path)
    assert table.word_idf("de") == 0.0
    assert table.word_idf("arancel") == pytest.approx(1.6, abs=0.05)  # ln(100 / 20)
    assert table.word_idf("raro") == table.unseen_idf > table.word_idf("arancel")
    assert table.log_usual("sheinbaum", "de") == pytest.approx(-3.0, abs=0.05)  # ln(500 / 10000)
    assert table.log_usual("sheinbaum", "xyz") == table.unseen_usual["sheinbaum"]
    assert table.log_usual(None, "de") == table.log_usual("all", "de")


def test_stats_from_a_folder_of_transcripts(tmp_path):
    shutil.copy(REPO / "seeds" / "2023-12-28.native.txt", tmp_path / "a.txt")
    shutil.copy(REPO / "tests" / "data" / "2024-05-10.native.txt", tmp_path / "b.txt")
    stats = stats_from_folder(tmp_path)
    assert stats["documents"] == 2
    assert stats["president_documents"] == {"lopez_obrador": 2}
    assert stats["document_frequency"]["felicidades"] == 2 and stats["document_frequency"]["cabo"] == 2
    write_table(build_table(stats, min_df=1, min_count=1), tmp_path / "t.tsv.gz")
    assert read_table(tmp_path / "t.tsv.gz").word_idf("felicidades") == 0.0


def test_shipped_files_are_small():
    assert os.path.getsize(DEFAULT_MODEL) < 300_000
    assert os.path.getsize(DEFAULT_TABLE) < 1_500_000
    with gzip.open(DEFAULT_TABLE, "rt", encoding="utf-8") as handle:
        assert handle.readline().startswith("#documents\t")
    assert default_stats().documents == 3728
    assert load_ranker().turn.names == TURN_FEATURES and load_ranker().span.names == SPAN_FEATURES


def test_choice_spreads_and_never_overlaps(sample):
    ranking = rank(sample)
    chosen = choose_quotes(ranking.ranked, 10, turn_penalty=1e9)
    spans = sorted(c.span for c in chosen)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert len({c.candidate.turn for c in chosen[:2]}) == 2  # one per turn while turns remain
    assert all(c.candidate.words <= 8 for c in choose_quotes(ranking.ranked, 5, max_words=8))
    assert len(choose_quotes(ranking.ranked, 3, max_per_turn=1)) == 2
    assert len(choose_quotes(ranking.ranked, 3, max_per_exchange=1)) == 2


class C:
    """A minimal candidate."""

    def __init__(self, turn, start, exchange=0):
        self.turn, self.start, self.end, self.words, self.exchange, self.filler = turn, start, start + 5, 1, exchange, False


def test_the_penalty_is_per_quote_already_taken():
    ranked = [Scored(C(0, 0), 5.0), Scored(C(0, 10), 4.0), Scored(C(1, 20), 3.5)]
    assert [s.score for s in choose_quotes(ranked, 2, turn_penalty=0.4)] == [5.0, 4.0]  # 4 − 0.4 > 3.5
    assert [s.score for s in choose_quotes(ranked, 2, turn_penalty=1.0)] == [5.0, 3.5]  # 4 − 1 < 3.5
    overlapping = [Scored(C(0, 0), 5.0), Scored(C(0, 2), 4.9), Scored(C(0, 5), 4.0)]
    assert [s.score for s in choose_quotes(overlapping, 3, turn_penalty=0.0)] == [5.0, 4.0]


def test_choosing_many_quotes_stays_fast():
    doc = parse_transcript((REPO / "seeds" / "2023-12-28.web.txt").read_bytes())
    ranking = rank(doc)
    started = time.perf_counter()
    assert len(choose_quotes(ranking.ranked, 200, turn_penalty=0.0)) == 200
    assert time.perf_counter() - started < 2.0


@pytest.mark.corpus
def test_the_shipped_ranker_on_the_development_set(dev):
    """In sample (the cross-validated figures come from benchmarks/quote_recall.py)."""
    from summarizer.evaluation import recall_at_k, turn_at_k

    recall, turn = [], []
    for conf in dev:
        quotes = extract_quotes(conf.doc, 10)
        spans = [(q.start, q.end) for q in quotes]
        assert len(quotes) == 10 and all(q.reasons for q in quotes)
        recall.append(recall_at_k(spans, conf.gold))
        turn.append(turn_at_k(conf.doc, spans, conf.gold))
    assert sum(recall) / len(recall) >= 0.25 and sum(turn) / len(turn) >= 0.70


def test_one_enormous_paragraph_is_quoted_in_linear_time():
    """A page pasted without its line breaks (issue: 1–2 MB in one paragraph took 10–22 s)."""
    sentence = "La refinería ya procesa petróleo y vamos a dejar de comprar gasolina en el extranjero, sin duda. "

    def seconds(copies: int) -> float:
        doc = parse_transcript("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: " + sentence * copies + "\n", max_bytes=10**7)
        started = time.perf_counter()
        assert len(extract_quotes(doc, 10)) == 10
        return time.perf_counter() - started

    small, large = seconds(2_000), seconds(8_000)  # 0.2 MB and 0.8 MB
    assert large < 6 * small + 0.5  # four times the text, well under sixteen times the time
