"""A transcript that carries markup — a tag that loads an image, an SVG with a handler, an
emphasis, a link — in its title and at the start of every turn: the web tests check that the
page shows it as text and that the browser never fetches the image."""

from __future__ import annotations

from support import SEEDS

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
