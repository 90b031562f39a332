"""`summarizer translate FILE|-|URL`: the whole transcript translated, labels and layout kept."""

from __future__ import annotations

import json

import click

from ..document import LANGUAGES
from .common import (
    MAX_BYTES_HELP,
    backend_option,
    check_output,
    clean_errors,
    glossary_option,
    read_transcript,
    write_output,
)
from .progress import StageBar


@click.command("translate")
@click.argument("file", default="-")
@click.option("--from", "source", type=click.Choice(["auto", *LANGUAGES]), default="auto", show_default=True,
              help="Language of the input; auto detects it.")
@click.option("--to", "target", type=click.Choice(LANGUAGES), default=None,
              help="Language to translate into  [default: the other one]")
@click.option("-o", "--output", "out", default=None, help="Write here instead of standard output.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the transcript in its own layout; json: turn by turn with the originals.")
@click.option("--model", default=None, help="Hub id or folder of a translation model for this pair.")
@click.option("--beams", type=click.IntRange(1, 16), default=1, show_default=True,
              help="Beam width: 1 is fastest; 4 is a little better and about 6× slower on CPU.")
@click.option("--fp32", is_flag=True, help="Compute in fp32 on CPU (default: int8, faster; translations differ slightly).")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True)
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, help=MAX_BYTES_HELP)
@backend_option
@click.option("--quiet", is_flag=True, help="No progress bar, no warnings.")
@glossary_option
def translate_command(file, source, target, out, fmt, model, beams, fp32, device, max_bytes, backend, quiet, glossary):
    """Translate the transcript in FILE (or standard input, or at an http(s) URL), keeping every speaker label,
    paragraph and line break; nothing is dropped or truncated."""
    from ..models import Models
    from ..translate import TranslateOptions, Translator, transcript_names

    check_output(out, file, glossary)
    with clean_errors(), StageBar(enabled=not quiet) as bar:
        options = TranslateOptions(num_beams=beams, quantize=False if fp32 else None, glossary=glossary,
                                   backend=backend)
        doc = read_transcript(file, max_bytes, quiet=quiet)
        source = doc.language if source == "auto" else source
        target = target or ("en" if source == "es" else "es")
        translator = Translator(source, target, model=model, options=options, device=device,
                                models=Models.from_settings())
        if doc.format == "prose":
            # Plain text: translated as it stands, not piece by piece around its quotations.
            texts, notes = translator.run([doc.text], bar, names=transcript_names(doc))
            warnings = list(doc.warnings) + notes
            text, result = texts[0], {"source_lang": source, "target_lang": target, "text": texts[0],
                                      "warnings": warnings}
        else:
            translated = translator.translate_transcript(doc, bar)
            text, result, warnings = translated.text, translated.to_dict(), list(translated.warnings)
    write_output(json.dumps(result, ensure_ascii=False, indent=2) + "\n" if fmt == "json" else text, out, file, glossary)
    if not quiet:
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)
