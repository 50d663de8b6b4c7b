"""Operations (issue 12 §9): what is lost or skipped shows in ``/metrics``, and an
unauthenticated instance never tells browsers that any web page may call it. (That every line
a real ``cds-service serve`` writes is JSON is checked in ``test_lifecycle.py``.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from cds_service import create_app
from cds_service.storage.decision_log import BatchWriter, CallRecord
from cds_service.web import observability
from cds_service.web.state import state
from tests.conftest import SELECT_ID, hook_body, metric
from tests.support.fhir_server import FhirTestServer


def _record() -> CallRecord:
    return CallRecord(created_at=datetime.now(UTC), service_id=SELECT_ID, hook="order-select",
                      hook_instance="5d3c5a5e-4a4b-4bfa-9c0f-0f0b8a8f2d11", patient_id="p1",
                      cards=(), shadow=False)


def _app_counter(client: Any) -> Callable[[int], None]:
    """What the app's decision log reports dropped rows to (wired by ``create_app``)."""
    return state(client.application).store.decision_log.on_dropped


def test_dropped_decision_log_rows_are_in_metrics(client) -> None:
    before = metric(client, "cds_decision_log_dropped_total")

    def refuse(_batch: Any) -> None:
        raise RuntimeError("the database refuses this row")

    writer = BatchWriter(refuse, queue_size=10, batch_size=5, interval=0.01,
                         on_dropped=_app_counter(client))
    for _ in range(3):
        writer.submit(_record())
    assert writer.flush(5.0)
    writer.stop(1.0)
    assert writer.dropped == 3
    assert metric(client, "cds_decision_log_dropped_total") == before + 3


def test_a_full_queue_drop_is_counted_too(client) -> None:
    before = metric(client, "cds_decision_log_dropped_total")
    gate: list[Any] = []

    def slow(_batch: Any) -> None:
        gate.append(1)

    writer = BatchWriter(slow, queue_size=1, batch_size=1, interval=5.0,
                         on_dropped=_app_counter(client))
    accepted = sum(writer.submit(_record()) for _ in range(50))
    assert writer.flush(10.0)
    writer.stop(1.0)
    dropped = 50 - accepted
    assert dropped == writer.dropped and dropped > 0
    assert metric(client, "cds_decision_log_dropped_total") == before + dropped


def test_budget_skips_counted_through_count(client) -> None:
    before = metric(client, 'cds_budget_skipped_total{what="draft_orders"}')
    observability.count("budget_skipped", 4, what="draft_orders")
    observability.count("budget_skipped", 0, what="draft_orders")  # nothing to add
    observability.count("no_such_counter")  # logged, never raised
    assert metric(client, 'cds_budget_skipped_total{what="draft_orders"}') == before + 4


def test_resources_over_the_call_budget_counted(app_config) -> None:
    client = create_app({**app_config, "max_resources": 1}).test_client()
    name = 'cds_budget_skipped_total{what="resources"}'
    before = metric(client, name)
    resp = client.post(f"/cds-services/{SELECT_ID}",
                       json=hook_body("positive-biopsy-thigh-mass.json"))  # 2 resources
    assert resp.status_code == 200
    assert metric(client, name) == before + 1


def test_unlisted_fhir_server_counted(client) -> None:
    before = metric(client, "cds_fhir_server_refused_total")
    body = hook_body("positive-biopsy-thigh-mass.json")
    with FhirTestServer() as fhir:
        body["fhirServer"] = fhir.url
        assert client.post(f"/cds-services/{SELECT_ID}", json=body).status_code == 200
        assert fhir.state.seen == []
    assert metric(client, "cds_fhir_server_refused_total") == before + 1


@pytest.mark.parametrize("method", ["options", "get", "post"])
def test_unauthenticated_instance_sends_no_wildcard_cors(app_config, method: str) -> None:
    client = create_app(app_config).test_client()  # CDS_CORS_ORIGINS left at "*"
    origin = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    kwargs: dict[str, Any] = {"headers": origin}
    path = "/cds-services"
    if method == "post":
        path, kwargs["json"] = f"/cds-services/{SELECT_ID}", hook_body(
            "positive-biopsy-thigh-mass.json")
    resp = getattr(client, method)(path, **kwargs)
    assert resp.status_code in (200, 204)
    assert "Access-Control-Allow-Origin" not in resp.headers


def test_unauthenticated_instance_echoes_only_listed_origins(app_config) -> None:
    client = create_app({**app_config,
                         "cors_origins": "https://sandbox.cds-hooks.org"}).test_client()
    listed = client.get("/cds-services", headers={"Origin": "https://sandbox.cds-hooks.org"})
    assert listed.headers["Access-Control-Allow-Origin"] == "https://sandbox.cds-hooks.org"
    other = client.get("/cds-services", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
