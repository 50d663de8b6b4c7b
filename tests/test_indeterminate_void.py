"""An indeterminate signal void inside a mass, a vessel excluded, is P7.4's signal void
(docs/matching-policy.md P7.4i, P7.4, P7.4a, P7.9): "a single 5 mm round focus near its inferior
margin is dark on all sequences and has no tubular course on the MRA source images; its cause is
indeterminate" is the sign of P7.4a though words stand between the focus and "dark on all
sequences", and a paraganglioma the sentence sets aside ("schwannoma … is favoured over
paraganglioma; one indeterminate signal void in its inferior part") names no cause of the void
(P7.9 is for a tumour the report diagnoses). Before a contrast CT of the temporal bones, the
signal-void card. Each variant was silent on main 7ba1fd8 (unseen29 first run, m2 pos, report
unseen29-032). Guards: the flow voids of a diagnosed paraganglioma (the twin's salt-and-pepper),
a void the sentence calls a vessel, and normal flow voids stay silent."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads

IAC = "MRI BRAIN AND INTERNAL AUDITORY CANALS WITHOUT AND WITH CONTRAST"
NECK = "MRI NECK SOFT TISSUE WITHOUT AND WITH CONTRAST"
TEMPORAL = ("CT TEMPORAL BONES W CONTRAST", "70481")
NECK_CT = ("CT SOFT TISSUE NECK W CONTRAST", "70491")
FINDINGS = ("FINDINGS:\nSkull base: A 2.9 x 2.1 cm dumbbell mass expands the left jugular foramen, "
            "extending inferiorly into the left carotid space. Its margins scallop the foramen "
            "smoothly. It is heterogeneously T2 hyperintense with avid enhancement. {s}\n")

VOIDS = [
    (FINDINGS.format(s="A single 5 mm round focus near its inferior margin is dark on all "
                     "sequences and has no tubular course on the MRA source images; its cause "
                     "is indeterminate.") + "IMPRESSION:\n1. Left jugular foramen mass with "
     "smooth foraminal scalloping: schwannoma of the lower cranial nerves is favoured over "
     "paraganglioma; one indeterminate signal void in its inferior part.", TEMPORAL, IAC),
    (FINDINGS.format(s="A 4 mm focus along its posterior margin remains low in signal on all "
                     "sequences; it is not tubular on the MRA."), TEMPORAL, IAC),
    (FINDINGS.format(s="Its scalloped margins favour a schwannoma.") + "IMPRESSION: Left "
     "jugular foramen mass, schwannoma favoured over paraganglioma; one indeterminate signal "
     "void in its inferior part.", TEMPORAL, IAC),
    ("FINDINGS: A 3.4 cm mass in the right carotid space splays the internal and external "
     "carotid arteries. Vagal schwannoma is more likely than a paraganglioma; a punctate signal "
     "void lies within the mass.", NECK_CT, NECK),
    ("FINDINGS: A 3.4 cm mass in the right carotid space. A 3 mm round focus at its upper pole "
     "is dark on all sequences, of uncertain cause.", NECK_CT, NECK),
    ("FINDINGS: A 2.2 cm enhancing mass fills the left jugular foramen. One round focus within "
     "the mass is hypointense on all sequences, without a tubular course on the MRA source "
     "images.", TEMPORAL, IAC),
]


@pytest.mark.parametrize(("report", "order", "title"), VOIDS)
def test_an_indeterminate_void_in_a_mass_draws_the_signal_void_card(
        report: str, order: tuple[str, str], title: str) -> None:
    assert leads(report, *order, title=title) == ["signal-void"]
    assert [s.mineral for s in read_text(report).structures if s.kind == "mass"] == [
        "signal-void"]


def test_the_void_is_the_jugular_foramen_masss() -> None:
    found = read_text(VOIDS[0][0]).structures
    assert [(s.kind, s.site, s.side) for s in found] == [("mass", "temporal-bone", "left")]


# --- guards ----------------------------------------------------------------------------------

@pytest.mark.parametrize("report", [
    FINDINGS.format(s="Multiple serpiginous flow voids throughout give a salt-and-pepper "
                    "appearance, typical of a glomus jugulare paraganglioma."),
    FINDINGS.format(s="Signal voids within the mass are in keeping with a glomus jugulare "
                    "paraganglioma."),
    FINDINGS.format(s="A focus near its inferior margin is dark on all sequences, in keeping "
                    "with a vessel."),
    FINDINGS.format(s="Punctate signal voids within the mass; this is not a schwannoma but a "
                    "paraganglioma."),
    "FINDINGS: Vessels: Normal flow voids. A 2 cm left jugular foramen mass.",
])
def test_a_void_the_report_explains_stays_silent(report: str) -> None:
    assert leads(report, *TEMPORAL, title=IAC) == []
