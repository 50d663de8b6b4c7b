"""Card content as data: load and check ``cards/*.yaml`` once, render a ``Problem`` into a card.

The loader refuses unknown keys, unknown indicators, unknown suggestion kinds, templates that
name variables the renderer does not provide, rules whose card is missing, and summaries that
render to 140 characters or more. Rendering is a plain function of its inputs: no Flask, no
I/O, no cache (the pipeline keeps what it renders, see ``pipeline/run.py``).
"""

from __future__ import annotations

import copy
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import yaml

from cds_service.core import anatomy as regions_mod
from cds_service.core.orders import DraftOrder
from cds_service.core.rules import RULES, Citation, Problem
from cds_service.errors import CardContentError
from cds_service.hooks.cards import (
    SUMMARY_LIMIT,
    Action,
    Card,
    Coding,
    Indicator,
    Link,
    SelectionBehavior,
    Source,
    Suggestion,
)

INDICATORS = tuple(i.value for i in Indicator)
SUGGESTION_KINDS = ("create-noncontrast-ct", "update-to-without-and-with", "replace-mri-with-ct")
CARD_KEYS = {"id", "indicator", "summary", "guidance", "detail", "suggestions"}
SOURCE_KEYS = {"label", "topic", "guidance_title", "evidence", "footer"}
SUGGESTION_KEYS = {"label", "description", "reason"}
VARIABLES = {
    "report_date", "report_title", "quote", "site", "order", "order_kind", "ct",
    "ct_without_and_with", "uncertain", "citations", "also", "differential", "age",
    "evidence", "footer", "guidance_title", "contrast_unstated", "lesion", "side_note",
    "preliminary", "more_citations",
}
# Bounds on what report and order text puts into a card (a 1 MB report must not make a 3 MB
# card): a quote is one readable sentence, other reports beyond the first few are counted,
# orders beyond the first few are counted, and the detail as a whole has a ceiling.
QUOTE_CHARS = 300
CITATIONS_SHOWN = 3  # other reports listed besides the first; the rest "and N more"
ORDERS_NAMED = 3
DETAIL_CHARS = 6_000
ORDER_KIND_WORDS = {
    "biopsy": "biopsy", "ct-contrast": "contrast CT", "mri": "MRI", "ct-noncontrast": "CT",
    "ct-without-and-with": "CT", "radiography": "radiograph", "ultrasound": "ultrasound",
    "other": "this order",
}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|{}])")
_SPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")
_URL_SCHEME = re.compile(r"\b([A-Za-z][A-Za-z0-9+.\-]{0,19}):/{2}")
_WWW = re.compile(r"\b(www)\.", re.IGNORECASE)
_INVISIBLE = {cp: (None if unicodedata.category(chr(cp)) == "Cf" else " ")
              for cp in (*range(0x20000), *range(0xE0000, 0xE1000))
              if unicodedata.category(chr(cp)) in ("Cf", "Cc")}


@dataclass(frozen=True, slots=True)
class CardTemplate:
    id: str
    indicator: str
    summary_affirmed: jinja2.Template
    summary_possible: jinja2.Template
    guidance: str
    detail: jinja2.Template
    suggestions: tuple[str, ...]


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
    evidence: jinja2.Template
    footer: jinja2.Template
    guidance_title: str
    version: str  # a digest of the card files: content rendered from another version differs


@dataclass(frozen=True, slots=True)
class RenderedCard:
    """A card and what made it: the rule that drives it and every rule merged into it."""

    card: Card
    rule_id: str
    card_id: str
    rules: tuple[str, ...]
    order: str = ""  # the draft order(s) it is about (order_identity), for ordering sessions

    def with_ids(self, new_id: Callable[[], str]) -> RenderedCard:
        """The same content with fresh card and suggestion uuids."""
        return RenderedCard(self.card.with_ids(new_id), self.rule_id, self.card_id, self.rules,
                            self.order)


def order_identity(orders: Iterable[DraftOrder]) -> str:
    """What was ordered, stable across the calls of one ordering session: the order codes,
    else the order text (the ServiceRequest id may change between order-select and -sign)."""
    names = set()
    for o in orders:
        codes = sorted(f"{system}|{code}" for system, code in o.codes)
        names.add(";".join(codes) if codes else " ".join(o.display.lower().split()))
    return " + ".join(sorted(names))


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
    _check_keys(data, CARD_KEYS, where)
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
    return CardTemplate(
        id=data["id"],
        indicator=data["indicator"],
        summary_affirmed=_template(summary["affirmed"], f"{where}: summary.affirmed"),
        summary_possible=_template(summary["possible"], f"{where}: summary.possible"),
        guidance=data["guidance"].strip(),
        detail=_template(data["detail"], f"{where}: detail"),
        suggestions=tuple(suggestions),
    )


def _longest_summary_values() -> dict[str, Any]:
    return {
        "report_date": "2000-12-31", "report_title": "", "quote": "", "site": "",
        "order": "", "order_kind": max(ORDER_KIND_WORDS.values(), key=len), "ct": "",
        "ct_without_and_with": "", "uncertain": True, "citations": [], "also": [],
        "differential": "", "age": 17, "evidence": "", "footer": "", "guidance_title": "",
        "contrast_unstated": False, "lesion": "", "side_note": "", "preliminary": False,
        "more_citations": 0,
    }


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
    for r in RULES:
        if r.id not in cards:
            raise CardContentError(f"rule {r.id} has no card {r.id}.yaml in {root}")
    probe = _longest_summary_values()
    for card in cards.values():
        for variant in (card.summary_affirmed, card.summary_possible):
            text = variant.render(probe)
            if len(text) >= SUMMARY_LIMIT:
                raise CardContentError(f"{card.id}.yaml: summary renders to {len(text)} "
                                       f"characters; the limit is under {SUMMARY_LIMIT}")
    return CardLibrary(
        cards=cards, suggestions=suggestions, override_reasons=tuple(reasons),
        source=Source(label=str(source["label"]), topic=Coding(
            system=str(topic["system"]), code=str(topic["code"]), display=str(topic["display"]))),
        evidence=_template(source["evidence"], "_source.yaml: evidence"),
        footer=_template(source["footer"], "_source.yaml: footer"),
        guidance_title=str(source["guidance_title"]),
        version=_files_digest(root),
    )


def _files_digest(root: Path) -> str:
    """A digest of every card file's name and bytes (keys the pipeline's card cache)."""
    h = hashlib.blake2b(digest_size=12)
    for path in sorted(root.glob("*.yaml")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def md_quote(text: str) -> str:
    """Make report text safe inside markdown: one line, markdown syntax escaped.

    Format and control characters (bidi overrides, zero-width) are removed, so a quote shows
    what it says; bare URLs are neutralised (``https[:]//``, ``www[.]``) so no quote becomes
    a link a clinician could follow.
    """
    text = _URL_SCHEME.sub(r"\1[:]//", _WWW.sub(r"\1[.]", text.translate(_INVISIBLE)))
    return _MD_SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text).strip())


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a space when one is near, with "…"."""
    text = " ".join(text.split()) if len(text) <= 4 * limit else " ".join(text[:4 * limit].split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ", limit // 2)
    return (head[:space] if space > 0 else head).rstrip(" ,;:") + "…"


def quote(text: str) -> str:
    """A report sentence as a card quotes it: cut to ``QUOTE_CHARS``, then ``md_quote``."""
    return md_quote(_cut(text, QUOTE_CHARS))


def _orders_named(problem: Problem) -> str:
    names = [o.display or "this order" for o in problem.orders[:ORDERS_NAMED]]
    more = len(problem.orders) - len(names)
    text = " and ".join(_cut(n, 120) for n in names)
    return md_quote(text + (f" and {more} more orders" if more else ""))


def _cut_detail(detail: str) -> str:
    """The detail within ``DETAIL_CHARS`` (cut at a line end; the wording bounds it already
    unless something upstream grew, so this is the last guard, not the usual path)."""
    if len(detail) <= DETAIL_CHARS:
        return detail
    head = detail[:DETAIL_CHARS - 2]
    line = head.rfind("\n")
    return (head[:line] if line > DETAIL_CHARS // 2 else head).rstrip() + "\n…"


def _citation_view(c: Citation) -> dict[str, str]:
    return {"date": (c.report.date or "undated")[:10],
            "title": md_quote(_cut(c.report.title or "MRI", 120)),
            "quote": quote(c.mention.sentence)}


def _service_request(
    order_resource: dict[str, Any], patient_id: str, cpt: str, display: str, reason: str,
    problem: Problem | None = None,
) -> dict[str, Any]:
    intent = order_resource.get("intent")
    lead = problem.lead if problem is not None else None
    # laterality belongs on extremity orders (an EHR may require it there), not on a trunk CT
    side = (lead.side if lead is not None and lead.side in ("left", "right")
            and lead.ct_region in ("upper-extremity", "lower-extremity") else None)
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "status": "draft",
        "intent": intent if isinstance(intent, str) and intent else "order",
        "code": {"coding": [{"system": regions_mod.CPT_SYSTEM, "code": cpt, "display": display}],
                 "text": f"{display}, {side}" if side else display},
        "subject": {"reference": f"Patient/{patient_id}"},
        "reasonCode": [{"text": reason}],
    }
    body_site = regions_mod.body_site(lead.site, lead.side) if lead is not None else None
    if body_site is not None:
        # an EHR that requires laterality on extremity orders can accept it (issue 10)
        resource["bodySite"] = [body_site]
    for key in ("encounter", "requester"):
        if isinstance(order_resource.get(key), dict):
            resource[key] = copy.deepcopy(order_resource[key])
    return resource


# Extensions whose meaning is bound to the order's code: an appropriateness rating (Argonaut
# "CDS Hooks for PAMA": pama-rating, -qcdsm-consulted, -consult-id, -auc-applied) was given
# for the procedure ordered, so it does not carry over to the procedure we change it to. We
# never add one: this service evaluates no appropriate use criteria.
CODE_BOUND_EXTENSION_PREFIX = "http://fhir.org/argonaut/Extension/pama-rating"


def _drop_code_bound_extensions(resource: dict[str, Any]) -> None:
    extensions = resource.get("extension")
    if not isinstance(extensions, list):
        return
    kept = [e for e in extensions if not (
        isinstance(e, dict) and isinstance(e.get("url"), str)
        and e["url"].startswith(CODE_BOUND_EXTENSION_PREFIX))]
    if kept:
        resource["extension"] = kept
    else:
        del resource["extension"]


def _suggestion(
    kind: str, lib: CardLibrary, values: dict[str, Any], problem: Problem, patient_id: str,
) -> tuple[str, tuple[Action, ...]] | None:
    region = regions_mod.all_regions().get(problem.lead.ct_region or "")
    if region is None:
        return None
    tmpl = lib.suggestions[kind]
    actions: list[Action] = []
    reason = tmpl.reason.render(values)
    if kind == "create-noncontrast-ct":
        base = problem.orders[0].resource
        actions.append(Action("create", tmpl.description.render(values),
                              resource=_service_request(base, patient_id, region.noncontrast.cpt,
                                                        region.noncontrast.display, reason,
                                                        problem)))
    elif kind == "update-to-without-and-with":
        targets = [o for o in problem.orders if o.kind == "ct-contrast" and o.resource.get("id")]
        for o in targets:
            updated = copy.deepcopy(o.resource)
            target_region = regions_mod.all_regions().get(o.region or "") or region
            code = target_region.without_and_with
            if code is None:  # no single without-and-with code (cardiac): the create suggestion
                continue
            updated["code"] = {"coding": [{"system": regions_mod.CPT_SYSTEM, "code": code.cpt,
                                           "display": code.display}], "text": code.display}
            updated["status"] = "draft"
            _drop_code_bound_extensions(updated)
            actions.append(Action("update", tmpl.description.render(values), resource=updated))
    elif kind == "replace-mri-with-ct":
        targets = [o for o in problem.orders if o.kind == "mri" and o.resource.get("id")]
        if targets:
            for o in targets:
                actions.append(Action("delete", tmpl.description.render(values),
                                      resource_id=f"ServiceRequest/{o.resource['id']}"))
            actions.append(Action("create", tmpl.description.render(values),
                                  resource=_service_request(targets[0].resource, patient_id,
                                                            region.noncontrast.cpt,
                                                            region.noncontrast.display, reason,
                                                            problem)))
    if not actions:
        return None
    return tmpl.label.render(values), tuple(actions)


def render(
    problem: Problem,
    lib: CardLibrary,
    *,
    patient_id: str,
    fhir_server: str | None = None,
    age: int | None = None,
) -> RenderedCard:
    """Turn one clinical problem into a CDS Hooks 2.0 card (content only: the card and its
    suggestions get their uuids from ``RenderedCard.with_ids`` on each answer)."""
    lead = problem.lead
    tmpl = lib.cards[lead.card_id]
    first = lead.citations[0]
    region = regions_mod.all_regions().get(lead.ct_region or "")
    contrast_order = next((o for o in problem.orders if o.kind == "ct-contrast"), None)
    wo_w_region = (regions_mod.all_regions().get(contrast_order.region or "") or region
                   if contrast_order else None)
    values: dict[str, Any] = {
        "report_date": (first.report.date or "undated")[:10],
        "report_title": md_quote(_cut(first.report.title or "MRI", 120)),
        "quote": quote(first.mention.sentence),
        "site": (first.mention.site or "").replace("-", " "),
        "order": _orders_named(problem),
        "order_kind": ORDER_KIND_WORDS.get(problem.orders[0].kind, "this order"),
        "ct": region.noncontrast.display if region else "",
        "ct_without_and_with": (wo_w_region.without_and_with.display
                                if wo_w_region and wo_w_region.without_and_with else ""),
        "uncertain": lead.certainty == "possible",
        "citations": [_citation_view(c) for c in lead.citations[:1 + CITATIONS_SHOWN]],
        "more_citations": max(0, len(lead.citations) - 1 - CITATIONS_SHOWN),
        "also": [lib.cards[d.card_id].guidance for d in problem.also],
        "differential": ", ".join(d.replace("-", " ") for d in first.mention.differential),
        "age": age,
        "guidance_title": lib.guidance_title,
        "contrast_unstated": any(o.kind == "ct-contrast" and not o.contrast_stated
                                 for o in problem.orders),
        "lesion": _lesion(first, lead.side),
        "side_note": _side_note(first, problem) if lead.side_unknown else "",
        "preliminary": first.report.preliminary,
    }
    values["evidence"] = lib.evidence.render(values)
    values["footer"] = lib.footer.render(values)
    summary_tmpl = tmpl.summary_possible if values["uncertain"] else tmpl.summary_affirmed
    summary = summary_tmpl.render(values)
    if len(summary) >= SUMMARY_LIMIT:
        summary = summary[: SUMMARY_LIMIT - 2].rsplit(" ", 1)[0] + "…"
    made = [s for kind in tmpl.suggestions
            if (s := _suggestion(kind, lib, values, problem, patient_id)) is not None]
    suggestions = tuple(Suggestion(label, actions, is_recommended=i == 0)
                        for i, (label, actions) in enumerate(made))
    card = Card(
        summary=summary,
        indicator=Indicator(tmpl.indicator),
        detail=_cut_detail(_BLANK_LINES.sub("\n\n", tmpl.detail.render(values)).strip()),
        source=lib.source,
        override_reasons=lib.override_reasons,
        suggestions=suggestions,
        selection_behavior=SelectionBehavior.AT_MOST_ONE if suggestions else None,
        links=_links(lead.citations, fhir_server),
    )
    return RenderedCard(card=card, rule_id=lead.rule_id, card_id=lead.card_id,
                        rules=(lead.rule_id, *(d.rule_id for d in problem.also)),
                        order=order_identity(problem.orders))


def _lesion(c: Citation, side: str | None) -> str:
    """Which structure: "right thigh mass (60 mm)", "left inguinal lymph node"…"""
    m = c.mention
    noun = {"node": "lymph node", "joint": "joint", "tendon": "tendon", "heart": "",
            "vessel": "", "organ": ""}.get(m.kind, m.lesion or "mass")
    side = m.side or None
    words = [w for w in (side, (m.site or "").replace("-", " "), noun) if w]
    size = f" ({m.size_mm} mm)" if m.size_mm else ""
    return md_quote(" ".join(words) + size) if words else ""


def _side_note(c: Citation, problem: Problem) -> str:
    """One line when a side is unknown on one side of the match (P4.3)."""
    where = (c.mention.site or "").replace("-", " ")
    if c.mention.side and not problem.lead.order.side:
        return f"The order does not state a side; the calcified structure is in the " \
               f"{c.mention.side} {where}."
    return f"The report does not state the side; the order is for the " \
           f"{problem.lead.order.side} {where}."


def _links(citations: tuple[Citation, ...], fhir_server: str | None) -> tuple[Link, ...]:
    if not fhir_server:
        return ()
    out = []
    seen = set()
    for c in citations:
        ref = c.report.reference
        if ref in seen or not ref.startswith("DiagnosticReport/") or ref.endswith("/"):
            continue
        seen.add(ref)
        out.append(Link(label=f"Open MRI report of {(c.report.date or 'undated')[:10]}",
                        url=f"{fhir_server.rstrip('/')}/{ref}"))
        if len(out) == 3:
            break
    return tuple(out)
