"""Helpers shared by the CLI commands: reading input, writing output, errors.

Standard input and output may be closed, full (``> /dev/full``) or a pipe whose reader
left (``| head``): each case ends in one clean line and a non-zero exit, never a
traceback, and never exit 0 with the output lost.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

import click

from ..errors import SummarizerError
from ..files import atomic_write
from ..settings import check_size, max_input_bytes, speaking_to

MAX_BYTES_HELP = "Size limit of the input (default 5 MB, or $SUMMARIZER_MAX_INPUT_BYTES)."
from ..models.backend import BACKENDS

backend_option = click.option(
    "--backend", type=click.Choice(BACKENDS), default=None,
    help="What runs the models: auto (CTranslate2 where a converted copy is there, else transformers), "
         "ctranslate2 or transformers  [default: $SUMMARIZER_BACKEND, else auto]")


def read_input(path: str, max_bytes: int | None = None) -> bytes:
    """The bytes of FILE, or of standard input for ``-``; raises `InputTooLargeError`
    (before reading it all) over the size limit."""
    if path == "-":
        return _read_stdin(max_bytes)
    try:
        check_size(os.stat(path).st_size, max_bytes, what=path)
        return Path(path).read_bytes()
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror or exc}") from None


def _read_stdin(max_bytes: int | None) -> bytes:
    stream = sys.stdin
    if stream is None:
        raise click.ClickException("standard input is closed: give a FILE, or pipe a transcript in "
                                   "(cat FILE | summarizer … -)")
    limit = max_input_bytes(max_bytes)
    try:
        if stream.isatty():
            click.echo("reading the transcript from standard input; end it with Ctrl-D (or give a FILE)", err=True)
        data = stream.buffer.read(limit + 1)
    except (OSError, ValueError) as exc:  # a closed descriptor, I/O on a closed file
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "it is closed"
        raise click.ClickException(f"cannot read standard input: {why}; give a FILE, or pipe a transcript in") from None
    check_size(len(data), max_bytes, what="standard input", at_least=len(data) > limit)
    return data


def write_output(text: str | bytes, out: str | None) -> None:
    """Write ``text`` (or a binary file's bytes) to OUT (atomically), or text to standard output."""
    if not out or out == "-":
        emit(text)
        return
    try:
        atomic_write(out, text)
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from None


def archive_option(function):
    """``--archive FILE``: the archive word table selection weighs with."""
    return click.option(
        "--archive", "archive", type=click.Path(exists=True, dir_okay=False), default=None, metavar="FILE",
        help="Word statistics of your own archive (`summarizer archive stats`) for choosing quotes and topics "
             "[default: $SUMMARIZER_ARCHIVE, else the public archive's].")(function)


def glossary_option(function):
    """``--glossary FILE.tsv``: the user's glossary, over the built-in one."""
    return click.option(
        "--glossary", "glossary", type=click.Path(dir_okay=False), default=None, metavar="FILE.tsv",
        help="Terms to keep or render as given, over the built-in glossary: one a line, "
             "source term, tab, target term, optionally tab and a pair (es-en).")(function)


def emit(text: str) -> None:
    """``text`` on standard output (a newline added if missing), flushed: a closed or
    full standard output is a clean error; a reader that left ends the command quietly."""
    stream = sys.stdout
    if stream is None:
        raise click.ClickException("standard output is closed: nothing can be written; give -o FILE, or "
                                   "redirect the output to a file")
    try:
        stream.write(text if text.endswith("\n") else text + "\n")
        stream.flush()
    except OSError as exc:
        _discard_stdout()
        if exc.errno == errno.EPIPE:
            sys.exit(141)  # the reader left (`| head`): as a command killed by SIGPIPE
        raise click.ClickException(f"cannot write to standard output: {exc.strerror or exc}; give -o FILE, "
                                   "or redirect the output elsewhere") from None


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of what is
    still buffered cannot fail again at exit (a second error, with a traceback)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


@contextlib.contextmanager
def clean_errors(*, children: bool = False):
    """Turn the package's errors into a clean message and exit code 1; messages raised
    inside name CLI options (``--to es``), in worker processes too when ``children``."""
    try:
        with speaking_to("cli", children=children):
            yield
    except SummarizerError as exc:
        raise click.ClickException(str(exc)) from None
