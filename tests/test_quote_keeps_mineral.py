"""A long sentence's quote keeps the words that carry its mineral: its head, "…", and the words
from a few before the mineral on (docs/matching-policy.md P11.91; review round 19, unseen43 g2:
E-quote-cut-before-the-mineral)."""

from __future__ import annotations

import pytest

from cds_service.core.card_text import QUOTE_CHARS, quote

G2 = ("RIGHT C2-C3 FACET JOINT: Erosive arthropathy with an intra-articular and periarticular "
      "1.6 cm soft-tissue mass that is T1 hypointense and heterogeneously low to intermediate on "
      "T2, with peripheral enhancement, well-defined punched-out erosions of the articular "
      "processes and punctate low-signal foci consistent with calcified tophaceous material.")
LEG = ("Anterior compartment: The tibialis anterior and extensor digitorum longus are replaced by "
       "a 14 x 5.2 x 4.8 cm fusiform mass with a central fluid-signal component and a thick "
       "peripheral rim that is very low in signal on all sequences with blooming on GRE, in "
       "keeping with plaque-like peripheral calcification.")
PALM = ("Palm: A 1.9 x 1.2 cm ill-defined mass lies in the palmar aponeurosis at the base of the "
        "fourth ray, 1 cm deep to the skin, infiltrating the subcutaneous fat; low to intermediate "
        "T1 and T2 signal, moderate enhancement, with central stippled low-signal foci on all "
        "sequences consistent with calcification.")
SHEATH = ("Tendons: The common peroneal tendon sheath behind the lateral malleolus is distended "
          "over 4.2 cm by innumerable small round bodies, each 2 to 5 mm, with a low-signal rim "
          "on all sequences and central fatty marrow-like signal, consistent with mineralized "
          "osteochondral bodies of tenosynovial chondromatosis.")
THIGH = ("Posterior thigh: A 9.8 x 6.1 x 5.5 cm heterogeneous mass centred in the long head of the "
         "left biceps femoris extends to the sciatic neurovascular bundle without encasing it, "
         "with lobulated T2 hyperintense chondroid components, peripheral and septal "
         "enhancement and multiple ring-and-arc foci of low signal representing ossification.")


@pytest.mark.parametrize(("sentence", "term"), [
    (G2, "calcified"), (LEG, "calcification"), (PALM, "calcification"),
    (SHEATH, "mineralized"), (THIGH, "ossification"),
])
def test_a_long_sentence_is_quoted_with_its_mineral(sentence: str, term: str) -> None:
    said = quote(sentence, term)
    assert term in said and " … " in said
    head, tail = said.split(" … ")
    assert sentence.startswith(head.replace("\\", "")) and tail.replace("\\", "") in sentence
    assert len(said) <= QUOTE_CHARS + 10


@pytest.mark.parametrize(("sentence", "term"), [
    # guards: a sentence within the bound; a mineral the plain cut keeps; no term
    ("A 2 cm mass with punctate calcification.", "calcification"),
    ("Coarse calcification lies in a 9.8 x 6.1 x 5.5 cm heterogeneous mass centred in the long "
     "head of the left biceps femoris, which extends to the sciatic neurovascular bundle without "
     "encasing it, with lobulated T2 hyperintense chondroid components, peripheral and septal "
     "enhancement and multiple ring-and-arc foci of low signal.", "calcification"),
    (G2, ""),
])
def test_a_quote_that_keeps_its_mineral_is_cut_as_before(sentence: str, term: str) -> None:
    assert quote(sentence, term) == quote(sentence)
    assert " … " not in quote(sentence, term)


HIP = ("Right hip: A 3.4 x 2.8 cm lobulated mass in the iliopsoas bursa with fluid-fluid levels "
       "and thin septa displaces the femoral vessels medially, not encasing them, with scattered "
       "punctate dark foci consistent with calcification along its dependent wall, and the "
       "adjacent iliopsoas tendon is thickened with surrounding oedema and a small joint effusion.")


@pytest.mark.parametrize(("sentence", "term"), [
    (HIP, "calcification"), (G2, "calcified"), (LEG, "calcification"), (SHEATH, "mineralized"),
])
def test_the_quote_that_keeps_its_mineral_keeps_a_not_with_its_object(
        sentence: str, term: str) -> None:
    # P11.104 with P11.91: neither part before or after the "…" ends on a dangling "not"
    said = quote(sentence, term)
    assert term in said
    for part in said.split(" … "):
        assert part.rstrip("…").split()[-1].lower() not in {"not", "no", "nor", "without"}
    if sentence is HIP:
        assert "… not encasing them, with scattered punctate dark foci consistent with" in said
