"""``summarizer batch translate|summarize INPUT… --out DIR``: whole archives, resumable."""

from __future__ import annotations

import contextlib
import logging
import sys

import click

from ..document import LANGUAGES
from ..summarize.options import MODES
from .common import archive_option, backend_option, clean_errors, emit, glossary_option
from .progress import JobBar

log = logging.getLogger("summarizer")

_COMMON_EPILOG = """\b
INPUT is a transcript file, a folder (its *.txt and *.jsonl files, recursively),
a glob ('corpus/**/*.txt', quoted) or a JSONL file of {"id", "text"} lines.
Outputs keep the inputs' relative paths under DIR; DIR/manifest.jsonl has one
record per document. Run the same command again to resume: documents already
done for the same input and settings are skipped, changed ones are redone.
Exit status 0 only when every document succeeded."""


def _common(function):
    options = [
        click.argument("inputs", nargs=-1, required=True, metavar="INPUT…"),
        click.option("--out", "-o", "out_dir", required=True, type=click.Path(file_okay=False),
                     help="Output folder (created)."),
        click.option("--to", "target", type=click.Choice(LANGUAGES), default="en", show_default=True,
                     help="Language of the outputs."),
        click.option("--workers", "-j", type=click.IntRange(min=1), default=None,
                     help="Worker processes (default 1), or Ray actors (default: one per CPU of the cluster); "
                          "each loads the models once and gets its share of the cores."),
        click.option("--engine", type=click.Choice(["pool", "ray"]), default="pool", show_default=True,
                     help="pool: processes on this machine; ray: Ray actors, on a local Ray instance or the "
                          "cluster at --address (pip install 'mananera-summarizer[ray]')."),
        click.option("--address", default=None, metavar="ADDRESS",
                     help="With --engine ray: the cluster to join (auto: the one `ray start` made here; "
                          "HOST:PORT). Without it a local Ray instance starts with this machine's cores."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=None,
                     help="Size limit of one input (default 5 MB, or $SUMMARIZER_MAX_INPUT_BYTES)."),
        backend_option,
        click.option("--force", is_flag=True, help="Redo every document, even those already done."),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar: only failures and the closing line (for logs)."),
        click.option("--verbose", "-v", is_flag=True,
                     help="Also log what happens to each document; warnings are in the manifest either way."),
        glossary_option,
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.group("batch")
def batch_group():
    """Translate or summarise many transcripts, resumably."""


@batch_group.command("translate", epilog=_COMMON_EPILOG)
@_common
@click.option("--from", "source", type=click.Choice(["auto", *LANGUAGES]), default="auto", show_default=True,
              help="Language of the inputs; auto: each transcript's own.")
@click.option("--format", "fmt", type=click.Choice(["txt", "json"]), default="txt", show_default=True,
              help="txt: the translated transcript in its own layout, labels kept; json: with details.")
@click.option("--model", default=None, help="Hub id or folder of a translation model for the pair (needs --from).")
@click.option("--beams", type=click.IntRange(1, 16), default=1, show_default=True,
              help="Beam width: 1 is fastest; 4 is a little better and several times slower.")
@click.option("--fp32", is_flag=True, help="Compute in fp32 on CPU (default: int8, faster; translations differ slightly).")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True)
def translate_command(inputs, out_dir, target, workers, engine, address, max_bytes, backend, force, quiet, verbose,
                      glossary, source, fmt, model, beams, fp32, device):
    """Translate every transcript of INPUT… into DIR."""
    from ..batch import BatchSettings
    from ..models import Models
    from ..translate import TranslateOptions

    with clean_errors():
        options = _unless_default(TranslateOptions(glossary=glossary, backend=backend, num_beams=beams,
                                                   quantize=False if fp32 else None))
        settings = BatchSettings("translate", target=target, source=source, format=fmt, max_bytes=max_bytes,
                                 options=options, model=model, device=device)
        models = Models.from_settings()
        if model:  # a mistyped folder fails the job, not each document
            models.require_named_folder("translate", source=source, target=target, name=model)
    _run(models, inputs, out_dir, settings, dict(workers=workers, engine=engine, address=address), force, quiet,
         verbose)


@batch_group.command("summarize", epilog=_COMMON_EPILOG)
@_common
@click.option("--format", "fmt", type=click.Choice(["md", "json", "docx"]), default="md", show_default=True,
              help="Summary format (docx: a Word document).")
@click.option("--quotes", type=click.IntRange(min=0), default=5, show_default=True, help="Quotes per summary.")
@click.option("--mode", type=click.Choice(MODES), default="auto", show_default=True,
              help="auto: chat when the chat model is installed, else abstractive when its models are; extractive "
                   "needs no model that writes.")
@click.option("--points", type=click.IntRange(1, 20), default=6, show_default=True, help="Most topics covered.")
@click.option("--summarize-model", default=None, help="Hub id or folder of the summarization model.")
@click.option("--chat-model", default=None, help="Hub id or folder of the chat (instruct) model for --mode chat.")
@click.option("--es-en-model", default=None, help="Hub id or folder of the Spanish→English translation model.")
@click.option("--en-es-model", default=None, help="Hub id or folder of the English→Spanish translation model.")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True)
@click.option("--questions/--no-questions", default=True, show_default=True,
              help="List the press questions with who asked, who answered and how.")
@archive_option
def summarize_command(inputs, out_dir, target, workers, engine, address, max_bytes, backend, force, quiet, verbose,
                      glossary, fmt, quotes, mode, points, summarize_model, chat_model, es_en_model, en_es_model, device,
                      questions, archive):
    """Summarise every transcript of INPUT… into DIR."""
    from ..batch import BatchSettings
    from ..models import Models
    from ..summarize import SummaryOptions

    with clean_errors():
        options = _unless_default(SummaryOptions(
            max_points=points, device=device, questions=questions, glossary=glossary, archive=archive, backend=backend,
            summarize_model=summarize_model, chat_model=chat_model, es_en_model=es_en_model, en_es_model=en_es_model))
        models = Models.from_settings()
        if options is not None:
            from ..summarize import Summarizer

            Summarizer(options, models=models).check_named_folders()  # a mistyped folder fails the job, not each document
    settings = BatchSettings("summarize", target=target, format=fmt, quotes=quotes, mode=mode, max_bytes=max_bytes,
                             options=options)
    _run(models, inputs, out_dir, settings, dict(workers=workers, engine=engine, address=address), force, quiet,
         verbose)


def _unless_default(options):
    """``options``, or None when every option is at its default: no options object, as before
    they existed (a job's settings, and so the outputs it counts as done, stay the same)."""
    return None if options == type(options)() else options


def _run(models, inputs, out_dir, settings, engine: dict, force, quiet, verbose) -> None:
    """Run the job with ``models`` (the `Models` made from the settings); ``engine``:
    run_batch's ``workers``, ``engine`` and ``address``."""
    from ..batch import run_batch

    bar = JobBar(settings.task, quiet)
    try:
        with clean_errors(children=True), _library_log(bar, verbose):
            for result in run_batch(inputs, out_dir, settings, force=force, progress=bar.progress, models=models,
                                    **engine):
                bar.record(result)
    except KeyboardInterrupt:
        bar.close()
        click.echo(f"interrupted after {bar.closing()}; run the same command again to resume", err=True)
        sys.exit(130)
    except (OSError, RuntimeError) as exc:  # the job itself broke (disk, worker pool): finished work is kept
        log.debug("the batch job stopped", exc_info=True)
        raise click.ClickException(
            f"the job stopped after {bar.closing()}: {exc}; fix the cause and run the same command again to resume"
        ) from None
    finally:
        bar.close()
    emit(bar.closing())
    if bar.counts["failed"]:
        sys.exit(1)


@contextlib.contextmanager
def _library_log(bar: JobBar, verbose: bool):
    """Per-document warnings go to the manifest; on the terminal they would only break
    the bar, so the library logs errors only (above the bar), unless --verbose."""
    handler = _BarHandler(bar)
    saved = log.level, log.propagate
    log.setLevel(logging.INFO if verbose else logging.ERROR)
    log.addHandler(handler)
    log.propagate = False
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.setLevel(saved[0])
        log.propagate = saved[1]


class _BarHandler(logging.Handler):
    """Log lines written above the progress bar."""

    def __init__(self, bar: JobBar):
        super().__init__()
        self.bar = bar
        self.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.bar.say(self.format(record))
