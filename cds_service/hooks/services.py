"""The declared CDS services: data (id, hook, title, description, prefetch templates).

Discovery is generated from these declarations; the pipeline (``cds_service.pipeline.run``)
evaluates a call to any of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cds_service.hooks.request import ORDER_SELECT, ORDER_SIGN


@dataclass(frozen=True, slots=True)
class PrefetchSpec:
    """One prefetch template a service declares, and whether the service needs it."""

    key: str
    template: str
    required: bool = True

    @property
    def is_search(self) -> bool:
        return "?" in self.template

PREFETCH: tuple[PrefetchSpec, ...] = (
    PrefetchSpec("patient", "Patient/{{context.patientId}}", required=False),
    PrefetchSpec("diagnosticReports",
                 "DiagnosticReport?patient={{context.patientId}}&_sort=-date&_count=50"
                 "&_include=DiagnosticReport:result"),
    PrefetchSpec("imagingStudies",
                 "ImagingStudy?patient={{context.patientId}}&_sort=-started&_count=50"),
)

_DESCRIPTION = (
    "Reads the patient's prior imaging reports. When an MRI report mentions calcification "
    "(affirmed or possible, not negated) and the order depends on it (a biopsy of the mass, a "
    "contrast-only CT, another MRI to characterize it, a crystal-deposition or cardiovascular "
    "work-up), recommends a noncontrast CT first and offers that order. Silent when a CT "
    "already characterized it or nothing in the order depends on it."
)


@dataclass(frozen=True, slots=True)
class ServiceSpec:
    id: str
    hook: str
    title: str
    description: str
    prefetch: tuple[PrefetchSpec, ...] = PREFETCH

    def discovery(self) -> dict[str, Any]:
        return {
            "hook": self.hook,
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "prefetch": {p.key: p.template for p in self.prefetch},
        }


SERVICES: dict[str, ServiceSpec] = {
    s.id: s for s in (
        ServiceSpec("noncontrast-ct-first-select", ORDER_SELECT,
                    "Noncontrast CT first: calcification on prior MRI (order-select)",
                    _DESCRIPTION),
        ServiceSpec("noncontrast-ct-first-sign", ORDER_SIGN,
                    "Noncontrast CT first: calcification on prior MRI (order-sign)",
                    _DESCRIPTION),
    )
}
