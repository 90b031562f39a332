"""Select: what a brief covers — subject segments (`segments`), quote candidates
(`candidates`) scored by a learned ranker (`features`, `ranker`, with the archive's word
statistics in `archive`), the quotes (`quotes`), the salient topics and their lines
(`topics`), all chosen once per brief (`selection`). Pure functions over a `Transcript`;
no model of the Hugging Face kind.
"""

from .archive import ArchiveStats, default_stats
from .quotes import extract_quotes
from .ranker import Ranking, choose_quotes, rank
from .segments import segments
from .selection import Selection, select
from .topics import KeySentence, Topic, lead_sentence, point_quote, select_topics

__all__ = ["extract_quotes", "rank", "choose_quotes", "Ranking", "segments", "select", "Selection",
           "select_topics", "lead_sentence", "point_quote", "KeySentence", "Topic", "ArchiveStats",
           "default_stats"]
