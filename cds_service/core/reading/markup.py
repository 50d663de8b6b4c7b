"""HTML/XHTML and attachment text of reports (``presentedForm``, ``text.div``)."""

from __future__ import annotations

import binascii
import re
from collections.abc import Mapping
from html import unescape
from typing import Any

_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5",
                     "h6", "table", "ul", "ol", "section", "article", "pre", "blockquote", "dt",
                     "dd", "hr", "title"})
_RAW_TEXT = frozenset({"script", "style"})  # content is not markup; skipped to its end tag
_SKIPPED = frozenset({"head"})  # markup whose text is not report text
_MARKUP_START = re.compile(r"<[A-Za-z/!?]")
_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")
_TAG_STOP = re.compile(r"[>\"']")


def _tag_end(text: str, i: int, unclosed: set[str]) -> int:
    """Index of the ``>`` closing the tag at ``i`` (quoted ``>`` skipped), or -1.

    A quote with no partner anywhere after it is recorded in ``unclosed`` and treated as a
    plain character from then on, so no part of the text is scanned twice for it.
    """
    k = i + 1
    while True:
        m = _TAG_STOP.search(text, k)
        if m is None:
            return -1
        ch = m.group()
        if ch == ">":
            return m.start()
        if ch in unclosed:
            k = m.end()
            continue
        close = text.find(ch, m.end())
        if close < 0:
            unclosed.add(ch)
            k = m.end()
            continue
        k = close + 1


def html_to_text(markup: str) -> str:
    """Strip HTML or XHTML to plain text with block elements on their own lines.

    One pass, linear in the input whatever it holds (``html.parser`` was quadratic on runs of
    unclosed tag starts: 20 KB of ``<a `` took 7 s): every position is looked at a bounded
    number of times. Comments, declarations and processing instructions are dropped; the
    text of ``script``, ``style`` and ``head`` is skipped; character references are decoded;
    an unclosed ``<`` at the end stays text, as ``html.parser`` leaves it.
    """
    parts: list[str] = []
    lowered: str | None = None
    unclosed: set[str] = set()
    skip = 0
    pos = 0
    n = len(markup)
    while pos < n:
        m = _MARKUP_START.search(markup, pos)
        if m is None:
            if not skip:
                parts.append(unescape(markup[pos:]))
            break
        i = m.start()
        if i > pos and not skip:
            parts.append(unescape(markup[pos:i]))
        if markup.startswith("<!--", i):
            close = markup.find("-->", i + 4)
            if close < 0:
                if not skip:
                    parts.append(markup[i:])
                break
            pos = close + 3
            continue
        end = _tag_end(markup, i, unclosed)
        if end < 0:  # no tag end anywhere after: the rest is text
            if not skip:
                parts.append(unescape(markup[i:]))
            break
        pos = end + 1
        name_m = _NAME.match(markup, i)
        if name_m is None:  # <!DOCTYPE …>, <![CDATA[…]]>, <?xml …?>
            continue
        name = name_m.group(1).lower()
        closing = markup[i + 1] == "/"
        if name in _RAW_TEXT and not closing and markup[end - 1] != "/":
            if lowered is None:
                lowered = markup.lower()
            close = lowered.find("</" + name, pos)
            if close < 0:
                break
            pos = close
        elif name in _SKIPPED:
            skip = max(0, skip - 1) if closing else skip + 1
        elif name in _BLOCKS:
            parts.append("\n")
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def attachment_text(att: Mapping[str, Any]) -> str | None:
    """Decode a presentedForm attachment to text; None for PDF, binary or URL-only forms."""
    data = att.get("data")
    if not isinstance(data, str) or not data:
        return None
    try:
        raw = binascii.a2b_base64(data)  # what base64.b64decode(validate=False) calls
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

