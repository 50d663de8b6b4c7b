"""The gunicorn worker of ``cds-service serve``: gunicorn's sync worker, fed whole requests by
one selector loop (header and body deadlines, the body limit, large bodies spooled to disk);
INT and QUIT finish the call being answered and answer the rest 503. How and why:
docs/ARCHITECTURE.md, "Server and worker model"."""

from __future__ import annotations

import contextlib
import errno
import selectors
import socket
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import orjson
from gunicorn.workers.sync import SyncWorker

from cds_service.errors import ErrorCode, code_for_status, operation_outcome

HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 30.0
MAX_HEADER_BYTES = 64 * 1024
SPOOL_BYTES = 1024 * 1024  # a body beyond this waits in a temporary file, not in memory
READ_CHUNK = 256 * 1024
LINGER = 2.0

_REASONS = {400: ("Bad Request", "invalid"), 408: ("Request Timeout", "timeout"),
            413: ("Content Too Large", "too-costly"),
            431: ("Request Header Fields Too Large", "too-costly"),
            503: ("Service Unavailable", "transient")}


def answer(status: int) -> bytes:
    """A whole HTTP response with an OperationOutcome body, closing the connection."""
    reason, code = _REASONS[status]
    detail = ErrorCode.UNAVAILABLE if status == 503 else code_for_status(status)
    body = orjson.dumps(operation_outcome(reason, code=code, detail_code=detail))
    retry = "Retry-After: 1\r\n" if status == 503 else ""
    return (f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n{retry}"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body


class Incoming:
    """One connection's request as it arrives: the head, then the body, framed (never
    decoded) here; gunicorn's parser reads it all again once it is complete."""

    def __init__(self, sock: socket.socket, addr: Any, listener: Any, max_body: int) -> None:
        self.sock, self.addr, self.listener, self.max_body = sock, addr, listener, max_body
        self.fd = sock.fileno()
        self.closing = False  # answered; what the client still sends is dropped
        self.head = bytearray()
        self.body: tempfile.SpooledTemporaryFile[bytes] | None = None
        self.deadline = time.monotonic() + HEADER_TIMEOUT
        self.left = 0  # body bytes (Content-Length) or chunk data bytes still to come
        self.chunks: bytearray | None = None  # chunk framing not yet read (chunked only)
        self.state = "size"  # in the chunk framing: size line, data, CRLF, trailers
        self.size = 0  # body bytes seen (chunk data for chunked)

    def feed(self, data: bytes) -> int | None:
        """Take ``data``: 0 when the request is complete, None while more is needed, else
        the status to refuse it with."""
        if self.body is None:
            self.head += data
            end = self.head.find(b"\r\n\r\n")
            if end < 0:
                return 431 if len(self.head) > MAX_HEADER_BYTES else None
            data = bytes(self.head[end + 4:])
            del self.head[end + 4:]
            self.body = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
            self.deadline = time.monotonic() + BODY_TIMEOUT
            refused = self._framing()
            if refused or (self.left == 0 and self.chunks is None):
                return refused
            if b"100-continue" in self.head.lower():
                self.sock.send(b"HTTP/1.1 100 Continue\r\n\r\n")
        self.body.write(data)
        if self.chunks is None:
            self.left -= len(data)
            return 0 if self.left <= 0 else None
        return self._chunked(data)

    def _framing(self) -> int:
        length = None
        for line in bytes(self.head).split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"transfer-encoding" and b"chunked" in value.lower():
                self.chunks = bytearray()
                return 0
            if name == b"content-length":
                length = value.strip()
        if length is not None and length.isdigit():  # else gunicorn's parser answers it
            self.left = int(length)
        return 413 if self.left > self.max_body else 0

    def _chunked(self, data: bytes) -> int | None:
        """Follow the chunk framing (RFC 9112 §7.1) through ``data``."""
        buf = self.chunks
        assert buf is not None
        buf += data
        pos = 0
        while pos < len(buf):
            if self.state == "data":
                take = min(self.left, len(buf) - pos)
                pos, self.left = pos + take, self.left - take
                if not self.left:
                    self.state = "crlf"
                continue
            end = buf.find(b"\r\n", pos)
            if end < 0:
                break
            line, pos = bytes(buf[pos:end]), end + 2
            if self.state == "crlf":
                self.state = "size"
            elif self.state == "trailers":
                if not line:
                    return 0
            else:
                try:
                    self.left = int(line.split(b";", 1)[0].strip(), 16)
                except ValueError:
                    self.left = -1
                if self.left < 0:
                    return 0  # gunicorn's parser answers the malformed chunk
                self.size += self.left
                if self.size > self.max_body:
                    return 413
                self.state = "data" if self.left else "trailers"
        del buf[:pos]
        return 400 if len(buf) > MAX_HEADER_BYTES else None


class _Replay:
    """The client socket, whose reads return the buffered request, then end."""

    def __init__(self, incoming: Incoming) -> None:
        self._sock = incoming.sock
        self._head: bytes | None = bytes(incoming.head)
        self._body = incoming.body

    def recv(self, size: int, *_flags: Any) -> bytes:
        if self._head is not None:
            head, self._head = self._head, None
            return head
        return self._body.read(max(size, READ_CHUNK)) if self._body is not None else b""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class BufferingWorker(SyncWorker):
    """gunicorn's sync worker, given only whole requests (see the module docstring)."""

    max_body = 10 * 1024 * 1024  # the app's MAX_CONTENT_LENGTH (CDS_MAX_BODY_BYTES) if set

    def init_process(self) -> None:
        self.quick = False
        self.pool = (ThreadPoolExecutor(self.cfg.threads, thread_name_prefix="request")
                     if self.cfg.threads > 1 else None)
        self.large = threading.Semaphore(1)  # one body past SPOOL_BYTES answered at a time
        self.inflight = 0  # requests handed to the pool, not yet answered
        self.lock = threading.Lock()
        self.waiting: dict[int, Incoming] = {}
        self.poller = selectors.DefaultSelector()
        super().init_process()

    def handle_quit(self, sig: int, frame: Any) -> None:
        """INT/QUIT: stop after the call being answered (never raise into it)."""
        self.alive = False
        self.quick = True
        self.cfg.worker_int(self)

    def run(self) -> None:
        config = getattr(self.wsgi, "config", None)  # the app's own body limit (Flask)
        if config is not None and config.get("MAX_CONTENT_LENGTH"):
            self.max_body = config["MAX_CONTENT_LENGTH"]
        listening = False
        for listener in self.sockets:
            listener.setblocking(False)
            if hasattr(socket, "TCP_DEFER_ACCEPT") and listener.family != socket.AF_UNIX:
                # a connection is accepted when its first data arrives, so a worker does not
                # take connections it cannot read yet while another worker is idle
                listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_DEFER_ACCEPT, 1)
        while self.alive:
            self.notify()
            room = len(self.waiting) + self.inflight < self.cfg.worker_connections
            if room != listening:
                for listener in self.sockets:
                    if room:
                        self.poller.register(listener, selectors.EVENT_READ)
                    else:  # unregister takes no events (it raised TypeError here)
                        self.poller.unregister(listener)
                listening = room
            self._poll()
            if not self.is_parent_alive():
                break
        if listening:
            for listener in self.sockets:
                self.poller.unregister(listener)
        graceful = time.monotonic() + self.cfg.graceful_timeout
        while self.waiting and not self.quick and time.monotonic() < graceful:
            self.notify()
            self._poll()
        for incoming in list(self.waiting.values()):
            self._close(incoming, 0 if incoming.closing else 503, linger=False)
        if self.pool is not None:
            self.pool.shutdown(wait=True)
        if self.quick:  # new work that reached the listen queue is told to retry
            for listener in self.sockets:
                while (client := self._accept(listener)) is not None:
                    self._close(client, 503, linger=False)
        self.poller.close()

    def _poll(self) -> None:
        for key, _ in self.poller.select(1.0):
            if key.data is None:
                incoming = self._accept(key.fileobj)
                if incoming is not None:
                    self.waiting[incoming.fd] = incoming
                    self.poller.register(incoming.sock, selectors.EVENT_READ, incoming)
                    self._read(incoming)  # accepted once data came: often the whole request
            else:
                self._read(key.data)
        now = time.monotonic()
        for incoming in [i for i in self.waiting.values() if i.deadline < now]:
            self._close(incoming, 0 if incoming.closing else 408, linger=not incoming.closing)

    def _accept(self, listener: Any) -> Incoming | None:
        try:
            client, addr = listener.accept()
        except OSError as err:
            if err.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.ECONNABORTED,
                             errno.EMFILE, errno.ENFILE):
                return None
            raise
        client.setblocking(False)
        return Incoming(client, addr, listener, self.max_body)

    def _read(self, incoming: Incoming) -> None:
        try:
            data = incoming.sock.recv(READ_CHUNK)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data or incoming.closing:
            if not data:
                self._close(incoming, 0, linger=False)
            return
        status = incoming.feed(data)
        if status is None:
            return
        if status or self.quick:
            self._close(incoming, status or 503)
            return
        self.poller.unregister(incoming.sock)
        del self.waiting[incoming.fd]
        if self.pool is None:
            self._answer(incoming)
        else:
            with self.lock:
                self.inflight += 1
            self.pool.submit(self._answer, incoming)

    def _answer(self, incoming: Incoming) -> None:
        """Let gunicorn's sync code parse the buffered request and run the app."""
        assert incoming.body is not None
        large = incoming.body.tell() > SPOOL_BYTES
        incoming.body.seek(0)
        incoming.sock.setblocking(True)
        incoming.sock.settimeout(self.cfg.timeout)
        try:  # a large record parses into many times its size: one at a time
            with self.large if large else contextlib.nullcontext():
                self.handle(incoming.listener, _Replay(incoming), incoming.addr)  # type: ignore[arg-type]  # _Replay stands in for the socket
        finally:
            incoming.body.close()
            if self.pool is not None:
                with self.lock:
                    self.inflight -= 1

    def _close(self, incoming: Incoming, status: int, *, linger: bool = True) -> None:
        """Answer ``incoming`` with ``status`` (0: no answer), then close it: after what the
        client still sends is read and dropped for up to ``LINGER`` seconds (closing with
        unread input would reset the connection, and the client might miss the answer)."""
        if incoming.body is not None:
            incoming.body.close()
            incoming.body = None
        try:
            if status:
                incoming.sock.send(answer(status))
            if linger and incoming.fd in self.waiting:
                incoming.sock.shutdown(socket.SHUT_WR)
                incoming.closing = True
                incoming.deadline = time.monotonic() + LINGER
                return
            incoming.sock.recv(READ_CHUNK)  # what has arrived: unread, close would reset
        except OSError:
            pass
        if self.waiting.get(incoming.fd) is incoming:
            del self.waiting[incoming.fd]
            self.poller.unregister(incoming.sock)
        incoming.sock.close()
