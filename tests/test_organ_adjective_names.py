"""An organ noun the report names a place by is the card's adjective: "mediastinal mass",
"mesenteric lymph node", never "mediastinum mass" nor "mesentery lymph node"
(docs/matching-policy.md P11.78)."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card, lesion_line

CHEST, ABDOMEN = "MRI CHEST WITHOUT AND WITH CONTRAST", "MRI ABDOMEN WITHOUT AND WITH CONTRAST"
MEDIASTINAL_BX = "CT GUIDED BIOPSY MEDIASTINAL MASS"
CT_ABD = "CT ABDOMEN PELVIS W IV CONTRAST"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    ("FINDINGS:\nMediastinum: A 4.5 x 3.8 cm lobulated anterior mediastinum mass contains fat, "
     "fluid and a coarse focus of low signal on all sequences, consistent with calcification.\n"
     "Lungs: Clear.\nIMPRESSION:\n1. 4.5 cm anterior mediastinum mass with fat and "
     "calcification, most consistent with mature teratoma.", CHEST, MEDIASTINAL_BX,
     "anterior mediastinal mass (45 mm)"),
    ("FINDINGS:\nMediastinum: A 3.2 cm mass in the posterior mediastinum abuts the descending "
     "aorta and contains punctate calcification with blooming on gradient echo images.\n"
     "IMPRESSION:\n1. Calcified posterior mediastinal mass; neurogenic tumor favored.", CHEST,
     MEDIASTINAL_BX, "posterior mediastinal mass (32 mm)"),
    ("FINDINGS: A 3.4 cm mass in the mediastinum contains coarse calcification, dark on all "
     "sequences, and encases the left brachiocephalic vein.", CHEST, MEDIASTINAL_BX,
     "mediastinal mass (34 mm)"),
    ("FINDINGS:\nLymph nodes: A 15 mm mesentery lymph node contains a focus of low signal on all "
     "sequences with blooming, consistent with calcification. No retroperitoneal adenopathy.\n"
     "IMPRESSION:\n1. Calcified 15 mm mesentery lymph node; treated granulomatous disease or "
     "carcinoid are considerations.", ABDOMEN, CT_ABD, "mesenteric lymph node (15 mm)"),
    ("FINDINGS: A 2.6 cm spiculated mass in the small bowel mesentery with tethering of adjacent "
     "loops contains a central focus of signal void consistent with calcification.", ABDOMEN,
     CT_ABD, "small bowel mesenteric mass (26 mm)"),
    ("FINDINGS: A 3.0 cm mass in the ileal mesentery with central calcification, likely "
     "carcinoid.", ABDOMEN, CT_ABD, "ileal mesenteric mass (30 mm)"),
    ("FINDINGS: A 3.0 cm mass in the mesentery of the small bowel with central calcification.",
     ABDOMEN, CT_ABD, "small bowel mesenteric mass (30 mm)"),
    ("FINDINGS: A 3.0 cm mass at the root of the mesentery with central calcification.",
     ABDOMEN, CT_ABD, "mesenteric root mass (30 mm)"),
    # guards: the report's own adjective stays
    ("FINDINGS: A 3.0 cm anterior mediastinal mass with central calcification.", CHEST,
     MEDIASTINAL_BX, "anterior mediastinal mass (30 mm)"),
    ("FINDINGS: A 3.0 cm mesenteric mass with central calcification.", ABDOMEN, CT_ABD,
     "mesenteric mass (30 mm)"),
])
def test_an_organ_noun_is_worded_as_its_adjective(text: str, title: str, order: str,
                                                  name: str) -> None:
    assert lesion_line(first_card(text, title, order).detail) == name
