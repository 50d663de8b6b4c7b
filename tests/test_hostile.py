"""Hostile input (issue 6 §3): random and mutated hook requests and feedback bodies, the OpenAPI
document checked with schemathesis, and oversized bodies refused early. Never a 500; every
answer is a 200, or a 4xx with an OperationOutcome."""

from __future__ import annotations

import copy
import json
import socket
import threading
import time
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.serving import make_server

from cds_service import create_app
from tests.conftest import SELECT_ID, SIGN_ID, hook_body

EXAMPLES = 60
HYPOTHESIS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                      suppress_health_check=[HealthCheck.function_scoped_fixture,
                                             HealthCheck.too_slow])


class _NoNetwork(requests.Session):
    """FHIR fetches in these tests never leave the process: every GET fails fast."""

    def get(self, *_args: Any, **_kwargs: Any) -> requests.Response:  # type: ignore[override]
        raise requests.ConnectionError("network disabled in hostile-input tests")


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "cds.db"
    return create_app({"allow_unauthenticated": True, "database_url": f"sqlite:///{db}",
                       "fhir_session_factory": _NoNetwork, "max_body_bytes": 256 * 1024})


@pytest.fixture(scope="module")
def client(hostile_app):
    return hostile_app.test_client()


def check(resp) -> None:
    """200, or a 4xx with an OperationOutcome; never a 5xx."""
    assert resp.status_code < 500, resp.get_data(as_text=True)[:500]
    if resp.status_code == 200:
        assert isinstance(resp.get_json(), dict)
        return
    assert 400 <= resp.status_code < 500, resp.status_code
    body = resp.get_json()
    assert body["resourceType"] == "OperationOutcome", body
    assert body["issue"] and body["issue"][0]["severity"] in ("error", "fatal")


json_scalars = (st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1)
                | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30))
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(doc, dict):
        for key, value in doc.items():
            out.extend(_paths(value, (*prefix, key)))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            out.extend(_paths(value, (*prefix, i)))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any] | Any:
    """``base`` with 1–3 mutations: a value replaced, a key deleted, or a type swapped."""
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = _paths(doc)
        path = draw(st.sampled_from(paths))
        if not path:
            doc = draw(json_values)
            continue
        parent = doc
        try:
            for step in path[:-1]:
                parent = parent[step]
        except (KeyError, IndexError, TypeError):
            continue
        last = path[-1]
        op = draw(st.sampled_from(["replace", "delete", "empty", "wrap"]))
        try:
            if op == "replace":
                parent[last] = draw(json_values)
            elif op == "delete":
                del parent[last]
            elif op == "empty":
                parent[last] = type(parent[last])() if isinstance(
                    parent[last], dict | list | str) else None
            else:
                parent[last] = [parent[last]]
        except (KeyError, IndexError, TypeError):
            continue
    return doc


VALID_SELECT = hook_body("positive-biopsy-thigh-mass.json")
VALID_SIGN = hook_body("sign-biopsy-and-contrast-ct-one-card.json", hook="order-sign")
VALID_FEEDBACK = {"feedback": [
    {"card": "4a0b4a0b-0000-4000-8000-000000000001", "outcome": "accepted",
     "acceptedSuggestions": [{"id": "4a0b4a0b-0000-4000-8000-000000000002"}],
     "outcomeTimestamp": "2026-11-20T10:00:00Z"},
    {"card": "4a0b4a0b-0000-4000-8000-000000000003", "outcome": "overridden",
     "overrideReason": {"reason": {"system": "http://example.org/reasons", "code": "ct-done",
                                   "display": "CT already done"}, "userComment": "x"},
     "outcomeTimestamp": "2026-11-20T10:01:00+01:00"},
]}


def _post(client, path: str, doc: Any):
    return client.post(path, data=json.dumps(doc), content_type="application/json")


def test_valid_bodies_are_answered(client):
    assert _post(client, f"/cds-services/{SELECT_ID}", VALID_SELECT).status_code == 200
    assert _post(client, f"/cds-services/{SIGN_ID}", VALID_SIGN).status_code == 200
    assert _post(client, f"/cds-services/{SELECT_ID}/feedback", VALID_FEEDBACK).status_code \
        == 200


@HYPOTHESIS
@given(doc=mutated(VALID_SELECT))
def test_mutated_order_select_never_500(client, doc):
    check(_post(client, f"/cds-services/{SELECT_ID}", doc))


@HYPOTHESIS
@given(doc=mutated(VALID_SIGN))
def test_mutated_order_sign_never_500(client, doc):
    check(_post(client, f"/cds-services/{SIGN_ID}", doc))


@HYPOTHESIS
@given(doc=json_values)
def test_random_json_hook_body_never_500(client, doc):
    check(_post(client, f"/cds-services/{SELECT_ID}", doc))


@HYPOTHESIS
@given(raw=st.binary(max_size=200), ctype=st.sampled_from(
    ["application/json", "application/fhir+json", "text/plain", "",
     "application/x-www-form-urlencoded"]))
def test_random_bytes_never_500(client, raw, ctype):
    check(client.post(f"/cds-services/{SELECT_ID}", data=raw, content_type=ctype))
    check(client.post(f"/cds-services/{SELECT_ID}/feedback", data=raw, content_type=ctype))


@HYPOTHESIS
@given(doc=mutated(VALID_FEEDBACK))
def test_mutated_feedback_never_500(client, doc):
    check(_post(client, f"/cds-services/{SELECT_ID}/feedback", doc))


@HYPOTHESIS
@given(doc=json_values)
def test_random_json_feedback_never_500(client, doc):
    check(_post(client, f"/cds-services/{SELECT_ID}/feedback", doc))


@HYPOTHESIS
@given(service=st.text(max_size=40), method=st.sampled_from(["GET", "PUT", "DELETE", "PATCH"]))
def test_odd_paths_and_methods_never_500(client, service, method):
    resp = client.open(f"/cds-services/{requests.utils.quote(service, safe='')}",
                       method=method)
    check(resp)


# -- schemathesis against the OpenAPI document, on the running app ------------------------


def test_openapi_document_is_served_and_valid(client):
    resp = client.get("/openapi.json")
    assert resp.status_code == 200
    doc = resp.get_json()
    assert doc["openapi"].startswith("3.")
    assert {"/cds-services", "/cds-services/{service_id}",
            "/cds-services/{service_id}/feedback", "/health"} <= set(doc["paths"])


def test_schemathesis_no_server_errors(hostile_app):
    schemathesis = pytest.importorskip("schemathesis")
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    schema = schemathesis.openapi.from_wsgi("/openapi.json", hostile_app)
    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]
    failures: list[str] = []
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        _exercise(operation, checks, failures)
    assert time.monotonic() - started < 120
    assert not failures, "\n".join(failures[:10])


def _exercise(operation: Any, checks: list[Any], failures: list[str]) -> None:
    @settings(max_examples=25, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        response = case.call()
        if response.status_code >= 500:
            failures.append(f"{operation.label}: {response.status_code}")
        try:
            case.validate_response(response, checks=checks)
        except Exception as exc:  # collect, report them all at the end
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:400]}")

    run()


# -- oversized bodies: 413 before the body is read ----------------------------------------


@pytest.fixture(scope="module")
def live_server(hostile_app):
    server = make_server("127.0.0.1", 0, hostile_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()


@pytest.mark.parametrize("path", [f"/cds-services/{SELECT_ID}",
                                  f"/cds-services/{SELECT_ID}/feedback"])
def test_oversized_body_refused_from_content_length(live_server, path):
    """Announce 50 MB, send 1 KB: the 413 must come back without the rest being sent (the
    rest never is: the answer itself proves it; the socket timeout only ends a failing test)."""
    with socket.create_connection(("127.0.0.1", live_server), timeout=60) as sock:
        sock.sendall((f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\n"
                      f"Content-Length: {50 * 1024 * 1024}\r\n\r\n").encode()
                     + b"{" + b" " * 1023)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    status_line = data.split(b"\r\n", 1)[0]
    assert b" 413 " in status_line, data[:300]


def test_oversized_body_is_413_operation_outcome(client):
    body = b'{"hook": "order-select", "pad": "' + b"x" * (300 * 1024) + b'"}'
    resp = client.post(f"/cds-services/{SELECT_ID}", data=body, content_type="application/json")
    assert resp.status_code == 413
    assert resp.get_json()["resourceType"] == "OperationOutcome"
