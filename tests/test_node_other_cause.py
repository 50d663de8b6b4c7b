"""Issue 17, review rounds 11-13 (P11.57; W-node-context, the class of P2.39): where the report
gives a calcified node a cause other than metastasis and argues against metastasis ("tuberculous
lymphadenitis is favoured; necrotic nodal metastasis … is less likely"), the nodal card quotes
it and does not call the calcification a sign of metastasis; CT still measures it. A node the
report suspects, one whose cause it leaves open, a cause named only in the history, and another
node's cause keep the guidance's words. The variants failed on main c08d33a (unseen29 o2 is the
review's example, written here in other words)."""

from __future__ import annotations

import pytest

from cds_service.core.card_treated import other_cause
from tests.test_card_names import first_card

NECK = "MRI NECK WITHOUT AND WITH CONTRAST"
FNA = "US GUIDED FNA RIGHT NECK LYMPH NODE"
LEVEL_II = ("FINDINGS:\nLymph nodes: A 19 mm right level II node contains foci of signal loss, "
            "possibly calcification.")


@pytest.mark.parametrize(("text", "title", "order", "said"), [
    ("FINDINGS:\nLymph nodes: Several necrotic left level IV nodes, the largest 2.4 cm, with "
     "punctate foci of low signal on all sequences, possibly calcification.\nIMPRESSION: "
     "Necrotic left level IV nodes with possible calcification; tuberculous lymphadenitis is "
     "favoured over metastatic disease.", NECK, "US GUIDED FNA LEFT NECK LYMPH NODE",
     "tuberculous lymphadenitis is favoured over metastatic disease"),
    ("FINDINGS: A 17 mm left inguinal lymph node contains a calcified focus, most likely from "
     "prior granulomatous infection; metastatic disease is considered unlikely.",
     "MRI PELVIS WITHOUT AND WITH CONTRAST", "US GUIDED CORE BIOPSY LEFT INGUINAL LYMPH NODE",
     "most likely from prior granulomatous infection; metastatic disease is considered "
     "unlikely"),
    ("FINDINGS: A 14 mm left axillary lymph node contains coarse calcification. The fatty hilum "
     "of the node argues against metastasis; prior granulomatous infection is favoured.",
     "MRI LEFT SHOULDER WITHOUT AND WITH CONTRAST", "US GUIDED FNA LEFT AXILLARY LYMPH NODE",
     "The fatty hilum of the node argues against metastasis; prior granulomatous infection is "
     "favoured"),
    ("FINDINGS: A 2 cm right epitrochlear lymph node with central necrosis contains a small "
     "calcified focus.\nIMPRESSION: Necrotic right epitrochlear node with a calcified focus: "
     "cat-scratch disease is favoured; lymphoma or metastasis is less likely.",
     "MRI RIGHT ELBOW WITHOUT AND WITH CONTRAST",
     "US GUIDED CORE BIOPSY RIGHT EPITROCHLEAR LYMPH NODE",
     "cat-scratch disease is favoured; lymphoma or metastasis is less likely"),
    (f"{LEVEL_II} It has a necrotic centre.\nIMPRESSION: Right level II nodal mass, likely "
     "tuberculous; a metastatic node is not favoured.", NECK, FNA,
     "likely tuberculous; a metastatic node is not favoured"),
])
def test_a_node_given_another_cause_is_not_called_metastasis(text: str, title: str, order: str,
                                                             said: str) -> None:
    card = first_card(text, title, order)
    assert "metastasis not favoured by the report" in card.summary
    assert "may indicate" not in card.summary and "**metastasis**" not in card.detail
    assert f'does not favour metastasis for this node ("{said}")' in card.detail
    assert "CT shows the" in card.detail


@pytest.mark.parametrize(("text", "title", "order"), [
    ("FINDINGS: A 7 mm mesorectal lymph node with irregular border contains a calcified focus, "
     "suspicious for metastasis.", "MRI PELVIS WITHOUT AND WITH CONTRAST",
     "US guided FNA mesorectal lymph node"),
    (f"{LEVEL_II}\nIMPRESSION: Necrotic right level II node: tuberculous lymphadenitis versus "
     "metastasis.", NECK, FNA),
    ("FINDINGS:\nLymph nodes: A 16 mm left supraclavicular node contains coarse calcification, "
     "suspicious for metastasis. Small right level II nodes, likely reactive.", NECK,
     "US GUIDED FNA LEFT SUPRACLAVICULAR LYMPH NODE"),
    ("FINDINGS:\nLymph nodes: A 16 mm right level III node contains coarse calcification.\n"
     "IMPRESSION: Calcified right level III node; granulomatous disease is less likely and a "
     "metastasis from the known papillary thyroid carcinoma is favoured.", NECK, FNA),
    (f"{LEVEL_II}\nIMPRESSION: Calcified right level II node, likely tuberculous; metastasis "
     "cannot be excluded.", NECK, FNA),
])
def test_a_node_still_suspected_keeps_the_guidance_s_words(text: str, title: str,
                                                           order: str) -> None:
    card = first_card(text, title, order)
    assert "may indicate metastasis" in card.summary and "does not favour" not in card.detail


def test_a_treated_node_keeps_its_own_words() -> None:
    """P11.30 first: the treatment the report names, not the other cause."""
    card = first_card("FINDINGS: Lymph nodes: Left supraclavicular node measuring 1.3 cm with "
                      "coarse central calcification; this likely represents the treated "
                      "residual node. Metastatic disease is considered unlikely.", NECK,
                      "US FNA left supraclavicular node")
    assert 'to treatment ("this likely represents the treated residual node")' in card.detail
    assert "does not favour" not in card.detail


@pytest.mark.parametrize(("sentence", "said"), [
    ("Matted right level VA nodes: tuberculous lymphadenitis is favoured; necrotic nodal "
     "metastasis (thyroid primary) is less likely.",
     "tuberculous lymphadenitis is favoured; necrotic nodal metastasis (thyroid primary) is less "
     "likely"),
    ("Calcified hilar nodes, most consistent with sarcoidosis.",
     "most consistent with sarcoidosis"),
    ("Calcified hilar nodes; sarcoidosis is less likely than metastasis.", ""),
    ("Calcified hilar nodes; granulomatous disease or metastasis.", ""),
    ("Calcified hilar nodes, concerning for metastasis rather than sarcoidosis.", ""),
    ("Calcified hilar nodes.", ""),
])
def test_the_words_quoted(sentence: str, said: str) -> None:
    assert other_cause(sentence) == said


def test_a_cause_in_the_history_only_is_context_not_the_report_s_view() -> None:
    """The history's cause is no view of the report's (P11.57), but it is the node's context
    (P11.92): granulomatous disease on record, no carcinoma named."""
    card = first_card("HISTORY: Prior pulmonary tuberculosis; tuberculous nodes are favoured by "
                      f"the referrer.\n{LEVEL_II}", NECK, FNA)
    assert "does not favour" not in card.detail and "may indicate" not in card.summary
    assert "The record names granulomatous disease" in card.detail
