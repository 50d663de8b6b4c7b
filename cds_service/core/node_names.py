"""How a card names a lymph node (P11.25, P11.32): the node the report describes on the side a
statement names ("the right node": "right external iliac lymph node"), and its nodal station as
the report words it ("right internal mammary lymph node (9 mm)", never the intercostal space
beside it nor the section heading above it). Pure: mentions in, words out."""

from __future__ import annotations

import re

from cds_service.core.card_library import CardLibrary
from cds_service.core.reading.facts import Mention

# the node noun right after a station ("internal mammary node", "cardiophrenic lymph nodes")
_AFTER = re.compile(r"\s+(?:\([^()]{0,60}\)\s+)?(?:lymph\s+)?(?:nodes?|nodal|(?:lymph)?"
                    r"adenopathy)\b", re.I)  # an aside between: "iliac (pelvic sidewall) node"
# "a node in the obturator fossa", "nodes along the internal mammary chain"
_BEFORE = re.compile(r"\b(?:nodes?|adenopathy)\s+(?:\w+\s+)?(?:in|within|along|at|of)\s+the\s+"
                     r"(?:(?:left|right)\s+)?$", re.I)
# a station opening the sentence, after its line's label ("Nodes: In the sigmoid mesocolon
# …, a 9 mm rounded node"): the node's place, not the landmark the sentence then names
_OPENING = re.compile(r"^(?:[A-Z][A-Za-z ,/&-]{0,40}:\s+)?(?:in|within|along)\s+the\s+"
                      r"(?:(?:left|right)\s+)?$", re.I)
_NODE = re.compile(r"\b(?:lymph\s+)?(?:nodes?|adenopathy)\b", re.I)


def described(m: Mention, said: tuple[Mention, ...], tissues: frozenset[str]) -> list[Mention]:
    """A node a statement names only as "the right node" ("Bilateral external iliac adenopathy;
    the right node has mixed signal …") is the one the report describes on that side ("A 17 mm
    rounded right external iliac node …"), when it describes nodes at one place there: their
    statements name it (P11.25). ``tissues``: the sites that name no place."""
    if m.kind != "node" or m.site not in tissues:
        return []
    there = [x for x in said if x.kind == "node" and x.counts and x.side == m.side
             and x.site not in tissues]
    return there if len({x.site for x in there}) == 1 else []


def station(same: list[Mention], lib: CardLibrary, where: str) -> str | None:
    """The nodal station the statements place the node at (``parts.node-station`` of the card
    content, P11.32), where the place words ``where`` found are not the node's own: a station
    named with the node noun ("a 9 mm right internal mammary node at the second intercostal
    space"), or one opening the sentence ("In the sigmoid mesocolon …, above the mesorectal
    fascia, a 9 mm node"). Where a statement says ``where`` with the node noun ("left internal
    iliac (lateral pelvic sidewall) lymph node"), only a station holding its words ("level I
    axillary" for "axillary") names it. The nearest to the statement's term; else None."""
    named = lib.parts.get("node-station", {})
    last = where.split()[-1].lower() if where else ""
    texts = [(x, t) for x in same for t in (x.sentence, x.antecedent) if t]
    own = bool(last) and any(re.search(rf"\b{re.escape(last)}{_AFTER.pattern}", t, re.I)
                             for _, t in texts)
    for x, s in texts:
        at = s.lower().find(x.term.lower()) if s is x.sentence else -1
        found = []
        for name, words in named.items():
            for w in words.finditer(s):
                said = w.group().lower()
                bound = (_AFTER.match(s, w.end()) or _BEFORE.search(
                    s, max(0, w.start() - 60), w.start())) and said not in where.lower() and (
                    not own or last in said.split())
                opening = not own and _OPENING.match(s[:w.start()]) and _NODE.search(
                    s, w.end(), (s.find(";", w.end()) + 1 or len(s) + 1) - 1)
                if bound or opening:
                    found.append((abs(w.start() - at) if at >= 0 else w.start(),
                                  -len(said), name))
        if found:
            return min(found)[2]
    return None
