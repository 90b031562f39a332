"""The web app: ``python app.py [--host HOST] [--port PORT]`` (or ``make run``, ``summarizer serve``).

Importing this module builds ``demo`` (the Gradio Blocks of `summarizer.web`)
without loading any model; models load on the first brief that needs them.
Host and port default to 127.0.0.1:7860, or ``$SUMMARIZER_HOST`` / ``$SUMMARIZER_PORT``.
"""

from __future__ import annotations

import argparse

from summarizer.settings import server_host, server_port
from summarizer.web import build_demo, launch

demo = build_demo()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Start the mañanera summarizer web app.")
    parser.add_argument("--host", default=server_host(),
                        help="interface to listen on (default %(default)s; $SUMMARIZER_HOST)")
    parser.add_argument("--port", type=int, default=server_port(),
                        help="port (default %(default)s; $SUMMARIZER_PORT)")
    args = parser.parse_args(argv)
    launch(demo, host=args.host, port=args.port)


if __name__ == "__main__":
    main()
