"""What the page shows of a transcript is text: the questions view, the brief and the
notes in toasts never carry a live tag, emphasis or link typed in a transcript."""

from __future__ import annotations

import warnings

from summarizer.web import handlers, views

from hostile import HOSTILE, SHOWN, hostile_transcript


def brief(text: str):
    return handlers.make_brief(text, "es", "extractive", 5, None, None, None, None, "")


def test_the_page_shows_a_transcripts_markup_as_text(no_models):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = brief(hostile_transcript())
    markdown, questions = out[0], out[7]
    assert markdown.splitlines()[0].endswith(f"de 2023 {SHOWN}")
    first = questions.splitlines()[0]
    assert first.startswith("1. Tzeltzin Juárez (SinLineaMX) preguntó sobre ")  # the story's label, then
    assert f" — “{SHOWN} Gracias, presidente." in first
    for shown in (markdown, questions, out[2]):
        assert "<img" not in shown and "<svg" not in shown and "**negritas**" not in shown and "[liga](" not in shown


def test_a_note_that_quotes_the_transcript_is_text_in_its_toast(no_models):
    """A toast renders HTML: the last words of a transcript cut short are said, not rendered."""
    text = hostile_transcript() + f"\n\nPRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR: Y luego {HOSTILE} vamos a"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        brief(text)
    [toast] = [str(w.message) for w in caught if "ends in the middle" in str(w.message)]
    assert "pwned.png&gt; **negritas** [liga](http://x.test) $$x^2$$ &lt;svg onload=alert(1)&gt;&lt;/svg&gt; vamos a" \
        in toast and "<" not in toast
    assert views.error_html(HOSTILE) == HOSTILE.replace("<", "&lt;").replace(">", "&gt;")
