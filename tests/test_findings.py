"""Tests for cds_service.core.reading: cues, sections, sentences, sites, contexts, FHIR reading."""

from __future__ import annotations

import base64
import sys
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from cds_service.cli.findings_cmd import findings_command
from cds_service.core import anatomy
from cds_service.core.loader import DataError
from cds_service.core.reading import (
    Mention,
    read_report,
    read_study,
    read_text,
    split_sentences,
)
from cds_service.core.reading import lexicon as lexicon_mod
from cds_service.errors import InvalidResource

EVAL = Path(__file__).parent / "eval"


def cls(text: str) -> str:
    return read_text(text).calcification


def only(text: str) -> Mention:
    found = read_text(text).mentions
    assert len(found) == 1, found
    return found[0]


# --- cue families ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "No calcification.", "Mass without calcification.", "No evidence of calcification.",
    "Negative for calcification.", "Absence of calcification.", "Tendons free of calcification.",
    "Calcification is not seen.", "Calcifications are not identified.",
    "Noncalcified nodule.", "Non-calcified plaque.", "Uncalcified nodes.",
    "No hemorrhage, fat, or calcification.", "Neither fat nor calcification is seen.",
    "The lesion does not contain calcification.", "Coronary artery calcium score of 0.",
    "Previously seen calcification has resolved.", "Calcification: None.",
])
def test_negation(text: str) -> None:
    assert cls(text) == "absent"


@pytest.mark.parametrize("text", [
    "Possible calcification.", "Possibly calcified mass.", "Findings may represent calcification.",
    "Suggestive of calcification.", "Calcification cannot be excluded.",
    "Calcification can't be excluded.", "Cannot exclude calcification.",
    "Hemosiderin versus calcification.", "Calcification vs. hemorrhage.",
    "Likely calcific tendinosis.", "Probably calcified granuloma.", "Questionable calcification.",
    "Suspected calcification.", "Concerning for calcified nodes.",
    "Differential includes calcification and hemorrhage.", "?calcification in the tendon.",
    "Calcification is likely.",
])
def test_possible(text: str) -> None:
    assert cls(text) == "possible"


@pytest.mark.parametrize("text", [
    "Calcified mass in the thigh.", "Chondrocalcinosis of the menisci.", "Calcific tendinosis.",
    "Coronary artery calcification.", "Mineralized loose bodies.",
    "No mass but there is chondrocalcinosis.", "No change in calcification of the mass.",
    "No significant change in the calcified nodule.", "Calcified and noncalcified nodes.",
    "Again seen is a calcified mass.", "Mild calcificaiton of the aorta.",
])
def test_affirmed(text: str) -> None:
    assert cls(text) == "present"


def test_ossification_is_its_own_class() -> None:
    """Issue 10 / docs/matching-policy.md P7.1: "Heterotopic ossification." was read as present
    (the old expectation); ossification feeds the ossification rule, not the report's class."""
    found = read_text("Heterotopic ossification.")
    assert found.calcification == "not mentioned"
    assert [m.concept for m in found.mentions] == ["ossification"]
    assert [s.mineral for s in found.structures] == ["ossification"]


@pytest.mark.parametrize("text", [
    "HISTORY: History of calcific tendinitis.\nFINDINGS: Tendinosis.",
    "INDICATION: Evaluate for calcification.\nFINDINGS: Normal.",
    "COMPARISON: MRI 2021 which showed calcified nodes.\nFINDINGS: Small nodes.",
    "TECHNIQUE: SWI performed to assess for calcification.\nFINDINGS: Normal brain.",
    "FINDINGS: History of calcific tendinitis of the supraspinatus, now asymptomatic.",  # P14.2
    "FINDINGS: Status post excision of a calcified lipoma of the right thigh.",
])
def test_history_sections_are_not_findings(text: str) -> None:
    found = read_text(text)
    assert found.calcification == "not mentioned"
    assert {m.assertion for m in found.mentions} == {"historical"}


def test_historical_cue_in_findings() -> None:
    assert only("History of calcific tendinitis.").assertion == "historical"


@pytest.mark.parametrize("text", [
    "Gram negative rods.", "Bone mineralization is normal.", "Diffuse demineralization.",
    "Calcium 9.8 mg/dL.", "On calcium channel blockers.", "Calcaneal spur.",
    "Flow voids are preserved.", "Blooming artifact from surgical clips.",
    "T1 hyperintense lesion consistent with fat.",
])
def test_pseudo_and_exclusions(text: str) -> None:
    assert cls(text) == "not mentioned"


def test_signal_void_differential() -> None:
    found = read_text("Focus of signal void in the thigh mass, which may represent calcification,"
                      " hemosiderin, air, or flow void.")
    assert found.calcification == "possible"
    void = next(m for m in found.mentions if m.concept == "signal-void")
    assert void.assertion == "possible"
    assert void.differential == ("calcification", "hemosiderin", "air", "flow-void")
    assert {"signal-void", "soft-tissue-mass"} <= void.contexts
    assert void.site == "thigh" and void.regions == frozenset({"lower-extremity"})


def test_signal_void_affirmed_as_calcification() -> None:
    found = read_text("Blooming on gradient echo images, compatible with calcification.")
    assert {m.assertion for m in found.mentions} == {"affirmed"}


def test_t1_hyperintensity() -> None:
    found = read_text("Paradoxical T1 hyperintensity of the deposit, which may reflect calcium.")
    assert found.calcification == "possible"
    assert any(m.concept == "t1-hyperintensity" for m in found.mentions)
    assert "t1-hyperintensity" in found.contexts


# --- sites and contexts ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "site", "context"), [
    ("Calcified mass in the left flank.", "flank", "soft-tissue-mass"),
    ("Left paraspinal soft tissue mass with internal calcifications extending into the neural"
     " foramen.", "paraspinal", "soft-tissue-mass"),
    ("Calcified lesion in the groin.", "groin", "soft-tissue-mass"),
    ("Retroperitoneal mass with calcifications.", "retroperitoneum", "soft-tissue-mass"),
    ("Deep soft tissue tumor with calcification.", "deep-soft-tissue", "soft-tissue-mass"),
    ("Chondrocalcinosis of the knee.", "knee", "crystal-deposition"),
    ("Calcific tendinosis of the supraspinatus.", "rotator-cuff", "crystal-deposition"),
    ("Capsular calcification of the glenohumeral joint.", "shoulder", "crystal-deposition"),  # P2.8
    ("Findings of pseudogout in the wrist with calcification.", "wrist", "crystal-deposition"),
    ("Peripheral calcification with a zonal pattern, myositis ossificans.", None,
     "myositis-ossificans"),
    ("Mineralization in the thigh, ossification versus calcification.", "thigh",
     "ossification-vs-calcification"),
    ("Calcified mesorectal lymph node.", "mesorectum", "lymph-node"),
    ("Mesorectal nodes with mixed signal intensity, possibly calcified.", "mesorectum",
     "mixed-signal-node"),
    ("Calcified myocardial infarct of the inferior wall.", "myocardium", "infarct"),
    ("Calcific constrictive pericarditis.", None, "pericarditis"),
    ("Calcification of the pericardium.", "pericardium", None),
    ("Coronary artery calcification in the LAD.", "coronary-arteries", None),
    ("Left suprarenal mass with calcifications, neuroblastoma favored.", "retroperitoneum",
     "pediatric-tumor-differential"),
    ("Atherosclerotic calcification of the aorta.", "aorta", None),
])
def test_site_and_context(text: str, site: str | None, context: str | None) -> None:
    mention = read_text(text).mentions[0]
    if site is not None:
        assert mention.site == site
        assert mention.regions == anatomy.site_regions(site)
    if context is not None:
        assert context in mention.contexts


def test_negated_context_not_counted() -> None:
    mention = only("Calcification in the tendon, no mass.")
    assert "soft-tissue-mass" not in mention.contexts


def test_anaphora_inherits_context_and_site() -> None:
    found = read_text("Large heterogeneous mass in the left flank. It contains calcifications.")
    mention = found.mentions[0]
    assert mention.site == "flank" and "soft-tissue-mass" in mention.contexts


def test_title_site_fallback() -> None:
    found = read_text("MRI LEFT THIGH WITHOUT AND WITH CONTRAST\nFINDINGS: Calcification.")
    assert found.mentions[0].site == "thigh"


def test_site_helpers() -> None:
    assert anatomy.is_a("rotator-cuff", "tendon")
    assert anatomy.is_a("capsule", "joint")
    assert not anatomy.is_a("thigh", "joint")
    assert anatomy.site_regions("pericardium") == frozenset({"cardiac"})


# --- sections and sentences ---------------------------------------------------------------

def test_sections() -> None:
    text = ("EXAM: MRI knee\nHISTORY: pain\nFINDINGS: Chondrocalcinosis. IMPRESSION: Possible "
            "CPPD.\nRecommendations: none")
    sections = {m.section: m.assertion for m in read_text(text).mentions}
    assert sections == {"FINDINGS": "affirmed", "IMPRESSION": "possible"}


def test_header_on_its_own_line() -> None:
    found = read_text("IMPRESSION\n1. Calcified mass.\n2. No adenopathy.")
    assert found.mentions[0].section == "IMPRESSION"


_IMPRESSION = ("FINDINGS: Lymph nodes: A 12 mm right external iliac node contains a punctate "
               "low-signal focus.\nIMPRESSION:\n1. Rounded 12 mm right external iliac node, "
               "suspicious.\n")


@pytest.mark.parametrize("heading", [
    "ADDENDUM (2026-11-10):",
    "ADDENDUM (11/10/2026):",
    "ADDENDUM #1:",
    "Addendum by Dr. J. Smith on 2026-11-10:",
    "ADDENDUM 1 (attending review):",
    "*** ADDENDUM ***\n",
    "Addendum [2026-11-10 14:32]:",
    "CORRECTION (10 Nov 2026):",
])
def test_an_addendum_heading_with_a_date_number_or_author_opens_the_addendum(
        heading: str) -> None:
    text = (_IMPRESSION + heading + " On review of the GRE images, the punctate focus in the "
            "right external iliac node blooms and is consistent with calcification within the "
            "node.")
    found = read_text(text)
    assert [(m.section, m.assertion) for m in found.mentions] == [("ADDENDUM", "affirmed")]
    assert found.calcification == "present"


@pytest.mark.parametrize("heading", [
    "ADDENDUM (2026-11-10):",
    "Addendum by Dr. J. Smith on 2026-11-10:",
    "*** ADDENDUM ***\n",
])
def test_a_dated_addendum_that_withdraws_the_calcification_replaces_it(heading: str) -> None:
    text = ("FINDINGS: The right external iliac node contains a punctate focus of calcification."
            "\nIMPRESSION: Calcified right external iliac node.\n" + heading + " On review of "
            "the dynamic images, the punctate focus in the right external iliac node is a small "
            "vessel with a flow void; no calcification is present in the node.")
    assert [s.mineral for s in read_text(text).structures] == ["absent"]


@pytest.mark.parametrize("text", [
    "IMPRESSION (preliminary): Calcified mass of the left thigh.",
    "IMPRESSION (continued):\n2. Calcified mass of the left thigh.",
    "FINDINGS (limited by motion): Calcified mass of the left thigh.",
])
def test_a_heading_with_a_qualifier_in_brackets_is_still_the_heading(text: str) -> None:
    assert [m.section for m in read_text(text).mentions] == [text.split()[0]]


def test_a_sentence_starting_with_a_heading_word_is_no_heading() -> None:
    text = ("FINDINGS: The left thigh mass contains calcification. Correction by surgery is "
            "planned: calcified mass noted.")
    assert {m.section for m in read_text(text).mentions} == {"FINDINGS"}


def test_sentence_splitting() -> None:
    text = ("Mass measures 1.5 cm. Dr. Smith was called, calcification vs. hemorrhage. "
            "Approx. 2 cm. 1. No acute abnormality. 2. Mild change.\n- first item\n- second item"
            "\nwrapped line that\ncontinues here. E.g. CPPD.")
    assert split_sentences(text) == [
        "Mass measures 1.5 cm.", "Dr. Smith was called, calcification vs. hemorrhage.",
        "Approx. 2 cm.", "No acute abnormality.", "Mild change.", "first item",
        "second item wrapped line that continues here.", "E.g. CPPD.",
    ]


def test_sentence_scope_is_per_sentence() -> None:
    assert cls("No mass. Calcified fibroid.") == "present"


# --- FHIR resources -----------------------------------------------------------------------

def report(**extra) -> dict:
    base = {"resourceType": "DiagnosticReport", "id": "r1", "status": "final",
            "code": {"text": "MRI left thigh without and with contrast"},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2024-03-01"}
    base.update(extra)
    return base


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_report_conclusion_and_facts() -> None:
    facts = read_report(report(conclusion="Calcified mass in the thigh."))
    assert facts.reference == "DiagnosticReport/r1"
    assert facts.modality == "MR" and facts.date == "2024-03-01"
    assert facts.title == "MRI left thigh without and with contrast"
    assert facts.findings.calcification == "present"
    assert facts.findings.mentions[0].section == "IMPRESSION"
    assert facts.regions == frozenset({"lower-extremity"})
    assert facts.usable


def test_date_fallbacks() -> None:
    res = report(effectivePeriod={"start": "2024-01-01"})
    del res["effectiveDateTime"]
    assert read_report(res).date == "2024-01-01"
    del res["effectivePeriod"]
    res["issued"] = "2024-02-02T10:00:00Z"
    assert read_report(res).date == "2024-02-02T10:00:00Z"


@pytest.mark.parametrize(("code", "modality"), [
    ({"coding": [{"system": "http://loinc.org", "code": "x",
                  "display": "MR Thigh - left WO and W contrast"}]}, "MR"),
    ({"text": "Magnetic resonance imaging of knee"}, "MR"),
    ({"text": "CT abdomen and pelvis without contrast"}, "CT"),
    ({"text": "Computed tomography chest"}, "CT"),
    ({"text": "US abdomen"}, "US"),
    ({"text": "XR knee 3 views"}, "DX"),
    ({"text": "PET/CT whole body"}, "PT"),
])
def test_modality_from_code(code: dict, modality: str) -> None:
    assert read_report(report(code=code)).modality == modality


def test_modality_from_linked_study() -> None:
    study = {"resourceType": "ImagingStudy", "id": "s1", "status": "available",
             "subject": {"reference": "Patient/p1"},
             "modality": [{"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "CT"}]}
    res = report(code={"text": "Imaging report"}, imagingStudy=[{"reference": "ImagingStudy/s1"}])
    facts = read_report(res, studies={"ImagingStudy/s1": read_study(study)})
    assert facts.modality == "CT" and facts.study_refs == ("ImagingStudy/s1",)


def test_modality_from_category_and_header() -> None:
    res = report(code={"text": "Imaging report"}, category=[{"coding": [
        {"system": "http://terminology.hl7.org/CodeSystem/v2-0074", "code": "NMR"}]}])
    assert read_report(res).modality == "MR"
    res = report(code={"text": "Imaging report"}, presentedForm=[
        {"contentType": "text/plain", "data": b64("CT CHEST WITHOUT CONTRAST\nFINDINGS: Normal.")}])
    assert read_report(res).modality == "CT"


def test_presented_form_plain_html_xhtml_pdf() -> None:
    forms = [
        {"contentType": "text/plain", "data": b64("FINDINGS: Calcified mass in the flank.")},
        {"contentType": "text/html", "data": b64(
            "<html><head><style>p{}</style></head><body><p>IMPRESSION:</p>"
            "<ul><li>Possible chondrocalcinosis.</li></ul></body></html>")},
        {"contentType": "application/xhtml+xml", "data": b64(
            '<div xmlns="http://www.w3.org/1999/xhtml">'
            "<p>No pericardial calcification.</p></div>")},
        {"contentType": "application/pdf", "data": b64("%PDF-1.4 calcified")},
    ]
    found = read_report(report(presentedForm=forms)).findings
    assert [m.assertion for m in found.mentions] == ["affirmed", "possible", "negated"]
    assert found.mentions[1].section == "IMPRESSION"


def test_observation_results_mapping_and_contained() -> None:
    contained = {"resourceType": "Observation", "id": "o2", "status": "final",
                 "code": {"text": "Impression"}, "valueString": "Possible calcific tendinitis"}
    external = {"resourceType": "Observation", "id": "o1", "status": "final",
                "code": {"text": "Finding"},
                "valueCodeableConcept": {"text": "Chondrocalcinosis"},
                "note": [{"text": "Knee"}]}
    res = report(contained=[contained],
                 result=[{"reference": "Observation/o1"}, {"reference": "#o2"}])
    found = read_report(res, observations={"Observation/o1": external}).findings
    assert [(m.section, m.assertion) for m in found.mentions] == [
        ("FINDINGS", "affirmed"), ("IMPRESSION", "possible")]


def test_text_div_and_dedupe() -> None:
    div = '<div xmlns="http://www.w3.org/1999/xhtml"><p>Calcified fibroid.</p></div>'
    res = report(text={"status": "generated", "div": div}, conclusion="Calcified fibroid.")
    found = read_report(res).findings
    assert len(found.mentions) == 1 and found.calcification == "present"


def test_conclusion_code() -> None:
    res = report(conclusionCode=[{"coding": [{"system": "http://snomed.info/sct", "code": "x",
                                              "display": "Chondrocalcinosis"}]}])
    assert read_report(res).findings.calcification == "present"


@pytest.mark.parametrize("status", ["entered-in-error", "cancelled"])
def test_unusable_status(status: str) -> None:
    assert not read_report(report(status=status)).usable


def test_unknown_extension_and_top_level_property_tolerated() -> None:
    res = report(extension=[{"url": "http://example.org/x", "valueString": "y"}],
                 vendorField={"a": 1}, conclusion="No calcification.")
    assert read_report(res).findings.calcification == "absent"


@pytest.mark.parametrize("bad", [
    {"resourceType": "Patient", "id": "x"},
    report(effectiveDateTime="yesterday"),
    report(status="bogus"),
    {"resourceType": "DiagnosticReport", "id": "r", "status": "final"},
])
def test_invalid_resource(bad: dict) -> None:
    with pytest.raises(InvalidResource) as info:
        read_report(bad)
    assert "yesterday" not in info.value.reason


def test_read_study() -> None:
    study = {"resourceType": "ImagingStudy", "id": "s1", "status": "available",
             "subject": {"reference": "Patient/p1"}, "started": "2024-01-05T10:00:00Z",
             "description": "CT chest without contrast",
             "modality": [{"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "CT"}],
             "series": [{"uid": "1.2.3", "modality": {"code": "SR"},
                         "bodySite": {"system": "http://snomed.info/sct", "code": "80891009"}}]}
    facts = read_study(study)
    assert facts.reference == "ImagingStudy/s1" and facts.date == "2024-01-05T10:00:00Z"
    assert facts.modalities == ("CT", "SR")
    assert facts.regions == frozenset({"chest", "cardiac"})
    with pytest.raises(InvalidResource):
        read_study({"resourceType": "ImagingStudy", "id": "s", "status": "available"})


# --- data validation ----------------------------------------------------------------------

def test_unknown_rule_key_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = lexicon_mod.load_json

    def fake(name: str):
        data, where = real(name)
        if name == "findings_modifiers.json":
            data["modifiers"][0]["scope"] = 3
        return data, where

    monkeypatch.setattr(lexicon_mod, "load_json", fake)
    with pytest.raises(DataError, match=r"findings_modifiers.json: modifiers\[0\]: unknown keys"):
        lexicon_mod._load_modifiers()


# --- evaluation and CLI -------------------------------------------------------------------

def test_evaluation_targets() -> None:
    sys.path.insert(0, str(EVAL))
    import evaluate

    rows = evaluate.load(evaluate.DEFAULT_FILES)
    assert len(rows) >= 350
    result = evaluate.evaluate(rows)
    assert result["binary"][2] >= evaluate.TARGET_F1
    assert result["negated_fired"] == []
    labels = [r["label"] for r in rows]
    assert min(labels.count(c) for c in evaluate.CLASSES) >= 80


def test_cli() -> None:
    lines = [
        orjson.dumps({"id": "a", "text": "Possible calcification in the flank mass."}),
        b"{not json",
        orjson.dumps(report(conclusion="No calcification.")),
        orjson.dumps({"id": "c", "nothing": 1}),
    ]
    result = CliRunner().invoke(findings_command, input=b"\n".join(lines) + b"\n")
    assert result.exit_code == 1
    out = [orjson.loads(x) for x in result.stdout_bytes.splitlines()]
    assert out[0]["id"] == "a" and out[0]["calcification"] == "possible"
    assert out[0]["mentions"][0]["site"] == "flank"
    assert set(out[0]["mentions"][0]) == {"sentence", "assertion", "site", "term", "concept",
                                          "section", "contexts", "differential"}
    assert out[1] == {"id": None, "error": "not valid JSON"}
    assert out[2]["id"] == "r1" and out[2]["calcification"] == "absent"
    assert out[3]["id"] == "c" and "error" in out[3]


def test_cli_ok_exit(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(orjson.dumps({"id": 1, "text": "Normal knee."}) + b"\n")
    result = CliRunner().invoke(findings_command, [str(path)])
    assert result.exit_code == 0
    assert orjson.loads(result.stdout_bytes) == {"id": 1, "calcification": "not mentioned",
                                                 "mentions": []}
