"""P11.111: the granulomatous node's cause is the disease the record names. P11.92's wording
"calcification in a node is often granulomatous (healed or treated infection)" called
sarcoidosis an infection on af20e49; sarcoidosis is no infection, and its nodes calcify from the
disease itself. Tuberculosis, histoplasmosis and coccidioidomycosis keep "healed or treated
infection"; a record naming only granulomatous disease names both causes."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card
from tests.test_node_context import FNA, NECK, NODE

SARCOID = "often sarcoid rather than metastatic"
INFECTION = "(healed or treated infection)"
EITHER = "(sarcoidosis or healed infection)"


@pytest.mark.parametrize(("text", "reason", "cause"), [
    (f"HISTORY: Sarcoidosis.\n{NODE}", None, SARCOID),
    (f"HISTORY: Pulmonary sarcoidosis, on no treatment.\n{NODE}", None, SARCOID),
    (NODE, "Neck node; known sarcoid", SARCOID),
    (f"CLINICAL HISTORY: Stage II sarcoidosis with hilar adenopathy.\n{NODE}", None, SARCOID),
    (f"HISTORY: Sarcoidosis treated with steroids.\n{NODE}", None, SARCOID),
    (f"INDICATION: Known granulomatous disease, neck fullness.\n{NODE}", None, EITHER),
    (f"HISTORY: Treated pulmonary tuberculosis in 2019.\n{NODE}", None, INFECTION),
    (NODE, "Neck node; prior histoplasmosis", INFECTION),
    (f"HISTORY: Coccidioidomycosis.\n{NODE}", None, INFECTION),
])
def test_the_granulomatous_cause_is_the_record_s(text: str, reason: str | None,
                                                cause: str) -> None:
    detail = first_card(text, NECK, FNA, reason).detail.replace("\n", " ")
    assert cause in detail
    assert "The record names granulomatous disease" in detail
    if cause != INFECTION:
        assert "infection)" not in detail or cause == EITHER
