"""HTML/XHTML and attachment text of reports (``presentedForm``, ``text.div``)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any


class _TextOnly(HTMLParser):
    """Collect the text of HTML/XHTML, one line per block element, skipping scripts."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4",
                         "h5", "h6", "table", "ul", "ol", "section", "article", "pre",
                         "blockquote", "dt", "dd", "hr", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "head"}:
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "head"}:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Strip HTML or XHTML to plain text with block elements on their own lines."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def attachment_text(att: Mapping[str, Any]) -> str | None:
    """Decode a presentedForm attachment to text; None for PDF, binary or URL-only forms."""
    data = att.get("data")
    if not isinstance(data, str) or not data:
        return None
    try:
        raw = base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError):
        return None
    ctype = str(att.get("contentType") or "").split(";")[0].strip().lower()
    if ctype == "application/pdf" or raw.startswith(b"%PDF"):
        return None
    text = raw.decode("utf-8", errors="replace")
    looks_html = text.lstrip()[:1] == "<" and ">" in text
    if ctype in {"text/html", "application/xhtml+xml", "text/xml"} or (not ctype and looks_html):
        return html_to_text(text)
    if ctype in {"", "text/plain", "text/markdown"} or ctype.startswith("text/"):
        return text
    return None

