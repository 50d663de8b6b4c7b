"""Every error the service raises: one tree, one table of codes, one OperationOutcome shape.

    CdsError                        base: a stable ``code`` (an ``ErrorCode``) and a message
    ├── BadRequest             400  malformed JSON, missing or wrong hook fields
    │   ├── FeedbackConflict   400  feedback that contradicts the decision log (``field``)
    │   ├── ItemsRefused       400  feedback items refused one by one (the others stored)
    │   └── BundleError        400  a sandbox/try scenario file that is not a usable Bundle
    ├── Unauthorized           401  failed authentication (the reason code, never a secret)
    │   └── AuthError          401  a refused token; ``reason`` is a short code safe to log
    ├── NotFound               404  unknown service id or sample bundle
    ├── FeedbackQuotaExceeded  429  too much feedback on cards the decision log does not hold
    ├── PrefetchUnavailable    412  required FHIR data could be had neither from prefetch
    │   │                           nor from the FHIR server
    │   └── FetchBudgetSpent   412  … because the call's fetch budget (bytes) was spent
    │                               before it arrived (OperationOutcome code ``too-costly``)
    ├── ServiceUnavailable     503  a store the answer depends on is down; retry later
    │   ├── StoreUnavailable        the database could not be reached or written
    │   │   └── FeedbackUnavailable feedback could not be stored durably
    │   └── ReplayStoreUnavailable  JWT replay protection cannot be checked (fail closed)
    ├── FhirFetchError         502  a FHIR server call failed; the FHIR context step turns it
    │   │                           into PrefetchUnavailable (never answered as such)
    │   ├── AddressRefused          no address of the FHIR server may be connected to (also an
    │   │                           OSError, as urllib3 expects from a connection attempt)
    │   └── FetchBudgetExceeded     the call's fetched-bytes budget would be passed: the read
    │                               stops; a later page is left out (counted), a first page
    │                               of required data makes ``FetchBudgetSpent``
    ├── JwksFetchError         502  an issuer's JWKS could not be fetched (cached keys kept)
    ├── InvalidResource        422  a FHIR resource failed R4 validation: skipped and counted
    ├── CardSpecError          500  a card that would break the CDS Hooks limits (summary
    │                               length, indicator, selectionBehavior): a defect, never sent
    └── ConfigError                 bad settings or data files: the service does not start;
        │                           ``cds-service`` prints one line and exits with status 2
        ├── CardContentError        card YAML under CDS_CARDS_DIR
        ├── DataError               the core's data tables (data/: anatomy, reading, orders);
        │                           ``file:line`` or ``file: key.path`` in the message
        ├── GuidanceMissing         the guidance document is neither package data nor in docs/
        └── KeyFileError            a PEM key given to ``cds-service token``/``try``

Codes are stable strings (``CDS-<status>-<what>``; ``<what>`` is lower case, or the request
field's own spelling such as ``patientId``): EHR integrators search logs and OperationOutcome
``details.coding`` for them, so a code is only ever added, never renamed. No two codes differ
only in case (``CDS-404-SERVICE`` and ``CDS-400-FEEDBACK`` became their lower-case twins).
Exceptions that also subclass ``ValueError`` stay catchable as such by older callers.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    """Every error code the service emits (OperationOutcome ``details.coding.code``, logs)."""

    # 400
    BAD_REQUEST = "CDS-400"
    CONTENT_TYPE = "CDS-400-content-type"
    EMPTY_BODY = "CDS-400-empty"
    JSON = "CDS-400-json"
    NOT_OBJECT = "CDS-400-object"
    NOT_STRING = "CDS-400-string"
    MISSING = "CDS-400-missing"
    FHIR_SERVER = "CDS-400-fhirServer"
    TOKEN_TYPE = "CDS-400-token-type"  # noqa: S105 - an error code, not a secret
    DRAFT_ORDERS = "CDS-400-draftOrders"
    SELECTIONS = "CDS-400-selections"
    TOO_MANY_ORDERS = "CDS-400-too-many-orders"
    HOOK = "CDS-400-hook"
    HOOK_INSTANCE = "CDS-400-hookInstance"
    PATIENT_ID = "CDS-400-patientId"
    PREFETCH = "CDS-400-prefetch"
    FEEDBACK = "CDS-400-feedback"
    BUNDLE = "CDS-400-bundle"
    BUNDLE_NAME = "CDS-400-bundle-name"
    BUNDLE_JSON = "CDS-400-bundle-json"
    # 401, 403
    UNAUTHORIZED = "CDS-401"
    FORBIDDEN = "CDS-403"
    # 404, 405, 406
    NOT_FOUND = "CDS-404"
    UNKNOWN_SERVICE = "CDS-404-service"
    UNKNOWN_BUNDLE = "CDS-404-bundle"
    METHOD_NOT_ALLOWED = "CDS-405"
    NOT_ACCEPTABLE = "CDS-406"
    # 412, 413, 415, 422, 429
    PREFETCH_UNAVAILABLE = "CDS-412"
    PREFETCH_REQUIRED = "CDS-412-prefetch"
    FHIR_SERVER_NOT_ALLOWED = "CDS-412-fhirServer"
    FETCH_BUDGET = "CDS-412-fetch-budget"
    PAYLOAD_TOO_LARGE = "CDS-413"
    UNSUPPORTED_MEDIA_TYPE = "CDS-415"
    INVALID_RESOURCE = "CDS-422-invalid-resource"
    TOO_MANY_REQUESTS = "CDS-429"
    FEEDBACK_QUOTA = "CDS-429-feedback-quota"
    # 500, 502, 503
    INTERNAL = "CDS-500"
    FHIR_FETCH = "CDS-502-fhir-fetch"
    JWKS_FETCH = "CDS-502-jwks-fetch"
    UNAVAILABLE = "CDS-503"
    STORE = "CDS-503-store"
    FEEDBACK_STORE = "CDS-503-feedback-store"
    REPLAY_STORE = "CDS-503-replay-store"
    # start-up (never answered over HTTP)
    CONFIG = "CDS-config"
    CARD_CONTENT = "CDS-config-cards"
    DATA = "CDS-config-data"
    KEY_FILE = "CDS-config-key-file"
    GUIDANCE = "CDS-config-guidance"


_BY_STATUS = {
    400: ErrorCode.BAD_REQUEST, 401: ErrorCode.UNAUTHORIZED, 403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND, 405: ErrorCode.METHOD_NOT_ALLOWED,
    406: ErrorCode.NOT_ACCEPTABLE, 412: ErrorCode.PREFETCH_UNAVAILABLE,
    413: ErrorCode.PAYLOAD_TOO_LARGE, 415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    429: ErrorCode.TOO_MANY_REQUESTS, 503: ErrorCode.UNAVAILABLE,
}


def code_for_status(status: int) -> ErrorCode:
    """The generic code of an HTTP status (errors raised by Flask/werkzeug, not by us)."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return ErrorCode.BAD_REQUEST if 400 <= status < 500 else ErrorCode.INTERNAL


class CdsError(Exception):
    status = 500
    code: ErrorCode = ErrorCode.INTERNAL
    fhir_code = "exception"

    def __init__(self, message: str, *, code: ErrorCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def to_operation_outcome(self) -> dict[str, Any]:
        return operation_outcome(self.message, code=self.fhir_code, detail_code=self.code)


class BadRequest(CdsError):
    status = 400
    code = ErrorCode.BAD_REQUEST
    fhir_code = "invalid"


class FeedbackConflict(BadRequest):
    """Feedback contradicts the decision log; ``field`` is the JSON path to blame."""

    code = ErrorCode.FEEDBACK

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


class ItemsRefused(BadRequest):
    """Feedback items refused one by one (``field: problem`` each); the valid ones were
    stored, as ``stored`` says (the outcome's last, informational, issue)."""

    code = ErrorCode.FEEDBACK

    def __init__(self, problems: list[str], stored: str) -> None:
        super().__init__(problems[0])
        self.problems, self.stored = problems, stored

    def to_operation_outcome(self) -> dict[str, Any]:
        issues = [operation_outcome(p, detail_code=self.code)["issue"][0] for p in self.problems]
        issues.append({"severity": "information", "code": "informational",
                       "diagnostics": self.stored})
        return {"resourceType": "OperationOutcome", "issue": issues}


class BundleError(BadRequest, ValueError):
    """The file is not a usable scenario bundle; the message says why."""

    code = ErrorCode.BUNDLE


class Unauthorized(CdsError):
    status = 401
    code = ErrorCode.UNAUTHORIZED
    fhir_code = "login"

    def to_operation_outcome(self) -> dict[str, Any]:
        return operation_outcome(f"authentication refused: {self.message}",
                                 code=self.fhir_code, detail_code=self.code)


class AuthError(Unauthorized):
    """A token was refused; ``reason`` is a short code safe to log (never the token)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotFound(CdsError):
    status = 404
    code = ErrorCode.NOT_FOUND
    fhir_code = "not-found"


class FeedbackQuotaExceeded(CdsError):
    """The caller already has as much unmatched feedback stored as it may (it expires)."""

    status = 429
    code = ErrorCode.FEEDBACK_QUOTA
    fhir_code = "throttled"


class PrefetchUnavailable(CdsError):
    status = 412
    code = ErrorCode.PREFETCH_UNAVAILABLE
    fhir_code = "not-found"


class FetchBudgetSpent(PrefetchUnavailable):
    """Required FHIR data did not arrive within the call's fetched-bytes budget."""

    code = ErrorCode.FETCH_BUDGET
    fhir_code = "too-costly"


class ServiceUnavailable(CdsError):
    """A store the answer depends on is unreachable; the client should retry."""

    status = 503
    code = ErrorCode.UNAVAILABLE
    fhir_code = "transient"


class StoreUnavailable(ServiceUnavailable):
    """The database could not be reached or written; safe to show (no detail)."""

    code = ErrorCode.STORE


class FeedbackUnavailable(StoreUnavailable):
    """Feedback could not be stored durably; the client should retry."""

    code = ErrorCode.FEEDBACK_STORE


class ReplayStoreUnavailable(ServiceUnavailable):
    """JWT replay protection cannot be checked (database down, no fallback configured)."""

    code = ErrorCode.REPLAY_STORE


class FhirFetchError(CdsError):
    """A FHIR server call failed; ``reason`` is safe to log (no PHI, no token)."""

    status = 502
    code = ErrorCode.FHIR_FETCH

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AddressRefused(FhirFetchError, OSError):
    """Every address of the FHIR server's name is outside what may be connected to."""


class FetchBudgetExceeded(FhirFetchError):
    """Reading on would pass the call's fetched-bytes budget (``CDS_MAX_FHIR_CALL_BYTES``)."""

    def __init__(self) -> None:
        super().__init__("fetch budget exceeded")


class JwksFetchError(CdsError, ValueError):
    """An issuer's JWKS could not be fetched or read; the reason is safe to log."""

    status = 502
    code = ErrorCode.JWKS_FETCH


class InvalidResource(CdsError, ValueError):
    """A FHIR resource failed R4 validation; it is skipped and counted, never fatal.

    ``reason`` names the resource type and the failing field paths, never values (no PHI).
    """

    status = 422
    code = ErrorCode.INVALID_RESOURCE
    fhir_code = "invalid"

    def __init__(self, resource_type: str, reason: str) -> None:
        super().__init__(f"invalid {resource_type}: {reason}")
        self.resource_type = resource_type
        self.reason = reason


class CardSpecError(CdsError, ValueError):
    """A card that would break the CDS Hooks specification (``hooks/cards.py``): a defect."""


class ConfigError(CdsError, ValueError):
    """A setting or data file is wrong; the message names it (and file:line where known)."""

    code = ErrorCode.CONFIG


class CardContentError(ConfigError):
    """Card YAML that cannot be loaded; the message names the file and the problem."""

    code = ErrorCode.CARD_CONTENT


class DataError(ConfigError):
    """A data file is malformed; the message names the file and the line or key path."""

    code = ErrorCode.DATA


class GuidanceMissing(ConfigError):
    """Neither the package data nor the repository file holds the guidance document."""

    code = ErrorCode.GUIDANCE


class KeyFileError(ConfigError):
    """A key file that cannot sign a CDS Hooks token (message names the file and why)."""

    code = ErrorCode.KEY_FILE


def operation_outcome(
    message: str, *, code: str = "invalid", detail_code: str | None = None,
    severity: str = "error",
) -> dict[str, Any]:
    """Build a FHIR R4 OperationOutcome with one issue."""
    issue: dict[str, Any] = {"severity": severity, "code": code, "diagnostics": message}
    if detail_code:
        issue["details"] = {
            "coding": [{"system": "urn:cds-service:error-code", "code": str(detail_code)}],
            "text": message,
        }
    return {"resourceType": "OperationOutcome", "issue": [issue]}
