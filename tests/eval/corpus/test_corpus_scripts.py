"""The corpus scripts' own helpers, on inline samples (the fetched corpora are not needed)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from cds_service.core.orders import ORDER_KINDS

HERE = Path(__file__).parent


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"corpus_{name}", HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


load = _module("load")
catalog = _module("catalog")

MTS_RAW = ("EXAM:,MRI LEFT THIGH WITHOUT AND WITH CONTRAST,HISTORY:,  Palpable mass.,FINDINGS:,"
           "  There is a 6 cm mass in the vastus lateralis.  It contains low signal foci.,"
           "IMPRESSION:,1.  Left thigh mass.,2.  No fracture.")


def test_mtsamples_text_puts_sections_and_items_on_their_own_lines():
    text = load.mtsamples_text(MTS_RAW)
    assert text.splitlines()[:2] == ["EXAM:", "MRI LEFT THIGH WITHOUT AND WITH CONTRAST"]
    assert "FINDINGS:" in text.splitlines()
    assert text.endswith("IMPRESSION:\n1.  Left thigh mass.\n2.  No fracture.")


def test_titles_and_modality():
    text = load.mtsamples_text(MTS_RAW)
    assert load.mtsamples_title("MRI Thigh - 1", text) == "MRI LEFT THIGH WITHOUT AND WITH CONTRAST"
    assert load.mtsamples_title("MRI Brain - Pilocytic Astrocytoma", "CC:\nHeadache") == "MRI Brain"
    assert load.modality("CT head, MRI brain") == "CT"
    assert load.modality("Ultrasound abdomen") is None
    assert load.age_in("This 59 y/o RHM") == 59


def test_medpix_case_becomes_report_sections():
    case = {"History": "45-year-old woman, knee pain", "Exam": "N/A", "Findings": "Lytic lesion.",
            "Differential Diagnosis": "Enchondroma", "Case Diagnosis": "Bone infarct"}
    text = load.medpix_text(case)
    assert text.startswith("CLINICAL HISTORY:\n45-year-old")
    assert "FINDINGS:\nLytic lesion." in text
    assert text.endswith("IMPRESSION:\nBone infarct\nDifferential diagnosis:\nEnchondroma")
    images = [{"Description": {"Modality": "MR - T1W w/Gadolinium", "Caption": "distal femur"}}]
    assert load.medpix_title("MR", images, text) == "MRI LOWER EXTREMITY WITHOUT AND WITH CONTRAST"


def test_roco_captions_of_one_article_become_one_report(tmp_path):
    for split, captions, licences in (
            ("validation", "ROCO_1\t Axial CT shows a calcified mass in the left thigh\n"
                           "ROCO_2\t Plain radiograph of the hand.\n",
             "ROCO_ID,PMC_ID,CC\nROCO_1,PMC1_a.jpg,CC BY\nROCO_2,PMC2_b.jpg,NO-CC CODE\n"),
            ("test", "ROCO_3\t Coronal T2-weighted image after gadolinium of a 45-year-old man.\n",
             "ROCO_ID,PMC_ID,CC\nROCO_3,PMC1_c.jpg,CC BY-NC\n")):
        folder = tmp_path / split / "radiology"
        folder.mkdir(parents=True)
        (folder / "captions.txt").write_text(captions, encoding="utf-8")
        (folder / "licences.txt").write_text(licences, encoding="utf-8")
    [src] = load.sources(tmp_path)  # PMC2's caption has no CC licence and names no CT or MR
    assert (src.id, src.corpus, src.modality, src.age, src.sex) == (
        "roco-PMC1", "roco", "MR", 45, "male")
    assert src.text == ("FINDINGS:\nAxial CT shows a calcified mass in the left thigh.\n"
                        "Coronal T2-weighted image after gadolinium of a 45-year-old man.")
    assert src.title == "MRI LOWER EXTREMITY WITHOUT AND WITH CONTRAST"


def test_orders_name_the_lesion_and_cover_every_kind():
    src = load.Source("mts-1", "mtsamples", "MR", "MRI LEFT THIGH WITHOUT AND WITH CONTRAST",
                      load.mtsamples_text(MTS_RAW), 50)
    orders = dict(load.orders_for(src))
    assert list(orders) == ["biopsy", "ct-contrast", "mri", "lab", "lumbar-puncture",
                            "skin-punch", "surgery"]
    assert orders["biopsy"]["code"]["text"] == "IR CORE NEEDLE BIOPSY LEFT THIGH MASS"
    assert orders["surgery"]["code"] == {"text": "EXCISION LEFT THIGH MASS"}
    assert orders["ct-contrast"]["code"]["coding"][0]["code"] == "73701"
    assert orders["lab"]["code"]["coding"][0]["system"] == load.LOINC


def test_order_target_skips_a_lesion_word_the_sentence_negates():
    src = load.Source("roco-PMC1", "roco", "MR", "MRI ORBIT WITHOUT CONTRAST",
                      "FINDINGS:\nCalcification in the left globe without evidence of a mass.\n"
                      "A 2 cm nodule in the right rectus femoris.", None)
    assert load.target(src).words == "RIGHT THIGH NODULE"
    src = load.Source("roco-PMC2", "roco", "MR", "MRI ORBIT WITHOUT CONTRAST",
                      "FINDINGS:\nCalcification in the left globe without evidence of a mass.",
                      None)
    assert load.target(src).words == "ORBIT LESION" and not load.target(src).lesion


def test_bundle_runs_through_the_service_and_quote_reads_the_detail():
    src = load.Source("mts-1", "mtsamples", "MR", "MRI LEFT THIGH WITHOUT AND WITH CONTRAST",
                      load.mtsamples_text(MTS_RAW), 50)
    call = load._service()
    for _key, order in load.orders_for(src):
        cards = call(load.bundle(src, order))
        assert isinstance(cards, list)
    assert load.quote("**MRI**:\n> the quoted sentence\n\nmore") == "the quoted sentence"
    assert load.quote("no quote") == ""


def test_record_marks_issued_cards_and_adds_new_ones(tmp_path):
    path = tmp_path / "verdicts.csv"
    path.write_text("# review\nsource,order,rule,verdict,also,issued_on,reason\n"
                    "mpx-1,biopsy,r1,J,,abc1234,\"fine, signed\"\n", encoding="utf-8")
    issued = [("mpx-1", "biopsy", "r1"), ("mpx-2", "surgery", "r2"), ("mpx-2", "surgery", "r2")]
    assert load.record(path, "def5678", issued) == 1
    assert load.record(path, "def5678", issued) == 0
    assert load.read_verdicts(path) == {("mpx-1", "biopsy", "r1"): ("J", ""),
                                        ("mpx-2", "surgery", "r2"): ("new", "")}
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# review"
    assert lines[2] == 'mpx-1,biopsy,r1,J,,abc1234 def5678,"fine, signed"'
    assert lines[3] == "mpx-2,surgery,r2,new,,def5678,"


FSH = ('* #CTCHE  "CT Chest w"   // RPID18:CT Chest w IV Contrast:CT:CHEST\n'
       '* #CTABC  "CT Abd w/wo"   // RPID4:CT Abdomen w and wo IV Contrast:CT:ABDOMEN\n'
       '* #RPKB  "RP Kidney Bx w Guide"   // RPID9:RP Kidney Biopsy with Imaging Guidance:'
       'RADIOLOGY PROCEDURE:ABDOMEN\n'
       '* #RPBMBXG  "RP Bone Marrow Bx"   // RPID6117:RP Bone Marrow Biopsy with Imaging '
       'Guidance:RADIOLOGY PROCEDURE: \n'
       '* #USREGBXM  "US Retro Guide Bx"   // RPID5932:US Retro Guide Bx:ULTRASOUND: \n'
       '* #CTUR3D  "CT Urogram Post Process"   // RPID6007:CT Urogram Post Processing:CT:ABDOMEN\n'
       'not a code line\n')


def test_catalog_reads_radlex_lines_with_their_truth():
    names = catalog.read_fsh(FSH.splitlines())
    assert [(n.catalog, n.text) for n in names][:2] == [
        ("radlex-long", "CT Chest w IV Contrast"), ("radlex-short", "CT Chest w")]
    chest = names[0]
    assert (chest.modality, chest.contrast, chest.region, chest.code) == (
        "CT", "with", "chest", "RPID18")
    assert chest.kinds == {"ct-contrast"}
    assert names[2].contrast == "without-and-with"
    assert names[4].kinds == {"biopsy"} and names[4].contrast is None
    # truth follows the policy: marrow is not a lesion (P15.1), a CT urogram has a noncontrast
    # phase (P17.1); "Bx" is a biopsy
    assert [n.kinds for n in names[6:12:2]] == [
        {"other"}, {"biopsy"}, {"ct-without-and-with"}]
    assert catalog.contrast_of("CT Abdomen wo  IV Contrast") == "without"
    # a dental CT is acquired without contrast where it states no other phase (P17.27)
    assert catalog.contrast_of("CT Teeth") == "without"
    assert catalog.contrast_of("CT Mandible for Dental Implants") == "without"
    assert catalog.contrast_of("CT Mandible w IV Contrast") == "with"
    assert catalog.contrast_of("CT Mandible") == "unstated"
    assert catalog.contrast_of("MR Teeth") == "unstated"


def test_catalog_reading_has_the_fields_the_figures_use():
    for name in catalog.read_fsh(FSH.splitlines()):
        r = catalog.read(name)
        assert r.kind in ORDER_KINDS
        assert (r.contrast is not None) == r.kind.startswith("ct-")


@pytest.mark.parametrize("script", [load, catalog])
def test_missing_path_exits_2(script, tmp_path, capsys):
    assert script.main([str(tmp_path / "absent")]) == 2
    assert "not found" in capsys.readouterr().err


def test_catalog_sweep_runs_each_name_on_reports_with_a_mention(tmp_path, capsys):
    fsh = tmp_path / "playbook.fsh"
    fsh.write_text(FSH, encoding="utf-8")
    calcified = load.Source("mts-2", "mtsamples", "MR", "MRI LEFT THIGH WITHOUT AND WITH CONTRAST",
                            "FINDINGS:\nThere is a 6 cm mass in the left vastus lateralis with "
                            "coarse calcification.", 50)
    plain = load.Source("mts-1", "mtsamples", "MR", "MRI LEFT THIGH WITHOUT AND WITH CONTRAST",
                        load.mtsamples_text(MTS_RAW), 50)
    load.catalog_sweep([calcified, plain], fsh, load._service(), tmp_path)
    assert "names x 1 MRI reports with a current mention" in capsys.readouterr().out
    rows = (tmp_path / "catalog_cards.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t") == ["source", "catalog", "code", "name", "rule"]
    assert all(r.startswith("mts-2\t") for r in rows[1:])


def test_catalog_reads_the_study_names_of_a_chargemaster(tmp_path):
    """A chargemaster keeps its CT and MR study names once; supplies, labs, guided procedures
    and post-processing are not studies."""
    (tmp_path / "h1.tsv").write_text(
        "charge_code\tprice\tdescription\thospital_id\n"
        "1\t$1\tCT ABD W/CNT IP\th1\n2\t$1\tct abd w/cnt ip\th1\n"
        "3\t$1\tSUTURE VICRYL CT-1 27IN\th1\n4\t$1\tCT GUIDED BX LIVER\th1\n"
        "5\t$1\tCBC ABSOLUTE NEUTROPHIL CT\th1\n6\t$1\tMRI LWR EXT JNT WO+W CNT BL IP\th1\n"
        "7\t$1\tCT 3D RECONSTRUCTION SAME WS\th1\n8\t$1\tXR CHEST 2 VIEWS\th1\n",
        encoding="utf-8")
    names = catalog.names_in(tmp_path)
    assert [(n.catalog, n.text) for n in names] == [
        ("chargemaster", "CT ABD W/CNT IP"), ("chargemaster", "MRI LWR EXT JNT WO+W CNT BL IP")]
