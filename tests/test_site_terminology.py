"""CDS_TERMINOLOGY_DIR: a site's own order codes add to or replace the shipped ones, are
checked at start-up with file:line errors, and change what the service reads in orders."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cds_service import create_app
from cds_service.core import site_terminology, terminology
from cds_service.core.loader import DataError
from cds_service.web.state import state
from tests.conftest import ROOT, SELECT_ID, hook_body

EXAMPLE = ROOT / "docs" / "examples" / "site-terminology"
EAP = "urn:oid:1.2.840.114350.1.13.999.2.7.2.696580"
HEADER = "system,code,kind,region,sites,purposes,display\n"


@pytest.fixture(autouse=True)
def shipped_tables_after() -> Iterator[None]:
    yield
    site_terminology.apply(None)


def app_with(tmp_path: Path, directory: Path | None) -> Any:
    config: dict[str, Any] = {"allow_unauthenticated": True, "log_level": "ERROR",
                              "database_url": f"sqlite:///{tmp_path / 'site.db'}"}
    if directory is not None:
        config["terminology_dir"] = str(directory)
    return create_app(config)


def recode(body: dict[str, Any], order_id: str, system: str, code: str,
           text: str | None = None) -> dict[str, Any]:
    """The draft order as a site's EHR sends it: only the local code (and its own text)."""
    body = copy.deepcopy(body)
    for entry in body["context"]["draftOrders"]["entry"]:
        order = entry["resource"]
        if order["id"] == order_id:
            order["code"] = {"coding": [{"system": system, "code": code}]}
            if text is not None:
                order["code"]["text"] = text
    return body


def cards(app: Any, body: dict[str, Any]) -> list[dict[str, Any]]:
    resp = app.test_client().post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()["cards"]


def test_a_local_order_code_is_read_as_the_order_it_names(tmp_path: Path) -> None:
    body = recode(hook_body("positive-biopsy-thigh-mass.json"), "bx-thigh", EAP, "IMG2001")
    assert cards(app_with(tmp_path, None), body) == []  # shipped tables: an unknown code
    found = cards(app_with(tmp_path, EXAMPLE), body)
    as_cpt = cards(app_with(tmp_path, None), hook_body("positive-biopsy-thigh-mass.json"))
    assert [c["summary"] for c in found] == [c["summary"] for c in as_cpt]
    # the alias of the code system in the site's systems.csv is the same system
    aliased = recode(hook_body("positive-biopsy-thigh-mass.json"), "bx-thigh",
                     "https://ehr.example-hospital.org/fhir/CodeSystem/procedures", "IMG2001")
    assert len(cards(app_with(tmp_path, EXAMPLE), aliased)) == 1


def test_a_local_contrast_ct_code_gets_the_noncontrast_first_card(tmp_path: Path) -> None:
    body = recode(hook_body("positive-contrast-ct-abdomen.json"), "ct-abd", EAP, "IMG1101")
    assert cards(app_with(tmp_path, None), body) == []
    [card] = cards(app_with(tmp_path, EXAMPLE), body)
    labels = [s["label"] for s in card["suggestions"]]
    assert any("without and with contrast" in label for label in labels)


def test_a_site_row_replaces_the_shipped_row(tmp_path: Path) -> None:
    body = recode(hook_body("positive-contrast-ct-abdomen.json"), "ct-abd",
                  terminology.CPT_SYSTEM, "74160")
    assert len(cards(app_with(tmp_path, None), body)) == 1
    site = tmp_path / "site"
    site.mkdir()
    (site / "cpt.csv").write_text(
        HEADER + "http://www.ama-assn.org/go/cpt,74160,other,,,,CT abdomen w contrast "
                 "(not in scope here)\n")
    tables = site_terminology.load(site)
    assert tables.overridden == 1
    assert cards(app_with(tmp_path, site), body) == []
    assert len(cards(app_with(tmp_path, None), body)) == 1  # shipped tables back


def test_a_site_reason_code_gives_the_order_its_purpose(tmp_path: Path) -> None:
    tables = site_terminology.load(EXAMPLE)
    assert tables.reasons[("http://hl7.org/fhir/sid/icd-10-cm", "M11.20")] == \
        frozenset({"crystal-deposition"})
    site_terminology.apply(tables)
    # the site's alias for ICD-10-CM resolves to the same system
    assert terminology.canonical_system("urn:oid:2.16.840.1.113883.6.90") == \
        "http://hl7.org/fhir/sid/icd-10-cm"
    assert terminology.REASONS[("http://hl7.org/fhir/sid/icd-10-cm", "I25.10")] == \
        frozenset({"cardiovascular"})
    site_terminology.apply(None)
    assert ("http://hl7.org/fhir/sid/icd-10-cm", "I25.10") not in terminology.REASONS


BAD_ROWS = [
    ("cpt.csv", HEADER + f"{EAP},X1,ct-noncontrast,lower-extremity,,,ok\n"
                         f"{EAP},X2,ctt,lower-extremity,,,typo\n", ":3: unknown kind 'ctt'"),
    ("local.csv", HEADER + f"{EAP},X1,ct-contrast,lower-leg,,,CT\n",
     ":2: unknown region 'lower-leg'"),
    ("local.csv", HEADER + f"{EAP},X1,biopsy,,thigh;shin,,biopsy\n",
     ":2: unknown sites ['shin']"),
    ("local.csv", HEADER + f"{EAP},X1,biopsy,,,tumour,biopsy\n", ":2: unknown purposes"),
    ("local.csv", HEADER + f"{EAP},X1,biopsy,,,,\n", ":2: system, code and display are"),
    ("local.csv", "system,code,kind\n" + f"{EAP},X1,biopsy\n", ":1: header must be"),
    ("local.csv", HEADER + f"{EAP},X1,biopsy,,\n", ":2: expected 7 columns"),
    ("cpt.csv", HEADER + "http://www.ama-assn.org/go/cpt,73700,ct-contrast,lower-extremity,,,"
                         "x\n", ":2: CPT 73700 is what the service suggests"),
    ("reasons.csv", "system,code,purposes,display\nhttp://snomed.info/sct,1,,none\n",
     ":2: code and purposes are required"),
    ("systems.csv", "alias,system\nurn:x,\n", ":2: alias and system are required"),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD_ROWS,
                         ids=[m for _, _, m in BAD_ROWS])
def test_start_up_refuses_a_bad_row_naming_file_and_line(tmp_path: Path, name: str,
                                                         text: str, message: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / name).write_text(text)
    with pytest.raises(DataError) as err:
        app_with(tmp_path, site)
    assert str(err.value).startswith(str(site / name) + ":")
    assert message in str(err.value)


def test_one_code_twice_in_the_site_files_names_both_rows(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site)
    (site / "more.csv").write_text(HEADER + f"{EAP},IMG2001,biopsy,,,,again\n")
    with pytest.raises(DataError) as err:
        site_terminology.load(site)
    # files are read in name order: more.csv first, so orderables.csv holds the second row
    assert str(err.value) == (f"{site / 'orderables.csv'}:6: duplicate code {EAP}|IMG2001 "
                              f"(also {site / 'more.csv'}:2)")


@pytest.mark.parametrize("kind", ["missing", "empty", "file"])
def test_a_directory_that_is_not_one_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "site"
    if kind == "empty":
        path.mkdir()
    elif kind == "file":
        path.write_text("x")
    with pytest.raises(DataError, match="CDS_TERMINOLOGY_DIR"):
        app_with(tmp_path, path)


def test_the_environment_variable_names_the_directory(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CDS_TERMINOLOGY_DIR", str(EXAMPLE))
    app = create_app({"allow_unauthenticated": True, "log_level": "ERROR",
                      "database_url": f"sqlite:///{tmp_path / 'env.db'}"})
    assert state(app).settings.terminology_dir == str(EXAMPLE)
    assert (EAP, "IMG2001") in terminology.CODES
