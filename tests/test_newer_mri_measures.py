"""Issue 17, review rounds 9-12 (P11.59 W-stale-statement, P11.60 R-newer-silent): the card cites
an older MRI's calcification (P14.4) while a newer MRI of the same patient describes the same
structure and names no mineral. The lesion line gives the newer MRI's measurement of it, saying
whose it is ("left vastus medialis mass (70 mm on the MRI of 2026-10-20)", never the older 64
mm; the same size once), and the detail says in one sentence that the newer MRI describes the
structure and does not mention the calcification (or the deposit); the quote and the evidence
line stay the older MRI's. A newer MRI of the other side or of
another structure, a newer study that is not an MRI, a part's size, a new lesion, a structure
named only in the history and two measurements that disagree change nothing. Through the
pipeline, with FHIR bundles as an EHR sends them. Written before the engine change; the
variants failed on main 9e437b1 (unseen34 t2, unseen35 e1, unseen29 t1, unseen36 t2, unseen32
t1, unseen33 e1 are the reviewers' examples, written here in other words)."""

from __future__ import annotations

import pytest

from tests.conftest import report_and_study as _report
from tests.eval.full_eval import engine_runner

RUN = engine_runner()
OLD, NEW = "2026-03-10", "2026-10-20"
ON = f"on the MRI of {NEW}"  # whose size it is (P11.59)



def _text(title: str, findings: str, impression: str, comparison: str = "None.",
          history: str = "Follow-up.") -> str:
    return (f"EXAM: {title}\nHISTORY: {history}\nTECHNIQUE: Multiplanar multisequence images.\n"
            f"COMPARISON: {comparison}\nFINDINGS:\n{findings}\nIMPRESSION:\n1. {impression}\n")


def card(older: tuple[str, str, str], newer: tuple[str, str, str] | None,
         order: tuple[str, str], modality: str = "MR", history: str = "Follow-up.") -> str:
    """The first card's detail the order draws after an older MRI (title, findings, impression)
    and a newer study of ``modality`` (title, findings, impression) comparing it."""
    title, findings, impression = older
    entries = [{"resourceType": "Patient", "id": "p1", "gender": "female",
                "birthDate": "1961-04-02"},
               *_report("mr-0", title, OLD, _text(title, findings, impression), "MR")]
    if newer is not None:
        ntitle, nfindings, nimpression = newer
        entries += _report("mr-1", ntitle, NEW, _text(
            ntitle, nfindings, nimpression, f"Prior study of {OLD}.", history), modality)
    code, text = order
    entries.append({"resourceType": "ServiceRequest", "id": "order-1", "status": "draft",
                    "intent": "order", "subject": {"reference": "Patient/p1"},
                    "code": {"coding": [{"system": "http://www.ama-assn.org/go/cpt",
                                         "code": code}], "text": text}})
    bundle = {"resourceType": "Bundle", "type": "collection",
              "entry": [{"resource": r} for r in entries]}
    cards = RUN(bundle, "order-select")
    assert cards, "no card"
    return str(cards[0][1]["detail"])


def lesion_line(detail: str) -> str:
    line = next(x for x in detail.splitlines() if x.startswith(("**Lesion:**", "**Finding:**")))
    return line.split(":** ", 1)[1].split("; this order", 1)[0]


def silent_line(detail: str) -> str:
    return next((x.strip() for x in detail.splitlines()
                 if x.strip().startswith("The MRI of ")), "")


THIGH = "MRI THIGH LEFT WITHOUT AND WITH CONTRAST"
VASTUS = (THIGH, "Muscles: A 6.4 x 4.1 x 3.8 cm intramuscular mass in the left vastus medialis "
          "contains coarse calcification, dark on all sequences.",
          "Calcified intramuscular left vastus medialis mass, 6.4 cm.")
THIGH_BIOPSY = ("20206", "US GUIDED CORE BX LT THIGH MASS")
KIDNEY = ("MRI ABDOMEN WITHOUT AND WITH CONTRAST",
          "Kidneys: A 2.8 cm solid enhancing mass in the upper pole of the left kidney contains "
          "punctate calcification.", "Solid left renal mass with punctate calcification, 2.8 cm.")
CT_ABDOMEN = ("74160", "CT ABDOMEN W CONTRAST")
GLUTEAL = ("MRI PELVIS WITHOUT AND WITH CONTRAST",
           "Muscles: A 5.6 cm heterogeneous mass within the right gluteus medius muscle contains "
           "chunky foci of calcification.", "Calcified right gluteus medius mass, 5.6 cm.")
CT_PELVIS = ("72193", "CT PELVIS W IV CONTRAST")
PANCREAS = ("MRI ABDOMEN WITHOUT AND WITH CONTRAST",
            "Pancreas: A 3.1 cm cystic lesion in the pancreatic tail has a thin rim of peripheral "
            "calcification.", "Pancreatic tail cystic lesion with peripheral calcification.")
PARASPINAL = ("MRI LUMBAR SPINE WITHOUT AND WITH CONTRAST",
              "Paraspinal soft tissues: A 4.5 cm mass in the right paraspinal muscles at L3 "
              "contains amorphous calcification.", "Calcified right paraspinal mass, 4.5 cm.")
PARASPINAL_BIOPSY = ("20206", "CT GUIDED CORE BIOPSY RT PARASPINAL MASS")


NECK = "MRI NECK WITHOUT AND WITH CONTRAST"
NODE = (NECK, "Lymph nodes: A 14 mm right level IV lymph node contains punctate calcification.",
        "Calcified right level IV lymph node, 14 mm.")
NODE_FNA = ("10005", "US GUIDED FNA RT NECK LYMPH NODE")


# --- P11.59: the newest measurement of the same structure ----------------------------------

SIZED = [
    (VASTUS, (THIGH, "Muscles: The left vastus medialis mass now measures 7.0 x 4.5 x 4.0 cm, "
              "previously 6.4 cm. Its enhancement is unchanged.",
              "Enlarging left vastus medialis mass."), THIGH_BIOPSY,
     f"left vastus medialis mass (70 mm {ON})"),
    (KIDNEY, ("MRI ABDOMEN WITHOUT AND WITH CONTRAST",
              "Kidneys: The left renal upper pole mass has grown to 3.4 cm from 2.8 cm. The right "
              "kidney is normal.", "Growing left renal mass, 3.4 cm."), CT_ABDOMEN,
     f"left upper pole renal mass (34 mm {ON})"),
    (GLUTEAL, ("MRI PELVIS WITHOUT AND WITH CONTRAST",
               "Muscles: After chemotherapy the right gluteus medius mass has decreased to 3.9 x "
               "3.0 cm (5.6 cm before).", "Treated right gluteus medius mass, smaller."),
     CT_PELVIS, f"right gluteus medius mass (39 mm {ON})"),
    (PANCREAS, ("MRI ABDOMEN WITHOUT AND WITH CONTRAST",
                "Pancreas: The cystic lesion of the pancreatic tail measures 3.8 cm (previously "
                "3.1 cm). No duct dilatation.", "Enlarging pancreatic tail cystic lesion."),
     CT_ABDOMEN, f"pancreatic tail cystic lesion (38 mm {ON})"),
    # the Impression alone measures it now
    # a second mass is another one: the first is the structure
    (VASTUS, (THIGH, "Muscles: The left vastus medialis mass measures 7.0 cm. A second left "
              "vastus medialis mass measures 2.5 cm.", "Two left vastus medialis masses."),
     THIGH_BIOPSY, f"left vastus medialis mass (70 mm {ON})"),
    (NODE, (NECK, "Lymph nodes: The right level IV node now measures 18 mm (previously 14 mm). "
            "A 6 mm right level II node.", "Enlarging right level IV lymph node."), NODE_FNA,
     f"right level IV lymph node (18 mm {ON})"),
    (PARASPINAL, ("MRI LUMBAR SPINE WITHOUT AND WITH CONTRAST",
                  "Paraspinal soft tissues: The right paraspinal mass at L3 is again seen with "
                  "heterogeneous enhancement.", "Enlarging right paraspinal mass, now 5.2 cm."),
     PARASPINAL_BIOPSY, f"right paraspinal mass (52 mm {ON})"),
]


@pytest.mark.parametrize(("older", "newer", "order", "name"), SIZED)
def test_the_card_gives_the_newer_mris_measurement(older: tuple[str, str, str],
                                                    newer: tuple[str, str, str],
                                                    order: tuple[str, str], name: str) -> None:
    detail = card(older, newer, order)
    assert lesion_line(detail) == name
    assert f", {OLD}, " in detail  # the calcification is still the older MRI's statement


VASTUS_SIZE = "left vastus medialis mass (64 mm)"
SIZE_GUARDS = [
    # the other side's mass
    (VASTUS, ("MRI THIGH RIGHT WITHOUT AND WITH CONTRAST", "Muscles: A 2.0 cm mass in the right "
              "vastus medialis.", "Right vastus medialis mass."), "MR"),
    # another structure of the same thigh
    (VASTUS, (THIGH, "Muscles: A 12 mm lipoma in the left vastus lateralis.",
              "Small left vastus lateralis lipoma."), "MR"),
    # a part's size
    (VASTUS, (THIGH, "Muscles: The enhancing nodular component of the left vastus medialis mass "
              "measures 2.1 cm.", "Left vastus medialis mass with an enhancing component."), "MR"),
    # a new lesion beside it
    (VASTUS, (THIGH, "Muscles: A new 15 mm nodule in the left vastus medialis, separate from the "
              "known mass.", "New left vastus medialis nodule."), "MR"),
    # two measurements that disagree, neither against the earlier one
    (VASTUS, (THIGH, "Muscles: The left vastus medialis mass measures 7.0 cm.",
              "Left vastus medialis mass, 2.5 cm."), "MR"),
    # a newer ultrasound is no MRI (P12, P13 read it)
    (VASTUS, ("US THIGH LEFT", "The left vastus medialis mass measures 7.0 cm.",
              "Left vastus medialis mass."), "US"),
]


@pytest.mark.parametrize(("older", "newer", "modality"), SIZE_GUARDS)
def test_guards_keep_the_older_size(older: tuple[str, str, str], newer: tuple[str, str, str],
                                    modality: str) -> None:
    assert lesion_line(card(older, newer, THIGH_BIOPSY, modality)) == VASTUS_SIZE


def test_another_node_of_the_neck_is_not_the_calcified_one() -> None:
    newer = (NECK, "Lymph nodes: A 9 mm right level III lymph node.", "Small right level III node.")
    assert lesion_line(card(NODE, newer, NODE_FNA)) == "right level IV lymph node (14 mm)"


def test_the_same_size_on_the_newer_mri_is_said_once() -> None:
    newer = (THIGH, "Muscles: The left vastus medialis mass is unchanged at 6.4 cm.",
             "Stable left vastus medialis mass.")
    detail = card(VASTUS, newer, THIGH_BIOPSY)
    assert lesion_line(detail) == VASTUS_SIZE
    assert silent_line(detail).startswith(f"The MRI of {NEW} describes the mass")


def test_a_single_mri_keeps_its_size_and_says_nothing_of_a_newer_one() -> None:
    detail = card(VASTUS, None, THIGH_BIOPSY)
    assert lesion_line(detail) == VASTUS_SIZE
    assert not silent_line(detail)


# --- P11.60: the newer MRI describes the structure and does not mention the mineral --------

SHOULDER = "MRI SHOULDER RIGHT WITHOUT CONTRAST"
SUPRASPINATUS = (SHOULDER, "Rotator cuff: A 14 mm focus of low signal on all sequences in the "
                 "right supraspinatus tendon, consistent with calcific tendinitis.",
                 "Calcific tendinitis of the supraspinatus.")
SHOULDER_MRI = ("73221", "MR SHOULDER RT WO")
GLUTEUS = ("MRI HIP LEFT WITHOUT CONTRAST",
           "Tendons: A 9 mm calcific deposit lies in the left gluteus medius tendon at the "
           "greater trochanter.", "Calcific tendinopathy of the gluteus medius.")
HIP_MRI = ("73721", "MRI HIP LT WO CONTRAST")

SILENT = [
    (SUPRASPINATUS, (SHOULDER, "Rotator cuff: The supraspinatus tendon shows mild tendinosis "
                     "without a tear. The infraspinatus is normal.", "Mild supraspinatus "
                     "tendinosis."), SHOULDER_MRI,
     f"The MRI of {NEW} describes the tendon and does not mention the deposit."),
    (GLUTEUS, ("MRI HIP LEFT WITHOUT CONTRAST", "Tendons: The left gluteus medius tendon is "
               "thickened with intermediate signal, no tear.", "Gluteus medius tendinopathy."),
     HIP_MRI, f"The MRI of {NEW} describes the tendon and does not mention the deposit."),
    (VASTUS, (THIGH, "Muscles: The left vastus medialis mass now measures 7.0 x 4.5 x 4.0 cm, "
              "previously 6.4 cm.", "Enlarging left vastus medialis mass."), THIGH_BIOPSY,
     f"The MRI of {NEW} describes the mass and does not mention the calcification."),
    (KIDNEY, ("MRI ABDOMEN WITHOUT AND WITH CONTRAST", "Kidneys: The left renal upper pole mass is "
              "unchanged in size and enhancement.", "Stable left renal mass."), CT_ABDOMEN,
     f"The MRI of {NEW} describes the mass and does not mention the calcification."),
    (PANCREAS, ("MRI ABDOMEN WITHOUT AND WITH CONTRAST", "Pancreas: The pancreatic tail cystic "
                "lesion is stable. No duct dilatation.", "Stable pancreatic tail cystic lesion."),
     CT_ABDOMEN,
     f"The MRI of {NEW} describes the lesion and does not mention the calcification."),
]


@pytest.mark.parametrize(("older", "newer", "order", "said"), SILENT)
def test_the_card_says_the_newer_mri_names_no_mineral(older: tuple[str, str, str],
                                                       newer: tuple[str, str, str],
                                                       order: tuple[str, str], said: str) -> None:
    detail = card(older, newer, order)
    assert silent_line(detail) == said
    assert f", {OLD}, " in detail


SILENT_GUARDS = [
    # the other side's tendon
    (SUPRASPINATUS, ("MRI SHOULDER LEFT WITHOUT CONTRAST", "Rotator cuff: The left supraspinatus "
                     "tendon shows mild tendinosis.", "Left supraspinatus tendinosis."), "MR",
     "Follow-up."),
    # another tendon only
    (SUPRASPINATUS, (SHOULDER, "Rotator cuff: The infraspinatus and subscapularis tendons are "
                     "normal.", "Normal rotator cuff."), "MR", "Follow-up."),
    # the structure named only in the history
    (SUPRASPINATUS, (SHOULDER, "Bones: No fracture. Joint: Small effusion.", "Small effusion."),
     "MR", "Right supraspinatus tendon pain for a year."),
    # a newer radiograph is no MRI
    (SUPRASPINATUS, ("XR SHOULDER RIGHT 2 VIEWS", "The supraspinatus tendon region is "
                     "unremarkable.", "No acute finding."), "DX", "Follow-up."),
]


@pytest.mark.parametrize(("older", "newer", "modality", "history"), SILENT_GUARDS)
def test_guards_say_nothing_of_a_newer_mri(older: tuple[str, str, str],
                                           newer: tuple[str, str, str], modality: str,
                                           history: str) -> None:
    assert not silent_line(card(older, newer, SHOULDER_MRI, modality, history))
