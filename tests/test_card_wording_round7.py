"""Card wording, radiologist review round 7 (tests/eval/REVIEW_ROUND7.md, open points): the
digit, the palm and the appendix a report names (docs/matching-policy.md P11.29)."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, first_card, lesion_line

HAND, FOOT, AP = "MRI RIGHT HAND", "MRI RIGHT FOOT", "MRI ABDOMEN AND PELVIS"
CT_AP = "CT abdomen and pelvis with contrast"


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # W-digit: the finger or toe the report names, never "finger", "phalanx" or the hand
    ("FINDINGS: A 1.7 cm subcutaneous nodule along the dorsal aspect of the right index finger "
     "at the middle phalanx contains punctate calcification.", HAND,
     "Excision right index finger mass", "right index finger nodule (17 mm)"),
    ("FINDINGS: A 1.4 cm volar soft tissue mass at the proximal phalanx of the left index finger "
     "with internal calcification, likely giant cell tumor of tendon sheath.", "MRI LEFT HAND",
     "Excision left finger mass", "left index finger mass (14 mm)"),
    ("FINDINGS: A 9 mm nodule along the volar aspect of the middle phalanx of the right small "
     "finger shows punctate calcification.", HAND, "Excision right small finger nodule",
     "right small finger nodule (9 mm)"),
    ("FINDINGS: Soft tissues: A 1.2 cm mass at the medial aspect of the left great toe contains "
     "amorphous calcification.", "MRI LEFT FOREFOOT", "Excision left great toe mass",
     "left great toe mass (12 mm)"),
    ("FINDINGS: A 1.1 cm calcified nodule at the plantar aspect of the second toe of the right "
     "foot.", FOOT, "Excision right foot nodule", "right second toe nodule (11 mm)"),
    ("FINDINGS: Along the radial collateral ligament of the index metacarpophalangeal joint there "
     "is an amorphous 6 mm calcific deposit with surrounding soft-tissue edema.", HAND,
     "MRI right hand without contrast",
     "right index metacarpophalangeal joint radial collateral ligament (6 mm)"),
    # W-place: the palm, not the side of it that locates the mass
    ("FINDINGS: A 2.2 cm mass in the thenar side of the palm, closely applied to the palmar "
     "aponeurosis, with foci of calcification.", "MRI LEFT HAND", "Excision left palm mass",
     "left palmar mass (22 mm)"),
    # the appendix by its adjective, as the kidney and ovary are
    ("FINDINGS: 3.5 cm appendix mucocele with possible peripheral calcification.", AP, CT_AP,
     "appendiceal mucocele (35 mm)"),
    ("FINDINGS: A 3.1 cm mass at the tip of the appendix shows internal calcification.", AP,
     CT_AP, "appendiceal tip mass (31 mm)"),
    # guards: what was right stays so
    ("FINDINGS: First web space: A 2.9 cm intramuscular mass lies within the first dorsal "
     "interosseous muscle, displacing the radial digital neurovascular bundle of the index "
     "finger volarly, with faint amorphous calcification.", HAND, "Core biopsy right hand mass",
     "right first dorsal interosseous mass (29 mm)"),
    ("FINDINGS: A 2.9 cm expansile lesion of the right fourth metacarpal with chondroid matrix "
     "calcification.", HAND, "Biopsy right fourth metacarpal lesion",
     "lesion of the right fourth metacarpal (29 mm)"),
    ("FINDINGS: A 2.6 cm mass in the right thenar eminence with phleboliths.", HAND,
     "Excision right thenar mass", "right thenar eminence mass (26 mm)"),
    ("FINDINGS: A 1.5 cm mass along the ulnar aspect of the right thumb with calcification.",
     HAND, "Excision right thumb mass", "right thumb mass (15 mm)"),
    ("FINDINGS: An 18 mm calcific deposit at the left first metatarsophalangeal joint capsule.",
     "MRI LEFT FOOT", "MRI left foot without contrast",
     "left first metatarsophalangeal joint (18 mm)"),
])
def test_the_digit_palm_and_appendix_are_named(text: str, title: str, order: str,
                                               name: str) -> None:
    assert lesion_line(card_detail(text, title, order)) == name


NECK, ABD = "MRI NECK WITH AND WITHOUT CONTRAST", "MRI ABDOMEN WITHOUT AND WITH CONTRAST"


@pytest.mark.parametrize(("text", "title", "order", "said"), [
    ("FINDINGS: Lymph nodes: Left supraclavicular node measuring 1.3 cm with coarse central "
     "calcification and no enhancement; this likely represents the treated residual node.",
     NECK, "US FNA left supraclavicular node", "this likely represents the treated residual node"),
    ("IMPRESSION: Treated portocaval nodal conglomerate, 2.4 cm, with patchy signal loss likely "
     "representing post-treatment calcification.", ABD, "CT guided core biopsy portocaval node",
     "with patchy signal loss likely representing post-treatment calcification"),
    ("FINDINGS: A 14 mm calcified mesenteric lymph node after chemotherapy for follicular "
     "lymphoma, consistent with treatment response.", ABD, "CT guided biopsy mesenteric node",
     "A 14 mm calcified mesenteric lymph node after chemotherapy for follicular lymphoma"),
    ("FINDINGS: Treated left para-aortic nodal metastasis, now 12 mm, with coarse calcification.",
     ABD, "CT guided biopsy left para-aortic node", "Treated left para-aortic nodal metastasis"),
    ("FINDINGS: A 10 mm right level III lymph node with dense calcification, post-radiation.",
     NECK, "US FNA right level III node", "post-radiation"),
])
def test_a_treated_node_s_card_quotes_the_report_not_metastasis(text: str, title: str,
                                                                order: str, said: str) -> None:
    """P11.30 (W-lymphoma): the report relates the node's calcification to treatment."""
    card = first_card(text, title, order)
    assert "metastasis" not in card.summary and "**metastasis**" not in card.detail
    assert f'to treatment ("{said}")' in card.detail


@pytest.mark.parametrize(("text", "title", "order"), [
    ("FINDINGS: A 9 mm mesorectal lymph node with calcification after neoadjuvant "
     "chemoradiation, suspicious for residual metastasis.", "MRI PELVIS",
     "US guided FNA mesorectal lymph node"),
    ("IMPRESSION: Calcified 2.3 cm portacaval node, most consistent with nodal metastasis; "
     "differential includes a treated granulomatous node, less likely given its signal.", ABD,
     "US guided FNA portacaval node"),
    ("FINDINGS: A 9 mm mesorectal lymph node with a calcified focus.", "MRI PELVIS",
     "US guided FNA mesorectal lymph node"),
    ("FINDINGS: Untreated follicular lymphoma: a 14 mm mesenteric lymph node with coarse "
     "calcification.", ABD, "CT guided biopsy mesenteric node"),
    ("FINDINGS: Previously treated lymphoma; an enlarging 16 mm calcified right axillary lymph "
     "node, concerning for relapse.", "MRI CHEST", "US guided FNA right axillary node"),
])
def test_a_node_not_called_treated_keeps_the_guidance_s_words(text: str, title: str,
                                                              order: str) -> None:
    card = first_card(text, title, order)
    assert "metastasis" in card.detail and "to treatment" not in card.detail


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    # N-bursa-as-joint: a bursa's tophus is the bursa's, extra-articular, never the joint's
    ("FINDINGS:\nOlecranon bursa: Distended to 4.1 x 2.6 cm with a thickened synovial lining. "
     "Within it is a 2.2 cm lobulated deposit of intermediate to low signal containing punctate "
     "foci of very low signal on all sequences, consistent with a partially calcified gouty "
     "tophus.\nJoint: Small elbow effusion. No intra-articular erosions.",
     "MRI LEFT ELBOW WITHOUT CONTRAST", "EXCISION OLECRANON BURSA LT",
     "left olecranon bursa tophus (22 mm)"),
    ("FINDINGS: A 1.5 cm gouty tophus in the prepatellar bursa with punctate calcification.",
     "MRI LEFT KNEE", "Excision prepatellar bursa left", "left prepatellar bursa tophus (15 mm)"),
    ("FINDINGS:\nPrepatellar bursa: Distended to 3.4 cm with synovial thickening. Within it is "
     "a 1.8 cm lobulated deposit, consistent with a partially calcified gouty tophus.",
     "MRI RIGHT KNEE WITHOUT CONTRAST", "EXCISION PREPATELLAR BURSA RT",
     "right prepatellar bursa tophus (18 mm)"),
    ("FINDINGS:\nOlecranon bursa: Distended to 3 cm. Within it is a 1.6 cm deposit, consistent "
     "with a partially calcified gouty tophus.", "MRI RIGHT ELBOW WITHOUT CONTRAST",
     "EXCISION OLECRANON BURSA RT", "right olecranon bursa tophus (16 mm)"),
    # a bursa the table names is not doubled ("… bursa bursa")
    ("FINDINGS:\nBursae: A 7 mm calcific focus lies in the bursa deep to the deltoid.\n"
     "IMPRESSION: Calcific bursitis of the subacromial-subdeltoid bursa.", "MRI LEFT SHOULDER",
     "MRI left shoulder without contrast", "left subacromial-subdeltoid bursa (7 mm)"),
    ("FINDINGS:\nBursa: Status post barbotage of the subacromial-subdeltoid bursal calcific "
     "deposit. A residual 5 mm calcific focus remains in the bursa over the greater tuberosity."
     "\nIMPRESSION:\n1. Residual 5 mm calcific focus in the subacromial-subdeltoid bursa after "
     "barbotage, with mild bursitis.", "MRI RIGHT SHOULDER WITHOUT CONTRAST",
     "MRI right shoulder without contrast", "right subacromial-subdeltoid bursa (5 mm)"),
    # guard: a joint's own deposit stays the joint's, a bursa beside it notwithstanding
    ("FINDINGS: Chondrocalcinosis of the medial and lateral menisci. Small suprapatellar bursa "
     "fluid.", "MRI RIGHT KNEE", "MRI right knee without contrast",
     "menisci of the right knee"),  # P11.49 supersedes "right knee joint"
])
def test_a_bursa_s_deposit_is_named_by_its_bursa(text: str, title: str, order: str,
                                                 name: str) -> None:
    """P11.31 (round 8 N-bursa-as-joint, doubled noun)."""
    reason = "Chronic tophaceous bursitis" if "EXCISION" in order else "follow-up"
    assert lesion_line(card_detail(text, title, order, reason)) == name
