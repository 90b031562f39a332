"""Notes: what a reader should know about a result, said in the reader's language.

A `Note` is a warning with a code and its parameters. It *is* its English text (a `str`,
so code that logs, prints or stores warnings keeps working), and `Note.render` says it
in another language: a Spanish brief carries Spanish notes, an English brief English
ones. Parsing (`Transcript.warnings`), the translator and the summarizer make notes; a
`Summary` holds them rendered in the brief's language (``warnings``) and, for
developers, as codes with their parameters (``notes``).

Errors use the same templates (``error.*``): a `SummarizerError` made from a note
(``DecodeError(note=Note("error.empty"))``) says itself in English and `render`s in
Spanish for the web app's Spanish page.

Its texts are in `templates`, which imports only the language names of `output.wording`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .templates import TEMPLATES, say_problems


class Note(str):
    """A warning: its English text, with ``code`` and ``params`` to say it in another language.

    ``Note("parse.partial")``; ``Note("translate.empty", count=2, total=9, examples="“…”")``.
    Parameters are JSON values or other notes (rendered in the same language).
    """

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, /, **params: Any) -> "Note":
        if code not in TEMPLATES:
            raise KeyError(f"unknown note code {code!r}")
        note = super().__new__(cls, _render(code, params, "en"))
        note.code, note.params = code, params
        return note

    @classmethod
    def of(cls, warning: str) -> "Note":
        """``warning`` as a note: itself if it is one, else a note that reads the same in every language."""
        return warning if isinstance(warning, Note) else cls("text", text=str(warning))

    def render(self, lang: str = "en") -> str:
        """The note in ``lang`` ("en" or "es"; English for anything else)."""
        return _render(self.code, self.params, lang)

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "params"}``, nested notes as dicts too: for JSON."""
        params = {k: v.to_dict() if isinstance(v, Note) else v for k, v in self.params.items()}
        return {"code": self.code, "params": params}

    def __reduce__(self):
        return _restore, (self.code, self.params)


def _restore(code: str, params: dict) -> Note:
    return Note(code, **params)


def _render(code: str, params: Mapping, lang: str) -> str:
    template = TEMPLATES[code][1 if lang == "es" else 0]
    values = {k: v.render(lang) if isinstance(v, Note) else v for k, v in params.items()}
    return template(values) if callable(template) else template.format(**values)


def render_all(notes: Iterable[str], lang: str) -> tuple[str, ...]:
    """Each note in ``lang``; plain strings (from other code) as they are."""
    return tuple(n.render(lang) if isinstance(n, Note) else str(n) for n in notes)


__all__ = ["Note", "TEMPLATES", "render_all", "say_problems"]
