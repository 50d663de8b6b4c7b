"""Worst-case text benchmark (issue 12 §2): pathological report and order text at 100 KB.

``.venv/bin/python -m benchmarks.worst_case [--size 100000] [--repeat 3] [--json]``

Each family is one hostile text of about ``--size`` characters, read the way a hook call
reads it, cold (no cache): a DiagnosticReport with the text as its ``conclusion``, as a
text/plain and as a text/html ``presentedForm`` (the tag families only as HTML), and a draft
ServiceRequest whose ``code.text`` is the text. Every text names calcification once, so
the reader cannot stop early. Prints the slowest of ``--repeat`` runs per family and path;
the target is under 100 ms each.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import time
from collections.abc import Callable
from typing import Any

from cds_service.core import orders
from cds_service.core.reading import html_to_text, read_report

TARGET_MS = 100.0
LEAD = "MRI LEFT THIGH\nFINDINGS: There is a mass with internal calcification. "


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


FAMILIES: dict[str, Callable[[int], str]] = {
    "punctuation run": lambda n: _fill(".", n),
    "mixed punctuation": lambda n: _fill(".!?\")]", n),
    "dot-space run": lambda n: _fill(". ", n),
    "spaces": lambda n: _fill(" ", n) + "x",
    "tabs and spaces": lambda n: _fill(" \t", n) + "x",
    "newlines": lambda n: _fill("\n", n) + "x",
    "blank lines with spaces": lambda n: _fill(" \n", n) + "x",
    "long word": lambda n: _fill("a", n),
    "long word with dots": lambda n: _fill("a.", n),
    "digits and dots": lambda n: _fill("1.2", n),
    "repeated cue words": lambda n: _fill("no calcification or possible ", n),
    "negation cues": lambda n: _fill("no ", n),
    "many sentences": lambda n: _fill("Calcification in the left thigh mass. ", n),
    "section headers": lambda n: _fill("FINDINGS: IMPRESSION:\n", n),
    "header words without colon": lambda n: _fill("impression ", n),
    "list marks": lambda n: _fill("1. ", n),
    "abbreviations": lambda n: _fill("vs. ", n),
    "calcification words": lambda n: _fill("calcification ", n),
    "words with wide spaces": lambda n: _fill("no" + " " * 500 + "calcification ", n),
    "tags": lambda n: _fill("<b>x</b>", n),
    "unclosed tags": lambda n: _fill("<div>", n),
    "open angle brackets": lambda n: _fill("<", n),
    "tag starts without end": lambda n: _fill("<a ", n),
    "comment starts": lambda n: _fill("<!--", n),
    "entities": lambda n: _fill("&amp;&#x41;&", n),
    "attribute quotes": lambda n: "<p title=\"" + _fill("a'", n),
    "cdata and declarations": lambda n: _fill("<![CDATA[<!x", n),
}
HTML_ONLY = {"tags", "unclosed tags", "open angle brackets", "tag starts without end",
             "comment starts", "entities", "attribute quotes", "cdata and declarations"}


def _report(text: str, how: str) -> dict[str, Any]:
    res: dict[str, Any] = {
        "resourceType": "DiagnosticReport", "id": "worst", "status": "final",
        "code": {"text": "MRI left thigh"}, "subject": {"reference": "Patient/p"},
        "effectiveDateTime": "2026-11-01",
    }
    if how == "conclusion":
        res["conclusion"] = text
    else:
        ctype = "text/html" if how == "html" else "text/plain"
        res["presentedForm"] = [{"contentType": ctype,
                                 "data": base64.b64encode(text.encode()).decode()}]
    return res


def _order(text: str) -> dict[str, Any]:
    return {"resourceType": "ServiceRequest", "id": "o", "status": "draft", "intent": "order",
            "subject": {"reference": "Patient/p"}, "code": {"text": "CT abdomen " + text}}


def _slowest(fn: Callable[[], object], repeat: int) -> float:
    worst = 0.0
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        worst = max(worst, time.perf_counter() - started)
    return worst * 1000


def run(size: int, repeat: int) -> list[dict[str, Any]]:
    rows = []
    for name, make in FAMILIES.items():
        text = LEAD + make(size - len(LEAD))
        html = name in HTML_ONLY
        paths: dict[str, Callable[[], object]] = {}
        if not html:
            paths["conclusion"] = lambda t=text: read_report(_report(t, "conclusion"))
            paths["text/plain"] = lambda t=text: read_report(_report(t, "plain"))
            paths["order text"] = lambda t=text: orders.classify_order(_order(t))
        paths["text/html"] = lambda t=text: read_report(_report(t, "html"))
        paths["html_to_text"] = lambda t=text: html_to_text(t)
        for path, fn in paths.items():
            rows.append({"family": name, "path": path, "chars": len(text),
                         "ms": round(_slowest(fn, repeat), 2)})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = run(args.size, args.repeat)
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        print(f"{'family':28} {'path':13} {'ms':>9}")
        for r in rows:
            flag = "" if r["ms"] < TARGET_MS else "  OVER"
            print(f"{r['family']:28} {r['path']:13} {r['ms']:9.2f}{flag}")
    worst = max(rows, key=lambda r: r["ms"])
    over = sum(r["ms"] >= TARGET_MS for r in rows)
    print(f"\nworst: {worst['family']} / {worst['path']}: {worst['ms']} ms; "
          f"{over} of {len(rows)} over {TARGET_MS:.0f} ms", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
