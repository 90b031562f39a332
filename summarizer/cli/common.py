"""Helpers shared by the CLI commands: reading input, writing output, errors."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from ..errors import SummarizerError
from ..files import atomic_write
from ..models.backend import BACKENDS

backend_option = click.option(
    "--backend", type=click.Choice(BACKENDS), default=None,
    help="What runs the models: auto (CTranslate2 where a converted copy is there, else transformers), "
         "ctranslate2 or transformers  [default: $SUMMARIZER_BACKEND, else auto]")


def read_input(path: str) -> bytes:
    """The bytes of FILE, or of standard input for ``-``."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror}") from None


def write_output(text: str, out: str | None) -> None:
    """Write ``text`` to OUT (atomically), or to standard output."""
    if not out or out == "-":
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        atomic_write(out, text)
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def clean_errors():
    """Turn the package's errors into a clean message and exit code 1."""
    try:
        yield
    except SummarizerError as exc:
        raise click.ClickException(str(exc)) from None
