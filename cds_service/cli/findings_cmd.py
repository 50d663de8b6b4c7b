"""`cds-service findings [FILE…]`: read reports from JSON Lines, write their calcification."""

from __future__ import annotations

import sys
from typing import IO, Any

import click
import orjson

from cds_service.core.reading import Mention, read_report, read_text
from cds_service.errors import InvalidResource

MENTION_FIELDS = ("sentence", "assertion", "site", "term", "concept", "section", "contexts",
                  "differential")


def mention_json(m: Mention) -> dict[str, Any]:
    """A mention as the CLI writes it (its lesion contexts sorted)."""
    return {f: sorted(m.contexts) if f == "contexts" else getattr(m, f) for f in MENTION_FIELDS}


def read_line(line: bytes) -> dict[str, Any]:
    """Read one JSON line ({"id", "text"} or a DiagnosticReport) into the output object."""
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError:
        return {"id": None, "error": "not valid JSON"}
    if not isinstance(obj, dict):
        return {"id": None, "error": "line is not a JSON object"}
    ident = obj.get("id") if isinstance(obj.get("id"), str | int) else None
    try:
        if obj.get("resourceType") == "DiagnosticReport":
            found = read_report(obj).findings
        elif isinstance(obj.get("text"), str):
            found = read_text(obj["text"])
        else:
            return {"id": ident, "error": "line has neither a string 'text' nor a DiagnosticReport"}
    except InvalidResource as exc:
        return {"id": ident, "error": str(exc)}
    return {"id": ident, "calcification": found.calcification,
            "mentions": [mention_json(m) for m in found.mentions]}


@click.command("findings")
@click.argument("files", nargs=-1, type=click.File("rb"))
def findings_command(files: tuple[IO[bytes], ...]) -> None:
    """Read MRI reports and write what each says about calcification, one line each.

    \b
    Input: JSON Lines from FILES, or stdin when none; each line either
      {"id": "r1", "text": "<report text>"}  or a FHIR R4 DiagnosticReport
      (its presentedForm, conclusion and narrative are read).
    Output (stdout), one JSON object per input line:
      {"id", "calcification": "present" | "possible" | "absent" | "not mentioned",
       "mentions": [{"sentence", "assertion", "site", "term", "concept",
                     "section", "contexts", "differential"}]}
      or {"id", "error"} for a line that cannot be read (exit status 1).
    Example:
      echo '{"id": "r1", "text": "Thigh mass with internal calcification."}' |
        cds-service findings
    """
    out, failed = sys.stdout.buffer, 0
    for source in files or (sys.stdin.buffer,):
        for line in source:
            if line.strip():
                result = read_line(line)
                failed += "error" in result
                out.write(orjson.dumps(result) + b"\n")
    out.flush()
    if failed:
        click.echo(f"{failed} line(s) failed", err=True)
        sys.exit(1)
