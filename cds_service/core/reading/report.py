"""FHIR DiagnosticReport and ImagingStudy (R4) → ``ReportFindings``, ``StudyFacts``: text from
every place a report keeps it, modality from the title, linked studies, category, then the header
line; the exam's regions from the title and linked studies. Report text is never logged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from cds_service.core import anatomy
from cds_service.core.reading import guard
from cds_service.core.reading.compared import compared
from cds_service.core.reading.facts import (
    REPORT_STATUSES,
    STUDY_STATUSES,
    UNUSABLE_STATUSES,
    Mention,
    ReportFindings,
    StudyFacts,
)
from cds_service.core.reading.lexicon import lexicon
from cds_service.core.reading.markup import attachment_text, html_to_text
from cds_service.core.reading.removed import explained, removed
from cds_service.core.reading.structure import WORDS
from cds_service.core.reading.text import ReadBudget, read_block_bounded, summarise
from cds_service.core.validation import validate_r4
from cds_service.errors import InvalidResource


def _concept_texts(concept: Any) -> list[str]:
    """Return the text and the coding displays of a CodeableConcept."""
    if not isinstance(concept, Mapping):
        return []
    out = [concept["text"]] if isinstance(concept.get("text"), str) else []
    for coding in concept.get("coding") or ():
        display = coding.get("display") if isinstance(coding, Mapping) else None
        if isinstance(display, str) and display not in out:
            out.append(display)
    return out


def _observation_text(obs: Mapping[str, Any]) -> str:
    """Return an Observation's reported text: valueString, valueCodeableConcept, notes."""
    if obs.get("status") in UNUSABLE_STATUSES:
        return ""
    parts: list[str] = []
    if isinstance(obs.get("valueString"), str):
        parts.append(obs["valueString"])
    parts.extend(_concept_texts(obs.get("valueCodeableConcept"))[:1])
    parts.extend(n["text"] for n in obs.get("note") or ()
                 if isinstance(n, Mapping) and isinstance(n.get("text"), str))
    if not parts:
        return ""
    label = _concept_texts(obs.get("code"))
    key = " ".join(label[0].lower().split()) if label else ""
    header = lexicon().section_names.get(key, ("FINDINGS", "finding"))[0]
    return f"{header}:\n" + "\n".join(p if p.rstrip().endswith(".") else p + "." for p in parts)


def _normalise_ref(ref: Any, resource_type: str) -> str | None:
    """Return "Type/id" for a relative or absolute reference of that type."""
    if not isinstance(ref, str):
        return None
    marker = f"{resource_type}/"
    i = ref.rfind(marker)
    if i < 0:
        return None
    tail = ref[i:].split("/_history/")[0]
    return tail if tail.count("/") == 1 and tail != marker else None


def _result_texts(resource: Mapping[str, Any],
                  observations: Mapping[str, dict] | None) -> list[str]:
    """Resolve result references (mapping or contained) to Observation texts."""
    contained = {f"#{c.get('id')}": c for c in resource.get("contained") or ()
                 if isinstance(c, Mapping) and c.get("resourceType") == "Observation"}
    out = []
    for item in resource.get("result") or ():
        ref = item.get("reference") if isinstance(item, Mapping) else None
        obs = contained.get(ref) if isinstance(ref, str) and ref.startswith("#") else None
        if obs is None and observations:
            key = _normalise_ref(ref, "Observation")
            obs = observations.get(key) if key else None
        if isinstance(obs, Mapping):
            text = _observation_text(obs)
            if text:
                out.append(text)
    return out


def all_segments(resource: Mapping[str, Any],
                 observations: Mapping[str, dict] | None = None,
                 ) -> list[tuple[str | None, str]]:
    """(default section, text) for every place a DiagnosticReport keeps text, repeats kept
    (the trigger pre-filter scans these: a superset of what the reader reads)."""
    segments: list[tuple[str | None, str]] = []
    for att in resource.get("presentedForm") or ():
        if isinstance(att, (dict, Mapping)):  # dict first: fast, and the usual
            text = attachment_text(att)
            if text and text.strip():
                segments.append((None, text))
    if isinstance(resource.get("conclusion"), str):
        segments.append(("IMPRESSION", resource["conclusion"]))
    for concept in resource.get("conclusionCode") or ():
        segments.extend(("IMPRESSION", t) for t in _concept_texts(concept)[:1])
    if resource.get("result"):
        segments.extend(("FINDINGS", t) for t in _result_texts(resource, observations))
    div = (resource.get("text") or {}).get("div") if isinstance(resource.get("text"),
                                                               Mapping) else None
    if isinstance(div, str):
        segments.append((None, html_to_text(div)))
    return segments


def _bounded(segments: list[tuple[str | None, str]], max_chars: int,
             ) -> tuple[list[tuple[str | None, str]], int]:
    """Segments folded and collapsed (``guard``), at most ``max_chars`` in all.

    Returns them with the number of characters left unread (the caller counts them).
    """
    left, skipped = max_chars, 0
    out = []
    for section, text in segments:
        cleaned, cut = guard.clean(text, left)
        skipped += cut
        left -= len(cleaned)
        if cleaned.strip():
            out.append((section, cleaned))
    return out, skipped


def _dedupe(segments: list[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    """Drop segments whose text an earlier segment already holds (conclusion in the PDF text)."""
    seen = ""
    out = []
    for section, text in segments:
        norm = " ".join(text.lower().split())
        if not norm or norm in seen:
            continue
        out.append((section, text))
        seen += "\n" + norm
    return out


@cache
def _models() -> tuple[Any, Any]:
    """Import the R4B models lazily (they take a while to import)."""
    from fhir.resources.R4B.diagnosticreport import DiagnosticReport
    from fhir.resources.R4B.imagingstudy import ImagingStudy

    return DiagnosticReport, ImagingStudy


def _require(resource: Mapping[str, Any], resource_type: str, fields: Iterable[str],
             statuses: frozenset[str]) -> None:
    """Check R4 cardinalities and the status code set the models leave open."""
    missing = [f for f in fields if resource.get(f) in (None, "", [], {})]
    if missing:
        raise InvalidResource(resource_type, "missing required fields: " + ", ".join(missing))
    if resource.get("status") not in statuses:
        raise InvalidResource(resource_type, "status: not an R4 status code")


def modality_from_text(text: str | None) -> str | None:
    """Return the DICOM modality a title or code text names, earliest mention first."""
    if not text:
        return None
    best: tuple[int, str] | None = None
    for code, patterns in lexicon().modalities:
        for p in patterns:
            m = p.search(text)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), code)
    return best[1] if best else None


def study_modalities(study: Mapping[str, Any]) -> tuple[str, ...]:
    """Return the DICOM modality codes of an ImagingStudy dict, study level first, once each."""
    codes: list[str] = []
    for coding in study.get("modality") or ():
        if isinstance(coding, Mapping) and isinstance(coding.get("code"), str):
            codes.append(coding["code"].upper())
    for series in study.get("series") or ():
        coding = series.get("modality") if isinstance(series, Mapping) else None
        if isinstance(coding, Mapping) and isinstance(coding.get("code"), str):
            codes.append(coding["code"].upper())
    return tuple(dict.fromkeys(codes))


def _modality_of_studies(refs: tuple[str, ...],
                         studies: Mapping[str, StudyFacts] | None) -> str | None:
    """Return the imaging modality of the first linked study that tells one."""
    auxiliary = lexicon().auxiliary
    for ref in refs:
        study = (studies or {}).get(ref)
        if study is None:
            continue
        for code in study.modalities:
            if code not in auxiliary:
                return code
    return None


def _modality_of_category(resource: Mapping[str, Any]) -> str | None:
    """Return the modality an HL7 v2-0074 category code or category text names."""
    r = lexicon()
    for concept in resource.get("category") or ():
        if not isinstance(concept, Mapping):
            continue
        for coding in concept.get("coding") or ():
            code = coding.get("code") if isinstance(coding, Mapping) else None
            if isinstance(code, str) and code.upper() in r.category_codes:
                return r.category_codes[code.upper()]
        for text in _concept_texts(concept):
            found = modality_from_text(text)
            if found:
                return found
    return None


def _header_line(segments: list[tuple[str | None, str]]) -> str:
    """Return the report's title line (first non-empty line of the first text)."""
    for _, text in segments:
        for line in text.splitlines():
            if line.strip():
                return line.strip()[:200]
    return ""


def report_date(resource: Mapping[str, Any]) -> str | None:
    """Return effectiveDateTime, effectivePeriod.start, else issued."""
    if isinstance(resource.get("effectiveDateTime"), str):
        return resource["effectiveDateTime"]
    period = resource.get("effectivePeriod")
    if isinstance(period, Mapping) and isinstance(period.get("start"), str):
        return period["start"]
    issued = resource.get("issued")
    return issued if isinstance(issued, str) else None


# FHIR date / dateTime (the R4 regex, without the range checks the models add)
_FHIR_DATE = re.compile(
    r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|"
    r"3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|"
    r"1[0-3]):[0-5][0-9]|14:00)))?)?)?")


_OBJECT = (dict, Mapping)  # a JSON object; dict first, so parsed JSON skips the ABC check


def _check_fields(resource: Mapping[str, Any], resource_type: str,
                  dates: Iterable[tuple[str, ...]], concepts: Iterable[str]) -> None:
    """Lenient reading: type checks of just the fields the rules use (no model validation).

    Dates must be FHIR dates (a malformed date would sort wrongly and could silence a card);
    CodeableConcepts must be objects. Raises ``InvalidResource`` naming the field only.
    """
    if resource.get("resourceType") != resource_type:
        raise InvalidResource(resource_type, f"resourceType is not {resource_type}")
    for path in dates:
        value: Any = resource
        for part in path:
            value = value.get(part) if isinstance(value, _OBJECT) else None
        if value is not None and not (isinstance(value, str) and _FHIR_DATE.fullmatch(value)):
            raise InvalidResource(resource_type, "invalid: " + ".".join(path))
    for name in concepts:
        if resource.get(name) is not None and not isinstance(resource[name], _OBJECT):
            raise InvalidResource(resource_type, f"invalid: {name}")


def check_report(resource: Mapping[str, Any]) -> None:
    """The checks of a lenient ``read_report`` (``validate=False``), without reading: raises
    ``InvalidResource`` when it would."""
    _check_fields(resource, "DiagnosticReport",
                  (("effectiveDateTime",), ("effectivePeriod", "start"), ("issued",)),
                  ("code",))
    _require(resource, "DiagnosticReport", ("status", "code"), REPORT_STATUSES)


def check_study(resource: Mapping[str, Any]) -> None:
    """The checks of a lenient ``read_study`` (``validate=False``), without reading."""
    _check_fields(resource, "ImagingStudy", (("started",),), ())
    _require(resource, "ImagingStudy", ("status", "subject"), STUDY_STATUSES)


def study_refs(resource: Mapping[str, Any]) -> tuple[str, ...]:
    """The ImagingStudies a DiagnosticReport links, as "ImagingStudy/<id>", once each."""
    return tuple(dict.fromkeys(
        ref for ref in (_normalise_ref(s.get("reference"), "ImagingStudy")
                        for s in resource.get("imagingStudy") or () if isinstance(s, Mapping))
        if ref
    ))


def read_report(resource: dict, *, studies: Mapping[str, StudyFacts] | None = None,
                observations: Mapping[str, dict] | None = None,
                validate: bool = True, max_chars: int = guard.MAX_REPORT_CHARS,
                sentences: bool = True) -> ReportFindings:
    """Read a DiagnosticReport's text, modality and facts.

    ``studies`` are the facts already read from the ImagingStudies the report may link
    (by ``"ImagingStudy/<id>"``); ``observations`` the Observations its ``result`` may name.
    ``validate``: check it as R4 with the ``fhir.resources`` model first; without, only the
    fields the rules read are type-checked (the pipeline does that for reports whose text
    holds no trigger, and validates them when they decide something). ``max_chars``: the
    characters of text read at most (``guard.MAX_REPORT_CHARS``, less when a per-call
    budget is nearly spent); the rest is counted in ``text_skipped``. ``sentences=False``: no
    sentence is read (the trigger pre-filter found none that can hold a mention; the pipeline
    reads such a report for its date, modality and studies).
    """
    if validate:
        validate_r4(resource, _models()[0], "DiagnosticReport")
        _require(resource, "DiagnosticReport", ("status", "code"), REPORT_STATUSES)
    else:
        check_report(resource)
    titles = _concept_texts(resource.get("code"))
    title = titles[0] if titles else ""
    refs = study_refs(resource)
    segments, text_skipped = _bounded(_dedupe(all_segments(resource, observations)),
                                      min(max_chars, guard.MAX_REPORT_CHARS))
    header = _header_line(segments)
    modality = (next((m for m in map(modality_from_text, titles) if m), None)
                or _modality_of_studies(refs, studies)
                or _modality_of_category(resource)
                or modality_from_text(header))
    exam_sites = (anatomy.sites_in(" ; ".join(titles)) or anatomy.sites_in(header)
                  or modality_sites([modality]))
    title_site = next(iter(sorted(exam_sites)), None) if len(exam_sites) == 1 else None
    title_side = (anatomy.side_in(" ; ".join(titles), letters=True)
                  or anatomy.side_in(header, letters=True))  # catalog names: "MRI L KNEE WO"
    if title_side == "bilateral":
        title_side = None  # a bilateral exam leaves a clause without side unknown (P2.4)
    mentions: list[Mention] = []
    budget = ReadBudget()  # one per report, spent across its blocks of text
    # a CT citing a CT states it itself (an earlier MRI's statement stays that MRI's, P14)
    own = lexicon().cited_as.get(modality or "", modality)
    for section, text in segments if sentences else ():
        found, unread = read_block_bounded(text, section, title_site, title_side, budget, own)
        mentions.extend(found)
        text_skipped += unread
    mentions = [replace(m, seen_on=None, own=True) if m.seen_on in {own} - {"MR"} else m
                for m in mentions]
    regions = frozenset().union(*(anatomy.site_regions(s) for s in exam_sites))
    for ref in refs:
        study = (studies or {}).get(ref)
        if study is not None:
            regions |= study.regions
    return ReportFindings(
        reference=f"DiagnosticReport/{resource.get('id')}",
        status=str(resource.get("status")),
        date=report_date(resource),
        modality=modality,
        title=title,
        study_refs=refs,
        findings=summarise(mentions),
        issued=resource.get("issued") if isinstance(resource.get("issued"), str) else None,
        regions=regions,
        text_skipped=text_skipped,
        text_read=sum(len(text) for _, text in segments),
        removed=removed((text for _, text in segments), title_site, title_side)
        if modality == "MR" else frozenset(),
        explained=explained((text for _, text in segments), title_site, title_side)
        if modality == "MR" else frozenset(),
        skin_diagnosis=modality == "MR" and skin_diagnosis(text for _, text in segments),
        segments=tuple(segments) if modality == "MR" else (),
        compared=compared(segments) if modality == "MR" and any(
            m.kind == "bone" for m in mentions) else (),
    )


_SENTENCE = re.compile(r"(?<!\d)\.(?!\d)|[;\n]")


def skin_diagnosis(texts: Iterable[str]) -> bool:
    """Whether a sentence favours a benign skin or subcutaneous diagnosis whose calcification
    ultrasound shows ("most suggestive of pilomatricoma") and names no malignancy, no
    differential and nothing indeterminate (P13.9)."""
    return any(WORDS["skin_diagnosis"].search(s) and not WORDS["open_diagnosis"].search(s)
               for text in texts for s in _SENTENCE.split(text))


def modality_sites(modalities: Iterable[str | None]) -> frozenset[str]:
    """The sites a one-organ modality implies whatever a title says: a mammogram (MG) is of the
    breast (P13.2a; the sites' ``modalities`` in anatomy.json)."""
    codes = {(m or "").upper() for m in modalities}
    return frozenset(s.id for s in anatomy.TABLE.sites.values() if codes & s.modalities)


def _study_regions(study: Mapping[str, Any]) -> frozenset[str]:
    """Return the CT regions an ImagingStudy dict names (body sites, procedures, descriptions)."""
    sites: set[str] = set()
    texts: list[str] = []
    for series in study.get("series") or ():
        if not isinstance(series, Mapping):
            continue
        body = series.get("bodySite")
        if isinstance(body, Mapping):
            code = body.get("code")
            site = anatomy.snomed_site(anatomy.SNOMED, code) if isinstance(code, str) else None
            if site is not None:
                sites.add(site)
            if isinstance(body.get("display"), str):
                texts.append(body["display"])
        if isinstance(series.get("description"), str):
            texts.append(series["description"])
    for concept in study.get("procedureCode") or ():
        texts.extend(_concept_texts(concept))
    if isinstance(study.get("description"), str):
        texts.append(study["description"])
    sites |= anatomy.sites_in(" ; ".join(texts)) or modality_sites(study_modalities(study))
    return frozenset().union(*(anatomy.site_regions(s) for s in sites)) if sites else frozenset()


def read_study(resource: dict, *, validate: bool = True) -> StudyFacts:
    """Read an ImagingStudy's modalities, regions and date (``validate``: as R4 first, else
    type checks of the fields the rules read)."""
    if validate:
        validate_r4(resource, _models()[1], "ImagingStudy")
        _require(resource, "ImagingStudy", ("status", "subject"), STUDY_STATUSES)
    else:
        check_study(resource)
    return StudyFacts(
        reference=f"ImagingStudy/{resource.get('id')}",
        status=str(resource.get("status")),
        date=resource.get("started") if isinstance(resource.get("started"), str) else None,
        modalities=study_modalities(resource),
        regions=_study_regions(resource),
        description=str(resource.get("description") or ""),
    )


lexicon()  # compile at import: a bad data file fails start-up, not the first call
