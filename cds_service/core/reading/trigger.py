"""The trigger pre-filter: can this report hold a mention at all?

The filter is ``literals.Trigger`` over the reader's own term lexicon (the literals every
term match must contain, see ``literals``); the reader uses the same filter per sentence.
A record is scanned in one pass first (``reports_with_trigger``): most hold no trigger in any
report.

``tests/test_trigger.py`` proves the filter passes every text the reader finds a mention in:
every lexicon entry's own examples and the whole evaluation set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cds_service.core.reading.literals import term_trigger
from cds_service.core.reading.report import all_segments


def _texts(resource: Mapping[str, Any], observations: Mapping[str, dict] | None) -> list[str]:
    return [text for _, text in all_segments(resource, observations)]


def reports_with_trigger(reports: Sequence[Mapping[str, Any]],
                         observations: Mapping[str, dict] | None = None) -> list[bool]:
    """For each DiagnosticReport: False when no block of text the reader would read in it holds
    a trigger. Conservative: a resource too malformed to look at counts as triggered (the
    full, validating reader then refuses it).

    Every text of the record is scanned in one pass first (most records hold no trigger
    anywhere); only when it holds one is each report scanned on its own.
    """
    trigger = term_trigger()
    texts: list[list[str] | None] = []
    for resource in reports:
        try:
            texts.append(_texts(resource, observations))
        except (TypeError, AttributeError, ValueError):
            texts.append(None)
    if all(each is not None for each in texts) and not trigger(
            " ".join(text for each in texts if each for text in each)):
        return [False] * len(texts)
    return [each is None or trigger(" ".join(each)) for each in texts]


def report_has_trigger(resource: Mapping[str, Any],
                       observations: Mapping[str, dict] | None = None) -> bool:
    """``reports_with_trigger`` for one report."""
    return reports_with_trigger([resource], observations)[0]
