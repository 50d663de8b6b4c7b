"""What report reading produces: mentions, text findings, report and study facts (pure data)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Assertion = Literal["affirmed", "possible", "negated", "historical"]
Calcification = Literal["present", "possible", "absent", "not mentioned"]

CONCEPTS = frozenset({"calcification", "signal-void", "t1-hyperintensity", "ossification"})
CONTEXTS = frozenset({
    "soft-tissue-mass", "crystal-deposition", "myositis-ossificans",
    "ossification-vs-calcification", "signal-void", "t1-hyperintensity", "lymph-node",
    "mixed-signal-node", "infarct", "pericarditis", "pediatric-tumor-differential",
})
REPORT_STATUSES = frozenset({
    "registered", "partial", "preliminary", "final", "amended", "corrected", "appended",
    "cancelled", "entered-in-error", "unknown",
})
STUDY_STATUSES = frozenset({"registered", "available", "cancelled", "entered-in-error", "unknown"})
UNUSABLE_STATUSES = frozenset({"entered-in-error", "cancelled"})
NON_FINDING_KINDS = frozenset({"history", "technique", "comparison"})  # section kinds


@dataclass(frozen=True, slots=True)
class Mention:
    """One calcification (or MRI sign) mention in one sentence."""

    sentence: str
    term: str
    concept: str
    assertion: Assertion
    section: str | None
    site: str | None
    regions: frozenset[str]
    contexts: frozenset[str]
    differential: tuple[str, ...]
    sentence_sites: frozenset[str] = frozenset()  # every site the sentence names


@dataclass(frozen=True, slots=True)
class TextFindings:
    """What a report's text says: its mentions and the report-level class."""

    calcification: Calcification
    mentions: tuple[Mention, ...]
    sites: frozenset[str]
    regions: frozenset[str]
    contexts: frozenset[str]


@dataclass(frozen=True, slots=True)
class ReportFindings:
    reference: str
    status: str
    date: str | None
    modality: str | None
    title: str
    study_refs: tuple[str, ...]
    findings: TextFindings        # what the report's text says
    regions: frozenset[str] = frozenset()  # regions the exam covers (title, code, linked studies)

    @property
    def usable(self) -> bool:
        """Tell whether the report may drive a decision (not entered-in-error or cancelled)."""
        return self.status not in UNUSABLE_STATUSES


@dataclass(frozen=True, slots=True)
class StudyFacts:
    reference: str
    status: str
    date: str | None
    modalities: tuple[str, ...]   # DICOM codes, study level first, then series, once each
    regions: frozenset[str]
    description: str

