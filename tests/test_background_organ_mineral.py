"""A mineral in what a report sets a lesion against ("on a background of chronic calcific
pancreatitis", "in the setting of a calcified goitre", "superimposed on nephrocalcinosis") is the
organ's, not the lesion's (docs/matching-policy.md P2.37; unseen36 first run, g2 twin carded:
"2.8 cm pancreatic head mass with a double duct sign on a background of chronic calcific
pancreatitis" with "the mass itself contains no calcification" drew biopsy-calcified-mass before
an EUS FNA of the mass). The organ's calcification still concerns a contrast CT of the organ
(the positive)."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads

PANCREAS = (
    "FINDINGS:\nPancreas: Atrophic gland. Punctate low-signal foci throughout the head and body "
    "parenchyma are consistent with parenchymal calcifications of chronic calcific pancreatitis. "
    "In the pancreatic head there is a 2.8 x 2.4 cm hypoenhancing mass with a double duct sign; "
    "the mass itself contains no calcification.\nIMPRESSION:\n1. 2.8 cm pancreatic head mass "
    "with a double duct sign on a background of chronic calcific pancreatitis, highly suspicious "
    "for adenocarcinoma.")
ABDOMEN = "MRI ABDOMEN WITHOUT AND WITH CONTRAST WITH MRCP"


@pytest.mark.parametrize(("text", "site"), [
    ("IMPRESSION: 2.8 cm pancreatic head mass on a background of chronic calcific pancreatitis.",
     "pancreas"),
    ("IMPRESSION: 3 cm left renal mass superimposed on medullary nephrocalcinosis.", "kidney"),
    ("IMPRESSION: 2 cm solid right thyroid nodule in the setting of a calcified multinodular "
     "goitre.", "thyroid"),
    ("FINDINGS: A 4 cm enhancing hepatic mass in the setting of calcified hepatic "
     "echinococcal scarring.", "liver"),
    ("IMPRESSION: Hypoenhancing mass of the pancreatic body, against a background of coarse "
     "parenchymal calcification from chronic pancreatitis.", "pancreas"),
])
def test_a_background_organs_mineral_is_not_the_lesions(text: str, site: str) -> None:
    """P2.37: the lesion has no mineral; the organ has it."""
    found = {(s.kind, s.mineral) for s in read_text(text).structures}
    assert ("mass", "present") not in found
    assert ("organ", "present") in found or ("incidental", "present") in found


def test_the_twin_draws_no_biopsy_card() -> None:
    assert leads(PANCREAS, "EUS WITH FNA PANCREATIC HEAD MASS", title=ABDOMEN) == []


def test_the_organs_mineral_still_concerns_a_contrast_ct() -> None:
    assert leads(PANCREAS, "CT ABDOMEN W IV CONTRAST", title=ABDOMEN) == [
        "contrast-ct-noncontrast-first"]


@pytest.mark.parametrize("text", [
    # guards: the lesion's own mineral, before or after the background words
    "IMPRESSION: Calcified 2.8 cm pancreatic head mass on a background of chronic pancreatitis.",
    "IMPRESSION: Pancreatic head mass on a background of chronic pancreatitis; the mass contains "
    "coarse calcification.",
    "IMPRESSION: In the setting of chronic pancreatitis, a 3 cm calcified pancreatic tail mass.",
    "IMPRESSION: A 3 cm thyroid nodule with coarse calcification, on a background of "
    "multinodular goitre.",
])
def test_the_lesions_own_mineral_stays_the_lesions(text: str) -> None:
    assert ("mass", "present") in {(s.kind, s.mineral) for s in read_text(text).structures}
