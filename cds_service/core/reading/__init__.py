"""Report reading: radiology report text and FHIR resources → calcification findings.

``lexicon``   the vocabulary (``data/findings_*.json``), loaded and checked at import
``sentences`` section headers and sentence splitting
``assertion`` the ConText engine: cues, scope, assertion of each term, lesion contexts
``text``      report text → ``Mention``s and the report-level class (``read_text``)
``markup``    HTML/XHTML and attachment text
``report``    FHIR ``DiagnosticReport`` / ``ImagingStudy`` → ``ReportFindings`` / ``StudyFacts``
``facts``     the dataclasses all of the above produce

Pure core: no Flask, no network, no process state. Report text is never logged.
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
    report_segments,
    study_modalities,
    study_refs,
)
from cds_service.core.reading.sentences import split_sentences
from cds_service.core.reading.text import read_text

__all__ = [
    "Assertion", "Calcification", "Mention", "ReportFindings", "StudyFacts", "TextFindings",
    "check_report", "check_study", "html_to_text", "modality_from_text", "read_report",
    "read_study", "read_text", "report_date", "report_segments", "split_sentences",
    "study_modalities", "study_refs",
]
