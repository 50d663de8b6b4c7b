"""A lesion a newer report says was removed on a day it names is no target for the statements
of the reports before that day (P14.16a); removed before the older report, it is history."""

from __future__ import annotations

import pytest

from tests.test_reading_time import OLD_THIGH, THIGH_NOW, _cards, _report

DATED_REMOVED = [
    "The left vastus lateralis mass was resected on 2026-06-10. No residual mass.",
    "The left thigh mass was excised on June 10, 2026; no residual or recurrent tumor.",
    "Status post resection of the left vastus lateralis mass on 06/10/2026. No evidence of "
    "residual or recurrent tumor.",
    "Following excision of the left thigh sarcoma in June 2026, there is no residual mass.",
    "The left vastus lateralis mass was removed on 10 June 2026. No recurrence.",
    "Postoperative changes after resection of the vastus lateralis mass (2026-06-10). No "
    "residual mass.",
]
DATED_BEFORE = [  # removed before the older MRI saw the calcified mass: history, not this one
    "The left vastus lateralis mass was resected on 2026-01-10. No residual mass. A new 5.8 cm "
    "mass in the left vastus lateralis.",
    "Status post resection of a left thigh lipoma in 2019. The left vastus lateralis mass is "
    "unchanged at 5.8 cm.",
    "The left thigh mass was excised on December 1, 2025; no residual or recurrent tumor at "
    "that time. A 5.8 cm left vastus lateralis mass is again seen.",
]


@pytest.mark.parametrize(("now", "cards"), [
    *[(t, []) for t in DATED_REMOVED],
    *[(t, ["deep-soft-tissue-mass"]) for t in DATED_BEFORE],
])
def test_a_mass_removed_on_a_named_day_after_the_older_mri_draws_no_card(
        now: str, cards: list[str]) -> None:
    old = _report("mr0", "2026-03-02", "MRI FEMUR LEFT WITHOUT AND WITH CONTRAST", OLD_THIGH)
    new = _report("mr1", "2026-11-02", "MRI FEMUR LEFT WITHOUT AND WITH CONTRAST",
                  THIGH_NOW.format(now))
    assert _cards("US GUIDED CORE BX LT THIGH MASS", "20206", new, old) == cards
