"""Which FHIR servers a call may send its ``fhirAuthorization`` token to, and connect where
(README, *Trust and memory*: an unchecked ``fhirServer`` is a request-forgery tool and a
tenant leak). ``fhirServer`` must equal a listed base URL (per issuer, per tenant, or
``CDS_FHIR_SERVERS`` without authentication), else no request and no token; a listed URL is
https, or http on loopback; a listed name may resolve only to public addresses or into
``CDS_FHIR_PRIVATE_NETWORKS`` (``localhost`` to loopback), checked by the transport on the
address it connects to.
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from cds_service.errors import ConfigError
from cds_service.fhir.transport import AddressCheck, IpAddress
from cds_service.hooks.request import HookRequest

log = logging.getLogger(__name__)

IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_DEFAULT_PORTS = {"http": 80, "https": 443}
NOT_LISTED = "fhirServer is not on this service's list of FHIR servers for the caller"


def normalize(url: str) -> str | None:
    """The comparable form of a FHIR base URL, or None when it cannot be one.

    ``scheme://host[:port]/path`` with scheme and host lower-cased, a default port dropped and
    trailing slashes removed. User info, a query or a fragment make it None (never a base).
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname
    if scheme not in _DEFAULT_PORTS or not host or parts.username is not None \
            or parts.password is not None or parts.query or parts.fragment or "@" in parts.netloc:
        return None
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or port == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    return f"{scheme}://{netloc}{parts.path.rstrip('/')}"


def _literal(host: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class FhirServer:
    """One listed FHIR base URL and where a connection to it may go."""

    url: str  # normalized
    host: str
    literal: IpAddress | None  # the host is an IP address written out

    @property
    def loopback(self) -> bool:
        return self.host == "localhost" or (self.literal is not None and self.literal.is_loopback)


def parse_server(url: Any, where: str) -> FhirServer:
    """Check one configured URL; ValueError naming ``where`` when it is not acceptable."""
    if not isinstance(url, str) or not url.strip():
        raise ConfigError(f"{where}: a FHIR server must be a URL string")
    normal = normalize(url)
    if normal is None:
        raise ConfigError(f"{where}: {url!r} is not a FHIR base URL "
                         "(http(s)://host[:port]/path, no user, query or fragment)")
    parts = urlsplit(normal)
    host = (parts.hostname or "").lower()
    server = FhirServer(url=normal, host=host, literal=_literal(host))
    if parts.scheme == "http" and not server.loopback:
        raise ConfigError(f"{where}: {url!r} must use https (http only on a loopback host)")
    if server.literal is not None and (server.literal.is_unspecified
                                       or server.literal.is_multicast):
        raise ConfigError(f"{where}: {url!r} is not an address a FHIR server can have")
    return server


def parse_servers(raw: Any, where: str) -> tuple[FhirServer, ...]:
    if not isinstance(raw, list):
        raise ConfigError(f"{where} must be a list of FHIR base URLs")
    return tuple(parse_server(url, f"{where}[{i}]") for i, url in enumerate(raw))


@dataclass(frozen=True, slots=True)
class IssuerServers:
    """The ``fhir_servers`` of one trusted issuer: for every tenant, or per tenant."""

    any_tenant: tuple[FhirServer, ...] = ()
    by_tenant: Mapping[str, tuple[FhirServer, ...]] = field(default_factory=dict)

    def for_tenant(self, tenant: str | None) -> tuple[FhirServer, ...]:
        if self.by_tenant:
            return self.by_tenant.get(tenant, ()) if tenant is not None else ()
        return self.any_tenant


def parse_issuer_servers(issuer: str, raw: Any,
                         tenants: frozenset[str] | None) -> IssuerServers:
    """``fhir_servers`` of an issuer entry in ``CDS_TRUSTED_ISSUERS``.

    For an issuer that lists ``tenants`` it must map each tenant to its own URLs: one shared
    list would let a token of one tenant go to another tenant's server.
    """
    where = f"CDS_TRUSTED_ISSUERS[{issuer!r}].fhir_servers"
    if raw is None:
        return IssuerServers()
    if isinstance(raw, dict):
        unknown = set(raw) - (tenants or set())
        if tenants is None or unknown:
            raise ConfigError(f"{where}: keys must be tenants listed in 'tenants' "
                             f"(unknown: {sorted(unknown)})")
        return IssuerServers(by_tenant={t: parse_servers(urls, f"{where}[{t!r}]")
                                        for t, urls in raw.items()})
    if tenants is not None:
        raise ConfigError(f"{where}: this issuer lists tenants, so give each tenant its own "
                         'servers: {"tenant": ["https://…"]}')
    return IssuerServers(any_tenant=parse_servers(raw, where))


def parse_env_servers(raw: str) -> tuple[FhirServer, ...]:
    """``CDS_FHIR_SERVERS``: a JSON list, or URLs separated by commas or spaces."""
    text = (raw or "").strip()
    if not text:
        return ()
    if text.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise ConfigError(f"CDS_FHIR_SERVERS is not valid JSON: {err.msg}") from None
        return parse_servers(data, "CDS_FHIR_SERVERS")
    urls = [u for u in text.replace(",", " ").split() if u]
    return parse_servers(urls, "CDS_FHIR_SERVERS")


def parse_networks(raw: str) -> tuple[IpNetwork, ...]:
    """``CDS_FHIR_PRIVATE_NETWORKS``: CIDR networks, separated by commas or spaces."""
    out: list[IpNetwork] = []
    for item in (raw or "").replace(",", " ").split():
        try:
            out.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ConfigError(f"CDS_FHIR_PRIVATE_NETWORKS: {item!r} is not a network") from None
    return tuple(out)


def address_check(server: FhirServer, networks: Iterable[IpNetwork] = ()) -> AddressCheck:
    """Which resolved addresses a connection to ``server`` may use."""
    nets = tuple(networks)

    def check(address: IpAddress) -> bool:
        if address.is_unspecified or address.is_multicast:
            return False
        if server.literal is not None:
            return address == server.literal
        if server.host == "localhost":
            return address.is_loopback
        if any(address.version == net.version and address in net for net in nets):
            return True
        return address.is_global

    return check


@dataclass(frozen=True, slots=True)
class FhirAccess:
    """The service's FHIR server lists, from settings and ``CDS_TRUSTED_ISSUERS``."""

    unauthenticated: tuple[FhirServer, ...] = ()
    issuers: Mapping[str, IssuerServers] = field(default_factory=dict)
    networks: tuple[IpNetwork, ...] = ()

    def allowed(self, client: Any) -> tuple[FhirServer, ...]:
        """The servers for this caller: its issuer's (tenant's) list, or the unauthenticated
        list when the call carries no verified client."""
        if client is None:
            return self.unauthenticated
        servers = self.issuers.get(client.issuer)
        return servers.for_tenant(client.tenant) if servers is not None else ()

    def match(self, fhir_server: str, client: Any) -> FhirServer | None:
        normal = normalize(fhir_server)
        if normal is None:
            return None
        for server in self.allowed(client):
            if server.url == normal:
                return server
        return None

    def vet(self, hook_request: HookRequest,
            client: Any) -> tuple[HookRequest, AddressCheck | None, str | None]:
        """The request to fetch for, the address check, and why fetching is off (or None).

        Without a match, ``fhirServer`` and the token are taken out of the request: nothing is
        requested from that server and no token goes there.
        """
        if not hook_request.fhir_server:
            return hook_request, None, None
        server = self.match(hook_request.fhir_server, client)
        if server is None:
            log.warning("fhirServer not on the list for this caller; not contacted",
                        extra={"issuer": getattr(client, "issuer", None),
                               "tenant": getattr(client, "tenant", None)})
            return replace(hook_request, fhir_server=None, access_token=None), None, NOT_LISTED
        return hook_request, address_check(server, self.networks), None


def build_access(settings: Any, issuers: Mapping[str, Any]) -> FhirAccess:
    """From ``CDS_FHIR_SERVERS``, ``CDS_FHIR_PRIVATE_NETWORKS`` and the trusted issuers."""
    return FhirAccess(
        unauthenticated=parse_env_servers(settings.fhir_servers),
        issuers={name: issuer.fhir_servers for name, issuer in issuers.items()},
        networks=parse_networks(settings.fhir_private_networks),
    )
