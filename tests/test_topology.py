"""The production topology of deploy/ (issue 13 §7), started for real on loopback.

Debian's nginx terminates TLS (a certificate this test makes) with ``deploy/nginx/
cds-service.conf`` itself, only its ports, names and certificate paths replaced, in front of
two ``cds-service serve`` instances (gunicorn) sharing one fresh PostgreSQL schema, migrated
first with ``cds-service init-db`` as in deploy/README.md. Checked:

* TLS with the test certificate; plain HTTP only redirects; ``/metrics`` is not public;
* a JWT whose ``aud`` is the public https URL passes, one naming an instance's own URL does not;
* a ``jti`` used on one instance is refused on the other (the replay store is the database);
* one instance killed with SIGKILL mid-load: calls go on through the other (nginx fails over),
  only calls in flight on the killed instance fail (502, or an answer cut short), and every
  acknowledged feedback is stored;
  once ``fail_timeout`` has passed, a call nginx sends to the dead instance is refused there and
  passed to the other within the same request;
* the migrate and rollback commands of deploy/README.md.

Needs ``/usr/sbin/nginx`` (``scripts/ensure-services`` installs Debian's nginx without starting
or enabling it) and PostgreSQL. Bounded: a fixed number of calls, a timeout on every call,
join and start; every process it starts is stopped. The tests wait on events, not on margins
of time: the kill window ends when every process of the killed instance has exited, the load
goes on until calls started after it have been answered, and nginx's return to the dead
instance is seen in its access log; every limit only ends a failing test.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import ipaddress
import math
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from cds_service.storage.database import head_revision
from tests.conftest import ROOT, SELECT_ID, hook_body
from tests.support.cds_auth import (
    JwksServer,
    TokenFactory,
    ec_key,
    postgres_available,
    postgres_schema,
    trusted,
)

NGINX = Path("/usr/sbin/nginx")
SITE = ROOT / "deploy" / "nginx" / "cds-service.conf"
CLI = Path(sys.executable).with_name("cds-service")
BUNDLE = "positive-biopsy-thigh-mass.json"
THREADS = 4
ROUNDS_PER_THREAD = 30  # each round: one hook call, then feedback on its card (240 calls)
KILL_AFTER_ROUNDS = 30  # of 120: the kill comes while every thread is mid-load
# Past its 30 rounds a thread keeps going until this many hook calls started after the kill
# window have been answered (on a quiet machine the 30 rounds may all end inside it), at
# most MAX_ROUNDS.
AFTER_KILL_CALLS = 2 * THREADS
MAX_ROUNDS_PER_THREAD = 200
CALL_TIMEOUT = 60  # seconds: ends a failing call, never a figure to meet
BOUND = 120.0  # seconds: ends a failing wait


def _free_port() -> int:
    """A free port below the kernel's ephemeral range, chosen at random.

    The ports are chosen before nginx and gunicorn bind them, seconds later; a port from the
    ephemeral range could meanwhile become the source port of any outgoing loopback
    connection on this busy machine, and then the bind fails.
    """
    try:
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        low = 32768
    for _ in range(200):
        port = random.randint(10_000, max(10_001, low - 1))  # noqa: S311 - not a secret
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError("no free port below the ephemeral range")


def _wait_until(check: Any, timeout: float, what: str, log: Any = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (requests.RequestException, OSError):
            pass
        time.sleep(0.1)
    detail = f":\n{log()}" if log else ""
    raise AssertionError(f"{what} did not come up in {timeout:.0f} s{detail}")


def _live_members(pgid: int) -> list[int]:
    """Processes of group ``pgid`` that have not exited (zombies have: their files are
    closed)."""
    live = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # pid (comm) state ppid pgrp ...: comm may hold spaces, so split after its ")"
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            live.append(int(stat.parent.name))
    return live


def _self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, valid for a day; it is its own CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "cds-service topology test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([
            x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
            critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    return cert_path, key_path


def site_config(*, https_port: int, http_port: int, upstreams: tuple[int, int], cert: Path,
                key: Path) -> str:
    """deploy/nginx/cds-service.conf with loopback test values in place of production ones."""
    text = SITE.read_text()
    replacements = [
        ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("server 127.0.0.1:8081 ", f"server 127.0.0.1:{upstreams[0]} "),
        ("server 127.0.0.1:8082 ", f"server 127.0.0.1:{upstreams[1]} "),
        ("/etc/ssl/certs/cds.example.org.pem", str(cert)),
        ("/etc/ssl/private/cds.example.org.key", str(key)),
        ("server_name cds.example.org;", "server_name 127.0.0.1;"),
    ]
    for old, new in replacements:
        assert old in text, f"{SITE} no longer has {old!r}: update this test with it"
        text = text.replace(old, new)
    return text


class Nginx:
    """Debian's nginx in the foreground, with a test-made main configuration."""

    def __init__(self, tmp: Path, site: str) -> None:
        self.dir = tmp / "nginx"
        self.dir.mkdir()
        (self.dir / "site.conf").write_text(site)
        self.access_log = self.dir / "access.log"
        self.error_log = self.dir / "error.log"
        user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
        temp = "\n".join(f"  {kind}_temp_path {self.dir / kind};"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf = self.dir / "nginx.conf"
        conf.write_text(f"""{user}worker_processes 1;
pid {self.dir / 'nginx.pid'};
error_log {self.error_log} warn;
events {{ worker_connections 256; }}
http {{
  log_format topology '$request_method $uri $status "$upstream_addr" "$upstream_status"';
  access_log {self.access_log} topology;
{temp}
  include {self.dir / 'site.conf'};
}}
""")
        base = [str(NGINX), "-p", str(self.dir), "-c", str(conf), "-e", str(self.error_log)]
        checked = subprocess.run([*base, "-t"], capture_output=True, text=True, timeout=30)
        assert checked.returncode == 0, f"nginx -t refused the configuration:\n{checked.stderr}"
        self.proc = subprocess.Popen([*base, "-g", "daemon off;"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)

    def log(self) -> str:
        return self.error_log.read_text(errors="replace")[-3000:] if self.error_log.exists() else ""

    def access(self) -> list[list[str]]:
        """Access log lines: method, path, status, upstream addresses, upstream statuses."""
        out = []
        for line in self.access_log.read_text().splitlines():
            head, upstream, _, statuses, _ = line.split('"')
            out.append([*head.split(), upstream, statuses])
        return out

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)  # graceful: finish requests, then exit
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)


class Instance:
    """One ``cds-service serve`` (gunicorn master and its workers, one process group)."""

    def __init__(self, tmp: Path, name: str, env: dict[str, str]) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        home = tmp / name
        (home / "tmp").mkdir(parents=True)
        self.log_path = home / "serve.log"
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [str(CLI), "serve", "--port", str(self.port), "--workers", "2"],
                cwd=ROOT, env={**env, "HOME": str(home), "TMPDIR": str(home / "tmp")},
                stdout=log, stderr=log, start_new_session=True)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]

    def wait_ready(self) -> None:
        def ready() -> bool:
            if self.proc.poll() is not None:
                raise AssertionError(f"cds-service serve exited:\n{self.log()}")
            return requests.get(f"{self.url}/health", timeout=1).ok
        _wait_until(ready, 120, f"cds-service serve on {self.port}", self.log)

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once, no warning; returns once every one
        of them has exited (its sockets closed: nginx can only be refused there now)."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(BOUND)
        _wait_until(lambda: not _live_members(self.proc.pid), BOUND,
                    f"the processes of the instance on {self.port} exiting")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)


@dataclass
class Topology:
    public: str
    http_port: int
    cert: Path
    nginx: Nginx
    instances: tuple[Instance, Instance]
    token: TokenFactory
    database_url: str
    init_db_output: str

    def session(self) -> requests.Session:
        s = requests.Session()
        s.trust_env = False  # else REQUESTS_CA_BUNDLE replaces verify, and proxies apply
        s.verify = str(self.cert)
        return s

    def auth(self, aud: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(aud)}"}


@pytest.fixture
def topology(tmp_path: Path) -> Iterator[Topology]:
    if not NGINX.exists():
        pytest.skip("nginx is not installed at /usr/sbin/nginx (scripts/ensure-services "
                    "installs Debian's nginx: apt-get install nginx)")
    if reason := postgres_available():
        pytest.skip(reason)
    key = ec_key()
    cert, cert_key = _self_signed(tmp_path)
    https_port, http_port = _free_port(), _free_port()
    public = f"https://127.0.0.1:{https_port}"
    with contextlib.ExitStack() as stack:  # stops everything in reverse order, also on failure
        jwks = JwksServer([key])
        stack.callback(jwks.stop)
        database_url = stack.enter_context(postgres_schema())
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("CDS_") and k not in ("PROMETHEUS_MULTIPROC_DIR",
                                                         "DATABASE_URL")}
        env.update({
            "DATABASE_URL": database_url, "CDS_PUBLIC_BASE_URL": public,
            "CDS_TRUSTED_ISSUERS": trusted(jwks.url),
            "CDS_PATIENT_HASH_KEY": uuid.uuid4().hex + uuid.uuid4().hex,
            "CDS_LOG_LEVEL": "WARNING",
        })
        # Upgrade step of deploy/README.md: migrate once, before any instance starts.
        init_db = subprocess.run([str(CLI), "init-db"], env=env, capture_output=True,
                                 text=True, timeout=120, cwd=ROOT)
        assert init_db.returncode == 0, init_db.stderr
        instances = []
        for name in ("a", "b"):
            instance = Instance(tmp_path, name, env)
            stack.callback(instance.stop)
            instances.append(instance)
        for instance in instances:
            instance.wait_ready()
        nginx = Nginx(tmp_path, site_config(
            https_port=https_port, http_port=http_port,
            upstreams=(instances[0].port, instances[1].port), cert=cert, key=cert_key))
        stack.callback(nginx.stop)
        _wait_until(lambda: requests.get(f"{public}/health", verify=str(cert), timeout=2).ok,
                    BOUND, "nginx", nginx.log)
        yield Topology(public, http_port, cert, nginx, (instances[0], instances[1]),
                       TokenFactory(key, jwks.url), database_url, init_db.stdout)


def _hook_call(topo: Topology, session: requests.Session, base: str | None = None,
               aud: str | None = None, token: str | None = None) -> requests.Response:
    url = f"{base or topo.public}/cds-services/{SELECT_ID}"
    body = hook_body(BUNDLE)
    body["hookInstance"] = str(uuid.uuid4())
    headers = {"Authorization": f"Bearer {token}"} if token else topo.auth(
        aud or f"{topo.public}/cds-services/{SELECT_ID}")
    return session.post(url, json=body, headers=headers, timeout=CALL_TIMEOUT)


def test_tls_proxy_auth_and_replay_across_instances(topology: Topology):
    topo = topology
    s = topo.session()
    assert "at revision" in topo.init_db_output

    # TLS ends at nginx, with the certificate the test made (verified, not skipped).
    health = s.get(f"{topo.public}/health", timeout=CALL_TIMEOUT)
    assert health.status_code == 200
    assert health.headers["Strict-Transport-Security"].startswith("max-age=")
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(f"{topo.public}/health", timeout=CALL_TIMEOUT)  # the system CAs: unknown
    redirect = requests.get(f"http://127.0.0.1:{topo.http_port}/cds-services",
                            timeout=CALL_TIMEOUT,
                            allow_redirects=False)
    assert redirect.status_code == 301
    assert redirect.headers["Location"].startswith("https://")
    # Metrics are read on each instance's own port, never through the public URL.
    assert s.get(f"{topo.public}/metrics", timeout=CALL_TIMEOUT).status_code == 404
    assert requests.get(f"{topo.instances[0].url}/metrics", timeout=CALL_TIMEOUT).ok

    # The JWT aud is the public https URL of the endpoint.
    discovery = f"{topo.public}/cds-services"
    assert s.get(discovery, timeout=CALL_TIMEOUT).status_code == 401
    assert s.get(discovery, headers=topo.auth(discovery), timeout=CALL_TIMEOUT).status_code == 200
    resp = _hook_call(topo, s)
    assert resp.status_code == 200
    assert len(resp.json()["cards"]) == 1
    inner = f"{topo.instances[0].url}/cds-services/{SELECT_ID}"
    assert _hook_call(topo, s, aud=inner).status_code == 401

    # A jti used on one instance is refused on the other: the replay store is shared.
    service_url = f"{topo.public}/cds-services/{SELECT_ID}"
    token = topo.token(service_url)
    a, b = topo.instances
    assert _hook_call(topo, requests.Session(), base=a.url, token=token).status_code == 200
    assert _hook_call(topo, requests.Session(), base=b.url, token=token).status_code == 401
    assert _hook_call(topo, s, token=token).status_code == 401

    # The same through nginx: round robin sends the replay to the other instance.
    token = topo.token(service_url)
    first = _hook_call(topo, s, token=token)
    second = _hook_call(topo, s, token=token)
    assert (first.status_code, second.status_code) == (200, 401)
    posts = [line for line in topo.nginx.access() if line[0] == "POST"][-2:]
    assert posts[0][3] != posts[1][3], f"both calls went to one instance: {posts}"


@dataclass
class Outcome:
    kind: str
    status: str
    started: float
    ended: float


def test_killing_one_instance_mid_load_loses_no_acknowledged_feedback(topology: Topology):
    topo = topology
    service_url = f"{topo.public}/cds-services/{SELECT_ID}"
    feedback_url = f"{service_url}/feedback"
    outcomes: list[Outcome] = []
    acknowledged: set[str] = set()
    lock = threading.Lock()
    rounds_done = threading.Event()
    rounds = Counter[str]()
    kill_end = [math.inf]  # set once the killed instance's processes have all exited
    enough_after = threading.Event()  # enough calls started after the kill were answered

    def record(kind: str, status: str, started: float) -> None:
        with lock:
            outcomes.append(Outcome(kind, status, started, time.monotonic()))
            if sum(o.kind == "hook" and o.started > kill_end[0]
                   for o in outcomes) >= AFTER_KILL_CALLS:
                enough_after.set()

    def load() -> None:
        s = topo.session()
        for i in range(MAX_ROUNDS_PER_THREAD):
            if i >= ROUNDS_PER_THREAD and enough_after.is_set():
                break
            started = time.monotonic()
            try:
                resp = _hook_call(topo, s)
                status = str(resp.status_code)
                cards = resp.json()["cards"] if resp.status_code == 200 else []
            except requests.RequestException as exc:
                status, cards = type(exc).__name__, []
                s = topo.session()
            record("hook", status, started)
            if cards:
                card = cards[0]
                suggestion = card["suggestions"][0]["uuid"]
                body = {"feedback": [{
                    "card": card["uuid"], "outcome": "accepted",
                    "acceptedSuggestions": [{"id": suggestion}],
                    "outcomeTimestamp": dt.datetime.now(dt.UTC).isoformat(),
                }]}
                started = time.monotonic()
                try:
                    resp = s.post(feedback_url, json=body, headers=topo.auth(feedback_url),
                                  timeout=CALL_TIMEOUT)
                    status = str(resp.status_code)
                    if resp.status_code == 200:
                        with lock:
                            acknowledged.add(card["uuid"])
                except requests.RequestException as exc:
                    status = type(exc).__name__
                    s = topo.session()
                record("feedback", status, started)
            with lock:
                rounds["done"] += 1
                if rounds["done"] >= KILL_AFTER_ROUNDS:
                    rounds_done.set()

    threads = [threading.Thread(target=load, daemon=True) for _ in range(THREADS)]
    for t in threads:
        t.start()
    assert rounds_done.wait(BOUND), "the load did not get going"
    killed, survivor = topo.instances
    kill_start = time.monotonic()
    killed.kill()
    # A request nginx passed on while the processes were dying may still fail: the kill
    # window ends once every one of them has exited.
    with lock:
        kill_end[0] = time.monotonic()
    for t in threads:
        t.join(BOUND)
    assert not any(t.is_alive() for t in threads), "load threads did not finish"
    kill_end_at = kill_end[0]

    # Once fail_timeout (10 s) has passed nginx tries the dead instance again: the connection
    # is refused and the call is passed to the other instance within the same request. Calls
    # go on until the access log shows it.
    load_lines = len(topo.nginx.access())
    s = topo.session()
    late: list[int | str] = []

    def retried_there() -> bool:
        try:
            late.append(_hook_call(topo, s).status_code)
        except requests.RequestException as exc:
            late.append(type(exc).__name__)
        return any(line[3].split(", ") == [killed_addr, survivor_addr]
                   for line in topo.nginx.access()[load_lines:])

    killed_addr = f"127.0.0.1:{killed.port}"
    survivor_addr = f"127.0.0.1:{survivor.port}"
    _wait_until(retried_there, BOUND, "a call passed from the refused instance to the other",
                lambda: "\n".join(map(str, topo.nginx.access()[load_lines:])))

    engine = sa.create_engine(topo.database_url)
    try:
        with engine.connect() as conn:
            stored = {r[0] for r in conn.execute(sa.text("SELECT card_uuid FROM cds_feedback"))}
    finally:
        engine.dispose()

    before = [o for o in outcomes if o.ended < kill_start]
    during = [o for o in outcomes if o.started <= kill_end_at and o.ended >= kill_start]
    after = [o for o in outcomes if o.started > kill_end_at]
    failed = [o for o in outcomes if o.status != "200"]
    access = topo.nginx.access()
    upstreams = Counter(line[3] for line in access if line[0] == "POST")
    failed_over = sum(1 for line in access if "," in line[3])
    figures = (
        f"calls {len(outcomes)} (hook {sum(o.kind == 'hook' for o in outcomes)}, feedback "
        f"{sum(o.kind == 'feedback' for o in outcomes)}); before the kill {len(before)}, in "
        f"flight in the kill window {len(during)}, after {len(after)}; failed "
        f"{Counter(o.status for o in failed)}; retried on the other instance by nginx "
        f"{failed_over}; {len(late)} calls after the load until nginx retried the dead instance "
        f"{dict(Counter(late))}; POSTs per upstream "
        f"{dict(upstreams)}; feedback acknowledged "
        f"{len(acknowledged)}, stored {len(stored)}, acknowledged but missing "
        f"{len(acknowledged - stored)}"
    )
    print("\ntopology under a kill:", figures)

    assert len(outcomes) >= THREADS * ROUNDS_PER_THREAD
    assert before and after, figures
    assert any(killed_addr in line[3] for line in access), "the killed instance took no calls"
    # Only calls that were in flight on the killed instance may fail: a bad gateway, or, when
    # the instance died while sending its answer, an answer cut short (nginx had passed on its
    # status line and headers already; requests reports the short body so).
    assert all(o.status in ("502", "ChunkedEncodingError") and o.started <= kill_end_at
               for o in failed), figures
    assert len(failed) <= THREADS, figures
    # Everything started after the kill was answered, by the survivor.
    assert all(o.status == "200" for o in after), figures
    assert survivor_addr in "".join(line[3] for line in access[-10:]), figures
    assert late == [200] * len(late), figures
    # No acknowledged feedback is lost (a feedback row may exist whose 200 never arrived).
    assert acknowledged, figures
    assert acknowledged <= stored, figures


ROLLBACK = ("from alembic import command; from cds_service.storage.database import alembic_config;"
            " command.downgrade(alembic_config(), \\\"{revision}\\\")")


def test_documented_migrate_and_rollback_commands():
    """deploy/README.md: ``cds-service init-db`` migrates; the rollback statement downgrades
    (here to the empty database) and a second ``init-db`` brings it back to head."""
    if reason := postgres_available():
        pytest.skip(reason)
    readme = (ROOT / "deploy" / "README.md").read_text()
    documented = ROLLBACK.format(revision="0001")
    assert documented in readme, "deploy/README.md no longer has the tested rollback command"
    statement = ROLLBACK.format(revision="base").replace('\\"', '"')
    with postgres_schema() as database_url:
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("CDS_")},
               "DATABASE_URL": database_url}
        engine = sa.create_engine(database_url)
        try:
            def tables() -> set[str]:
                with engine.connect() as conn:
                    return set(sa.inspect(conn).get_table_names())

            def run(*args: str) -> str:
                done = subprocess.run(args, env=env, capture_output=True, text=True,
                                      timeout=120, cwd=ROOT)
                assert done.returncode == 0, done.stderr[-2000:]
                return done.stdout

            assert f"at revision {head_revision()}" in run(str(CLI), "init-db")
            assert {"cds_feedback", "cds_jti", "cds_issued_card"} <= tables()
            run(sys.executable, "-c", statement)
            assert not tables() - {"cds_alembic_version"}
            assert f"at revision {head_revision()}" in run(str(CLI), "init-db")
            assert "cds_feedback" in tables()
        finally:
            engine.dispose()


def test_systemd_unit_verifies(tmp_path: Path):
    """deploy/systemd/cds-service@.service parses without a warning (``systemd-analyze
    verify``), with its release paths pointed at this checkout."""
    analyze = Path("/usr/bin/systemd-analyze")
    if not analyze.exists():
        pytest.skip("systemd-analyze is not installed (Debian package systemd)")
    unit = (ROOT / "deploy" / "systemd" / "cds-service@.service").read_text()
    release = "/opt/cds-service/current"
    assert f"ExecStart={release}/.venv/bin/cds-service serve" in unit
    (tmp_path / "cds-service@.service").write_text(
        unit.replace(f"{release}/.venv/bin/cds-service", str(CLI)).replace(release, str(ROOT)))
    done = subprocess.run([str(analyze), "verify", "--man=no", "./cds-service@8081.service"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "cds-service@" not in done.stdout + done.stderr, done.stdout + done.stderr
