"""Report text held in Observations (``DiagnosticReport.result``): fetch what did not arrive.

Some EHRs keep report sections as Observations the report names in ``result``. Prefetch asks
for them with ``_include=DiagnosticReport:result``; when they still did not arrive (no prefetch,
or a server that ignores ``_include``), one search fetches them under the call's limits.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from cds_service.errors import FetchBudgetExceeded, FhirFetchError

if TYPE_CHECKING:
    from cds_service.fhir.client import FhirClient
    from cds_service.fhir.context import FhirContext

log = logging.getLogger("cds_service.fhir.context")

MAX_FOLLOWED_RESULTS = 50  # Observations fetched for DiagnosticReport.result, per call
_FHIR_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")


def follow_results(ctx: FhirContext, client: FhirClient) -> None:
    """Fetch the Observations reports hold their text in (``result``) that did not arrive.

    One search (``Observation?_id=…``, at most ``MAX_FOLLOWED_RESULTS`` ids, relative
    references only) under the call's limits; a failure is logged and the reports are read
    without them.
    """
    have = {o.get("id") for o in ctx.of_type("Observation")}
    ids: list[str] = []
    for report in ctx.of_type("DiagnosticReport"):
        for item in report.get("result") or ():
            ref = item.get("reference") if isinstance(item, dict) else None
            if not isinstance(ref, str) or not ref.startswith("Observation/"):
                continue
            oid = ref[len("Observation/"):]
            if _FHIR_ID.match(oid) and oid not in have and oid not in ids:
                ids.append(oid)
    if not ids:
        return
    ids = ids[:MAX_FOLLOWED_RESULTS]
    try:
        found = client.fetch(f"Observation?_id={','.join(ids)}&_count={len(ids)}", search=True)
    except FhirFetchError as exc:
        log.warning("fhir fetch failed", extra={"prefetch_key": "results", "reason": exc.reason})
        if isinstance(exc, FetchBudgetExceeded):
            ctx.skipped["fhir_queries"] += 1  # read without them: counted, never silent
        return
    ctx.resources["results"] = [o for o in found if o.get("resourceType") == "Observation"]
    ctx.sources["results"] = "fetched"
    ctx._by_type = None  # index again with the Observations
