"""Render a ``Problem`` into a card from the card content (``core/card_library.py``); its
suggested orders from ``core/card_suggestions.py``, its quoted text by ``core/card_text.py``.

Rendering is a plain function of its inputs (``new_id`` gives the uuids): no Flask, no I/O,
no cache. A card leaves here finished: its uuids, its links, the guidance URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from cds_service.core import anatomy as regions_mod
from cds_service.core.card_cited import cited_date
from cds_service.core.card_context import node_context, reason_texts
from cds_service.core.card_library import ORDER_KIND_WORDS, CardLibrary
from cds_service.core.card_names import side_note, subjects
from cds_service.core.card_newer import newer_said, resized
from cds_service.core.card_sizes import lesion_name
from cds_service.core.card_suggestions import (
    changeable,
    joined,
    mammogram_of,
    noncontrast_part,
    radiograph_of,
    sided,
    suggestion,
    ultrasound_of,
    without_and_with,
)
from cds_service.core.card_text import QUOTE_CHARS as QUOTE_CHARS
from cds_service.core.card_text import TAIL_ROOM, cut
from cds_service.core.card_text import md_quote as md_quote
from cds_service.core.card_text import quote as quote
from cds_service.core.card_treated import cause_said, treatment_said
from cds_service.core.evidence import skin_ultrasound
from cds_service.core.order_text import protocol_kept
from cds_service.core.orders import DraftOrder
from cds_service.core.reading import modality_from_text
from cds_service.core.rules import MRI, Citation, Problem, adequate, family
from cds_service.hooks.cards import (
    SUMMARY_LIMIT,
    Action,
    Card,
    Indicator,
    Link,
    SelectionBehavior,
    Suggestion,
)

# Bounds on what report and order text puts into a card (a 1 MB report must not make a 3 MB
# card): a quote is one readable sentence (``card_text.QUOTE_CHARS``), other reports beyond the
# first few are counted, orders beyond the first few are counted, and the detail as a whole has
# a ceiling.
CITATIONS_SHOWN = 3  # other statements listed besides the first; the rest "and N more"
ORDERS_NAMED = 3
DETAIL_CHARS = 6_000
_BLANK_LINES = re.compile(r"\n{3,}")


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


def _orders_named(problem: Problem) -> str:
    names = [o.display or "this order" for o in problem.orders[:ORDERS_NAMED]]
    more = len(problem.orders) - len(names)
    text = " and ".join(cut(n, 120) for n in names)
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
    return md_quote(cut(title or lib.modalities[MRI], 120))


def _quote(c: Citation) -> str:
    """The statement's sentence as the card quotes it, keeping its term and, for a sign read
    beside a calcium word in that sentence ("blooming on GRE, in keeping with plaque-like
    peripheral calcification"), that word too (P11.91, P11.105)."""
    m = c.mention
    mineral = "" if m.concept in _MINERAL else next(
        (x.term for x in c.report.findings.mentions
         if x.sentence == m.sentence and x.concept in _MINERAL and x.counts), "")
    return quote(m.sentence, m.term, mineral)


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
                          "same": c.report is cites[0].report,
                          "quote": _quote(c)})
    return shown, len(seen) - 1 - len(shown)


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
    contrast_order = next((o for o in problem.orders if changeable(o)), None)
    wo_w_region = (regions_mod.all_regions().get(contrast_order.region or "") or region
                   if contrast_order else None)
    # the card's force: its indicator when an order asks its question, else the lesser (P4.4)
    # (by the structure: a coronary CTA asks about calcified coronary arteries, not an infarct)
    asking = tmpl.asking(subjects(first, lib))
    asked = tmpl.question is None or any(asking & o.purposes for o in problem.orders)
    skin = skin_ultrasound(first.mention, first.report, lead.ct_region)  # P13.11
    ultrasound = ultrasound_of(lead, skin)
    values: dict[str, Any] = {
        "asked": asked,
        "report_date": (first.report.date or "undated")[:10],
        "report_title": _title(first, lib),
        # a statement referring back is quoted after the sentence that names its structure, one
        # a caption gave its study after the caption (P12.6); one ellipsis between (P11.8)
        "quote": (md_quote(cut(ahead, QUOTE_CHARS // 2, TAIL_ROOM)).removesuffix("…") + " … " if (
            ahead := first.mention.antecedent or first.mention.caption) else "")
        + _quote(first),
        "site": (first.mention.site or "").replace("-", " "),
        "order": _orders_named(problem),
        "order_kind": ORDER_KIND_WORDS.get(problem.orders[0].kind, "this order"),
        "order_kinds": sorted({ORDER_KIND_WORDS.get(o.kind, "this order") for o in problem.orders}),
        "ct": sided(region.noncontrast.display if region else "", lead),
        "radiograph": sided(xr.display if (xr := radiograph_of(lead)) else "", lead),
        # as a clinician reads the order: the structure, on the order's side (P11.6)
        "ultrasound": _SIZE.sub("", f"ultrasound of the {_lesion(first, lib, lead.side)[0]}")
        if ultrasound else "",
        "kind": first.mention.kind, "radiographs": "XR" in adequate(first.mention),  # P13.1 row
        "skin": bool(skin),
        "unreported": md_quote(lead.unreported),  # a radiograph with no report (P16.5)
        "mammogram": ("diagnostic mammogram of the " + (f"{lead.side} breast" if lead.side in (
            "left", "right") else "breasts")) if mammogram_of(lead) else "",
        # a mesorectal node, the rectum's own station: where the guidance's "particularly in
        # rectal cancer" is true whatever else the pelvis holds (nodal card, P20.3)
        "mesorectal": regions_mod.is_a(first.mention.site, "rectum"),
        "ct_without_and_with": protocol_kept(contrast_order, sided(  # its protocol (P11.45)
            joined(codes) if contrast_order and None not in (
                codes := without_and_with(contrast_order, first.field)) and codes
            else wo_w_region.without_and_with.display
            if wo_w_region and wo_w_region.without_and_with else "", lead)),
        # a several-region contrast CT of which only the structure's region changes (P11.11)
        "noncontrast_part": noncontrast_part(contrast_order, first.field),
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
        "cited_date": cited_date(first.mention, first.mention.seen_on,  # its own (P20.5)
                                 first.report.segments, first.report.date),  # P20.6
        "modality": lib.modalities.get(family(first.seen_on) or MRI, first.seen_on),
        "section": (first.mention.section or "").capitalize(),
    }
    context = node_context(first, tuple(t for o in problem.orders  # lymphoma (P11.92)
                                        for t in reason_texts(o.resource)))
    values |= {"lymphoma": md_quote(context.said) if context.kind == "lymphoma" else "",
               "granulomatous": md_quote(context.said) if context.kind == "granulomatous"
               else "", "context_treated": context.treated, "context_cause": context.cause}
    newer = newer_said(lead.later, first, values["lesion"])  # a newer MRI's (P11.59, P11.60)
    values |= {"lesion": resized(values["lesion"], newer),
               "newer_date": newer.date if newer else "", "newer_noun": newer.noun if newer else ""}
    seen = lead.seen_later  # a later radiograph showing it, no adequate study (P11.96)
    values |= {"later_title": md_quote(seen.title) if seen else "",
               "later_date": (seen.date or "")[:10] if seen else "",
               "later_modality": _study_name(lib, seen.modality, first.mention.kind)
               if seen else ""}
    before = lead.seen_before  # an earlier one stating it, named with its words (P11.97)
    values |= {"earlier_title": md_quote(before[0].title) if before else "",
               "earlier_date": (before[0].date or "")[:10] if before else "",
               "earlier_modality": _study_name(lib, before[0].modality, first.mention.kind)
               if before else "",
               "earlier_said": quote(before[1].rstrip(" ."), "") if before else "",
               "earlier_in": _SIZE.sub("", values["lesion"]) if before else ""}
    values["shown"] = lib.shown.render(values)
    values["evidence"] = lib.evidence.render(values)
    values["footer"] = lib.footer.render(values)
    summary_tmpl = tmpl.summary_possible if values["uncertain"] else tmpl.summary_affirmed
    summary = summary_tmpl.render(values)
    if len(summary) >= SUMMARY_LIMIT:
        summary = summary[: SUMMARY_LIMIT - 2].rsplit(" ", 1)[0] + "…"
    kinds: list[str] = []
    made: list[tuple[str, tuple[Action, ...]]] = []
    for kind in sorted(tmpl.suggestions, key=lambda k: tmpl.suggestions.index(k) - 1.5 * (
            k == "create-ultrasound" and first.mention.kind == "tendon")):  # ultrasound 1st (P11.8)
        if (s := suggestion(kind, lib, values, problem, patient_id, ultrasound)) is not None:
            kinds.append(kind)
            made.append(s)
    # a child's card that adds a CT weighs its dose in one sentence (P11.82, P11.103)
    dose_kind = next((k for k in kinds if k in _ADDS_CT and not (  # a mammogram adds no CT
        k == "create-noncontrast-ct" and values["mammogram"])), None) if child else None
    values["dose"] = lib.dose.render(values | {"dose_kind": dose_kind}) if dose_kind else ""
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


_MINERAL = ("calcification", "ossification")  # the concepts whose term names the mineral
_ADDS_CT = ("update-to-without-and-with", "create-noncontrast-ct", "replace-mri-with-ct")
_SIZE = re.compile(r"(?: \(\d+ mm\))?(?: \(both sides\))?$")  # not in a study's name


def _lesion(first: Citation, lib: CardLibrary, side: str | None = None) -> tuple[str, bool]:
    """The structure's name (``card_names``, ``card_sizes``), safe as Markdown; with whether it
    names a lesion."""
    text, named = lesion_name(first, lib, side)
    return md_quote(text) if text else "", named


def _study_name(lib: CardLibrary, modality: str | None, kind: str) -> str:
    """How the card names another study of the structure: an ultrasound of the heart is an
    echocardiogram (P13.23)."""
    name = lib.modalities.get(family(modality) or "", "study")
    return "echocardiogram" if kind == "heart" and family(modality) == "US" else name


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
