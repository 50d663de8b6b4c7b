"""P13.15 (lead ruling on unseen41 a2): a radiograph report, of any date, that states
chondrocalcinosis or CPPD (crystal deposition) of the joint (and side) an MRI names
chondrocalcinosis in has shown it (P13.2(b)); so has a radiograph the MRI sentence cites as
showing it (P13.2(c)). A radiograph that does not state it, of the other side or of another
joint does not, and tendon, ligament and capsule deposits keep CT or ultrasound (P13.10)."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core import rules
from cds_service.core.reading import read_report
from tests.test_order_catalog import read
from tests.test_prior_imaging import study


def _report(text: str, title: str, date: str, rid: str) -> dict[str, Any]:
    return {"resourceType": "DiagnosticReport", "id": rid, "status": "final",
            "code": {"text": title}, "effectiveDateTime": date,
            "subject": {"reference": "Patient/p1"}, "conclusion": text}


MRI_DAY = "2026-11-06"


def _leads(mri: str, title: str, order: str, *xrays: tuple[str, str, str],
           studies: tuple[Any, ...] = ()) -> list[str]:
    """The leading rule of each card ``order`` draws on the MRI and the radiograph reports
    (text, title, date)."""
    reports = [read_report(_report(mri, title, MRI_DAY, "mr"))]
    reports += [read_report(_report(t, x, d, f"xr{i}")) for i, (t, x, d) in enumerate(xrays)]
    ev = rules.Evidence(reports=tuple(sorted(reports, key=lambda r: r.date or "",
                                             reverse=True)), studies=studies)
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(read(order), ev))]


ANKLE = ("EXAM: MRI ANKLE RT W/O\nHISTORY: 71-year-old woman, recurrent painful swelling right "
         "ankle.\nFINDINGS:\nJoint: Moderate tibiotalar effusion with synovitis. Thin linear "
         "low-signal foci along the talar dome cartilage with blooming on GRE, compatible with "
         "chondrocalcinosis (CPPD).\nTendons: Tenosynovitis of the posterior tibial tendon; no "
         "tear.\nIMPRESSION:\n1. Tibiotalar chondrocalcinosis with effusion and synovitis, "
         "suggesting CPPD arthropathy.\n2. Posterior tibial tenosynovitis.")
KNEE = ("EXAM: MRI LEFT KNEE WITHOUT CONTRAST\nHISTORY: 68-year-old man, knee pain and "
        "effusion.\nFINDINGS:\nMenisci: Linear low signal within the medial and lateral menisci, "
        "consistent with chondrocalcinosis. No meniscal tear.\nCartilage: Moderate medial "
        "compartment chondral thinning.\nIMPRESSION:\n1. Meniscal chondrocalcinosis.\n"
        "2. Moderate medial compartment osteoarthritis.")
WRIST = ("EXAM: MRI RIGHT WRIST WITHOUT CONTRAST\nHISTORY: Wrist pain and swelling.\nFINDINGS:\n"
         "Linear low signal within the triangular fibrocartilage, consistent with "
         "chondrocalcinosis. Radiocarpal effusion.\nIMPRESSION: Chondrocalcinosis of the "
         "triangular fibrocartilage with radiocarpal effusion.")
HIP = ("EXAM: MRI LEFT HIP WITHOUT CONTRAST\nHISTORY: 74-year-old woman, hip pain.\nFINDINGS:\n"
       "Small hip joint effusion. Linear low signal along the acetabular labrum and articular "
       "cartilage, consistent with chondrocalcinosis.\nIMPRESSION: Chondrocalcinosis of the left "
       "hip with a small effusion.")
SYMPHYSIS = ("EXAM: MRI PELVIS WITHOUT CONTRAST\nHISTORY: Groin pain.\nFINDINGS:\nLinear low "
             "signal within the fibrocartilaginous disc of the pubic symphysis, consistent with "
             "chondrocalcinosis. No fracture.\nIMPRESSION: Chondrocalcinosis of the pubic "
             "symphysis.")

STATED = [  # MRI, its title, the order, a radiograph report stating it (text, title, date)
    (ANKLE, "MRI ANKLE RT W/O", "MRI ANKLE RT W/O",
     ("FINDINGS: Chondrocalcinosis of the tibiotalar joint cartilage. Joint effusion.\n"
      "IMPRESSION: Tibiotalar chondrocalcinosis, CPPD.", "XR ANKLE RT 3V", "2026-11-20")),
    (KNEE, "MRI LEFT KNEE WITHOUT CONTRAST", "MRI KNEE LT WO CONTRAST",
     ("FINDINGS: Chondrocalcinosis of the medial and lateral menisci. Mild medial joint space "
      "narrowing.\nIMPRESSION: Chondrocalcinosis, in keeping with CPPD.", "XR KNEE LT 3 VIEWS",
      "2026-09-14")),
    (WRIST, "MRI RIGHT WRIST WITHOUT CONTRAST", "MRI WRIST RT WO CONTRAST",
     ("FINDINGS: Calcification of the triangular fibrocartilage.\nIMPRESSION: Chondrocalcinosis "
      "of the triangular fibrocartilage, CPPD.", "XR WRIST RIGHT 3 VIEWS", "2026-11-12")),
    (HIP, "MRI LEFT HIP WITHOUT CONTRAST", "MRI HIP LT WO CONTRAST",
     ("FINDINGS: Chondrocalcinosis of the left hip joint. Mild joint space narrowing.\n"
      "IMPRESSION: Left hip chondrocalcinosis, suggesting CPPD.", "XR HIP LEFT 2 VIEWS",
      "2026-10-02")),
    (SYMPHYSIS, "MRI PELVIS WITHOUT CONTRAST", "MRI PELVIS WO CONTRAST",
     ("FINDINGS: Linear calcification of the pubic symphysis, chondrocalcinosis.\nIMPRESSION: "
      "Chondrocalcinosis of the pubic symphysis, CPPD.", "XR PELVIS AP", "2026-11-10")),
]


@pytest.mark.parametrize(("mri", "title", "order", "xray"), STATED)
def test_without_the_radiograph_the_chondrocalcinosis_draws_the_card(
        mri: str, title: str, order: str, xray: tuple[str, str, str]) -> None:
    assert _leads(mri, title, order) == ["crystal-deposition"]


@pytest.mark.parametrize(("mri", "title", "order", "xray"), STATED)
def test_a_radiograph_stating_chondrocalcinosis_of_the_joint_has_shown_it(
        mri: str, title: str, order: str, xray: tuple[str, str, str]) -> None:
    assert _leads(mri, title, order, xray) == []


def test_a_radiograph_the_mri_cites_as_showing_it_has_shown_it() -> None:
    """P13.2(c)."""
    cited = ANKLE.replace("compatible with chondrocalcinosis (CPPD).",
                          "compatible with chondrocalcinosis (CPPD), as on the right ankle "
                          "radiographs of 2026-10-30.")
    cited = cited.replace("1. Tibiotalar chondrocalcinosis with",
                          "1. Tibiotalar chondrocalcinosis, also seen on the radiographs, with")
    assert _leads(cited, "MRI ANKLE RT W/O", "MRI ANKLE RT W/O") == []


def test_a_radiograph_of_the_other_side_does_not_answer_it() -> None:
    xray = ("FINDINGS: Chondrocalcinosis of the tibiotalar joint cartilage.\nIMPRESSION: "
            "Tibiotalar chondrocalcinosis, CPPD.", "XR ANKLE LT 3V", "2026-11-20")
    assert _leads(ANKLE, "MRI ANKLE RT W/O", "MRI ANKLE RT W/O", xray) == ["crystal-deposition"]


def test_a_radiograph_of_another_joint_does_not_answer_it() -> None:
    xray = ("FINDINGS: Chondrocalcinosis of the medial and lateral menisci.\nIMPRESSION: "
            "Knee chondrocalcinosis, CPPD.", "XR KNEE RT 3 VIEWS", "2026-11-20")
    assert _leads(ANKLE, "MRI ANKLE RT W/O", "MRI ANKLE RT W/O", xray) == ["crystal-deposition"]


def test_a_radiograph_that_does_not_state_it_does_not_answer_it() -> None:
    """P13.2(a) and P13.3: radiography is not the study that evaluates chondrocalcinosis, so a
    radiograph after the MRI, or before it, answers it only by stating it."""
    for day in ("2026-11-20", "2026-10-30"):
        xray = ("FINDINGS: Soft tissue swelling about the ankle. No fracture. Ankle mortise "
                "intact.\nIMPRESSION: No acute osseous abnormality.", "XR ANKLE RT 3V", day)
        assert _leads(ANKLE, "MRI ANKLE RT W/O", "MRI ANKLE RT W/O", xray,
                      studies=(study("DX", day, "XR ANKLE RT 3V"),)) == ["crystal-deposition"]


def test_a_radiograph_stating_something_else_of_the_joint_does_not_answer_it() -> None:
    xray = ("FINDINGS: Small calcified loose body anterior to the talus.\nIMPRESSION: Loose "
            "body. No chondrocalcinosis.", "XR ANKLE RT 3V", "2026-11-20")
    assert _leads(ANKLE, "MRI ANKLE RT W/O", "MRI ANKLE RT W/O", xray) == ["crystal-deposition"]


GUARDS = [  # P13.10 and the tendon row: a radiograph stating it does not answer these
    ("FINDINGS: Along the radial collateral ligament of the index metacarpophalangeal joint "
     "there is an amorphous 6 mm focus of low signal, in keeping with a calcific deposit.\n"
     "IMPRESSION: Acute calcific periarthritis at the radial collateral ligament of the right "
     "index MCP joint.", "MRI RIGHT HAND WITHOUT CONTRAST", "MRI RT HAND WO CONTRAST",
     ("FINDINGS: Amorphous calcification adjacent to the index MCP joint, calcific "
      "periarthritis. Chondrocalcinosis of the triangular fibrocartilage.",
      "XR RIGHT HAND 3 VIEWS", "2026-11-20")),
    ("FINDINGS: A 9 mm calcific deposit in the distal supraspinatus tendon with surrounding "
     "bursitis.\nIMPRESSION: Calcific tendinosis of the right supraspinatus.",
     "MRI RIGHT SHOULDER WITHOUT CONTRAST", "MRI SHOULDER RT WO CONTRAST",
     ("FINDINGS: Calcific tendinitis of the supraspinatus. Glenohumeral chondrocalcinosis.\n"
      "IMPRESSION: Calcific tendinitis; chondrocalcinosis, CPPD.", "XR SHOULDER RT 2 VIEWS",
      "2026-11-20")),
]


@pytest.mark.parametrize(("mri", "title", "order", "xray"), GUARDS)
def test_a_tendon_or_ligament_deposit_keeps_ct_or_ultrasound(
        mri: str, title: str, order: str, xray: tuple[str, str, str]) -> None:
    assert _leads(mri, title, order) == ["crystal-deposition"]
    assert _leads(mri, title, order, xray) == ["crystal-deposition"]
