"""What a newer MRI says of a structure whose calcification an older MRI states (docs/matching-
policy.md P11.59, P11.60). The older MRI's statement stays in force when the newer one is silent
on the mineral (P14.4), so the card quotes it; but the newer MRI may describe the same structure
("The left vastus medialis mass now measures 7.0 x 4.5 x 4.0 cm, previously 6.4 cm"): the card
names it with that measurement, and says in one sentence that the MRI of that day describes it
and does not mention the calcification. The same structure is one the newer sentence names with
every word of the card's name for it (its side, place words and lesion word, a place word also
as the anatomy table reads it: "hepatic" for "Liver:"), not one it calls new or another, nor a
part of it. Pure: reports and text in, text out; the newer reports' sentences read here, at
render, from the text they keep (``reading.described``: bounded)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cds_service.core import anatomy, matching
from cds_service.core.evidence import MRI, Citation, Evidence, day, key, same
from cds_service.core.reading import ReportFindings
from cds_service.core.reading.described import described
from cds_service.core.reading.mentions import MASS_WORD
from cds_service.core.reading.structure import WORDS, lesion_words, size_mm, sizes_said

_SIZE = re.compile(r" \((\d+) mm\)")
_TAIL = re.compile(r"(?: \(\d+ mm\))?(?: \(both sides\))?$")
_HEAD = re.compile(r" of the | at ")  # "lesion of the left C6 lamina", "cyst at L4-L5"
_WORD = re.compile(r"[\w'-]+")
_NOT_NAMES = frozenset({"left", "right", "both", "bilateral", "of", "the", "at", "and", "in",
                        "on", "to", "a", "an"})
_KINDS = frozenset({"mass", "bone", "node", "tendon", "joint"})  # not a heart, vessel or organ
_SIZED = frozenset({"mass", "bone", "node"})  # a lesion's size; a deposit's is not re-measured
# by a sentence that does not name it


@dataclass(frozen=True, slots=True)
class Newer:
    """The newest MRI that describes the structure and names no mineral of it."""

    date: str               # its day
    noun: str               # what the card's name calls the structure ("mass", "tendon")
    size_mm: int | None     # its measurement there, where one is sure (P11.59)


def later_mris(ev: Evidence, c: Citation) -> tuple[ReportFindings, ...]:
    """The current MRI reports of a day after the report ``c`` cites, newest first (P14.4)."""
    then = day(c.report.date)
    return tuple(r for r in matching.current_reports(x for x in ev.reports if x.modality == MRI)
                 if then and day(r.date) > then)


def newer_said(later: tuple[ReportFindings, ...], c: Citation, name: str) -> Newer | None:
    """The newest of the ``later`` MRI reports that describes the structure the card names
    ``name`` (its lesion line: "left vastus medialis mass (64 mm)") and says nothing of its
    mineral, with its measurement there (P11.59, P11.60); None when none does."""
    m = c.mention
    plain = _TAIL.sub("", name.replace("\\", ""))
    head = _HEAD.split(plain, maxsplit=1)[0].split()
    if m.kind not in _KINDS or not head:
        return None
    noun = head[-1]
    words = [w for w in _WORD.findall(plain) if w.lower() not in _NOT_NAMES and w != noun]
    for report in later:
        if any(x.kind != "incidental" and same(key(x), key(m)) for x in report.findings.mentions):
            return None  # it says something of the structure's mineral (P14.4 reads it)
        side = anatomy.side_in(report.title, letters=True)
        found = [s for s in described(report.segments)
                 if _names(s, noun, words) and anatomy.sides_match(anatomy.side_in(s) or side,
                                                                   m.side)]
        if found:
            size = int(g.group(1)) if (g := _SIZE.search(name)) else None
            return Newer(day(report.date), noun,
                         _measured(found, size) if m.kind in _SIZED else None)
    return None


def _names(s: str, noun: str, words: list[str]) -> bool:
    """Whether sentence ``s`` names the structure: its lesion word (any lesion word for a generic
    "mass" or "lesion"), not denied, not called new or another, not a part of it first ("The
    enhancing component of the mass measures 2 cm"); and every other word of its name."""
    stem = noun[:max(4, len(noun) - 2)].lower()
    if MASS_WORD.fullmatch(noun):
        hits = [w for w in lesion_words(s, 0, len(s)) if MASS_WORD.fullmatch(w.group())]
    elif WORDS["mass"].fullmatch(noun):
        hits = [w for w in lesion_words(s, 0, len(s)) if w.group().lower().startswith(stem)]
    else:
        hits = list(re.finditer(r"\b" + re.escape(stem), s, re.I))
    if not hits or WORDS["other_lesion"].search(s, 0, hits[0].start()) or WORDS[
            "component"].search(s, 0, hits[0].start()):
        return False
    sites: set[str] | None = None
    for w in words:  # a short word whole ("pes", "IV"), a longer one as a word's start
        if re.search(r"\b" + re.escape(w) + (r"\b" if len(w) < 5 else ""), s, re.I):
            continue
        if sites is None:  # an organ's word as the report's heading may give it
            sites = {sid for _, _, sid in anatomy.find_sites(s) if anatomy.is_a(sid, "organs")}
        if not sites & {sid for _, _, sid in anatomy.find_sites(w)}:  # "hepatic": "Liver:"
            return False
    return True


def _measured(found: list[str], before: int | None) -> int | None:
    """The size the sentences give the structure now: of one that gives the card's earlier size
    beside it ("7.0 cm, previously 6.4 cm"), else the one size they all give; None when they
    disagree (two structures the words do not tell apart) or give none."""
    now = [(n, sizes_said(s)) for s in found if (n := size_mm(s, 0, len(s), False)) is not None]
    against = [n for n, said in now if before is not None and before in said and n != before]
    sizes = {n for n, _ in now}
    return against[0] if against else sizes.pop() if len(sizes) == 1 else None


def resized(name: str, newer: Newer | None) -> str:
    """The card's name of the structure with the newer MRI's size in place of its own, saying
    whose it is ("left adductor longus mass (52 mm on the MRI of 2026-11-20)"); as is where
    there is none or it is the same (P11.59)."""
    own = int(g.group(1)) if (g := _SIZE.search(name)) else None
    if newer is None or not newer.size_mm or newer.size_mm == own or not name:
        return name
    sized = f" ({newer.size_mm} mm on the MRI of {newer.date})"
    if own is not None:
        return _SIZE.sub(sized, name, count=1)
    both = name.endswith(" (both sides)")
    return name.removesuffix(" (both sides)") + sized + (" (both sides)" if both else "")
