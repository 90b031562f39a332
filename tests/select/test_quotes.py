import json

from summarizer import extract_quotes, parse_transcript

from support import SEEDS

SNIPPET = """Versión estenográfica

PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Buenos días. Vamos a empezar.

Vamos a tener reuniones periódicas con el gobierno de Estados Unidos, ya se formaron los equipos. Nada de amenazas, nada de sanciones contra México.

PREGUNTA: Gracias, presidente. Juana Pérez, de Diario Uno. ¿Qué va a pasar con la frontera y los 10 mil migrantes diarios que llegan?

PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Se llegó a un acuerdo para abrir los puentes fronterizos, vamos a normalizar la situación en la frontera.

(INICIA VIDEO)

VOZ HOMBRE: Vamos a tener reuniones periódicas con todo el mundo y nada de amenazas contra México jamás.

(FINALIZA VIDEO)

PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Adelante.
"""


def test_quotes_are_verbatim_and_attributed_to_the_turn_speaker():
    doc = parse_transcript(SNIPPET)
    quotes = extract_quotes(doc, k=5)
    assert quotes, "expected at least one quote"
    for q in quotes:
        assert doc.text[q.start:q.end] == q.original
        assert q.text == q.original
        turn = doc.turns[q.turn]
        assert turn.start <= q.start and q.end <= turn.end
        assert q.speaker == turn.speaker
        assert q.speaker.display == "López Obrador"
    # best first
    assert [q.score for q in quotes] == sorted((q.score for q in quotes), reverse=True)


def test_quotes_never_come_from_press_clips_or_procedure():
    doc = parse_transcript(SNIPPET)
    quotes = extract_quotes(doc, k=10)
    texts = [q.original for q in quotes]
    assert not any("Juana Pérez" in t or "10 mil migrantes" in t for t in texts)  # the press
    assert not any("jamás" in t for t in texts)  # the video clip
    assert "Adelante." not in texts and not any(t.startswith("Buenos días") for t in texts)


def test_quotes_accept_bytes_and_text_alike():
    assert extract_quotes(SNIPPET.encode("utf-8"), k=3) == extract_quotes(SNIPPET, k=3)
    assert extract_quotes(SNIPPET, k=0) == []


def test_seed_quotes_are_spread_and_find_what_the_journalist_quoted():
    doc = parse_transcript((SEEDS / "2023-12-28.web.txt").read_bytes())
    quotes = extract_quotes(doc, k=10)
    assert len(quotes) == 10
    assert len({q.exchange for q in quotes}) >= 4
    assert len({(q.start, q.end) for q in quotes}) == 10
    for a in quotes:
        for b in quotes:
            assert a is b or not (a.start < b.end and b.start < a.end), "quotes overlap"
    anchors = json.loads((SEEDS / "2023-12-28.quotes.json").read_text(encoding="utf-8"))["anchors"]
    found = 0
    for anchor in anchors:
        start = doc.text.index(anchor)
        found += any(q.start < start + len(anchor) and start < q.end for q in quotes)
    assert found >= 1  # the first sentences of officials find none of the 6, the longest 2
    assert all(q.reasons for q in quotes)
