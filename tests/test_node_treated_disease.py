"""Review round 24 (P11.93): a treated granulomatous disease is the disease's, not the node's.
"possibly related to treated sarcoidosis" (unseen49 g2) says the sarcoidosis was treated; a
sarcoid or tuberculous node calcifies from the disease itself, so the nodal card does not call it
a "treated lymph node" (P11.30) but gives the report's granulomatous cause (P11.57) or the
record's granulomatous disease (P11.92). A node the report says was treated (irradiated, after
chemotherapy) keeps P11.30; a treated lymphoma in the history keeps P11.92; a rectal cancer's
node keeps the guidance's metastasis. The variants failed on main 6a39385."""

from __future__ import annotations

import pytest

from tests.test_card_names import first_card

NECK = "MRI NECK WITHOUT AND WITH CONTRAST"
FNA = "US GUIDED FNA RIGHT NECK LYMPH NODE"
ELBOW = "MRI LEFT ELBOW WITHOUT AND WITH CONTRAST"
EFNA = "FNA LT EPITROCHLEAR LYMPH NODE US GUIDED"


@pytest.mark.parametrize(("text", "title", "order"), [
    ("HISTORY: Posterior elbow swelling, prior treated sarcoidosis.\nFINDINGS: Lymph nodes: A "
     "1.6 cm epitrochlear lymph node contains a central 5 mm focus of low signal with blooming "
     "on gradient echo, likely calcification, possibly related to treated sarcoidosis.",
     ELBOW, EFNA),
    ("FINDINGS: Lymph nodes: A 15 mm right level III lymph node contains coarse signal void on "
     "all sequences, compatible with calcification, likely sequela of treated tuberculosis.",
     NECK, FNA),
    ("FINDINGS: A 14 mm right level IV lymph node with dense calcification, consistent with "
     "treated histoplasmosis.", NECK, FNA),
    ("FINDINGS: A 12 mm right level II lymph node with central calcification, likely after "
     "treatment for tuberculous lymphadenitis.", NECK, FNA),
    ("FINDINGS: A 1.4 cm epitrochlear lymph node with coarse calcification, in keeping with "
     "sarcoidosis treated with steroids.", ELBOW, EFNA),
    ("FINDINGS: A 13 mm right level III lymph node contains a calcified focus, likely treated "
     "granulomatous disease.", NECK, FNA),
])
def test_a_treated_granulomatous_disease_is_not_a_treated_node(text: str, title: str,
                                                               order: str) -> None:
    card = first_card(text, title, order)
    assert "treated lymph node" not in card.summary
    assert "to treatment" not in card.detail
    assert "metastasis" not in card.summary or "not favoured" in card.summary
    assert "**metastasis**" not in card.detail and "may indicate" not in card.detail
    assert ("granulomatous disease on record" in card.summary
            or "metastasis not favoured by the report" in card.summary)
    assert "CT shows the" in card.detail


@pytest.mark.parametrize(("text", "title", "order", "said"), [
    # guards: the node itself treated keeps P11.30
    ("HISTORY: Squamous cell carcinoma of the tongue base.\nFINDINGS: A 12 mm right level II "
     "lymph node with post-radiation nodal calcification.", NECK, FNA,
     "post-radiation nodal calcification"),
    ("FINDINGS: Calcified left supraclavicular node, likely treated residual disease.",
     "MRI NECK", "US FNA left supraclavicular node", "likely treated residual disease"),
    ("FINDINGS: A 13 mm right level III lymph node with calcification after chemotherapy for "
     "lymphoma.", NECK, FNA, "A 13 mm right level III lymph node with calcification after "
     "chemotherapy for lymphoma"),
])
def test_a_treated_node_keeps_the_treated_wording(text: str, title: str, order: str,
                                                  said: str) -> None:
    card = first_card(text, title, order)
    assert "treated lymph node" in card.summary
    assert "to treatment (\"" in card.detail and said in card.detail


def test_a_treated_lymphoma_in_the_history_keeps_the_lymphoma_wording() -> None:
    card = first_card("HISTORY: Hodgkin lymphoma, treated with ABVD in 2023.\nFINDINGS: A 15 mm "
                      "right level III lymph node contains coarse signal void, compatible with "
                      "calcification.", NECK, FNA)
    assert "in treated lymphoma: CT can measure it" in card.summary
    assert "the question is recurrence" in card.detail


def test_a_rectal_cancer_node_keeps_metastasis() -> None:
    card = first_card("HISTORY: Rectal cancer, staging.\nFINDINGS: An 8 mm mesorectal lymph node "
                      "contains a calcified focus.", "MRI PELVIS RECTAL PROTOCOL",
                      "US guided FNA mesorectal lymph node")
    assert "metastasis" in card.detail and "to treatment" not in card.detail
