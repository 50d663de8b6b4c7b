"""Lesion-level scoring of ``lesion.jsonl``: structures, not just the report-level class.

Pure and engine-agnostic: ``score(rows, predict)`` takes the labelled rows and a function
that returns, for one snippet's text, structures in the schema of ``lesion.jsonl``
(``kind``, ``site``, ``side``, ``calcification``, ``size_mm``). The engine change wires its
reader in as ``predict``; ``tests/eval/README.md`` defines the fields.

Matching: a predicted structure matches a gold one with the same ``(kind, site, side)``; each
is used once. Figures:

- **firing P/R/F1**: a structure *fires* when its class feeds a rule (present, possible,
  signal-void, ossification). A gold firing structure is found when a matched prediction fires;
  a firing prediction is correct when it matches a gold firing structure.
- **exact**: share of gold structures matched with the same class.
- **mass class**: per snippet, the strongest class over ``mass`` structures (or
  ``not mentioned``), compared exactly; ``false mass`` counts snippets where the prediction
  makes a mass fire and the gold does not (incidental calcification read as a mass finding).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Structure = dict[str, Any]
FIRING = frozenset({"present", "possible", "signal-void", "ossification"})
RANK = {"ossification": 4, "present": 3, "possible": 2, "signal-void": 1, "absent": 0}


def kind_class(structures: Iterable[Structure], kind: str = "mass") -> str:
    """The strongest class over the structures of ``kind``; ``not mentioned`` when none."""
    best = None
    for s in structures:
        if s["kind"] == kind and (best is None or RANK[s["calcification"]] > RANK[best]):
            best = s["calcification"]
    return best or "not mentioned"


SiteTest = Callable[[str, str], bool]


def same_site(gold_site: str, pred_site: str) -> bool:
    return gold_site == pred_site


def match(gold: list[Structure], pred: list[Structure], site_ok: SiteTest = same_site
          ) -> tuple[list[tuple[Structure, Structure]], list[Structure], list[Structure]]:
    """Pair gold and predicted structures by (kind, site, side); return pairs and leftovers.
    ``site_ok(gold, predicted)`` says whether two sites agree (default: equal)."""
    left = list(pred)
    pairs, missed = [], []
    for g in gold:
        hit = next((p for p in left if p["kind"] == g["kind"] and p["side"] == g["side"]
                    and site_ok(g["site"], p["site"])), None)
        if hit is None:
            missed.append(g)
        else:
            left.remove(hit)
            pairs.append((g, hit))
    return pairs, missed, left


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(rows: list[dict], predict: Callable[[str], list[Structure]],
          site_ok: SiteTest = same_site) -> dict:
    """Lesion-level figures overall and per category; ``errors`` lists the snippets missed."""
    totals: dict[str, dict[str, int]] = {}
    errors = []
    for row in rows:
        pred = predict(row["text"])
        pairs, missed, spurious = match(row["structures"], pred, site_ok)
        t = {"tp": 0, "fp": 0, "fn": 0, "exact": 0, "gold": len(row["structures"]),
             "mass_ok": 0, "false_mass": 0, "rows": 1}
        for g, p in pairs:
            gf, pf = g["calcification"] in FIRING, p["calcification"] in FIRING
            t["tp"] += gf and pf
            t["fn"] += gf and not pf
            t["fp"] += pf and not gf
            t["exact"] += g["calcification"] == p["calcification"]
        t["fn"] += sum(1 for g in missed if g["calcification"] in FIRING)
        t["fp"] += sum(1 for p in spurious if p["calcification"] in FIRING)
        gold_mass, pred_mass = kind_class(row["structures"]), kind_class(pred)
        t["mass_ok"] = int(gold_mass == pred_mass)
        t["false_mass"] = int(pred_mass in FIRING and gold_mass not in FIRING)
        if missed or spurious or t["exact"] < t["gold"] or not t["mass_ok"]:
            errors.append({"id": row["id"], "missed": missed, "spurious": spurious,
                           "mass": (gold_mass, pred_mass)})
        for name in ("overall", row.get("category") or "-"):
            acc = totals.setdefault(name, dict.fromkeys(t, 0))
            for k, v in t.items():
                acc[k] += v
    figures = {}
    for name, t in totals.items():
        p, r, f = _prf(t["tp"], t["fp"], t["fn"])
        figures[name] = {"P": p, "R": r, "F1": f,
                         "exact": t["exact"] / t["gold"] if t["gold"] else 1.0,
                         "mass_class": t["mass_ok"] / t["rows"], "false_mass": t["false_mass"],
                         "n": t["rows"]}
    return {"figures": figures, "errors": errors}


def table(result: dict) -> str:
    """The figures as a markdown table, overall last."""
    lines = ["| category | firing P | firing R | firing F1 | exact class | mass class "
             "| false mass | n |", "|---|---|---|---|---|---|---|---|"]
    names = sorted(n for n in result["figures"] if n != "overall") + ["overall"]
    for name in names:
        f = result["figures"][name]
        lines.append(f"| {name} | {f['P']:.3f} | {f['R']:.3f} | {f['F1']:.3f} | "
                     f"{f['exact']:.3f} | {f['mass_class']:.3f} | {f['false_mass']} | {f['n']} |")
    return "\n".join(lines)
