"""Output: the `Summary` a brief is (`summary`) and its parts (`parts`), its Markdown
(`markdown`, `markdown_parts`) and Word document (`docx`), and the English and Spanish
words every renderer shares (`wording`, `rows`)."""

from .parts import Excerpt, FactCheck, Line, Point, Question, RecurringSection, SpeakerShare, Story
from .summary import Summary

__all__ = ["Summary", "Point", "Line", "Excerpt", "Question", "FactCheck", "RecurringSection", "SpeakerShare",
           "Story"]
