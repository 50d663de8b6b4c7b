"""Issue 17 classes 6 and 7 (corpus coverage run): a dental CT named by its teeth, a
chargemaster's media words, and the oesophagectomy.

P17.27: "CT Teeth" (RadLex) read no region, "HC CT DENTAL SCAN TO DISK" read DISK as the spine
and as an MRI question, "CT MANDIBLE FOR IMPLANT" as a contrast CT: a dental CT is the
noncontrast maxillofacial CT; "TO DISK", "ON CD" are media, never anatomy. P17.28: a diagnosis
word in an order ("ESOPHAGEAL LEIOMYOMA") names no uterus beside a site outside the pelvis.
P18.23: an oesophagectomy (Ivor Lewis, transhiatal, McKeown; CPT 43107, 43112, 43117, 43121,
43122) and the excision of an oesophageal lesion (43100, 43101) act on the calcified
oesophageal mass: surgical-planning; each oesophagectomy card test and each order-reading
variant failed on d69eb8b.
"""

from __future__ import annotations

import pytest

from tests.test_order_catalog import leads, read

CHEST = "MRI CHEST WWO CONTRAST"
LEIO = ("FINDINGS: Mediastinum: A 4.5 cm intramural mass of the mid esophagus is T2 hypointense "
        "with coarse calcification, leiomyoma favoured. Lungs: clear. IMPRESSION: Calcified "
        "intramural mid oesophageal mass, leiomyoma favoured.")
GIST = ("FINDINGS: A 3.8 cm mass arises from the wall of the distal oesophagus, with punctate "
        "calcification; gastrointestinal stromal tumour favoured.")
CANCER = ("FINDINGS: Circumferential wall thickening of the distal esophagus, known "
          "adenocarcinoma. Lungs: a 9 mm calcified granuloma in the right upper lobe.")
LUNG = "FINDINGS: Esophagus unremarkable. Lungs: a 2.2 cm calcified mass in the right upper lobe."


# --------------------------------------------------------------------------- P17.27 dental CT

@pytest.mark.parametrize("text", [
    "CT Teeth",
    "CT TEETH W/O CONTRAST",
    "HC CT DENTAL SCAN TO DISK",
    "CT MANDIBLE FOR IMPLANT",
    "CT MAXILLA FOR DENTAL IMPLANT PLANNING",
    "CT JAW FOR IMPLANTS",
    "CT DENTAL BURN TO CD",
])
def test_a_dental_ct_is_the_noncontrast_maxillofacial_ct(text: str) -> None:
    order = read(text)
    assert (order.kind, order.region) == ("ct-noncontrast", "maxillofacial")
    assert "spine" not in order.sites and not order.purposes


@pytest.mark.parametrize(("text", "site"), [
    ("HC CT DENTAL SCAN TO DISK", "spine"),
    ("CT SINUS BURN TO CD", "spine"),
    ("MRI BRAIN IMAGES ON DISK", "spine"),
    ("CT FACIAL BONES COPY TO DISC", "spine"),
])
def test_media_words_are_no_anatomy(text: str, site: str) -> None:
    order = read(text)
    assert site not in order.sites and "mri-question" not in order.purposes


@pytest.mark.parametrize(("text", "kind", "region", "site"), [
    ("CT LUMBAR SPINE DISC", "ct-contrast", "lumbar-spine", "spine"),   # a disc is the spine's
    ("CT DISCOGRAM LUMBAR", "ct-contrast", "lumbar-spine", "lumbar-spine"),
    ("MRI LUMBAR SPINE DISC HERNIATION", "mri", "lumbar-spine", "spine"),
    ("CT MANDIBLE W CONTRAST", "ct-contrast", "maxillofacial", "face"),  # stated phase stays
])
def test_guards_keep_the_spine_and_a_stated_phase(text: str, kind: str, region: str,
                                                  site: str) -> None:
    order = read(text)
    assert (order.kind, order.region) == (kind, region) and site in order.sites


def test_a_disc_question_stays_an_mri_question() -> None:
    assert "mri-question" in read("MRI LUMBAR SPINE DISC HERNIATION").purposes


# --------------------------------------------------------------------------- P17.28 diagnosis

@pytest.mark.parametrize("text", [
    "ENUCLEATION ESOPHAGEAL LEIOMYOMA",
    "THORACOSCOPIC ENUCLEATION OF OESOPHAGEAL LEIOMYOMA",
    "EUS FNA ESOPHAGEAL LEIOMYOMA",
])
def test_an_oesophageal_leiomyoma_is_no_uterus(text: str) -> None:
    order = read(text)
    assert "uterus" not in order.sites and order.region == "chest"


def test_a_uterine_leiomyoma_keeps_the_uterus() -> None:
    assert "uterus" in read("MYOMECTOMY LEIOMYOMA").sites
    assert "uterus" in read("HYSTERECTOMY FOR LEIOMYOMA").sites


# --------------------------------------------------------------------------- P18.23 surgery

@pytest.mark.parametrize(("report", "text", "code"), [
    (LEIO, "ESOPHAGECTOMY", None),
    (LEIO, "IVOR LEWIS ESOPHAGECTOMY", "43117"),
    (LEIO, None, "43101"),
    (LEIO, "EXCISION ESOPHAGEAL LESION, THORACIC APPROACH", "43101"),
    (GIST, "TRANSHIATAL ESOPHAGECTOMY", "43107"),
    (GIST, "MCKEOWN OESOPHAGECTOMY", None),
    (GIST, None, "43112"),
    (GIST, None, "43121"),
    (GIST, None, "43122"),
    (GIST, "ROBOTIC IVOR LEWIS", None),
])
def test_an_oesophagectomy_draws_the_planning_card(report: str, text: str | None,
                                                   code: str | None) -> None:
    assert leads(report, text, code, title=CHEST) == ["surgical-planning"]


def test_an_enucleation_of_the_leiomyoma_keeps_its_planning_card() -> None:
    assert leads(LEIO, "THORACOSCOPIC ENUCLEATION OF ESOPHAGEAL LEIOMYOMA",
                 title=CHEST) == ["surgical-planning"]


@pytest.mark.parametrize(("report", "text", "code"), [
    (CANCER, "IVOR LEWIS ESOPHAGECTOMY", "43117"),   # the calcified granuloma is the lung's
    (CANCER, "ESOPHAGECTOMY", None),
    (LUNG, "ESOPHAGECTOMY", "43117"),
    (LEIO, "EGD", "43235"),                          # a diagnostic EGD acts on no lesion
    (LEIO, "EGD FOR REFLUX", None),
])
def test_silent_guards(report: str, text: str | None, code: str | None) -> None:
    assert leads(report, text, code, title=CHEST) == []
