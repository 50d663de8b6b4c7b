"""The ``fhirServer`` allow-list (issue 12 §4), against real FHIR servers and a real JWKS
endpoint on loopback: a server that is not listed for the caller (its issuer, its tenant, or
the unauthenticated list) gets no request and no token; other spellings of a listed place are
not equal to it; addresses are checked once and the checked address is the one connected to."""

from __future__ import annotations

import ipaddress
import json
import socket
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

from cds_service import create_app
from cds_service.errors import FhirFetchError
from cds_service.fhir import allowlist, transport
from cds_service.fhir.context import FetchLimits, FhirClient
from tests.conftest import SELECT_ID, hook_body, listing_app, record_on
from tests.support.cds_auth import ISSUER, JwksServer, TokenFactory, close_app, ec_key
from tests.support.fhir_server import FhirTestServer

BUNDLE = "positive-biopsy-thigh-mass.json"
TOKEN = "ehr-access-token"


def _body(url: str, *, prefetch: bool = False) -> dict[str, Any]:
    body = hook_body(BUNDLE)
    if not prefetch:
        body.pop("prefetch", None)
    body["fhirServer"] = url
    body["fhirAuthorization"] = {"access_token": TOKEN, "token_type": "Bearer"}
    return body


def _post(app, body: dict[str, Any], headers: dict[str, str] | None = None):
    return app.test_client().post(f"/cds-services/{SELECT_ID}", json=body,
                                  headers=headers or {})


# -- the rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(("given", "normal"), [
    ("https://EHR.example.org/fhir/", "https://ehr.example.org/fhir"),
    ("https://ehr.example.org:443/fhir", "https://ehr.example.org/fhir"),
    ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
    ("http://[::1]:8080/r4//", "http://[::1]:8080/r4"),
    ("https://ehr.example.org/fhir?x=1", None),
    ("https://user@ehr.example.org/fhir", None),
    ("ftp://ehr.example.org/fhir", None),
])
def test_normal_form(given: str, normal: str | None) -> None:
    assert allowlist.normalize(given) == normal


@pytest.mark.parametrize("url", ["http://ehr.example.org/fhir", "http://10.0.0.5/fhir",
                                 "https://0.0.0.0/fhir", "https://ehr.example.org/?q=1",
                                 "not a url"])
def test_unacceptable_listed_urls_stop_start_up(app_config, url: str) -> None:
    with pytest.raises(ValueError, match="CDS_FHIR_SERVERS"):
        create_app({**app_config, "fhir_servers": json.dumps([url])})


def test_tenant_scoped_issuer_needs_servers_per_tenant(app_config) -> None:
    entry = {"jwks_url": "https://ehr.example.org/jwks", "tenants": ["a", "b"],
             "fhir_servers": ["https://a.example.org/fhir"]}
    with pytest.raises(ValueError, match="tenant"):
        create_app({**app_config, "trusted_issuers": json.dumps({ISSUER: entry})})
    entry["fhir_servers"] = {"c": ["https://c.example.org/fhir"]}
    with pytest.raises(ValueError, match="unknown"):
        create_app({**app_config, "trusted_issuers": json.dumps({ISSUER: entry})})


def _ip(text: str) -> Any:
    return ipaddress.ip_address(text)


def test_address_rules() -> None:
    named = allowlist.parse_server("https://fhir.hospital.example/r4", "test")
    check = allowlist.address_check(named)
    assert check(_ip("93.184.216.34"))
    for private in ("127.0.0.1", "10.1.2.3", "192.168.0.9", "169.254.169.254", "::1",
                    "fe80::1", "fc00::5", "0.0.0.0", "224.0.0.1"):
        assert not check(_ip(private)), private
    site = allowlist.address_check(named, allowlist.parse_networks("10.20.0.0/16"))
    assert site(_ip("10.20.3.4")) and not site(_ip("10.21.0.1"))
    literal = allowlist.address_check(allowlist.parse_server("http://127.0.0.1:9/", "test"))
    assert literal(_ip("127.0.0.1")) and not literal(_ip("127.0.0.2"))
    local = allowlist.address_check(allowlist.parse_server("http://localhost:9", "test"))
    assert local(_ip("127.0.0.1")) and local(_ip("::1")) and not local(_ip("10.0.0.1"))
    # An IPv4-mapped IPv6 address is judged as the IPv4 address it is.
    assert transport._address("::ffff:127.0.0.1") == _ip("127.0.0.1")


# -- unauthenticated mode: CDS_FHIR_SERVERS -----------------------------------------------


def test_listed_server_is_fetched_trailing_slash_aside(app_config) -> None:
    with FhirTestServer() as fhir:
        record_on(fhir)
        app = listing_app(app_config, fhir.url + "/")
        resp = _post(app, _body(fhir.url))
        assert resp.status_code == 200 and len(resp.get_json()["cards"]) == 1
        resp = _post(listing_app(app_config, fhir.url), _body(fhir.url + "/"))
        assert resp.status_code == 200
        assert fhir.state.seen
        assert all(s.authorization == f"Bearer {TOKEN}" for s in fhir.state.seen)


def test_unlisted_server_gets_nothing_412_when_data_must_be_fetched(app_config) -> None:
    with FhirTestServer() as listed, FhirTestServer() as other:
        record_on(listed)
        record_on(other)
        app = listing_app(app_config, listed.url)
        resp = _post(app, _body(other.url))
        assert resp.status_code == 412
        issue = resp.get_json()["issue"][0]
        assert issue["details"]["coding"][0]["code"] == "CDS-412-fhirServer"
        assert other.state.seen == [] and listed.state.seen == []


def test_unlisted_server_answered_from_prefetch(app_config) -> None:
    with FhirTestServer() as fhir:
        record_on(fhir)
        app = create_app(app_config)  # no list: nothing is ever fetched
        resp = _post(app, _body(fhir.url, prefetch=True))
        assert resp.status_code == 200 and len(resp.get_json()["cards"]) == 1
        card = resp.get_json()["cards"][0]
        assert fhir.url not in json.dumps(card), "links point at an unvetted server"
        assert fhir.state.seen == []


def test_other_spellings_of_a_listed_place_are_not_it(app_config) -> None:
    with FhirTestServer() as fhir:
        record_on(fhir)
        port = fhir.url.rsplit(":", 1)[1]
        app = listing_app(app_config, fhir.url)
        for spelled in (f"http://[::ffff:127.0.0.1]:{port}", f"http://2130706433:{port}",
                        f"http://0x7f000001:{port}", f"http://localhost:{port}",
                        f"http://127.0.0.1:{port}/elsewhere", f"http://127.1:{port}"):
            resp = _post(app, _body(spelled))
            assert resp.status_code in (400, 412), spelled
        assert fhir.state.seen == []


# -- authenticated: per issuer and per tenant ---------------------------------------------


@pytest.fixture
def tenants_app(tmp_path: Path):
    key = ec_key()
    jwks = JwksServer([key])
    with FhirTestServer() as server_a, FhirTestServer() as server_b:
        record_on(server_a)
        record_on(server_b)
        issuers = {ISSUER: {"jwks_url": jwks.url, "tenants": ["a", "b"],
                            "fhir_servers": {"a": [server_a.url], "b": [server_b.url]}}}
        app = create_app({"database_url": f"sqlite:///{tmp_path / 'cds.db'}",
                          "trusted_issuers": json.dumps(issuers),
                          "public_base_url": "http://cds.test",
                          "patient_hash_key": "test-patient-hash-key"})
        mint = TokenFactory(key, jwks.url)
        aud = f"http://cds.test/cds-services/{SELECT_ID}"

        def bearer(tenant: str) -> dict[str, str]:
            return {"Authorization": "Bearer " + mint(aud, claims={"tenant": tenant})}

        try:
            yield app, bearer, server_a, server_b
        finally:
            close_app(app)
            jwks.stop()


def test_a_tenants_token_never_goes_to_another_tenants_server(tenants_app) -> None:
    app, bearer, server_a, server_b = tenants_app
    resp = _post(app, _body(server_b.url), bearer("a"))
    assert resp.status_code == 412
    assert server_b.state.seen == [], "tenant a's token was sent to tenant b's server"
    resp = _post(app, _body(server_b.url, prefetch=True), bearer("a"))
    assert resp.status_code == 200 and server_b.state.seen == []
    resp = _post(app, _body(server_a.url), bearer("a"))
    assert resp.status_code == 200 and len(resp.get_json()["cards"]) == 1
    assert server_a.state.seen
    assert all(s.authorization == f"Bearer {TOKEN}" for s in server_a.state.seen)
    resp = _post(app, _body(server_b.url), bearer("b"))
    assert resp.status_code == 200 and server_b.state.seen


def test_issuer_without_fhir_servers_fetches_nothing(tmp_path: Path) -> None:
    key = ec_key()
    jwks = JwksServer([key])
    with FhirTestServer() as fhir:
        record_on(fhir)
        app = create_app({"database_url": f"sqlite:///{tmp_path / 'cds.db'}",
                          "trusted_issuers": json.dumps({ISSUER: jwks.url}),
                          "public_base_url": "http://cds.test",
                          "patient_hash_key": "test-patient-hash-key",
                          "fhir_servers": fhir.url})  # the unauthenticated list: not for JWTs
        try:
            token = TokenFactory(key, jwks.url)(f"http://cds.test/cds-services/{SELECT_ID}")
            resp = _post(app, _body(fhir.url), {"Authorization": f"Bearer {token}"})
            assert resp.status_code == 412
            assert fhir.state.seen == []
        finally:
            close_app(app)
            jwks.stop()


# -- resolve once, connect to the checked address -----------------------------------------


def test_a_name_resolving_to_loopback_is_never_connected(monkeypatch) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.setblocking(False)  # a connection made would be waiting here already
    lookups: list[str] = []

    def fake_getaddrinfo(host: str, *args: Any, **kwargs: Any) -> list[Any]:
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(transport.socket, "getaddrinfo", fake_getaddrinfo)
    server = allowlist.parse_server(f"https://fhir.rebind.example:{port}/r4", "test")
    client = FhirClient(server.url, TOKEN, FetchLimits(total_timeout=60.0),
                        address_check=allowlist.address_check(server))
    with pytest.raises(FhirFetchError, match="connection failed"):
        client.get_json(f"{server.url}/Patient/x")
    assert lookups == ["fhir.rebind.example"]
    with pytest.raises(BlockingIOError):
        listener.accept()  # nothing ever connected
    listener.close()


def test_the_checked_address_is_the_one_connected_to(monkeypatch) -> None:
    """One lookup: a second answer (DNS rebinding) is never asked for, let alone used; the
    request still names the server as its URL does."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    accepted: list[tuple[str, bytes]] = []

    def accept() -> None:
        conn, peer = listener.accept()
        with conn:
            conn.settimeout(60)  # ends a failing test only
            accepted.append((peer[0], conn.recv(4096)))

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    name = f"n{uuid.uuid4().hex[:6]}.example"
    answers = iter([[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))],
                    [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.9.9.9", port))]])
    real = socket.getaddrinfo
    monkeypatch.setattr(transport.socket, "getaddrinfo", lambda host, *a, **k: (
        next(answers) if host == name else real(host, *a, **k)))  # an address is no lookup
    check_calls: list[str] = []

    def check(address: Any) -> bool:
        check_calls.append(str(address))
        return address == ipaddress.ip_address("127.0.0.1")

    with (pytest.raises(requests.ConnectionError),  # the listener closes without answering
          transport.fetch_scope(time.monotonic() + 60, check)):
        transport.new_session().get(f"http://{name}:{port}/Patient/x", timeout=(60, 60))
    thread.join(60)
    listener.close()
    assert check_calls == ["127.0.0.1"] and [peer for peer, _ in accepted] == ["127.0.0.1"]
    assert f"Host: {name}:{port}".encode() in accepted[0][1]


def _tls_server(directory: Path, cert_name: str, sni: list[str]) -> Any:
    """An HTTPS server on 127.0.0.1 whose certificate (its own CA) names ``cert_name``;
    records the SNI each client sends."""
    import datetime as dt
    import http.server
    import ssl

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cert_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(cert_name)]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    (directory / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (directory / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(directory / "cert.pem", directory / "key.pem")
    context.sni_callback = lambda sock, name, ctx: sni.append(name)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = json.dumps({"resourceType": "Patient", "id": "x",
                               "host": self.headers["Host"]}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


@pytest.mark.parametrize("cert_name", ["fhir.pinned.example", "other.example"])
def test_tls_to_the_pinned_address_checks_the_servers_name(monkeypatch, tmp_path, cert_name):
    """Connected to the checked address, TLS still speaks to and checks the name: SNI is the
    name, and a certificate for another name is refused."""
    name = "fhir.pinned.example"
    sni: list[str] = []
    server = _tls_server(tmp_path, cert_name, sni)
    port = server.server_address[1]
    real = socket.getaddrinfo
    monkeypatch.setattr(transport.socket, "getaddrinfo", lambda host, *a, **k: (
        [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))] if host == name
        else real(host, *a, **k)))
    try:
        with transport.fetch_scope(time.monotonic() + 5):
            session = transport.new_session()
            url = f"https://{name}:{port}/Patient/x"
            if cert_name == name:
                got = session.get(url, timeout=(2, 2), verify=str(tmp_path / "cert.pem"))
                assert got.json()["host"] == f"{name}:{port}"
            else:
                with pytest.raises(requests.exceptions.SSLError, match="match|mismatch"):
                    session.get(url, timeout=(2, 2), verify=str(tmp_path / "cert.pem"))
    finally:
        server.shutdown()
        server.server_close()
    assert sni and set(sni) == {name}
