"""Which kind of structure a mention is about (docs/matching-policy.md P1.2, P2.3, P4.11, P16,
P19): node, mass, bone lesion, tendon, joint, heart, vessel, organ, or an incidental body beside
them; as its clause names it, else its sentence. Its words, lesion word and size: ``structure``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cds_service.core import anatomy, attachments
from cds_service.core.reading.facts import StructureKind
from cds_service.core.reading.lexicon import find_contexts
from cds_service.core.reading.structure import (
    NAMED,
    PREMODIFIED,
    WORDS,
    apart_only,
    lesion_words,
    names_structure,
)


def _before_a_mass(s: str, term_start: int, b: int) -> bool:
    """Whether the term qualifies a mass it stands before ("calcified right suprarenal mass")."""
    words = PREMODIFIED.match(s, term_start, b)
    found = [m for k in ("mass", "node") for m in WORDS[k].finditer(s, term_start + 1, words.end())
             ] if words else []
    return bool(found) and min(found, key=lambda m: m.start()).re is WORDS["mass"]


_METASTASIS = re.compile(r"\bmetasta\w*", re.I)
_PLACED_AFTER = re.compile(r"\s+(?:in|of|to|within|involving|at)\s+(?:the\s+)?", re.I)


def _node_metastasis(s: str, a: int, b: int, term_start: int) -> bool:
    """Whether the lesion the term stands before is a metastasis said of the node the clause
    named before it, no other lesion or place named between and none placing it elsewhere
    ("left external iliac node with mixed signal and patchy signal loss, possibly calcified
    metastasis", "obturator node, a calcified metastatic deposit"): that node (P4.16); a
    "calcified liver metastasis" stays a mass."""
    words = PREMODIFIED.match(s, term_start, b)
    mass = next(WORDS["mass"].finditer(s, term_start + 1, words.end()), None) if words else None
    nodes = list(WORDS["node"].finditer(s, a, term_start))
    if mass is None or not nodes or not _METASTASIS.search(s, term_start, mass.end()):
        return False
    after = _PLACED_AFTER.match(s, mass.end(), b)
    return not (lesion_words(s, nodes[-1].end(), term_start)
                or anatomy.find_sites(s[nodes[-1].end():mass.end()])
                or after and anatomy.find_sites(s[after.end():b]))


# a node or mass word a place word puts something beside ("a diverticulum, beside the mass,")
_PLACED = re.compile("(?:" + WORDS["beside"].pattern + r")(?:\s+(?:to|of|with|from))?\s+"
                     r"(?:[\w-]+\s+){0,3}$", re.I)


def _held(s: str, body: re.Match[str], holders: Iterable[re.Match[str]]) -> bool:
    """Whether a node or mass named before ``body`` holds it ("the groin mass contains
    phleboliths"), not only lies beside it ("a node with adjacent phleboliths", P2.3, P4.11);
    one that only places what holds it is none ("a diverticulum beside the mass contains
    calculi", P4.11a), nor one the report calls incidental ("with incidental phleboliths",
    P19.1a)."""
    if _CALLED_INCIDENTAL.search(s, max(0, body.start() - 40), body.start()) or elsewhere(
            s, body):
        return False
    for m in holders:
        if m.end() > body.start() or _PLACED.search(s, max(0, m.start() - 60), m.start()):
            continue
        inside = WORDS["inside"].search(s, m.end(), body.start())
        if inside and not WORDS["beside"].search(s, inside.end(), body.start()):
            return True
    return False


# the words a term opens, up to a preposition ("calcified right external iliac artery lies")
_NOUN_PHRASE = re.compile(r"[\w-]+(?:[ \t]+(?!(?:and|or|with|in|of|to|at|may)\b)[\w-]+){0,5}",
                          re.I)


def _names_beside(s: str, a: int, b: int, term_start: int, term_end: int) -> bool:
    """Whether the term names an incidental body or a vessel ("calcified phleboliths",
    "atherosclerotic calcification of the iliac artery", "calcified iliac artery") that the clause
    s[a:b] puts beside a node or mass, not in it (P4.11): the term is that body's or opens its
    noun phrase, no node or mass word of the phrase is its head, and none holds it."""
    words = _NOUN_PHRASE.match(s, term_start, b)
    end = max(term_end, words.end() if words else term_end)
    body = next((m for m in WORDS["incidental"].finditer(s, a, b)
                 if m.start() < end and not s[m.end():term_start].strip(" -")), None) or next(
        WORDS["vessel_named"].finditer(s, term_end, end), None)
    if body is None:
        return False
    holders = [*WORDS["node"].finditer(s, a, b), *lesion_words(s, a, b)]
    head = [m for m in holders if term_start <= m.start() < end
            and not WORDS["beside"].search(s, body.end(), m.start())]
    return not head and bool(holders) and not _held(s, body, holders) and not _lesion_holds(
        s, a, b, body)


_QUALIFIES = re.compile(r"(?:\s+[\w-]+){0,2}?\s+")  # "calcified [amorphous] tumor"


def _qualified_apart(s: str, term_start: int, term_end: int,
                     masses: list[re.Match[str]], body: re.Match[str]) -> bool:
    """Whether the term qualifies a lesion word right after it ("calcified amorphous tumor")
    that is not the incidental body ("calcified loose body" is one, P19.2), or the incidental
    word only places a lesion it names ("pineal region mass", "choroid plexus papilloma"). A
    term that is the body itself names it, with the lesion word after it: "OPLL mass" is the
    ossified ligament (P16.6), not a lesion beside it."""
    if WORDS["incidental_place"].fullmatch(body.group()) and any(
            m.start() >= body.end() and _QUALIFIES.fullmatch(s, body.end(), m.start())
            for m in masses):
        return True
    for m in WORDS["incidental"].finditer(s, body.start()):
        if m.start() > term_start:
            break
        if term_start < m.end():
            return False  # the term is an incidental body's own word
    return any(m.start() >= term_end and _QUALIFIES.fullmatch(s, term_end, m.start())
               and (m.end() <= body.start() or body.end() <= term_end) for m in masses)


def kind_of(s: str, a: int, b: int, term_start: int, site: str | None,
            contexts: Iterable[str], term_end: int) -> StructureKind:
    """The kind of structure the clause s[a:b] says the mention s[term_start:term_end] is about."""
    ctx = set(contexts)
    if not NAMED.search(s, a, b):
        a, b = 0, len(s)  # no structure in the clause: the one the sentence is about (P2.2)
    clause = s[a:b]
    if _on_background(s, a, term_start):  # "mass … on a background of calcific pancreatitis"
        return "organ" if anatomy.is_a(site, "organs") else "incidental"  # (P2.37)
    if WORDS["caseous_annulus"].search(clause):
        return "heart"  # caseous annular calcification: the valve's own, no mass (P4.30)
    if _names_beside(s, a, b, term_start, term_end) and not (
            site is not None and anatomy.is_a(site, "heart")):
        return "incidental"  # phleboliths, a vessel's calcification beside a node (P4.11)
    if (body := WORDS["lesion_body"].match(s, term_start)) and elsewhere(s, body):
        return "incidental"  # "calcified thrombi lie in the nearby facial vein" (P19.1b)
    if WORDS["node"].search(clause) and ("lymph-node" in ctx or not WORDS["mass"].search(clause)) \
            and (not _before_a_mass(s, term_start, b)  # "calcified mass with … adenopathy"
                 or _node_metastasis(s, a, b, term_start)):
        return "node"
    if "lymph-node" in ctx and "soft-tissue-mass" not in ctx and not names_structure(s):
        return "node"  # "On the ultrasound it contained…": the node named before it (P2.2)
    if site is not None and anatomy.is_a(site, "coronary-arteries"):
        return "vessel"  # "LAD calcified plaque" is the coronary artery's (P1.2)
    masses = lesion_words(s, a, b)
    incidental = next(iter(WORDS["incidental"].finditer(s, a, b)), None)
    # phleboliths or calcified foci inside a mass characterize the mass (P2.3); a lesion the
    # term itself qualifies ("calcified amorphous tumor") is no incidental body named elsewhere
    # in the clause ("attached to the posterior mitral annulus", P1.2)
    if incidental is not None and not _held(s, incidental, masses) and not _lesion_holds(
            s, a, b, incidental) and not _qualified_apart(s, term_start, term_end, masses,
                                                       incidental) and not (
            anatomy.is_a(site, "pericardium") and WORDS["plaque"].fullmatch(incidental.group())):
        return "incidental"  # pericardial plaques are calcific pericarditis's (P2.17)
    organ = anatomy.is_a(site, "organs")  # an organ has no joint or tendon: its capsule (P1.2)
    if "crystal-deposition" in ctx and not organ and not _lesion_capsule(clause, masses):
        return "tendon" if (anatomy.is_a(site, "tendon") or anatomy.is_a(site, "bursa")
                            or WORDS["tendon"].search(clause) or muscle_attachment(clause)
                            ) else "joint"
    if "bone-lesion" in ctx and not WORDS["soft_tissue"].search(clause) and not anatomy.is_a(
            site, "organs") and not beside_bone(s) and (
            masses or "soft-tissue-mass" in ctx or not (WORDS["tendon"].search(clause)
                                                        or WORDS["joint"].search(clause))) and (
            not primary_bone(s)):
        return "bone"  # a lesion inside a bone (P16.1)
    if site is not None and anatomy.is_a(site, "heart"):
        if anatomy.is_a(site, "coronary-arteries"):
            return "vessel"
        if not (masses or "soft-tissue-mass" in ctx) or "infarct" in ctx:
            return "heart"  # "It contains …" of a cardiac mass is the mass's (P4.13c)
    if site in {"aorta", "vessels"} and not masses:  # a venous malformation is a mass (P19.3)
        # an aneurysm's wall, a dissection's flap, an arteritis's wall: the vessel's own (P4.20)
        return "vessel" if (WORDS["aneurysm"].search(clause)
                            or WORDS["vessel_disease"].search(clause)) else "incidental"
    if not masses and WORDS["aneurysm"].search(clause) and (
            WORDS["vessel_named"].search(clause) or re.search(r"\baortic\b", clause, re.I)):
        return "vessel"  # "calcified popliteal artery aneurysm", "thoracic aortic" (P15.3)
    if not masses and "soft-tissue-mass" not in ctx and WORDS["said_incidental"].search(clause):
        return "incidental"  # "coarse calcifications in the transition zone, incidental" (P1.2)
    if masses and (all(WORDS["deposit"].fullmatch(m.group()) for m in masses)
                   or WORDS["restated_deposit"].search(clause)):  # "mass, consistent with a
        # calcific deposit": the deposit's (P1.2); at a tendon's bony attachment, its (P2.34)
        tendon = (anatomy.is_a(site, "tendon") or anatomy.is_a(site, "bursa")
                  or WORDS["tendon"].search(clause) or WORDS["tendon_place"].search(clause)
                  or bool(attachments.tendons_named(clause)) or ((a, b) != (0, len(s)) and (
                      WORDS["tendon"].search(s) or attachments.tendons_named(s)) and all(
                      WORDS["deposit"].fullmatch(m.group()) for m in lesion_words(s, 0, len(s)))))
        # "Peroneus longus tendinopathy …; the calcific deposit has resolved": the tendon's (P14.22)
        if tendon or (site in {"joint", "capsule"} or WORDS["joint"].search(clause)):
            return "tendon" if tendon else "joint"
    # a mineral the clause places away from the lesion it names is not the lesion's (P12.28)
    apart = not masses and apart_only(s, a, b)
    if masses or ("soft-tissue-mass" in ctx and not apart):
        return "mass"
    if organ:
        return "organ" if WORDS["diffuse"].search(clause) else "incidental" if apart else "mass"
    if (site is not None and (anatomy.is_a(site, "tendon") or anatomy.is_a(site, "bursa"))) \
            or WORDS["tendon"].search(clause) or attachments.attachment_in(clause) \
            or muscle_attachment(clause):  # at a muscle's footprint or origin (P13.20)
        return "tendon"  # a focus at a tendon's bony attachment is the tendon's (P2.34)
    if site in {"joint", "capsule"} or WORDS["joint"].search(clause):
        return "joint"
    if WORDS["diffuse"].search(clause):
        return "organ"
    return "incidental" if apart else "mass"


def muscle_attachment(clause: str) -> bool:
    """Whether the clause names a muscle's tendon attachment by the muscle ("the gluteus minimus
    footprint", "the rectus femoris origin", "the footprint of the supraspinatus", "the common
    extensor origin"): a focus there is that tendon's (P13.20); the muscle alone ("within the
    tibialis anterior muscle belly") is none."""
    names = [(m.start(), m.end(), "") for k in ("muscle", "tendon_owner")
             for m in WORDS[k].finditer(clause)] + [
        (a, b, clause[a:b]) for a, b, _ in attachments.TENDONS.find(clause)]
    return any(WORDS["attachment_word"].search(phrase) or WORDS["attachment_after"].match(clause, b)
               or WORDS["attachment_before"].search(clause, max(0, a - 60), a)
               for a, b, phrase in names)


def _on_background(s: str, a: int, term_start: int) -> bool:
    """Whether the term lies in what the clause from ``a`` sets its lesion against ("a 2.8 cm
    pancreatic head mass on a background of chronic calcific pancreatitis", "a nodule in the
    setting of a calcified goitre"): a lesion word, then the background words, then the term,
    no lesion word between them (P2.37)."""
    found = [m for m in WORDS["background"].finditer(s, a, term_start)
             if not WORDS["clinical_setting"].match(s, m.end())]  # a lab's setting (P11.124)
    back = found[-1] if found else None
    return back is not None and bool(lesion_words(s, a, back.start())) and not lesion_words(
        s, back.end(), term_start)


def _lesion_capsule(clause: str, masses: Sequence[re.Match[str]]) -> bool:
    """Whether the clause's only joint word is the capsule of the lesion it names ("encapsulated
    mass … with capsular calcification"), not a joint's (P1.2)."""
    joints = [m.group().lower() for m in WORDS["joint"].finditer(clause)]
    return bool(masses and joints) and all(j.startswith("capsul") for j in joints) and not (
        WORDS["tendon"].search(clause)
        or any(WORDS["deposit"].fullmatch(m.group()) for m in masses))


def primary_bone(s: str) -> bool:
    """Whether every bone lesion the sentence names is a metastasis's primary ("pulmonary
    metastases from osteosarcoma of the left femur": the metastases are the lung's, P2.45)."""
    bones = [x for x in find_contexts(s) if x[2] == "bone-lesion"]
    primaries = anatomy.primary_sites(s) if bones else []
    return bool(primaries) and all(any(x[0] <= p[0] and p[1] <= x[1] for p in primaries)
                                   for x in bones)


def beside_bone(s: str) -> bool:
    """Whether every bone the sentence names is one its mass only lies beside ("abuts the L3
    vertebral body", "scallops the adjacent vertebral body", P16.5)."""
    bones = [x for x in find_contexts(s) if x[2] == "bone-lesion"]
    return bool(bones) and all(WORDS["beside_bone"].search(s, max(0, x[0] - 60), x[0])
                               for x in bones)


def _lesion_holds(s: str, a: int, b: int, body: re.Match[str]) -> bool:
    """Whether the clause s[a:b] puts ``body`` in the lesion it refers to ("Within it …", "It
    contains …", "within its dependent part", "…; the round bodies may be phleboliths"), or the
    sentence names a vascular lesion, whose phleboliths they are (P2.3, P19.1)."""
    return bool(WORDS["within"].search(s, a, b) or (a == 0 and WORDS["holds"].match(s))
                or (WORDS["their_bodies"].search(s, a, body.start())
                    and WORDS["mass"].search(s, 0, a))
                or (WORDS["lesion_body"].fullmatch(body.group())
                    and not _CALLED_INCIDENTAL.search(s, max(0, body.start() - 40), body.start())
                    and WORDS["vascular_lesion"].search(s) and not elsewhere(s, body)))


def elsewhere(s: str, body: re.Match[str]) -> bool:
    """Whether the words after a body put it in another vein or outside the lesion (P19.1b)."""
    placed = WORDS["body_elsewhere"].match(s, body.end())
    return bool(placed and WORDS["beside"].search(placed.group()))


# "incidental pelvic phleboliths": the report says they are no lesion's (P19.1a)
_CALLED_INCIDENTAL = re.compile(r"\bincidental\s+(?:[\w-]+\s+){0,2}$", re.I)


def placed_at_lesion(s: str, a: int, b: int) -> bool:
    """Whether the clause s[a:b] places a lesion's bodies ("phleboliths", "calcified thrombi")
    at the lesion or the clinical site ("… projecting over the lateral thigh at the site of the
    palpable mass", "corresponding to the palpable swelling", "within the area of concern"),
    with no word putting them beside it between (P12.21): another study's view of where they
    lie, which the lesion the report describes there takes."""
    body = WORDS["lesion_body"].search(s, a, b)
    at = WORDS["at_lesion"].search(s, a, b)
    if body is None or at is None or elsewhere(s, body) or _CALLED_INCIDENTAL.search(
            s, max(0, body.start() - 40), body.start()):
        return False
    gap = (body.end(), at.start()) if body.start() < at.start() else (at.end(), body.start())
    return not WORDS["beside"].search(s, *gap)
