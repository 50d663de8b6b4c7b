"""Report and order text as a card shows it: cut to a bound, safe inside Markdown.

Pure functions of their text: a quote is one readable line that links nowhere (``md_quote``).
"""

from __future__ import annotations

import re
import unicodedata

# A quote is one readable sentence (a 1 MB report must not make a 3 MB card).
QUOTE_CHARS = 300
TAIL_ROOM = 24  # a sentence's last word or two kept past its bound (P11.104, P20.7)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|{}])")
_SPACE = re.compile(r"\s+")
_URL_SCHEME = re.compile(r"\b([A-Za-z][A-Za-z0-9+.\-]{0,19}):/{2}")
_WWW = re.compile(r"\b(www)\.", re.IGNORECASE)
# GitHub-flavoured Markdown also links e-mail addresses and mailto:/xmpp: (no "//")
_MAIL_SCHEME = re.compile(r"\b(mailto|xmpp):", re.IGNORECASE)
_EMAIL_AT = re.compile(r"(?<=[A-Za-z0-9._+-])@(?=[A-Za-z0-9_-])")
_INVISIBLE = {cp: (None if unicodedata.category(chr(cp)) == "Cf" else " ")
              for cp in (*range(0x20000), *range(0xE0000, 0xE1000))
              if unicodedata.category(chr(cp)) in ("Cf", "Cc")}


def md_quote(text: str) -> str:
    """Make report text safe inside markdown: one line, markdown syntax escaped.

    Format and control characters (bidi overrides, zero-width) are removed, so a quote shows
    what it says; bare URLs and what GitHub-flavoured Markdown links besides them are
    neutralised (``https[:]//``, ``www[.]``, ``mailto[:]``, ``xmpp[:]``, ``name[@]host``) so
    no quote becomes a link a clinician could follow.
    """
    text = _WWW.sub(r"\1[.]", text.translate(_INVISIBLE))
    text = _EMAIL_AT.sub("[@]", _MAIL_SCHEME.sub(r"\1[:]", _URL_SCHEME.sub(r"\1[:]//", text)))
    return _MD_SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text).strip())


_DANGLING = frozenset({"not", "no", "nor", "without", "versus", "vs", "vs."})  # want an object
_CLAUSE = re.compile(r"[,;:] ")


def cut(text: str, limit: int, room: int = 0) -> str:
    """``text`` cut to at most ``limit`` characters, at a space when one is near, with "…".
    A tail of one or two words within ``room`` more characters is kept; a cut never ends on a
    "not" (or "no", "without" ...) without its object: it ends at the clause before (P11.104)."""
    text = " ".join(text.split()) if len(text) <= 4 * limit else " ".join(text[:4 * limit].split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ", limit // 2)
    if len(text) <= limit + room and len(text[space + 1 if space > 0 else limit:].split()) <= 2:
        return text
    head = head[:space] if space > 0 else head
    if head.rsplit(" ", 1)[-1].lower() in _DANGLING:
        clauses = [m.start() for m in _CLAUSE.finditer(head, limit // 2)]
        head = head[:clauses[-1]] if clauses else head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:") + "…"


def _tail_start(flat: str, at: int) -> int:
    """Where a quote's tail starts: a few words before ``at`` ("punctate low-signal foci
    consistent with"), never after a "not" without its object (P11.104)."""
    start = flat.rfind(" ", 0, max(1, at - 60)) + 1
    while start and flat[:start].split()[-1].lower() in _DANGLING:  # "not" keeps its object
        start = flat.rfind(" ", 0, start - 1) + 1  # in the tail, never before the "…"
    return start


def quote(text: str, term: str = "", mineral: str = "") -> str:
    """A report sentence as a card quotes it: cut to ``QUOTE_CHARS``, then ``md_quote``.
    Where that plain cut would lose ``term`` (the statement's word) or ``mineral`` (the calcium
    word a sign is read beside), its head, "…", and the words from a few before the term on, or
    before the mineral where the term's tail would not reach it (P11.91, P11.105); a sentence
    whose words the plain cut keeps is quoted by it. The head never ends on a "not" (P11.104)."""
    flat = " ".join(text[:4 * QUOTE_CHARS].split())
    low = flat.lower()
    at = low.find(term.lower()) if term else -1
    near = max(low.find(mineral.lower(), at), low.find(mineral.lower())) if mineral else -1
    plain = cut(text, QUOTE_CHARS, TAIL_ROOM)
    kept = len(plain.removesuffix("…"))
    if len(flat) <= QUOTE_CHARS or at < 0 or max(at + len(term), near + len(mineral)) <= kept:
        return md_quote(plain)
    start = _tail_start(flat, at)
    if near + len(mineral) > start + QUOTE_CHARS // 2 - 1:  # past the tail's own cut
        start = _tail_start(flat, near)
    head = cut(flat[:start], QUOTE_CHARS // 2).removesuffix("…")
    return md_quote(f"{head} … {cut(flat[start:], QUOTE_CHARS // 2, TAIL_ROOM)}")
