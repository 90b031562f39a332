"""``summarizer serve``: start the web app (the same as ``python app.py``)."""

from __future__ import annotations

import click

from ..settings import DEFAULT_HOST, DEFAULT_PORT


@click.command("serve")
@click.option("--host", envvar="SUMMARIZER_HOST", default=DEFAULT_HOST, show_default=True,
              help="Interface to listen on ($SUMMARIZER_HOST); 0.0.0.0 for every interface.")
@click.option("--port", envvar="SUMMARIZER_PORT", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True,
              help="Port ($SUMMARIZER_PORT).")
@click.option("--share/--no-share", default=False, show_default=True,
              help="Also open a public gradio.live link (needs the internet).")
def serve_command(host: str, port: int, share: bool):
    """Start the web app: paste or upload a transcript, get the brief."""
    from ..web import build_demo, launch

    launch(build_demo(), host=host, port=port, share=share)
