"""P1.9, P1.10, P1.11, P17.24: the oesophagus is a site of the one anatomy table (the chest;
its distal end and the gastro-oesophageal junction also the abdomen), and so is the vulva; a
diagnosis word that is a site's synonym ("leiomyoma", "fibroid": the uterus) names that site only
in an exam of its region and beside no site outside it: a leiomyoma of the oesophagus, stomach,
jejunum, IVC or vulva is no uterine mass (wording19's find: "uterine mass (50 mm)" for a distal
oesophageal leiomyoma in a chest MRI).
"""

from __future__ import annotations

import pytest

from cds_service.core import anatomy, rules
from cds_service.core.cards import render
from cds_service.core.reading import read_report
from tests.test_card_names import LIBRARY
from tests.test_order_catalog import mri, read

CHEST = "MRI CHEST WWO CONTRAST"
ABDOMEN = "MRI ABDOMEN WWO CONTRAST"
PELVIS = "MRI PELVIS WWO CONTRAST"


def lesion(text: str, title: str, order: str) -> tuple[str, str] | None:
    """(leading rule, the card's **Lesion:** line) of the first card, or None."""
    ev = rules.Evidence(reports=(read_report(mri(text, title)),), studies=())
    problems = rules.merge(rules.evaluate(read(order), ev))
    if not problems:
        return None
    card = render(problems[0], LIBRARY, patient_id="p1", new_id=lambda: "id").card
    line = next(x for x in (card.detail or "").splitlines() if x.startswith("**Lesion:**"))
    return problems[0].lead.rule_id, line.removeprefix("**Lesion:** ").split(";")[0]


VARIANTS = [
    # wording19's case: the distal oesophagus and "likely leiomyoma" in a chest MRI
    ("distal-eus-fna", "Mediastinum: A 5 cm calcified mass arises from the wall of the distal "
     "esophagus, likely leiomyoma.", CHEST, "EGD WITH EUS GUIDED FNA ESOPHAGEAL MASS",
     ("biopsy-calcified-mass", "distal esophagus mass (50 mm)")),
    ("distal-ct-chest", "Mediastinum: A 5 cm calcified mass arises from the wall of the distal "
     "esophagus, likely leiomyoma.", CHEST, "CT CHEST W CONTRAST",
     ("contrast-ct-noncontrast-first", "distal esophagus mass (50 mm)")),
    ("mid-oesophageal", "Mediastinum: A 4.2 cm intramural mass of the mid oesophagus contains "
     "coarse calcification, favouring leiomyoma.", CHEST, "CT CHEST W CONTRAST",
     ("contrast-ct-noncontrast-first", "mid oesophagus mass (42 mm)")),
    ("untitled-mid", "Findings: A 4 cm calcified mass in the mid esophagus, likely leiomyoma.",
     "MRI", "CT CHEST W CONTRAST", ("contrast-ct-noncontrast-first", "mid esophagus mass (40 mm)")),
    ("gej-abdomen", "Findings: A 3 cm calcified mass of the gastroesophageal junction, likely "
     "leiomyoma.", ABDOMEN, "CT ABDOMEN W CONTRAST",
     ("contrast-ct-noncontrast-first", "gastroesophageal junction mass (30 mm)")),
    ("gastric", "Findings: A 3.6 cm calcified intramural mass of the gastric body, likely "
     "leiomyoma.", ABDOMEN, "EGD WITH EUS FNA GASTRIC MASS",
     ("biopsy-calcified-mass", "gastric body mass (36 mm)")),
    ("jejunal", "Findings: A 3 cm calcified mass in the jejunum, likely leiomyoma.", ABDOMEN,
     "CT ABDOMEN PELVIS W CONTRAST", ("contrast-ct-noncontrast-first", "jejunum mass (30 mm)")),
    ("ivc", "Findings: A 6 cm calcified mass arising from the wall of the infrahepatic IVC, "
     "consistent with leiomyoma.", ABDOMEN, "CT ABDOMEN W CONTRAST",
     ("contrast-ct-noncontrast-first", "IVC mass (60 mm)")),
    ("vulvar", "Findings: A 2.5 cm calcified mass of the left labium majus, favoring vulvar "
     "leiomyoma.", PELVIS, "EXCISION VULVAR MASS",
     ("surgical-planning", "left labium majus mass (25 mm)")),
    ("vulvar-ct", "Findings: A 2.5 cm calcified mass of the left labium majus, favoring vulvar "
     "leiomyoma.", PELVIS, "CT PELVIS W CONTRAST",
     ("contrast-ct-noncontrast-first", "left labium majus mass (25 mm)")),
    ("cutaneous", "Findings: A 1.5 cm calcified dermal nodule of the right upper arm, likely "
     "piloleiomyoma.", "MRI RIGHT HUMERUS WWO CONTRAST", "EXCISION MASS RIGHT ARM",
     ("surgical-planning", "right upper arm nodule (15 mm)")),
    ("mediastinal-leiomyoma", "Findings: A 4 cm calcified leiomyoma within the posterior "
     "mediastinum.", CHEST, "CT CHEST W CONTRAST",
     ("contrast-ct-noncontrast-first", "posterior mediastinal leiomyoma (40 mm)")),
]


@pytest.mark.parametrize(("name", "text", "title", "order", "card"), VARIANTS,
                         ids=[v[0] for v in VARIANTS])
def test_a_leiomyoma_elsewhere_is_no_uterine_mass(name: str, text: str, title: str, order: str,
                                                   card: tuple[str, str]) -> None:
    assert lesion(text, title, order) == card


GUARDS = [
    # a uterine fibroid in a pelvic (or abdominopelvic, or untitled) MRI keeps the uterus
    ("fibroid-pelvis", "Findings: A 6 cm calcified fibroid, subserosal.", PELVIS,
     "CT PELVIS W CONTRAST", ("contrast-ct-noncontrast-first", "uterine fibroid (60 mm)")),
    ("fibroid-ap", "Findings: A 6 cm calcified fibroid, subserosal.",
     "MRI ABDOMEN AND PELVIS WWO CONTRAST", "CT ABDOMEN PELVIS W CONTRAST",
     ("contrast-ct-noncontrast-first", "uterine fibroid (60 mm)")),
    ("fibroid-untitled", "Findings: A 6 cm calcified fibroid, subserosal.", "MRI",
     "CT ABDOMEN PELVIS W CONTRAST", ("contrast-ct-noncontrast-first", "uterine fibroid (60 mm)")),
    ("leiomyoma-myomectomy", "Uterus: A 6 cm calcified leiomyoma in the posterior fundus.",
     PELVIS, "MYOMECTOMY", ("surgical-planning", "uterine leiomyoma (60 mm)")),
    # a mediastinal node beside the oesophagus stays a mediastinal node
    ("paraesophageal-node", "Mediastinum: A 2 cm calcified paraesophageal lymph node.", CHEST,
     "CT CHEST W CONTRAST", ("nodal-calcification", "paraesophageal lymph node (20 mm)")),
]


@pytest.mark.parametrize(("name", "text", "title", "order", "card"), GUARDS,
                         ids=[g[0] for g in GUARDS])
def test_the_uterus_and_the_mediastinum_keep_their_own(name: str, text: str, title: str,
                                                       order: str, card: tuple[str, str]) -> None:
    assert lesion(text, title, order) == card


@pytest.mark.parametrize(("text", "order"), [
    # an EGD for reflux, no oesophageal lesion: a subcarinal mass is not its
    ("Mediastinum: Esophagus unremarkable. A 3 cm calcified subcarinal mass.", "EGD FOR REFLUX"),
    # a paraesophageal node is no oesophageal mass's biopsy
    ("Mediastinum: A 2 cm calcified paraesophageal lymph node.",
     "EGD WITH EUS GUIDED FNA ESOPHAGEAL MASS"),
])
def test_silent_guards(text: str, order: str) -> None:
    assert lesion(text, CHEST, order) is None


@pytest.mark.parametrize(("order", "site"), [
    ("EGD WITH EUS GUIDED FNA ESOPHAGEAL MASS", "esophagus"),
    ("EUS FNA OESOPHAGEAL LESION", "esophagus"),
    ("ESOPHAGECTOMY", "esophagus"),
    ("IVOR LEWIS OESOPHAGECTOMY", "esophagus"),
    ("EGD WITH BIOPSY GE JUNCTION MASS", "esophagogastric-junction"),
    ("WIDE LOCAL EXCISION LEFT VULVA", "vulva"),
    ("RADICAL VULVECTOMY", "vulva"),
])
def test_orders_name_the_oesophagus(order: str, site: str) -> None:
    assert site in {sid for _, _, sid in anatomy.find_order_sites(order)}


def test_chest_ct_covers_the_oesophagus_and_the_junction_the_abdomen_too() -> None:
    assert anatomy.site_regions("esophagus") == {"chest"}
    assert anatomy.site_regions("esophagogastric-junction") == {"chest", "abdomen"}
    assert anatomy.is_a("esophagogastric-junction", "esophagus")
    assert anatomy.is_a("esophagus", "organs")


def test_diagnosis_words_must_be_synonyms() -> None:
    data = anatomy.load().sites["uterus"]
    assert data.diagnoses == {"fibroid", "fibroids", "leiomyoma", "leiomyomas"}
    assert anatomy.diagnosis_elsewhere("leiomyoma", "uterus", ["esophagus"], None)
    assert not anatomy.diagnosis_elsewhere("leiomyoma", "uterus", ["bladder"], "pelvis")
    assert not anatomy.diagnosis_elsewhere("uterus", "uterus", ["esophagus"], "chest")
