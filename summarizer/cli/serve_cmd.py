"""``summarizer serve``: start the web app (the same as ``python app.py``)."""

from __future__ import annotations

import os

import click


@click.command("serve")
@click.option("--host", default=None,
              help="Interface to listen on (default $SUMMARIZER_HOST, else $GRADIO_SERVER_NAME, else 127.0.0.1); "
                   "0.0.0.0 for every interface.")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Port (default $SUMMARIZER_PORT, else $GRADIO_SERVER_PORT, else 7860).")
@click.option("--root-path", default=None, help="Path the app is served under behind a proxy ($GRADIO_ROOT_PATH).")
@click.option("--allow-model-paths", is_flag=True,
              help="Let visitors type model folders of this server and hub ids (default: only installed models).")
@click.option("--share/--no-share", default=False, show_default=True,
              help="Also open a public gradio.live link (needs the internet).")
def serve_command(host: str | None, port: int | None, root_path: str | None, allow_model_paths: bool, share: bool):
    """Start the web app: paste or upload a transcript, get the brief."""
    from ..settings import server_host, server_port
    from ..web import build_demo, launch
    from .common import clean_errors

    if allow_model_paths:
        os.environ["SUMMARIZER_UI_ALLOW_MODEL_PATHS"] = "1"
    with clean_errors():  # a bad setting ($SUMMARIZER_BACKEND=…) is a message, not a traceback
        demo = build_demo()
    launch(demo, host=host or server_host(), port=port or server_port(), share=share, root_path=root_path)
