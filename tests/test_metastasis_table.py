"""One table of metastasis words (docs/matching-policy.md P2.44): ``primary_of`` of
data/anatomy.json declares the tumour words, the nouns and adjective naming a metastasis, and the
words no part of a tumour's name; P2.46 (an organ naming a primary is no place), P11.95 (a card
names a metastasis "metastasis of" its tumour) and P15.15 (a structure called a metastasis) all
read it. Every word is tested from the data itself, so a word added there is tested here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cds_service.core import anatomy, rules
from cds_service.core.anatomy_table import load
from cds_service.core.metastases import metastatic
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report, read_text
from cds_service.core.reading.structure import names_metastasis
from tests.test_order_catalog import mri

_RAW = json.loads((Path(anatomy.__file__).parent.parent / "data" / "anatomy.json").read_text())
TABLE = _RAW["primary_of"]
# a tumour word as a report writes it: the stem of a starred phrase, a whole word
_WRITTEN = {"malignan*": "malignancy"}
TUMOURS = [_WRITTEN.get(t, t.rstrip("*")) for t in TABLE["tumours"]]


def _sites(text: str) -> list[str | None]:
    return [m.site for m in read_text(text).mentions if m.counts]


@pytest.mark.parametrize("noun", TABLE["metastases"])
def test_every_metastasis_noun_is_read_by_all_three(noun: str) -> None:
    # P11.95: the card names it a metastasis of its tumour, before and after the noun
    assert metastatic("osteosarcoma", [f"Three calcified hepatic {noun} of osteosarcoma."]) == (
        "metastasis of osteosarcoma")
    assert metastatic("osteosarcoma", [f"Calcified hepatic osteosarcoma {noun}."]) == (
        "metastasis of osteosarcoma")
    # P2.46: the thyroid names the tumour, the metastasis lies in the liver
    assert _sites(f"Diffuse hepatic {noun} of medullary thyroid carcinoma, the dominant one "
                  "calcified.") == ["liver"]
    # P15.15: a structure the sentence calls a metastasis
    assert names_metastasis(f"Calcified hepatic {noun}.")


@pytest.mark.parametrize("adjective", TABLE["metastatic"])
def test_every_metastatic_word_is_read(adjective: str) -> None:
    assert _sites(f"Papillary thyroid carcinoma {adjective} to the liver, with calcified "
                  "deposits.") == ["liver"]


@pytest.mark.parametrize("lesion", TABLE["metastatic_lesions"])
def test_every_metastatic_lesion_word_names_a_metastasis(lesion: str) -> None:
    assert names_metastasis(f"Calcified {TABLE['metastatic'][0]} {lesion} in the liver.")


@pytest.mark.parametrize("tumour", TUMOURS)
def test_the_metastases_reader_and_the_anatomy_table_agree_on_every_primary(tumour: str) -> None:
    assert _sites(f"Calcified hepatic metastases from the known breast {tumour}.") == ["liver"]
    assert _sites(f"Breast {tumour} metastases to the liver, some calcified.") == ["liver"]
    if tumour not in ("primary", "primaries", "malignancy"):  # no lesion word of a card's
        assert metastatic(tumour, [f"Three hepatic metastases of breast {tumour}."]) == (
            f"metastasis of breast {tumour}")


@pytest.mark.parametrize("word", [w for w in TABLE["not_tumour_words"] if w.isalpha()])
def test_a_word_no_part_of_the_tumours_name_stays_out(word: str) -> None:
    assert metastatic("osteosarcoma", [f"A {word} osteosarcoma metastasis in segment 4."]) == (
        "metastasis of osteosarcoma")


def test_a_word_named_only_in_data_is_read() -> None:
    data = json.loads(json.dumps(_RAW))
    data["primary_of"]["metastases"].append("mets")
    data["primary_of"]["tumours"].append("blastoma*")
    primary = load(data).primary
    assert primary.named.search("calcified hepatic mets")
    assert not anatomy.TABLE.primary.named.search("calcified hepatic mets")
    text = "Hepatic mets of thyroid blastoma."
    at = text.index("thyroid")
    assert primary.names(text, at, at + len("thyroid"))
    assert not anatomy.TABLE.primary.names(text, at, at + len("thyroid"))


@pytest.mark.parametrize("key", ["metastases", "metastatic", "not_tumour_words"])
def test_the_table_refuses_an_empty_list(key: str) -> None:
    data = json.loads(json.dumps(_RAW))
    data["primary_of"][key] = []
    with pytest.raises(Exception, match=key):
        load(data)


# the three lists disagreed before the table was one (P2.44): each now reads what the others did
FIXED_SITES = [
    ("Diffuse hepatic metastatic deposits of medullary thyroid carcinoma, the dominant one "
     "calcified 4.2 cm.", "liver"),
    ("Pulmonary metastatic deposits from the known papillary thyroid cancer, several calcified.",
     "lung"),
]


@pytest.mark.parametrize(("text", "site"), FIXED_SITES)
def test_metastatic_deposits_of_a_primary_are_at_their_own_place(text: str, site: str) -> None:
    assert _sites(text) == [site]


FIXED_NAMES = [
    "Three calcified hepatic secondaries from osteosarcoma.",
    "Calcified hepatic secondary deposits of osteosarcoma.",
    "A 2 cm calcified osteosarcoma secondary deposit in segment 6.",
    "Densely calcified osteosarcoma metastatic deposits in the liver.",
    "Two mineralized pulmonary secondaries of osteosarcoma, the larger 14 mm.",
]


@pytest.mark.parametrize("text", FIXED_NAMES)
def test_secondaries_and_metastatic_deposits_name_a_metastasis(text: str) -> None:
    assert metastatic("osteosarcoma", [text]) == "metastasis of osteosarcoma"


# the behaviour kept (P11.95): the tumour's own words, without size, count or place
KEPT_NAMES = [
    ("Three hepatic metastases of osteosarcoma, the two larger densely mineralized.",
     "osteosarcoma", "metastasis of osteosarcoma"),
    ("A calcified 14 mm right lower lobe metastasis from mucinous adenocarcinoma.",
     "adenocarcinoma", "metastasis of mucinous adenocarcinoma"),
    ("Left adrenal metastasis of chondrosarcoma, 34 mm, with chondroid mineralization.",
     "chondrosarcoma", "metastasis of chondrosarcoma"),
    ("Metastatic Ewing sarcoma with a calcified pleural deposit.", "sarcoma",
     "metastasis of Ewing sarcoma"),
    ("Calcified hepatic metastases of medullary thyroid carcinoma.", "carcinoma",
     "metastasis of medullary thyroid carcinoma"),
    # guards: a primary, a lesion called only a metastasis
    ("Calcified left vastus lateralis osteosarcoma. No metastasis.", "osteosarcoma",
     "osteosarcoma"),
    ("Calcified hepatoblastoma of the right lobe.", "hepatoblastoma", "hepatoblastoma"),
    ("Calcified hepatic metastasis.", "metastasis", "metastasis"),
]


@pytest.mark.parametrize(("text", "noun", "name"), KEPT_NAMES)
def test_a_metastasis_keeps_its_name(text: str, noun: str, name: str) -> None:
    assert metastatic(noun, [text]) == name


C2 = ("IMPRESSION: Diffuse hepatic {} of medullary thyroid carcinoma with a dominant calcified "
      "4.2 cm segment 8 deposit. Thyroidectomy bed clear.")


def _leads(order_text: str, noun: str) -> list[str]:
    order: dict[str, Any] = {
        "resourceType": "ServiceRequest", "id": "o1", "status": "draft", "intent": "order",
        "subject": {"reference": "Patient/p1"}, "code": {"text": order_text},
        "reasonCode": [{"text": "Medullary thyroid carcinoma"}]}
    ev = rules.Evidence(reports=(read_report(mri(C2.format(noun), "MRI ABDOMEN W WO CONTRAST")),),
                        studies=())
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(classify_order(order), ev))]


@pytest.mark.parametrize("noun", TABLE["metastases"])
def test_a_neck_ct_draws_no_thyroid_card_for_any_metastasis_noun(noun: str) -> None:
    assert _leads("CT SOFT TISSUE NECK W CONTRAST", noun) == []  # P2.46


@pytest.mark.parametrize("noun", TABLE["metastases"])
def test_the_abdomen_ct_keeps_the_metastasis_card_for_any_noun(noun: str) -> None:
    assert _leads("CT ABDOMEN W CONTRAST", noun) == ["contrast-ct-noncontrast-first"]
