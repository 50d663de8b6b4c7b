"""A diagnosis name that contains a mineral word is not a mineral finding (P8.4, P7.1a).

Found on unseen25 k2: a calcified masticator-space mass with "ossifying fibromyxoid tumor" in its
differential drew the ossification card. Each variant failed on main 1ca326c; the guards held."""

from __future__ import annotations

from pathlib import Path

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads


def minerals(text: str) -> set[str]:
    return {s.mineral for s in read_text(text).structures}


@pytest.mark.parametrize("text", [
    "MRI RIGHT THIGH\nFINDINGS: A 3.2 cm heterogeneous mass lies within the vastus lateralis. "
    "The femur is normal.\nIMPRESSION: Intramuscular mass; the differential includes synovial "
    "sarcoma and ossifying fibromyxoid tumor.",
    "MRI MAXILLOFACIAL\nFINDINGS: Expansile well-circumscribed lesion of the left mandibular "
    "body with intermediate T2 signal.\nIMPRESSION: Expansile mandibular lesion, most "
    "consistent with a cemento-ossifying fibroma.",
    "MRI SINUSES\nFINDINGS: Expansile lesion of the right maxilla with thinned walls.\n"
    "IMPRESSION: Juvenile ossifying fibroma is favored over fibrous dysplasia.",
    "MRI THORACIC SPINE\nFINDINGS: In this patient with fibrodysplasia ossificans progressiva, "
    "new edematous swelling of the left paraspinal muscles.\nIMPRESSION: Flare-up of "
    "fibrodysplasia ossificans progressiva in the left paraspinal muscles.",
    "MRI MAXILLOFACIAL\nFINDINGS: Unilocular cystic lesion of the anterior maxilla.\n"
    "IMPRESSION: Cystic maxillary lesion, possibly a calcifying cystic odontogenic tumour.",
    "MRI MANDIBLE\nIMPRESSION: Mandibular lesion; considerations include a calcifying ghost cell "
    "odontogenic tumour and ameloblastoma.",
    "MRI PELVIS\nIMPRESSION: Pelvic sidewall mass; an ossifying fibromyxoid tumour is a "
    "consideration.",
])
def test_a_diagnosis_name_with_a_mineral_word_is_no_finding(text: str) -> None:
    found = read_text(text)
    assert found.calcification == "not mentioned"
    assert found.structures == ()


@pytest.mark.parametrize("text", [
    "MRI MANDIBLE\nIMPRESSION: Mandibular lesion; the differential includes a calcifying "
    "epithelial odontogenic tumour and ameloblastoma.",
    "MRI ABDOMEN\nIMPRESSION: Mesenteric mass, possibly a calcifying fibrous tumour.",
    "MRI RIGHT HAND\nIMPRESSION: Palmar soft-tissue mass, likely a calcifying aponeurotic "
    "fibroma.",
    "MRI LEFT FEMUR\nIMPRESSION: Diaphyseal lesion; osteoblastoma-like osteosarcoma cannot be "
    "excluded.",
    "MRI RIGHT TIBIA\nIMPRESSION: Eccentric cortically based lesion, a non-ossifying fibroma.",
])
def test_names_already_read_as_names_stay_so(text: str) -> None:
    assert read_text(text).calcification == "not mentioned"


def test_the_calcified_mass_with_a_named_differential_draws_the_mass_card() -> None:
    report = (
        "EXAM: MRI MAXILLOFACIAL W/WO CONTRAST\nFINDINGS: A 4.1 cm mass lies within the right "
        "medial pterygoid muscle, abutting the intact mandibular ramus. It contains coarse "
        "low-signal foci on all sequences.\nIMPRESSION: Calcified 4.1 cm intramuscular mass of "
        "the right medial pterygoid muscle; synovial sarcoma and ossifying fibromyxoid tumor are "
        "in the differential.")
    got = leads(report, "CT MAXILLOFACIAL W CONTRAST", "70487")
    assert got and "ossification-vs-calcification" not in got
    assert minerals(report) == {"present"}


# --- guards: a mineral word beside the name still counts; a lesion of ossification stays ---

@pytest.mark.parametrize(("text", "mineral"), [
    ("MRI MANDIBLE\nIMPRESSION: Expansile mandibular lesion with dense internal mineralization, "
     "consistent with an ossifying fibroma.", "present"),
    ("MRI RIGHT THIGH\nIMPRESSION: Intramuscular mass with a peripheral shell of ossification, "
     "favoring an ossifying fibromyxoid tumour.", "ossification"),
    ("MRI THORACIC SPINE\nIMPRESSION: Fibrodysplasia ossificans progressiva with new heterotopic "
     "ossification in the left paraspinal muscles.", "ossification"),
    ("MRI LEFT THIGH\nIMPRESSION: Fatty intramuscular mass containing mature bone, an ossifying "
     "lipoma.", "ossification"),
    ("MRI LEFT THIGH\nIMPRESSION: Mass in the vastus medialis with peripheral ossification, "
     "likely myositis ossificans.", "ossification"),
    ("MRI LEFT ARM\nIMPRESSION: Intramuscular mass in the brachialis, likely myositis ossificans.",
     "ossification"),
])
def test_a_mineral_word_beside_the_name_still_counts(text: str, mineral: str) -> None:
    assert mineral in minerals(text)


# --- code as data: core/evidence.py's word lists are the lexicon's (no behaviour change) ------

def test_evidence_reads_its_word_lists_from_the_lexicon_data() -> None:
    from cds_service.core import evidence
    from cds_service.core.reading.structure import WORDS
    lists = {"_CRYSTAL_DISEASE": "crystal_disease", "_CAPSULE": "capsule",
             "_BREAST_TISSUE": "breast_tissue", "_AXILLA": "axilla", "_DEEPER": "deeper",
             "_END": "bone_end", "_AT_JOINT": "at_joint", "_SHAFT": "shaft"}
    assert all(getattr(evidence, name) is WORDS[word] for name, word in lists.items())
    assert "re.compile" not in Path(evidence.__file__).read_text(encoding="utf-8")
