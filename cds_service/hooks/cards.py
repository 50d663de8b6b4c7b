"""What the service answers: CDS Hooks 2.0 cards as small immutable typed values, checked
against the specification's limits when made (``core/cards.render`` makes them finished, uuids
included); ``to_json`` writes the wire form once per answer. Pure: no Flask, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from cds_service.errors import CardSpecError

SUMMARY_LIMIT = 140  # characters; the specification asks for fewer


class Indicator(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


class SelectionBehavior(StrEnum):
    AT_MOST_ONE = "at-most-one"
    ANY = "any"


class ActionType(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class Coding:
    system: str
    code: str
    display: str

    def to_json(self) -> dict[str, str]:
        return {"system": self.system, "code": self.code, "display": self.display}


@dataclass(frozen=True, slots=True)
class Source:
    label: str
    topic: Coding | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        if not self.label:
            raise CardSpecError("source.label is required")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label}
        if self.url:
            out["url"] = self.url
        if self.topic is not None:
            out["topic"] = self.topic.to_json()
        return out


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str
    type: str = "absolute"

    def __post_init__(self) -> None:
        if self.type not in ("absolute", "smart"):
            raise CardSpecError(f"link type must be absolute or smart, not {self.type!r}")
        if not self.label or not self.url:
            raise CardSpecError("a link needs a label and a url")

    def to_json(self) -> dict[str, str]:
        return {"label": self.label, "url": self.url, "type": self.type}


@dataclass(frozen=True, slots=True)
class Action:
    """One change to the draft orders. ``resource`` is a FHIR resource the card owns: it is
    shared by every answer made from the same content and must not be changed."""

    type: ActionType
    description: str
    resource: Mapping[str, Any] | None = None
    resource_id: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.type, ActionType):
            object.__setattr__(self, "type", ActionType(self.type))
        if not self.description:
            raise CardSpecError("an action needs a description")
        if self.type is ActionType.DELETE:
            if not self.resource_id:
                raise CardSpecError("a delete action needs resourceId")
        elif self.resource is None:
            raise CardSpecError(f"a {self.type} action needs a resource")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type.value, "description": self.description}
        if self.resource is not None:
            out["resource"] = self.resource
        if self.resource_id is not None:
            out["resourceId"] = self.resource_id
        return out


@dataclass(frozen=True, slots=True)
class Suggestion:
    label: str
    actions: tuple[Action, ...]
    is_recommended: bool = False
    uuid: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            raise CardSpecError("a suggestion needs a label")
        if not self.actions:
            raise CardSpecError("a suggestion needs at least one action")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label}
        if self.uuid:
            out["uuid"] = self.uuid
        out["isRecommended"] = self.is_recommended
        out["actions"] = [a.to_json() for a in self.actions]
        return out


@dataclass(frozen=True, slots=True)
class Card:
    summary: str
    indicator: Indicator
    source: Source
    detail: str | None = None
    suggestions: tuple[Suggestion, ...] = ()
    selection_behavior: SelectionBehavior | None = None
    override_reasons: tuple[Coding, ...] = ()
    links: tuple[Link, ...] = ()
    uuid: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.indicator, Indicator):
            try:
                object.__setattr__(self, "indicator", Indicator(self.indicator))
            except ValueError as exc:
                raise CardSpecError(f"indicator must be one of {[i.value for i in Indicator]}"
                                ) from exc
        if not self.summary or len(self.summary) >= SUMMARY_LIMIT:
            raise CardSpecError(f"summary must be 1 to {SUMMARY_LIMIT - 1} characters, "
                            f"not {len(self.summary)}")
        if self.suggestions:
            if self.selection_behavior is None:
                raise CardSpecError("selectionBehavior is required when there are suggestions")
            if not isinstance(self.selection_behavior, SelectionBehavior):
                object.__setattr__(self, "selection_behavior",
                                   SelectionBehavior(self.selection_behavior))
            if sum(s.is_recommended for s in self.suggestions) > 1:
                raise CardSpecError("at most one suggestion is recommended")
        elif self.selection_behavior is not None:
            raise CardSpecError("selectionBehavior only goes with suggestions")

    def to_json(self) -> dict[str, Any]:
        """The card as CDS Hooks JSON, built once per answer (resources are shared, not
        copied)."""
        out: dict[str, Any] = {"uuid": self.uuid, "summary": self.summary,
                               "indicator": self.indicator.value}
        if self.detail:
            out["detail"] = self.detail
        out["source"] = self.source.to_json()
        if self.override_reasons:
            out["overrideReasons"] = [r.to_json() for r in self.override_reasons]
        if self.suggestions:
            out["suggestions"] = [s.to_json() for s in self.suggestions]
            out["selectionBehavior"] = str(self.selection_behavior)  # set with suggestions
        if self.links:
            out["links"] = [link.to_json() for link in self.links]
        return out
