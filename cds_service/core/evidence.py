"""What the rules read besides the order: the prior imaging (``Evidence``), the statements they
cite (``Citation``), and whether a modality adequate for a structure has already shown its
calcification (docs/matching-policy.md P12.4, P13, P16.2). Pure: plain functions of the reports
and studies the pipeline gathered.
"""

from __future__ import annotations

from dataclasses import dataclass

from cds_service.core import anatomy, attachments, matching
from cds_service.core.anatomy import CtCode
from cds_service.core.orders import DraftOrder
from cds_service.core.reading import Mention, ReportFindings, StudyFacts
from cds_service.core.reading.facts import Structure
from cds_service.core.reading.structure import WORDS

MRI = "MR"
CT = "CT"
XR = "XR"  # radiography, as a cited study names it; DICOM writes it DX, CR, DR or DG
US = "US"
MG = "MG"
RADIOGRAPHY = frozenset({"DX", "CR", "DR", "DG", XR})

BY_CT = frozenset({CT})  # adequate for every structure P13.1 names no other study for
# The word lists below are data (findings_structures.json, loaded once with WORDS).
# a crystal deposition disease named as such: a tophus in a tendon or bursa is gout's, and
# radiography shows it as it shows a gouty joint (P4.8, P13.1); calcific tendinitis is not one
_CRYSTAL_DISEASE = WORDS["crystal_disease"]
# a deposit in a ligament, a joint capsule or a volar or plantar plate, or calcific
# periarthritis, takes the tendon and capsule row: CT or ultrasound, not radiographs (P13.10)
_CAPSULE = WORDS["capsule"]
JOINT_KINDS = matching.JOINT_KINDS  # the structures of a joint (P15.4)


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


Key = tuple[str, str | None, str | None]  # a structure: kind, site, side


@dataclass(frozen=True, slots=True)
class Citation:
    report: ReportFindings
    mention: Mention
    # the structures of the report another modality showed, with that modality (P12.4)
    cited: frozenset[tuple[Key, str | None]] = frozenset()
    # the structures whose calcification a current statement names in words, not only as one
    # cause of a void (P1.3, P7.4)
    stated: frozenset[Key] = frozenset()
    # the structures a statement places superficial to the fascia ("subcutaneous mass", P4.9)
    superficial: frozenset[Key] = frozenset()
    # the structures a statement names as a lesion ("mass", "meningioma"; P3.4)
    named: frozenset[Key] = frozenset()
    # the structures a statement names as a cyst with no solid part ("tailgut cyst", P4.9c)
    cystic: frozenset[Key] = frozenset()

    @property
    def regions(self) -> frozenset[str]:
        """Where the mention is: its own site, else the report's findings, else the exam."""
        return self.mention.regions or self.report.findings.regions or self.report.regions

    @property
    def field(self) -> frozenset[str]:
        """Which region of a several-region CT is the structure's (P17.15): the region a CT of
        its site is ordered as, where ``regions`` also hold a broader region that covers it (an
        orbit: skull-base, not the head that covers the orbits and the face); else ``regions``
        (a gluteal mass stays in the pelvis and the lower extremity)."""
        site = anatomy.site(self.mention.site or "")
        own = site.ct_region if site is not None else None
        broader = own and any(own in anatomy.expand(r) for r in self.regions - {own})
        return frozenset({own}) if own and broader and own in self.regions else self.regions

    def among(self, keys: frozenset[Key]) -> bool:
        """Whether the mention's structure is one of ``keys`` (``same``)."""
        return any(same(k, key(self.mention)) for k in keys)

    @property
    def seen_on(self) -> str:
        """The modality that showed it: one the report cites (P12.1), else the report's own."""
        return self.mention.seen_on or self.report.modality or MRI


def day(value: str | None) -> str:
    """The day of a FHIR date or dateTime, as the rules compare them ("" when absent)."""
    return (value or "")[:10]


def family(modality: str | None) -> str | None:
    """A modality as the adequacy table names it: every radiograph is XR."""
    return XR if modality in RADIOGRAPHY else modality


def adequate(m: Mention, report: ReportFindings | None = None) -> frozenset[str]:
    """The modalities that characterize this structure's calcification (P13.1): radiography
    (and CT) for a bone lesion's matrix, mammography for the breast, CT or ultrasound for
    chondrocalcinosis, a tendon, bursa or capsule, and radiography too for crystal deposition
    named as such; ultrasound too for a skin or subcutaneous lesion of a benign skin diagnosis
    the ``report`` favours (any such lesion when no report is given: what the service may
    read, P13.4); CT for everything else. MRI never."""
    if m.kind == "bone":
        return frozenset({CT, XR})
    if m.kind in JOINT_KINDS:
        named = "crystal-deposition" in m.contexts and "chondrocalcinosis" not in m.sentence.lower(
        ) and (m.kind == "joint" and not _CAPSULE.search(m.sentence)
               or bool(_CRYSTAL_DISEASE.search(m.sentence)))
        return frozenset({CT, US, XR} if named else {CT, US})
    if anatomy.is_a(m.site, "breast") and _breast_tissue(m):
        return frozenset({CT, MG})
    if m.kind != "node" and anatomy.reference_ultrasound(m.site):  # the thyroid (P13.8)
        return frozenset({CT, US})
    if m.kind == "mass" and cutaneous(m) and (report is None or report.skin_diagnosis):  # P13.9
        return frozenset({CT, US})
    return BY_CT


# a joint's chondrocalcinosis, and what a report says of it: the words that state it, or CPPD
# (P13.15); radiography shows it (its hallmark) but evaluates it less well than CT or ultrasound
_CRYSTAL_STATED = WORDS["crystal_stated"]


def stating(m: Mention) -> frozenset[str]:
    """The modalities that have shown this structure only where a report of theirs states it
    (P13.15): radiography for a joint's chondrocalcinosis, whose radiographic hallmark it is (a
    radiograph stating chondrocalcinosis or CPPD of the joint, or one the MRI cites as showing
    it); none for any other structure (a ligament, capsule or plate deposit, P13.10)."""
    if (m.kind == "joint" and "chondrocalcinosis" in m.sentence.lower()
            and not _CAPSULE.search(m.sentence)):
        return frozenset({XR})
    return frozenset()


def _states(o: Mention, m: Mention, side: str | None = None) -> bool:
    """Whether ``o`` states chondrocalcinosis or CPPD of the joint (and side) of ``m``."""
    return (o.counts and o.kind == "joint" and bool(_CRYSTAL_STATED.search(o.term))
            and bool(o.site and m.site and matching.related(o.site, m.site))
            and anatomy.sides_match(o.side or side, m.side))


def skin_ultrasound(m: Mention, report: ReportFindings, region: str | None) -> CtCode | None:
    """The ultrasound of a lesion the report places in the skin or subcutaneous tissue and calls
    a benign skin diagnosis, of its CT region, suggested first before its biopsy or excision
    (P13.11); None for any other structure or a region with no such ultrasound."""
    if m.kind != "mass" or not cutaneous(m) or not report.skin_diagnosis:
        return None
    return anatomy.TABLE.skin_ultrasounds.get(region or "")


# the breast's own tissue; an axillary mass, or one in the deep tissues, that the report does not
# put there is no breast lesion: a soft-tissue mass, no mammogram (P13.6a)
_BREAST_TISSUE, _AXILLA = WORDS["breast_tissue"], WORDS["axilla"]


def _breast_tissue(m: Mention) -> bool:
    """Whether a breast-site structure is the breast's own, as mammography sees it (P13.6a)."""
    said = " ".join(filter(None, (m.sentence, m.antecedent, m.described)))
    return bool(_BREAST_TISSUE.search(said)) or not (
        "deep-space" in m.contexts or _AXILLA.search(said))


# a lesion's extension through the fascia or into the muscles; the places deep to the fascia are
# the ``deep-space`` context and the ``deep-soft-tissue`` site (P13.9)
_DEEPER = WORDS["deeper"]


def cutaneous(m: Mention) -> bool:
    """The report places the lesion in the skin, dermis or subcutaneous tissue, superficial to
    the fascia ("subcutaneous nodule", "nodule within the dermis"; P13.9), never "superficial"
    or "palpable" alone, and nothing puts it deeper (an organ's, a deep space, "intramuscular",
    "extending through the fascia")."""
    text = " ".join(t for t in (m.sentence, m.antecedent or "") if t)
    return ("cutaneous" in m.contexts and "deep-space" not in m.contexts
            and not anatomy.is_a(m.site, "organs") and not _DEEPER.search(text)
            and all(sid != "deep-soft-tissue" for _, _, sid in anatomy.find_sites(text)))


def same(a: Key, b: Key) -> bool:
    """Same kind and side, and the same site, a part of it, or a region-only site holding it."""
    if a[0] != b[0] or not anatomy.sides_match(a[2], b[2]):
        return False
    if a[1] is None or b[1] is None or matching.related(a[1], b[1]):
        return True
    return (any(map(anatomy.is_region_site, (a[1], b[1])))
            and anatomy.overlaps(anatomy.site_regions(a[1]), anatomy.site_regions(b[1])))


def key(s: Mention | Structure) -> Key:
    return s.kind, s.site, s.side


_LIMBS = frozenset({"upper-extremity", "lower-extremity"})


def names(m: Mention) -> frozenset[str]:
    """The structures a statement names, finer than a joint or a limb (P14.15): the sites its
    sentence, or the one it refers back to, names ("quadratus lumborum": paraspinal), and the
    muscle or tendon a part word follows ("the popliteus groove", "quadriceps tendon"), and
    the tendon a bony attachment names ("the medial epicondyle": the common flexor origin,
    P14.20)."""
    out: set[str] = set()
    for text in (m.sentence, m.antecedent or ""):
        out.update(attachments.tendons_named(text))
        out.update(sid for _, _, sid in anatomy.find_sites(text)
                   if (regions := anatomy.site_regions(sid)) and not regions <= _LIMBS
                   and not anatomy.is_region_site(sid))
        out.update(name.lower() for w in WORDS["part_name"].finditer(text)
                   if (name := w.group(w.lastindex or 0))
                   and not WORDS["part_generic"].fullmatch(name))
    return frozenset(out)


def kind_family(m: Mention) -> str:
    """A deposit is one structure whether a report calls it the joint's, the tendon's or a
    deposit of no kind ("the calcific deposit of the long head of the biceps")."""
    return "deposit" if m.kind in JOINT_KINDS or m.lesion == "deposit" else m.kind


Told = tuple[str, str | None, frozenset[str]]  # a structure's kind family, side and names
Gone = tuple[Key, frozenset[str]]  # a structure said to be gone, and the tendons the saying names


def told_gone(m: Mention, told: set[Told]) -> bool:
    """Whether a newer report said the structure ``m`` is about has no calcification, naming it
    as ``m``'s statement does: the same muscle or tendon, however each report's reader placed or
    typed it (P14.15)."""
    mine = names(m)
    return bool(mine) and any(f == kind_family(m) and anatomy.sides_match(side, m.side)
                              and mine & said for f, side, said in told)


def _tendons(m: Mention) -> frozenset[str]:
    """The tendons a statement names, by name or by bony attachment (P14.20)."""
    return attachments.tendons_named(f"{m.sentence}\n{m.antecedent or ''}")


def gone_said(report: ReportFindings, absent: set[Key]) -> set[Gone]:
    """The structures ``absent`` in a report, each with the tendons its statements saying so
    name (none where they name none; P14.20)."""
    return {(k, frozenset().union(*(_tendons(m) for m in report.findings.mentions
                                    if m.assertion == "negated" and key(m) == k)))
            for k in absent}


def reaches(gone: Gone, m: Mention) -> bool:
    """Whether a newer report's "gone" reaches the older statement ``m`` (P14.4): the same
    structure, unless both name tendons and none in common: the deposit at the lateral
    epicondyle is not the common flexor origin's, the lesser tuberosity's not the
    supraspinatus's (P14.20)."""
    if not same(gone[0], key(m)):  # the cheap test first: most keys differ
        return False
    said, mine = gone[1], _tendons(m)
    return not (said and mine) or bool(said & mine)


def shown(ev: Evidence, c: Citation, modalities: frozenset[str],
          stated: frozenset[str] = frozenset()) -> bool:
    """Whether an adequate modality (``modalities``) has shown the structure (P13.2): the MRI
    report citing it for that structure (P12.4), a study of it covering the region and side
    (read from the description or title) on or after the MRI, or a report of it that states
    calcification of a structure there; or a modality of ``stated`` (``stating``) by a report
    of it, or the MRI's citing it, stating the structure's own disease (P13.15)."""
    m = c.mention
    if any(seen in modalities and same(k, key(m)) for k, seen in c.cited):
        return True
    if stated and any(family(x.seen_on) in stated and _states(x, m)
                      for x in c.report.findings.mentions):
        return True
    regions, mri_day = c.regions, day(c.report.date)
    # a named lesion is answered by a statement about a lesion, not by scattered calcifications
    lesion = c.among(c.named)
    if not regions:
        return False
    tendons: list[frozenset[str]] = []  # the deposit's tendons, read once, when a title asks

    def titled(title: str) -> bool:
        """The title names the tendon whose deposit it is, as its report's statements of that
        structure name it ("US LEFT ADDUCTOR ORIGIN", "US RIGHT PATELLAR TENDON"): a study of
        the deposit, whatever region the title names or does not (P13.12)."""
        if m.kind != "tendon" or not (named := attachments.tendons_named(title)):
            return False
        if not tendons:
            tendons.append(_its_tendons(c))
        return not named.isdisjoint(tendons[0])

    for study in ev.studies:
        if (not modalities.isdisjoint(map(family, study.modalities))
                and study.usable and day(study.date) >= mri_day
                and (anatomy.overlaps(study.regions, regions)
                     or titled(study.description))
                and anatomy.sides_match(anatomy.side_in(study.description), m.side)):
            return True
    for report in ev.reports:
        if family(report.modality) in stated and any(
                _states(o, m, anatomy.side_in(report.title)) for o in report.findings.mentions):
            return True
        if (family(report.modality) not in modalities
                or not anatomy.sides_match(anatomy.side_in(report.title), m.side)
                or not (anatomy.overlaps(report.regions | report.findings.regions, regions)
                        or titled(report.title))):
            continue
        if day(report.date) >= mri_day or any(
                o.counts and o.kind != "incidental" and anatomy.sides_match(o.side, m.side)
                and anatomy.overlaps(o.regions or report.regions, regions)
                and (matching.names_lesion(o) or not lesion)
                for o in report.findings.mentions):
            return True
    return False


def _its_tendons(c: Citation) -> frozenset[str]:
    """The tendons the report's statements of a deposit's structure name (P14.20)."""
    return frozenset().union(*(_tendons(x) for x in c.report.findings.mentions
                               if x.kind == "tendon" and same(key(x), key(c.mention))))


def radiograph_on_record(ev: Evidence, c: Citation) -> tuple[bool, str]:
    """Whether a radiograph of the structure's part and side is on record, of any date: its
    title names the structure's site or a part or parent of it (a knee radiograph is not one of
    the femur), or, naming none, covers its region (P16.2); and, where no radiograph report of
    the part is in the record, the radiograph study of the part for the card to name ("XR LEFT
    HUMERUS 2 VIEWS, 2026-09-01"), else the MRI's comparison study (P16.5)."""
    if any(family(r.modality) == XR and _of_part(r.title, r.regions, c) for r in ev.reports):
        return True, ""
    study = next((s for s in _radiographs(ev) if _of_part(s.description, s.regions, c)), None)
    if study is not None:
        return True, f"{study.description}, {(study.date or 'undated')[:10]}"
    cited = _compared(c)
    return bool(cited), f"The MRI's comparison study ({cited})" if cited else ""


def _compared(c: Citation) -> str:
    """The first radiograph of the structure's part and side the MRI report's comparison
    section names ("Left tibia and fibula radiographs 2026-10-30"; P13.16): one naming no
    part is not taken for one."""
    return next((t for t in c.report.compared if anatomy.find_order_sites(t)
                 and _of_part(t, frozenset(), c)), "")


def _radiographs(ev: Evidence) -> list[StudyFacts]:
    """The usable radiograph studies on record."""
    return [s for s in ev.studies if s.usable and not RADIOGRAPHY.isdisjoint(s.modalities)]


def _of_part(text: str, regions: frozenset[str], c: Citation) -> bool:
    m = c.mention
    sites = {sid for _, _, sid in anatomy.find_order_sites(text)}
    at_end = _joints_at_end(c) if sites and m.site else set()
    part = (any(matching.related(s, m.site) or s in at_end for s in sites) if sites and m.site
            else anatomy.overlaps(regions, c.regions))
    return part and anatomy.sides_match(anatomy.side_in(text), m.side)


_END, _AT_JOINT, _SHAFT = WORDS["bone_end"], WORDS["at_joint"], WORDS["shaft"]
_END_NAMED = WORDS["end_named"]  # a part that is itself at one end: the malleolus (P16.20)


def _joints_at_end(c: Citation) -> set[str]:
    """The joint whose radiographs show a bone lesion at that end of its bone (P16.9): a lesion
    of the distal femoral metaphysis is on knee radiographs, one of the proximal humeral
    epiphysis on shoulder radiographs; a metaphysis or epiphysis named with no end is at the
    joint the MRI imaged (a knee MRI); a part at one end by its own name (the malleolus, P16.20)
    is at that end. Never a lesion of the shaft (diaphysis, metadiaphysis), nor one placed only
    "distal" (a distal femoral lesion may lie above the knee's field)."""
    ends = anatomy.bone_ends(c.mention.site)
    text = " ".join(t for t in (c.mention.sentence, c.mention.antecedent) if t)
    own = {ends[e] for w in _END_NAMED.finditer(text) if (e := w.lastgroup or "") in ends}
    if not ends or _SHAFT.search(text) or not (own or _AT_JOINT.search(text)):
        return set()  # "a distal femoral lesion" may lie above a knee radiograph's field
    named = own | {ends[e] for w in _END.finditer(text) if (e := w.group(1).lower()) in ends}
    exam = {sid for _, _, sid in anatomy.find_order_sites(c.report.title)}
    return named or set(ends.values()) & exam
