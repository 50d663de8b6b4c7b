"""``cds-service report``: how each rule's cards fared, from the decision log and feedback.

**By ordering session** (``sessions``): an EHR calls order-select two or three times while
one order is entered, and order-sign once more, so one clinical decision shows up as several
cards. A session is the cards of one rule for one patient and one draft order (the order's
codes, as a keyed hash), each within ``window`` (default 30 minutes) of the one before; it is
counted once: fired, then accepted or overridden by the latest feedback on any of its cards,
else no feedback. Cards logged before the order was recorded (migration 0002) group by
patient and rule. Per rule and card, with the per-call figures beside; and per rule and day
(``timeline``) for the acceptance chart.

**Per call** (``rules``), per service, rule and card (live and shadow apart):

    fired            cards issued (shadow: computed, not shown)
    accepted         cards whose latest feedback is "accepted"
    overridden       cards whose latest feedback is "overridden", with override reason counts
    no_feedback      fired without feedback (the spec never reports ignored cards)
    acceptance_rate  accepted / fired (None when nothing fired)

Per suggestion (grouped by rule, card and label): offered, accepted.
Feedback whose card uuid is not in the log is counted per service as ``unmatched_feedback``.
``recommendations``: each shown rule accepted in under 20 % of at least 30 ordering sessions.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click
import yaml
from sqlalchemy import func, select

from cds_service.storage.database import as_utc, redact_url
from cds_service.storage.feedback import same_caller
from cds_service.storage.schema import (
    call_table,
    card_table,
    feedback_suggestion_table,
    feedback_table,
    suggestion_table,
)
from cds_service.storage.store import Store


@dataclass
class _Tally:
    fired: int = 0  # cards (per call) or ordering sessions
    accepted: int = 0
    overridden: int = 0
    reasons: Counter[str] = field(default_factory=Counter)


def _reason_key(system: str | None, code: str | None, display: str | None,
                has_comment: bool) -> str:
    if code:
        label = f"{system}|{code}" if system else code
        return f"{label} ({display})" if display else label
    return "(comment only)" if has_comment else "(no reason)"


DEFAULT_SESSION_WINDOW = timedelta(minutes=30)


@dataclass
class _Session:
    key: tuple[str, str, str, bool]  # patient hash, order key, rule, shadow
    card_id: str
    started: datetime
    last: datetime
    cards: list[tuple[str, str]] = field(default_factory=list)  # (service, card uuid)


def _sessions(conn: Any, since: datetime | None, window: timedelta) -> Iterator[_Session]:
    """The ordering sessions of the issued cards, streamed in key and time order."""
    q = select(
        call_table.c.patient_hash, card_table.c.order_key, card_table.c.rule_id,
        card_table.c.shadow, card_table.c.card_id, card_table.c.service_id,
        card_table.c.card_uuid, card_table.c.created_at,
    ).join(call_table, call_table.c.id == card_table.c.call_id).order_by(
        call_table.c.patient_hash, card_table.c.order_key, card_table.c.rule_id,
        card_table.c.shadow, card_table.c.created_at, card_table.c.card_uuid,
    )
    if since is not None:
        q = q.where(card_table.c.created_at >= since)
    current: _Session | None = None
    for row in conn.execute(q):
        key = (row.patient_hash, row.order_key or "", row.rule_id, bool(row.shadow))
        at = as_utc(row.created_at)
        if current is None or current.key != key or at - current.last > window:
            if current is not None:
                yield current
            current = _Session(key=key, card_id=row.card_id, started=at, last=at)
        current.last = at
        current.cards.append((row.service_id, row.card_uuid))
    if current is not None:
        yield current


_Figures = dict[tuple[str, str, bool], _Tally]  # by rule, card, shadow
_Days = dict[tuple[str, bool, str], _Tally]  # by rule, shadow, day


def _session_figures(conn: Any, since: datetime | None, window: timedelta,
                     latest: dict[tuple[str, str], Any],
                     reason: Callable[[Any], str]) -> tuple[_Figures, _Days]:
    """Session figures per (rule, card, shadow) and per (rule, shadow, day)."""
    figures: _Figures = defaultdict(_Tally)
    days: _Days = defaultdict(_Tally)
    for session in _sessions(conn, since, window):
        _, _, rule_id, shadow = session.key
        outcome = max((latest[c] for c in session.cards if c in latest),
                      key=lambda r: (as_utc(r.outcome_timestamp), r.id), default=None)
        for bucket in (figures[(rule_id, session.card_id, shadow)],
                       days[(rule_id, shadow, session.started.date().isoformat())]):
            bucket.fired += 1
            if outcome is None:
                continue
            if outcome.outcome == "accepted":
                bucket.accepted += 1
            else:
                bucket.overridden += 1
                bucket.reasons[reason(outcome)] += 1
    return figures, days


def _session_rows(figures: _Figures, days: _Days,
                  calls: dict[tuple[str, str, str, bool], _Tally],
                  ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows per rule and card (per-call figures beside), and per rule and day."""
    per_call: dict[tuple[str, str, bool], _Tally] = defaultdict(_Tally)
    for (_, rule_id, card_id, shadow), call in calls.items():
        total = per_call[(rule_id, card_id, shadow)]
        total.fired += call.fired
        total.accepted += call.accepted
        total.overridden += call.overridden
    rows = []
    for (rule_id, card_id, shadow), f in sorted(figures.items()):
        c = per_call[(rule_id, card_id, shadow)]
        rows.append({
            "rule": rule_id, "card": card_id, "shadow": shadow,
            "sessions": f.fired, "accepted": f.accepted, "overridden": f.overridden,
            "no_feedback": f.fired - f.accepted - f.overridden,
            "acceptance_rate": round(f.accepted / f.fired, 4) if f.fired else None,
            "override_reasons": dict(f.reasons.most_common()),
            "calls": {"fired": c.fired, "accepted": c.accepted, "overridden": c.overridden,
                      "acceptance_rate": round(c.accepted / c.fired, 4) if c.fired else None},
        })
    timeline = [
        {"rule": rule_id, "shadow": shadow, "day": day, "sessions": f.fired,
         "accepted": f.accepted, "overridden": f.overridden,
         "acceptance_rate": round(f.accepted / f.fired, 4) if f.fired else None}
        for (rule_id, shadow, day), f in sorted(days.items())
    ]
    return rows, timeline


def build_report(store: Store, since: datetime | None = None,
                 session_window: timedelta = DEFAULT_SESSION_WINDOW,
                 reason_displays: Mapping[tuple[str, str], str] | None = None,
                 ) -> dict[str, Any]:
    """Aggregate the decision log and feedback into a JSON-ready report.

    ``reason_displays`` names override reasons the EHR sent as a code only (the card's own
    reasons, ``cards/_override_reasons.yaml``)."""
    known = reason_displays or {}

    def reason(row: Any) -> str:
        display = row.override_display or known.get((row.override_system or "",
                                                     row.override_code or ""))
        return _reason_key(row.override_system, row.override_code, display,
                           row.has_user_comment)

    store.db.ensure_ready()
    since_utc = as_utc(since) if since is not None else None
    rules: dict[tuple[str, str, str, bool], _Tally] = defaultdict(_Tally)
    offered: Counter[tuple[str, str, str, str, bool]] = Counter()
    accepted_suggestions: Counter[tuple[str, str, str, str, bool]] = Counter()
    unmatched: Counter[str] = Counter()

    with store.engine.connect() as conn:
        fired_q = select(
            card_table.c.service_id, card_table.c.rule_id, card_table.c.card_id,
            card_table.c.shadow, func.count().label("n"),
        ).group_by(card_table.c.service_id, card_table.c.rule_id, card_table.c.card_id,
                   card_table.c.shadow)
        if since_utc is not None:
            fired_q = fired_q.where(card_table.c.created_at >= since_utc)
        for row in conn.execute(fired_q):
            rules[(row.service_id, row.rule_id, row.card_id, bool(row.shadow))].fired = row.n

        offered_q = select(
            card_table.c.service_id, card_table.c.rule_id, card_table.c.card_id,
            suggestion_table.c.label, card_table.c.shadow, func.count().label("n"),
        ).join(suggestion_table, suggestion_table.c.card_uuid == card_table.c.card_uuid).group_by(
            card_table.c.service_id, card_table.c.rule_id, card_table.c.card_id,
            suggestion_table.c.label, card_table.c.shadow,
        )
        if since_utc is not None:
            offered_q = offered_q.where(card_table.c.created_at >= since_utc)
        for row in conn.execute(offered_q):
            offered[(row.service_id, row.rule_id, row.card_id, row.label, bool(row.shadow))] = (
                row.n
            )

        # Latest feedback per card decides its outcome (a clinician may revise).
        fb_q = select(
            feedback_table.c.id, feedback_table.c.service_id, feedback_table.c.card_uuid,
            feedback_table.c.outcome, feedback_table.c.outcome_timestamp,
            feedback_table.c.override_system, feedback_table.c.override_code,
            feedback_table.c.override_display, feedback_table.c.has_user_comment,
            card_table.c.rule_id, card_table.c.card_id, card_table.c.shadow,
            card_table.c.created_at,
        ).outerjoin(
            card_table,
            (card_table.c.card_uuid == feedback_table.c.card_uuid)
            & (card_table.c.service_id == feedback_table.c.service_id)
            & same_caller(card_table, feedback_table),  # another caller's feedback never counts
        ).order_by(feedback_table.c.outcome_timestamp, feedback_table.c.id)
        latest: dict[tuple[str, str], Any] = {}
        for row in conn.execute(fb_q):
            if row.rule_id is None:
                if since_utc is None or as_utc(row.outcome_timestamp) >= since_utc:
                    unmatched[row.service_id] += 1
                continue
            if since_utc is not None and as_utc(row.created_at) < since_utc:
                continue
            latest[(row.service_id, row.card_uuid)] = row

        accepted_ids = [r.id for r in latest.values() if r.outcome == "accepted"]
        labels: dict[int, list[str]] = defaultdict(list)
        for start in range(0, len(accepted_ids), 500):
            chunk = accepted_ids[start:start + 500]
            for row in conn.execute(
                select(feedback_suggestion_table.c.feedback_id, suggestion_table.c.label)
                .join(feedback_table,
                      feedback_table.c.id == feedback_suggestion_table.c.feedback_id)
                .join(
                    suggestion_table,
                    (suggestion_table.c.card_uuid == feedback_table.c.card_uuid)
                    & (suggestion_table.c.suggestion_uuid
                       == feedback_suggestion_table.c.suggestion_uuid),
                )
                .where(feedback_suggestion_table.c.feedback_id.in_(chunk))
            ):
                labels[row.feedback_id].append(row.label)
        session_figures, day_figures = _session_figures(conn, since_utc, session_window,
                                                        latest, reason)

    for row in latest.values():
        key = (row.service_id, row.rule_id, row.card_id, bool(row.shadow))
        figures = rules[key]
        if row.outcome == "accepted":
            figures.accepted += 1
            for label in labels.get(row.id, []):
                accepted_suggestions[(*key[:3], label, key[3])] += 1
        else:
            figures.overridden += 1
            figures.reasons[reason(row)] += 1

    session_rows, timeline = _session_rows(session_figures, day_figures, rules)
    rule_rows = []
    for (service_id, rule_id, card_id, shadow), f in sorted(rules.items()):
        rule_rows.append({
            "service": service_id,
            "rule": rule_id,
            "card": card_id,
            "shadow": shadow,
            "fired": f.fired,
            "accepted": f.accepted,
            "overridden": f.overridden,
            "no_feedback": max(f.fired - f.accepted - f.overridden, 0),
            "acceptance_rate": round(f.accepted / f.fired, 4) if f.fired else None,
            "override_reasons": dict(f.reasons.most_common()),
        })
    suggestion_rows = []
    for offer in sorted(set(offered) | set(accepted_suggestions)):
        service_id, rule_id, card_id, label, shadow = offer
        n_offered = offered.get(offer, 0)
        n_accepted = accepted_suggestions.get(offer, 0)
        suggestion_rows.append({
            "service": service_id,
            "rule": rule_id,
            "card": card_id,
            "suggestion": label,
            "shadow": shadow,
            "offered": n_offered,
            "accepted": n_accepted,
            "acceptance_rate": round(n_accepted / n_offered, 4) if n_offered else None,
        })
    return {
        "recommendations": recommendations(session_rows),
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "since": since_utc.isoformat() if since_utc else None,
        "session_window_minutes": round(session_window.total_seconds() / 60, 2),
        "sessions": session_rows,
        "timeline": timeline,
        "rules": rule_rows,
        "suggestions": suggestion_rows,
        "unmatched_feedback": dict(sorted(unmatched.items())),
    }


def recommendations(sessions: list[dict[str, Any]]) -> list[str]:
    """A line per shown rule whose acceptance is under 20 % over at least 30 sessions."""
    per_rule: dict[str, Counter[str]] = defaultdict(Counter)
    for row in sessions:
        if not row["shadow"]:
            per_rule[row["rule"]].update({k: row[k] for k in ("sessions", "accepted",
                                                             "overridden", "no_feedback")})
    return [f"{rule}: {f['accepted'] / f['sessions']:.0%} of {f['sessions']} ordering sessions "
            f"accepted ({f['overridden']} overridden, {f['no_feedback']} without feedback), "
            "under 20 %: review the rule and its card with the clinical lead, or set it to "
            f'shadow: CDS_RULE_MODES=\'{{"{rule}": "shadow"}}\''
            for rule, f in sorted(per_rule.items())
            if f["sessions"] >= 30 and f["accepted"] < 0.2 * f["sessions"]]


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


# Control and format characters a terminal would act on or hide (ESC sequences, CR, BEL,
# C1 controls, bidi overrides, line separators): stripped from every field of the text output
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069"
                       "\ufeff]")


def _plain(value: Any) -> Any:
    """``value`` with every string in it (keys too) stripped of control characters."""
    if isinstance(value, str):
        return _CONTROLS.sub("", value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def format_report(report: dict[str, Any]) -> str:
    """Render the report as plain-text tables (override reasons and every other field come
    from the database, i.e. from EHRs: control characters are stripped before printing)."""
    report = _plain(report)
    out = [f"CDS report generated {report['generated_at']}"
           + (f", cards since {report['since']}" if report["since"] else "")]
    if "rule_modes" in report:
        out.append(f"Rule modes (CDS_RULE_MODES): {report['rule_modes']}")
    out += [f"Recommended: {line}" for line in report["recommendations"]]
    for shadow in (False, True):
        rows = [r for r in report["sessions"] if r["shadow"] is shadow]
        if not rows and shadow:
            continue
        out.append("")
        out.append(("SHADOW MODE (computed, not shown): " if shadow else "Rules and cards: ")
                   + "per ordering session (patient + order + rule within "
                   f"{report['session_window_minutes']:g} min); per call beside")
        out.append(_table(
            ["rule", "card", "sessions", "accepted", "overridden", "no feedback",
             "acceptance", "| calls", "accepted", "overridden", "acceptance"],
            [[r["rule"], r["card"], str(r["sessions"]), str(r["accepted"]),
              str(r["overridden"]), str(r["no_feedback"]), _rate(r["acceptance_rate"]),
              "| " + str(r["calls"]["fired"]), str(r["calls"]["accepted"]),
              str(r["calls"]["overridden"]), _rate(r["calls"]["acceptance_rate"])]
             for r in rows],
        ))
        for r in rows:
            for reason, n in r["override_reasons"].items():
                out.append(f"  override {r['rule']}/{r['card']}: {reason}: {n} "
                           f"session{'s' if n != 1 else ''}")
    live_suggestions = [s for s in report["suggestions"] if not s["shadow"]]
    if live_suggestions:
        out.append("")
        out.append("Suggestions")
        out.append(_table(
            ["rule", "card", "suggestion", "offered", "accepted", "acceptance"],
            [[s["rule"], s["card"], s["suggestion"], str(s["offered"]), str(s["accepted"]),
              _rate(s["acceptance_rate"])] for s in live_suggestions],
        ))
    if report["unmatched_feedback"]:
        out.append("")
        out.append("Feedback on cards not in the decision log: " + ", ".join(
            f"{svc}: {n}" for svc, n in report["unmatched_feedback"].items()))
    return "\n".join(out)


def card_reason_displays(cards_dir: str | Path) -> dict[tuple[str, str], str]:
    """The override reasons the cards offer (system, code) → display; empty if unreadable
    (the report does not need them: codes are shown without their words then)."""
    try:
        data = yaml.safe_load((Path(cards_dir) / "_override_reasons.yaml").read_text("utf-8"))
        system = str(data["system"])
        return {(system, str(r["code"])): str(r["display"]) for r in data["reasons"]}
    except (OSError, KeyError, TypeError, ValueError, yaml.YAMLError):
        return {}


@click.command("report")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
              default=None, help="Only cards issued on or after this date (UTC).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.option("--html", "html_path", default=None,
              type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Also write a self-contained HTML page with charts to this file.")
@click.option("--session-window", default=int(DEFAULT_SESSION_WINDOW.total_seconds() // 60),
              show_default=True, type=click.IntRange(1, 24 * 60),
              help="Minutes between two cards of one ordering session.")
@click.option("--database-url", default=None, help="Defaults to DATABASE_URL or the SQLite file.")
def report_command(since: datetime | None, as_json: bool, html_path: Path | None,
                   session_window: int, database_url: str | None) -> None:
    """Show per rule and card: ordering sessions and calls fired, accepted, overridden (with
    reasons), acceptance rate."""
    from cds_service.config import RuleModes, Settings
    from cds_service.core.rules import RULES

    settings = Settings.from_env()
    rule_ids = [r.id for r in RULES]
    modes = RuleModes.parse(settings.rule_modes, rule_ids).describe(rule_ids)
    url = database_url or settings.database_url
    store = Store(url)
    try:
        report = build_report(store, since.replace(tzinfo=UTC) if since else None,
                              timedelta(minutes=session_window),
                              card_reason_displays(settings.cards_dir))
    except Exception as err:
        raise click.ClickException(
            f"cannot read the decision log at {redact_url(url)}: {type(err).__name__}"
        ) from err
    finally:
        store.close()
    report["rule_modes"] = modes
    if html_path is not None:
        from cds_service.storage.report_html import render_html

        html_path.write_text(render_html(report), encoding="utf-8")
        click.echo(f"wrote {html_path}", err=True)
    click.echo(json.dumps(report, indent=2) if as_json else format_report(report))
