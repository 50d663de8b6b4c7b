"""Issue 17, unseen27 t2 (P11.33, round 7's N-component-size): the length a report gives a
stretch of a tendon or of its change ("thickening of the distal 3 cm and an 11 mm calcific
deposit", "thickened over a length of 2.5 cm", "a 4 cm segment", "the distal 4 cm of the
Achilles tendon") is no size of the deposit: the card names the calcified deposit's size, or
none ("left Achilles tendon (11 mm)", never "(30 mm)"). A mass's own size stays ("a 3 cm long
lipoma", "measuring over 5 cm"), and the Achilles keeps its capital. Written before the engine
change; the variants failed on main baccef9."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line

ANKLE = ("MRI LEFT ANKLE WITHOUT CONTRAST", "MR ANKLE LT WO")


@pytest.mark.parametrize(("text", "title", "name"), [
    ("Achilles tendon: Insertional tendinopathy with thickening of the distal 3 cm and an 11 mm "
     "calcific deposit within the distal Achilles tendon fibres, with surrounding edema.",
     ANKLE, "left Achilles tendon (11 mm)"),
    ("The distal 4 cm of the left Achilles tendon is thickened and contains a 12 mm "
     "calcification.", ANKLE, "left Achilles tendon (12 mm)"),
    ("The left supraspinatus tendon is thickened over a length of 2.5 cm and contains a 9 mm "
     "calcific deposit.", ("MRI LEFT SHOULDER WITHOUT CONTRAST", "MR SHOULDER LT WO"),
     "left supraspinatus tendon (9 mm)"),
    ("A 4 cm segment of the left patellar tendon is thickened with an 8 mm calcific focus, "
     "consistent with calcific tendinopathy.",
     ("MRI LEFT KNEE WITHOUT CONTRAST", "MR KNEE LT WO"), "left patellar tendon (8 mm)"),
    ("The left gluteus medius tendon shows tendinosis over 3 cm with a 15 mm calcific deposit.",
     ("MRI LEFT HIP WITHOUT CONTRAST", "MRI HIP LT WO CONTRAST"),
     "left gluteus medius tendon (15 mm)"),
    # no size of the deposit: none
    ("The distal left Achilles tendon is thickened over 4 cm with calcific tendinopathy.",
     ANKLE, "left Achilles tendon"),
])
def test_a_tendons_extent_is_no_size_of_its_deposit(text: str, title: tuple[str, str],
                                                     name: str) -> None:
    detail = card_detail(f"FINDINGS: {text}", title[0], title[1],
                         "Posterior heel pain, ? calcific tendinopathy")
    assert lesion_line(detail) == name


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    ("A 3 cm long lipoma with coarse calcification in the left vastus lateralis.",
     "MRI LEFT THIGH", "US guided core biopsy left thigh mass", "(30 mm)"),
    ("A calcified mass measuring over 5 cm in the left vastus lateralis.",
     "MRI LEFT THIGH", "US guided core biopsy left thigh mass", "(50 mm)"),
    ("An 11 mm calcific deposit within the distal left Achilles tendon, 2 cm above its "
     "insertion.", ANKLE[0], ANKLE[1], "left Achilles tendon (11 mm)"),
])
def test_a_lesions_own_size_stays(text: str, title: str, order: str, name: str) -> None:
    assert lesion_line(card_detail(f"FINDINGS: {text}", title, order)).endswith(name)
