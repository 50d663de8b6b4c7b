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
    """Read reports (JSON Lines, files or stdin) and write their calcification mentions."""
    out = click.get_binary_stream("stdout")
    sources = files or (click.get_binary_stream("stdin"),)
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
