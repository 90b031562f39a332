"""What translating a transcript gives: `TranslatedTranscript`, turn by turn, every turn
with its original."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Transcript, Turn


@dataclass(frozen=True)
class TranslatedTurn:
    """One turn and its translation (paragraphs separated as in the original)."""

    turn: Turn
    text: str

    @property
    def original(self) -> str:
        return self.turn.text

    @property
    def label(self) -> str:
        return self.turn.label

    def to_dict(self) -> dict:
        return {"index": self.turn.index, "label": self.turn.label, "speaker": self.turn.speaker.display,
                "original": self.turn.text, "text": self.text}


@dataclass(frozen=True)
class TranslatedTranscript:
    """A transcript translated turn by turn; every turn keeps its original.

    Attributes:
        source: the parsed original.
        turns: one `TranslatedTurn` per turn of ``source``, in order.
        warnings: what looked wrong (the transcript's own warnings, implausible lengths,
            forced splits, language): `summarizer.notes.Note`s, English strings.
        header: the translation of the header (title, date lines), "" when there is none.
        model: which model translated it (name, revision, path).
    """

    source: Transcript
    turns: tuple[TranslatedTurn, ...]
    source_lang: str
    target_lang: str
    warnings: tuple[str, ...] = ()
    header: str = ""
    model: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The whole translation in the input's layout: header translated, every label and
        separator kept verbatim, each turn's text replaced by its translation."""
        doc = self.source
        parts = [self.header]
        pos = doc.header_end
        for translated in self.turns:
            turn = translated.turn
            if turn.start >= pos:
                parts.append(doc.text[pos:turn.start])
            parts.append(translated.text)
            pos = max(pos, turn.end)
        parts.append(doc.text[pos:])
        return "".join(parts)

    def to_dict(self) -> dict:
        key = f"translate-{self.source_lang}-{self.target_lang}"
        return {
            "source_lang": self.source_lang, "target_lang": self.target_lang,
            "format": self.source.format, "title": self.source.title, "date": self.source.date,
            "header": self.header, "turns": [t.to_dict() for t in self.turns], "text": self.text,
            "warnings": list(self.warnings), "models": {key: dict(self.model)} if self.model else {},
        }
