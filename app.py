"""The web app: ``python app.py [--host HOST] [--port PORT]`` (or ``make run``, ``summarizer serve``).

Importing this module builds ``demo`` (the Gradio Blocks of `summarizer.web`)
without loading any model; models load on the first brief that needs them.
Host and port default to 127.0.0.1:7860, or ``$SUMMARIZER_HOST`` / ``$SUMMARIZER_PORT``,
or Gradio's ``$GRADIO_SERVER_NAME`` / ``$GRADIO_SERVER_PORT`` (a container, a Hugging
Face Space); ``$GRADIO_ROOT_PATH`` serves it under a path behind a proxy.
"""

from __future__ import annotations

import argparse
import os

from summarizer.errors import SummarizerError
from summarizer.settings import server_host, server_port
from summarizer.web import build_demo, launch

try:
    demo = build_demo()
except SummarizerError as exc:  # a bad setting ($SUMMARIZER_BACKEND=…): a message, not a traceback
    raise SystemExit(f"Error: {exc}") from None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Start the mañanera summarizer web app.")
    parser.add_argument("--host", default=server_host(),
                        help="interface to listen on (default %(default)s; $SUMMARIZER_HOST or $GRADIO_SERVER_NAME)")
    parser.add_argument("--port", type=int, default=server_port(),
                        help="port (default %(default)s; $SUMMARIZER_PORT or $GRADIO_SERVER_PORT)")
    parser.add_argument("--root-path", default=None, help="path behind a proxy ($GRADIO_ROOT_PATH)")
    parser.add_argument("--allow-model-paths", action="store_true",
                        help="let visitors type model folders of this server and hub ids (default: installed models only)")
    args = parser.parse_args(argv)
    app = demo
    if args.allow_model_paths:
        os.environ["SUMMARIZER_UI_ALLOW_MODEL_PATHS"] = "1"
        app = build_demo()  # the model fields accept typed values
    launch(app, host=args.host, port=args.port, root_path=args.root_path)


if __name__ == "__main__":
    main()
