"""A disc named with its herniation is named by the herniation, and a disc osteophyte complex by
its name (docs/matching-policy.md P11.73, the Open point of review round 15, unseen39 p1:
"C5-C6: Broad-based disc osteophyte complex with a 6 mm central disc herniation" was "calcified
C5-C6 disc (6 mm)")."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card, lesion_line

CERVICAL, THORACIC = "MRI CERVICAL SPINE WO CONTRAST", "MRI THORACIC SPINE WO CONTRAST"
ACDF = "ANTERIOR CERVICAL DISCECTOMY AND FUSION {}"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    ("FINDINGS:\nAlignment: Straightening of the cervical lordosis.\nC4-C5: Mild disc bulge; no "
     "stenosis.\nC5-C6: Broad-based disc osteophyte complex with a 6 mm central disc herniation, "
     "hypointense on all sequences, possibly calcified, with moderate central canal stenosis "
     "and flattening of the ventral cord.\nC6-C7: Uncovertebral hypertrophy with mild left "
     "foraminal narrowing.\nIMPRESSION:\n1. C5-C6 disc osteophyte complex and central herniation "
     "with moderate canal stenosis; the herniation may be calcified.", CERVICAL,
     ACDF.format("C5-C6"), "calcified C5-C6 disc herniation (6 mm)"),
    ("FINDINGS:\nC6-C7: Disc osteophyte complex with a 5 mm left paracentral disc protrusion, "
     "dark on all sequences with blooming on GRE, likely calcified, effacing the ventral CSF.",
     CERVICAL, ACDF.format("C6-C7"), "calcified left C6-C7 disc herniation (5 mm)"),
    ("FINDINGS:\nT8-T9: Disc bulge with a 7 mm central disc extrusion, markedly hypointense with "
     "blooming, consistent with a calcified disc herniation.", THORACIC,
     "THORACIC DISCECTOMY T8-T9", "calcified T8-T9 disc herniation (7 mm)"),
    ("FINDINGS:\nC5-C6: Broad-based disc osteophyte complex, hypointense on all sequences with "
     "blooming on GRE, likely calcified, with moderate canal stenosis.", CERVICAL,
     ACDF.format("C5-C6"), "calcified C5-C6 disc osteophyte complex"),
    ("FINDINGS:\nC4-C5: Disc osteophyte complex. C5-C6: 6 mm central disc herniation, "
     "hypointense on all sequences, possibly calcified.", CERVICAL, ACDF.format("C5-C6"),
     "calcified C5-C6 disc herniation (6 mm)"),
    # guards: a herniation named at its level; a disc with none; a line's own herniation
    ("FINDINGS:\nL4-L5: Right paracentral disc protrusion measuring 11 mm, markedly hypointense "
     "on T1 and T2 with blooming on GRE, suggesting a calcified disc herniation.",
     "MRI LUMBAR SPINE WO CONTRAST", "LUMBAR LAMINOTOMY/MICRODISCECTOMY L4-L5 RIGHT",
     "calcified right L4-L5 disc herniation (11 mm)"),
    ("FINDINGS: A calcified T7-T8 disc, dark on all sequences with blooming, without "
     "herniation.", THORACIC, "THORACIC DISCECTOMY T7-T8", "calcified T7-T8 disc"),
    ("FINDINGS: A calcified right paracentral T8-T9 disc herniation measuring 9 mm indents the "
     "cord.", THORACIC, "THORACIC DISCECTOMY T8-T9", "calcified T8-T9 disc herniation (9 mm)"),
])
def test_a_disc_is_named_by_its_herniation_or_complex(text: str, title: str, order: str,
                                                      name: str) -> None:
    assert lesion_line(first_card(text, title, order).detail) == name


def test_a_herniation_at_another_level_is_not_the_disc_s() -> None:
    """The clause names the C6-C7 herniation: the C5-C6 disc keeps its own name (its size is
    the helper "sizes"' matter, not asserted here)."""
    text = ("FINDINGS:\nC5-C6: Broad-based disc osteophyte complex, hypointense on all sequences, "
            "possibly calcified, with a 4 mm C6-C7 disc herniation below it.")
    name = lesion_line(first_card(text, CERVICAL, ACDF.format("C5-C6")).detail)
    assert name.startswith("calcified C5-C6 disc osteophyte complex")
