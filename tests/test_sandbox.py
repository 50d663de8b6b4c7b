"""The browser sandbox (/sandbox): routes, bundle listing, traversal guard, hook-request
conversion, public CDS Hooks Sandbox request shape, and the page in a real headless Chromium.

The browser test needs Debian's Chromium at /usr/bin/chromium (scripts/ensure-services
installs it) and the ``playwright`` Python package (no ``playwright install``: the browser is
Debian's). Set ``CDS_UPDATE_SCREENSHOT=1`` to also refresh docs/sandbox.png for the README.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from cds_service import create_app
from cds_service.hooks.bundle import hook_request_from_bundle
from tests.conftest import BUNDLES, ROOT, SELECT_ID, SIGN_ID, listing_app, load_bundle
from tests.support.fhir_server import FhirTestServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
POSITIVE = "positive-biopsy-thigh-mass.json"
NEGATIVE = "negated-report-biopsy.json"
HOSTILE_MARKDOWN = "\n".join([
    '<img src=x onerror="alert(1)"> **bold** and *it*',
    "<script>alert(2)</script> [guide](https://example.org/guide) "
    "[bad](javascript:alert(3)) [data](data:text/html,x) <javascript:alert(4)>",
    "",
    r"> quoted 1\*2\*3 \[x\]",
    "",
    "- one",
    "- two **b**",
    "",
    '<a href="javascript:alert(5)">x</a> <style>body{}</style>',
])
SANDBOX_ROUTES = [
    ("GET", "/sandbox"),
    ("GET", "/sandbox/static/app.js"),
    ("GET", "/sandbox/static/sandbox.css"),
    ("GET", "/sandbox/bundles"),
    ("GET", f"/sandbox/bundles/{POSITIVE}"),
    ("POST", "/sandbox/hook-request"),
]


@pytest.fixture
def sandbox_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "sandbox": True}


class _WholeResponses(FlaskClient):
    """A test client that reads each answer whole and closes it, as a WSGI server does (the
    page and its assets are files: an answer left open leaves its file open)."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


def _sandbox_app(config: dict[str, Any]):
    app = create_app(config)
    app.test_client_class = _WholeResponses
    return app


@pytest.fixture
def sandbox_client(sandbox_config: dict[str, Any]):
    return _sandbox_app(sandbox_config).test_client()


def _outcome_text(resp) -> str:
    body = resp.get_json()
    assert body["resourceType"] == "OperationOutcome"
    return body["issue"][0]["diagnostics"]


# ---------------------------------------------------------------- routes on and off


@pytest.mark.parametrize(("method", "path"), SANDBOX_ROUTES)
def test_routes_do_not_exist_when_sandbox_is_off(app_config, method, path):
    client = create_app({**app_config, "sandbox": False}).test_client()
    resp = client.open(path, method=method, json={"bundle": load_bundle(POSITIVE)})
    assert resp.status_code == 404


@pytest.mark.parametrize(("method", "path"), SANDBOX_ROUTES)
def test_routes_exist_when_sandbox_is_on(sandbox_client, method, path):
    resp = sandbox_client.open(path, method=method, json={"bundle": load_bundle(POSITIVE)})
    assert resp.status_code == 200


def test_sandbox_setting_is_read_from_environment(monkeypatch, app_config):
    monkeypatch.setenv("CDS_SANDBOX", "1")
    assert _sandbox_app(app_config).test_client().get("/sandbox").status_code == 200
    monkeypatch.setenv("CDS_SANDBOX", "0")
    assert create_app(app_config).test_client().get("/sandbox").status_code == 404


def test_page_is_self_contained_with_strict_csp(sandbox_client):
    resp = sandbox_client.get("/sandbox")
    assert resp.mimetype == "text/html"
    csp = resp.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    html = resp.get_data(as_text=True)
    # No inline script or style, no inline event handlers, every resource from this service.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html and not re.search(r"\son[a-z]+=", html)
    for url in re.findall(r'\b(?:src|href)="([^"]*)"', html):
        assert url.startswith(("/sandbox/", "#", "data:")), url
    for asset in ("app.js", "sandbox.css"):
        body = sandbox_client.get(f"/sandbox/static/{asset}").get_data(as_text=True)
        assert "Content-Security-Policy" in sandbox_client.get(
            f"/sandbox/static/{asset}").headers
        assert not re.search(r"(?:import|url\(|fetch\()\s*['\"]?https?://", body), asset
    js = sandbox_client.get("/sandbox/static/app.js").get_data(as_text=True)
    code = "\n".join(line for line in js.splitlines() if not line.strip().startswith("//"))
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code, sink


# ---------------------------------------------------------------- bundles


def test_bundle_list_names_titles_and_draft_orders(sandbox_client):
    resp = sandbox_client.get("/sandbox/bundles")
    assert resp.status_code == 200
    bundles = {b["name"]: b for b in resp.get_json()["bundles"]}
    assert set(bundles) == {p.name for p in BUNDLES.glob("*.json")}
    thigh = bundles[POSITIVE]
    assert thigh["title"] == "Positive biopsy thigh mass"
    order = next(e["resource"] for e in load_bundle(POSITIVE)["entry"]
                 if e["resource"]["resourceType"] == "ServiceRequest")
    assert thigh["draftOrders"] == [{"id": order["id"],
                                     "reference": f"ServiceRequest/{order['id']}",
                                     "display": order["code"]["text"]}]
    assert bundles["ct-report-calcification-no-mri.json"]["title"].startswith("CT report")
    assert all(b["draftOrders"] for b in bundles.values())


def test_bundle_list_reads_the_configured_directory(app_config, tmp_path):
    folder = tmp_path / "bundles"
    folder.mkdir()
    shutil.copy(BUNDLES / POSITIVE, folder / "my-scenario.json")
    (folder / "broken.json").write_text("{not json")
    (folder / "notes.txt").write_text("not a bundle")
    (folder / "observation.json").write_text(json.dumps({"resourceType": "Observation"}))
    client = create_app({**app_config, "sandbox": True,
                         "sample_bundles_dir": str(folder)}).test_client()
    bundles = client.get("/sandbox/bundles").get_json()["bundles"]
    assert [b["name"] for b in bundles] == ["my-scenario.json"]
    assert bundles[0]["title"] == "My scenario"
    assert client.get("/sandbox/bundles/my-scenario.json").get_json() == load_bundle(POSITIVE)
    assert client.get(f"/sandbox/bundles/{POSITIVE}").status_code == 404


def test_one_bundle_is_served_as_is(sandbox_client):
    resp = sandbox_client.get(f"/sandbox/bundles/{POSITIVE}")
    assert resp.status_code == 200
    assert resp.mimetype == "application/json"
    assert resp.get_json() == load_bundle(POSITIVE)


@pytest.mark.parametrize("name", [
    "../pyproject.toml",
    "..%2Fpyproject.toml",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e/cds_service/config.py",
    "..",
    ".hidden.json",
    "sub/dir.json",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "..\\secret.json",
    "x.json%00.txt",
    "secret.json/..",
])
def test_bundle_name_traversal_is_rejected(app_config, tmp_path, name):
    folder = tmp_path / "bundles"
    folder.mkdir()
    (tmp_path / "secret.json").write_text(json.dumps({"resourceType": "Bundle", "secret": 1}))
    client = create_app({**app_config, "sandbox": True,
                         "sample_bundles_dir": str(folder)}).test_client()
    resp = client.get(f"/sandbox/bundles/{name}", follow_redirects=True)
    assert resp.status_code in (400, 404)
    assert b"secret" not in resp.data
    assert _outcome_text(resp)


def test_symlink_out_of_the_bundles_directory_is_not_followed(app_config, tmp_path):
    folder = tmp_path / "bundles"
    folder.mkdir()
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"resourceType": "Bundle", "secret": 1}))
    (folder / "link.json").symlink_to(secret)
    client = create_app({**app_config, "sandbox": True,
                         "sample_bundles_dir": str(folder)}).test_client()
    resp = client.get("/sandbox/bundles/link.json")
    assert resp.status_code == 404
    assert b"secret" not in resp.data


# ---------------------------------------------------------------- hook-request conversion


def _without_instance(body: dict[str, Any]) -> dict[str, Any]:
    out = dict(body)
    uuid.UUID(out.pop("hookInstance"))
    return out


@pytest.mark.parametrize("hook", ["order-select", "order-sign"])
def test_hook_request_matches_bundle_request(sandbox_client, hook):
    bundle = load_bundle("sign-biopsy-and-contrast-ct-one-card.json")
    resp = sandbox_client.post("/sandbox/hook-request", json={"bundle": bundle, "hook": hook})
    assert resp.status_code == 200
    expected = hook_request_from_bundle(bundle, hook=hook)
    assert _without_instance(resp.get_json()) == _without_instance(expected)


def test_hook_request_keeps_selections(sandbox_client):
    bundle = load_bundle("sign-biopsy-and-contrast-ct-one-card.json")
    drafts = [e["resource"]["id"] for e in bundle["entry"]
              if e["resource"]["resourceType"] == "ServiceRequest"]
    assert len(drafts) >= 2
    chosen = [f"ServiceRequest/{drafts[1]}"]
    body = sandbox_client.post("/sandbox/hook-request", json={
        "bundle": bundle, "hook": "order-select", "selections": chosen}).get_json()
    assert body["context"]["selections"] == chosen
    assert len(body["context"]["draftOrders"]["entry"]) == len(drafts)
    signed = sandbox_client.post("/sandbox/hook-request", json={
        "bundle": bundle, "hook": "order-sign", "selections": chosen}).get_json()
    assert "selections" not in signed["context"]


def test_converted_request_gets_the_expected_cards(sandbox_client):
    expectations = json.loads((ROOT / "tests" / "sample_bundle_expectations.json").read_text())
    for name, hook, service in [(POSITIVE, "order-select", SELECT_ID),
                                (NEGATIVE, "order-sign", SIGN_ID)]:
        body = sandbox_client.post("/sandbox/hook-request", json={
            "bundle": load_bundle(name), "hook": hook}).get_json()
        resp = sandbox_client.post(f"/cds-services/{service}", json=body)
        assert resp.status_code == 200
        assert len(resp.get_json()["cards"]) == len(expectations[name][hook])


@pytest.mark.parametrize(("payload", "fragment"), [
    ({"bundle": {"resourceType": "Patient"}, "hook": "order-select"}, "not a FHIR Bundle"),
    ({"bundle": {"resourceType": "Bundle", "entry": [
        {"resource": {"resourceType": "Patient", "id": "p"}}]}}, "no draft ServiceRequest"),
    ({"bundle": None}, "not a FHIR Bundle"),
    ({"bundle": "x", "hook": "patient-view"}, "hook must be one of"),
    ({"bundle": {}, "selections": "ServiceRequest/x"}, "selections"),
    ({"bundle": {}, "selections": [1]}, "selections"),
    ([1, 2], "JSON object"),
])
def test_hook_request_bad_input_is_400_operation_outcome(sandbox_client, payload, fragment):
    resp = sandbox_client.post("/sandbox/hook-request", json=payload)
    assert resp.status_code == 400
    assert fragment in _outcome_text(resp)


def test_hook_request_selection_must_name_a_draft_order(sandbox_client):
    resp = sandbox_client.post("/sandbox/hook-request", json={
        "bundle": load_bundle(POSITIVE), "hook": "order-select",
        "selections": ["ServiceRequest/not-in-bundle"]})
    assert resp.status_code == 400
    assert "selections" in _outcome_text(resp)


def test_hook_request_non_json_is_400(sandbox_client):
    resp = sandbox_client.post("/sandbox/hook-request", data="{",
                               content_type="application/json")
    assert resp.status_code == 400
    assert _outcome_text(resp)


# ---------------------------------------------------------------- public CDS Hooks Sandbox shape


def test_public_sandbox_shaped_request_is_answered(app_config):
    """The shape cds-hooks/sandbox sends (PAMA screen): a draft Bundle without ``type``, a
    ServiceRequest coded by CPT only with a SNOMED reason, ``intent: plan``, an open FHIR
    server and no ``fhirAuthorization``, prefetch only for the keys it could fetch."""
    record = load_bundle(POSITIVE)["entry"]
    patient = next(e["resource"] for e in record if e["resource"]["resourceType"] == "Patient")
    reports = [e["resource"] for e in record
               if e["resource"]["resourceType"] == "DiagnosticReport"]
    body = {
        "hookInstance": str(uuid.uuid4()),
        "hook": "order-select",
        "context": {
            "patientId": patient["id"],
            "userId": "Practitioner/COREPRACTITIONER1",
            "selections": ["ServiceRequest/example-request-id"],
            "draftOrders": {"resourceType": "Bundle", "entry": [{"resource": {
                "resourceType": "ServiceRequest", "id": "example-request-id",
                "status": "draft", "intent": "plan",
                "code": {"coding": [{"system": "http://www.ama-assn.org/go/cpt",
                                     "code": "20206"}]},
                "subject": {"reference": f"Patient/{patient['id']}"},
                "reasonCode": [{"coding": [{"system": "http://snomed.info/sct",
                                            "code": "300848003"}]}],
            }}]},
        },
        "prefetch": {
            "patient": patient,
            "diagnosticReports": {"resourceType": "Bundle", "type": "searchset",
                                  "entry": [{"resource": r} for r in reports]},
        },
    }
    with FhirTestServer() as fhir:
        fhir.state.add(patient, *reports)
        body["fhirServer"] = fhir.url
        # Unauthenticated, the public Sandbox's origin gets CORS only when listed (never "*")
        client = listing_app(app_config, fhir.url,
                             cors_origins="https://sandbox.cds-hooks.org").test_client()
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body,
                           headers={"Origin": "https://sandbox.cds-hooks.org",
                                    "Accept": "application/json"})
        assert resp.status_code == 200, resp.get_json()
        fetched = [s for s in fhir.state.seen]
        assert [s.path.split("?")[0] for s in fetched] == ["/ImagingStudy"]
        assert all(s.authorization is None for s in fetched)
    assert resp.headers.get("Access-Control-Allow-Origin") == "https://sandbox.cds-hooks.org"
    cards = resp.get_json()["cards"]
    assert len(cards) == 1
    card = cards[0]
    assert card["indicator"] == "warning"
    assert card["selectionBehavior"] == "at-most-one"
    assert all(r.get("display") for r in card["overrideReasons"])
    created = card["suggestions"][0]["actions"][0]["resource"]
    assert created["code"]["coding"][0]["code"] == "73700"

    preflight = client.options(f"/cds-services/{SELECT_ID}", headers={
        "Origin": "https://sandbox.cds-hooks.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert preflight.status_code in (200, 204)
    allowed = preflight.headers.get("Access-Control-Allow-Headers", "").lower()
    assert "authorization" in allowed and "content-type" in allowed


# ---------------------------------------------------------------- the page in a real browser


@pytest.fixture
def live_server(sandbox_config: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    app = create_app(sandbox_config)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", app
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _expected_card(app: Any, name: str) -> dict[str, Any]:
    body = hook_request_from_bundle(load_bundle(name), hook="order-select")
    cards = app.test_client().post(f"/cds-services/{SELECT_ID}", json=body).get_json()["cards"]
    assert len(cards) == 1
    return cards[0]


def test_browser_runs_positive_and_negative_bundles(live_server, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium "
                    "(scripts/ensure-services installs it: apt-get install chromium)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: pip install -e '.[test]'")
    base, app = live_server
    expected = _expected_card(app, POSITIVE)
    recommended = next(s for s in expected["suggestions"] if s.get("isRecommended"))
    created = next(a["resource"] for a in recommended["actions"] if a["type"] == "create")
    ct_display = created["code"]["text"]
    ct_code = created["code"]["coding"][0]["code"]
    # issue 10 §7: the suggested CT carries the side of the mass in its display text
    assert (ct_display, ct_code) == ("CT lower extremity without contrast, left", "73700")

    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1360, "height": 1000})
            page.set_default_timeout(20_000)  # CI machines run the whole suite in parallel
            expect.set_options(timeout=20_000)
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: None if r.url.startswith(base)
                    else problems.append("external request: " + r.url))
            page.goto(f"{base}/sandbox")
            expect(page.get_by_label("Sample bundle")).to_contain_text("Positive biopsy thigh mass")

            # Positive scenario: a warning card with its summary and the recommended suggestion.
            page.get_by_label("Sample bundle").select_option(POSITIVE)
            expect(page.get_by_label(re.compile("US-guided core needle biopsy"))).to_be_checked()
            page.get_by_label("Hook").select_option("order-select")
            page.get_by_role("button", name="Run", exact=True).click()
            card = page.locator("article.card")
            expect(card).to_have_count(1)
            expect(card).to_have_class(re.compile(r"\bcard--warning\b"))
            expect(card.locator(".indicator")).to_have_text("Warning")
            expect(card.get_by_role("heading", name=expected["summary"])).to_be_visible()
            expect(card.locator(".card-detail strong").first).to_be_visible()
            expect(card.locator(".card-detail blockquote")).to_have_count(1)
            label = re.compile(re.escape(recommended["label"]))
            suggestion = card.get_by_role("button", name=label)
            expect(suggestion).to_be_visible()
            expect(suggestion).to_contain_text("Recommended")
            expect(page.locator("#status")).to_contain_text("1 card")
            page.screenshot(path=str(tmp_path / "sandbox-card.png"), full_page=True)

            # Accept: the resulting draft order is shown and feedback is sent.
            suggestion.click()
            outcome = card.locator(".card-outcome")
            expect(outcome).to_contain_text(f"{ct_display} ({ct_code})")
            expect(outcome.locator("li.draft--new")).to_contain_text(ct_display)
            expect(outcome).to_contain_text("Feedback sent (accepted): HTTP 200")
            expect(outcome).to_contain_text("stored 1")
            expect(suggestion).to_be_disabled()
            screenshot = tmp_path / "sandbox.png"
            page.screenshot(path=str(screenshot), full_page=True)
            if os.environ.get("CDS_UPDATE_SCREENSHOT") == "1":
                shutil.copy(screenshot, ROOT / "docs" / "sandbox.png")

            # Override on a fresh run: reason + comment, feedback "overridden".
            page.get_by_role("button", name="Run", exact=True).click()
            card = page.locator("article.card")
            expect(card.locator(".card-outcome")).to_be_empty()
            expect(card.get_by_role("button", name=label)).to_be_enabled()
            card.locator("summary", has_text="Override this card").click()
            reason = expected["overrideReasons"][0]["display"]
            card.get_by_label("Reason").select_option(label=reason)
            card.get_by_label("Comment (optional)").fill("CT done at another hospital last week")
            card.get_by_role("button", name="Override").click()
            expect(card.locator(".card-outcome")).to_contain_text(
                "Feedback sent (overridden): HTTP 200")

            # Negative scenario, run from the keyboard: no cards.
            page.get_by_label("Sample bundle").select_option(NEGATIVE)
            expect(page.get_by_label(re.compile("biopsy", re.I)).first).to_be_checked()
            page.get_by_role("button", name="Run", exact=True).focus()
            page.keyboard.press("Enter")
            expect(page.locator("#cards")).to_contain_text("No cards — the service stays silent")
            expect(page.locator("article.card")).to_have_count(0)
            expect(page.locator("#status")).to_contain_text("No cards")
            page.screenshot(path=str(tmp_path / "sandbox-no-cards.png"), full_page=True)

            # Upload a bundle file and run order-sign (selections do not apply to it).
            page.get_by_label("Or upload a bundle file").set_input_files(
                str(BUNDLES / "positive-contrast-ct-abdomen.json"))
            expect(page.locator("#draft-orders input[type=checkbox]")).to_have_count(1)
            page.get_by_label("Hook").select_option("order-sign")
            expect(page.locator("#draft-orders input[type=checkbox]")).to_be_disabled()
            page.get_by_role("button", name="Run", exact=True).click()
            expect(page.locator("#raw-request summary")).to_contain_text("first-sign")
            expect(page.locator("article.card")).to_have_count(1)
            expect(page.locator("article.card .suggestion--recommended")).to_have_count(1)
            page.get_by_label("Hook").select_option("order-select")

            # The markdown renderer never turns card text into markup.
            rendered = page.evaluate("""(md) => {
                const box = document.createElement("div");
                box.append(window.cdsSandbox.renderMarkdown(md));
                return {
                    html: box.innerHTML,
                    text: box.textContent,
                    tags: Array.from(box.querySelectorAll("*"), (n) => n.tagName.toLowerCase()),
                    hrefs: Array.from(box.querySelectorAll("a"), (a) => a.getAttribute("href")),
                    attrs: Array.from(box.querySelectorAll("*"),
                                      (n) => n.getAttributeNames()).flat(),
                };
            }""", HOSTILE_MARKDOWN)
            assert set(rendered["tags"]) <= {"p", "strong", "em", "blockquote", "ul", "ol", "li",
                                             "a", "code", "span"}, rendered["tags"]
            assert rendered["hrefs"] == ["https://example.org/guide"]
            assert set(rendered["attrs"]) <= {"href", "target", "rel", "class"}
            assert '<img src=x onerror="alert(1)">' in rendered["text"]
            assert "<strong>bold</strong>" in rendered["html"]
            assert "<em>it</em>" in rendered["html"]
            assert "<blockquote><p>quoted 1*2*3 [x]</p></blockquote>" in rendered["html"]
            assert "<ul><li>one</li><li>two <strong>b</strong></li></ul>" in rendered["html"]

            # A broken bundle shows the service's OperationOutcome diagnostics.
            page.get_by_label(re.compile("FHIR Bundle")).fill('{"resourceType": "Patient"}')
            page.get_by_role("button", name="Run", exact=True).click()
            expect(page.locator("#status")).to_contain_text("not a FHIR Bundle")
        finally:
            browser.close()
    assert (tmp_path / "sandbox.png").stat().st_size > 10_000
    # The 400s of the broken bundle are expected console noise; nothing else may fail
    # (a CSP violation, a script error or a request leaving the service would show here).
    assert all("status of 400" in p for p in problems), problems
