"""`summarizer models list|download|convert`: which models are where and what runs them,
fetching them, and writing their CTranslate2 copies."""

from __future__ import annotations

import json

import click

from .common import clean_errors, emit


def _size(n: int | None) -> str:
    if n is None:
        return "-"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


@click.group("models")
def models_group():
    """List, download and convert the Hugging Face models the summarizer uses."""


@models_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per model instead of a table.")
@click.option("--check-hub/--no-check-hub", default=True, show_default=True,
              help="Ask the hub once (3 s at most) whether it is reachable; unless HF_HUB_OFFLINE=1.")
def list_command(as_json, check_hub):
    """Each task's model, where it resolves, whether it is present, its size, what runs it
    (backend and compute type) and its CTranslate2 copy."""
    from ..models import Models

    with clean_errors():  # $SUMMARIZER_BACKEND=bogus: a message, not a traceback
        models = Models.from_settings()
        rows = models.status()
    if as_json:
        emit(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    lines = [f"models folder: {models.places.folder}  (set $SUMMARIZER_MODELS_DIR to change it)",
             f"Hugging Face cache: {models.places.cache}", f"hub: {models.hub_status(check_hub)}"]
    table = [("TASK", "MODEL", "PRESENT", "SIZE", "BACKEND", "WHERE")]
    for row in rows:
        task = f"translate {row['source']}→{row['target']}" if row["task"] == "translate" else row["task"]
        model = f"{row['name']}@{row['revision']}" if row["revision"] else row["name"]
        where = f"{row['where']} ({row['kind']})" if row["present"] else f"not found (looked in {row['looked_in'][0]}, …)"
        present = ("yes, a tiny random test model" if row["tiny"] else "yes") if row["present"] else "no"
        runs = f"{row['backend']} {row['compute_type']}" if row["backend"] else ("-" if not row["present"] else "none")
        table.append((task, model, present, _size(row["size"]), runs, where))
    widths = [max(len(r[i]) for r in table) for i in range(5)]
    for r, row in zip(table, [None, *rows]):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[5])
        copy = row and row["ctranslate2"]
        if copy and copy["problem"]:
            lines.append(f"{'':{widths[0]}}  {copy['problem']}: run `summarizer models convert {row['name'].split('/')[-1]}`")
        elif copy:
            lines.append(f"{'':{widths[0]}}  CTranslate2 copy: {copy['path']} ({_size(copy['size'])})")
    missing = {row["task"] for row in rows if not row["present"]}
    if missing - {"chat"}:
        lines.append("Fetch the missing ones with `summarizer models download`"
                     + (" (the chat model, 3 GB, with `summarizer models download chat`)." if "chat" in missing else "."))
    elif missing:
        lines.append("The chat model (3 GB, for --mode chat) is fetched with `summarizer models download chat`.")
    if any(row["tiny"] for row in rows):
        lines.append("Tiny random test models (from `python -m summarizer.testing`) write gibberish: for trials "
                     "only; `summarizer models download` fetches the real ones.")
    emit("\n".join(lines))


@models_group.command("convert")
@click.argument("names", nargs=-1)
@click.option("--force", is_flag=True, help="Convert again even when the copy is up to date.")
def convert_command(names, force):
    """Write the CTranslate2 int8 copy of models already on this machine (no network).

    NAME is a registered model (opus-mt-es-en, es-en, summarize, or its hub id), any hub
    id in the Hugging Face cache, or a model folder; without NAME, every registered model
    that is present. The copy goes beside the model as FOLDER.ct2-int8 (for the Hugging
    Face cache: in the models folder), and is used from then on by the default backend
    (auto). Up-to-date copies are left alone.
    """
    from ..models import REGISTRY, Models, convert_model, folder_size

    models = Models.from_settings()
    specs = [_spec(name, folders=True) for name in names] or [s for s in REGISTRY.values() if models.locate(s)]
    if not specs:
        raise click.ClickException("no model to convert is present: fetch them with `summarizer models download`")
    with clean_errors():
        for spec in specs:
            done = convert_model(spec, models.places, force=force)
            how = f"converted in {done.seconds:.0f} s" if done.converted else "up to date"
            emit(f"{spec.name}: {done.copy} ({_size(folder_size(done.copy))}, {how})")


def _spec(name: str, *, folders: bool = False):
    """The model NAME means: a registered one, any hub id (org/name), or (``folders``) a folder."""
    from ..models import REGISTRY, ModelSpec, find_spec
    from ..models.locate import explicit_path

    spec = find_spec(name)
    if spec is None and folders and explicit_path(name) is not None:
        return ModelSpec("summarize", name)  # the task only labels it
    if spec is None and "/" in name and not name.startswith((".", "/", "~")):
        return ModelSpec("summarize", name)
    if spec is None:
        known = ", ".join(s.short_name for s in REGISTRY.values())
        raise click.UsageError(f"unknown model {name!r}; registered models are {known} (or give a hub id org/name"
                               f"{' or a folder' if folders else ''})")
    return spec


@models_group.command("download")
@click.argument("names", nargs=-1)
@click.option("--dest", type=click.Path(file_okay=False), default=None,
              help="Models folder to write into (default: $SUMMARIZER_MODELS_DIR or models/).")
@click.option("--revision", default=None, help="Hub revision to fetch instead of the pinned one (one NAME only).")
@click.option("--no-convert", is_flag=True, help="Do not write the CTranslate2 int8 copy.")
def download_command(names, dest, revision, no_convert):
    """Download models from the Hugging Face hub into the models folder, and write the
    CTranslate2 int8 copy of each beside it (the faster backend).

    NAME is a registered model (opus-mt-es-en, es-en, summarize, chat, or its hub id) or
    any hub id; without NAME, every registered default but the chat model (3 GB: name it,
    `summarizer models download chat`, for --mode chat). Only safetensors weights and
    tokenizer files are fetched.
    """
    from pathlib import Path

    from ..models import OPTIONAL, REGISTRY, Models, convert, folder_size
    from ..models.backend import COPY_SUFFIX, ctranslate2_installed

    if revision and len(names) != 1:
        raise click.UsageError("--revision needs exactly one NAME")
    specs = [_spec(name) for name in names or [s.name for s in REGISTRY.values() if s.task not in OPTIONAL]]
    models = Models.from_settings()
    base = Path(dest) if dest else models.places.folder
    convert_too = not no_convert and ctranslate2_installed()
    with clean_errors():
        for spec in specs:
            target = base / spec.short_name
            which = f"revision {revision}" if revision else f"pinned revision {spec.revision or 'main'}"
            click.echo(f"downloading {spec.name} ({which}) → {target}", err=True)
            folder = models.fetch(spec, target, revision=revision)
            emit(f"{spec.name}: {folder} ({_size(folder_size(folder))})")
            if convert_too:
                click.echo(f"converting {spec.name} for CTranslate2 (int8)…", err=True)
                copy = convert(folder, folder.with_name(folder.name + COPY_SUFFIX), force=True)
                emit(f"{spec.name}: {copy} ({_size(folder_size(copy))})")
    if not no_convert and not convert_too:
        click.echo("note: ctranslate2 is not installed, so no CTranslate2 copy was written "
                   "(pip install ctranslate2, then `summarizer models convert`)", err=True)
