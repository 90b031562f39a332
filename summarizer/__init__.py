"""Quote-attributed briefs and translations of Mexico's presidential press conferences."""

from ._version import __version__
from .errors import (
    BatchError,
    DecodeError,
    EmptyTranscriptError,
    InputTooLargeError,
    ModelError,
    ModelNotAvailableError,
    SummarizerError,
    UnsupportedLanguageError,
)
from .quotes import Quote, extract_quotes
from .speakers import Speaker
from .summarize import Summarizer, SummaryOptions, summarize
from .summary import Line, Point, Summary
from .transcript import Exchange, Transcript, Turn, parse_transcript
from .translate import TranslatedTranscript, TranslatedTurn, TranslateOptions, Translator, translate


__all__ = [
    "parse_transcript", "extract_quotes", "summarize", "translate", "Translator", "TranslateOptions",
    "TranslatedTranscript", "TranslatedTurn", "Quote", "Summary", "Point", "Line",
    "Summarizer", "SummaryOptions", "Transcript", "Turn", "Exchange", "Speaker",
    "SummarizerError", "EmptyTranscriptError", "DecodeError", "InputTooLargeError",
    "UnsupportedLanguageError", "ModelNotAvailableError", "ModelError", "BatchError", "__version__",
]
