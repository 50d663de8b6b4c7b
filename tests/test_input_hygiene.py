"""Input hygiene (issue 12 §6, request side): identifiers checked for what they are, query
values encoded, and resources nested too deep skipped and counted, never a 500."""

from __future__ import annotations

import copy
import json
import logging
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from cds_service.errors import BadRequest
from cds_service.fhir.context import fill_template
from cds_service.hooks.limits import MAX_RESOURCE_DEPTH, within_depth
from cds_service.hooks.request import parse_hook_request
from cds_service.web.state import state
from tests.conftest import SELECT_ID, SIGN_ID, hook_body, listing_app, load_bundle
from tests.support.fhir_server import FhirTestServer

BUNDLE = "positive-biopsy-thigh-mass.json"


def _post(client, body: Any, service: str = SELECT_ID):
    # json, not orjson: the bodies here may be nested deeper than orjson writes
    return client.post(f"/cds-services/{service}", data=json.dumps(body),
                       content_type="application/json")


def _outcome_code(resp) -> str:
    body = resp.get_json()
    assert body["resourceType"] == "OperationOutcome"
    return body["issue"][0]["details"]["coding"][0]["code"]


def _fetching(fhir_url: str, patient_id: str | None = None) -> dict[str, Any]:
    body = hook_body(BUNDLE)
    body.pop("prefetch")
    body["fhirServer"] = fhir_url
    body["fhirAuthorization"] = {"access_token": "t", "token_type": "Bearer"}
    if patient_id is not None:
        body["context"]["patientId"] = patient_id
    return body


def _record_on(fhir: FhirTestServer, patient_id: str = "p-thigh") -> None:
    for entry in load_bundle(BUNDLE)["entry"]:
        res = copy.deepcopy(entry["resource"])
        if res["resourceType"] == "ServiceRequest":
            continue
        if res["resourceType"] == "Patient":
            res["id"] = patient_id
        elif "subject" in res:
            res["subject"] = {"reference": f"Patient/{patient_id}"}
        fhir.state.add(res)


# -- patientId ------------------------------------------------------------------------------


@pytest.mark.parametrize("patient_id", [
    "p1,p2", "p1&subject=p2", "Patient/p1", "../Observation", "p1 ", "p 1", "p1?x", "p1#x",
    "p1%2Cp2", "x" * 65, "pаtient",  # Cyrillic а
])
def test_patient_id_not_a_fhir_id_is_400_and_nothing_is_fetched(app_config, patient_id):
    with FhirTestServer() as fhir:
        _record_on(fhir)
        client = listing_app(app_config, fhir.url).test_client()
        resp = _post(client, _fetching(fhir.url, patient_id))
        seen = list(fhir.state.seen)
    assert resp.status_code == 400
    assert _outcome_code(resp) == "CDS-400-patientId"
    assert patient_id not in resp.get_data(as_text=True)  # the value is never echoed
    assert seen == []


@pytest.mark.parametrize("patient_id", ["p-thigh", "A.b-9", "x" * 64, "1"])
def test_fhir_ids_are_accepted_and_sent_as_one_value(app_config, patient_id):
    with FhirTestServer() as fhir:
        _record_on(fhir, patient_id)
        client = listing_app(app_config, fhir.url).test_client()
        resp = _post(client, _fetching(fhir.url, patient_id))
        paths = [s.path for s in fhir.state.seen]
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert resp.get_json()["cards"], "the record on the server has a calcified thigh mass"
    searches = [urlsplit(p) for p in paths if "?" in p]
    assert {s.path for s in searches} == {"/DiagnosticReport", "/ImagingStudy"}
    for s in searches:
        assert parse_qs(s.query)["patient"] == [patient_id]
    assert f"/Patient/{patient_id}" in paths


def test_every_token_value_is_percent_encoded():
    template = "Observation?patient={{context.patientId}}&performer={{context.userId}}"
    filled = fill_template(template, {"patientId": "p1,p2", "userId": "Practitioner/1&_id=x#y"})
    assert filled == ("Observation?patient=p1%2Cp2"
                      "&performer=Practitioner%2F1%26_id%3Dx%23y")
    query = parse_qs(urlsplit(filled).query)
    assert query == {"patient": ["p1,p2"], "performer": ["Practitioner/1&_id=x#y"]}
    assert fill_template("Patient/{{context.patientId}}", {"patientId": "../x"}) \
        == "Patient/..%2Fx"
    assert fill_template("Patient/{{context.patientId}}", {}) is None


# -- hookInstance ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "not-a-uuid", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\nforged log line",
    "d1577c69dfbe44adba6d3e05e953b2ea", "{d1577c69-dfbe-44ad-ba6d-3e05e953b2ea}",
    "d1577c69-dfbe-44ad-ba6d-3e05e953b2e", "<script>", "x" * 10_000,
])
def test_hook_instance_not_a_uuid_is_400(client, value):
    body = hook_body(BUNDLE)
    body["hookInstance"] = value
    resp = _post(client, body)
    assert resp.status_code == 400
    assert _outcome_code(resp) == "CDS-400-hookInstance"
    assert value not in resp.get_data(as_text=True)


@pytest.mark.parametrize("spelling", [
    "D1577C69-DFBE-44AD-BA6D-3E05E953B2EA", "urn:uuid:d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
    "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
])
def test_hook_instance_is_kept_canonical(spelling):
    body = hook_body(BUNDLE)
    body["hookInstance"] = spelling
    req = parse_hook_request(body, expected_hook="order-select")
    assert req.hook_instance == "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"


def test_hook_instance_logged_and_stored_canonical(client, app, caplog):
    body = hook_body(BUNDLE)
    body["hookInstance"] = "urn:uuid:D1577C69-DFBE-44AD-BA6D-3E05E953B2EA"
    with caplog.at_level(logging.INFO, logger="cds_service"):
        resp = _post(client, body)
    assert resp.status_code == 200
    logged = [r.hook_instance for r in caplog.records if hasattr(r, "hook_instance")]
    assert logged == ["d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"]
    store = state(app).store
    assert store.flush(10)
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT hook_instance FROM cds_hook_call").fetchall()
    assert [r[0] for r in rows] == ["d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"]


# -- nesting depth --------------------------------------------------------------------------


def _nested(depth: int) -> Any:
    """``depth`` containers deep, alternating objects and arrays."""
    value: Any = "x"
    for i in range(depth):
        value = [value] if i % 2 else {"v": value}
    return value


def test_depth_limit_is_exact():
    ok = {"resourceType": "Basic", "a": _nested(MAX_RESOURCE_DEPTH - 1)}
    deep = {"resourceType": "Basic", "a": _nested(MAX_RESOURCE_DEPTH)}
    assert within_depth(ok) and not within_depth(deep)
    assert within_depth({}) and within_depth([]) and within_depth("x")


def _deep_extension(resource: dict[str, Any], depth: int) -> None:
    """Nested extensions (valid FHIR) ``depth`` levels of objects and arrays below it."""
    ext: dict[str, Any] = {"url": "http://example.org/x", "valueString": "x"}
    for _ in range((depth - 1) // 2):
        ext = {"url": "http://example.org/x", "extension": [ext]}
    resource["extension"] = [ext]


def _invalid_logged(caplog) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in caplog.records:
        if r.getMessage() == "skipped invalid FHIR resources":
            for k, v in r.invalid.items():
                out[k] = out.get(k, 0) + v
    return out


@pytest.mark.parametrize("depth", [MAX_RESOURCE_DEPTH + 1, 253, 300, 900])
def test_deep_prefetch_report_is_skipped_and_counted(client, caplog, depth):
    body = hook_body(BUNDLE)
    entries = body["prefetch"]["diagnosticReports"]["entry"]
    extra = copy.deepcopy(entries[0]["resource"])
    extra["id"] = "deep-report"
    _deep_extension(extra, depth)
    entries.append({"resource": extra})
    with caplog.at_level(logging.WARNING, logger="cds_service"):
        resp = _post(client, body)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert resp.get_json()["cards"], "the other reports are still read"
    assert _invalid_logged(caplog) == {"DiagnosticReport": 1}


def test_deep_but_allowed_report_is_read(client, caplog):
    body = hook_body(BUNDLE)
    report = body["prefetch"]["diagnosticReports"]["entry"][0]["resource"]
    _deep_extension(report, 30)
    with caplog.at_level(logging.WARNING, logger="cds_service"):
        resp = _post(client, body)
    assert resp.status_code == 200
    assert resp.get_json()["cards"]
    assert _invalid_logged(caplog) == {}


@pytest.mark.parametrize("service", [SELECT_ID, SIGN_ID])
def test_deep_draft_order_is_skipped_and_counted(client, caplog, service):
    hook = "order-select" if service == SELECT_ID else "order-sign"
    body = hook_body(BUNDLE, hook=hook)
    entries = body["context"]["draftOrders"]["entry"]
    deep = copy.deepcopy(entries[0]["resource"])
    deep["id"] = "deep-order"
    _deep_extension(deep, 300)
    entries.append({"resource": deep})
    if hook == "order-select":
        body["context"]["selections"].append("ServiceRequest/deep-order")
    with caplog.at_level(logging.WARNING, logger="cds_service"):
        resp = _post(client, body, service)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert len(resp.get_json()["cards"]) == 1
    assert _invalid_logged(caplog) == {"ServiceRequest": 1}


def test_deep_resource_from_the_fhir_server_is_skipped_and_counted(app_config, caplog):
    with FhirTestServer() as fhir:
        client = listing_app(app_config, fhir.url).test_client()
        _record_on(fhir)
        report = copy.deepcopy(fhir.state.resources["DiagnosticReport"][0])
        report["id"] = "deep-report"
        _deep_extension(report, 300)
        fhir.state.add(report)
        with caplog.at_level(logging.WARNING, logger="cds_service"):
            resp = _post(client, _fetching(fhir.url))
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    assert resp.get_json()["cards"]
    assert _invalid_logged(caplog) == {"DiagnosticReport": 1}


def test_body_deeper_than_the_parser_allows_is_400(client):
    raw = b'{"hook":"order-select","x":' + b"[" * 2000 + b"]" * 2000 + b"}"
    resp = client.post(f"/cds-services/{SELECT_ID}", data=raw, content_type="application/json")
    assert resp.status_code == 400
    assert _outcome_code(resp) == "CDS-400-json"


def test_bad_request_never_names_values():
    body = hook_body(BUNDLE)
    body["hookInstance"] = str(uuid.uuid4())
    body["context"]["patientId"] = "secret,name"
    with pytest.raises(BadRequest) as err:
        parse_hook_request(body, expected_hook="order-select")
    assert "secret" not in err.value.message
