"""Read radiology reports: calcification mentions, their assertion, site and lesion context.

Pure core: no Flask, no network. The rules are data (``data/findings_*.json``), validated on
load; the engine is a ConText-style reader (Harkema et al. 2009) precompiled at import:
one combined regular expression each for terms, modifiers, sites and contexts, applied only
to the sentences that hold a term. Report text is never logged.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from typing import Any, Literal

from cds_service.core.validation import validate_r4
from cds_service.errors import InvalidResource, RulesError

Assertion = Literal["affirmed", "possible", "negated", "historical"]
Calcification = Literal["present", "possible", "absent", "not mentioned"]

CONCEPTS = frozenset({"calcification", "signal-void", "t1-hyperintensity", "ossification"})
CONTEXTS = frozenset({
    "soft-tissue-mass", "crystal-deposition", "myositis-ossificans",
    "ossification-vs-calcification", "signal-void", "t1-hyperintensity", "lymph-node",
    "mixed-signal-node", "infarct", "pericarditis", "pediatric-tumor-differential",
})
SECTION_KINDS = frozenset({"finding", "history", "technique", "comparison", "title"})
MODIFIER_CATEGORIES = frozenset({"negated", "possible", "historical", "pseudo", "terminate"})
DIRECTIONS = frozenset({"forward", "backward", "bidirectional"})
REPORT_STATUSES = frozenset({
    "registered", "partial", "preliminary", "final", "amended", "corrected", "appended",
    "cancelled", "entered-in-error", "unknown",
})
STUDY_STATUSES = frozenset({"registered", "available", "cancelled", "entered-in-error", "unknown"})
UNUSABLE_STATUSES = frozenset({"entered-in-error", "cancelled"})
_NON_FINDING_KINDS = frozenset({"history", "technique", "comparison"})


# ---------------------------------------------------------------------------------------------
# Public dataclasses
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mention:
    sentence: str
    term: str
    concept: str
    assertion: Assertion
    section: str | None
    site: str | None
    regions: frozenset[str]
    contexts: frozenset[str]
    differential: tuple[str, ...]
    sentence_sites: frozenset[str] = frozenset()  # every site the sentence names


@dataclass(frozen=True, slots=True)
class TextFindings:
    calcification: Calcification
    mentions: tuple[Mention, ...]
    sites: frozenset[str]
    regions: frozenset[str]
    contexts: frozenset[str]


@dataclass(frozen=True, slots=True)
class ReportFindings:
    reference: str
    status: str
    date: str | None
    modality: str | None
    title: str
    study_refs: tuple[str, ...]
    text: TextFindings
    regions: frozenset[str] = frozenset()  # regions the exam covers (title, code, linked studies)

    @property
    def usable(self) -> bool:
        """Tell whether the report may drive a decision (not entered-in-error or cancelled)."""
        return self.status not in UNUSABLE_STATUSES


@dataclass(frozen=True, slots=True)
class StudyFacts:
    reference: str
    status: str
    date: str | None
    modalities: frozenset[str]
    regions: frozenset[str]
    description: str


_WORD = re.compile(r"\w+")


# ---------------------------------------------------------------------------------------------
# Data loading and validation
# ---------------------------------------------------------------------------------------------


def _load(name: str) -> dict[str, Any]:
    """Load one data file from the package."""
    raw = resources.files("cds_service").joinpath(f"data/{name}").read_text(encoding="utf-8")
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise RulesError(f"{name}: top level must be an object")
    return data


def _check_keys(obj: Any, where: str, required: set[str], optional: set[str]) -> None:
    """Refuse unknown keys and missing required keys in one rule entry."""
    if not isinstance(obj, dict):
        raise RulesError(f"{where}: must be an object")
    unknown = set(obj) - required - optional - {"_comment"}
    if unknown:
        raise RulesError(f"{where}: unknown keys {sorted(unknown)}")
    missing = required - set(obj)
    if missing:
        raise RulesError(f"{where}: missing keys {sorted(missing)}")


def _compile(pattern: str, where: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Compile a rule pattern, naming the rule when it does not compile."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise RulesError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


def _phrase(phrase: str) -> str:
    """Turn a phrase into a regex: word boundaries, flexible spacing, trailing * = any ending."""
    star = phrase.endswith("*")
    words = re.split(r"[\s-]+", phrase.rstrip("*").strip())
    body = r"[\s-]+".join(re.escape(w) for w in words)
    head = r"\b" if re.match(r"\w", phrase) else ""
    tail = r"\w*" if star else (r"\b" if re.search(r"\w$", phrase) else "")
    return head + body + tail


class _Lexicon:
    """Labelled phrases and patterns: phrases looked up by first word, patterns in one regex.

    Hits never overlap; at one position the longest phrase wins, and an earlier hit wins over
    a later one. Phrase lookup by first word keeps hundreds of synonyms cheap per sentence.
    """

    __slots__ = ("regex", "labels", "by_word", "by_prefix")

    def __init__(self, entries: Iterable[tuple[str, Any]], where: str, flags: int = re.I,
                 phrases: Iterable[tuple[str, Any]] = ()) -> None:
        items = sorted(entries, key=lambda e: -len(e[0]))
        self.labels: list[Any] = []
        parts = []
        for i, (pattern, label) in enumerate(items):
            _compile(pattern, f"{where}[{label}]", flags)
            parts.append(f"(?P<g{i}>{pattern})")
            self.labels.append(label)
        # anchoring every alternative to a word start (or ? and ;) spares sre most positions
        self.regex = (re.compile(r"(?:\b(?=\w)|(?=[?;]))(?:" + "|".join(parts) + ")", flags)
                      if parts else None)
        self.by_word: dict[str, list[tuple[re.Pattern[str], Any]]] = {}
        self.by_prefix: dict[str, list[tuple[str, re.Pattern[str], Any]]] = {}
        for phrase, label in sorted(phrases, key=lambda e: -len(e[0])):
            first = _WORD.findall(phrase.lower())
            if not first:
                raise RulesError(f"{where}[{label}]: phrase {phrase!r} has no word")
            compiled = re.compile(_phrase(phrase), re.I)
            if phrase.endswith("*") and len(first) == 1:
                self.by_prefix.setdefault(first[0][:3], []).append((first[0], compiled, label))
            else:
                self.by_word.setdefault(first[0], []).append((compiled, label))

    def find(self, text: str) -> list[tuple[int, int, Any]]:
        """Return (start, end, label) for each non-overlapping hit, in text order."""
        hits: list[tuple[int, int, Any]] = []
        if self.regex is not None:
            hits = [(m.start(), m.end(), self.labels[int(m.lastgroup[1:])])  # type: ignore[index]
                    for m in self.regex.finditer(text)]
        if self.by_word or self.by_prefix:
            hits.extend(self._phrase_hits(text))
            hits.sort(key=lambda h: (h[0], h[0] - h[1]))
            kept: list[tuple[int, int, Any]] = []
            for h in hits:
                if not kept or h[0] >= kept[-1][1]:
                    kept.append(h)
            hits = kept
        return hits

    def _phrase_hits(self, text: str) -> list[tuple[int, int, Any]]:
        """Return phrase hits (longest at each word start)."""
        out: list[tuple[int, int, Any]] = []
        end = 0
        for w in _WORD.finditer(text):
            pos = w.start()
            if pos < end:
                continue
            word = w.group().lower()
            best: tuple[int, int, Any] | None = None
            for compiled, label in self.by_word.get(word, ()):
                m = compiled.match(text, pos)
                if m and (best is None or m.end() > best[1]):
                    best = (pos, m.end(), label)
            for prefix, compiled, label in self.by_prefix.get(word[:3], ()):
                if word.startswith(prefix):
                    m = compiled.match(text, pos)
                    if m and (best is None or m.end() > best[1]):
                        best = (pos, m.end(), label)
            if best:
                out.append(best)
                end = best[1]
        return out


@dataclass(frozen=True, slots=True)
class _Term:
    concept: str
    negated: bool
    requires_calcification: bool
    contexts: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Modifier:
    category: str
    direction: str
    max_scope: int
    comma_terminates: bool


@dataclass(frozen=True, slots=True)
class _Site:
    id: str
    regions: frozenset[str]
    is_a: frozenset[str]
    generic: bool


@dataclass(frozen=True, slots=True)
class _Rules:
    terms: _Lexicon
    any_term: re.Pattern[str]
    exclusions: re.Pattern[str]
    modifiers: _Lexicon
    sites: _Lexicon
    site_info: dict[str, _Site]
    snomed_sites: dict[str, str]
    contexts: _Lexicon
    differential: _Lexicon
    alt_after: re.Pattern[str]
    alt_before: re.Pattern[str]
    section_header: re.Pattern[str]
    section_names: dict[str, tuple[str, str]]
    modalities: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    category_codes: dict[str, str]
    dicom: frozenset[str]
    auxiliary: frozenset[str]


def _pattern_of(entry: dict[str, Any], where: str) -> str:
    """Read the 'literal' or 'pattern' of an entry (exactly one)."""
    if ("literal" in entry) == ("pattern" in entry):
        raise RulesError(f"{where}: give exactly one of 'literal' or 'pattern'")
    if "literal" in entry:
        return _phrase(str(entry["literal"]))
    return str(entry["pattern"])


def _load_terms() -> tuple[_Lexicon, re.Pattern[str], re.Pattern[str]]:
    """Load and check data/findings_terms.json."""
    data = _load("findings_terms.json")
    _check_keys(data, "findings_terms.json", {"terms", "exclusions"}, set())
    entries = []
    for i, t in enumerate(data["terms"]):
        where = f"findings_terms.json terms[{i}]"
        _check_keys(t, where, {"concept"},
                    {"literal", "pattern", "negated", "requires_calcification", "contexts"})
        if t["concept"] not in CONCEPTS:
            raise RulesError(f"{where}: unknown concept {t['concept']!r}")
        unknown = set(t.get("contexts", ())) - CONTEXTS
        if unknown:
            raise RulesError(f"{where}: unknown contexts {sorted(unknown)}")
        term = _Term(t["concept"], bool(t.get("negated", False)),
                     bool(t.get("requires_calcification", False)),
                     frozenset(t.get("contexts", ())))
        entries.append((_pattern_of(t, where), term))
    lexicon = _Lexicon(entries, "findings_terms.json")
    exclusions = [str(p) for p in data["exclusions"]]
    for i, p in enumerate(exclusions):
        _compile(p, f"findings_terms.json exclusions[{i}]")
    any_term = r"\b(?=\w)(?:" + "|".join(p for p, _ in entries) + ")"
    return (lexicon, re.compile(any_term, re.I),
            re.compile(r"\b(?=\w)(?:" + ("|".join(exclusions) or r"(?!x)x") + ")", re.I))


def _load_modifiers() -> _Lexicon:
    """Load and check data/findings_modifiers.json."""
    data = _load("findings_modifiers.json")
    _check_keys(data, "findings_modifiers.json", {"modifiers"}, set())
    entries = []
    for i, m in enumerate(data["modifiers"]):
        where = f"findings_modifiers.json modifiers[{i}]"
        _check_keys(m, where, {"category"},
                    {"literal", "pattern", "direction", "max_scope", "comma_terminates"})
        cat = m["category"]
        if cat not in MODIFIER_CATEGORIES:
            raise RulesError(f"{where}: unknown category {cat!r}")
        direction = m.get("direction", "")
        if cat in {"pseudo", "terminate"}:
            if direction or "max_scope" in m:
                raise RulesError(f"{where}: {cat} cues take no direction or max_scope")
        elif direction not in DIRECTIONS:
            raise RulesError(f"{where}: direction must be one of {sorted(DIRECTIONS)}")
        scope = m.get("max_scope", 0)
        if not isinstance(scope, int) or scope < 0:
            raise RulesError(f"{where}: max_scope must be a non-negative integer")
        mod = _Modifier(cat, direction, scope, bool(m.get("comma_terminates", False)))
        entries.append((_pattern_of(m, where), mod))
    return _Lexicon(entries, "findings_modifiers.json")


def _load_sites(known_regions: set[str]) -> tuple[_Lexicon, dict[str, _Site], dict[str, str]]:
    """Load and check data/findings_sites.json against the CT region vocabulary."""
    data = _load("findings_sites.json")
    _check_keys(data, "findings_sites.json", {"sites"}, set())
    info: dict[str, _Site] = {}
    entries: list[tuple[str, str]] = []
    snomed: dict[str, str] = {}
    for sid, spec in data["sites"].items():
        where = f"findings_sites.json sites[{sid}]"
        _check_keys(spec, where, {"synonyms", "regions"}, {"is_a", "snomed", "generic"})
        bad = set(spec["regions"]) - known_regions
        if bad:
            raise RulesError(f"{where}: unknown CT regions {sorted(bad)}")
        info[sid] = _Site(sid, frozenset(spec["regions"]), frozenset(spec.get("is_a", ())),
                          bool(spec.get("generic", False)))
        entries.extend((s, sid) for s in spec["synonyms"])
        snomed.update({code: sid for code in spec.get("snomed", ())})
    for site in info.values():
        bad = site.is_a - info.keys()
        if bad:
            raise RulesError(f"findings_sites.json sites[{site.id}]: unknown is_a {sorted(bad)}")
    return _Lexicon((), "findings_sites.json", phrases=entries), info, snomed


def _load_contexts() -> tuple[_Lexicon, _Lexicon]:
    """Load and check data/findings_contexts.json."""
    data = _load("findings_contexts.json")
    _check_keys(data, "findings_contexts.json", {"contexts", "differential"}, set())
    entries: list[tuple[str, str]] = []
    phrases: list[tuple[str, str]] = []
    for cid, spec in data["contexts"].items():
        where = f"findings_contexts.json contexts[{cid}]"
        if cid not in CONTEXTS:
            raise RulesError(f"{where}: unknown context id")
        _check_keys(spec, where, {"synonyms"}, {"patterns"})
        phrases.extend((s, cid) for s in spec["synonyms"])
        entries.extend((str(p), cid) for p in spec.get("patterns", ()))
    diff = [(s, item) for item, syns in data["differential"].items() for s in syns]
    return (_Lexicon(entries, "findings_contexts.json", phrases=phrases),
            _Lexicon((), "differential", phrases=diff))


def _load_sections() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """Load data/findings_sections.json into one header regex and a synonym table."""
    data = _load("findings_sections.json")
    _check_keys(data, "findings_sections.json", {"sections"}, set())
    names: dict[str, tuple[str, str]] = {}
    for name, spec in data["sections"].items():
        where = f"findings_sections.json sections[{name}]"
        _check_keys(spec, where, {"kind", "synonyms"}, set())
        if spec["kind"] not in SECTION_KINDS:
            raise RulesError(f"{where}: unknown kind {spec['kind']!r}")
        for syn in spec["synonyms"]:
            names[" ".join(syn.lower().split())] = (name, spec["kind"])
    alts = "|".join(_phrase(s)[2:] for s in sorted(names, key=len, reverse=True))
    header = re.compile(
        rf"(?:^|(?<=[.!?] )|(?<=[.!?]  ))[ \t]*(?P<h>{alts})\b[ \t]*(?::|(?=[ \t]*$))",
        re.IGNORECASE | re.MULTILINE,
    )
    return header, names


def _load_modalities() -> tuple[tuple[tuple[str, tuple[re.Pattern[str], ...]], ...],
                                dict[str, str], frozenset[str], frozenset[str]]:
    """Load data/findings_modalities.json."""
    data = _load("findings_modalities.json")
    _check_keys(data, "findings_modalities.json",
                {"modalities", "category_codes", "dicom", "auxiliary"}, set())
    out = []
    for i, spec in enumerate(data["modalities"]):
        where = f"findings_modalities.json modalities[{i}]"
        _check_keys(spec, where, {"code"}, {"case_sensitive", "patterns"})
        pats = [_compile(p, where, 0) for p in spec.get("case_sensitive", ())]
        pats += [_compile(p, where) for p in spec.get("patterns", ())]
        out.append((str(spec["code"]), tuple(pats)))
    return (tuple(out), dict(data["category_codes"]), frozenset(data["dicom"]),
            frozenset(data["auxiliary"]))


def _differential_phrases() -> list[str]:
    """Return every differential synonym, longest first."""
    data = _load("findings_contexts.json")["differential"]
    return sorted((s for syns in data.values() for s in syns), key=len, reverse=True)


def _known_regions() -> set[str]:
    """Read the CT region ids from data/ct_regions.json."""
    return set(_load("ct_regions.json")["regions"])


@cache
def rules() -> _Rules:
    """Load, check and compile every findings data file once."""
    terms, any_term, exclusions = _load_terms()
    sites, site_info, snomed = _load_sites(_known_regions())
    contexts, differential = _load_contexts()
    diff_alt = "|".join(_phrase(p) for p in _differential_phrases())
    header, names = _load_sections()
    modalities, category_codes, dicom, auxiliary = _load_modalities()
    return _Rules(
        terms=terms, any_term=any_term, exclusions=exclusions, modifiers=_load_modifiers(),
        sites=sites, site_info=site_info, snomed_sites=snomed, contexts=contexts,
        differential=differential,
        alt_after=re.compile(
            rf"\s*,?\s*(?:and/or|or)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:{diff_alt})", re.I),
        alt_before=re.compile(
            rf"(?:{diff_alt})\s*,?\s*(?:and/or|or)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$", re.I),
        section_header=header, section_names=names, modalities=modalities,
        category_codes=category_codes, dicom=dicom, auxiliary=auxiliary,
    )


def site_regions(site: str | None) -> frozenset[str]:
    """Return the CT regions of an anatomy site id (empty when unknown)."""
    info = rules().site_info.get(site or "")
    return info.regions if info else frozenset()


def site_is(site: str | None, group: str) -> bool:
    """Tell whether a site is ``group`` or a kind of it (rotator-cuff is a tendon)."""
    if site is None:
        return False
    info = rules().site_info
    seen: set[str] = set()
    todo = [site]
    while todo:
        current = todo.pop()
        if current == group:
            return True
        if current in seen or current not in info:
            continue
        seen.add(current)
        todo.extend(info[current].is_a)
    return False


def sites_in(text: str) -> frozenset[str]:
    """Return the anatomy site ids named anywhere in ``text``."""
    return frozenset(label for _, _, label in rules().sites.find(text))


# ---------------------------------------------------------------------------------------------
# Sections and sentences
# ---------------------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset({
    "vs", "v.s", "dr", "drs", "approx", "e.g", "i.e", "eg", "ie", "cf", "mr", "mrs", "ms", "st",
    "fig", "figs", "incl", "al", "ca", "resp", "min", "max", "ant", "post", "inf", "sup", "lat",
    "med", "prox", "dist", "pt", "pts", "hx", "sx", "dx", "mult", "w", "wo", "w/o", "sig",
})
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*[ \t]+(?=[\"'(\[]?[A-Z0-9])|[ \t]*\n[\s]*")
_LAST_TOKEN = re.compile(r"(\S+?)[.!?]*[\"')\]]*\s*$")
_LIST_MARK = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[-*\u2022\u25cf]|[a-z][.)])\s+$")
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25cf]+|\(?\d{1,2}[.)](?!\d))\s*")
_TITLE_LINE = re.compile(r"^[^a-z.]{3,120}$")
_ANAPHOR = re.compile(
    r"^\s*(?:it|its|this|these|they|there are|there is|within|the (?:lesion|mass|tumou?r|"
    r"nodule|node|deposit|collection))\b", re.I)


def _sections(text: str, default: str | None) -> list[tuple[str | None, str, str]]:
    """Split text into (section name, kind, body) by header lines."""
    r = rules()
    out: list[tuple[str | None, str, str]] = []
    name, kind, pos = default, _kind_of(default), 0
    for m in r.section_header.finditer(text):
        out.append((name, kind, text[pos:m.start()]))
        key = " ".join(m.group("h").lower().split())
        name, kind = r.section_names.get(key, (None, "finding"))
        pos = m.end()
    out.append((name, kind, text[pos:]))
    return [s for s in out if s[2].strip()]


def _kind_of(section: str | None) -> str:
    """Return the kind of a section name (finding when unknown)."""
    if section is None:
        return "finding"
    for name, kind in rules().section_names.values():
        if name == section:
            return kind
    return "finding"


def split_sentences(text: str) -> list[str]:
    """Split report text into sentences; list items and lines become their own sentences."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        piece = text[start:m.start()]
        if "\n" not in m.group():
            token = _LAST_TOKEN.search(text, max(start, m.start() - 30), m.end())
            word = token.group(1).lower() if token else ""
            if word.rstrip(".") in _ABBREVIATIONS or _LIST_MARK.match(text[start:m.end()]):
                continue
            if len(word) == 1 and word.isalpha():
                continue
            piece = text[start:m.end()]
        elif _soft_wrap(text, m):
            continue
        _add_sentence(out, piece)
        start = m.end()
    _add_sentence(out, text[start:])
    return out


def _soft_wrap(text: str, m: re.Match[str]) -> bool:
    """Tell whether a single newline only wraps a line inside a sentence."""
    if m.group().count("\n") != 1 or m.start() == 0 or m.end() >= len(text):
        return False
    before, after = text[m.start() - 1], text[m.end()]
    return (before.isalnum() or before == ",") and after.islower()


def _add_sentence(out: list[str], piece: str) -> None:
    """Append a stripped, bullet-free sentence unless it is empty."""
    s = _BULLET.sub("", piece.strip(), count=1).strip()
    if s and _WORD.search(s):
        out.append(" ".join(s.split()))


# ---------------------------------------------------------------------------------------------
# ConText engine
# ---------------------------------------------------------------------------------------------

_RANK: dict[str, int] = {"negated": 3, "historical": 2, "possible": 1}


def _words_between(s: str, a: int, b: int) -> int:
    """Count words in s[a:b]."""
    return len(_WORD.findall(s, a, b)) if b > a else 0


def _in_scope(s: str, cue: tuple[int, int, _Modifier], start: int, end: int,
              stops: list[int]) -> bool:
    """Tell whether a cue reaches the span [start, end) of sentence s."""
    c0, c1, mod = cue
    if c1 <= start and mod.direction in {"forward", "bidirectional"}:
        gap = (c1, start)
    elif end <= c0 and mod.direction in {"backward", "bidirectional"}:
        gap = (end, c0)
    else:
        return False
    if _words_between(s, *gap) > mod.max_scope:
        return False
    if any(gap[0] <= p < gap[1] for p in stops):
        return False
    return not (mod.comma_terminates and "," in s[gap[0]:gap[1]])


def _cues(s: str) -> tuple[list[tuple[int, int, _Modifier]], list[int]]:
    """Find the active cues and the terminator positions of a sentence."""
    cues: list[tuple[int, int, _Modifier]] = []
    stops: list[int] = []
    for a, b, mod in rules().modifiers.find(s):
        if mod.category == "terminate":
            stops.append(a)
        elif mod.category != "pseudo":
            cues.append((a, b, mod))
    return cues, stops


def _assertion(s: str, start: int, end: int, cues: list[tuple[int, int, _Modifier]],
               stops: list[int]) -> str:
    """Return the strongest assertion the cues give the span (affirmed when none)."""
    best = "affirmed"
    for cue in cues:
        cat = cue[2].category
        if _RANK[cat] > _RANK.get(best, 0) and _in_scope(s, cue, start, end, stops):
            best = cat
    return best


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    text: str
    term: _Term
    assertion: str = "affirmed"


def _term_hits(s: str) -> list[_Hit]:
    """Find the calcification terms of a sentence, minus excluded spans."""
    r = rules()
    excluded = [(m.start(), m.end()) for m in r.exclusions.finditer(s)]
    hits = []
    for a, b, term in r.terms.find(s):
        if any(x0 < b and a < x1 for x0, x1 in excluded):
            continue
        hits.append(_Hit(a, b, s[a:b], term))
    return hits


def _assert_hits(s: str, hits: list[_Hit], cues: list[tuple[int, int, _Modifier]],
                 stops: list[int]) -> None:
    """Give each hit its assertion from cues, own negation and lists of alternatives."""
    r = rules()
    for h in hits:
        h.assertion = "negated" if h.term.negated else _assertion(s, h.start, h.end, cues, stops)
        if h.assertion == "affirmed" and h.term.concept in {"calcification", "ossification"} and (
            r.alt_after.match(s, h.end) or r.alt_before.search(s, max(0, h.start - 80), h.start)
        ):
            h.assertion = "possible"
    calc = [h for h in hits if not h.term.requires_calcification]
    for h in hits:
        if h.term.requires_calcification and h.assertion == "affirmed":
            h.assertion = _sign_assertion(s, calc)


def _sign_assertion(s: str, calc: list[_Hit]) -> str:
    """Assert an MRI sign from the calcification terms beside it (possible unless sure)."""
    kinds = {h.assertion for h in calc}
    if "affirmed" in kinds and len(_differential(s)) <= 1:
        return "affirmed"
    return "possible"


def _differential(s: str) -> tuple[str, ...]:
    """Return the differential items named in a sentence, in order, once each."""
    seen: list[str] = []
    for _, _, item in rules().differential.find(s):
        if item not in seen:
            seen.append(item)
    return tuple(seen)


def _contexts(s: str, cues: list[tuple[int, int, _Modifier]], stops: list[int]) -> set[str]:
    """Return the non-negated lesion contexts of a sentence."""
    negators = [c for c in cues if c[2].category == "negated"]
    found: set[str] = set()
    for a, b, cid in rules().contexts.find(s):
        if cid in found:
            continue
        if not any(_in_scope(s, c, a, b, stops) for c in negators):
            found.add(cid)
    if "lymph-node" not in found:
        found.discard("mixed-signal-node")
    return found


_SITE_AWAY = re.compile(
    r"(?:extend\w*|extension|into|toward\w*|abutting|adjacent to|displacing|encasing|invading|"
    r"near|from)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)


def _nearest_site(s: str, start: int, end: int,
                  sites: list[tuple[int, int, str]]) -> str | None:
    """Pick the site nearest the term; sites merely reached by the lesion weigh less."""
    info = rules().site_info
    best: tuple[float, str] | None = None
    for a, b, sid in sites:
        if b <= start:
            dist = _words_between(s, b, start)
        elif a >= end:
            dist = _words_between(s, end, a) + 0.5
            if _SITE_AWAY.search(s, max(0, a - 40), a):
                dist += 6
        else:
            dist = 0
        if not info[sid].regions and dist > 0:
            dist += 3  # a generic site wins only when it qualifies the term directly
        if best is None or dist < best[0]:
            best = (dist, sid)
    return best[1] if best else None


# ---------------------------------------------------------------------------------------------
# Reading text
# ---------------------------------------------------------------------------------------------


def read_text(text: str) -> TextFindings:
    """Read report text into calcification mentions and a report-level class."""
    return _findings(_read(text, None, None))


def _read(text: str, default_section: str | None, title_site: str | None) -> list[Mention]:
    """Read one block of report text (with its default section) into mentions."""
    r = rules()
    if not r.any_term.search(text):
        return []
    mentions: list[Mention] = []
    sections = _sections(text, default_section)
    if title_site is None:
        title_site = _title_site(sections)
    for name, kind, body in sections:
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


def _title_site(sections: list[tuple[str | None, str, str]]) -> str | None:
    """Return the first site of a title line (EXAM section or capitalised first line)."""
    for _name, kind, body in sections[:2]:
        first = body.strip().split("\n", 1)[0]
        if kind == "title" or _TITLE_LINE.match(first):
            found = [sid for _, _, sid in rules().sites.find(first)]
            if found:
                return found[0]
    return None


def _sentence_background(s: str) -> tuple[str | None, set[str]]:
    """Return the first specific site and the contexts of a sentence, for the next one."""
    r = rules()
    sites = [sid for _, _, sid in r.sites.find(s) if r.site_info[sid].regions]
    cues, stops = _cues(s)
    return (sites[0] if sites else None), _contexts(s, cues, stops)


def _read_sentence(
    s: str, section: str | None, kind: str, prev: str | tuple[str | None, set[str]],
    title_site: str | None,
) -> tuple[list[Mention], str | tuple[str | None, set[str]]]:
    """Read one sentence holding a term; return its mentions and its background.

    ``prev`` is the sentence before (text, read only when this one refers back to it) or
    the background already read from it.
    """
    r = rules()
    hits = _term_hits(s)
    if not hits:
        return [], s
    cues, stops = _cues(s)
    _assert_hits(s, hits, cues, stops)
    has_calc = any(not h.term.requires_calcification and h.assertion != "negated" for h in hits)
    any_calc = any(not h.term.requires_calcification for h in hits)
    contexts = _contexts(s, cues, stops)
    sites = r.sites.find(s)
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
    diff = _differential(s)
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
        assertion = "historical" if kind in _NON_FINDING_KINDS else h.assertion
        keep_diff = assertion == "possible" or has_sign
        out.append(Mention(
            sentence=s, term=h.text, concept=h.term.concept,
            assertion=assertion,  # type: ignore[arg-type]
            section=section, site=site, regions=site_regions(site),
            contexts=frozenset(mention_contexts & CONTEXTS),
            differential=diff if keep_diff and assertion != "negated" else (),
            sentence_sites=frozenset({sid for _, _, sid in sites} | ({site} if site else set())),
        ))
    if not out:
        return out, s
    return out, (out[0].site, contexts)


def _findings(mentions: list[Mention]) -> TextFindings:
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


# ---------------------------------------------------------------------------------------------
# FHIR resources
# ---------------------------------------------------------------------------------------------


class _TextOnly(HTMLParser):
    """Collect the text of HTML/XHTML, one line per block element, skipping scripts."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4",
                         "h5", "h6", "table", "ul", "ol", "section", "article", "pre",
                         "blockquote", "dt", "dd", "hr", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "head"}:
            self._skip += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "head"}:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Strip HTML or XHTML to plain text with block elements on their own lines."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _attachment_text(att: Mapping[str, Any]) -> str | None:
    """Decode a presentedForm attachment to text; None for PDF, binary or URL-only forms."""
    data = att.get("data")
    if not isinstance(data, str) or not data:
        return None
    try:
        raw = base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError):
        return None
    ctype = str(att.get("contentType") or "").split(";")[0].strip().lower()
    if ctype == "application/pdf" or raw.startswith(b"%PDF"):
        return None
    text = raw.decode("utf-8", errors="replace")
    looks_html = text.lstrip()[:1] == "<" and ">" in text
    if ctype in {"text/html", "application/xhtml+xml", "text/xml"} or (not ctype and looks_html):
        return html_to_text(text)
    if ctype in {"", "text/plain", "text/markdown"} or ctype.startswith("text/"):
        return text
    return None


def _concept_texts(concept: Any) -> list[str]:
    """Return the text and the coding displays of a CodeableConcept."""
    if not isinstance(concept, Mapping):
        return []
    out = [concept["text"]] if isinstance(concept.get("text"), str) else []
    for coding in concept.get("coding") or ():
        display = coding.get("display") if isinstance(coding, Mapping) else None
        if isinstance(display, str) and display not in out:
            out.append(display)
    return out


def _observation_text(obs: Mapping[str, Any]) -> str:
    """Return an Observation's reported text: valueString, valueCodeableConcept, notes."""
    if obs.get("status") in UNUSABLE_STATUSES:
        return ""
    parts: list[str] = []
    if isinstance(obs.get("valueString"), str):
        parts.append(obs["valueString"])
    parts.extend(_concept_texts(obs.get("valueCodeableConcept"))[:1])
    parts.extend(n["text"] for n in obs.get("note") or ()
                 if isinstance(n, Mapping) and isinstance(n.get("text"), str))
    if not parts:
        return ""
    label = _concept_texts(obs.get("code"))
    key = " ".join(label[0].lower().split()) if label else ""
    header = rules().section_names.get(key, ("FINDINGS", "finding"))[0]
    return f"{header}:\n" + "\n".join(p if p.rstrip().endswith(".") else p + "." for p in parts)


def _normalise_ref(ref: Any, resource_type: str) -> str | None:
    """Return "Type/id" for a relative or absolute reference of that type."""
    if not isinstance(ref, str):
        return None
    marker = f"{resource_type}/"
    i = ref.rfind(marker)
    if i < 0:
        return None
    tail = ref[i:].split("/_history/")[0]
    return tail if tail.count("/") == 1 and tail != marker else None


def _result_texts(resource: Mapping[str, Any],
                  observations: Mapping[str, dict] | None) -> list[str]:
    """Resolve result references (mapping or contained) to Observation texts."""
    contained = {f"#{c.get('id')}": c for c in resource.get("contained") or ()
                 if isinstance(c, Mapping) and c.get("resourceType") == "Observation"}
    out = []
    for item in resource.get("result") or ():
        ref = item.get("reference") if isinstance(item, Mapping) else None
        obs = contained.get(ref) if isinstance(ref, str) and ref.startswith("#") else None
        if obs is None and observations:
            key = _normalise_ref(ref, "Observation")
            obs = observations.get(key) if key else None
        if isinstance(obs, Mapping):
            text = _observation_text(obs)
            if text:
                out.append(text)
    return out


def report_segments(resource: Mapping[str, Any],
                    observations: Mapping[str, dict] | None = None,
                    ) -> list[tuple[str | None, str]]:
    """Return (default section, text) for every place a DiagnosticReport keeps text."""
    segments: list[tuple[str | None, str]] = []
    for att in resource.get("presentedForm") or ():
        if isinstance(att, Mapping):
            text = _attachment_text(att)
            if text and text.strip():
                segments.append((None, text))
    if isinstance(resource.get("conclusion"), str):
        segments.append(("IMPRESSION", resource["conclusion"]))
    for concept in resource.get("conclusionCode") or ():
        segments.extend(("IMPRESSION", t) for t in _concept_texts(concept)[:1])
    segments.extend(("FINDINGS", t) for t in _result_texts(resource, observations))
    div = (resource.get("text") or {}).get("div") if isinstance(resource.get("text"),
                                                               Mapping) else None
    if isinstance(div, str):
        segments.append((None, html_to_text(div)))
    return _dedupe(segments)


def _dedupe(segments: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """Drop segments whose text an earlier segment already holds (conclusion in the PDF text)."""
    seen = ""
    out = []
    for section, text in segments:
        norm = " ".join(text.lower().split())
        if not norm or norm in seen:
            continue
        out.append((section, text))
        seen += "\n" + norm
    return out


@cache
def _models() -> tuple[Any, Any]:
    """Import the R4B models lazily (they take a while to import)."""
    from fhir.resources.R4B.diagnosticreport import DiagnosticReport
    from fhir.resources.R4B.imagingstudy import ImagingStudy

    return DiagnosticReport, ImagingStudy


def _require(resource: Mapping[str, Any], resource_type: str, fields: Iterable[str],
             statuses: frozenset[str]) -> None:
    """Check R4 cardinalities and the status code set the models leave open."""
    missing = [f for f in fields if resource.get(f) in (None, "", [], {})]
    if missing:
        raise InvalidResource(resource_type, "missing required fields: " + ", ".join(missing))
    if resource.get("status") not in statuses:
        raise InvalidResource(resource_type, "status: not an R4 status code")


def modality_from_text(text: str | None) -> str | None:
    """Return the DICOM modality a title or code text names, earliest mention first."""
    if not text:
        return None
    best: tuple[int, str] | None = None
    for code, patterns in rules().modalities:
        for p in patterns:
            m = p.search(text)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), code)
    return best[1] if best else None


def _study_modalities(study: Mapping[str, Any]) -> list[str]:
    """Return the DICOM modality codes of an ImagingStudy dict, study level first."""
    codes: list[str] = []
    for coding in study.get("modality") or ():
        if isinstance(coding, Mapping) and isinstance(coding.get("code"), str):
            codes.append(coding["code"].upper())
    for series in study.get("series") or ():
        coding = series.get("modality") if isinstance(series, Mapping) else None
        if isinstance(coding, Mapping) and isinstance(coding.get("code"), str):
            codes.append(coding["code"].upper())
    return codes


def _modality_of_studies(refs: tuple[str, ...], studies: Mapping[str, dict] | None) -> str | None:
    """Return the imaging modality of the first linked study that tells one."""
    r = rules()
    for ref in refs:
        study = (studies or {}).get(ref)
        if not isinstance(study, Mapping):
            continue
        for code in _study_modalities(study):
            if code not in r.auxiliary:
                return code
    return None


def _modality_of_category(resource: Mapping[str, Any]) -> str | None:
    """Return the modality an HL7 v2-0074 category code or category text names."""
    r = rules()
    for concept in resource.get("category") or ():
        if not isinstance(concept, Mapping):
            continue
        for coding in concept.get("coding") or ():
            code = coding.get("code") if isinstance(coding, Mapping) else None
            if isinstance(code, str) and code.upper() in r.category_codes:
                return r.category_codes[code.upper()]
        for text in _concept_texts(concept):
            found = modality_from_text(text)
            if found:
                return found
    return None


def _header_line(segments: list[tuple[str | None, str]]) -> str:
    """Return the report's title line (first non-empty line of the first text)."""
    for _, text in segments:
        for line in text.splitlines():
            if line.strip():
                return line.strip()[:200]
    return ""


def _date(resource: Mapping[str, Any]) -> str | None:
    """Return effectiveDateTime, effectivePeriod.start, else issued."""
    if isinstance(resource.get("effectiveDateTime"), str):
        return resource["effectiveDateTime"]
    period = resource.get("effectivePeriod")
    if isinstance(period, Mapping) and isinstance(period.get("start"), str):
        return period["start"]
    issued = resource.get("issued")
    return issued if isinstance(issued, str) else None


def read_report(resource: dict, *, studies: Mapping[str, dict] | None = None,
                observations: Mapping[str, dict] | None = None) -> ReportFindings:
    """Validate a DiagnosticReport (R4) and read its text, modality and facts."""
    validate_r4(resource, _models()[0], "DiagnosticReport")
    _require(resource, "DiagnosticReport", ("status", "code"), REPORT_STATUSES)
    titles = _concept_texts(resource.get("code"))
    title = titles[0] if titles else ""
    refs = tuple(dict.fromkeys(
        ref for ref in (_normalise_ref(s.get("reference"), "ImagingStudy")
                        for s in resource.get("imagingStudy") or () if isinstance(s, Mapping))
        if ref
    ))
    segments = report_segments(resource, observations)
    header = _header_line(segments)
    modality = (next((m for m in map(modality_from_text, titles) if m), None)
                or _modality_of_studies(refs, studies)
                or _modality_of_category(resource)
                or modality_from_text(header))
    exam_sites = sites_in(" ; ".join(titles)) or sites_in(header)
    title_site = next(iter(sorted(exam_sites)), None) if len(exam_sites) == 1 else None
    mentions: list[Mention] = []
    for section, text in segments:
        mentions.extend(_read(text, section, title_site))
    regions = frozenset().union(*(site_regions(s) for s in exam_sites))
    for ref in refs:
        study = (studies or {}).get(ref)
        if isinstance(study, Mapping):
            regions |= _study_regions(study)
    return ReportFindings(
        reference=f"DiagnosticReport/{resource.get('id')}",
        status=str(resource.get("status")),
        date=_date(resource),
        modality=modality,
        title=title,
        study_refs=refs,
        text=_findings(mentions),
        regions=regions,
    )


def _study_regions(study: Mapping[str, Any]) -> frozenset[str]:
    """Return the CT regions an ImagingStudy dict names (body sites, procedures, descriptions)."""
    r = rules()
    sites: set[str] = set()
    texts: list[str] = []
    for series in study.get("series") or ():
        if not isinstance(series, Mapping):
            continue
        body = series.get("bodySite")
        if isinstance(body, Mapping):
            if isinstance(body.get("code"), str) and body["code"] in r.snomed_sites:
                sites.add(r.snomed_sites[body["code"]])
            if isinstance(body.get("display"), str):
                texts.append(body["display"])
        if isinstance(series.get("description"), str):
            texts.append(series["description"])
    for concept in study.get("procedureCode") or ():
        texts.extend(_concept_texts(concept))
    if isinstance(study.get("description"), str):
        texts.append(study["description"])
    sites |= sites_in(" ; ".join(texts))
    return frozenset().union(*(site_regions(s) for s in sites)) if sites else frozenset()


def read_study(resource: dict) -> StudyFacts:
    """Validate an ImagingStudy (R4) and read its modalities, regions and date."""
    validate_r4(resource, _models()[1], "ImagingStudy")
    _require(resource, "ImagingStudy", ("status", "subject"), STUDY_STATUSES)
    return StudyFacts(
        reference=f"ImagingStudy/{resource.get('id')}",
        status=str(resource.get("status")),
        date=resource.get("started") if isinstance(resource.get("started"), str) else None,
        modalities=frozenset(_study_modalities(resource)),
        regions=_study_regions(resource),
        description=str(resource.get("description") or ""),
    )


rules()  # compile at import: a bad data file fails start-up, not the first call
