"""A component of a mass (its cysts, loculi, cystic spaces) does not name the lesion: a
statement referring back to "this mass" is the mass's, named and quoted from the mass's own
sentence, never from the next one about its cysts (docs/matching-policy.md P11.101, after
P11.68; review round 21, unseen45 o2, N-component-noun: "liver cyst (96 mm)" quoted from "The
cysts are T2 hyperintense …"). Guards: cysts that are the structure stay cysts."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line

ABDOMEN, PELVIS = "MRI ABDOMEN W WO CONTRAST", "MRI PELVIS W WO CONTRAST"
CT, CT_PELVIS = "CT ABDOMEN W IV CONTRAST", "CT PELVIS W CONTRAST"


def _card(text: str, title: str, order: str) -> tuple[str, str]:
    detail = card_detail(text, title, order, "mass")
    return lesion_line(detail), next(x for x in detail.splitlines() if x.startswith("> "))


@pytest.mark.parametrize(("text", "title", "order", "name", "opens"), [
    ("FINDINGS:\nLIVER: Multiloculated cystic and solid mass arising from segments 6 and 7 "
     "measuring 9.6 x 8.1 x 7.7 cm. The cysts are T2 hyperintense with thin enhancing septa and "
     "a small enhancing stromal component. No restricted diffusion. The abdominal radiograph of "
     "2026-10-30 showed faint curvilinear right upper quadrant calcification projecting over "
     "this mass.", ABDOMEN, CT, "liver mass (96 mm)", "> LIVER: Multiloculated cystic and solid"),
    ("FINDINGS:\nADNEXA: An 8.4 cm complex cystic and solid mass occupies the right adnexa. The "
     "cysts vary in signal intensity. Within the mass there is a 9 mm focus of calcification.",
     PELVIS, CT_PELVIS, "right adnexal mass (84 mm)", "> ADNEXA: An 8.4 cm complex cystic"),
    ("FINDINGS:\nLIVER: A 7.2 cm cystic and solid mass in the left hepatic lobe. The cysts are "
     "separated by thick septa. Dense calcification lies at the periphery of this mass.",
     ABDOMEN, CT, "left hepatic mass (72 mm)", "> LIVER: A 7.2 cm cystic and solid mass"),
    ("FINDINGS:\nLIVER: A 5.5 cm solid mass in segment 8. The cysts elsewhere in the liver are "
     "simple. Coarse calcification lies within this mass.", ABDOMEN, CT, "liver mass (55 mm)",
     "> LIVER: A 5.5 cm solid mass"),
    ("FINDINGS:\nKIDNEYS: A 6.2 cm solid and cystic mass arises from the lower pole of the left "
     "kidney. Its loculi are T2 bright with thick enhancing septa. Peripheral calcification is "
     "present within this mass.", ABDOMEN, CT, "left renal mass (62 mm)",
     "> KIDNEYS: A 6.2 cm solid and cystic mass"),
    ("FINDINGS:\nPANCREAS: A 5.0 cm mixed solid and cystic mass in the pancreatic tail. The "
     "cystic spaces contain blood products. This mass contains coarse calcification.", ABDOMEN,
     CT, "pancreatic tail mass (50 mm)", "> PANCREAS: A 5.0 cm mixed solid and cystic mass"),
])
def test_the_mass_not_its_component_names_it(text: str, title: str, order: str, name: str,
                                             opens: str) -> None:
    line, quote = _card(text, title, order)
    assert line == name
    assert quote.startswith(opens)


@pytest.mark.parametrize(("text", "name"), [
    ("FINDINGS:\nLIVER: Multiple hepatic cysts, the largest 2.1 cm in segment 4. The cysts have "
     "thin walls. Calcification is present in the wall of the largest.", "hepatic cyst (21 mm)"),
    ("FINDINGS:\nKIDNEYS: A 3.0 cm cyst in the right kidney. The cyst has a calcified wall.",
     "right renal cyst (30 mm)"),
])
def test_cysts_that_are_the_structure_stay_cysts(text: str, name: str) -> None:
    assert _card(text, ABDOMEN, CT)[0] == name
