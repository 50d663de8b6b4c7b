"""Hostile report and order text (issue 12 §2, §6): bounded work, linear HTML to text,
folding before reading, clean quotes. No timed assertions: the work is asserted through what
is counted (sentences looked at and read, their characters, mentions, characters left
unread); timing lives in ``benchmarks/worst_case.py`` and ``benchmarks/fuzz_text.py``. The
texts come from ``benchmarks/hostile_text.py``, which the benchmarks use too."""

from __future__ import annotations

import logging
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
from cds_service.web.state import state

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
    # fewer sentences, but long ones: their characters are capped too
    long = "Blooming artifact " + "<a " * 120 + ". "
    many = guard.MAX_TERM_CHARS // len(long) + 10
    assert many < guard.MAX_TERM_SENTENCES
    assert read_report(_report(LEAD + long * many)).text_skipped > 0
    assert read_report(_report(LEAD + long * 5)).text_skipped == 0


def test_report_text_skipped_reaches_the_outcome_and_the_log(client, app, caplog):
    from tests.conftest import SELECT_ID, hook_body

    body = hook_body("positive-biopsy-thigh-mass.json")
    report = body["prefetch"]["diagnosticReports"]["entry"][0]["resource"]
    report["conclusion"] = (report.get("conclusion") or "") + " Normal." * 20_000
    seen: list[Any] = []
    state(app).observer = lambda _s, outcome, _t: seen.append(outcome)
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


class _Work:
    """The reader's per-sentence work, counted: sentences looked at (and their characters),
    sentences read in full (and theirs). Deterministic, unlike a clock."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from cds_service.core.reading import mentions as mentions_mod
        from cds_service.core.reading import text as text_mod

        self.sentences = self.sentence_chars = self.read = self.read_chars = 0
        real_iter, real_read = text_mod.iter_sentences, mentions_mod.read_sentence

        def iter_sentences(body, steps=None):
            for s, consumed in real_iter(body, steps):
                self.sentences += 1
                self.sentence_chars += len(s)
                yield s, consumed

        def read_sentence(s, *args, **kwargs):
            self.read += 1
            self.read_chars += len(s)
            return real_read(s, *args, **kwargs)

        monkeypatch.setattr(text_mod, "iter_sentences", iter_sentences)
        monkeypatch.setattr(mentions_mod, "read_sentence", read_sentence)

    def total(self) -> int:
        return self.sentence_chars + self.read_chars

    def reset(self) -> None:
        self.sentences = self.sentence_chars = self.read = self.read_chars = 0


def _within_caps(work: _Work, chars: int) -> None:
    pieces = chars // (guard.MAX_SENTENCE_CHARS // 2) + 1  # an over-long sentence's pieces
    assert work.sentences <= guard.MAX_SENTENCES + pieces
    assert work.sentence_chars <= chars
    assert work.read <= guard.MAX_TERM_SENTENCES
    assert work.read_chars <= guard.MAX_TERM_CHARS + guard.MAX_SENTENCE_CHARS


@pytest.mark.parametrize("family", sorted(set(FAMILIES) - HTML_ONLY))
def test_work_grows_at_most_linearly(family, monkeypatch):
    """Doubling a hostile text at most doubles the counted work (caps make it level off)."""
    work = _Work(monkeypatch)
    counts = []
    for n in (20_000, 40_000):
        work.reset()
        read_report(_report(LEAD + FAMILIES[family](n)))
        _within_caps(work, n + len(LEAD))
        counts.append(work.total())
    assert counts[1] <= 2 * counts[0] + guard.MAX_SENTENCE_CHARS, counts


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(runs=st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from((1, 2, 8, 64, 512))),
                     min_size=1, max_size=30),
       how=st.sampled_from(["conclusion", "plain", "html"]))
def test_fuzz_report_text_is_read_within_the_caps(runs, how):
    """Random hostile texts (runs of the pieces the patterns look at): the reader's counted
    work stays within the caps, and the mentions too. Bounded in count, not in time."""
    text = "calcification " + "".join(piece * n for piece, n in runs)
    with pytest.MonkeyPatch.context() as monkeypatch:
        work = _Work(monkeypatch)
        found = read_report(_report(text, how))
        _within_caps(work, len(text))
    read_text(text)
    html_to_text(text)
    assert len(found.findings.mentions) <= MAX_MENTIONS
