"""The clinical guidance every card cites, served to the clinicians who open the card's link.

    GET /guidance      the guidance as an HTML page (no scripts, no external resources)
    GET /guidance.md   the same document as Markdown

The document is ``docs/guidance.md`` in the repository. A wheel carries it as package data
(``cds_service/web/guidance.md``, copied there by the build, see ``setup.py``); an editable
install reads the repository file. It is rendered once at start-up with markdown-it-py:
raw HTML in the Markdown is escaped, not passed through; links to files of the repository
(which a browser could not open from the service) are shown as plain text; headings get
GitHub-style ids so ``#references`` works on the page as in the repository.

Public on purpose: the page holds no patient data, and an EHR opens card links in a browser
without the service's JWT. Cards link here with an absolute URL under ``CDS_PUBLIC_BASE_URL``
(:func:`guidance_url`); without that setting they carry no link to it.
"""

from __future__ import annotations

import html
import importlib.resources
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import Blueprint, Flask, Response
from markdown_it import MarkdownIt
from markdown_it.token import Token

from cds_service.config import PROJECT_ROOT
from cds_service.errors import GuidanceMissing

GUIDANCE_PATH = "/guidance"
PACKAGE_RESOURCE = "guidance.md"  # inside cds_service.web, in a built wheel
REPOSITORY_FILE = PROJECT_ROOT / "docs" / "guidance.md"
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
_STYLE = """
body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2733;
max-width:46rem;margin:2rem auto;padding:0 1.2rem}
h1{font-size:1.7rem;line-height:1.25}h2{margin-top:2.2rem;border-bottom:1px solid #d5dbe2}
h3{margin-top:1.6rem}table{border-collapse:collapse;margin:1rem 0;font-size:.93rem}
th,td{border:1px solid #c9d1da;padding:.35rem .55rem;vertical-align:top;text-align:left}
th{background:#eef2f6}code{background:#eef2f6;padding:0 .25rem;border-radius:3px}
a{color:#0b5cad}
"""
_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Guidance:
    title: str
    markdown: str
    html: str


def read_markdown() -> str:
    """The guidance document: the wheel's package data, else the repository's docs/."""
    packaged = importlib.resources.files("cds_service.web").joinpath(PACKAGE_RESOURCE)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    if Path(REPOSITORY_FILE).is_file():
        return Path(REPOSITORY_FILE).read_text(encoding="utf-8")
    raise GuidanceMissing(
        f"guidance document not found: neither package data cds_service/web/{PACKAGE_RESOURCE}"
        f" nor {REPOSITORY_FILE}; reinstall the package"
    )


def slug(text: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    return _SLUG_DROP.sub("", text.strip().lower()).replace(" ", "-")


def _is_external(href: str) -> bool:
    return href.startswith(("https://", "http://", "#"))


def _rewrite(tokens: list[Token]) -> None:
    """Heading ids; links to repository files become plain text (unreachable from here)."""
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and i + 1 < len(tokens):
            tok.attrSet("id", slug(tokens[i + 1].content))
        if tok.type != "inline" or not tok.children:
            continue
        dropped: list[bool] = []
        kept: list[Token] = []
        for child in tok.children:
            if child.type == "link_open":
                drop = not _is_external(str(child.attrGet("href") or ""))
                dropped.append(drop)
                if drop:
                    continue
            elif child.type == "link_close" and dropped and dropped.pop():
                continue
            kept.append(child)
        tok.children = kept


def render(markdown: str) -> Guidance:
    """Render the document once: escaped raw HTML, heading ids, no repository links."""
    md = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})
    tokens = md.parse(markdown)
    _rewrite(tokens)
    title = next((tokens[i + 1].content for i, t in enumerate(tokens)
                  if t.type == "heading_open" and t.tag == "h1"), "Clinical guidance")
    body = md.renderer.render(tokens, md.options, {})
    page = (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>\n{body}</main></body></html>\n"
    )
    return Guidance(title=title, markdown=markdown, html=page)


def guidance_url(public_base_url: str) -> str | None:
    """The absolute URL of the guidance page, as cards link to it: under
    ``CDS_PUBLIC_BASE_URL``, never under the Host a call came in on (the caller's to choose);
    None without it (the cards then carry no link to it)."""
    return public_base_url.rstrip("/") + GUIDANCE_PATH if public_base_url else None


bp = Blueprint("guidance", __name__)


def _page(body: str, mimetype: str) -> Response:
    resp = Response(body, mimetype=mimetype)
    resp.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Cache-Control"] = "public, max-age=3600"
    return resp


@bp.get(GUIDANCE_PATH)
def page() -> Response:
    return _page(rendered().html, "text/html")


@bp.get(GUIDANCE_PATH + ".md")
def markdown_source() -> Response:
    return _page(rendered().markdown, "text/markdown")


@cache
def rendered() -> Guidance:
    return render(read_markdown())


def init_app(app: Flask) -> None:
    """Read and render the guidance at start-up (a missing document stops the start)."""
    rendered()
    app.register_blueprint(bp)
