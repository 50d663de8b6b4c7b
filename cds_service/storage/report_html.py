"""``cds-service report --html FILE``: the report as one self-contained page.

Inline CSS and inline SVG charts, no script and nothing fetched (a Content-Security-Policy
meta tag forbids it), so the file can be mailed, archived or opened offline:

* acceptance per rule over time (ordering sessions per day, live cards),
* override reasons (ordering sessions, live cards),
* the tables of ``cds-service report``: per rule and card by session with per-call figures
  beside, suggestions, shadow mode, feedback on cards not in the log.

Pure: a report dict (``build_report``) in, HTML text out. Every value is escaped.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from typing import Any

PALETTE = ("#1f6fb4", "#d9711c", "#2f9e44", "#c2255c", "#7048e8", "#0c8599", "#a07c00",
           "#495057")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2733;margin:0;
background:#f6f8fa}
main{max-width:68rem;margin:0 auto;padding:1.5rem 1.2rem 3rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:2rem 0 .6rem}
.meta{color:#56606b;margin:0 0 1rem}
.tiles{display:flex;gap:.8rem;flex-wrap:wrap}
.tile{background:#fff;border:1px solid #d5dbe2;border-radius:6px;padding:.6rem 1rem;
min-width:9rem}.tile b{display:block;font-size:1.5rem}
.panel{background:#fff;border:1px solid #d5dbe2;border-radius:6px;padding:1rem;margin:.6rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem;background:#fff}
th,td{border:1px solid #d5dbe2;padding:.3rem .5rem;text-align:right}
th{background:#eef2f6}td.l,th.l{text-align:left}td.sep,th.sep{border-left:3px solid #9aa5b1}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;font-size:.85rem;margin-top:.4rem}
.legend i{display:inline-block;width:.9rem;height:.9rem;border-radius:2px;
vertical-align:-2px;margin-right:.3rem}
.empty{color:#56606b;font-style:italic}
"""


_REASON = re.compile(r"^[^ ]+ \((.+)\)$")  # "system|code (display)", see report._reason_key


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _acceptance_chart(timeline: list[dict[str, Any]]) -> str:
    """Line chart: acceptance (accepted / sessions) per rule and day; point size = sessions."""
    live = [t for t in timeline if not t["shadow"]]
    if not live:
        return '<p class="empty">No live ordering sessions in this period.</p>'
    days = sorted({t["day"] for t in live})
    rules = sorted({t["rule"] for t in live})
    width, height, left, right, top, bottom = 900, 300, 52, 24, 14, 46
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(day: str) -> float:
        return left + (plot_w / 2 if len(days) == 1 else days.index(day) * plot_w
                       / (len(days) - 1))

    def y(rate: float) -> float:
        return top + plot_h * (1 - rate)

    parts = [f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
             'aria-labelledby="acc-title" xmlns="http://www.w3.org/2000/svg">',
             '<title id="acc-title">Acceptance per rule over time (ordering sessions)</title>']
    for pct in (0, 25, 50, 75, 100):
        yy = y(pct / 100)
        parts.append(f'<line x1="{left}" y1="{yy:.1f}" x2="{width - right}" y2="{yy:.1f}" '
                     'stroke="#e3e8ee"/>')
        parts.append(f'<text x="{left - 8}" y="{yy + 4:.1f}" font-size="12" '
                     f'text-anchor="end" fill="#56606b">{pct}%</text>')
    step = max(1, -(-len(days) // 8))  # at most 8 labels
    years = {d[:4] for d in days}
    for i, day in enumerate(days):
        if i % step == 0 or i == len(days) - 1:
            if i == len(days) - 1 and i % step and (len(days) - 1) % step < step / 2:
                continue  # too close to the label before it
            label = day[5:] if len(years) == 1 else day
            parts.append(f'<text x="{x(day):.1f}" y="{height - bottom + 18}" font-size="12" '
                         f'text-anchor="middle" fill="#56606b">{escape(label)}</text>')
    most = max(t["sessions"] for t in live)
    for n, rule in enumerate(rules):
        colour = PALETTE[n % len(PALETTE)]
        points = [(x(t["day"]), y(t["acceptance_rate"] or 0.0), t) for t in live
                  if t["rule"] == rule]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                         'stroke-width="2.5"/>')
        for px, py, t in points:
            r = 3.5 + 4.5 * (t["sessions"] / most)
            parts.append(
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{r:.1f}" fill="{colour}">'
                f'<title>{escape(rule)} {escape(t["day"])}: {t["accepted"]} of '
                f'{t["sessions"]} sessions accepted ({_rate(t["acceptance_rate"])})</title>'
                '</circle>')
    year = f" ({min(years)})" if len(years) == 1 else ""
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" font-size="12" '
                 'text-anchor="middle" fill="#56606b">day the ordering session began'
                 f'{year}; point size: sessions</text>')
    parts.append("</svg>")
    legend = "".join(f'<span><i style="background:{PALETTE[n % len(PALETTE)]}"></i>'
                     f"{escape(rule)}</span>" for n, rule in enumerate(rules))
    return "".join(parts) + f'<div class="legend">{legend}</div>'


def _reasons_chart(sessions: list[dict[str, Any]]) -> str:
    """Horizontal bars: ordering sessions overridden, by reason (live cards)."""
    reasons: Counter[str] = Counter()
    for row in sessions:
        if not row["shadow"]:
            reasons.update(row["override_reasons"])
    if not reasons:
        return '<p class="empty">No overrides in this period.</p>'
    items = reasons.most_common(12)
    most = items[0][1]
    bar_h, gap, label_w, width = 26, 10, 360, 900
    height = len(items) * (bar_h + gap) + gap
    parts = [f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" '
             'aria-labelledby="why-title" xmlns="http://www.w3.org/2000/svg">',
             '<title id="why-title">Override reasons (ordering sessions)</title>']
    for i, (reason, n) in enumerate(items):
        top = gap + i * (bar_h + gap)
        w = max(2.0, (width - label_w - 60) * n / most)
        shown = _REASON.match(reason)
        label = shown.group(1) if shown else reason  # the display, else system|code
        label = label if len(label) <= 46 else label[:45] + "…"
        parts.append(f'<text x="{label_w - 8}" y="{top + bar_h * 0.68:.1f}" font-size="13" '
                     f'text-anchor="end" fill="#1d2733">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{top}" width="{w:.1f}" height="{bar_h}" '
                     f'rx="3" fill="#d9711c"><title>{escape(reason)}: {n}</title></rect>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{top + bar_h * 0.68:.1f}" '
                     f'font-size="13" fill="#1d2733">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _rule_card(row: dict[str, Any]) -> str:
    if row["card"] == row["rule"]:
        return escape(row["rule"])
    return f'{escape(row["rule"])} ({escape(row["card"])})'


def _session_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return '<p class="empty">No cards in this period.</p>'
    head = ('<tr><th class="l">rule (card)</th><th>sessions</th>'
            "<th>accepted</th><th>overridden</th><th>no feedback</th><th>acceptance</th>"
            '<th class="sep">calls</th><th>accepted</th><th>overridden</th>'
            "<th>acceptance</th></tr>")
    body = "".join(
        f'<tr><td class="l">{_rule_card(r)}</td>'
        f'<td>{r["sessions"]}</td><td>{r["accepted"]}</td><td>{r["overridden"]}</td>'
        f'<td>{r["no_feedback"]}</td><td>{_rate(r["acceptance_rate"])}</td>'
        f'<td class="sep">{r["calls"]["fired"]}</td><td>{r["calls"]["accepted"]}</td>'
        f'<td>{r["calls"]["overridden"]}</td><td>{_rate(r["calls"]["acceptance_rate"])}</td>'
        "</tr>" for r in rows)
    return f"<table>{head}{body}</table>"


def _suggestion_table(rows: list[dict[str, Any]]) -> str:
    live = [s for s in rows if not s["shadow"]]
    if not live:
        return '<p class="empty">No suggestions offered in this period.</p>'
    head = ('<tr><th class="l">rule</th><th class="l">suggestion</th><th>offered</th>'
            "<th>accepted</th><th>acceptance</th></tr>")
    body = "".join(
        f'<tr><td class="l">{escape(s["rule"])}</td><td class="l">{escape(s["suggestion"])}'
        f'</td><td>{s["offered"]}</td><td>{s["accepted"]}</td>'
        f'<td>{_rate(s["acceptance_rate"])}</td></tr>' for s in live)
    return f"<table>{head}{body}</table>"


def render_html(report: dict[str, Any]) -> str:
    """The whole page for a ``build_report`` result."""
    live = [r for r in report["sessions"] if not r["shadow"]]
    shadow = [r for r in report["sessions"] if r["shadow"]]
    sessions = sum(r["sessions"] for r in live)
    accepted = sum(r["accepted"] for r in live)
    overridden = sum(r["overridden"] for r in live)
    calls = sum(r["calls"]["fired"] for r in live)
    window = report["session_window_minutes"]
    period = f"cards since {report['since']}" if report["since"] else "all cards logged"
    tiles = "".join(
        f'<div class="tile">{escape(label)}<b>{value}</b></div>' for label, value in (
            ("ordering sessions", sessions), ("accepted", accepted),
            ("overridden", overridden),
            ("acceptance", _rate(accepted / sessions if sessions else None)),
            ("cards sent (calls)", calls)))
    unmatched = report["unmatched_feedback"]
    sections = [f"<p><b>Recommended:</b> {escape(line)}</p>" for line in
                report["recommendations"]] + [
        f'<div class="tiles">{tiles}</div>',
        "<h2>Acceptance per rule over time</h2>",
        f'<div class="panel">{_acceptance_chart(report["timeline"])}</div>',
        "<h2>Override reasons</h2>",
        f'<div class="panel">{_reasons_chart(report["sessions"])}</div>',
        "<h2>Rules and cards</h2>",
        f"<p>Each ordering session (one patient, one order, one rule; cards at most {window:g}"
        " minutes apart) counts once; the per-call figures are beside it.</p>",
        _session_table(live),
        "<h2>Suggestions</h2>",
        _suggestion_table(report["suggestions"]),
    ]
    if shadow:
        sections += ["<h2>Shadow mode (computed, not shown)</h2>", _session_table(shadow)]
    if unmatched:
        sections.append("<h2>Feedback on cards not in the decision log</h2><p>" + ", ".join(
            f"{escape(svc)}: {n}" for svc, n in unmatched.items()) + "</p>")
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>CDS report {escape(report['generated_at'])}</title>"
        f"<style>{_STYLE}</style></head><body><main>"
        "<h1>Noncontrast CT first: how the cards fared</h1>"
        f'<p class="meta">Generated {escape(report["generated_at"])} · {escape(period)}'
        + (f" · rule modes: {escape(report['rule_modes'])}" if "rule_modes" in report else "")
        + "</p>"
        + "\n".join(sections) + "</main></body></html>\n"
    )
