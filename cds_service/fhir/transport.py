"""The HTTP transport of FHIR fetches: a deadline no server can stretch, and pinned addresses
(README, *Trust and memory*). Only public seams: ``HTTPAdapter.send`` and
``get_connection_with_tls_context`` (requests' subclassing points), urllib3's pool parameters
(``server_hostname``, ``ssl_context``, ``ConnectionCls``) and its connections' ``connect`` and
``request``, and ``SSLContext.sslsocket_class``.

* Pinned address: ``Resolver`` looks the host up once within the deadline; the adapter sends
  to the pool of an address the scope's ``address_check`` allows (``server_hostname`` keeps TLS
  on the name), the next allowed one when a connect fails.
* Deadline: every socket (new, reused, in its TLS handshake) is registered with the one
  ``Watchdog`` thread, which shuts it down at the scope's deadline.
* One session per process: no cookies, no redirects, ``trust_env`` off (``CDS_FHIR_TRUST_ENV``
  allows proxies only; ``.netrc`` is never read).
"""

from __future__ import annotations

import functools
import heapq
import ipaddress
import itertools
import os
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from requests.utils import select_proxy
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError
from urllib3.util import create_urllib3_context

from cds_service.errors import AddressRefused

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressCheck = Callable[[IpAddress], bool]
POOL_MAXSIZE = 32  # keep-alive connections kept per FHIR server and process


# -- the watchdog ----------------------------------------------------------------------


@dataclass(eq=False)
class _Watch:
    deadline: float
    fired: bool = False
    cancelled: bool = False
    sockets: list[socket.socket] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def attach(self, sock: socket.socket) -> None:
        with self.lock:
            if not self.fired:
                self.sockets.append(sock)
                return
        _shut(sock)

    def fire(self) -> None:
        with self.lock:
            if self.cancelled:
                return
            self.fired = True
            sockets, self.sockets = self.sockets, []
        for sock in sockets:
            _shut(sock)

    def cancel(self) -> None:
        with self.lock:
            self.cancelled = True
            self.sockets = []


def _shut(sock: socket.socket) -> None:
    """Wake any thread blocked on ``sock`` (its read returns at once) and end the connection.

    The TCP socket's own shutdown, also for a TLS socket: ``SSLSocket.shutdown`` would drop
    its TLS state, and a handshake the deadline reaches first would then fail inside ``ssl``
    (an ``AttributeError``, the socket left open) instead of as a connection error."""
    with suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class Watchdog:
    """One daemon thread per process that fires each watch at its deadline."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, _Watch]] = []
        self._order = itertools.count()
        self._pid = -1

    def watch(self, deadline: float) -> _Watch:
        w = _Watch(deadline)
        with self._cond:
            if self._pid != os.getpid():  # first use, or a forked worker: no thread yet
                self._pid = os.getpid()
                self._heap = []
                threading.Thread(target=self._run, name="fhir-deadline", daemon=True).start()
            heapq.heappush(self._heap, (deadline, next(self._order), w))
            if self._heap[0][2] is w:  # a new earliest deadline: the thread sleeps less
                self._cond.notify()
        return w

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._heap and self._heap[0][2].cancelled:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._cond.wait()
                    continue
                deadline, _, w = self._heap[0]
                wait = deadline - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                heapq.heappop(self._heap)
            w.fire()


WATCHDOG = Watchdog()


# -- the scope of one request ----------------------------------------------------------


@dataclass(eq=False)
class FetchScope:
    """What the connection in use must obey: the deadline, and which addresses are allowed."""

    watch: _Watch
    address_check: AddressCheck | None = None

    @property
    def expired(self) -> bool:
        return self.watch.fired


_local = threading.local()


@contextmanager
def fetch_scope(deadline: float,
                address_check: AddressCheck | None = None) -> Iterator[FetchScope]:
    """Run the requests inside under ``deadline`` (monotonic), connecting only where allowed."""
    scope = FetchScope(watch=WATCHDOG.watch(deadline), address_check=address_check)
    previous = getattr(_local, "scope", None)
    _local.scope = scope
    try:
        yield scope
    finally:
        _local.scope = previous
        scope.watch.cancel()


def _current() -> FetchScope | None:
    return getattr(_local, "scope", None)


def _address(raw: str) -> IpAddress:
    address = ipaddress.ip_address(raw.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return address


# -- name lookup under the deadline ---------------------------------------------------


@dataclass(eq=False)
class _Lookup:
    done: threading.Event = field(default_factory=threading.Event)
    infos: list[Any] | None = None
    error: OSError | None = None


class Resolver:
    """``getaddrinfo`` within the caller's deadline, on a thread of its own (the C lookup cannot
    be interrupted), one per name and port at most: callers of a running lookup wait on it, so a
    hanging DNS holds one thread, never one per call. IP literals are never looked up.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[tuple[str, int], _Lookup] = {}
        self._pid = os.getpid()

    def resolve(self, host: str, port: int, deadline: float) -> list[Any]:
        """``getaddrinfo(host, port)`` for stream sockets, or ``TimeoutError`` at ``deadline``."""
        if _is_literal(host):
            return socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM, 0,
                                      socket.AI_NUMERICHOST)
        key = (host.lower(), port)
        with self._lock:
            if self._pid != os.getpid():  # a forked worker: the parent's threads are not here
                self._pid, self._running = os.getpid(), {}
            lookup = self._running.get(key)
            if lookup is None:
                lookup = self._running[key] = _Lookup()
                threading.Thread(target=self._run, args=(key, lookup), name="fhir-dns",
                                 daemon=True).start()
        if not lookup.done.wait(max(0.0, deadline - time.monotonic())):
            raise TimeoutError("name lookup did not finish by the deadline")
        if lookup.error is not None:
            raise type(lookup.error)(*lookup.error.args)  # a fresh one per waiting thread
        assert lookup.infos is not None
        return lookup.infos

    def _run(self, key: tuple[str, int], lookup: _Lookup) -> None:
        try:
            lookup.infos = socket.getaddrinfo(key[0], key[1], 0, socket.SOCK_STREAM)
        except OSError as exc:
            lookup.error = exc
        except Exception as exc:  # noqa: BLE001 - a waiting caller must get an OSError
            lookup.error = OSError(f"name lookup failed ({type(exc).__name__})")
        finally:
            with self._lock:
                if self._running.get(key) is lookup:
                    del self._running[key]
            lookup.done.set()

    def pending(self) -> int:
        """Lookups still running (the threads a hanging DNS holds)."""
        with self._lock:
            return len(self._running) if self._pid == os.getpid() else 0


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


RESOLVER = Resolver()


def allowed_addresses(host: str, port: int, check: AddressCheck | None,
                      deadline: float) -> list[str]:
    """The addresses ``host`` resolves to (once, by ``deadline``) that ``check`` allows, in
    the resolver's order; ``AddressRefused`` when there is none, ``TimeoutError`` at the
    deadline."""
    infos = RESOLVER.resolve(host, port, deadline)
    allowed = [str(_address(info[4][0])) for info in infos
               if check is None or check(_address(info[4][0]))]
    if not allowed:
        raise AddressRefused(f"no allowed address for the FHIR server ({len(infos)} refused)")
    return allowed


class _WatchedSSLSocket(ssl.SSLSocket):
    """A TLS socket registered with the current scope before its handshake, so a handshake
    that never ends is cut at the deadline too (``SSLContext.sslsocket_class``)."""

    def do_handshake(self, block: bool = False) -> None:
        scope = _current()
        if scope is not None:
            scope.watch.attach(self)
        super().do_handshake(block)


def _ssl_context() -> ssl.SSLContext:
    context = create_urllib3_context()  # urllib3's defaults: certificate and name checked
    context.sslsocket_class = _WatchedSSLSocket
    return context


class _ScopedConnectionMixin:
    """Registers every socket with the current scope: a new one once connected (TLS ones
    before their handshake too), a reused one before each request."""

    sock: socket.socket | None

    def _fetch_scope(self) -> FetchScope:
        scope = _current()
        if scope is None:
            raise NewConnectionError(self, "FHIR connection outside a fetch scope")  # type: ignore[arg-type]  # self: the HTTPConnection mixed into
        return scope

    def connect(self) -> None:
        scope = self._fetch_scope()
        super().connect()  # type: ignore[misc]  # HTTPConnection's, next in the MRO
        if self.sock is not None:
            scope.watch.attach(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        scope = self._fetch_scope()
        if self.sock is not None:  # a keep-alive connection from the pool
            scope.watch.attach(self.sock)
        super().request(*args, **kwargs)  # type: ignore[misc]  # HTTPConnection's, next in the MRO


class _HTTPConnection(_ScopedConnectionMixin, HTTPConnection):
    pass


class _HTTPSConnection(_ScopedConnectionMixin, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}
_pinned = threading.local()  # the address the adapter is sending the current request to


class ScopedAdapter(HTTPAdapter):
    """A requests adapter whose requests go to the checked address, inside the current
    ``FetchScope``."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, ssl_context=_ssl_context(), **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        if proxy.lower().startswith("socks"):
            raise requests.ConnectionError("SOCKS proxies are not supported for FHIR fetches")
        manager = super().proxy_manager_for(proxy, ssl_context=_ssl_context(), **proxy_kwargs)
        manager.pool_classes_by_scheme = dict(_POOLS)
        return manager

    def get_connection_with_tls_context(self, request: requests.PreparedRequest, verify: Any,
                                        proxies: Any = None, cert: Any = None) -> Any:
        address = getattr(_pinned, "address", None)
        if address is None:  # through a proxy: connected to as configured
            return super().get_connection_with_tls_context(request, verify, proxies, cert)
        host_params, pool_kwargs = self.build_connection_pool_key_attributes(
            request, verify, cert)
        pool: dict[str, Any] = dict(pool_kwargs)
        if host_params["scheme"] == "https":
            pool["server_hostname"] = host_params["host"]  # TLS checks the name
        return self.poolmanager.connection_from_host(
            **{**host_params, "host": address}, pool_kwargs=pool)

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        scope = _current()
        if scope is None:
            raise requests.ConnectionError("FHIR connection outside a fetch scope")
        url = urlsplit(request.url or "")
        if select_proxy(request.url or "", kwargs.get("proxies") or {}):
            return super().send(request, *args, **kwargs)
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            addresses = allowed_addresses(url.hostname or "", port, scope.address_check,
                                          scope.watch.deadline)
        except TimeoutError as exc:
            raise requests.ConnectTimeout("name lookup timed out", request=request) from exc
        except OSError as exc:  # AddressRefused among them
            raise requests.ConnectionError(type(exc).__name__, request=request) from exc
        request.headers["Host"] = url.netloc.rsplit("@", 1)[-1]
        connect, read = kwargs.get("timeout") or (None, None)
        for i, address in enumerate(addresses):
            left = scope.watch.deadline - time.monotonic()
            if left <= 0:
                raise requests.ConnectTimeout("connect did not finish by the deadline",
                                              request=request)
            kwargs["timeout"] = (left if connect is None else min(connect, left), read)
            _pinned.address = address
            try:
                return super().send(request, *args, **kwargs)
            except requests.ConnectionError:
                if i == len(addresses) - 1 or scope.expired:
                    raise
            finally:
                _pinned.address = None
        raise AssertionError("unreachable")  # the last address re-raises


class _NoCookies(requests.cookies.RequestsCookieJar):
    """A cookie jar that keeps nothing: no state carried from one patient's call to another."""

    def set_cookie(self, cookie: Any, *args: Any, **kwargs: Any) -> None:
        return


class _KeepHeaders(requests.auth.AuthBase):
    """An explicit no-op auth: stops ``requests`` from reading ``.netrc`` when trust_env is on."""

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        return r


NO_NETRC = _KeepHeaders()


def new_session(*, trust_env: bool = False) -> requests.Session:
    """A session for FHIR fetches: scoped connections, no cookies, no environment by default."""
    session = requests.Session()
    session.trust_env = trust_env
    session.cookies = _NoCookies()
    adapter = ScopedAdapter(pool_connections=16, pool_maxsize=POOL_MAXSIZE, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


@functools.cache
def _session(pid: int, trust_env: bool) -> requests.Session:
    """One shared session per process (``pid``: a forked worker makes its own) and trust_env
    choice."""
    return new_session(trust_env=trust_env)


def shared_session() -> requests.Session:
    """The process's FHIR session (no environment)."""
    return _session(os.getpid(), False)


def shared_session_with_env() -> requests.Session:
    """The process's FHIR session that takes proxies from the environment."""
    return _session(os.getpid(), True)
