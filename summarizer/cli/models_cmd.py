"""`summarizer models list|download`: which models are where, and fetching them."""

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
    """List and download the Hugging Face models the summarizer uses."""


@models_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per model instead of a table.")
@click.option("--check-hub/--no-check-hub", default=True, show_default=True,
              help="Ask the hub once (3 s at most) whether it is reachable; unless HF_HUB_OFFLINE=1.")
def list_command(as_json, check_hub):
    """Each task's model, where it resolves, whether it is present, and its size."""
    from ..models import hf_cache_dir, hub_status, models_dir, status

    rows = status()
    if as_json:
        emit(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    lines = [f"models folder: {models_dir()}  (set $SUMMARIZER_MODELS_DIR to change it)",
             f"Hugging Face cache: {hf_cache_dir()}", f"hub: {hub_status(check_hub)}"]
    table = [("TASK", "MODEL", "PRESENT", "SIZE", "WHERE")]
    for row in rows:
        task = f"translate {row['source']}→{row['target']}" if row["task"] == "translate" else row["task"]
        model = f"{row['name']}@{row['revision']}" if row["revision"] else row["name"]
        where = f"{row['where']} ({row['kind']})" if row["present"] else f"not found (looked in {row['looked_in'][0]}, …)"
        present = ("yes, a tiny random test model" if row["tiny"] else "yes") if row["present"] else "no"
        table.append((task, model, present, _size(row["size"]), where))
    widths = [max(len(r[i]) for r in table) for i in range(4)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[4] for r in table]
    if not all(row["present"] for row in rows):
        lines.append("Fetch the missing ones with `summarizer models download`.")
    if any(row["tiny"] for row in rows):
        lines.append("Tiny random test models (from `python -m summarizer.testing`) write gibberish: for trials "
                     "only; `summarizer models download` fetches the real ones.")
    emit("\n".join(lines))


@models_group.command("download")
@click.argument("names", nargs=-1)
@click.option("--dest", type=click.Path(file_okay=False), default=None,
              help="Models folder to write into (default: $SUMMARIZER_MODELS_DIR or models/).")
@click.option("--revision", default=None, help="Hub revision to fetch instead of the pinned one (one NAME only).")
def download_command(names, dest, revision):
    """Download models from the Hugging Face hub into the models folder.

    NAME is a registered model (opus-mt-es-en, es-en, summarize, or its hub id) or any
    hub id; without NAME, every registered default. Only safetensors weights and
    tokenizer files are fetched.
    """
    from pathlib import Path

    from ..models import REGISTRY, ModelSpec, fetch, find_spec, folder_size, models_dir

    if revision and len(names) != 1:
        raise click.UsageError("--revision needs exactly one NAME")
    specs = []
    for name in names or [s.name for s in REGISTRY.values()]:
        spec = find_spec(name)
        if spec is None and "/" in name and not name.startswith((".", "/", "~")):
            spec = ModelSpec("summarize", name)  # any hub id: the task only labels it
        if spec is None:
            known = ", ".join(s.short_name for s in REGISTRY.values())
            raise click.UsageError(f"unknown model {name!r}; registered models are {known} (or give a hub id org/name)")
        specs.append(spec)
    base = Path(dest) if dest else models_dir()
    with clean_errors():
        for spec in specs:
            target = base / spec.short_name
            which = f"revision {revision}" if revision else f"pinned revision {spec.revision or 'main'}"
            click.echo(f"downloading {spec.name} ({which}) → {target}", err=True)
            folder = fetch(spec, target, revision=revision)
            emit(f"{spec.name}: {folder} ({_size(folder_size(folder))})")
