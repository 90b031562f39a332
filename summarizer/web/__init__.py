"""The web app: `app` lays out the Gradio page, `handlers` answer its events over the
public API, `views` turn a `Summary` into what the components show, `briefs` makes a brief
(in a process of its own for a large transcript).

`build_demo` and `launch` are imported on first use, so that `briefs`' child process
starts without Gradio."""

__all__ = ["build_demo", "launch"]


def __getattr__(name: str):
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
