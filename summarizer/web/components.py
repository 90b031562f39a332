"""The app's own Gradio component: the transcript's upload field.

Gradio writes a ``.pyi`` stub beside any module that defines a component (its event
methods, for type checkers); ``components.pyi`` is kept in the repository, so importing
this module writes nothing into the package.
"""

from __future__ import annotations

import gradio as gr


class TranscriptFile(gr.File):
    """The transcript's upload field, drawn as a `gr.File`: its file reaches the handler
    (`handlers.load_file`) whatever its type, and the handler refuses a wrong one in the
    page's language and deletes it at once. Gradio's own check refused it before any
    handler ran, leaving it on disk until pruning (and left an empty temporary file in its
    upload folder for every file it let through)."""

    is_template = True  # the page draws it with gr.File's frontend

    def preprocess(self, payload):
        return None if payload is None else payload.path


__all__ = ["TranscriptFile"]
