"""Issue 17, unseen24 t1 (P2.34, P14.20): a tendon's deposit named by its bony attachment ("the
calcific deposit at the medial epicondyle") is the deposit of the tendon that arises or inserts
there (the common flexor origin), in one report and across reports: a newer report's "has since
resorbed" said either way reaches the older statement said the other way. The attachment of
another tendon at the same joint (the lateral epicondyle, the lesser tuberosity) and a lesion
inside the bone there are other structures. Written before the engine change; the variants
failed on main 0a63b29."""

from __future__ import annotations

import pytest

from cds_service.core import attachments
from cds_service.core.reading import read_text
from cds_service.errors import DataError
from tests.test_card_names import card_detail
from tests.test_reading_time import _cards, _report

REPORT = ("EXAM: MRI RIGHT {joint} WITHOUT CONTRAST\n"
          "HISTORY: 51-year-old woman with right {joint_l} pain.\n"
          "TECHNIQUE: Axial, coronal and sagittal PD fat-saturated and T1 images.\n"
          "COMPARISON: {comparison}\n"
          "FINDINGS:\n"
          "Tendons: {text}\n"
          "Ligaments: Intact.\n"
          "Bones: No fracture. No marrow edema.\n"
          "Joint: No effusion. Cartilage preserved.\n"
          "IMPRESSION:\n1. {impression}\n")


def _exam(joint: str, date: str, text: str, impression: str, rid: str):
    comparison = "None." if rid == "mr0" else f"MRI right {joint.lower()} 2026-03-10."
    body = REPORT.format(joint=joint, joint_l=joint.lower(), comparison=comparison, text=text,
                         impression=impression)
    return _report(rid, date, f"MRI {joint} RIGHT WO CONTRAST", body)


def _pair(joint: str, old: str, new: str, order: str, code: str) -> list[str]:
    before = _exam(joint, "2026-03-10", old, "Calcific tendinosis, see findings.", "mr0")
    after = _exam(joint, "2026-10-20", new, "See findings.", "mr1")
    return _cards(order, code, after, before)


ELBOW = ("ELBOW", "MEDIAL EPICONDYLE DEBRIDEMENT RT ELBOW", "24359")
LATERAL = ("ELBOW", "LATERAL EPICONDYLE DEBRIDEMENT RT ELBOW", "24358")
SHOULDER = ("SHOULDER", "MR SHOULDER RT WO CONTRAST", "73221")
HIP = ("HIP", "MRI HIP RT WO CONTRAST", "73721")
KNEE = ("KNEE", "MRI KNEE RT WO CONTRAST", "73721")
ANKLE = ("ANKLE", "MRI ANKLE RT WO CONTRAST", "73721")
WRIST = ("WRIST", "MRI WRIST RT WO CONTRAST", "73221")
PELVIS = ("PELVIS", "MRI PELVIS WO CONTRAST", "72195")

# (where, older statement, newer statement): the newer one names the same deposit the other way
GONE = [
    (ELBOW, "The common flexor origin is thickened and contains a 7 mm calcific deposit.",
     "The calcific deposit at the medial epicondyle has since resorbed and is no longer "
     "identified."),
    (ELBOW, "A 7 mm calcific deposit at the right medial epicondyle, with surrounding edema.",
     "The calcific deposit in the common flexor origin has resolved."),
    (ELBOW, "Common flexor-pronator origin: 6 mm calcific deposit with mild tendinosis.",
     "Interval resorption of the calcific deposit at the medial epicondyle."),
    (LATERAL, "A 5 mm calcific deposit at the lateral epicondyle with adjacent edema.",
     "The calcific deposit of the common extensor origin is no longer seen."),
    (SHOULDER, "A 12 mm calcific deposit in the supraspinatus tendon, 1 cm from its footprint.",
     "The calcific deposit at the greater tuberosity has resolved."),
    (SHOULDER, "A 9 mm calcific deposit at the greater tuberosity with subacromial bursitis.",
     "The infraspinatus calcific deposit has since resorbed."),
    (SHOULDER, "An 8 mm calcific deposit in the subscapularis tendon with surrounding edema.",
     "The calcific deposit at the lesser tuberosity is no longer identified."),
    (HIP, "A 14 mm calcific deposit at the greater trochanter with trochanteric bursitis.",
     "The calcific deposit in the gluteus medius tendon has resolved."),
    (KNEE, "A 6 mm calcific deposit at the inferior pole of the patella.",
     "The calcific deposit in the proximal patellar tendon has since resorbed."),
    (ANKLE, "The distal Achilles tendon contains a 10 mm calcific deposit.",
     "The calcific deposit at the posterior calcaneal tuberosity is no longer identified."),
    (WRIST, "A 4 mm calcific deposit at the pisiform, with surrounding edema.",
     "The calcific deposit in the flexor carpi ulnaris tendon has resolved."),
    (PELVIS, "Right hamstring origin: 11 mm calcific deposit with surrounding edema.",
     "The calcific deposit at the right ischial tuberosity has resolved."),
    (KNEE, "A 5 mm calcific deposit at Gerdy's tubercle with mild edema.",
     "The calcific deposit in the distal iliotibial band has since resorbed."),
]

# the same pairs, the newer report keeping the deposit (P14.3): the older card stays
def _persists(new: str) -> str:
    """The newer statement saying the deposit persists instead."""
    verb = min(i for w in (" has ", " is ") if (i := new.find(w)) > 0)
    return new[:verb] + " persists, now 5 mm."


KEPT = [(where, old, _persists(new)) for where, old, new in GONE
        if not new.startswith("Interval")]


@pytest.mark.parametrize(("where", "old", "new"), GONE)
def test_a_newer_gone_said_by_the_attachment_or_the_tendon_reaches_the_other(
        where: tuple[str, str, str], old: str, new: str) -> None:
    assert _pair(where[0], old, new, where[1], where[2]) == []


@pytest.mark.parametrize(("where", "old", "new"), KEPT)
def test_a_deposit_that_persists_keeps_its_card(
        where: tuple[str, str, str], old: str, new: str) -> None:
    assert _pair(where[0], old, new, where[1], where[2]) != []


# unseen24 t1's shape: the older report finds the deposit "within" the tendon named on the line
# before and names the attachment in its impression; the newer one says the deposit at the
# attachment is gone, or the other way round
T1 = [  # (where, tendon as the older report names it, attachment)
    (ELBOW, "common flexor origin at the medial epicondyle", "medial epicondyle"),
    (LATERAL, "common extensor origin at the lateral epicondyle", "lateral epicondyle"),
    (SHOULDER, "supraspinatus tendon at its footprint", "greater tuberosity"),
    (SHOULDER, "subscapularis tendon", "lesser tuberosity"),
    (HIP, "gluteus medius tendon", "greater trochanter"),
    (ANKLE, "distal Achilles tendon", "posterior calcaneal tuberosity"),
    (KNEE, "proximal patellar tendon", "inferior pole of the patella"),
    (WRIST, "flexor carpi ulnaris tendon", "pisiform"),
]


def _t1(where: tuple[str, str, str], tendon: str, place: str, now: str, summary: str) -> list[str]:
    joint, order, code = where
    old = _report("mr0", "2026-04-16", f"MRI {joint} RIGHT WO CONTRAST", REPORT.format(
        joint=joint, joint_l=joint.lower(), comparison="None.",
        text=f"The {tendon} is thickened with intermediate signal. Within it is a 7 mm "
             "low-signal focus on all sequences, consistent with a calcific deposit. Mild "
             "adjacent soft-tissue edema.",
        impression=f"Tendinosis with a 7 mm calcific deposit at the right {place} (calcific "
                   "tendinosis)."))
    new = _report("mr1", "2026-10-22", f"MRI {joint} RIGHT WO CONTRAST", REPORT.format(
        joint=joint, joint_l=joint.lower(), comparison=f"MRI right {joint.lower()} 2026-04-16.",
        text=f"The {tendon} remains thickened. {now} Mild soft-tissue edema.",
        impression=summary))
    return _cards(order, code, new, old)


@pytest.mark.parametrize(("where", "tendon", "place"), T1)
def test_a_newer_gone_at_the_attachment_reaches_the_deposit_within_the_tendon(
        where: tuple[str, str, str], tendon: str, place: str) -> None:
    assert _t1(where, tendon, place, f"The calcific deposit at the {place} has since resorbed "
               "and is no longer identified.",
               f"Interval resorption of the calcific deposit at the {place}.") == []


@pytest.mark.parametrize(("where", "tendon", "place"), T1)
def test_a_newer_deposit_at_the_attachment_that_persists_keeps_the_card(
        where: tuple[str, str, str], tendon: str, place: str) -> None:
    assert _t1(where, tendon, place, f"The calcific deposit at the {place} persists, now 6 mm.",
               f"Persistent 6 mm calcific deposit at the {place}.") != []


# guards: the attachment of another tendon at the same joint, a lesion inside the bone
OTHER = [
    (LATERAL, "A 5 mm calcific deposit at the lateral epicondyle with adjacent edema.",
     "The calcific deposit in the common flexor origin has resolved."),
    (ELBOW, "A 7 mm calcific deposit at the medial epicondyle, with surrounding edema.",
     "The calcific deposit at the lateral epicondyle has since resorbed."),
    (SHOULDER, "An 8 mm calcific deposit at the lesser tuberosity with surrounding edema.",
     "The calcific deposit in the supraspinatus tendon has resolved."),
    (SHOULDER, "A 9 mm calcific deposit at the greater tuberosity with subacromial bursitis.",
     "The calcific deposit in the subscapularis tendon is no longer identified."),
    (HIP, "A 14 mm calcific deposit at the greater trochanter with trochanteric bursitis.",
     "The calcific deposit in the hamstring origin has resolved."),
]


@pytest.mark.parametrize(("where", "old", "new"), OTHER)
def test_a_gone_at_another_tendons_attachment_leaves_the_deposit(
        where: tuple[str, str, str], old: str, new: str) -> None:
    assert _pair(where[0], old, new, where[1], where[2]) != []


# --- in one report (P2.34): the deposit at the attachment is the tendon's -------------------

@pytest.mark.parametrize("text", [
    "The calcific deposit at the medial epicondyle persists, now 6 mm.",
    "A 7 mm calcific deposit at the lateral epicondyle with adjacent edema.",
    "A 9 mm calcific deposit at the greater tuberosity.",
    "A 14 mm calcific deposit at the greater trochanter.",
    "A 4 mm calcific deposit at the pisiform.",
    "A 6 mm calcific deposit at the inferior pole of the patella.",
])
def test_a_deposit_at_a_tendons_bony_attachment_is_the_tendons(text: str) -> None:
    kinds = {m.kind for m in read_text(text).mentions}
    assert kinds == {"tendon"}


@pytest.mark.parametrize("text", [
    "A 9 mm calcified chondroid lesion within the medial epicondyle, with ring-and-arc matrix.",
    "An intraosseous calcified lesion of the greater tuberosity, likely an enchondroma.",
])
def test_a_lesion_inside_the_bone_at_the_attachment_is_no_deposit(text: str) -> None:
    kinds = {m.kind for m in read_text(text).mentions}
    assert kinds == {"bone"}


def test_the_deposit_named_both_ways_in_one_report_is_one_structure() -> None:
    report = _exam("ELBOW", "2026-03-10", "The common flexor origin is thickened. A 7 mm "
                   "calcific deposit at the medial epicondyle.",
                   "Common flexor tendinosis with a calcific deposit.", "mr0")
    assert {(s.kind, s.site) for s in report.findings.structures} == {("tendon", "elbow")}


def test_the_attachment_table_is_checked_on_load() -> None:
    with pytest.raises(DataError, match="unknown tendons"):
        attachments.load({"tendons": {"supraspinatus": ["supraspinatus"]},
                          "bones": {"greater tuberosity": ["supraspinatus", "infraspinatus"]}})
    with pytest.raises(DataError, match="unknown keys"):
        attachments.load({"tendons": {}, "bones": {}, "muscles": {}})


def test_a_tendon_is_named_by_its_attachment_or_its_own_name() -> None:
    assert attachments.tendons_named("the medial epicondyle") == {"common-flexor-origin"}
    assert attachments.tendons_named("Common flexor origin: thickened") == {
        "common-flexor-origin"}
    assert attachments.tendons_named("at the greater tuberosity") == {
        "supraspinatus", "infraspinatus", "teres-minor"}
    assert attachments.tendons_named("the lateral epicondyle") == {"common-extensor-origin"}
    assert attachments.tendons_named("the olecranon bursa") == frozenset()


@pytest.mark.parametrize(("where", "tendon", "place"), T1)
def test_a_deposit_within_the_tendon_named_before_is_the_tendons(
        where: tuple[str, str, str], tendon: str, place: str) -> None:
    report = _exam(where[0], "2026-04-16", f"The {tendon} is thickened with intermediate signal. "
                   "Within it is a 7 mm low-signal focus on all sequences, consistent with a "
                   "calcific deposit.", "See findings.", "mr0")
    assert {s.kind for s in report.findings.structures} == {"tendon"}


def test_a_mass_beside_the_tendon_named_before_stays_a_mass() -> None:
    report = _exam("SHOULDER", "2026-04-16", "A 2.5 cm soft-tissue mass abuts the supraspinatus "
                   "tendon at the greater tuberosity. Within it are low-signal foci consistent "
                   "with calcification.", "Indeterminate mass.", "mr0")
    assert {s.kind for s in report.findings.structures} == {"mass"}


@pytest.mark.parametrize(("joint", "text", "order", "name"), [
    ("ELBOW", "The calcific deposit at the medial epicondyle persists, now 6 mm.",
     "MEDIAL EPICONDYLE DEBRIDEMENT RT ELBOW", "right common flexor tendon origin (6 mm)"),
    ("WRIST", "A 6 mm calcific deposit at the pisiform, with surrounding edema.",
     "MRI WRIST RT WO CONTRAST", "right flexor carpi ulnaris tendon (6 mm)"),
])
def test_a_card_names_the_deposit_at_one_tendons_attachment_by_the_tendon(
        joint: str, text: str, order: str, name: str) -> None:
    body = REPORT.format(joint=joint, joint_l=joint.lower(), comparison="None.", text=text,
                         impression="See findings.")
    detail = card_detail(body, f"MRI {joint} RIGHT WO CONTRAST", order)
    assert f"**Finding:** {name}" in detail
