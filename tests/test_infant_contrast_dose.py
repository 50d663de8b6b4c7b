"""A child before a two-phase CT (docs/matching-policy.md P11.82; review round 17, unseen40 c2
and e2, lead ruling W-infant-dose): the contrast card names a patient under 18 with the age on
the day of the call (P11.103; here the MRI's day) ("Infant (4 months)", "Child (9 years)") and
weighs the noncontrast phase's dose (ALARA); the recommendation and its suggestion stay, an
adult's card is as before."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core.card_library import load_library
from cds_service.fhir.context import FetchLimits, gather
from cds_service.hooks.bundle import hook_request_from_bundle
from cds_service.hooks.request import parse_hook_request
from cds_service.hooks.services import SERVICES
from cds_service.pipeline.run import child_words, run
from tests.conftest import load_bundle

LIBRARY = load_library(DEFAULT_CARDS_DIR)
DOSE = "the noncontrast phase adds radiation dose"


def _card(birth: str, today: dt.date = dt.date(2026, 10, 14)) -> dict[str, Any]:
    """The card of the sample contrast CT of the pelvis (MRI of 2026-10-14) for a patient
    born on ``birth``, called on ``today`` (the age's day, P11.103)."""
    bundle = copy.deepcopy(load_bundle("contrast-ct-possible-calcification-pelvis.json"))
    for e in bundle["entry"]:
        if e["resource"]["resourceType"] == "Patient":
            e["resource"]["birthDate"] = birth
    service = next(s for s in SERVICES.values() if s.hook == "order-select")
    request = parse_hook_request(hook_request_from_bundle(bundle, hook="order-select"),
                                 expected_hook="order-select")
    out = run(request, gather(request, service.prefetch, FetchLimits()), LIBRARY, today=today)
    assert [c.rule_id for c in out.cards] == ["contrast-ct-noncontrast-first"]
    return out.cards[0].card.to_json()


@pytest.mark.parametrize(("birth", "who"), [
    ("2026-06-10", "Infant (4 months)"),  # unseen40 c2's age
    ("2026-09-02", "Infant (6 weeks)"),  # unseen40 e2's age
    ("2026-10-10", "Infant (4 days)"),
    ("2017-04-11", "Child (9 years)"),
    ("2009-01-02", "Child (17 years)"),
    ("2025-10-14", "Child (1 year)"),
])
def test_a_child_is_named_and_the_dose_weighed(birth: str, who: str) -> None:
    card = _card(birth)
    assert card["summary"].startswith(f"{who} with possible calcification on MRI (2026-10-14)")
    assert card["summary"].endswith("this CT needs noncontrast images first")
    detail = " ".join(card["detail"].split())
    assert f"**{who[0].lower()}{who[1:]}** {DOSE}: add it where the calcification's pattern " \
           "will change management (ALARA)." in detail, detail
    assert "change the order to **CT pelvis without and with contrast**" in detail
    assert card["suggestions"][0]["isRecommended"] is True  # the recommendation stays


@pytest.mark.parametrize("birth", ["1968-04-12", "2008-10-14", "yesterday", "2026-11-01"])
def test_an_adult_or_an_unknown_age_reads_as_before(birth: str) -> None:
    card = _card(birth)  # 18 on the call's day; no valid date; born after it
    assert card["summary"].startswith("Possible calcification on MRI (2026-10-14)")
    assert DOSE not in card["detail"]


@pytest.mark.parametrize(("birth", "on", "words"), [
    ("2026-07-20", dt.date(2026, 11, 20), "infant (4 months)"),
    ("2026-10-23", dt.date(2026, 12, 4), "infant (6 weeks)"),
    ("2026-11-27", dt.date(2026, 12, 4), "infant (1 week)"),
    ("2025-12-05", dt.date(2026, 12, 4), "infant (11 months)"),
    ("2025-12-04", dt.date(2026, 12, 4), "child (1 year)"),
    ("2008-12-05", dt.date(2026, 12, 4), "child (17 years)"),
    ("2008-12-04", dt.date(2026, 12, 4), None),
    ("2026", dt.date(2026, 12, 4), "infant (11 months)"),
    (None, dt.date(2026, 12, 4), None),
])
def test_child_words(birth: str | None, on: dt.date, words: str | None) -> None:
    assert child_words(birth, on) == words
