"""Fetch one source URL safely: checked addresses only, every hop, with time and size limits.

The request goes to the address that was checked, never to the name again, so a DNS answer
that changes between the check and the connection (rebinding) cannot move the fetch inside
the network. The name still travels in the Host header and, for https, as the TLS server
name, so virtual hosting and certificate verification see the real site.
"""

from __future__ import annotations

import email.utils
import functools
import hashlib
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import brotli
import httpx

from claims.fetching.addresses import AddressRefused, checked_address

USER_AGENT = "Claimdesk/0.1 (+https://github.com/claimdesk; fact-checking source archiver)"
ALLOWED_PORTS = frozenset({80, 443, 8080, 8443})
DEFAULT_PORTS = {"http": 80, "https": 443}
CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/json": "json",
    "application/pdf": "pdf",
}
# Statuses worth asking again later: the server said so (429, 503) or a gateway hiccupped.
RETRYABLE_STATUSES = {429, 502, 503, 504}
MAX_RETRY_AFTER_SECONDS = 3600
CONDITIONAL_HEADERS = frozenset({"If-None-Match", "If-Modified-Since"})


@dataclass(frozen=True)
class FetchOptions:
    max_bytes: int = 10 * 1024 * 1024
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    deadline: float = 30.0
    max_redirects: int = 5
    # Tests only: reach our own loopback servers (and then any port).
    allow_private: bool = False
    # Tests only: these exact addresses pass (on any port) while every other private one is refused.
    allow_addresses: frozenset[str] = frozenset()
    ports: frozenset[int] = ALLOWED_PORTS
    user_agent: str = USER_AGENT
    # Feeds and sitemaps are XML or JSON Feed; a source fetch never asks for them.
    extra_content_types: frozenset[str] = frozenset()


@dataclass
class FetchResult:
    url: str
    final_url: str
    http_status: int
    content_type: str
    charset: str | None
    body: bytes
    sha256: str
    redirects: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    etag: str = ""
    last_modified: str = ""

    @property
    def byte_size(self) -> int:
        return len(self.body)

    @property
    def kind(self) -> str:
        return CONTENT_TYPES.get(self.content_type, "other")

    @property
    def not_modified(self) -> bool:
        return self.http_status == 304


class FetchRefused(Exception):
    """The fetcher would not connect: scheme, port, a non-global address, too many redirects."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class FetchFailed(Exception):
    """The fetch was attempted and failed: timeout, size cap, HTTP status, content type, DNS."""

    def __init__(
        self,
        reason: str,
        *,
        retryable: bool = False,
        retry_after: float | None = None,
        http_status: int | None = None,
        dead: bool = False,
    ):
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.retry_after = retry_after
        self.http_status = http_status
        # The link itself is gone (4xx, 5xx, unknown name), as opposed to a slow or odd server.
        self.dead = dead


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str
    port: int
    address: str
    request_url: str
    host_header: str


def _ascii_host(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchRefused(f"{host!r} is not a valid host name") from None


def check_target(url: str, options: FetchOptions) -> _Target:
    """Scheme, then address, then port: the reason names the first thing that is wrong."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise FetchRefused(
            f"only http and https URLs are fetched, not {scheme or 'a URL without a scheme'}"
        )
    if parts.username is not None or parts.password is not None:
        raise FetchRefused("URLs carrying a user name or password are not fetched")
    raw_host = parts.hostname
    if not raw_host:
        raise FetchRefused("the URL names no host")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError:
        raise FetchRefused("the URL has an invalid port") from None
    host = raw_host if ":" in raw_host else _ascii_host(raw_host.rstrip("."))
    try:
        address = checked_address(
            host,
            port,
            allow_private=options.allow_private,
            allow_addresses=options.allow_addresses,
        )
    except AddressRefused as refusal:
        raise FetchRefused(refusal.reason) from None
    except (socket.gaierror, UnicodeError) as error:
        temporary = isinstance(error, socket.gaierror) and error.errno == socket.EAI_AGAIN
        raise FetchFailed(
            f"{host} does not resolve ({error})", retryable=temporary, dead=not temporary
        ) from None
    lifted = options.allow_private or str(address) in options.allow_addresses
    if not lifted and port not in options.ports:
        allowed = ", ".join(str(p) for p in sorted(options.ports))
        raise FetchRefused(f"port {port} is not allowed (only {allowed})")
    ip_text = f"[{address}]" if address.version == 6 else str(address)
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    default_port = DEFAULT_PORTS[scheme]
    host_in_url = f"[{host}]" if ":" in host else host
    return _Target(
        url=url,
        scheme=scheme,
        host=host,
        port=port,
        address=str(address),
        request_url=f"{scheme}://{ip_text}:{port}{path}{query}",
        host_header=host_in_url if port == default_port else f"{host_in_url}:{port}",
    )


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value), MAX_RETRY_AFTER_SECONDS))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    seconds = when.timestamp() - time.time()
    return max(0.0, min(seconds, MAX_RETRY_AFTER_SECONDS))


class _Decoder:
    """Bounded decompression: never produces more than `limit` bytes from one chunk.

    httpx's own decoders inflate a whole network chunk at once, and 64 KiB of brotli can hold
    gigabytes of zeros; asking for at most the remaining budget keeps memory under the cap.
    """

    def __init__(self, encoding: str):
        self.encoding = encoding
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = zlib.decompressobj()
            self._deflate_probe = True
        elif encoding == "br":
            self._brotli = brotli.Decompressor()
        elif encoding not in ("", "identity"):
            raise FetchFailed(f"unsupported content encoding {encoding!r}")

    def feed(self, data: bytes, limit: int) -> bytes:
        if self.encoding in ("", "identity"):
            return data[:limit]
        try:
            if self.encoding == "br":
                out = self._brotli.process(data, output_buffer_limit=limit)
                while len(out) < limit and not self._brotli.is_finished():
                    more = self._brotli.process(b"", output_buffer_limit=limit - len(out))
                    if not more:
                        break
                    out += more
                return out
            if getattr(self, "_deflate_probe", False):
                self._deflate_probe = False
                try:
                    return self._inflate(data, limit)
                except zlib.error:  # servers send raw deflate as often as zlib-wrapped
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._inflate(data, limit)
        except (zlib.error, brotli.error) as error:
            raise FetchFailed(f"the {self.encoding} body is corrupt ({error})") from None

    def _inflate(self, data: bytes, limit: int) -> bytes:
        out = self._zlib.decompress(data, limit)
        while len(out) < limit and self._zlib.unconsumed_tail:
            out += self._zlib.decompress(self._zlib.unconsumed_tail, limit - len(out))
        return out


def _read_body(response: httpx.Response, options: FetchOptions, deadline_at: float) -> bytes:
    cap = options.max_bytes
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > cap and not response.headers.get("content-encoding"):
        raise FetchFailed(f"the body is {int(length)} bytes, over the {cap}-byte cap")
    encoding = response.headers.get("content-encoding", "").strip().lower()
    decoder = _Decoder(encoding)
    chunks: list[bytes] = []
    size = 0
    # No chunk size: each network read comes back at once, so the deadline is checked per read.
    for raw in response.iter_raw():
        if time.monotonic() > deadline_at:
            raise FetchFailed(
                f"the fetch took longer than the {options.deadline:g} s deadline", retryable=True
            )
        decoded = decoder.feed(raw, cap + 1 - size)
        size += len(decoded)
        if size > cap:
            raise FetchFailed(f"the body is over the {cap}-byte cap (after decompression)")
        chunks.append(decoded)
    return b"".join(chunks)


def _media_type(response: httpx.Response) -> tuple[str, str | None]:
    header = response.headers.get("content-type", "")
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media_type.strip().lower(), charset


def _status_failure(response: httpx.Response) -> FetchFailed:
    status = response.status_code
    reason = f"the server answered {status} {response.reason_phrase}".rstrip()
    return FetchFailed(
        reason,
        retryable=status in RETRYABLE_STATUSES,
        retry_after=parse_retry_after(response.headers.get("retry-after")),
        http_status=status,
        dead=400 <= status < 600 and status not in RETRYABLE_STATUSES,
    )


def _result(
    url: str,
    final_url: str,
    response: httpx.Response,
    body: bytes,
    redirects: list[str],
    started: float,
) -> FetchResult:
    media_type, charset = _media_type(response)
    return FetchResult(
        url=url,
        final_url=final_url,
        http_status=response.status_code,
        content_type=media_type,
        charset=charset,
        body=body,
        sha256=hashlib.sha256(body).hexdigest(),
        redirects=redirects,
        elapsed=time.monotonic() - started,
        etag=response.headers.get("etag", "")[:500],
        last_modified=response.headers.get("last-modified", "")[:100],
    )


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """Built once: loading the CA bundle costs ~40 ms of CPU, which a thread pool pays under
    the GIL on every fetch otherwise. SSLContext is safe to share between threads."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


def fetch(
    url: str, options: FetchOptions | None = None, *, conditional: dict[str, str] | None = None
) -> FetchResult:
    """Fetch `url`, following at most `max_redirects` redirects and checking every hop.

    `conditional` holds If-None-Match / If-Modified-Since; a 304 answer comes back as a result
    with `not_modified` and no body. Raises FetchRefused when it would not connect, FetchFailed
    when the fetch failed.
    """
    options = options or FetchOptions()
    started = time.monotonic()
    deadline_at = started + options.deadline
    redirects: list[str] = []
    current = url
    with httpx.Client(
        follow_redirects=False, trust_env=False, http2=False, verify=_tls_context()
    ) as client:
        while True:
            target = check_target(current, options)
            remaining = deadline_at - time.monotonic()
            if remaining <= 0:
                raise FetchFailed(
                    f"the fetch took longer than the {options.deadline:g} s deadline",
                    retryable=True,
                )
            timeout = httpx.Timeout(
                connect=min(options.connect_timeout, remaining),
                read=min(options.read_timeout, remaining),
                write=min(options.read_timeout, remaining),
                pool=min(options.connect_timeout, remaining),
            )
            headers = {
                "Host": target.host_header,
                "User-Agent": options.user_agent,
                "Accept": "text/html,application/xhtml+xml,text/plain,application/json,"
                "application/pdf;q=0.9,*/*;q=0.1",
                "Accept-Encoding": "gzip, deflate, br",
                **{
                    name: value
                    for name, value in (conditional or {}).items()
                    if name in CONDITIONAL_HEADERS and value
                },
            }
            extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
            try:
                with client.stream(
                    "GET",
                    target.request_url,
                    headers=headers,
                    timeout=timeout,
                    extensions=extensions,
                ) as response:
                    if response.is_redirect and response.headers.get("location"):
                        if len(redirects) >= options.max_redirects:
                            raise FetchRefused(
                                f"too many redirects (more than {options.max_redirects})"
                            )
                        redirects.append(current)
                        current = urljoin(current, response.headers["location"])
                        continue
                    if response.status_code == 304 and conditional:
                        return _result(url, current, response, b"", redirects, started)
                    if not 200 <= response.status_code < 300:
                        raise _status_failure(response)
                    media_type, _ = _media_type(response)
                    if media_type not in CONTENT_TYPES and (
                        media_type not in options.extra_content_types
                    ):
                        raise FetchFailed(
                            f"unsupported content type {media_type or '(none)'!r}; "
                            "fetched are HTML, plain text, JSON and PDF",
                            http_status=response.status_code,
                        )
                    body = _read_body(response, options, deadline_at)
                    return _result(url, current, response, body, redirects, started)
            except httpx.TimeoutException as error:
                what = {
                    httpx.ConnectTimeout: f"connecting took longer than {timeout.connect:g} s",
                    httpx.ReadTimeout: f"the server sent nothing for {timeout.read:g} s",
                }.get(type(error), f"the fetch timed out ({type(error).__name__})")
                if time.monotonic() >= deadline_at - 0.01:
                    what = f"the fetch took longer than the {options.deadline:g} s deadline"
                raise FetchFailed(what, retryable=True) from None
            except httpx.HTTPError as error:
                raise FetchFailed(
                    f"network error talking to {target.host}: {error or type(error).__name__}",
                    retryable=True,
                ) from None
