"""HTML → plain text for uploaded transcripts: one paragraph per line.

A transcript saved from gob.mx (or a news site) is a page of ``<p>`` blocks,
each opened by a bold speaker label. The parser keeps what a reader sees:
block elements (``p``, ``div``, ``li``, headings, table rows…) and ``<br>``
end a line, inline elements (``strong``, ``span``, ``a``…) join their text,
white space inside a paragraph collapses to single spaces, entities are
decoded, and what is never shown (``script``, ``style``, ``head``…) is
dropped. Paragraphs are separated by a blank line, as in a page copied by hand.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose start or end breaks the text into a new paragraph.
BLOCK_TAGS = frozenset("""
address article aside blockquote body caption dd details div dl dt fieldset figcaption figure footer
form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody td tfoot th
thead tr ul
""".split())
# Elements whose content is never part of the text.
HIDDEN_TAGS = frozenset("script style head title template noscript svg iframe object canvas select".split())
_SPACE_RE = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._hidden = 0
        self._pre = 0

    # -- structure

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        elif tag == "br":
            self._break()
        elif tag in BLOCK_TAGS:
            self._break()
            if tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br" or tag in BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in BLOCK_TAGS:
            if tag == "pre":
                self._pre = max(0, self._pre - 1)
            self._break()

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._pre:
            lines = data.split("\n")
            for i, line in enumerate(lines):
                if i:
                    self._break()
                self._current.append(line)
        else:
            self._current.append(data)

    # -- output

    def _break(self) -> None:
        text = _SPACE_RE.sub(" ", "".join(self._current)).strip()
        if text:
            self.paragraphs.append(text)
        self._current = []

    def close(self) -> None:
        super().close()
        self._break()


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one paragraph per line, blank lines between."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return "\n\n".join(parser.paragraphs)


_PAGE_TAG = re.compile(r"<(?:p|div|span|strong|b|i|em|br|h[1-6]|body|head|meta|section|article|table|tr|td|ul|ol|"
                       r"li|a|font)\b[^<>]{0,500}>", re.I)


def looks_like_html(text: str) -> bool:
    """Whether text is HTML: a whole page (a saved page under a .txt name), or markup
    pasted as text (it opens with a tag and has several, closing ones among them)."""
    head = text.lstrip("\ufeff \t\r\n")
    if head[:15].lower().startswith(("<!doctype html", "<html")):
        return True
    sample = head[:20_000]
    return sample.startswith("<") and "</" in sample and len(_PAGE_TAG.findall(sample)) >= 3
