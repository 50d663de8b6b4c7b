"""Per-call budgets (issue 12 §5): draft orders (400 above the cap), FHIR resources (skipped
and counted above the cap), and cost linear in the number of draft orders."""

from __future__ import annotations

import copy
import logging
from typing import Any

import pytest

from cds_service import create_app
from cds_service.core import orders as orders_mod
from cds_service.core import rules
from cds_service.hooks.limits import fair_shares
from cds_service.web.state import state
from tests.conftest import SELECT_ID, SIGN_ID, hook_body, metric

BUNDLE = "positive-biopsy-thigh-mass.json"


def _app(tmp_path, **settings: Any):
    app = create_app({"allow_unauthenticated": True,
                      "database_url": f"sqlite:///{tmp_path / 'cds.db'}", **settings})
    seen: list[Any] = []
    state(app).observer = lambda _service, outcome, _seconds: seen.append(outcome)
    return app, seen


def _with_orders(n: int, hook: str = "order-select") -> dict[str, Any]:
    body = hook_body(BUNDLE, hook=hook)
    base = body["context"]["draftOrders"]["entry"][0]["resource"]
    entries = []
    for i in range(n):
        res = copy.deepcopy(base)
        res["id"] = f"o{i}"
        entries.append({"resource": res})
    body["context"]["draftOrders"]["entry"] = entries
    if hook == "order-select":
        body["context"]["selections"] = [f"ServiceRequest/o{i}" for i in range(n)]
    return body


def _code(resp) -> str:
    return resp.get_json()["issue"][0]["details"]["coding"][0]["code"]


# -- draft orders ---------------------------------------------------------------------------


@pytest.mark.parametrize(("service", "hook"), [(SELECT_ID, "order-select"),
                                               (SIGN_ID, "order-sign")])
def test_draft_orders_over_the_cap_are_400(tmp_path, service, hook):
    app, _ = _app(tmp_path, max_draft_orders=5)
    client = app.test_client()
    ok = client.post(f"/cds-services/{service}", json=_with_orders(5, hook))
    assert ok.status_code == 200
    assert len(ok.get_json()["cards"]) == 1
    over = client.post(f"/cds-services/{service}", json=_with_orders(6, hook))
    assert over.status_code == 400
    assert over.get_json()["resourceType"] == "OperationOutcome"
    assert _code(over) == "CDS-400-too-many-orders"
    assert "CDS_MAX_DRAFT_ORDERS" in over.get_json()["issue"][0]["diagnostics"]


def test_selections_over_the_cap_are_400(tmp_path):
    app, _ = _app(tmp_path, max_draft_orders=5)
    body = _with_orders(2)
    body["context"]["selections"] += [f"ServiceRequest/x{i}" for i in range(4)]
    resp = app.test_client().post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 400
    assert _code(resp) == "CDS-400-too-many-orders"


def test_default_cap_is_in_settings_and_environment():
    from cds_service.config import DEFAULT_MAX_DRAFT_ORDERS, Settings

    assert Settings().max_draft_orders == DEFAULT_MAX_DRAFT_ORDERS
    env = Settings.from_env({"CDS_MAX_DRAFT_ORDERS": "7", "CDS_MAX_RESOURCES": "9"})
    assert (env.max_draft_orders, env.max_resources) == (7, 9)


def test_many_orders_never_compare_whole_orders(monkeypatch):
    """Merging decisions over n orders compares no two orders field by field (it was n²)."""
    compared = 0
    original = orders_mod.DraftOrder.__eq__

    def counting(self, other):
        nonlocal compared
        compared += 1
        return original(self, other)

    monkeypatch.setattr(orders_mod.DraftOrder, "__eq__", counting)
    n = 400
    made = [orders_mod.DraftOrder(
        reference=f"ServiceRequest/o{i}", kind="biopsy", region=None, sites=frozenset(),
        purposes=frozenset(), display=f"order {i}", codes=(), status="draft",
        resource={"id": f"o{i}"}) for i in range(n)]
    decisions = [rules.Decision(rule_id="r", card_id="c", problem="p", priority=1, order=o,
                                citations=(), certainty="affirmed", ct_region=None)
                 for o in made for _ in range(2)]
    problems = rules.merge(decisions)
    assert [o.reference for o in problems[0].orders] == [o.reference for o in made]
    assert compared == 0


# -- resources ------------------------------------------------------------------------------


def test_fair_shares():
    assert fair_shares({"a": 1, "b": 100, "c": 100}, 51) == {"a": 1, "b": 25, "c": 25}
    assert fair_shares({"a": 3, "b": 4}, 100) == {"a": 3, "b": 4}
    assert fair_shares({"a": 10, "b": 10}, 5) == {"a": 2, "b": 3}
    assert sum(fair_shares({"a": 7, "b": 9, "c": 0, "d": 2}, 10).values()) == 10
    assert fair_shares({}, 10) == {}
    assert fair_shares({"a": 5}, 0) == {"a": 0}


def test_resources_over_the_cap_are_skipped_counted_and_logged(tmp_path, caplog):
    app, seen = _app(tmp_path, max_resources=12)
    body = hook_body(BUNDLE)
    reports = body["prefetch"]["diagnosticReports"]["entry"]
    first = reports[0]["resource"]
    for i in range(30):
        extra = copy.deepcopy(first)
        extra["id"] = f"extra-{i}"
        reports.append({"resource": extra})
    total = 1 + len(reports) + len(body["prefetch"]["imagingStudies"]["entry"])
    with caplog.at_level(logging.WARNING, logger="cds_service"):
        resp = app.test_client().post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 200
    assert resp.get_json()["cards"], "the first (newest) reports are kept"
    assert seen[-1].skipped == {"resources": total - 12}
    logged = [r for r in caplog.records
              if r.getMessage() == "FHIR resources over the per-call budget skipped"]
    assert [r.skipped for r in logged] == [total - 12]


def test_within_the_cap_nothing_is_skipped(tmp_path):
    app, seen = _app(tmp_path)
    resp = app.test_client().post(f"/cds-services/{SELECT_ID}", json=hook_body(BUNDLE))
    assert resp.status_code == 200
    assert not seen[-1].skipped


# -- card text ------------------------------------------------------------------------------


def test_a_huge_report_makes_a_bounded_card(tmp_path):
    """A 1 MB report (one endless sentence, many mentions) and many reports citing it."""
    from cds_service.core import cards as cards_mod

    app, _ = _app(tmp_path, max_body_bytes=64 * 1024 * 1024)
    body = hook_body(BUNDLE)
    reports = body["prefetch"]["diagnosticReports"]["entry"]
    first = reports[0]["resource"]
    first["conclusion"] = ("Heterogeneous left thigh mass with internal calcification "
                           + "and https://evil.example/x " * 40_000)
    for i in range(12):
        extra = copy.deepcopy(first)
        extra["id"] = f"again-{i}"
        reports.append({"resource": extra})
    resp = app.test_client().post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 200
    cards = resp.get_json()["cards"]
    assert cards
    raw = resp.get_data()
    assert len(raw) < 64 * 1024, len(raw)
    detail = cards[0]["detail"]
    assert len(detail) <= cards_mod.DETAIL_CHARS
    assert "more" in detail  # "and N more" for the reports beyond the first few
    assert "https://" not in detail


def test_quote_is_cut_to_a_readable_length():
    from cds_service.core.cards import QUOTE_CHARS, quote

    q = quote("Mass with calcification " + "word " * 1000)
    assert len(q) <= QUOTE_CHARS + 20 and q.endswith("…")
    assert quote("Short sentence.") == "Short sentence."


# -- text read per call and per order ---------------------------------------------------------


def _observed_app(tmp_path, **settings: Any):
    """An app whose outcomes are kept and still reach ``/metrics`` (the app's own observer)."""
    app = create_app({"allow_unauthenticated": True,
                      "database_url": f"sqlite:///{tmp_path / 'cds.db'}", **settings})
    seen: list[Any] = []
    metrics = state(app).observer

    def observe(service: str, outcome: Any, seconds: float) -> None:
        seen.append(outcome)
        if metrics is not None:
            metrics(service, outcome, seconds)

    state(app).observer = observe
    return app, seen


def _many_reports(n: int, filler: str) -> dict[str, Any]:
    body = hook_body(BUNDLE)
    reports = body["prefetch"]["diagnosticReports"]["entry"]
    first = reports[0]["resource"]
    for i in range(n):
        extra = copy.deepcopy(first)
        extra["id"] = f"long-{i}"
        extra["conclusion"] = (extra.get("conclusion") or "") + filler
        reports.append({"resource": extra})
    return body


def test_report_text_over_the_call_cap_is_counted_and_logged(tmp_path, caplog):
    filler = " The visualized muscles and tendons are unremarkable." * 160  # ~8,500 characters
    body = _many_reports(5, filler)
    app, seen = _observed_app(tmp_path, max_call_text_chars=20_000)
    client = app.test_client()
    name = 'cds_budget_skipped_total{what="call_text_chars"}'
    before = metric(client, name)
    with caplog.at_level(logging.WARNING, logger="cds_service"):
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 200
    assert resp.get_json()["cards"], "the first reports are read"
    unread = seen[-1].skipped["call_text_chars"]
    reports = body["prefetch"]["diagnosticReports"]["entry"]
    total = sum(len(e["resource"].get("conclusion") or "") for e in reports)
    assert total - 20_000 - 2_000 <= unread <= total - 20_000  # other text of the reports aside
    assert metric(client, name) == before + unread
    logged = [r for r in caplog.records
              if r.getMessage() == "report text over the per-call cap not read"]
    assert [r.chars for r in logged] == [unread]
    assert "unremarkable" not in caplog.text
    roomy, seen2 = _app(tmp_path / "roomy")
    assert roomy.test_client().post(f"/cds-services/{SELECT_ID}", json=body).status_code == 200
    assert "call_text_chars" not in seen2[-1].skipped  # the default is far above this


def test_default_call_text_cap_is_in_settings_and_environment():
    from cds_service.config import DEFAULT_MAX_CALL_TEXT_CHARS, Settings

    assert Settings().max_call_text_chars == DEFAULT_MAX_CALL_TEXT_CHARS
    env = {"CDS_MAX_CALL_TEXT_CHARS": "1234"}
    assert Settings.from_env(env).max_call_text_chars == 1234


def test_order_text_over_its_cap_is_counted_and_logged(tmp_path, caplog):
    from cds_service.core.reading import guard

    body = _with_orders(1)
    order = body["context"]["draftOrders"]["entry"][0]["resource"]
    order["note"] = [{"text": "Prior imaging reviewed. " * 200}]  # 4,800 characters
    app, seen = _observed_app(tmp_path)
    client = app.test_client()
    name = 'cds_budget_skipped_total{what="order_text_chars"}'
    before = metric(client, name)
    with caplog.at_level(logging.WARNING, logger="cds_service"):
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 200
    note = len(order["note"][0]["text"])
    reasons = " ; ".join(c["text"] for c in order.get("reasonCode") or () if "text" in c)
    unread = seen[-1].skipped["order_text_chars"]
    assert unread == len(reasons) + len(" ; ") * bool(reasons) + note - guard.MAX_ORDER_CHARS
    assert metric(client, name) == before + unread
    logged = [r for r in caplog.records
              if r.getMessage() == "order text over the per-order cap not read"]
    assert [r.chars for r in logged] == [unread]
    assert "Prior imaging" not in caplog.text
