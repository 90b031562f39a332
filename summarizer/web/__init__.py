"""The web app: `app` lays out the Gradio page, `handlers` answer its events over the
public API, `views` turn a `Summary` into what the components show."""

from .app import build_demo, launch

__all__ = ["build_demo", "launch"]
