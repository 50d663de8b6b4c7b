"""Where a calcified structure is: the site words of a statement (docs/matching-policy.md P2.8)."""

from __future__ import annotations

import pytest

from cds_service.core import anatomy
from cds_service.core.reading import read_text


def structures(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(s.kind, s.site, s.side) for s in read_text(text).structures]


@pytest.mark.parametrize(("sentence", "site", "side"), [
    ("Right paraspinal mass at L3 with internal signal void, likely calcification.",
     "paraspinal", "right"),
    ("The right paraspinal lesion at L3 has become calcified since 2025.", "paraspinal", "right"),
    ("Within the left erector spinae at L2-L3 there is a 4.6 cm mass with internal "
     "calcification.", "paraspinal", "left"),
    ("Possible calcification in the left-sided paraspinal mass at T10-T11.", "paraspinal",
     "left"),
])
def test_a_spinal_level_locates_the_soft_tissue_place_it_qualifies(
        sentence: str, site: str, side: str) -> None:
    """"at L3" says where along the spine the paraspinal mass lies; the mass is not the lumbar
    spine's, and it keeps its side (P2.8)."""
    (found,) = structures(sentence)
    assert found == ("mass", site, side)


@pytest.mark.parametrize("sentence", [
    "Expansile lesion of the L3 vertebral body with chondroid matrix mineralization.",
    "Calcified disc extrusion at L4-L5.",
    "Heavily calcified intradural extramedullary meningioma at L1 with cord compression.",
])
def test_a_level_is_the_site_when_the_structure_is_of_the_spine(sentence: str) -> None:
    """A vertebral lesion, a disc or an intradural mass at a level is the spine's (P16.1)."""
    (found,) = structures(sentence)
    assert anatomy.is_a(found[1], "spine")


def test_an_amendment_naming_the_level_speaks_of_the_paraspinal_mass() -> None:
    """"Left paraspinal mass at L1" and an amendment that speaks of a "lumbar" vessel there
    are one structure: the places one clause names together locate it (P2.8, P6.1)."""
    text = ("FINDINGS: Left paraspinal mass at L1 with a focus of calcification.\n"
            "AMENDMENT: The previously reported calcification is withdrawn; the low-signal "
            "focus is a flow void in a lumbar artery.")
    assert read_text(text).calcification == "absent"


@pytest.mark.parametrize("sentence", [
    "Left level IIA and III lymph nodes up to 1.6 cm contain coarse calcification.",
    "A calcified left level IV node measures 9 mm.",
])
def test_a_neck_nodal_level_is_the_neck(sentence: str) -> None:
    """Nodal levels I–VII are stations of the neck: the node is the left neck's (P2.6, P2.8)."""
    (found,) = structures(sentence)
    assert found == ("node", "neck", "left")


def test_a_clause_naming_no_place_speaks_of_the_sentences_place_and_side() -> None:
    """", and contain …" continues the sentence's subject: the right neck nodes (P2.2)."""
    text = ("Right level II lymph nodes measure up to 1.2 cm, are rounded, and contain "
            "punctate low-signal foci, likely calcification.")
    (found,) = structures(text)
    assert found == ("node", "neck", "right")


def test_the_place_of_the_terms_own_clause_beats_another_clauses() -> None:
    """"right gluteal mass may contain calcification; the inguinal nodes are normal": the
    buttock's mass, not the groin's, though "inguinal" is fewer words from the term (P2.1)."""
    text = "The 5 cm right gluteal mass may contain calcification; the ipsilateral inguinal " \
           "nodes are normal."
    (found,) = structures(text)
    assert found == ("mass", "buttock", "right")


@pytest.mark.parametrize(("text", "site", "side"), [
    ("A 5 cm intramuscular mass lies in the lateral head of the right gastrocnemius. It "
     "contains coarse calcification.", "leg", "right"),
    ("Coarse calcifications in the head of the pancreas.", "pancreas", None),
    ("A calcified focus in the head of the femur.", "hip", None),
    ("Chronic calcific pancreatitis with duct dilatation.", "pancreas", None),
])
def test_a_part_named_head_is_part_of_its_structure_not_the_head(
        text: str, site: str, side: str | None) -> None:
    """"the lateral head of the gastrocnemius", "the head of the pancreas" name a part of the
    muscle or organ, never the head (anatomy ``not_sites``); pancreatitis is the pancreas's."""
    assert {(s, d) for _, s, d in structures(text)} == {(site, side)}


@pytest.mark.parametrize(("text", "side"), [
    ("MRI RIGHT KNEE\nFINDINGS: Punctate low-signal foci in both menisci, consistent with "
     "chondrocalcinosis.", "right"),
    ("MRI RIGHT KNEE\nFINDINGS: Chondrocalcinosis of both the medial and lateral menisci.",
     "right"),
    ("MRI KNEES\nFINDINGS: Chondrocalcinosis of both knees.", "bilateral"),
])
def test_both_of_a_pair_within_one_side_is_no_side(text: str, side: str) -> None:
    """"both menisci" of a right knee are its medial and lateral menisci: the right knee; "both
    knees" are bilateral (anatomy ``one_side_pairs``, P2.4)."""
    assert structures(text) == [("joint", "knee", side)]


@pytest.mark.parametrize(("text", "site"), [
    ("Low-signal focus of 9 mm in the left infraspinatus tendon, with adjacent bursal fluid, "
     "compatible with a calcific deposit.", "rotator-cuff"),
    ("Calcific tendinitis of the left supraspinatus with subacromial bursitis.", "rotator-cuff"),
    ("Capsular calcification of the left shoulder joint posteriorly.", "shoulder"),
])
def test_a_tendons_deposit_lies_in_the_tendon_not_the_bursa_beside_it(text: str,
                                                                      site: str) -> None:
    """Bursal fluid or bursitis beside a cuff deposit is another finding; the deposit is the
    tendon's; a capsule is the joint's (P2.8)."""
    assert [(s, d) for _, s, d in structures(text)] == [(site, "left")]


def test_a_vertebral_level_names_its_segment() -> None:
    (found,) = structures("Expansile lesion of the T10 vertebral body with chondroid matrix.")
    assert found == ("bone", "thoracic-spine", None)


def test_a_cited_studys_field_is_not_the_structures_place() -> None:
    """"Radiographs of the left hip show mineralization at the site of the palpable mass": the
    hip is what the radiographs covered; the mass is the left groin mass the history asks about
    (P2.8, P12.3)."""
    text = ("EXAM: MRI PELVIS WITHOUT AND WITH CONTRAST\n\nHISTORY: Firm left groin lump.\n\n"
            "COMPARISON: Radiographs of the left hip of 2026-01-02 show amorphous "
            "mineralization over the medial soft tissues at the site of the palpable mass.\n\n"
            "FINDINGS: A 3 cm mass lies deep to the fascia in the left groin.")
    assert structures(text) == [("mass", "groin", "left")]


@pytest.mark.parametrize(("history", "found"), [
    ("Palpable right flank mass.", ("mass", "flank", "right")),
    ("History of left breast cancer.", ("mass", "abdomen", None)),
])
def test_a_region_titled_exam_is_about_the_mass_its_history_asks_about(
        history: str, found: tuple[str, str, str | None]) -> None:
    """"MRI ABDOMEN" for a palpable right flank mass: a statement naming no place of its own is
    about the flank mass; a history outside the exam's region changes nothing (P2.8)."""
    text = (f"EXAM: MRI ABDOMEN WITHOUT CONTRAST\n\nHISTORY: {history}\n\n"
            "FINDINGS: Coarse calcification is present within the mass.")
    assert structures(text) == [found]


def test_a_retrorectal_mass_is_the_pelvis_not_the_rectum() -> None:
    """"retrorectal mass … between the rectum and the coccyx": a presacral (pelvic) mass, not a
    rectal one (P2.8)."""
    text = ("A 4 cm multilocular retrorectal mass lies between the rectum and the coccyx. "
            "Its dominant locule contains a focus of calcification along its wall.")
    assert [s for _, s, _ in structures(text)] == ["pelvis"]


@pytest.mark.parametrize(("text", "found"), [
    ("Left shoulder radiographs of 2026-01-05 show a 3 cm lesion in the humeral shaft with "
     "chondroid matrix.", ("arm", "left")),
    ("Parotid glands: A 2 cm mass lies in the left parotid gland. On the neck CT of 2026-01-05 "
     "the lesion contained a punctate calcification.", ("parotid", "left")),
])
def test_the_field_a_cited_study_covered_is_not_the_structures_place(
        text: str, found: tuple[str, str]) -> None:
    """"Left shoulder radiographs … show a lesion in the humeral shaft": the humerus's lesion;
    "On the neck CT … the lesion": the parotid mass described before (P2.2, P2.8)."""
    assert [(s, d) for _, s, d in structures(text)] == [found]


@pytest.mark.parametrize(("text", "site"), [
    ("A 2.8 cm calcified deep-lobe left parotid mass.", "parotid"),
    ("A cystic nodule in the right thyroid lobe contains coarse calcification.", "thyroid"),
])
def test_a_lobe_is_the_lobe_of_the_organ_named_with_it(text: str, site: str) -> None:
    """"lobe" alone is no lung: the parotid's deep lobe, the thyroid's right lobe (P2.8)."""
    assert [s for _, s, _ in structures(text)] == [site]


@pytest.mark.parametrize(("title", "site"), [
    ("MRI THORACIC SPINE WITHOUT AND WITH CONTRAST", "thoracic-spine"),
    ("MRI BRAIN WITHOUT AND WITH CONTRAST", "brain"),
])
def test_the_dura_is_the_place_the_exam_images(title: str, site: str) -> None:
    """A dural-based mass of the spinal canal is the spine's, not the brain's: the dura lines
    both, so "dural" is a tissue word and the exam names the place (P2.8)."""
    text = (f"EXAM: {title}\n\nFINDINGS: A 1.5 cm dural-based mass lies to the right with a "
            "dural tail and contains dense calcification.")
    assert [s for _, s, _ in structures(text)] == [site]


@pytest.mark.parametrize(("text", "found"), [
    ("A 4 cm mass in the left flank musculature (quadratus lumborum and posterior abdominal "
     "wall), with internal foci of calcification.", ("mass", "flank", "left")),
    ("A 3 cm solid mass in the popliteal fossa lies between the lateral head of the "
     "gastrocnemius and the biceps femoris, with a central calcification.", ("mass", "knee", None)),
])
def test_a_mass_is_at_the_place_it_is_named_in_not_the_places_that_locate_it(
        text: str, found: tuple[str, str, str | None]) -> None:
    """"a mass in the flank musculature (…abdominal wall)", "a mass in the popliteal fossa lies
    between the gastrocnemius and the biceps femoris": the flank's, the knee's (P2.8)."""
    assert structures(text) == [found]


def test_a_crowned_dens_is_the_cervical_spines_even_beside_neck_pain() -> None:
    """A joint of the spine keeps the spine as its place; "neck pain" is the symptom (P2.8)."""
    text = ("Crowned dens with periodontoid deposits, consistent with CPPD, which explains the "
            "acute neck pain.")
    assert structures(text) == [("joint", "cervical-spine", None)]


def test_a_heading_gives_way_to_the_place_its_line_names() -> None:
    """"Gluteal tendons: the calcific deposit at the gluteus medius insertion on the greater
    trochanter": the hip's tendon; the heading names the place of lines that name none (P2.2)."""
    text = ("Gluteal tendons: The calcific deposit at the left gluteus medius insertion on the "
            "greater trochanter measures 9 mm.")
    assert structures(text) == [("tendon", "hip", "left")]


def test_a_diagnosis_named_for_vessels_is_no_place() -> None:
    """"… most consistent with a cavernous venous malformation": the lesion's name, not the
    vessels; the mass is the orbit's (P2.8)."""
    text = ("1.9 cm right intraconal mass with progressive fill-in enhancement and a small "
            "calcification, most consistent with a cavernous venous malformation.")
    assert structures(text) == [("mass", "orbit", "right")]


def test_a_gyrus_is_the_brain_with_its_side() -> None:
    """"the left superior frontal gyrus" is a place of the brain, with its side (P2.8)."""
    text = "A 3 cm mass involves the left superior frontal gyrus and contains calcification."
    assert structures(text) == [("mass", "brain", "left")]


@pytest.mark.parametrize(("text", "found"), [
    ("Ring-and-arc low-signal foci throughout the right femoral metaphyseal lesion.",
     ("thigh", "right")),
    ("Osteoid matrix cannot be excluded in the left humeral lesion.", ("arm", "left")),
    ("Chondroid matrix within the right proximal tibial lesion.", ("leg", "right")),
    ("Chondroid mineralization in a 3 cm left scapular lesion.", ("shoulder", "left")),
    ("Chondroid matrix in the right anterior rib lesion.", ("chest-wall", "right")),
    ("A calcified right external iliac lymph node measures 9 mm.", ("pelvis", "right")),
])
def test_a_bones_adjective_names_its_place(text: str, found: tuple[str, str]) -> None:
    """"femoral", "humeral", "tibial", "scapular", "rib", "iliac" name the bone's place, as
    "femur" does; the femoral condyles are the knee's, the femoral vessels the vessels' (P2.8)."""
    assert [(s, d) for _, s, d in structures(text)] == [found]


def test_a_nodes_fatty_hilum_is_not_the_lung_hilum() -> None:
    text = "A 9 mm right inguinal lymph node has lost its fatty hilum and contains calcification."
    assert structures(text) == [("node", "groin", "right")]


@pytest.mark.parametrize(("text", "site"), [
    ("Calcific tendinosis of the left posterior tibial tendon at its insertion.", "ankle"),
    ("A 3 cm calcified mass in the left tibialis anterior muscle.", "leg"),
])
def test_a_leg_muscle_and_its_tendon_at_the_ankle(text: str, site: str) -> None:
    """The tibialis anterior is a leg muscle; the posterior tibial tendon is the ankle's, not
    the tibia's (P2.8)."""
    assert [(s, d) for _, s, d in structures(text)] == [(site, "left")]


@pytest.mark.parametrize(("text", "site"), [
    ("A 14 mm subcarinal lymph node contains coarse calcification.", "mediastinum"),
    ("A right paratracheal node with punctate calcification.", "mediastinum"),
    ("A 12 mm aortocaval lymph node contains calcification.", "retroperitoneum"),
])
def test_a_nodal_station_names_its_place(text: str, site: str) -> None:
    """Nodal stations (subcarinal, paratracheal, para-aortic, aortocaval) are places of the
    mediastinum (a subsite of the chest, P17.4) or the retroperitoneum, not a bare "lymph node"
    (P2.6, P2.8)."""
    assert [(k, s) for k, s, _ in structures(text)] == [("node", site)]


# --- P2.22: a node's hilar vessel or fat is the node's, not the lung hilum -------------------

@pytest.mark.parametrize(("text", "site", "mineral"), [
    ("MRI PELVIS\nFINDINGS: The right external iliac node contains a punctate focus of "
     "calcification.\nADDENDUM: On review of the dynamic images, the punctate focus in the right "
     "external iliac node is a hilar vessel with a flow void; no calcification is present in the "
     "node.", None, "absent"),  # the addendum's statement replaces it (P6.1), not a chest's
    ("MRI PELVIS\nFINDINGS: The punctate focus in the left inguinal node is a hilar vessel, not "
     "calcification.", "groin", "absent"),
    ("MRI PELVIS\nFINDINGS: A 12 mm right external iliac node with a dark focus at its hilum "
     "that enhances with the hilar vessels; no calcification.", "pelvis", "absent"),
    ("MRI PELVIS\nFINDINGS: A 6 mm mesorectal node with a low-signal focus corresponding to the "
     "hilar vessels, not calcification.", "mesorectum", "absent"),
    ("MRI LEFT SHOULDER AND AXILLA\nFINDINGS: A 14 mm left axillary node with preserved hilar "
     "fat contains a coarse calcified focus.", "breast", "present"),
])
def test_a_nodes_hilar_vessel_or_fat_does_not_place_it_in_the_chest(
        text: str, site: str | None, mineral: str) -> None:
    (found,) = read_text(text).structures
    assert (found.kind, found.mineral) == ("node", mineral) and found.site != "chest"
    assert site is None or found.site == site


def test_calcified_hilar_nodes_are_still_the_chests() -> None:
    assert structures("MRI CHEST\nFINDINGS: Calcified right hilar lymph nodes.") == [
        ("node", "chest", "right")]


@pytest.mark.parametrize("sentence", [
    "A 4.4 x 3.1 cm well-circumscribed mass lies within the right quadratus lumborum at L2-L3, "
    "heterogeneously T2 hyperintense with peripheral enhancement, and contains coarse low-signal "
    "foci with blooming on GRE, consistent with calcification.",
    "A 4.4 x 3.1 cm mass lies within the right quadratus lumborum at L2-L3, heterogeneously T2 "
    "hyperintense, and contains coarse calcification.",
    "A 3 cm mass in the right psoas at L3, T2 hyperintense, and contains punctate calcification.",
    "A 5 cm mass of the right erector spinae at L1-L2, with peripheral enhancement, and it "
    "contains dense calcification.",
    "A 4 cm lesion in the right multifidus at L4-L5, mildly T2 hyperintense, and with coarse "
    "calcification.",
])
def test_a_spinal_level_in_another_clause_still_only_locates_the_named_place(
        sentence: str) -> None:
    """A clause naming no place speaks of the sentence's; there too "at L2-L3" only says where
    along the spine the muscle's mass lies (P2.8)."""
    sites = {s.site for s in read_text("MRI LUMBAR SPINE\nFINDINGS: " + sentence).structures}
    assert "lumbar-spine" not in sites and sites
