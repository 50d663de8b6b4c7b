"""The trigger pre-filter never hides a mention the full reader finds."""

from __future__ import annotations

import base64
import json
import random
import re
from pathlib import Path

import pytest

from cds_service.core import reading
from cds_service.core.reading import guard
from cds_service.core.reading.lexicon import lexicon
from cds_service.core.reading.literals import ANCHOR, Trigger, required_literals, sre_parse
from cds_service.core.reading.text import read_block
from cds_service.core.reading.trigger import report_has_trigger, reports_with_trigger
from cds_service.core.textmatch import phrase_pattern
from cds_service.errors import DataError
from tests.conftest import BUNDLES

EVAL = Path(__file__).parent / "eval"
TERMS = lexicon().any_term
TRIGGER = Trigger(TERMS)

_CATEGORY_CHARS = {"CATEGORY_DIGIT": "7", "CATEGORY_SPACE": " ", "CATEGORY_WORD": "x",
                   "CATEGORY_NOT_DIGIT": "x", "CATEGORY_NOT_SPACE": "x",
                   "CATEGORY_NOT_WORD": " "}


def _examples(items, rng: random.Random, depth: int = 0) -> list[str]:
    """Strings the parsed pattern ``items`` matches: every branch, repeats at min and min+1."""
    outs = [""]
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            outs = [o + chr(av) for o in outs]
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        elif name == "SUBPATTERN":
            subs = _examples(av[-1], rng, depth + 1)
            outs = [o + s for o in outs for s in subs]
        elif name == "BRANCH":
            subs = [s for alt in av[1] for s in _examples(alt, rng, depth + 1)]
            outs = [o + s for o in outs for s in subs]
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            lo, hi, sub = av
            variants = _examples(sub, rng, depth + 1)
            counts = sorted({lo, min(lo + 1, hi)})
            outs = [o + v * c for o in outs for c in counts for v in variants[:3]]
        elif name == "IN":
            chars = [chr(a) for op2, a in av if str(op2) == "LITERAL"]
            cats = [_CATEGORY_CHARS.get(str(a), "x") for op2, a in av if str(op2) == "CATEGORY"]
            ranges = [chr(a[0]) for op2, a in av if str(op2) == "RANGE"]
            pick = (chars + ranges + cats)[:2] or ["x"]
            outs = [o + c for o in outs for c in pick]
        elif name == "CATEGORY":
            outs = [o + _CATEGORY_CHARS.get(str(av), "x") for o in outs]
        elif name == "ANY":
            outs = [o + "x" for o in outs]
        else:
            outs = [o + "x" for o in outs]
        if len(outs) > 400:
            outs = rng.sample(outs, 400)
    return outs


def _term_examples() -> list[str]:
    rng = random.Random(5)
    parsed = sre_parse.parse(TERMS.pattern, TERMS.flags)
    out = []
    for example in _examples(list(parsed), rng):
        for variant in (example, example.upper(), example.title()):
            for text in (variant, f"There is {variant} in the mass.",
                         f"IMPRESSION: {variant}; no change."):
                out.append(text)
    return out


def test_every_term_example_matches_the_reader_and_passes_the_filter():
    examples = _term_examples()
    matched = [t for t in examples if TERMS.search(t)]
    assert len(matched) > 200  # the generator reaches every entry of the lexicon
    hidden = [t for t in matched if not TRIGGER(t)]
    assert hidden == []


def test_each_lexicon_entry_is_reached_by_the_examples():
    """Every term pattern in the data has at least one example it matches and the filter
    passes (so the test above covers every entry, not only some)."""
    data = json.loads((Path(reading.__file__).parent.parent.parent / "data"
                       / "findings_terms.json").read_text())
    examples = _term_examples()
    for i, term in enumerate(data["terms"]):
        pattern = term.get("pattern") or phrase_pattern(term["literal"])
        regex = re.compile(r"\b(?=\w)(?:" + pattern + ")", re.I)
        hits = [t for t in examples if regex.search(t)]
        assert hits, f"terms[{i}] has no generated example"
        assert all(TRIGGER(t) for t in hits), f"terms[{i}]"


def _eval_texts() -> list[str]:
    texts = []
    for name in ("dev.jsonl", "heldout.jsonl", "lesion.jsonl", "lesion_heldout.jsonl"):
        for line in (EVAL / name).read_text().splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def test_no_evaluation_text_with_a_mention_is_filtered_out():
    texts = _eval_texts()
    read = [(t, reading.read_text(t)) for t in texts]
    with_mentions = [t for t, f in read if f.mentions]
    assert len(with_mentions) > 100
    assert [t for t in with_mentions if not TRIGGER(t)] == []


def test_no_sample_bundle_report_with_a_mention_is_filtered_out():
    checked = 0
    for path in sorted(BUNDLES.glob("*.json")):
        bundle = json.loads(path.read_text())
        for entry in bundle.get("entry", ()):
            res = entry.get("resource", {})
            if res.get("resourceType") != "DiagnosticReport":
                continue
            segments = reading.report_segments(res)
            mentions = [m for section, text in segments
                        for m in read_block(text, section, None)]
            if mentions:
                checked += 1
                assert any(TRIGGER(text) for _, text in segments), path.name
    assert checked >= 20


def test_case_folding_outside_ascii_is_the_readers():
    text = "There is CALCIFICATION in the ma\u017fs."  # long s: not ASCII
    assert TERMS.search(text) and TRIGGER(text)
    assert not TRIGGER("Normal study. No mass.")


def test_a_term_without_a_required_literal_is_refused():
    with pytest.raises(DataError):
        required_literals(r"\w+\s*\d")
    assert required_literals(r"c(?:al|la)c(?:if|fi)\w*", re.I) == {
        "calcif", "calcfi", "clacif", "clacfi"}
    # after a word boundary a literal must start a word: "thigh" does not trigger \bhigh
    assert required_literals(r"\bhigh T1", re.I) == {ANCHOR + "high t1"} or \
        required_literals(r"\bhigh T1", re.I) == {ANCHOR + "high T1"}
    only_high = Trigger(re.compile(r"\bhigh(?: signal)?", re.I))
    assert not only_high("MRI of the left thigh.") and only_high("High signal.")
    assert only_high("x (high)") and not only_high("thigh high".replace("high high", "x"))


def _spacing_variants(text: str) -> list[str]:
    """``text`` with its spaces as the reader collapses them: runs, tabs, line breaks,
    control characters (folded to spaces), a long word glued before it (cut by the reader)."""
    return [text.replace(" ", "  "), text.replace(" ", "\t"), text.replace(" ", " \n "),
            text.replace(" ", "\x01"), text.replace(" ", "\r\n"), text.replace(" ", "\x0b"),
            "w" * 70 + text, "w" * 70 + text.lstrip(), "x" * 40 + "\u00e9" + "y" * 40 + text,
            text.replace(" ", "\u00a0"), text.replace(" ", " \u200b")]


def test_whitespace_controls_and_cut_words_do_not_hide_a_term():
    """The reader reads text folded and collapsed (``guard.clean``): a term split by a run of
    spaces, a tab, a line break or a control character, or glued to a word the reader cuts,
    is still found by the filter."""
    rng = random.Random(7)
    examples = [t for t in _term_examples() if TERMS.search(t)]
    checked = hidden = 0
    for text in rng.sample(examples, min(len(examples), 600)):
        for variant in _spacing_variants(text):
            if reading.read_text(variant).mentions or TERMS.search(
                    guard.clean(variant, guard.MAX_REPORT_CHARS)[0]):
                checked += 1
                hidden += not TRIGGER(variant)
    assert checked > 1000
    assert hidden == 0


def test_the_reader_cut_of_a_long_word_is_seen():
    """A literal's tail after a word longer than ``MAX_WORD`` counts (the reader's cut can
    join them), and only after such a word."""
    t = Trigger(re.compile(r"and arc", re.I))
    assert t("w" * 70 + "zz and arc")
    assert not t("w" * 20 + "zz arc") and not t("a short word arc")
    assert t("mass and arc-like")


def test_a_literal_the_scan_cannot_see_is_refused():
    with pytest.raises(DataError):
        Trigger(re.compile(r"a\.\.\.b", re.I))


def test_one_pass_over_the_record_marks_the_same_reports_as_one_by_one():
    rng = random.Random(3)
    plain = ["No acute abnormality.", "Mild degenerative change.", "Thigh is normal."]
    marked = ["There is calcification in the mass.", "Signal  loss\tin the lesion.",
              "HIGH signal on T1."]
    for _ in range(50):
        texts = [rng.choice(plain + marked * (rng.random() < 0.3)) for _ in range(6)]
        reports = [_text_report(t) for t in texts]
        got = reports_with_trigger(reports)
        assert got == [report_has_trigger(r) for r in reports]
        assert got == [TRIGGER(t) for t in texts]
    assert reports_with_trigger([{"presentedForm": 5}, _text_report("normal")]) == [True,
                                                                                    False]


def _text_report(text: str) -> dict:
    data = base64.b64encode(text.encode()).decode()
    return {"resourceType": "DiagnosticReport", "id": "r",
            "presentedForm": [{"contentType": "text/plain", "data": data}]}
