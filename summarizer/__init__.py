"""Quote-attributed briefs and translations of Mexico's presidential press conferences."""

from .errors import (
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
from .transcript import Exchange, Transcript, Turn, parse_transcript

__version__ = "0.1.0"

__all__ = [
    "parse_transcript", "extract_quotes", "Quote", "Transcript", "Turn", "Exchange", "Speaker",
    "SummarizerError", "EmptyTranscriptError", "DecodeError", "InputTooLargeError",
    "UnsupportedLanguageError", "ModelNotAvailableError", "ModelError", "__version__",
]
