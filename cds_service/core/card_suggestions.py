"""The suggestions of a card: the orders it offers (a noncontrast CT, a without-and-with CT in
place of a contrast CT, radiographs, an ultrasound, a mammogram) as CDS Hooks actions.

Pure functions of the problem, the card content and the values a card is rendered with
(``core/cards.py``): no Flask, no I/O.
"""

from __future__ import annotations

import copy
from typing import Any

from cds_service.core import anatomy as regions_mod
from cds_service.core import matching
from cds_service.core.anatomy import CtCode
from cds_service.core.card_library import CardLibrary
from cds_service.core.card_names import subjects
from cds_service.core.card_text import cut, md_quote
from cds_service.core.order_change import as_changed, limb_side, mri_kept
from cds_service.core.order_text import protocol_kept
from cds_service.core.orders import DraftOrder
from cds_service.core.rules import Decision, Problem, adequate
from cds_service.core.terminology import CODES
from cds_service.hooks.cards import Action, ActionType


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


def sided(display: str, lead: Decision) -> str:
    """A suggested study with its limb's side ("CT right lower extremity without contrast"),
    named for the structure's part of a code family (P11.15a)."""
    display = _part_named(display, lead)
    if not (side := limb_side(lead)) or not display:
        return display
    return f"CT {side} {display[3:]}" if display.startswith("CT ") else f"{side} {display}"


def suggestion(
    kind: str, lib: CardLibrary, values: dict[str, Any], problem: Problem, patient_id: str,
    ultrasound: CtCode | None,
) -> tuple[str, tuple[Action, ...]] | None:
    region = regions_mod.all_regions().get(problem.lead.ct_region or "")
    tmpl = lib.suggestions[kind]
    text, reason = tmpl.description.render(values), tmpl.reason.render(values)
    if kind == "create-noncontrast-ct" and values["mammogram"]:  # breast: mammography (P13.6)
        kind, tmpl = "create-mammogram", lib.suggestions["create-mammogram"]
        text, reason = tmpl.description.render(values), tmpl.reason.render(values)
    if kind == "create-skin-ultrasound":  # a skin or subcutaneous lesion's only (P13.22)
        kind, ultrasound = "create-ultrasound", ultrasound if values["skin"] else None
    if kind in ("create-radiograph", "create-ultrasound", "create-mammogram"):  # P16.2, P18.4
        other = radiograph_of(problem.lead) if kind == "create-radiograph" else ultrasound \
            if kind == "create-ultrasound" else mammogram_of(problem.lead)
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
            codes: list[CtCode | None] = [region.noncontrast] if plain else without_and_with(
                o, problem.lead.citations[0].field) or [region.without_and_with]
            if not changeable(o) or not o.resource.get("id") or None in codes or not codes:
                continue  # no single without-and-with code (cardiac): the create suggestion
            updated = copy.deepcopy(o.resource) | {"status": "draft", "code": {"coding": [{
                "system": regions_mod.CPT_SYSTEM, "code": c.cpt, "display": c.display}
                for c in codes if c], "text": protocol_kept(o, joined(codes))}}
            as_changed(updated, problem.lead)
            own = tmpl.description.render(values | {"order": md_quote(cut(o.display, 120)),
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


def without_and_with(order: DraftOrder, where: frozenset[str]) -> list[CtCode | None]:
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


def noncontrast_part(order: DraftOrder | None, where: frozenset[str]) -> str:
    """The regions a change makes without-and-with when it keeps others of the order with
    contrast ("abdomen and pelvis"); else ""."""
    if order is None:
        return ""
    ordered, part = _regions_changed(order, where)
    table = regions_mod.all_regions()
    return " and ".join(table[r].display for r in part) if part != ordered else ""


def joined(codes: list[CtCode | None]) -> str:
    """One study's name for the codes of its regions: "CT chest, abdomen and pelvis …"; where
    some regions keep their contrast code, each is named with its phase ("CT chest with
    contrast; abdomen and pelvis without and with contrast")."""
    if len(codes) == 1:
        return codes[0].display if codes[0] else ""
    if all(c is None or c.display.endswith(_TAIL) for c in codes):
        return "CT " + ", ".join(c.display.removeprefix("CT ").removesuffix(_TAIL)
                                 for c in codes if c) + _TAIL
    return "CT " + "; ".join(c.display.removeprefix("CT ") for c in codes if c)


def changeable(order: DraftOrder) -> bool:
    """A contrast-only CT that may become without-and-with: not an angiogram (CTA, runoff, PE
    protocol) nor an arthrogram (contrast in the joint), which the clinician ordered (P11.1)."""
    return order.kind == "ct-contrast" and not {"vascular", "arthrogram"} & order.purposes


def ultrasound_of(lead: Decision, skin: CtCode | None) -> CtCode | None:
    """The ultrasound of a tendon or joint deposit of a limb or of the pelvic girdle's tendons
    (P18.4); of the thyroid (P13.8); of a skin or subcutaneous lesion's region (P13.11)."""
    if (kind := (m := lead.citations[0].mention).kind) == "mass":
        return regions_mod.reference_ultrasound(m.site) or skin
    return regions_mod.ultrasound(lead.ct_region) if kind == "tendon" or kind == "joint" and (
        lead.ct_region != "pelvis") else None


def mammogram_of(lead: Decision) -> CtCode | None:
    """The diagnostic mammogram of a breast structure, of its side (P13.6): the reference for
    breast calcification, suggested in place of a chest CT; never for a lymph node (P13.6)."""
    if (m := lead.citations[0].mention).kind == "node" or "MG" not in adequate(m):
        return None
    entry = CODES.get((regions_mod.CPT_SYSTEM, "77065" if lead.side in ("left", "right")
                       else "77066"))
    return CtCode(entry.code, entry.display) if entry else None


def radiograph_of(lead: Decision) -> CtCode | None:
    """Radiographs of a bone lesion's part, when none is on record (P16.2)."""
    if lead.radiographed or lead.citations[0].mention.kind != "bone":
        return None
    return regions_mod.radiograph(lead.site)
