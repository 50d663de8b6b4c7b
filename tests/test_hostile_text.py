"""Hostile report and order text (issue 12 §2, §6): bounded work, linear HTML to text,
folding before reading, clean quotes. No timed assertions: the work is asserted through what
is counted (sentence lengths, mentions, characters left unread); timing lives in
``benchmarks/worst_case.py``. The fuzz run prints its slowest example for the record."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.hostile_text import FAMILIES, HTML_ONLY, LEAD, PIECES, order
from benchmarks.hostile_text import report as _report
from cds_service.core import orders
from cds_service.core.cards import md_quote
from cds_service.core.reading import guard, html_to_text, read_report, read_text, split_sentences
from cds_service.core.reading.text import MAX_MENTIONS

# -- every pathological family is read, bounded -----------------------------------------


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_pathological_family_is_read(family):
    text = LEAD + FAMILIES[family](50_000)
    how = "html" if family in HTML_ONLY else "conclusion"
    found = read_report(_report(text, how))
    assert len(found.findings.mentions) <= MAX_MENTIONS
    if family not in HTML_ONLY:
        orders.classify_order(order(text))


def test_sentences_are_bounded_in_length():
    for family in ("long word with dots", "spaces", "calcification words", "punctuation run"):
        pieces = split_sentences(FAMILIES[family](20_000))
        assert all(len(p) <= guard.MAX_SENTENCE_CHARS for p in pieces), family


def test_mentions_per_report_are_capped_and_the_rest_counted():
    found = read_report(_report(LEAD + FAMILIES["calcification words"](20_000)))
    assert len(found.findings.mentions) == MAX_MENTIONS
    assert found.text_skipped > 0


def test_text_over_the_report_cap_is_counted_not_read():
    filler = ("The visualized soft tissues, muscles, tendons and neurovascular bundles of the "
              "left thigh are unremarkable on every sequence obtained today. ")
    text = LEAD + filler * (guard.MAX_REPORT_CHARS // len(filler) + 10)
    found = read_report(_report(text, "plain"))
    assert found.text_skipped == len(text) - guard.MAX_REPORT_CHARS
    assert read_report(_report(LEAD)).text_skipped == 0


def test_sentences_past_the_cap_are_counted_not_read():
    """A report of many tiny sentences is read up to ``MAX_SENTENCES`` sentence ends; what
    is left is counted. The term before the cap is read, one after it is not."""
    tiny = "Normal. " * (guard.MAX_SENTENCES + 500)
    found = read_report(_report(LEAD + tiny + "Calcified node in the groin."))
    assert [m.sentence for m in found.findings.mentions] == [
        "There is a mass with internal calcification."]
    assert 0 < found.text_skipped < len(tiny)
    initials = read_report(_report(LEAD + "A. " * 20_000))  # sentence ends that end nothing
    assert initials.text_skipped > 0


def test_sentences_holding_a_term_past_their_cap_are_counted():
    text = LEAD + "Blooming artifact. " * (guard.MAX_TERM_SENTENCES + 100)
    found = read_report(_report(text))
    assert found.text_skipped > 0
    short = LEAD + "Blooming artifact. " * 10
    assert read_report(_report(short)).text_skipped == 0


def test_report_text_skipped_reaches_the_outcome_and_the_log(client, app, caplog):
    from tests.conftest import SELECT_ID, hook_body

    body = hook_body("positive-biopsy-thigh-mass.json")
    report = body["prefetch"]["diagnosticReports"]["entry"][0]["resource"]
    report["conclusion"] = (report.get("conclusion") or "") + " Normal." * 20_000
    seen: list[Any] = []
    app.extensions["cds_observer"] = lambda _s, outcome, _t: seen.append(outcome)
    with caplog.at_level(logging.WARNING, logger="cds_service"):
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
    assert resp.status_code == 200
    assert seen[-1].skipped["report_text_chars"] > 0
    logged = [r for r in caplog.records
              if r.getMessage() == "report text over the per-report cap not read"]
    assert logged and logged[0].chars == seen[-1].skipped["report_text_chars"]
    assert "Normal" not in caplog.text


# -- HTML to text -----------------------------------------------------------------------


@pytest.mark.parametrize(("markup", "text"), [
    ("<p>a &amp; b</p><p>c<br>d</p>", "a & b\nc\nd"),
    ("a < b and c > d", "a < b and c > d"),
    ("<script>x</script>y", "y"),
    ("<SCRIPT>x<p>z</p></script >y", "y"),
    ("<!-- c --> z", "z"),
    ("<p>x<!-- open", "x<!-- open"),
    ("x <a", "x <a"),
    ("<div title='a>b'>t</div>", "t"),
    ("<div title=\"unclosed>t</div>", "t"),
    ("<head><title>T</title></head><body>B</body>", "B"),
    ("&lt;tag&gt;", "<tag>"),
    ("<![CDATA[x]]>y", "y"),
    ("<?xml version='1.0'?><p>z</p>", "z"),
    ("</p >q", "q"),
    ("<p/>r", "r"),
    ("1 <2 and 3>", "1 <2 and 3>"),
    ("<style>p{}</style>s", "s"),
    ('<div xmlns="http://www.w3.org/1999/xhtml"><p>FINDINGS:</p><p>Mass.</p></div>',
     "FINDINGS:\nMass."),
])
def test_html_to_text(markup, text):
    assert html_to_text(markup) == text


def test_html_to_text_looks_at_each_position_a_bounded_number_of_times(monkeypatch):
    """Count the scanner's searches: linear in tags, not in tags × length (was quadratic)."""
    from cds_service.core.reading import markup as markup_mod

    calls = 0
    real = markup_mod._TAG_STOP

    class Counting:
        def search(self, text, pos):
            nonlocal calls
            calls += 1
            return real.search(text, pos)

    monkeypatch.setattr(markup_mod, "_TAG_STOP", Counting())
    for unit in ("<a ", "<a \"", "<a '", "<b>x</b>", "<!--"):
        calls = 0
        n = 3000
        html_to_text(unit * n)
        assert calls <= 3 * n + 3, (unit, calls)


# -- folding before reading, clean quotes -----------------------------------------------


@pytest.mark.parametrize("text", [
    "No calcification.",
    "N\u043e calcification.",  # Cyrillic o
    "\u039do calcification.",  # Greek capital nu
    "No calci\ufb01cation.",  # fi ligature
    "N\u200bo calcification.",  # zero-width space
    "No\u00adcalcification seen.".replace("\u00ad", " \u00ad"),  # soft hyphen
    "\uff4e\uff4f calcification.",  # full-width
    "No calci\u200dfication.",  # zero-width joiner inside the term
    "\u202eNo calcification.\u202c",  # bidi override around it
])
def test_folding_keeps_the_negation(text):
    mentions = read_text(text).mentions
    assert [m.assertion for m in mentions] == ["negated"], text


def test_folding_finds_a_hidden_affirmation():
    assert [m.assertion for m in read_text("Calci\u200bfication in the m\u0430ss.").mentions] \
        == ["affirmed"]


def test_the_trigger_prefilter_folds_too():
    from cds_service.core.reading.trigger import report_has_trigger

    hidden = "Mass with internal c\u0430lcific\u0430tion."  # Cyrillic a, twice
    assert report_has_trigger(_report(hidden))
    assert report_has_trigger(_report("Mass with calci\u200bfication.", "html"))
    assert [m.assertion for m in read_report(_report(hidden)).findings.mentions] == ["affirmed"]


def test_quotes_lose_bidi_and_zero_width_and_links():
    quoted = md_quote("Mass \u202eevil\u202c with calci\u200bfication, see https://x.example/a"
                      " or www.x.example or HTTP://y")
    assert "\u202e" not in quoted and "\u200b" not in quoted and "\u202c" not in quoted
    assert "https://" not in quoted and "www." not in quoted and "HTTP://" not in quoted
    assert "calcification" in quoted
    assert "https\\[:\\]//x.example/a" in quoted


# -- fuzz -------------------------------------------------------------------------------

FUZZ_WORST: dict[str, float] = {"seconds": 0.0, "examples": 0}


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=3000),
       how=st.sampled_from(["conclusion", "plain", "html"]))
def test_fuzz_report_text_is_always_read(pieces, how):
    text = "calcification " + "".join(pieces)
    started = time.perf_counter()
    found = read_report(_report(text, how))
    read_text(text)
    html_to_text(text)
    FUZZ_WORST["seconds"] = max(FUZZ_WORST["seconds"], time.perf_counter() - started)
    FUZZ_WORST["examples"] += 1
    assert len(found.findings.mentions) <= MAX_MENTIONS


def test_fuzz_figures_printed():
    """Not a timing assertion: the fuzz run's figures, for the issue note (pytest -s)."""
    print(f"\nfuzz: {FUZZ_WORST['examples']} examples, slowest "
          f"{FUZZ_WORST['seconds'] * 1000:.1f} ms")
