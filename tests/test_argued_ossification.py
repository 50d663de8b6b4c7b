"""Issue 17, review round 14 (P2.40; the class of P2.39): a diagnosis of ossification the report
argues against ("myositis ossificans is argued against", "is not favoured", "no zonal rim to
suggest myositis ossificans", "heterotopic ossification is less likely") asks no ossification
question: a calcified intramuscular mass gets the deep soft-tissue card, never
`ossification-vs-calcification` with its "zonal ossification of myositis ossificans". A
diagnosis left open ("versus", "a consideration"), affirmed or favoured, and the mineral
question itself ("ossification versus calcification") keep the ossification card. The variants
failed on main e2f9eaf (unseen38 k1 is the review's example, written here in other words)."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_card_names import first_card

THIGH = ("MRI LEFT THIGH WITHOUT AND WITH CONTRAST", "CT GUIDED CORE BIOPSY LEFT THIGH MASS")
ARM = ("MRI HUMERUS RT W/WO CONTRAST", "CT Upper Extremity w/ Contrast Rt")
MASS = "IMPRESSION: Calcified intramuscular mass in the left vastus lateralis"


@pytest.mark.parametrize(("text", "exam"), [
    ("IMPRESSION: 6.2 cm calcified intramuscular mass of the right brachialis: high-grade "
     "sarcoma favoured; myositis ossificans is argued against.", ARM),
    ("FINDINGS: A 5 cm intramuscular mass in the left adductor longus contains coarse central "
     "calcification. Myositis ossificans is not favoured given the absence of peripheral "
     "maturation.", THIGH),
    (f"{MASS}; myositis ossificans is considered unlikely.", THIGH),
    ("FINDINGS: A 4 cm mass within the left biceps femoris with central calcification, no zonal "
     "rim to suggest myositis ossificans.", THIGH),
    ("IMPRESSION: Calcified intramuscular left thigh mass, favouring synovial sarcoma rather "
     "than myositis ossificans.", THIGH),
    ("FINDINGS: A 4 cm intramuscular mass in the left vastus lateralis contains central "
     "calcification, a pattern that argues against myositis ossificans.", THIGH),
    ("FINDINGS: A 4 cm intramuscular mass in the left vastus lateralis contains central "
     "calcification; heterotopic ossification is less likely.", THIGH),
    (f"{MASS}; no history of trauma, making myositis ossificans unlikely.", THIGH),
])
def test_an_ossification_argued_against_asks_no_ossification_question(
        text: str, exam: tuple[str, str]) -> None:
    card = first_card(text, *exam)
    assert card.summary.startswith("Calcified deep soft-tissue mass"), card.summary
    own = [x for x in card.detail.splitlines() if not x.startswith((">", "Also stated"))]
    assert not [x for x in own if "ossificans" in x]  # the report's quote aside


@pytest.mark.parametrize("text", [
    f"{MASS}; myositis ossificans is a consideration.",
    f"{MASS}: sarcoma versus myositis ossificans.",
    "IMPRESSION: Peripherally calcified intramuscular mass in the left vastus lateralis, "
    "consistent with myositis ossificans.",
    f"{MASS}, favoured to represent myositis ossificans.",
    f"{MASS}; ossification versus calcification.",
    f"{MASS}; calcification rather than ossification cannot be determined on MRI.",
])
def test_an_ossification_left_open_keeps_the_ossification_card(text: str) -> None:
    assert first_card(text, *THIGH).summary.startswith(
        ("Ossification or calcification", "Possible ossification"))


@pytest.mark.parametrize(("text", "assertion"), [
    ("Myositis ossificans is argued against.", "negated"),
    ("Myositis ossificans is not favoured.", "negated"),
    ("Heterotopic ossification is less likely.", "negated"),
    ("Myositis ossificans is favoured.", "possible"),
    ("Myositis ossificans versus sarcoma.", "possible"),
])
def test_the_ossification_mention(text: str, assertion: str) -> None:
    assert [m.assertion for m in read_text(f"FINDINGS: {text}").mentions] == [assertion]
