"""Issue 17, unseen32 t1 (P14.22): a newer impression names the tendon in one clause and says
the deposit is gone in the next ("Peroneus longus tendinopathy at the cuboid notch with mild
tenosynovitis; the calcific deposit has resolved after lavage"): the deposit alone in its clause
is that tendon's, so the newer statement reaches the older impression's deposit of that tendon
(P14.4): no card. A sentence that names a mass as well, or a deposit that persists, keeps the
older card. Written before the engine change: 4 reader variants and 1 card variant failed on
main 8807314 (the eval set unseen32 t1 twin holds the whole pair)."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_gone_without_mineral import ANKLE, FOOT, HIP, KNEE, SHOULDER, exams


def _pair(where: tuple[str, str, str], old: str, new: str) -> list[str]:
    """An older MRI with the deposit in its impression, a newer one saying it in its own."""
    return exams(where, ("Tendon thickening and peritendinous edema.", old),
                 ("The tendon remains thickened.", new), then="2025-09-18")

# (where, older deposit, newer impression: the tendon named, then the deposit gone)
GONE = [
    (FOOT, "Calcific tendinitis of the peroneus longus at the cuboid notch.",
     "Peroneus longus tendinopathy at the cuboid notch with mild tenosynovitis; the calcific "
     "deposit has resolved after lavage."),
    (SHOULDER, "Calcific tendinitis of the supraspinatus.",
     "Mild supraspinatus tendinosis; the calcific deposit is no longer seen."),
    (HIP, "Calcific tendinopathy of the gluteus medius.",
     "Gluteus medius tendinopathy without a tear; the calcific deposit has resolved."),
    (ANKLE, "Calcific tendinitis of the tibialis posterior.",
     "Tibialis posterior tendinosis with tenosynovitis; interval resolution of the calcific "
     "deposit."),
    (KNEE, "Calcific tendinopathy of the quadriceps.",
     "Quadriceps tendinosis, no tear; the calcific deposit has since resorbed."),
]


@pytest.mark.parametrize(("where", "old", "new"), GONE)
def test_a_deposit_gone_beside_the_named_tendon_reaches_the_older_deposit(
        where: tuple[str, str, str], old: str, new: str) -> None:
    assert _pair(where, old, new) == []


@pytest.mark.parametrize(("where", "old", "new"), GONE)
def test_the_deposit_beside_the_tendon_is_the_tendons(
        where: tuple[str, str, str], old: str, new: str) -> None:
    found = read_text(f"IMPRESSION:\n1. {new}\n")
    assert found.calcification == "absent"
    assert {m.kind for m in found.mentions if m.assertion == "negated"} == {"tendon"}


KEEPS = [
    # the deposit persists
    (SHOULDER, "Calcific tendinitis of the supraspinatus.",
     "Mild supraspinatus tendinosis; the calcific deposit persists."),
    # the newer report is silent about the deposit (silence is not resolution, P14.4)
    (HIP, "Calcific tendinopathy of the gluteus medius.",
     "Gluteus medius tendinopathy without a tear; small trochanteric bursitis."),
]


@pytest.mark.parametrize(("where", "old", "new"), KEEPS)
def test_a_deposit_not_gone_or_beside_a_mass_keeps_the_card(
        where: tuple[str, str, str], old: str, new: str) -> None:
    assert _pair(where, old, new) != []


def test_a_sentence_naming_a_mass_leaves_the_deposit_the_masss() -> None:
    found = read_text("IMPRESSION:\n1. Soft tissue mass abutting the peroneus longus tendon; the "
                      "calcific deposit has resolved.\n")
    assert {m.kind for m in found.mentions} == {"mass"}

