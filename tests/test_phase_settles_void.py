"""A phase-image statement that names calcification settles a signal void (docs/matching-policy.md
P7.4h, P7.4, P6.1): "the foci of blooming in the right frontal mass are diamagnetic, consistent
with calcification rather than haemorrhage" names calcification as the one cause and sets
haemorrhage aside, so the mass's calcification is present and the calcification rules speak for it
(before a repeat MRI: mri-characterization), not the signal-void card whose text leaves
"calcification, hemosiderin" open. "Diamagnetic" on phase imaging is the sign of calcium
(possible, as a sign), as "paramagnetic" is of blood. Each variant drew the signal-void card on
main 7ba1fd8 (unseen29 first run, e1 pos), and "not diamagnetic; paramagnetic" did too. Guards:
the paramagnetic twin stays silent, a void whose cause the report leaves open keeps its card, and
a differential that keeps haemorrhage in play stays open."""

from __future__ import annotations

import pytest

from cds_service.core.reading import read_text
from tests.test_order_catalog import leads

HEAD = "MRI BRAIN WITHOUT CONTRAST"
ORDER = "MR Head w and wo IV Contrast Tumor New"
REPORT = ("FINDINGS:\nBrain parenchyma: A 4.2 x 3.6 cm well-demarcated mass lies peripherally in "
          "the {side} {lobe} lobe. Several foci within the solid component are dark on T2 and "
          "bloom on SWI; their cause is uncertain on the magnitude images.\nIMPRESSION:\n1. 4.2 "
          "cm solid and cystic {side} {lobe} mass with foci of susceptibility.\nADDENDUM: {add}\n")

SETTLED = [
    ("right", "frontal", "On review of the SWI phase images, the foci of blooming in the right "
     "frontal mass are diamagnetic, consistent with calcification rather than haemorrhage."),
    ("right", "temporal", "The blooming foci in the mass show a phase shift opposite to that of "
     "the veins, in keeping with calcification rather than blood products."),
    ("left", "parietal", "On the filtered phase images the susceptibility foci in the mass are "
     "diamagnetic."),
    ("right", "frontal", "On phase imaging the foci of blooming are calcification and not blood "
     "products."),
    ("left", "occipital", "Phase imaging confirms that the blooming foci within the mass are "
     "mineralization rather than hemosiderin."),
    ("right", "parietal", "The foci of susceptibility in the mass are diamagnetic on the SWI "
     "phase images, in keeping with calcification, not hemorrhage."),
    ("left", "frontal", "The signal voids in the mass are calcification, as opposed to "
     "microhemorrhage, on the phase images."),
]


@pytest.mark.parametrize(("side", "lobe", "add"), SETTLED)
def test_a_phase_statement_naming_calcification_settles_the_void(
        side: str, lobe: str, add: str) -> None:
    report = REPORT.format(side=side, lobe=lobe, add=add)
    assert leads(report, ORDER, title=HEAD) == ["mri-characterization"]
    # "diamagnetic" alone is calcification's sign, possible as a hedged word; named, present
    minerals = [s.mineral for s in read_text(report).structures if s.kind == "mass"]
    assert minerals == ["possible" if "calci" not in add and "mineral" not in add else "present"]


def test_a_settled_void_in_the_findings_alone_is_calcification() -> None:
    report = ("FINDINGS: A 3 cm mass in the right frontal lobe. Its foci of blooming are "
              "diamagnetic on phase imaging, consistent with calcification rather than "
              "hemorrhage.\nIMPRESSION: Right frontal mass.")
    assert leads(report, ORDER, title=HEAD) == ["mri-characterization"]


# --- guards ----------------------------------------------------------------------------------

@pytest.mark.parametrize("add", [
    "On review of the SWI phase images, the foci of blooming in the right frontal mass are "
    "paramagnetic, consistent with haemorrhage; there is no calcification.",
    "The phase images show the foci to be paramagnetic, in keeping with blood products rather "
    "than calcification.",
    "The SWI foci in the mass are paramagnetic, blood products.",
    "On phase imaging the blooming foci are haemorrhage, not calcification.",
    "The foci of blooming in the mass are not diamagnetic; they are paramagnetic, in keeping "
    "with hemosiderin.",
])
def test_a_paramagnetic_or_haemorrhage_statement_stays_silent(add: str) -> None:
    report = REPORT.format(side="right", lobe="frontal", add=add)
    assert leads(report, ORDER, title=HEAD) == []


def test_a_void_left_open_keeps_its_card() -> None:
    report = REPORT.format(side="right", lobe="frontal", add="Clinical history was updated.")
    assert leads(report, ORDER, title=HEAD) == ["signal-void"]


@pytest.mark.parametrize("sentence", [
    "The foci of blooming in the mass may represent calcification or haemorrhage.",
    "The foci of blooming in the mass represent calcification or haemorrhage rather than "
    "flow voids.",
])
def test_a_differential_that_keeps_haemorrhage_stays_open(sentence: str) -> None:
    report = f"FINDINGS: A 3 cm mass in the right frontal lobe. {sentence}"
    voids = [m for m in read_text(report).mentions if m.concept == "signal-void"]
    assert voids and all(set(m.differential) == {"calcification", "hemosiderin"}
                         for m in voids)
