"""The reader's work per report: what it asks of one sentence is worked out once, however many
sentences after it refer back to it (a report's cost grows with its length, not with the number
of statements that look back)."""

from __future__ import annotations

from collections import Counter

import pytest

from cds_service.core import anatomy
from cds_service.core.reading import read_text


def test_each_sentence_s_sites_are_found_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: Counter[str] = Counter()
    real = anatomy.find_sites

    def counting(s: str) -> list[tuple[int, int, str]]:
        calls[s] += 1
        return real(s)

    monkeypatch.setattr(anatomy, "find_sites", counting)
    found = read_text(
        "FINDINGS:\nA 4 cm mass lies in the left vastus lateralis. It is T2 hyperintense. "
        "Calcification is seen in it. There is calcification within the lesion. "
        "Calcification cannot be excluded. Peripheral calcific foci are present.\n"
        "IMPRESSION:\nCalcified left thigh mass.")
    assert found.calcification == "present"
    assert calls and max(calls.values()) == 1, calls.most_common(3)
