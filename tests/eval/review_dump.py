"""Dump every order-select card for a radiologist's review (review rounds 4 and 5).

Usage: python tests/eval/review_dump.py OUT.md [--twins] [--sets=unseen4,unseen5,sample]

Per bundle (positives ``*-pos.json`` of every seen full-length set, tests/eval/{full,unseen,
unseen2,...,unseen6}, and every
sample bundle; with ``--twins`` the silent twins too): the record (reports and studies, by
modality and date), the sentences of each report with a mineral or void word, the draft
orders, and each card's summary, indicator, detail, source, suggestion labels and override
reasons. The engine is reached only through public functions, as ``full_eval.py`` does.
"""

from __future__ import annotations

import base64
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import full_eval  # noqa: E402

SETS = ("full", "unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7",
        "unseen8", "unseen9", "unseen10", "unseen11", "unseen12", "unseen13", "unseen14",
        "unseen15", "unseen16", "unseen17", "unseen18", "unseen19", "unseen20",
        "unseen21", "unseen22", "unseen23", "unseen24", "unseen25",
        "unseen26", "unseen27", "unseen28", "unseen29", "unseen30",
        "unseen31", "unseen32", "unseen33", "unseen34",
        "unseen35", "unseen36", "unseen37", "unseen38", "unseen39", "unseen40", "unseen41",
        "unseen42", "unseen43", "unseen44", "unseen45", "unseen46", "unseen47", "unseen48",
        "unseen49", "unseen50", "unseen51", "unseen52",
        "unseen53")
WORDS = re.compile(
    r"calci|mineral|ossif|signal void|void|susceptib|bloom|chondroid|osteoid|matrix|loose bod"
    r"|phlebolith|echogenic|shadow|concretion|calcul|tophus|tophi|deposit|crowned|hydroxyapatite"
    r"|gout|CPPD|pseudogout|dense|hyperdens|sclero|ring-and-arc|popcorn|psammoma|rim",
    re.IGNORECASE)
SENT = re.compile(r"(?<=[.;:])\s+(?=[A-Z0-9])|\n+")


def report_text(res: dict) -> str:
    parts = []
    for form in res.get("presentedForm") or []:
        data = form.get("data")
        if data:
            parts.append(base64.b64decode(data).decode("utf-8", "replace"))
    if res.get("conclusion"):
        parts.append(str(res["conclusion"]))
    return "\n".join(parts)


def title(res: dict) -> str:
    code = res.get("code") or {}
    return str(code.get("text") or (code.get("coding") or [{}])[0].get("display") or "?")


def order_line(res: dict) -> str:
    code = res.get("code") or {}
    codings = ", ".join(f"{c.get('code')} {c.get('display') or ''}".strip()
                        for c in code.get("coding") or [])
    reason = "; ".join(r.get("text") or (r.get("coding") or [{}])[0].get("display") or ""
                       for r in res.get("reasonCode") or [])
    body = "; ".join(b.get("text") or "" for b in res.get("bodySite") or [])
    return (f"`{code.get('text') or ''}` [{codings}]"
            + (f" reason: {reason}" if reason else "") + (f" site: {body}" if body else ""))


def dump_bundle(name: str, bundle: dict, runner: full_eval.Runner, out: list[str]) -> int:
    resources = [e["resource"] for e in bundle["entry"]]
    out.append(f"\n## {name}\n")
    for res in resources:
        kind = res["resourceType"]
        if kind == "DiagnosticReport":
            when = res.get("effectiveDateTime") or res.get("issued") or "?"
            out.append(f"- report `{title(res)}` {when} status={res.get('status')}")
            for sent in SENT.split(report_text(res)):
                if WORDS.search(sent):
                    out.append(f"    - {sent.strip()}")
        elif kind == "ImagingStudy":
            mods = "/".join(m.get("code", "?") for m in res.get("modality") or [])
            out.append(f"- study {mods} `{res.get('description')}` {res.get('started')}")
        elif kind == "ServiceRequest" and res.get("status", "draft") == "draft":
            out.append(f"- ORDER {order_line(res)}")
        elif kind == "Patient":
            out.append(f"- patient born {res.get('birthDate')}")
    cards = runner(bundle, "order-select")
    for i, (rule, card) in enumerate(cards, 1):
        out.append(f"\n**card {i}** `{rule}` [{card['indicator']}] {card['summary']}\n")
        out.append("```\n" + card["detail"].strip() + "\n```")
        out.append(f"source: {card['source'].get('label')}")
        for s in card.get("suggestions") or []:
            rec = " (recommended)" if s.get("isRecommended") else ""
            out.append(f"- suggestion{rec}: {s['label']}")
        reasons = [r.get("display") for r in card.get("overrideReasons") or []]
        out.append(f"- override: {' | '.join(str(r) for r in reasons)}")
    if not cards:
        out.append("\n**no card**")
    return len(cards)


def main(argv: list[str]) -> int:
    twins = "--twins" in argv
    sets = SETS + ("sample",)
    for arg in argv:
        if arg.startswith("--sets="):
            sets = tuple(s for s in arg.split("=", 1)[1].split(",") if s)
    target = Path([a for a in argv if not a.startswith("--")][0])
    runner = full_eval.engine_runner()
    out: list[str] = []
    counts: dict[str, tuple[int, int]] = {}
    for name in sets:
        if name == "sample":
            out.append("\n# sample_bundles\n")
            samples = sorted((ROOT / "sample_bundles").glob("*.json"))
            n = sum(dump_bundle(f"sample/{p.name}", json.loads(p.read_text()), runner, out)
                    for p in samples)
            counts["sample"] = (len(samples), n)
            continue
        bundles = sorted((HERE / name / "bundles").glob("*.json"))
        chosen = [p for p in bundles if p.name.endswith("-pos.json")
                  or (twins and p.name.endswith("-twin.json"))]
        out.append(f"\n# set {name}\n")
        n = sum(dump_bundle(f"{name}/{p.name}", json.loads(p.read_text()), runner, out)
                for p in chosen)
        counts[name] = (len(chosen), n)
    target.write_text("\n".join(out) + "\n")
    for name, (b, c) in counts.items():
        print(f"{name}: {b} bundles, {c} cards")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
