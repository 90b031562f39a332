"""Fuzzing the whole no-model path: parse → extract_quotes → extractive brief, on 2,000
generated inputs (labelled transcripts, prose, noise; as str or as bytes in several
encodings, with bad bytes). Nothing but a `SummarizerError` may be raised, and every
offset and attribution must hold: each turn's text is at its offsets, each quote is
verbatim at its offsets, inside a turn of its speaker, said by someone quotable.

``HYPOTHESIS_FUZZ=20000`` for a longer hunt."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import SummarizerError, Summarizer, SummaryOptions, extract_quotes, parse_transcript
from summarizer.parse.sentences import sentence_spans
from summarizer.testing import fake_models

from support import SEEDS

_SEED = (SEEDS / "2023-12-28.web.txt").read_text(encoding="utf-8")
SENTENCES = [_SEED[s:e] for s, e in sentence_spans(_SEED[3000:20000])][:60]
LABELS = [
    "PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR", "PRESIDENTA DE MÉXICO, CLAUDIA SHEINBAUM PARDO", "PREGUNTA",
    "INTERLOCUTORA", "VOZ MUJER", "SECRETARIA DE SEGURIDAD Y PROTECCIÓN CIUDADANA, ROSA ICELA RODRÍGUEZ VELÁZQUEZ",
    "JORGE ALCOCER VARELA", "MODERADOR", "PT", "VE-2248", "(INICIA VIDEO)", "(FINALIZA VIDEO)",
    "MS. JEAN-PIERRE", "Q", "THE PRESIDENT", "PRESIDENT BIDEN", "SECRETARY BLINKEN",
]
NOISE = ["", "\n", "\n\n", "\r\n", "---", "—000—", "(Continúa…)", "“", "”", "\u00a0", "\u200b", "\ufeff", "\ufffd",
         " dijo López Obrador.", " said Sheinbaum.", "¿Qué opina?", "2023: Año de Francisco Villa", "\t", ":",
         "JESÚS RAMÍREZ CUEVAS: " * 300, "SECRETARIO, " * 300,  # the fuzz hangs: a label line parsed in quadratic time
         "PUBLICIDAD", "Lee también: Sheinbaum presenta su gabinete", "LEE TAMBIÉN", "Facebook Twitter WhatsApp",
         "© 2024 Todos los derechos reservados.", "END    2:35 P.M. EDT", "Página 3 de 15", "la informa-\nción de",
         "\f", "Q    Thanks, Karine.", "<nav>Inicio</nav><p>PREGUNTA: ¿Y?</p>"]

turn = st.builds(lambda label, sentences, colon: f"{label}{':' if colon else ''} " + " ".join(sentences),
                 st.sampled_from(LABELS), st.lists(st.sampled_from(SENTENCES), min_size=0, max_size=4), st.booleans())
piece = st.one_of(turn, turn, st.sampled_from(NOISE), st.sampled_from(SENTENCES),
                  st.text(max_size=30, alphabet=st.characters(blacklist_categories=("Cs",))))
text = st.lists(piece, min_size=1, max_size=14).map(
    lambda parts: "Versión estenográfica de la conferencia del 28 de diciembre de 2023\n\n" + "\n\n".join(parts))


def _as_bytes(value: str, encoding: str, bad: list[int]) -> bytes:
    data = bytearray(value.encode(encoding, "replace"))
    for position in bad:
        if data:
            data.insert(position % len(data), 0x81)
    return bytes(data)


inputs = st.one_of(
    text,
    st.builds(_as_bytes, text, st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "utf-32"]),
              st.lists(st.integers(0, 10_000), max_size=3)),
    st.binary(max_size=200),
)

SUMMARIZER = Summarizer(SummaryOptions(mode="extractive", quotes=4), models=fake_models())


def check_quote(doc, quote) -> None:
    assert doc.text[quote.start:quote.end] == quote.original
    owner = doc.turns[quote.turn]
    assert owner.start <= quote.start and quote.end <= owner.end
    assert quote.speaker == owner.speaker and owner.speaker.quotable


@settings(max_examples=int(os.environ.get("HYPOTHESIS_FUZZ", "2000")), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(inputs)
def test_parse_quotes_and_brief_keep_every_offset_and_attribution(data):
    try:
        doc = parse_transcript(data)
        quotes = extract_quotes(doc, k=5)
        brief = SUMMARIZER.summarize(doc, target=doc.language)
    except SummarizerError:
        return
    for t in doc.turns:
        assert doc.text[t.start:t.end] == t.text
    for quote in quotes + list(brief.quotes) + [p.quote for p in brief.points if p.quote is not None]:
        check_quote(doc, quote)
    for line in [p.line for p in brief.points] + ([brief.lead_line] if brief.lead_line else []):
        if line.start is not None:
            assert doc.text[line.start:line.end] == line.original
    assert brief.target_lang == doc.language and len(brief.warnings) == len(brief.notes)
