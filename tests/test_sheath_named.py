"""A tendon sheath's lesion is named by the sheath the report puts it in, never by a bone named
behind it (docs/matching-policy.md P11.63, as P11.27 and P11.53; radiologist review round 10:
unseen33 b1 "right malleolus chondromatosis", wording)."""

from __future__ import annotations

import pytest

from tests.test_card_names import card_detail, lesion_line


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    ("Tendons: The common peroneal tendon sheath behind the lateral malleolus is distended over "
     "4.2 cm by innumerable small round bodies with a low-signal rim on all sequences, "
     "consistent with mineralized osteochondral bodies of tenosynovial chondromatosis.",
     "MRI ANKLE RIGHT WITHOUT CONTRAST", "EXCISION PERONEAL TENDON SHEATH LESION RT ANKLE",
     "right common peroneal tendon sheath chondromatosis (42 mm)"),
    ("Tendons: The peroneal tendon sheath behind the left lateral malleolus is distended over "
     "3.5 cm by numerous calcified bodies of tenosynovial chondromatosis.",
     "MRI ANKLE LEFT WITHOUT CONTRAST", "EXCISION PERONEAL TENDON SHEATH LESION LT ANKLE",
     "left peroneal tendon sheath chondromatosis (35 mm)"),
    ("Tendons: The tibialis posterior tendon sheath behind the medial malleolus is distended "
     "over 3.0 cm by calcified bodies of tenosynovial chondromatosis.",
     "MRI ANKLE RIGHT WITHOUT CONTRAST", "EXCISION TENDON SHEATH LESION RT ANKLE",
     "right tibialis posterior tendon sheath chondromatosis"),
])
def test_a_sheaths_lesion_is_named_by_the_sheath(text: str, title: str, order: str,
                                                 name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name


@pytest.mark.parametrize(("text", "title", "order", "name"), [
    ("A 3.2 cm lesion centred in the right humeral diaphysis with chondroid matrix "
     "calcification.", "MRI RIGHT HUMERUS", "CT GUIDED BX RT HUMERUS",
     "lesion of the right humerus (32 mm)"),
    ("A 4.4 cm mass with coarse calcification lies within the right soleus, posterior to the "
     "proximal tibial diaphysis.", "MRI RIGHT TIBIA AND FIBULA", "US GUIDED CORE BX RT CALF MASS",
     "right soleus mass (44 mm)"),
])
def test_a_lesion_elsewhere_keeps_its_name(text: str, title: str, order: str,
                                           name: str) -> None:
    assert lesion_line(card_detail("FINDINGS:\n" + text, title, order)) == name
