"""What report reading produces: mentions, text findings, report and study facts (pure data)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# hypothetical ("if calcification develops") and indication ("to assess for calcification")
# mentions are kept for transparency but are not findings (docs/matching-policy.md P8).
Assertion = Literal["affirmed", "possible", "negated", "historical", "hypothetical", "indication"]
FINDING_ASSERTIONS = frozenset({"affirmed", "possible"})
Calcification = Literal["present", "possible", "absent", "not mentioned"]

CONCEPTS = frozenset({"calcification", "signal-void", "t1-hyperintensity", "ossification"})
CONTEXTS = frozenset({
    "soft-tissue-mass", "crystal-deposition", "myositis-ossificans",
    "ossification-vs-calcification", "signal-void", "t1-hyperintensity", "lymph-node",
    "mixed-signal-node", "infarct", "pericarditis", "pediatric-tumor-differential", "bone-lesion",
    "deep-space", "superficial", "cutaneous",
})
REPORT_STATUSES = frozenset({
    "registered", "partial", "preliminary", "final", "amended", "corrected", "appended",
    "cancelled", "entered-in-error", "unknown",
})
STUDY_STATUSES = frozenset({"registered", "available", "cancelled", "entered-in-error", "unknown"})
UNUSABLE_STATUSES = frozenset({"entered-in-error", "cancelled"})
# The kind of structure a mention is about (P1.2): it decides which rules it may feed.
StructureKind = Literal["mass", "bone", "node", "joint", "tendon", "heart", "vessel", "organ",
                        "incidental"]
STRUCTURE_KINDS = frozenset({"mass", "bone", "node", "joint", "tendon", "heart", "vessel",
                             "organ", "incidental"})
# The mineral class of one structure (P1.3), strongest first.
STRUCTURE_CLASSES = ("ossification", "present", "possible", "signal-void", "absent")
NON_FINDING_KINDS = frozenset({"history", "technique", "comparison", "differential"})  # sections


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
    kind: StructureKind = "mass"  # the structure the mention is about (P1.2)
    side: str | None = None       # "left" | "right" | "bilateral" | None (unknown or unpaired)
    size_mm: int | None = None    # largest stated dimension of that structure
    lesion: str | None = None     # the lesion word of the clause ("mass", "fibroid", "lipoma")
    clause_sites: frozenset[str] = frozenset()  # the site and every site its clause names
    alone: bool = False           # an MRI sign read without a calcium word (P7.4, P2.6)
    superseded: bool = False      # a later addendum statement about the structure replaces it
    # the modality of another study that showed it ("CT", "XR", "US", "MG", "NM", "PT", or
    # "MR" for an earlier MRI; P12.1, P14.3); None: this report alone
    seen_on: str | None = None
    own: bool = True              # the report states it itself, not only cites it (P12.2)
    antecedent: str | None = None  # the sentence describing the structure it refers to (P2.2)
    caption: str | None = None    # the caption that gave it ``seen_on``, before it (P12.6)
    # the report's own description of the lesion a statement cites from another study ("A
    # 5.4 cm intramuscular mass is centred in the right tensor fasciae latae muscle"): its
    # place words name it on the card (P11.22); nothing else reads it
    described: str | None = None
    # another study places this lesion's body at the lesion or the clinical site ("phleboliths
    # … at the site of the palpable mass"): the lesion the report describes there takes it (P12.21)
    placed: bool = False
    # a mineral naming no lesion where the MRI denies a soft-tissue mass: no mass's (P12.29)
    unmassed: bool = False
    # read from a radiographic density word ("punctate densities"): it stands only as an X-ray
    # study's statement (``text.read_block_bounded``, P12.35)
    x_ray: bool = False

    @property
    def counts(self) -> bool:
        """Tell whether the mention is a current finding (affirmed or possible, in force)."""
        return self.assertion in FINDING_ASSERTIONS and not self.superseded


@dataclass(frozen=True, slots=True)
class Structure:
    """One structure a report gives a mineral statement about, after addenda (P1.1)."""

    kind: StructureKind
    site: str | None
    side: str | None
    size_mm: int | None
    mineral: str                  # one of STRUCTURE_CLASSES
    seen_on: str | None = None    # the cited modality that showed it (P12.3); None: this report


@dataclass(frozen=True, slots=True)
class TextFindings:
    """What a report's text says: its mentions and the report-level class."""

    calcification: Calcification
    mentions: tuple[Mention, ...]
    sites: frozenset[str]
    regions: frozenset[str]
    contexts: frozenset[str]
    structures: tuple[Structure, ...] = ()


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
    issued: str | None = None
    text_skipped: int = 0  # characters not read: past the cap, or past a reader's budget
    text_read: int = 0  # characters of text read (folded and collapsed)
    # the (kind, site, side, day) of each lesion it says was taken out since the earlier study
    # (P14.16), or on the day it names (P14.16a; None: undated)
    removed: frozenset[tuple[str, str | None, str | None, str | None]] = frozenset()
    # a mass's sign it gives blood as the cause of, and whether it is the one described before
    explained: frozenset[tuple[str, str | None, str | None, bool]] = frozenset()
    # it favours a benign skin or subcutaneous diagnosis ("most suggestive of pilomatricoma")
    # and leaves none open in that sentence: ultrasound shows such a lesion's calcification (P13.9)
    skin_diagnosis: bool = False
    # an MRI report's text as read, (default section, text) segments: what a card reads its
    # sentences from at render, never before (``reading.described``: P11.57, P11.59, P11.60)
    segments: tuple[tuple[str | None, str], ...] = ()
    # the clauses of its comparison section naming a radiograph ("Left tibia and fibula
    # radiographs 2026-10-30"), of an MRI report mentioning a bone lesion (P13.16)
    compared: tuple[str, ...] = ()

    @property
    def preliminary(self) -> bool:
        """A preliminary or partial report: read, and the card says so (P6.3)."""
        return self.status in {"preliminary", "partial"}

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

    @property
    def usable(self) -> bool:
        """Tell whether the study may be counted (not entered-in-error or cancelled)."""
        return self.status not in UNUSABLE_STATUSES

