"""Another study of another modality that shows the structure's mineral, for the card to
acknowledge (docs/matching-policy.md P11.96, P11.97): a radiograph taken after the MRI that
states the calcification ("XR SHOULDER RT 2+ VIEWS" of 2026-10-28: "Calcific deposit near the
bicipital groove"), or one taken before it ("XR PELVIS AP" of 2026-10-21: "Amorphous soft-tissue
mineralization medial to the right proximal femur"), is on record, yet is no adequate study of
the structure (P13.1: ultrasound or CT for a tendon's deposit, CT for a soft-tissue mass), so
the card keeps its recommendation and says in one sentence that the study shows it, as P13.16
reads the radiographs an MRI names; for a heart structure, only a study naming its part of the
heart (P13.24). Pure: evidence in, a report out."""

from __future__ import annotations

from cds_service.core import anatomy, matching
from cds_service.core.evidence import MRI, Citation, Evidence, adequate, day, family
from cds_service.core.reading import Mention, ReportFindings
from cds_service.core.reading.structure import WORDS


def _shown(ev: Evidence, c: Citation, after: bool) -> tuple[ReportFindings, str] | None:
    """The report nearest the MRI ``c`` cites, of a day after it (``after``) or before it, of
    a modality neither MRI nor adequate for the structure (P13.1), of its side, that affirms a
    mineral at its site (the site, a part or a parent of it) on that side, and the statement
    that affirms it; None when there is none."""
    m, then = c.mention, day(c.report.date)
    if not then or not m.site or not c.regions:
        return None
    useful = adequate(m, c.report)
    reports = sorted(matching.current_reports(ev.reports), key=lambda r: day(r.date),
                     reverse=not after)
    for report in reports:
        when = day(report.date)
        if (family(report.modality) in (None, MRI, *useful) or not when
                or (when <= then if after else when >= then or when < _year_before(then))
                or not anatomy.sides_match(anatomy.side_in(report.title), m.side)
                or not anatomy.overlaps(report.regions | report.findings.regions, c.regions)):
            continue
        said = next((o for o in report.findings.mentions if o.counts
                     and o.kind != "incidental" and o.assertion == "affirmed" and o.site
                     and matching.related(o.site, m.site)
                     and anatomy.sides_match(o.side, m.side)
                     and (after or o.kind == m.kind)  # a hilar node is no artery
                     and _same_part(m, o)), None)
        if said is not None:
            return report, said.sentence
    return None


def _year_before(then: str) -> str:
    """The day a year before ``then`` (an ISO day): an earlier study older than it is of another
    work-up, and says nothing of the structure the MRI finds now (P11.112)."""
    return f"{int(then[:4]) - 1:04d}{then[4:]}" if then[:4].isdigit() else then


def _parts(text: str) -> frozenset[str]:
    """The parts of the heart a text names, by their first four letters ("pericardial" and
    "pericardium" are one, "atrial" and "atrium")."""
    return frozenset(x.group().lower()[:4] for x in WORDS["heart_component"].finditer(text))


def _same_part(m: Mention, o: Mention) -> bool:
    """A heart structure's statement and another study's name a common part of the heart, or
    one of them names none: a TEE's calcified aortic valve is not the MRI's calcified
    pericardium (P13.24). Any other structure: True."""
    if m.kind != "heart":
        return True
    mine = _parts(" ".join(t for t in (m.sentence, m.antecedent) if t))
    theirs = _parts(o.sentence)
    return not (mine and theirs) or bool(mine & theirs)


def later_shown(ev: Evidence, c: Citation) -> ReportFindings | None:
    """The first report, of a day after the MRI ``c`` cites, of a modality neither MRI nor
    adequate for the structure (P13.1), of its side, that affirms a mineral at its site (the
    site, a part or a parent of it) on that side; None when there is none (P11.96)."""
    shown = _shown(ev, c, after=True)
    return shown[0] if shown else None


def earlier_shown(ev: Evidence, c: Citation) -> tuple[ReportFindings, str] | None:
    """The last such report of a day before the MRI ``c`` cites, a year before it at most (the
    radiograph its Comparison names, as a rule, P11.112), stating a mineral of the structure's
    kind (a mass's, a tendon's: never a hilar node's for a coronary artery), and that
    statement; None when there is none, or where the card cites another modality's statement
    already (P11.97)."""
    if c.mention.seen_on not in (None, MRI):
        return None
    return _shown(ev, c, after=False)
