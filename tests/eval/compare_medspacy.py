"""Score medspaCy's ConText on the evaluation set, for comparison with our own rules.

Run in a throwaway environment, never the project's (medspaCy is not a dependency):

    python3.11 -m venv /tmp/medspacy-venv && /tmp/medspacy-venv/bin/pip install medspacy orjson
    /tmp/medspacy-venv/bin/python tests/eval/compare_medspacy.py

medspaCy gets the same calcification target lexicon as our reader (token regexes), its
default ConText rules and its default sentence splitter (PyRuSH). A report is present when any
target is neither negated, uncertain, hypothetical nor historical; possible when any is
uncertain or hypothetical; absent when only negated ones remain.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import medspacy  # noqa: E402
from bench import reports  # noqa: E402
from evaluate import CLASSES, POSITIVE, load, prf  # noqa: E402
from medspacy.target_matcher import TargetRule  # noqa: E402

CALC = r"^(micro|macro)?c(al|la)c(if|fi)\w*$"
TARGETS = [
    TargetRule("noncalcified", "NEG_TERM",
               pattern=[{"LOWER": {"REGEX": r"^(non|un)-?calcified$"}}]),
    TargetRule("non-calcified", "NEG_TERM",
               pattern=[{"LOWER": {"IN": ["non", "un"]}}, {"TEXT": "-"}, {"LOWER": "calcified"}]),
    TargetRule("calcification", "CALC", pattern=[{"LOWER": {"REGEX": CALC}}]),
    TargetRule("calcinosis", "CALC", pattern=[{"LOWER": {"REGEX": r"^\w*calcinosis$"}}]),
    TargetRule("mineralization", "CALC", pattern=[{"LOWER": {"REGEX": r"^mineraliz\w*$"}}]),
    TargetRule("ossification", "CALC", pattern=[{"LOWER": {"REGEX": r"^ossifi(cation|ed)$"}}]),
    TargetRule("calcium", "CALC", pattern=[{"LOWER": "calcium"}]),
    TargetRule("CPPD", "CALC",
               pattern=[{"LOWER": {"IN": ["cppd", "pseudogout", "hydroxyapatite"]}}]),
]


def classify(doc) -> str:
    """Turn medspaCy's entities into the report-level class."""
    kinds = set()
    for ent in doc.ents:
        if ent.label_ == "NEG_TERM" or ent._.is_negated:
            kinds.add("negated")
        elif ent._.is_historical:
            kinds.add("historical")
        elif ent._.is_uncertain or ent._.is_hypothetical:
            kinds.add("possible")
        else:
            kinds.add("affirmed")
    for kind, label in (("affirmed", "present"), ("possible", "possible"),
                        ("negated", "absent")):
        if kind in kinds:
            return label
    return "not mentioned"


def main() -> None:
    """Print medspaCy's figures and its cost per report."""
    try:  # PyRuSH logs every sentence at DEBUG through loguru: silence it, as production would
        from loguru import logger

        logger.remove()
        logger.add(sys.stderr, level="WARNING")
    except ImportError:
        pass
    nlp = medspacy.load()
    nlp.get_pipe("medspacy_target_matcher").add(TARGETS)
    rows = load([HERE / "dev.jsonl", HERE / "heldout.jsonl"])
    pairs = [(r["label"], classify(nlp(r["text"]))) for r in rows]
    print(f"pipeline: {nlp.pipe_names}")
    print(f"accuracy {sum(g == p for g, p in pairs) / len(pairs):.3f} (n={len(pairs)})")
    for c in CLASSES:
        p, r, f, n = prf(pairs, {c})
        print(f"  {c:<22} P {p:.3f} R {r:.3f} F1 {f:.3f} n {n}")
    p, r, f, n = prf(pairs, POSITIVE)
    print(f"  {'present-or-possible':<22} P {p:.3f} R {r:.3f} F1 {f:.3f} n {n}")
    fired = sum(1 for g, p in pairs if g == "absent" and p in POSITIVE)
    print(f"  negated-only reports read as present/possible: {fired}")
    texts = reports(300)
    for t in texts[:20]:
        nlp(t)
    times = []
    for t in texts:
        start = time.perf_counter()
        nlp(t)
        times.append(time.perf_counter() - start)
    times.sort()
    print(f"per report ({statistics.mean(len(t) for t in texts):.0f} chars): median "
          f"{times[len(times) // 2] * 1e3:.2f} ms, p99 {times[int(len(times) * .99)] * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
