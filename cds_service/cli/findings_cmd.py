"""`cds-service findings [FILE…]`: read reports from JSON Lines, write their calcification."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

import click
import orjson

from cds_service.core.reading import Mention, read_report, read_text
from cds_service.errors import InvalidResource


def mention_json(m: Mention) -> dict[str, Any]:
    """Render a mention as the CLI's JSON object."""
    return {
        "sentence": m.sentence,
        "assertion": m.assertion,
        "site": m.site,
        "term": m.term,
        "concept": m.concept,
        "section": m.section,
        "contexts": sorted(m.contexts),
        "differential": list(m.differential),
    }


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


def _lines(files: Iterable[IO[bytes]]) -> Iterator[bytes]:
    """Yield the non-blank lines of each file in turn."""
    for f in files:
        for line in f:
            if line.strip():
                yield line


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
    out = click.open_file("-", "wb")  # binary stdout, as click.File does it
    sources = files or (click.open_file("-", "rb"),)
    failed = 0
    buffer: list[bytes] = []
    for line in _lines(sources):
        result = read_line(line)
        failed += "error" in result
        buffer.append(orjson.dumps(result) + b"\n")
        if len(buffer) >= 512:
            out.write(b"".join(buffer))
            buffer.clear()
    out.write(b"".join(buffer))
    out.flush()
    if failed:
        click.echo(f"{failed} line(s) failed", err=True)
        sys.exit(1)
