"""Select: what a brief covers — the salient topics, their key sentences and lines
(`topics`), and the quotes (`quotes`). Pure functions over a `Transcript`; no model."""

from .quotes import choose_quotes, extract_quotes, ranked_quotes
from .selection import Selection, select
from .topics import KeySentence, Topic, lead_sentence, point_quote, select_topics

__all__ = ["extract_quotes", "ranked_quotes", "choose_quotes", "select_topics",
           "lead_sentence", "point_quote", "KeySentence", "Topic", "Selection", "select"]
