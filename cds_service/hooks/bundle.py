"""Turn a FHIR Bundle of one patient's record into a CDS Hooks request (for the sandbox).

Draft ServiceRequests become ``context.draftOrders`` (and ``selections`` for order-select);
everything else becomes prefetch under the keys the services declare.
"""

from __future__ import annotations

import uuid
from typing import Any

from cds_service.errors import BundleError
from cds_service.hooks.request import ORDER_SELECT

PREFETCH_KEY_BY_TYPE = {
    "DiagnosticReport": "diagnosticReports",
    "Observation": "diagnosticReports",
    "ImagingStudy": "imagingStudies",
}


def _resources(bundle: Any) -> list[dict[str, Any]]:
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise BundleError("not a FHIR Bundle")
    out = []
    for entry in bundle.get("entry") or []:
        if isinstance(entry, dict) and isinstance(entry.get("resource"), dict):
            out.append(entry["resource"])
    return out


def _patient_id(resources: list[dict[str, Any]]) -> str:
    for res in resources:
        if res.get("resourceType") == "Patient" and isinstance(res.get("id"), str):
            return res["id"]
    for res in resources:
        subject = res.get("subject")
        if isinstance(subject, dict):
            ref = subject.get("reference")
            if isinstance(ref, str) and ref.startswith("Patient/"):
                return ref.split("/", 1)[1]
    raise BundleError("the bundle names no patient (no Patient resource, no subject)")


def is_draft_order(res: dict[str, Any]) -> bool:
    return res.get("resourceType") == "ServiceRequest" and res.get("status", "draft") == "draft"


def hook_request_from_bundle(
    bundle: Any, *, hook: str = ORDER_SELECT, selections: list[str] | None = None,
    hook_instance: str | None = None,
) -> dict[str, Any]:
    """Build the JSON body of a hook call from a scenario bundle."""
    resources = _resources(bundle)
    patient_id = _patient_id(resources)
    drafts = [r for r in resources if is_draft_order(r)]
    if not drafts:
        raise BundleError("the bundle has no draft ServiceRequest to order")
    patient = next((r for r in resources if r.get("resourceType") == "Patient"), None)
    searches: dict[str, list[dict[str, Any]]] = {"diagnosticReports": [], "imagingStudies": []}
    for res in resources:
        key = PREFETCH_KEY_BY_TYPE.get(str(res.get("resourceType")))
        if key:
            searches[key].append(res)
    prefetch: dict[str, Any] = {"patient": patient}
    for key, items in searches.items():
        prefetch[key] = {
            "resourceType": "Bundle", "type": "searchset", "total": len(items),
            "entry": [{"resource": r} for r in items],
        }
    context: dict[str, Any] = {
        "userId": "Practitioner/sandbox",
        "patientId": patient_id,
        "draftOrders": {"resourceType": "Bundle", "type": "collection",
                        "entry": [{"resource": r} for r in drafts]},
    }
    if hook == ORDER_SELECT:
        context["selections"] = selections or [
            f"ServiceRequest/{r['id']}" for r in drafts if isinstance(r.get("id"), str)]
    return {
        "hook": hook,
        "hookInstance": hook_instance or str(uuid.uuid4()),
        "context": context,
        "prefetch": prefetch,
    }
