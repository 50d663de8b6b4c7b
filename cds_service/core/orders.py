"""Order reading: a draft ServiceRequest becomes a `DraftOrder` (kind, CT region, sites, purposes).

Pure core. Codes are the tables of ``core.terminology`` (``data/terminology/*.csv``), sites and
regions the one anatomy table, what the order's text says ``core.order_text``; all loaded and
checked once, at import. The kinds, the precedence of codes, body site, order text and reason,
the reference and the validation are described in docs/matching-policy.md, appendix A.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fhir.resources.R4B.servicerequest import ServiceRequest

from cds_service.core import anatomy, terminology
from cds_service.core.order_text import (
    CT_BY_CONTRAST,
    PATTERNS,
    TextAnatomy,
    scope_sites,
    text_anatomy,
    text_contrast,
    text_kind,
    text_purposes,
    text_side,
)
from cds_service.core.reading import guard
from cds_service.core.terminology import (
    ORDER_KINDS,
    PURPOSES,
    TABLE_KINDS,
    CodeEntry,
    OrderKind,
    canonical_system,
)
from cds_service.core.validation import validate_r4

__all__ = ["ORDER_KINDS", "PURPOSES", "TABLE_KINDS", "DraftOrder", "OrderKind",
           "classify_order", "validate"]

# Conflict order among definite kinds (lower index wins).
_KIND_PRIORITY = ("biopsy", "surgery", "ct-without-and-with", "ct-contrast", "ct-noncontrast",
                  "mri", "ultrasound", "radiography", "other")


@dataclass(frozen=True, slots=True)
class DraftOrder:
    reference: str                # "ServiceRequest/<id>", else full_url, else "ServiceRequest"
    kind: OrderKind
    region: str | None            # CT region id (anatomy) or None when unknown
    sites: frozenset[str]         # anatomy site ids named by the order
    purposes: frozenset[str]      # "crystal-deposition", "cardiovascular", "characterize", ...
    display: str                  # what the clinician sees: code.text, else first display
    codes: tuple[tuple[str, str], ...]   # (system, code), system canonicalised
    status: str
    resource: dict                # the raw resource, for update actions
    contrast_stated: bool = True  # False: a CT whose contrast the order does not state
    regions: frozenset[str] = frozenset()  # every CT region the order covers (multi-region)
    side: str | None = None       # "left" | "right" | "bilateral" | None (not stated)
    reason_sites: frozenset[str] = frozenset()  # sites the reason, note or bodySite text names
    reason_side: bool = False     # the side is the reason's only (P4.4b: a primary's side)
    text_skipped: int = 0         # characters of order text past guard.MAX_ORDER_CHARS
    spanned: frozenset[str] = frozenset()  # target sites only a named muscle spans (P1.7)

    @property
    def target_sites(self) -> frozenset[str]:
        """The sites the order is about: named in it, else in its reason (P3.1)."""
        return self.sites | self.reason_sites


def _only_spanned(sites: set[str], coded: set[str], *texts: TextAnatomy) -> frozenset[str]:
    """The order's sites that only a muscle it names spans, no code or text naming them."""
    named = coded.union(*(a.sites - a.spanned for a in texts))
    return frozenset(s for a in texts for s in a.spanned if s in sites and s not in named)


# --------------------------------------------------------------------------- validation

def validate(resource: Any) -> None:
    """Raise `InvalidResource` unless ``resource`` is a valid R4 ServiceRequest (lenient)."""
    validate_r4(resource, ServiceRequest, "ServiceRequest")


# --------------------------------------------------------------------------- classification

def _concept_parts(concept: Any) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(system, code, display) codings and the texts of a CodeableConcept-like dict."""
    codings: list[tuple[str, str, str]] = []
    texts: list[str] = []
    if not isinstance(concept, dict):
        return codings, texts
    if isinstance(concept.get("text"), str) and concept["text"].strip():
        texts.append(concept["text"])
    for coding in concept.get("coding") or ():
        if not isinstance(coding, dict):
            continue
        display = d if isinstance(d := coding.get("display"), str) else ""
        if display.strip():
            texts.append(display)
        system, code = coding.get("system"), coding.get("code")
        if isinstance(code, str) and code:
            codings.append((canonical_system(system if isinstance(system, str) else ""),
                            code, display))
    return codings, texts


def _display(concept: Any, entries: list[CodeEntry], texts: list[str],
             codings: list[tuple[str, str, str]], site_texts: list[str]) -> str:
    """The order as a clinician names it: its text; else, for a code alone, the table's name
    of the code (not a CPT descriptor's "(eg, vertebral body, femur)") with the body site it
    is ordered for ("percutaneous bone biopsy with trocar or needle (deep), left ischium");
    else the coding's display, else the code."""
    text = concept.get("text") if isinstance(concept, dict) else None
    if isinstance(text, str) and text.strip():
        return text
    name = entries[0].display if entries else (texts[0] if texts else "")
    if not name:
        return codings[0][1] if codings else ""
    place = next((t.strip() for t in site_texts if t.strip()), "")
    if entries and place and place.lower() not in name.lower():
        return f"{name}, {_lower_first(place)}"
    return name


def _lower_first(place: str) -> str:
    """A body site's text as it reads after a comma: its first letter lower case ("left
    ischium"), but a level, an abbreviation or an eponym keeps its capitals ("T11 vertebral
    body", "DRUJ", "Achilles tendon"; P11.74)."""
    first = place.split()[0]
    if any(c.isdigit() for c in first) or first[1:2].isupper() or first.removesuffix(
            "'s").removesuffix("’s").lower() in _EPONYMS:
        return place
    return place[0].lower() + place[1:]


_EPONYMS = frozenset({"achilles", "kager", "hoffa", "baker", "lisfranc", "chopart", "gerdy",
                      "hunter", "morton", "guyon", "schmorl", "meckel", "bartholin"})


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _best_kind(entries: list[CodeEntry]) -> str | None:
    definite = {e.kind for e in entries if e.kind in ORDER_KINDS}
    if definite:
        if {"ct-noncontrast", "ct-contrast"} <= definite:
            return "ct-without-and-with"
        return min(definite, key=_KIND_PRIORITY.index)
    for kind in ("ct", "guidance"):
        if any(e.kind == kind for e in entries):
            return kind
    return None


def _miscoded(entry: CodeEntry, display: str) -> bool:
    """A coding whose own display names another modality than its code (LOINC 24558-9, US
    Abdomen, displayed "CT Neck W contrast IV"): a mapping error; its words decide (P17.13)."""
    family = "ct" if entry.kind.startswith("ct") else entry.kind
    named = [(m.start(), k) for k, p in PATTERNS.modality.items() if (m := p.search(display))]
    return family in PATTERNS.modality and bool(named) and min(named)[1] != family


def _reference(resource: dict, full_url: str | None) -> str:
    rid = resource.get("id")
    return f"ServiceRequest/{rid}" if isinstance(rid, str) and rid else full_url or "ServiceRequest"


def classify_order(resource: dict, *, full_url: str | None = None) -> DraftOrder:
    """Validate a draft ServiceRequest (R4, lenient) and read what it orders.

    Raises `errors.InvalidResource` when the resource is not a valid R4 ServiceRequest.
    """
    validate(resource)
    return _classify(resource, full_url)


def _kind(entries: list[CodeEntry], order_text: str) -> tuple[str, bool]:
    """The order kind and whether a CT states its contrast (see the module docstring)."""
    coded = _best_kind(entries)
    named_kind, named_biopsy = text_kind(order_text)
    if coded in ORDER_KINDS:
        kind = coded
    elif coded == "ct":
        contrast = text_contrast(order_text) if order_text else None
        kind = CT_BY_CONTRAST[contrast] if contrast else "ct"
    elif coded == "guidance":
        kind = "biopsy" if named_biopsy else "other"
    else:
        kind = named_kind or "other"
    if kind == "ct":
        return "ct-contrast", False
    return kind, True


def _bounded(text: str, skipped: list[int]) -> str:
    """Order text folded and collapsed (``reading.guard``), at most ``MAX_ORDER_CHARS`` of it.

    An order's text is a name and a reason, never pages: what lies past the cap is not read,
    and its length is added to ``skipped`` (the call counts it).
    """
    out, cut = guard.clean(text, guard.MAX_ORDER_CHARS)
    skipped[0] += cut
    return out


def _of_tissue(order_text: str, reason_text: str) -> bool:
    """A biopsy named for an organ's tissue ("random", "non-focal", "medical renal"), whatever
    the code's descriptor says, or one whose reason names a diffuse disease (transaminitis,
    nephrotic syndrome): no lesion target when neither text nor reason names a lesion (P15.6a)."""
    named = PATTERNS.not_a_lesion_over_code.search(order_text)
    if not (named or PATTERNS.diffuse_reason.search(reason_text)):
        return False
    said = order_text if named else order_text + " ; " + reason_text
    return not any(p.search(said) for p in (PATTERNS.purposes["mass"], PATTERNS.names_lesion,
                                            PATTERNS.purposes["lymph-node"]))


def _elsewhere(kind: str, field: set[str] | frozenset[str], places: frozenset[str]) -> bool:
    """Whether a reason names places and the imaging order's own field (its code, name or body
    site) images none of them: a primary elsewhere ("CT Abdomen W contrast IV" for "Medullary
    thyroid carcinoma") tells why, not where, and narrows nothing, nor does its side (P3.5,
    P15.13, P15.14). One place the field images makes the reason the field's, with every place
    it names ("adductor longus origin" beside the groin of a pelvis MRI); a procedure, or an
    order naming no field, takes its reason's places (P3.1)."""
    placed = [regions for s in places if (regions := anatomy.site_regions(s))]
    return (kind not in _ACTS and bool(field) and bool(placed)
            and not any(anatomy.overlaps(field, regions) for regions in placed))


_ACTS = frozenset({"biopsy", "surgery", "other"})
_TARGET_WORDS = frozenset({"mass", "lymph-node"})
_SOFT_WORDS = frozenset({"muscle", "soft-tissue"})


def _samples_bone(own: str, site_text: str, purposes: set[str]) -> bool:
    """A biopsy whose own name or body site names a bone ("CT GUIDED BIOPSY LUMBAR VERTEBRA",
    "BX RIGHT 7TH RIB") samples that bone, not the soft-tissue mass in the muscle beside it,
    unless its name, body site or reason names a muscle or soft tissue, or its name or body
    site a mass, lump or nodule ("BX CHEST WALL MASS AT RIB 7" keeps the mass; a bone's
    "lesion" or "tumour" is the bone's, P15.12)."""
    said = guard.clean(own, guard.MAX_ORDER_CHARS)[0] + " ; " + site_text
    return (not purposes & _SOFT_WORDS and PATTERNS.names_bone.search(said) is not None
            and PATTERNS.names_soft_mass.search(said) is None)


def _reached(site: str, reach: frozenset[str]) -> bool:
    """Whether an endoscope reaching ``reach`` reaches ``site`` (a part or a whole of one)."""
    return any(anatomy.is_a(site, r) or anatomy.is_a(r, site) for r in reach)


def _for_nodes(own: str, codings: list[tuple[str, str, str]], entries: list[CodeEntry],
               reason_text: str) -> bool:
    """A biopsy whose own name is none or its code's descriptor ("first lesion"), for a disease
    of the lymph nodes (lymphoma, Hodgkin's disease): of the patient's nodes, not of any mass,
    when neither it nor its reason names a place but a region ("neck fullness"; P15.16)."""
    descriptors = {d.casefold().strip() for _, _, d in codings} | {
        e.display.casefold() for e in entries}
    name = guard.clean(own, guard.MAX_ORDER_CHARS)[0]
    return (PATTERNS.nodal_reason.search(reason_text) is not None
            and (own.casefold().strip() in descriptors or not text_purposes(name) & _TARGET_WORDS))


def _classify(resource: dict, full_url: str | None) -> DraftOrder:
    code_codings, code_texts = _concept_parts(resource.get("code"))
    order_texts = list(code_texts)
    for detail in _list(resource.get("orderDetail")):
        order_texts.extend(_concept_parts(detail)[1])
    entries = [e for s, c, d in code_codings
               if (e := terminology.CODES.get((s, c))) is not None and not _miscoded(e, d)]
    entries.sort(key=lambda e: (0 if e.kind in ORDER_KINDS else 1,
                                _KIND_PRIORITY.index(e.kind) if e.kind in ORDER_KINDS else 0))
    skipped = [0]
    order_text = _bounded(" ; ".join(order_texts), skipped)
    kind, contrast_stated = _kind(entries, order_text)

    # body site: SNOMED codes of the anatomy table, then text
    site_region: str | None = None
    sites: set[str] = set()
    site_texts: list[str] = []
    coded_side: str | None = None
    for concept in _list(resource.get("bodySite")):
        codings, texts = _concept_parts(concept)
        site_texts.extend(texts)
        for system, code, _ in codings:
            coded_side = coded_side or anatomy.snomed_side(system, code)
            sid = anatomy.snomed_site(system, code)
            site = anatomy.site(sid) if sid else None
            if site is not None:
                site_region = site_region or site.ct_region
                sites.add(site.id)
    site_text = _bounded(" ; ".join(site_texts), skipped)

    # reasons and notes
    reason_texts: list[str] = []
    purposes: set[str] = set()
    for concept in _list(resource.get("reasonCode")):
        codings, texts = _concept_parts(concept)
        reason_texts.extend(texts)
        for system, code, _ in codings:
            purposes |= terminology.REASONS.get((system, code), frozenset())
    for ref in _list(resource.get("reasonReference")):
        if isinstance(ref, dict) and isinstance(ref.get("display"), str):
            reason_texts.append(ref["display"])
    note_texts = [n["text"] for n in _list(resource.get("note"))
                  if isinstance(n, dict) and isinstance(n.get("text"), str)]
    reason_text = _bounded(" ; ".join(reason_texts + note_texts), skipped)

    # region: coding → bodySite → order text → reason text
    site_anat, order_anat = text_anatomy(site_text), text_anatomy(order_text)
    region = next((e.region for e in entries if e.region), None)
    region = region or site_region or site_anat.region or order_anat.region
    coded_regions = frozenset(e.region for e in entries if e.region)
    covered = (anatomy.expand_all(coded_regions) if len(coded_regions) > 1 else coded_regions) \
        or ({site_region} if site_region else set()) or site_anat.regions or order_anat.regions

    for e in entries:
        sites |= e.sites
        purposes |= e.purposes
    sites |= site_anat.sites | order_anat.sites
    reason_anat = text_anatomy(reason_text)
    elsewhere = _elsewhere(kind, covered or ({region} if region else set()), reason_anat.sites)
    # an endoscopic biopsy samples the organs its scope reaches, whatever its text omits, and
    # not the other places its reason names ("COLONOSCOPY WITH BIOPSY" for a liver mass; P15.18)
    reach = scope_sites(" ; ".join([order_text, *(e.display for e in entries)])) \
        if kind == "biopsy" else frozenset()
    sites |= reach
    reason_places = frozenset(s for s in reason_anat.sites
                              if not (elsewhere and anatomy.site_regions(s))
                              and not (reach and not _reached(s, reach)))
    placed = bool(sites or covered or region)  # by its code, body site or name
    if reason_text and (region is None or not sites):
        region = region or reason_anat.region
        covered = covered or reason_anat.regions
        if not sites:
            sites |= reason_places
    given = text_purposes(site_text) | text_purposes(reason_text)
    purposes |= text_purposes(order_text) | given
    own = " ; ".join(c["text"] for c in (resource.get("code"), *_list(resource.get("orderDetail")))
                     if isinstance(c, dict) and isinstance(c.get("text"), str))
    named = _TARGET_WORDS & text_purposes(guard.clean(own, guard.MAX_ORDER_CHARS)[0])
    if named and kind in ("biopsy", "surgery"):  # its own name names what it acts on, not the
        # code's descriptor ("first lesion", "retroperitoneal mass"; P15.8)
        purposes -= (_TARGET_WORDS - named) - given
    if kind == "biopsy" and named == {"lymph-node"} and "staging" in given:
        purposes.discard("mass")  # a node sampled to stage the reason's mass: the node (P4.32)
    if reach and not purposes & _TARGET_WORDS:
        purposes.add("mass")  # the lesion of the wall it reaches, not a calcified node (P15.18)
    if kind == "biopsy" and not placed and all(map(anatomy.is_region_site, reason_places)) \
            and _for_nodes(own, code_codings, entries, reason_text):
        # "Fine needle aspiration biopsy ...; first lesion" for Hodgkin's disease: the nodes
        purposes = (purposes - ({"mass"} - given)) | {"lymph-node"}  # (P15.16)
    if "arthrogram" in purposes:  # it asks about the joint's inside, not its crystals (P11.5a)
        purposes.discard("crystal-deposition")
    if kind == "biopsy" and _samples_bone(own, site_text, purposes):
        purposes.add("bone")  # "CT GUIDED BIOPSY LUMBAR VERTEBRA": the bone, not a muscle's mass
    if kind == "biopsy" and _of_tissue(order_text, reason_text):
        kind = "other"  # "RANDOM LIVER BIOPSY", or one for transaminitis (P15.6, P15.6a)

    display = _display(resource.get("code"), entries, code_texts, code_codings, site_texts)

    status = resource.get("status")
    own_side = coded_side or text_side(site_text) or text_side(order_text)
    reason_side = None if elsewhere else text_side(reason_text)
    return DraftOrder(
        reference=_reference(resource, full_url),
        kind=kind,  # type: ignore[arg-type]  # in ORDER_KINDS: mypy does not narrow by `in`
        region=region,
        sites=frozenset(sites),
        purposes=frozenset(purposes),
        display=display,
        codes=tuple((s, c) for s, c, _ in code_codings),
        status=status if isinstance(status, str) else "",
        resource=resource,
        contrast_stated=contrast_stated,
        regions=frozenset(covered) or (frozenset({region}) if region else frozenset()),
        side=own_side or reason_side,
        reason_side=own_side is None and reason_side is not None,
        reason_sites=reason_places,
        text_skipped=skipped[0],
        spanned=_only_spanned(sites | reason_anat.sites, {s for e in entries for s in e.sites},
                              site_anat, order_anat, reason_anat),
    )
