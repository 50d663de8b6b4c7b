"""The clinical guidance: written in the repository, served at /guidance (also from a wheel),
rendered safely, named and linked by every card; every relative link in the docs resolves."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml
from markdown_it import MarkdownIt

from cds_service.web.guidance import render, slug
from tests.conftest import ROOT, SELECT_ID, SIGN_ID, hook_body
from tests.support.cds_auth import make_app
from tests.support.live_service import serving_config

GUIDANCE = ROOT / "docs" / "guidance.md"
SEED = ROOT.parent / "shared" / "seeds" / "000_e9ec670990f8a3df.txt"  # beside the repository
TITLE = "Calcification on MRI: when to obtain CT"
DOCUMENTS = [ROOT / "README.md", ROOT / "cards" / "README.md", ROOT / "benchmarks" / "README.md",
             *sorted((ROOT / "docs").glob("*.md"))]


def test_guidance_page_is_served_as_html_with_its_title(client: Any) -> None:
    resp = client.get("/guidance")
    assert resp.status_code == 200
    assert resp.mimetype == "text/html"
    page = resp.get_data(as_text=True)
    assert f"<title>{TITLE}</title>" in page
    for heading in ("Why MRI falls short", "What CT shows that MRI does not", "References"):
        assert f'id="{slug(heading)}">{heading}</h2>' in page
    assert 'href="#references"' in page
    csp = resp.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert "<script" not in page and "http" not in page.split("<main>")[0]  # nothing external
    md = client.get("/guidance.md")
    assert md.status_code == 200 and md.mimetype == "text/markdown"
    assert md.get_data(as_text=True) == GUIDANCE.read_text()


def test_repository_links_show_as_text_on_the_served_page(client: Any) -> None:
    page = client.get("/guidance").get_data(as_text=True)
    assert "cards/README.md" in GUIDANCE.read_text()
    assert "README.md\"" not in page and "href=\"../" not in page
    assert "cards/README.md" in page  # the label is kept


def test_rendering_escapes_html_and_refuses_script_links() -> None:
    hostile = ("# T <img src=x onerror=alert(1)>\n\n<script>alert(1)</script>\n\n"
               "[click](javascript:alert(1)) [ok](https://example.org/a) [file](../x.md)\n")
    page = render(hostile).html
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page
    assert 'href="javascript:' not in page
    assert 'href="https://example.org/a"' in page
    assert 'href="../x.md"' not in page and "file" in page
    assert render(hostile).title == "T <img src=x onerror=alert(1)>"
    assert "<title>T &lt;img src=x onerror=alert(1)&gt;</title>" in page


def test_cards_name_the_guidance_by_its_title() -> None:
    source = yaml.safe_load((ROOT / "cards" / "_source.yaml").read_text())
    first_line = GUIDANCE.read_text().splitlines()[0]
    assert first_line == f"# {TITLE}"
    assert source["guidance_title"] == TITLE


def test_references_are_numbered_as_the_source_numbers_them() -> None:
    text = GUIDANCE.read_text()
    body, _, references = text.partition("## References")
    cited = {int(n) for group in re.findall(r"\[(\d+(?:, \d+)*)\]", body)
             for n in group.split(", ")}
    listed = {int(n) for n in re.findall(r"^\| (\d+) \|", references, re.MULTILINE)}
    assert cited == listed == set(range(1, 8))
    if SEED.exists():
        assert cited == {int(n) for n in re.findall(r"\b([1-7])\b(?=[,\s]*$)",
                                                     SEED.read_text(), re.MULTILINE)}


@pytest.mark.skipif(not SEED.exists(), reason=f"needs the clinical source at {SEED}, the "
                    "team's shared folder (not in the repository): nothing to do on a clone")
def test_guidance_is_in_our_own_words() -> None:
    def words(text: str) -> list[str]:
        return re.findall(r"[a-z]+", text.lower())

    src, doc = words(SEED.read_text()), words(GUIDANCE.read_text())
    n = 9  # no run of 9 words (numbers ignored) copied from the source
    shared = ({tuple(src[i:i + n]) for i in range(len(src) - n)}
              & {tuple(doc[i:i + n]) for i in range(len(doc) - n)})
    assert not shared, [" ".join(s) for s in shared]


@pytest.mark.parametrize("service", [SELECT_ID, SIGN_ID])
def test_every_card_links_the_guidance_and_the_link_opens(tmp_path: Path, service: str) -> None:
    hook = "order-select" if service == SELECT_ID else "order-sign"
    with serving_config({"allow_unauthenticated": True, "log_level": "ERROR",
                         "database_url": f"sqlite:///{tmp_path / 'g.db'}"}) as base:
        cards = requests.post(f"{base}/cds-services/{service}", timeout=10,
                              json=hook_body("sign-biopsy-and-contrast-ct-one-card.json",
                                             hook=hook)).json()["cards"]
        assert cards
        for card in cards:
            assert card["source"]["url"] == f"{base}/guidance"
            assert card["source"]["label"]
            assert {"label": TITLE, "url": f"{base}/guidance", "type": "absolute"} in \
                card["links"]
            assert f"Source: {TITLE}" in card["detail"]
        page = requests.get(cards[0]["source"]["url"], timeout=10)
        assert page.status_code == 200 and f"<title>{TITLE}</title>" in page.text


def test_cards_link_the_public_url_behind_a_proxy(tmp_path: Path) -> None:
    app = make_app({"allow_unauthenticated": True, "log_level": "ERROR",
                    "public_base_url": "https://cds.example.org/",
                    "database_url": f"sqlite:///{tmp_path / 'g.db'}"})
    cards = app.test_client().post(f"/cds-services/{SELECT_ID}",
                                   json=hook_body("positive-biopsy-thigh-mass.json")).get_json()
    assert cards["cards"][0]["source"]["url"] == "https://cds.example.org/guidance"


def test_the_host_header_never_sets_a_link_and_without_a_public_url_there_is_none(
        tmp_path: Path) -> None:
    """Issue 19 item 11: a caller's Host header once became the cards' ``source.url``. The
    guidance URL comes only from CDS_PUBLIC_BASE_URL; without it the cards link nothing."""
    body = hook_body("positive-biopsy-thigh-mass.json")
    for public, expected in (("", None), ("https://cds.example.org", "https://cds.example.org")):
        app = make_app({"allow_unauthenticated": True, "log_level": "ERROR",
                        "public_base_url": public,
                        "database_url": f"sqlite:///{tmp_path / 'h.db'}"})
        cards = app.test_client().post(f"/cds-services/{SELECT_ID}", json=body,
                                       headers={"Host": "evil.example"}).get_json()["cards"]
        assert cards
        for card in cards:
            assert "evil.example" not in json.dumps(card)
            assert card["source"].get("url") == (expected and f"{expected}/guidance")
            guidance_links = [link for link in card.get("links", []) if link["label"] == TITLE]
            assert guidance_links == ([{"label": TITLE, "url": f"{expected}/guidance",
                                        "type": "absolute"}] if expected else [])
            assert f"Source: {TITLE}" in card["detail"]


def test_a_wheel_serves_the_guidance_without_the_repository(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--disable-pip-version-check", str(ROOT), "-w", str(tmp_path / "dist")],
                   check=True, capture_output=True, timeout=240)
    [wheel] = (tmp_path / "dist").glob("cds_service-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read("cds_service/web/guidance.md").decode() == GUIDANCE.read_text()
        zf.extractall(tmp_path / "site")
    probe = (
        "import cds_service, json\n"
        "from cds_service import create_app\n"
        "app = create_app({'allow_unauthenticated': True, 'log_level': 'ERROR',\n"
        f"                  'database_url': 'sqlite:///{tmp_path / 'w.db'}',\n"
        f"                  'cards_dir': {str(ROOT / 'cards')!r}}})\n"
        "page = app.test_client().get('/guidance').get_data(as_text=True)\n"
        "print(json.dumps({'file': cds_service.__file__, 'page': page}))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, check=True,
                         capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["file"].startswith(str(tmp_path / "site"))
    assert f"<title>{TITLE}</title>" in result["page"]


# -- links in the repository's documents ---------------------------------------------------

def _links(path: Path) -> list[str]:
    md = MarkdownIt("commonmark")
    hrefs: list[str] = []

    def walk(tokens: Any) -> None:
        for tok in tokens:
            if tok.type == "link_open":
                hrefs.append(str(tok.attrGet("href")))
            elif tok.type == "image":
                hrefs.append(str(tok.attrGet("src")))
            if tok.children:
                walk(tok.children)

    walk(md.parse(path.read_text()))
    return hrefs


def _anchors(path: Path) -> set[str]:
    tokens = MarkdownIt("commonmark").enable("table").parse(path.read_text())
    return {slug(tokens[i + 1].content) for i, t in enumerate(tokens)
            if t.type == "heading_open"}


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves_inside_the_repository(doc: Path) -> None:
    broken = []
    for href in _links(doc):
        if re.match(r"^[a-z][a-z0-9+.-]*:", href):  # https:, mailto: …
            continue
        target, _, fragment = href.partition("#")
        path = (doc.parent / target).resolve() if target else doc
        missing = not path.is_relative_to(ROOT) or not path.exists()
        if missing or (fragment and path.suffix == ".md" and fragment not in _anchors(path)):
            broken.append(href)
    assert not broken, f"{doc.relative_to(ROOT)}: {broken}"
