"""Which card leads when several fire for one structure (docs/matching-policy.md P4.9c): the
deep soft-tissue mass card for a calcified soft-tissue mass of the deep tissues, whatever the
order; the order's card for every other calcified lesion, a cyst among them."""

from __future__ import annotations

import pytest

from tests.test_order_catalog import leads

PELVIS = "MRI PELVIS WITHOUT AND WITH CONTRAST"

CYSTS = [
    "FINDINGS: Presacral/retrorectal space: There is a multiloculated cystic mass in the "
    "retrorectal space measuring 5.6 cm. A 1.2 cm focus of very low signal in the posterior "
    "wall, dark on T1 and T2 with blooming, is compatible with a mural calcification.\n"
    "IMPRESSION: 5.6 cm multiloculated presacral cystic mass with mural calcification, favor "
    "tailgut cyst (retrorectal cystic hamartoma).",
    "FINDINGS: A 4.2 cm multilocular retrorectal mass; the dominant locule contains a focus of "
    "calcification along its wall.\nIMPRESSION: 4.2 cm multilocular retrorectal cystic mass "
    "with mural calcification; tailgut cyst is most likely.",
    "FINDINGS: A 3 cm presacral epidermoid cyst with a calcified wall.",
    "FINDINGS: A 4 cm unilocular cystic lesion in the presacral space with peripheral "
    "calcification, likely a developmental cyst.",
    "IMPRESSION: Calcified retrorectal cystic hamartoma (tailgut cyst), 3.5 cm.",
]


@pytest.mark.parametrize("report", CYSTS)
def test_a_calcified_cyst_in_a_deep_space_is_led_by_the_orders_card(report: str) -> None:
    assert leads(report, "CT PELVIS W CONTRAST", "72193", title=PELVIS) == [
        "contrast-ct-noncontrast-first"]
    assert leads(report, "CT GUIDED BIOPSY PRESACRAL MASS", title=PELVIS) == [
        "biopsy-calcified-mass"]
    assert leads(report, "CEA, SERUM", title=PELVIS) == []  # a laboratory order (P15.1)


@pytest.mark.parametrize("report", [
    "FINDINGS: A 6 cm presacral mass with coarse calcification.",
    "FINDINGS: A 5 cm heterogeneous solid and cystic presacral mass with coarse calcification.",
    "FINDINGS: A 5 cm presacral cystic mass with a solid enhancing component and coarse "
    "calcification.",
    "FINDINGS: A 6 cm presacral soft-tissue mass, heterogeneously T2 hyperintense with cystic "
    "degeneration, contains coarse foci of signal void compatible with calcification.",
    "FINDINGS: A 4.4 cm intramuscular mass in the right obturator internus with curvilinear "
    "foci of calcification.",
])
def test_a_calcified_soft_tissue_mass_of_the_deep_tissues_is_led_by_the_deep_mass_card(
        report: str) -> None:
    assert leads(report, "CT PELVIS W CONTRAST", "72193", title=PELVIS) == [
        "deep-soft-tissue-mass"]
    assert leads(report, "CT GUIDED BIOPSY PELVIC MASS", title=PELVIS) == [
        "deep-soft-tissue-mass"]


# --- P4.9d: the limbs' deep spaces and fossae, also for a mineral a cited study showed --------

SPACES = [
    ("MRI RIGHT ELBOW WITHOUT AND WITH CONTRAST",
     "COMPARISON: Ultrasound of the right antecubital region 2026-10-17, which showed a 3.2 cm "
     "solid hypoechoic mass containing echogenic foci with posterior acoustic shadowing.\n"
     "FINDINGS: Cubital fossa: A 3.3 cm ovoid mass lies in the cubital fossa deep to the "
     "bicipital aponeurosis, between the brachialis and pronator teres.\nIMPRESSION: 3.3 cm "
     "enhancing mass in the right cubital fossa.", "US GUIDED CORE BIOPSY RIGHT ELBOW MASS"),
    ("MRI RIGHT ELBOW WITHOUT AND WITH CONTRAST",
     "FINDINGS: A 2.8 cm mass in the right antecubital fossa contains coarse calcification.",
     "US GUIDED CORE BIOPSY RIGHT ANTECUBITAL MASS"),
    ("MRI LEFT SHOULDER WITHOUT AND WITH CONTRAST",
     "FINDINGS: A 4 cm mass in the left axilla contains punctate calcification; the axillary "
     "nodes are normal.", "US GUIDED CORE BIOPSY LEFT AXILLARY MASS"),
    ("MRI LEFT KNEE WITHOUT AND WITH CONTRAST",
     "COMPARISON: Radiographs left knee 2026-09-01, which show amorphous mineralization in the "
     "popliteal fossa.\nFINDINGS: A 3.8 cm enhancing mass in the left popliteal fossa.",
     "US GUIDED CORE BIOPSY LEFT POPLITEAL MASS"),
    ("MRI RIGHT ANKLE WITHOUT AND WITH CONTRAST",
     "FINDINGS: A 2.5 cm calcified mass in the right tarsal tunnel displaces the tibial nerve.",
     "US GUIDED CORE BIOPSY RIGHT ANKLE MASS"),
    ("MRI RIGHT THIGH WITHOUT AND WITH CONTRAST",
     "FINDINGS: A 5 cm mass in the right adductor canal contains coarse calcification.",
     "CT GUIDED CORE BIOPSY RIGHT THIGH MASS"),
]


@pytest.mark.parametrize(("title", "report", "order"), SPACES)
def test_a_calcified_mass_in_a_limbs_deep_space_is_a_deep_soft_tissue_mass(
        title: str, report: str, order: str) -> None:
    assert leads(report, order, title=title) == ["deep-soft-tissue-mass"]


@pytest.mark.parametrize(("title", "report", "order"), [
    ("MRI RIGHT ELBOW WITHOUT AND WITH CONTRAST",
     "FINDINGS: A 1.5 cm calcified subcutaneous nodule in the right antecubital fossa, "
     "superficial to the fascia.", "US GUIDED CORE BIOPSY RIGHT ANTECUBITAL MASS"),
    ("MRI LEFT SHOULDER WITHOUT AND WITH CONTRAST",
     "FINDINGS: A 1.2 cm calcified mass in the subcutaneous fat of the left axilla.",
     "US GUIDED CORE BIOPSY LEFT AXILLARY MASS"),
])
def test_a_subcutaneous_mass_at_a_deep_space_is_not_deep(title: str, report: str,
                                                         order: str) -> None:
    assert leads(report, order, title=title) == ["biopsy-calcified-mass"]


def test_a_cubital_fossa_mass_a_comparison_ct_showed_calcified_is_silent() -> None:
    report = ("COMPARISON: CT of the right elbow 2026-10-17, which showed a 3.2 cm soft-tissue "
              "mass with coarse calcification.\nFINDINGS: A 3.3 cm ovoid mass lies in the "
              "cubital fossa deep to the bicipital aponeurosis.")
    assert leads(report, "US GUIDED CORE BIOPSY RIGHT ELBOW MASS",
                 title="MRI RIGHT ELBOW WITHOUT AND WITH CONTRAST") == []


# --- P4.9e: the retroperitoneum is deep soft tissue; the mesentery and omentum are not ---------

ABDOMEN = "MRI ABDOMEN WITH AND WITHOUT CONTRAST"

RETROPERITONEAL = [
    ("IMPRESSION: 14 cm left retroperitoneal fat-containing mass with a calcified nonlipomatous "
     "component, consistent with dedifferentiated liposarcoma.", "CT ABDOMEN W CONTRAST",
     "74160"),
    ("FINDINGS: A 6 cm left para-aortic soft-tissue mass with punctate calcification, likely "
     "leiomyosarcoma.", "CT ABD PELVIS W CONTRAST", "74177"),
    ("FINDINGS: An 8 cm mass within the left psoas muscle contains curvilinear calcification.",
     "CT ABD PELVIS W CONTRAST", None),
    ("FINDINGS: A 7 cm retroperitoneal schwannoma in the right paravertebral region with cystic "
     "change and calcification.", "CT ABDOMEN W CONTRAST", None),
    ("FINDINGS: A 9 cm right retroperitoneal mass, separate from the right kidney and adrenal "
     "gland, contains coarse calcification.", "CT ABDOMEN WITH IV CONTRAST", None),
    ("FINDINGS: A 7 cm retroperitoneal mass encasing the aorta with calcification.",
     "CT GUIDED BIOPSY RETROPERITONEAL MASS", None),
]


@pytest.mark.parametrize(("report", "text", "code"), RETROPERITONEAL)
def test_a_calcified_retroperitoneal_soft_tissue_mass_is_a_deep_soft_tissue_mass(
        report: str, text: str, code: str | None) -> None:
    assert leads(report, text, code, title=ABDOMEN) == ["deep-soft-tissue-mass"]


@pytest.mark.parametrize(("report", "text", "code"), [
    ("FINDINGS: A 4 cm spiculated mesenteric mass with central calcification and radiating "
     "strands, consistent with carcinoid.", "CT ABDOMEN W CONTRAST", "74160"),
    ("FINDINGS: A 10 cm mass in the small bowel mesentery with coarse calcification, favoring "
     "mesenteric fibromatosis.", "CT ABD PELVIS W CONTRAST", "74177"),
    ("FINDINGS: A 5 cm omental mass with calcification.", "CT ABDOMEN W CONTRAST", None),
    ("FINDINGS: A 5 cm left adrenal mass with coarse calcification.", "CT ABDOMEN W CONTRAST",
     "74160"),
    ("FINDINGS: A 5 cm exophytic left renal mass, extending into the perirenal fat, with "
     "calcification.", "CT ABDOMEN W CONTRAST", "74160"),
    ("FINDINGS: A 5 cm retroperitoneal cystic lesion with a calcified wall, likely a "
     "lymphangioma.", "CT ABDOMEN W CONTRAST", "74160"),
])
def test_a_mesenteric_organ_or_cystic_retroperitoneal_lesion_is_led_by_the_orders_card(
        report: str, text: str, code: str | None) -> None:
    assert leads(report, text, code, title=ABDOMEN) == ["contrast-ct-noncontrast-first"]
