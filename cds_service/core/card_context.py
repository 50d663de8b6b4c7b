"""A calcified node's context, for the nodal card's wording (docs/matching-policy.md P11.92):
the guidance's nodal statement is about metastasis ("Mixed signal intensity in lymph nodes on
MRI may indicate calcification and can be a strong indicator of metastasis"), true of a node of
a carcinoma (rectal cancer, papillary thyroid carcinoma) or of a node with no context; in a
patient with lymphoma a calcified node is usually treated disease and the question is
recurrence, and in granulomatous disease (tuberculosis, sarcoidosis, histoplasmosis) it is
usually a healed granulomatous node. Where the report's history, its statements about the node
(those leaving no diagnosis open) or the order's reason name lymphoma, or granulomatous disease,
and neither the report nor the reason names a carcinoma, a primary or a metastasis, the card
quotes that context instead of calling the node a sign of metastasis. Words ``node_lymphoma``,
``node_granulomatous``, ``node_carcinoma``, ``node_treated`` of ``findings_structures.json``;
linear: bounded patterns over the report's sections and the reason's bounded text. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cds_service.core.card_names import statements
from cds_service.core.reading.sentences import report_sentences
from cds_service.core.reading.structure import WORDS
from cds_service.core.rules import Citation

_REASON_CHARS = 2_000  # of each reason or note text the context reads
_MAX_QUOTE = 120
_CLAUSE = re.compile(r";|\.\s|,\s")


@dataclass(frozen=True, slots=True)
class NodeContext:
    """The disease a node's record names ("lymphoma" or "granulomatous"), the words naming it,
    and whether the record says the disease was treated; empty where a carcinoma is named."""

    kind: str = ""
    said: str = ""
    treated: bool = False
    cause: str = ""  # granulomatous: "sarcoidosis", "infection", or "" for either (P11.111)


def reason_texts(resource: Any) -> tuple[str, ...]:
    """The texts of an order's reasonCode, reasonReference and note, each bounded."""
    out: list[str] = []
    for key, field in (("reasonCode", "text"), ("reasonReference", "display"), ("note", "text")):
        items = resource.get(key) if isinstance(resource, dict) else None
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict) and isinstance(item.get(field), str):
                out.append(item[field][:_REASON_CHARS])
            if key == "reasonCode" and isinstance(item, dict):
                out.extend(c["display"][:_REASON_CHARS] for c in item.get("coding") or ()
                           if isinstance(c, dict) and isinstance(c.get("display"), str))
    return tuple(out)


def _said(texts: Iterable[str], words: re.Pattern[str]) -> str:
    """The first clause of these texts naming ``words``, cut to ``_MAX_QUOTE``."""
    for t in texts:
        for clause in _CLAUSE.split(t):
            if words.search(clause):
                said = " ".join(clause.split()).rstrip(".")
                return said if len(said) <= _MAX_QUOTE else (
                    said[:_MAX_QUOTE].rsplit(" ", 1)[0] + " …")
    return ""


def _cause(said: str) -> str:
    """The granulomatous disease the words name: sarcoidosis (no infection, its nodes calcify
    from the disease itself), an infection (tuberculosis, histoplasmosis), or "" for either."""
    if WORDS["node_sarcoid"].search(said):
        return "sarcoidosis"
    return "infection" if WORDS["node_infection"].search(said) else ""


def node_context(first: Citation, reasons: tuple[str, ...]) -> NodeContext:
    """The cited node's context: lymphoma, else granulomatous disease, named by the report's
    history, by a statement about the node that leaves no diagnosis open, or by the order's
    reason, where neither the report nor the reason names a carcinoma (P11.92)."""
    m, _, _, same = statements(first)
    if m.kind != "node":
        return NodeContext()
    read = list(report_sentences(first.report.segments))
    history = [s for kind, s in read if kind == "history"]
    if any(WORDS["node_carcinoma"].search(t) for t in (*reasons, *(s for _, s in read))):
        return NodeContext()
    own = [t for x in same for t in (x.sentence, x.antecedent)
           if t and not WORDS["node_suspected"].search(t)]
    texts = [*history, *own, *reasons]
    for kind in ("lymphoma", "granulomatous"):
        if said := _said(texts, WORDS[f"node_{kind}"]):
            return NodeContext(kind, said, any(WORDS["node_treated"].search(t) for t in texts),
                               _cause(said) if kind == "granulomatous" else "")
    return NodeContext()
