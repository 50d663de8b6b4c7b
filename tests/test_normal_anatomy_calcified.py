"""Calcification of normal anatomy named beside a lesion is incidental, never the lesion's and
never a lesion (docs/matching-policy.md P4.10a, P4.1, P4.11): a calcified triticeous, thyroid,
cricoid or arytenoid cartilage, calcified costal cartilage, a calcified or ossified stylohyoid
ligament, falcine, dural or tentorial calcification, a calcified habenula, "physiologic"
calcification. Each variant failed on main 700687c (unseen29 first run, b2 twin: "… lies above the
lesion in the left lateral thyrohyoid ligament, a calcified triticeous cartilage; the lesion
itself contains no phleboliths" drew the contrast-CT card naming a "left thyrohyoid lesion").
Guards: a chondrosarcoma of a laryngeal cartilage with chondroid calcification, phleboliths inside
a laryngeal venous malformation, a calcified falcine meningioma, a pineal region mass, a mass
holding its calcification beside the falx, and "non-physiologic" calcification stay the lesion's."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads

NECK = ("MRI NECK WITHOUT AND WITH CONTRAST", "CT NECK SOFT TISSUE W CONTRAST", "70491")
LARYNX = ("MRI NECK WITHOUT AND WITH CONTRAST", "CT LARYNX W CONTRAST", None)
HEAD = ("MRI BRAIN WITHOUT AND WITH CONTRAST", "CT HEAD W CONTRAST", "70460")
CHEST = ("MRI CHEST WITHOUT AND WITH CONTRAST", "CT CHEST W CONTRAST", "71260")

BESIDE = [
    ("FINDINGS:\nLarynx: A 2.8 x 1.9 cm lobulated, markedly T2 hyperintense submucosal lesion "
     "expands the left paraglottic space and aryepiglottic fold. A round 4 mm focus that is dark "
     "on all sequences lies above the lesion in the left lateral thyrohyoid ligament, a calcified "
     "triticeous cartilage; the lesion itself contains no phleboliths.\nIMPRESSION: Left "
     "paraglottic submucosal lesion: venous malformation of the larynx is favoured.", LARYNX),
    ("FINDINGS: Larynx: A 2 cm enhancing submucosal lesion of the left false cord. The adjacent "
     "thyroid cartilage is calcified, a normal finding.", NECK),
    ("FINDINGS: A 2.5 cm enhancing mass in the left piriform sinus. Calcified cricoid and "
     "arytenoid cartilages are normal for age.", NECK),
    ("FINDINGS: A 3 cm enhancing mass in the left parapharyngeal space. A calcified left "
     "stylohyoid ligament courses posterior to the mass.", NECK),
    ("FINDINGS: A 3 cm enhancing mass in the left parapharyngeal space. The left stylohyoid "
     "ligament is ossified.", NECK),
    ("FINDINGS: A 2 cm enhancing extra-axial mass along the left frontal convexity. Falcine "
     "calcification is noted adjacent to the mass.", HEAD),
    ("FINDINGS: A 1.5 cm enhancing lesion in the right frontal lobe. Dural calcification along "
     "the falx and calcification of the tentorium.", HEAD),
    ("FINDINGS: A 1.5 cm enhancing lesion in the left thalamus. Physiologic habenular "
     "calcification.", HEAD),
    ("FINDINGS: A 1.5 cm enhancing lesion in the left thalamus. Calcified habenula.", HEAD),
    ("FINDINGS: A 3 cm enhancing mass in the anterior right chest wall. Calcification of the "
     "adjacent costal cartilages.", CHEST),
    ("FINDINGS: A 3 cm enhancing mass in the anterior right chest wall, abutting calcified costal "
     "cartilage.", CHEST),
    ("FINDINGS: A 4 cm enhancing left adnexal mass. Calcified sacrospinous ligaments "
     "bilaterally.", ("MRI PELVIS WITHOUT AND WITH CONTRAST", "CT PELVIS W CONTRAST", "72193")),
]


@pytest.mark.parametrize(("report", "exam"), BESIDE)
def test_calcified_normal_anatomy_beside_a_lesion_is_incidental(
        report: str, exam: tuple[str, str, str | None]) -> None:
    title, order, code = exam
    assert leads(report, order, code, title=title) == []
    found = read_text(report).structures
    assert not [s for s in found if s.kind == "mass" and s.mineral != "absent"]
    assert [s for s in found if s.kind == "incidental"]


# --- guards ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("report", "exam"), [
    ("FINDINGS: A 3 cm chondrosarcoma of the cricoid cartilage with chondroid calcification.",
     NECK),
    ("FINDINGS:\nLarynx: A 2.8 x 1.9 cm lobulated submucosal lesion expands the left paraglottic "
     "space. It contains two round 4 mm foci that are dark on all sequences and bloom on "
     "gradient-echo images, typical of phleboliths.\nIMPRESSION: Venous malformation of the "
     "larynx is favoured.", LARYNX),
    ("FINDINGS: A 2 cm calcified falcine meningioma.", HEAD),
    ("FINDINGS: A 2 cm pineal region mass with coarse central calcification.", HEAD),
    ("FINDINGS: A falcine meningioma with calcification along the falx.", HEAD),
    ("FINDINGS: A 2 cm right frontal mass with non-physiologic calcification.", HEAD),
    ("FINDINGS: A 3 cm calcified mass in the left parapharyngeal space abuts the stylohyoid "
     "ligament.", NECK),
])
def test_a_lesions_own_calcification_stays_the_lesions(
        report: str, exam: tuple[str, str, str | None]) -> None:
    title, order, code = exam
    assert leads(report, order, code, title=title) == ["contrast-ct-noncontrast-first"]


def test_a_mass_arising_from_a_costal_cartilage_is_no_incidental_structure() -> None:
    found = read_text("FINDINGS: A 3 cm mass arising from the right fourth costal cartilage "
                      "with chondroid calcification.").structures
    assert found and not [s for s in found if s.kind == "incidental"]
