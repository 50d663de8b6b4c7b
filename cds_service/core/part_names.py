"""The part of a structure the statements about it name, for its card's name (P11.6, P11.16,
P11.25, P11.28): a bone lesion's bone, a joint's or tendon's own name, a heart lesion's place, a
coronary branch and its aneurysm, a tendon's deposit at a muscle's origin or insertion
("adductor longus tendon origin", P11.16, P11.100); where parts overlap, the longest name wins
("distal biceps femoris" is the biceps femoris, never the elbow's "distal biceps", P11.41). Pure:
mentions in, words out."""

from __future__ import annotations

import re

from cds_service.core import anatomy as regions_mod
from cds_service.core import attachments
from cds_service.core.reading.cited import studies_cited
from cds_service.core.reading.facts import Mention
from cds_service.core.reading.place import own_sites
from cds_service.core.reading.structure import WORDS
from cds_service.core.reading.structure import size_mm as structure_size


def _standing(t: str, parts: dict[str, re.Pattern[str]]) -> list[str]:
    """The parts ``t`` names, in their order, but not one whose words only stand inside a
    longer name of another part ("distal biceps" in "distal biceps femoris", "long head of the
    biceps" in "long head of the biceps femoris", "triceps" in "triceps surae"): the name that
    reaches further wins, at one end the longer (P11.41)."""
    spans = [(w.start(), w.end(), p) for p, words in parts.items() for w in words.finditer(t)]
    return [p for p in parts if any(q == p and not any(
        o != p and a < f and e > b and (f > e or f == e and a > b) for b, f, o in spans)
        for a, e, q in spans)]


def part(same: list[Mention], parts: dict[str, re.Pattern[str]],
          one: bool = False, heart: bool = False) -> tuple[str, str] | None:
    """The part a sentence about the structure names (``parts`` of its kind), with it; with
    ``one``, only when the statements name no other ("LAD and RCA": the coronary arteries)."""
    found = [(p, t) for x in same for t in (x.sentence, x.antecedent) if t
             for p in (_standing(t, parts) if not heart else (
                 p for p, words in parts.items() if words.search(t)))]  # the heart: by order
    if one and len({p for p, _ in found}) > 1 and (at := calcified_at(same, parts)):
        return at  # "calcified plaque at the left main bifurcation; signal loss in the LAD"
    if heart:  # the most specific part any statement names ("lateral infarct" over "infarct")
        order = list(parts)
        found.sort(key=lambda f: order.index(f[0]))
    if found and found[0][0].endswith(" joint") and (pair := _joints(found[0][1], parts)):
        return pair, found[0][1]  # "distal radioulnar and radiocarpal joints" (P11.79)
    return found[0] if found and not (one and len({p for p, _ in found}) > 1) else None


# joints listed together ("the distal radioulnar and radiocarpal joints", "… radioulnar joint or
# the radiocarpal joint"): the report names both (P11.79)
_JOINT_LIST = re.compile(r"(?:\s+joints?)?\s*,?\s+(and|or)\s+(?:the\s+)?", re.I)


def _joints(t: str, parts: dict[str, re.Pattern[str]]) -> str:
    """Two joints a sentence lists, named together in its order and with its conjunction
    ("distal radioulnar and radiocarpal joints"); "" where it lists none."""
    joints = {p: w for p, w in parts.items() if p.endswith(" joint")}
    for p, words in joints.items():
        for w in words.finditer(t):
            j = _JOINT_LIST.match(t, w.end())
            q = next((q for q, v in joints.items() if q != p and j and v.match(t, j.end())), "")
            if j and q:
                return f"{p.removesuffix(' joint')} {j.group(1).lower()} {q}s"
    return ""


_ATTACHED = re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:of|at|in|within|involving|along)\s+(?:the\s+)?"
                       r"(?:(?:proximal|mid|distal|ostial)\s+)?", re.I)  # "calcified plaque at the"
_LISTED = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b)\s*(?:the\s+)?(?:(?:proximal|mid|distal)\s+)?",
                     re.I)  # "… of the LAD and RCA", "left main/LAD"


def calcified_at(same: list[Mention], parts: dict[str, re.Pattern[str]]) -> tuple[str, str] | None:
    """The one part each statement of calcification puts it at (P11.25): the part its word is
    of or at ("calcified plaque at the left main bifurcation with signal loss in the proximal
    LAD"), else the one part its clause names ("a blooming focus at the left main bifurcation …
    is consistent with calcified plaque"); none where one names several ("calcification of the
    proximal left anterior descending and right coronary arteries")."""
    named = set()
    for x in (x for x in same if x.concept == "calcification"):
        t, at = x.sentence, x.sentence.find(x.term)
        hit = [(p, w) for p, words in parts.items() if (after := _ATTACHED.match(
            t, at + len(x.term))) and (w := words.match(t, after.end()))]
        if hit and not any(words.match(t, j.end()) for words in parts.values()
                           if (j := _LISTED.match(t, hit[0][1].end())) and j.end() > j.start()):
            named.add(hit[0][0])
            continue
        a, b = t.rfind(";", 0, at) + 1, (t.find(";", at) + 1 or len(t) + 1) - 1
        found = {p for p, words in parts.items() if words.search(t, a, b)}
        if len(found) > 1:
            return None
        named |= found
    return (named.pop(), "") if len(named) == 1 else None


_ANEURYSM = re.compile(r"\baneurysm(?:al)?\s+of\s+the\s+(?:(?:proximal|mid|distal)\s+)?$|"
                       r"^\s+aneurysm\b", re.I)


def aneurysm(same: list[Mention], words: re.Pattern[str]) -> tuple[int | None] | None:
    """(its size) of the branch's aneurysm the statements name ("a 14 mm calcified aneurysm of
    the proximal right coronary artery", "proximal RCA aneurysm"); None when they name no
    aneurysm of it (P11.28)."""
    for t in (t for x in same for t in (x.sentence, x.antecedent) if t):
        for w in words.finditer(t):
            if _ANEURYSM.search(t, max(0, w.start() - 40), w.start()) or _ANEURYSM.match(
                    t[w.end():]):
                start = max(t.rfind(x, 0, w.start()) for x in (";", ",", ". ")) + 1
                return (structure_size(t, start, w.start()),)
    return None


_ITS = re.compile(r"\bits\s+(?:[\w-]+\s+)?$", re.I)


# "pectoralis major insertion", "insertion of the left pectoralis major": its insertion; "the
# humeral insertion of the pectoralis major tendon": the tendon (round 5)
_ATTACHMENT = re.compile(r"\b(?:insertion|footprint)s?$", re.I)
_INSERTION_OF = re.compile(r"insertion\s+of\b", re.I)
_TENDON_NEXT = re.compile(r"\s+tendons?\b", re.I)


def attachment(same: list[Mention]) -> str:
    """A tendon's deposit at a muscle's origin or insertion, named by the muscle ("adductor
    longus tendon origin"), where the muscle is a place of a limb segment, not a tendon of the
    anatomy table ("supraspinatus tendon" keeps its name); the tendons ``parts.tendon`` of the
    card content lists are named by it first (P11.6)."""
    for s in (t for x in same for t in (x.sentence, x.antecedent) if t):
        for a, b, sid in own_sites(s, regions_mod.find_sites(s), [c[:2] for c in studies_cited(s)]):
            if regions_mod.beside("chest-wall", sid) and (_ATTACHMENT.search(s[a:b]) or (
                    _INSERTION_OF.match(s[a:b]) and not _TENDON_NEXT.match(s, b))):
                return f"{sid.removesuffix('-insertion').replace('-', ' ')} tendon insertion"
            if regions_mod.is_a(sid, "tendon") or regions_mod.is_a(sid, "joint"):
                continue  # a chest-wall muscle's insertion at the shoulder is named so (P13.26)
            # a tendon named by its muscle's attachment ("triceps insertion", "rectus femoris
            # direct-head origin", "origin of the direct head of the rectus femoris"): the one
            # table of those words kind.muscle_attachment reads (P11.16, P13.20)
            end = WORDS["attachment_after"].match(s, b) or WORDS["attachment_before"].search(
                s, max(0, a - 60), a)
            # the card names an origin or an insertion, never a footprint (P13.20)
            word = "" if not end else end.group().split()[-1 if end.start() == b else 0]
            where = next((w for w in ("origin", "insertion") if word.lower().startswith(w)), "")
            if where and not _ITS.search(s, max(0, a - 20), a):  # "near its first metacarpal
                # insertion": the bone the tendon named before inserts on (P11.27)
                return f"{s[a:b].lower()} tendon {where}"
    # a deposit named by the bone one tendon attaches to: the tendon ("the medial epicondyle":
    # "common flexor tendon origin", P2.34)
    return next((t for x in same for s in (x.sentence, x.antecedent) if s
                 if (t := attachments.attached_tendon(s))), "")


def unrepeated(where: str, noun: str) -> str:
    """The place words without the one the lesion word opens with ("peritoneal" of a
    "peritoneal implant": never "peritoneal peritoneal implant", P2.56)."""
    if noun and where and where.split()[-1].lower() == noun.split()[0].lower():
        return where.rsplit(" ", 1)[0] if " " in where else ""
    return where
