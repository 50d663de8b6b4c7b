"""Issue 17, review rounds 10 and 11 (P11.47, S-size-dropped): a card quoting a statement that
gives no size (an Impression's "Large gouty tophus distending the left prepatellar bursa") names
the structure with the size another statement of the same report gives it, where the card would
name that statement the same way ("The bursa is distended by a 4.6 x 3.8 x 1.9 cm lobulated mass
…, compatible with a gouty tophus": "left prepatellar bursa tophus (46 mm)"); a tumour "on the
left lateral wall" of the bladder is the bladder's, not the heart's (a landmark after a part
word is no owner of it). The variants failed on main 54f8ff4 (unseen31 g1, unseen32 t1, unseen35
c1 are the reviewers' examples, written here in other words)."""

from __future__ import annotations

import pytest

from cds_service.core.card_sizes import lesion_name
from cds_service.core.evidence import Citation
from cds_service.core.reading import read_report
from tests.test_card_names import LIBRARY, card_detail, lesion_line, report


def named_by(text: str, title: str, opening: str) -> str:
    """The name a card gives the structure of the statement opening so."""
    found = read_report(report(text, title))
    m = next(x for x in found.findings.mentions if x.sentence.startswith(opening))
    return lesion_name(Citation(found, m), LIBRARY)[0]


@pytest.mark.parametrize(("text", "title", "opening", "expected"), [
    ("FINDINGS:\nPrepatellar bursa: The bursa is distended by a 4.6 x 3.8 x 1.9 cm lobulated "
     "mass of intermediate T1 signal, compatible with a gouty tophus. Scattered foci of very low "
     "signal on all sequences, blooming on GRE, likely represent calcification within the tophus."
     "\nIMPRESSION: Large gouty tophus distending the left prepatellar bursa, with probable "
     "internal calcification.", "MRI KNEE LEFT WITHOUT CONTRAST", "Large gouty",
     "left prepatellar bursa tophus (46 mm)"),
    ("FINDINGS:\nOlecranon bursa: The bursa contains a 3.1 cm lobulated mass of intermediate "
     "signal, compatible with a tophus. Foci of low signal on all sequences within it likely "
     "represent calcification.\nIMPRESSION: Gouty tophus of the right olecranon bursa with "
     "probable calcification.", "MRI ELBOW RIGHT WITHOUT CONTRAST", "Gouty tophus",
     "right olecranon bursa tophus (31 mm)"),
    ("FINDINGS:\nTendons: Along the peroneus longus tendon where it turns beneath the cuboid, at "
     "the cuboid notch, there is a 9 mm ovoid focus of low signal on all sequences with "
     "peritendinous edema, consistent with calcific tendinitis.\nIMPRESSION: Calcific tendinitis "
     "of the peroneus longus at the cuboid notch.", "MRI RIGHT FOOT WITHOUT CONTRAST",
     "Calcific tendinitis", "right peroneus longus tendon (9 mm)"),
])
def test_a_statement_without_a_size_takes_that_of_the_same_structure(
        text: str, title: str, opening: str, expected: str) -> None:
    assert named_by(text, title, opening) == expected


def test_a_tumour_on_the_bladder_wall_is_the_bladders() -> None:
    text = ("FINDINGS:\nBladder: A 38 mm broad-based sessile tumour on the left lateral wall near "
            "the ureteric orifice with surface encrustation showing marked signal loss, in keeping "
            "with calcification.\nIMPRESSION: Calcified left lateral wall bladder tumour, "
            "suspicious for muscle invasion.")
    detail = card_detail(text, "MRI PELVIS WITHOUT AND WITH CONTRAST", "CT PELVIS WITH CONTRAST")
    assert lesion_line(detail) == "bladder tumour (38 mm)"


@pytest.mark.parametrize(("text", "title", "opening", "expected"), [
    # another structure's size is not borrowed: a joint's effusion beside a tendon's deposit
    ("FINDINGS:\nTendons: The left supraspinatus tendon shows calcific tendinopathy.\nJoint: A "
     "25 mm loose body with calcification lies in the axillary recess.\nIMPRESSION: Calcific "
     "tendinopathy of the left supraspinatus.", "MRI LEFT SHOULDER WITHOUT CONTRAST",
     "Calcific tendinopathy", "left supraspinatus tendon"),
    # the lateral wall of the left ventricle stays the heart's
    ("FINDINGS:\nHeart: The lateral wall of the left ventricle is thinned with linear low signal "
     "consistent with calcification of the infarct.", "MRI CARDIAC WITHOUT AND WITH CONTRAST",
     "Heart:", "lateral left ventricular infarct"),
])
def test_guards(text: str, title: str, opening: str, expected: str) -> None:
    assert named_by(text, title, opening) == expected


def test_a_pericardiums_thickness_is_no_size() -> None:
    text = ("FINDINGS:\nPERICARDIUM: The pericardium is thickened up to 7 mm over the ventricles "
            "with linear low signal on all sequences, consistent with calcification.\n"
            "IMPRESSION: Calcific constrictive pericarditis.")
    assert "mm)" not in named_by(text, "MRI CARDIAC WITHOUT AND WITH CONTRAST", "Calcific")
