"""The slow outside web for the throughput bench: one asyncio server on 127.0.0.1.

The tests' OutsideWeb starts a thread per request, which is right for what the tests ask of it
(drips, endless bodies, redirects) but costs the bench's 2 cores a millisecond or two per
request that a real remote server would spend on its own machine. This one answers every
request from an event loop in one thread: the request line and headers read, the route's delay
slept, the page written, HTTP/1.0 (closed after each answer, as OutsideWeb does).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import defaultdict


class SlowWeb:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, float]] = {}
        self.arrivals: dict[str, list[float]] = defaultdict(list)
        self.in_flight = 0
        self.max_in_flight = 0
        self.loop = asyncio.new_event_loop()
        started = threading.Event()
        self.thread = threading.Thread(target=self._serve, args=(started,), daemon=True)
        self.thread.start()
        started.wait(10)

    def _serve(self, started: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(
            self.loop.create_server(lambda: _Request(self), "127.0.0.1", 0, backlog=1024)
        )
        self.port = self.server.sockets[0].getsockname()[1]
        started.set()
        self.loop.run_forever()

    def add(self, path: str, body: bytes | str, *, delay: float = 0.0) -> str:
        self.routes[path] = (body.encode() if isinstance(body, str) else body, delay)
        return f"http://127.0.0.1:{self.port}{path}"

    def times_of(self, path: str) -> list[float]:
        """time.monotonic() of each request to `path`."""
        return list(self.arrivals[path])

    def _answer(self, transport: asyncio.Transport, path: str) -> None:
        self.arrivals[path].append(time.monotonic())
        body, delay = self.routes.get(path, (b"not found", 0.0))
        status = b"200 OK" if path in self.routes else b"404 Not Found"
        answer = (
            b"HTTP/1.0 " + status + b"\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
        )
        self.loop.call_later(delay, self._send, transport, answer)

    def _send(self, transport: asyncio.Transport, answer: bytes) -> None:
        if not transport.is_closing():
            transport.write(answer)
            transport.close()  # after the buffer is written

    def close(self) -> None:
        def stop() -> None:
            self.server.close()
            self.loop.stop()

        self.loop.call_soon_threadsafe(stop)
        self.thread.join(10)


class _Request(asyncio.Protocol):
    """Reads up to the end of the headers, then hands the path to the web."""

    def __init__(self, web: SlowWeb) -> None:
        self.web, self.buffer, self.answered = web, b"", False

    def connection_made(self, transport) -> None:
        self.transport = transport
        self.web.in_flight += 1
        self.web.max_in_flight = max(self.web.max_in_flight, self.web.in_flight)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.answered and b"\r\n\r\n" in self.buffer:
            self.answered = True
            parts = self.buffer.split(b"\r\n", 1)[0].split()
            self.web._answer(self.transport, parts[1].decode("latin-1") if len(parts) > 1 else "")

    def connection_lost(self, exc) -> None:
        self.web.in_flight -= 1
