"""What a card says, review round 6 (docs/matching-policy.md P11.25, P11.26; REVIEW_ROUND6.md
and REVIEW_ROUND5.md leftovers): the structure named by the report's own description, place and
lesion word, and the summary naming the studies the card leads with."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, first_card, lesion_line

_CARDIAC = "MRI CARDIAC WITH AND WITHOUT CONTRAST"


def _named(text: str, title: str, order: str) -> str:
    return lesion_line(card_detail(text, title, order))


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # a cited mineral names the lesion by the report's description that measures it, never by a
    # history's words before it (review round 6: unseen9 o1, unseen10 o1; round 5: unseen4 e2)
    ("HISTORY: Enlarging painless mass of the anteromedial left thigh.\nCOMPARISON: The "
     "radiographs of the left femur show faint amorphous mineralization projecting over the "
     "anteromedial thigh soft tissues, corresponding to the mass.\nFINDINGS:\nMuscles: A 5.8 x "
     "3.9 cm intramuscular mass within the mid sartorius, heterogeneously T2 hyperintense.",
     "MRI LEFT THIGH", "CT GUIDED CORE BX LT THIGH MASS", "left sartorius mass (58 mm)"),
    ("HISTORY: Enlarging firm volar left forearm mass.\nCOMPARISON: The left forearm "
     "radiographs show faint amorphous mineralization within the volar soft-tissue "
     "mass.\nFINDINGS:\nMuscles: There is a 4.2 x 2.6 cm intramuscular mass within the flexor "
     "digitorum superficialis of the mid forearm.", "MRI LEFT FOREARM",
     "US GUIDED CORE BX LT FOREARM MASS", "left flexor digitorum superficialis mass (42 mm)"),
    ("HISTORY: Firm right lower abdominal wall mass.\nCOMPARISON: Abdominal radiograph shows "
     "amorphous soft-tissue calcification projecting over the right lower quadrant at the site "
     "of the palpable mass.\nFINDINGS:\nA 4.9 x 3.2 cm infiltrative mass lies within the right "
     "rectus abdominis muscle.", "MRI ABDOMINAL WALL", "US GUIDED CORE BX R ABD WALL MASS",
     "right rectus abdominis mass (49 mm)"),
    ("HISTORY: Painful mass of the medial left thigh.\nCOMPARISON: Radiographs of the left femur "
     "show punctate calcification over the medial thigh soft tissues, at the site of the "
     "mass.\nFINDINGS:\nMuscles: A 3.7 cm intramuscular mass lies within the gracilis.",
     "MRI LEFT THIGH", "CT GUIDED CORE BX LT THIGH MASS", "left gracilis mass (37 mm)"),
    ("HISTORY: Enlarging mass of the lateral right forearm.\nCOMPARISON: Right forearm "
     "radiographs show amorphous mineralization within the lateral soft-tissue "
     "mass.\nFINDINGS:\nMuscles: A 3.9 x 2.2 cm intramuscular mass within the brachioradialis.",
     "MRI RIGHT FOREARM", "CT GUIDED CORE BX RT FOREARM MASS",
     "right brachioradialis mass (39 mm)"),
])
def test_a_cited_mineral_is_named_by_the_description_that_measures_it(
        text: str, title: str, order: str, name: str) -> None:
    assert _named(text, title, order) == name


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # a line's label is the report's section, not the lesion's place (unseen11 e1)
    ("FINDINGS:\nParaspinal muscles: A 4.4 x 3.1 cm mass lies within the right quadratus "
     "lumborum at L2-L3 and contains coarse low-signal foci, consistent with calcification.",
     "MRI LUMBAR SPINE", "CT GUIDED CORE BX RT QUADRATUS LUMBORUM MASS",
     "right quadratus lumborum mass (44 mm)"),
    ("FINDINGS:\nParaspinal muscles: A 4.6 cm mass lies within the right erector spinae at L3 "
     "with coarse calcification.", "MRI LUMBAR SPINE", "CT GUIDED CORE BX RT PARASPINAL MASS",
     "right erector spinae mass (46 mm)"),
    ("FINDINGS:\nThigh muscles: A 5 cm mass lies within the left vastus medialis and contains "
     "coarse calcification.", "MRI LEFT THIGH", "CT GUIDED CORE BX LT THIGH MASS",
     "left vastus medialis mass (50 mm)"),
    ("FINDINGS:\nForearm compartments: A 3 cm mass lies within the right pronator teres and "
     "contains punctate calcification.", "MRI RIGHT FOREARM", "CT GUIDED CORE BX RT FOREARM MASS",
     "right pronator teres mass (30 mm)"),
    ("FINDINGS:\nNeck soft tissues: A 3 cm mass lies within the left sternocleidomastoid and "
     "contains punctate calcification.", "MRI NECK", "US GUIDED CORE BX LT NECK MASS",
     "left sternocleidomastoid mass (30 mm)"),
    # places named together name it together (unseen11 g2: "anterior compartment mass")
    ("FINDINGS:\nAnterior compartment: The tibialis anterior and extensor digitorum longus are "
     "replaced by a 14 x 5.2 cm fusiform mass with peripheral calcification.",
     "MRI RIGHT LOWER LEG", "CT GUIDED CORE BX RT LEG MASS",
     "right tibialis anterior and extensor digitorum longus mass (140 mm)"),
    ("FINDINGS: A 7 cm mass within the right vastus lateralis and vastus intermedius contains "
     "chondroid calcification.", "MRI RIGHT THIGH", "CT GUIDED CORE BX RT THIGH MASS",
     "right vastus lateralis and vastus intermedius mass (70 mm)"),
    ("FINDINGS: A 4 cm mass within the left soleus and flexor hallucis longus contains punctate "
     "calcification.", "MRI LEFT LOWER LEG", "CT GUIDED CORE BX LT LEG MASS",
     "left soleus and flexor hallucis longus mass (40 mm)"),
    ("FINDINGS: A 3.5 cm mass within the right brachioradialis and supinator contains amorphous "
     "calcification.", "MRI RIGHT FOREARM", "CT GUIDED CORE BX RT FOREARM MASS",
     "right brachioradialis and supinator mass (35 mm)"),
    ("FINDINGS: A 6 cm mass involves the left sartorius and gracilis and contains coarse "
     "calcification.", "MRI LEFT THIGH", "CT GUIDED CORE BX LT THIGH MASS",
     "left sartorius and gracilis mass (60 mm)"),
    # a landmark that locates the mass is not its place
    ("FINDINGS: A 3 cm mass lies deep to the left sternocleidomastoid and contains punctate "
     "calcification.", "MRI NECK", "US GUIDED CORE BX LT NECK MASS", "left neck mass (30 mm)"),
    ("FINDINGS: A 4 cm mass lies superficial to the right vastus lateralis and contains coarse "
     "calcification.", "MRI RIGHT THIGH", "CT GUIDED CORE BX RT THIGH MASS",
     "right thigh mass (40 mm)"),
    ("FINDINGS: A 4 cm calcified mass lies beneath the left brachioradialis.", "MRI LEFT FOREARM",
     "CT GUIDED CORE BX LT FOREARM MASS", "left forearm mass (40 mm)"),
    ("FINDINGS: A 5 cm calcified mass lies medial to the right sartorius.", "MRI RIGHT THIGH",
     "CT GUIDED CORE BX RT THIGH MASS", "right thigh mass (50 mm)"),
    ("FINDINGS: A 5 cm calcified mass lies posterior to the left soleus.", "MRI LEFT LOWER LEG",
     "CT GUIDED CORE BX LT LEG MASS", "left leg mass (50 mm)"),
])
def test_the_muscle_is_the_place_not_the_label_nor_the_landmark(
        text: str, title: str, order: str, name: str) -> None:
    assert _named(text, title, order) == name


_SPINE = "MRI THORACIC SPINE"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # a spinal canal mass keeps its compartment, level and side (unseen9 p2)
    ("FINDINGS:\nThoracic spine: At T10 a 17 mm extramedullary intradural lesion lies "
     "posterolateral to the cord on the right, with blooming consistent with dense "
     "calcification.", _SPINE, "T10 LAMINECTOMY RESECTION INTRADURAL TUMOR",
     "right intradural extramedullary lesion at T10 (17 mm)"),
    ("FINDINGS:\nCervical spine: At C5 a 12 mm intradural extramedullary mass lies on the left, "
     "with dense calcification.", "MRI CERVICAL SPINE", "C5 LAMINECTOMY RESECTION INTRADURAL "
     "TUMOR", "left intradural extramedullary mass at C5 (12 mm)"),
    ("FINDINGS: A 15 mm calcified intradural extramedullary lesion lies at the level of T8, "
     "left-sided, compressing the cord.", _SPINE, "T8 LAMINECTOMY EXCISION INTRADURAL TUMOR",
     "left intradural extramedullary lesion at T8 (15 mm)"),
    ("FINDINGS: At L1 a 20 mm extramedullary intradural mass with coarse calcification fills "
     "the canal on the right.", "MRI LUMBAR SPINE", "L1 LAMINECTOMY RESECTION INTRADURAL TUMOR",
     "right intradural extramedullary mass at L1 (20 mm)"),
    ("FINDINGS: At T6 an 18 mm densely calcified extramedullary-intradural meningioma displaces "
     "the cord.", _SPINE, "CT THORACIC SPINE WITH CONTRAST",
     "intradural extramedullary meningioma at T6 (18 mm)"),
])
def test_a_spinal_canal_mass_keeps_compartment_level_and_side(
        text: str, title: str, order: str, name: str) -> None:
    assert _named(text, title, order) == name


@pytest.mark.parametrize(("text", "order", "name"), [
    # "the right node" is the node the report describes on that side (unseen9 m2)
    ("FINDINGS:\nLymph nodes: A 17 mm rounded right external iliac node with mixed signal "
     "intensity and patchy internal signal loss on T2.\nIMPRESSION:\n1. Bilateral external "
     "iliac adenopathy; the right node has mixed signal with patchy signal loss, possibly "
     "calcification or necrosis.", "CT GUIDED BX RT EXTERNAL ILIAC NODE",
     "right external iliac lymph node (17 mm)"),
    ("FINDINGS:\nLymph nodes: A 15 mm right obturator node with a punctate focus of signal loss "
     "on T2.\nIMPRESSION:\n1. Bilateral pelvic adenopathy; the right node contains punctate "
     "low signal, possibly calcification.", "CT GUIDED BX RT OBTURATOR NODE",
     "right obturator lymph node (15 mm)"),
    ("FINDINGS:\nLymph nodes: A 19 mm left internal iliac node with patchy signal "
     "loss.\nIMPRESSION:\n1. Bilateral pelvic adenopathy; the left node shows coarse "
     "calcification.", "CT GUIDED BX LT INTERNAL ILIAC NODE",
     "left internal iliac lymph node (19 mm)"),
    ("FINDINGS:\nLymph nodes: A 22 mm left superficial inguinal node with a dark focus on all "
     "sequences.\nIMPRESSION:\n1. Bilateral inguinal adenopathy; the left node contains "
     "calcification.", "US GUIDED BX LT INGUINAL NODE",
     "left superficial inguinal lymph node (22 mm)"),
    ("FINDINGS:\nLymph nodes: A 14 mm right common iliac node with mixed signal "
     "intensity.\nIMPRESSION:\n1. Bilateral iliac adenopathy; the right node has patchy signal "
     "loss, possibly calcification.", "CT GUIDED BX RT COMMON ILIAC NODE",
     "right common iliac lymph node (14 mm)"),
])
def test_the_right_node_is_the_one_described_on_that_side(text: str, order: str,
                                                          name: str) -> None:
    assert _named(text, "MRI PELVIS", order) == name


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # a diagnosis the report only favours is not the lesion's name; its size stays
    # (unseen10 o2: "left renal carcinoma")
    ("FINDINGS:\nKidneys: A 3.2 cm solid exophytic mass arises from the lower pole of the left "
     "kidney. It is T2 hypointense with low-level enhancement, favoring papillary renal cell "
     "carcinoma. On the renal ultrasound the mass contained a 4 mm echogenic focus with "
     "posterior acoustic shadowing.", "MRI ABDOMEN", "CT ABD W IV CONT",
     "left renal mass (32 mm)"),
    ("FINDINGS: A 5 cm right renal mass enhances avidly. It is probably a clear cell carcinoma. "
     "On the outside ultrasound the mass contained an echogenic focus with posterior acoustic "
     "shadowing.", "MRI ABDOMEN", "CT ABD W IV CONT", "right renal mass (50 mm)"),
    ("FINDINGS: A 3 cm mass in the left thigh abuts the sciatic nerve. It is T2 hyperintense "
     "with a target sign, likely a schwannoma. The mass contains a focus of calcification.",
     "MRI LEFT THIGH", "CT GUIDED CORE BX LT THIGH MASS", "left thigh mass (30 mm)"),
    ("FINDINGS: A 6 cm mass in the right thigh is heterogeneous. It is suspicious for "
     "leiomyosarcoma. The mass contains coarse calcification.", "MRI RIGHT THIGH",
     "CT GUIDED CORE BX RT THIGH MASS", "right thigh mass (60 mm)"),
    ("FINDINGS: A 4 cm mass in the left arm. It is most likely a schwannoma. The mass contains a "
     "calcified focus.", "MRI LEFT HUMERUS", "CT GUIDED CORE BX LT ARM MASS",
     "left arm mass (40 mm)"),
    ("FINDINGS: A 4 cm mass lies in the left calf. Its signal is suggestive of a desmoid. The "
     "mass contains a calcified focus.", "MRI LEFT LOWER LEG", "CT GUIDED CORE BX LT CALF MASS",
     "left calf mass (40 mm)"),
    # a part of a lesion (its mural nodule) is named by the lesion holding it (round 5 unseen4 o2)
    ("FINDINGS:\nAdnexa: In the left adnexa there is a 6.4 cm cystic and solid mass with a mural "
     "nodule that enhances. On the ultrasound of 2026-09-28 the mural nodule contained an "
     "echogenic focus with dense posterior acoustic shadowing.", "MRI PELVIS",
     "CT ABD/PELVIS W IV CONTRAST", "left adnexal mass (64 mm)"),
    ("FINDINGS:\nRight ovary: A 5.1 cm cystic mass with an enhancing mural nodule. The mural "
     "nodule contains a focus of calcification.", "MRI PELVIS", "CT ABD/PELVIS W IV CONTRAST",
     "right ovarian cystic mass (51 mm)"),
    ("FINDINGS: A 3.6 cm cystic pancreatic tail lesion with a mural nodule; the mural nodule "
     "contains a calcified focus.", "MRI ABDOMEN", "CT ABD W IV CONT",
     "pancreatic tail lesion (36 mm)"),
    ("FINDINGS: A 7.2 cm cystic left adnexal mass with a mural nodule; the mural nodule shows "
     "coarse calcification.", "MRI PELVIS", "CT ABD/PELVIS W IV CONTRAST",
     "left adnexal mass (72 mm)"),
    ("FINDINGS: A 4.2 cm cystic left renal lesion has a solid nodule. Its solid nodule contains "
     "punctate calcification.", "MRI ABDOMEN", "CT ABD W IV CONT", "left renal lesion (42 mm)"),
])
def test_the_lesion_word_is_the_reports_not_a_favoured_diagnosis_nor_a_part(
        text: str, title: str, order: str, name: str) -> None:
    assert _named(text, title, order) == name


@pytest.mark.parametrize(("text", "name"), [
    # a coronary calcification by the branch its own clause puts it at (unseen9 m1)
    ("FINDINGS:\nCoronary arteries: There is signal loss at the left main bifurcation and "
     "proximal LAD; a dark, blooming focus at the left main bifurcation is consistent with "
     "calcified plaque.", "left main coronary artery"),
    ("FINDINGS: Calcified plaque at the left main bifurcation with signal loss in the proximal "
     "LAD.", "left main coronary artery"),
    ("FINDINGS: Calcified plaque in the proximal RCA with slow flow in the LAD.",
     "right coronary artery"),
    ("FINDINGS: Calcified plaque in the proximal RCA and slow flow in the LAD; the dark focus in "
     "the RCA is consistent with calcification.", "right coronary artery"),
    ("FINDINGS: Signal loss in the mid LAD; a dark focus in the proximal circumflex is consistent "
     "with calcified plaque.", "left circumflex artery"),
    # several branches calcified: the coronary arteries (P11.16)
    ("FINDINGS: Dense calcification of the proximal left anterior descending and right coronary "
     "arteries.", "coronary arteries"),
])
def test_a_coronary_calcification_is_named_by_its_branch(text: str, name: str) -> None:
    assert lesion_line(card_detail(text, _CARDIAC, "CTA CORONARY ARTERIES W CONTRAST")) == name


def _card(text: str, title: str, order: str, reason: str | None = None) -> tuple[str, str, str]:
    """(summary, detail, override reason of "CT already done") of the first card."""
    card = first_card(text, title, order, reason)
    done = next(r.display for r in card.override_reasons if r.code == "ct-already-done")
    return card.summary, card.detail, done


@pytest.mark.parametrize(("text", "title", "order", "leads"), [
    # the planning card's summary names what its text and first suggestion lead with (P11.26;
    # unseen10 p2, unseen11 p1): ultrasound for a limb deposit, radiographs for a bone lesion
    ("FINDINGS: A 17 mm calcific deposit in the left subscapularis tendon.", "MRI LEFT SHOULDER",
     "EXC SUBSCAPULARIS CALCIFIC DEPOSIT LT SHOULDER", "ultrasound or CT"),
    ("FINDINGS: A 14 mm calcific deposit in the right supraspinatus tendon.",
     "MRI RIGHT SHOULDER", "CALCIFIC DEPOSIT REMOVAL RT SHOULDER", "ultrasound or CT"),
    ("FINDINGS: A 9 mm calcific deposit in the left distal biceps tendon.", "MRI LEFT ELBOW",
     "EXCISION CALCIFIC DEPOSIT LT DISTAL BICEPS TENDON", "ultrasound or CT"),
    ("FINDINGS: A 4.1 cm lesion of the left proximal humerus with chondroid matrix "
     "mineralization.", "MRI LEFT HUMERUS", "CURETTAGE PROX HUMERUS LESION W AUTOGRAFT LT",
     "radiographs or CT"),
    ("FINDINGS: A 3.5 cm lesion of the right distal femur with rings-and-arcs chondroid "
     "calcification.", "MRI RIGHT FEMUR", "CURETTAGE DISTAL FEMUR LESION RT",
     "radiographs or CT"),
    ("FINDINGS: A 2.8 cm lesion of the left tibia with chondroid matrix mineralization.",
     "MRI LEFT TIBIA FIBULA", "CURETTAGE AND BONE GRAFT LT TIBIA LESION", "radiographs or CT"),
])
def test_the_planning_summary_names_the_studies_the_card_leads_with(
        text: str, title: str, order: str, leads: str) -> None:
    summary, detail, _ = _card(text, title, order)
    assert summary.endswith(f": {leads} can help plan it"), summary
    assert "noncontrast CT" in detail


@pytest.mark.parametrize(("text", "reason", "summary_end"), [
    # a prevertebral (longus colli) deposit has no ultrasound window: the card names CT only
    # (P11.26; unseen11 t1), asked or not
    ("FINDINGS: An amorphous 9 mm focus of very low signal with blooming is again seen in the "
     "longus colli anterior to C1-C2, consistent with a calcific deposit.",
     "Odynophagia, r/o retropharyngeal abscess", "CT shows it better than MRI"),
    ("FINDINGS: A 7 mm calcific deposit in the longus colli tendon anterior to C2.",
     "Neck pain, fever", "CT shows it better than MRI"),
    ("FINDINGS: Calcific deposit in the superior oblique fibres of the longus colli at C1-C2 "
     "with retropharyngeal effusion.", "Calcific tendinitis of the longus colli",
     "evaluate it with CT"),
    ("FINDINGS: Possible calcific deposit in the longus colli tendon at C1-C2.",
     "Odynophagia", "CT is better"),
    ("FINDINGS: Amorphous calcification of the longus colli tendon at C1-C2, consistent with "
     "acute calcific tendinitis.", "Acute calcific tendinitis, r/o abscess",
     "evaluate it with CT"),
])
def test_a_prevertebral_deposit_is_offered_no_ultrasound(text: str, reason: str,
                                                         summary_end: str) -> None:
    summary, detail, done = _card(text, "MRI CERVICAL SPINE", "CT SOFT TISSUE NECK W CONTRAST",
                                  reason)
    assert summary.endswith(summary_end), summary
    assert "or ultrasound" not in summary and "or\nultrasound" not in detail.split(
        "than with MRI.")[-1] and "or ultrasound" not in detail.split("than with MRI.")[-1]
    assert done.startswith("CT already done")


def test_a_limb_tendon_deposit_keeps_its_ultrasound() -> None:
    """The shoulder's deposit is still offered ultrasound beside CT (P11.8)."""
    summary, detail, done = _card("FINDINGS: A 12 mm calcific deposit in the right supraspinatus "
                                  "tendon.", "MRI RIGHT SHOULDER", "CT RIGHT SHOULDER WITH "
                                  "CONTRAST", "Shoulder pain")
    assert "CT or ultrasound" in summary and done.startswith("CT or ultrasound")


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # a cited study's title or field is no place of the lesion: the report's description names
    # it (review round 7: unseen12 o2 "left tibia mass", unseen13 e1 "left calf mass")
    ("COMPARISON: Left tibia and fibula radiographs.\nFINDINGS:\nMass: Within the tibialis "
     "anterior muscle belly there is a 4.6 x 3.2 cm intramuscular mass. The left tibia and "
     "fibula radiographs show faint amorphous mineralization projecting over the anterior "
     "compartment at the level of the mass.", "MRI LEFT LOWER LEG",
     "CT GUIDED CORE BX LT LEG MASS", "left tibialis anterior mass (46 mm)"),
    ("FINDINGS:\nMass: Within the right soleus there is a 5.5 cm intramuscular mass. The right "
     "tibia and fibula radiographs show amorphous calcification at the site of the mass.",
     "MRI RIGHT LOWER LEG", "CT GUIDED CORE BX RT LEG MASS", "right soleus mass (55 mm)"),
    ("FINDINGS:\nMass: Within the left extensor digitorum longus there is a 4 cm mass. Left tibia "
     "and fibula radiographs show punctate calcification at the level of the mass.",
     "MRI LEFT LOWER LEG", "CT GUIDED CORE BX LT LEG MASS",
     "left extensor digitorum longus mass (40 mm)"),
    ("FINDINGS:\nMass: Within the right flexor carpi radialis there is a 3.8 cm mass. The right "
     "radius and ulna radiographs show faint mineralization at the site of the mass.",
     "MRI RIGHT FOREARM", "CT GUIDED CORE BX RT FOREARM MASS",
     "right flexor carpi radialis mass (38 mm)"),
    ("COMPARISON: Radiographs of the left tibia and fibula show faint amorphous calcification in "
     "the posterior calf soft tissues at the site of the palpable mass.\nFINDINGS:\nMuscles: A "
     "4.6 cm mass lies within the medial head of the left gastrocnemius.", "MRI LEFT LOWER LEG",
     "CT GUIDED CORE BX LT CALF MASS", "left gastrocnemius mass (46 mm)"),
])
def test_a_cited_studys_title_or_field_is_no_place(text: str, title: str, order: str,
                                                  name: str) -> None:
    assert _named(text, title, order) == name


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # the calcified component's size is not the tumour's (unseen12 g2: 60 mm of a 14 cm mass)
    ("FINDINGS: A 14 x 11 cm left retroperitoneal mass displaces the kidney. It has a large "
     "fatty component and a 6 cm nonlipomatous enhancing nodular component that contains coarse "
     "calcification, suggesting dedifferentiated liposarcoma.", "MRI ABDOMEN",
     "CT ABDOMEN W CONTRAST", "left retroperitoneal mass (140 mm)"),
    ("FINDINGS: A 12 cm right retroperitoneal mass. It has a 4 cm nodular component with dense "
     "calcification, consistent with dedifferentiated liposarcoma.", "MRI ABDOMEN",
     "CT ABDOMEN W CONTRAST", "right retroperitoneal liposarcoma (120 mm)"),
    ("FINDINGS: A 9 cm mass in the right thigh. It has a 3 cm solid enhancing component with "
     "coarse calcification, concerning for sarcoma.", "MRI RIGHT THIGH",
     "CT GUIDED CORE BX RT THIGH MASS", "right thigh mass (90 mm)"),
    ("FINDINGS: An 8.5 cm mass in the left thigh. It has a 2.5 cm enhancing soft-tissue "
     "component with punctate calcification, suggesting myxofibrosarcoma.", "MRI LEFT THIGH",
     "CT GUIDED CORE BX LT THIGH MASS", "left thigh mass (85 mm)"),
    ("FINDINGS: A 10 cm left retroperitoneal mass. It has a 3.5 cm solid component containing "
     "calcification, suggestive of a liposarcoma.", "MRI ABDOMEN", "CT ABDOMEN W CONTRAST",
     "left retroperitoneal mass (100 mm)"),
])
def test_a_components_size_is_not_the_tumours(text: str, title: str, order: str,
                                              name: str) -> None:
    assert _named(text, title, order) == name


@pytest.mark.parametrize(("text", "title", "order", "reason", "name"), [
    # an extent ("from the level of the talus") is no place; a tendon sheath's own lesion is
    # named by the sheath (unseen14 b1 "right talus chondromatosis")
    ("FINDINGS:\nTendons: The flexor hallucis longus tendon sheath is distended from the level "
     "of the posterior talus to the knot of Henry. Within the sheath there are numerous calcified "
     "bodies, consistent with tenosynovial chondromatosis.", "MRI RIGHT ANKLE",
     "EXCISION TENOSYNOVIAL CHONDROMATOSIS RT ANKLE", None,
     "right flexor hallucis longus tendon sheath chondromatosis"),
    ("FINDINGS:\nTendons: The extensor hallucis longus tendon sheath is distended from the level "
     "of the talus to the first metatarsal. Within the sheath there are calcified bodies of "
     "tenosynovial chondromatosis.", "MRI LEFT ANKLE",
     "EXCISION TENOSYNOVIAL CHONDROMATOSIS LT ANKLE", None,
     "left extensor hallucis longus tendon sheath chondromatosis"),
    ("FINDINGS:\nTendons: The flexor digitorum longus tendon sheath is distended from the level "
     "of the medial malleolus to the midfoot. Within the sheath there are numerous calcified "
     "bodies, consistent with tenosynovial chondromatosis.", "MRI LEFT ANKLE",
     "EXCISION TENOSYNOVIAL CHONDROMATOSIS LT ANKLE", None,
     "left flexor digitorum longus tendon sheath chondromatosis"),
    ("IMPRESSION: Tenosynovial chondromatosis of the left flexor hallucis longus tendon sheath "
     "with numerous calcified bodies.", "MRI LEFT ANKLE",
     "EXCISION TENOSYNOVIAL CHONDROMATOSIS LT ANKLE", None,
     "left flexor hallucis longus tendon sheath chondromatosis"),
    # a tendon deposit "near its first metacarpal insertion": the tendon named before it
    # (unseen17 t1 "right metacarpal tendon insertion")
    ("FINDINGS: The calcific deposit in the distal abductor pollicis longus tendon near its first "
     "metacarpal insertion persists, now 7 mm.", "MRI RIGHT WRIST",
     "MRI RIGHT WRIST WITHOUT CONTRAST", "pain", "right abductor pollicis longus tendon (7 mm)"),
    ("FINDINGS: The calcific deposit in the peroneus brevis tendon near its fifth metatarsal "
     "insertion measures 6 mm.", "MRI LEFT ANKLE", "MRI LEFT ANKLE WITHOUT CONTRAST", "pain",
     "left peroneus brevis tendon (6 mm)"),
    ("FINDINGS: A 7 mm calcific deposit in the tibialis anterior tendon near its first metatarsal "
     "insertion.", "MRI RIGHT ANKLE", "MRI RIGHT ANKLE WITHOUT CONTRAST", "pain",
     "right tibialis anterior tendon (7 mm)"),
    ("FINDINGS: A 4 mm calcific deposit in the flexor carpi radialis tendon near its second "
     "metacarpal insertion.", "MRI LEFT WRIST", "MRI LEFT WRIST WITHOUT CONTRAST", "pain",
     "left flexor carpi radialis tendon (4 mm)"),
    ("FINDINGS: A 5 mm calcific deposit in the extensor carpi ulnaris tendon near its fifth "
     "metacarpal insertion.", "MRI LEFT WRIST", "MRI LEFT WRIST WITHOUT CONTRAST", "pain",
     "left extensor carpi ulnaris tendon (5 mm)"),
    # a tendon the card content names (`parts.tendon`): the long head of biceps, the pes
    # anserinus (unseen18 t1 "right bicipital groove", unseen17 a1 "right knee tendon")
    ("FINDINGS: Within the tendon at the level of the bicipital groove, the 8 mm calcific "
     "deposit persists in the long head of biceps tendon.", "MRI RIGHT SHOULDER",
     "MRI RIGHT SHOULDER WITHOUT CONTRAST", "pain", "right long head of biceps tendon (8 mm)"),
    ("FINDINGS: A 6 mm calcific deposit in the long biceps tendon within the bicipital groove.",
     "MRI LEFT SHOULDER", "MRI LEFT SHOULDER WITHOUT CONTRAST", "pain",
     "left long head of biceps tendon (6 mm)"),
    ("FINDINGS: A 5 mm calcific deposit in the biceps long head tendon.", "MRI RIGHT SHOULDER",
     "MRI RIGHT SHOULDER WITHOUT CONTRAST", "pain", "right long head of biceps tendon (5 mm)"),
    ("FINDINGS: Calcific tendinitis of the pes anserinus with a 7 mm deposit.", "MRI LEFT KNEE",
     "MRI LEFT KNEE WITHOUT CONTRAST", "pain", "left pes anserinus tendons (7 mm)"),
    ("FINDINGS: A 9 mm calcific deposit in the pes anserinus tendons.", "MRI RIGHT KNEE",
     "MRI RIGHT KNEE WITHOUT CONTRAST", "pain", "right pes anserinus tendons (9 mm)"),
    # a nerve's adjective keeps its noun (unseen16 p1 "right tibial tumour")
    ("FINDINGS: A 4.3 cm cystic peripheral nerve sheath tumour of the right tibial nerve "
     "contains coarse calcification.", "MRI RIGHT KNEE", "EXCISION TUMOR RT TIBIAL NERVE",
     "pain", "right tibial nerve tumour (43 mm)"),
    ("FINDINGS: A 4 cm schwannoma of the right femoral nerve with coarse calcification.",
     "MRI RIGHT THIGH", "CT GUIDED CORE BX RT THIGH MASS", None,
     "right femoral nerve schwannoma (40 mm)"),
    ("FINDINGS: A 3.3 cm tumour of the right posterior tibial nerve at the ankle with coarse "
     "calcification.", "MRI RIGHT ANKLE", "US GUIDED CORE BX RT ANKLE MASS", None,
     "right tibial nerve tumour (33 mm)"),
    ("FINDINGS: A 5 cm tumour along the left femoral nerve with punctate calcification.",
     "MRI LEFT THIGH", "CT GUIDED CORE BX LT THIGH MASS", None,
     "left femoral nerve tumour (50 mm)"),
])
def test_the_tendon_sheath_tendon_and_nerve_the_report_names(
        text: str, title: str, order: str, reason: str | None, name: str) -> None:
    assert lesion_line(card_detail(text, title, order, reason)) == name


@pytest.mark.parametrize(("text", "order", "name"), [
    # one node under a plural line label is one node (unseen18 m2 "… lymph nodes (16 mm)")
    ("FINDINGS:\nINGUINAL NODES: A 16 mm rounded left superficial inguinal node contains central "
     "foci of signal void, possibly calcification.", "US GUIDED FNA LT INGUINAL NODE",
     "left superficial inguinal lymph node (16 mm)"),
    ("FINDINGS:\nPelvic nodes: A 14 mm right external iliac node contains punctate "
     "calcification.", "CT GUIDED BX RT EXTERNAL ILIAC NODE",
     "right external iliac lymph node (14 mm)"),
    ("FINDINGS:\nInguinal nodes: A 19 mm right inguinal node contains coarse calcification.",
     "US GUIDED FNA RT INGUINAL NODE", "right inguinal lymph node (19 mm)"),
    ("FINDINGS:\nObturator nodes: A 12 mm left obturator node shows a focus of calcification.",
     "CT GUIDED BX LT OBTURATOR NODE", "left obturator lymph node (12 mm)"),
    ("FINDINGS:\nInternal iliac nodes: A 15 mm left internal iliac node contains coarse "
     "calcification.", "CT GUIDED BX LT INTERNAL ILIAC NODE",
     "left internal iliac lymph node (15 mm)"),
    ("FINDINGS:\nMESORECTAL NODES: An 8 mm left mesorectal node contains a calcified focus.",
     "US GUIDED FNA MESORECTAL LYMPH NODE", "left mesorectal lymph node (8 mm)"),
])
def test_a_plural_line_label_makes_no_plural(text: str, order: str, name: str) -> None:
    assert _named(text, "MRI PELVIS", order) == name


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # a muscle's head as a radiologist orders the words (unseen15 e1 "left long head of the
    # biceps femoris mass")
    ("FINDINGS: A 3.9 cm mass within the long head of the biceps femoris contains coarse "
     "calcification.", "MRI LEFT THIGH", "CT GUIDED CORE BX LT THIGH MASS",
     "left biceps femoris long head mass (39 mm)"),
    ("FINDINGS: A 4.4 cm mass within the short head of the biceps femoris contains punctate "
     "calcification.", "MRI RIGHT THIGH", "CT GUIDED CORE BX RT THIGH MASS",
     "right biceps femoris short head mass (44 mm)"),
    ("FINDINGS: A 5.1 cm mass within the medial head of the gastrocnemius contains coarse "
     "calcification.", "MRI LEFT LOWER LEG", "CT GUIDED CORE BX LT CALF MASS",
     "left medial gastrocnemius mass (51 mm)"),
    ("FINDINGS: A 3.2 cm mass within the lateral head of the gastrocnemius contains "
     "calcification.", "MRI RIGHT LOWER LEG", "CT GUIDED CORE BX RT CALF MASS",
     "right lateral gastrocnemius mass (32 mm)"),
    ("IMPRESSION: 3.9 cm calcified mass of the long head of the biceps femoris.",
     "MRI RIGHT THIGH", "CT GUIDED CORE BX RT THIGH MASS",
     "right biceps femoris long head mass (39 mm)"),
])
def test_a_muscles_head_is_worded_as_radiologists_write_it(text: str, title: str, order: str,
                                                           name: str) -> None:
    assert _named(text, title, order) == name


@pytest.mark.parametrize("text", [
    # the ramus intermedius is a coronary branch of its own (unseen18 g2 "coronary arteries")
    "FINDINGS:\nCoronary arteries: Calcified plaque of the proximal ramus intermedius.",
    "FINDINGS:\nCoronary arteries: A dark blooming focus in the ramus intermedius is consistent "
    "with calcified plaque.",
    "FINDINGS: Coronary arteries: calcification of the proximal ramus intermedius.",
    "IMPRESSION: Calcified coronary plaque in the ramus intermedius artery.",
    "FINDINGS: Coronary calcification in the proximal intermediate ramus.",
])
def test_the_ramus_intermedius_is_named(text: str) -> None:
    assert lesion_line(card_detail(text, _CARDIAC, "CTA CORONARY ARTERIES W CONTRAST")) == (
        "ramus intermedius")


@pytest.mark.parametrize(("order", "starts"), [
    # an order named by a lower-case catalog or LOINC display opens its sentence with a capital
    # (unseen12 g1 "**abdomen and pelvis CT with IV contrast** has contrast images only")
    ("abdomen and pelvis CT with IV contrast", "**Abdomen and pelvis CT with IV contrast**"),
    ("abdomen and pelvis CT with contrast", "**Abdomen and pelvis CT with contrast**"),
    ("pelvis CT with IV contrast", "**Pelvis CT with IV contrast**"),
    ("ct abdomen pelvis with contrast", "**Ct abdomen pelvis with contrast**"),
    ("chest abdomen and pelvis CT with IV contrast",
     "**Chest abdomen and pelvis CT with IV contrast**"),
])
def test_the_order_opens_its_sentence_with_a_capital(order: str, starts: str) -> None:
    detail = card_detail("FINDINGS: A 6 cm right adnexal mass contains coarse calcification.",
                         "MRI PELVIS", order)
    assert f"\n{starts} has contrast images only" in detail, detail


@pytest.mark.parametrize(("text", "title"), [
    # a bone lesion described under its region is named by the bone another statement of the
    # report names there (round 5 unseen4 a2 after the calcaneus became its own site, P11.28)
    ("FINDINGS:\nAnkle: Centrally there is a 9 mm irregular focus of low signal, which likely "
     "represents dystrophic calcification within an intraosseous lipoma.\nIMPRESSION: Calcaneal "
     "intraosseous lipoma with a central focus likely representing calcification.",
     "MRI LEFT ANKLE"),
    ("FINDINGS:\nAnkle: Centrally there is an 8 mm focus of low signal on all sequences, "
     "possibly calcification within an intraosseous lipoma.\nIMPRESSION: Intraosseous lipoma of "
     "the left calcaneus with possible central calcification.", "MRI LEFT ANKLE"),
    ("FINDINGS:\nHindfoot: A 7 mm focus of low signal likely represents dystrophic "
     "calcification within an intraosseous lipoma.\nIMPRESSION: Calcaneal intraosseous lipoma "
     "with central calcification.", "MRI LEFT FOOT"),
    ("FINDINGS:\nAnkle: There is a central 6 mm focus of signal void which may represent "
     "calcification within the intraosseous lesion.\nIMPRESSION: Calcaneal intraosseous lesion "
     "with a possible central calcification.", "MRI LEFT ANKLE"),
    ("FINDINGS:\nAnkle: An intraosseous lesion contains punctate calcification.\nIMPRESSION: "
     "Calcified intraosseous lesion of the left calcaneus.", "MRI LEFT ANKLE"),
])
def test_a_bone_lesion_takes_the_bone_the_report_names(text: str, title: str) -> None:
    name = _named(text, title, "BX BONE DEEP PERC - LT CALCANEUS (CT GUIDED)")
    assert name.startswith("lesion of the left calcaneus"), name


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # a metacarpal or metatarsal lesion keeps the ray the report numbers (unseen16 a2, unseen17
    # a2 "right metacarpal bone lesion")
    ("FINDINGS:\nFOURTH METACARPAL: A 2.9 cm lobulated intramedullary lesion occupies the "
     "diaphysis of the fourth metacarpal. It contains punctate and arc-like foci of low signal, "
     "consistent with chondroid matrix mineralization.", "MRI RIGHT HAND",
     "BX BONE RT 4TH METACARPAL", "lesion of the right fourth metacarpal (29 mm)"),
    ("FINDINGS:\nBones: A 2.1 cm lesion arises from the left second metatarsal diaphysis. "
     "Internal ring-like low-signal foci are compatible with chondroid matrix mineralization.",
     "MRI LEFT FOOT", "BX BONE LT 2ND METATARSAL", "lesion of the left second metatarsal (21 mm)"),
    ("FINDINGS: A 1.8 cm lesion of the right fifth metacarpal contains chondroid "
     "calcification.", "MRI RIGHT HAND", "BX BONE RT 5TH METACARPAL",
     "lesion of the right fifth metacarpal (18 mm)"),
    ("FINDINGS: A 2.4 cm lesion of the left 3rd metatarsal shows chondroid matrix "
     "mineralization.", "MRI LEFT FOOT", "BX BONE LT 3RD METATARSAL",
     "lesion of the left 3rd metatarsal (24 mm)"),
    ("FINDINGS: An expansile 2 cm lesion of the first metacarpal contains calcified matrix.",
     "MRI LEFT HAND", "BX BONE LT 1ST METACARPAL", "lesion of the left first metacarpal (20 mm)"),
    # a vertebral level keeps its capital
    ("FINDINGS: A 2.6 cm lesion of the T10 vertebral body contains chondroid matrix "
     "mineralization.", "MRI THORACIC SPINE", "CT GUIDED BONE BX T10 VERTEBRAL BODY",
     "lesion of the T10 vertebral body (26 mm)"),
])
def test_a_ray_keeps_its_number(text: str, title: str, order: str, name: str) -> None:
    assert _named(text, title, order) == name


@pytest.mark.parametrize(("text", "name"), [
    # a calcified coronary aneurysm is named as one, with its size (unseen15 m1 "right coronary
    # artery" for "a 14 mm calcified aneurysm of the proximal right coronary artery")
    ("FINDINGS:\nCoronary arteries: A 14 mm calcified aneurysm of the proximal right coronary "
     "artery.", "right coronary artery aneurysm (14 mm)"),
    ("FINDINGS:\nCoronary arteries: An 11 mm aneurysm of the proximal LAD with a calcified rim.",
     "left anterior descending artery aneurysm (11 mm)"),
    ("IMPRESSION: Calcified 8 mm proximal RCA aneurysm.", "right coronary artery aneurysm (8 mm)"),
    ("FINDINGS:\nCoronary arteries: Calcified aneurysm of the left circumflex artery, 10 mm.",
     "left circumflex artery aneurysm"),
    ("FINDINGS: Proximal RCA and LAD aneurysms, with probable mural calcification of the RCA "
     "aneurysm.", "right coronary artery aneurysm"),
])
def test_a_calcified_coronary_aneurysm_is_named_as_one(text: str, name: str) -> None:
    assert lesion_line(card_detail(text, _CARDIAC, "CTA CORONARY ARTERIES W CONTRAST")) == name


@pytest.mark.parametrize(("text", "title", "name"), [
    # a digit's joint deposit is named by the joint the report numbers (unseen16 t1 "right hand
    # joint")
    ("FINDINGS:\nSECOND MCP JOINT: An amorphous 8 mm low-signal deposit lies along the capsule "
     "of the second metacarpophalangeal joint. Appearances are typical of acute calcific "
     "periarthritis (hydroxyapatite deposition).", "MRI RIGHT HAND",
     "right second MCP joint"),
    ("FINDINGS: Calcific periarthritis of the third MCP joint with a 5 mm capsular deposit.",
     "MRI RIGHT HAND", "right third MCP joint"),
    ("FINDINGS: A 4 mm hydroxyapatite deposit along the capsule of the fourth "
     "metacarpophalangeal joint, consistent with calcific periarthritis.", "MRI LEFT HAND",
     "left fourth metacarpophalangeal joint"),
    ("FINDINGS: Calcific periarthritis of the second PIP joint with a 3 mm capsular deposit.",
     "MRI LEFT HAND", "left second PIP joint"),
    ("FINDINGS: A 6 mm calcific deposit in the capsule of the fifth MCP joint, consistent with "
     "calcific periarthritis.", "MRI RIGHT HAND", "right fifth MCP joint"),
])
def test_a_digits_joint_is_named_by_its_number(text: str, title: str, name: str) -> None:
    line = _named(text, title, f"MRI {title.split(' ', 1)[1]} WITHOUT CONTRAST")
    assert line.split(" (")[0] == name, line


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # the mineral's own clause names no lesion: the lesion the sentence names before it does,
    # and its size is the lesion's, never the calcification's (unseen12 c1 "right carotid space")
    ("IMPRESSION: 3.8 cm right carotid space mass, most likely vagal schwannoma with degenerative "
     "change; possible calcification.", "MRI NECK", "CT NECK SOFT TISSUE W CONT",
     "right carotid space mass (38 mm)"),
    ("IMPRESSION: 4 cm left thigh mass, indeterminate; internal calcification.", "MRI LEFT THIGH",
     "CT GUIDED CORE BX LT THIGH MASS", "left thigh mass (40 mm)"),
    ("IMPRESSION: 2.5 cm right parotid mass; possible calcification.", "MRI NECK",
     "CT NECK SOFT TISSUE W CONT", "right parotid mass (25 mm)"),
    ("IMPRESSION: 5 cm left retroperitoneal mass; calcification is present.", "MRI ABDOMEN",
     "CT ABDOMEN W CONTRAST", "left retroperitoneal mass (50 mm)"),
    ("IMPRESSION: 3 cm right adrenal mass; punctate calcification.", "MRI ABDOMEN",
     "CT ABDOMEN W CONTRAST", "right adrenal mass (30 mm)"),
    # a lesion the sentence denies still names nothing
    ("IMPRESSION: No mass; possible calcification in the right carotid space.", "MRI NECK",
     "CT NECK SOFT TISSUE W CONT", "right carotid space"),
])
def test_the_lesion_before_the_minerals_clause_names_it(text: str, title: str, order: str,
                                                        name: str) -> None:
    assert _named(text, title, order) == name
