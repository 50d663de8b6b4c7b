"""A place named as the report names it: a brain region, not the gland or the brain
(docs/matching-policy.md P11.76); a disc by the level its line is labelled with (P11.73); a body
site's level keeps its capital in the order's name (P11.74). Review round 15: unseen39 g2, p1,
a2."""

from __future__ import annotations

from typing import Any

import pytest

from cds_service.core.orders import classify_order
from tests.test_card_names import first_card, lesion_line

BRAIN = "MRI BRAIN WWO CONTRAST"
STEREO = "STEREOTACTIC BIOPSY BRAIN LESION"


@pytest.mark.parametrize(("text", "order", "name"), [
    # unseen39 g2: a pineal region mass is not a mass of the pineal gland (origin undetermined)
    ("FINDINGS:\nPineal region: 2.8 cm lobulated, avidly enhancing mass centered in the pineal "
     "region, restricting diffusion, engulfing central coarse foci of low signal with blooming on "
     "SWI whose phase is consistent with calcification. It compresses the tectum.\nIMPRESSION:\n"
     "1. 2.8 cm enhancing pineal region mass with engulfed central calcification; germinoma and "
     "pineal parenchymal tumor are the main considerations.", STEREO,
     "pineal region mass (28 mm)"),
    ("FINDINGS: A 2.4 cm calcified mass in the pineal region compresses the tectal plate.",
     STEREO, "pineal region mass (24 mm)"),
    ("FINDINGS: 1.9 cm pineal region mass containing coarse calcification.",
     "ENDOSCOPIC BIOPSY PINEAL REGION MASS", "pineal region mass (19 mm)"),
    ("FINDINGS: A 3.1 cm suprasellar region mass with peripheral calcification, likely "
     "craniopharyngioma.", STEREO, "suprasellar region mass (31 mm)"),
    ("FINDINGS: A 2.2 cm mass in the sellar region with calcification.", STEREO,
     "sellar region mass (22 mm)"),
    ("FINDINGS: A 2.0 cm calcified mass in the parasellar region.", STEREO,
     "parasellar region mass (20 mm)"),
    ("FINDINGS: A 3.2 cm calcified mass in the left cerebellopontine angle.", STEREO,
     "left cerebellopontine angle mass (32 mm)"),
    # guards: a mass of the gland itself, a cyst of it, a limb's region
    ("FINDINGS: A 1.4 cm calcified pineal mass, likely pineocytoma.", STEREO,
     "pineal mass (14 mm)"),
    ("FINDINGS: A 1.2 cm calcified pineal cyst.", STEREO, "pineal cyst (12 mm)"),
])
def test_a_brain_region_is_named_as_the_report_names_it(text: str, order: str,
                                                        name: str) -> None:
    assert lesion_line(first_card(text, BRAIN, order).detail) == name


LUMBAR, THORACIC = "MRI LUMBAR SPINE WO CONTRAST", "MRI THORACIC SPINE WO CONTRAST"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # unseen39 p1: the level is the line's label ("L4-L5: Right paracentral disc protrusion")
    ("FINDINGS:\nL4-L5: Right paracentral disc protrusion measuring 11 mm, markedly hypointense "
     "on T1 and T2 with blooming on GRE, suggesting a calcified disc herniation, with moderate "
     "central canal stenosis.\nL5-S1: Left subarticular extrusion, T2 intermediate, compressing "
     "the traversing left S1 nerve root.\nIMPRESSION:\n1. Right paracentral L4-L5 protrusion, "
     "suspected calcified, with moderate central canal stenosis.", LUMBAR,
     "LUMBAR LAMINOTOMY/MICRODISCECTOMY L4-L5 RIGHT",
     "calcified right L4-L5 disc herniation (11 mm)"),
    ("FINDINGS:\nT8-T9: Central disc protrusion measuring 9 mm, markedly hypointense on all "
     "sequences with blooming, consistent with a calcified disc herniation, flattening the "
     "ventral cord.", THORACIC, "THORACIC DISCECTOMY T8-T9",
     "calcified T8-T9 disc herniation (9 mm)"),
    ("FINDINGS:\nL5-S1: Left foraminal disc extrusion, 8 mm, with low signal on all sequences "
     "and blooming on GRE, likely calcified.", LUMBAR, "LUMBAR MICRODISCECTOMY L5-S1 LEFT",
     "calcified left L5-S1 disc herniation (8 mm)"),
    ("FINDINGS:\nT10-T11: Left paracentral disc herniation measuring 7 mm with blooming on "
     "gradient echo images, consistent with calcification. Mild cord flattening.", THORACIC,
     "THORACIC DISCECTOMY T10-T11", "calcified left T10-T11 disc herniation (7 mm)"),
    ("FINDINGS:\nC5-C6: Broad-based disc osteophyte complex with a 6 mm central disc herniation, "
     "hypointense on all sequences, possibly calcified.", "MRI CERVICAL SPINE WO CONTRAST",
     "ANTERIOR CERVICAL DISCECTOMY AND FUSION C5-C6", "calcified C5-C6 disc herniation (6 mm)"),
    ("FINDINGS:\nL4-L5: Left juxtafacet synovial cyst, 12 mm, with calcified wall.", LUMBAR,
     "LUMBAR LAMINECTOMY L4-L5 LEFT", "left juxtafacet synovial cyst at L4-L5 (12 mm)"),
    # guards: the level in the sentence, a vertebral body's lesion under its level's label
    ("FINDINGS: A calcified right paracentral T8-T9 disc herniation measuring 9 mm indents the "
     "cord.", THORACIC, "THORACIC DISCECTOMY T8-T9", "calcified T8-T9 disc herniation (9 mm)"),
    ("FINDINGS:\nL2: The L2 vertebral body contains a 2.4 cm lesion with chondroid matrix "
     "calcification.", "MRI LUMBAR SPINE WWO CONTRAST", "CT GUIDED BONE BIOPSY L2",
     "lesion of the L2 vertebral body (24 mm)"),
])
def test_a_disc_is_named_by_the_level_its_line_is_labelled_with(text: str, title: str,
                                                                order: str, name: str) -> None:
    assert lesion_line(first_card(text, title, order).detail) == name


def _coded(code: str, site: str) -> Any:
    return classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                           "intent": "plan", "subject": {"reference": "Patient/p1"},
                           "code": {"coding": [{"system": "http://www.ama-assn.org/go/cpt",
                                                "code": code}]},
                           "bodySite": [{"text": site}]})


@pytest.mark.parametrize(("code", "site", "tail"), [
    # unseen39 a2: "(deep), t11 vertebral body" lower-cased a level
    ("20225", "T11 vertebral body", ", T11 vertebral body"),
    ("20225", "L2 vertebral body", ", L2 vertebral body"),
    ("20225", "C2 odontoid", ", C2 odontoid"),
    ("20225", "S1 vertebral body", ", S1 vertebral body"),
    ("20206", "Achilles tendon", ", Achilles tendon"),
    ("20206", "DRUJ", ", DRUJ"),
    # guards: an ordinary first word reads in lower case after the comma
    ("20225", "Left ischium", ", left ischium"),
    ("20225", "Right iliac wing", ", right iliac wing"),
])
def test_a_coded_orders_body_site_keeps_a_levels_capital(code: str, site: str,
                                                         tail: str) -> None:
    assert _coded(code, site).display.endswith(tail)
