"""Report text → calcification mentions (assertion, site, lesion contexts) and a report class."""

from __future__ import annotations

import re

from cds_service.core import anatomy
from cds_service.core.reading.assertion import (
    assert_hits,
    cues,
    differential,
    lesion_contexts,
    term_hits,
    words_between,
)
from cds_service.core.reading.facts import (
    CONTEXTS,
    NON_FINDING_KINDS,
    Calcification,
    Mention,
    TextFindings,
)
from cds_service.core.reading.lexicon import lexicon
from cds_service.core.reading.sentences import Section, sections, split_sentences

_TITLE_LINE = re.compile(r"^[^a-z.]{3,120}$")
_ANAPHOR = re.compile(
    r"^\s*(?:it|its|this|these|they|there are|there is|within|the (?:lesion|mass|tumou?r|"
    r"nodule|node|deposit|collection))\b", re.I)

_SITE_AWAY = re.compile(
    r"(?:extend\w*|extension|into|toward\w*|abutting|adjacent to|displacing|encasing|invading|"
    r"near|from)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)


def _nearest_site(s: str, start: int, end: int,
                  sites: list[tuple[int, int, str]]) -> str | None:
    """Pick the site nearest the term; sites merely reached by the lesion weigh less."""
    best: tuple[float, str] | None = None
    for a, b, sid in sites:
        if b <= start:
            dist = words_between(s, b, start)
        elif a >= end:
            dist = words_between(s, end, a) + 0.5
            if _SITE_AWAY.search(s, max(0, a - 40), a):
                dist += 6
        else:
            dist = 0
        if not anatomy.site_regions(sid) and dist > 0:
            dist += 3  # a generic site wins only when it qualifies the term directly
        if best is None or dist < best[0]:
            best = (dist, sid)
    return best[1] if best else None


def read_text(text: str) -> TextFindings:
    """Read report text into calcification mentions and a report-level class."""
    return summarise(read_block(text, None, None))


def read_block(text: str, default_section: str | None, title_site: str | None) -> list[Mention]:
    """Read one block of report text (with its default section) into mentions."""
    r = lexicon()
    if not r.any_term.search(text):
        return []
    mentions: list[Mention] = []
    parts = sections(text, default_section)
    if title_site is None:
        title_site = _title_site(parts)
    for name, kind, body in parts:
        if kind == "title":
            continue
        prev: str | tuple[str | None, set[str]] = ""
        for s in split_sentences(body):
            if not r.any_term.search(s):
                prev = s
                continue
            found, prev = _read_sentence(s, name, kind, prev, title_site)
            mentions.extend(found)
    return mentions


def _title_site(parts: list[Section]) -> str | None:
    """Return the first site of a title line (EXAM section or capitalised first line)."""
    for _name, kind, body in parts[:2]:
        first = body.strip().split("\n", 1)[0]
        if kind == "title" or _TITLE_LINE.match(first):
            found = [sid for _, _, sid in anatomy.find_sites(first)]
            if found:
                return found[0]
    return None


def _sentence_background(s: str) -> tuple[str | None, set[str]]:
    """Return the first specific site and the contexts of a sentence, for the next one."""
    sites = [sid for _, _, sid in anatomy.find_sites(s) if anatomy.site_regions(sid)]
    found, stops = cues(s)
    return (sites[0] if sites else None), lesion_contexts(s, found, stops)


def _read_sentence(
    s: str, section: str | None, kind: str, prev: str | tuple[str | None, set[str]],
    title_site: str | None,
) -> tuple[list[Mention], str | tuple[str | None, set[str]]]:
    """Read one sentence holding a term; return its mentions and its background.

    ``prev`` is the sentence before (text, read only when this one refers back to it) or
    the background already read from it.
    """
    hits = term_hits(s)
    if not hits:
        return [], s
    sentence_cues, stops = cues(s)
    assert_hits(s, hits, sentence_cues, stops)
    has_calc = any(not h.term.requires_calcification and h.assertion != "negated" for h in hits)
    any_calc = any(not h.term.requires_calcification for h in hits)
    contexts = lesion_contexts(s, sentence_cues, stops)
    sites = anatomy.find_sites(s)
    anaphoric = bool(_ANAPHOR.match(s))
    if anaphoric:
        if isinstance(prev, str):
            prev = _sentence_background(prev) if prev else (None, set())
        contexts |= prev[1]
    else:
        prev = (None, set())
    concepts = {h.term.concept for h in hits}
    if "ossification" in concepts and "calcification" in concepts:
        contexts.add("ossification-vs-calcification")
    diff = differential(s)
    has_sign = any(h.term.requires_calcification for h in hits)
    out: list[Mention] = []
    for h in hits:
        if h.term.requires_calcification and not (has_calc or (any_calc and
                                                                h.assertion == "negated")):
            continue
        mention_contexts = set(contexts) | h.term.contexts
        if h.term.concept == "signal-void" or (has_sign and "signal-void" in contexts):
            mention_contexts.add("signal-void")
        if h.term.concept == "t1-hyperintensity":
            mention_contexts.add("t1-hyperintensity")
        site = _nearest_site(s, h.start, h.end, sites)
        if site is None:
            site = prev[0] if anaphoric and prev[0] else title_site
        assertion = "historical" if kind in NON_FINDING_KINDS else h.assertion
        keep_diff = assertion == "possible" or has_sign
        out.append(Mention(
            sentence=s, term=h.text, concept=h.term.concept,
            assertion=assertion,  # type: ignore[arg-type]
            section=section, site=site, regions=anatomy.site_regions(site),
            contexts=frozenset(mention_contexts & CONTEXTS),
            differential=diff if keep_diff and assertion != "negated" else (),
            sentence_sites=frozenset({sid for _, _, sid in sites} | ({site} if site else set())),
        ))
    if not out:
        return out, s
    return out, (out[0].site, contexts)


def summarise(mentions: list[Mention]) -> TextFindings:
    """Summarise mentions into the report-level class and unions of what counts."""
    kinds = {m.assertion for m in mentions}
    if "affirmed" in kinds:
        cls: Calcification = "present"
    elif "possible" in kinds:
        cls = "possible"
    elif "negated" in kinds:
        cls = "absent"
    else:
        cls = "not mentioned"
    counting = [m for m in mentions if m.assertion in {"affirmed", "possible"}]
    return TextFindings(
        calcification=cls,
        mentions=tuple(mentions),
        sites=frozenset().union(*(m.sentence_sites for m in counting)),
        regions=frozenset().union(*(m.regions for m in counting)),
        contexts=frozenset().union(*(m.contexts for m in counting)),
    )

