"""Helpers shared by the CLI commands: reading input (a file, standard input or an http(s)
address), writing output, errors.

Standard input and output may be closed, full (``> /dev/full``) or a pipe whose reader
left (``| head``): each case ends in one clean line and a non-zero exit, never a
traceback, and never exit 0 with the output lost.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import sys

import click

from ..document import Transcript
from ..errors import OutputError, SummarizerError
from ..fetch import from_url
from ..files import NotAFileError, atomic_write, read_limited, refuse_inputs
from ..settings import check_size, max_input_bytes, speaking_to

MAX_BYTES_HELP = "Size limit of the input (default 5 MB, or $SUMMARIZER_MAX_INPUT_BYTES)."
from ..models.backend import BACKENDS

backend_option = click.option(
    "--backend", type=click.Choice(BACKENDS), default=None,
    help="What runs the models: auto (CTranslate2 where a converted copy is there, else transformers), "
         "ctranslate2 or transformers  [default: $SUMMARIZER_BACKEND, else auto]")


_ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
"""An address of any scheme (``ftp://…`` too: `fetch.from_url` says which it reads), never a file name."""


def looks_like_address(source: str) -> bool:
    return bool(_ADDRESS.match(source))


def read_transcript(source: str, max_bytes: int | None = None, *, quiet: bool = False) -> Transcript:
    """The transcript in FILE, on standard input (``-``) or at an http(s) address; a page
    that redirected elsewhere is said on standard error (unless ``quiet``)."""
    from ..parse import parse_transcript

    if not looks_like_address(source):
        return parse_transcript(read_input(source, max_bytes), max_bytes=max_bytes)
    page = from_url(source, max_bytes=max_bytes)
    if page.final_url != page.url and not quiet:
        click.echo(f"note: {page.url} redirected to {page.final_url}", err=True)
    return page.transcript(max_bytes)


def read_input(path: str, max_bytes: int | None = None) -> bytes:
    """The bytes of FILE, or of standard input for ``-``; raises `InputTooLargeError` over
    the size limit, counting bytes as they are read (a device claims a size of 0), and a
    clean error for a device (``/dev/zero``) or a folder."""
    if path == "-":
        return _read_stdin(max_bytes)
    limit = max_input_bytes(max_bytes)
    try:
        data = read_limited(path, limit)
    except NotAFileError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror}; give a transcript file, "
                                   "or - for standard input") from None
    except OSError as exc:
        hint = "; an address starts with https://" if path.startswith("www.") and not os.path.exists(path) else ""
        raise click.ClickException(f"cannot read {path}: {exc.strerror or exc}{hint}") from None
    if len(data) > limit:
        size = _size(path)  # a file's size says by how much; a pipe's says nothing
        check_size(max(size, len(data)), max_bytes, what=path, at_least=size <= limit)
    return data


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


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


def _sources(inputs: tuple[str | None, ...]) -> list[str | int]:
    """The inputs as `files.refuse_inputs` takes them: ``-`` is standard input's descriptor."""
    return [0 if source == "-" else source for source in inputs if source and not looks_like_address(source)]


def check_output(out: str | None, *inputs: str | None) -> None:
    """Refuse, before any work, an OUT that is one of the command's inputs (FILE, ``-``
    for standard input, a glossary…): the same file by any name or link."""
    if out and out != "-":
        try:
            refuse_inputs(out, _sources(inputs))
        except OutputError as exc:
            raise click.ClickException(str(exc)) from None


def write_output(text: str | bytes, out: str | None, *inputs: str | None) -> None:
    """Write ``text`` (or a binary file's bytes) to OUT (atomically), or text to standard
    output; never onto one of ``inputs`` (see `check_output`)."""
    if not out or out == "-":
        emit(text)
        return
    try:
        atomic_write(out, text, inputs=_sources(inputs))
    except OutputError as exc:
        raise click.ClickException(str(exc)) from None
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


CLOSED_STDOUT = "standard output is closed: nothing can be written; give -o FILE, or redirect the output to a file"


class ClosedStdout(io.TextIOBase):
    """Stands for a closed standard output: every write fails, where `click.echo` would
    drop the text and the command exit 0 with its output lost."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def emit(text: str) -> None:
    """``text`` on standard output (a newline added if missing), flushed: a closed or
    full standard output is a clean error; a reader that left ends the command quietly."""
    stream = sys.stdout
    if stream is None or isinstance(stream, ClosedStdout):
        raise click.ClickException(CLOSED_STDOUT)
    try:
        stream.write(text if text.endswith("\n") else text + "\n")
        stream.flush()
    except OSError as exc:
        _discard_stdout()
        if exc.errno == errno.EPIPE:
            sys.exit(141)  # the reader left (`| head`): as a command killed by SIGPIPE
        raise click.ClickException(f"cannot write to standard output: {exc.strerror or exc}; give -o FILE, "
                                   "or redirect the output elsewhere") from None


@contextlib.contextmanager
def stdout_errors():
    """What Click itself writes (``--help``, ``--version``) to a closed, full or broken
    standard output ends in one clean line and a non-zero exit, as `emit` does."""
    if sys.stdout is None:
        sys.stdout = ClosedStdout()
    try:
        yield
    except OSError as exc:
        if exc.filename is not None:
            raise  # a file's error, not standard output's
        closed = isinstance(sys.stdout, ClosedStdout)
        _discard_stdout()
        if exc.errno == errno.EPIPE:
            sys.exit(141)
        click.echo(f"Error: {CLOSED_STDOUT if closed else f'cannot write to standard output: {exc.strerror or exc}'}",
                   err=True)
        sys.exit(1)


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
    except MemoryError:
        raise click.ClickException("out of memory: this input needs more memory than this machine gives the "
                                   "command; split it, or lower the size limit (--max-bytes)") from None
