"""How a card names the structure it is about, as the report names it (P11, P11.6, P11.7):
"right forearm mass (30 mm)", "left supraclavicular lymph node", "lesion of the right femur",
"both knee joints", "intradural extramedullary mass at T6 (18 mm)". Pure: text in, text out."""

from __future__ import annotations

import re

from cds_service.core import anatomy as regions_mod
from cds_service.core import brain_names, heart_parts, node_names, part_names, spine_names
from cds_service.core.card_library import CardLibrary
from cds_service.core.card_report_names import report_named
from cds_service.core.evidence import cutaneous
from cds_service.core.metastases import metastatic
from cds_service.core.part_names import aneurysm as _aneurysm
from cds_service.core.part_names import attachment as _attachment
from cds_service.core.part_names import part as _part
from cds_service.core.reading.cited import studies_cited
from cds_service.core.reading.facts import Mention
from cds_service.core.reading.kind import muscle_attachment
from cds_service.core.reading.place import own_sites
from cds_service.core.reading.structure import WORDS, lesion_noun
from cds_service.core.reading.structure import size_mm as structure_size
from cds_service.core.rules import Citation

_BODY = re.compile(r"bod(?:y|ies)", re.I)  # a lesion's calcified bodies (P19.1), not its name
_LEVEL = re.compile(r"\b[CTLS]\d{1,2}(?:-[CTLS]?\d{1,2})?\b")  # a vertebral level
_ORDINAL = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|"
                      r"seventh|eighth|ninth|tenth|eleventh|twelfth)(?=\s+(?:ribs?|metacarpals?|"
                      r"metatarsals?)\b)", re.I)  # "sixth rib", "fourth metacarpal" (P11.28)
_JOINT_ABBR = frozenset({"MCP", "PIP", "DIP", "MTP", "CMC", "IP"})
_COUNTED = ("rib", "metacarpal", "metatarsal")  # bones named with their number
_ROMAN = re.compile(r"[IVX]+[ABab]?")  # a nodal level keeps its numeral ("level IIA")
# a depth names a station or a layer ("superficial inguinal", "deep cervical", "superficial
# parotid", "deep posterior compartment"), never a muscle ("deep adductor longus mass", P11.86)
_DEPTH = re.compile(r"deep|superficial", re.I)
_LAYERED = re.compile(r"(?:inguinal|cervical|parotid|posterior\s+compartment|peroneal|femoral|"
                      r"palmar|temporal|lobe|space|fascia|fascial)\b", re.I)
_QUALIFIED = re.compile(r"\b(?:internal|external|common|deep|superficial)\s+$", re.I)  # "internal
# iliac": the words that make a place a named station
# a compartment word that makes the place its own ("anterior mediastinal mass", "posterior
# mesorectal node"), only where place and lesion noun are one phrase (not "mass in the posterior
# calf", nor a word of a cited sentence)
_COMPARTMENT = re.compile(r"\b(?:anterior|posterior|middle|superior)\s+$", re.I)
_MORE_LEVELS = re.compile(r"(?:\s*(?:,|and|or|to|-)\s*(?:levels?\s+)?[IVX]+[AB]?\b)+")  # "and IV"
_ADJECTIVE = re.compile(r"(?:al|ar|ic|ous)$")
_AREA = re.compile(r"\s+((?:soft[- ])?tissues?|space|fat|recess|bursa)\b", re.I)  # its noun
_AWAY, _BETWEEN = WORDS["site_away"], re.compile(r"\bbetween\b", re.I)  # a bound, not a site
# a landmark that locates the lesion, not its place ("a mass lies … deep to the
# sternocleidomastoid": a neck mass, never a sternocleidomastoid mass; P11.25)
_LANDMARK = re.compile(r"\b(?:(?:deep|superficial|posterior|anterior|medial|lateral|inferior|"
                       r"superior|proximal|distal)\s+to|beneath|underneath|overlying|above|below|behind|"
                       r"(?:from|at)\s+the\s+level\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# a place named as the level a lesion lies at ("at mid-humeral level", "at the T10-T11 level"):
# a landmark too, never its place (P11.53)
_AT_LEVEL = re.compile(r"\s+levels?\b", re.I)
# a tendon sheath's own lesion ("tenosynovial chondromatosis of the flexor hallucis longus
# sheath", "within the sheath"): the sheath names it, not the joint it lies by (P11.27)
_TENOSYNOVIAL = re.compile(r"\btenosynovial\b|\bwithin\s+the\s+(?:tendon\s+)?sheath\b", re.I)
_TISSUES = frozenset({"lymph-node", "soft-tissue", "deep-soft-tissue", "tendon", "joint"})
_WORDED = ("mass", "node", "bone", "tendon")  # kinds named by their place as the report words it
_NOUNS = {"node": "lymph node", "joint": "joint", "tendon": "tendon", "bone": "bone lesion",
          "heart": "", "vessel": "", "organ": ""}  # a kind's noun; a mass: its lesion word
_MINERAL = ("calcification", "ossification")
# a joint's recess ("the anterior and olecranon recesses", "suprapatellar pouch", the biceps
# tendon sheath of the shoulder): a part of the joint, which names the lesion (P11.16)
_RECESS = re.compile(r"\s+(?:(?:and|or)\s+[\w-]+\s+)?(?:recess(?:es)?|pouch(?:es)?|"
                     r"gutters?)\b", re.I)
_SHEATH = re.compile(r"\bsheath$", re.I)
_TENDON_SHEATH = re.compile(r"\s+sheath\b", re.I)  # a tendon's sheath holds the lesion (P11.63)
_RECESSED = re.compile(r"\b(?:recess(?:es)?|pouch(?:es)?)$", re.I)  # "axillary recess" (P11.65)
# a line's label ("Paraspinal muscles: A mass lies within the right quadratus lumborum"): the
# section of the report, not the lesion's place (P11.25); places named together ("the tibialis
# anterior and extensor digitorum longus are replaced by a mass") name it together
_LABEL = re.compile(r"[A-Z][A-Za-z ,/&-]{0,40}:\s")
# a site word that titles a cited study ("left tibia and fibula radiographs"): no place of the
# lesion (P11.27)
_TITLE = re.compile(r"(?:\s+(?:and|&)\s+[\w-]+)?\s+(?:radiographs?|x-?rays?|films?|views|"
                    r"ultrasounds?|sonograms?|CTs?|MRIs?|scans?)\b", re.I)
_TITLED = re.compile(r"\b(?:radiographs?|x-?rays?|films?|views|ultrasounds?|sonograms?|CTs?|"
                     r"MRIs?|scans?)\s+of\s+(?:the\s+)?(?:(?:left|right|bilateral)\s+)?$", re.I)
# a word the report capitalizes mid-sentence keeps it: "Kager's", "Morel-Lavallée" (P11.51)
_EPONYM = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z\u00e0-\u00ff]+)*(?:'s)?$")
_AND = re.compile(r",?\s+(?:and|or)\s+(?:the\s+)?|-", re.I)  # places listed name it (P11.79)
_JOINT = re.compile(r"\s+joints?\b", re.I)  # "glenohumeral joint(s)": the adjective keeps its
# noun
_NERVE = re.compile(r"\s+nerves?\b", re.I)  # "tibial nerve": the adjective keeps its noun
_DIGIT = re.compile(r"\b(?:finger|thumb|toe|hallux)\b", re.I)  # a digit names its phalanx
_PHALANX, _ASPECT = re.compile(r"phalan", re.I), re.compile(r"\s+(?:aspect|side|surface)\s+of\b")


def _skin_place(texts: list[str]) -> str:
    """A skin lesion's place and tissue as the report words them ("preauricular subcutaneous")
    where the site's own name is a region's ("face"; words ``skin_place``, P13.22)."""
    hit = next((x for t in texts if (x := WORDS["skin_place"].search(t))), None)
    return " ".join((hit.group("place") or hit.group("place2"), hit.group("tissue")
                     or hit.group("tissue2"))).lower() if hit else ""


def _said(m: Mention, pattern: str, back: bool = False) -> bool:
    """Whether the statement's lesion word stands in ``pattern`` ({w}: the word); with ``back``,
    in the sentence it refers back to as well."""
    found = re.compile(pattern.format(w=re.escape((m.lesion or "").split()[0])), re.I)
    return bool(m.lesion) and any(found.search(t) for t in (
        m.sentence, m.antecedent if back else None) if t)


# one diagnosis of a differential the report leaves open ("myositis ossificans versus parosteal
# sarcoma", P8.4); a lesion the report denies ("calcification without evidence of a mass")
_HEDGED = r"\b{w}\w*(?:\s+\w+)?\s+(?:versus|vs\.?|or)\s|\b(?:versus|vs\.?)\s+(?:\w+\s+)?{w}"
# a diagnosis the report only favours ("…, favoring papillary renal cell carcinoma", "likely a
# schwannoma"): the lesion's name stays the report's lesion word ("left renal mass", P11.25)
_FAVOURED = (r"\b(?:favou?r(?:s|ed|ing)?|likely|probabl[ey]|suspicious\s+for|concerning\s+for|"
             r"suggestive\s+of|suggesting|may\s+represent|presum(?:ed|ably)|possibl[ey])\s+"
             r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,3}}{w}")
_DENIED = r"\b(?:no|not|without)\s+(?:(?:evidence|signs?)\s+of\s+)?(?:an?\s+|any\s+)?(?:\w+\s+)?{w}"


# a part of a lesion the statement names it by ("the mural nodule contained an echogenic
# focus"): the lesion holds it ("a 6.4 cm cystic and solid mass with a mural nodule", P11.25)
_MURAL = r"\b(?:mural|rokitansky|its|solid)\s+{w}"


def _whole(m: Mention) -> str:
    """The statement's lesion word; for a part of a lesion, the lesion's word."""
    held = m.described or m.antecedent or m.sentence  # "… lesion with a mural nodule; the …"
    word = lesion_noun(held, 0, len(held), 0) if held and _said(m, _MURAL) else None
    return word if word and not _BODY.search(word) else m.lesion or ""


def _noun(same: list[Mention]) -> str | None:
    """The lesion word the report names the structure by: the first statement's, unless it names
    only the lesion's bodies (P19.1) or a diagnosis the report leaves open; then another
    statement's; "lesion" when each name it has is an open diagnosis (never one not made, nor
    one the report denies); a diagnosis it only favours gives way to the statement's own word
    ("the mass", P11.25)."""
    said = [m for m in same if m.lesion and not _said(m, _DENIED)]
    words = [_whole(m) for m in said if not _said(m, _HEDGED) and not _said(
        m, _FAVOURED, True)]
    own = [w for m in said if m.lesion and _said(m, _FAVOURED, True) for t in (
        m.sentence, m.antecedent, m.described) if t and (w := lesion_noun(t, 0, len(t), 0))
           and w != m.lesion]  # "the mass", "A 14 cm … mass. It has …": the report's word
    return next((w for w in words if not _BODY.search(w)), None) or next(iter(words), None) or (
        next(iter(own), None)) or ("lesion" if said else None) or next(iter(_clause_before(same)),
                                                                     None)


def _clause_before(same: list[Mention]) -> list[str]:
    """The lesion word a sentence names before the clause of its mineral ("3.8 cm right carotid
    space mass, most likely vagal schwannoma; possible calcification": "mass"), not denied nor a
    diagnosis left open (P11.28)."""
    out = []
    for m in (m for m in same if m.kind == "mass" and not m.lesion):
        t = m.sentence[:max(0, m.sentence.lower().find(m.term.lower()))]
        t = t[:max(t.rfind(";"), 0)]  # the clause before the mineral's
        w = lesion_noun(t, 0, len(t), 0) if t else None
        if w and not any(re.search(p.format(w=re.escape(w)), t, re.I) for p in (
                _DENIED, _HEDGED, _FAVOURED)) and not _BODY.search(w):
            out.append(w)
    return out


def _site_words(same: list[Mention], places: dict[str, str], bare: bool) -> str:
    """The site words of the statements; where they give only the table's name of the site
    ("proximal right thigh" of a cited radiograph), those of the report's own description of
    the lesion a cited statement names ("right tensor fasciae latae muscle", P11.22)."""
    words = _site_words_in(same, places, bare, False)
    name = (same[0].site or "").replace("-", " ")
    last, noun = re.escape(words.split()[-1]) if words else "", (same[0].lesion or "mass")
    cited = same[0].seen_on not in (None, "MR") and bool(words) and re.search(
        rf"\b{last}\b", same[0].sentence, re.I) and not re.search(
        rf"\b{last}\s+{re.escape(noun)}", same[0].sentence, re.I)  # "posterior calf soft
    # tissues" of a cited radiograph: that study's field, not the lesion's place (P11.27)
    if any(x.described for x in same) and (words.split()[-1:] in ([], name.split()[-1:], [
            places.get(name, name).split()[-1]]) or cited):
        return _site_words_in(same, places, bare, True) or words
    return words


_LIST_ON = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or)\s+)(?:the\s+)?", re.I)


def _bounds(s: str, hits: list[tuple[int, int, str]]) -> set[tuple[int, int]]:
    """The places a sentence names as the lesion's bounds or neighbours ("between the lateral
    head of the gastrocnemius and the soleus", "bounded by the teres minor, teres major …") or
    as a cited study's field ("Radiographs of the left tibia and fibula"), with the places
    listed after them (P11.42)."""
    out: set[tuple[int, int]] = set()
    for a, b, _ in sorted(hits):
        if any(w.search(s, max(0, a - 40), a) for w in (_AWAY, _BETWEEN, _TITLED)) or any(
                e <= a and _LIST_ON.fullmatch(s, e, a) for _, e in out):
            out.add((a, b))
    return out


def _site_words_in(same: list[Mention], places: dict[str, str], bare: bool,
                   described: bool) -> str:
    """The site as the statements about the structure word it ("forearm", "mesorectal",
    "supraclavicular" in the sentence describing it): the table's name where used, else the
    words nearest the lesion word; never a vertebral level, a lesion word ("leiomyoma"), a
    tissue, a cited study's field, a bound or a place the lesion only reaches. ``places`` words
    a bare organ noun ("renal", P11.6); with no lesion word (``bare``) an adjective keeps its
    noun ("subacromial soft tissues"), else the table's name is the place."""
    m = same[0]
    name = (m.site or "").replace("-", " ")
    regional = bool(regions_mod.site_regions(m.site or ""))  # a landmark never names a place
    sheathed = any(_TENOSYNOVIAL.search(t) for x in same for t in (x.sentence, x.antecedent) if t)
    for st, s, at in ((x, s, s.lower().find((x.lesion or x.term)[:5].lower())) for x in same
                      for s in ((x.described,) if described else (x.sentence, x.antecedent))
                      if s and m.site not in _TISSUES):
        hits = own_sites(s, regions_mod.find_sites(s), [c[:2] for c in studies_cited(s)])
        bounds = _bounds(s, hits)  # "between the gastrocnemius and the soleus" (P11.42)
        spans = [(a, b) for a, b, sid in hits  # not "right knee radiographs"; the description
                 # of a cited statement's lesion may name a part of its site (P4.24)
                 if (sid == m.site or described and regions_mod.is_a(sid, m.site or ""))
                 and (a, b) not in bounds
                 and not _LEVEL.fullmatch(s[a:b])
                 and not WORDS["mass"].search(s, a, b)  # "leiomyoma", argued or not (P2.39)
                 and not _TITLE.match(s, b)  # "the left tibia and fibula radiographs show …"
                 and not _AWAY.search(s, max(0, a - 40), a)
                 and not ((_LANDMARK.search(s, max(0, a - 40), a) or _AT_LEVEL.match(s, b))
                          and regional)
                 and not _BETWEEN.search(s, max(0, a - 40), a)
                 and s.rfind("(", 0, a) <= s.rfind(")", 0, a)]  # an aside "(pelvic sidewall)"
        if any(_DIGIT.search(s, a, b) for a, b in spans):  # "proximal phalanx of the left
            spans = [x for x in spans if not (_PHALANX.match(s, x[0]) or _ASPECT.match(s, x[1])
                                              or s[x[0]:x[1]].lower().rstrip("s") == name)]
            # index finger", "plantar aspect of the second toe of the foot" (P11.29)
        if regions_mod.is_a(m.site, "joint"):  # a joint's recess is no name; the joint is
            spans = [x for x in spans if not (_RECESS.match(s, x[1]) or _RECESSED.search(
                s, *x) or _SHEATH.search(s, x[0], x[1]) and not sheathed)]
        if spans and (at >= 0 or s in (m.sentence, m.antecedent, m.described)):  # else reached
            head = re.compile(r"\s+(?:lymph\s+)?(?:nodes?|" + re.escape(
                (st.lesion or "nodes").split()[0]) + r")\b", re.I)  # the lesion noun after it
            label = h.end() if (h := _LABEL.match(s)) else -1  # "Paraspinal muscles: A mass …"
            a, b = min(spans, key=lambda x: (x[1] <= label or s.startswith(":", x[1]),
                                             not _bound(s, x, st, head),
                                             s[x[0]:x[1]].lower().rstrip("s") != name,
                                             abs(x[0] - at)))
            a, b = min([a, *(y[0] for y in spans if _AND.fullmatch(s, y[1], a))]), max(
                [b, *(y[1] for y in spans if _AND.fullmatch(s, b, y[0]))])  # both muscles
            b = (lv := _MORE_LEVELS.match(s, b)) and s[a:b].lower().startswith("level") and (
                lv.end()) or b  # "level III and IV"
            a = (q := _QUALIFIED.search(s, max(0, a - 12), a)) and (
                _LAYERED.match(s, a) or not _DEPTH.match(q.group())) and q.start() or a
            if head.match(s, b) and (q := _COMPARTMENT.search(s, max(0, a - 12), a)):
                a = q.start()  # "anterior mediastinal mass"
            side = next((w for _, e, w in regions_mod.side_words(s) if 0 <= a - e <= 1
                         and not m.side and w != "bilateral"), "")  # "left mesorectal"
            words = name if s[a:b].lower().rstrip("s") == name else " ".join(
                w if _ROMAN.fullmatch(w) or _EPONYM.match(w) and a and not s[:a].rstrip().endswith(
                    (":", ".")) or w.isupper() and len(w) > 1 and not s.isupper()
                else w.lower() for w in s[a:b].split())  # "Achilles", "level IIA", "FHL"
            if _ADJECTIVE.search(words) and _JOINT.match(s, b) and m.kind != "joint":
                words += " joint"  # "left glenohumeral joint synovial osteochondromatosis"
            elif m.kind == "mass" and _TENDON_SHEATH.match(s, b):
                words += " sheath"  # "right peroneal tendon sheath tenosynovial chondromatosis"
            elif _ADJECTIVE.search(words) and _NERVE.match(s, b):
                words += " nerve"  # "right tibial nerve tumour", never "tibial tumour" (P11.27)
            if bare and _ADJECTIVE.search(words):
                area = _AREA.match(s, b)
                words = f"{words} {area.group(1).lower()}" if area else name
            words = words if bare else _OF_MUSCLE.sub("", words)  # "FCU muscle belly" mass
            return " ".join(x for x in (side, words if bare else places.get(words, words)) if x)
    return "" if m.site in _TISSUES or described else name if bare else places.get(name, name)


# the tissue a deposit lies in, when not a tendon (P11.17): a bursa or a ligament
_TISSUE_WORDS = {"bursa": re.compile(r"\b(?:intra)?bursa[el]?\b", re.I),
                 "ligament": re.compile(r"\b(?:ligament(?:s|ous)?|volar plate|palmar plate)\b",
                                        re.I)}
_TOPHUS = re.compile(r"\btoph(?:us|i)\b", re.I)
_JOINT_WORD = re.compile(r"\b(?:joints?|(?:intra-?)?articular|menisc\w*|cartilage|capsul\w*|"
                         r"labr\w*|chondrocalcinosis|effusion)\b", re.I)
# a part naming a tendon's place, or a joint's ("ligamentum flavum at C4-C5", never "… joint")
_WHOLE = re.compile(r"\b(?:band|groove|insertion|origin|flavum)$")
_TENDON_WORD = re.compile(r"\b(?:tendons?|tendin\w*)\b", re.I)
_DIGIT_JOINT = re.compile(r"\b(?:first|second|third|fourth|fifth|[1-5](?:st|nd|rd|th)|index|middle|"
                          r"ring|little|small|great(?:\s+toe)?)\s+(?:MCP|"
                          r"PIP|DIP|MTP|CMC|IP|metacarpophalangeal|metatarsophalangeal|"
                          r"(?:proximal\s+|distal\s+)?interphalangeal|carpometacarpal)"
                          r"(?:\s+joint)?\b", re.I)


def _tissue(same: list[Mention], lib: CardLibrary, joint: bool = False) -> tuple[str, str] | None:
    """The bursa or ligament a deposit lies in, as (its kind, its name or ""), where the first
    statement naming a tissue names one nearer the deposit than any tendon ("tophaceous gout of
    the olecranon bursa with punctate calcification": "olecranon bursa"; "calcific deposit
    along the radial collateral ligament": "radial collateral ligament"); None for a tendon.
    With ``joint`` (a joint's deposit), only a bursa nearer it than the joint's words: the
    olecranon bursa's tophus is extra-articular (P11.31). A bursa word counts where the anatomy
    table reads a place: "bursal-sided" is a tendon's surface (P11.39)."""
    for x in same:
        for s in (t for t in (x.sentence, x.antecedent) if t):
            at = s.lower().find(x.term.lower()) if s is x.sentence else -1
            places = regions_mod.find_sites(s)  # "bursal-sided": a tendon's surface (P11.39)
            found = [(w.start(), k) for k, words in _TISSUE_WORDS.items() for w in words.finditer(s)
                     if k != "bursa" or any(a <= w.start() < b for a, b, _ in places)] + [
                (w.start(), "tendon") for w in _TENDON_WORD.finditer(s)] + [
                (w.start(), "joint") for w in _JOINT_WORD.finditer(s) if joint]
            label = h.end() if (h := _LABEL.match(s)) else 0  # "LIGAMENTS: … tendon" (P13.21)
            found = [f for f in found if f[0] >= label] or (
                [] if muscle_attachment(s[label:]) else found)  # "… the TA footprint"
            if not found:
                continue
            pos, k = min(found, key=lambda f: (abs(f[0] - at), f[0])) if at >= 0 else min(found)
            if k in ("tendon", "joint") or joint and k != "bursa":
                return None
            spans = [(0, w.start() - w.end(), name) if w.start() <= pos < w.end() else (
                1, abs(w.start() - pos), name) for name, words in lib.parts.get(k, {}).items()
                     for w in words.finditer(s)]  # the one holding it, else the nearest named
            return k, min(spans)[2] if spans else ""
    return None


def _tissue_name(same: list[Mention], lib: CardLibrary, tissue: tuple[str, str]) -> str:
    """A bursa or ligament named (P11.17): a ligament with its joint ("second MCP joint radial
    collateral ligament", "knee medial collateral ligament"); one the card content does not
    list by its place and noun ("knee bursa")."""
    kind, name = tissue
    m = same[0]
    if kind == "ligament":
        digit = next((j for x in same for t in (x.sentence, x.antecedent) if t
                      for j in _DIGIT_JOINT.finditer(t)), None)
        joint = " ".join(w if w.isupper() else w.lower() for w in digit.group().split()
                         ) if digit else ""  # "second MCP joint"
        if digit and not joint.lower().endswith("joint"):
            joint += " joint"
        if not joint and regions_mod.is_a(m.site, "joint") and m.site not in _TISSUES:
            joint = (m.site or "").replace("-", " ")
        if name:
            return " ".join(w for w in (joint, name) if w)
        return " ".join(w for w in (joint or _site_words(same, lib.places, False), kind) if w)
    where = _site_words(same, lib.places, False)  # "subacromial-subdeltoid bursa", not "… bursa
    return name or " ".join(w for w in (where, "" if where.endswith(kind) else kind) if w)  # bursa"


def _qualified(same: list[Mention], lib: CardLibrary, noun: str) -> str:
    """The lesion word with the qualifier the statements give it (``parts.lesion``, P11.20):
    "venous malformation", never a bare "malformation"."""
    named = [name for name, words in lib.parts.get("lesion", {}).items()
             if name.split()[-1] == noun and any(words.search(t) for x in same for t in (
                 x.sentence, x.antecedent, x.described) if t)]
    return named[0] if named else noun


def _bound(s: str, span: tuple[int, int], c: Mention, head: re.Pattern[str]) -> bool:
    """Whether the place and the lesion noun are one phrase: "sartorius mass", "mass in the
    left sartorius" (not a place the sentence names further off: "at mid thigh"); a muscle the
    lesion lies in ("lies in the extensor carpi ulnaris muscle belly of the … forearm", "Within
    the right extensor hallucis longus muscle …, there is a … mass", P11.43), before a bone named
    to locate it ("at the mid-humeral diaphysis within the right triceps", P11.55)."""
    return bool(head.match(s, span[1]) or c.lesion and re.search(
        re.escape(c.lesion.split()[-1]) + r"\w*\s+(?:in|within|of|involving)\s+"
        r"(?:the\s+)?(?:(?:left|right)\s+)?$", s[max(0, span[0] - 60):span[0]], re.I) or (
        _IN.search(s, max(0, span[0] - 40), span[0]) or _REPLACED.match(s, span[1])))


_REPLACED = re.compile(r"\s+(?:muscles?\s+)?(?:is|are)\s+(?:largely\s+)?replaced\s+by\b", re.I)
_OF_MUSCLE = re.compile(r"\s+(?:muscles?(?:\s+belly)?|belly|muscle-tendon junction)$", re.I)
_IN = re.compile(r"\b(?:(?:in|within|involving|expanding)\s+(?:the\s+)?(?:(?:left|right)\s+)?|"
                 r"(?:largely\s+)?replac(?:ing|es)\s+(?:the\s+)?(?:(?:left|right|proximal|mid|"
                 r"distal)\s+)?)$", re.I)  # "replaces the proximal extensor …" (P11.77)


def statements(first: Citation) -> tuple[Mention, tuple[str | None, ...],
                                          tuple[Mention, ...], list[Mention]]:
    """The cited statement, its structure's key, the report's statements, and those about it."""
    m = first.mention
    key: tuple[str | None, ...] = (m.kind, m.site, m.side)
    said = first.report.findings.mentions
    same = [m, *(x for x in said if x is not m and x.counts and (x.kind, x.site, x.side) == key)]
    return m, key, said, same


def subjects(first: Citation, lib: CardLibrary) -> tuple[str, ...]:
    """What the structure is, for the question a card asks about it (P11.13): its site
    ("pericardium", "coronary-arteries") and the part its statements name ("aortic valve")."""
    m, _, _, same = statements(first)
    part = _part(same, lib.parts.get(m.kind, {}))  # the card's own part of the heart (P4.31)
    part = heart_parts.calcified(same, lib.parts, part) if m.kind == "heart" else part
    return tuple(x for x in (m.site, part and part[0]) if x)


def lesion_name(first: Citation, lib: CardLibrary, side: str | None = None) -> tuple[str, bool]:
    """Which structure, as the report names it (P11, P11.6): "right forearm mass (30 mm)",
    "left supraclavicular lymph node", "lesion of the right femur", "both knee joints",
    "intradural extramedullary mass at T6 (18 mm)". The report's other statements about the
    structure name it too. With whether it names a lesion. ``side``: another side to name."""
    m, key, said, same = statements(first)
    if not any(x.lesion for x in same):  # the report's lesion word for it elsewhere (P11.107)
        m = same[0] = report_named(m, first.report.segments)
    if there := node_names.described(m, said, _TISSUES):  # "the right node": its station
        m, key, same = there[0], (there[0].kind, there[0].site, there[0].side), there
    texts = [t for x in same for t in (x.sentence, x.antecedent, x.described) if t]
    elements = lib.parts.get("spinal-element", {})  # "lamina", "facet joint" (P11.37)
    mm = m.size_mm or next((x.size_mm for x in said if x.size_mm and (
        x.kind, x.site, x.side) == key), None)  # an addendum's: the finding's
    spine = m.kind == "mass" and regions_mod.is_a(m.site, "spine")
    part = _part(same, lib.parts.get("spine" if spine else m.kind, {}), m.kind == "vessel",
                 m.kind == "heart")
    part = heart_parts.calcified(same, lib.parts, part) if m.kind == "heart" else part
    if m.kind == "joint" and not part and (digit := next((j for x in same for t in (
            x.sentence, x.antecedent) if t for j in _DIGIT_JOINT.finditer(t)), None)):
        joint = " ".join(w.upper() if w.upper() in _JOINT_ABBR else w.lower()
                         for w in digit.group().split())
        part = (joint if joint.endswith("joint") else f"{joint} joint", "")  # "second MCP joint"
    if m.kind in ("bone", "joint") and not part and regions_mod.is_a(m.site, "spine") and (
            e := spine_names.element(texts, {k: p for k, p in elements.items() if (
                m.kind == "joint") == k.endswith("joint")})):
        part = (e.words, "")  # "left C6 lamina", "right C3-C4 facet joint" (P11.37)
    if m.kind == "bone" and not part:  # the bone another statement names there ("calcaneal
        # intraosseous lipoma" in the Impression, the Findings' under the ankle, P11.28)
        part = _part([x for x in said if x.kind == "bone" and x.counts and x.side == m.side and (
            regions_mod.is_a(x.site, m.site or "") or regions_mod.is_a(m.site, x.site or ""))],
            lib.parts.get("bone", {}))
    both = m.side == "bilateral" and side in ("left", "right")  # "left knee joint (both sides)"
    side, name = side or m.side, (m.site or "").replace("-", " ")
    if m.kind == "bone" and part:  # "lesion of the right femur", "… of the T10 vertebral body"
        level = _LEVEL.search(m.sentence) if part[0] == "vertebral body" else _ORDINAL.search(
            part[1]) if part[0] in _COUNTED else None  # "… of the right sixth rib"
        words, named = ["lesion of the", side, level and (level.group().lower() if part[0] in (
            _COUNTED) else level.group()), part[0]], True  # "T10", "fourth"
    else:
        # no lesion named: the finding is the mineral the report affirms there, else the place
        # itself, never a sign or a hedge ("signal void which may represent calcification")
        stated = m.concept if m.assertion == "affirmed" and m.concept in _MINERAL else ""
        if spine and not stated and spine_names.element(texts, lib.parts.get("spinal-disc", {})):
            stated = next((x.concept for x in same if x.concept in _MINERAL), "calcification")
            # a disc's sign, "consistent with a calcified disc herniation" (P11.62)
        noun = _NOUNS.get(m.kind, _noun(same) or stated)
        noun = metastatic(_qualified(same, lib, noun), texts) if noun and m.kind == "mass" else noun
        tissue = _tissue(same, lib, m.kind == "joint") if m.kind in ("tendon", "joint") else None
        attached = _attachment(same) if m.kind == "tendon" and not tissue else ""
        where = _tissue_name(same, lib, tissue) if tissue else part[0] if part and (
            attached.removeprefix(part[0]) not in (" insertion", " origin")) else (
            attached or _site_words(same, lib.places, not noun)) if (
            m.kind in _WORDED) else lib.places.get(name, name) if noun else name  # "kidney"
        if m.kind == "mass" and noun and where == lib.places.get(name, name) and cutaneous(m):
            where = _skin_place(texts) or where  # "preauricular subcutaneous", not "face" (P13.22)
        if m.kind == "mass" and where == name == "brain" and (lobe := (
                brain_names.region(same, said, noun, lib.parts.get("brain-region", {})))):
            side, where, mm = lobe[0] or side, lobe[1], mm or lobe[2]  # "right frontal mass"
        if m.kind == "node" and (at_station := node_names.station(same, lib, where)):
            where = at_station  # "right internal mammary", never the space beside it (P11.32)
        if m.kind == "heart" and part:  # a heart lesion: its place and size ("apical thrombus")
            mm = structure_size(part[1], 0, len(part[1]))
        elif m.kind == "vessel" and part and (an := _aneurysm(same, lib.parts["vessel"][part[0]])):
            where, mm = f"{part[0]} aneurysm", an[0]  # "right coronary artery aneurysm (14 mm)"
        elif not noun and m.kind in _WORDED:
            mm = None  # the place is the name ("maxillary sinus"): no lesion's size
        if (m.kind == "tendon" or tissue) and _TOPHUS.search(" ".join(
                t for x in same for t in (x.sentence, x.antecedent) if t)):
            noun = "tophus"  # a gouty tophus is named so (P11.17)
        noun = "" if noun in where or (tissue or _WHOLE.search(where)) and noun != "tophus" else (
            noun)  # not "… joint joint", "bursa tendon", "iliotibial band tendon"
        if m.kind == "joint" and " of the " in where:  # "menisci of the right knee" (P11.49)
            head, joint = where.split(" of the ", 1)
            where, side, noun = (f"{head} of both {joint}s" if side == "bilateral" else " ".join(
                w for w in (head, "of the", side, joint) if w)), None, ""
        if m.kind == "node" and where and re.search(re.escape(where.split()[-1]) + (
                r"\s+(?:lymph\s+)?nodes\b"), m.sentence[h.end() if (h := _LABEL.match(
                    m.sentence)) else 0:], re.I):  # not the line's label "INGUINAL NODES:"
            noun = "lymph nodes"  # "right level III and IV lymph nodes"
        if side == "bilateral":  # "both knee joints", "both kidneys" (never "both renal")
            side, noun = "both", noun and noun + ("es" if noun.endswith("s") else "s")
            where += "s" if m.kind in ("organ", "mass") and where[-1:] not in ("", "s") and (
                not noun) else ""
        at = ""  # "epidural mass at T6", "left juxtafacet synovial cyst at L4-L5" (P11.37)
        if spine and noun or where.endswith("flavum"):
            where, noun, side, at = spine_names.mass_place(texts, where, noun, bool(
                spine and part), side, lib.parts)
        words = [side, part_names.unrepeated(where, noun), noun, at and f"at {at}"]
        named = m.kind == "node" or m.kind in ("mass", "bone") and noun not in ("", *_MINERAL)
    text = " ".join(w for w in words if w)
    return (text + (f" ({mm} mm)" if mm else "") + (" (both sides)" if both else "")
            ) if text else "", named


# Sites named by their side alone in a side note: "in the right brain" is no English (P18.20).
_SIDE_ONLY = frozenset({"brain"})


def side_note(citations: tuple[Citation, ...], order_side: str | None, lesion: str = "") -> str:
    """The line a card adds when a side is unknown on one side of the match (P4.3). The side
    any statement about the structure gives counts, and the side the card's own lesion line
    names: a card never says the report does not state a side it states (P4.3b; review
    round 8, N-side-denied)."""
    where = (citations[0].mention.site or "").replace("-", " ")  # the first drives the card
    named = {w for _, _, w in regions_mod.side_words(lesion)}  # the table's side words
    side = next((c.mention.side for c in citations if c.mention.side), None) or next(
        (w for w in ("left", "right") if w in named), None)
    if side and not order_side:  # never "in the right brain": the hemicranium's side (P18.20)
        return "The order does not state a side; the finding is " + (
            f"on the {side}." if where in _SIDE_ONLY else f"in the {side} {where}.")
    if side:  # the order's side (or both sides) is no news; another side is said as such
        return "" if side in (order_side, "bilateral") else \
            f"The report places it on the {side}; the order is for the {order_side} {where}."
    return f"The statements quoted do not state the side; the order is for the {order_side} " \
           f"{where}."  # what the card read, never a claim about the whole report (P4.3b)
