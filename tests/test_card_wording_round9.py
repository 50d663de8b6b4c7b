"""Card wording, radiologist review round 9 (tests/eval/REVIEW_ROUND9.md, wording classes): a
spinal structure is named by its level, side and element (docs/matching-policy.md P11.37); the
longest part name wins (P11.41); a neighbouring muscle does not name a mass (P11.42)."""

from __future__ import annotations

import pytest

from cds_service.core import attachments
from cds_service.core.reading import read_report
from tests.test_card_names import card_detail, lesion_line, report

C_SPINE, T_SPINE, L_SPINE = "MRI CERVICAL SPINE", "MRI THORACIC SPINE", "MRI LUMBAR SPINE"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # W-spine-level: a bone lesion of a posterior element, with its level and side
    ("Posterior elements: A 2.4 x 1.9 cm expansile lesion is centred in the left C6 lamina and "
     "extends into the base of the spinous process, with central low-signal foci suggesting "
     "mineralized osteoid matrix.\nIMPRESSION:\n1. Expansile left C6 laminar lesion with "
     "probable mineralized matrix: osteoblastoma is favoured.", C_SPINE,
     "CT GUIDED BX BONE DEEP C6 LAMINA LT", "lesion of the left C6 lamina (24 mm)"),
    ("Vertebrae: A 3.4 cm expansile lesion is centred in the left pedicle and transverse process "
     "of L2, with low-signal rings and arcs, suggesting chondroid matrix.", L_SPINE,
     "CT GUIDED BX BONE DEEP L2 LT",
     "lesion of the left L2 pedicle and transverse process (34 mm)"),
    ("A 3 cm lesion of the right T9 pedicle with chondroid matrix calcification.", T_SPINE,
     "CT guided biopsy T9", "lesion of the right T9 pedicle (30 mm)"),
    ("A 2 cm lesion in the L3 spinous process with calcified matrix.", L_SPINE,
     "CT guided biopsy L3", "lesion of the L3 spinous process (20 mm)"),
    ("Posterior elements: A 2.2 x 1.8 cm sessile osteochondroma arises from the left side of the "
     "C2 spinous process and lamina, with corticomedullary continuity. Its cartilage cap contains "
     "punctate low-signal foci suggesting calcified chondroid matrix.", C_SPINE,
     "EXCISION C2 OSTEOCHONDROMA (PARTIAL POSTERIOR ELEMENTS)",
     "lesion of the left C2 spinous process and lamina (22 mm)"),
    # … a facet joint's deposit: the joint at its level, on its side
    ("Facet joints: The right C3-C4 facet joint contains a moderate effusion. Linear low-signal "
     "foci outline the articular cartilage of both facets on all sequences, consistent with "
     "chondrocalcinosis.\nIMPRESSION:\n1. Right C3-C4 facet effusion and synovitis with "
     "chondrocalcinosis.", C_SPINE, "MRI C-SPINE W/WO", "right C3-C4 facet joint"),
    ("The left L4-L5 facet joint is distended; low-signal foci along its capsule are consistent "
     "with calcium pyrophosphate deposition.", L_SPINE, "MRI lumbar spine without contrast",
     "left L4-L5 facet joint"),
    # … a juxtafacet cyst: its side and level, with the report's qualifier
    ("L4-L5: An 11 mm juxtafacet synovial cyst arises from the medial aspect of the left L4-L5 "
     "facet joint and indents the left lateral recess. The cyst has a thick rim that is dark on "
     "all sequences, consistent with rim calcification.", L_SPINE,
     "LAMINECTOMY L4-5 LT, EXCISION SYNOVIAL CYST",
     "left juxtafacet synovial cyst at L4-L5 (11 mm)"),
    ("A 14 mm synovial cyst arises from the right L5-S1 facet joint and contains calcification.",
     L_SPINE, "Lumbar laminectomy and excision of synovial cyst",
     "right synovial cyst at L5-S1 (14 mm)"),
    # … a calcified disc: the disc at its level (never "thoracic spine calcification")
    ("Large calcified T8-T9 disc herniation with severe canal stenosis and compressive "
     "myelopathy.", T_SPINE, "T8-T9 ANTERIOR THORACIC DISCECTOMY",
     "calcified T8-T9 disc herniation"),
    ("Calcified thoracic disc herniation at T7-8 indenting the cord.", T_SPINE,
     "Thoracic discectomy", "calcified T7-8 disc herniation"),
    # guards: a vertebral body, a compartment's mass, the ligamentum flavum, the atlantoaxial
    # joint, the sacrum and a paraspinal mass keep their names
    ("A 2 cm expansile lesion of the T10 vertebral body with calcified matrix.", T_SPINE,
     "CT guided biopsy T10", "lesion of the T10 vertebral body (20 mm)"),
    ("An 18 mm intradural extramedullary mass at T6 contains calcification.", T_SPINE,
     "CT thoracic spine with contrast", "intradural extramedullary mass at T6 (18 mm)"),
    ("An 18 mm calcified mass lies in the epidural space on the right at T6 and T7.", T_SPINE,
     "CT thoracic spine with contrast", "right epidural mass at T6 and T7 (18 mm)"),
    ("Calcification of the ligamentum flavum at C4-C5 and C5-C6 measures up to 8 mm, in keeping "
     "with CPPD.", C_SPINE, "MRI cervical spine without contrast",
     "ligamentum flavum at C4-C5 and C5-C6 (8 mm)"),
    ("Chondrocalcinosis of the transverse ligament of the atlas with crowned dens pannus.",
     C_SPINE, "MRI cervical spine without contrast", "atlantoaxial joint (C1-C2)"),
    ("A 25 mm lesion of the sacrum with chondroid matrix calcification.", "MRI PELVIS",
     "CT guided biopsy sacrum", "lesion of the sacrum (25 mm)"),
    ("A 3 cm left paraspinal mass at L3 contains coarse calcification.", L_SPINE,
     "CT guided biopsy left paraspinal mass", "left paraspinal mass (30 mm)"),
])
def test_a_spinal_structure_is_named_by_its_level_side_and_element(
        text: str, title: str, order: str, name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name


KNEE, THIGH = "MRI KNEE RIGHT WITHOUT CONTRAST", "MRI RIGHT THIGH"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # N-name-prefix: a shorter name inside a longer one names nothing; the longest wins
    ("Posterolateral corner: At the biceps femoris insertion on the fibular head there is a "
     "9 x 6 mm ovoid focus of low signal on all sequences within the distal tendon, consistent "
     "with a calcific deposit.\nIMPRESSION:\n1. Calcific tendinitis of the distal biceps femoris "
     "at its fibular head insertion.", KNEE, "MRI joint of lower extremity without contrast",
     "right biceps femoris tendon insertion (9 mm)"),
    ("Calcific tendinitis of the distal biceps femoris with a 9 mm deposit.", KNEE,
     "MRI knee right without contrast", "right biceps femoris tendon insertion (9 mm)"),
    ("A 10 mm calcific deposit in the long head of the biceps femoris tendon near the ischial "
     "tuberosity.", THIGH, "MRI thigh right without contrast",
     "right biceps femoris tendon (10 mm)"),
    ("An 8 mm calcific deposit at the origin of the short head of the biceps femoris.", THIGH,
     "MRI thigh right without contrast", "right biceps femoris tendon (8 mm)"),
    ("An 11 mm calcific deposit in the triceps surae tendon 3 cm above the calcaneus.",
     "MRI LEFT ANKLE", "MRI ankle left without contrast", "left Achilles tendon (11 mm)"),
    # guards: the arm's biceps and triceps, the Achilles keep their names
    ("A 7 mm calcific deposit in the long head of the biceps tendon within the bicipital "
     "groove.", "MRI RIGHT SHOULDER", "MRI shoulder right without contrast",
     "right long head of biceps tendon (7 mm)"),
    ("A 9 mm calcific deposit at the distal biceps tendon insertion on the radial tuberosity.",
     "MRI LEFT ELBOW", "MRI elbow left without contrast", "left distal biceps tendon (9 mm)"),
    ("A 12 mm calcific deposit at the triceps insertion on the olecranon.", "MRI LEFT ELBOW",
     "MRI elbow left without contrast", "left triceps tendon insertion (12 mm)"),
    ("A 10 mm calcific deposit in the Achilles tendon 3 cm above its insertion.",
     "MRI LEFT ANKLE", "MRI ankle left without contrast", "left Achilles tendon (10 mm)"),
    ("A 14 mm calcific deposit at the common hamstring origin on the ischial tuberosity.",
     "MRI RIGHT HIP", "MRI hip right without contrast",
     "right common hamstring tendon origin (14 mm)"),
])
def test_the_longest_part_name_wins(text: str, title: str, order: str, name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name


@pytest.mark.parametrize(("text", "tendon"), [
    ("deposit at the origin of the long head of the biceps femoris", "biceps-femoris-tendon"),
    ("a calcific focus in the short head of the biceps femoris", "biceps-femoris-tendon"),
    ("calcific deposit in the long head of the biceps tendon", "long-head-biceps-tendon"),
    ("calcific deposit at the short head of the biceps origin", "short-head-biceps-origin"),
])
def test_the_biceps_femoris_heads_are_its_tendon(text: str, tendon: str) -> None:
    """The attachments table names a biceps femoris head the knee's tendon, never the arm's
    biceps whose words it holds (P11.41)."""
    assert attachments.tendons_named(text) == {tendon}


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # N-neighbour-named: a muscle named as a bound, a neighbour or denervated is not the mass's
    ("Quadrilateral space: A 3.1 x 2.6 cm ovoid mass fills the right quadrilateral space, bounded "
     "by the teres minor, teres major, long head of triceps and humeral surgical neck. Peripheral "
     "foci of low signal with blooming on GRE likely represent calcification.\nIMPRESSION:\n1. "
     "3.1 cm enhancing mass in the right quadrilateral space with probable peripheral "
     "calcification, with teres minor and deltoid denervation change.",
     "MRI SHOULDER RIGHT WITHOUT AND WITH CONTRAST", "CT UPR EXT RT C+",
     "right quadrilateral space mass (31 mm)"),
    ("A 3.1 cm mass in the right quadrilateral space with coarse calcification and teres minor "
     "denervation.", "MRI RIGHT SHOULDER", "CT right upper extremity with contrast",
     "right quadrilateral space mass (31 mm)"),
    ("Posterior compartment: A 4.8 x 3.2 cm ovoid intermuscular mass lies between the lateral "
     "head of the gastrocnemius and the soleus, along the course of the plantaris, with punctate "
     "calcification.", "MRI LEFT LOWER LEG", "CT left lower extremity with contrast",
     "left leg mass (48 mm)"),
    ("A 4 cm mass bordered by the sartorius and the adductor longus contains calcification.",
     "MRI RIGHT THIGH", "CT right lower extremity with contrast", "right thigh mass (40 mm)"),
    ("A 4 cm mass bounded by the gracilis and the sartorius contains coarse calcification.",
     "MRI LEFT THIGH", "CT left lower extremity with contrast", "left thigh mass (40 mm)"),
    # guards: the muscle a mass lies in names it
    ("A 4 cm calcified mass lies within the soleus.", "MRI LEFT LOWER LEG",
     "CT left lower extremity with contrast", "left soleus mass (40 mm)"),
    ("A 5 cm calcified mass in the right vastus medialis abuts the femur.", "MRI RIGHT THIGH",
     "CT right lower extremity with contrast", "right vastus medialis mass (50 mm)"),
    ("A 4 cm calcified mass within the left sartorius, deep to the subcutaneous fat.",
     "MRI LEFT THIGH", "CT left lower extremity with contrast", "left sartorius mass (40 mm)"),
    ("A 4 cm mass in the right teres minor with coarse calcification.", "MRI RIGHT SHOULDER",
     "CT right upper extremity with contrast", "right teres minor mass (40 mm)"),
    ("A 5 cm intermuscular mass between the vastus lateralis and the vastus intermedius "
     "contains coarse calcification.", "MRI LEFT THIGH", "CT left lower extremity with contrast",
     "left thigh mass (50 mm)"),
])
def test_a_neighbouring_muscle_does_not_name_the_mass(text: str, title: str, order: str,
                                                       name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name


def test_a_denervated_muscle_is_not_the_masss_site() -> None:
    """"with teres minor denervation": the quadrilateral space's mass, read at the shoulder,
    not the rotator cuff (P11.42)."""
    found = read_report(report("FINDINGS:\nA 3.1 cm mass in the right quadrilateral space with "
                               "coarse calcification and teres minor denervation.",
                               "MRI RIGHT SHOULDER")).findings.mentions
    assert {(m.site, m.side) for m in found if m.kind == "mass"} == {("shoulder", "right")}


LEG, FOREARM, THIGH_L = "MRI RIGHT LOWER LEG", "MRI LEFT FOREARM", "MRI LEFT THIGH"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # W-muscle-or-space-dropped: the muscle a mass lies in names it, over its limb segment
    ("Anterior compartment: Within the right extensor hallucis longus muscle of the distal leg, "
     "deep to the crural fascia, there is a 4.9 cm intramuscular mass with coarse "
     "calcification.", LEG, "CT LOWER EXTREMITY RT W CONTRAST",
     "right extensor hallucis longus mass (49 mm)"),
    ("Muscles: A 4.4 cm intramuscular mass lies in the extensor carpi ulnaris muscle belly of "
     "the proximal left forearm, with calcification.", FOREARM,
     "CT left upper extremity with contrast", "left extensor carpi ulnaris mass (44 mm)"),
    ("Muscles: A 3.9 cm lobulated mass lies within the right peroneus brevis muscle belly at the "
     "junction of the middle and distal thirds of the leg, with coarse calcification.", LEG,
     "CT right lower extremity with contrast", "right peroneus brevis mass (39 mm)"),
    ("Muscles: Within the flexor carpi ulnaris muscle belly in the proximal third of the left "
     "forearm there is a 4.7 cm intramuscular mass with clustered calcification.", FOREARM,
     "CT FOREARM LT W/CONTRA", "left flexor carpi ulnaris mass (47 mm)"),
    ("A 5 cm mass lies within the left semimembranosus muscle of the posterior thigh and "
     "contains coarse calcification.", THIGH_L, "CT left lower extremity with contrast",
     "left semimembranosus mass (50 mm)"),
    # guards: a muscle named as a neighbour, the segment's own mass, a muscle named as one
    ("A 6.8 cm mass within the left tensor fasciae latae muscle of the proximal thigh contains "
     "calcification.", THIGH_L, "CT left lower extremity with contrast",
     "left tensor fasciae latae mass (68 mm)"),
    ("A 4 cm mass in the subcutaneous fat of the left thigh, superficial to the vastus lateralis "
     "muscle, contains calcification.", THIGH_L, "CT left lower extremity with contrast",
     "left thigh mass (40 mm)"),
    ("A 4 cm calcified mass of the left distal thigh, deep to the vastus lateralis muscle.",
     THIGH_L, "CT left lower extremity with contrast", "left thigh mass (40 mm)"),
    ("A 3 cm right masseter muscle venous malformation with phleboliths.", "MRI FACE",
     "CT maxillofacial with contrast", "right masseter venous malformation (30 mm)"),
])
def test_the_muscle_a_mass_lies_in_names_it(text: str, title: str, order: str,
                                            name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name


@pytest.mark.parametrize(("text", "name"), [
    # … and the thyroglossal duct cyst keeps its qualifier (parts.lesion)
    ("A 3 cm thyroglossal duct cyst inferior to the hyoid bone contains a calcified mural "
     "nodule.", "neck thyroglossal duct cyst (30 mm)"),
    # guards: the tongue's own lesions
    ("A 25 mm left tongue venous malformation contains phleboliths.",
     "left tongue venous malformation (25 mm)"),
    ("A 2 cm mass of the base of the tongue contains calcification.",
     "base of the tongue mass (20 mm)"),
])
def test_a_thyroglossal_duct_cyst_keeps_its_qualifier(text: str, name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, "MRI NECK",
                                   "CT SOFT TISSUE NECK W/CNTRST")) == name


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # W-region-for-joint: a joint of the midfoot or wrist by its own name
    ("A 21 mm calcified gouty tophus at the right first tarsometatarsal joint with adjacent "
     "erosion.", "MRI FOOT RT WO", "MRI FOOT RT WO", "right first tarsometatarsal joint (21 mm)"),
    ("Tophus at the left second tarsometatarsal (Lisfranc) joint measuring 17 mm with "
     "calcification.", "MRI LEFT FOOT", "MRI foot left without contrast",
     "left second tarsometatarsal joint (17 mm)"),
    ("Chondrocalcinosis of the scaphotrapeziotrapezoid joint of the left wrist.",
     "MRI LEFT WRIST", "MRI wrist left without contrast", "left scaphotrapeziotrapezoid joint"),
    # … a joint's fibrocartilage or labrum with its joint (the lead's decision)
    ("Chondrocalcinosis of the menisci and the femoral condylar cartilage of the right knee.",
     "MRI KNEE RT W WO", "MRI KNEE RT W WO", "menisci of the right knee"),
    ("CPPD deposition in the anterior cruciate ligament and lateral meniscus of the right knee.",
     "MRI RIGHT KNEE", "MRI knee right without contrast", "lateral meniscus of the right knee"),
    ("Chondrocalcinosis of the triangular fibrocartilage of the left wrist.", "MRI LEFT WRIST",
     "MRI wrist left without contrast", "triangular fibrocartilage of the left wrist"),
    ("Linear low-signal deposits within the acetabular labrum and the residual hyaline "
     "cartilage of the right hip, consistent with chondrocalcinosis.", "MRI RIGHT HIP",
     "MRI hip right without contrast", "acetabular labrum of the right hip"),
    ("Chondrocalcinosis of the menisci of both knees, suggesting CPPD.", "MRI BILATERAL KNEES",
     "MRI knee without contrast", "menisci of both knees"),
    # guards: a joint with no part named, a digit's joint, the TMJ, the first MTP joint
    ("Knee: Chondrocalcinosis of the hyaline cartilage of the right knee joint.",
     "MRI RIGHT KNEE", "MRI knee right without contrast", "right knee joint"),
    ("Periarticular calcification at the index MCP joint, in keeping with calcific "
     "periarthritis.", "MRI RIGHT HAND", "MRI hand right without contrast",
     "right index MCP joint"),
    ("Left TMJ: A 26 mm tophaceous calcium pyrophosphate deposit expands the joint.",
     "MRI TMJ BILAT WO", "MRI TMJ BILAT WO", "left temporomandibular joint (26 mm)"),
    ("An 18 mm calcified tophus at the right first MTP joint with erosion.", "MRI RIGHT FOOT",
     "MRI foot right without contrast", "right first metatarsophalangeal joint (18 mm)"),
])
def test_a_joint_is_named_by_its_own_name_and_its_part_with_it(
        text: str, title: str, order: str, name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name


@pytest.mark.parametrize(("text", "title", "name"), [
    # W-eponym-case: a place the report capitalizes keeps its capital ("Kager's", "Hunter's")
    ("In Kager's fat pad, deep to the crural fascia, there is a 3.4 cm mass with punctate "
     "calcification.", "MRI LEFT ANKLE", "left Kager's fat pad mass (34 mm)"),
    ("A 3 cm mass in the left Kager's triangle contains coarse calcification.", "MRI LEFT ANKLE",
     "left Kager's triangle mass (30 mm)"),
    ("A 4 cm mass within the right Hunter's canal contains calcification.", "MRI RIGHT THIGH",
     "right Hunter's canal mass (40 mm)"),
    ("A 35 mm mass within the left Hunter's canal contains punctate calcification.",
     "MRI LEFT THIGH", "left Hunter's canal mass (35 mm)"),
    ("A 2 cm mass in the right Kager's fat pad contains calcification.", "MRI RIGHT ANKLE",
     "right Kager's fat pad mass (20 mm)"),
    # guards: an ordinary place stays lower case
    ("A 3 cm mass in the left calf contains calcification.", "MRI LEFT LOWER LEG",
     "left calf mass (30 mm)"),
])
def test_an_eponym_keeps_its_capital(text: str, title: str, name: str) -> None:
    side = "left" if "LEFT" in title else "right"
    assert lesion_line(card_detail("FINDINGS:\n" + text, title,
                                   f"CT {side} lower extremity with contrast")) == name
