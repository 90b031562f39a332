"""HTML → plain text for uploaded transcripts: one paragraph per line.

A transcript saved from gob.mx (or a news site) is a page of ``<p>`` blocks,
each opened by a bold speaker label. The parser keeps what a reader sees:
block elements (``p``, ``div``, ``li``, headings, table rows…) and ``<br>``
end a line, inline elements (``strong``, ``span``, ``a``…) join their text,
white space inside a paragraph collapses to single spaces, entities are
decoded, and what is never shown (``script``, ``style``, ``head``…, an element marked
``hidden``) is dropped. Paragraphs are separated by a blank line, as in a page copied by hand.

A news site's or gob.mx's furniture is left out too, and kept apart so that the reader is
told (`read_html`): navigation, asides, footers, forms and buttons, and any element whose
class, id or role names a share widget, a newsletter, related stories, an ad or a cookie
notice. A page whose furniture would hold nearly all its text (a site that wraps its
article in an "aside") is read whole.
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
# Elements that are page furniture wherever they are, and the words that make any element furniture.
FURNITURE_TAGS = frozenset("nav aside footer form button menu dialog".split())
_FURNITURE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|redes|compartir|newsletter|suscri\w*|subscri\w*|related|relacionad\w*|"
    r"recomend\w*|te-puede\w*|lee-tambien|read-more|publicidad|advert\w*|ads?|ad-\w+|adslot|banner|sponsor\w*|"
    r"patrocin\w*|cookies?|consent|gdpr|promo|breadcrumbs?|comments?|comentarios|sidebar|menu|navbar|nav|"
    r"navigation|footer|tags|etiquetas|outbrain|taboola)(?:$|[\s_-])", re.I)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_MOSTLY_FURNITURE = 0.8  # above this share of the text, the page's "furniture" is its article: read it whole
_SPACE_RE = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")


def _is_furniture(tag: str, attrs) -> bool:
    if tag in FURNITURE_TAGS:
        return True
    values = dict(attrs)
    names = " ".join(str(values.get(k) or "") for k in ("class", "id", "role"))
    return values.get("role") in ("navigation", "complementary", "banner", "contentinfo") or bool(
        _FURNITURE_NAMES.search(names))


def _is_hidden(attrs) -> bool:
    values = dict(attrs)
    style = (values.get("style") or "").replace(" ", "").lower()
    return "hidden" in values or values.get("aria-hidden") == "true" or "display:none" in style


class _TextParser(HTMLParser):
    def __init__(self, furniture: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.dropped: list[str] = []  # the furniture's paragraphs
        self._current: list[str] = []
        self._aside: list[str] = []  # the furniture's text of the current paragraph
        self._hidden = 0
        self._pre = 0
        self._furniture = furniture
        self._skip: tuple[str, int, bool] | None = None  # (tag, depth, noted) of an element left out

    # -- structure

    def _enter(self, tag: str, attrs) -> None:
        """Start leaving out an element: furniture (noted) or hidden by its attributes (not)."""
        if self._skip is not None:
            if tag == self._skip[0]:
                self._skip = (tag, self._skip[1] + 1, self._skip[2])
        elif tag not in _VOID and _is_hidden(attrs):
            self._skip = (tag, 1, False)
        elif tag not in _VOID and self._furniture and _is_furniture(tag, attrs):
            self._break()
            self._skip = (tag, 1, True)

    def _leave(self, tag: str) -> None:
        if self._skip is not None and tag == self._skip[0]:
            depth = self._skip[1] - 1
            noted = self._skip[2]
            self._skip = (tag, depth, noted) if depth else None
            if not depth and noted:
                self._break()

    def handle_starttag(self, tag: str, attrs) -> None:
        self._enter(tag, attrs)
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
        self._leave(tag)
        if tag in HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in BLOCK_TAGS:
            if tag == "pre":
                self._pre = max(0, self._pre - 1)
            self._break()

    def handle_data(self, data: str) -> None:
        if self._hidden or (self._skip is not None and not self._skip[2]):
            return
        if self._skip is not None:
            self._aside.append(data)
        elif self._pre:
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
        aside = _SPACE_RE.sub(" ", "".join(self._aside)).strip()
        if aside:
            self.dropped.append(aside)
        self._current, self._aside = [], []

    def close(self) -> None:
        super().close()
        self._break()


def read_html(html: str) -> tuple[str, tuple[str, ...]]:
    """``(text, furniture)``: the visible text of an HTML page without its furniture, one
    paragraph per line, blank lines between; and the furniture's paragraphs, in order."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    kept, dropped = sum(map(len, parser.paragraphs)), sum(map(len, parser.dropped))
    if dropped > _MOSTLY_FURNITURE * (kept + dropped):
        parser = _TextParser(furniture=False)
        parser.feed(html)
        parser.close()
    return "\n\n".join(parser.paragraphs), tuple(parser.dropped)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page without its furniture (see `read_html`)."""
    return read_html(html)[0]


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
