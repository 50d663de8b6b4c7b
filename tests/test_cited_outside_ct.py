"""A CT done elsewhere and cited inside the MRI report as having shown the calcification is an
adequate study (P12.4, P13.1, P13.2(c)): the card is silent, however the sentence names it ("the
noncontrast CT of the abdomen performed at the referring hospital on <date> showed", "the
referring facility's CT", "CT from <date> (outside)"), and a clause after it that says only that
this MRI does not characterize the calcification leaves it the CT's (P12.18; unseen19 o1 twin).
A radiograph or ultrasound cited for a soft-tissue mass is not adequate: the card stays and names
the cited study (P12.4, P20.1)."""

from __future__ import annotations

import base64
import re

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core import rules
from cds_service.core.card_library import load_library
from cds_service.core.cards import render
from cds_service.core.evidence import PatientFacts
from cds_service.core.reading import read_report, read_text
from tests.test_order_catalog import read

LIBRARY = load_library(DEFAULT_CARDS_DIR)


def _text(title: str, comparison: str, place: str, lesion: str, cited: str) -> str:
    return (f"EXAM: {title}\nHISTORY: Mass.\nTECHNIQUE: Multiplanar T1 and T2 images before and "
            f"after gadolinium.\nCOMPARISON: {comparison}\nFINDINGS:\n{place}: {lesion} "
            f"{cited}\nOther: No other abnormality.\nIMPRESSION:\n1. {lesion}\n")


def _problems(text: str, title: str, order: str, code: str | None, age: int,
              reason: str | None = None) -> list[rules.Problem]:
    report = read_report({"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
                          "code": {"text": title}, "effectiveDateTime": "2026-11-05",
                          "subject": {"reference": "Patient/p1"},
                          "presentedForm": [{"contentType": "text/plain", "data":
                                             base64.b64encode(text.encode()).decode()}]})
    extra = {"reasonCode": [{"text": reason}]} if reason else {}
    ev = rules.Evidence(reports=(report,), studies=(), patient=PatientFacts(age_years=age))
    return rules.merge(rules.evaluate(read(order, code, **extra), ev))


# (title, comparison, place, lesion, order, code, age, reason, card)
KINDS = {
    "flank": ("MRI ABDOMEN WITHOUT AND WITH CONTRAST", "Retroperitoneum",
              "An 8.2 x 6.0 cm lobulated left retroperitoneal mass lies medial to the left kidney.",
              "US GUIDED CORE BIOPSY LEFT RETROPERITONEAL MASS", None, 3, None,
              "pediatric-flank-mass"),
    "thigh": ("MRI LEFT THIGH WITHOUT AND WITH CONTRAST", "Muscles",
              "A 6.1 x 4.0 cm intramuscular mass lies in the left vastus lateralis.",
              "US GUIDED CORE BX LT THIGH MASS", "20206", 54, None, "deep-soft-tissue-mass"),
    "adrenal": ("MRI ABDOMEN WITHOUT AND WITH CONTRAST", "Adrenals",
                "A 4.5 cm heterogeneous right adrenal mass is T2 hyperintense.",
                "CT ABDOMEN W CONTRAST", "74160", 61, None, "contrast-ct-noncontrast-first"),
    "femur": ("MRI RIGHT FEMUR WITHOUT AND WITH CONTRAST", "Bones",
              "A 3.8 cm lobulated lesion in the right distal femoral metaphysis is T2 "
              "hyperintense with chondroid lobules.",
              "BONE BIOPSY RT DISTAL FEMUR LESION", "20225", 47, None, "bone-lesion-biopsy"),
    "node": ("MRI CHEST WITHOUT AND WITH CONTRAST", "Mediastinum",
             "A 2 cm subcarinal lymph node is heterogeneous.",
             "CT CHEST W CONTRAST", "71260", 66, "Right upper lobe lung cancer staging",
             "nodal-calcification"),
}

MINERAL = {"flank": "stippled calcification throughout this mass",
           "thigh": "coarse calcification within this mass",
           "adrenal": "coarse calcification within this mass",
           "femur": "ring-and-arc chondroid matrix mineralization in this lesion",
           "node": "coarse calcification within this node"}


def _cite(kind: str, cited: str) -> str:
    s = cited.format(m=MINERAL[kind])
    return s[0].upper() + s[1:]


def _case(kind: str, comparison: str, cited: str) -> list[str]:
    title, place, lesion, order, code, age, reason, _ = KINDS[kind]
    text = _text(title, comparison, place, lesion, _cite(kind, cited))
    return [p.lead.rule_id for p in _problems(text, title, order, code, age, reason)]


# (kind, comparison line, the sentence citing the CT): each drew a card before
FAILED_BEFORE = [
    ("flank", "Abdominal radiograph 2026-11-02. Renal ultrasound 2026-11-03.",
     "The noncontrast CT of the abdomen performed at the referring hospital on 2026-11-02 showed "
     "{m}; the calcification itself is not characterized on this MRI."),
    ("flank", "Abdominal radiograph 2026-11-02.",
     "The CT performed at the outside hospital on 2026-11-02 showed {m}."),
    ("thigh", "None.", "{m} was seen on the referring facility's CT."),
    ("thigh", "None.",
     "The CT of the left thigh, obtained in the emergency department on 2026-11-02, "
     "demonstrated {m}."),
    ("adrenal", "None.", "CT from 2026-11-02 (outside) showed {m}."),
    ("adrenal", "Outside CT abdomen 2026-11-02.",
     "The noncontrast CT acquired at the referring facility showed {m}; it is not "
     "characterized on this MRI."),
    ("thigh", "None.",
     "A CT obtained at the referring hospital on 2026-11-02 and reviewed at our institution "
     "demonstrated {m}."),
    ("femur", "None.",
     "The CT of the right femur performed at the referring hospital on 2026-11-02 "
     "demonstrated {m}."),
    ("node", "None.",
     "The noncontrast CT of the chest performed at an outside hospital on 2026-11-02 showed {m}; "
     "the calcification is not characterized on this MRI."),
]

# already silent before, kept: other ways the reports cite the same CT
KEPT = [
    ("flank", "None.", "{m} was noted on the noncontrast CT obtained in the emergency "
     "department."),
    ("flank", "CT abdomen 2026-11-02 (outside).", "{m} was present on the prior CT."),
    ("flank", "Abdominal radiograph and CT abdomen, both 2026-11-02.",
     "The CT of 2026-11-02 showed {m}."),
    ("thigh", "None.", "Outside CT images from 2026-11-02 were reviewed and show {m}."),
    ("node", "None.", "The CT of 11/02 demonstrated {m}."),
]


@pytest.mark.parametrize(("kind", "comparison", "cited"), FAILED_BEFORE + KEPT)
def test_a_ct_cited_as_having_shown_the_calcification_silences_every_card(
        kind: str, comparison: str, cited: str) -> None:
    assert _case(kind, comparison, cited) == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_without_the_cited_ct_each_case_draws_its_card(kind: str) -> None:
    assert _case(kind, "None.", "There is {m}.") == [KINDS[kind][-1]]


@pytest.mark.parametrize(("kind", "cited", "modality"), [
    ("flank", "The abdominal radiograph of 2026-11-02 showed {m}; the calcification itself is "
     "not characterized on this MRI.", "Radiograph"),
    ("flank", "The renal ultrasound performed at the referring hospital on 2026-11-03 showed {m}.",
     "Ultrasound"),
    ("thigh", "Radiographs of the left thigh obtained at the outside clinic on 2026-11-02 showed "
     "{m}.", "Radiograph"),
    ("thigh", "{m} was seen on the referring facility's ultrasound.", "Ultrasound"),
])
def test_a_cited_radiograph_or_ultrasound_of_a_soft_tissue_mass_keeps_the_card(
        kind: str, cited: str, modality: str) -> None:
    """P12.4, P13.1: CT for a soft-tissue mass; the card names the cited study (P20.1)."""
    title, place, lesion, order, code, age, reason, card = KINDS[kind]
    text = _text(title, "None.", place, lesion, _cite(kind, cited))
    problems = _problems(text, title, order, code, age, reason)
    assert [p.lead.rule_id for p in problems] == [card]
    detail = render(problems[0], LIBRARY, patient_id="p1",
                    new_id=lambda: "id").card.to_json()["detail"]
    # the cited study's own date where written at its name (P20.5), then the citing MRI (P20.1)
    assert re.match(rf"\*\*{modality}\*\*(?: of \d{{4}}-\d\d-\d\d)?, cited in {title}", detail)


def test_a_cited_radiograph_of_a_bone_lesion_is_adequate() -> None:
    """P13.1: radiographs show a bone lesion's matrix."""
    assert _case("femur", "None.", "Radiographs of the right femur performed at the referring "
                 "hospital on 2026-11-02 demonstrated {m}.") == []


@pytest.mark.parametrize(("kind", "cited"), [
    # the CT showed no calcification; the MRI's own statement stands
    ("flank", "The noncontrast CT performed at the referring hospital on 2026-11-02 showed no "
     "calcification. Punctate low-signal foci in the mass may represent calcification."),
    ("thigh", "The CT of the left thigh obtained at the outside hospital showed no "
     "mineralization. The mass contains coarse calcification."),
    # the CT is cited for another structure
    ("flank", "The mass contains stippled calcification. The CT performed at the referring "
     "hospital on 2026-11-02 showed a calcified granuloma in the right lung base."),
    # advice to do a CT is no CT done
    ("adrenal", "The mass contains coarse calcification; a CT should be performed to "
     "characterize whether the mass shows fat."),
])
def test_a_ct_that_showed_no_calcification_or_another_structure_leaves_the_card(
        kind: str, cited: str) -> None:
    assert _case(kind, "None.", cited) == [KINDS[kind][-1]]


def test_the_clause_after_the_cited_ct_is_no_statement_of_this_mri() -> None:
    """P12.18: "…; the calcification itself is not characterized on this MRI" stays the CT's, and
    the report makes no calcification statement of its own (P12.2)."""
    title, place, lesion, *_ = KINDS["flank"]
    found = read_text(_text(title, "None.", place, lesion, _cite("flank", FAILED_BEFORE[0][2])))
    assert {(m.seen_on, m.own) for m in found.mentions if m.counts} == {("CT", False)}
    assert found.calcification == "not mentioned"


# --- the SWI foci of a brain lesion matched to the calcification of a cited CT (unseen25 o2) ---

def _brain(comparison: str, sentence: str) -> list[str]:
    title = "MRI BRAIN WO CONTRAST SEIZURE PROTOCOL"
    text = (f"EXAM: {title}\nHISTORY: 19-year-old man with a first focal seizure.\nTECHNIQUE: 3D "
            f"T1, axial and coronal T2, coronal FLAIR, DWI and SWI.\nCOMPARISON: {comparison}\n"
            "FINDINGS:\nThere is a 2.6 x 2.0 cm intra-axial lesion in the left anterior temporal "
            f"lobe, partly cystic, with a mural nodule. {sentence}\nThe hippocampi are "
            "symmetric. No restricted diffusion.\nIMPRESSION:\n1. 2.6 cm partly cystic "
            "intra-axial left temporal lesion with a mural nodule; pleomorphic "
            "xanthoastrocytoma is favored.\n")
    return [p.lead.rule_id for p in _problems(
        text, title, "MR Head w and wo IV Contrast Tumor New", None, 19,
        "New left temporal lesion, characterize before epilepsy surgery")]


BOTH = "Referring hospital CT head without contrast and CTA head and neck, both 2026-10-28."
WITH_XR = "CT head and skull radiographs, both 2026-10-28."


@pytest.mark.parametrize(("comparison", "sentence"), [
    # drew mri-characterization before
    (BOTH, "The punctate SWI foci in the mural nodule correspond to coarse calcification on the "
     "referring hospital's noncontrast CT head of 2026-10-28."),
    (BOTH, "The punctate SWI foci in the mural nodule match the coarse calcification on the "
     "referring hospital's CT head."),
    (WITH_XR, "Punctate SWI foci in the mural nodule correspond to the calcification seen on the "
     "noncontrast head CT performed at the referring hospital on 2026-10-28."),
    (BOTH, "Coarse calcification in the mural nodule was present on the referring hospital's "
     "head CT and accounts for the punctate SWI foci."),
    (BOTH, "The referring hospital's noncontrast CT head (2026-10-28) showed coarse calcification "
     "in the mural nodule, which accounts for the punctate SWI foci."),
    (BOTH, "The CT head from the referring hospital, dated 2026-10-28, demonstrated coarse "
     "calcification in the mural nodule."),
    (WITH_XR, "The punctate SWI foci in the mural nodule are concordant with calcification on the "
     "outside hospital's noncontrast head CT."),
    (BOTH, "The noncontrast CT head obtained at the referring hospital on 2026-10-28 and the CTA "
     "of the same day showed coarse calcification in the mural nodule."),
    # silent before too, kept
    (BOTH, "Punctate SWI foci in the mural nodule, corresponding to the calcification seen on "
     "the noncontrast CT of 2026-10-28."),
    (WITH_XR, "The punctate SWI foci in the mural nodule represent calcification, as shown on the "
     "outside CT."),
    (WITH_XR, "The punctate SWI foci in the mural nodule correspond to calcification on the CT of "
     "2026-10-28."),
])
def test_swi_foci_matched_to_a_cited_ct_draw_no_characterization_card(
        comparison: str, sentence: str) -> None:
    assert _brain(comparison, sentence) == []


@pytest.mark.parametrize(("comparison", "sentence"), [
    ("None available.", "Within the lesion are punctate foci of susceptibility on SWI that "
     "likely represent calcification."),
    # a skull radiograph is not adequate for a brain lesion (P13.1)
    (WITH_XR, "The punctate SWI foci in the mural nodule correspond to calcification on the "
     "skull radiographs of 2026-10-28."),
    # the CTA is cited for the vessels, the calcification is the MRI's own
    (BOTH, "Within the lesion are punctate foci of susceptibility on SWI that likely represent "
     "calcification. The outside CTA showed no vascular malformation."),
])
def test_the_mri_s_own_swi_foci_or_a_radiograph_s_keep_the_card(comparison: str,
                                                               sentence: str) -> None:
    assert _brain(comparison, sentence) == ["mri-characterization"]
