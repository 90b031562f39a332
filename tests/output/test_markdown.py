"""The Markdown brief shows a transcript's text as written: a tag, an emphasis or a link
typed in a transcript is never live in the download or on the page (`markdown_text`)."""

from __future__ import annotations

import dataclasses
import re

import docx

from summarizer import summarize
from summarizer.document import Kind, Speaker
from summarizer.output.wording import markdown_table, markdown_text

from support import DATA, SEEDS

IMG = "<img src=http://evil.invalid/pwned.png>"
SVG = "<svg onload=alert(1)></svg>"
HOSTILE = f"{IMG} **negritas** [liga](http://x.test) $$x^2$$ {SVG}"
SHOWN = ("&lt;img src=http\\://evil.invalid/pwned.png&gt; \\*\\*negritas\\*\\* \\[liga\\](http\\://x.test) "
         "\\$\\$x^2\\$\\$ &lt;svg onload=alert(1)&gt;&lt;/svg&gt;")
"""`HOSTILE` as the Markdown says it: as text."""


def hostile_transcript() -> str:
    """The seed's first exchanges with `HOSTILE` in its title and at the start of every turn."""
    seed = (SEEDS / "2023-12-28.web.txt").read_text(encoding="utf-8")
    lines = seed[:seed.index("\n\n", 12_000)].split("\n")
    lines[0] += " " + HOSTILE
    for i, line in enumerate(lines):
        label, colon, rest = line.partition(":")
        if colon and label.isupper() and len(label) < 60:
            lines[i] = f"{label}: {HOSTILE}{rest}"
    return "\n".join(lines)


def test_markdown_text_escapes_every_markup():
    assert markdown_text(HOSTILE) == SHOWN
    assert markdown_text("  line one\n\nline two  ") == "line one line two"
    assert markdown_text("a_b `code` ~~gone~~ # not a heading | x & y \\") == \
        "a\\_b \\`code\\` \\~\\~gone\\~\\~ \\# not a heading \\| x &amp; y \\\\"
    assert markdown_text("- not a list") == "\\- not a list" and markdown_text("+ nor this") == "\\+ nor this"
    assert markdown_text("1984. A year") == "1984\\. A year" and markdown_text("3) three") == "3\\) three"
    assert markdown_text("91.2 %") == "91.2 %" and markdown_text("=== no underline") == "\\=== no underline"
    assert markdown_text("www.gob.mx, https://gob.mx, prensa@gob.mx") == \
        "www\\.gob.mx, https\\://gob.mx, prensa\\@gob.mx"  # no link made of a bare address either
    assert markdown_table([["a|b", HOSTILE]])[0] == f"| a\\|b | {SHOWN} |"


def test_a_transcripts_markup_is_text_in_every_part_of_the_markdown():
    summary = summarize(hostile_transcript(), target="es", mode="extractive", quotes=5)
    markdown = summary.to_markdown()
    lines = markdown.splitlines()
    assert lines[0] == ("# Resumen: Versión estenográfica. Conferencia de prensa del presidente Andrés Manuel "
                        f"López Obrador del 28 de diciembre de 2023 {SHOWN}")
    for raw in ("<img", "<svg", "**negritas**", "[liga]("):
        assert raw not in markdown
    shown = [line for line in lines if "pwned" in line]
    assert all(SHOWN in line for line in shown)
    assert any(re.search(r"preguntó(?: sobre .+ — |: )“", line) and f"“{SHOWN} " in line for line in shown)  # a question


def test_the_lead_sections_participants_and_notes_are_text_too():
    summary = summarize((DATA / "2022-04-27.excerpt.web.txt").read_bytes(), target="es", mode="extractive")
    who = Speaker(label="X", name=HOSTILE, role=None, role_es="**cargo**", display=HOSTILE, is_press=False,
                  kind=Kind.OFFICIAL)
    section = dataclasses.replace(summary.sections[0], presenters=(who,), transcribed=False, original=HOSTILE)
    point = summary.points[0]
    point = dataclasses.replace(point, line=dataclasses.replace(point.line, text=HOSTILE, attribution="label"),
                                quote=dataclasses.replace(point.quote, text=HOSTILE, speaker=who, attribution="label"))
    story = dataclasses.replace(summary.stories[point.story], label=HOSTILE, questions=1, askers=(HOSTILE,),
                                share=12.5, point=0)
    point = dataclasses.replace(point, story=0)
    hostile = dataclasses.replace(summary, lead=HOSTILE, lead_line=None, title="Mañanera " + HOSTILE, date=None,
                                  sections=(section,), shares=(), speakers=(who,), warnings=(HOSTILE,),
                                  points=(point,), quotes=(), questions=(), stories=(story,))
    lines = hostile.to_markdown().splitlines()
    assert lines[:8] == [f"# Resumen: Mañanera {SHOWN}", "", SHOWN, "", "## Temas del día", "",
                         f"1. **{SHOWN}** — {SHOWN} “{SHOWN}”, dijo {SHOWN}.",
                         f"   *1 pregunta ({SHOWN}) · 12.5 % de la conferencia*"]
    assert lines[lines.index("## Secciones fijas") + 2:] == [
        f"### Quién es quién en las mentiras de la semana — presentada por {SHOWN}", "",
        f"- Se mostró en video; no se transcribió: {SHOWN}", "",
        "## Participantes", "",
        f"- {SHOWN} — \\*\\*cargo\\*\\*", "",
        "## Notas", "",
        "- Modo: extractivo (cada línea es una frase de la transcripción). Se pidió el modo extractivo.",
        f"- {SHOWN}"]


def test_word_keeps_the_transcripts_markup_as_plain_text(tmp_path):
    """A Word document interprets nothing: the text goes in as written, never escaped."""
    summary = summarize(hostile_transcript(), target="es", mode="extractive", quotes=5)
    document = docx.Document(str(summary.to_docx(tmp_path / "brief.docx")))
    assert document.paragraphs[0].text == "Resumen: " + summary.title and summary.title.endswith(HOSTILE)
    assert any(re.search(r"preguntó(?: sobre .+ — |: )“", p.text) and f"“{HOSTILE} Gracias, presidente." in p.text
               for p in document.paragraphs)
    assert not any("&lt;" in p.text or "\\*" in p.text for p in document.paragraphs)


def test_answers_and_notes_nest_under_items_ten_and_later():
    """A list item's own lines are indented as wide as its marker: "10. " takes four spaces
    (with three, Markdown makes the answer an item of a list of its own)."""
    text = (SEEDS / "2023-12-28.web.txt").read_text(encoding="utf-8")
    lines = summarize(text, target="es", mode="extractive").to_markdown().splitlines()
    asked = [i for i, line in enumerate(lines) if re.match(r"\d+\. .* preguntó", line)]
    assert len(asked) >= 10
    for i in asked:
        marker = lines[i].split(" ", 1)[0] + " "
        assert lines[i + 1].startswith(" " * len(marker) + "- ") and not lines[i + 1].startswith(" " * (len(marker) + 1))
