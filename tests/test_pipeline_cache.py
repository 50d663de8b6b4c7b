"""The pipeline's cache: keyed by content, bounded in bytes; fresh uuids on every answer."""

from __future__ import annotations

import copy

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core.card_library import load_library
from cds_service.fhir.context import FetchLimits, gather
from cds_service.hooks.request import parse_hook_request
from cds_service.hooks.services import SERVICES
from cds_service.pipeline.cache import MISSING, ByteCache, deep_size, digest
from cds_service.pipeline.run import run
from tests.conftest import hook_body

LIBRARY = load_library(DEFAULT_CARDS_DIR)
SPEC = next(s for s in SERVICES.values() if s.hook == "order-select")
BUNDLE = "deep-mass-flank-biopsy.json"


def _call(body: dict, cache: ByteCache):
    request = parse_hook_request(body, expected_hook="order-select")
    return run(request, gather(request, SPEC.prefetch, FetchLimits()), LIBRARY, cache=cache)


def _cache() -> ByteCache:
    return ByteCache(64 * 1024 * 1024)


def test_byte_cache_stays_under_its_byte_budget_and_forgets_least_recent_first():
    cache = ByteCache(max_bytes=10_000)
    for i in range(100):
        cache.put(digest(i), "x" * 1_000)
        assert cache.nbytes <= 10_000
    assert 0 < len(cache) < 10
    assert cache.get(digest(99)) == "x" * 1_000
    assert cache.get(digest(0)) is MISSING


def test_an_entry_larger_than_the_budget_is_not_kept():
    cache = ByteCache(max_bytes=1_000)
    cache.put(b"k", "x" * 5_000)
    assert cache.get(b"k") is MISSING and cache.nbytes == 0


def test_deep_size_counts_nested_content():
    small = deep_size(("a", frozenset({"b"})))
    big = deep_size(("a" * 10_000, frozenset({"b"})))
    assert big - small >= 9_900


def test_equal_content_in_another_object_is_a_hit_and_uuids_are_fresh():
    cache = _cache()
    body = hook_body(BUNDLE)
    first = _call(body, cache)
    held = len(cache)
    again = _call(copy.deepcopy(body), cache)  # new objects, same JSON
    assert len(cache) == held
    assert [c.card.to_json() | {"uuid": ""} for c in first.cards] != []
    a, b = first.cards[0].card, again.cards[0].card
    assert a.uuid != b.uuid
    assert {s.uuid for s in a.suggestions}.isdisjoint({s.uuid for s in b.suggestions})
    strip = lambda card: {k: v for k, v in card.to_json().items()  # noqa: E731
                          if k not in ("uuid", "suggestions")}
    assert strip(a) == strip(b)


def test_a_changed_record_reuses_what_was_read_of_unchanged_resources():
    cache = _cache()
    body = hook_body(BUNDLE)
    _call(body, cache)
    resources = len(cache)

    def with_report(conclusion: str, rid: str) -> dict:
        changed = copy.deepcopy(body)
        changed["prefetch"]["diagnosticReports"]["entry"].append({"resource": {
            "resourceType": "DiagnosticReport", "id": rid, "status": "final",
            "code": {"text": "CT chest"}, "subject": {"reference": "Patient/p-flank"},
            "effectiveDateTime": "2020-01-01", "conclusion": conclusion}})
        return changed

    _call(with_report("No calcification.", "extra"), cache)
    assert len(cache) == resources + 1  # only the new report was read
    _call(with_report("Normal.", "plain"), cache)  # no trigger: read leniently, not kept
    assert len(cache) == resources + 1


def test_another_patient_or_server_is_another_answer():
    cache = _cache()
    body = hook_body(BUNDLE)
    first = _call(body, cache)
    other = copy.deepcopy(body)
    other["fhirServer"] = "https://other.example.org/fhir"
    second = _call(other, cache)
    urls = [link.url for link in second.cards[0].card.links]
    assert all(u.startswith("https://other.example.org/fhir/") for u in urls)
    assert first.cards[0].card.links != second.cards[0].card.links


def test_clear_forgets_everything():
    cache = _cache()
    _call(hook_body(BUNDLE), cache)
    assert len(cache)
    cache.clear()
    assert len(cache) == cache.nbytes == 0


def _order(subject: object) -> dict:
    return {"resourceType": "ServiceRequest", "id": "ct-1", "status": "draft",
            "intent": "order", "subject": subject,
            "code": {"coding": [{"system": "http://www.ama-assn.org/go/cpt", "code": "74160"}],
                     "text": "CT abdomen with contrast"}}


def test_the_same_order_again_is_read_once_and_each_entry_keeps_its_own_resource():
    """The next call of an order entry sends the same draft order again (order-sign after
    order-select): validated and classified once; each entry keeps its own resource (card
    actions copy it, and rules.merge tells orders apart by identity)."""
    from collections import Counter

    from cds_service.hooks.request import DraftEntry
    from cds_service.pipeline.run import read_orders

    cache = _cache()
    first = _order({"reference": "Patient/p-1"})
    second = _order({"reference": "Patient/p-1"})
    (a,), _ = read_orders([(DraftEntry(first, None), True)], Counter(), cache)
    (b,), _ = read_orders([(DraftEntry(second, None), True)], Counter(), cache)
    assert len(cache) == 1  # validated and classified once
    assert a.resource is first and b.resource is second
    assert (a.kind, a.region, a.reference) == (b.kind, b.region, b.reference)
    # another patient's order is another entry, and an invalid one is still counted
    invalid: Counter[str] = Counter()
    read_orders([(DraftEntry(_order({"reference": "Patient/p-2"}), None), True)], invalid,
                cache)
    got, _ = read_orders([(DraftEntry(_order({"reference": 5}), None), True)], invalid, cache)
    assert len(cache) == 3 and got == [] and invalid["ServiceRequest"] == 1


def test_cds_cache_bytes_bounds_the_one_cache(tmp_path):
    """CDS_CACHE_BYTES is the one cache's bound: what is kept stays under it, 0 keeps
    nothing, and the cards are the same either way."""
    from cds_service import create_app
    from cds_service.config import Settings
    from cds_service.pipeline import run as pipeline
    from tests.conftest import SELECT_ID

    assert Settings.from_env({"CDS_CACHE_BYTES": "1000"}).cache_bytes == 1000
    answers = []
    for bound in (0, 20_000, 64 * 1024 * 1024):
        app = create_app({"allow_unauthenticated": True, "log_level": "ERROR",
                          "cache_bytes": bound, "database_url": f"sqlite:///{tmp_path}/c.db"})
        client = app.test_client()
        cards = []
        for name in ("positive-biopsy-thigh-mass.json", "deep-mass-flank-biopsy.json",
                     "sign-biopsy-and-contrast-ct-one-card.json"):
            got = client.post(f"/cds-services/{SELECT_ID}", json=hook_body(name)).get_json()
            cards += [{k: v for k, v in c.items() if k not in ("uuid", "suggestions")}
                      for c in got["cards"]]
        assert pipeline.CACHE.max_bytes == bound and pipeline.CACHE.nbytes <= bound
        assert (len(pipeline.CACHE) == 0) == (bound == 0)
        answers.append(cards)
    assert answers[0] == answers[1] == answers[2] != []
