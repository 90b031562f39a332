"""`Draft`: the working state of one brief, passed from stage to stage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..notes import Note
from ..progress import Progress, Stopwatch
from ..select import Selection
from ..translate import Translators, transcript_names


@dataclass
class Draft:
    """One brief in the making.

    Attributes:
        selection: its topics and quotes.
        source, target: the transcript's and the brief's languages.
        translators: one translator per pair, kept for the whole brief.
        report: the caller's progress callback.
        clock: seconds per stage.
        warnings: what the brief's reader should know, gathered as the stages run (`Note`s,
            said in the brief's language when the `Summary` is composed).
    """

    selection: Selection
    source: str
    target: str
    translators: Translators
    report: Progress
    clock: Stopwatch = field(default_factory=Stopwatch)
    warnings: list[Note] = field(default_factory=list)
    memo: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def translate(self, texts: Sequence[str], source: str | None = None, target: str | None = None,
                  progress: Progress | None = None) -> list[str]:
        """``texts`` from ``source`` into ``target`` (default: the brief's pair), the
        transcript's names kept as written; the translator's warnings join the brief's.
        A text is translated once per brief: the stages share what was translated
        (``memo``: per pair, text → translation)."""
        translator = self.translators(source or self.source, target or self.target)
        if not texts or translator.source == translator.target:
            return list(texts)
        done = self.memo.setdefault((translator.source, translator.target), {})
        todo = list(dict.fromkeys(t for t in texts if t not in done))
        if todo:
            with self.clock.time("translate"):
                outputs, notes = translator.run(todo, progress, names=transcript_names(self.selection.doc))
            done.update(zip(todo, outputs))
            self.warnings.extend(Note("translate.pair", source=translator.source, target=translator.target,
                                      note=Note.of(n)) for n in notes)
        return [done[t] for t in texts]
