"""The JWKS refresh (issue 19 §3): a dripping JWKS endpoint holds a request at most the refresh
deadline, and the per-issuer refetch interval holds across workers and restarts (SQLite and
a real PostgreSQL), a key one worker fetched verifying on the others without a fetch."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from cds_service.web.auth import JWKS_DEADLINE
from tests.support.cds_auth import (
    ISSUER,
    JwksServer,
    TokenFactory,
    b64url,
    close_app,
    ec_key,
    make_app,
    trusted,
)
from tests.test_hostile_inputs import auth_reason

DISCOVERY = "http://localhost/cds-services"


class DrippingServer:
    """A JWKS endpoint on loopback that answers one byte every ``every`` seconds: from the
    status line on (``headers``) or after complete headers (``body``). ``hung_up`` is set when
    the client closes the connection, ``finished`` when the whole answer was sent."""

    def __init__(self, where: str, length: int = 60, every: float = 0.5) -> None:
        self.where, self.length, self.every = where, length, every
        self.hung_up, self.finished = threading.Event(), threading.Event()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}/jwks.json"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        conn, _ = self._sock.accept()
        with conn:
            conn.recv(65536)
            body = b" " * self.length
            head = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    b"Content-Length: %d\r\n\r\n" % len(body))
            if self.where == "body":
                conn.sendall(head)
            drip = (head if self.where == "headers" else b"") + body
            for i in range(len(drip)):
                try:
                    conn.sendall(drip[i:i + 1])
                except OSError:
                    self.hung_up.set()
                    return
                if self.hung_up.wait(self.every) or _closed(conn):
                    self.hung_up.set()
                    return
            self.finished.set()

    def stop(self) -> None:
        self.hung_up.set()
        self._sock.close()


def _closed(conn: socket.socket) -> bool:
    """True once the peer closed its end (a read would return nothing)."""
    conn.setblocking(False)
    try:
        return conn.recv(1, socket.MSG_PEEK) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        conn.setblocking(True)


def junk_token(kid: str = "no-such-kid") -> str:
    """An unsigned token naming a trusted issuer and a kid its JWKS does not hold."""
    now = int(time.time())
    header = {"alg": "ES384", "typ": "JWT", "kid": kid}
    payload = {"iss": ISSUER, "aud": DISCOVERY, "iat": now, "exp": now + 60, "jti": kid}
    return ".".join(b64url(json.dumps(p).encode()) for p in (header, payload)) + "." + b64url(
        b"\x01" * 96)


@pytest.mark.parametrize("where", ["headers", "body"])
def test_a_dripping_jwks_endpoint_holds_a_request_at_most_the_deadline(
        tmp_path: Any, where: str) -> None:
    drip = DrippingServer(where)  # 60 bytes, one every 0.5 s: 30 s to send it all
    app = make_app({"database_url": f"sqlite:///{tmp_path / 'cds.db'}",
                    "trusted_issuers": trusted(drip.url)})
    try:
        started = time.perf_counter()
        resp = app.test_client().get(
            "/cds-services", headers={"Authorization": f"Bearer {junk_token()}"})
        held = time.perf_counter() - started
        assert auth_reason(resp) == "unknown-kid"
        # the service hung up on the endpoint, and answered, before it had dripped its answer
        assert drip.hung_up.wait(JWKS_DEADLINE * 10)
        assert not drip.finished.is_set()
        print(f"\nworker held {held:.2f} s by a JWKS endpoint dripping its {where}")
    finally:
        drip.stop()
        close_app(app)


@pytest.fixture
def jwks() -> Iterator[tuple[JwksServer, TokenFactory]]:
    key = ec_key()
    server = JwksServer([key])
    yield server, TokenFactory(key, server.url)
    server.stop()


def test_the_refetch_interval_holds_across_workers_and_restarts(
        db_url: str, jwks: tuple[JwksServer, TokenFactory]) -> None:
    server, tokens = jwks
    config = {"database_url": db_url, "trusted_issuers": trusted(server.url)}
    worker, other = make_app(config), make_app(config)  # two workers of one instance
    apps: list[Flask] = [worker, other]
    try:
        def get(app: Flask, token: str) -> Any:
            return app.test_client().get("/cds-services",
                                         headers={"Authorization": f"Bearer {token}"})

        assert get(worker, tokens(DISCOVERY)).status_code == 200
        assert server.hits == 1
        # the other worker verifies with the keys the first one fetched: no fetch of its own
        assert get(other, tokens(DISCOVERY)).status_code == 200
        assert server.hits == 1
        for n, app in enumerate([other, worker, other]):  # unknown kids within the interval
            assert auth_reason(get(app, junk_token(f"junk-{n}"))) == "unknown-kid"
        assert server.hits == 1
        restarted = make_app(config)  # a new worker, or the service restarted
        apps.append(restarted)
        assert auth_reason(get(restarted, junk_token("junk-after-restart"))) == "unknown-kid"
        assert get(restarted, tokens(DISCOVERY)).status_code == 200
        assert server.hits == 1
    finally:
        for app in apps:
            close_app(app)


def test_a_worker_waits_for_the_fetch_another_worker_is_making(
        tmp_path: Any, jwks: tuple[JwksServer, TokenFactory]) -> None:
    """Two workers get their first tokens at once while the JWKS answers slowly: one fetches,
    the other waits for its keys (it used to refuse the token: unknown-kid)."""
    server, tokens = jwks
    answered = threading.Event()

    class Slow(DrippingServer):  # answers its one connection the whole JWKS after 0.5 s
        def _serve(self) -> None:
            conn, _ = self._sock.accept()
            with conn:
                conn.recv(65536)
                time.sleep(0.5)
                body = json.dumps({"keys": server.keys}).encode()
                answered.set()  # before the bytes go: a client that has them sees it set
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: %d\r\n\r\n" % len(body) + body)

    slow = Slow("body")
    tokens = TokenFactory(tokens.key, slow.url)  # the jku the issuer accepts
    config = {"database_url": f"sqlite:///{tmp_path / 'cds.db'}",
              "trusted_issuers": trusted(slow.url)}
    apps = [make_app(config), make_app(config)]
    try:
        statuses: list[int] = []
        threads = [threading.Thread(target=lambda a=app: statuses.append(a.test_client().get(
            "/cds-services", headers={"Authorization": f"Bearer {tokens(DISCOVERY)}"}
        ).status_code)) for app in apps]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert statuses == [200, 200] and answered.is_set()
    finally:
        slow.stop()
        for app in apps:
            close_app(app)
