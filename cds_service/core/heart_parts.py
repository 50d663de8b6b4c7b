"""Which part of the heart a calcified finding is, where its calcium word names one (docs/
matching-policy.md P11.40): "endocardial calcification", "left atrial wall calcification",
"calcification of the left ventricular aneurysm wall", "apical thrombus with a calcified rim".
A part the statements only name beside it ("apical thrombus and endocardial calcification", "no
appendage thrombus") is not the finding. Parts: ``heart`` and ``heart-layer`` of the card
content's ``parts`` (a layer or ring has no lesion size)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from cds_service.core.reading.facts import Mention
from cds_service.core.reading.structure import clause_of

# the words between a part and the calcium word after it ("left atrial wall calcification",
# "thrombus with a calcified rim", "aneurysm wall is calcified"), or after the calcium word and
# before the part ("calcification of the pericardium", "calcified pericardium"): two at most,
# never a denial
_BEFORE = re.compile(r"[\s-]*(?:(?!(?:no|not|without|and|or)\b)[\w-]+\s+){0,2}", re.I)
_AFTER = re.compile(r"[\s-]+(?:(?!(?:no|not|without|and|or)\b)[\w-]+\s+){0,2}?(?:(?:of|at|in|"
                    r"within|involving|along|over|throughout)\s+)?(?:the\s+)?", re.I)
_NEAR = 80  # characters: a part further from the calcium word is not the one it names


def calcified(same: Iterable[Mention], parts: Mapping[str, Mapping[str, re.Pattern[str]]],
              named: tuple[str, str] | None) -> tuple[str, str] | None:
    """(the part, its clause; "" for a layer, which has no size) that the calcium word of the
    first statement naming one is of, else ``named`` (the most specific part the statements
    name, P11.25), also where that is a more specific one of its kind ("lateral wall … calcified
    myocardial infarction": the lateral infarct)."""
    order = list(parts.get("heart", {}))
    found = _attached(same, parts)
    if found is None or named is not None and named[0] in order and found[0] in order and (
            named[0].split()[-1] == found[0].split()[-1]
            and order.index(named[0]) < order.index(found[0])):
        return named
    return found


def _attached(same: Iterable[Mention], parts: Mapping[str, Mapping[str, re.Pattern[str]]],
              ) -> tuple[str, str] | None:
    """(the part, its clause or "") the calcium word of the first statement naming one is of."""
    kinds = [(name, words, kind == "heart") for kind in ("heart", "heart-layer")
             for name, words in parts.get(kind, {}).items()]
    for x in same:
        t = x.sentence
        at = t.lower().find(x.term.lower())
        if at < 0:
            continue
        end = at + len(x.term)
        near = [(at - w.end(), i, w.span()) for i, (_, words, _) in enumerate(kinds)
                for w in words.finditer(t, max(0, at - _NEAR), at)
                if _BEFORE.fullmatch(t, w.end(), at)] + [
            (w.start() - end, i, w.span()) for i, (_, words, _) in enumerate(kinds)
            for w in words.finditer(t, end, end + _NEAR) if _AFTER.fullmatch(t, end, w.start())]
        if near:  # of the phrase nearest it, the most specific part ("apical aneurysm wall")
            a, b = min(near)[2]
            i, (c, d) = min((i, span) for _, i, span in near if span[0] < b and a < span[1])
            name, _, sized = kinds[i]
            return name, t[slice(*clause_of(t, c, d))] if sized else ""
    return None
