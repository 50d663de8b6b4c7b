"""How a card names a metastasis (P11.95): as a metastasis of the tumour the report names
("hepatic metastasis of osteosarcoma"), never as a primary tumour of the organ it lies in
("hepatic osteosarcoma", a different and rare disease). Pure: words in, words out."""

from __future__ import annotations

import re

# "metastases of osteosarcoma", "metastasis from medullary thyroid carcinoma", "metastatic
# deposits of …": the tumour the metastasis is of ({w}: the lesion word the card found)
_OF = (r"\bmetasta(?:sis|ses|tic\s+deposits?)\s+(?:of|from)\s+(?:an?\s+|the\s+|known\s+)?"
       r"((?:[\w-]+\s+){{0,3}}?{w})\b")
# "osteosarcoma metastasis", "medullary thyroid carcinoma metastases"
_BEFORE = r"\b((?:[\w-]+\s+){{0,3}}?{w})\s+metasta(?:sis|ses)\b"
_METASTATIC = r"\bmetastatic\s+((?:[\w-]+\s+){{0,3}}?{w})\b"  # "metastatic osteosarcoma"
# words of a phrase that are no part of the tumour's name ("a 3.1 cm", "segment 8", "hepatic")
_NOT_NAME = re.compile(r"\d|\b(?:an?|the|and|or|with|of|in|from|segment|lobe|left|right|"
                       r"calcified|mineralized|hepatic|liver|pulmonary|lung|nodal|osseous|adrenal|splenic|"
                       r"bone|peritoneal|three|two|several|multiple|cm|mm|dense(?:ly)?|"
                       r"coarse(?:ly)?|larger?|small|new|known|enlarging|solitary)\b", re.I)


def metastatic(noun: str, texts: list[str]) -> str:
    """``noun`` ("osteosarcoma"), or "metastasis of …" where the statements call the lesion a
    metastasis of it ("Three hepatic metastases of osteosarcoma", "a calcified osteosarcoma
    metastasis"): the tumour's words as the report gives them, without size or place words."""
    if not noun or noun in ("metastasis", "lesion", "mass", "nodule"):
        return noun
    w = re.escape(noun.split()[-1])
    for t in texts:
        for pattern in (_OF, _BEFORE, _METASTATIC):
            if found := re.search(pattern.format(w=w), t, re.I):
                said = found.group(1).split()
                words = said[-1:]
                for x in reversed(said[:-1]):  # the tumour's own words, back from its noun
                    if _NOT_NAME.search(x):
                        break
                    words.insert(0, x)
                start = found.end(1) - len(" ".join(words))
                if re.match(r"\s*(?:$|\d+\.\s*$|[\w ,/&-]{0,40}:\s*$)", t[:start]):
                    words[0] = words[0].lower()  # it opens the sentence; "Ewing" elsewhere stays
                return f"metastasis of {' '.join(words)}"
    return noun
