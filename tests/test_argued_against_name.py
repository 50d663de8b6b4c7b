"""Issue 17, review round 13 (P2.39, P11.56; S-negated-lesion-word): a diagnosis the report
argues against ("the calcification argues against a fat-poor angiomyolipoma", "makes a lipoma
unlikely", "atypical for a hemangioma", "inconsistent with a mature teratoma") never names the
lesion: the card names it by the report's own organ and lesion word ("right renal mass"). A
diagnosis the report affirms or favours, a differential it leaves open, a diagnosis argued
against for another lesion, and a node argued not to be metastatic keep today's names. The
variants failed on main 9e437b1 (unseen37 g1 is the review's example, written here in other
words)."""

from __future__ import annotations

import pytest

from cds_service.core.reading.structure import lesion_words
from tests.test_card_names import card_detail, lesion_line

KIDNEY = ("MRI ABDOMEN WITHOUT AND WITH CONTRAST", "CT GUIDED CORE BIOPSY RIGHT RENAL MASS")
THIGH = ("MRI LEFT THIGH WITHOUT AND WITH CONTRAST", "CT GUIDED CORE BIOPSY LEFT THIGH MASS")
A_MASS = "FINDINGS: A 4 cm mass in the left thigh. It contains coarse calcification"


def name(text: str, exam: tuple[str, str]) -> str:
    return lesion_line(card_detail(text, *exam))


@pytest.mark.parametrize(("text", "exam", "expected"), [
    ("FINDINGS: A 2.8 cm solid mass arises from the lower pole of the left kidney. It contains a "
     "coarse calcification, which makes an angiomyolipoma unlikely.\nIMPRESSION: Solid calcified "
     "left renal mass, likely renal cell carcinoma.",
     ("MRI ABDOMEN WITHOUT AND WITH CONTRAST", "CT GUIDED BIOPSY LEFT KIDNEY MASS"),
     "left renal mass (28 mm)"),
    ("FINDINGS:\nLiver: A 4.2 cm lesion in segment 6 with peripheral washout. Central "
     "calcification is present, which is atypical for a hemangioma.",
     ("MRI ABDOMEN WITHOUT AND WITH CONTRAST", "US GUIDED LIVER BIOPSY"), "liver lesion (42 mm)"),
    ("FINDINGS: A 6 cm heterogeneous mass lies in the right vastus lateralis. Its chunky "
     "calcification is not typical of a lipoma.",
     ("MRI RIGHT THIGH WITHOUT AND WITH CONTRAST", "CT GUIDED CORE BIOPSY RIGHT THIGH MASS"),
     "right vastus lateralis mass (60 mm)"),
    ("FINDINGS: A 5 cm solid mass arises from the left ovary. It contains calcification but no "
     "macroscopic fat, inconsistent with a mature teratoma.",
     ("MRI PELVIS WITHOUT AND WITH CONTRAST", "CT GUIDED BIOPSY LEFT ADNEXAL MASS"),
     "left ovarian mass (50 mm)"),
    ("FINDINGS: There is a 3 cm mass in the right parotid gland. The punctate calcification "
     "within it makes a pleomorphic adenoma less likely.",
     ("MRI NECK WITHOUT AND WITH CONTRAST", "US GUIDED CORE BIOPSY RIGHT PAROTID MASS"),
     "right parotid gland mass (30 mm)"),
    ("FINDINGS:\nSoft tissues: There is a 5 cm mass in the subcutaneous fat of the left flank. "
     "Peripheral calcification, which would be atypical of a lipoma, is present along its "
     "margin.", ("MRI ABDOMEN WITHOUT AND WITH CONTRAST", "EXCISION LEFT FLANK MASS"),
     "left flank mass (50 mm)"),
    (f"{A_MASS}, which excludes a simple cyst.", THIGH, "left thigh mass (40 mm)"),
    (f"{A_MASS}, arguing against a hematoma.", THIGH, "left thigh mass (40 mm)"),
    (f"{A_MASS}, which speaks against a lipoma.", THIGH, "left thigh mass (40 mm)"),
    (f"{A_MASS}, so a lipoma is unlikely.", THIGH, "left thigh mass (40 mm)"),
])
def test_a_diagnosis_argued_against_names_nothing(text: str, exam: tuple[str, str],
                                                  expected: str) -> None:
    assert name(text, exam) == expected


@pytest.mark.parametrize(("text", "exam", "expected"), [
    # affirmed, favoured, left open: today's names
    (f"{A_MASS}, consistent with a hemangioma.", THIGH, "left thigh hemangioma (40 mm)"),
    (f"{A_MASS} and is favoured to represent a schwannoma.", THIGH, "left thigh mass (40 mm)"),
    (f"{A_MASS}: hemangioma versus synovial sarcoma.", THIGH, "left thigh lesion (40 mm)"),
    (f"{A_MASS}; a sarcoma cannot be excluded.", THIGH, "left thigh mass (40 mm)"),
    (f"{A_MASS}, typical of a hemangioma rather than a sarcoma.", THIGH,
     "left thigh hemangioma (40 mm)"),
    ("FINDINGS: A 3.1 cm right renal mass with punctate calcification; the mass is unlikely to "
     "be benign.", KIDNEY, "right renal mass (31 mm)"),
    # the diagnosis argued against for another lesion of the report
    ("FINDINGS: A 3.1 cm right renal angiomyolipoma with macroscopic fat and punctate "
     "calcification. A 2 cm left renal lesion without fat, which argues against an "
     "angiomyolipoma.", KIDNEY, "right renal angiomyolipoma (31 mm)"),
    # a node argued not to be metastatic is still the node
    ("FINDINGS: A 12 mm right level II lymph node contains a punctate calcification; its "
     "preserved fatty hilum argues against a metastatic node.",
     ("MRI NECK WITHOUT AND WITH CONTRAST", "US GUIDED FNA RIGHT NECK LYMPH NODE"),
     "right level II lymph node (12 mm)"),
    # the word argued against is no place either ("fibroid" is the uterus's in the table)
    ("FINDINGS: A 7 cm mass in the uterine fundus with irregular margins. It contains coarse "
     "calcification; the diffusion restriction makes a degenerated fibroid less likely.",
     ("MRI PELVIS WITHOUT AND WITH CONTRAST", "CT GUIDED BIOPSY UTERINE MASS"),
     "uterine mass (70 mm)"),
])
def test_guards_keep_todays_names(text: str, exam: tuple[str, str], expected: str) -> None:
    assert name(text, exam) == expected


@pytest.mark.parametrize(("sentence", "words"), [
    ("It contains calcification, which argues against a fat-poor angiomyolipoma.", []),
    ("Calcification makes an angiomyolipoma unlikely.", []),
    ("Necrotic nodal metastasis (thyroid primary) is less likely.", []),
    ("A schwannoma is not favoured.", []),
    ("Calcification, consistent with an angiomyolipoma.", ["angiomyolipoma"]),
    ("A lipoma or liposarcoma cannot be excluded.", ["lipoma", "liposarcoma"]),
    ("The mass is unlikely to be benign.", ["mass"]),
    ("The lesion is unlikely to represent a hemangioma.", ["lesion"]),
    ("A lipoma is less likely than a liposarcoma.", ["liposarcoma"]),
    ("Favoured over a liposarcoma.", []),
])
def test_lesion_words_leave_out_a_diagnosis_argued_against(sentence: str,
                                                           words: list[str]) -> None:
    assert [m.group().lower() for m in lesion_words(sentence, 0, len(sentence))] == words


def test_argued_words_are_bounded_on_long_text() -> None:
    """Linear: a long run of words before a lesion word is read in a bounded window."""
    s = "rather than " + "very " * 20000 + "lipoma is " + "less " * 20000 + "likely"
    assert [m.group() for m in lesion_words(s, 0, len(s))] == ["lipoma"]
