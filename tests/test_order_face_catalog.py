"""The face's CT as more catalogs spell it (P17.19-P17.22; the lead's catalog probe): "CT
MAXILLOFACIAL/ORBITS W CONTRAST" before a calcified maxillary sinus or nasal cavity mass drew no
card (its named orbit was read as its only target, the maxillofacial region beside it ignored),
and "CT FACIAL W/CONTRAST", "CT CRANIOFACIAL W CONTRAST", "CT MAXILLOFACIAL DENTAL W/O CONT",
"CT DENTAL", "CONE BEAM CT" were read with no region (the chargemaster names of
tests/eval/corpus/CATALOG.md, and the inbox's). Read now as the face's CT (region
`maxillofacial`, CPT 70486-70488), contrast read as before; a dental or cone-beam CT is a
noncontrast CT. Guards: a head CT, "CT ORBITS" alone, an MRI of the orbits, "MRI IAC FACIAL
NERVE". Every variant failed on main e7d48ab ("CT MAXILLOFACIAL DENTAL W/O CONT" read right
there already, kept as a guard)."""

from __future__ import annotations

import pytest

from tests.test_order_catalog import read
from tests.test_order_maxfacial import ANTRUM, MASSETER, NASAL, ORBIT, lead, suggested

SINUS_TITLE = "MRI SINUS FACE W WO CONTRAST"
# a full multi-section report of a calcified maxillary sinus mass
SINUS = (
    "EXAM: MRI FACE/SINUSES WITHOUT AND WITH CONTRAST\n"
    "HISTORY: 61-year-old man with left nasal obstruction and epistaxis; opacified left "
    "maxillary sinus on outside sinus radiographs.\n"
    "TECHNIQUE: Axial and coronal T1, T2 fat-saturated and post-gadolinium T1 images of the "
    "face and paranasal sinuses.\nCOMPARISON: None.\n"
    "FINDINGS:\nLeft maxillary sinus: A 3.6 x 3.0 x 2.7 cm heterogeneously enhancing mass fills "
    "the antrum and extends into the left nasal cavity through a widened ostium. It contains "
    "clumped foci of low signal on all sequences, consistent with calcification. The "
    "posterolateral wall is remodelled without definite destruction.\n"
    "Orbits: The globes, optic nerves and extraocular muscles are normal. No orbital invasion.\n"
    "Other sinuses: Mild mucosal thickening of the right ethmoid air cells.\n"
    "Brain: The visualised brain is unremarkable.\n"
    "IMPRESSION:\n1. 3.6 cm calcified mass of the left maxillary sinus extending into the nasal "
    "cavity; inverted papilloma or chondroid neoplasm. CT recommended.\n")
WANT = ["contrast-ct-noncontrast-first", "70488", "70486"]


@pytest.mark.parametrize(("report", "text", "want"), [
    (SINUS, "CT MAXILLOFACIAL/ORBITS W CONTRAST", ["70488", "70481", "70486"]),
    (ANTRUM, "CT MAXILLOFACIAL/ORBITS W CONTRAST", ["70488", "70481", "70486"]),
    (NASAL, "CT MAXILLOFACIAL/ORBITS W IV CONTRAST", ["70488", "70481", "70486"]),
    (MASSETER, "CT MAXILLOFACIAL ORBITS W CONTRAST", ["70488", "70481", "70486"]),
    (SINUS, "CT FACIAL W/CONTRAST", WANT[1:]),
    (ANTRUM, "CT FACIAL W CONTRAST", WANT[1:]),
    (SINUS, "CT CRANIOFACIAL W CONTRAST", WANT[1:]),
    (MASSETER, "CT CRANIOFACIAL C+", WANT[1:]),
])
def test_the_face_ct_names_are_the_maxillofacial_ct(report: str, text: str,
                                                    want: list[str]) -> None:
    assert suggested(report, SINUS_TITLE, text) == [lead(report), *want]


@pytest.mark.parametrize(("text", "kind"), [
    ("CT MAXILLOFACIAL/ORBITS W CONTRAST", "ct-contrast"),
    ("CT MAXILLOFACIAL/ORBITS WO CONTRAST", "ct-noncontrast"),
    ("CT MAXILLOFACIAL/ORBITS W/WO CONTRAST", "ct-without-and-with"),
    ("CT FACIAL W/CONTRAST", "ct-contrast"),
    ("CT FACIAL W/O CONTRAST", "ct-noncontrast"),
    ("CT FACIAL W & W/O CONTRAST", "ct-without-and-with"),
    ("CT FACIALS, TRAUMA WO/CONTRAST", "ct-noncontrast"),
    ("CT CRANIOFACIAL W CONTRAST", "ct-contrast"),
    ("CT CRANIOFACIAL WO CONTRAST", "ct-noncontrast"),
    ("CT MAXILLOFACIAL DENTAL W/O CONT", "ct-noncontrast"),
    ("CT DENTAL", "ct-noncontrast"),
    ("HC CT DENTAL SCAN TO DISK", "ct-noncontrast"),
    ("CT DENTAL CONE BEAM", "ct-noncontrast"),
    ("CONE BEAM CT", "ct-noncontrast"),
    ("CBCT DENTAL", "ct-noncontrast"),
])
def test_face_dental_and_cone_beam_names_read_as_the_face_ct(text: str, kind: str) -> None:
    got = read(text)
    assert (got.kind, got.region) == (kind, "maxillofacial")


@pytest.mark.parametrize(("text", "report", "want"), [
    # a dental or cone-beam CT acquires the noncontrast images the card asks for: silent
    ("CT DENTAL", SINUS, []),
    ("CT DENTAL CONE BEAM", ANTRUM, []),
    # guards: a head CT stays a head CT, an orbit CT is not about a sinus mass, an orbital mass
    # on the two-region name keeps the orbit's codes
    ("CT HEAD W CONTRAST", SINUS, ["contrast-ct-noncontrast-first", "70470", "70450"]),
    ("CT ORBITS W CONTRAST", SINUS, []),
    ("CT ORBITS W CONTRAST", ANTRUM, []),
    ("MRI ORBITS W WO CONTRAST", SINUS, []),
    ("CT MAXILLOFACIAL/ORBITS W CONTRAST", ORBIT,
     ["contrast-ct-noncontrast-first", "70487", "70482", "70480"]),
])
def test_guards_and_noncontrast_face_cts(text: str, report: str, want: list[str]) -> None:
    assert suggested(report, SINUS_TITLE, text) == want


@pytest.mark.parametrize(("text", "region", "sites"), [
    ("MRI IAC FACIAL NERVE W WO", "skull-base", {"temporal-bone"}),   # the nerve, not the face
    ("CT ORBITS C+", "skull-base", {"orbit"}),
    ("CT HEAD W CONTRAST", "head", {"head"}),
])
def test_names_that_are_not_the_face_ct_keep_their_reading(text: str, region: str,
                                                           sites: set[str]) -> None:
    got = read(text)
    assert (got.region, set(got.sites)) == (region, sites)
