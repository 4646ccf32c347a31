"""The web the link benchmark checks: 21 servers on loopback aliases, in one process.

``python benchmarks/links_server.py HOSTS`` starts HOSTS fast servers on
127.0.0.1 ... 127.0.0.HOSTS, one slow server on the next alias, and a
control server; prints ``{"hosts": [...], "slow": ..., "control": ...}`` as
one JSON line; serves until stdin closes.  Linux routes all of 127/8 to
loopback, so each alias is a distinct host to a client.

Every answer of a fast server comes after 50-100 ms (fixed per path).  What
a path answers is in :func:`answer`; the servers count, per host, the
requests, the TCP connections they accepted, and the most requests they were
answering at once.  ``GET /stats`` and ``GET /reset`` on the control server
read and clear the counts (and the "first request gets 429" memory); the
time of each host's first request is on the system-wide monotonic clock, so
the benchmark can tell how long a command took to send its first request.
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

#: hosts whose servers refuse HEAD (405), as some frameworks do
NO_HEAD_HOSTS = frozenset({19, 20})
SLOW_SECONDS = 8.0
RETRY_AFTER = "1"
PAGE = (
    "<html><body>"
    + "".join(f'<h2 id="sec-{i}">Section {i}</h2><p>text</p>' for i in range(10))
    + "</body></html>"
).encode()


def latency(host: str, path: str) -> float:
    """50-100 ms, the same for the same host and path in every run."""
    return (50 + zlib.crc32(f"{host}{path}".encode()) % 51) / 1000


class MixServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: str, number: int, slow: bool = False) -> None:
        super().__init__((address, 0), _Handler)
        self.number = number
        self.slow = slow
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.requests = 0
            self.connections = 0
            self.in_flight = 0
            self.peak = 0
            self.first = 0.0  # time.monotonic() of the first request (system-wide clock)
            self.asked: set[str] = set()  # paths that already got their 429

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.lock:
            self.connections += 1
        super().process_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that give up on the slow server hang up mid-answer

    def stats(self) -> dict[str, float]:
        with self.lock:
            return {
                "requests": self.requests,
                "connections": self.connections,
                "peak": self.peak,
                "first": self.first,
            }


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: MixServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _serve(self) -> None:
        server = self.server
        with server.lock:
            server.first = server.first or time.monotonic()
            server.requests += 1
            server.in_flight += 1
            server.peak = max(server.peak, server.in_flight)
            first = self.path not in server.asked
            server.asked.add(self.path)
        try:
            time.sleep(SLOW_SECONDS if server.slow else latency(self.headers["Host"], self.path))
            code, headers, body = answer(server, self.command, self.path, first)
        finally:
            # counted as done before the answer leaves, so a client that sends
            # its next request the moment it reads this one is never counted twice
            with server.lock:
                server.in_flight -= 1
        with contextlib.suppress(OSError):
            self._send(code, headers, body)

    do_GET = do_HEAD = _serve

    def _send(self, code: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(code)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


#: filled by :func:`serve`: host number -> "http://127.0.0.N:PORT"
BASES: dict[int, str] = {}


def answer(
    server: MixServer, method: str, path: str, first: bool
) -> tuple[int, dict[str, str], bytes]:
    """What ``path`` answers: the benchmark's kinds of link, by their first segment."""
    kind, _, rest = path.lstrip("/").partition("/")
    n = server.number
    if kind == "busy" and first:  # before anything else: the host is busy for any method
        return 429, {"Retry-After": RETRY_AFTER}, b""
    if method == "HEAD" and n in NO_HEAD_HOSTS:
        return 405, {}, b""
    if kind == "gone404":
        return 404, {}, b"not here"
    if kind == "gone410":
        return 410, {}, b"gone"
    if kind == "error":
        return 500, {}, b"oops"
    hop = redirect(n, kind, rest, len(BASES))
    if hop is not None:
        code, target, target_path = hop
        return code, {"Location": f"{BASES[target]}{target_path}"}, b""
    return 200, {}, PAGE


def redirect(number: int, kind: str, rest: str, hosts: int) -> tuple[int, int, str] | None:
    """``(code, target host number, target path)`` of a redirecting path, else ``None``.

    ``moved`` (301) and ``found`` (302) go to the next host; ``chain`` takes
    two hops over three hosts (302 to ``hop``, which answers 301).
    """

    def other(step: int) -> int:
        return (number - 1 + step) % hosts + 1

    if kind in ("moved", "found"):
        return (301 if kind == "moved" else 302), other(1), f"/ok/{kind}-{rest}"
    if kind == "chain":
        return 302, other(3), f"/hop/{rest}"
    if kind == "hop":
        return 301, other(5), f"/ok/chained-{rest}"
    return None


class _Control(BaseHTTPRequestHandler):
    servers: list[MixServer] = []  # noqa: RUF012 - set once before serving

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/reset":
            for server in self.servers:
                server.reset()
            body = b"{}"
        else:
            stats = {f"127.0.0.{s.number}": s.stats() for s in self.servers}
            body = json.dumps(stats).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _start(server: ThreadingHTTPServer) -> str:
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


def serve(hosts: int) -> None:
    servers = [MixServer(f"127.0.0.{i}", i) for i in range(1, hosts + 1)]
    slow = MixServer(f"127.0.0.{hosts + 1}", hosts + 1, slow=True)
    for server in servers:
        BASES[server.number] = _start(server)
    _Control.servers = [*servers, slow]
    control = ThreadingHTTPServer(("127.0.0.1", 0), _Control)
    control.daemon_threads = True
    info = {"hosts": [BASES[s.number] for s in servers], "slow": _start(slow)}
    info["control"] = _start(control)
    print(json.dumps(info), flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    serve(int(sys.argv[1]))
