"""P2.36: the flexor carpi ulnaris muscle (its belly) is the forearm's place; the tendon, its
insertion on the pisiform and the bare name of a deposit there stay the wrist's.

unseen32 k1 pos was silent on 0f2519d: "a 4.7 x 2.6 x 2.4 cm intramuscular mass within the
flexor carpi ulnaris muscle belly ... likely represent calcification" read as a wrist mass, so
"CT FOREARM LT W/CONTRA" (CPT 73201 "CT UPPER EXTREMITY W/DYE") did not reach it. The catalog's
contrast wordings were read right (checked here too); the muscle's place was not.
"""
from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads, read

DYE = "CT UPPER EXTREMITY W/DYE"

K1 = (
    "FINDINGS: Muscles: Within the flexor carpi ulnaris muscle belly in the proximal third of the "
    "forearm there is a 4.7 x 2.6 x 2.4 cm intramuscular mass, heterogeneous on T2 with an "
    "enhancing rim. Clustered low-signal foci along its deep margin on all sequences likely "
    "represent calcification. IMPRESSION: 1. 4.7 cm intramuscular mass of the left flexor carpi "
    "ulnaris with probable calcification; sarcoma is a consideration.")

# (report, order text, CPT code, CPT display): each was silent before P2.36
VARIANTS = [
    (K1, "CT FOREARM LT W/CONTRA", "73201", DYE),
    ("A 3.8 cm calcified mass within the right FCU muscle, deep to the fascia.",
     "CT FOREARM RT W/DYE", "73201", DYE),
    ("Heterogeneous 5 cm intramuscular mass in the left flexor carpi ulnaris belly with "
     "peripheral calcification.", "CT FOREARM LT W/CONTR", None, None),
    ("Right flexor carpi ulnaris muscle: 2.9 cm enhancing intramuscular mass with coarse "
     "internal calcifications.", "CT FOREARM RT WCON", "73201", None),
    ("4 cm intramuscular mass of the left flexor carpi ulnaris muscle containing "
     "calcification.", "CT FOREARM LT W/IV", None, None),
    ("Within the left FCU muscle belly there is a 3 cm intramuscular mass with punctate "
     "calcification.",
     "CT L FOREARM W CON", "73201", DYE),
]


@pytest.mark.parametrize(("report", "text", "code", "display"), VARIANTS)
def test_calcified_fcu_muscle_mass_before_forearm_contrast_ct(
        report: str, text: str, code: str | None, display: str | None) -> None:
    extra = {"display": display} if display else {}
    assert read(text, code, **extra).kind == "ct-contrast"
    assert "deep-soft-tissue-mass" in leads(report, text, code, **extra)


@pytest.mark.parametrize("report", [v[0] for v in VARIANTS])
def test_fcu_muscle_mass_is_the_forearms(report: str) -> None:
    # the first mass each report names is in the muscle (left: K1's impression, "mass of the
    # left flexor carpi ulnaris", a side word inside the name, still reads the wrist's)
    masses = [s for s in read_text(report).structures if s.kind == "mass"]
    assert masses and masses[0].site == "forearm"


# guards: the tendon, its insertion and a deposit named by the bare muscle stay the wrist's
@pytest.mark.parametrize("report", [
    "Acute calcific tendinitis of the flexor carpi ulnaris tendon at the pisiform.",
    "Calcific tendinitis of the flexor carpi ulnaris insertion, recurrent and larger.",
    "Calcific tendinitis of the flexor carpi ulnaris.",
    "7 mm calcific deposit in the distal FCU tendon just proximal to the pisiform.",
])
def test_fcu_tendon_deposit_stays_at_the_wrist(report: str) -> None:
    found = read_text(report).structures
    assert found and all(s.site == "wrist" for s in found)


def test_noncalcified_fcu_muscle_mass_draws_no_mass_card() -> None:
    report = "A 4 cm enhancing mass in the left flexor carpi ulnaris muscle, no calcification."
    assert "deep-soft-tissue-mass" not in leads(report, "CT FOREARM LT W/CONTRA", "73201",
                                                display=DYE)


def test_calcified_fcu_muscle_mass_before_a_chest_ct_is_silent() -> None:
    assert leads(VARIANTS[1][0], "CT CHEST W/DYE") == []
