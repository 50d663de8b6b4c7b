"""Issue 17, eighth session (speed; P11.57, P11.59, P11.60 unchanged): a report's sentences
describing a structure without a mineral word (``reading.described``) are read at render, from
the text an MRI report keeps (``ReportFindings.segments``), only by a card that cites an older
MRI compared with a newer one, or a node; never while the record is read. The cards say what
they said: a newer silent MRI, read leniently (no trigger) or in full (a trigger of another
structure), fresh or from the per-resource cache; a call that issues no card, or whose card has
no newer MRI to compare, reads no such sentence. Through the pipeline, with FHIR bundles."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from cds_service.core import card_newer, card_treated
from cds_service.core.reading import read_report
from cds_service.pipeline import run as pipeline_run
from tests.conftest import report_and_study
from tests.test_card_names import first_card
from tests.test_newer_mri_measures import (
    NEW,
    OLD,
    RUN,
    THIGH,
    THIGH_BIOPSY,
    VASTUS,
    _text,
    card,
    silent_line,
)
from tests.test_node_other_cause import FNA, LEVEL_II, NECK

SILENT = f"The MRI of {NEW} describes the mass and does not mention the calcification."
NEWER = (THIGH, "Muscles: The left vastus medialis mass is unchanged in size and enhancement.",
         "Stable left vastus medialis mass.")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many reports' described sentences the cards read (one count per report read)."""
    counted: list[int] = []

    def counting(real: Callable[..., tuple[str, ...]]) -> Callable[..., tuple[str, ...]]:
        def read(segments: tuple[tuple[str | None, str], ...]) -> tuple[str, ...]:
            counted.append(len(segments))
            return real(segments)
        return read

    for module in (card_newer, card_treated):
        monkeypatch.setattr(module, "described", counting(module.described))
    yield counted


def test_a_newer_silent_mri_is_read_at_render(reads: list[int]) -> None:
    detail = card(VASTUS, NEWER, THIGH_BIOPSY)
    assert silent_line(detail) == SILENT
    assert reads and all(reads)  # its text, kept in the record, read by the card


def test_the_same_call_again_reads_it_from_the_cached_report() -> None:
    pipeline_run.CACHE.clear()
    first = card(VASTUS, NEWER, THIGH_BIOPSY)
    again = card(VASTUS, NEWER, THIGH_BIOPSY)  # the cited report from the cache
    assert silent_line(first) == silent_line(again) == SILENT
    assert again == first


def test_a_newer_mri_read_in_full_still_says_so(reads: list[int]) -> None:
    """A trigger of another structure (an artery's calcification): the newer MRI is read in full,
    validated and cached, and what it describes of the mass still reaches the card."""
    newer = (THIGH, "Muscles: The left vastus medialis mass is unchanged in size and enhancement. "
             "Vessels: Mild calcification of the left superficial femoral artery wall.",
             "Stable left vastus medialis mass.")
    assert silent_line(card(VASTUS, newer, THIGH_BIOPSY)) == SILENT
    assert reads


def test_a_call_without_a_card_reads_no_described_sentence(reads: list[int]) -> None:
    title, findings, impression = VASTUS
    ntitle, nfindings, nimpression = NEWER
    entries = [{"resourceType": "Patient", "id": "p1", "gender": "female",
                "birthDate": "1961-04-02"},
               *report_and_study("mr-0", title, OLD, _text(title, findings, impression), "MR"),
               *report_and_study("mr-1", ntitle, NEW, _text(ntitle, nfindings, nimpression), "MR"),
               {"resourceType": "ServiceRequest", "id": "order-1", "status": "draft",
                "intent": "order", "subject": {"reference": "Patient/p1"},
                "code": {"text": "XR CHEST 2 VIEWS"}}]
    bundle = {"resourceType": "Bundle", "type": "collection",
              "entry": [{"resource": r} for r in entries]}
    assert RUN(bundle, "order-select") == []
    assert reads == []


def test_a_card_without_a_newer_mri_reads_none(reads: list[int]) -> None:
    assert not silent_line(card(VASTUS, None, THIGH_BIOPSY))
    assert reads == []


def test_reading_an_mri_report_keeps_its_text_and_reads_no_described_sentence() -> None:
    """The reader keeps the text an MRI report's card may read; a CT's keeps none."""
    text = _text(*NEWER)
    mri, ct = (read_report(report_and_study("r", title, NEW, text, modality)[0])
               for title, modality in ((THIGH, "MR"), ("CT THIGH LEFT WITH CONTRAST", "CT")))
    assert mri.modality == "MR" and any("vastus medialis mass" in t for _, t in mri.segments)
    assert ct.modality == "CT" and ct.segments == ()
    assert not hasattr(mri, "described")


def test_a_nodes_cause_in_the_cited_reports_impression_is_read_at_render(
        reads: list[int]) -> None:
    """P11.57: the Impression names no mineral, so the card reads it among the cited report's
    described sentences, at render."""
    text = (f"{LEVEL_II} It has a necrotic centre.\nIMPRESSION: Right level II nodal mass, likely "
            "tuberculous; a metastatic node is not favoured.")
    got = first_card(text, NECK, FNA)
    said = 'does not favour metastasis for this node ("likely tuberculous; a metastatic node is '
    assert got.detail and said + 'not favoured")' in got.detail
    assert reads
