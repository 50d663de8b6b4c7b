"""Evaluate the calcification reader on the hand-written evaluation set.

Usage: python tests/eval/evaluate.py [--errors] [--by-category] [FILE.jsonl ...]

``--by-category`` on rows with ``structures`` (``lesion.jsonl``) also prints the lesion-level
table of ``lesion_score.py`` (the reader's structures against the labelled ones).

Prints precision, recall and F1 per class and for present-or-possible against the rest, per
file and overall; exits 1 when the binary F1 is under the target or when any negated-only
report (label "absent") is read as present or possible. ``--by-category`` adds a table per
``category`` (rows that have one, e.g. ``lesion.jsonl``): present-or-possible precision and
recall, and exact-class accuracy.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
if str(HERE.parents[1]) not in sys.path:
    sys.path.insert(0, str(HERE.parents[1]))

from cds_service.core.reading import read_text  # noqa: E402

CLASSES = ("present", "possible", "absent", "not mentioned")
POSITIVE = frozenset({"present", "possible"})
TARGET_F1 = 0.97
DEFAULT_FILES = (HERE / "dev.jsonl", HERE / "heldout.jsonl")


def load(paths: Iterable[Path]) -> list[dict]:
    """Read the labelled snippets of the given JSON Lines files."""
    rows = []
    for path in paths:
        for line in path.read_bytes().splitlines():
            if line.strip():
                row = orjson.loads(line)
                row["file"] = path.name
                rows.append(row)
    return rows


def prf(pairs: list[tuple[str, str]], positive: Iterable[str]) -> tuple[float, float, float, int]:
    """Return precision, recall, F1 and support of the positive labels."""
    pos = set(positive)
    tp = sum(1 for gold, pred in pairs if gold in pos and pred in pos)
    fp = sum(1 for gold, pred in pairs if gold not in pos and pred in pos)
    fn = sum(1 for gold, pred in pairs if gold in pos and pred not in pos)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp + fn


def evaluate(rows: list[dict]) -> dict:
    """Score the reader on labelled rows; return the figures and the misread rows."""
    pairs = []
    wrong = []
    for row in rows:
        pred = read_text(row["text"]).calcification
        pairs.append((row["label"], pred))
        if pred != row["label"]:
            wrong.append({"id": row["id"], "label": row["label"], "pred": pred})
    per_class = {c: prf(pairs, {c}) for c in CLASSES}
    binary = prf(pairs, POSITIVE)
    negated_fired = [w for w in wrong if w["label"] == "absent" and w["pred"] in POSITIVE]
    accuracy = sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else 0.0
    return {"n": len(pairs), "per_class": per_class, "binary": binary, "accuracy": accuracy,
            "wrong": wrong, "negated_fired": negated_fired}


def _print(title: str, result: dict) -> None:
    """Print one table of figures."""
    print(f"\n{title} (n={result['n']}, accuracy {result['accuracy']:.3f})")
    print(f"  {'class':<26}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}")
    for c, (p, r, f, n) in result["per_class"].items():
        print(f"  {c:<26}{p:>7.3f}{r:>7.3f}{f:>7.3f}{n:>6}")
    p, r, f, n = result["binary"]
    print(f"  {'present-or-possible':<26}{p:>7.3f}{r:>7.3f}{f:>7.3f}{n:>6}")
    print(f"  negated-only reports read as present/possible: {len(result['negated_fired'])}")


def _print_by_category(rows: list[dict]) -> None:
    """Print present-or-possible P/R/F1 and exact-class accuracy per category."""
    categories = sorted({r["category"] for r in rows if r.get("category")})
    if not categories:
        return
    print(f"\nby category\n  {'category':<24}{'P':>7}{'R':>7}{'F1':>7}{'exact':>7}{'n':>5}")
    for cat in categories:
        result = evaluate([r for r in rows if r.get("category") == cat])
        p, r, f, _ = result["binary"]
        print(f"  {cat:<24}{p:>7.3f}{r:>7.3f}{f:>7.3f}{result['accuracy']:>7.3f}"
              f"{result['n']:>5}")


def predict_structures(text: str) -> list[dict]:
    """The reader's structures in the schema of ``lesion.jsonl`` (for ``lesion_score``)."""
    return [{"kind": s.kind, "site": s.site, "side": s.side, "calcification": s.mineral,
             "size_mm": s.size_mm} for s in read_text(text).structures]


def lesion_figures(rows: list[dict]) -> dict | None:
    """Lesion-level figures (``lesion_score``) over the rows that carry ``structures``."""
    with_structures = [r for r in rows if "structures" in r]
    if not with_structures:
        return None
    sys.path.insert(0, str(HERE))
    import lesion_score

    return lesion_score.score(with_structures, predict_structures)


def main(argv: list[str]) -> int:
    """Print the evaluation; return 1 when a target is missed."""
    show = "--errors" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or list(DEFAULT_FILES)
    rows = load(paths)
    for path in paths:
        _print(path.name, evaluate([r for r in rows if r["file"] == path.name]))
    overall = evaluate(rows)
    _print("overall", overall)
    if "--by-category" in argv:
        _print_by_category(rows)
        lesion = lesion_figures(rows)
        if lesion is not None:
            import lesion_score

            print("\nlesion level (structures: kind, site, side, class)")
            print(lesion_score.table(lesion))
            if show:
                for e in lesion["errors"]:
                    print(f"  {e['id']}: missed={e['missed']} spurious={e['spurious']} "
                          f"mass={e['mass']}")
    if show:
        by_id = {r["id"]: r for r in rows}
        for w in overall["wrong"]:
            text = by_id[w["id"]]["text"].replace("\n", " | ")
            print(f"  {w['id']}: gold={w['label']} pred={w['pred']}  {text}")
    ok = overall["binary"][2] >= TARGET_F1 and not overall["negated_fired"]
    print(f"\ntarget binary F1 >= {TARGET_F1} and no card on negated-only: "
          f"{'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
