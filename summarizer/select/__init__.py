"""Select: what a brief covers — subject segments (`segments`), the day's stories
(`stories`) ranked by what makes news (`news`, with what is new this month: `months`),
quote candidates (`candidates`) scored by a learned ranker (`features`, `ranker`, with
the archive's word statistics in `archive`), the quotes (`quotes`), the brief's points
and lead (`points`), all chosen once per brief (`selection`). Pure functions over a
`Transcript`; no model of the Hugging Face kind.
"""

from .archive import ArchiveStats, default_stats
from .quotes import extract_quotes
from .ranker import Ranking, choose_quotes, rank
from .segments import segments
from .selection import Selection, select
from .stories import Story
from .topics import KeySentence, Topic

__all__ = ["extract_quotes", "rank", "choose_quotes", "Ranking", "segments", "select", "Selection",
           "Story", "KeySentence", "Topic", "ArchiveStats",
           "default_stats"]
