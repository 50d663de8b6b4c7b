"""Issue 17, the rules' side of other modalities and time (docs/matching-policy.md P12.4, P13,
P14.4, P16, P20): which prior imaging silences a structure, bone lesions, and what the card
says its evidence rests on. Findings are built directly where the reader's part is not what
is tested."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core import anatomy, rules
from cds_service.core.card_library import load_library
from cds_service.core.cards import render
from cds_service.core.orders import classify_order
from cds_service.core.reading import Mention, ReportFindings, StudyFacts, TextFindings
from cds_service.core.reading.facts import Structure

LIBRARY = load_library(DEFAULT_CARDS_DIR)
CPT = "http://www.ama-assn.org/go/cpt"


def order(text: str, code: str | None = None, **extra: Any):
    concept: dict[str, Any] = {"text": text}
    if code:
        concept["coding"] = [{"system": CPT, "code": code}]
    return classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                           "intent": "order", "subject": {"reference": "Patient/p1"},
                           "code": concept, **extra})


def _lesion(sentence: str, kind: str) -> str | None:
    """The lesion word the reader would give the clause (P2.5): a bone lesion is one."""
    return "lesion" if kind == "bone" else next(
        (w for w in ("mass", "lesion", "nodule") if w in sentence.lower()), None)


def mention(sentence: str, *, kind: str = "mass", site: str = "thigh", side: str | None = "left",
            seen_on: str | None = None, section: str = "FINDINGS", concept: str = "calcification",
            assertion: str = "affirmed", contexts: frozenset[str] = frozenset()) -> Mention:
    return Mention(sentence=sentence, term="calcification", concept=concept,
                   assertion=assertion,  # type: ignore[arg-type]
                   section=section, site=site, regions=anatomy.site_regions(site),
                   contexts=contexts, differential=(), sentence_sites=frozenset({site}),
                   kind=kind, side=side, lesion=_lesion(sentence, kind),  # type: ignore[arg-type]
                   clause_sites=frozenset({site}), seen_on=seen_on, own=seen_on is None)


def report(*mentions: Mention, modality: str = "MR", date: str = "2026-10-01",
           title: str = "MRI LEFT THIGH WITHOUT AND WITH CONTRAST", ref: str = "mr",
           structures: tuple[Structure, ...] = ()) -> ReportFindings:
    regions = frozenset().union(*(m.regions for m in mentions))
    findings = TextFindings(calcification="present" if mentions else "not mentioned",
                            mentions=mentions, sites=frozenset(m.site for m in mentions if m.site),
                            regions=regions, contexts=frozenset(), structures=structures)
    return ReportFindings(reference=f"DiagnosticReport/{ref}", status="final", date=date,
                          modality=modality, title=title, study_refs=(), findings=findings,
                          regions=regions)


def study(modality: str, date: str, description: str) -> StudyFacts:
    regions = frozenset(r for s in anatomy.sites_in(description) for r in anatomy.site_regions(s))
    return StudyFacts(reference=f"ImagingStudy/{modality}", status="available", date=date,
                      modalities=(modality,), regions=regions, description=description)


def leads(o, *reports: ReportFindings, studies: tuple[StudyFacts, ...] = ()) -> list[str]:
    ev = rules.Evidence(reports=tuple(sorted(reports, key=lambda r: r.date or "", reverse=True)),
                        studies=studies)
    return [p.lead.rule_id for p in rules.merge(rules.evaluate(o, ev))]


def first_card(o, *reports: ReportFindings) -> dict:
    ev = rules.Evidence(reports=reports, studies=())
    problem = rules.merge(rules.evaluate(o, ev))[0]
    return render(problem, LIBRARY, patient_id="p1", new_id=lambda: "id").card.to_json()


SOFT = frozenset({"soft-tissue-mass"})
THIGH_MASS = mention("The left thigh mass contains dense calcification.", contexts=SOFT)
THIGH_BIOPSY = order("US GUIDED CORE BX LT THIGH MASS", "20206")
KNEE = mention("Chondrocalcinosis of the menisci, consistent with CPPD.", kind="joint",
               site="knee", side="right", contexts=frozenset({"crystal-deposition"}))
KNEE_MRI = order("MRI RT KNEE WO", "73721", reasonCode=[{"text": "evaluate for pseudogout"}])
FEMUR = mention("Distal right femoral lesion with ring-and-arc chondroid matrix.", kind="bone",
                side="right", assertion="possible")
FEMUR_BIOPSY = order("BONE BIOPSY RT DISTAL FEMUR LESION", "20225")


# --------------------------------------------------------------------------- P13 adequate


def test_a_later_ultrasound_of_the_same_knee_silences_crystal_deposition() -> None:
    """P13.1: CT or ultrasound for chondrocalcinosis; P13.2(a) with the side of P5.1."""
    mr = report(KNEE, title="MRI RIGHT KNEE WITHOUT CONTRAST", date="2026-08-25")
    assert leads(KNEE_MRI, mr) == ["crystal-deposition"]
    assert leads(KNEE_MRI, mr, studies=(study("US", "2026-09-10", "US RIGHT KNEE"),)) == []
    assert leads(KNEE_MRI, mr, studies=(study("US", "2026-09-10", "US LEFT KNEE"),)) == [
        "crystal-deposition"]
    assert leads(KNEE_MRI, mr, studies=(study("CT", "2026-09-10", "CT LEFT KNEE"),)) == [
        "crystal-deposition"]  # a CT of the other knee did not show this one
    assert leads(KNEE_MRI, mr, studies=(study("US", "2026-08-01", "US RIGHT KNEE"),)) == [
        "crystal-deposition"]  # before the MRI, with no report saying it (P13.3)


def test_radiography_counts_for_named_crystal_deposition_not_for_chondrocalcinosis() -> None:
    dens = mention("Crowned dens: periodontoid calcific deposits, consistent with CPPD.",
                   kind="joint", site="cervical-spine", side=None,
                   contexts=frozenset({"crystal-deposition"}))
    assert rules.XR in rules.adequate(dens)
    assert rules.adequate(KNEE) == {"CT", "US"}
    mr = report(KNEE, title="MRI RIGHT KNEE WITHOUT CONTRAST", date="2026-08-25")
    assert leads(KNEE_MRI, mr, studies=(study("DX", "2026-09-10", "XR RIGHT KNEE"),)) == [
        "crystal-deposition"]


def test_a_later_radiograph_or_ultrasound_does_not_answer_a_soft_tissue_mass() -> None:
    mr = report(THIGH_MASS)
    for later in (study("DX", "2026-10-20", "XR LEFT FEMUR 2 VIEWS"),
                  study("US", "2026-10-20", "US LEFT THIGH")):
        assert leads(THIGH_BIOPSY, mr, studies=(later,)) == ["deep-soft-tissue-mass"]
    assert leads(THIGH_BIOPSY, mr, studies=(study("CT", "2026-10-20", "CT LEFT THIGH"),)) == []


def test_an_echocardiogram_does_not_answer_a_calcified_pericardium() -> None:
    peri = mention("Pericardial thickening with calcification.", kind="heart",
                   site="pericardium", side=None)
    mr = report(peri, title="CARDIAC MRI")
    cmr = order("MRI CARDIAC W WO CONTRAST", "75561")
    echo = report(modality="US", date="2026-10-10", title="ECHOCARDIOGRAM COMPLETE", ref="echo")
    assert leads(cmr, mr, echo, studies=(study("US", "2026-10-10", "ECHO HEART"),)) == [
        "cardiovascular-calcification"]


def test_a_tendon_deposit_shown_on_a_later_ultrasound_report_needs_no_planning_card() -> None:
    deposit = mention("A 15 mm calcific deposit in the supraspinatus tendon.", kind="tendon",
                      site="rotator-cuff", side="right")
    mr = report(deposit, title="MRI RIGHT SHOULDER", date="2026-09-18")
    surgery = order("REMOVAL OF SUBDELTOID CALCAREOUS DEPOSITS, OPEN, RIGHT", "23000")
    assert leads(surgery, mr) == ["surgical-planning"]
    us = report(dataclasses.replace(deposit, sentence="Hyperechoic calcific deposit."),
                modality="US", date="2026-09-25", title="US RIGHT SHOULDER", ref="us")
    assert leads(surgery, mr, us) == []
    assert leads(surgery, mr, dataclasses.replace(us, title="US LEFT SHOULDER")) == [
        "surgical-planning"]


def test_a_mammogram_that_showed_the_calcifications_answers_a_breast_mass() -> None:
    breast = mention("The left breast mass contains punctate calcification.", site="breast")
    mr = report(breast, title="MRI BILATERAL BREASTS")
    biopsy = order("US GUIDED CORE BIOPSY LEFT BREAST MASS", "19083")
    assert leads(biopsy, mr) == ["biopsy-calcified-mass"]
    mg = report(dataclasses.replace(breast, sentence="Grouped calcifications, left breast."),
                modality="MG", date="2026-06-01", title="MAMMOGRAM DIAGNOSTIC LEFT", ref="mg")
    assert leads(biopsy, mr, mg) == []


def test_a_calcification_cited_from_an_adequate_modality_silences_the_structure() -> None:
    """P12.4: the CT the sentence cites was done; the MRI's own restatement of the same
    structure does not bring the card back. An ultrasound is not adequate for a mass."""
    cited = mention("As on the outside CT of March, the mass contains dense calcification.",
                    seen_on="CT", contexts=SOFT)
    assert leads(THIGH_BIOPSY, report(cited, THIGH_MASS)) == []
    by_us = dataclasses.replace(cited, sentence="On the ultrasound the mass had an echogenic "
                                "focus with shadowing.", seen_on="US")
    assert leads(THIGH_BIOPSY, report(by_us)) == ["deep-soft-tissue-mass"]


def test_the_pipeline_reads_the_prior_modalities_the_structures_need() -> None:
    """Rule.validated: what each rule reads; the record reads an ultrasound or radiograph only
    when a mentioned structure may have been shown by one (P13.1)."""
    assert rules.prior_modalities([report(THIGH_MASS)]) == {"CT"}
    assert rules.prior_modalities([report(KNEE)]) == {"CT", "US"}
    assert {"CT", "DX", "CR"} <= rules.prior_modalities([report(FEMUR)])
    assert rules.prior_modalities([report(THIGH_MASS, modality="CT")]) == frozenset()
    by_rule = {r.id: r.validated for r in rules.RULES}
    assert by_rule["bone-lesion-biopsy"] == {"CT", "XR"}
    assert by_rule["crystal-deposition"] == {"CT", "US", "XR"}


# --------------------------------------------------------------------------- P14.4


def test_a_newer_report_that_says_the_calcification_is_gone_speaks_for_the_structure() -> None:
    adrenal = mention("2.8 cm right adrenal lesion with punctate calcification.",
                      site="adrenal", side="right", section="IMPRESSION")
    old = report(adrenal, date="2025-05-10", title="MRI ABDOMEN", ref="old")
    ct = order("CT ABDOMEN W CONTRAST", "74160")
    silent_newer = report(date="2026-10-02", title="MRI ABDOMEN", ref="new")
    assert leads(ct, old, silent_newer) == ["contrast-ct-noncontrast-first"]  # silence is not
    gone = Structure(kind="mass", site="abdomen", side=None, size_mm=None, mineral="absent")
    assert leads(ct, old, dataclasses.replace(
        silent_newer, findings=dataclasses.replace(silent_newer.findings,
                                                   structures=(gone,)))) == []
    other = Structure(kind="mass", site="kidney", side="left", size_mm=None, mineral="absent")
    assert leads(ct, old, dataclasses.replace(
        silent_newer, findings=dataclasses.replace(silent_newer.findings,
                                                   structures=(other,)))) == [
        "contrast-ct-noncontrast-first"]


def test_the_record_validates_a_later_ultrasound_only_where_a_structure_needs_it() -> None:
    """A later ultrasound report that is not valid R4 (a performer that is not a reference):
    validated and counted for the knee of the CPPD (it could silence, P13.1), never read for the
    flank mass (an ultrasound cannot silence it)."""
    from tests.conftest import hook_body
    from tests.test_pipeline_cold import _call

    def with_later_us(name: str, patient: str, title: str) -> dict:
        body = hook_body(name)
        body["prefetch"]["diagnosticReports"]["entry"].append({"resource": {
            "resourceType": "DiagnosticReport", "id": "us-later", "status": "final",
            "code": {"text": title}, "subject": {"reference": f"Patient/{patient}"},
            "effectiveDateTime": "2026-11-01", "conclusion": "Echogenic deposits.",
            "performer": [{"reference": 7}]}})
        return body

    knee = _call(with_later_us("crystal-deposition-knee-mri-again.json", "p-cppd",
                               "US left knee"))
    assert knee.invalid["DiagnosticReport"] == 1
    assert [c.rule_id for c in knee.cards] == ["crystal-deposition"]
    flank = _call(with_later_us("deep-mass-flank-biopsy.json", "p-flank", "US abdomen"))
    assert not flank.invalid and [c.rule_id for c in flank.cards] == ["deep-soft-tissue-mass"]


# --------------------------------------------------------------------------- P20 evidence


def test_the_card_names_modality_report_date_and_section_of_its_evidence() -> None:
    card = first_card(THIGH_BIOPSY, report(THIGH_MASS))
    assert card["summary"].startswith("Calcified deep soft-tissue mass on MRI (2026-10-01)")
    assert card["detail"].startswith(
        "**MRI LEFT THIGH WITHOUT AND WITH CONTRAST**, 2026-10-01, Findings:")
    addendum = dataclasses.replace(THIGH_MASS, section="ADDENDUM")
    untitled = report(addendum, title="Left thigh without and with contrast")
    assert first_card(THIGH_BIOPSY, untitled)["detail"].startswith(
        "**MRI Left thigh without and with contrast**, 2026-10-01, Addendum:")


def test_another_modality_s_finding_is_never_called_mri() -> None:
    """P20.1: "radiograph, cited in MRI left calf 2026-10-05, Comparison"; the radiograph's own
    date, written at its name, first (P20.5)."""
    cited = mention("Radiographs of 2026-09-30 show amorphous mineralization in the calf mass.",
                    site="leg", seen_on="XR", section="COMPARISON", contexts=SOFT)
    calf = report(cited, title="MRI LEFT LOWER LEG WITHOUT AND WITH CONTRAST", date="2026-10-05")
    card = first_card(order("US GUIDED CORE BX LT CALF MASS", "20206"), calf)
    assert card["summary"].startswith("Calcification on radiograph (cited in MRI 2026-10-05)")
    assert card["detail"].splitlines()[0] == (
        "**Radiograph** of 2026-09-30, cited in MRI LEFT LOWER LEG WITHOUT AND WITH CONTRAST, "
        "2026-10-05, Comparison:")
    assert "on radiograph or MRI findings alone" in card["detail"]
    reasons = [a["resource"]["reasonCode"][0]["text"] for s in card["suggestions"]
               for a in s["actions"] if a.get("resource")]
    assert reasons == ["Characterize calcification reported on radiograph (cited in MRI "
                       "2026-10-05)"]
    text = card["summary"] + card["detail"]
    assert "prior mri" not in text.lower() and "MRI (2026" not in text



def test_other_statements_are_listed_once_and_say_where_they_are() -> None:
    """A report that states the finding in its Findings and its Impression is one report: the
    footer never lists it as another MRI report (corpus MPX1154); an older report is named."""
    impression = dataclasses.replace(THIGH_MASS, sentence="Calcified left thigh mass.",
                                     section="IMPRESSION")
    older = report(THIGH_MASS, date="2025-03-02", ref="old")
    detail = first_card(THIGH_BIOPSY, report(THIGH_MASS, THIGH_MASS, impression), older)["detail"]
    assert "Other MRI reports" not in detail
    assert ('- this report, Impression: "Calcified left thigh mass."' in detail)
    assert ('- MRI LEFT THIGH WITHOUT AND WITH CONTRAST, 2025-03-02, Findings: "The left thigh '
            'mass contains dense calcification."' in detail)
    assert detail.count("The left thigh mass contains dense calcification.") == 2

# --------------------------------------------------------------------------- P16 bone lesions


def test_a_bone_lesion_gets_the_bone_biopsy_warning_and_no_soft_tissue_card() -> None:
    """P16.2: only bone-lesion-biopsy before its biopsy, worded for a bone lesion, never the
    soft-tissue wording or its "mandatory" force; no contrast-CT, MRI or ossification card."""
    mr = report(FEMUR, title="MRI RIGHT FEMUR WITHOUT AND WITH CONTRAST", date="2026-10-07")
    assert leads(FEMUR_BIOPSY, mr) == ["bone-lesion-biopsy"]
    card = first_card(FEMUR_BIOPSY, mr)
    assert card["indicator"] == "warning"
    assert "bone lesion" in card["summary"] and "**Lesion:** lesion of the right femur" in card[
        "detail"]
    text = (card["summary"] + card["detail"]).lower()
    assert "soft-tissue" not in text and "soft tissue" not in text and "mandatory" not in text
    osteoid = dataclasses.replace(FEMUR, concept="ossification", assertion="affirmed",
                                  contexts=frozenset({"ossification-vs-calcification"}))
    for o in (order("CT RT FEMUR W CONTRAST", "73701"),
              order("MRI RT FEMUR W WO", "73720", reasonCode=[{"text": "characterize lesion"}])):
        assert leads(o, mr) == [] and leads(o, report(osteoid)) == []
    assert leads(FEMUR_BIOPSY, report(osteoid)) == ["bone-lesion-biopsy"]
    lytic = dataclasses.replace(FEMUR, assertion="negated")
    assert leads(FEMUR_BIOPSY, report(lytic)) == []  # no matrix, no card (P16.3)
    marrow = order("BONE MARROW BIOPSY, RIGHT POSTERIOR ILIAC CREST", "38221")
    assert leads(marrow, mr) == []


def test_radiographs_or_ct_that_showed_the_matrix_silence_the_bone_lesion() -> None:
    """P16.2 with the bone row of P13.1: a radiograph report of any date stating the matrix, a
    radiograph or CT study after the MRI; an earlier radiograph without it does not."""
    mr = report(FEMUR, title="MRI RIGHT FEMUR WITHOUT AND WITH CONTRAST", date="2026-10-07")
    matrix = report(dataclasses.replace(FEMUR, sentence="Ring-and-arc chondroid matrix.",
                                        assertion="affirmed"),
                    modality="DX", date="2026-09-28", title="XR RIGHT FEMUR 2 VIEWS", ref="xr")
    assert leads(FEMUR_BIOPSY, mr, matrix) == []
    lucent = report(modality="DX", date="2026-09-28", title="XR RIGHT FEMUR 2 VIEWS", ref="xr")
    assert leads(FEMUR_BIOPSY, mr, lucent) == ["bone-lesion-biopsy"]
    for later in (study("DX", "2026-10-09", "XR RIGHT FEMUR 2 VIEWS"),
                  study("CT", "2026-10-09", "CT RIGHT FEMUR")):
        assert leads(FEMUR_BIOPSY, mr, studies=(later,)) == []
    assert leads(FEMUR_BIOPSY, mr, studies=(study("DX", "2026-10-09", "XR LEFT FEMUR"),)) == [
        "bone-lesion-biopsy"]
    cited = dataclasses.replace(FEMUR, sentence="Radiographs show chondroid matrix.",
                                seen_on="XR", section="COMPARISON")
    assert leads(FEMUR_BIOPSY, report(cited, FEMUR)) == []


def test_the_bone_card_offers_radiographs_of_the_part_when_none_is_on_record() -> None:
    """P16.2: radiographs (or CT) show a bone lesion's matrix; with no radiograph of the part
    on record the recommended suggestion is radiographs of that bone and side, CT second; a
    radiograph of another part (the knee for a femoral lesion) is not one of the bone; with
    one of the bone on record (it did not show the matrix) CT is what is left."""
    mr = report(FEMUR, title="MRI RIGHT FEMUR WITHOUT AND WITH CONTRAST", date="2026-10-07")

    def suggested(*studies: StudyFacts) -> list[tuple[str, str]]:
        ev = rules.Evidence(reports=(mr,), studies=studies)
        (problem,) = rules.merge(rules.evaluate(FEMUR_BIOPSY, ev))
        card = render(problem, LIBRARY, patient_id="p1", new_id=lambda: "id").card.to_json()
        return [(a["resource"]["code"]["coding"][0]["code"], a["resource"]["code"]["text"])
                for s in card["suggestions"] for a in s["actions"]]

    femur_xr = ("73552", "femur radiographs two views, right")
    ct = ("73700", "CT lower extremity without contrast, right")
    assert suggested() == [femur_xr, ct]
    assert suggested(study("DX", "2024-05-01", "XR RIGHT KNEE 3 VIEWS")) == [femur_xr, ct]
    assert suggested(study("DX", "2026-09-28", "XR RIGHT FEMUR 2 VIEWS")) == [ct]
    assert suggested(study("DX", "2026-09-28", "XR LEFT FEMUR 2 VIEWS")) == [femur_xr, ct]
    soft = first_card(THIGH_BIOPSY, report(THIGH_MASS))  # a soft-tissue mass: CT only
    assert [s["label"] for s in soft["suggestions"]] == [  # its side (P11.8)
        "Order CT left lower extremity without contrast first"]


@pytest.mark.parametrize(("sentence", "title", "radiograph", "counts"), [
    # a lesion at a bone's end is on the radiographs of the joint there
    ("Lesion of the distal right femoral metaphysis with ring-and-arc chondroid matrix.",
     "MRI RIGHT KNEE", "XR RIGHT KNEE 3 VIEWS", True),
    ("Lesion of the distal right femoral metaphysis with ring-and-arc chondroid matrix.",
     "MRI RIGHT FEMUR", "XR KNEE RIGHT 3 VIEWS (OUTSIDE)", True),
    ("A 3 cm lesion of the distal right femoral epiphysis with chondroid matrix.",
     "MRI RIGHT FEMUR", "XR RIGHT KNEE 2 VIEWS", True),
    # a metaphysis named with no end: the end the MRI imaged (a knee MRI)
    ("Lesion of the right femoral metaphysis with chondroid matrix.", "MRI RIGHT KNEE",
     "XR RIGHT KNEE 2 VIEWS", True),
    ("Lesion of the right femoral metaphysis with chondroid matrix.", "MRI RIGHT KNEE",
     "XR RIGHT HIP 2 VIEWS", False),
    # the other end, the shaft, a lesion placed only "distal", the other side: not covered
    ("Lesion of the proximal right femoral metaphysis with chondroid matrix.",
     "MRI RIGHT FEMUR", "XR RIGHT KNEE 2 VIEWS", False),
    ("Lesion of the distal right femoral metadiaphysis with chondroid matrix.",
     "MRI RIGHT FEMUR", "XR RIGHT KNEE 2 VIEWS", False),
    ("Lesion of the right femoral diaphysis with chondroid matrix.", "MRI RIGHT FEMUR",
     "XR RIGHT KNEE 2 VIEWS", False),
    ("Distal right femoral lesion with ring-and-arc chondroid matrix.", "MRI RIGHT FEMUR",
     "XR RIGHT KNEE 2 VIEWS", False),
    ("Lesion of the distal right femoral metaphysis with chondroid matrix.", "MRI RIGHT KNEE",
     "XR LEFT KNEE 2 VIEWS", False),
])
def test_radiographs_of_the_joint_at_a_bone_s_end_show_a_lesion_there(
        sentence: str, title: str, radiograph: str, counts: bool) -> None:
    """P16.9 (review round 4, k3): knee radiographs on record show a lesion of the distal
    femoral metaphysis, epiphysis or condyle (the joint at that end of the bone, `bone_ends` of
    the anatomy table; a metaphysis named with no end lies at the joint the MRI imaged), so the
    card offers CT, not femur radiographs; not a lesion of the shaft or metadiaphysis, one placed
    only "distal", the other end, or the other side."""
    lesion = mention(sentence, kind="bone", side="right", assertion="possible")
    ev = rules.Evidence(reports=(report(lesion, title=f"{title} WITHOUT AND WITH CONTRAST"),),
                        studies=(study("DX", "2024-05-01", radiograph),))
    (problem,) = rules.merge(rules.evaluate(FEMUR_BIOPSY, ev))
    card = render(problem, LIBRARY, patient_id="p1", new_id=lambda: "id").card.to_json()
    codes = [a["resource"]["code"]["coding"][0]["code"]
             for x in card["suggestions"] for a in x["actions"]]
    assert codes == (["73700"] if counts else ["73552", "73700"]), card["detail"]


def test_an_angiogram_is_never_changed_into_a_routine_ct() -> None:
    """P11.1: a CT angiogram ordered about the mass (vascular mapping) keeps its arterial
    acquisition; the noncontrast CT is added beside it, never by rewriting the CTA."""
    mr = report(THIGH_MASS)
    cta = order("CTA LT THIGH", "73706",
                reasonCode=[{"text": "Left thigh mass, preoperative vascular mapping"}])
    card = first_card(cta, mr)
    assert [(s["isRecommended"], [a["type"] for a in s["actions"]])
            for s in card["suggestions"]] == [(True, ["create"])]
    assert "without and with" not in card["detail"]
    plain = first_card(order("CT LT THIGH W CONTRAST", "73701"), mr)
    assert [a["type"] for a in plain["suggestions"][0]["actions"]] == ["update"]


def test_a_coronary_cta_s_own_noncontrast_acquisition_is_the_suggested_study() -> None:
    """P11.2: a calcified infarct before a cardiac MRI gets a noncontrast chest CT; before a
    coronary CTA, whose protocol's noncontrast (calcium-score) acquisition images the whole
    heart, the suggestion is that acquisition, not a separate chest CT."""
    infarct = report(mention("Old inferior infarct with calcification.", kind="heart",
                             site="myocardium", side=None), title="MRI CARDIAC")

    def region(o) -> str | None:
        ev = rules.Evidence(reports=(infarct,), studies=())
        (problem,) = rules.merge(rules.evaluate(o, ev))
        return problem.lead.ct_region

    assert region(order("MRI CARDIAC W WO", "75561")) == "chest"
    assert region(order("CTA CORONARY ARTERIES W CONTRAST", "75574")) == "cardiac"


def test_the_statement_that_names_its_structure_leads_the_card() -> None:
    """P20.2: within the driving report the first statement that names its structure leads; a
    sentence that refers back ("It contains …") is listed, not quoted first."""
    it = mention("It is T2 heterogeneous and contains scattered calcifications.", contexts=SOFT)
    named = mention("5.8 cm heterogeneous calcified mass of the left thigh.", contexts=SOFT,
                    section="IMPRESSION")
    card = first_card(THIGH_BIOPSY, report(it, named))
    assert "> 5.8 cm heterogeneous calcified mass of the left thigh." in card["detail"]
    assert "Impression" in card["detail"].splitlines()[0]
    assert "It is T2 heterogeneous" in card["detail"]  # still stated, below


def test_the_crystal_card_names_the_modalities_the_guidance_names_for_the_structure() -> None:
    """P13.1: tendon, bursa and capsule calcification is better evaluated with CT or
    ultrasound; radiography is named for crystal deposition disease (CPPD, pseudogout)."""
    deposit = mention("Calcific deposit in the right supraspinatus tendon.", kind="tendon",
                      site="rotator-cuff", side="right",
                      contexts=frozenset({"crystal-deposition"}))
    tendon = first_card(order("MRI RT SHOULDER WO", "73221"), report(deposit))
    text = tendon["summary"] + tendon["detail"]
    assert "CT or ultrasound" in text and "radiograph" not in text.lower()
    cppd = mention("Calcified crystal deposits in the knee joint, consistent with CPPD.",
                   kind="joint", site="knee", side="right",
                   contexts=frozenset({"crystal-deposition"}))
    knee = first_card(KNEE_MRI, report(cppd))
    assert "radiograph" in (knee["summary"] + knee["detail"]).lower()
    # chondrocalcinosis takes the CT-or-ultrasound row even with CPPD named (P13.1, P13.10a)
    menisci = first_card(KNEE_MRI, report(KNEE))
    assert "radiograph" not in menisci["summary"].lower()


def test_a_limb_tendon_deposit_is_offered_ultrasound_beside_the_ct() -> None:
    """P18.4, P13.1 tendon row: ultrasound is offered as a one-click suggestion for a tendon
    deposit; before its removal it is the recommended one (pre-operative localisation)."""
    deposit = mention("Calcific deposit in the left supraspinatus tendon.", kind="tendon",
                      site="rotator-cuff", contexts=frozenset({"crystal-deposition"}))

    def codes(card: dict) -> list[str]:
        return [a["resource"]["code"]["coding"][0]["code"]
                for s in card["suggestions"] for a in s["actions"] if a["type"] == "create"]
    # a limb tendon deposit: ultrasound first, then CT (P11.8; review round 4)
    assert codes(first_card(order("MRI LT SHOULDER WO", "73221"), report(deposit)))[:2] == [
        "76882", "73200"]
    assert codes(first_card(order("REMOVAL CALCAREOUS DEPOSITS LT SHOULDER", "23000"),
                            report(deposit))) == ["76882", "73200"]
    assert "76882" not in codes(first_card(THIGH_BIOPSY, report(THIGH_MASS)))


def test_surgery_on_a_bone_lesion_is_planned_unless_radiographs_showed_the_matrix() -> None:
    curettage = order("CURETTAGE AND BONE GRAFTING, BENIGN TUMOR RIGHT DISTAL FEMUR", "27356")
    mr = report(FEMUR, title="MRI RIGHT FEMUR WITHOUT AND WITH CONTRAST", date="2026-10-07")
    assert leads(curettage, mr) == ["surgical-planning"]
    matrix = report(dataclasses.replace(FEMUR, sentence="Rings-and-arcs chondroid matrix."),
                    modality="DX", date="2026-08-05", title="XR RIGHT FEMUR 2 VIEWS", ref="xr")
    assert leads(curettage, mr, matrix) == []


def test_the_planning_card_names_the_study_that_suits_the_structure() -> None:
    """P18.2 with P13.1: before surgery on a tendon deposit, ultrasound or CT; on a limb-bone
    lesion with no radiograph on record, radiographs first; on an organ mass, CT, with no word
    of an interface with bone (radiologist review, issue 17)."""
    deposit = mention("Large calcific deposit in the left supraspinatus tendon.", kind="tendon",
                      site="rotator-cuff", contexts=frozenset({"crystal-deposition"}))
    tendon = first_card(order("REMOVAL CALCAREOUS DEPOSITS LT SHOULDER", "23000"),
                        report(deposit))
    # the text names the study its first suggestion offers (P13.13)
    assert "**ultrasound of the left supraspinatus tendon** or noncontrast CT" in tendon["detail"]
    curettage = order("CURETTAGE AND BONE GRAFTING, BENIGN TUMOR RIGHT DISTAL FEMUR", "27356")
    bone = first_card(curettage, report(FEMUR))
    assert [s["label"] for s in bone["suggestions"]][0] == (  # its side (P11.8)
        "Order right femur radiographs two views first")
    adrenal = mention("Right adrenal mass with coarse calcification.", site="adrenal",
                      side="right")
    organ = first_card(order("LAPAROSCOPIC RIGHT ADRENALECTOMY", "60650"), report(adrenal))
    assert "bone" not in organ["detail"] and "ultrasound" not in organ["detail"]


def test_a_side_note_only_where_the_side_decides_the_target() -> None:
    """P4.3: a biopsy or a limb study without a side gets the note; a CT of the abdomen, which
    images both adrenals, does not (radiologist review RL1)."""
    adrenal = mention("Right adrenal mass with punctate calcification.", site="adrenal",
                      side="right")
    assert "state a side" not in first_card(order("CT ABDOMEN W CONTRAST", "74160"),
                                            report(adrenal, title="MRI ABDOMEN"))["detail"]
    assert "the finding is in the right adrenal" in first_card(
        order("CT GUIDED BIOPSY ADRENAL MASS"), report(adrenal, title="MRI ABDOMEN"))["detail"]
    assert "the finding is in the left thigh" in first_card(
        order("CT THIGH W CONTRAST"), report(THIGH_MASS, title="MRI THIGH"))["detail"]
