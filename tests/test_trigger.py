"""The trigger pre-filter never hides a mention the full reader finds, and passes ordinary MRI
language without a calcium word.

"The full reader" is the reader with its own use of the trigger words (a block, a sentence
holding none is not read) switched off: every sentence with a term is read. The filter must
pass every text it finds a mention in, and the reader's findings with the words on must be
the same as without.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks import mri_language
from cds_service.core import reading
from cds_service.core.reading import guard, text
from cds_service.core.reading.lexicon import lexicon
from cds_service.core.reading.literals import SIGN, WORD, Found, Scanner, fold
from cds_service.core.reading.text import scanner
from cds_service.core.reading.trigger import report_has_trigger, reports_with_trigger
from cds_service.core.textmatch import phrase_pattern
from cds_service.errors import DataError
from tests.conftest import BUNDLES

EVAL = Path(__file__).parent / "eval"
DATA = Path(reading.__file__).parent.parent.parent / "data" / "findings_terms.json"
TERMS = json.loads(DATA.read_text())["terms"]


class _Everything:
    """A scanner that finds every kind of trigger word everywhere (the reader reads all)."""

    def scan(self, text: str, **_: bool) -> Found:
        return Found(WORD | SIGN, frozenset({"mass", "node"}), (text,))


@contextmanager
def _full_reader() -> Iterator[None]:
    real = text.scanner
    text.scanner = lambda: _Everything()  # type: ignore[assignment,return-value]
    try:
        yield
    finally:
        text.scanner = real


def _report(body: str) -> dict:
    data = base64.b64encode(body.encode()).decode()
    return {"resourceType": "DiagnosticReport", "id": "r", "status": "final",
            "code": {"text": "MRI"},
            "presentedForm": [{"contentType": "text/plain", "data": data}]}


def _passes(body: str) -> bool:
    return report_has_trigger(_report(body))


def _check(texts: list[str]) -> int:
    """Every text the full reader finds a mention in passes the filter, and the reader finds
    the same with its trigger words on; returns how many held a mention."""
    with _full_reader():
        full = [reading.read_text(t) for t in texts]
    held = 0
    for t, found in zip(texts, full, strict=True):
        assert reading.read_text(t) == found, t
        if found.mentions:
            held += 1
            assert _passes(t), t
    return held


# -- every term: its trigger words are in every match -------------------------------------

SUBJECTS = ["mass"]
NEVER = re.compile(r"(?!x)x")


def words_of(term: dict) -> list[tuple[str, int, frozenset[str]]]:
    kind = SIGN if term.get("alone_in") else WORD
    return [(w, kind, frozenset(term.get("alone_in", ()))) for w in term.get("trigger", ())]


@pytest.mark.parametrize("i", range(len(TERMS)))
def test_every_match_of_a_term_holds_one_of_its_trigger_words(i):
    term = TERMS[i]
    pattern = term.get("pattern") or phrase_pattern(term["literal"])
    words = term.get("trigger", [])
    regex = re.compile(pattern, re.I)

    # Drawing from a regex costs with its size: the 4,363-character "no longer seen" pattern
    # took 22 s of CPU to draw 300 examples and passed the 300 s timeout on a loaded CI
    # machine; 100 draws of it keep the check and a wide margin.
    examples = 300 if len(pattern) < 2000 else 100

    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.from_regex(regex, fullmatch=True))
    def holds(match: str) -> None:
        if not re.search(r"\b(?=\w)(?:" + pattern + ")", match, re.I):
            return  # the reader's terms start a word: this one it never matches
        if term.get("requires_calcification") and not term.get("alone_in"):
            assert words == []  # never triggers: it counts only beside a calcium word
        else:
            kind = SIGN if term.get("alone_in") else WORD
            assert Scanner(words_of(term), SUBJECTS, NEVER).scan(match).kinds == kind, match

    holds()


def test_each_role_is_declared_in_the_data():
    """A calcium word and a sign that may stand alone declare trigger words; a sign that needs
    a calcium word declares none. The loader refuses anything else."""
    for term in lexicon().terms.labels:
        assert bool(term.trigger) == (not term.requires_calcification or bool(term.alone_in))
    kinds = {w: k for w, (k, _) in scanner().words.items()}
    assert kinds["calcif"] == WORD and kinds["ossif"] == WORD and kinds["blooming"] == SIGN
    assert not any(w in kinds for w in ("high", "ring", "hyperintens", "t1", "void"))


@pytest.mark.parametrize("entry", [
    {"pattern": r"\bT1 bright\b", "concept": "t1-hyperintensity",
     "requires_calcification": True, "trigger": ["t1 bright"]},
    {"pattern": r"\bcalcif\w*", "concept": "calcification"},
    {"pattern": r"\bcalcif\w*", "concept": "calcification", "trigger": ["calcif\u00e9"]},
])
def test_the_loader_refuses_a_wrong_trigger_declaration(entry, monkeypatch):
    from cds_service.core.reading import lexicon as lexicon_module

    real = lexicon_module.load_json

    def fake(name: str):
        data, where = real(name)
        if name == "findings_terms.json":
            data["terms"].append(entry)
        return data, where

    monkeypatch.setattr(lexicon_module, "load_json", fake)
    with pytest.raises(DataError, match="trigger"):
        lexicon_module._load_terms()


# -- what the filter passes ----------------------------------------------------------------


@pytest.mark.parametrize("body", [
    "There is calcification in the mass.", "Chondrocalcinosis of the menisci.",
    "Ossification of the posterior longitudinal ligament.", "Calcium score of 0.",
    "Punctate signal voids in the thigh mass.", "Blooming within the enlarged lymph node.",
    "There is a mass in the left thigh. It contains foci of blooming.",
    "No susceptibility artifact within the lesion to suggest hemosiderin.",
    "Mass with mixed T1 hyperintense signal; calcification is possible.",
    "Calci\ufb01cation (a ligature) in the mass.", "CALCIFICATION in the ma\u017fs.",
    "No blooming in the mass to suggest hemosiderin.",
])
def test_a_calcium_word_or_a_sign_about_a_lesion_passes(body):
    assert _passes(body)


@pytest.mark.parametrize("body", [
    "T2 hyperintense lesion in the liver.", "High-grade partial-thickness tear.",
    "No ring-enhancing lesion.", "Normal flow voids in the intracranial arteries.",
    "Susceptibility artifact from dental hardware.",
    "A few foci of hemosiderin blooming, chronic microhemorrhages.",
    "T1 hyperintense lesion in the L2 vertebral body, a hemangioma.",
    "Small T1 hyperintense focus in the clivus.", "Fazekas grade 2. Avoid contrast.",
    "A 9 mm adrenal nodule shows signal loss on opposed-phase images, a lipid-rich adenoma.",
    "Blooming in the cavernoma, hemosiderin.", "Mass near the screw; susceptibility from it.",
    "Susceptibility artifact from the right hip arthroplasty. No mass.",
    "No mass. Susceptibility artifact from the right hip arthroplasty.",
])
def test_ordinary_mri_language_does_not(body):
    assert not _passes(body)


def test_ordinary_reports_pass_only_with_a_calcification_finding():
    """On the generator's ordinary MRI language (its signs stand in lesion sentences only
    with another cause: an adrenal nodule with signal loss on opposed-phase images) the
    filter passes exactly the reports with a calcification finding;
    ``python -m benchmarks.trigger_rate`` prints the rates."""
    stream = mri_language.generate(700, seed=21)
    passed = reports_with_trigger([g.report for g in stream])
    assert passed == [g.calcified for g in stream]
    assert any("adrenal nodule shows signal loss" in g.text for g in stream)


def test_a_report_the_reader_reads_only_in_part_passes_on_a_sign_word():
    """Past the per-report cap or the call's text budget the reader may read a sentence cut
    short, so a sign word passes there without the sentence test."""
    body = "Susceptibility artifact from dental hardware. "
    assert not _passes(body)
    assert _passes(body + "x " * guard.MAX_REPORT_CHARS)
    reports = [_report(body)] * 3
    assert reports_with_trigger(reports) == [False] * 3
    assert reports_with_trigger(reports, max_chars=2 * len(body)) == [False, False, True]


def test_a_malformed_report_counts_as_triggered():
    assert reports_with_trigger([{"presentedForm": 5}, _report("normal")]) == [True, False]


def test_case_folding_is_the_readers():
    """Every character IGNORECASE matches to an ASCII letter is scanned as that letter."""
    for code in range(0x110000):
        c = chr(code)
        if code > 127 and re.fullmatch("[a-z]", c, re.I):
            assert re.fullmatch(fold(c)[1], c, re.I) and fold(c)[1].isascii(), hex(code)


# -- the proof over real text ----------------------------------------------------------------


def _eval_texts() -> list[str]:
    texts = []
    # every set's reports: the sealed sets once landed (unseen…unseen8) too
    for path in sorted(EVAL.glob("*.jsonl")) + sorted(EVAL.glob("*/reports.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text().splitlines()
                  if line.strip()]
    return texts


def test_no_evaluation_text_with_a_mention_is_filtered_out():
    assert _check(_eval_texts()) > 250


def test_no_sample_bundle_report_with_a_mention_is_filtered_out():
    checked = 0
    seen: set[str] = set()  # a positive and its twin share most reports: read each text once
    for path in sorted(BUNDLES.glob("*.json")) + sorted(EVAL.glob("*/bundles/*.json")):
        for entry in json.loads(path.read_text()).get("entry", ()):
            res = entry.get("resource", {})
            if res.get("resourceType") != "DiagnosticReport":
                continue
            key = json.dumps(res, sort_keys=True)
            if key in seen:
                continue
            seen.add(key)
            with _full_reader():
                full = reading.read_report(res, validate=False)
            assert reading.read_report(res, validate=False) == full, path.name
            if full.findings.mentions:
                checked += 1
                assert report_has_trigger(res), path.name
    assert checked >= 20


def test_generated_reports_read_the_same_and_pass_when_they_mention():
    stream = mri_language.generate(300, seed=22, calcified_fraction=0.3)
    assert _check([g.text for g in stream]) == 90


# -- the proof over hostile and random text --------------------------------------------------

_PIECES = [
    "There is a mass in the thigh.", "It shows signal voids.", "These demonstrate blooming.",
    "Enlarged lymph node.", "The lesion has susceptibility artifact.", "No mass.",
    "Mixed signal intensity node.", "from hardware", "hemosiderin", "calcification",
    "noncalcified", "T1 hyperintense", "calcium score of 0", "ring-and-arc matrix",
    "chondroid matrix", "osteoid matrix", "bone formation", "no", "possible", "within it",
    "FINDINGS:", "IMPRESSION:", "\n", "\n\n", ". ", "; ", ", ", " ", "\t", "\x01", "\r\n",
    "\u00a0", "\u200b", "\u0441alcification", "\ufb01", "S\u0399GNAL VOID", "w" * 70,
    "signal", "void", "lesion", "node", "mass", "blooming", "susceptibility", "dark foci",
    "signal\n void", "signal  void", "Signal-drop-out", "cavernoma", "adenoma", "there is",
    "There is blooming.", "approx.", "Fig.", "e.g.", "vs.", "1.", "(2)", "- ", "A.", "It",
    "Mass.", "node.\n", "\n \n", "   ", "\t\t", "from a clip", "opposed-phase", "negative for",
    "Nodes:", "LESION", "   \n", "\r\n", ":\n", ".\nIt", "ma\u017fs", "\u0130t", "(",
]


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14),
       st.sampled_from(["", " ", "\n", ". "]))
def test_random_text_with_a_mention_always_passes(pieces, glue):
    _check([glue.join(pieces)])


def test_spacing_controls_and_cut_words_do_not_hide_a_term():
    """A term split by a run of spaces, a tab, a line break or a control character, or glued
    after a word the reader cuts (``guard.MAX_WORD``), still passes."""
    base = ["There is signal void in the mass.", "Calcification of the node.",
            "Rings and arcs in the lesion.", "Foci of profoundly low signal in the tumor."]
    variants = [v for t in base for v in (
        t.replace(" ", "  "), t.replace(" ", "\t"), t.replace(" ", " \n "),
        t.replace(" ", "\x01"), t.replace(" ", "\r\n"), t.replace(" ", "\x0b"),
        "w" * 70 + t, "x" * 40 + "\u00e9" + "y" * 40 + t, t.replace(" ", "\u00a0"),
        t.replace(" ", " \u200b"), t.upper(), t.replace("i", "\u0131"))]
    assert _check(variants) >= 40  # a term glued to a long first word is cut off with it


def test_the_scanner_is_built_once():
    assert scanner() is scanner()


# -- bounded work on hostile text ------------------------------------------------------------

_HOSTILE = {
    "signs with another cause": "Mass with blooming from hardware. ",
    "signs referring back": "Lymph node. It shows blooming from a clip. ",
    "one long line": "mass blooming from hardware ",
    "empty stretches": "Mass.\n.\n;\n",
    "signs without subjects": "Blooming artifact. ",
    "soft breaks and abbreviations": "Approx. 3 mm mass. Susceptibility. Fig. 2 hardware. ",
}


@pytest.mark.parametrize("family", sorted(_HOSTILE))
def test_the_filter_work_grows_at_most_linearly_and_stops_at_the_readers_cap(family,
                                                                             monkeypatch):
    """The characters the stretch search looks at grow at most linearly with the text, and
    the sentences the reader's test looks at stop at ``guard.MAX_TERM_SENTENCES`` (then the
    report passes: the reader's own caps decide). Counted, not timed."""
    from cds_service.core.reading import literals

    looked = {"chars": 0, "sentences": 0}
    real_back, real_iter = literals._back, text.iter_sentences

    def back(folded, at, floor, find):
        looked["chars"] += at - floor
        return real_back(folded, at, floor, find)

    def iter_sentences(body, steps=None):
        for s, consumed in real_iter(body, steps):
            looked["sentences"] += 1
            yield s, consumed

    monkeypatch.setattr(literals, "_back", back)
    monkeypatch.setattr(text, "iter_sentences", iter_sentences)
    counts = []
    for n in (20_000, 40_000):
        looked.update(chars=0, sentences=0)
        body = (_HOSTILE[family] * (n // len(_HOSTILE[family]) + 1))[:n]
        passed = _passes(body)
        counts.append(dict(looked))
        with _full_reader():
            if reading.read_text(body).mentions:
                assert passed
    assert counts[1]["chars"] <= 2 * counts[0]["chars"] + 1000, counts
    assert all(c["chars"] <= 4 * 40_000 for c in counts), counts
    assert all(c["sentences"] <= 2 * (guard.MAX_TERM_SENTENCES + 2) for c in counts), counts


_NET = ("FINDINGS:\nPancreas: A 2.4 cm round, well-circumscribed lesion in the pancreatic tail "
        "enhances avidly, consistent with a neuroendocrine tumour. {sign}")


@pytest.mark.parametrize("sign", [
    "A central focus of signal void on all sequences is present within it.",
    "Punctate foci of signal void are seen in its centre.",
    "Several foci of blooming on GRE are noted along its medial wall.",
    "A focus of susceptibility on SWI lies within it.",
    "Central signal void on all sequences is noted in it.",
    "Dark foci without enhancement are present throughout it, signal void on all sequences.",
])
def test_a_sign_referring_back_at_its_end_passes(sign: str) -> None:
    """unseen8 m2: the reader attaches the sign to the lesion before it, so must the filter."""
    body = _NET.format(sign=sign)
    assert reading.read_text(body).mentions
    assert _passes(body)
