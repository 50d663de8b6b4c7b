"""The same hook request again (a new hookInstance) is answered from the per-call cache:
same cards with fresh uuids, logged and recorded as its own call; only answers that came from
the request body alone are kept, and only for the same app, service, caller, day and cards."""

from __future__ import annotations

import copy
import logging
import uuid

from cds_service.pipeline import replay
from cds_service.pipeline.run import clear_caches
from tests.conftest import SELECT_ID, hook_body

BUNDLE = "deep-mass-flank-biopsy.json"


def _post(client, body):
    return client.post(f"/cds-services/{SELECT_ID}", json=body)


def _strip(cards):
    return [{k: v for k, v in c.items() if k not in ("uuid", "suggestions")}
            | {"suggestions": [s["label"] for s in c.get("suggestions", ())]} for c in cards]


def test_the_same_request_with_a_new_hook_instance_is_answered_again_without_reading(
        client, app, monkeypatch, caplog):
    clear_caches()
    body = hook_body(BUNDLE)
    first = _post(client, body).get_json()["cards"]
    assert first
    # the patient's second call is kept (its first is not even digested: seen_before)
    assert _post(client, body | {"hookInstance": str(uuid.uuid4())}).status_code == 200
    read = []
    import cds_service.web.api as api

    monkeypatch.setattr(api, "parse_hook_request", lambda *a, **k: read.append(1))
    again_body = copy.deepcopy(body) | {"hookInstance": str(uuid.uuid4())}
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="cds_service"):
        again = _post(client, again_body).get_json()["cards"]
    assert read == []  # answered from the cache
    assert _strip(again) == _strip(first)
    assert {c["uuid"] for c in again}.isdisjoint({c["uuid"] for c in first})
    logged = [r.hook_instance for r in caplog.records if hasattr(r, "hook_instance")]
    assert logged == [again_body["hookInstance"]]
    store = app.extensions["cds_store"]
    assert store.flush(10)
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT hook_instance FROM cds_hook_call").fetchall()
    assert again_body["hookInstance"] in {r[0] for r in rows} and len(rows) == 3


def test_a_replayed_request_still_needs_a_valid_hook_instance(client):
    clear_caches()
    body = hook_body(BUNDLE)
    for _ in range(2):
        assert _post(client, body).status_code == 200
    bad = copy.deepcopy(body) | {"hookInstance": "not-a-uuid"}
    assert _post(client, bad).status_code == 400


def test_another_body_another_app_or_another_caller_is_not_replayed(app_config):
    from cds_service import create_app

    clear_caches()
    body = hook_body(BUNDLE)
    one = create_app(app_config)
    two = create_app(app_config | {"shadow": True})
    assert _post(one.test_client(), body).get_json()["cards"]
    assert _post(two.test_client(), body).get_json()["cards"] == []  # its own settings
    changed = copy.deepcopy(body)
    changed["context"]["selections"] = []
    assert _post(one.test_client(), changed).get_json()["cards"] == []


def test_request_keys_differ_by_scope_and_ignore_only_the_hook_instance():
    body = hook_body(BUNDLE)
    scope = ("app", "svc", None, "2026-12-01", "v1")
    key = replay.request_key(body, scope)
    assert key is not None
    assert replay.request_key(body | {"hookInstance": str(uuid.uuid4())}, scope) == key
    for other in (("app2", "svc", None, "2026-12-01", "v1"),
                  ("app", "svc", ("iss", None), "2026-12-01", "v1"),
                  ("app", "svc", None, "2026-12-02", "v1"),
                  ("app", "svc", None, "2026-12-01", "v2")):
        assert replay.request_key(body, other) != key
    assert replay.request_key(body | {"fhirServer": "https://x.test/fhir"}, scope) != key
    assert replay.request_key([body], scope) is None
    deep: object = "x"
    for _ in range(300):
        deep = [deep]
    assert replay.request_key(body | {"extension": deep}, scope) is None


def test_only_answers_from_the_body_alone_are_kept():
    from cds_service.fhir.context import FhirContext

    prefetch = {"reports": {"resourceType": "Bundle", "entry": []}}
    ctx = FhirContext(sources={"reports": "prefetch"})
    assert replay.from_body(prefetch, None, ctx)
    assert replay.from_body(prefetch, "https://x.test/fhir", ctx)
    fetched = FhirContext(sources={"reports": "fetched"})
    assert not replay.from_body({}, "https://x.test/fhir", fetched)
    results = FhirContext(sources={"reports": "prefetch", "results": "fetched"})
    assert not replay.from_body(prefetch, "https://x.test/fhir", results)
    paged = {"reports": {"resourceType": "Bundle", "entry": [],
                         "link": [{"relation": "next", "url": "https://x.test/fhir?p=2"}]}}
    assert not replay.from_body(paged, "https://x.test/fhir", ctx)


def test_the_first_call_for_a_patient_is_not_digested():
    from cds_service.pipeline.cache import Caches

    caches = Caches()
    body = hook_body(BUNDLE)
    assert not replay.seen_before(body, caches)
    assert replay.seen_before(body | {"hookInstance": str(uuid.uuid4())}, caches)
    other = copy.deepcopy(body)
    other["context"]["patientId"] = "someone-else"
    assert not replay.seen_before(other, caches)
    assert not replay.seen_before({"context": {"patientId": 5}}, caches)
    assert not replay.seen_before([], caches)
    caches.clear()
    assert not replay.seen_before(body, caches)


def _ids(cards):
    return [c["uuid"] for c in cards] + [s["uuid"] for c in cards
                                          for s in c.get("suggestions", ())]


def _without_ids(cards):
    return [{k: v for k, v in c.items() if k != "uuid"}
            | {"suggestions": [{k: v for k, v in s.items() if k != "uuid"}
                               for s in c.get("suggestions", ())]} for c in cards]


def test_every_replay_has_fresh_uuids_the_same_cards_and_its_own_decision_log_rows(
        client, app):
    clear_caches()
    body = hook_body(BUNDLE)
    first = _post(client, body).get_json()["cards"]
    assert any(c.get("suggestions") for c in first)  # suggestions get uuids too
    answers = [_post(client, body | {"hookInstance": str(uuid.uuid4())}).get_json()["cards"]
               for _ in range(4)]  # the third call on is a replay
    seen = set(_ids(first))
    for cards in answers:
        assert _without_ids(cards) == _without_ids(first)  # links, guidance url and all
        ids = _ids(cards)
        assert all(uuid.UUID(i).version == 4 and str(uuid.UUID(i)) == i for i in ids)
        assert seen.isdisjoint(ids) and len(set(ids)) == len(ids)
        seen.update(ids)
    store = app.extensions["cds_store"]
    assert store.flush(10)
    with store.engine.connect() as conn:
        logged = {r[0] for r in conn.exec_driver_sql("SELECT card_uuid FROM cds_issued_card")}
        suggested = {r[0] for r in conn.exec_driver_sql(
            "SELECT suggestion_uuid FROM cds_issued_suggestion")}
    for cards in answers:  # what was answered is what the decision log holds
        assert {c["uuid"] for c in cards} <= logged
        assert {s["uuid"] for c in cards for s in c.get("suggestions", ())} <= suggested


def test_a_replay_links_the_guidance_at_the_host_it_was_called_on(client):
    clear_caches()
    body = hook_body(BUNDLE)
    for host in ("one.test", "one.test", "two.test", "one.test", "two.test", "one.test"):
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body,
                           base_url=f"http://{host}")
        cards = resp.get_json()["cards"]
        assert cards and all(c["source"]["url"].startswith(f"http://{host}/") for c in cards)
        assert all(link["url"].startswith(f"http://{host}/") for c in cards
                   for link in c["links"])


def test_a_wire_is_cut_at_each_mark_once_and_filled_in_place():
    wire = replay.Wire.cut(b'{"a":"M2","b":["M1"],"c":"x"}', ["M1", "M2"])
    assert wire is not None and wire.order == (1, 0)
    assert wire.render(["u1", "u2"]) == b'{"a":"u2","b":["u1"],"c":"x"}'
    assert replay.Wire.cut(b'["M1","M1"]', ["M1"]) is None
    assert replay.Wire.cut(b'["M1"]', ["M1", "M2"]) is None


def test_a_raw_request_key_cuts_out_only_a_hook_instance_found_once():
    import orjson

    scope = ("app", "svc", None, "2026-12-01", "v1")
    body = hook_body(BUNDLE)

    def key(b, raw=None):
        raw = orjson.dumps(b) if raw is None else raw
        return replay.request_key(orjson.loads(raw), scope, raw)

    first = key(body)
    assert first is not None and first != replay.request_key(body, scope)  # the raw path
    assert key(body | {"hookInstance": str(uuid.uuid4())}) == first
    assert key(body | {"hookInstance": str(uuid.uuid4()).upper()}) == first
    changed = copy.deepcopy(body)
    changed["context"]["userId"] = "Practitioner/someone-else"
    assert key(changed) != first
    assert replay.request_key(body, ("app2", *scope[1:]), orjson.dumps(body)) != first
    # the value found twice (also in another field): the body is serialised again
    twice = body | {"extension": {"note": body["hookInstance"]}}
    assert key(twice) == replay.request_key(twice, scope)
    # not UUID-shaped (could hold JSON's own characters): serialised again
    odd = body | {"hookInstance": 'a", "x": "b'}
    assert key(odd) == replay.request_key(odd, scope)
    # an escaped hookInstance is not found in the raw bytes: serialised again
    hook_instance = body["hookInstance"]
    token = f'"hookInstance":"{hook_instance}"'.encode()
    escaped_token = f'"hookInstance":"{hook_instance[:-1]}\\u{ord(hook_instance[-1]):04x}"'
    escaped = orjson.dumps(body).replace(token, escaped_token.encode())
    assert escaped != orjson.dumps(body) and orjson.loads(escaped) == body
    assert key(body, escaped) == replay.request_key(body, scope)
