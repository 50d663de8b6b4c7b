"""A calcified vessel named beside a mass is the vessel's calcification, not the mass's
(docs/matching-policy.md P15.3a, P15.3, P4.11): "a calcified breast artery … courses along its
lateral margin", "calcified breast arteries", "a calcified vessel lies along its deep margin" are
incidental structures, so a biopsy or contrast CT of the mass beside them draws no card. Each
variant failed on main cdd77bb (unseen28 first run, k2 twin: the artery sentence was quoted as the
breast mass's calcification before an ultrasound-guided breast biopsy). Guards: coronary arteries
keep their own kind, a calcified mass beside a vessel stays a calcified mass, a calcified aneurysm
stays the vessel's, and phleboliths or calcified thrombi or vessels inside a vascular lesion stay
that lesion's calcification (P19.1)."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads

BREAST = "MRI BREAST BILATERAL WITH AND WITHOUT CONTRAST"
THIGH = "MRI LEFT THIGH WITHOUT AND WITH CONTRAST"

VESSEL_BESIDE = [
    ("FINDINGS:\nRight breast: At 10 o'clock, middle depth, there is a 1.4 cm irregular mass with "
     "spiculated margins, rim enhancement and washout kinetics. The mass shows no internal "
     "calcification. A calcified breast artery, tubular and low in signal on all sequences, "
     "courses along its lateral margin.\nIMPRESSION: 1. 1.4 cm spiculated right breast mass at "
     "10 o'clock without internal calcification; a calcified breast artery runs beside it. "
     "BI-RADS 5.", "US BX BREAST RT 1ST LESION", "19083", BREAST),
    ("FINDINGS:\nLeft breast: A 9 mm irregular enhancing mass at 2 o'clock, middle depth. "
     "Calcified breast arteries are noted in the upper outer quadrant.\nIMPRESSION: 9 mm "
     "irregular left breast mass at 2 o'clock, BI-RADS 4.", "US BX BREAST LT 1ST LESION", None,
     BREAST),
    ("FINDINGS:\nLeft breast: 1.1 cm oval enhancing mass at 3 o'clock with washout. Benign "
     "calcified vessels are seen in the left breast.\nIMPRESSION: Left breast mass, BI-RADS 4.",
     "MRI GUIDED BIOPSY LEFT BREAST", None, BREAST),
    ("FINDINGS: A 3 cm enhancing mass in the right axilla. A calcified vessel lies along its "
     "deep margin.", "US GUIDED CORE BIOPSY RIGHT AXILLARY MASS", None, "MRI RIGHT SHOULDER"),
    ("FINDINGS: Muscles: A 3 cm enhancing mass in the left vastus medialis. A calcified vessel "
     "courses along its medial border.", "CT GUIDED CORE BIOPSY LEFT THIGH MASS", None, THIGH),
    ("FINDINGS: A 4 cm enhancing mass in the right popliteal fossa, without calcification. "
     "Densely calcified popliteal and tibial arteries lie deep to the mass.",
     "US GUIDED BIOPSY RIGHT KNEE MASS", None, "MRI RIGHT KNEE"),
    ("FINDINGS: Right breast: At 10 o'clock a 1.4 cm irregular mass. The mass shows no internal "
     "calcification. A calcified breast artery courses along its lateral margin.",
     "CT CHEST W CONTRAST", "71260", BREAST),
    ("FINDINGS: Sella: A 2 cm enhancing sellar mass. The mass abuts the calcified left carotid "
     "siphon.", "CT HEAD W CONTRAST", "70460", "MRI BRAIN WITHOUT AND WITH CONTRAST"),
]


@pytest.mark.parametrize(("report", "text", "code", "title"), VESSEL_BESIDE)
def test_a_calcified_vessel_beside_a_mass_is_not_the_masss_calcification(
        report: str, text: str, code: str | None, title: str) -> None:
    assert leads(report, text, code, title=title) == []
    assert not [s for s in read_text(report).structures
                if s.kind == "mass" and s.mineral != "absent"]
    assert [s for s in read_text(report).structures if s.kind == "incidental"]


@pytest.mark.parametrize("report", [
    "FINDINGS: Calcified breast arteries.",
    "FINDINGS: Both breasts: scattered calcified arteries.",
    "FINDINGS: Arterial calcifications in the left breast.",
    "FINDINGS: A calcified left superficial femoral artery.",
])
def test_a_calcified_artery_alone_is_incidental(report: str) -> None:
    assert [s.kind for s in read_text(report).structures] == ["incidental"]


# --- guards ----------------------------------------------------------------------------------

@pytest.mark.parametrize("report", [
    "FINDINGS: Calcified left anterior descending artery.",
    "FINDINGS: Calcified coronary arteries, most marked in the proximal LAD.",
])
def test_coronary_arteries_keep_their_own_kind(report: str) -> None:
    assert [s.kind for s in read_text(report).structures] == ["vessel"]
    assert leads(report, "CCTA", title="MRI CARDIAC WITHOUT AND WITH CONTRAST") == [
        "cardiovascular-calcification"]


@pytest.mark.parametrize("report", [
    "FINDINGS: A 4 cm calcified mass abuts the superficial femoral artery.",
    "FINDINGS: A 3 cm calcified mass lies along the calcified superficial femoral artery.",
    "FINDINGS: A 2 cm mass beside the femoral artery contains coarse calcification.",
    "FINDINGS: A 3 cm calcified soft tissue mass encases the left superficial femoral artery.",
    "FINDINGS: A 3 cm mass in the left thigh with calcified vessels within it.",
    "FINDINGS: A 4 cm venous malformation of the left vastus medialis with calcified thrombi in "
    "its dilated channels.",
    "FINDINGS: A 4 cm venous malformation of the left thigh contains phleboliths.",
])
def test_a_calcified_mass_beside_or_holding_a_vessel_stays_a_calcified_mass(report: str) -> None:
    assert leads(report, "CT GUIDED CORE BIOPSY LEFT THIGH MASS", title=THIGH) != []


@pytest.mark.parametrize("report", [
    "FINDINGS: A calcified popliteal artery aneurysm measuring 2.4 cm.",
    "FINDINGS: A 2 cm calcified splenic artery aneurysm.",
])
def test_a_calcified_aneurysm_stays_the_vessels(report: str) -> None:
    assert [s.kind for s in read_text(report).structures] == ["vessel"]


@pytest.mark.parametrize("report", [
    "FINDINGS: A calcified left carotid bulb mass.",
    "FINDINGS: A 3 cm calcified carotid body tumor.",
])
def test_a_mass_named_by_its_vessel_stays_a_mass(report: str) -> None:
    assert [s.kind for s in read_text(report).structures] == ["mass"]
