"""An operation that takes the calcified lesion out of its organ is surgery on it
(docs/matching-policy.md P18.9): a myomectomy by any approach (CPT 58140-58146, 58545, 58546,
58561; "removal of leiomyomata") and an ovarian cystectomy (58925) draw the planning card over a
calcified fibroid or ovarian lesion; the organ's resection (hysterectomy), a bladder cystectomy
and a polypectomy do not (a lumpectomy does since P17.18). Each card test failed on fd30147
(unseen12 first run, b2: a calcified degenerated fibroid before an abdominal myomectomy drew no
card)."""

from __future__ import annotations

import pytest

from tests.test_order_catalog import leads

PELVIS = "MRI PELVIS WITHOUT AND WITH CONTRAST"
FIBROID = ("FINDINGS: Uterus: A 7.8 cm intramural fibroid of the posterior body is T2 hypointense "
           "with coarse internal low-signal foci on all sequences, representing calcification of "
           "a degenerated leiomyoma.\nIMPRESSION: Calcified degenerated intramural leiomyoma.")
DERMOID = ("FINDINGS: Left ovary: A 4.5 cm mature cystic teratoma with fat signal and a 9 mm "
           "calcified Rokitansky nodule. Right ovary normal.")

LESION_EXCISIONS = [
    (FIBROID, "MYOMECTOMY ABDOMINAL 5+ FIBROIDS/>250G", "58146"),
    (FIBROID, None, "58140"),
    ("FINDINGS: A 6 cm subserosal fibroid of the uterine fundus with coarse popcorn "
     "calcification.", "LAPAROSCOPIC MYOMECTOMY", "58545"),
    ("FINDINGS: Uterus: A 5 cm pedunculated leiomyoma arising from the fundus contains "
     "peripheral rim calcification.", "ROBOTIC ASSISTED MYOMECTOMY", None),
    ("FINDINGS: A 3 cm submucosal fibroid of the anterior uterine wall with dense calcification.",
     "HYSTEROSCOPIC REMOVAL OF LEIOMYOMATA", "58561"),
    ("FINDINGS: A 3 cm submucosal fibroid of the anterior uterine wall with dense calcification.",
     "HYSTEROSCOPIC FIBROID REMOVAL", None),
    (DERMOID, "LAPAROSCOPIC LEFT OVARIAN CYSTECTOMY", None),
    (DERMOID, "CYSTECTOMY, OVARIAN, LEFT", "58925"),
    ("FINDINGS: Right adnexa: a 5 cm endometrioma with a calcified wall.",
     "RT OVARIAN CYST EXCISION LAPAROSCOPIC", None),
]


@pytest.mark.parametrize(("report", "text", "code"), LESION_EXCISIONS)
def test_taking_the_calcified_lesion_out_of_its_organ_draws_the_planning_card(
        report: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code, title=PELVIS) == ["surgical-planning"]


@pytest.mark.parametrize(("report", "text", "code"), [
    (FIBROID, "TOTAL ABDOMINAL HYSTERECTOMY", None),        # the organ's resection (P18.6)
    (FIBROID, "HYSTEROSCOPIC POLYPECTOMY", None),           # not the fibroid
    (DERMOID, "RADICAL CYSTECTOMY WITH ILEAL CONDUIT", None),  # the bladder
    (DERMOID, "LAPAROSCOPIC RIGHT OVARIAN CYSTECTOMY", None),  # the other ovary (P4.3)
    ("FINDINGS: A 7.8 cm intramural fibroid, homogeneous, without degeneration. Several "
     "phleboliths in the left pelvic sidewall veins.", "MYOMECTOMY ABDOMINAL", "58140"),
    (FIBROID, "MRI PELVIS W WO CONTRAST FIBROID MAPPING BEFORE MYOMECTOMY", None),
])
def test_the_organs_resection_another_lesion_or_a_mapping_mri_draw_no_planning_card(
        report: str, text: str, code: str | None) -> None:
    assert "surgical-planning" not in leads(report, text, code, title=PELVIS)


def test_a_lumpectomy_takes_out_the_breast_lesion() -> None:
    """Was left out (P18.9); a lumpectomy is surgery on the breast lesion, whose planning card
    names the mammogram and is silent where a mammogram shows the calcification (P17.18,
    tests/test_breast_partial_mastectomy.py)."""
    assert leads("FINDINGS: A 2.1 cm irregular enhancing mass of the left breast at 2 o'clock "
                 "with associated calcifications.", "LUMPECTOMY LEFT BREAST WITH NEEDLE "
                 "LOCALIZATION", None, title="MRI BREAST BILATERAL") == ["surgical-planning"]
