"""The web server's memory levels off: Gradio keeps the state of the last `SESSIONS` pages,
not of the last 10,000 (about 0.4 MB each once a brief is made: 4 GB)."""

from __future__ import annotations

from gradio.state_holder import StateHolder

from summarizer.web import app as webapp


def test_gradio_keeps_the_state_of_the_last_pages_only():
    launched = {}

    class Demo:
        def launch(self, **kwargs):
            launched.update(kwargs)

    webapp.launch(Demo(), host="127.0.0.1", port=7862)
    assert launched["state_session_capacity"] == webapp.SESSIONS <= 256
    demo = webapp.build_demo()
    demo.state_session_capacity = launched["state_session_capacity"]  # as Blocks.launch sets it
    demo.config = demo.get_config_file()
    holder = StateHolder()
    holder.set_blocks(demo)
    for visitor in range(webapp.SESSIONS + 20):
        holder[f"page-{visitor}"]
    assert len(holder.session_data) == webapp.SESSIONS
    assert f"page-{webapp.SESSIONS + 19}" in holder and "page-19" not in holder and "page-20" in holder
