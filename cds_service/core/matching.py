"""Does a draft order concern a calcified structure? (docs/matching-policy.md P3–P6, P10, P15)

``target_matches`` (the order's target against one mention's structure), ``satisfied_in_draft``
(a co-ordered noncontrast CT meets the recommendation, P5), ``current_reports`` (the signed
report issued last replaces the others of its study, P6.2). Pure functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeGuard

from cds_service.core import anatomy, spine_names
from cds_service.core.orders import DraftOrder
from cds_service.core.reading import Mention, ReportFindings, muscles_named
from cds_service.core.reading.structure import WORDS, names_metastasis

NONCONTRAST_KINDS = frozenset({"ct-noncontrast", "ct-without-and-with"})
SIGNED_STATUSES = frozenset({"final", "amended", "corrected", "appended"})


def specific(site: str | None) -> TypeGuard[str]:
    """A site that names a structure, not only a region or a tissue (lymph node, tendon)."""
    return (site is not None and not anatomy.is_region_site(site)
            and bool(anatomy.site_regions(site)))


def related(a: str, b: str) -> bool:
    return anatomy.is_a(a, b) or anatomy.is_a(b, a)


def order_regions(order: DraftOrder) -> frozenset[str]:
    return order.regions or (frozenset({order.region}) if order.region else frozenset())


# The kinds of structure an order's lesion word allows a procedure on it (P15.2), and the kinds
# an angiographic or PE protocol is about (P15.4).
_WORD_KINDS = {"mass": frozenset({"mass", "bone"}), "lymph-node": frozenset({"node"})}
PROCEDURE_KINDS = frozenset({"biopsy", "surgery"})
VASCULAR_KINDS = frozenset({"heart", "vessel"})
# An order whose protocol names another target is about the kinds of structure it studies: an
# angiogram the heart and vessels, a trauma CT the injuries (no structure kind of the reader is
# an injury); a colonography or enterography the bowel and its mesentery (``bowel_fits``).
OTHER_TARGETS = {"vascular": VASCULAR_KINDS, "trauma": frozenset()}
LIMBS = frozenset({"upper-extremity", "lower-extremity"})
LESION_CONTEXTS = frozenset({"soft-tissue-mass", "bone-lesion"})
# lesion words naming a tumour, never a collection, though "subdural" be in their sentence
_TUMOUR_WORDS = frozenset({"mass", "meningioma", "tumour", "tumor", "glioma", "lesion"})


# The places whose lesion a procedure names ("excision of lesion of tendon sheath or capsule",
# CPT 25110, 26160, 27630, 28090; "EXCISION TOPHUS RT ACHILLES TENDON AND RETROCALCANEAL BURSA"):
# the lesion it takes out may be the tendon's or the joint's deposit, not only a mass (P18.13).
_HOLDERS = ("tendon", "capsule", "bursa")
_HELD_KINDS = frozenset({"tendon", "joint"})


def kind_fits(order: DraftOrder, kind: str) -> bool:
    """A procedure on "the mass" is not about a node, nor one on "the node" about a mass; a CT
    angiogram or PE protocol that names no lesion is about the heart and vessels only, a CT
    colonography or enterography about the bowel (P15.4). A procedure on the lesion of a
    tendon, its sheath, a capsule or a bursa is about their deposit too (P18.13)."""
    named = [kinds for word, kinds in _WORD_KINDS.items() if word in order.purposes]
    studied = [kinds for target, kinds in OTHER_TARGETS.items() if target in order.purposes]
    if studied and not named:
        return any(kind in k for k in studied)
    return order.kind not in PROCEDURE_KINDS or not named or any(kind in k for k in named) or (
        kind in _HELD_KINDS and any(_at(s, _HOLDERS) for s in order.sites))


def bowel_fits(order: DraftOrder, mention: Mention) -> bool:
    """A CT colonography or enterography naming no lesion is about the bowel and its mesentery:
    a mass or node there, not one of the other organs in its field (P15.4)."""
    if "bowel" not in order.purposes or any(w in order.purposes for w in _WORD_KINDS):
        return True
    return mention.kind in ("mass", "node") and (
        not _at(mention.site, ("organs",)) or _at(mention.site, ("rectum", "bowel")))


# What a CT or MR arthrogram studies: contrast put into a joint answers a question about the
# joint (P15.4), a structure of the joint or a tendon, or one at a joint.
JOINT_KINDS = frozenset({"joint", "tendon"})


def joint_fits(order: DraftOrder, mention: Mention) -> bool:
    """An arthrogram naming no lesion is about a joint: a joint or tendon structure, or one
    whose site is a joint; not a mass of the limb segment it names ("CT RT LOWER EXT
    ARTHROGRA" is not about a thigh mass, P15.4)."""
    if "arthrogram" not in order.purposes or any(w in order.purposes for w in _WORD_KINDS):
        return True
    return mention.kind in JOINT_KINDS or anatomy.is_a(mention.site, "joint")


# The tissue or system a biopsy names: what of "any mass" it is about (P3.3).
_SOFT_TISSUE_NOT = ("organs", "brain", "heart")  # the heart and pericardium: P17.4
_BILIARY_SITES = ("liver", "gallbladder", "pancreas")
_TISSUES: dict[str, Callable[[Mention], bool]] = {
    "bone": lambda m: m.kind == "bone",
    "soft-tissue": lambda m: m.kind == "mass" and not _at(m.site, _SOFT_TISSUE_NOT),
    "biliary": lambda m: _at(m.site, _BILIARY_SITES),
}


def _at(site: str | None, places: tuple[str, ...]) -> bool:
    return any(anatomy.is_a(site, p) for p in places)


def tissue_fits(order: DraftOrder, mention: Mention) -> bool:
    """A biopsy naming a tissue or system (bone, soft tissue, biliary) is about it only."""
    named = [fits for tissue, fits in _TISSUES.items() if tissue in order.purposes]
    return order.kind != "biopsy" or not named or any(fits(mention) for fits in named)


def muscle_fits(order: DraftOrder, mention: Mention) -> bool:
    """A biopsy or operation naming a muscle and no bone ("CT GUIDED CORE BX LT GLUTEUS MEDIUS
    MASS") is about the muscle's mass, not a lesion inside the bone beside it (P15.9)."""
    return not (mention.kind == "bone" and order.kind in PROCEDURE_KINDS
                and "muscle" in order.purposes and "bone" not in order.purposes)


_MUSCLE_TISSUES = frozenset({"soft-tissue", "deep-soft-tissue"})  # a muscle's mass lies in them


def span_fits(order: DraftOrder, mention: Mention) -> bool:
    """An order naming a muscle reaches the other site its belly spans (the deltoid's shoulder)
    for a soft-tissue mass there that its description places in no other muscle: not a joint's,
    a tendon's, a bursa's or a bone's, nor a levator scapulae mass beside a trapezius (P1.7)."""
    tissues = {s for s in mention.clause_sites if not anatomy.site_regions(s)}
    return mention.kind == "mass" and tissues <= _MUSCLE_TISSUES and all(
        anatomy.spanned_by(m) & order.spanned for m in _muscles(mention))


def _muscles(mention: Mention) -> frozenset[str]:
    """The muscles a structure's statement, its antecedent or its description names."""
    return muscles_named(" ".join(
        t for t in (mention.described, mention.antecedent, mention.sentence) if t))


def level_fits(order: DraftOrder, mention: Mention) -> bool:
    """An order naming spinal interspaces ("MICRODISCECTOMY L5-S1 LEFT", "L4-S1") is about a
    spinal structure whose sentence names interspaces only where they share one (P15.10), and
    about a disc the report gives one side ("right paracentral") only on that side (P15.11)."""
    if not anatomy.is_a(mention.site, "spine"):
        return True
    texts = [t for t in (mention.sentence, mention.antecedent) if t]
    wanted = spine_names.interspaces(order.display)
    found = frozenset(i for t in texts for i in spine_names.interspaces(t))
    if wanted and found and wanted.isdisjoint(found):
        return False
    side = next((s for t in texts if (s := spine_names.disc_side(t))), None)
    return not (wanted and found and side and order.side in ("left", "right")
                and order.side != side)


def _subdural(mention: Mention) -> bool:
    """The structure is a subdural or extradural collection: its lesion word is no tumour's
    and its statement, or the sentence it refers back to, names the collection."""
    return mention.lesion not in _TUMOUR_WORDS and any(
        WORDS["subdural_collection"].search(t) for t in (mention.sentence, mention.antecedent) if t)


def cranial_fits(order: DraftOrder, mention: Mention) -> bool:
    """An operation in the head naming a subdural collection ("CRANIOTOMY EVACUATION SUBDURAL
    HEMATOMA", CPT 61154, 61312) acts on the collection, not on a calcified meningioma on its
    side; one naming a tumour or mass ("CRANIOTOMY FOR TUMOR", 61510) not on a calcified
    subdural hematoma. An operation naming both, or neither, is unchanged (P18.24)."""
    if order.kind not in PROCEDURE_KINDS or not anatomy.is_a(mention.site, "brain"):
        return True
    wants = "subdural" in order.purposes
    if wants == bool({"mass", "brain-tumour"} & order.purposes):
        return True
    return wants == _subdural(mention)


def names_lesion(mention: Mention) -> bool:
    """The statement names its structure as a lesion: a lesion word ("mass", "meningioma"), or
    words that place a lesion ("soft-tissue mass", a bone's metaphysis); not a calcification
    named without one ("punctate calcification in the frontal white matter", P3.4)."""
    return (mention.kind != "mass" or mention.lesion is not None
            or bool(mention.contexts & LESION_CONTEXTS))


def wants_lesion(order: DraftOrder) -> bool:
    """A procedure on "the lesion", or on no named target ("any mass"): about a structure the
    report names as a lesion (P3.4)."""
    return order.kind in PROCEDURE_KINDS and (
        "mass" in order.purposes or not (order_regions(order) or order.sites))


def _ct_regions(site: str) -> tuple[str, ...]:
    """The region a CT of the place is ordered as, else every region it images."""
    info = anatomy.site(site)
    return (info.ct_region,) if info is not None and info.ct_region else tuple(
        anatomy.site_regions(site))


def _procedure_field(places: list[str], own: set[str]) -> frozenset[str]:
    """Where a procedure on the named places acts: their CT regions, and those of the parts of
    them the structure lies at ("EXCISION ABDOMINAL WALL MASS" of a mass at a Pfannenstiel scar:
    the lower abdominal wall, in the pelvis, P1.14)."""
    return frozenset(r for s in [*places, *(m for m in own if any(
        anatomy.is_a(m, p) for p in places))] for r in _ct_regions(s))


def _shown_beside(order: DraftOrder, named: str, mention: Mention, own: set[str]) -> bool:
    """Imaging of a place shows the places beside it at its own levels: a spine CT the
    paraspinal muscles of its segment, the segment the mention's clause (else its sentence,
    else the sentence it refers back to) names where it names one ("right paraspinal mass at
    T8-T9": not a lumbar spine CT); a procedure on the place acts on it alone (P4.15)."""
    if order.kind in PROCEDURE_KINDS or not any(anatomy.beside(named, m) for m in own):
        return False
    segments = anatomy.site_regions(named)
    levels = (segments & mention.clause_sites) or (segments & mention.sentence_sites) or (
        segments & anatomy.sites_in(mention.antecedent or ""))
    return not levels or not levels.isdisjoint(order_regions(order))


def _mri_beside(order: DraftOrder, places: list[str], own: set[str]) -> bool:
    """An MRI of a place images the places beside it that lie in no region of its own, which a
    CT of its region leaves out: a chest-wall MRI the humeral insertion of the pectoralis major
    or the latissimus dorsi, at the shoulder (P13.26)."""
    return order.kind == "mri" and any(
        anatomy.beside(p, m) and anatomy.site_regions(p).isdisjoint(anatomy.site_regions(m))
        for p in places for m in own)


def _beside_places(order: DraftOrder, named: set[str], regions: frozenset[str]) -> bool:
    """Whether an imaging order's own name covers, beside the places it names, a region none of
    them lies in that images the structure ("CT MAXILLOFACIAL/ORBITS W CONTRAST": the face and
    sinuses beside the orbits' skull base, P17.19); never a procedure's, nor a reason's places."""
    own = named & order.sites
    if order.kind in PROCEDURE_KINDS or not own or not regions:
        return False
    theirs = {r for s in own for r in _ct_regions(s)}
    beyond = {r for r in order_regions(order) if not anatomy.overlaps({r}, theirs)}
    return bool(beyond) and anatomy.overlaps(beyond, regions)


def _stages(order: DraftOrder, mention: Mention) -> bool:
    """Whether imaging for a malignancy stages the structure: a node (P4.4b) or a mass the
    report calls a metastasis (P15.15), which the field holds whatever organ the reason names."""
    return (order.kind not in PROCEDURE_KINDS and "staging" in order.purposes
            and (mention.kind == "node" or (mention.kind == "mass" and any(
                names_metastasis(s) for s in (mention.sentence, mention.antecedent) if s))))


def _belly(mention: Mention) -> set[str]:
    """The other sites the belly of the muscle a soft-tissue mass lies within spans: an order or
    reason naming one is about the mass ("Soft tissue mass left hip" for a mass within the
    tensor fasciae latae, P15.17); the muscle its statement or description names, one only."""
    if mention.kind != "mass":
        return set()
    named = _muscles(mention)
    return set(anatomy.spanned_by(next(iter(named)))) if len(named) == 1 else set()


def belly_regions(mention: Mention, regions: frozenset[str]) -> frozenset[str]:
    """``regions`` and those of each other site the belly of the structure's muscle spans that
    shares a region with the structure's own site: a pectineus mass lies in the groin, in the
    field of a pelvic CT as well as a thigh's (P12.38); the trapezius's neck muscles are not
    its chest wall's region (P1.7)."""
    own = anatomy.site_regions(mention.site or "")
    spanned = [anatomy.site_regions(s) for s in _belly(mention)]
    return regions.union(*(r for r in spanned if not own.isdisjoint(r)))


def target_matches(order: DraftOrder, mention: Mention, regions: frozenset[str]) -> bool:
    """Tell whether ``order`` is about the structure of ``mention`` (found in ``regions``).
    An order of kind ``other`` (a lab, a puncture, a skin or marrow biopsy) has no lesion
    target and matches nothing (P15.1)."""
    if (order.kind == "other" or not kind_fits(order, mention.kind)
            or not tissue_fits(order, mention) or not muscle_fits(order, mention)
            or not bowel_fits(order, mention)
            or not joint_fits(order, mention) or not level_fits(order, mention)
            or not cranial_fits(order, mention)):
        return False
    covered = order_regions(order)
    # imaging over a node or metastasis for a malignancy: the organ its reason names is the
    # primary's, whose nodes and metastases are in the field ("CT NECK W CONTRAST, reason:
    # papillary thyroid carcinoma staging", P4.4b, P15.15); "lung nodule follow-up" still asks
    # about the lung
    staging = _stages(order, mention)
    named = {s for s in (order.sites if staging else order.target_sites) if specific(s)
             and (s not in order.spanned or span_fits(order, mention))}
    own = {s for s in mention.clause_sites | {mention.site} if specific(s)} | _belly(mention)
    regions = belly_regions(mention, regions)
    if named and own:
        # "left flank mass arising from the adrenal": the clause names the structure's places;
        # an order for a part (the sella) of the structure's site (the brain) is about it only
        # where the order's region images the structure (a sella CT: not a temporal lobe); a
        # procedure's field is that of the named places that are the structure's ("soft tissue
        # of back or flank": the back's chest wall, not the flank's abdomen, P18.6)
        places = [s for s in named if any(related(m, s) for m in own)
                  or _shown_beside(order, s, mention, own)]
        field = _procedure_field(places, own) if order.kind in PROCEDURE_KINDS else covered
        if not places:
            # no place it names is the structure's: about it only where its name covers, beside
            # them, a region imaging the structure ("CT MAXILLOFACIAL/ORBITS": the face, P17.19)
            if not _beside_places(order, named, regions):
                return False
        elif (field or covered) and regions and anatomy.expand_all(
                field or covered).isdisjoint(regions) and not _mri_beside(order, places, own):
            return False
    elif covered and regions:
        # a structure at a known site is in the order's field when the order covers a region
        # that images the site (a face or sella CT does not image the brain); a procedure acts
        # where its own words place it too ("BX RT EXTERNAL ILIAC NODE" coded 49180, "abdominal
        # or retroperitoneal mass": the pelvis, P15.7)
        if order.kind in PROCEDURE_KINDS:
            covered = covered | {r for s in order.sites for r in anatomy.site_regions(s)}
        if not anatomy.overlaps(covered, regions) or (
                specific(mention.site) and anatomy.expand_all(covered).isdisjoint(regions)):
            return False
    elif order.sites and mention.site:
        if mention.site not in order.sites:
            return False
    elif covered or order.sites or order.kind != "biopsy":
        return False  # an order that names nothing matches only as "biopsy of any mass"
    if staging and order.reason_side and not covered & LIMBS:
        return True  # the primary's side: a neck, chest or abdominal study images both (P4.4b)
    return anatomy.sides_match(order.side, mention.side)


def side_unknown(order: DraftOrder, mention: Mention) -> bool:
    """The structure has a side the order does not state, or the other way round (P4.3), and
    the side decides the target: a procedure, or imaging of a limb (a CT of the abdomen or the
    neck covers both sides)."""
    info = anatomy.site(mention.site) if mention.site else None
    return (info is not None and info.side and (order.side is None) != (mention.side is None)
            and (order.kind in PROCEDURE_KINDS or bool(order_regions(order) & LIMBS)))


def satisfied_in_draft(draft: Iterable[DraftOrder], order: DraftOrder, mention: Mention,
                       regions: frozenset[str]) -> bool:
    """A co-ordered noncontrast CT of the structure's region and side (P5.1, P5.2)."""
    for other in draft:
        if other is order or other.kind not in NONCONTRAST_KINDS:
            continue
        if (regions and anatomy.overlaps(order_regions(other), regions)
                and anatomy.sides_match(other.side, mention.side)):
            return True
    return False


def current_reports(reports: Iterable[ReportFindings]) -> list[ReportFindings]:
    """Drop reports another signed report of the same study, issued later, replaces (P6.2).

    Linear: the latest signed issue per study first, then each report against its studies'.
    """
    reports = list(reports)
    latest: dict[str, str] = {}  # study → latest issue of a signed report of it
    for other in reports:
        if other.status in SIGNED_STATUSES:
            issued = other.issued or other.date or ""
            for ref in other.study_refs:
                if issued > latest.get(ref, ""):
                    latest[ref] = issued
    return [r for r in reports
            if not any(latest.get(ref, "") > (r.issued or r.date or "") for ref in r.study_refs)]
