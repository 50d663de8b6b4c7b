"""A later study of another modality that shows the structure's mineral, for the card to
acknowledge (docs/matching-policy.md P11.96): a radiograph taken after the MRI that states the
calcification ("XR SHOULDER RT 2+ VIEWS" of 2026-10-28: "Calcific deposit near the bicipital
groove") is on record, yet is no adequate study of the structure (P13.1: ultrasound or CT for a
tendon's deposit, CT for a soft-tissue mass), so the card keeps its recommendation and says in
one sentence that the study shows it, as P13.16 reads the radiographs an MRI names. Pure:
evidence in, a report out."""

from __future__ import annotations

from cds_service.core import anatomy, matching
from cds_service.core.evidence import MRI, Citation, Evidence, adequate, day, family
from cds_service.core.reading import ReportFindings


def later_shown(ev: Evidence, c: Citation) -> ReportFindings | None:
    """The first report, of a day after the MRI ``c`` cites, of a modality neither MRI nor
    adequate for the structure (P13.1), of its side, that affirms a mineral at its site (the
    site, a part or a parent of it) on that side; None when there is none."""
    m, then = c.mention, day(c.report.date)
    if not then or not m.site or not c.regions:
        return None
    useful = adequate(m, c.report)
    for report in sorted(matching.current_reports(ev.reports), key=lambda r: day(r.date)):
        if (family(report.modality) in (None, MRI, *useful) or day(report.date) <= then
                or not anatomy.sides_match(anatomy.side_in(report.title), m.side)
                or not anatomy.overlaps(report.regions | report.findings.regions, c.regions)):
            continue
        if any(o.counts and o.kind != "incidental" and o.assertion == "affirmed"
               and o.site and matching.related(o.site, m.site)
               and anatomy.sides_match(o.side, m.side) for o in report.findings.mentions):
            return report
    return None
