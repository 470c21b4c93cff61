"""An HTTP server of our own on 127.0.0.1 standing in for the outside web.

One threaded server per test session; each test gets the `outside_web` fixture with an empty route
registry and zeroed counters:

    outside_web.add("/a", body="<html>…</html>", headers={"Content-Type": "text/html"})
    outside_web.add("/slow", delay=5)                  # before the status line
    outside_web.add("/drip", chunks=[b"x"] * 10, chunk_delay=1)
    outside_web.add("/endless", endless=True)          # streams until the client hangs up
    outside_web.add("/go", redirect="http://10.0.0.1/")
    url = outside_web.url("/a"); outside_web.hits("/a"); outside_web.connections
    outside_web.posts_to("/hook")                      # [(headers, body)] of POSTs (webhooks)
    outside_web.max_in_flight                          # most requests served at once

Responses are HTTP/1.0 (the connection closes after each), so a body needs no length.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # Seconds before the status line; a callable gets the hit number (1, 2, …).
    delay: float | Callable[[int], float] = 0.0
    chunks: Iterable[bytes] | None = None
    chunk_delay: float = 0.0
    endless: bool = False
    on_request: Callable[[int], None] | None = None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    server: _Server

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        web = self.server.web
        with web.lock:
            web.in_flight += 1
            web.max_in_flight = max(web.max_in_flight, web.in_flight)
        try:
            self._answer(web)
        finally:
            with web.lock:
                web.in_flight -= 1

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 1024 * 1024))
        with self.server.web.lock:
            self.server.web.posted.append((self.path, dict(self.headers), body))
        self.do_GET()

    def _answer(self, web: OutsideWeb) -> None:
        path = self.path
        with web.lock:
            web.hit_counts[path] += 1
            hit = web.hit_counts[path]
            web.requests.append((path, dict(self.headers), time.monotonic()))
            route = web.routes.get(path)
            wake = web.wake
        if route is None:
            self._send(404, b"not found", {"Content-Type": "text/plain"})
            return
        if route.on_request is not None:
            route.on_request(hit)
        delay = route.delay(hit) if callable(route.delay) else route.delay
        if delay and wake.wait(delay):
            return  # the test is over: hang up
        try:
            if route.endless or route.chunks is not None:
                self._stream(route, wake)
            else:
                self._send(route.status, route.body, route.headers)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        names = {name.lower() for name in headers}
        for name, value in headers.items():
            self.send_header(name, value)
        if "content-type" not in names:
            self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, route: Route, wake: threading.Event) -> None:
        self.send_response(route.status)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if "content-type" not in {name.lower() for name in route.headers}:
            self.send_header("Content-Type", "text/plain")
        self.end_headers()
        chunks = route.chunks if route.chunks is not None else _forever(b"A" * 65536)
        for chunk in chunks:
            if wake.is_set():
                return
            self.wfile.write(chunk)
            self.wfile.flush()
            if route.chunk_delay and wake.wait(route.chunk_delay):
                return


def _forever(chunk: bytes):
    while True:
        yield chunk


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # many workers connect at once; a short backlog costs 1 s SYN retries
    web: OutsideWeb

    def process_request(self, request, client_address):
        with self.web.lock:
            self.web.connection_count += 1
        super().process_request(request, client_address)


class OutsideWeb:
    def __init__(self):
        self.lock = threading.Lock()
        self.routes: dict[str, Route] = {}
        self.hit_counts: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str], float]] = []
        self.posted: list[tuple[str, dict[str, str], bytes]] = []
        self.connection_count = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.wake = threading.Event()
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.web = self
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def connections(self) -> int:
        with self.lock:
            return self.connection_count

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_type: str | None = None,
        redirect: str | None = None,
        **options,
    ) -> str:
        headers = dict(headers or {})
        if content_type:
            headers["Content-Type"] = content_type
        if redirect is not None:
            headers["Location"] = redirect
            status = status if 300 <= status < 400 else 302
        if isinstance(body, str):
            body = body.encode("utf-8")
        with self.lock:
            self.routes[path] = Route(status=status, body=body, headers=headers, **options)
        return self.url(path)

    def hits(self, path: str) -> int:
        with self.lock:
            return self.hit_counts[path]

    def headers_of(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [headers for seen, headers, _ in self.requests if seen == path]

    def posts_to(self, path: str) -> list[tuple[dict[str, str], bytes]]:
        """(headers, body) of each POST to `path` (a webhook receiver's view)."""
        with self.lock:
            return [(headers, body) for seen, headers, body in self.posted if seen == path]

    def times_of(self, path: str) -> list[float]:
        """time.monotonic() of each request to `path`."""
        with self.lock:
            return [when for seen, _, when in self.requests if seen == path]

    def reset(self) -> None:
        with self.lock:
            self.wake.set()  # releases handlers still sleeping for an earlier test
            self.wake = threading.Event()
            self.routes.clear()
            self.hit_counts.clear()
            self.requests.clear()
            self.posted.clear()
            self.connection_count = 0
            self.max_in_flight = self.in_flight

    def close(self) -> None:
        self.wake.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def outside_web_server():
    web = OutsideWeb()
    yield web
    web.close()


@pytest.fixture
def outside_web(outside_web_server) -> OutsideWeb:
    outside_web_server.reset()
    yield outside_web_server
    outside_web_server.wake.set()
