"""Short plain texts taken from a page: for meta descriptions and share cards."""

from __future__ import annotations

import re
from html.parser import HTMLParser

DESCRIPTION_LIMIT = 200
_PIECE = 4096


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters, with '…'."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + "…"


def first_paragraph(html: str) -> str:
    """The text of the first <p> that is not a notice (role="note"), or ''."""
    parser = _FirstParagraph()
    # In pieces, stopping at the paragraph: a catalogue page's body is long.
    for start in range(0, len(html), _PIECE):
        parser.feed(html[start : start + _PIECE])
        if parser.done:
            break
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.text)).strip()


class _FirstParagraph(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.depth = 0  # inside the chosen <p>
        self.done = False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "p":
            if self.depth:
                self.depth += 1
            elif dict(attrs).get("role") != "note":
                self.depth = 1

    def handle_endtag(self, tag):
        if tag == "p" and self.depth:
            self.depth -= 1
            if not self.depth and "".join(self.text).strip():
                self.done = True
            elif not self.depth:
                self.text = []

    def handle_data(self, data):
        if self.depth and not self.done:
            self.text.append(data)
