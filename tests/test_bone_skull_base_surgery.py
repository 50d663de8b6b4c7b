"""Issue 17, lesions inside bone (docs/matching-policy.md P16.11, P16.11a, P18.10, P18.10a).

P16.11: a lesion centred on, expanding or arising from a bone of the skull base (petrous apex,
petroclival synchondrosis, clivus, sphenoid body, occipital condyle, odontoid) is a lesion inside
bone: before its biopsy it draws `bone-lesion-biopsy` (a warning naming CT, never the soft-tissue
"do not proceed" card), and nothing once a later CT showed its matrix (unseen20 first run, a2:
a petroclival chondroid lesion drew biopsy-calcified-mass as a "left petrous lesion").

P18.10: curettage, excision or resection of a bone lesion whose matrix or nidus no CT or
radiograph has shown draws `surgical-planning` (info) worded for a bone lesion, with the
catalog's "excision or curettage of bone cyst or benign tumor" codes of every region; a
radiofrequency, microwave or cryoablation does not (the CT that guides it shows the nidus), nor
an operation after a radiograph or CT that showed the matrix (unseen21 first run, p2: a talar
neck osteoid osteoma before curettage, CPT 28100, drew no card). Each card test failed on
62c810f."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core.card_library import load_library
from cds_service.fhir.context import FetchLimits, gather
from cds_service.hooks.bundle import hook_request_from_bundle
from cds_service.hooks.request import parse_hook_request
from cds_service.hooks.services import SERVICES
from cds_service.pipeline.run import run

CPT = "http://www.ama-assn.org/go/cpt"
LIBRARY = load_library(DEFAULT_CARDS_DIR)


def _report(rid: str, date: str, title: str, body: str) -> dict[str, Any]:
    text = f"EXAM: {title}\nFINDINGS:\n{body}"
    return {"resourceType": "DiagnosticReport", "id": rid, "status": "final",
            "code": {"text": title}, "subject": {"reference": "Patient/p1"},
            "effectiveDateTime": date,
            "presentedForm": [{"contentType": "text/plain",
                               "data": base64.b64encode(text.encode()).decode()}]}


def cards(mri_title: str, mri: str, order: str, code: str | None = None,
          *later: tuple[str, str, str]) -> list[dict[str, Any]]:
    """(rule id, card JSON) of each card the order draws, the MRI (2026-10-05) and the other
    reports (date, title, text) on record."""
    concept: dict[str, Any] = {"text": order}
    if code:
        concept["coding"] = [{"system": CPT, "code": code}]
    entries = [{"resourceType": "Patient", "id": "p1", "birthDate": "1980-01-01"},
               _report("mr1", "2026-10-05", mri_title, mri)]
    entries += [_report(f"r{i}", d, t, b) for i, (d, t, b) in enumerate(later)]
    entries.append({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                    "intent": "order", "subject": {"reference": "Patient/p1"}, "code": concept})
    bundle = {"resourceType": "Bundle", "type": "collection",
              "entry": [{"resource": r} for r in entries]}
    service = next(s for s in SERVICES.values() if s.hook == "order-select")
    request = parse_hook_request(hook_request_from_bundle(bundle, hook="order-select"),
                                 expected_hook="order-select")
    outcome = run(request, gather(request, service.prefetch, FetchLimits()), LIBRARY)
    return [{"rule": c.rule_id} | c.card.to_json() for c in outcome.cards]


def leads(*args: Any) -> list[str]:
    return [c["rule"] for c in cards(*args)]


# --- P16.11: skull-base bones -----------------------------------------------------------------

BRAIN = "MRI BRAIN AND SKULL BASE WITHOUT AND WITH CONTRAST"
PETROCLIVAL = ("Skull base: A 3.1 x 2.4 cm lobulated lesion is centred on the left petroclival "
               "synchondrosis, expanding the petrous apex and eroding the lateral clivus. It is "
               "markedly T2 hyperintense with low-signal rings and arcs, suggesting chondroid "
               "matrix, and shows heterogeneous septal enhancement.")
SKULL_BASE_LESIONS = [
    (PETROCLIVAL, "ENDOSCOPIC ENDONASAL BIOPSY LEFT PETROCLIVAL LESION"),
    ("A 2.6 cm lesion expands the right petrous apex and contains punctate low-signal foci, "
     "possibly calcified chondroid matrix.", "BIOPSY RIGHT PETROUS APEX LESION"),
    ("Arising from the left occipital condyle, there is a 2.2 cm lobulated lesion with "
     "internal rings and arcs suggesting mineralized chondroid matrix.",
     "CT GUIDED BIOPSY LEFT OCCIPITAL CONDYLE LESION"),
    ("A 4.1 cm lesion is centred in the sphenoid body with coarse internal calcification.",
     "ENDOSCOPIC BIOPSY SPHENOID LESION"),
    ("A 3 cm expansile lesion of the right petrous temporal bone with foci of calcified matrix.",
     "BIOPSY RIGHT PETROUS LESION"),
    ("Clivus: A 3.4 cm lesion is centred on the petroclival fissure on the right, with low-signal "
     "foci that may represent calcified matrix.", "TRANSNASAL BIOPSY CLIVAL LESION"),
    ("A 3 cm lesion of the left greater sphenoid wing with calcified chondroid matrix.",
     "BIOPSY LEFT SPHENOID WING LESION"),
    ("A 2 cm lesion of the odontoid process with possible calcified chondroid matrix.",
     "CT GUIDED BIOPSY C2 ODONTOID LESION"),
]


@pytest.mark.parametrize(("mri", "order"), SKULL_BASE_LESIONS)
def test_a_skull_base_bone_lesion_before_its_biopsy_draws_the_bone_lesion_card(
        mri: str, order: str) -> None:
    drawn = cards(BRAIN, mri, order)
    assert [c["rule"] for c in drawn] == ["bone-lesion-biopsy"]
    card = drawn[0]
    assert card["indicator"] == "warning"
    text = card["summary"] + card["detail"]
    assert "CT before this biopsy" in card["summary"] and "radiographs" not in card["summary"]
    assert "soft-tissue" not in text and "Do not proceed" not in text
    assert "lesion of the" in card["detail"]


def test_the_petroclival_lesion_is_named_by_its_bone() -> None:
    detail = cards(BRAIN, PETROCLIVAL, SKULL_BASE_LESIONS[0][1])[0]["detail"]
    assert "lesion of the left petrous apex (31 mm)" in detail


@pytest.mark.parametrize(("mri", "order"), SKULL_BASE_LESIONS[:4])
def test_a_later_skull_base_ct_showing_the_matrix_silences_it(mri: str, order: str) -> None:
    ct = ("2026-10-20", "CT SKULL BASE WITHOUT CONTRAST",
          "The skull base lesion contains rings-and-arcs chondroid matrix calcification.")
    assert leads(BRAIN, mri, order, None, ct) == []


def test_a_mass_beside_the_petrous_apex_stays_a_soft_tissue_mass() -> None:
    """Words that only place a mass beside a bone keep it a mass (P16.5)."""
    assert leads(BRAIN, "A 2.5 cm calcified mass lies adjacent to the left petrous apex.",
                 "BIOPSY LEFT SKULL BASE MASS") == ["biopsy-calcified-mass"]


# --- P18.10: surgery on a bone lesion ---------------------------------------------------------

ANKLE = "MRI RIGHT ANKLE WITHOUT AND WITH CONTRAST"
TALUS = ("Talus: In the dorsal cortex of the talar neck there is a 7 mm round nidus with a central "
         "3 mm focus of low signal on all sequences consistent with a calcified nidus.\n"
         "IMPRESSION:\n1. 7 mm osteoid osteoma of the dorsal talar neck with a calcified nidus.")
XR_ANKLE = ("2026-09-20", "XR ANKLE RIGHT 3 VIEWS",
            "Subtle cortical thickening along the dorsal talar neck. No fracture.")
BONE_SURGERY = [
    (ANKLE, TALUS, "CURETTAGE OSTEOID OSTEOMA RT TALUS", "28100", XR_ANKLE),
    (ANKLE, TALUS, "EXCISION OSTEOID OSTEOMA RIGHT TALAR NECK", None, XR_ANKLE),
    (ANKLE, "Calcaneus: A 2.4 cm lesion of the right calcaneal body with rings and arcs of "
     "chondroid matrix.", "EXC/CURETTAGE BONE CYST OR BENIGN TUMOR TALUS OR CALCANEUS RT", "28100",
     ("2026-09-01", "XR CALCANEUS RIGHT 2 VIEWS", "Lucent lesion in the calcaneal body.")),
    ("MRI LEFT HAND WITHOUT CONTRAST", "A 1.8 cm expansile lesion of the left fourth metacarpal "
     "contains punctate calcified chondroid matrix, consistent with enchondroma.",
     "CURETTAGE AND BONE GRAFT LEFT 4TH METACARPAL", "26205",
     ("2026-09-01", "XR HAND LEFT 3 VIEWS", "Lucent lesion of the fourth metacarpal.")),
    ("MRI RIGHT FOREARM WITHOUT AND WITH CONTRAST", "A 6 mm nidus in the cortex of the right "
     "radial diaphysis with central calcification, consistent with osteoid osteoma.",
     "EXCISION OSTEOID OSTEOMA RIGHT RADIUS", "25120",
     ("2026-09-01", "XR FOREARM RIGHT 2 VIEWS", "Cortical thickening of the radial shaft.")),
    ("MRI LEFT FOOT WITHOUT CONTRAST", "A 2 cm lesion of the left first metatarsal with "
     "possible mineralized chondroid matrix.", "INTRALESIONAL CURETTAGE LEFT 1ST METATARSAL",
     "28104", ("2026-09-01", "XR FOOT LEFT 3 VIEWS", "Lucent lesion of the first metatarsal.")),
    ("MRI LEFT SHOULDER WITHOUT CONTRAST", "Arising from the anterior surface of the left scapular "
     "body, there is a 3 cm lesion with calcified chondroid matrix.",
     "EXCISION LEFT SCAPULAR LESION", "23140",
     ("2026-09-01", "XR SCAPULA LEFT 2 VIEWS", "Possible lesion of the scapular body.")),
]

# catalog orders whose text names the lesion and not the operation: the code says it (P18.10)
CODED = [
    (ANKLE, TALUS, "OSTEOID OSTEOMA RT TALUS", "28102", XR_ANKLE),
    (ANKLE, "FINDINGS: There is a 7 mm calcified nidus in the dorsal right talar neck.",
     "RIGHT TALUS LESION", "28103", XR_ANKLE),
    ("MRI LEFT HAND WITHOUT CONTRAST", "A 1.8 cm expansile lesion of the left fourth metacarpal "
     "contains punctate calcified chondroid matrix.", "ENCHONDROMA LEFT 4TH METACARPAL", "26200",
     ("2026-09-01", "XR HAND LEFT 3 VIEWS", "Lucent lesion of the fourth metacarpal.")),
    ("MRI RIGHT TIBIA FIBULA WITHOUT CONTRAST", "In the anterior cortex of the right tibial "
     "diaphysis there is a 5 mm nidus with central calcification.",
     "RIGHT TIBIA OSTEOID OSTEOMA", "27635",
     ("2026-09-01", "XR TIBIA FIBULA RIGHT 2 VIEWS", "Anterior tibial cortical thickening.")),
    ("MRI LEFT SHOULDER WITHOUT CONTRAST", "Arising from the anterior surface of the left scapular "
     "body, there is a 3 cm lesion with calcified chondroid matrix.",
     "LEFT SCAPULA CHONDROID LESION", "23145",
     ("2026-09-01", "XR SCAPULA LEFT 2 VIEWS", "Possible lesion of the scapular body.")),
]


@pytest.mark.parametrize(("title", "mri", "order", "code", "xr"), BONE_SURGERY + CODED)
def test_surgery_on_a_bone_lesion_no_radiograph_showed_draws_a_bone_planning_card(
        title: str, mri: str, order: str, code: str | None, xr: tuple[str, str, str]) -> None:
    drawn = cards(title, mri, order, code, xr)
    assert [c["rule"] for c in drawn] == ["surgical-planning"]
    card = drawn[0]
    assert card["indicator"] == "info"
    assert "bone\nlesion's matrix" in card["detail"] or "bone lesion's matrix" in card["detail"]
    assert "lesion of the" in card["detail"] and "soft-tissue" not in card["detail"]


def test_the_talar_neck_lesion_is_the_talus_never_the_neck() -> None:
    detail = cards(ANKLE, TALUS, *BONE_SURGERY[0][2:])[0]["detail"]
    assert "lesion of the right talus (7 mm)" in detail and "CT right lower extremity" in detail


@pytest.mark.parametrize(("order", "code"), [
    ("RF ABLATION OSTEOID OSTEOMA RT TALUS (CT GUIDED)", "20982"),
    ("CT GUIDED RADIOFREQUENCY ABLATION RIGHT TALUS", None),
    ("CRYOABLATION OSTEOID OSTEOMA RIGHT TALUS", "20983"),
    ("MICROWAVE ABLATION RT TALAR NECK LESION", None),
    ("CURETTAGE OSTEOID OSTEOMA LT TALUS", "28100"),  # the other side (P4.3)
])
def test_an_ablation_or_the_other_sides_surgery_draws_none(order: str, code: str | None) -> None:
    """The CT that guides an ablation shows the nidus itself (P18.10)."""
    assert leads(ANKLE, TALUS, order, code, XR_ANKLE) == []


@pytest.mark.parametrize("later", [
    ("2026-10-12", "XR ANKLE RIGHT 3 VIEWS",
     "A lucent nidus with central mineralization in the dorsal talar neck."),
    ("2026-10-12", "CT ANKLE RIGHT WITHOUT CONTRAST",
     "7 mm nidus of the dorsal talar neck with central calcification."),
])
def test_a_later_radiograph_or_ct_that_showed_the_nidus_silences_it(
        later: tuple[str, str, str]) -> None:
    assert leads(ANKLE, TALUS, "CURETTAGE OSTEOID OSTEOMA RT TALUS", "28100", XR_ANKLE,
                 later) == []


# --- P16.11a / P18.10a: the axial bones' own words and resections ----------------------------

AXIAL_BIOPSIES = [
    ("MRI SACRUM WITHOUT AND WITH CONTRAST", "A 5 cm lesion centred on the S2 and S3 sacral "
     "segments with calcified matrix.", "CT GUIDED BIOPSY SACRAL LESION"),
    ("MRI SACRUM WITHOUT AND WITH CONTRAST", "A 4 cm lesion replaces the S1 sacral body and "
     "contains coarse calcification.", "CT GUIDED CORE BIOPSY SACRUM"),
    ("MRI CHEST WALL WITHOUT AND WITH CONTRAST", "A 3 cm lesion of the sternal body with "
     "chondroid matrix calcification.", "CT GUIDED BIOPSY STERNAL LESION"),
    ("MRI CHEST WALL WITHOUT AND WITH CONTRAST", "A 3 cm lesion expands the sternal body and "
     "contains possible mineralized chondroid matrix.", "BIOPSY STERNUM"),
    ("MRI PELVIS WITHOUT AND WITH CONTRAST", "A 4 cm lesion is centred in the left sacral ala and "
     "the adjacent sacral segments, with calcified matrix.", "CT GUIDED BIOPSY LEFT SACRAL ALA"),
]


@pytest.mark.parametrize(("title", "mri", "order"), AXIAL_BIOPSIES)
def test_a_sacral_or_sternal_body_lesion_is_bone_never_a_deep_mass(
        title: str, mri: str, order: str) -> None:
    drawn = cards(title, mri, order)
    assert [c["rule"] for c in drawn] == ["bone-lesion-biopsy"]
    assert "mandatory" not in drawn[0]["summary"] + drawn[0]["detail"]


SACRUM = ("MRI SACRUM WITHOUT AND WITH CONTRAST", "A 6 cm lesion is centred in the sacrum with "
          "calcified matrix; chordoma favored.")
SCAPULA = ("MRI LEFT SHOULDER WITHOUT CONTRAST", "A 5 cm lesion of the left scapular body with "
           "rings and arcs of calcified chondroid matrix.")
STERNUM = ("MRI CHEST WALL WITHOUT AND WITH CONTRAST", "A 4 cm lesion of the sternal body with "
           "chondroid matrix calcification.")
BONE_RESECTIONS = [
    (*SACRUM, "EN BLOC SACRECTOMY"),
    (*SACRUM, "PARTIAL SACRECTOMY POSTERIOR APPROACH"),
    ("MRI PELVIS WITHOUT AND WITH CONTRAST", "A 7 cm lesion expands the left iliac wing with "
     "calcified chondroid matrix.", "INTERNAL HEMIPELVECTOMY LEFT"),
    (*SCAPULA, "TOTAL SCAPULECTOMY LEFT"),
    (*STERNUM, "PARTIAL STERNECTOMY WITH RECONSTRUCTION"),
    ("MRI PELVIS WITHOUT AND WITH CONTRAST", "A 3 cm lesion of the coccyx with calcified matrix.",
     "COCCYGECTOMY"),
]


@pytest.mark.parametrize(("title", "mri", "order"), BONE_RESECTIONS)
def test_a_resection_named_for_its_bone_is_surgery_on_the_bone_lesion(
        title: str, mri: str, order: str) -> None:
    drawn = cards(title, mri, order)
    assert [c["rule"] for c in drawn] == ["surgical-planning"]
    assert drawn[0]["indicator"] == "info" and "bone" in drawn[0]["detail"]


def test_the_other_sides_scapulectomy_draws_none() -> None:
    assert leads(*SCAPULA, "TOTAL SCAPULECTOMY RIGHT") == []
