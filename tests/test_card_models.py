"""Typed outgoing cards carry the CDS Hooks limits and serialize to the wire form."""

from __future__ import annotations

import pytest

from cds_service.errors import CardSpecError
from cds_service.hooks.cards import (
    Action,
    Card,
    Coding,
    Indicator,
    Link,
    SelectionBehavior,
    Source,
    Suggestion,
)
from cds_service.storage.decision_log import IssuedCard
from cds_service.web.api import issued

SOURCE = Source("Guidance", topic=Coding("urn:x", "t", "Topic"))
CREATE = Action("create", "Order a noncontrast CT",
                resource={"resourceType": "ServiceRequest", "status": "draft"})


def _card(**kw) -> Card:
    args = {"summary": "Consider CT", "indicator": "warning", "source": SOURCE} | kw
    return Card(**args)


def test_summary_must_be_under_140_characters():
    _card(summary="x" * 139)
    with pytest.raises(CardSpecError, match="summary"):
        _card(summary="x" * 140)
    with pytest.raises(CardSpecError, match="summary"):
        _card(summary="")


def test_indicator_is_from_the_enum():
    assert _card(indicator="critical").indicator is Indicator.CRITICAL
    with pytest.raises(CardSpecError, match="indicator"):
        _card(indicator="hard-stop")


def test_suggestions_need_a_selection_behavior():
    s = Suggestion("Noncontrast CT", (CREATE,), is_recommended=True)
    with pytest.raises(CardSpecError, match="selectionBehavior"):
        _card(suggestions=(s,))
    with pytest.raises(CardSpecError, match="selectionBehavior"):
        _card(selection_behavior=SelectionBehavior.ANY)
    with pytest.raises(CardSpecError, match="recommended"):
        _card(suggestions=(s, s), selection_behavior="any")


def test_actions_fit_their_type():
    with pytest.raises(CardSpecError, match="resourceId"):
        Action("delete", "Remove the MRI")
    with pytest.raises(CardSpecError, match="resource"):
        Action("update", "Change the CT")
    with pytest.raises(ValueError):
        Action("destroy", "?", resource_id="ServiceRequest/1")
    with pytest.raises(CardSpecError):
        Link("Open", "https://x", type="relative")


def test_wire_form():
    s = Suggestion("Noncontrast CT", (CREATE, Action("delete", "Remove the MRI",
                                                     resource_id="ServiceRequest/mr")),
                   is_recommended=True, uuid="id-1")
    card = _card(detail="Why", suggestions=(s,), selection_behavior="at-most-one",
                 override_reasons=(Coding("urn:o", "ct-done", "CT done"),),
                 links=(Link("Open report", "https://fhir/DiagnosticReport/1"),), uuid="id-0")
    assert card.to_json() == {
        "uuid": "id-0", "summary": "Consider CT", "indicator": "warning", "detail": "Why",
        "source": {"label": "Guidance",
                   "topic": {"system": "urn:x", "code": "t", "display": "Topic"}},
        "overrideReasons": [{"system": "urn:o", "code": "ct-done", "display": "CT done"}],
        "suggestions": [{"label": "Noncontrast CT", "uuid": "id-1", "isRecommended": True,
                         "actions": [
                             {"type": "create", "description": "Order a noncontrast CT",
                              "resource": {"resourceType": "ServiceRequest",
                                           "status": "draft"}},
                             {"type": "delete", "description": "Remove the MRI",
                              "resourceId": "ServiceRequest/mr"}]}],
        "selectionBehavior": "at-most-one",
        "links": [{"label": "Open report", "url": "https://fhir/DiagnosticReport/1",
                   "type": "absolute"}],
    }
    assert "selectionBehavior" not in _card().to_json()


def test_decision_log_row_is_read_from_the_typed_card():
    from cds_service.core.cards import RenderedCard

    s = Suggestion("Noncontrast CT", (CREATE,), is_recommended=True, uuid="s1")
    card = _card(indicator="info", suggestions=(s,), selection_behavior="at-most-one",
                 uuid="c1")
    rendered = RenderedCard(card, "rule-a", "card-a", ("rule-a",))
    assert issued(rendered) == IssuedCard(card_uuid="c1", rule_id="rule-a", card_id="card-a",
                                          indicator="info",
                                          suggestions=(("s1", "Noncontrast CT"),))
