"""The `summarizer` command line: a thin layer over the public API.

Subcommands live in their own modules and are imported only when used, so
``summarizer --help`` starts fast and never loads torch.
"""

from __future__ import annotations

import importlib

import click

from .._version import __version__

# command name → "module:attribute" under summarizer.cli
COMMANDS = {
    "summarize": "summarize_cmd:summarize_command",
    "translate": "translate_cmd:translate_command",
    "models": "models_cmd:models_group",
    "batch": "batch_cmd:batch_group",
    "serve": "serve_cmd:serve_command",
    "quotes": "quotes_cmd:quotes_command",
    "archive": "archive_cmd:archive_group",
}


class LazyGroup(click.Group):
    def main(self, *args, **kwargs):
        from .common import stdout_errors

        with stdout_errors():
            return super().main(*args, **kwargs)

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        return getattr(module, attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="summarizer")
def main():
    """Briefs and translations of Mexico's presidential press-conference transcripts."""
