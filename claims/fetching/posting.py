"""POST a small JSON body to an address the safe fetcher would also accept (webhooks out).

The same rules as a fetch: scheme, port and a globally routable address, checked once and then
connected to directly (no DNS rebinding), bounded in time. Redirects are not followed: a
receiver that moves answers with its new address to the editor, not to us.
"""

from __future__ import annotations

import time

import httpx

from claims.fetching.fetcher import FetchFailed, FetchOptions, _tls_context, check_target

MAX_RESPONSE_BYTES = 64 * 1024


def post_json(url: str, body: bytes, *, headers: dict[str, str], options: FetchOptions) -> int:
    """Send `body`; return the HTTP status. Raises FetchRefused or FetchFailed (timeouts, network)."""
    target = check_target(url, options)
    started = time.monotonic()
    timeout = httpx.Timeout(
        connect=options.connect_timeout,
        read=options.read_timeout,
        write=options.read_timeout,
        pool=options.connect_timeout,
    )
    request_headers = {
        **headers,
        "Host": target.host_header,
        "User-Agent": options.user_agent,
        "Content-Type": "application/json",
    }
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    try:
        with (
            httpx.Client(follow_redirects=False, trust_env=False, verify=_tls_context()) as client,
            client.stream(
                "POST",
                target.request_url,
                content=body,
                headers=request_headers,
                timeout=timeout,
                extensions=extensions,
            ) as response,
        ):
            size = 0
            for chunk in response.iter_raw():
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES or time.monotonic() - started > options.deadline:
                    break  # the status is all we keep; a chatty receiver is not waited for
            return response.status_code
    except httpx.TimeoutException:
        raise FetchFailed(
            f"the receiver did not answer within {options.read_timeout:g} s", retryable=True
        ) from None
    except httpx.HTTPError as error:
        raise FetchFailed(
            f"network error talking to {target.host}: {error or type(error).__name__}",
            retryable=True,
        ) from None
