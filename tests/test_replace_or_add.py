"""An MRI ordered for a question only MRI answers is kept: a card offers CT first, never "Replace
the MRI with CT" (docs/matching-policy.md P11.44; review rounds 9 and 10,
T-replace-mixed-question: a TMJ MRI to "reassess disc and deposit", a facet MRI asking "septic vs
pseudogout", a foot MRI asking "tophus vs osteomyelitis", a leg MRI asking "venous malformation vs
sarcoma", a knee MRI to "r/o superimposed septic bursitis" or for a "meniscal root tear" were each
offered to be replaced by a noncontrast CT). The MRI's question words are data (purpose
`mri-question` of `data/terminology/text_patterns.json`). Each variant failed on 34b66e7."""

from __future__ import annotations

import itertools

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core import rules
from cds_service.core.card_library import load_library
from cds_service.core.cards import render
from cds_service.core.reading import read_report
from tests.test_order_catalog import mri, read

LIBRARY = load_library(DEFAULT_CARDS_DIR)


def labels(report: str, title: str, text: str, why: str) -> list[tuple[str, list[str]]]:
    ev = rules.Evidence(reports=(read_report(mri(report, title)),), studies=())
    n = itertools.count()
    out = []
    for p in rules.merge(rules.evaluate(read(text, None, reasonCode=[{"text": why}]), ev)):
        card = render(p, LIBRARY, patient_id="p1", new_id=lambda: str(next(n))).card
        out.append((p.lead.rule_id, [s.label for s in card.suggestions]))
    return out


TMJ = ("FINDINGS: A 26 mm lobulated mass about the left temporomandibular joint contains "
       "chunky low-signal foci, consistent with calcified tophaceous pseudogout (CPPD).")
FACET = ("FINDINGS: The right C3-C4 facet joint shows thin linear calcification of the articular "
         "cartilage, consistent with chondrocalcinosis, with a small joint effusion.")
FOOT = ("FINDINGS: A 21 mm calcified tophus at the right first tarsometatarsal joint with "
        "adjacent erosions, in keeping with gout.")
LEG = ("FINDINGS: A 5.1 cm lobulated intramuscular mass deep to the fascia in the anterior "
       "compartment of the left leg contains multiple round phleboliths and coarse "
       "calcification.")
PREPATELLAR = ("FINDINGS: The left prepatellar bursa is distended by a 3 cm calcified gouty "
               "tophus.")
PES = ("FINDINGS: A 10 mm calcific deposit in the right pes anserine bursa, consistent with "
       "calcific bursitis.")
CUFF = ("FINDINGS: A 14 mm calcific deposit in the right supraspinatus tendon, consistent with "
        "calcific tendinitis.")

MRI_QUESTION = [
    (TMJ, "MRI TMJ BILAT", "MRI TMJ BILAT WO",
     "Left TMJ tophaceous pseudogout (CPPD): reassess disc and deposit"),
    (FACET, "MRI CERVICAL SPINE", "MRI C-SPINE W/WO",
     "F/U R C3-4 facet arthritis after 2 wks antibiotics: septic vs pseudogout"),
    (FOOT, "MRI RIGHT FOOT", "MRI FOOT RT WO CONTRAST",
     "Gout flare midfoot, tophus vs osteomyelitis"),
    (LEG, "MRI LEFT TIB/FIB", "MRI TIB/FIB LT W WO",
     "Characterize enlarging anterior leg mass, venous malformation vs sarcoma"),
    (PREPATELLAR, "MRI LEFT KNEE", "MRI KNEE LT W/WO CONTRAST",
     "Tophaceous prepatellar bursitis, r/o superimposed septic bursitis"),
    (PES, "MRI RIGHT KNEE", "MRI KNEE RT WO",
     "Pes anserine calcific bursitis ? persistent; meniscal root tear"),
    (CUFF, "MRI RIGHT SHOULDER", "MRI SHOULDER RT WO",
     "Calcific tendinitis vs full-thickness rotator cuff tear"),
    (FOOT, "MRI RIGHT FOOT", "MRI FOOT RT W WO", "Gout; r/o abscess or marrow edema"),
]


@pytest.mark.parametrize(("report", "title", "text", "why"), MRI_QUESTION)
def test_an_mri_asking_an_mri_question_is_kept_and_ct_is_added(report: str, title: str,
                                                                text: str, why: str) -> None:
    assert "mri-question" in read(text, None, reasonCode=[{"text": why}]).purposes
    [(rule, got)] = labels(report, title, text, why)
    assert rule in ("crystal-deposition", "deep-soft-tissue-mass")
    assert not any(label.startswith("Replace the MRI") for label in got), got
    assert any(label.startswith("Order CT ") and label.endswith(" first") for label in got), got


# ---------------------------------------------------------------------------------- guards

@pytest.mark.parametrize(("report", "title", "text", "why"), [
    (FOOT, "MRI RIGHT FOOT", "MRI FOOT RT WO CONTRAST", "Gout flare midfoot, evaluate tophus"),
    (CUFF, "MRI RIGHT SHOULDER", "MRI SHOULDER RT WO", "? calcific tendinitis"),
    # noncontrast: a contrast MRI of a mass is kept (P17.17, tests/test_contrast_mri_kept.py)
    (LEG, "MRI LEFT TIB/FIB", "MRI TIB/FIB LT WO", "Characterize calcified leg mass"),
    (PREPATELLAR, "MRI LEFT KNEE", "MRI KNEE LT WO", "evaluate for gouty tophus"),
])
def test_an_mri_asking_only_about_the_calcification_may_be_replaced(report: str, title: str,
                                                                    text: str, why: str) -> None:
    assert "mri-question" not in read(text, None, reasonCode=[{"text": why}]).purposes
    [(rule, got)] = labels(report, title, text, why)
    assert any(label.startswith("Replace the MRI with CT") for label in got), got


@pytest.mark.parametrize("text", [
    "CT FOOT RT WO", "US GUIDED ASPIRATION LT PREPATELLAR BURSA", "XR KNEE LT 3 VIEWS",
])
def test_question_words_on_other_orders_change_nothing_else(text: str) -> None:
    why = "r/o septic bursitis"
    plain = read(text, None)
    asked = read(text, None, reasonCode=[{"text": why}])
    assert (asked.kind, asked.region, asked.sites) == (plain.kind, plain.region, plain.sites)
