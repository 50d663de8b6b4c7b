"""Whole answers by request: the same hook request again is answered from the per-call cache.

An EHR calls again for the same patient and the same draft orders (order-select fires on every
change of selection, order-sign follows it; a retry repeats a call). Such a request differs
from the one before only in ``hookInstance`` (a new UUID per call). ``request_key`` digests
the decoded body less ``hookInstance``, with everything else the answer depends on (``scope``:
the app, service, caller, day and card content), and ``recall`` returns what that request was
answered with: no hook-request model, no gathering or indexing, no pre-filter, no reading.
The first call for a patient is not digested at all (``seen_before``): it cannot repeat one.

Kept only for answers that came from the body alone (``from_body``): nothing was asked of a
FHIR server, so the same body gives the same answer. Entries live in the per-call cache
(``Caches.calls``) beside the cards' content, charged their size like every entry. Every
answer still gets fresh uuids: an answer keeps its cards' wire form (``Wire``: the JSON bytes
cut where the uuids go, made on its first replay for each guidance URL), and a replay only
writes fresh uuids into the gaps.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from cds_service.core.cards import RenderedCard
from cds_service.fhir.context import FhirContext
from cds_service.pipeline.cache import MISSING, Caches, digest
from cds_service.pipeline.run import CACHES, Outcome, log_counts

_FROM_BODY = frozenset({"prefetch", "empty"})
_UUID_SHAPED = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-"
                          r"[0-9A-Fa-f]{12}")
MAX_WIRES = 4  # wire forms kept per answer (one per guidance URL: the Host a call came in on)


@dataclass(frozen=True, slots=True)
class Wire:
    """An answer's response body cut where its uuids go: ``chunks[0]``, then for each gap the
    uuid numbered ``order[i]`` (in ``Answer.ids`` order) and ``chunks[i + 1]``."""

    chunks: tuple[bytes, ...]
    order: tuple[int, ...]

    @classmethod
    def cut(cls, payload: bytes, marks: Sequence[str]) -> Wire | None:
        """``payload`` cut at each of ``marks`` (random uuids written where the fresh ones
        go); None unless every mark occurs exactly once."""
        found = []
        for i, mark in enumerate(marks):
            needle = mark.encode()
            at = _find_once(payload, needle)
            if at < 0:
                return None
            found.append((at, i, len(needle)))
        found.sort()
        chunks, pos = [], 0
        for at, _, size in found:
            chunks.append(payload[pos:at])
            pos = at + size
        chunks.append(payload[pos:])
        return cls(tuple(chunks), tuple(i for _, i, _ in found))

    def render(self, ids: Sequence[str]) -> bytes:
        parts = [self.chunks[0]]
        for i, chunk in zip(self.order, self.chunks[1:], strict=True):
            parts.append(ids[i].encode())
            parts.append(chunk)
        return b"".join(parts)


@dataclass(frozen=True, slots=True)
class Answer:
    """What a request was answered with, less uuids, and what the call log says of it."""

    patient_id: str
    sources: tuple[tuple[str, str], ...]
    cards: tuple[RenderedCard, ...]
    fired: tuple[str, ...]
    invalid: tuple[tuple[str, int], ...]
    skipped: tuple[tuple[str, int], ...]
    untriggered: int
    wires: dict[Any, Wire] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, patient_id: str, ctx: FhirContext, outcome: Outcome) -> Answer:
        return cls(patient_id=patient_id, sources=tuple(ctx.sources.items()),
                   cards=tuple(outcome.cards), fired=outcome.fired,
                   invalid=tuple(outcome.invalid.items()),
                   skipped=tuple(outcome.skipped.items()), untriggered=outcome.untriggered)

    @property
    def ids(self) -> int:
        """How many uuids an answer needs: each card's, then each of its suggestions'."""
        return sum(1 + len(c.card.suggestions) for c in self.cards)

    def outcome(self) -> Outcome:
        """The outcome again, its cards without uuids (``ids`` fresh ones go with them); its
        counts logged as ``run`` logs them."""
        invalid, skipped = Counter(dict(self.invalid)), Counter(dict(self.skipped))
        log_counts(invalid, skipped)
        return Outcome(cards=list(self.cards), fired=self.fired, invalid=invalid,
                       skipped=skipped, untriggered=self.untriggered)

    def wire(self, where: Any) -> Wire | None:
        return self.wires.get(where)

    def keep_wire(self, where: Any, wire: Wire) -> None:
        if len(self.wires) >= MAX_WIRES:  # Host is the caller's to choose: bounded
            self.wires.clear()
        self.wires[where] = wire


def request_key(body: Any, scope: tuple[Any, ...], raw: bytes | None = None) -> bytes | None:
    """The key of a decoded request body less ``hookInstance``, within ``scope``; None for a
    body that cannot be keyed (not an object, or nested deeper than orjson writes).

    With the ``raw`` JSON it was decoded from, the raw bytes are digested with the
    hookInstance cut out (``_raw_key``) when that is sound, else the body is serialised again.
    """
    if not isinstance(body, dict):
        return None
    if raw is not None:
        key = _raw_key(body.get("hookInstance"), scope, raw)
        if key is not None:
            return key
    rest = {k: v for k, v in body.items() if k != "hookInstance"}
    try:
        return digest("request", scope, rest)
    except orjson.JSONEncodeError:  # nested deeper than orjson writes
        return None


def _raw_key(hook_instance: Any, scope: tuple[Any, ...], raw: bytes) -> bytes | None:
    """The digest of ``raw`` with its hookInstance value replaced by a NUL byte, when the value
    is UUID-shaped (hex digits and dashes: no quote, backslash or token of JSON's own) and
    occurs exactly once in ``raw``; else None.

    Sound: two valid JSON texts equal but for a run of hex digits and dashes at the same
    place differ only inside one string; if that string is not the hookInstance, their
    hookInstance token is the same bytes, so the cut-out values are equal and so are the texts.
    A NUL never occurs in valid JSON, so the cut is unambiguous; the tag keeps these keys
    apart from ``digest`` keys (whose input starts with a quote)."""
    if not isinstance(hook_instance, str) or not _UUID_SHAPED.fullmatch(hook_instance):
        return None
    mark = hook_instance.encode("ascii")
    at = _find_once(raw, mark)
    if at < 0:
        return None
    view = memoryview(raw)
    h = hashlib.sha256(b"raw-request")
    h.update(orjson.dumps(scope))
    h.update(view[:at])
    h.update(b"\0")
    h.update(view[at + len(mark):])
    return h.digest()[:20]


def _find_once(haystack: bytes, needle: bytes) -> int:
    """Where ``needle`` stands in ``haystack`` if it stands there exactly once, else -1."""
    at = haystack.find(needle)
    return at if at >= 0 and haystack.find(needle, at + 1) < 0 else -1


def from_body(prefetch: Mapping[str, Any], fhir_server: str | None,
              ctx: FhirContext) -> bool:
    """Whether the answer came from the request body alone: no FHIR server to ask, or every
    key from prefetch with no further page and no result Observation fetched."""
    if fhir_server is None:
        return True
    return (all(source in _FROM_BODY for source in ctx.sources.values())
            and not any(_has_next(value) for value in prefetch.values()))


def _has_next(value: Any) -> bool:
    links = value.get("link") if isinstance(value, dict) else None
    return isinstance(links, list) and any(
        isinstance(link, dict) and link.get("relation") == "next" for link in links)


def seen_before(body: Any, caches: Caches = CACHES) -> bool:
    """Whether a request for this body's patient was answered lately (marking it now): only
    then can the body repeat an earlier one and be worth ``request_key``. Forgetting a
    patient early only costs a replay, never a wrong answer."""
    context = body.get("context") if isinstance(body, dict) else None
    patient = context.get("patientId") if isinstance(context, dict) else None
    if not isinstance(patient, str):
        return False
    mark = hashlib.blake2b(patient.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    if caches.patients.get(mark) is MISSING:
        caches.patients.put(mark, True, size=0)
        return False
    return True


def recall(key: bytes | None, caches: Caches = CACHES) -> Answer | None:
    if key is None:
        return None
    got = caches.calls.get(key)
    return got if isinstance(got, Answer) else None


def remember(key: bytes | None, answer: Answer, caches: Caches = CACHES) -> None:
    if key is not None:
        caches.calls.put(key, answer)
