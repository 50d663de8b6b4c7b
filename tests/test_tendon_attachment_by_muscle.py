"""A calcific focus at a muscle's footprint, origin or insertion, named by the muscle, is that
tendon's deposit under any heading, as it is under a TENDONS heading (docs/matching-policy.md
P13.20); a heading's word names no structure (P13.21). Full multi-section MRI reports."""

from __future__ import annotations

import pytest

from cds_service.core import rules
from cds_service.core.reading import read_report
from tests.test_card_names import card_detail, lesion_line
from tests.test_order_catalog import mri, read
from tests.test_prior_imaging import study

_REPORT = """EXAM: {title}
HISTORY: {history}
TECHNIQUE: Multiplanar multisequence MRI of the {part} without intravenous contrast.
COMPARISON: None.
FINDINGS:
{joint}: Trace joint fluid. The articular cartilage is preserved.
{heading}{finding} Mild surrounding soft tissue edema.
BONES: No fracture or marrow edema.
IMPRESSION:
1. {impression}
2. No fracture.
"""


def report(title: str, part: str, heading: str, finding: str, impression: str,
           history: str = "Pain for 3 months, no trauma.") -> str:
    joint = "ANKLE JOINT" if part == "ankle" else f"{part.upper()} JOINT"
    return _REPORT.format(title=title, history=history, part=part, joint=joint,
                          heading=heading, finding=finding, impression=impression)


ANKLE = "MRI LEFT ANKLE WITHOUT CONTRAST"
HIP = "MRI RIGHT HIP WITHOUT CONTRAST"
ELBOW = "MRI LEFT ELBOW WITHOUT CONTRAST"
SHOULDER = "MRI RIGHT SHOULDER WITHOUT CONTRAST"
KNEE = "MRI RIGHT KNEE WITHOUT CONTRAST"

# (MRI title, part, heading, finding, impression, an MRI ordered to characterize it, a
# contrast CT, the card's finding)
FINDINGS = [
    (ANKLE, "ankle", "SOFT TISSUES: ",
     "A 6 mm calcified focus is present at the tibialis anterior footprint on the medial "
     "cuneiform.", "6 mm calcified focus at the tibialis anterior footprint.",
     "MRI ANKLE LEFT W WO CONTRAST", "CT ANKLE LEFT WITH CONTRAST",
     "left tibialis anterior tendon"),
    (ANKLE, "ankle", "MUSCLES: Normal bulk and signal. ",
     "A 5 mm calcific focus at the peroneus brevis footprint is dark on all sequences.",
     "5 mm calcific focus at the peroneus brevis footprint.",
     "MRI ANKLE LEFT W WO CONTRAST", "CT ANKLE LEFT WITH CONTRAST", "left peroneus brevis tendon"),
    (HIP, "hip", "",
     "The gluteus minimus footprint contains a 9 mm low-signal calcific focus.",
     "9 mm calcific focus at the gluteus minimus footprint.",
     "MRI HIP RIGHT W WO CONTRAST", "CT PELVIS WITH CONTRAST", "right gluteus minimus tendon"),
    (HIP, "hip", "SOFT TISSUES: ",
     "A 9 mm deposit of low signal on all sequences is seen at the rectus femoris origin, "
     "consistent with hydroxyapatite deposition.",
     "Hydroxyapatite deposit at the rectus femoris origin.",
     "MRI HIP RIGHT W WO CONTRAST", "CT PELVIS WITH CONTRAST",
     "right rectus femoris tendon origin"),
    (ELBOW, "elbow", "SOFT TISSUES: ",
     "A 5 mm calcific focus at the common extensor origin, dark on all sequences.",
     "5 mm calcific focus at the common extensor origin.",
     "MRI ELBOW LEFT W WO CONTRAST", "CT ELBOW LEFT WITH CONTRAST",
     "left common extensor tendon origin"),
    (HIP, "hip", "LIGAMENTS: The iliofemoral ligament is intact. ",
     "A 12 mm calcified focus at the footprint of the gluteus medius on the lateral facet of the "
     "greater trochanter.", "12 mm calcified focus at the gluteus medius footprint.",
     "MRI HIP RIGHT W WO CONTRAST", "CT PELVIS WITH CONTRAST", "right gluteus medius tendon"),
    (ANKLE, "ankle", "",
     "A 7 mm calcified focus at the tibialis posterior footprint, dark on all sequences, with "
     "surrounding edema.", "7 mm calcified focus at the tibialis posterior footprint.",
     "MRI ANKLE LEFT W WO CONTRAST", "CT ANKLE LEFT WITH CONTRAST",
     "left tibialis posterior tendon"),
    (KNEE, "knee", "SOFT TISSUES: ",
     "A 6 mm calcified focus at the biceps femoris footprint, dark on all sequences.",
     "6 mm calcified focus at the biceps femoris footprint.",
     "MRI KNEE RIGHT W WO CONTRAST", "CT KNEE RIGHT WITH CONTRAST",
     "right biceps femoris tendon"),
    (SHOULDER, "shoulder", "SOFT TISSUES: ",
     "Calcification at the subscapularis footprint, 7 mm.",
     "7 mm calcification at the subscapularis footprint.",
     "MRI SHOULDER RIGHT W WO CONTRAST", "CT SHOULDER RIGHT WITH CONTRAST",
     "right subscapularis tendon"),
]
CASES = [(report(*c[:5]), c[0], *c[5:]) for c in FINDINGS]


def _leads(text: str, title: str, order: str, *studies) -> list[str]:
    ev = rules.Evidence(reports=(read_report(mri(text, title)),), studies=tuple(studies))
    o = read(order, reasonCode=[{"text": "characterize the focus"}])
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(o, ev))]


@pytest.mark.parametrize(("text", "title", "mri_order", "ct_order", "name"), CASES)
def test_a_deposit_at_a_muscle_attachment_is_the_tendons(text: str, title: str, mri_order: str,
                                                         ct_order: str, name: str) -> None:
    assert _leads(text, title, mri_order) == ["crystal-deposition"]
    assert _leads(text, title, ct_order) == ["crystal-deposition"]
    assert lesion_line(card_detail(text, title, mri_order, "pain")).startswith(name + " (")


@pytest.mark.parametrize("case", FINDINGS)
def test_the_same_finding_under_a_tendons_heading_reads_alike(case: tuple[str, ...]) -> None:
    title, part, _, finding, impression, order = case[:6]
    text = report(title, part, "SOFT TISSUES: ", finding, impression)
    tendons = report(title, part, "TENDONS: ", finding, impression)
    assert _leads(tendons, title, order) == _leads(text, title, order)
    assert lesion_line(card_detail(tendons, title, order, "pain")) == lesion_line(
        card_detail(text, title, order, "pain"))


@pytest.mark.parametrize(("heading", "finding", "name"), [
    ("LIGAMENTS: ", "A 6 mm focus of low signal on all sequences at the distal tibialis anterior "
     "tendon near its insertion, consistent with calcific tendinosis.",
     "left tibialis anterior tendon"),
    ("LIGAMENTS: ", "A 6 mm calcific focus at the tibialis anterior footprint.",
     "left tibialis anterior tendon"),
])
def test_a_headings_word_names_no_structure(heading: str, finding: str, name: str) -> None:
    text = report(ANKLE, "ankle", heading, finding, "As above.")
    assert lesion_line(card_detail(text, ANKLE, "MRI ANKLE LEFT W WO CONTRAST", "pain")
                       ).startswith(name + " (")


# guards
def test_a_calcified_mass_in_the_muscle_belly_stays_a_deep_mass() -> None:
    text = report("MRI LEFT LEG WITHOUT CONTRAST", "leg", "MUSCLES: ",
                  "A 3.1 x 2.4 x 2.0 cm heterogeneous mass within the left tibialis anterior "
                  "muscle belly, 8 cm above its insertion, contains coarse calcification.",
                  "Calcified intramuscular mass in the tibialis anterior, indeterminate.")
    leads = _leads(text, "MRI LEFT LEG WITHOUT CONTRAST", "CT GUIDED BIOPSY LEFT LEG MASS")
    assert leads == ["deep-soft-tissue-mass"]
    name = lesion_line(card_detail(text, "MRI LEFT LEG WITHOUT CONTRAST",
                                   "CT GUIDED BIOPSY LEFT LEG MASS", "leg mass"))
    assert "tendon" not in name and "mass" in name


@pytest.mark.parametrize("finding", [
    "Insertional tibialis anterior tendinosis without calcification.",
    "Thickening at the tibialis anterior footprint with no calcific focus.",
])
def test_tendinosis_without_calcification_is_silent(finding: str) -> None:
    text = report(ANKLE, "ankle", "SOFT TISSUES: ", finding, "Tibialis anterior tendinosis.")
    assert _leads(text, ANKLE, "MRI ANKLE LEFT W WO CONTRAST") == []
    assert _leads(text, ANKLE, "CT ANKLE LEFT WITH CONTRAST") == []


def test_a_vessels_origin_is_no_tendon() -> None:
    text = report(HIP, "hip", "SOFT TISSUES: ",
                  "Calcified plaque at the origin of the right profunda femoris artery.",
                  "No acute abnormality.")
    assert _leads(text, HIP, "MRI HIP RIGHT W WO CONTRAST") == []


@pytest.mark.parametrize(("text", "title", "mri_order", "ct_order", "name"), CASES)
def test_a_later_ultrasound_answers_it(text: str, title: str, mri_order: str, ct_order: str,
                                       name: str) -> None:
    later = study("US", "2026-10-20", "US " + title.split()[1] + " " + title.split()[2])
    assert _leads(text, title, mri_order, later) == []
    assert _leads(text, title, ct_order, later) == []


@pytest.mark.parametrize(("text", "title", "mri_order", "ct_order", "name"), CASES)
def test_a_later_radiograph_does_not_answer_it(text: str, title: str, mri_order: str,
                                               ct_order: str, name: str) -> None:
    later = study("DX", "2026-10-20", "XR " + title.split()[1] + " " + title.split()[2])
    assert _leads(text, title, mri_order, later) == ["crystal-deposition"]


# P11.113: the reader and the card's name read one table of a muscle's attachment words
@pytest.mark.parametrize(("sentence", "name"), [
    ("Acute calcific tendinitis at the rectus femoris direct-head origin.",
     "rectus femoris tendon origin"),
    ("Calcific deposit in the insertional fibers of the pectoralis major.",
     "pectoralis major tendon insertion"),
    ("A 7 mm calcific focus at the origin of the direct head of the rectus femoris.",
     "rectus femoris tendon origin"),
    ("Calcific tendinitis of the abductor pollicis longus near its insertion.",
     "abductor pollicis longus tendon insertion"),
    ("A 9 mm calcific deposit at the triceps insertion.", "triceps tendon insertion"),
    ("A 6 mm calcified focus at the tibialis anterior footprint.", ""),
    ("A 5 mm calcific focus at the peroneus brevis footprint.", ""),
])
def test_the_reader_and_the_name_read_one_table(sentence: str, name: str) -> None:
    from types import SimpleNamespace

    from cds_service.core.part_names import attachment
    from cds_service.core.reading.kind import muscle_attachment
    assert muscle_attachment(sentence)
    assert attachment([SimpleNamespace(sentence=sentence, antecedent="")]) == name


@pytest.mark.parametrize("sentence", [
    "A 3 cm calcified mass within the tibialis anterior muscle belly, 8 cm above its insertion.",
    "Calcified plaque at the origin of the profunda femoris artery.",
    "A calcified focus in the vastus lateralis muscle.",
])
def test_no_attachment_named(sentence: str) -> None:
    from cds_service.core.reading.kind import muscle_attachment
    assert not muscle_attachment(sentence)
