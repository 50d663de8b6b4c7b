"""The report-reading vocabulary: ``data/findings_*.json`` loaded, checked and compiled once
(sites are the one anatomy table, ``core.anatomy``); a bad entry stops start-up naming the file
and the key path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cds_service.core.loader import (
    DataError,
    Where,
    check_keys,
    compile_pattern,
    load_json,
    str_list,
)
from cds_service.core.reading.facts import CONCEPTS, CONTEXTS
from cds_service.core.textmatch import PhraseMatcher, phrase_pattern

SECTION_KINDS = frozenset({"finding", "history", "technique", "comparison", "title",
                           "addendum", "differential"})
MODIFIER_CATEGORIES = frozenset({"negated", "possible", "historical", "hypothetical",
                                 "indication", "pseudo", "terminate"})
SIGN_SUBJECTS = frozenset({"mass", "node"})
DIRECTIONS = frozenset({"forward", "backward", "bidirectional"})


@dataclass(frozen=True, slots=True)
class Term:
    concept: str
    negated: bool
    requires_calcification: bool
    contexts: frozenset[str]
    hedged: bool = False                   # affirmed reads as possible (chondroid matrix)
    alone_in: frozenset[str] = frozenset()  # a sign that counts without a calcium word there
    trigger: tuple[str, ...] = ()  # words one of which every match holds (``literals``)
    not_in_bone: bool = False  # at a lesion inside bone: reactive bone, not its matrix (P16.1)
    silent_when_negated: bool = False  # denied, no statement ("no renal calculi", P7.6)
    # a deposit said gone with no mineral word ("the focus … described in May is no longer
    # identified"): stands only where no other term does, and only as a tendon's or joint's
    # deposit (P14.21)
    gone_only: bool = False
    # a radiographic density word ("punctate densities"): mineral only as the statement of a
    # study that images by X-ray attenuation (a radiograph, CT, mammogram), P12.35
    x_ray: bool = False


@dataclass(frozen=True, slots=True)
class Modifier:
    category: str
    direction: str
    max_scope: int
    comma_terminates: bool
    subject_scope: int = 0  # backward: further over the clause's subject (P14.9)


@dataclass(frozen=True, slots=True)
class Lexicon:
    terms: PhraseMatcher
    any_term: re.Pattern[str]
    exclusions: re.Pattern[str]
    modifiers: PhraseMatcher
    contexts: PhraseMatcher
    context_phrases: tuple[tuple[str, str], ...]  # (synonym, context id), as in the data
    differential: PhraseMatcher
    alt_after: re.Pattern[str]
    alt_before: re.Pattern[str]
    section_header: re.Pattern[str]
    section_names: dict[str, tuple[str, str]]   # synonym → (section name, kind)
    section_kinds: dict[str, str]               # section name → kind
    modalities: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    category_codes: dict[str, str]
    auxiliary: frozenset[str]
    cited: re.Pattern[str]     # another study named as a statement's source (group: seen_on)
    studies: re.Pattern[str]   # any study named (group: seen_on), for comparison sections
    current: re.Pattern[str]   # the report's own statement now, though it names the study
    gone: re.Pattern[str]      # the report's own statement that it is gone (P14.1)
    occult: re.Pattern[str]    # the MRI cannot show the cited finding (P14.9)
    cited_as: dict[str, str]   # a report's DICOM modality -> the seen_on code it would cite
    cite_hint: re.Pattern[str]  # a study or sign word: a sentence without one cites nothing
    heading: re.Pattern[str]   # a line headed by a study's name (group: seen_on), P12.1
    now: re.Pattern[str]       # the current study set against an earlier one (P14.5)
    then: re.Pattern[str]      # an earlier time named ("previously"), beside a ``now``
    density: re.Pattern[str]   # CT density words (group: seen_on) where no MRI is named (P12.7)
    mri: re.Pattern[str]       # words naming an MRI, this one or another (P12.6, P12.7)
    lead: re.Pattern[str]      # a sentence opening with a study's name (group: seen_on), P12.6
    verbs: re.Pattern[str]     # a finite verb: a sentence, no caption (P12.6)
    compared: re.Pattern[str]  # an advice or comparison word: no caption (P12.6)
    views: re.Pattern[str]     # a view, plane, phase or image word (P12.6)
    shows: re.Pattern[str]     # after a study's name, to a verb of showing (P12.6)
    refers: re.Pattern[str]    # a sentence opening by referring back to a study ("They show")
    refers_not: re.Pattern[str]  # advice, plan or denial: the study named is none to refer to
    measured: re.Pattern[str]  # before a study: a size it gave, set against now (P12.25)
    # (context id, hit words, sentence words): a hit of the context whose text holds the hit
    # words is none in a sentence holding the sentence words ('unless', P16.17)
    context_unless: Unless = ()


def _pattern_of(entry: dict[str, Any], where: Where) -> str:
    """Read the 'literal' or 'pattern' of an entry (exactly one)."""
    if ("literal" in entry) == ("pattern" in entry):
        raise where.error("give exactly one of 'literal' or 'pattern'")
    if "literal" in entry:
        return phrase_pattern(str(entry["literal"]))
    pattern = str(entry["pattern"])
    compile_pattern(pattern, where)
    return pattern


def _entries(data: dict[str, Any], key: str, where: Where) -> list[Any]:
    if not isinstance(data[key], list):
        raise (where / key).error("must be a list")
    return data[key]


def _load_terms() -> tuple[PhraseMatcher, re.Pattern[str], re.Pattern[str]]:
    data, where = load_json("findings_terms.json")
    check_keys(data, where, {"terms", "exclusions"})
    entries = []
    for i, t in enumerate(_entries(data, "terms", where)):
        w = where / "terms" / i
        check_keys(t, w, {"concept"},
                   {"literal", "pattern", "negated", "requires_calcification", "contexts",
                    "hedged", "alone_in", "trigger", "not_in_bone", "silent_when_negated",
                    "gone_only", "x_ray"})
        if t["concept"] not in CONCEPTS:
            raise w.error(f"unknown concept {t['concept']!r}")
        unknown = set(t.get("contexts", ())) - CONTEXTS
        if unknown:
            raise w.error(f"unknown contexts {sorted(unknown)}")
        alone_in = frozenset(str_list(t.get("alone_in", []), w / "alone_in"))
        if alone_in - SIGN_SUBJECTS or (alone_in and not t.get("requires_calcification")):
            raise w.error(f"alone_in must name {sorted(SIGN_SUBJECTS)}, on a sign only")
        trigger = tuple(" ".join(s.lower().split())
                        for s in str_list(t.get("trigger", []), w / "trigger"))
        if bool(trigger) != (not t.get("requires_calcification") or bool(alone_in)):
            raise w.error("trigger: words for a calcium word or a sign with alone_in; none for "
                          "a sign that needs a calcium word (it never triggers alone)")
        if not all(s.isascii() for s in trigger):
            raise w.error("trigger words are ASCII")
        term = Term(t["concept"], bool(t.get("negated", False)),
                    bool(t.get("requires_calcification", False)),
                    frozenset(t.get("contexts", ())), bool(t.get("hedged", False)), alone_in,
                    trigger, bool(t.get("not_in_bone", False)),
                    bool(t.get("silent_when_negated", False)), bool(t.get("gone_only", False)),
                    bool(t.get("x_ray", False)))
        if term.gone_only and not term.negated:
            raise w.error("gone_only: a term that carries its own negation (negated: true)")
        entries.append((_pattern_of(t, w), term))
    lexicon = PhraseMatcher(entries, "findings_terms.json")
    exclusions = str_list(data["exclusions"], where / "exclusions")
    for i, p in enumerate(exclusions):
        compile_pattern(p, where / "exclusions" / i)
    any_term = r"\b(?=\w)(?:" + "|".join(p for p, _ in entries) + ")"
    return (lexicon, re.compile(any_term, re.I),
            re.compile(r"\b(?=\w)(?:" + ("|".join(exclusions) or r"(?!x)x") + ")", re.I))


def _load_modifiers() -> PhraseMatcher:
    data, where = load_json("findings_modifiers.json")
    check_keys(data, where, {"modifiers"})
    entries = []
    for i, m in enumerate(_entries(data, "modifiers", where)):
        w = where / "modifiers" / i
        check_keys(m, w, {"category"},
                   {"literal", "pattern", "direction", "max_scope", "comma_terminates",
                    "subject_scope"})
        cat = m["category"]
        if cat not in MODIFIER_CATEGORIES:
            raise w.error(f"unknown category {cat!r}")
        direction = m.get("direction", "")
        if cat in {"pseudo", "terminate"}:
            if direction or "max_scope" in m:
                raise w.error(f"{cat} cues take no direction or max_scope")
        elif direction not in DIRECTIONS:
            raise w.error(f"direction must be one of {sorted(DIRECTIONS)}")
        scope = m.get("max_scope", 0)
        if not isinstance(scope, int) or scope < 0:
            raise w.error("max_scope must be a non-negative integer")
        subject = m.get("subject_scope", 0)
        if not isinstance(subject, int) or subject < 0 or (subject and direction != "backward"):
            raise w.error("subject_scope: a non-negative integer, on a backward cue only")
        mod = Modifier(cat, direction, scope, bool(m.get("comma_terminates", False)), subject)
        entries.append((_pattern_of(m, w), mod))
    return PhraseMatcher(entries, "findings_modifiers.json")


Unless = tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]


def _load_contexts() -> tuple[PhraseMatcher, list[tuple[str, str]], PhraseMatcher, list[str],
                              Unless]:
    data, where = load_json("findings_contexts.json")
    check_keys(data, where, {"contexts", "differential"})
    entries: list[tuple[str, str]] = []
    phrases: list[tuple[str, str]] = []
    unless: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = []
    for cid, spec in data["contexts"].items():
        w = where / "contexts" / cid
        if cid not in CONTEXTS:
            raise w.error("unknown context id")
        check_keys(spec, w, {"synonyms"}, {"patterns", "unless"})
        phrases.extend((s, cid) for s in str_list(spec["synonyms"], w / "synonyms"))
        if not isinstance(spec.get("unless", []), list):
            raise (w / "unless").error("must be a list")
        for i, u in enumerate(spec.get("unless", [])):
            check_keys(u, w / "unless" / i, {"hit", "sentence"})
            unless.append((cid, compile_pattern(u["hit"], w / "unless" / i / "hit"),
                            compile_pattern(u["sentence"], w / "unless" / i / "sentence")))
        for i, p in enumerate(str_list(spec.get("patterns", []), w / "patterns")):
            compile_pattern(p, w / "patterns" / i)
            entries.append((p, cid))
    diff: list[tuple[str, str]] = []
    for item, syns in data["differential"].items():
        diff.extend((s, item) for s in str_list(syns, where / "differential" / item))
    diff_phrases = sorted((s for s, _ in diff), key=len, reverse=True)
    return (PhraseMatcher(entries, "findings_contexts.json", phrases=phrases), phrases,
            PhraseMatcher((), "findings_contexts.json differential", phrases=diff),
            diff_phrases, tuple(unless))


def _load_sections() -> tuple[re.Pattern[str], dict[str, tuple[str, str]], dict[str, str]]:
    data, where = load_json("findings_sections.json")
    check_keys(data, where, {"sections"})
    names: dict[str, tuple[str, str]] = {}
    kinds: dict[str, str] = {}
    for name, spec in data["sections"].items():
        w = where / "sections" / name
        check_keys(spec, w, {"kind", "synonyms"})
        if spec["kind"] not in SECTION_KINDS:
            raise w.error(f"unknown kind {spec['kind']!r}")
        kinds.setdefault(name, spec["kind"])
        for syn in str_list(spec["synonyms"], w / "synonyms"):
            names[" ".join(syn.lower().split())] = (name, spec["kind"])
    # Grouped by first letter behind a look-ahead for one: at most positions the pattern
    # fails at once, elsewhere it tries one group (sre factors its common first letter).
    by_first: dict[str, list[str]] = {}
    for syn in sorted(names, key=len, reverse=True):
        by_first.setdefault(syn[0], []).append(phrase_pattern(syn)[2:])
    alts = "|".join("(?:" + "|".join(group) + ")" for group in by_first.values())
    firsts = re.escape("".join(sorted(by_first)))
    # A heading may be boxed in asterisks ("*** ADDENDUM ***") and qualified by a number
    # ("#1", "1"), a bracketed date or note ("(2026-11-10)", "[attending review]") and, on
    # an addendum's own line only, by its author or date ("by Dr. J. Smith on 2026-11-10:",
    # group "by": ``sentences.sections`` keeps it to those); every part is bounded (P6.4).
    header = re.compile(
        rf"(?:^|(?<=[.!?] )|(?<=[.!?]  ))[ \t]*(?:[*=#_-]{{1,5}}[ \t]*)?(?=[{firsts}])"
        rf"(?P<h>{alts})\b(?:[ \t]*\#?[ \t]?\d{{1,2}}\b)?"
        rf"(?:[ \t]*[(\[][^()\[\]\n]{{1,60}}[)\]])?"
        rf"(?P<by>[ \t]+(?:by|per|on|dated|from)\b[^:\n]{{1,80}}?(?=:))?"
        rf"[ \t]*(?:[*=#_-]{{1,5}}[ \t]*)?(?::|(?=[ \t]*$))",
        re.IGNORECASE | re.MULTILINE,
    )
    return header, names, kinds


def _load_cited(spec: Any, where: Where) -> tuple[tuple[re.Pattern[str], ...], dict[str, str]]:
    """The patterns of a study cited as a statement's source (P12.1), ``cited`` of
    ``findings_modalities.json``: sources and signs, studies, current and gone cues."""
    check_keys(spec, where, {"studies", "sources", "signs", "current", "gone", "as", "heading",
                             "now", "then", "density", "mri", "lead", "verbs", "compared", "views",
                             "shows", "occult", "refers", "refers_not", "measured"})
    studies, signs, density = spec["studies"], spec["signs"], spec["density"]
    for key in ("signs", "density"):
        if not set(spec[key]) <= set(studies):
            raise (where / key).error("codes must be those of 'studies'")
    sources = str_list(spec["sources"], where / "sources")
    cited = "|".join(
        f"(?P<{code}>" + "|".join([*(p.replace("{study}", studies[code]) for p in sources),
                                    *([signs[code]] if code in signs else [])]) + ")"
        for code in studies)
    named = "|".join(f"(?P<{code}>\\b(?:{words})\\b)" for code, words in studies.items())
    # a cue holds one: the cheap test first; the study words all open at a word start, so one
    # \b before them spares sre trying each at the other positions
    hint = rf"\b(?:{'|'.join([named, *signs.values(), *density.values()])})"
    heading = "|".join(f"(?P<{code}>" + str(spec["heading"]).replace("{study}", words) + ")"
                       for code, words in studies.items())
    # the words before the study read once, not once per modality
    lead = str(spec["lead"]).replace(
        "{study}", "|".join(f"(?P<{code}>{words})" for code, words in studies.items()))
    dense = "|".join(f"(?P<{code}>{words})" for code, words in density.items())
    return tuple(compile_pattern(p, where) for p in (
        cited, rf"\b(?:{named})", str(spec["current"]), str(spec["gone"]), hint, heading,
        str(spec["now"]), str(spec["then"]), dense, str(spec["mri"]), lead,
        *(str(spec[key]) for key in ("verbs", "compared", "views", "shows", "occult", "refers",
                                     "refers_not", "measured")))), \
        dict(spec["as"])


def _load_modalities() -> tuple[tuple[tuple[str, tuple[re.Pattern[str], ...]], ...],
                                dict[str, str], frozenset[str],
                                tuple[tuple[re.Pattern[str], ...], dict[str, str]]]:
    data, where = load_json("findings_modalities.json")
    check_keys(data, where, {"modalities", "category_codes", "auxiliary", "cited"})
    out = []
    for i, spec in enumerate(_entries(data, "modalities", where)):
        w = where / "modalities" / i
        check_keys(spec, w, {"code"}, {"case_sensitive", "patterns"})
        pats = [compile_pattern(p, w, 0) for p in spec.get("case_sensitive", ())]
        pats += [compile_pattern(p, w) for p in spec.get("patterns", ())]
        out.append((str(spec["code"]), tuple(pats)))
    if not isinstance(data["category_codes"], dict):
        raise (where / "category_codes").error("must be an object")
    return (tuple(out), dict(data["category_codes"]),
            frozenset(str_list(data["auxiliary"], where / "auxiliary")),
            _load_cited(data["cited"], where / "cited"))


def load() -> Lexicon:
    """Load, check and compile every findings data file."""
    terms, any_term, exclusions = _load_terms()
    contexts, context_phrases, differential, diff_phrases, unless = _load_contexts()
    diff_alt = "|".join(phrase_pattern(p) for p in diff_phrases)
    header, names, kinds = _load_sections()
    modalities, category_codes, auxiliary, cited = _load_modalities()
    return Lexicon(
        terms=terms, any_term=any_term, exclusions=exclusions, modifiers=_load_modifiers(),
        contexts=contexts, context_phrases=tuple(context_phrases), differential=differential,
        alt_after=re.compile(
            rf"\s*,?\s*(?:and/or|or)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:{diff_alt})", re.I),
        alt_before=re.compile(
            rf"(?:{diff_alt})\s*,?\s*(?:and/or|or)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$", re.I),
        section_header=header, section_names=names, section_kinds=kinds,
        modalities=modalities, category_codes=category_codes, auxiliary=auxiliary,
        cited=cited[0][0], studies=cited[0][1], current=cited[0][2], gone=cited[0][3],
        cited_as=cited[1], cite_hint=cited[0][4], heading=cited[0][5], now=cited[0][6],
        then=cited[0][7], density=cited[0][8], mri=cited[0][9], lead=cited[0][10],
        verbs=cited[0][11], compared=cited[0][12], views=cited[0][13], shows=cited[0][14],
        occult=cited[0][15], refers=cited[0][16], refers_not=cited[0][17],
        measured=cited[0][18], context_unless=unless,
    )


_LEXICON: Lexicon = load()  # at import: a bad data file fails start-up, not the first call


def lexicon() -> Lexicon:
    """The report-reading vocabulary (loaded at import)."""
    return _LEXICON


def find_contexts(s: str) -> list[tuple[int, int, str]]:
    """The lesion contexts a text names, each with its span: a lesion the text places in the
    skin or subcutaneous tissue ("cutaneous", P13.9) lies superficial to the fascia too
    ("superficial", P4.9), though the matcher gives a span one context; a hit the context's
    'unless' words take back is none ("intramedullary" beside the spinal cord, P16.17)."""
    hits = [(a, b, cid) for a, b, cid in _LEXICON.contexts.find(s) if not any(
        cid == c and hit.search(s, a, b) and sentence.search(s)
        for c, hit, sentence in _LEXICON.context_unless)]
    return hits + [(a, b, "superficial") for a, b, cid in hits if cid == "cutaneous"]


__all__ = ["DataError", "Lexicon", "Modifier", "Term", "find_contexts", "lexicon", "load"]
