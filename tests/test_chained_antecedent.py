"""A statement referring back past a sentence that itself opens by a pronoun ("It is
predominantly cystic … with a small solid enhancing nodule along its posterior wall") refers to
the structure the sentence before that one names, not to the part the pronoun's sentence names
(docs/matching-policy.md P11.106; unseen19 t2: "right adrenal nodule" for the mass's calcified
lateral wall)."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core import rules
from cds_service.core.card_library import load_library
from cds_service.core.cards import render
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report
from cds_service.core.reading.facts import Mention

LIBRARY = load_library(DEFAULT_CARDS_DIR)


def _report(text: str, title: str) -> dict[str, Any]:
    data = base64.b64encode(f"EXAM: {title}\n\nFINDINGS:\n{text}\n".encode()).decode()
    return {"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
            "code": {"text": title}, "effectiveDateTime": "2026-10-01",
            "subject": {"reference": "Patient/p1"},
            "presentedForm": [{"contentType": "text/plain", "data": data}]}


def _mentions(text: str, title: str) -> list[Mention]:
    return list(read_report(_report(text, title)).findings.mentions)


ADRENAL = ("Adrenals: A 4.1 x 3.3 cm rounded right suprarenal mass arises from the right adrenal "
           "gland. It is predominantly cystic with a thick enhancing wall and a small solid "
           "enhancing nodule along its medial wall. Curvilinear calcification is present along "
           "its lateral wall, dark on all sequences.")
RECTUS = ("Abdominal wall: A 6.4 x 3.9 cm intramuscular mass lies within the left rectus "
          "abdominis below the arcuate line. It has a T1 hyperintense centre, a thick T2 "
          "hypointense capsule and an enhancing nodule along its inferior wall. Peripheral rim "
          "calcification persists along its lateral wall, dark on all sequences and blooming on "
          "gradient echo images.")
MEDIASTINUM = ("Mediastinum: A 6.3 x 4.0 cm lobulated prevascular mediastinal mass drapes over "
               "the ascending aorta without narrowing it. It is markedly T2 hyperintense with a "
               "central enhancing nodule on delayed images. It contains several phleboliths, "
               "round foci dark on all sequences that bloom on the gradient echo images.")
KIDNEY = ("Kidneys: A 3.2 cm solid exophytic mass arises from the lower pole of the left kidney. "
          "It is T2 hypointense with a 9 mm enhancing nodule at its deep margin abutting the "
          "renal sinus fat. Coarse calcification is present along its posterior wall.")
THIGH = ("Right thigh: A 7.2 x 5.0 cm heterogeneous mass lies in the vastus lateralis. Its "
         "periphery holds a 2 cm enhancing nodule and several thin septa. It also shows "
         "diffusion restriction in its solid part. Punctate calcification is seen along its "
         "deep margin.")


@pytest.mark.parametrize(("text", "title", "opening", "size"), [
    (ADRENAL, "MRI ABDOMEN", "Adrenals: A 4.1 x 3.3 cm rounded right suprarenal mass", 41),
    (RECTUS, "MRI ABDOMEN", "Abdominal wall: A 6.4 x 3.9 cm intramuscular mass", 64),
    (MEDIASTINUM, "MRI CHEST", "Mediastinum: A 6.3 x 4.0 cm lobulated prevascular", 63),
    (KIDNEY, "MRI ABDOMEN", "Kidneys: A 3.2 cm solid exophytic mass", 32),
    (THIGH, "MRI RIGHT THIGH", "Right thigh: A 7.2 x 5.0 cm heterogeneous mass", 72),  # 2 links
])
def test_a_pronoun_sentence_passes_the_reference_back_to_the_mass(
        text: str, title: str, opening: str, size: int) -> None:
    found = _mentions(text, title)
    assert found
    for m in found:
        assert m.antecedent is not None and m.antecedent.startswith(opening)
        assert (m.lesion, m.size_mm) == ("mass", size)


@pytest.mark.parametrize(("text", "antecedent", "lesion"), [
    # a sentence naming its part without a pronoun is the antecedent, as before
    ("Kidneys: A 3.2 cm solid exophytic mass arises from the lower pole of the left kidney. An "
     "enhancing 9 mm nodule lies at its deep margin. Coarse calcification is present within the "
     "nodule.", "An enhancing 9 mm nodule lies at its deep margin.", "nodule"),
    # a pronoun's sentence with nothing named before it stays the antecedent
    ("Adrenals: It is a 4 cm right adrenal mass, predominantly cystic with an enhancing nodule. "
     "Curvilinear calcification is present along its lateral wall.",
     "Adrenals: It is a 4 cm right adrenal mass, predominantly cystic with an enhancing nodule.",
     "mass"),
    # another organ's line is no link of the chain
    ("Liver: A 3 cm hemangioma in segment 6. Spleen: It holds a 2 cm nodule with a thin rim. "
     "Calcification is present along its wall.", "Spleen: It holds a 2 cm nodule with a thin rim.",
     "nodule"),
    # "There is a mass" names it itself
    ("Pelvis: There is a 5 cm mass in the right adnexa. It contains a 1.5 cm Rokitansky nodule. "
     "Calcification is present within it.", "Pelvis: There is a 5 cm mass in the right adnexa.",
     "mass"),
])
def test_other_antecedents_are_read_as_before(text: str, antecedent: str, lesion: str) -> None:
    found = _mentions(text, "MRI ABDOMEN")
    assert found and all((m.antecedent, m.lesion) == (antecedent, lesion) for m in found)


def test_the_card_names_the_mass_and_quotes_the_sentence_that_names_it() -> None:
    ev = rules.Evidence(reports=(read_report(_report(ADRENAL, "MRI ABDOMEN")),), studies=())
    draft = classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                            "intent": "order", "subject": {"reference": "Patient/p1"},
                            "code": {"text": "CT ABDOMEN W CONTRAST"}})
    problems = rules.merge(rules.evaluate(draft, ev))
    assert problems
    detail = render(problems[0], LIBRARY, patient_id="p1", new_id=lambda: "id").card.detail
    assert "right adrenal mass (41 mm)" in detail and "nodule" not in detail
    assert "Adrenals: A 4.1 x 3.3 cm rounded right suprarenal mass arises from the right " \
           "adrenal gland. … Curvilinear calcification is present along its lateral wall" in detail
