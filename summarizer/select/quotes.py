"""`extract_quotes`: the most quotable spans of a transcript, verbatim, best first.

A quote is one to three whole consecutive sentences of one paragraph of a turn whose
speaker may be quoted (not the press, not a voice in a video, not a page printed twice):
`candidates`. The learned `ranker` scores every
candidate as journalists choose (which speaker block, which words of it: `features`),
and the choice spreads over the conference (each further quote from one turn pays a
penalty). Offsets point into the transcript and the speaker is the turn's:
``doc.text[q.start:q.end] == q.original``.
"""

from __future__ import annotations

from ..document import Quote, Transcript
from ..errors import OptionError
from ..parse import parse_transcript
from .archive import ArchiveStats
from .ranker import MIN_QUOTE_WORDS, choose_quotes, rank, to_quotes


def extract_quotes(source: str | bytes | Transcript, k: int = 8, *, max_per_exchange: int | None = None,
                   stats: ArchiveStats | None = None) -> list[Quote]:
    """The ``k`` most quotable spans of a transcript, best first, each with its `Quote.reasons`
    (the features that raised its score most).

    ``max_per_exchange`` caps the quotes taken from one exchange (None: only the spread
    penalty applies). Fewer than ``k`` come back when the transcript has fewer candidates.
    """
    if max_per_exchange is not None and (isinstance(max_per_exchange, bool) or not isinstance(max_per_exchange, int)
                                         or max_per_exchange < 1):
        raise OptionError(f"max_per_exchange must be a whole number of at least 1 (or None for no cap), "
                          f"not {max_per_exchange!r}")
    if k <= 0:
        return []
    doc = source if isinstance(source, Transcript) else parse_transcript(source)
    ranking = rank(doc, stats=stats)
    chosen = choose_quotes(ranking.ranked, k, turn_penalty=ranking.ranker.turn_penalty,
                           max_per_exchange=max_per_exchange, min_words=MIN_QUOTE_WORDS)
    return to_quotes(doc, [ranking.explain(s) for s in chosen])


__all__ = ["extract_quotes"]
