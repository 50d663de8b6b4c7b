"""The lesion word a report gives elsewhere to a mineral stated with none (docs/matching-policy.md
P11.107): "Along the sheath are linear foci of very low signal …, likely calcification" under
"LEFT ORBIT:", with the Impression's "Left optic nerve sheath meningioma", is the meningioma's,
never a bare "left orbit". Read at render, only for a card naming such a statement, from the
sentences ``reading.described`` keeps (bounded). Pure: text in, text out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from cds_service.core import anatomy
from cds_service.core.reading.described import described
from cds_service.core.reading.facts import Mention
from cds_service.core.reading.structure import lesion_noun

_GENERIC = frozenset({"mass", "lesion", "tumor", "tumour", "nodule", "neoplasm"})
# a lesion word the report denies, leaves open or only favours: no name of it (P11.25, P8.4)
_OPEN = (r"\b(?:no|not|without|versus|vs\.?|or|favou?r\w*|likely|possibl[ey]|probabl[ey]|"
         r"suspicious\s+for|concerning\s+for|suggest\w*|differential)\s+(?:[\w-]+\s+){{0,4}}?"
         r"{w}|\b{w}\w*\s+(?:versus|vs\.?|or)\s")
_BODY = re.compile(r"bod(?:y|ies)|foci|focus|calcif|ossif|disc|herniat", re.I)
# places whose lesions a report tells apart by a level, lobe or segment, not by a lesion word:
# the spine's (a calcified T8-T9 disc is no T11 hemangioma) and the brain's (P11.88)
_LEVELLED = ("spine", "brain")
_LEVEL = re.compile(r"\b(?:[CTLS]\d{1,2}(?:-[CTLS]?\d{1,2})?(?![\s-]*(?:weighted|signal|hyper|hypo|"
                    r"iso|imag|sequen|fat|post|pre|W\b|WI\b|FLAIR|and\s+T))|segments?\s+[1-8IVX]+"
                    r"[ab]?)\b", re.I)  # a vertebral level, not a T2 signal; a liver segment


def report_named(m: Mention, segments: Iterable[tuple[str | None, str]]) -> Mention:
    """``m`` with the one lesion word the report's findings, impression or addenda name at its
    place (or a part of it) and on its side, and that sentence as its description (P11.107),
    for the report's own mass statement naming no lesion; else ``m``. Two lesion words named
    there (a meningioma and an adenoma of one orbit), a word denied or left open, or another
    side: ``m`` unchanged."""
    if m.kind != "mass" or m.lesion or not m.own or m.seen_on not in (None, "MR") or not m.site \
            or any(anatomy.is_a(m.site, x) for x in _LEVELLED):
        return m
    levels = {x.group().lower() for t in (m.sentence, m.antecedent) if t
              for x in _LEVEL.finditer(t)}  # "segment 6": the lesion's sentence names it too
    found: dict[str, str] = {}
    for s in described(segments):
        word = lesion_noun(s, 0, len(s), 0)
        if (not word or word in _GENERIC or _BODY.search(word) or s == m.sentence
                or anatomy.side_in(s) != m.side
                or re.search(_OPEN.format(w=re.escape(word.split()[0])), s, re.I)
                or not levels <= {x.group().lower() for x in _LEVEL.finditer(s)}
                or not any(anatomy.is_a(sid, m.site) for _, _, sid in anatomy.find_sites(s))):
            continue
        found.setdefault(word, s)
    if len(found) != 1:
        return m
    (word, s), = found.items()
    return replace(m, lesion=word, described=m.described or s)
