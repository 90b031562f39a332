"""A brief as the page shows it, made here or, for a large transcript, in a process of its own.

`make` parses, summarises and lays out a brief (`views`), and writes its downloads. Gradio
runs handlers in threads of one process, so briefs made at once share its GIL: beside a
2 MB transcript (several conferences pasted together: 20 s of pure Python), another
visitor's brief took 2.2 times as long, and up to 7 times at moments. `make_isolated`
makes the brief of a transcript over `ISOLATED_BYTES` in a child process
(``python -m summarizer.web.briefs``), which the operating system runs beside the server,
at a lower priority (`NICE`): the child reports its progress and hands back the result, or
the error, over a pipe. A brief that needs a model loads it in that child (once per large
brief); the child's memory goes back to the system when it ends.

Nothing here imports Gradio: the child starts in a third of a second.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..document import LANGUAGES
from ..errors import ModelNotAvailableError, SummarizerError
from ..parse import parse_transcript
from ..settings import interface, ui_max_bytes
from ..summarize import Summarizer, SummaryOptions
from .choices import server_models
from .views import (
    highlighted_transcript,
    mode_note,
    participants_table,
    questions_view,
    quotes_table,
    write_downloads,
)

logger = logging.getLogger("summarizer")

ISOLATED_BYTES = 500_000
"""Transcripts longer than this (two and a half times the longest conferences) are briefed
in a process of their own."""

NICE = 10
"""How much lower the large brief's process runs than the server: on a busy machine it
yields the processor to the other visitors' briefs (and to anything else running there)."""

Report = Callable[[str, int, int], None]
_ROOT = str(Path(__file__).resolve().parents[2])  # where the child finds this package


@dataclass(frozen=True)
class Made:
    """What the page shows of a brief (`handlers.OUTPUTS` values, the mode note in the
    brief's language), the mode note in each language the page speaks (``mode_notes``), and
    the brief's notes."""

    outputs: tuple
    notes: tuple
    mode_notes: dict


def make(text: str, target: str, options: SummaryOptions, folder: Path, report: Report, quick: bool = False) -> Made:
    """The brief of ``text``; a missing model's error carries the transcript's ``language``.
    ``quick``: what is shown first, while a model writes the lines — no downloads and no
    highlighted transcript (None in their places: the finished brief brings them)."""
    doc = parse_transcript(text, max_bytes=ui_max_bytes())
    summarizer = Summarizer(options, models=server_models())
    try:
        summary = summarizer.summarize(doc, target=target, progress=report)
    except ModelNotAvailableError as exc:
        exc.language = doc.language
        raise
    choice = summarizer.mode_for(doc.language, target)  # the brief's mode, its reason in any language
    notes = {lang: mode_note(summary, lang, choice.reason(lang)) for lang in LANGUAGES}
    if quick:
        return Made((summary.to_markdown(), notes[target], quotes_table(summary), None,
                     participants_table(summary), None, None, questions_view(summary), None), tuple(summary.notes),
                    notes)
    md_path, json_path, docx_path = write_downloads(summary, folder)
    outputs = (summary.to_markdown(), notes[target], quotes_table(summary),
               highlighted_transcript(doc.text, summary), participants_table(summary), str(md_path),
               str(json_path), questions_view(summary), str(docx_path))
    return Made(outputs, tuple(summary.notes), notes)


def maker(size: int) -> Callable[..., Made]:
    """How to brief a transcript of ``size`` bytes: `make_isolated` over `ISOLATED_BYTES`, else `make`."""
    return make_isolated if size > ISOLATED_BYTES else make


def make_isolated(text: str, target: str, options: SummaryOptions, folder: Path, report: Report,
                  quick: bool = False) -> Made:
    """`make` in a child process; its progress is reported here, its error raised here."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_ROOT, os.environ.get("PYTHONPATH")])),
           "SUMMARIZER_INTERFACE": interface()}  # its messages name options as this interface does
    child = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
    try:
        pickle.dump((text, target, options, folder, quick), child.stdin)
        child.stdin.close()
        while True:
            try:
                kind, value = pickle.load(child.stdout)
            except EOFError:
                raise RuntimeError(f"the brief's process ended with status {child.wait()}") from None
            if kind == "progress":
                report(*value)
            elif kind == "error":
                raise value
            else:
                return value
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()


def _serve() -> None:
    """The child: a request on stdin; progress, then the result or the error, on stdout
    (which nothing else writes to: prints go to stderr)."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    if hasattr(os, "nice"):
        os.nice(NICE)
    text, target, options, folder, quick = pickle.load(sys.stdin.buffer)

    def send(kind: str, value) -> None:
        out.write(pickle.dumps((kind, value)))
        out.flush()

    try:
        made = make(text, target, options, folder, lambda *stage: send("progress", stage), quick)
    except Exception as exc:  # raised again in the server, whose boundary (`handlers.user_errors`) says it
        if not isinstance(exc, SummarizerError):
            logger.exception("unexpected error in a brief's process")
        try:
            send("error", exc)
        except (pickle.PicklingError, TypeError, AttributeError):
            send("error", RuntimeError(f"{type(exc).__name__}: {exc}"))
    else:
        send("made", made)


if __name__ == "__main__":
    from summarizer.web.briefs import _serve as serve  # this module's classes by their importable name

    serve()


__all__ = ["Made", "make", "make_isolated", "maker", "ISOLATED_BYTES"]
