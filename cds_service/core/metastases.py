"""How a card names a metastasis (P11.95): as a metastasis of the tumour the report names
("hepatic metastasis of osteosarcoma"), never as a primary tumour of the organ it lies in
("hepatic osteosarcoma", a different and rare disease). Pure: words in, words out. The words
naming a metastasis and the words no part of a tumour's name are data: ``primary_of`` of
data/anatomy.json, the one table P2.46 reads too (compiled by core/anatomy_primary.py)."""

from __future__ import annotations

import re
from functools import lru_cache

from cds_service.core.anatomy import TABLE

_PRIMARY = TABLE.primary
# "metastases", "metastatic": patterns, braces doubled for the templates below
_NOUN, _ADJECTIVE = (p.replace("{", "{{").replace("}", "}}")
                     for p in (_PRIMARY.noun, _PRIMARY.adjective))
_NAME = r"((?:[\w-]+\s+){{0,3}}?{w})"  # the tumour's words, a few before its noun ({w})
# "metastases of osteosarcoma", "metastasis from medullary thyroid carcinoma", "metastatic
# deposits of …": the tumour the metastasis is of ({w}: the lesion word the card found)
_OF = rf"{_NOUN}\s+(?:of|from)\s+(?:an?\s+|the\s+|known\s+)?{_NAME}\b"
_BEFORE = rf"\b{_NAME}\s+{_NOUN}"  # "osteosarcoma metastasis", "… thyroid carcinoma metastases"
_METASTATIC = rf"{_ADJECTIVE}\s+{_NAME}\b"  # "metastatic osteosarcoma"
_OPENS = re.compile(r"\s*(?:$|\d+\.\s*$|[\w ,/&-]{0,40}:\s*$)")  # before a sentence's first word


@lru_cache(maxsize=256)
def _patterns(noun: str) -> tuple[re.Pattern[str], ...]:
    """The three shapes for one lesion word, compiled once per word."""
    w = re.escape(noun.split()[-1])
    return tuple(re.compile(p.format(w=w), re.I) for p in (_OF, _BEFORE, _METASTATIC))


def metastatic(noun: str, texts: list[str]) -> str:
    """``noun`` ("osteosarcoma"), or "metastasis of …" where the statements call the lesion a
    metastasis of it ("Three hepatic metastases of osteosarcoma", "a calcified osteosarcoma
    metastasis"): the tumour's words as the report gives them, without size or place words."""
    if not noun or noun in ("metastasis", "lesion", "mass", "nodule"):
        return noun
    for t in texts:
        for pattern in _patterns(noun):
            if found := pattern.search(t):
                said = found.group(1).split()
                words = said[-1:]
                for x in reversed(said[:-1]):  # the tumour's own words, back from its noun
                    if _PRIMARY.not_tumour.search(x):
                        break
                    words.insert(0, x)
                start = found.end(1) - len(" ".join(words))
                if _OPENS.match(t[:start]):
                    words[0] = words[0].lower()  # it opens the sentence; "Ewing" elsewhere stays
                return f"metastasis of {' '.join(words)}"
    return noun
