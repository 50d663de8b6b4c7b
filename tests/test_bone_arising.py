"""Issue 17, a mass that arises from, replaces the marrow of, expands or breaches the cortex of a
named bone is a lesion inside bone (docs/matching-policy.md P16.12), whatever its lesion word.

unseen19 first run, k1 twin: "A 6.1 x 4.2 cm expansile mass arises from the anterolateral arc of
the right fifth rib, replacing its marrow and breaching the cortex" before "CT CHEST W/ IV
CONTRAST" drew deep-soft-tissue-mass ("right rib mass (61 mm)"): the bone's name stood more than
three words after "arises from the", and neither "replacing its marrow" nor "breaching the
cortex" was read. Guards: a mass that abuts, scallops, erodes, remodels or invades a bone, or
arises from a muscle over it, stays a soft-tissue mass (P16.5, P16.10); a "juxtacortical" mass
that only abuts the cortex too (P16.12).

P16.13 (unseen25 first run, k1 twin and a1): the maxilla and mandible are bones, and a sinus a
bone lesion only reaches ("expands into the floor of the left sphenoid sinus") is no place of it.
Each variant failed on 0a63b29 (P16.12) or 9fea015 (P16.13)."""

from __future__ import annotations

import pytest

from cds_service.core.reading.lexicon import find_contexts
from tests.test_bone_skull_base_surgery import cards, leads
from tests.test_reading_bones import structures

CHEST = "MRI CHEST WALL RIGHT WITHOUT AND WITH CONTRAST"
RIB = ("Chest wall: A 6.1 x 4.2 cm expansile mass arises from the anterolateral arc of the right "
       "fifth rib, replacing its marrow and breaching the cortex. The mass is heterogeneously T2 "
       "hyperintense with lobulated margins and peripheral enhancement. Stippled and ring-like "
       "calcifications are present within it, dark on all sequences.\n"
       "Adjacent structures: The serratus anterior is displaced outward but not invaded.\n"
       "Lungs: The visualized right lung is clear.\n"
       "IMPRESSION:\n1. 6.1 cm calcified expansile mass of the right fifth rib.")

# (MRI text, site the bone lies in)
VARIANTS = [
    (RIB, "chest-wall"),
    ("Shoulder girdle: A 5.2 cm lobulated mass arises from the inferior angle of the left scapula "
     "and contains rings and arcs of low signal suggesting calcified chondroid matrix.",
     "shoulder"),
    ("A 2.8 cm mass arising from the medial end of the left clavicle contains chondroid "
     "calcification.", "clavicle"),
    ("A 5 cm mass of the posterior arc of the right fourth rib contains chondroid calcification.",
     "chest-wall"),
    ("Chest wall: A 5 cm mass is centred in the anterior arc of the left sixth rib, replacing its "
     "marrow, and contains calcified chondroid matrix.", "chest-wall"),
    ("A 4 cm lesion of the anterior arc of the right seventh rib with cortical breach contains "
     "rings-and-arcs calcification.", "chest-wall"),
    ("A 3 cm mass expands the anterior arc of the right fifth rib and contains calcified matrix.",
     "chest-wall"),
    ("A 6 cm tumor arises from the posterior aspect of the left iliac wing, breaching the inner "
     "table, with coarse calcification.", "pelvis"),
    ("Sternum: A 4 cm mass replaces the marrow of the body of the sternum and contains punctate "
     "calcification.", "chest-wall"),
]


@pytest.mark.parametrize(("text", "site"), VARIANTS)
def test_a_mass_arising_in_or_replacing_a_bone_is_a_bone_lesion(text: str, site: str) -> None:
    kinds = {(k, s) for k, s, _, _ in structures("MRI\nFINDINGS:\n" + text)}
    assert ("bone", site) in kinds and not any(k == "mass" for k, _ in kinds)


GUARDS = [
    "A 3 cm calcified mass in the serratus anterior abuts the right fifth rib.",
    "A 4 cm calcified mass in the intercostal muscles scallops the outer cortex of the adjacent "
    "sixth rib.",
    "A 4 cm calcified mass arises from the serratus anterior muscle overlying the right fifth "
    "rib.",
    "A 5 cm calcified mass arises from the intercostal muscles between the right fifth and sixth "
    "ribs.",
    "A 3 cm calcified mass arises from the pectoralis minor muscle deep to the anterior arc of "
    "the left third rib.",
    "A 4 cm calcified mass in the chest wall invades the adjacent right fifth rib, replacing its "
    "marrow.",
    "A 6 cm mass in the vastus intermedius with coarse calcification remodels the anterior "
    "femoral cortex, with periosteal reaction of the adjacent femoral diaphysis.",
    "A 4 cm calcified mass abuts the anterior cortex of the femoral diaphysis without marrow "
    "signal change.",
    "A 4 cm juxtacortical calcified mass abuts the anterior cortex of the femoral diaphysis "
    "without marrow signal change.",
    "A 4 cm calcified mass lies adjacent to the posterior cortex of the distal femoral "
    "metaphysis.",
    "A 7 cm mass in the gluteus medius with dense calcification erodes the outer table of the "
    "right iliac wing.",
]


@pytest.mark.parametrize("text", GUARDS)
def test_a_mass_beside_or_invading_a_bone_stays_a_soft_tissue_mass(text: str) -> None:
    assert [k for k, _, _, _ in structures("MRI\nFINDINGS:\n" + text)] == ["mass"]


def test_a_bone_surface_mass_arising_from_the_cortex_is_a_bone_lesion() -> None:
    """A juxtacortical mass that arises from the cortex is a bone-surface lesion (P16.1)."""
    assert [k for k, _, _, _ in structures(
        "MRI\nFINDINGS:\nA juxtacortical calcified mass arises from the anterior cortex of the "
        "femoral diaphysis.")] == ["bone"]


def test_the_rib_mass_before_a_contrast_ct_draws_no_card() -> None:
    """unseen19 k1 twin: the contrast CT shows the matrix; a bone lesion feeds no CT card."""
    assert leads(CHEST, RIB, "CT CHEST W/ IV CONTRAST") == []


def test_the_rib_mass_before_its_biopsy_draws_the_bone_lesion_card() -> None:
    drawn = cards(CHEST, RIB, "CT GUIDED BIOPSY RIGHT FIFTH RIB LESION")
    assert [c["rule"] for c in drawn] == ["bone-lesion-biopsy"]
    text = drawn[0]["summary"] + drawn[0]["detail"]
    assert "soft-tissue" not in text and "mandatory" not in text
    assert "lesion of the right fifth rib (61 mm)" in drawn[0]["detail"]


def test_a_chest_ct_that_showed_the_matrix_silences_the_biopsy_card() -> None:
    ct = ("2026-10-20", "CT CHEST WITHOUT CONTRAST",
          "Expansile lesion of the right fifth rib with rings-and-arcs chondroid matrix.")
    assert leads(CHEST, RIB, "CT GUIDED BIOPSY RIGHT FIFTH RIB LESION", None, ct) == []


def test_a_serratus_mass_abutting_the_rib_keeps_its_soft_tissue_card() -> None:
    mri = ("Chest wall: A 6 cm mass in the right serratus anterior abuts the fifth rib without "
           "cortical erosion or marrow signal change. Stippled calcifications are present within "
           "it.")
    assert leads(CHEST, mri, "CT CHEST W/ IV CONTRAST") == ["deep-soft-tissue-mass"]


# --- P16.13: the jaw bones; a place a bone lesion only reaches ---------------------------------

SKULL = "MRI SKULL BASE W/WO CONTRAST"
CLIVUS = ("Clivus: A 3.6 x 2.8 cm lesion is centred in the clivus, replacing its normal fatty "
          "marrow, and expands into the floor of the left sphenoid sinus. It is markedly T2 "
          "hyperintense and contains internal low-signal foci consistent with calcified "
          "fragments.\nIMPRESSION:\n1. Marrow-replacing clival lesion extending into the left "
          "sphenoid sinus with internal calcified fragments, most consistent with chordoma.")
FACE = "MRI FACE W/WO CONTRAST"
MAXILLA = ("Left maxilla: A 3.3 x 2.6 cm expansile lesion arises within the left maxillary "
           "alveolar process and body, replacing the marrow, thinning and bowing the floor of the "
           "left maxillary sinus. It contains scattered punctate foci that are dark on all "
           "sequences, consistent with calcification within the lesion.")

# (MRI text, site the bone lies in); each read a sinus mass (an organ's) on 0a63b29
REACHED = [
    (CLIVUS, "head"),
    ("A clival lesion extending into the sphenoid sinus with internal calcified fragments.",
     "head"),
    (MAXILLA, "face"),
    ("A 4 cm lesion centred in the right maxillary alveolar ridge bulges into the right maxillary "
     "sinus and contains calcified matrix.", "face"),
    ("A 5 cm lesion of the left sphenoid body extends into the floor of the sphenoid sinus and "
     "contains chondroid calcification.", "head"),
    ("Mandible: A 3 cm lesion arises within the left mandibular body, replacing its marrow, and "
     "contains punctate calcification.", "face"),
    ("Mandible: A 3 cm expansile lesion arises within the left mandibular body, replacing its "
     "marrow and bowing the inferior alveolar canal. It contains punctate calcification.", "face"),
    ("Left maxilla: A 3 cm expansile lesion of the left maxilla bows the orbital floor and "
     "contains coarse calcified matrix.", "face"),
    ("Frontal bone: A 2.5 cm expansile lesion of the frontal bone bows the posterior wall of the "
     "left frontal sinus and contains ground-glass matrix with punctate calcification.", "head"),
    ("A 2.5 cm lesion centred in the frontal bone thins and bows the floor of the frontal sinus "
     "and contains calcified matrix.", "head"),
]


@pytest.mark.parametrize(("text", "site"), REACHED)
def test_a_bone_lesion_reaching_a_sinus_stays_the_bone_s(text: str, site: str) -> None:
    kinds = {(k, s) for k, s, _, _ in structures("MRI\nFINDINGS:\n" + text)}
    assert kinds == {("bone", site)}


@pytest.mark.parametrize("text", [
    "Sphenoid sinus: A 3.6 x 2.8 cm expansile mass fills the left sphenoid sinus, abutting and "
    "eroding the anterior face of the clivus. The mass contains coarse calcifications.",
    "A 3 cm calcified mass of the left maxillary sinus erodes the alveolar process.",
    "A 3 cm mass of the left maxillary sinus with coarse calcification extends into the floor of "
    "the orbit.",
])
def test_a_sinus_mass_eroding_a_bone_stays_the_sinus_s(text: str) -> None:
    assert [(k, s) for k, s, _, _ in structures("MRI\nFINDINGS:\n" + text)] == [("mass", "sinus")]


def test_a_pterygoid_mass_abutting_the_ramus_stays_a_mass() -> None:
    text = ("MRI\nFINDINGS:\nA 4 cm intramuscular mass in the right medial pterygoid muscle abuts "
            "the lingual cortex of the mandibular ramus; the ramus cortex is intact and the marrow "
            "normal. It contains coarse calcification.")
    assert [k for k, _, _, _ in structures(text)] == ["mass"]


def test_the_clival_lesion_before_a_contrast_sinus_ct_draws_no_card() -> None:
    """unseen25 k1 twin: a marrow-replacing clival lesion is a bone lesion (P16.2)."""
    assert leads(SKULL, CLIVUS, "CT SINUS/FACE W CONTRAST") == []


def test_the_sinus_mass_eroding_the_clivus_keeps_the_contrast_ct_card() -> None:
    mri = ("Sphenoid sinus: A 3.6 x 2.8 cm expansile mass fills the left sphenoid sinus, abutting "
           "and eroding the anterior face of the clivus. The clival marrow retains normal fatty "
           "T1 signal. The mass contains coarse calcifications, very dark on T2.")
    assert leads(SKULL, mri, "CT SINUS/FACE W CONTRAST") == ["contrast-ct-noncontrast-first"]


@pytest.mark.parametrize(("mri", "order", "name"), [
    (MAXILLA, "INCISIONAL BX LT MAXILLARY LESION", "lesion of the left maxilla (33 mm)"),
    ("Mandible: A 4.1 x 2.7 cm lesion arises within the right mandibular ramus, replacing its "
     "marrow, with cortical breakthrough along the lingual surface. It contains coarse calcified "
     "matrix.", "BIOPSY RIGHT MANDIBLE LESION", "lesion of the right mandible (41 mm)"),
    ("Frontal bone: A 2.5 cm expansile lesion of the frontal bone bows the posterior wall of the "
     "frontal sinus and contains ground-glass matrix with punctate calcification.",
     "BIOPSY FRONTAL BONE LESION", "lesion of the frontal bone (25 mm)"),
])
def test_a_jaw_bone_lesion_before_its_biopsy_draws_the_bone_lesion_card(mri: str, order: str,
                                                                        name: str) -> None:
    """unseen25 a1: a maxillary odontogenic lesion drew biopsy-calcified-mass as a "left
    maxillary sinus lesion"; a jaw lesion is named by its bone (review round 8)."""
    drawn = cards(FACE, mri, order)
    assert [c["rule"] for c in drawn] == ["bone-lesion-biopsy"]
    assert "soft-tissue" not in drawn[0]["summary"] + drawn[0]["detail"]
    assert f"**Lesion:** {name}" in drawn[0]["detail"] and "sinus" not in name


def test_a_later_facial_ct_showing_the_matrix_silences_the_jaw_card() -> None:
    ct = ("2026-10-20", "CT MAXILLOFACIAL WITHOUT CONTRAST",
          "Expansile lesion of the left maxilla with internal calcified matrix.")
    assert leads(FACE, MAXILLA, "INCISIONAL BX LT MAXILLARY LESION", None, ct) == []


def test_a_panoramic_radiograph_showing_the_matrix_silences_the_jaw_card() -> None:
    """A panoramic radiograph is the jaw's own radiograph (P13.1 bone row, review round 8)."""
    xr = ("2026-10-20", "XR PANOREX",
          "Mixed radiolucent and radiopaque lesion of the left maxilla with calcified foci.")
    assert leads(FACE, MAXILLA, "INCISIONAL BX LT MAXILLARY LESION", None, xr) == []


# --- P16.14: "cortically based" in the brain is the cerebral cortex ----------------------------

@pytest.mark.parametrize("text", [
    "There is a 2.6 x 2.0 cm cortically based lesion in the left anterior temporal lobe. SWI foci "
    "within it likely represent calcification.",
    "A cortically based mass of the right frontal lobe with coarse calcification, favoring "
    "oligodendroglioma.",
    "A 2.5 cm cortically based, partly cystic lesion with coarse calcification, most consistent "
    "with a ganglioglioma.",
    "A cortically based lesion with dense calcification at the gray-white junction of the right "
    "parietal lobe.",
])
def test_a_cortically_based_brain_tumour_is_no_bone_lesion(text: str) -> None:
    """unseen25 o2 pos: a PXA "cortically based … in the left anterior temporal lobe" was read
    kind bone (P16.14)."""
    assert [k for k, _, _, _ in structures("MRI BRAIN\nFINDINGS:\n" + text)] == ["mass"]


@pytest.mark.parametrize("text", [
    "In the right mesial temporal lobe there is a 27 mm cortically based mass with a cyst and "
    "an enhancing mural nodule. Nodular foci of susceptibility with diamagnetic phase in the "
    "nodule are consistent with calcification.",
    "In the left frontal lobe, a cortically based lesion with coarse calcification.",
    "Centred in the right superior temporal gyrus, a 2 cm cortically based, partly calcified "
    "lesion.",
])
def test_a_brain_word_before_cortically_based_is_the_cerebral_cortex(text: str) -> None:
    """unseen48 g1 pos: the lobe named before "cortically based" (P16.19): a brain mass, with
    no bone lesion's line on its biopsy card."""
    assert [k for k, _, _, _ in structures("MRI BRAIN\nFINDINGS:\n" + text)] == ["mass"]
    assert not [1 for _, _, c in find_contexts(text.split(". ")[0]) if c == "bone-lesion"]


@pytest.mark.parametrize("text", [
    "A 2 cm cortically based lesion of the distal tibial diaphysis contains calcified matrix.",
    "A cortically based lesion of the anterior femoral cortex with calcified matrix.",
    "Eccentric cortically based lesion with a sclerotic rim and calcified matrix.",
])
def test_a_cortically_based_lesion_of_a_bone_stays_bone(text: str) -> None:
    assert [k for k, _, _, _ in structures("MRI RIGHT TIBIA\nFINDINGS:\n" + text)] == ["bone"]
