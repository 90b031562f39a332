"""The errors this package raises: one base class, a few specific ones.

Every message says what went wrong and what to do about it; the CLI and the
web UI show the message alone, never a traceback.
"""


class SummarizerError(Exception):
    """Base class of every error raised on purpose by this package.

    Made from a message, or from a ``note`` (a `summarizer.notes.Note`), whose English
    text is the message and which `render`s in Spanish too."""

    def __init__(self, message: str = "", *, note=None):
        super().__init__(message or (str(note) if note is not None else ""))
        self.note = note

    def render(self, lang: str = "en") -> str:
        """The message in ``lang`` when the error has a note, else as it is."""
        return self.note.render(lang) if self.note is not None else str(self)


class InputError(SummarizerError, ValueError):
    """The input text cannot be processed as given."""


class EmptyTranscriptError(InputError):
    """The input is empty or only whitespace."""


class DecodeError(InputError):
    """The input bytes are not text in a supported encoding."""


class InputTooLargeError(InputError):
    """The input is larger than the configured size limit."""


class FetchError(SummarizerError):
    """A transcript cannot be read from a web address: the host cannot be reached or did not
    answer in time, the server answered with an error (``status``), the address or a redirect
    is not http(s), or what came back is not a transcript (an image, a page without one).
    ``url``: the address asked for; ``final_url``: where redirects led, when elsewhere."""

    def __init__(self, message: str = "", *, url: str | None = None, status: int | None = None,
                 final_url: str | None = None, note=None):
        super().__init__(message, note=note)
        self.url, self.status, self.final_url = url, status, final_url


class OutputError(SummarizerError, ValueError):
    """The output cannot go where asked: it would replace one of the inputs."""


class OptionError(SummarizerError, ValueError):
    """An option has a value this package does not accept (a mode, a count, a format)."""


class UnsupportedLanguageError(SummarizerError, ValueError):
    """A language or language pair that no model in the registry covers."""


class ModelNotAvailableError(SummarizerError):
    """A model is neither in a local folder nor reachable on the hub."""


class ModelError(SummarizerError):
    """A model loaded but failed while running."""


class BatchError(SummarizerError):
    """A batch job cannot start: bad inputs, an unusable output folder, a job already running."""
