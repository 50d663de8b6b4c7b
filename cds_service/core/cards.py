"""Render a ``Problem`` into a card from the card content (``core/card_library.py``).

Rendering is a plain function of its inputs (``new_id`` gives the uuids): no Flask, no I/O,
no cache. A card leaves here finished: its uuids, its links, the guidance URL.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from cds_service.core import anatomy as regions_mod
from cds_service.core import matching
from cds_service.core.anatomy import CtCode
from cds_service.core.card_library import ORDER_KIND_WORDS, CardLibrary
from cds_service.core.card_names import side_note, subjects
from cds_service.core.card_newer import newer_said, resized
from cds_service.core.card_sizes import lesion_name
from cds_service.core.card_treated import cause_said, treatment_said
from cds_service.core.evidence import skin_ultrasound
from cds_service.core.order_change import as_changed, limb_side, mri_kept
from cds_service.core.order_text import protocol_kept
from cds_service.core.orders import DraftOrder
from cds_service.core.reading import modality_from_text
from cds_service.core.rules import MRI, Citation, Decision, Problem, adequate, family
from cds_service.core.terminology import CODES
from cds_service.hooks.cards import (
    SUMMARY_LIMIT,
    Action,
    ActionType,
    Card,
    Indicator,
    Link,
    SelectionBehavior,
    Suggestion,
)

# Bounds on what report and order text puts into a card (a 1 MB report must not make a 3 MB
# card): a quote is one readable sentence, other reports beyond the first few are counted,
# orders beyond the first few are counted, and the detail as a whole has a ceiling.
QUOTE_CHARS = 300
CITATIONS_SHOWN = 3  # other statements listed besides the first; the rest "and N more"
ORDERS_NAMED = 3
DETAIL_CHARS = 6_000
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|{}])")
_SPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")
_URL_SCHEME = re.compile(r"\b([A-Za-z][A-Za-z0-9+.\-]{0,19}):/{2}")
_WWW = re.compile(r"\b(www)\.", re.IGNORECASE)
# GitHub-flavoured Markdown also links e-mail addresses and mailto:/xmpp: (no "//")
_MAIL_SCHEME = re.compile(r"\b(mailto|xmpp):", re.IGNORECASE)
_EMAIL_AT = re.compile(r"(?<=[A-Za-z0-9._+-])@(?=[A-Za-z0-9_-])")
_INVISIBLE = {cp: (None if unicodedata.category(chr(cp)) == "Cf" else " ")
              for cp in (*range(0x20000), *range(0xE0000, 0xE1000))
              if unicodedata.category(chr(cp)) in ("Cf", "Cc")}


@dataclass(frozen=True, slots=True)
class RenderedCard:
    """A card and what made it: the rule that drives it and every rule merged into it."""

    card: Card
    rule_id: str
    card_id: str
    rules: tuple[str, ...]
    order: str = ""  # the draft order(s) it is about (order_identity), for ordering sessions


def order_identity(orders: Iterable[DraftOrder]) -> str:
    """What was ordered, stable across the calls of one ordering session: the order codes,
    else the order text (the ServiceRequest id may change between order-select and -sign)."""
    names = set()
    for o in orders:
        codes = sorted(f"{system}|{code}" for system, code in o.codes)
        names.add(";".join(codes) if codes else " ".join(o.display.lower().split()))
    return " + ".join(sorted(names))


def md_quote(text: str) -> str:
    """Make report text safe inside markdown: one line, markdown syntax escaped.

    Format and control characters (bidi overrides, zero-width) are removed, so a quote shows
    what it says; bare URLs and what GitHub-flavoured Markdown links besides them are
    neutralised (``https[:]//``, ``www[.]``, ``mailto[:]``, ``xmpp[:]``, ``name[@]host``) so
    no quote becomes a link a clinician could follow.
    """
    text = _WWW.sub(r"\1[.]", text.translate(_INVISIBLE))
    text = _EMAIL_AT.sub("[@]", _MAIL_SCHEME.sub(r"\1[:]", _URL_SCHEME.sub(r"\1[:]//", text)))
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


def _title(c: Citation, lib: CardLibrary) -> str:
    """The report's title, naming its modality ("MRI pelvis", not "Pelvis", P20.1)."""
    title = c.report.title
    if modality_from_text(title) != c.report.modality:
        title = f"{lib.modalities.get(c.report.modality or MRI, '')} {title}".strip()
    return md_quote(_cut(title or lib.modalities[MRI], 120))


def _others(cites: tuple[Citation, ...], lib: CardLibrary) -> tuple[list[dict[str, Any]], int]:
    """The statements besides the first, each sentence of a report once (Findings and
    Impression may both state it: "this report, Impression"): the first few, and how many more."""
    seen = {(cites[0].report.reference, cites[0].mention.sentence)}
    shown: list[dict[str, Any]] = []
    for c in cites[1:]:
        if (c.report.reference, c.mention.sentence) in seen:
            continue
        seen.add((c.report.reference, c.mention.sentence))
        if len(shown) < CITATIONS_SHOWN:
            shown.append({"date": (c.report.date or "undated")[:10], "title": _title(c, lib),
                          "section": (c.mention.section or "").capitalize(),
                          "same": c.report is cites[0].report, "quote": quote(c.mention.sentence)})
    return shown, len(seen) - 1 - len(shown)


def _service_request(base: dict[str, Any], patient_id: str, code: CtCode, reason: str,
                     lead: Decision, text: str | None = None) -> dict[str, Any]:
    """A draft order for the suggested CT, keeping the intent, encounter and requester of its
    order; laterality on a limb order, where an EHR may require it (issue 10), not a trunk CT."""
    intent = base.get("intent")
    side = limb_side(lead)
    named = _part_named(code.display, lead)
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest", "status": "draft",
        "intent": intent if isinstance(intent, str) and intent else "order",
        "code": {"coding": [{"system": regions_mod.CPT_SYSTEM, "code": code.cpt,
                             "display": code.display}],
                 "text": text or (f"{named}, {side}" if side else named)},
        "subject": {"reference": f"Patient/{patient_id}"}, "reasonCode": [{"text": reason}]}
    body_site = regions_mod.body_site(lead.site, lead.side)
    if body_site is not None:
        resource["bodySite"] = [body_site]
    return resource | {k: copy.deepcopy(base[k]) for k in ("encounter", "requester")
                       if isinstance(base.get(k), dict)}


_TAIL = " without and with contrast"
_PHASES = (_TAIL, " without contrast", " with contrast")
_CALCIUM = " with coronary calcium quantification"  # 75571's name, for the coronary arteries


def _part_named(display: str, lead: Decision) -> str:
    """The part a code family names that the structure is: "CT orbits without contrast", not
    "CT orbit, sella or temporal bone without contrast" (P11.15a)."""
    region = regions_mod.all_regions().get(lead.ct_region or "")
    part = next((name for sid, name in region.parts if regions_mod.is_a(lead.site, sid)),
                None) if region is not None and lead.site else None
    phase = next((p for p in _PHASES if display.endswith(p)), None)
    if part and phase and display.startswith("CT ") and ";" not in display:
        return f"CT {part}{phase}"
    if display.endswith(_CALCIUM) and not regions_mod.is_a(lead.site, "coronary-arteries"):
        return display.removesuffix(_CALCIUM)  # a CCTA's noncontrast images of the pericardium
        # or a thrombus, named as what is asked, not a calcium score (P11.2; review round 5)
    return display


def _sided(display: str, lead: Decision) -> str:
    """A suggested study with its limb's side ("CT right lower extremity without contrast"),
    named for the structure's part of a code family (P11.15a)."""
    display = _part_named(display, lead)
    if not (side := limb_side(lead)) or not display:
        return display
    return f"CT {side} {display[3:]}" if display.startswith("CT ") else f"{side} {display}"


def _suggestion(
    kind: str, lib: CardLibrary, values: dict[str, Any], problem: Problem, patient_id: str,
    ultrasound: CtCode | None,
) -> tuple[str, tuple[Action, ...]] | None:
    region = regions_mod.all_regions().get(problem.lead.ct_region or "")
    tmpl = lib.suggestions[kind]
    text, reason = tmpl.description.render(values), tmpl.reason.render(values)
    if kind == "create-noncontrast-ct" and values["mammogram"]:  # breast: mammography (P13.6)
        kind, tmpl = "create-mammogram", lib.suggestions["create-mammogram"]
        text, reason = tmpl.description.render(values), tmpl.reason.render(values)
    if kind in ("create-radiograph", "create-ultrasound", "create-mammogram"):  # P16.2, P18.4
        other = _radiograph(problem.lead) if kind == "create-radiograph" else ultrasound \
            if kind == "create-ultrasound" else _mammogram(problem.lead)
        return None if other is None else (tmpl.label.render(values), (Action(
            ActionType.CREATE, text, resource=_service_request(
                problem.orders[0].resource, patient_id, other, reason, problem.lead,
                values["ultrasound"].capitalize() if kind == "create-ultrasound" else
                values["mammogram"].capitalize() if kind == "create-mammogram" else None)),))
    if region is None:
        return None

    def create(base: dict[str, Any]) -> Action:
        return Action(ActionType.CREATE, text, resource=_service_request(
            base, patient_id, region.noncontrast, reason, problem.lead))

    actions: list[Action] = []
    if kind == "create-noncontrast-ct":
        actions.append(create(problem.orders[0].resource))
    elif kind.startswith("update-to-"):
        # a CT of unstated contrast becomes noncontrast where the card offers it (P11.15)
        plain, offered = kind == "update-to-noncontrast", "update-to-noncontrast" in lib.cards[
            problem.lead.card_id].suggestions
        asking = lib.cards[problem.lead.card_id].asking(subjects(problem.lead.citations[0], lib))
        for o in (o for o in problem.orders if not offered or plain != _contrast_kept(o, asking)):
            codes: list[CtCode | None] = [region.noncontrast] if plain else _without_and_with(
                o, problem.lead.citations[0].field) or [region.without_and_with]
            if not _changeable(o) or not o.resource.get("id") or None in codes or not codes:
                continue  # no single without-and-with code (cardiac): the create suggestion
            updated = copy.deepcopy(o.resource) | {"status": "draft", "code": {"coding": [{
                "system": regions_mod.CPT_SYSTEM, "code": c.cpt, "display": c.display}
                for c in codes if c], "text": protocol_kept(o, _joined(codes))}}
            as_changed(updated, problem.lead)
            own = tmpl.description.render(values | {"order": md_quote(_cut(o.display, 120)),
                                                    "contrast_unstated": not o.contrast_stated})
            actions.append(Action(ActionType.UPDATE, own, resource=updated))  # this order only
    elif kind == "replace-mri-with-ct" and values["asked"] and not values["mammogram"]:
        # not an MRI asking another question, nor a contrast MRI of a mass (P4.4, P11.44,
        # P17.17); no chest CT for the breast (P13.6)
        of = problem.lead.citations[0].mention.kind
        targets = [o for o in problem.orders if o.kind == "mri" and o.resource.get("id")
                   and not mri_kept(o, of)]
        actions += [Action(ActionType.DELETE, text,
                           resource_id=f"ServiceRequest/{o.resource['id']}") for o in targets]
        actions += [create(t.resource) for t in targets[:1]]
    return (tmpl.label.render(values), tuple(actions)) if actions else None


# What an order's IV contrast answers beside the noncontrast CT: "vascularity and tumor margins"
# (refs 4, 6), a node's or a cancer's staging, a vessel, an infection or synovitis (P13.14).
CONTRAST_QUESTIONS = frozenset({"mass", "staging", "lymph-node", "vascular", "contrast-question"})


def _contrast_kept(order: DraftOrder, asking: frozenset[str]) -> bool:
    """Whether a change keeps the order's contrast (to without-and-with): it states contrast and
    does not ask only the card's question, which the noncontrast CT answers (a contrast CT asking
    only about crystal deposition becomes the noncontrast CT, P11.15, P13.14)."""
    return order.contrast_stated and not (
        asking & order.purposes and not CONTRAST_QUESTIONS & order.purposes)


def _regions_changed(order: DraftOrder, where: frozenset[str]) -> tuple[list[str], list[str]]:
    """The regions a contrast CT names (none another covers), and those of them a change to
    without-and-with concerns: all, or, where the order names several and the structure lies in
    some (``where``, its regions) and the others have a contrast code, those (P11.11)."""
    table = regions_mod.all_regions()
    named = {r for r in matching.order_regions(order) if r in table} or (
        {order.region} if order.region in table else set())
    named -= {c for r in named for c in regions_mod.expand(r) if c != r}  # not one it covers
    ordered = sorted(named, key=list(table).index)
    part = [r for r in ordered if where and regions_mod.overlaps({r}, where)]
    kept = [_with_contrast(r) for r in ordered if r not in part]
    return ordered, part if part and kept and None not in kept else ordered


def _without_and_with(order: DraftOrder, where: frozenset[str]) -> list[CtCode | None]:
    """The without-and-with CT of the region a contrast CT orders, one code per region it names
    ("CT C/A/P W CONTRAST": chest 71270 and abdomen and pelvis 74178; P11.11); of the regions
    the structure lies in only, the others keeping their contrast code, where it lies in some
    (a pelvic node on a C/A/P: chest 71260, abdomen and pelvis 74178)."""
    table = regions_mod.all_regions()
    ordered, part = _regions_changed(order, where)
    return [table[r].without_and_with if r in part else _with_contrast(r) for r in ordered]


_CONTRAST_CT = {e.region: e for e in reversed(CODES.values()) if e.system == regions_mod.CPT_SYSTEM
                and e.kind == "ct-contrast" and e.region and not e.purposes}  # first per region


def _with_contrast(region: str) -> CtCode | None:
    """The CPT code of a contrast CT of ``region`` (not an angiogram), named as cards name CTs."""
    entry = _CONTRAST_CT.get(region)
    reg = regions_mod.all_regions().get(region)
    return CtCode(entry.code, f"CT {reg.display} with contrast") if entry and reg else None


def _noncontrast_part(order: DraftOrder | None, where: frozenset[str]) -> str:
    """The regions a change makes without-and-with when it keeps others of the order with
    contrast ("abdomen and pelvis"); else ""."""
    if order is None:
        return ""
    ordered, part = _regions_changed(order, where)
    table = regions_mod.all_regions()
    return " and ".join(table[r].display for r in part) if part != ordered else ""


def _joined(codes: list[CtCode | None]) -> str:
    """One study's name for the codes of its regions: "CT chest, abdomen and pelvis …"; where
    some regions keep their contrast code, each is named with its phase ("CT chest with
    contrast; abdomen and pelvis without and with contrast")."""
    if len(codes) == 1:
        return codes[0].display if codes[0] else ""
    if all(c is None or c.display.endswith(_TAIL) for c in codes):
        return "CT " + ", ".join(c.display.removeprefix("CT ").removesuffix(_TAIL)
                                 for c in codes if c) + _TAIL
    return "CT " + "; ".join(c.display.removeprefix("CT ") for c in codes if c)


def _changeable(order: DraftOrder) -> bool:
    """A contrast-only CT that may become without-and-with: not an angiogram (CTA, runoff, PE
    protocol) nor an arthrogram (contrast in the joint), which the clinician ordered (P11.1)."""
    return order.kind == "ct-contrast" and not {"vascular", "arthrogram"} & order.purposes


def _ultrasound(lead: Decision, skin: CtCode | None) -> CtCode | None:
    """The ultrasound of a tendon or joint deposit of a limb or of the pelvic girdle's tendons
    (P18.4); of the thyroid (P13.8); of a skin or subcutaneous lesion's region (P13.11)."""
    if (kind := (m := lead.citations[0].mention).kind) == "mass":
        return regions_mod.reference_ultrasound(m.site) or skin
    return regions_mod.ultrasound(lead.ct_region) if kind == "tendon" or kind == "joint" and (
        lead.ct_region != "pelvis") else None


def _mammogram(lead: Decision) -> CtCode | None:
    """The diagnostic mammogram of a breast structure, of its side (P13.6): the reference for
    breast calcification, suggested in place of a chest CT; never for a lymph node (P13.6)."""
    if (m := lead.citations[0].mention).kind == "node" or "MG" not in adequate(m):
        return None
    entry = CODES.get((regions_mod.CPT_SYSTEM, "77065" if lead.side in ("left", "right")
                       else "77066"))
    return CtCode(entry.code, entry.display) if entry else None


def _radiograph(lead: Decision) -> CtCode | None:
    """Radiographs of a bone lesion's part, when none is on record (P16.2)."""
    if lead.radiographed or lead.citations[0].mention.kind != "bone":
        return None
    return regions_mod.radiograph(lead.site)


def render(
    problem: Problem,
    lib: CardLibrary,
    *,
    patient_id: str,
    fhir_server: str | None = None,
    age: int | None = None,
    child: str | None = None,
    guidance_url: str | None = None,
    new_id: Callable[[], str],
) -> RenderedCard:
    """Turn one clinical problem into a finished CDS Hooks 2.0 card, its uuid and its
    suggestions' from ``new_id``. With ``guidance_url`` the card links the guidance it cites
    (``source.url`` and a link)."""
    lead = problem.lead
    tmpl = lib.cards[lead.card_id]
    first = lead.citations[0]
    region = regions_mod.all_regions().get(lead.ct_region or "")
    contrast_order = next((o for o in problem.orders if _changeable(o)), None)
    wo_w_region = (regions_mod.all_regions().get(contrast_order.region or "") or region
                   if contrast_order else None)
    # the card's force: its indicator when an order asks its question, else the lesser (P4.4)
    # (by the structure: a coronary CTA asks about calcified coronary arteries, not an infarct)
    asking = tmpl.asking(subjects(first, lib))
    asked = tmpl.question is None or any(asking & o.purposes for o in problem.orders)
    skin = skin_ultrasound(first.mention, first.report, lead.ct_region)  # P13.11
    ultrasound = _ultrasound(lead, skin)
    values: dict[str, Any] = {
        "asked": asked,
        "report_date": (first.report.date or "undated")[:10],
        "report_title": _title(first, lib),
        # a statement referring back is quoted after the sentence that names its structure, one
        # a caption gave its study after the caption (P12.6); one ellipsis between (P11.8)
        "quote": (md_quote(_cut(ahead, QUOTE_CHARS // 2)).removesuffix("…") + " … " if (
            ahead := first.mention.antecedent or first.mention.caption) else "")
        + quote(first.mention.sentence),
        "site": (first.mention.site or "").replace("-", " "),
        "order": _orders_named(problem),
        "order_kind": ORDER_KIND_WORDS.get(problem.orders[0].kind, "this order"),
        "order_kinds": sorted({ORDER_KIND_WORDS.get(o.kind, "this order") for o in problem.orders}),
        "ct": _sided(region.noncontrast.display if region else "", lead),
        "radiograph": _sided(xr.display if (xr := _radiograph(lead)) else "", lead),
        # as a clinician reads the order: the structure, on the order's side (P11.6)
        "ultrasound": _SIZE.sub("", f"ultrasound of the {_lesion(first, lib, lead.side)[0]}")
        if ultrasound else "",
        "kind": first.mention.kind, "radiographs": "XR" in adequate(first.mention),  # P13.1 row
        "skin": bool(skin),
        "unreported": md_quote(lead.unreported),  # a radiograph with no report (P16.5)
        "mammogram": ("diagnostic mammogram of the " + (f"{lead.side} breast" if lead.side in (
            "left", "right") else "breasts")) if _mammogram(lead) else "",
        # a mesorectal node, the rectum's own station: where the guidance's "particularly in
        # rectal cancer" is true whatever else the pelvis holds (nodal card, P20.3)
        "mesorectal": regions_mod.is_a(first.mention.site, "rectum"),
        "ct_without_and_with": protocol_kept(contrast_order, _sided(  # its protocol (P11.45)
            _joined(codes) if contrast_order and None not in (
                codes := _without_and_with(contrast_order, first.field)) and codes
            else wo_w_region.without_and_with.display
            if wo_w_region and wo_w_region.without_and_with else "", lead)),
        # a several-region contrast CT of which only the structure's region changes (P11.11)
        "noncontrast_part": _noncontrast_part(contrast_order, first.field),
        "uncertain": lead.certainty == "possible",
        "citations": (others := _others(lead.citations, lib))[0],
        "more_citations": others[1],
        # the other rules, but not one whose consequence this card already states (RL8)
        "also": [lib.cards[d.card_id].guidance for d in problem.also
                 if d.rule_id not in tmpl.states],
        "differential": ", ".join(d.replace("-", " ") for d in first.mention.differential),
        "age": age, "child": child,  # "infant (4 months)", "child (9 years)": P11.82
        "guidance_title": lib.guidance_title,
        "contrast_unstated": any(o.kind == "ct-contrast" and not o.contrast_stated
                                 for o in problem.orders),
        # a lesion the report names as one; else a finding, never called a lesion (P15.3)
        # a structure of both sides, on an order of one: that side (P4.3, P11.6)
        "lesion": (named := _lesion(first, lib, lead.side if first.mention.side == "bilateral"
                                    else None))[0], "named_lesion": named[1],
        "side_note": side_note(lead.citations, problem.lead.order.side, named[0])
        if lead.side_unknown and not (lib.midline.search(named[0])
                                      and not problem.lead.order.side) else "",  # P11.6
        "preliminary": first.report.preliminary, "treated": md_quote(treatment_said(first)),
        "other_cause": md_quote(cause_said(first)),  # a node's cause not metastasis (P11.57)
        # what showed the finding, and where the report says it (P20.1)
        "cited": first.mention.seen_on not in (None, MRI),
        "modality": lib.modalities.get(family(first.seen_on) or MRI, first.seen_on),
        "section": (first.mention.section or "").capitalize(),
    }
    newer = newer_said(lead.later, first, values["lesion"])  # a newer MRI's (P11.59, P11.60)
    values |= {"lesion": resized(values["lesion"], newer),
               "newer_date": newer.date if newer else "", "newer_noun": newer.noun if newer else ""}
    values["shown"] = lib.shown.render(values)
    values["evidence"] = lib.evidence.render(values)
    values["footer"] = lib.footer.render(values)
    summary_tmpl = tmpl.summary_possible if values["uncertain"] else tmpl.summary_affirmed
    summary = summary_tmpl.render(values)
    if len(summary) >= SUMMARY_LIMIT:
        summary = summary[: SUMMARY_LIMIT - 2].rsplit(" ", 1)[0] + "…"
    made = [s for kind in sorted(tmpl.suggestions, key=lambda k: tmpl.suggestions.index(k) - 1.5 * (
        k == "create-ultrasound" and first.mention.kind == "tendon"))  # ultrasound first (P11.8)
            if (s := _suggestion(kind, lib, values, problem, patient_id, ultrasound)) is not None]
    suggestions = tuple(Suggestion(label, actions, is_recommended=i == 0, uuid=new_id())
                        for i, (label, actions) in enumerate(made))
    card = Card(
        uuid=new_id(),
        summary=summary,
        indicator=Indicator("info" if values["skin"] else tmpl.indicator if asked
                            else tmpl.otherwise or tmpl.indicator),
        detail=_cut_detail(_BLANK_LINES.sub("\n\n", tmpl.detail.render(values)).strip()),
        source=replace(lib.source, url=guidance_url) if guidance_url else lib.source,
        override_reasons=tuple(replace(r, display=tmpl.override_displays[r.code].render(values))
                               if r.code in tmpl.override_displays else r
                               for r in lib.override_reasons),
        suggestions=suggestions,
        selection_behavior=SelectionBehavior.AT_MOST_ONE if suggestions else None,
        links=_links(lead.citations, fhir_server) + (
            (Link(label=lib.guidance_title, url=guidance_url),) if guidance_url else ()),
    )
    return RenderedCard(card=card, rule_id=lead.rule_id, card_id=lead.card_id,
                        rules=(lead.rule_id, *(d.rule_id for d in problem.also)),
                        order=order_identity(problem.orders))


_SIZE = re.compile(r"(?: \(\d+ mm\))?(?: \(both sides\))?$")  # not in a study's name


def _lesion(first: Citation, lib: CardLibrary, side: str | None = None) -> tuple[str, bool]:
    """The structure's name (``card_names``, ``card_sizes``), safe as Markdown; with whether it
    names a lesion."""
    text, named = lesion_name(first, lib, side)
    return md_quote(text) if text else "", named


def _links(citations: tuple[Citation, ...], fhir_server: str | None) -> tuple[Link, ...]:
    """Links to the first three reports cited (their dates), on the EHR's FHIR server."""
    dates: dict[str, str | None] = {}
    for c in citations if fhir_server else ():
        ref = c.report.reference
        if ref.startswith("DiagnosticReport/") and not ref.endswith("/"):
            dates.setdefault(ref, c.report.date)
    return tuple(Link(label=f"Open MRI report of {(d or 'undated')[:10]}",
                      url=f"{(fhir_server or '').rstrip('/')}/{ref}")
                 for ref, d in list(dates.items())[:3])
