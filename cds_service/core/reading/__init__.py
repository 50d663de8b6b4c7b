"""Report reading: report text and FHIR resources → calcification findings (modules:
docs/ARCHITECTURE.md). Pure core: no Flask, no network, no process state; text is never logged.
"""

from cds_service.core.reading.facts import (
    Assertion,
    Calcification,
    Mention,
    ReportFindings,
    StudyFacts,
    TextFindings,
)
from cds_service.core.reading.markup import html_to_text
from cds_service.core.reading.report import (
    check_report,
    check_study,
    modality_from_text,
    read_report,
    read_study,
    report_date,
    study_modalities,
    study_refs,
)
from cds_service.core.reading.sentences import split_sentences
from cds_service.core.reading.structure import muscles_named
from cds_service.core.reading.text import read_text

__all__ = [
    "Assertion", "Calcification", "Mention", "ReportFindings", "StudyFacts", "TextFindings",
    "check_report", "check_study", "html_to_text", "modality_from_text", "muscles_named",
    "read_report",
    "read_study", "read_text", "report_date", "split_sentences",
    "study_modalities", "study_refs",
]
