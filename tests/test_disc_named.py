"""A spinal disc's mineral that the report gives only as a sign, or "consistent with a calcified
disc herniation", is named by the disc at its level (docs/matching-policy.md P11.62, as P11.37;
radiologist review round 13: unseen37 p2 "Finding: thoracic spine", wording)."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line

T_SPINE = "MRI THORACIC SPINE WITHOUT CONTRAST"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    ("Discs: At T8-T9 there is a 9 mm central and left paracentral disc extrusion that is "
     "markedly hypointense on all sequences with blooming on the gradient-echo images, "
     "consistent with a calcified disc herniation.\nIMPRESSION:\n1. Calcified T8-T9 disc "
     "herniation with ventral cord compression.", T_SPINE,
     "THORACIC DISCECTOMY T8-T9 ANTERIOR (THORACOSCOPIC)",
     "calcified T8-T9 disc herniation (9 mm)"),
    ("Discs: There is a 7 mm left paracentral disc protrusion at T7-T8 which is markedly "
     "hypointense on all sequences with blooming, possibly calcified.", T_SPINE,
     "THORACIC DISCECTOMY T7-T8", "calcified T7-T8 disc herniation (7 mm)"),
    ("Discs: An 11 mm T6-T7 central disc herniation shows blooming on gradient-echo, likely "
     "calcified, and flattens the cord.", T_SPINE, "CT THORACIC SPINE W CONTRAST",
     "calcified T6-T7 disc herniation (11 mm)"),
    ("Discs: There is a T9-T10 broad-based disc herniation, 8 mm, with low signal on all "
     "sequences and blooming, possibly calcified.", T_SPINE, "T9-T10 THORACIC DISCECTOMY",
     "calcified T9-T10 disc herniation (8 mm)"),
    ("Discs: The 10 mm disc herniation at T7-T8 is dark on all sequences with blooming on "
     "gradient-echo, compatible with calcification.", T_SPINE, "CT THORACIC SPINE W CONTRAST",
     "calcified T7-T8 disc herniation (10 mm)"),
])
def test_a_discs_sign_names_the_disc_at_its_level(text: str, title: str, order: str,
                                                  name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    ("Large calcified T8-T9 disc herniation with severe canal stenosis.", "MRI THORACIC SPINE",
     "T8-T9 ANTERIOR THORACIC DISCECTOMY", "calcified T8-T9 disc herniation"),
    ("Discs: The T10-T11 disc extrusion measures 8 mm, is low in signal on all sequences and "
     "blooms on gradient-echo images, in keeping with calcification.", T_SPINE,
     "T10-T11 THORACIC DISCECTOMY POSTEROLATERAL", "calcified T10-T11 disc herniation (8 mm)"),
    ("An 18 mm intradural extramedullary mass at T6 contains calcification. Small T6-T7 disc "
     "protrusion.", "MRI THORACIC SPINE", "CT thoracic spine with contrast",
     "intradural extramedullary mass at T6 (18 mm)"),
    ("A 2 cm expansile lesion of the T10 vertebral body with calcified matrix; the T10-T11 disc "
     "is preserved.", "MRI THORACIC SPINE", "CT guided biopsy T10",
     "lesion of the T10 vertebral body (20 mm)"),
    ("Posterior elements: A 2.4 x 1.9 cm expansile lesion is centred in the left C6 lamina with "
     "central low-signal foci suggesting mineralized osteoid matrix.", "MRI CERVICAL SPINE",
     "CT GUIDED BX BONE DEEP C6 LAMINA LT", "lesion of the left C6 lamina (24 mm)"),
])
def test_a_named_disc_or_lesion_keeps_its_name(text: str, title: str, order: str,
                                               name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name
