"""Hostile fetch-only call (issue 12 §5): peak memory of one call against a FHIR server that
answers every search with a full-size page and an endless ``next`` chain.

``.venv/bin/python -m benchmarks.fetch_budget [--flavour small|big|both] [--json]``

The FHIR server runs in a process of its own; each measured call runs in a fresh process
(``ru_maxrss`` is a high-water mark, so one call per process) with the default settings: the
hook body carries no prefetch, so the service fetches the Patient and both searches. Pages are
just under the 20 MiB response cap:

* ``small``: pages of tiny DiagnosticReports (~270,000 in 20 MiB: the parse costs most);
* ``big``: one long string per page (the raw bytes cost most);

each at ``--page-mb`` (default: 19.9, just under the response cap, and 8, so that both
searches' first pages fit the call's budget and paging is what the budget stops).

Printed per case: the call's status, wall time, bytes the server sent, and the process's
peak RSS minus its RSS just before the call (the app already built). ``--code DIR`` measures
the service of another checkout (e.g. one from before the budget: ``git archive``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
PAGE_BYTES = 20 * MB - 64 * 1024  # just under CDS_MAX_FHIR_RESPONSE_BYTES
PATIENT = "p-hostile"


def _page(flavour: str, rtype: str, page_bytes: int) -> bytes:
    head = b'{"resourceType":"Bundle","type":"searchset","link":[{"relation":"next","url":"NEXT"}],'
    if flavour == "big":
        pad = page_bytes - len(head) - 32
        return head + b'"_pad":"' + b"x" * pad + b'","entry":[]}'
    one = ('{"resource":{"resourceType":"' + rtype + '","id":"r%d","status":"final",'
           '"subject":{"reference":"Patient/' + PATIENT + '"}}}')
    entries: list[bytes] = []
    size = len(head) + 20
    i = 0
    while size < page_bytes - 200:
        entry = (one % i).encode()
        entries.append(entry)
        size += len(entry) + 1
        i += 1
    return head + b'"entry":[' + b",".join(entries) + b"]}"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # a client that stopped reading (a cap, a budget) is the point here


def serve(port_file: str, flavour: str, page_bytes: int) -> None:
    """The hostile FHIR server (run in its own process)."""
    pages = {rtype: _page(flavour, rtype, page_bytes)
             for rtype in ("DiagnosticReport", "ImagingStudy")}
    patient = json.dumps({"resourceType": "Patient", "id": PATIENT,
                          "birthDate": "1970-01-01"}).encode()
    sent = [0]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            return

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            parts = urlsplit(self.path)
            rtype = parts.path.strip("/").split("/")[0]
            if parts.path.startswith("/__sent"):
                body = str(sent[0]).encode()
            elif rtype in pages:
                offset = int(parse_qs(parts.query).get("_offset", ["0"])[0])
                nxt = (f"http://{self.headers['Host']}/{rtype}?patient={PATIENT}"
                       f"&_offset={offset + 1}").encode()
                body = pages[rtype].replace(b"NEXT", nxt, 1)
            else:
                body = patient
            self.send_response(200)
            self.send_header("Content-Type", "application/fhir+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
                sent[0] += len(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    server = _Server(("127.0.0.1", 0), Handler)
    Path(port_file).write_text(str(server.server_address[1]))
    server.serve_forever()


def one_call(url: str, code: str) -> dict[str, Any]:
    """One fetch-only hook call in this (fresh) process, with the service from ``code``."""
    sys.path.insert(0, code)
    from cds_service import create_app
    from cds_service.web import observability
    from tests.conftest import SELECT_ID, hook_body

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"allow_unauthenticated": True, "fhir_servers": url,
                          "database_url": f"sqlite:///{tmp}/bench.db"})
        observability.configure_logging(open(os.devnull, "w"))  # noqa: SIM115
        body = hook_body("positive-biopsy-thigh-mass.json")
        body.pop("prefetch", None)
        body["fhirServer"] = url
        body["context"]["patientId"] = PATIENT
        client = app.test_client()
        before = _rss_mb()
        started = time.perf_counter()
        resp = client.post(f"/cds-services/{SELECT_ID}", json=body)
        took = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        answer = resp.get_json() or {}
        issue = (answer.get("issue") or [{}])[0]
        code = ((issue.get("details") or {}).get("coding") or [{}])[0].get("code")
    return {"status": resp.status_code, "code": code, "seconds": round(took, 2),
            "rss_before_mb": round(before, 1), "peak_rss_mb": round(peak, 1),
            "call_peak_mb": round(peak - before, 1)}


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def _sent(url: str) -> int:
    import urllib.request

    with urllib.request.urlopen(f"{url}/__sent", timeout=5) as resp:  # noqa: S310 - loopback
        return int(resp.read())


def measure(flavour: str, page_bytes: int, code: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        port_file = Path(tmp) / "port"
        server = subprocess.Popen([sys.executable, "-m", "benchmarks.fetch_budget",
                                   "--serve", str(port_file), "--flavour", flavour,
                                   "--page-bytes", str(page_bytes)], cwd=ROOT)
        try:
            stop = time.monotonic() + 60
            while not port_file.exists() or not port_file.read_text():
                if time.monotonic() > stop or server.poll() is not None:
                    raise RuntimeError("the hostile FHIR server did not start")
                time.sleep(0.1)
            url = f"http://127.0.0.1:{port_file.read_text()}"
            with socket.create_connection(("127.0.0.1", int(port_file.read_text())), 5):
                pass
            out = subprocess.run([sys.executable, "-m", "benchmarks.fetch_budget",
                                  "--call", url, "--code", code], cwd=ROOT,
                                 capture_output=True, text=True, timeout=300, check=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            result["server_sent_mb"] = round(_sent(url) / 1024 / 1024, 1)
        finally:
            server.terminate()
            server.wait(10)
    return {"flavour": flavour, "page_mb": round(page_bytes / MB, 1), **result}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flavour", choices=["small", "big", "both"], default="both")
    parser.add_argument("--page-mb", type=float, action="append",
                        help="page size in MiB (repeatable; default 19.9 and 8)")
    parser.add_argument("--page-bytes", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--code", default=str(ROOT),
                        help="checkout whose cds_service is measured (default: this one)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--call", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.flavour, args.page_bytes)
        return 0
    if args.call:
        print(json.dumps(one_call(args.call, args.code)))
        return 0
    flavours = ["small", "big"] if args.flavour == "both" else [args.flavour]
    sizes = [int(mb * MB) for mb in args.page_mb] if args.page_mb else [PAGE_BYTES, 8 * MB]
    results = [measure(f, size, args.code) for f in flavours for size in sizes]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'pages':<6} {'MB':>5} {'status':>6} {'code':<22} {'s':>6} {'sent MB':>8} "
          f"{'call peak MB':>12} {'peak RSS MB':>11}")
    for r in results:
        print(f"{r['flavour']:<6} {r['page_mb']:>5} {r['status']:>6} {r['code'] or '':<22} "
              f"{r['seconds']:>6} {r['server_sent_mb']:>8} {r['call_peak_mb']:>12} "
              f"{r['peak_rss_mb']:>11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
