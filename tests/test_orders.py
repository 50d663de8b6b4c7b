"""Order reading: draft ServiceRequest → DraftOrder (kind, region, sites, purposes)."""

from __future__ import annotations

import copy
import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from cds_service.core import anatomy, orders, terminology
from cds_service.core.loader import DataError
from cds_service.core.orders import DraftOrder, classify_order
from cds_service.errors import InvalidResource

CPT = "http://www.ama-assn.org/go/cpt"
LOINC = "http://loinc.org"
SCT = "http://snomed.info/sct"
EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples"  # beside the repo


def sr(text: str | None = None, *codings: tuple[str, str], **extra: Any) -> dict[str, Any]:
    code: dict[str, Any] = {}
    if text is not None:
        code["text"] = text
    if codings:
        code["coding"] = [{"system": s, "code": c} for s, c in codings]
    res: dict[str, Any] = {"resourceType": "ServiceRequest", "id": "draft-1", "status": "draft",
                           "intent": "order", "subject": {"reference": "Patient/p1"},
                           "code": code}
    res.update(extra)
    return res


# --------------------------------------------------------------------------- kinds from codes

@pytest.mark.parametrize(("code", "kind", "region"), [
    ("70450", "ct-noncontrast", "head"),
    ("70460", "ct-contrast", "head"),
    ("70470", "ct-without-and-with", "head"),
    ("70491", "ct-contrast", "neck"),
    ("71250", "ct-noncontrast", "chest"),
    ("71260", "ct-contrast", "chest"),
    ("71270", "ct-without-and-with", "chest"),
    ("71275", "ct-contrast", "chest"),
    ("74150", "ct-noncontrast", "abdomen"),
    ("74177", "ct-contrast", "abdomen-pelvis"),
    ("74178", "ct-without-and-with", "abdomen-pelvis"),
    ("74174", "ct-contrast", "abdomen-pelvis"),
    ("74175", "ct-contrast", "abdomen"),
    ("72193", "ct-contrast", "pelvis"),
    ("72125", "ct-noncontrast", "cervical-spine"),
    ("72130", "ct-without-and-with", "thoracic-spine"),
    ("72133", "ct-without-and-with", "lumbar-spine"),
    ("73200", "ct-noncontrast", "upper-extremity"),
    ("73702", "ct-without-and-with", "lower-extremity"),
    ("75571", "ct-noncontrast", "cardiac"),
    ("75574", "ct-contrast", "cardiac"),
    ("70553", "mri", "head"),
    ("72148", "mri", "lumbar-spine"),
    ("73721", "mri", "lower-extremity"),
    ("75561", "mri", "cardiac"),
    ("74183", "mri", "abdomen"),
    ("76700", "ultrasound", "abdomen"),
    ("76770", "ultrasound", "abdomen"),
    ("71046", "radiography", "chest"),
    ("73562", "radiography", "lower-extremity"),
    ("10005", "biopsy", None),
    ("49180", "biopsy", "abdomen"),
    ("38505", "biopsy", None),
    ("27324", "biopsy", "lower-extremity"),
])
def test_kind_and_region_from_cpt(code: str, kind: str, region: str | None) -> None:
    order = classify_order(sr(None, (CPT, code)))
    assert (order.kind, order.region) == (kind, region)
    assert order.contrast_stated
    assert order.codes == ((CPT, code),)


@pytest.mark.parametrize(("code", "kind", "region"), [
    ("29252-4", "ct-noncontrast", "chest"),
    ("24628-0", "ct-contrast", "chest"),
    ("36813-4", "ct-contrast", "abdomen-pelvis"),
    ("36952-0", "ct-noncontrast", "abdomen-pelvis"),
    ("30799-1", "ct-noncontrast", "head"),
    ("24590-2", "mri", "head"),
    ("24802-1", "mri", "lower-extremity"),
    ("24558-9", "ultrasound", "abdomen"),
    ("30746-2", "radiography", "chest"),
    ("42136-2", "biopsy", "cardiac"),
])
def test_kind_and_region_from_loinc(code: str, kind: str, region: str) -> None:
    order = classify_order(sr(None, (LOINC, code)))
    assert (order.kind, order.region) == (kind, region)


@pytest.mark.parametrize(("code", "kind"), [
    ("86273004", "biopsy"),
    ("113091000", "mri"),
    ("16310003", "ultrasound"),
    ("363680008", "radiography"),
    ("399208008", "radiography"),
    ("40701008", "ultrasound"),
])
def test_kind_from_snomed(code: str, kind: str) -> None:
    assert classify_order(sr(None, (SCT, code))).kind == kind


def test_ct_with_unstated_contrast_is_flagged() -> None:
    order = classify_order(sr(None, (LOINC, "24627-2")))
    assert order.kind == "ct-contrast" and not order.contrast_stated
    assert order.region == "chest"
    generic = classify_order(sr(None, (SCT, "77477000")))
    assert generic.kind == "ct-contrast" and not generic.contrast_stated


def test_system_aliases_are_canonicalised() -> None:
    order = classify_order(sr(None, ("urn:oid:2.16.840.1.113883.6.12", "71250")))
    assert order.kind == "ct-noncontrast"
    assert order.codes == ((CPT, "71250"),)


# --------------------------------------------------------------------------- precedence

def test_coding_beats_text() -> None:
    # the shared scenario: CPT says without-and-with, the text says only "Lumbar spine CT"
    order = classify_order(sr("Lumbar spine CT", (CPT, "72133")))
    assert order.kind == "ct-without-and-with"
    order = classify_order(sr("MRI knee", (CPT, "71250")))
    assert (order.kind, order.region) == ("ct-noncontrast", "chest")


def test_more_specific_coding_wins() -> None:
    order = classify_order(sr(None, (SCT, "77477000"), (CPT, "74177")))
    assert (order.kind, order.region, order.contrast_stated) == (
        "ct-contrast", "abdomen-pelvis", True)
    order = classify_order(sr(None, (CPT, "77012"), (CPT, "10009")))
    assert order.kind == "biopsy"


def test_noncontrast_and_contrast_codings_make_without_and_with() -> None:
    order = classify_order(sr(None, (CPT, "71250"), (CPT, "71260")))
    assert order.kind == "ct-without-and-with"


def test_text_refines_unstated_ct_coding() -> None:
    order = classify_order(sr("Chest CT w/o contrast", (LOINC, "24627-2")))
    assert (order.kind, order.contrast_stated) == ("ct-noncontrast", True)


def test_guidance_coding_with_biopsy_text() -> None:
    assert classify_order(sr("CT-guided biopsy of flank mass", (CPT, "77012"))).kind == "biopsy"
    assert classify_order(sr("CT guidance for needle placement", (CPT, "77012"))).kind == "other"


def test_unknown_coding_falls_back_to_text() -> None:
    order = classify_order(sr("CT chest without contrast", ("http://example.org/local", "CT123")))
    assert (order.kind, order.region) == ("ct-noncontrast", "chest")


# --------------------------------------------------------------------------- text only

@pytest.mark.parametrize(("text", "kind", "region"), [
    ("CT ABD/PELVIS W CONTRAST", "ct-contrast", "abdomen-pelvis"),
    ("CT abdomen and pelvis with IV contrast", "ct-contrast", "abdomen-pelvis"),
    ("CT chest wo", "ct-noncontrast", "chest"),
    ("CT head w/o", "ct-noncontrast", "head"),
    ("Non-contrast CT head", "ct-noncontrast", "head"),
    ("CT thorax unenhanced", "ct-noncontrast", "chest"),
    ("CT coronary calcium score", "ct-noncontrast", "cardiac"),
    ("Low-dose CT lung cancer screening", "ct-noncontrast", "chest"),
    ("CT L-spine without and with contrast", "ct-without-and-with", "lumbar-spine"),
    ("CT head WO/W", "ct-without-and-with", "head"),
    ("CT chest w/o & w contrast", "ct-without-and-with", "chest"),
    ("CT abdomen with and without contrast", "ct-without-and-with", "abdomen"),
    ("CT pelvis pre- and post-contrast", "ct-without-and-with", "pelvis"),
    ("CTA chest", "ct-contrast", "chest"),
    ("CT angiogram of the neck", "ct-contrast", "neck"),
    ("Contrast-enhanced CT of the liver", "ct-contrast", "abdomen"),
    ("CAT scan of the brain with contrast", "ct-contrast", "head"),
    ("Computed tomography of the right thigh without contrast", "ct-noncontrast",
     "lower-extremity"),
    ("US-guided core needle biopsy left thigh mass", "biopsy", "lower-extremity"),
    ("CT-guided biopsy of left flank mass", "biopsy", "abdomen"),
    ("FNA mesorectal lymph node", "biopsy", "pelvis"),
    ("Percutaneous biopsy, retroperitoneal mass", "biopsy", "abdomen"),
    ("Excisional biopsy of groin mass", "biopsy", "pelvis"),
    ("Image-guided bx paraspinal lesion", "biopsy", None),
    ("Fine needle aspiration of thyroid nodule under ultrasound guidance", "biopsy", "neck"),
    ("MRI knee for pseudogout", "mri", "lower-extremity"),
    ("MRI right knee", "mri", "lower-extremity"),
    ("Cardiac MRI", "mri", "cardiac"),
    ("MR pelvis rectal cancer staging", "mri", "pelvis"),
    ("Magnetic resonance imaging of the lumbar spine with and without contrast", "mri",
     "lumbar-spine"),
    ("XR knee 3 views", "radiography", "lower-extremity"),
    ("Chest x-ray PA and lateral", "radiography", "chest"),
    ("Radiographs of both hands", "radiography", "upper-extremity"),
    ("US abdomen complete", "ultrasound", "abdomen"),
    ("Ultrasound right shoulder", "ultrasound", "upper-extremity"),
    ("Transthoracic echocardiogram", "ultrasound", "cardiac"),
    ("CBC", "other", None),
    ("Physical therapy evaluation and treatment", "other", None),
    ("Rheumatology consult", "other", None),
    ("PET/CT skull base to mid-thigh", "other", "head"),
])
def test_kind_and_region_from_text(text: str, kind: str, region: str | None) -> None:
    order = classify_order(sr(text))
    assert (order.kind, order.region) == (kind, region)
    assert order.display == text


def test_ct_named_with_biopsy_as_occasion_stays_ct() -> None:
    assert classify_order(sr("CT chest without contrast before biopsy")).kind == "ct-noncontrast"
    assert classify_order(sr("MRI thigh prior to biopsy")).kind == "mri"


def test_oral_contrast_alone_is_not_iv_contrast() -> None:
    """Oral contrast named with no IV contrast and no other phase is a CT without IV contrast,
    as CPT codes it (oral contrast alone is not "with contrast"); so is oral contrast ONLY (P17.1,
    changed twice on corpus review: the noncontrast-first card asked for what the order already
    is). Oral and IV contrast together are a contrast CT."""
    assert classify_order(sr("CT abdomen pelvis with oral contrast")).kind == "ct-noncontrast"
    assert classify_order(sr("CT abdomen pelvis with oral contrast only")).kind == "ct-noncontrast"
    assert classify_order(sr("CT abdomen pelvis with oral and IV contrast")).kind == "ct-contrast"


def test_text_ct_without_contrast_phrase_is_unstated() -> None:
    order = classify_order(sr("CT femur"))
    assert (order.kind, order.region, order.contrast_stated) == (
        "ct-contrast", "lower-extremity", False)


def test_order_detail_carries_contrast() -> None:
    order = classify_order(sr("CT chest", orderDetail=[{"text": "without IV contrast"}]))
    assert order.kind == "ct-noncontrast"


# --------------------------------------------------------------------------- sites, purposes

@pytest.mark.parametrize(("text", "sites"), [
    ("CT-guided biopsy of left flank mass", {"flank"}),
    ("US-guided core needle biopsy left thigh mass", {"thigh"}),
    ("FNA mesorectal lymph node", {"mesorectum", "lymph-node"}),
    ("MRI right knee", {"knee"}),
    ("Noncontrast CT of the shoulder, calcific tendinitis", {"shoulder", "tendon"}),
    ("Cardiac MRI", {"heart"}),
    ("CT coronary calcium score", {"coronary-arteries"}),
    ("MRI deep soft tissue mass of the groin", {"deep-soft-tissue", "groin"}),
    ("CT pericardium", {"pericardium"}),
    ("CT retroperitoneum", {"retroperitoneum"}),
])
def test_sites_from_text(text: str, sites: set[str]) -> None:
    assert classify_order(sr(text)).sites >= sites


def test_femoral_neck_is_not_the_neck() -> None:
    order = classify_order(sr("MRI femoral neck"))
    assert "neck" not in order.sites and order.region == "lower-extremity"


def test_body_site_codes_and_text() -> None:
    order = classify_order(sr(None, (SCT, "86273004"), bodySite=[
        {"coding": [{"system": SCT, "code": "68367000"}], "text": "left thigh"}]))
    assert (order.kind, order.region) == ("biopsy", "lower-extremity")
    assert "thigh" in order.sites
    order = classify_order(sr("Biopsy", bodySite=[{"text": "Left flank"}]))
    assert (order.region, order.sites) == ("abdomen", frozenset({"flank"}))


def test_reason_supplies_region_and_sites_only_as_fallback() -> None:
    order = classify_order(sr(None, (SCT, "86273004"),
                              reasonCode=[{"text": "Soft tissue mass of the left flank"}]))
    assert (order.region, order.sites) == ("abdomen", frozenset({"flank"}))
    assert "mass" in order.purposes
    order = classify_order(sr(None, (CPT, "71250"), reasonCode=[{"text": "flank pain"}]))
    assert (order.region, order.sites) == ("chest", frozenset({"chest"}))


@pytest.mark.parametrize(("extra", "purpose"), [
    ({"reasonCode": [{"text": "CPPD"}]}, "crystal-deposition"),
    ({"reasonCode": [{"text": "Chondrocalcinosis of the knee"}]}, "crystal-deposition"),
    ({"reasonCode": [{"text": "gout flare"}]}, "crystal-deposition"),
    ({"reasonCode": [{"coding": [{"system": SCT, "code": "90560007"}]}]}, "crystal-deposition"),
    ({"note": [{"text": "r/o calcific tendinitis"}]}, "crystal-deposition"),
    ({"reasonCode": [{"text": "coronary artery disease"}]}, "cardiovascular"),
    ({"reasonCode": [{"text": "constrictive pericardial disease"}]}, "cardiovascular"),
    ({"reasonCode": [{"text": "old myocardial infarct"}]}, "cardiovascular"),
    ({"reasonCode": [{"coding": [{"system": SCT, "code": "85898001"}]}]}, "cardiovascular"),
    ({"reasonReference": [{"reference": "Condition/c1", "display": "Cardiomyopathy"}]},
     "cardiovascular"),
    ({"reasonCode": [{"text": "characterize calcification seen on MRI"}]}, "characterize"),
    ({"note": [{"text": "further evaluation of mineralization"}]}, "characterize"),
    ({"reasonCode": [{"text": "evaluate calcification"}]}, "characterize"),
    ({"reasonCode": [{"text": "flank mass"}]}, "mass"),
    ({"reasonCode": [{"text": "r/o liposarcoma"}]}, "mass"),
    ({"reasonCode": [{"coding": [{"system": SCT, "code": "4147007"}]}]}, "mass"),
    ({"reasonCode": [{"text": "pulmonary nodule"}]}, "mass"),
    ({"reasonCode": [{"text": "pelvic adenopathy"}]}, "lymph-node"),
    ({"reasonCode": [{"text": "staging rectal cancer"}]}, "lymph-node"),
])
def test_purposes(extra: dict[str, Any], purpose: str) -> None:
    assert purpose in classify_order(sr("MRI pelvis", **extra)).purposes


def test_purposes_from_code() -> None:
    # a coronary calcium score or coronary CTA asks about the coronary arteries (P11.13)
    assert classify_order(sr(None, (CPT, "75571"))).purposes == {"cardiovascular", "coronary"}
    assert "cardiovascular" in classify_order(sr("Cardiac MRI")).purposes


def test_no_purposes_for_plain_order() -> None:
    assert classify_order(sr("CT chest wo", reasonCode=[{"text": "cough"}])).purposes == set()


# --------------------------------------------------------------------------- shared examples

def _load(path: Path) -> Any:
    return json.loads(path.read_text())


def _service_requests(obj: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(obj, dict):
        if obj.get("resourceType") == "ServiceRequest":
            found.append(obj)
        for value in obj.values():
            found.extend(_service_requests(value))
    elif isinstance(obj, list):
        for value in obj:
            found.extend(_service_requests(value))
    return found


needs_examples = pytest.mark.skipif(not EXAMPLES.exists(), reason=f"needs the CDS Hooks "
                                    f"example payloads at {EXAMPLES}, the team's shared "
                                    "folder (not in the repository): nothing to do on a clone")


@needs_examples
@pytest.mark.parametrize(("name", "kind", "region"), [
    ("servicerequest-chest-xray.json", "radiography", "chest"),
    ("servicerequest-example-colonoscopy-bx.json", "biopsy", None),
    ("servicerequest-example-di.json", "ct-contrast", "chest"),
    ("servicerequest-example.json", "ct-contrast", "head"),
])
def test_shared_fhir_examples(name: str, kind: str, region: str | None) -> None:
    resource = _load(EXAMPLES / "fhir-r4" / name)
    order = classify_order(resource)
    assert (order.kind, order.region) == (kind, region)
    assert order.reference == f"ServiceRequest/{resource['id']}"
    assert order.resource is resource


@needs_examples
def test_shared_hook_examples() -> None:
    request = _load(EXAMPLES / "cds-hooks" / "scenario-01-outbound-request.json")
    (order,) = [classify_order(r) for r in _service_requests(request)]
    assert (order.kind, order.region, order.display) == (
        "ct-without-and-with", "lumbar-spine", "Lumbar spine CT")
    request = _load(EXAMPLES / "cds-hooks" / "scenario-02-outbound-request.json")
    (order,) = [classify_order(r) for r in _service_requests(request)]
    assert (order.kind, order.region) == ("ct-contrast", "chest")
    assert "cardiovascular" in order.purposes  # reason: congenital heart disease
    request = _load(EXAMPLES / "cds-hooks" / "davinci-crd-order-sign-request.json")
    kinds = [classify_order(r).kind for r in _service_requests(request)]
    # contrast-enhanced spectral mammography is a radiograph (P17.1); home oxygen is no imaging
    assert kinds == ["radiography", "other"]


# --------------------------------------------------------------------------- lenient parsing

def test_reference_without_id() -> None:
    res = sr("CT chest wo")
    del res["id"]
    assert classify_order(res).reference == "ServiceRequest"
    assert classify_order(res, full_url="urn:uuid:1f0e").reference == "urn:uuid:1f0e"
    assert classify_order(sr("CT chest wo"), full_url="urn:uuid:1f0e").reference == (
        "ServiceRequest/draft-1")


def test_unknown_top_level_property_is_dropped() -> None:
    res = sr("CT chest wo", someVendorField={"x": 1})
    order = classify_order(res)
    assert order.kind == "ct-noncontrast"
    assert order.resource is res and "someVendorField" in order.resource


def test_unknown_extension_is_fine() -> None:
    res = sr("CT chest wo", extension=[{"url": "http://example.org/x", "valueString": "y"}])
    res["code"]["extension"] = [{"url": "http://example.org/y", "valueBoolean": True}]
    assert classify_order(res).kind == "ct-noncontrast"


@pytest.mark.parametrize("junk", [
    None, [], "ServiceRequest", {"resourceType": "Patient", "id": "p"},
    {"resourceType": "ServiceRequest"},
])
def test_junk_is_invalid(junk: Any) -> None:
    with pytest.raises(InvalidResource):
        classify_order(junk)


def test_invalid_reason_names_paths_not_values() -> None:
    res = sr("CT chest wo", status=12345)
    res["code"]["coding"] = [{"system": "http://x", "code": {"secret": "Jane Doe"}}]
    res["subject"] = {"reference": ["Jane Doe"]}
    res["unknownProp"] = "Jane Doe"
    with pytest.raises(InvalidResource) as info:
        classify_order(res)
    reason = info.value.reason
    assert "status" in reason and "code.coding[0].code" in reason
    assert "Jane" not in str(info.value) and "12345" not in str(info.value)


def test_nested_unknown_property_is_invalid() -> None:
    res = sr("CT chest wo")
    res["code"]["bogus"] = 1
    with pytest.raises(InvalidResource):
        classify_order(res)


def test_result_is_frozen() -> None:
    order = classify_order(sr("CT chest wo"))
    assert isinstance(order, DraftOrder)
    with pytest.raises(AttributeError):
        order.kind = "mri"  # type: ignore[misc]


def test_input_not_mutated() -> None:
    res = sr("CT chest wo", foo=1)
    before = copy.deepcopy(res)
    classify_order(res)
    assert res == before


# --------------------------------------------------------------------------- data files

def _csv(name: str) -> list[dict[str, str]]:
    text = resources.files("cds_service").joinpath(f"data/terminology/{name}").read_text()
    return list(csv.DictReader(io.StringIO(text)))


def test_terminology_files_are_sane() -> None:
    known_regions = set(anatomy.all_regions())
    seen: set[tuple[str, str]] = set()
    for name in ("cpt.csv", "loinc.csv", "snomed.csv"):
        for row in _csv(name):
            assert row["kind"] in orders.TABLE_KINDS, (name, row["code"])
            assert not row["region"] or row["region"] in known_regions, (name, row["code"])
            sites = {s for s in row["sites"].split(";") if s}
            assert sites <= anatomy.site_ids(), (name, row["code"])
            key = (row["system"], row["code"])
            assert key not in seen, key
            seen.add(key)
            assert row["display"].strip()
    assert len(terminology.CODES) == len(seen)


def test_order_sites_are_the_anatomy_sites() -> None:
    """One anatomy: the sites the order reader names are those the report reader names."""
    expected = {"flank", "paraspinal", "groin", "retroperitoneum", "thigh", "pelvis",
                "deep-soft-tissue", "knee", "shoulder", "hip", "elbow", "wrist", "ankle", "hand",
                "foot", "joint", "tendon", "capsule", "heart", "coronary-arteries", "pericardium",
                "myocardium", "aorta", "lymph-node", "mesorectum", "rectum", "brain", "spine",
                "neck", "chest", "abdomen", "kidney", "adrenal", "liver"}
    assert expected <= anatomy.site_ids()
    for text in ("CT hamstring with contrast", "Biopsy of chest wall mass", "MRI left buttock"):
        assert classify_order(sr(text)).sites == {
            sid for _, _, sid in anatomy.find_sites(text)}


def test_body_site_snomed_codes_are_anatomy_data() -> None:
    for code, site, region in (("68367000", "thigh", "lower-extremity"),
                               ("29836001", "hip", "lower-extremity"),
                               ("122496007", "lumbar-spine", "lumbar-spine"),
                               ("53120007", "upper-limb", "upper-extremity")):
        order = classify_order(sr("Biopsy", bodySite=[{"coding": [{"system": SCT, "code": code}]}]))
        assert (order.sites, order.region) == ({site}, region)


def test_bad_row_is_refused() -> None:
    bad = "system,code,kind,region,sites,purposes,display\nhttp://x,1,pet,chest,,,a\n"
    with pytest.raises(DataError, match=r"cpt.csv:2: unknown kind"):
        terminology.load_codes({"cpt.csv": bad})
    bad = "system,code,kind,region,sites,purposes,display\nhttp://x,1,mri,chest,,bogus,a\n"
    with pytest.raises(DataError, match=r"cpt.csv:2: unknown purposes"):
        terminology.load_codes({"cpt.csv": bad})
