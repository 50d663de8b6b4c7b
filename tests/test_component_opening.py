"""Issue 17, review round 23, unseen48 o1 variant (P2.49, amends P11.101): a sentence opening
with a mass's own cysts ("Small peripheral cysts are present at the skull-base margin.", "There
are small internal cysts.") describes the mass named before it, so a following "It contains …
calcification" refers back past it to the mass's own sentence: "left nasal cavity mass (34 mm)",
never "skull cyst". Guards: a sentence naming cysts of an organ with no word placing them in a
lesion ("Small cysts are present in the left kidney.") and the mass's own sentence read as
before. The variants failed on main af20e49."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line

SINUS, CT_FACE = "MRI SINUS FACE W WO CONTRAST", "CT MAXILLOFACIAL W CONTRAST"
NASAL = ("FINDINGS:\nSINONASAL: A 34 mm lobulated enhancing mass fills the left superior nasal "
         "cavity and olfactory recess, abutting the cribriform plate. {a} {b}\nIMPRESSION:\n1. 34 "
         "mm left superior nasal cavity mass at the cribriform plate.")
KIDNEY = ("FINDINGS:\nKIDNEYS: A 4.2 cm solid mass arises from the lower pole of the right kidney. "
          "{a} {b}\nIMPRESSION:\n1. 4.2 cm right renal mass.")

VARIANTS = [
    (NASAL, "Small peripheral cysts are present at the skull-base margin.",
     "It contains foci of low signal on all sequences consistent with calcification.", SINUS,
     CT_FACE, "left nasal cavity mass (34 mm)"),
    (NASAL, "There are small peripheral cysts at the skull-base margin.",
     "It also contains punctate calcification.", SINUS, CT_FACE,
     "left nasal cavity mass (34 mm)"),
    (NASAL, "Small peripheral cysts are present at the skull-base margin.",
     "Within it are punctate foci of calcification.", SINUS, CT_FACE,
     "left nasal cavity mass (34 mm)"),
    (NASAL, "Several tiny peripheral cysts lie at the skull-base margin.",
     "It contains punctate calcification.", SINUS, CT_FACE, "left nasal cavity mass (34 mm)"),
    (KIDNEY, "Multiple small central cysts are present within the lower pole.",
     "It contains coarse calcification.", "MRI ABDOMEN W WO", "CT ABDOMEN W CONTRAST",
     "right renal mass (42 mm)"),
]


@pytest.mark.parametrize(("text", "a", "b", "title", "order", "name"), VARIANTS)
def test_a_component_opening_is_passed_back_to_the_mass(text: str, a: str, b: str, title: str,
                                                         order: str, name: str) -> None:
    assert lesion_line(card_detail(text.format(a=a, b=b), title, order)) == name


GUARDS = [
    (NASAL, "It is intermediate on T2 with small peripheral cysts at the skull-base margin.",
     "It contains foci of low signal on all sequences consistent with calcification.", SINUS,
     CT_FACE, "left nasal cavity mass (34 mm)"),
    (NASAL, "The cysts are T2 hyperintense.", "It contains punctate calcification.", SINUS,
     CT_FACE, "left nasal cavity mass (34 mm)"),
]


@pytest.mark.parametrize(("text", "a", "b", "title", "order", "name"), GUARDS)
def test_guards_read_as_before(text: str, a: str, b: str, title: str, order: str,
                               name: str) -> None:
    assert lesion_line(card_detail(text.format(a=a, b=b), title, order)) == name


def test_cysts_of_an_organ_are_no_component() -> None:
    text = ("FINDINGS:\nKIDNEYS: Small cysts are present in the left kidney. It contains a focus "
            "of coarse calcification.")
    assert lesion_line(card_detail(text, "MRI ABDOMEN W WO", "CT ABDOMEN W CONTRAST")) == (
        "left renal cyst")
