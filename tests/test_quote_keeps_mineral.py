"""A long sentence's quote keeps the words that carry its mineral: its head, "…", and the words
from a few before the mineral on (docs/matching-policy.md P11.91; review round 19, unseen43 g2:
E-quote-cut-before-the-mineral), but only where the plain cut would lose them: a sentence whose
mineral word the plain cut keeps is quoted by it, naming what is calcified (P11.105; corpus
roco-PMC3845733, the giant intrapericardial mass with calcific shells)."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from cds_service.config import DEFAULT_CARDS_DIR
from cds_service.core import rules
from cds_service.core.card_library import load_library
from cds_service.core.card_text import QUOTE_CHARS, TAIL_ROOM, cut, md_quote, quote
from cds_service.core.cards import render
from cds_service.core.orders import classify_order
from cds_service.core.reading import read_report

LIBRARY = load_library(DEFAULT_CARDS_DIR)

G2 = ("RIGHT C2-C3 FACET JOINT: Erosive arthropathy with an intra-articular and periarticular "
      "1.6 cm soft-tissue mass that is T1 hypointense and heterogeneously low to intermediate on "
      "T2, with peripheral enhancement, well-defined punched-out erosions of the articular "
      "processes and punctate low-signal foci consistent with calcified tophaceous material.")
LEG = ("Anterior compartment: The tibialis anterior and extensor digitorum longus are replaced by "
       "a 14 x 5.2 x 4.8 cm fusiform mass abutting the interosseous membrane, with a central "
       "fluid-signal component and a thick "
       "peripheral rim that is very low in signal on all sequences with blooming on GRE, in "
       "keeping with plaque-like peripheral calcification.")
PALM = ("Palm: A 1.9 x 1.2 cm ill-defined mass lies in the palmar aponeurosis at the base of the "
        "fourth ray, 1 cm deep to the skin, infiltrating the subcutaneous fat; low to intermediate "
        "T1 and T2 signal, moderate enhancement, with central stippled low-signal foci on all "
        "sequences consistent with calcification or ossification.")
SHEATH = ("Tendons: The common peroneal tendon sheath behind the lateral malleolus is distended "
          "over 4.2 cm by innumerable small round bodies, each 2 to 5 mm, with a low-signal rim "
          "on all sequences and central fatty marrow-like signal, consistent with mineralized "
          "osteochondral bodies of tenosynovial chondromatosis, without erosion of the fibula.")
THIGH = ("Posterior thigh: A 9.8 x 6.1 x 5.5 cm heterogeneous mass centred in the long head of the "
         "left biceps femoris extends to the sciatic neurovascular bundle without encasing it, "
         "with lobulated T2 hyperintense chondroid components, peripheral and septal "
         "enhancement and multiple ring-and-arc foci of low signal representing ossification.")


@pytest.mark.parametrize(("sentence", "term"), [
    (G2, "calcified"), (LEG, "calcification"), (PALM, "calcification"),
    (THIGH, "ossification"),
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
    (G2, ""), (SHEATH, "mineralized"),
])
def test_a_quote_that_keeps_its_mineral_is_cut_as_before(sentence: str, term: str) -> None:
    assert quote(sentence, term) == quote(sentence)
    assert " … " not in quote(sentence, term)


HIP = ("Right hip: A 3.4 x 2.8 cm lobulated mass in the iliopsoas bursa with fluid-fluid levels, "
       "thin enhancing septa and a thickened synovial lining extends superiorly along the "
       "iliopsoas tendon to the level of the acetabular roof and displaces the femoral vessels "
       "medially, not encasing them, with scattered punctate dark foci consistent with "
       "calcification along its dependent wall.")


@pytest.mark.parametrize(("sentence", "term"), [
    (HIP, "calcification"), (G2, "calcified"), (LEG, "calcification"), (THIGH, "ossification"),
])
def test_the_quote_that_keeps_its_mineral_keeps_a_not_with_its_object(
        sentence: str, term: str) -> None:
    # P11.104 with P11.91: neither part before or after the "…" ends on a dangling "not"
    said = quote(sentence, term)
    assert term in said and " … " in said
    for part in said.split(" … "):
        assert part.rstrip("…").split()[-1].lower() not in {"not", "no", "nor", "without"}
    if sentence is HIP:
        assert "… not encasing them, with scattered punctate dark foci consistent with" in said


# --------------------------------------------------------------------------- P11.105
# A long sentence whose mineral word ends past three quarters of the bound (76-99 %) but inside
# the plain cut: the plain cut quotes it, and with it what is calcified and where.

PERICARDIUM = (
    "Cardiac MRI, four-chamber steady-state free precession cine, T1 and T2 black-blood and late "
    "gadolinium enhancement images: on the lateral wall of the heart, a giant capsulated "
    "intrapericardial mass is detectable between the left ventricle and left atrium, with "
    "stratified calcific shells inside and a heterogeneous core of intermediate T1 and low T2 "
    "signal without enhancement, most consistent with a calcified chronic organised haematoma "
    "rather than a neoplasm; no pericardial effusion.")
BRAIN = (
    "Brain: There is effacement of the left frontal horn and 6 mm of rightward midline shift, "
    "caused by a 4.2 x 3.8 cm heterogeneous cortically based intra-axial mass with cystic and "
    "solid components, with clumped foci of blooming with phase behaviour of calcification in "
    "its medial solid part, favouring oligodendroglioma, with patchy enhancement and no "
    "restricted diffusion.")
SHOULDER = (
    "Right shoulder: There is tendinosis of the supraspinatus with intermediate intrasubstance "
    "signal near the footprint, and the thickened supraspinatus tendon contains a 1.4 cm ovoid "
    "focus of very low signal on all sequences consistent with calcific tendinitis "
    "(hydroxyapatite deposition), with fluid in the subacromial bursa and marrow oedema in the "
    "adjacent greater tuberosity; no full-thickness tear.")
KIDNEY = (
    "Left kidney: An exophytic 3.6 x 3.1 cm mass arises from the lower pole laterally, "
    "heterogeneous and predominantly T2 hyperintense with thick irregular enhancing septa and "
    "an enhancing mural nodule, with a thick rim of low signal consistent with mural "
    "calcification, Bosniak class IV; the renal vein and inferior vena cava are patent.")
OVARY = (
    "Pelvis, axial and sagittal T2 and T1 with and without fat saturation: The right ovary is "
    "replaced by a 7.4 x 6.0 cm complex cystic mass with a fat-fluid level and a Rokitansky "
    "nodule along its dependent wall, and a 2.2 cm signal void within the nodule is in keeping "
    "with calcification, likely a tooth, consistent with a mature cystic teratoma; the left "
    "ovary is normal and there is no free fluid in the pelvis.")
HIP_NEAR = (
    "Right hip: A 3.4 x 2.8 cm lobulated mass in the iliopsoas bursa with fluid-fluid levels "
    "and thin septa displaces the femoral vessels medially, not encasing them, with scattered "
    "punctate dark foci consistent with calcification along its dependent wall, and the "
    "adjacent iliopsoas tendon is thickened with surrounding oedema and a small joint effusion.")


@pytest.mark.parametrize(("sentence", "term", "subject"), [
    (PERICARDIUM, "calcific shells", "giant capsulated intrapericardial mass is detectable"),
    (BRAIN, "calcification", "cortically based intra-axial mass"),
    (SHOULDER, "calcific tendinitis", "the thickened supraspinatus tendon contains"),
    (KIDNEY, "calcification", "an enhancing mural nodule"),
    (OVARY, "calcification", "Rokitansky nodule along its dependent wall"),
    (HIP_NEAR, "calcification", "displaces the femoral vessels medially, not encasing them"),
    (SHEATH, "mineralized", "with a low-signal rim on all sequences"),
])
def test_a_mineral_the_plain_cut_keeps_is_quoted_by_the_plain_cut(
        sentence: str, term: str, subject: str) -> None:
    flat = " ".join(sentence.split())
    end = flat.find(term) + len(term)
    assert len(flat) > QUOTE_CHARS and QUOTE_CHARS * 3 // 4 <= end < QUOTE_CHARS  # the class
    said = quote(sentence, term)
    assert said == md_quote(cut(sentence, QUOTE_CHARS, TAIL_ROOM)) == quote(sentence)
    assert " … " not in said and term in said and subject in said
    assert said.endswith("…") and flat.startswith(said.removesuffix("…").replace("\\", ""))


@pytest.mark.parametrize(("sentence", "term"), [
    (PERICARDIUM, "calcific shells"), (SHOULDER, "calcific tendinitis"),
    (KIDNEY, "calcification"), (OVARY, "calcification"),
])
def test_a_mineral_past_the_plain_cut_is_still_split(sentence: str, term: str) -> None:
    # guard: the same sentences after a preamble, so the plain cut ends before the mineral:
    # P11.91's split, the mineral whole in the tail
    longer = "Addendum after review of the outside images with the referring team: " + sentence
    assert term not in cut(longer, QUOTE_CHARS)
    said = quote(longer, term)
    assert " … " in said and term in said.split(" … ")[1] and said != quote(longer)


def _padded(length: int) -> str:
    """A sentence whose "calcification" ends at ``length`` characters, then goes on."""
    pre = "Left thigh: a lobulated intramuscular mass measuring 4.2 cm, with fluid levels"
    while len(pre) < length - 40:
        pre += ", thin septa and a thick enhancing rim"
    pre = pre[:length - 25].rsplit(" ", 1)[0]
    pre += " and foci of " + "x" * (length - 14 - 13 - len(pre)) + " calcification"
    assert len(pre) == length
    return pre + " along its wall" + ", with oedema of the vastus lateralis" * 4 + "."


def test_the_mineral_word_ending_at_the_plain_cut_is_kept() -> None:
    # the boundary: the mineral word is the plain cut's last word, so the plain cut quotes it;
    # one character further and it is lost there, so split
    kept = _padded(QUOTE_CHARS - 2)
    assert cut(kept, QUOTE_CHARS).removesuffix("…").endswith("calcification")
    assert quote(kept, "calcification") == md_quote(cut(kept, QUOTE_CHARS))
    lost = _padded(QUOTE_CHARS - 1)
    assert "calcification" not in cut(lost, QUOTE_CHARS)
    assert " … " in quote(lost, "calcification") and "calcification" in quote(lost, "calcification")


# a sign read beside a calcium word: the plain cut must keep that word too (cards.py passes it)
TENDON = ("FIRST EXTENSOR COMPARTMENT: There is an ovoid 7 mm focus of low signal on all "
          "sequences within the abductor pollicis longus tendon just proximal to its insertion "
          "at the base of the first metacarpal, with surrounding peritendinous edema and a "
          "small amount of fluid in the tendon sheath; appearances are those of calcific "
          "tendinitis (hydroxyapatite deposition).")


@pytest.mark.parametrize(("sentence", "sign", "mineral"), [
    (LEG, "blooming", "calcification"),
    (PALM, "low-signal foci on all sequences", "calcification"),
    (TENDON, "low signal on all sequences", "calcific tendinitis"),
])
def test_a_sign_keeps_the_calcium_word_it_is_read_beside(
        sentence: str, sign: str, mineral: str) -> None:
    assert sign in cut(sentence, QUOTE_CHARS) and mineral not in cut(sentence, QUOTE_CHARS)
    said = quote(sentence, sign, mineral)
    assert " … " in said and sign in said and mineral in said
    assert len(said) <= QUOTE_CHARS + 10
    head, tail = said.split(" … ")
    assert sentence.startswith(head.replace("\\", "")) and tail.replace("\\", "") in sentence
    assert quote(sentence, sign) == md_quote(cut(sentence, QUOTE_CHARS))  # the sign alone kept


@pytest.mark.parametrize(("sentence", "sign", "mineral"), [
    (OVARY, "signal void", "calcification"),  # both inside the plain cut
    (BRAIN, "blooming", "calcification"),
    ("A 2 cm mass with a signal void in keeping with calcification.", "signal void",
     "calcification"),
])
def test_a_sign_whose_calcium_word_the_plain_cut_keeps_is_quoted_as_before(
        sentence: str, sign: str, mineral: str) -> None:
    assert quote(sentence, sign, mineral) == quote(sentence)


def _report(text: str, title: str) -> dict[str, Any]:
    data = base64.b64encode(f"EXAM: {title}\n\nFINDINGS:\n{text}".encode()).decode()
    return {"resourceType": "DiagnosticReport", "id": "mr1", "status": "final",
            "code": {"text": title}, "effectiveDateTime": "2026-10-01",
            "subject": {"reference": "Patient/p1"},
            "presentedForm": [{"contentType": "text/plain", "data": data}]}


def _detail(text: str, title: str, order: str) -> str:
    ev = rules.Evidence(reports=(read_report(_report(text, title)),), studies=())
    draft = classify_order({"resourceType": "ServiceRequest", "id": "o1", "status": "draft",
                            "intent": "order", "subject": {"reference": "Patient/p1"},
                            "code": {"text": order}})
    problems = rules.merge(rules.evaluate(draft, ev))
    assert problems, "no card"
    return render(problems[0], LIBRARY, patient_id="p1", new_id=lambda: "id").card.detail


def test_the_pericardial_card_says_what_is_calcified_and_where() -> None:
    # corpus roco-PMC3845733: the card's quote keeps the intrapericardial mass with its shells
    detail = _detail(PERICARDIUM, "MRI HEART", "CT CHEST W CONTRAST")
    assert "giant capsulated intrapericardial mass is detectable between the left ventricle" \
        in detail
    assert "with stratified calcific shells" in detail
    assert "capsulated … " not in detail


@pytest.mark.parametrize(("text", "title", "order", "words"), [
    (TENDON, "MRI LEFT WRIST", "MRI WRIST LEFT W WO CONTRAST",
     ("low signal on all sequences", "appearances are those of calcific tendinitis")),
    (LEG, "MRI LEFT LEG", "CT LOWER EXTREMITY LEFT W CONTRAST",
     ("blooming on GRE", "plaque-like peripheral calcification")),
])
def test_a_card_quoting_a_sign_keeps_its_calcium_word(
        text: str, title: str, order: str, words: tuple[str, ...]) -> None:
    detail = _detail(text, title, order)
    assert all(w in detail for w in words)
