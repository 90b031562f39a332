"""Quote-attributed briefs and translations of Mexico's presidential press conferences.

The pipeline, one folder per stage: `parse` → `select` → `translate` → `summarize` →
`output`; `models` loads and runs the Hugging Face models, `batch` runs whole archives,
`web` and `cli` are thin layers over this API.
"""

from ._version import __version__
from .document import Exchange, Quote, Speaker, Transcript, Turn
from .errors import (
    BatchError,
    DecodeError,
    EmptyTranscriptError,
    FetchError,
    InputTooLargeError,
    ModelError,
    ModelNotAvailableError,
    OptionError,
    OutputError,
    SummarizerError,
    UnsupportedLanguageError,
)
from .fetch import Page, from_url, transcript_from_url
from .output import Excerpt, FactCheck, Line, Point, Question, RecurringSection, SpeakerShare, Story, Summary
from .settings import openmp_passive_by_default
from .parse import parse_transcript
from .select import extract_quotes
from .summarize import Summarizer, SummaryOptions, summarize
from .translate import TranslatedTranscript, TranslatedTurn, TranslateOptions, Translator, translate

__all__ = [
    "parse_transcript", "extract_quotes", "summarize", "translate", "from_url", "transcript_from_url", "Page",
    "Translator", "TranslateOptions",
    "TranslatedTranscript", "TranslatedTurn", "Quote", "Summary", "Point", "Line", "Question", "RecurringSection",
    "FactCheck", "Excerpt", "SpeakerShare", "Story",
    "Summarizer", "SummaryOptions", "Transcript", "Turn", "Exchange", "Speaker",
    "SummarizerError", "EmptyTranscriptError", "DecodeError", "InputTooLargeError", "OptionError", "OutputError",
    "UnsupportedLanguageError", "ModelNotAvailableError", "ModelError", "BatchError", "FetchError", "__version__",
]

# The package imports neither torch nor ctranslate2 on import: their OpenMP runtimes,
# loaded later, see this setting.
openmp_passive_by_default()
