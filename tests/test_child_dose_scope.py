"""A child's dose on every card that adds a CT (docs/matching-policy.md P11.103; lead ruling on
review round 21 item 4, W-child-dose-scope): a patient under 18 on the day of the call gets one
ALARA sentence, worded for the CT the card adds, wherever a suggestion adds a CT or turns a
contrast CT into without-and-with; the recommendation stays. An adult, an unknown birth date and
a card offering no CT read as before. And a quote's cut keeps a short tail and never ends on a
"not" without its object (P11.104; review round 21 item 5, E-quote-cut-negation)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core.card_library import load_library
from cds_service.core.card_text import cut
from cds_service.fhir.context import FetchLimits, gather
from cds_service.hooks.bundle import hook_request_from_bundle
from cds_service.hooks.request import parse_hook_request
from cds_service.hooks.services import SERVICES
from tests.conftest import load_bundle

LIBRARY = load_library(DEFAULT_CARDS_DIR)
TODAY = dt.date(2026, 12, 7)
UNSEEN45 = Path(__file__).parent / "eval" / "unseen45" / "bundles"


def _cards(bundle: dict[str, Any], birth: str | None,
           today: dt.date = TODAY) -> list[dict[str, Any]]:
    from cds_service.pipeline.run import run
    bundle = copy.deepcopy(bundle)
    patients = [e["resource"] for e in bundle["entry"]
                if e["resource"]["resourceType"] == "Patient"]
    if not patients:
        pid = next(r["subject"]["reference"].split("/")[1] for e in bundle["entry"]
                   if isinstance((r := e["resource"]).get("subject"), dict))
        patients = [{"resourceType": "Patient", "id": pid}]
        bundle["entry"].append({"resource": patients[0]})
    for p in patients:
        p.pop("birthDate", None)
        if birth is not None:
            p["birthDate"] = birth
    service = next(s for s in SERVICES.values() if s.hook == "order-select")
    request = parse_hook_request(hook_request_from_bundle(bundle, hook="order-select"),
                                 expected_hook="order-select")
    out = run(request, gather(request, service.prefetch, FetchLimits()), LIBRARY, today=today)
    return [c.card.to_json() for c in out.cards]


def _adds_ct(card: dict[str, Any]) -> bool:
    return any(str(c.get("display", "")).startswith("CT ")
               for s in card.get("suggestions", ()) for a in s["actions"]
               if a["type"] in ("create", "update")
               for c in a["resource"].get("code", {}).get("coding", ()))


def _detail(card: dict[str, Any]) -> str:
    return " ".join(card["detail"].split())


def _unseen(name: str) -> dict[str, Any]:
    return json.loads(next(UNSEEN45.glob(f"*--{name}-*-pos.json")).read_text())


# unseen45 e1 (4 y), k1 (16 y), m2 (17 y), g2 (15 y): each card adds a CT and weighs its dose
# (e1 pediatric-flank-mass, k1 deep-soft-tissue-mass, m2 nodal-calcification)
@pytest.mark.parametrize(("case", "birth", "who", "said"), [
    ("e1", "2022-03-01", "child (4 years)", "the noncontrast phase"),
    ("k1", "2010-05-20", "child (16 years)", "the noncontrast phase"),
    ("m2", "2009-06-30", "child (17 years)", "the noncontrast phase"),
    ("g2", "2011-02-14", "child (15 years)", "the noncontrast phase"),
])
def test_every_card_adding_a_ct_weighs_a_childs_dose(
        case: str, birth: str, who: str, said: str) -> None:
    cards = _cards(_unseen(case), birth)
    assert cards and all(_adds_ct(c) for c in cards)
    for card in cards:
        detail = _detail(card)
        assert detail.count("(ALARA)") == 1, detail
        assert f"**{who}** {said} adds radiation dose: add it where the calcification's " \
               "pattern will change management (ALARA)." in detail, detail
        assert card["suggestions"][0]["isRecommended"] is True  # the recommendation stays


# sample records of other cards: whatever CT they add, a child's card says its dose once
@pytest.mark.parametrize("name", [
    "deep-mass-flank-biopsy.json", "biopsy-calcified-neck-mass.json",
    "deep-mass-paraspinal-mri-characterize.json", "cardiac-calcified-infarct-cardiac-mri.json",
    "bone-lesion-biopsy-femur-matrix-on-mri-only.json",
    "adult-flank-mass-biopsy-not-pediatric.json", "contrast-ct-possible-calcification-pelvis.json",
])
def test_a_child_card_says_its_dose_where_it_adds_a_ct(name: str) -> None:
    cards = _cards(load_bundle(name), "2016-01-10")  # 10 years on the call's day
    assert cards
    for card in cards:
        detail = _detail(card)
        if _adds_ct(card):
            assert detail.count("(ALARA)") == 1, detail
            assert "In a **child (10 years)** the " in detail
        else:
            assert "ALARA" not in detail and "radiation dose" not in detail


def test_the_noncontrast_ct_before_a_biopsy_is_named() -> None:
    cards = _cards(load_bundle("deep-mass-flank-biopsy.json"), "2016-01-10")
    assert any("the noncontrast CT before the biopsy adds radiation dose: obtain it" in _detail(c)
               for c in cards), [_detail(c) for c in cards]


@pytest.mark.parametrize("case", ["e1", "k1", "m2", "g2"])
@pytest.mark.parametrize("birth", ["1990-01-01", "2008-12-07", None, "soon"])
def test_an_adult_or_an_unknown_age_has_no_dose_sentence(case: str, birth: str | None) -> None:
    for card in _cards(_unseen(case), birth):  # 18 on the call's day; none; no valid date
        assert "ALARA" not in card["detail"] and "radiation dose" not in card["detail"]


def test_the_age_is_the_calls() -> None:
    # MRI of 2026-11-13: 17 on the MRI's day, 18 on the call's day: an adult
    assert "ALARA" not in _cards(_unseen("e1"), "2008-12-01")[0]["detail"]
    assert "ALARA" in _cards(_unseen("e1"), "2008-12-01", dt.date(2026, 11, 20))[0]["detail"]
    contrast = _cards(load_bundle("contrast-ct-possible-calcification-pelvis.json"), "2025-12-01")
    assert contrast[0]["summary"].startswith("Child (1 year) with possible calcification")


@pytest.mark.parametrize("case", ["e2", "g1", "p1"])  # a breast mass: a mammogram, no CT
def test_a_card_offering_no_ct_has_no_dose(case: str) -> None:
    cards = _cards(_unseen(case), "2010-01-10")
    assert cards
    for card in cards:
        assert not _adds_ct(card)
        assert "ALARA" not in card["detail"] and "radiation dose" not in card["detail"]


ADDENDUM = ("On review of the GRE and SWI sequences the T2 dark foci in the left suprarenal mass "
            "show blooming with phase behaviour of calcification, not hemorrhage.")


@pytest.mark.parametrize(("text", "limit", "room", "want"), [
    (ADDENDUM, 150, 24, ADDENDUM),  # the short tail kept within the room
    (ADDENDUM, 150, 0, ADDENDUM[:ADDENDUM.index(", not")] + "…"),  # cut at the clause
    ("Dark foci with blooming are seen along the wall of the cystic mass in the left thigh, "
     "most in keeping with calcification rather than hemosiderin, and not hemorrhage or gas "
     "from a prior procedure.", 150, 0,
     "Dark foci with blooming are seen along the wall of the cystic mass in the left thigh, "
     "most in keeping with calcification rather than hemosiderin…"),
    ("Foci of signal loss in the mass in keeping with mineralization without hemorrhage seen.",
     70, 0, "Foci of signal loss in the mass in keeping with mineralization…"),
    ("A small mass of the left arm with calcification " * 3, 100, 24,
     "A small mass of the left arm with calcification A small mass of the left arm with "
     "calcification A…"),
    ("short", 150, 0, "short"),
])
def test_a_cut_keeps_the_object_of_a_not(text: str, limit: int, room: int, want: str) -> None:
    assert cut(text, limit, room) == want
    assert len(cut(text, limit, room)) <= limit + room
