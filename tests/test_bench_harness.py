"""The real-traffic benchmark harness (issue 11) does what its figures claim: every call a new
patient with unseen report text and its own hookInstance, every JWT a unique jti the service
accepts, and a printout that survives any part failing. Logic only: no timing asserted."""

from __future__ import annotations

import base64
import json
import shutil
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
import orjson
import pytest

from benchmarks import data, stream, tokens, traffic, traffic_http, traffic_report
from benchmarks.common import ISSUER
from cds_service.web.auth import MAX_LIFETIME_SECONDS, Authenticator
from cds_service.web.issuers import parse_trusted_issuers
from tests.support.cds_auth import ec_key

POOL = stream.make_pool(5, n_reports=3, trigger_every=2)


def _facts(body: bytes) -> dict[str, Any]:
    doc = json.loads(body)
    pf = doc["prefetch"]
    reports = [e["resource"] for e in pf["diagnosticReports"]["entry"]]
    studies = [e["resource"] for e in pf["imagingStudies"]["entry"]]
    return {
        "patient": doc["context"]["patientId"],
        "hook": doc["hookInstance"],
        "ids": {f"{r['resourceType']}/{r['id']}" for r in [*reports, *studies]},
        "texts": [base64.b64decode(r["presentedForm"][0]["data"]).decode() for r in reports],
        "subjects": {r["subject"]["reference"] for r in [*reports, *studies]},
        "patient_resource": pf["patient"]["id"],
    }


def test_every_call_of_the_stream_is_a_new_patient_with_unseen_text() -> None:
    s = stream.Stream(POOL, start=123)
    seen_patients, seen_hooks, seen_ids, seen_texts = set(), set(), set(), set()
    for _ in range(3 * len(POOL)):  # every template several times
        body = s.next()
        for mark in stream.MARKS:
            assert mark.encode() not in body
        f = _facts(body)
        assert f["patient"] not in seen_patients and f["hook"] not in seen_hooks
        assert str(uuid.UUID(f["hook"])) == f["hook"]  # still a UUID
        assert f["patient_resource"] == f["patient"]
        assert f["subjects"] == {f"Patient/{f['patient']}"}
        assert not f["ids"] & seen_ids
        digits = f["patient"].removeprefix("PT")
        for text in f["texts"]:
            assert "ACCESSION: " in text and f"ACC{digits}" in text  # stamped inside base64
            assert text not in seen_texts
            seen_texts.add(text)
        seen_patients.add(f["patient"])
        seen_hooks.add(f["hook"])
        seen_ids |= f["ids"]


def test_one_in_ten_records_has_calcification_and_the_rest_none() -> None:
    pool = stream.make_pool(20, n_reports=4)
    calcified = ["calcification" in " ".join(_facts(stream.stamp(t, 1))["texts"]).lower()
                 for t in pool]
    assert calcified == [i % 10 == 0 for i in range(20)]


def test_stream_and_request_reports_come_from_one_builder() -> None:
    ours = json.loads(data.encoded(data.make_request(2)))
    theirs = json.loads(stream.stamp(POOL[0], 7))
    a = ours["prefetch"]["diagnosticReports"]["entry"][0]["resource"]
    b = theirs["prefetch"]["diagnosticReports"]["entry"][0]["resource"]
    assert [k for k in a if k != "conclusion"] == [k for k in b if k != "conclusion"]


def test_template_split_stamps_as_plain_replacement() -> None:
    template = POOL[1]
    values = stream.mark_values(42)
    expected = template
    for mark, value in zip(stream.MARKS, values, strict=True):
        expected = expected.replace(mark.encode(), value)
    assert stream.Template(template).stamp(42) == expected
    line = stream.wrk_pool_line(template)
    assert b"\n" not in line and all(m.encode() not in line for m in stream.MARKS)


def test_tokens_are_unique_and_accepted_by_the_service_authenticator() -> None:
    key = ec_key()
    aud = "https://cds.bench.example/cds-services/x"
    jku = "http://127.0.0.1:1/jwks.json"
    minted, iat = tokens.mint_tokens(key.private, key.kid, jku, ISSUER, aud, 7, processes=1)
    claims = [jwt.decode(t, key.private.public_key(), algorithms=["ES384"], audience=aud)
              for t in minted]
    assert len({c["jti"] for c in claims}) == len(minted) == 7
    assert all(c["exp"] - c["iat"] == tokens.TOKEN_LIFETIME <= MAX_LIFETIME_SECONDS
               and c["iat"] == iat for c in claims)
    issuers = parse_trusted_issuers(json.dumps(
        {ISSUER: {"jwks": {"keys": [key.public_jwk]}, "jku": [jku]}}))
    claimed: set[str] = set()

    def claim(issuer: str, jti: str, _expires: Any) -> bool:
        if jti in claimed:
            return False
        claimed.add(jti)
        return True

    auth = Authenticator(issuers, claim_jti=claim)
    for t in minted:
        assert auth.verify(f"Bearer {t}", aud).issuer == ISSUER
    with pytest.raises(RuntimeError, match="expires"):
        tokens.check_lifetime(iat, tokens.TOKEN_LIFETIME)
    tokens.check_lifetime(iat, 60)


class _Capture(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[tuple[str, bytes]] = []
    lock = threading.Lock()

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with self.lock:
            self.seen.append((self.headers.get("Authorization", ""), body))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *_args: Any) -> None:
        return


@pytest.mark.skipif(shutil.which("wrk") is None, reason="needs wrk on PATH "
                    "(apt-get install wrk)")
@pytest.mark.parametrize("n_tokens", [20_000, 3])
def test_the_wrk_script_sends_distinct_bodies_and_each_token_once(
        tmp_path: Path, n_tokens: int) -> None:
    _Capture.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Capture)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pool_file = tmp_path / "pool.jsonl"
    pool_file.write_bytes(b"\n".join(stream.wrk_pool_line(t) for t in POOL) + b"\n")
    fake = [f"tok-{i}" for i in range(n_tokens)]
    try:
        r = traffic_http.run_wrk_stream(shutil.which("wrk") or "", server.server_address[1],
                                        pool_file, mode="stream", base=5 * 10**9, seconds=1,
                                        token_list=fake)
    finally:
        server.shutdown()
        server.server_close()
    sent = list(_Capture.seen)
    assert sent and r["requests"] <= len(sent)
    bodies = [b for _, b in sent]
    patients = [orjson.loads(b)["context"]["patientId"] for b in bodies]
    assert len(set(patients)) == len(patients)
    for body, patient in zip(bodies, patients, strict=True):
        k = int(patient.removeprefix("PT"))
        assert any(body == stream.Template(t).stamp(k) for t in POOL)
    auths = [a.removeprefix("Bearer ") for a, _ in sent]
    if n_tokens > len(sent):
        assert len(set(auths)) == len(auths) and r["tokens_reused"] == 0
    else:
        assert r["tokens_reused"] > 0


def test_plateau_finds_where_the_caches_filled_and_each_half_growth() -> None:
    def sample(calls: int, rss: float, mb: float) -> dict[str, Any]:
        return {"calls": calls, "rss_mb": rss,
                "caches": {"resources": {"mb": mb, "bound_mb": 4.0, "entries": 1}}}

    got = traffic.plateau([sample(0, 100, 0), sample(5, 110, 3.5), sample(10, 111, 4.0),
                           sample(15, 111.5, 4.0), sample(20, 112, 4.0)])
    assert got["caches_full_at_calls"] == 10 and got["rss_when_full_mb"] == 111
    assert got["growth_after_full_mb"] == 1 and got["calls_after_full"] == 10
    assert got["growth_first_half_mb"] == 11 and got["growth_last_half_mb"] == 1


def test_log_problems_counts_warnings_and_tracebacks(tmp_path: Path) -> None:
    log = tmp_path / "s.log"
    lines = ['{"level":"INFO","msg":"call"}'] * 3 + [
        '{"level":"WARNING","logger":"a","msg":"auth rejected: reason=replayed-jti"}'] * 2 + [
        "Traceback (most recent call last):"]
    log.write_text("=== real\n" + "\n".join(lines) + "\n")
    got = traffic_http.log_problems(log, 0)
    assert got[0] == "2 x WARNING auth rejected: reason=replayed-jti"
    assert "1 x non-JSON: Traceback (most recent call last):" in got
    assert traffic_http.view_ms(log, 0) is None
    with log.open("a") as f:
        for ms in (1.0, 2.0, 9.0):
            f.write(json.dumps({"level": "INFO", "msg": "hook call", "ms": ms}) + "\n")
    assert traffic_http.view_ms(log, 0) == {"calls": 3, "median": 2.0, "mean": 4.0, "p99": 9.0}
    assert traffic_http.view_ms(log, log.stat().st_size) is None


def test_the_printout_survives_every_part_failing() -> None:
    results: dict[str, Any] = {
        "machine": {"nproc": 2, "cpu_model": "x", "mem_gb": 1, "python": "3", "platform": "p",
                    "date": "d"}, "quick": True,
        "http": {"connections": 16, "workers": 2, "worker_class": "sync", "wrk_threads": 2,
                 "seconds": 1, "warm_seconds": 1, "body_kb": 1, "database": "sqlite",
                 "runs": {traffic_http.NOOP: {"failed": "wrk exited with 1"},
                          traffic_http.JWT_RUN: {
                              "requests": 10, "ok": 0, "rps": 0.0, "p50_ms": 1, "p99_ms": 2,
                              "non2xx": 10, "errors": {}, "tokens_reused": 0,
                              "problems": ["10 of 10 answers not 2xx"], "valid": False}}},
        "inprocess": {"failed": "exited with 1"},
        "memory": {"calls": 10, "default bounds": {"samples": [], "failed": "killed"}},
    }
    traffic_http.add_ratios(results["http"]["runs"])
    results["targets"] = traffic_report.targets(results)
    text = traffic_report.report(results)
    assert "FAILED" in text and "NO |" in text
    assert all(t["met"] is None for t in results["targets"])
    assert not traffic.all_valid(results)
