"""The trigger pre-filter: can this report hold a mention at all?

The filter is ``literals.Trigger`` over the reader's own term lexicon (the literals every
term match must contain, see ``literals``); the reader uses the same filter per sentence.

``tests/test_trigger.py`` proves the filter passes every text the reader finds a mention in:
every lexicon entry's own examples and the whole evaluation set.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cds_service.core.reading import guard
from cds_service.core.reading.literals import (  # noqa: F401  (the filter's public names)
    ANCHOR,
    MAX_EXPANSION,
    Trigger,
    required_literals,
    sre_parse,
    term_trigger,
)
from cds_service.core.reading.report import report_segments


def report_trigger() -> Trigger:
    """The filter for the reader's term lexicon (built once, like the lexicon itself)."""
    return term_trigger()


def report_has_trigger(resource: Mapping[str, Any],
                       observations: Mapping[str, dict] | None = None) -> bool:
    """True unless no block of text the reader would read in this DiagnosticReport holds a
    trigger. Conservative: a resource too malformed to look at counts as triggered (the full,
    validating reader then refuses it)."""
    trigger = report_trigger()
    try:
        # folded as the reader folds (guard): a homoglyph must not hide a report from it
        return any(trigger(text if text.isascii() else guard.fold(text))
                   for _, text in report_segments(resource, observations))
    except (TypeError, AttributeError, ValueError):
        return True
