"""Score the issue-17 full-length evaluation: reports, structures and scenario bundles.

Usage: python tests/eval/full_eval.py [--dir DIR] [--errors]

DIR (default ``tests/eval/full/``) holds ``reports.jsonl``, ``bundles/*.json`` and
``expectations.json`` (schema: /work/coord/PLAN.md, ``tests/eval/README.md``). Figures:

- report level: four-class accuracy, present-or-possible P/R/F1, negated-only reports read as
  present or possible (``evaluate.py``'s figures), overall and per category;
- structure level: ``lesion_score.py`` (firing P/R/F1, exact class, mass class, false mass;
  matched on kind + site + side, a predicted site inside the gold's counting as the same:
  ``site_within``) and, per field, how often the reader agrees with the gold
  structure it resembles most (kind, site, side, class, seen_on);
- scenario level: positives whose cards lead with exactly the expected rules, cards on silent
  twins (the false-alert count) and the evidence the first card names (P20), per category
  (the category is the bundle name up to ``--``).

The engine is reached only through public functions: ``core.reading.read_text`` and
``pipeline.run`` with a gathered ``FhirContext``, as ``tests/test_scenarios.py`` does. Rule ids
the engine does not have are compared like any other; nothing is looked up by id.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
if str(HERE.parents[1]) not in sys.path:
    sys.path.insert(0, str(HERE.parents[1]))

import evaluate  # noqa: E402
import lesion_score  # noqa: E402

DEFAULT_DIR = HERE / "full"
HOOKS = ("order-select", "order-sign")
FIELDS = ("kind", "site", "side", "calcification", "seen_on")
MODALITY_WORDS = {"MRI": (r"\bMRI?\b",), "CT": (r"\bCT\b",),
                  "XR": (r"radiograph", r"x-?ray", r"\bXR\b"),
                  "US": (r"ultraso", r"sonograph", r"\bUS\b"), "MG": (r"mammogra",)}


# --------------------------------------------------------------------------- report level

def load_reports(directory: Path) -> list[dict]:
    return evaluate.load([directory / "reports.jsonl"])


def report_level(rows: list[dict], predict: Callable[[str], str]) -> dict:
    """``evaluate.evaluate``'s figures overall and per category, for any label predictor."""
    def score(subset: list[dict]) -> dict:
        pairs = [(r["label"], predict(r["text"])) for r in subset]
        wrong = [{"id": r["id"], "category": r["category"], "label": g, "pred": p}
                 for r, (g, p) in zip(subset, pairs, strict=True) if g != p]
        return {"n": len(pairs), "binary": evaluate.prf(pairs, evaluate.POSITIVE),
                "accuracy": sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0,
                "negated_fired": [w for w in wrong if w["label"] == "absent"
                                  and w["pred"] in evaluate.POSITIVE],
                "wrong": wrong}
    return {"overall": score(rows),
            "by_category": {c: score([r for r in rows if r["category"] == c])
                            for c in sorted({r["category"] for r in rows})}}


# --------------------------------------------------------------------------- structure level

def site_within(gold_site: str, pred_site: str) -> bool:
    """A predicted site agrees with the gold one when it is that site or lies inside it: an
    ``is_a`` descendant, or a site of the region the gold site names. Authors labelled with the
    finest site the anatomy table held then ("abdomen" for a mesenteric mass before the table had
    a mesentery); a finer site the table gained since is not a disagreement."""
    from cds_service.core import anatomy

    if gold_site == pred_site or anatomy.is_a(pred_site, gold_site):
        return True
    return (gold_site in anatomy.all_regions()
            and gold_site in anatomy.site_regions(pred_site))


def _agrees(field: str, gold: dict, pred: dict) -> bool:
    if field == "site":
        return bool(pred.get("site")) and site_within(gold["site"], pred["site"])
    return pred.get(field) == gold[field]


def _agreement(gold: list[dict], pred: list[dict]) -> dict[str, int]:
    """Per field, the gold structures whose closest prediction (most fields agreeing, each
    prediction used once) agrees on that field."""
    left = list(pred)
    counts = dict.fromkeys(FIELDS, 0)
    for g in gold:
        best = max(left, key=lambda p: sum(_agrees(f, g, p) for f in FIELDS), default=None)
        if best is None:
            continue
        left.remove(best)
        for f in FIELDS:
            counts[f] += _agrees(f, g, best)
    return counts


def structure_level(rows: list[dict], predict: Callable[[str], list[dict]]) -> dict:
    """``lesion_score.score`` plus per-field agreement (kind, site, side, class, seen_on)."""
    cache: dict[str, list[dict]] = {}

    def cached(text: str) -> list[dict]:
        if text not in cache:
            cache[text] = predict(text)
        return cache[text]

    result = lesion_score.score(rows, cached, site_within)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys((*FIELDS, "n"), 0))
    for row in rows:
        counts = _agreement(row["structures"], cached(row["text"]))
        for name in ("overall", row["category"]):
            totals[name]["n"] += len(row["structures"])
            for f in FIELDS:
                totals[name][f] += counts[f]
    result["fields"] = {name: {f: t[f] / t["n"] if t["n"] else 1.0 for f in FIELDS} | {"n": t["n"]}
                        for name, t in totals.items()}
    return result


def engine_structures(text: str) -> list[dict]:
    """The reader's structures in the schema of ``reports.jsonl``. The reader reads MRI text, so
    a structure it does not attribute to another modality is ``seen_on`` MR."""
    from cds_service.core.reading import read_text

    return [{"kind": s.kind, "site": s.site, "side": s.side, "calcification": s.mineral,
             "size_mm": s.size_mm, "seen_on": getattr(s, "seen_on", None) or "MR"}
            for s in read_text(text).structures]


def engine_label(text: str) -> str:
    from cds_service.core.reading import read_text

    return read_text(text).calcification


# --------------------------------------------------------------------------- scenario level

def category_of(name: str) -> str:
    return name.split("--", 1)[0] if "--" in name else "-"


#: Findings and Impression of one report state one finding twice; which of the two drives the
#: quote is P20.2/P20.4's choice, and label authors split on it (review rounds 20, 22, 25).
OTHER_SECTION = {"findings": "Impression", "impression": "Findings"}


def evidence_ok(card: dict, expected: dict) -> bool:
    """The first card names its evidence on one line (summary or a detail line): the modality,
    the date of the report and the section ("MRI pelvis, 2026-10-01, Findings", P20), and does
    not call another modality's finding a prior MRI. Where the expected section is Findings or
    Impression, the card may quote the other of the two from the same report when it lists the
    expected section's statement as "Also stated (this report, <section>)": the card then names
    both (P20.2, P20.4)."""
    text = "\n".join(str(card.get(k) or "") for k in ("summary", "detail"))
    modality = expected["modality"]
    words = MODALITY_WORDS.get(modality, (re.escape(modality),))
    if modality != "MRI" and re.search(r"prior MRI", text, re.IGNORECASE):
        return False

    def names(lines: list[str], section_name: str) -> bool:
        section = re.compile(rf"\b{re.escape(section_name)}\b", re.IGNORECASE)
        return any(expected["date"] in line and section.search(line)
                   and any(re.search(w, line, 0 if w.startswith(r"\b") else re.IGNORECASE)
                           for w in words)
                   for line in lines)

    if names(text.splitlines(), expected["section"]):
        return True
    other = OTHER_SECTION.get(expected["section"].lower())
    also = re.search(r"^Also stated\b", text, re.IGNORECASE | re.MULTILINE)
    return bool(other and also
                and re.search(rf"\bthis report, {re.escape(expected['section'])}\b",
                              text[also.start():], re.IGNORECASE)
                and names(text[:also.start()].splitlines(), other))


Runner = Callable[[dict, str], list[tuple[str, dict]]]


def engine_runner() -> Runner:
    """Run one bundle through the pipeline: (leading rule id, card JSON) per card."""
    from cds_service.config import DEFAULT_CARDS_DIR
    from cds_service.core.card_library import load_library
    from cds_service.fhir.context import FetchLimits, gather
    from cds_service.hooks.bundle import hook_request_from_bundle
    from cds_service.hooks.request import parse_hook_request
    from cds_service.hooks.services import SERVICES
    from cds_service.pipeline.run import run

    library = load_library(DEFAULT_CARDS_DIR)
    services = {s.hook: s for s in SERVICES.values()}

    def run_bundle(bundle: dict, hook: str) -> list[tuple[str, dict]]:
        request = parse_hook_request(hook_request_from_bundle(bundle, hook=hook),
                                     expected_hook=hook)
        outcome = run(request, gather(request, services[hook].prefetch, FetchLimits()), library)
        return [(c.rule_id, c.card.to_json()) for c in outcome.cards]

    return run_bundle


def scenario_level(directory: Path, runner: Runner) -> dict:
    """Per bundle and hook: expected vs actual leading rule ids; evidence; per category."""
    expectations = json.loads((directory / "expectations.json").read_text())
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[dict] = []
    for name in sorted(expectations):
        exp = expectations[name]
        bundle = json.loads((directory / "bundles" / name).read_text())
        for hook in HOOKS:
            cards = runner(bundle, hook)
            got = [rule for rule, _ in cards]
            want = exp.get(hook, [])
            for key in ("overall", category_of(name)):
                s = stats[key]
                if want:
                    s["positive"] += 1
                    s["carded"] += bool(got)
                    s["exact"] += got == want
                else:
                    s["silent"] += 1
                    s["false_alerts"] += len(got)
                    s["twins_fired"] += bool(got)
                if want and hook == "order-select" and "evidence" in exp:
                    s["evidence"] += 1
                    s["evidence_ok"] += bool(cards) and evidence_ok(cards[0][1], exp["evidence"])
            if got != want:
                misses.append({"bundle": name, "hook": hook, "expected": want, "got": got})
    return {"stats": {k: dict(v) for k, v in stats.items()}, "misses": misses}


# --------------------------------------------------------------------------- printing

def _report_table(result: dict) -> str:
    lines = ["| category | accuracy | P | R | F1 | negated read as present | n |",
             "|---|---|---|---|---|---|---|"]
    items = [*result["by_category"].items(), ("overall", result["overall"])]
    for name, r in items:
        p, rec, f, _ = r["binary"]
        lines.append(f"| {name} | {r['accuracy']:.3f} | {p:.3f} | {rec:.3f} | {f:.3f} | "
                     f"{len(r['negated_fired'])} | {r['n']} |")
    return "\n".join(lines)


def _fields_table(fields: dict) -> str:
    lines = ["| category | kind | site | side | class | seen_on | gold structures |",
             "|---|---|---|---|---|---|---|"]
    for name in [*sorted(n for n in fields if n != "overall"), "overall"]:
        f = fields[name]
        lines.append(f"| {name} | " + " | ".join(f"{f[k]:.3f}" for k in FIELDS)
                     + f" | {f['n']} |")
    return "\n".join(lines)


def _scenario_table(stats: dict) -> str:
    lines = ["| category | positives carded as expected | positives carded at all | "
             "twins with a card | cards on twins | evidence named |",
             "|---|---|---|---|---|---|"]
    for name in [*sorted(n for n in stats if n != "overall"), "overall"]:
        s = defaultdict(int, stats[name])
        lines.append(f"| {name} | {s['exact']}/{s['positive']} | {s['carded']}/{s['positive']} | "
                     f"{s['twins_fired']}/{s['silent']} | {s['false_alerts']} | "
                     f"{s['evidence_ok']}/{s['evidence']} |")
    return "\n".join(lines)


def _by_category(items: Iterable[dict], key: Callable[[dict], str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        out[key(item)].append(item)
    return dict(sorted(out.items()))


def main(argv: list[str]) -> int:
    directory = Path(argv[argv.index("--dir") + 1]) if "--dir" in argv else DEFAULT_DIR
    rows = load_reports(directory)
    reports = report_level(rows, engine_label)
    structures = structure_level(rows, engine_structures)
    scenarios = scenario_level(directory, engine_runner())
    print(f"# {directory}\n\n## Report level ({len(rows)} reports; P/R/F1 of present-or-possible)"
          f"\n\n{_report_table(reports)}")
    print("\n## Structure level (lesion_score: kind + side + a site inside the gold one)\n\n"
          + lesion_score.table(structures))
    print("\n## Structure fields (agreement with the closest gold structure)\n\n"
          + _fields_table(structures["fields"]))
    print("\n## Scenarios (both hooks)\n\n" + _scenario_table(scenarios["stats"]))
    if "--errors" in argv:
        print("\n## Report-level misses")
        wrong = reports["overall"]["wrong"]
        for cat, items in _by_category(wrong, lambda w: w["category"]).items():
            print(f"- {cat}: " + ", ".join(f"{w['id']} {w['label']}->{w['pred']}" for w in items))
        print("\n## Scenario misses (order-select)")
        selected = [m for m in scenarios["misses"] if m["hook"] == "order-select"]
        for cat, items in _by_category(selected, lambda m: category_of(m["bundle"])).items():
            print(f"- {cat}:")
            for m in items:
                print(f"    {m['bundle']}: expected {m['expected']} got {m['got']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
