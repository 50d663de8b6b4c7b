"""The trigger pre-filter: can this report hold a mention at all?

A report triggers when its text holds a calcium, mineral or ossification word of the term
lexicon, or an MRI sign the lexicon lets stand alone (signal void, blooming, susceptibility)
in a sentence about a lesion or node that does not give the sign another cause
(``sign_alone_in``: the reader's own test, on the reader's own sentences). A sign that
needs a calcium word beside it never triggers alone, and no other word triggers at all. The
words are each term's ``trigger`` in ``data/findings_terms.json`` (``literals``).

A sentence is judged whole, so where the reader would read only a part of a report (over
``guard.MAX_REPORT_CHARS``, or past the call's text budget) a sign word triggers by itself.

``tests/test_trigger.py`` proves the filter passes every text the reader finds a mention in:
every lexicon entry's own examples, generated matches of every term, the evaluation sets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cds_service.core.reading import guard
from cds_service.core.reading.assertion import denies
from cds_service.core.reading.lexicon import find_contexts
from cds_service.core.reading.literals import MAX_WINDOWS, REFERS, SIGN, WORD
from cds_service.core.reading.mentions import about_subject, other_cause
from cds_service.core.reading.report import all_segments
from cds_service.core.reading.sentences import iter_sentences, sections
from cds_service.core.reading.structure import ANAPHOR
from cds_service.core.reading.text import scanner


def _read_length(text: str) -> int:
    """At least the characters the reader takes of ``text``, folded or not."""
    return len(text) if text.isascii() else max(len(text), len(guard.fold(text)))


def sign_alone_in(windows: Sequence[str]) -> bool:
    """Whether a sentence of ``windows`` (texts) may give a sign's mention without a calcium
    word: the reader's ``mentions._alone`` on the reader's sentences of each (as
    ``read_block_bounded`` makes them), each part at its widest: every sign, every lesion
    context named in it or, when it refers back, in the one before (negated or not), negated
    when it holds any negation cue (looked for only when another cause is given). Past
    ``guard.MAX_TERM_SENTENCES`` sentences with a sign (the reader's cap, hostile text) it says
    yes without looking further."""
    scan = scanner().scan
    left = guard.MAX_TERM_SENTENCES
    judged: set[tuple[str, str]] = set()  # a sentence (and what it draws on) said no before
    for text in windows:
        for _name, _kind, body in sections(guard.clean(text, guard.MAX_REPORT_CHARS)[0], None):
            prev = ""
            for s, _ in iter_sentences(body):
                subjects = scan(s, windows=False).subjects
                left -= bool(subjects)
                if left < 0:
                    return True
                back = prev if ANAPHOR.match(s) or REFERS.search(s) else ""
                seen = (s, back)  # the impression repeats
                if seen in judged:  # the findings' sentence: the same answer again
                    subjects = frozenset()
                judged.add(seen)
                if subjects and not about_subject(s, subjects, set()):  # then by the contexts named
                    contexts = {cid for _, _, cid in find_contexts(s)}
                    if back:  # wherever it refers back ("… is present within it"): the
                        # pre-filter may pass more than the reader, never less (P2.2)
                        contexts |= {cid for _, _, cid in find_contexts(back)}
                    subjects = subjects if about_subject(s, subjects, contexts) else frozenset()
                if subjects and (not other_cause(s)
                                 or denies(s)):
                    return True
                prev = s
    return False




def reports_with_trigger(reports: Sequence[Mapping[str, Any]],
                         observations: Mapping[str, dict] | None = None,
                         max_chars: int | None = None) -> list[bool]:
    """For each DiagnosticReport: whether the reader may find a mention in it (see the module
    doc). Conservative: a resource too malformed to look at counts as triggered (the full,
    validating reader then refuses it). ``max_chars``: the report text the call reads at most
    (``CDS_MAX_CALL_TEXT_CHARS``; None: no limit but the per-report one).
    """
    scan = scanner().scan
    out: list[bool] = []
    spent = 0  # text before this report, as much as the reader can have read of it
    for resource in reports:
        try:
            texts = [text for _, text in all_segments(resource, observations)]
        except (TypeError, AttributeError, ValueError):
            out.append(True)
            continue
        size = sum(map(_read_length, texts))
        whole = size <= guard.MAX_REPORT_CHARS and (max_chars is None
                                                   or spent + size <= max_chars)
        spent += size
        # a blank line between texts: no sentence runs on to the next
        found = scan("\n\n".join(texts), windows=whole)
        out.append(bool(found.kinds & WORD) or bool(found.kinds & SIGN) and (
            not whole or bool(found.windows) and (len(found.windows) > MAX_WINDOWS
                                                  or sign_alone_in(found.windows))))
    return out


def report_has_trigger(resource: Mapping[str, Any],
                       observations: Mapping[str, dict] | None = None) -> bool:
    """``reports_with_trigger`` for one report."""
    return reports_with_trigger([resource], observations)[0]
