"""A real HTTP server on loopback for the link checker's tests (no mocks).

``LinkServer`` is a ``ThreadingHTTPServer`` on port 0 (or a chosen port)
whose paths map to small handler functions; it counts requests per path and
the TCP connections it accepted, keeps each request's headers, the bytes it
sent, the most requests it served at once, and the order requests arrived
in across every server of a test.  With ``tls=True`` it serves HTTPS with
the test certificate for ``rebind.test`` (``tests/data/tls``) and records
the TLS server names (SNI) clients asked for.  The ``servers`` fixture
starts as many as a test needs, on ``127.0.0.1`` and ``127.0.0.2`` (two
hosts), and stops them afterwards.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import ssl
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from checker.refs.links.settings import LinkSettings
from checker.refs.links.status import LinkResult
from checker.refs.model import LinkUse, Location

Route = Callable[["Handler"], None]
#: the ``servers`` fixture: ``servers("127.0.0.2", port=..., tls=True)``
Servers = Callable[..., "LinkServer"]
TLS = Path(__file__).resolve().parent / "data" / "tls"
#: the test certificate: self-signed, for the name ``rebind.test`` only
CERT = TLS / "cert.pem"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LinkServer

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def _dispatch(self) -> None:
        state = self.server
        path = urlsplit(self.path).path
        with state.lock:
            state.hits[(self.command, path)] += 1
            state.seen.append((self.command, path, dict(self.headers)))
            state.arrivals.append(next(state.sequence))
            state.in_flight += 1
            state.max_in_flight = max(state.max_in_flight, state.in_flight)
        try:
            route = state.routes.get(path)
            if route is None:
                self.reply(404)
            else:
                route(self)
        finally:
            with state.lock:
                state.in_flight -= 1

    do_GET = do_HEAD = _dispatch

    def reply(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query)


class LinkServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        host: str,
        port: int = 0,
        *,
        tls: bool = False,
        sequence: Iterator[int] | None = None,
    ) -> None:
        super().__init__((host, port), Handler)
        self.routes: dict[str, Route] = {}
        self.lock = threading.Lock()
        self.hits: Counter[tuple[str, str]] = Counter()
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        #: global arrival numbers (shared by the servers of one test), in order
        self.sequence = sequence if sequence is not None else itertools.count()
        self.arrivals: list[int] = []
        self.connections = 0
        self.server_names: list[str | None] = []
        self.bytes_sent = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.scheme = "https" if tls else "http"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(CERT, TLS / "key.pem")
            context.sni_callback = self._sni
            self.socket = context.wrap_socket(self.socket, server_side=True)

    def _sni(self, sock: Any, name: str | None, context: Any) -> None:
        with self.lock:
            self.server_names.append(name)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.lock:
            self.connections += 1
        super().process_request(request, client_address)

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # resets and broken pipes are what several routes are about

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str, host: str | None = None) -> str:
        """The URL of ``path`` here, by address or by the name ``host``."""
        return f"{self.scheme}://{host or self.server_address[0]}:{self.port}{path}"

    def count(self, path: str) -> int:
        """Requests for ``path``, HEAD and GET together."""
        with self.lock:
            return sum(n for (_, p), n in self.hits.items() if p == path)

    def requests_total(self) -> int:
        with self.lock:
            return sum(self.hits.values())


# ---- handler factories -----------------------------------------------------


def ok(body: bytes = b"<html><body>ok</body></html>") -> Route:
    return lambda h: h.reply(200, body, {"Content-Type": "text/html; charset=utf-8"})


def status(code: int, headers: dict[str, str] | None = None) -> Route:
    return lambda h: h.reply(code, b"", headers)


def redirect(code: int, location: str) -> Route:
    return lambda h: h.reply(code, b"", {"Location": location})


def head_refused(code: int = 405) -> Route:
    """HEAD answers ``code``; GET answers 200 (servers that refuse or lie on HEAD)."""

    def route(h: Handler) -> None:
        h.reply(code if h.command == "HEAD" else 200, b"fine")

    return route


def loops_on_head(h: Handler) -> None:
    """HEAD redirects to itself forever; GET answers 200 (linkcheck has this case too)."""
    if h.command == "HEAD":
        h.reply(302, b"", {"Location": h.path})
    else:
        h.reply(200, b"fine")


def rate_limited_once(retry_after: str) -> Route:
    """429 with ``Retry-After`` on the first request, 200 afterwards."""
    calls = Counter[str]()

    def route(h: Handler) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            h.reply(429, b"", {"Retry-After": retry_after})
        else:
            h.reply(200)

    return route


def slow(seconds: float) -> Route:
    def route(h: Handler) -> None:
        time.sleep(seconds)
        with contextlib.suppress(OSError):  # the client may have given up
            h.reply(200)

    return route


def stall(h: Handler) -> None:
    """Start a page, then stop sending (a server that hangs mid-body)."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    with contextlib.suppress(OSError):
        h.wfile.write(b"<html><body><p>start")
        time.sleep(1.5)
    h.close_connection = True


def reset(h: Handler) -> None:
    """Drop the connection with a TCP reset, before any response."""
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.close_connection = True


def endless(h: Handler, prefix: bytes = b"") -> None:
    """Announce 1 GiB and stream it until the client hangs up; count what went out."""
    if h.command == "HEAD":
        h.reply(405)
        return
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(1 << 30))
    h.end_headers()
    chunk = prefix + b"<p>" + b"x" * 65_000 + b"</p>"
    try:
        while h.server.bytes_sent < (1 << 30):
            h.wfile.write(chunk)
            with h.server.lock:
                h.server.bytes_sent += len(chunk)
    except OSError:
        pass
    h.close_connection = True


def archive_api(known: dict[str, str]) -> Route:
    """A Wayback-style availability API that knows the snapshots in ``known``."""

    def route(h: Handler) -> None:
        url = h.query().get("url", [""])[0]
        closest = {"available": True, "url": known[url], "status": "200"} if url in known else None
        body = {"url": url, "archived_snapshots": {"closest": closest} if closest else {}}
        h.reply(200, json.dumps(body).encode(), {"Content-Type": "application/json"})

    return route


def fast(**changes: object) -> LinkSettings:
    """Settings for tests: loopback allowed, no waiting between attempts, no bar."""
    base: dict[str, object] = {
        "allow_private": True,
        "backoff": 0.0,
        "retries": 1,
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        "progress": False,
    }
    base.update(changes)
    return LinkSettings(**base)  # type: ignore[arg-type]


def uses(*urls: str, path: str = "docs/index.rst") -> list[LinkUse]:
    return [LinkUse(url, Location(path, line=i + 1, doc="index")) for i, url in enumerate(urls)]


def by_url(results: list[LinkResult]) -> dict[str, LinkResult]:
    return {r.url: r for r in results}


def serving() -> Iterator[Callable[..., LinkServer]]:
    """Body of the ``servers`` fixture: ``servers("127.0.0.1")`` starts one
    (``port=``, ``tls=True`` as :class:`LinkServer`); all are stopped after
    the test.  Test modules wrap it in their own fixture."""
    started: list[LinkServer] = []
    sequence = itertools.count()

    def start(host: str = "127.0.0.1", port: int = 0, tls: bool = False) -> LinkServer:
        server = LinkServer(host, port, tls=tls, sequence=sequence)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.shutdown()
        server.server_close()


@pytest.fixture
def servers() -> Iterator[Callable[..., LinkServer]]:
    yield from serving()


def test_server_counts_requests(servers: Callable[[str], LinkServer]) -> None:
    """The helper itself: the counts the link tests rely on are right."""
    import urllib.request

    server = servers("127.0.0.1")
    server.routes["/a"] = ok()
    with urllib.request.urlopen(server.url("/a")) as response:
        assert response.status == 200
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(server.url("/missing"))
    assert server.count("/a") == 1
    assert server.requests_total() == 2
