"""Places of the one anatomy table (data/anatomy.json) a radiologist names (issue 17, review
round 6): the hollow viscera (P2.24), a vessel or bowel loop named only to locate a mass
(P2.25), named bursae at their joint (P2.26), the long toe muscles by abbreviation and the sides
of the abdominal wall (P2.27), the calcaneus on ankle and foot radiographs (P2.28)."""

from __future__ import annotations

import pytest

from cds_service.core import anatomy, rules
from cds_service.core.cards import render
from cds_service.core.reading import read_report
from tests.test_card_names import LIBRARY, card_detail, lesion_line
from tests.test_order_catalog import leads, mri, read
from tests.test_prior_imaging import study


def sites(text: str, title: str = "MRI") -> list[tuple[str, str | None, str | None]]:
    return [(s.kind, s.site, s.side) for s in read_report(mri(text, title)).findings.structures]


# --------------------------------------------------------------------------- P2.24 viscera

VISCERA = [
    ("FINDINGS:\nAppendix: A 6.4 x 3.0 cm tubular cystic structure arising from the cecal base "
     "has curvilinear mural calcification, dark on all sequences.\nIMPRESSION: 6.4 cm appendiceal "
     "mucocele with curvilinear mural calcification.", "appendix"),
    ("FINDINGS: Stomach: A 6.3 cm exophytic gastric body mass contains coarse calcifications, "
     "dark on all sequences.", "stomach"),
    ("FINDINGS: A 3.1 cm enhancing mass of the terminal ileum contains punctate calcification.",
     "small-bowel"),
    ("FINDINGS: A 2.2 cm submucosal mass of the duodenal bulb contains a coarse calcification.",
     "duodenum"),  # P15.20
    ("FINDINGS: A 2.8 cm spiculated mesenteric mass has coarse central calcification.",
     "mesentery"),
    ("FINDINGS: A 4 cm mass of the sigmoid colon contains stippled calcifications.", "colon"),
    ("FINDINGS: A 3.5 cm calcified mass arises in the caecum.", "colon"),
    ("IMPRESSION: Calcified 3 cm omental mass.", "omentum"),
]


@pytest.mark.parametrize(("text", "site"), VISCERA)
def test_a_hollow_viscus_is_a_place(text: str, site: str) -> None:
    assert [s[1] for s in sites(text, "MRI ABDOMEN AND PELVIS")] == [site]
    assert anatomy.site_regions(site) & {"abdomen", "pelvis"}


@pytest.mark.parametrize(("text", "site"), VISCERA)
def test_a_calcified_viscus_mass_is_named_by_its_organ_before_a_contrast_ct(
        text: str, site: str) -> None:
    title = "MRI ABDOMEN AND PELVIS"
    assert leads(text, "CT ABD/PELV W CONT", title=title) == ["contrast-ct-noncontrast-first"]
    name = lesion_line(card_detail(text, title, "CT ABD/PELV W CONT"))
    assert not name.startswith("abdomen"), name


@pytest.mark.parametrize("reason", ["Colon cancer surveillance, rising CEA",
                                    "gastric cancer staging", "appendiceal neoplasm follow-up",
                                    "sigmoid diverticulitis follow-up", "bowel wall thickening"])
def test_an_order_reason_naming_a_viscus_keeps_the_order_about_the_abdomen(reason: str) -> None:
    """The viscera are read in reports only: an order's reason naming one ("colon cancer
    surveillance") is its indication, not a target away from the calcified liver lesion."""
    text = ("FINDINGS: Liver: Again seen is the 2.9 cm segment 6 lesion with coarse central "
            "calcification, consistent with a sclerosed hemangioma.")
    assert leads(text, "CT ABD W/ IV CONTRAST", reasonCode=[{"text": reason}],
                 title="MRI ABDOMEN") == ["contrast-ct-noncontrast-first"]


def test_a_primary_named_for_a_metastasis_is_not_its_place() -> None:
    assert sites("FINDINGS: The 3.1 cm treated colon cancer metastasis in segment 7 of the "
                 "liver has coarse internal calcification.", "MRI ABDOMEN") == [
        ("mass", "liver", None)]


# --------------------------------------------------------------------------- P2.25 landmarks

@pytest.mark.parametrize(("text", "title", "site", "side"), [
    ("FINDINGS: There is a 5.2 x 4.0 cm subfascial mass of the right femoral triangle, deep to "
     "the fascia lata and medial to the femoral vein, containing clustered punctate foci of "
     "signal void with blooming that represent calcifications.", "MRI RIGHT HIP AND GROIN",
     "groin", "right"),
    ("FINDINGS: A 3.6 cm mass in the left adductor canal, adjacent to the superficial femoral "
     "artery, contains punctate calcifications.", "MRI LEFT THIGH", "thigh", "left"),
    ("FINDINGS: A 4.1 cm mass in the medial right arm lies adjacent to the brachial artery and "
     "contains coarse calcifications.", "MRI", "arm", "right"),
    ("FINDINGS: A 2.9 cm mass of the right supraclavicular fossa, posterior to the internal "
     "jugular vein, contains a coarse calcification.", "MRI", "neck", "right"),
    ("FINDINGS: A 5 cm calcified retroperitoneal mass lies to the right of and abutting the "
     "inferior vena cava.", "MRI", "retroperitoneum", "right"),
    ("FINDINGS: A 3 cm mass in the left calf, adjacent to the posterior tibial vessels, "
     "contains calcification.", "MRI", "leg", "left"),
    ("FINDINGS: A 3.8 cm mass in the right groin encasing the femoral vessels contains coarse "
     "calcifications.", "MRI", "groin", "right"),
    ("FINDINGS: A 4 cm mass of the left obturator internus, medial to the external iliac "
     "vessels, contains punctate calcifications.", "MRI PELVIS", "pelvis", "left"),
    ("FINDINGS: A 3.2 cm mass of the left sternocleidomastoid, anterior to the carotid, "
     "contains coarse calcification.", "MRI NECK", "neck", "left"),
])
def test_a_vessel_named_to_locate_a_mass_is_not_its_place(text: str, title: str, site: str,
                                                          side: str) -> None:
    assert sites(text, title) == [("mass", site, side)]


def test_the_femoral_triangle_mass_is_named_by_its_place() -> None:
    text = ("FINDINGS:\nGroin: There is a 5.2 x 4.0 cm subfascial mass of the right femoral "
            "triangle, deep to the fascia lata and medial to the femoral vein, containing "
            "clustered punctate foci of signal void with blooming on GRE that represent "
            "calcifications.\nIMPRESSION:\n1. 5.2 cm deep calcified mass of the right femoral "
            "triangle, indeterminate; tissue sampling recommended.")
    name = lesion_line(card_detail(text, "MRI RIGHT HIP AND GROIN", "US GUIDED CORE BX RT GROIN "
                                   "MASS"))
    assert "vein" not in name and name.startswith("right femoral triangle"), name


@pytest.mark.parametrize(("text", "title", "kind"), [
    ("FINDINGS: Atherosclerotic calcification of the popliteal artery wall.", "MRI LEFT KNEE",
     "incidental"),
    ("FINDINGS: A 2.4 cm calcified aneurysm of the right popliteal artery.", "MRI RIGHT KNEE",
     "vessel"),
])
def test_a_vessel_s_own_calcification_stays_the_vessel_s(text: str, title: str,
                                                        kind: str) -> None:
    assert [(k, s) for k, s, _ in sites(text, title)] == [(kind, "vessels")]


@pytest.mark.parametrize(("text", "site"), [
    ("Lymph nodes: A 9 mm peripancreatic node adjacent to the duodenum contains a central "
     "focus of signal void, consistent with calcification.", "lymph-node"),
    ("Right adnexa: The solid right ovarian mass measures 5.9 cm. A punctate low-signal focus "
     "at its margin reflects susceptibility from adjacent sigmoid gas; no calcification.",
     "adnexa"),
])
def test_a_bowel_loop_beside_a_mass_or_node_is_not_its_place(text: str, site: str) -> None:
    assert {s[1] for s in sites("FINDINGS:\n" + text, "MRI ABDOMEN AND PELVIS")} == {site}


# --------------------------------------------------------------------------- P2.26 bursae

@pytest.mark.parametrize(("text", "title", "site"), [
    ("FINDINGS: A 9 mm calcific deposit lies in the right pes anserine bursa.",
     "MRI RIGHT LOWER EXTREMITY", "knee"),
    ("FINDINGS: A 7 mm calcific deposit lies in the right infrapatellar bursa.",
     "MRI RIGHT LOWER EXTREMITY", "knee"),
    ("FINDINGS: A 12 mm calcific deposit lies in the left iliopsoas bursa.", "MRI PELVIS",
     "hip"),
    ("FINDINGS: A 10 mm calcific deposit lies in the right ischiogluteal bursa.", "MRI PELVIS",
     "buttock"),
    ("FINDINGS: A 9 mm calcific deposit lies in the left retrocalcaneal bursa.",
     "MRI LEFT LOWER EXTREMITY", "ankle"),
    ("FINDINGS: An 11 mm calcific deposit lies in the right greater trochanteric bursa.",
     "MRI PELVIS", "hip"),
])
def test_a_named_bursa_is_at_its_joint(text: str, title: str, site: str) -> None:
    found = sites(text, title)
    assert [(k, s) for k, s, _ in found] == [("tendon", site)]
    assert found[0][2] in ("left", "right")


def test_an_iliopsoas_bursa_deposit_is_the_hip_s_not_the_retroperitoneum_s() -> None:
    text = "FINDINGS: A 12 mm calcific deposit lies in the left iliopsoas bursa."
    assert leads(text, "CT HIP LT W CONTRAST", title="MRI PELVIS") == ["crystal-deposition"]
    assert leads(text, "CT ABDOMEN W CONTRAST", title="MRI PELVIS") == []


# --------------------------------------------------------------------------- P2.27 muscles

def _muscle(muscle: str, side: str = "right") -> str:
    return (f"FINDINGS: A 4.8 x 3.6 cm heterogeneously enhancing intramuscular mass lies within "
            f"the {side} {muscle}. It contains several coarse calcifications, dark on all "
            f"sequences and blooming on GRE.")


@pytest.mark.parametrize("muscle", ["FHL", "FDL", "EHL", "EDL", "FHL muscle"])
def test_a_long_toe_muscle_abbreviation_names_the_leg(muscle: str) -> None:
    assert sites(_muscle(muscle)) == [("mass", "leg", "right")]
    assert leads(_muscle(muscle), "CT RIGHT LOWER EXTREMITY W CONTRAST") == [
        "deep-soft-tissue-mass"]


@pytest.mark.parametrize("muscle", ["rectus abdominis", "external oblique", "internal oblique",
                                    "transversus abdominis", "rectus sheath"])
def test_the_abdominal_wall_keeps_its_side(muscle: str) -> None:
    assert sites(_muscle(muscle, "left")) == [("mass", "abdominal-wall", "left")]
    order = f"US GUIDED CORE BX LT {muscle.upper()} MASS"
    assert leads(_muscle(muscle, "left"), order) == ["deep-soft-tissue-mass"]
    assert leads(_muscle(muscle, "left"), order.replace(" LT ", " RT ")) == []


# --------------------------------------------------------------------------- P2.28 calcaneus

CALCANEUS = ("FINDINGS: A 2.6 cm lobulated lesion of the right calcaneus has chondroid matrix, "
             "rings and arcs of low signal consistent with calcification.\nIMPRESSION: Right "
             "calcaneal chondroid lesion.")


def _labels(xr: str | None) -> list[str]:
    ev = rules.Evidence(reports=(read_report(mri(CALCANEUS, "MRI RIGHT ANKLE")),),
                        studies=(study("DX", "2026-09-01", xr),) if xr else ())
    found = rules.merge(rules.evaluate(read("CT GUIDED BONE BIOPSY RIGHT CALCANEUS"), ev))
    assert [p.lead.rule_id for p in found] == ["bone-lesion-biopsy"]
    return [s.label for s in render(found[0], LIBRARY, patient_id="p1",
                                    new_id=lambda: "id").card.suggestions]


@pytest.mark.parametrize("xr", ["XR RIGHT ANKLE 3 VIEWS", "XR ANKLE RT 2 VIEWS",
                                "XR ANKLE 3V RIGHT", "XR RT ANKLE COMPLETE",
                                "XR RIGHT FOOT 3 VIEWS", "XR RIGHT CALCANEUS 2 VIEWS",
                                "XR HEEL RIGHT"])
def test_ankle_or_foot_radiographs_are_radiographs_of_the_calcaneus(xr: str) -> None:
    assert not any("radiographs" in label for label in _labels(xr))


@pytest.mark.parametrize("xr", [None, "XR LEFT ANKLE 3 VIEWS", "XR RIGHT KNEE 2 VIEWS"])
def test_without_them_calcaneus_radiographs_are_suggested(xr: str | None) -> None:
    assert "Order right calcaneus radiographs two views first" in _labels(xr)


def test_the_calcaneus_is_a_part_of_the_foot_and_of_the_ankle() -> None:
    assert sites(CALCANEUS, "MRI RIGHT ANKLE") == [("bone", "calcaneus", "right")]
    assert anatomy.is_a("calcaneus", "foot") and anatomy.is_a("calcaneus", "ankle")


@pytest.mark.parametrize(("text", "title", "order", "place"), [
    ("FINDINGS:\nAppendix: A 6.4 x 3.0 cm tubular cystic structure arising from the cecal base "
     "has curvilinear mural calcification, dark on all sequences.\nIMPRESSION: 6.4 cm appendiceal "
     "mucocele with curvilinear mural calcification.", "MRI ABDOMEN AND PELVIS",
     "CT ABD/PELV W CONT", "append"),
    ("IMPRESSION: 4.2 cm mucocele of the appendix with mural calcification.",
     "MRI ABDOMEN AND PELVIS", "CT ABD/PELV W CONT", "append"),
    ("IMPRESSION: A 3.1 cm right frontal sinus mucocele with peripheral calcification.",
     "MRI BRAIN", "CT SINUS W CONTRAST", "frontal sinus"),
    ("IMPRESSION: A 2.6 cm left ethmoid mucocele contains curvilinear calcification.",
     "MRI ORBITS", "CT SINUS W CONTRAST", "ethmoid"),
    ("IMPRESSION: A 2.2 cm calcified mucocele of the right maxillary sinus.",
     "MRI FACE", "CT MAXILLOFACIAL W CONTRAST", "maxillary sinus"),
])
def test_a_mucocele_is_a_lesion_and_keeps_its_size(text: str, title: str, order: str,
                                                   place: str) -> None:
    """The size is the mucocele's, never its calcification's ("appendiceal mucocele (64 mm)",
    not "abdomen calcification (64 mm)"; review round 6 unseen9 c1)."""
    line = lesion_line(card_detail(text, title, order))
    size = [w for w in text.split() if w[0].isdigit()][0]
    assert place in line and f"mucocele ({round(float(size) * 10)} mm)" in line, line
