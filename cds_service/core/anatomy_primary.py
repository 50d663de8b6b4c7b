"""The primary a metastasis is named by (docs/matching-policy.md P2.46): in "hepatic metastases of
medullary thyroid carcinoma", "breast cancer metastases to the liver", "metastatic colon cancer"
or "metastases from osteosarcoma of the left femur" the organ names the tumour, not a place of
the structure. Compiled from the ``primary_of`` words of data/anatomy.json; every pattern is
bounded (a few words, a short window before the site), so linear."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cds_service.core.loader import Where, str_list
from cds_service.core.textmatch import phrase_pattern

_WINDOW = 120  # characters before a site word the primary's wording may take
# a word that may stand between a metastasis word and its primary's organ or tumour word
_WORD = r"(?!(?:of|from|to|in|into|within|with|and|or|at|on)\b)[\w-]+"
_NEVER = re.compile("(?!)")


@dataclass(frozen=True, slots=True)
class Primary:
    """Where a site word names a metastasis's primary, not its place; and the words naming a
    metastasis, which core/metastases.py (P11.95) and reading/structure.py (P15.15) read."""

    any: re.Pattern[str] = _NEVER     # the sentence names a metastasis at all
    after: re.Pattern[str] = _NEVER   # "breast cancer metastases": organ, tumour, metastasis
    tumour: re.Pattern[str] = _NEVER  # "thyroid carcinoma": organ, then its tumour word
    before: re.Pattern[str] = _NEVER  # "metastases of medullary", "metastatic": before organ
    of_tumour: re.Pattern[str] = _NEVER  # "metastases from osteosarcoma of the left": before
    named: re.Pattern[str] = _NEVER   # a structure called a metastasis ("metastatic deposit")
    noun: str = "(?!)"       # pattern: a noun naming a metastasis ("metastases", "secondaries")
    adjective: str = "(?!)"  # pattern: "metastatic"
    not_tumour: re.Pattern[str] = _NEVER  # a word of a "metastasis of" phrase not the tumour's

    def names(self, text: str, start: int, end: int) -> bool:
        """Whether the site word at ``start:end`` of ``text`` names a metastasis's primary."""
        return bool(self.after.match(text, end)) or self.after_metastasis(text, start, end)

    def after_metastasis(self, text: str, start: int, end: int) -> bool:
        """Whether it names the primary after the metastasis word ("metastases from osteosarcoma
        of the left femur", "metastases of medullary thyroid carcinoma"), the words before it
        the primary's too; not "<organ> <tumour> metastasis", whose organ word may be the
        metastasis's place ("left adrenal chondrosarcoma metastasis", P2.45)."""
        before = text[max(0, start - _WINDOW):start]
        return bool((self.before.search(before) and self.tumour.match(text, end))
                    or self.of_tumour.search(before))


_KEYS = ("tumours", "metastases", "metastatic", "metastatic_lesions", "not_tumour_words")


def _alternation(phrases: list[str]) -> str:
    """One group matching any of ``phrases`` (longest first, so "metastatic deposits" is tried
    before "metastatic")."""
    return "(?:" + "|".join(map(phrase_pattern, sorted(phrases, key=len, reverse=True))) + ")"


def load_primary(raw: object, where: Where) -> Primary:
    """Compile ``primary_of`` (phrases, trailing *): the tumour words, the nouns and adjective
    naming a metastasis, the lesion words the adjective names a metastasis by, the words of a
    "metastasis of" phrase that are no part of the tumour's name."""
    if raw is None:
        return Primary()
    if not isinstance(raw, dict) or set(raw) - {*_KEYS, "_comment"}:
        raise where.error(f"must map {', '.join(_KEYS)} to phrases")
    tum, met, adj, lesion, not_tumour = (
        _alternation(str_list(raw.get(k), where / k, allow_empty=False)) for k in _KEYS)
    gap = rf"(?:{_WORD}[ \t-]+){{0,2}}?"
    lead = rf"(?:(?:the|a|an)[ \t]+)?(?:{_WORD}[ \t]+){{0,3}}?"
    said = f"(?:{met}|{adj})"  # any word naming a metastasis
    return Primary(
        any=re.compile(said, re.I),
        after=re.compile(rf"[ \t-]+{gap}{tum}[ \t]+{said}", re.I),
        tumour=re.compile(rf"[ \t-]+{gap}{tum}", re.I),
        before=re.compile(rf"(?:{met}[ \t]+(?:of|from)|{adj}|{met}\b[^.;]{{0,80}}?[ \t](?:"
                          rf"consistent[ \t]+with|compatible[ \t]+with|representing|in[ \t]+"
                          rf"keeping[ \t]+with))[ \t]+{lead}\Z", re.I),  # "implant …, consistent
        # with recurrent ovarian carcinoma": the primary's organ (P2.56)
        of_tumour=re.compile(rf"{met}[ \t]+(?:of|from)[ \t]+{lead}{tum}[ \t]+(?:of|in)[ \t]+"
                             rf"(?:the[ \t]+)?(?:{_WORD}[ \t]+){{0,2}}\Z", re.I),
        named=re.compile(rf"{met}|{adj}[ \t]+(?:[\w-]+[ \t]+)?{lesion}", re.I),
        noun=met, adjective=adj, not_tumour=re.compile(rf"\d|{not_tumour}", re.I),
    )
