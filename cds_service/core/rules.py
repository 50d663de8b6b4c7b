"""Clinical rules: one declared rule per situation in the guidance, each a pure function.

Every rule cites its statement in ``shared/seeds/000_e9ec670990f8a3df.txt`` ("the guidance") in
the comment above its declaration; its card (``cards/<rule id>.yaml``) carries it to the reader.
A rule looks at one draft order and the patient's prior imaging and returns a ``Decision`` or
None. The MRI-limitation rules read MR reports only; a calcification a CT has already shown,
or a CT of the same region after the MRI, silences them (alert fatigue is a harm).

Cards are made per clinical problem, not per rule: ``merge`` keeps the highest-priority
decision of each problem and order as the card, and lists the others as further guidance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from cds_service.core import anatomy, matching
from cds_service.core.orders import DraftOrder
from cds_service.core.reading import Mention, ReportFindings, StudyFacts

Certainty = Literal["affirmed", "possible"]

FIRING_ASSERTIONS = frozenset({"affirmed", "possible"})
MRI = "MR"
CT = "CT"

# Site groups are anatomy data (data/anatomy.json): a site belongs when it or an is_a ancestor
# is the group. Checked at import, like card names are checked when cards load.
DEEP = "deep-locations"
CRYSTAL = "crystal-deposition-sites"
CARDIAC = "heart"
PEDIATRIC_FLANK = "flank-mass-sites"
ORGANS = "organs"
anatomy.require((DEEP, CRYSTAL, CARDIAC, PEDIATRIC_FLANK, ORGANS))
NODAL_CONTEXTS = frozenset({"lymph-node", "mixed-signal-node"})
NODAL_PROBLEM = "nodal-calcification"
CHARACTERIZING_PURPOSES = frozenset({
    "characterize", "mass", "crystal-deposition", "cardiovascular", "lymph-node",
})


@dataclass(frozen=True, slots=True)
class PatientFacts:
    age_years: int | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Prior imaging the rules read: usable reports and studies, newest first."""

    reports: tuple[ReportFindings, ...]
    studies: tuple[StudyFacts, ...]
    patient: PatientFacts = PatientFacts()
    draft: tuple[DraftOrder, ...] = ()  # every order of the draft, selected or not (P5)

    @property
    def mri_reports(self) -> tuple[ReportFindings, ...]:
        return tuple(r for r in self.reports if r.modality == MRI)


@dataclass(frozen=True, slots=True)
class Citation:
    report: ReportFindings
    mention: Mention

    @property
    def regions(self) -> frozenset[str]:
        """Where the mention is: its own site, else the report's findings, else the exam."""
        return self.mention.regions or self.report.findings.regions or self.report.regions

    @property
    def seen_on(self) -> str:
        """The modality that showed it: one the report cites (P12.1), else the report's own."""
        return self.mention.seen_on or self.report.modality or MRI

    @property
    def section(self) -> str | None:
        """The report section that states it (P20.1: "Findings", "Impression", "Addendum")."""
        return self.mention.section


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


RULES: list[Rule] = []


def rule(**kwargs: object) -> None:
    """Declare a rule (kept in ``RULES`` in declaration order)."""
    RULES.append(Rule(**kwargs))  # type: ignore[arg-type]


def validated_modalities() -> frozenset[str]:
    """Every modality some rule reads besides its citations (``Rule.validated``)."""
    return frozenset().union(*(r.validated for r in RULES))


# --- which orders depend on the calcification -------------------------------------------

def _mri_characterizing(order: DraftOrder) -> bool:
    return order.kind == "mri" and bool(order.purposes & CHARACTERIZING_PURPOSES)


def _depends_on_mass_mineralization(order: DraftOrder) -> bool:
    return order.kind in ("biopsy", "ct-contrast") or _mri_characterizing(order)


def _crystal_order(order: DraftOrder) -> bool:
    """Imaging that MRI or a contrast CT would answer: crystal deposition is about which
    imaging shows it, so a joint aspiration or a urate level does not depend on it (P15.1)."""
    return order.kind in ("mri", "ct-contrast")


def _cardio_order(order: DraftOrder) -> bool:
    """Orders that depend on the heart or the vessels, not every contrast chest CT (P4.4)."""
    if order.kind not in ("mri", "ct-contrast"):
        return False
    return (order.region == "cardiac" or "cardiovascular" in order.purposes
            or anatomy.any_is_a(order.sites, CARDIAC))


def _lymph_node_order(order: DraftOrder) -> bool:
    if order.kind == "biopsy":
        return "lymph-node" in order.sites or "lymph-node" in order.purposes
    return order.kind in ("mri", "ct-contrast")


# --- which mentions ------------------------------------------------------------------------

def _mention_contexts(c: Citation) -> frozenset[str]:
    return c.mention.contexts


def _is_calcification(c: Citation) -> bool:
    return c.mention.concept in ("calcification", "t1-hyperintensity") or (
        c.mention.concept == "signal-void" and "calcification" in c.mention.differential
    )


def _sites(c: Citation) -> frozenset[str]:
    """The sites the mention's sentence names (the nearest one first among them)."""
    return c.mention.sentence_sites or frozenset({c.mention.site} - {None})


def _deep_mass(c: Citation) -> bool:
    """A deep location other than an organ names the mass: an organ's mass (adnexa, parotid,
    kidney) is not a deep soft-tissue mass, though the adnexa lie in the pelvis (P17.4)."""
    sites = _sites(c) or c.report.findings.sites
    return (_is_calcification(c)
            and "soft-tissue-mass" in (_mention_contexts(c) | c.report.findings.contexts)
            and any(anatomy.is_a(s, DEEP) and not anatomy.is_a(s, ORGANS) for s in sites))


def _ossification(c: Citation) -> bool:
    return c.mention.concept == "ossification" or bool(
        _mention_contexts(c) & {"myositis-ossificans", "ossification-vs-calcification"})


def _signal_void(c: Citation) -> bool:
    """A void whose cause is left open, or among several; a void the report calls (possibly)
    calcification and nothing else is a calcification mention, for the calcification rules."""
    return ((c.mention.concept == "signal-void" or "signal-void" in _mention_contexts(c))
            and c.mention.differential != ("calcification",))


def _crystal(c: Citation) -> bool:
    return "crystal-deposition" in _mention_contexts(c) or (
        _is_calcification(c) and anatomy.any_is_a(_sites(c), CRYSTAL))


def _cardio(c: Citation) -> bool:
    return (_is_calcification(c) or c.mention.concept == "signal-void") and (
        anatomy.any_is_a(_sites(c), CARDIAC)
        or bool(_mention_contexts(c) & {"infarct", "pericarditis"}))


def _pediatric_flank(c: Citation) -> bool:
    return (_is_calcification(c)
            and anatomy.any_is_a(_sites(c) or c.report.findings.sites, PEDIATRIC_FLANK)
            and "soft-tissue-mass" in (_mention_contexts(c) | c.report.findings.contexts))


def _is_nodal(c: Citation) -> bool:
    return bool(_mention_contexts(c) & NODAL_CONTEXTS)


def _nodal(c: Citation) -> bool:
    return _is_nodal(c) and (
        _is_calcification(c) or "mixed-signal-node" in _mention_contexts(c))


def _is_child(p: PatientFacts) -> bool:
    return p.age_years is not None and p.age_years < 18


# --- the rules, highest priority first; each cites the guidance ----------------------------
# Kinds of structure (docs/matching-policy.md P1.2, P4.4): incidental calcified structures
# (stones, phleboliths, granulomas, vessel walls, gallstones, mitral annulus) feed no rule.
MASS = frozenset({"mass"})
MASS_OR_ORGAN = frozenset({"mass", "organ"})
JOINT = frozenset({"joint", "tendon"})
CARDIO = frozenset({"heart", "vessel"})
NODE = frozenset({"node"})
# What the MRI-limitation rules read besides the MRI reports they cite: a CT of the region after
# the MRI, or one that showed the calcification, silences them (``characterized_by_ct``).
SILENCED_BY_CT = frozenset({CT})


# Critical Pitfalls: in pediatric patients with flank masses and calcification, the differential
# includes neuroblastoma, Wilms tumor, and sarcomas; CT is essential
rule(id="pediatric-flank-mass", problem="mri-calcification",
     priority=10, orders=_depends_on_mass_mineralization, mentions=_pediatric_flank,
     patient=_is_child,
     kinds=MASS, validated=SILENCED_BY_CT)
# Mandatory CT Scenarios: when distinguishing ossification from calcification is clinically
# important (e.g. the zonal pattern of myositis ossificans)
rule(id="ossification-vs-calcification", problem="mri-calcification", priority=15,
     orders=_depends_on_mass_mineralization, mentions=_ossification,
     kinds=MASS, validated=SILENCED_BY_CT)
# Mandatory CT Scenarios: any soft tissue mass in the flank, paraspinal region, groin, or deep
# tissues where calcification pattern affects diagnosis
rule(id="deep-soft-tissue-mass", problem="mri-calcification",
     priority=20, orders=_depends_on_mass_mineralization, mentions=_deep_mass,
     kinds=MASS, validated=SILENCED_BY_CT)
# Joint and Inflammatory Conditions; Mandatory CT Scenarios: crystal deposition disease is
# better shown by radiography, ultrasound and CT than by MRI
rule(id="crystal-deposition", problem="mri-calcification",
     priority=40, orders=_crystal_order, mentions=_crystal,
     kinds=JOINT, validated=SILENCED_BY_CT)
# Cardiovascular Calcifications: calcified coronary arteries, calcific pericarditis and
# calcified infarcts are readily apparent on CT but may be missed entirely on MRI
rule(id="cardiovascular-calcification", problem="mri-calcification", priority=40,
     orders=_cardio_order, mentions=_cardio,
     kinds=CARDIO, validated=SILENCED_BY_CT)
# Mandatory CT Scenarios: before biopsy of any mass where calcification is mentioned, as the
# pattern may be diagnostic
rule(id="biopsy-calcified-mass", problem="mri-calcification",
     priority=45, orders=lambda o: o.kind == "biopsy", mentions=_is_calcification,
     kinds=MASS, validated=SILENCED_BY_CT)
# Critical Pitfalls: a signal void may represent calcification, hemosiderin, air, or flow void,
# and CT may be needed for clarification
rule(id="signal-void", problem="mri-calcification", priority=50,
     orders=_depends_on_mass_mineralization, mentions=_signal_void,
     kinds=MASS, validated=SILENCED_BY_CT)
# CT Protocol Considerations: obtain noncontrast CT images first, as distinguishing subtle
# calcification from enhancement may be impossible without precontrast images
rule(id="contrast-ct-noncontrast-first", problem="mri-calcification", priority=60,
     orders=lambda o: o.kind == "ct-contrast", mentions=_is_calcification,
     kinds=MASS_OR_ORGAN, validated=SILENCED_BY_CT)
# Soft Tissue Masses: CT before biopsy "to guide diagnosis and management"; CT Protocol
# Considerations: CT's multiplanar capability shows the interface of calcified masses with
# adjacent bone. Surgery on the calcified structure (P18), information only: the guidance makes
# CT mandatory before biopsy, not before surgery.
rule(id="surgical-planning", problem="surgical-planning", priority=70,
     orders=lambda o: o.kind == "surgery", mentions=_is_calcification,
     kinds=frozenset({"mass", "bone", "joint", "tendon"}), validated=SILENCED_BY_CT)
# Lymph Node Metastases: calcified or mixed-signal lymph nodes on MRI (rectal cancer) may
# indicate metastasis and look larger than the calcification seen on CT
rule(id="nodal-calcification", problem=NODAL_PROBLEM,
     priority=80, orders=_lymph_node_order, mentions=_nodal,
     kinds=NODE, validated=SILENCED_BY_CT)


# --- evaluation ----------------------------------------------------------------------------

def day(value: str | None) -> str:
    """The day of a FHIR date or dateTime, as the rules compare them ("" when absent)."""
    return (value or "")[:10]


def characterized_by_ct(ev: Evidence, c: Citation) -> bool:
    """A CT of the same region after the MRI, or a CT that already showed the calcification."""
    regions = c.regions
    if not regions:
        return False
    mri_day = day(c.report.date)
    for study in ev.studies:
        if (CT in study.modalities and study.status not in ("entered-in-error", "cancelled")
                and day(study.date) >= mri_day and anatomy.overlaps(study.regions, regions)):
            return True
    for report in ev.reports:
        if report.modality != CT:
            continue
        report_regions = report.regions | report.findings.regions  # the exam, and what it found
        if not anatomy.overlaps(report_regions, regions):
            continue
        if day(report.date) >= mri_day or report.findings.calcification in ("present", "possible"):
            return True
    return False


def _citations(ev: Evidence) -> list[Citation]:
    """Current findings of current MRI reports (no superseded statement, no replaced report)."""
    out = []
    for report in matching.current_reports(ev.mri_reports):
        for mention in report.findings.mentions:
            if mention.counts:
                out.append(Citation(report, mention))
    return out


def _ct_region(order: DraftOrder, cites: Sequence[Citation]) -> str | None:
    """The region to suggest a noncontrast CT of: the order's, where it covers the structure."""
    covered = matching.order_regions(order)
    if len(covered) > 1 and cites:
        for r in sorted(covered, key=lambda r: (r != order.region, r)):
            if anatomy.overlaps({r}, cites[0].regions) and r in anatomy.all_regions():
                return r
    if order.region in anatomy.all_regions():
        return order.region
    for c in cites:  # the structure's own CT region (a sinus: face and sinuses), else any
        site = anatomy.site(c.mention.site or "")
        for r in ([site.ct_region] if site and site.ct_region else []) + sorted(c.regions):
            if r in anatomy.all_regions():
                return r
    return None


def evaluate(order: DraftOrder, ev: Evidence) -> list[Decision]:
    """Every rule that fires for ``order``; empty when nothing applies."""
    if order.kind in ("ct-noncontrast", "ct-without-and-with"):
        return []
    candidates = [c for c in _citations(ev)
                  if matching.target_matches(order, c.mention, c.regions)]
    candidates = [c for c in candidates if not characterized_by_ct(ev, c)
                  and not matching.satisfied_in_draft(ev.draft, order, c.mention, c.regions)]
    if not candidates:
        return []
    decisions = []
    for r in RULES:
        if not r.orders(order) or not r.patient(ev.patient):
            continue
        # A calcified lymph node is its own clinical problem (metastasis), read by its own rule.
        cites = tuple(c for c in candidates
                      if c.mention.kind in r.kinds and r.mentions(c))
        if not cites:
            continue
        newest = day(cites[0].report.date)
        newest_cites = [c for c in cites if day(c.report.date) == newest]
        certainty: Certainty = (
            "affirmed" if any(c.mention.assertion == "affirmed" for c in newest_cites)
            else "possible")
        decisions.append(Decision(
            rule_id=r.id, card_id=r.id, problem=r.problem, priority=r.priority, order=order,
            citations=cites, certainty=certainty, ct_region=_ct_region(order, cites),
            side=cites[0].mention.side or order.side, site=cites[0].mention.site,
            side_unknown=matching.side_unknown(order, cites[0].mention)))
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
        group.sort(key=lambda d: d.priority)
        lead = group[0]
        seen_rules = {lead.rule_id}
        also = []
        for d in group[1:]:
            if d.rule_id not in seen_rules:
                seen_rules.add(d.rule_id)
                also.append(d)
        # Each order once, in first-seen order. By identity: an order is one object per call
        # (read once per draft entry), and comparing whole dataclasses (with their resources)
        # against a list made this quadratic in draft orders (2,000 orders: 6 s).
        orders: dict[int, DraftOrder] = {}
        for d in group:
            orders.setdefault(id(d.order), d.order)
        problems.append(Problem(lead=lead, also=tuple(also), orders=tuple(orders.values())))
    problems.sort(key=lambda p: p.lead.priority)
    return problems
