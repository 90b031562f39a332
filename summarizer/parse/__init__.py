"""Parse: input bytes → `Transcript` (turns, speakers, exchanges, language), every turn
with offsets into the decoded text.

`decode` (encodings, size limit) → `formats` / `prose` (where turns start and end) →
`labels`, `names`, `roles`, `speakers` (who speaks) → `exchanges` (opening, question →
answer) → `transcript` (assembles the `Transcript`). `sentences` and `language` serve
every stage; `htmltext` reduces a saved web page to its text, `reflow` rebuilds a PDF's
paragraphs from its lines, `furniture` tells a site's ads, links and notices from speech.
"""

from .decode import decode
from .transcript import find_date, parse_transcript

__all__ = ["parse_transcript", "decode", "find_date"]
