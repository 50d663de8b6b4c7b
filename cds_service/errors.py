"""Errors the service raises, and the OperationOutcome each becomes.

    CdsError                       base; carries an HTTP status and a stable code
    ├── BadRequest            400  malformed JSON, missing or wrong hook fields
    ├── Unauthorized          401  failed authentication (no body; reason code in the header)
    ├── NotFound              404  unknown service id
    ├── PayloadTooLarge       413  body over CDS_MAX_BODY_BYTES
    └── PrefetchUnavailable   412  required FHIR data could be had neither from prefetch
                                   nor from the FHIR server

    FhirFetchError                 a FHIR server call failed (network, status, body); the
                                   FHIR context step turns it into PrefetchUnavailable

Codes are stable strings (``CDS-400-…``): EHR integrators may search logs for them.
"""

from __future__ import annotations

from typing import Any


class CdsError(Exception):
    status = 500
    code = "CDS-500"
    fhir_code = "exception"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def to_operation_outcome(self) -> dict[str, Any]:
        return operation_outcome(self.message, code=self.fhir_code, detail_code=self.code)


class BadRequest(CdsError):
    status = 400
    code = "CDS-400"
    fhir_code = "invalid"


class Unauthorized(CdsError):
    status = 401
    code = "CDS-401"
    fhir_code = "login"


class NotFound(CdsError):
    status = 404
    code = "CDS-404"
    fhir_code = "not-found"


class PayloadTooLarge(CdsError):
    status = 413
    code = "CDS-413"
    fhir_code = "too-costly"


class PrefetchUnavailable(CdsError):
    status = 412
    code = "CDS-412"
    fhir_code = "not-found"


class ServiceUnavailable(CdsError):
    """A store the answer depends on is unreachable; the client should retry."""

    status = 503
    code = "CDS-503"
    fhir_code = "transient"


class StoreUnavailable(ServiceUnavailable):
    """The database could not be reached or written; safe to show (no detail)."""

    code = "CDS-503-store"


class ReplayStoreUnavailable(ServiceUnavailable):
    """JWT replay protection cannot be checked (database down, no fallback configured)."""

    code = "CDS-503-replay-store"


class FeedbackConflict(BadRequest):
    """Feedback contradicts the decision log; ``field`` is the JSON path to blame."""

    code = "CDS-400-feedback"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


class FhirFetchError(Exception):
    """A FHIR server call failed; ``reason`` is safe to log (no PHI, no token)."""

    def __init__(self, reason: str, *, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


def operation_outcome(
    message: str, *, code: str = "invalid", detail_code: str | None = None,
    severity: str = "error",
) -> dict[str, Any]:
    """Build a FHIR R4 OperationOutcome with one issue."""
    issue: dict[str, Any] = {"severity": severity, "code": code, "diagnostics": message}
    if detail_code:
        issue["details"] = {
            "coding": [{"system": "urn:cds-service:error-code", "code": detail_code}],
            "text": message,
        }
    return {"resourceType": "OperationOutcome", "issue": [issue]}


class InvalidResource(ValueError):
    """A FHIR resource failed R4 validation; it is skipped and counted, never fatal.

    ``reason`` names the resource type and the failing field paths, never values (no PHI).
    """

    def __init__(self, resource_type: str, reason: str) -> None:
        super().__init__(f"invalid {resource_type}: {reason}")
        self.resource_type = resource_type
        self.reason = reason
