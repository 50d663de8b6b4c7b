"""Clinical rules: one declared rule per situation in the guidance, each a pure function.

Every rule cites its statement in ``shared/seeds/000_e9ec670990f8a3df.txt`` ("the guidance") in
the comment above its declaration; its card (``cards/<rule id>.yaml``) carries it to the reader.
The rules cite MR reports; an adequate modality that already showed the structure (P13)
silences them. ``merge`` makes one card per clinical problem and lists the other rules in it.
The predicates the rules are declared with (orders, mentions, patient) are in
``core/rule_predicates.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from cds_service.core import anatomy, matching
from cds_service.core.card_later import earlier_shown, later_shown
from cds_service.core.card_newer import later_mris
from cds_service.core.evidence import (
    BY_CT,
    CT,
    JOINT_KINDS,
    MG,
    RADIOGRAPHY,
    US,
    Gone,
    Key,
    Told,
    gone_said,
    key,
    kind_family,
    names,
    radiograph_on_record,
    reaches,
    same,
    shown,
    stating,
    told_gone,
)
from cds_service.core.evidence import MRI as MRI
from cds_service.core.evidence import XR as XR
from cds_service.core.evidence import Citation as Citation
from cds_service.core.evidence import Evidence as Evidence
from cds_service.core.evidence import PatientFacts as PatientFacts
from cds_service.core.evidence import adequate as adequate
from cds_service.core.evidence import day as day
from cds_service.core.evidence import family as family
from cds_service.core.orders import DraftOrder
from cds_service.core.reading import Mention, ReportFindings
from cds_service.core.reading.structure import ANAPHOR, WORDS, names_structure
from cds_service.core.rule_predicates import CARDIAC as CARDIAC
from cds_service.core.rule_predicates import DEEP as DEEP
from cds_service.core.rule_predicates import (
    cardio,
    cardio_fits,
    cardio_order,
    crystal,
    crystal_order,
    deep_mass,
    depends_on_mass_mineralization,
    is_calcification,
    is_child,
    lymph_node_order,
    nodal,
    open_void,
    operated_on,
    ossification,
    pediatric_flank,
    signal_void,
    surgical_target,
)

Certainty = Literal["affirmed", "possible"]


@dataclass(frozen=True, slots=True)
class Decision:
    rule_id: str
    card_id: str
    problem: str
    priority: int
    order: DraftOrder
    citations: tuple[Citation, ...]  # newest first; the first drives the card
    certainty: Certainty
    ct_region: str | None
    side: str | None = None       # side of the cited structure, for the suggested CT
    site: str | None = None       # site of the cited structure
    side_unknown: bool = False    # the order or the structure does not state a side (P4.3)
    radiographed: bool = False    # a radiograph of the structure's part is on record (P16.2)
    unreported: str = ""          # such a radiograph study with no report in the record (P16.5)
    later: tuple[ReportFindings, ...] = ()  # the MRI reports after the cited one (P11.59)
    seen_later: ReportFindings | None = None  # a later inadequate study showing it (P11.96)
    # an earlier one, and its statement of the mineral (P11.97)
    seen_before: tuple[ReportFindings, str] | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str                       # also the id of its card (cards/<id>.yaml)
    problem: str
    priority: int
    orders: Callable[[DraftOrder], bool]
    mentions: Callable[[Citation], bool]
    kinds: frozenset[str]         # the kinds of structure it may read (P1.2, P4.4)
    # Modalities of the prior reports and studies it reads besides the reports it cites: the
    # pipeline validates those as R4 before they are read (the cited reports always are).
    validated: frozenset[str]
    patient: Callable[[PatientFacts], bool] = lambda p: True
    fits: Callable[[DraftOrder, Citation], bool] = lambda o, c: True  # the order acts on it


def dicom(modalities: Iterable[str]) -> frozenset[str]:
    """The DICOM modality codes of these modalities (XR: every radiography code)."""
    mods = frozenset(modalities)
    return mods - {XR} | (RADIOGRAPHY if XR in mods else frozenset())


def validated_modalities() -> frozenset[str]:
    """Every modality a rule reads besides its citations (``Rule.validated``), in DICOM codes."""
    return dicom(frozenset().union(*(r.validated for r in RULES)))


# --- the rules, highest priority first; each cites the guidance ----------------------------
# Kinds of structure (docs/matching-policy.md P1.2, P4.4): incidental calcified structures
# (stones, phleboliths, granulomas, vessel walls, gallstones, mitral annulus) feed no rule.
MASS = frozenset({"mass"})
MASS_OR_ORGAN = frozenset({"mass", "organ"})
UNMASSED = frozenset({"contrast-ct-noncontrast-first"})  # no mass, yet enhancement (P12.29)
JOINT = JOINT_KINDS
BONE = frozenset({"bone"})
CARDIO = frozenset({"heart", "vessel"})
NODE = frozenset({"node"})
# What each rule reads besides the MRI reports it cites (``Rule.validated``) are the modalities
# that may have shown its structures' calcification adequately (P13.1; ``evidence.adequate``).

RULES: list[Rule] = [
    # Critical Pitfalls: in pediatric patients with flank masses and calcification, the differential
    # includes neuroblastoma, Wilms tumor, and sarcomas; CT is essential
    Rule(id="pediatric-flank-mass", problem="mri-calcification",
         priority=10, orders=depends_on_mass_mineralization, mentions=pediatric_flank,
         patient=is_child, kinds=MASS, validated=BY_CT),
    # Mandatory CT Scenarios: when distinguishing ossification from calcification is clinically
    # important (e.g. the zonal pattern of myositis ossificans)
    Rule(id="ossification-vs-calcification", problem="mri-calcification", priority=15,
         orders=depends_on_mass_mineralization, mentions=ossification,
         kinds=MASS, validated=BY_CT),
    # Mandatory CT Scenarios: any soft tissue mass in the flank, paraspinal region, groin, or deep
    # tissues where calcification pattern affects diagnosis
    Rule(id="deep-soft-tissue-mass", problem="mri-calcification",
         priority=20, orders=depends_on_mass_mineralization, mentions=deep_mass,
         kinds=MASS, validated=BY_CT),
    # Joint and Inflammatory Conditions; Mandatory CT Scenarios: crystal deposition disease is
    # better shown by radiography, ultrasound and CT than by MRI
    Rule(id="crystal-deposition", problem="mri-calcification",
         priority=40, orders=crystal_order, mentions=crystal,
         kinds=JOINT, validated=frozenset({CT, US, XR})),
    # Cardiovascular Calcifications: calcified coronary arteries, calcific pericarditis and
    # calcified infarcts are readily apparent on CT but may be missed entirely on MRI
    Rule(id="cardiovascular-calcification", problem="mri-calcification", priority=40,
         orders=cardio_order, mentions=cardio, kinds=CARDIO, validated=BY_CT, fits=cardio_fits),
    # Mandatory CT Scenarios: before biopsy of any mass where calcification is mentioned, as the
    # pattern may be diagnostic (a breast mass: mammography shows it, P13.1)
    Rule(id="biopsy-calcified-mass", problem="mri-calcification",
         priority=45, orders=lambda o: o.kind == "biopsy", mentions=is_calcification,
         kinds=MASS, validated=frozenset({CT, MG, US})),
    # The same for a lesion inside bone (P16.2), a warning: the "do not proceed to biopsy"
    # pitfall is worded for a soft tissue mass; radiographs or CT show a bone lesion's matrix
    Rule(id="bone-lesion-biopsy", problem="mri-calcification",
         priority=45, orders=lambda o: o.kind == "biopsy",
         mentions=lambda c: is_calcification(c) or ossification(c),
         kinds=BONE, validated=frozenset({CT, XR})),
    # Critical Pitfalls: a signal void may represent calcification, hemosiderin, air, or flow void,
    # and CT may be needed for clarification
    Rule(id="signal-void", problem="mri-calcification", priority=50,
         orders=depends_on_mass_mineralization, mentions=signal_void,
         kinds=MASS, validated=frozenset({CT, MG})),
    # CT Protocol Considerations: obtain noncontrast CT images first, as distinguishing subtle
    # calcification from enhancement may be impossible without precontrast images; an ultrasound
    # answers a structure whose reference it is (a skin lesion, the thyroid: P13.18)
    Rule(id="contrast-ct-noncontrast-first", problem="mri-calcification", priority=60,
         orders=lambda o: o.kind == "ct-contrast", mentions=is_calcification,
         kinds=MASS_OR_ORGAN, validated=frozenset({CT, US})),
    # Critical Pitfalls: do not assume MRI has adequately characterized calcification; if the
    # clinical question involves its nature, extent or pattern, obtain CT. Another MRI ordered to
    # characterize a calcified mass no mandatory scenario covers (an organ's, P4.13): information
    Rule(id="mri-characterization", problem="mri-calcification", priority=65,
         orders=lambda o: o.kind == "mri" and ("characterize" in o.purposes or (
             "mass" in o.purposes and "surveillance" not in o.purposes)),
         mentions=lambda c: is_calcification(c) and not (deep_mass(c) or ossification(c)),
         kinds=MASS, validated=frozenset({CT, MG, US})),
    # Soft Tissue Masses: CT before biopsy "to guide diagnosis and management"; CT Protocol
    # Considerations: CT's multiplanar capability shows the interface of calcified masses with
    # adjacent bone. Surgery on the calcified structure (P18), information only: the guidance makes
    # CT mandatory before biopsy, not before surgery.
    Rule(id="surgical-planning", problem="surgical-planning", priority=70,
         orders=lambda o: o.kind == "surgery", mentions=surgical_target,
         kinds=frozenset({"mass", "bone", "joint", "tendon", "heart"}),
         validated=frozenset({CT, US, XR, MG}), fits=operated_on),
    # Lymph Node Metastases: calcified or mixed-signal lymph nodes on MRI (rectal cancer) may
    # indicate metastasis and look larger than the calcification seen on CT
    Rule(id="nodal-calcification", problem="nodal-calcification",
         priority=80, orders=lymph_node_order, mentions=nodal,
         kinds=NODE, validated=BY_CT),
]


# --- evaluation ----------------------------------------------------------------------------


def on_record_modalities(reports: Iterable[ReportFindings]) -> frozenset[str]:
    """The DICOM modalities the rules read at any date for these reports' findings: the
    radiographs of a bone lesion's part, whose presence decides what the card offers (P16.2)."""
    return dicom({XR}) if any(m.counts and m.kind == "bone" for r in reports
                              if r.modality == MRI for m in r.findings.mentions) else frozenset()


def prior_modalities(reports: Iterable[ReportFindings]) -> frozenset[str]:
    """The DICOM modalities of the prior imaging the rules read for these reports' findings:
    what some rule declares (``Rule.validated``) and may show one of their structures."""
    return validated_modalities() & dicom(frozenset().union(*(
        adequate(m, r) for r in reports if r.modality == MRI
        for m in r.findings.mentions if m.counts)))


def _citations(ev: Evidence) -> list[Citation]:
    """Current findings of current MRI reports, newest first: no superseded statement, no
    replaced report (P6), none a newer report says is gone (P14.4). Linear: the structures a
    report cites or says are gone are a few keys of the anatomy table, kept as sets."""
    found: list[tuple[ReportFindings, Mention, frozenset[tuple[Key, str | None]]]] = []
    gone: set[Gone] = set()    # absent in a report of a newer day, with the tendons it named
    today: set[Gone] = set()   # absent in a report of the day being read
    told: set[Told] = set()    # and the structures such a statement names (P14.15)
    told_today: set[Told] = set()
    voids: set[Key] = set()    # a sign a newer report gives blood as its cause (P14.18)
    voids_today: set[Key] = set()
    taken: set[tuple[Key, str]] = set()  # removed on the day a newer report says (P14.16a)
    taken_today: set[tuple[Key, str]] = set()
    current = None
    for report in matching.current_reports(r for r in ev.reports if r.modality == MRI):
        if day(report.date) != current:
            current, gone, told = day(report.date), gone | today, told | told_today
            voids, today, told_today, voids_today = voids | voids_today, set(), set(), set()
            taken, taken_today = taken | taken_today, set()
        absent = {key(s) for s in report.findings.structures if s.mineral == "absent"} | {
            r[:3] for r in report.removed if r[3] is None} | {  # taken out (P14.16), blood (P14.18)
            (kind, site, side) for kind, site, side, back in report.explained if back}
        today |= gone_said(report, absent)
        taken_today |= {(r[:3], d) for r in report.removed if (d := r[3]) and d <= day(report.date)}
        voids_today |= {(kind, site, side) for kind, site, side, _ in report.explained}
        told_today |= {(kind_family(m), m.side, names(m)) for m in report.findings.mentions
                       if m.assertion == "negated" and not m.superseded and key(m) in absent}
        counting = [m for m in report.findings.mentions if m.counts]
        cited = frozenset((key(m), family(m.seen_on)) for m in counting
                          if m.seen_on not in (None, MRI))
        found += [(report, m, cited) for m in counting if not any(reaches(g, m) for g in gone)
                  and not (told and told_gone(m, told))
                  and not any(same(k, key(m)) and day(report.date)[:len(d)] <= d for k, d in taken)
                  and not (m.alone and any(same(g, key(m)) for g in voids))]
    stated = frozenset(key(m) for _, m, _ in found
                       if m.concept == "calcification" and not open_void(m))
    superficial = frozenset(key(m) for _, m, _ in found if "superficial" in m.contexts)
    named = frozenset(key(m) for _, m, _ in found if matching.names_lesion(m))
    cystic = frozenset(key(m) for _, m, _ in found if m.kind == "mass"
                       and WORDS["cyst_lesion"].search(m.sentence)
                       and not WORDS["solid_part"].search(m.sentence))
    return [Citation(report, m, cited, stated, superficial, named, cystic)
            for report, m, cited in found]


def _ct_region(order: DraftOrder, cites: Sequence[Citation]) -> str | None:
    """The region to suggest a noncontrast CT of: the order's, where it covers the structure."""
    covered = matching.order_regions(order)
    if len(covered) > 1 and cites:
        for r in sorted(covered, key=lambda r: (r != order.region, r)):
            if anatomy.overlaps({r}, cites[0].field) and r in anatomy.all_regions():
                return r
    if (order.region == "cardiac" and order.kind != "ct-contrast" and cites
            and not anatomy.is_a(cites[0].mention.site, "coronary-arteries")):
        return "chest"  # pericardium, myocardium, a cardiac mass: a chest CT; a calcium score
        # for the coronary arteries, or a CCTA's own (P11.2: by the structure, not the organ)
    if order.region in anatomy.all_regions() and not (cites and cites[0].regions and not (
            anatomy.overlaps({order.region}, matching.belly_regions(cites[0].mention,
                                                                    cites[0].regions)))):
        return order.region  # not a region the structure is not in ("back or flank": P18.6)
    for c in cites:  # the structure's own CT region (a sinus: face and sinuses), else that of
        # the MRI that showed it where it images the site (a paraspinal mass on a thoracic spine
        # MRI: thoracic spine, P2.8), else any
        site = anatomy.site(c.mention.site or "")
        shown = [r for s in sorted(anatomy.sites_in(c.report.title) - {c.mention.site})
                 for r in sorted(anatomy.site_regions(s)) if r in c.regions]
        for r in ([site.ct_region] if site and site.ct_region else []) + shown + sorted(c.regions):
            if r in anatomy.all_regions():
                return r
    return None


def _refers_back(m: Mention) -> bool:
    """A statement naming its structure only by referring back ("It contains …", "Within it is
    a concretion …"), not one naming it or its place ("Opacified left maxillary sinus with …")."""
    return not names_structure(m.sentence) and bool(ANAPHOR.match(m.sentence) or m.antecedent)


def evaluate(order: DraftOrder, ev: Evidence) -> list[Decision]:
    """Every rule that fires for ``order``; empty when nothing applies."""
    if order.kind in ("ct-noncontrast", "ct-without-and-with"):
        return []
    lesion = matching.wants_lesion(order)  # "biopsy of the lesion" (P3.4)
    candidates = [c for c in _citations(ev)
                  if matching.target_matches(order, c.mention, c.regions)
                  and not (lesion and not c.among(c.named))
                  and not matching.satisfied_in_draft(ev.draft, order, c.mention, c.regions)]
    if not candidates:
        return []
    decisions = []
    for r in RULES:
        if not r.orders(order) or not r.patient(ev.patient):
            continue
        # a node is its own problem, read by its own rule; a mineral where the MRI denies a mass
        cites = tuple(c for c in candidates if c.mention.kind in r.kinds and r.mentions(c)
                      and r.fits(order, c) and not (c.mention.unmassed and r.id not in UNMASSED)
                      and not shown(ev, c, adequate(c.mention, c.report) & r.validated,
                                    stating(c.mention) & r.validated))
        if not cites:
            continue
        # the driving report's statement that names its structure leads (P20.2): the
        # Impression's "5.8 cm calcified thigh mass", not the Findings' "It contains …"; a
        # stated calcification before a void whose cause is left open (P4.7)
        cites = tuple(sorted(cites, key=lambda c: (
            c.report is not cites[0].report, open_void(c.mention), _refers_back(c.mention))))
        lead, newest = cites[0].mention, day(cites[0].report.date)
        certainty: Certainty = "affirmed" if any(
            c.mention.assertion == "affirmed" for c in cites if day(c.report.date) == newest
        ) else "possible"
        # a radiograph of a bone lesion's part on record (P16.2), one to name unreported (P16.5)
        on_record, unreported = radiograph_on_record(ev, cites[0]) if lead.kind == "bone" else (
            False, "")
        decisions.append(Decision(
            rule_id=r.id, card_id=r.id, problem=r.problem, priority=r.priority, order=order,
            citations=cites, certainty=certainty, ct_region=_ct_region(order, cites),
            # a bilateral structure: the CT of the side the order names (P4.3)
            side=order.side if lead.side in (None, "bilateral") and order.side else lead.side,
            site=lead.site, side_unknown=matching.side_unknown(order, lead),
            radiographed=on_record, unreported=unreported,
            later=later_mris(ev, cites[0]), seen_later=(seen := later_shown(ev, cites[0])),
            seen_before=None if seen else earlier_shown(ev, cites[0])))
    return decisions


@dataclass(frozen=True, slots=True)
class Problem:
    """One card's worth: the driving decision, and the other rules that agree with it."""

    lead: Decision
    also: tuple[Decision, ...]
    orders: tuple[DraftOrder, ...]


def merge(decisions: Iterable[Decision]) -> list[Problem]:
    """One card per clinical problem and suggested CT region, however many rules fired."""
    groups: dict[tuple[str, str | None], list[Decision]] = {}
    for d in decisions:
        groups.setdefault((d.problem, d.ct_region), []).append(d)
    problems = []
    for group in groups.values():
        # a stated calcification leads a card over a void whose cause is left open (P4.7)
        group.sort(key=lambda d: (any(open_void(c.mention) for c in d.citations[:1]),
                                  d.priority))
        also: dict[str, Decision] = {}
        for d in group[1:]:
            if d.rule_id != group[0].rule_id:
                also.setdefault(d.rule_id, d)
        # Each order once, by identity: an order is one object per call (read once per draft
        # entry); comparing whole dataclasses made this quadratic in draft orders (2,000: 6 s).
        orders = {id(d.order): d.order for d in group}
        problems.append(Problem(group[0], tuple(also.values()), tuple(orders.values())))
    problems.sort(key=lambda p: p.lead.priority)
    return problems
