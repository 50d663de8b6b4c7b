"""An order naming a spinal interspace is about the calcified disc at that interspace only, and
about a disc the report gives a side only on that side (docs/matching-policy.md P15.10, P15.11;
unseen39 first run, p1 twin: "LUMBAR LAMINOTOMY/MICRODISCECTOMY L5-S1 LEFT" drew
surgical-planning for a calcified right paracentral L4-L5 disc). The variants failed on 224a77d."""

from __future__ import annotations

import pytest

from tests.test_order_arthroscopy import leads

L_DISC = ("MRI LUMBAR SPINE: L4-L5: Right paracentral disc protrusion, 7 mm, markedly hypointense "
          "on all sequences with blooming on gradient-echo, in keeping with a calcified disc "
          "herniation.")
C_DISC = ("MRI CERVICAL SPINE: At C5-C6 there is a left paracentral disc osteophyte complex "
          "with dense calcification indenting the ventral cord.")
T_DISC = ("MRI THORACIC SPINE: Large calcified T8-T9 disc herniation with severe canal "
          "stenosis and ventral cord compression.")


@pytest.mark.parametrize(("report", "text", "code"), [
    (L_DISC, "LUMBAR LAMINOTOMY/MICRODISCECTOMY L5-S1 LEFT", "63030"),
    (L_DISC, "MICRODISCECTOMY L5-S1", "63030"),
    (L_DISC, "HEMILAMINOTOMY W DISCECTOMY LUMBAR 1 INTERSPACE L3/L4", "63030"),
    (L_DISC, "LUMBAR MICRODISCECTOMY L4-5 LEFT", "63030"),               # the other side
    (C_DISC, "CERVICAL DISCECTOMY C6-7 ANTERIOR", "63075"),
    (C_DISC, "ANTERIOR CERVICAL DISCECTOMY AND FUSION C4-C5", None),
    (T_DISC, "THORACIC DISCECTOMY T10-T11 POSTEROLATERAL", None),
])
def test_an_operation_at_another_level_is_not_about_the_disc(
        report: str, text: str, code: str | None) -> None:
    assert leads(report, text, code) == []


@pytest.mark.parametrize(("report", "text", "code"), [
    (L_DISC, "LUMBAR LAMINOTOMY/MICRODISCECTOMY L4-L5 RIGHT", "63030"),
    (L_DISC, "MICRODISCECTOMY L4-5", "63030"),
    (L_DISC, "LAMINOTOMY L4/L5 RT", "63030"),
    (L_DISC, "HEMILAMINOTOMY W DISCECTOMY LUMBAR 1 INTERSPACE L4-L5", "63030"),
    (L_DISC, "LUMBAR MICRODISCECTOMY L4-S1", "63030"),                   # a span covers it
    (L_DISC, "LUMBAR MICRODISCECTOMY", "63030"),                         # no level: today's
    (L_DISC, "LUMBAR MICRODISCECTOMY LEFT", "63030"),                    # no level: today's
    (C_DISC, "ANTERIOR CERVICAL DISCECTOMY C5-6", None),
    (T_DISC, "T8-T9 ANTERIOR THORACIC DISCECTOMY", None),
])
def test_an_operation_at_the_discs_level_keeps_its_card(
        report: str, text: str, code: str | None) -> None:
    assert leads(report, text, code) == ["surgical-planning"]


def test_interspaces_are_read_by_level_never_from_a_sequence() -> None:
    from cds_service.core.spine_names import interspaces
    assert interspaces("L4-5") == interspaces("L4/L5") == interspaces("L4-L5 interspace") == {23}
    assert interspaces("L4-S1") == {23, 24}
    assert interspaces("T12-L1") == {19}
    assert interspaces("low on T1/T2-weighted images") == frozenset()
    assert interspaces("the S1 nerve root at L5") == frozenset()
