"""How a card names a structure of the spine (P11.37): by the level, side and element the report
names it at ("lesion of the left C6 lamina (24 mm)", "right C3-C4 facet joint", "left
juxtafacet synovial cyst at L4-L5"), never by the region alone ("cervical spine bone lesion",
"lumbar spine cyst"). The elements are ``parts.spinal-element`` of the card content. Pure: text
in, words out."""

from __future__ import annotations

import re
from typing import NamedTuple

_ONE = r"[CTLS]\d{1,2}(?:-[CTLS]?\d{1,2})?"  # "C6", "L4-L5", "L4-5"
_LEVELS = rf"{_ONE}(?:\s*(?:,|and|to|through)\s*{_ONE})*"  # "C5 and C6", "T6, T7 and T8"
# "left C6 |lamina", "T6-T7 central |disc herniation", "T8-T9 central and left paracentral |disc"
# "L4-L5: Right paracentral |disc protrusion": a line labelled by its level (P11.73)
# "C5-C6: 6 mm central |disc herniation": the line's level before the size it gives (P11.73)
_LEVEL_BEFORE = re.compile(rf"\b({_LEVELS}):?\s+(?:\d+(?:\.\d+)?\s*(?:mm|cm)\s+)?"
                           r"(?i:(?:central|paracentral|left|right|foraminal|"
                           r"subarticular|broad-based|focal|and|calcified|ossified|"
                           r"mineralized)\s+){0,4}$")  # "C5-C6: Calcified disc herniation"
_LEVEL_AFTER = re.compile(rf"\s+(?:of|at)\s+(?:the\s+)?({_LEVELS})\b")  # "lamina| of L2"
# the side the report gives the element: "left C6 lamina", "left side of the C2 spinous
# process", "the left pedicle … of L2", "right-sided C3-C4 facet"
_SIDE = re.compile(r"\b(left|right)(?:[- ]sided)?\s+(?:(?:half|side|aspect)\s+of\s+(?:the\s+)?)?$",
                   re.I)
_SIDE_AFTER = re.compile(r"\b(left|right)\b", re.I)  # "L4-L5: Right paracentral disc" (P11.73)
_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and|/|&)\s*(?:the\s+)?(?:(?:base|tip)\s+of\s+the\s+)?",
                   re.I)  # "spinous process and lamina", "lamina and the base of the spinous …"


class Element(NamedTuple):
    side: str  # "left", "right" or ""
    levels: str  # "C6", "L4-L5", "C5 and C6"
    names: tuple[str, ...]  # ("pedicle", "transverse process")

    @property
    def words(self) -> str:
        """"left L2 pedicle and transverse process"."""
        return " ".join(w for w in (self.side, self.levels, " and ".join(self.names)) if w)


def _chain(s: str, at: int, elements: dict[str, re.Pattern[str]]) -> tuple[list[str], int]:
    """The elements named together from ``at`` ("spinous process and lamina"), and where they
    end; none where no element starts there."""
    names: list[str] = []
    end = at
    while True:
        hit = next(((n, w) for n, p in elements.items() if (w := p.match(s, at))), None)
        if not hit:
            return names, end
        if hit[0] not in names:
            names.append(hit[0])
        end = hit[1].end()
        join = _JOIN.match(s, end)
        at = join.end() if join else end


def element(texts: list[str], elements: dict[str, re.Pattern[str]]) -> Element | None:
    """The first element a text names at a level ("left C6 laminar lesion", "the left pedicle
    and transverse process of L2", "the left side of the C2 spinous process and lamina"),
    with the side the report gives it; None where no text names an element at a level."""
    any_word = re.compile("|".join(p.pattern for p in elements.values()), re.I)
    for s in texts:
        at = 0
        while found := any_word.search(s, at):
            names, end = _chain(s, found.start(), elements)
            at = max(end, found.end())
            before = _LEVEL_BEFORE.search(s, max(0, found.start() - 60), found.start())
            level = before or _LEVEL_AFTER.match(s, end)
            if not names or not level:
                continue
            side = _SIDE.search(s, max(0, (before.start() if before else found.start()) - 30),
                                before.start() if before else found.start()) or (
                before and _SIDE_AFTER.search(s, before.end(1), found.start()))
            sharper, its_side = _sharper(s, end, names, elements)
            return Element(its_side or (side.group(1).lower() if side else ""), level.group(1),
                           sharper)
    return None


_CLAUSE_END = re.compile(r"\.(?:\s|$)|;|\n")
_RANGE = re.compile(r"\b[CTLS]\d{1,2}-[CTLS]?\d{1,2}\b")  # another disc's level


def _sharper(s: str, end: int, names: list[str], elements: dict[str, re.Pattern[str]]
             ) -> tuple[tuple[str, ...], str]:
    """A disc named first and the herniation its clause names after it ("Broad-based disc
    osteophyte complex with a 5 mm left paracentral disc protrusion"): the part listed before
    it that shares its first word, with the side given it, where the clause names no other
    level (P11.73)."""
    stop = m.start() if (m := _CLAUSE_END.search(s, end)) else len(s)
    if len(names) == 1 and not _RANGE.search(s, end, stop):
        for name, words in elements.items():
            if name == names[0]:
                break
            if name.split()[0] == names[0].split()[0] and (w := words.search(s, end, stop)):
                side = _SIDE_BEFORE.search(s, end, w.start())
                return (name,), side.group(1).lower() if side else ""
    return tuple(names), ""


_SIDE_BEFORE = re.compile(r"\b(left|right)\s+(?:(?:central|paracentral|foraminal|subarticular|"
                          r"focal)\s+){0,2}$", re.I)  # "a 5 mm left paracentral |disc protrusion"


# a spinal mass's level as a compartment's mass keeps it ("mass at T6", "At T10 a … lesion",
# "the T10 lesion", "at the level of T10", P11.25), its side ("… lies … on the right")
_AT_LEVEL = re.compile(r"\b(?:(?:[Aa]t|[Aa]t the level of)\s+|the\s+(?=[CTLS]\d{1,2}\s+(?:"
                       r"lesion|mass|tumou?r|meningioma|schwannoma))|[Aa]t\s+the\s+(?=" + _LEVELS
                       + r"\s+levels?\b))(" + _LEVELS + r")\b")  # "at the T7 level" (P11.89)
# the one level the statements name a spinal mass at with no phrase joining them (P11.89): its
# line's label ("T7: A 1.9 cm … mass", "RIGHT C5-C6 FORAMEN: A 3.1 cm … mass") or the foramen
# it lies in ("expands the left L4-L5 neural foramen"): the foramen names the mass's place
_LABELLED = re.compile(rf"^\s*(?:(left|right)\s+)?({_ONE})\b(\s+(?:neural\s+)?foram\w*)?"
                       r"[^:.\n]{0,30}:", re.I | re.M)
_FORAMEN = re.compile(rf"\b(?:(left|right)\s+)?({_ONE})\s+(?:neural\s+)?(foram(?:en|ina|inal))\b",
                      re.I)
_ON_SIDE = re.compile(r"\b(?:on\s+the\s+(left|right)\b|(left|right)-sided\b)", re.I)
# a mass the report names at its level ("left L4-L5 juxtafacet synovial cyst")
_NOUN_AFTER_LEVEL = (r"\b(?:(left|right)(?:[- ]sided)?\s+)?(" + _LEVELS
                     + r"):?\s+(?:[\w-]+\s+){0,3}?")  # "L4-L5: Left juxtafacet synovial cyst"
_MINERAL = {"calcification": "calcified", "ossification": "ossified"}
_REGION = re.compile(r"\b(?:cervical|thoracic|lumbar|lumbosacral)?\s*spin(?:e|al)$", re.I)


def mass_place(texts: list[str], where: str, noun: str, compartment: bool, side: str | None,
               parts: dict[str, dict[str, re.Pattern[str]]]) -> tuple[str, str, str | None, str]:
    """(place words, noun, side, levels) of a spinal mass named ``noun`` at ``where``: the
    levels a text puts it at ("epidural mass at T6 and T7"), the side a compartment's mass lies
    on (P11.25); else the level and side the report names it at ("left L4-L5 juxtafacet synovial
    cyst") or those of the element it arises from ("arises from the medial aspect of the left
    L4-L5 facet joint"), which replace the region's words ("lumbar spine"); a mineral with no
    lesion word, the disc the report names at its level ("calcified T8-T9 disc herniation",
    ``parts.spinal-disc``; P11.37)."""
    at = _AT_LEVEL.search(" ".join(texts))
    if compartment and not side and (lr := _ON_SIDE.search(texts[0])):
        side = (lr.group(1) or lr.group(2)).lower()  # "… lies … on the right" (P11.25)
    if noun in _MINERAL and (not compartment or where == "intramedullary") and (
            disc := element(texts, parts.get("spinal-disc", {}))):  # a disc is never inside
        # the cord: "intramedullary" is the signal of the cord it flattens (P16.17)
        return f"{_MINERAL[noun]} {disc.words}", "", None if disc.side else side, ""
    named = _named_level(texts) if noun and not at else None  # P11.89
    if at or compartment or not noun:
        return where, noun, side or (named and named[0]) or None, at.group(1) if at else (
            named[1] if named else "")
    said = re.compile(_NOUN_AFTER_LEVEL + re.escape(noun.split()[-1]) + r"\b", re.I)
    found = next((f for s in texts if (f := said.search(s))), None)
    there = (found.group(1) or (lr.group(1) if (lr := _SIDE_AFTER.search(
        found.group(0), found.end(2))) else ""), found.group(2)) if found else (
        (e.side, e.levels) if (e := element(texts, parts.get("spinal-element", {}))) else None)
    if not there and named and named[2]:  # "right C5-C6 foraminal mass" (P11.89)
        return f"{named[1]} foraminal", noun, side or named[0] or None, ""
    if not there:
        return where, noun, side or (named and named[0]) or None, named[1] if named else ""
    where = "" if _REGION.search(where) else where  # the level says more than "lumbar spine"
    return where, noun, side or there[0].lower() or None, there[1]


def _named_level(texts: list[str]) -> tuple[str, str, bool] | None:
    """(side, level, whether in its foramen) of the one level a line's label or a foramen the
    statements name gives a spinal mass; None where they name none, or more than one."""
    hits = [(f.group(1) or "", f.group(2).upper(), bool(f.group(3))) for s in texts
            for p in (_LABELLED, _FORAMEN) for f in p.finditer(s)]
    if len({h[1] for h in hits}) != 1:
        return None
    return next((h[0].lower() for h in hits if h[0]), ""), hits[0][1], any(h[2] for h in hits)


# the interspaces a text names (P15.10): "L5-S1", "L4-5", "L4/L5", "T12-L1", a span "L4-S1";
# never a sequence ("T1/T2-weighted", "T1-T2 images"); the one side a disc is given (P15.11)
_FIRST = {"C": 0, "T": 7, "L": 19, "S": 24}  # C1 = 1 … C7, T1 = 8 … T12, L1 = 20 … L5, S1 = 25
_SPAN = re.compile(r"\b([CTLS])(\d{1,2})\s*(?:-|–|/|\bto\b)\s*([CTLS])?(\d{1,2})\b"
                   r"(?!\s*-?\s*(?:weighted|signal|sequence|image))", re.I)
_DISC_SIDE = re.compile(r"\b(left|right)\s+(?:paracentral|subarticular|foraminal|"
                        r"far[- ]lateral|posterolateral|lateral recess)\b", re.I)


def interspaces(text: str) -> frozenset[int]:
    """The discs a text names by their levels, each as the number of the vertebra above it
    ("L4-L5", "L4-5": 23; "L4-S1": 23 and 24); none where it names no interspace."""
    found: set[int] = set()
    for s in _SPAN.finditer(text):
        top = _FIRST[s.group(1).upper()] + int(s.group(2))
        low = _FIRST[(s.group(3) or s.group(1)).upper()] + int(s.group(4))
        if top < low <= top + 10:  # a span of at most ten levels, read downwards
            found.update(range(top, low))
    return frozenset(found)


def disc_side(text: str) -> str | None:
    """The one side a text gives a disc ("right paracentral disc protrusion"), else None."""
    sides = {m.group(1).lower() for m in _DISC_SIDE.finditer(text)}
    return sides.pop() if len(sides) == 1 and re.search(r"\bdis[ck]", text, re.I) else None
