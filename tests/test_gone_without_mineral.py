"""Issue 17, unseen27 t1, t2, e2 (P14.21, P2.34): a newer report says a tendon's deposit is gone
without a mineral word, naming it by its bony attachment or by the tendon and referring back to
the older report ("The focus at the posterior calcaneal tuberosity described in November 2025 is
no longer identified", "Resolution of the deposit at the third metacarpal base", "The calcific
focus at the inferior pole of the patella described in March has since resorbed"): the older
MRI's deposit is gone (no card), and the newer report's own class is `absent`. A focus of
something else (marrow edema, enhancement), another substance's deposits (hemosiderin), a
partial resolution, a gone at another tendon's attachment and a mass are no such statement.
Written before the engine change; the variants failed on main cdd77bb."""

from __future__ import annotations

import base64

import pytest

from cds_service.core.reading import read_text
from cds_service.core.reading.trigger import report_has_trigger
from tests.test_reading_time import _cards, _report

REPORT = ("EXAM: MRI {joint} RIGHT WITHOUT CONTRAST\n"
          "HISTORY: 47-year-old with right {joint_l} pain.\n"
          "TECHNIQUE: Axial, coronal and sagittal PD fat-saturated and T1 images.\n"
          "COMPARISON: {comparison}\n"
          "FINDINGS:\n"
          "Tendons: {text}\n"
          "Ligaments: Intact.\n"
          "Bones: No fracture.\n"
          "Joint: Small effusion.\n"
          "IMPRESSION:\n1. {impression}\n")

KNEE = ("KNEE", "MR KNEE RT WO", "73721")
ANKLE = ("ANKLE", "MR ANKLE RT WO", "73721")
WRIST = ("WRIST", "MR WRIST RT WO", "73221")
SHOULDER = ("SHOULDER", "MR SHOULDER RT WO", "73221")
HIP = ("HIP", "MRI HIP RT WO CONTRAST", "73721")
ELBOW = ("ELBOW", "MR ELBOW RT WO", "73221")
FOOT = ("FOOT", "MRI FOOT RT WO CONTRAST", "73718")
PELVIS = ("PELVIS", "MRI PELVIS WO CONTRAST", "72195")


def _body(joint: str, text: str, impression: str, comparison: str) -> str:
    return REPORT.format(joint=joint, joint_l=joint.lower(), comparison=comparison, text=text,
                         impression=impression)


def _newer_text(joint: str, new: str, impression: str = "Mild tendinosis.") -> str:
    return _body(joint, new, impression, f"MRI right {joint.lower()} 2026-03-10.")


def exams(where: tuple[str, str, str], old: tuple[str, str], new: tuple[str, str],
          then: str = "2026-03-10") -> list[str]:
    """The order's cards after an older MRI of the joint (of ``then``) and a newer one (of
    2026-10-20) comparing it, each given as its (findings, impression)."""
    joint, order, code = where
    before = _report("mr0", then, f"MRI {joint} RIGHT WO CONTRAST", _body(joint, *old, "None."))
    after = _report("mr1", "2026-10-20", f"MRI {joint} RIGHT WO CONTRAST",
                    _body(joint, *new, f"MRI right {joint.lower()} {then}."))
    return _cards(order, code, after, before)


def _pair(where: tuple[str, str, str], old: str, new: str,
          impression: str = "Mild tendinosis.") -> list[str]:
    return exams(where, (old, "Calcific tendinopathy, see findings."), (new, impression))


# (where, older statement, newer statement without a mineral word, or with one but naming the
# deposit by its attachment as a "focus")
GONE = [
    (KNEE, "The proximal patellar tendon is thickened at its origin and contains a 9 mm focus "
     "of very low signal on all sequences, consistent with calcific tendinopathy.",
     "The calcific focus at the inferior pole of the patella described in March has since "
     "resorbed; the surrounding edema has resolved."),
    (KNEE, "A 6 mm calcific deposit in the distal quadriceps tendon with mild edema.",
     "The focus at the superior pole of the patella described in March is no longer "
     "identified."),
    (ANKLE, "An 11 mm calcific deposit within the distal Achilles tendon fibres.",
     "The focus at the posterior calcaneal tuberosity described in March 2026 is no longer "
     "identified; the Achilles insertion is mildly thickened."),
    (WRIST, "At the insertion of the extensor carpi radialis brevis on the dorsal base of the "
     "third metacarpal there is an 8 mm calcific deposit.",
     "The 8 mm focus at the dorsal base of the third metacarpal described in March is no "
     "longer identified."),
    (SHOULDER, "A 12 mm calcific deposit in the supraspinatus tendon near its footprint.",
     "The previously described focus at the greater tuberosity has resolved."),
    (HIP, "A 14 mm calcific deposit in the gluteus medius tendon at its insertion.",
     "The deposit at the greater trochanter seen on the prior study has since resorbed."),
    (ELBOW, "A 6 mm calcific deposit in the distal biceps tendon near its insertion.",
     "The low-signal focus at the radial tuberosity described in March is no longer seen."),
    (FOOT, "A 7 mm calcific deposit in the distal peroneus brevis tendon.",
     "The deposit at the base of the fifth metatarsal has resolved."),
    (PELVIS, "Right adductor longus origin: 10 mm calcific deposit with surrounding edema.",
     "The previously described deposit at the right pubic body is no longer seen."),
]


@pytest.mark.parametrize(("where", "old", "new"), GONE)
def test_a_newer_gone_without_a_mineral_word_reaches_the_older_deposit(
        where: tuple[str, str, str], old: str, new: str) -> None:
    assert _pair(where, old, new) == []


@pytest.mark.parametrize(("where", "impression"), [
    (WRIST, "Resolution of the deposit at the third metacarpal base."),
    (ANKLE, "Interval resolution of the insertional deposit at the posterior calcaneal "
            "tuberosity."),
    (HIP, "Interval resorption of the gluteus medius deposit."),
])
def test_an_impression_alone_saying_the_deposit_resolved_reaches_it(
        where: tuple[str, str, str], impression: str) -> None:
    old = {WRIST: GONE[3][1], ANKLE: GONE[2][1], HIP: GONE[5][1]}[where]
    assert _pair(where, old, "Mild tendinosis.", impression) == []


@pytest.mark.parametrize(("where", "new"), [(w, n) for w, _, n in GONE])
def test_the_newer_report_alone_is_absent_and_passes_the_pre_filter(
        where: tuple[str, str, str], new: str) -> None:
    text = _newer_text(where[0], new)
    found = read_text(text)
    assert found.calcification == "absent"
    assert {m.kind for m in found.mentions if m.assertion == "negated"} == {"tendon"}
    data = base64.b64encode(text.encode()).decode()
    assert report_has_trigger({"resourceType": "DiagnosticReport", "id": "r", "status": "final",
                               "code": {"text": "MRI"},
                               "presentedForm": [{"contentType": "text/plain", "data": data}]})


def test_a_mineral_word_and_the_gone_deposit_are_one_mention() -> None:
    found = read_text("The calcific deposit at the greater tuberosity has resolved.")
    assert [(m.assertion, m.kind) for m in found.mentions] == [("negated", "tendon")]


def test_a_calcific_focus_at_a_tendons_attachment_is_the_tendons() -> None:  # P2.34
    found = read_text("At the inferior pole of the patella a 7 mm low-signal calcific focus "
                      "persists.")
    assert {m.kind for m in found.mentions} == {"tendon"}


# --- guards: the older deposit keeps its card ------------------------------------------------

KEEPS = [
    # a focus of something else
    (SHOULDER, GONE[4][1], "The focus of marrow edema at the greater tuberosity described in "
     "March has resolved."),
    (ANKLE, GONE[2][1], "The enhancing focus at the posterior calcaneal tuberosity described in "
     "March has resolved."),
    # another substance's deposits; what surrounds the deposit
    (KNEE, GONE[0][1], "The hemosiderin deposits described in March have resolved."),
    (SHOULDER, GONE[4][1], "The edema around the deposit at the greater tuberosity has "
     "resolved."),
    # partly gone; still there
    (HIP, GONE[5][1], "The deposit at the greater trochanter has partially resolved."),
    (HIP, GONE[5][1], "Partial resolution of the deposit at the greater trochanter."),
    # another tendon's attachment at the same joint
    (ELBOW, "A 7 mm calcific deposit at the lateral epicondyle with adjacent edema.",
     "The deposit at the medial epicondyle described in March has resolved."),
    (SHOULDER, "An 8 mm calcific deposit in the subscapularis tendon.",
     "The focus at the greater tuberosity described in March is no longer identified."),
]


@pytest.mark.parametrize(("where", "old", "new"), KEEPS)
def test_a_gone_that_is_not_the_deposits_leaves_its_card(
        where: tuple[str, str, str], old: str, new: str) -> None:
    assert _pair(where, old, new) != []


def test_a_mass_is_not_gone_by_a_focus_without_a_mineral_word() -> None:
    old = _report("mr0", "2026-03-10", "MRI THIGH RIGHT WO CONTRAST",
                  "EXAM: MRI THIGH RIGHT\nFINDINGS:\nA 4 cm mass in the right vastus lateralis "
                  "with internal calcification.\n")
    new = _report("mr1", "2026-10-20", "MRI THIGH RIGHT WO CONTRAST",
                  "EXAM: MRI THIGH RIGHT\nFINDINGS:\nThe focus in the right vastus lateralis "
                  "described in March is no longer identified.\n")
    assert _cards("US GUIDED CORE BX RT THIGH MASS", "20206", new, old) != []


@pytest.mark.parametrize("text", [
    "Hemosiderin deposition has resolved.",
    "The focus of marrow edema at the greater tuberosity described in March has resolved.",
    "The focus in the right vastus lateralis described in March is no longer identified.",
    "The effusion has resolved.",
])
def test_no_statement_about_calcium(text: str) -> None:
    assert read_text(text).mentions == ()
