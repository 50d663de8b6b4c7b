"""Which structure a mention is about: lesion word, size (docs/matching-policy.md P1, P2,
P6, P12, P16, P19): the one its clause names, else the sentence's; an addendum's statement
replaces earlier; one entry per structure with its class. Its kind: ``kind``; where it lies:
``place``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from cds_service.core import anatomy
from cds_service.core.loader import compile_pattern, load_json
from cds_service.core.reading.facts import STRUCTURE_CLASSES, Mention, Structure, StructureKind
from cds_service.core.reading.lexicon import lexicon

_DATA, _WHERE = load_json("findings_structures.json")  # the words that name a structure
WORDS = {k: compile_pattern(p, _WHERE / "words" / k) for k, p in _DATA["words"].items()}


def muscles_named(text: str) -> frozenset[str]:
    """The muscles a text names by name (``words.muscle``: "right gluteus maximus", P1.6)."""
    return frozenset(" ".join(x.group().lower().split()) for x in WORDS["muscle"].finditer(text))


_NAMES = ("node", "mass", "incidental", "tendon", "joint", "diffuse")  # words naming a structure
# each a single search: matches wherever one of its words' patterns does (same flags, no groups)
NAMED, _NAMED_ITSELF = (re.compile("|".join(f"(?:{WORDS[k].pattern})" for k in ks), re.I)
                         for ks in (_NAMES, _NAMES[:-1]))  # the second without "diffuse"
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\b|\bwhereas\b|\bwhile\b")
_FOCUS = re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:foci|focus|calcifications?|calcific foc\w*|"
                    r"clusters?|bod(?:y|ies))\b", re.I)  # a part's size, not a lesion's (P2.5)
# a part of the lesion (``component`` words): its size is no lesion's, "a 6 cm nonlipomatous
# enhancing nodular component" of a 14 cm mass (P11.27), "a 1.1 cm solid mural nodule", "a 2.4 cm
# cartilage cap", "the mural nodule measures 1.5 cm", "a rim up to 4 mm thick"; an omental cake
# "up to 3.5 cm thick" is the cake's own (P11.38)
_PART_AFTER = re.compile(r"\s+((?:[\w-]+\s+){0,3}?)(?:" + WORDS["component"].pattern + r")"
                         r"(?=\s*(?:[.,;:)]|$)|\s+(?:that|which|with|contain\w*|shows?|is|are|"
                         r"of|along|at|in|on|and|has|measur\w*|\w+ly)\b)", re.I)
_PART_BEFORE = re.compile("(?:" + WORDS["component"].pattern + r")\s+(?:(?:measures?|measuring|"
                          r"is|are|of)\s+)?(?:(?:up\s+to|approximately|about)\s+)?$", re.I)
_SIZE = re.compile(
    r"\b(\d{1,3}(?:\.\d+)?)(?:\s*(?:x|×|by)\s*(\d{1,3}(?:\.\d+)?))?"
    r"(?:\s*(?:x|×|by)\s*(\d{1,3}(?:\.\d+)?))?\s*(mm|cm)\b"
    # a distance is no size: "1.5 cm from its insertion", "2 cm deep to the fascia", "5 cm FN"
    # (from the nipple), "3 cm beneath the skin" (P11.80); a size "from" an earlier one is ("has
    # grown to 3.4 cm from 2.8 cm", P11.59)
    r"(?!\s*(?:FN|FTN)\b|\s+(?:from(?!\s+\d)|above|below|beneath|under(?:neath)?|beyond|away\b|"
    r"(?:proximal|distal|deep|superficial|lateral|medial|anterior|posterior|superior|inferior|"
    r"cephalad|caudal)\s+(?:to|of)\b))", re.I)
# the earlier size a sentence names beside the current one (P2.5)
_EARLIER_BEFORE = re.compile(r"\b(?:previously|formerly|initially|originally|prior|before|was|were|"
                             r"from|compared (?:with|to)|versus|vs\.?)\s*\(?\s*$", re.I)
_EARLIER_AFTER = re.compile(r"\s*(?:previously|before|earlier|\)?\s*(?:on|at|in) (?:the |an? )?"
                            r"(?:prior|previous|earlier|baseline|outside|\d{4}\b))", re.I)
# a size after the bodies or foci it measures ("bodies of 2 to 6 mm", "bodies, 2 to 5 mm,",
# "foci measuring up to 4 mm"): a part's size, as before them (P2.5, P19.1)
_ACRONYM = re.compile(r"IPMNs?")  # a lesion word written as an acronym ("MASS" is a word, P11.122)
_BODY_OF = r"(?<!pancreatic\s)(?<!vertebral\s)(?<!gastric\s)(?<!uterine\s)(?<!carotid\s)"  # an
# organ's body is no calcified body ("the pancreatic body, 24 mm": the lesion's size, P11.121)
_FOCUS_BEFORE = re.compile(r"\b(?:foci|focus|" + _BODY_OF + r"bod(?:y|ies)|clusters?)"
                           r"(?:\s+(?:of|measuring|up\s+to|ranging\s+from)|\s*,)\s+(?:up\s+to\s+)?"
                           r"(?:\d{1,3}(?:\.\d+)?\s*(?:mm|cm)?\s*(?:to|-)\s*)?$", re.I)
_UNSIZED = frozenset({"heart", "vessel", "organ"})  # a wall's thickness, an organ: no lesion size
# a lesion word the sentence denies: "calcification without evidence of a mass" (P2.10)
# a lesion word the sentence denies: "calcification without evidence of a mass" (P2.10), "No
# discrete enhancing nodule" (P11.39); the words between are the noun's own, never a place's
_DENIAL = (r"\b(?:no|not|without|negative for|free of|absence of)\s+(?:(?:evidence|signs?|"
           r"suggestion)\s+(?:of|for)\s+)?(?:an?\s+|any\s+)?(?:(?!(?:in|within|of|at|on|to|from|"
           r"with|without|the|this|its|is|are|was|were|seen|and|or|but|change)\b)[\w-]+\s+){0,%d}$")
_DENIED = re.compile(_DENIAL % 3, re.I)
# a deposit is the mineral itself: "No residual calcific deposit" denies its mineral (P14.1)
_DEPOSIT_DENIED = re.compile(_DENIAL % 1, re.I)


def _denied(s: str, word: re.Match[str]) -> bool:
    """Whether the sentence denies the lesion or node word (P2.10, P11.46), or argues against
    the diagnosis a lesion word names ("which argues against a fat-poor angiomyolipoma", "makes
    a lipoma unlikely"; P2.39): a node stays a node whatever it is argued not to be."""
    return bool((_DEPOSIT_DENIED if WORDS["deposit"].fullmatch(word.group()) else _DENIED).search(
        s, max(0, word.start() - 64), word.start())) or argued_against(s, word)


def argued_against(s: str, word: re.Match[str]) -> bool:
    """Whether the sentence argues against the diagnosis a lesion word names, by words before
    it or after it (P2.39); never a node word."""
    return not WORDS["node"].fullmatch(word.group()) and bool(WORDS["argued"].search(
        s, max(0, word.start() - 64), word.start()) or WORDS["argued_after"].match(s, word.end()))


def names_metastasis(s: str) -> bool:
    """Whether a sentence calls its structure a metastasis ("calcified hepatic metastases", "in
    keeping with metastases"), neither denying it nor arguing against it (P15.15): the words of
    ``primary_of`` in data/anatomy.json, the one table of metastasis words."""
    return any(not _denied(s, m) for m in anatomy.TABLE.primary.named.finditer(s))


def lesion_words(s: str, a: int, b: int) -> list[re.Match[str]]:
    """The lesion words of s[a:b] the sentence does not deny (P2.10, P11.46), nor uses to name a
    clinic, board or service ("referred by the sarcoma clinic", "the tumour board", P11.67), nor
    places its mineral away from ("remote from the mass", P12.28)."""
    return [m for m in WORDS["mass"].finditer(s, a, b)
            if not _denied(s, m) and not anatomy.names_no_place(s, m.end())
            and not placed_apart(s, m)]


def placed_apart(s: str, word: re.Match[str]) -> bool:
    """Whether the sentence names the lesion word only to place something away from it ("a
    focus of calcification in the right gluteus maximus, remote from the mass", "separate from
    the mass", "not associated with the mass"; P12.28)."""
    return bool(WORDS["apart"].search(s, max(0, word.start() - 64), word.start()))


def apart_only(s: str, a: int, b: int) -> bool:
    """Whether s[a:b] names a lesion only to place its mineral away from it (P12.28)."""
    found = [m for m in WORDS["mass"].finditer(s, a, b) if not _denied(s, m)]
    return bool(found) and all(placed_apart(s, m) for m in found)


def names_structure(s: str) -> bool:
    """Whether a sentence names its structure itself, not only as "the lesion" (P2.2), nor only
    a part of it ("its mural nodule", P11.38) or one it denies ("No discrete enhancing nodule",
    P11.39); a diffuse process ("parenchymal calcifications") is of the organ its line or
    heading names."""
    t = WORDS["component"].sub(" ", WORDS["definite"].sub(" ", s))
    return any(not (_denied(t, m) and any(WORDS[k].fullmatch(m.group()) for k in ("mass", "node")))
               for m in _NAMED_ITSELF.finditer(t))


def clause_of(s: str, start: int, end: int) -> tuple[int, int]:
    """The clause of sentence ``s`` holding [start, end): between ';' or ', and' breaks; of a
    clause naming nodes after it, the part between commas holding it where that names a lesion
    and no node does before ("gastric cancer with coarse calcification, perigastric nodes up to
    8 mm", P2.35a)."""
    a, b = 0, len(s)
    for m in _CLAUSE_BREAK.finditer(s):
        if m.end() <= start:
            a = m.end()
        elif m.start() >= end:
            b = m.start()
            break
    c, d = max(a, s.rfind(",", a, start) + 1), s.find(",", end, b)
    d = b if d < 0 else d
    if WORDS["node"].search(s, d, b) and lesion_words(s, c, d) and not WORDS["node"].search(
            s, a, d):  # not "a 9 mm node …, suspicious for a metastasis with calcification"
        return c, d
    return a, b


_BODY = re.compile(r"bod(?:y|ies)", re.I)
_PART = re.compile(r"\b(?:with|containing|contains|consists? of|consisting of)\b", re.I)
T = TypeVar("T")
_GENERIC_LESION = {"mass", "lesion", "tumor", "tumour", "nodule", "neoplasm"}


def _generic(word: str) -> str:
    return "mass" if word in _GENERIC_LESION else word


def lesion_noun(s: str, a: int, b: int, term_start: int) -> str | None:
    """The lesion word of the clause nearest the term ("mass", "fibroid", "lipoma"…), or of the
    lesion that one is a part of ("teratoma with a Rokitansky nodule containing…", P2.3)."""
    found = lesion_words(s, a, b)
    # a lesion's bodies are its calcification, not its name (P19.1): the lesion's word first
    found = [m for m in found if not _BODY.search(m.group())] or found
    if not found:
        return None
    m = min(found, key=lambda x: abs(x.start() - term_start))
    m = found[0] if _PART.search(s, found[0].end(), m.start()) else m
    word = m.group(0)  # as the report words it, singular (never an invented "mass"); an
    word = word if _ACRONYM.fullmatch(word) else word.lower()  # an acronym keeps its case (P11.122)
    if word.endswith(("ies", "sses", "ases")):
        return word[:-3] + "y" if word.endswith("ies") else word[:-2] + (
            "is" if word.endswith("ases") else "")
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "is", "us", "ans",
                                                                   "wilms")) else word


def size_mm(s: str, a: int, b: int, foci: bool = True) -> int | None:
    """The largest dimension stated in s[a:b], in millimetres; that of the bursa or sheath
    holding the lesion only when no other is stated (P11.81), that of a focus inside the lesion
    ("a 9 mm calcified focus") only when neither is, and never with ``foci`` False; never one
    the sentence names as the earlier size ("now 9 mm (previously 14 mm)", "from 14 mm", "14 mm
    on the prior study"; P2.5), nor an extent (P11.33), nor the pannus's beside it (P11.81)."""
    sizes = [(_rank(s, m), float(g) * (10.0 if m.group(4).lower() == "cm" else 1.0))
             for m in _SIZE.finditer(s, a, b) for g in m.groups()[:3] if g
             and not _EARLIER_BEFORE.search(s, max(0, m.start() - 32), m.start())
             and not _EARLIER_AFTER.match(s, m.end())  # nor an extent (P11.33): "thickening
             and not WORDS["extent_before"].search(s, max(0, m.start() - 56), m.start())  # of
             and not WORDS["extent_after"].match(s, m.end())  # the distal 3 cm", "a 4 cm segment"
             and not WORDS["calibre_before"].search(s, max(0, m.start() - 56), m.start())
             and not WORDS["calibre_after"].match(s, m.end())]  # a duct's calibre (P11.121)
    best = next((v for r in (0, 1, 2) if r < 2 or foci
                 if (v := max((v for k, v in sizes if k == r), default=None)) is not None), None)
    return round(best) if best is not None else None


def _rank(s: str, size: re.Match[str]) -> int:
    """Whose a size is: 0 the lesion's, 1 the bursa's or sheath's holding it (P11.81), 2 a
    focus's, bodies' or part's (P2.5, P11.38), 3 the pannus's beside it (P11.81)."""
    if WORDS["beside_after"].match(s, size.end()):
        return 3
    after = WORDS["container_after"].match(s, size.end())
    if (after and not WORDS["mass"].search(after.group(1))) or WORDS["container_before"].search(
            s, max(0, size.start() - 80), size.start()):  # "the bursa is distended to 3.1 cm"
        return 1
    return 2 if _FOCUS.match(s, size.end()) or _FOCUS_BEFORE.search(
        s, max(0, size.start() - 48), size.start()) or _part(s, size) else 0


def sizes_said(s: str) -> frozenset[int]:
    """Every size the sentence states, the largest dimension of each in millimetres, the earlier
    size beside the current one too ("now measures 15 mm, previously 11 mm": 15 and 11; P11.59)."""
    return frozenset(round(max(float(g) for g in m.groups()[:3] if g) * (
        10.0 if m.group(4).lower() == "cm" else 1.0)) for m in _SIZE.finditer(s))


def _part(s: str, size: re.Match[str]) -> bool:
    """Whether a size is that of a part of the lesion, not the lesion's (P11.38)."""
    after = _PART_AFTER.match(s, size.end())
    return bool(after and not (after.group(1) and WORDS["mass"].search(after.group(1)))) or bool(
        _PART_BEFORE.search(s, max(0, size.start() - 48), size.start()))


def _names_part(s: str, a: int, b: int) -> bool:
    """Whether every lesion word of s[a:b] names a part of a lesion ("its enhancing mural
    nodule"): the statement is about the lesion holding it (P11.38)."""
    parts = [(m.start(), m.end()) for m in WORDS["component"].finditer(s, a, b)]
    found = lesion_words(s, a, b)
    return bool(parts and found) and all(any(x <= m.start() < y for x, y in parts) for m in found)


def named_size(s: str, a: int, b: int, term_start: int, kind: str,
               back: tuple[str | None, int | None] = (None, None)) -> tuple[str | None, int | None]:
    """The lesion word and size of the structure (P2.2, P2.5): the clause's ("in its mural
    nodule": the lesion before it), else the sentence's, else those of the lesion it refers back
    to (``back``), also when it names it only so ("within the nodule"); the size of a focus, a
    cluster or bodies is not a lesion's, nor one beside a reference back; a heart, vessel or organ
    has none."""
    lesion = lesion_noun(s, a, b, term_start)
    if lesion and a and re.search(rf"\bits\s+(?:[\w-]+\s+)?{lesion}", s[a:b], re.I):
        lesion = lesion_noun(s, 0, a, a) or lesion  # "teratoma …; the focus in its nodule"
    refers = bool(back[0]) and (lesion is None or bool(WORDS["definite"].search(s, a, b))
                                or _names_part(s, a, b))  # "its mural nodule" (P11.38)
    lesion = back[0] if refers else lesion
    foci = not refers and kind != "node" and ((lesion or lesion_noun(s, 0, len(s), 0)) is None or (
        kind in ("tendon", "joint")) or bool(lesion and WORDS["deposit"].fullmatch(lesion)))
    own = size_mm(s, a, b, foci) or _sentence_size(s, kind, foci)
    return lesion, None if kind in _UNSIZED else (back[1] or own) if refers else own or back[1]


def _sentence_size(s: str, kind: str, foci: bool) -> int | None:
    """The sentence's size of a structure its clause gives none; not a size of the nodes a part
    between commas names beside a lesion ("…, mesorectal nodes up to 6 mm", P2.35a)."""
    if kind == "node" or not WORDS["node"].search(s):
        return size_mm(s, 0, len(s), foci)
    cuts = [-1, *(i for i, c in enumerate(s) if c == ","), len(s)]
    return max((v for a, b in zip(cuts, cuts[1:], strict=False) if not (
        WORDS["node"].search(s, a + 1, b) and not lesion_words(s, a + 1, b))
        and (v := size_mm(s, a + 1, b, foci)) is not None), default=None)


# a term and the words of the noun phrase it opens ("calcified right suprarenal mass")
PREMODIFIED = re.compile(r"[\w-]+(?:[ \t]+(?!(?:and|or|with|in|of|to|at|may)\b)[\w-]+){0,3}",
                         re.I)


def qualified(s: str, term_start: int) -> re.Match[str] | None:
    """The lesion word of the noun phrase the term opens ("calcified omental cake": cake)."""
    words = PREMODIFIED.match(s, term_start)
    return next(WORDS["mass"].finditer(s, term_start + 1, words.end()), None) if words else None


LOOK_BACK = 8  # the sentences of its section a statement may refer back over (P2.2, P2.4)
ANAPHORS = (r"(?:it|its|this|these|they|there are|there is|within|the (?:lesion|mass|tumou?r|"
            r"nodule|node|deposit|collection))\b")
ANAPHOR = re.compile(r"^\s*" + ANAPHORS, re.I)  # a sentence opening by referring back
_PRONOUN = re.compile(r"^\W*(?:it|its|they|their)\b", re.I)  # … by a pronoun, naming nothing


def antecedent(s: str, before: Sequence[str], prev: T, names: Callable[[str], bool],
               sites: Callable[[str], list[tuple[int, int, str]]],
               ) -> tuple[str | None, str | T | None]:
    """(sentence, what the reader takes of it: ``prev`` when it is the one just before) describing
    the structure a statement refers back to (P2.2, P2.4), for one opening so ("It contains…") or
    naming no structure or place ("Calcification cannot be excluded."): the nearest of its
    section that names a structure or places the one it refers to ("The lesion appears to
    originate in the fourth ventricle"). ``names`` and ``sites``: ``names_structure`` and
    ``anatomy.find_sites`` (the reader's, worked out once a sentence)."""
    if not ANAPHOR.match(s) and ((names(s) and not WORDS["within"].search(s)) or any(
            anatomy.site_regions(x[2]) for x in sites(s))):
        return None, None  # its own structure; "phleboliths … within the lesion": the lesion's
    at = next((i for i in range(len(before) - 1, -1, -1) if names(before[i]) and not WORDS[
        "component_opening"].match(before[i]) or (WORDS["definite"].search(before[i]) and any(
            anatomy.site_regions(y[2]) for y in sites(before[i])))), None)  # "The cysts are …"
    # describes the mass before it (P11.101); "It is … with a nodule along its posterior wall"
    # describes the one the sentence before it names, its nodule a part of it (P11.106)
    if at is not None:
        chain = at
        while chain and _PRONOUN.match(before[chain]):
            chain -= 1
        if chain != at and not _PRONOUN.match(before[chain]) and names(before[chain]):
            at = chain
    desc = None if at is None else before[at]
    return desc, prev if desc is not None and desc is before[-1] else desc


def said_after(m: Mention, s: str, in_bone: bool) -> Mention:
    """A mention as the next sentence (no term) says: a mass it puts in bone is a bone lesion
    (P16.1); bodies it names a lesion of are that lesion ("These are … chondromatosis", P19.1)."""
    if in_bone and m.kind == "mass" and not WORDS["soft_tissue"].search(m.sentence):
        m = replace(m, kind="bone")
    named = lesion_noun(s, 0, len(s), 0) if m.lesion and _BODY.search(m.lesion) else None
    return replace(m, lesion=named) if named and ANAPHOR.match(s) and not _BODY.search(named) \
        else m


Correction = tuple[str, str, str, str | None]  # site, side, the addendum's sentence, section


def side_corrections(s: str, section: str | None = None) -> list[Correction]:
    """(site, side, sentence, section) an addendum sentence corrects: "the mass is in the LEFT
    calf, not the right"."""
    if not WORDS["correction"].search(s):
        return []
    out = []
    for a, _end, sid in anatomy.find_sites(s):
        info = anatomy.site(sid)
        if info is None or not info.side:
            continue
        before = [w for w in anatomy.side_words(s, max(0, a - 30), a)]
        if before:
            out.append((sid, before[-1][2], s, section))
    return out


def correct_sides(mentions: list[Mention], corrections: list[Correction]) -> list[Mention]:
    """Give the structures an addendum corrects their corrected side (P2.4, P6.1); a statement
    whose side it changes is quoted with the correction, from the addendum (P20.2)."""
    if not corrections:
        return mentions
    out = []
    for m in mentions:
        for sid, side, said, section in corrections:
            if m.site and (anatomy.is_a(m.site, sid) or anatomy.is_a(sid, m.site)):
                m = replace(m, side=side) if m.side in (side, None) or said in m.sentence else \
                    replace(m, side=side, sentence=f"{m.sentence} {said}", section=section)
        out.append(m)
    return out


def _same_structure(a: Mention, b: Mention) -> bool:
    """Tell whether a later statement ``b`` speaks of the structure of ``a`` (for addenda)."""
    if a.kind != b.kind and "incidental" in (a.kind, b.kind):
        return False
    if (a.kind == "node") != (b.kind == "node"):
        return False
    if a.lesion and b.lesion and _generic(a.lesion) != _generic(b.lesion):
        return False
    if a.site and b.site and not (anatomy.is_a(a.site, b.site) or anatomy.is_a(b.site, a.site)
                                  or b.site in a.clause_sites or a.site in b.clause_sites):
        return False  # the places one clause names together locate one structure (P2.8)
    return not (a.side and b.side and a.side != b.side and "bilateral" not in (a.side, b.side))


def supersede(mentions: list[Mention], addendum_sections: frozenset[str]) -> list[Mention]:
    """For each structure, an addendum statement replaces the earlier ones, and names no other
    side than theirs when it names none (P6.1)."""
    out = list(mentions)
    for i, later in enumerate(out):
        if (later.section not in addendum_sections
                or later.assertion in {"historical", "hypothetical", "indication"}):
            continue
        for j in range(i):
            earlier = out[j]
            if earlier.sentence == later.sentence or not _same_structure(earlier, later):
                continue
            if not earlier.superseded:
                out[j] = replace(earlier, superseded=True)
            if later.side is None and earlier.side:  # "the anterior mediastinal mass"
                later = out[i] = replace(later, side=earlier.side)
    return out


def outdated(mentions: list[Mention]) -> list[Mention]:
    """A cited study's statement gives way where the report says the structure has none now
    ("the node that contained a calcified focus on the baseline MRI … no calcification", P14);
    at a deposit the report says is gone (P14.1), so do a cited deposit and a bare disease name
    alone on its line ("Hydroxyapatite deposition disease": the diagnosis, not a finding now)."""
    gone = {(m.kind, m.site, m.side, _ossified(m)) for m in mentions if m.own
            and mineral(m) == "absent" and not m.alone}  # an MRI sign denied ("no blooming") is
    # no mineral gone (P14.19), nor a denied ossification a cited calcification (P12.24)
    resolved = [m for m in mentions if m.own and m.assertion == "negated" and _deposit(m)
                and lexicon().gone.search(m.sentence)]
    return [replace(m, superseded=True) if not m.own and (
        m.kind, m.site, m.side, _ossified(m)) in gone or (
        m.counts and _deposit(m) and (not m.own or m.sentence.strip(" .") == m.term) and any(
            g.site == m.site and anatomy.sides_match(g.side, m.side) for g in resolved))
        else m for m in mentions]


def _ossified(m: Mention) -> bool:
    """Whether a statement is of ossification, its own class (P7.1): "no zonal rim to suggest
    myositis ossificans" denies no calcification another study showed (P12.24)."""
    return m.concept == "ossification"


def _deposit(m: Mention) -> bool:
    return m.kind in {"joint", "tendon"} or m.lesion == "deposit"


def mineral(m: Mention) -> str | None:
    """The mineral class one mention gives its structure (P1.3); None when not a statement."""
    if m.superseded or m.assertion in {"historical", "hypothetical", "indication"}:
        return None
    if m.assertion == "negated":
        return "absent"
    if m.concept == "ossification":
        return "ossification"
    if m.alone:
        return "signal-void" if m.kind != "node" else "possible"
    if m.concept in {"signal-void", "t1-hyperintensity"}:
        return "possible"
    return "present" if m.assertion == "affirmed" else "possible"


def structures(mentions: Iterable[Mention]) -> tuple[Structure, ...]:
    """One entry per structure with a statement, its strongest class (P1.3) of the report's own
    statements, else of the cited ones; ``seen_on`` the cited study's where no own statement
    speaks or where it is CT (P12.3)."""
    Key = tuple[StructureKind, str | None, str | None]
    own: dict[Key, list[tuple[str, Mention]]] = {}
    cited: dict[Key, list[tuple[str, Mention]]] = {}
    for m in mentions:
        cls = mineral(m)
        if cls is not None:
            (own if m.own else cited).setdefault((m.kind, m.site, m.side), []).append((cls, m))
    out = []
    for key in dict.fromkeys([*own, *cited]):
        # the MRI's denied sign alone ("no signal voids") says nothing of what a cited study
        # showed (P14.19)
        mine = [(c, m) for c, m in own.get(key, ()) if not (key in cited and c == "absent" and (
            m.alone or all(_ossified(x) != _ossified(m) for _, x in cited[key])))]  # (P12.24)
        said = mine or cited[key]
        cls = min((c for c, _ in said), key=STRUCTURE_CLASSES.index)
        # a cited study that showed none has not shown what the report sees now (P13.3)
        seen = next((m.seen_on for c, m in cited.get(key, ()) if not mine or c != "absent"),
                    None)
        out.append(Structure(*key, next((m.size_mm for _, m in said if m.size_mm), None), cls,
                             seen if not mine or seen == "CT" else None))
    return tuple(out)
