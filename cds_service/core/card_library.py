"""Card content as data: ``cards/*.yaml`` loaded and checked once, at start-up.

The loader refuses unknown keys, unknown indicators, unknown suggestion kinds, templates that
name variables the renderer does not provide, rules whose card is missing, and summaries that
render to 140 characters or more. Rendering is ``core/cards.py``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import yaml

from cds_service.core.rules import RULES
from cds_service.core.terminology import PURPOSES
from cds_service.errors import CardContentError
from cds_service.hooks.cards import SUMMARY_LIMIT, Coding, Indicator, Source

INDICATORS = tuple(i.value for i in Indicator)
SUGGESTION_KINDS = ("create-noncontrast-ct", "update-to-without-and-with", "update-to-noncontrast",
                    "replace-mri-with-ct",
                    "create-radiograph", "create-ultrasound", "create-mammogram",
                    "create-skin-ultrasound")
CARD_KEYS = {"id", "indicator", "summary", "guidance", "detail", "suggestions", "states",
             "question", "override_reasons"}
SOURCE_KEYS = {"label", "topic", "guidance_title", "modalities", "parts", "places", "shown",
               "evidence", "footer", "midline", "dose"}
SUGGESTION_KEYS = {"label", "description", "reason"}
VARIABLES = {
    "report_date", "report_title", "quote", "site", "order", "order_kind", "ct",
    "ct_without_and_with", "uncertain", "citations", "also", "differential", "age",
    "evidence", "footer", "guidance_title", "contrast_unstated", "lesion", "side_note",
    "preliminary", "more_citations", "shown", "modality", "cited", "section", "named_lesion",
    "radiograph", "radiographs", "order_kinds", "kind", "ultrasound", "asked", "mesorectal",
    "mammogram", "skin", "unreported", "noncontrast_part", "treated", "newer_date", "newer_noun",
    "later_title", "later_date", "later_modality",
    "earlier_title", "earlier_date", "earlier_modality", "earlier_said", "earlier_in",  # P11.97
    "lymphoma", "granulomatous", "context_treated", "context_cause",  # a node's context (P11.92)
    "other_cause", "child", "dose", "dose_kind",
    "cited_date",  # a cited study's own date (P20.5)
}

ORDER_KIND_WORDS = {
    "biopsy": "biopsy", "surgery": "surgery", "ct-contrast": "contrast CT", "mri": "MRI",
    "ct-noncontrast": "CT",
    "ct-without-and-with": "CT", "radiography": "radiograph", "ultrasound": "ultrasound",
    "other": "this order",
}


@dataclass(frozen=True, slots=True)
class CardTemplate:
    id: str
    indicator: str
    summary_affirmed: jinja2.Template
    summary_possible: jinja2.Template
    guidance: str
    detail: jinja2.Template
    suggestions: tuple[str, ...]
    states: frozenset[str] = frozenset()  # rules whose consequence the card states: not listed
    # the order purpose that asks the card's question, by the structure it asks about ("": any
    # structure; else a site id or a part the card names, P11.13), and the indicator when no
    # order it concerns asks it (P4.4: an MRI ordered for instability does not ask the crystal
    # question; a cardiac MRI for thrombus follow-up does not ask about a calcified infarct)
    question: dict[str, str] | None = None
    otherwise: str | None = None
    # the card's own words for an override reason of ``_override_reasons.yaml``, by its code
    # ("Radiographs or CT already done" where the card recommends radiographs)
    override_displays: dict[str, jinja2.Template] = field(default_factory=dict)

    def asking(self, subjects: tuple[str, ...]) -> frozenset[str]:
        """The purposes that ask this card's question about a structure known by ``subjects``
        (its site, its part); none when the card asks nothing of its structure."""
        return frozenset(p for s, p in (self.question or {}).items() if s in ("", *subjects))


@dataclass(frozen=True, slots=True)
class SuggestionTemplate:
    label: jinja2.Template
    description: jinja2.Template
    reason: jinja2.Template


@dataclass(frozen=True, slots=True)
class CardLibrary:
    cards: dict[str, CardTemplate]
    suggestions: dict[str, SuggestionTemplate]
    override_reasons: tuple[Coding, ...]
    source: Source
    modalities: dict[str, str]  # how a card names each modality (P20.1)
    # per kind of structure, the part the lesion line names, by the words that name it (P11.6)
    parts: dict[str, dict[str, re.Pattern[str]]]
    places: dict[str, str]  # a place as the report words it -> as the lesion line does (P11.6)
    midline: re.Pattern[str]  # a midline compartment's words: no side note on its order (P11.6)
    shown: jinja2.Template
    evidence: jinja2.Template
    footer: jinja2.Template
    dose: jinja2.Template  # a child's one ALARA sentence on a card adding a CT (P11.103)
    guidance_title: str
    version: str  # a digest of the card files: content rendered from another version differs


_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,  # noqa: S701 - markdown, not HTML
                          keep_trailing_newline=False, trim_blocks=False)


def _template(source: Any, where: str) -> jinja2.Template:
    if not isinstance(source, str) or not source.strip():
        raise CardContentError(f"{where}: must be a non-empty string")
    try:
        parsed = _ENV.parse(source)
    except jinja2.TemplateSyntaxError as exc:
        raise CardContentError(f"{where}: template error: {exc.message}") from exc
    unknown = jinja2.meta.find_undeclared_variables(parsed) - VARIABLES
    if unknown:
        raise CardContentError(f"{where}: unknown variables {sorted(unknown)}; "
                               f"allowed: {sorted(VARIABLES)}")
    return _ENV.from_string(source)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CardContentError(f"{path.name}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise CardContentError(f"{path.name}: must be a mapping")
    return data


def _check_keys(data: dict[str, Any], allowed: set[str], where: str,
                required: set[str] | None = None) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise CardContentError(
            f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(allowed)}")
    missing = (required if required is not None else allowed) - set(data)
    if missing:
        raise CardContentError(f"{where}: missing keys {sorted(missing)}")


def _load_card(path: Path) -> CardTemplate:
    data = _read_yaml(path)
    where = path.name
    _check_keys(data, CARD_KEYS, where, CARD_KEYS - {"states", "question", "override_reasons"})
    if data["id"] != path.stem:
        raise CardContentError(f"{where}: id {data['id']!r} must match the file name")
    if data["indicator"] not in INDICATORS:
        raise CardContentError(f"{where}: indicator must be one of {INDICATORS}")
    summary = data["summary"]
    if not isinstance(summary, dict):
        raise CardContentError(f"{where}: summary must map affirmed/possible to text")
    _check_keys(summary, {"affirmed", "possible"}, f"{where}: summary")
    suggestions = data["suggestions"]
    if not isinstance(suggestions, list) or not suggestions:
        raise CardContentError(f"{where}: suggestions must be a non-empty list")
    for kind in suggestions:
        if kind not in SUGGESTION_KINDS:
            raise CardContentError(f"{where}: unknown suggestion {kind!r}; "
                                   f"allowed: {list(SUGGESTION_KINDS)}")
    if not isinstance(data["guidance"], str) or not data["guidance"].strip():
        raise CardContentError(f"{where}: guidance must be the statement the card cites")
    question = data.get("question", {"purpose": None, "otherwise": None})
    # a purpose, or a map from the structure asked about (site id or part) to its purpose
    purpose = question.get("purpose") if isinstance(question, dict) else None
    by_subject: dict[str, Any] = purpose if isinstance(purpose, dict) else {"": purpose}
    if not isinstance(question, dict) or set(question) != {"purpose", "otherwise"} or (
            "question" in data and (not by_subject or not set(by_subject.values()) <= PURPOSES
                                    or not all(isinstance(k, str) for k in by_subject)
                                    or question["otherwise"] not in INDICATORS)):
        raise CardContentError(f"{where}: question must map purpose (one of {sorted(PURPOSES)}, "
                               f"or a map from structure to one) and otherwise (one of "
                               f"{INDICATORS})")
    return CardTemplate(
        id=data["id"],
        indicator=data["indicator"],
        summary_affirmed=_template(summary["affirmed"], f"{where}: summary.affirmed"),
        summary_possible=_template(summary["possible"], f"{where}: summary.possible"),
        guidance=data["guidance"].strip(),
        detail=_template(data["detail"], f"{where}: detail"),
        suggestions=tuple(suggestions),
        states=_rule_ids(data.get("states", []), where),
        question=by_subject if "question" in data else None, otherwise=question["otherwise"],
        override_displays=_override_displays(data.get("override_reasons", {}), where),
    )


def _override_displays(raw: Any, where: str) -> dict[str, jinja2.Template]:
    if not isinstance(raw, dict) or not all(isinstance(k, str) for k in raw):
        raise CardContentError(f"{where}: override_reasons must map a reason code to its words")
    return {k: _template(v, f"{where}: override_reasons.{k}") for k, v in raw.items()}


def _rule_ids(raw: Any, where: str) -> frozenset[str]:
    if not isinstance(raw, list) or not set(raw) <= {r.id for r in RULES}:
        raise CardContentError(f"{where}: states must be a list of rule ids")
    return frozenset(raw)


def _longest_summary_values() -> list[dict[str, Any]]:
    """What makes a summary longest: the longest order kind and modality, a cited finding; with
    an order asking the card's question or not, for each kind of structure (P1.2)."""
    longest = {v: "" for v in VARIABLES} | {
        "report_date": "2000-12-31", "age": 17, "child": "infant (11 months)",
        "shown": "nuclear medicine study (cited in MRI 2000-12-31)",
        "order_kind": max(ORDER_KIND_WORDS.values(), key=len)}
    return [longest | {"asked": asked, "kind": kind} for asked in (True, False)
            for kind in ("mass", "node", "bone", "joint", "tendon", "heart", "vessel", "organ")]


def load_library(cards_dir: str | Path) -> CardLibrary:
    """Load every card in ``cards_dir``; raise ``CardContentError`` on the first problem."""
    root = Path(cards_dir)
    if not root.is_dir():
        raise CardContentError(f"cards directory not found: {root}")
    source = _read_yaml(root / "_source.yaml")
    _check_keys(source, SOURCE_KEYS, "_source.yaml")
    topic = source["topic"]
    if not isinstance(topic, dict) or not {"system", "code", "display"} <= set(topic):
        raise CardContentError("_source.yaml: topic needs system, code and display")

    raw_reasons = _read_yaml(root / "_override_reasons.yaml")
    _check_keys(raw_reasons, {"system", "reasons"}, "_override_reasons.yaml")
    reasons = []
    for i, r in enumerate(raw_reasons["reasons"]):
        if not isinstance(r, dict):
            raise CardContentError(f"_override_reasons.yaml: reasons[{i}] must be a mapping")
        _check_keys(r, {"code", "display"}, f"_override_reasons.yaml: reasons[{i}]")
        reasons.append(Coding(system=str(raw_reasons["system"]), code=str(r["code"]),
                              display=str(r["display"])))

    raw_suggestions = _read_yaml(root / "_suggestions.yaml")
    if set(raw_suggestions) != set(SUGGESTION_KINDS):
        raise CardContentError(f"_suggestions.yaml: must define exactly {list(SUGGESTION_KINDS)}")
    suggestions = {}
    for kind, spec in raw_suggestions.items():
        where = f"_suggestions.yaml: {kind}"
        if not isinstance(spec, dict):
            raise CardContentError(f"{where}: must be a mapping")
        _check_keys(spec, SUGGESTION_KEYS, where)
        suggestions[kind] = SuggestionTemplate(*(
            _template(spec[k], f"{where}.{k}") for k in ("label", "description", "reason")))

    cards = {}
    for path in sorted(root.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        card = _load_card(path)
        cards[card.id] = card
    codes = {r.code for r in reasons}
    for card in cards.values():
        if set(card.override_displays) - codes:
            raise CardContentError(f"{card.id}.yaml: override_reasons names unknown codes "
                                   f"{sorted(set(card.override_displays) - codes)}")
    for r in RULES:
        if r.id not in cards:
            raise CardContentError(f"rule {r.id} has no card {r.id}.yaml in {root}")
    for card in cards.values():
        for variant, probe in ((v, p) for v in (card.summary_affirmed, card.summary_possible)
                               for p in _longest_summary_values()):
            text = variant.render(probe)
            if len(text) >= SUMMARY_LIMIT:
                raise CardContentError(f"{card.id}.yaml: summary renders to {len(text)} "
                                       f"characters; the limit is under {SUMMARY_LIMIT}")
    return CardLibrary(
        cards=cards, suggestions=suggestions, override_reasons=tuple(reasons),
        source=Source(label=str(source["label"]), topic=Coding(
            system=str(topic["system"]), code=str(topic["code"]), display=str(topic["display"]))),
        modalities=_modalities(source["modalities"]),
        parts=_parts(source["parts"]),
        places=_places(source["places"]),
        midline=_words(source["midline"], "midline"),
        shown=_template(source["shown"], "_source.yaml: shown"),
        evidence=_template(source["evidence"], "_source.yaml: evidence"),
        footer=_template(source["footer"], "_source.yaml: footer"),
        dose=_template(source["dose"], "_source.yaml: dose"),
        guidance_title=str(source["guidance_title"]),
        version=_files_digest(root),
    )


def _parts(raw: Any) -> dict[str, dict[str, re.Pattern[str]]]:
    if not isinstance(raw, dict) or not all(isinstance(v, dict) and all(
            isinstance(w, list) and w and all(isinstance(x, str) for x in w) for w in v.values())
            for v in raw.values()):
        raise CardContentError("_source.yaml: parts must map a kind to part names and words")
    return {str(kind): {str(name): re.compile(r"\b(?:" + "|".join(map(re.escape, words))
                                              + r")\b", re.I) for name, words in named.items()}
            for kind, named in raw.items()}


def _words(raw: Any, key: str) -> re.Pattern[str]:
    if not isinstance(raw, list) or not raw or not all(isinstance(w, str) and w for w in raw):
        raise CardContentError(f"_source.yaml: {key} must be a list of words")
    return re.compile(r"\b(?:" + "|".join(map(re.escape, raw)) + r")\b", re.I)


def _places(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise CardContentError("_source.yaml: places must map report words to card words")
    return {str(k).lower(): v for k, v in raw.items()}


def _modalities(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or "MR" not in raw or not all(
            isinstance(v, str) and v.strip() for v in raw.values()):
        raise CardContentError("_source.yaml: modalities must name MR and each modality")
    return {str(k): v for k, v in raw.items()}


def _files_digest(root: Path) -> str:
    """A digest of every card file's name and bytes (keys the pipeline's card cache)."""
    h = hashlib.blake2b(digest_size=12)
    for path in sorted(root.glob("*.yaml")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()
