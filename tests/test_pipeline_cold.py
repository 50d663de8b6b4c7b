"""The cold path: reports without a trigger are skipped or read leniently, and what decides
something is still validated as R4."""

from __future__ import annotations

import copy

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core.card_library import load_library
from cds_service.fhir.context import FetchLimits, gather
from cds_service.hooks.request import parse_hook_request
from cds_service.hooks.services import SERVICES
from cds_service.pipeline.cache import ByteCache
from cds_service.pipeline.run import run
from tests.conftest import hook_body

LIBRARY = load_library(DEFAULT_CARDS_DIR)
SPEC = next(s for s in SERVICES.values() if s.hook == "order-select")
BUNDLE = "deep-mass-flank-biopsy.json"


def _call(body: dict, cache: ByteCache | None = None):
    request = parse_hook_request(body, expected_hook="order-select")
    return run(request, gather(request, SPEC.prefetch, FetchLimits()), LIBRARY,
               cache=cache or ByteCache(1 << 26))


def _reports(body: dict) -> list[dict]:
    return [e["resource"] for e in body["prefetch"]["diagnosticReports"]["entry"]]


def _later_ct(body: dict, **extra) -> dict:
    """The flank-mass biopsy plus a later CT abdomen/pelvis report without a trigger word (it
    silences the card: the CT answered the question)."""
    body = copy.deepcopy(body)
    body["prefetch"]["diagnosticReports"]["entry"].append({"resource": {
        "resourceType": "DiagnosticReport", "id": "ct-later", "status": "final",
        "code": {"text": "CT abdomen and pelvis without contrast"},
        "subject": {"reference": "Patient/p-flank"}, "effectiveDateTime": "2026-10-20",
        "conclusion": "No acute abnormality.", **extra}})
    return body


def test_a_record_without_a_trigger_is_answered_without_reading():
    body = hook_body(BUNDLE)
    for res in _reports(body):
        res.pop("presentedForm", None)
        res["conclusion"] = "Normal examination."
        res.pop("text", None)
    cache = ByteCache(1 << 26)
    outcome = _call(body, cache)
    assert outcome.cards == [] and outcome.untriggered == len(_reports(body))
    assert len(cache) == 0  # nothing digested or kept


def test_a_silencing_report_read_leniently_still_silences():
    assert _call(_later_ct(hook_body(BUNDLE))).cards == []


def test_a_silencing_report_that_is_not_valid_r4_is_validated_and_dropped():
    """It decides something (it would silence the card), so it is validated; invalid R4 (a
    performer that is not a list of references) means it is skipped, as before."""
    outcome = _call(_later_ct(hook_body(BUNDLE), performer=[{"reference": 7}]))
    assert [c.rule_id for c in outcome.cards] == ["deep-soft-tissue-mass"]
    assert outcome.invalid["DiagnosticReport"] == 1


def test_a_malformed_date_fails_the_lenient_type_check():
    body = _later_ct(hook_body(BUNDLE))
    _reports(body)[-1]["effectiveDateTime"] = "yesterday"
    outcome = _call(body)
    assert [c.rule_id for c in outcome.cards] == ["deep-soft-tissue-mass"]
    assert outcome.invalid["DiagnosticReport"] == 1


def test_lenient_resources_that_decide_nothing_are_not_validated():
    """A trigger-less report with an invalid field that changes no decision costs no model
    validation and changes nothing in the answer."""
    body = hook_body(BUNDLE)
    extra = copy.deepcopy(_later_ct(body)["prefetch"]["diagnosticReports"]["entry"][-1])
    extra["resource"].update(id="ct-old", effectiveDateTime="2019-01-01",
                             performer=[{"reference": 7}])
    body["prefetch"]["diagnosticReports"]["entry"].append(extra)
    outcome = _call(body)
    assert [c.rule_id for c in outcome.cards] == ["deep-soft-tissue-mass"]
    assert not outcome.invalid


def _final_rereport(body: dict, study: str) -> dict:
    """The MRI made preliminary, and a signed report of ``study`` without a trigger word,
    issued after it but dated before the mention (so only its study can bring it in)."""
    body = copy.deepcopy(body)
    _reports(body)[0]["status"] = "preliminary"
    body["prefetch"]["diagnosticReports"]["entry"].append({"resource": {
        "resourceType": "DiagnosticReport", "id": "mr-final", "status": "final",
        "code": {"text": "MRI abdomen"}, "subject": {"reference": "Patient/p-flank"},
        "effectiveDateTime": "2026-10-01", "issued": "2026-10-12T09:00:00Z",
        "imagingStudy": [{"reference": study}],
        "conclusion": "Final report: benign renal cyst. No mass."}})
    return body


def test_a_later_signed_report_of_the_same_study_without_a_trigger_replaces_the_mention():
    body = hook_body(BUNDLE)
    assert _reports(body)[0]["imagingStudy"] == [{"reference": "ImagingStudy/st-mr-flank"}]
    assert _call(_final_rereport(body, "ImagingStudy/st-mr-flank")).cards == []
    kept = _call(_final_rereport(body, "ImagingStudy/st-other"))  # another study: no effect
    assert [c.rule_id for c in kept.cards] == ["deep-soft-tissue-mass"]


def test_an_earlier_ct_without_a_trigger_is_not_read_but_a_malformed_one_is_counted():
    """A CT dated before every mention cannot silence a card: it is type-checked only."""
    body = _later_ct(hook_body(BUNDLE))
    _reports(body)[-1]["effectiveDateTime"] = "2020-01-01"
    assert [c.rule_id for c in _call(body).cards] == ["deep-soft-tissue-mass"]
    _reports(body)[-1]["issued"] = "last year"
    outcome = _call(body)
    assert [c.rule_id for c in outcome.cards] == ["deep-soft-tissue-mass"]
    assert outcome.invalid["DiagnosticReport"] == 1


def test_what_the_rules_declare_is_validated_in_one_pass(monkeypatch):
    """A CT after the mention is what the rules read besides their citations (they declare
    CT): it is validated before it is read, so an invalid one is skipped and counted even when
    it could not change the answer (here: another region). Declared away, it is read
    leniently; the rules run once either way."""
    from cds_service.core import rules

    body = _later_ct(hook_body(BUNDLE), performer=[{"reference": 7}])
    _reports(body)[-1]["code"] = {"text": "CT head without contrast"}
    runs: list[int] = []
    evaluate = rules.evaluate
    monkeypatch.setattr(rules, "evaluate", lambda o, ev: runs.append(1) or evaluate(o, ev))
    outcome = _call(body)
    assert [c.rule_id for c in outcome.cards] == ["deep-soft-tissue-mass"]
    assert outcome.invalid["DiagnosticReport"] == 1 and len(runs) == 1
    monkeypatch.setattr(rules, "validated_modalities", frozenset)
    outcome = _call(body)
    assert [c.rule_id for c in outcome.cards] == ["deep-soft-tissue-mass"]
    assert not outcome.invalid

