"""A sentence that overflows the quote's bound by its last word or two is quoted whole (P20.7).

The evidence quote is cut at ``QUOTE_CHARS``; the antecedent's cut already kept a last word or
two within ``TAIL_ROOM`` characters (P11.104), the statement's did not, so cards quoted "…
consistent with a calcific deposit (calcific tendinopathy of the rectus…", "… bodies of
tenosynovial…", "… should be targeted if biopsy…" (review dump, af20e49). A sentence whose last
one or two words end within ``TAIL_ROOM`` characters past the bound is quoted to its end; one
that runs on further is cut as before, and a cut still never ends on a "not" (P11.104)."""

from __future__ import annotations

import pytest

from cds_service.core.card_text import QUOTE_CHARS, TAIL_ROOM, quote
from tests.test_card_names import card_detail

WHOLE = [
    ("Tendons: At the insertion of the supraspinatus on the greater tuberosity there is a 12 mm "
     "ovoid focus of very low signal on all sequences with blooming on the gradient-echo images "
     "and surrounding bursal fluid and tendon edema, consistent with a calcific deposit "
     "(calcific tendinitis of the supraspinatus)."),
    ("Soft tissues: Within the right gluteus medius muscle there is a 5.1 cm heterogeneous mass "
     "with nodular septal enhancement and punctate foci of signal void on all sequences "
     "consistent with calcification; an extraskeletal chondrosarcoma is the leading "
     "consideration and should be sampled if biopsy is performed."),
    ("Joints: At the right first metatarsophalangeal joint of the foot a 15 mm "
     "intermediate-to-low signal soft-tissue mass with peripheral enhancement erodes the "
     "medial metatarsal head with overhanging edges, and contains punctate low-signal foci "
     "consistent with calcification, in keeping with a gouty tophus."),
    ("Tendons: The posterior tibial tendon sheath behind the medial malleolus is distended over "
     "3.6 cm by innumerable small round bodies, each 2 to 4 mm, with a low-signal rim on all "
     "sequences and central fatty marrow-like signal, consistent with mineralized osteochondral "
     "bodies of tenosynovial chondromatosis."),
    ("Elbow: The common flexor tendon at the medial epicondyle is thickened with intermediate T2 "
     "signal and a 7 mm focus of signal void on all sequences with blooming on gradient echo, "
     "compatible with a calcific deposit in the flexor carpi radialis origin with a small amount "
     "of fluid; mild surrounding edema."),
]


@pytest.mark.parametrize("sentence", WHOLE, ids=range(len(WHOLE)))
def test_a_last_word_or_two_past_the_bound_is_quoted(sentence: str) -> None:
    assert QUOTE_CHARS < len(sentence) <= QUOTE_CHARS + TAIL_ROOM
    said = quote(sentence, "calcif")
    assert not said.endswith("…") and said.endswith(sentence.rsplit(" ", 1)[-1]), said


def test_the_card_quotes_the_whole_sentence() -> None:
    detail = card_detail(f"FINDINGS: {WHOLE[3]}", "MRI RIGHT ANKLE", "Synovectomy right ankle")
    assert "bodies of tenosynovial chondromatosis." in detail, detail


@pytest.mark.parametrize("tail", [
    # a clause past the bound
    ", with surrounding soft-tissue edema extending into the adjacent subcutaneous fat.",
    # three words past it, within the room
    " in two planes.",
    # one word, longer than the room
    " immunohistochemically.",
])
def test_more_than_a_word_or_two_past_the_bound_is_cut(tail: str) -> None:
    head = WHOLE[4].removesuffix(".")
    assert len(head) >= QUOTE_CHARS  # every word of the tail lies past the bound
    said = quote(head + tail, "calcif")
    assert said.endswith("…") and len(said) <= QUOTE_CHARS + 1, said


def test_a_cut_still_never_ends_on_a_not() -> None:
    sentence = WHOLE[0].removesuffix(".") + ", and not associated with a rotator cuff tear today."
    said = quote(sentence, "calcif")
    assert said.endswith("…") and not said.removesuffix("…").endswith(("not", "no", "without"))
