"""How Claimdesk recognises one web address written several ways.

Publishers send their article URL as the page knows it: with or without `www.`, http or https,
a trailing slash, upper-case host, tracking parameters, a fragment. `url_match_key` reduces all of
those to one key; `source_url_normalized` keeps a fetchable URL for sources.
"""

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext as _

# Click and campaign identifiers (besides every `utm_*`): they say how a reader arrived, never
# which article it is.
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "msclkid", "gbraid", "wbraid", "yclid", "twclid", "ttclid",
    "mc_cid", "mc_eid", "igshid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "ref_src",
    "ref_url", "oly_enc_id", "oly_anon_id", "vero_id", "wt_mc", "cmpid", "ocid", "smid",
}  # fmt: skip
# Query parameters that only select the AMP rendering of the same article (?amp, ?amp=1,
# ?outputType=amp): dropped from the match key, never from a fetchable URL.
AMP_PARAMS = {"amp", "outputtype"}
# RFC 3986 sub-delims plus ":" and "@" stay as they are in a path; everything else is %-encoded.
PATH_SAFE = "/:@!$&'()*+,;=-._~"
ENCODED_SLASH = re.compile("%2f", re.IGNORECASE)
DEFAULT_PORTS = {"http": 80, "https": 443}
# No address contains control characters; PostgreSQL refuses a NUL in any text it is given.
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


class InvalidURL(ValueError):
    pass


def _split(url: str):
    url = (url or "").strip()
    if not url:
        raise InvalidURL(_("The URL is empty."))
    if url.startswith("//"):  # protocol-relative, as some pages write their canonical link
        url = "http:" + url
    if "://" not in url:
        url = "http://" + url
    if CONTROL_CHARS.search(url):
        raise InvalidURL("The URL contains control characters.")
    try:
        parts = urlsplit(url)
    except ValueError:  # a broken IPv6 literal: http://[::1/ or http://a]b.com/
        raise InvalidURL("The URL's host is malformed.") from None
    if parts.scheme.lower() not in DEFAULT_PORTS:
        raise InvalidURL(
            _("Only http and https URLs are accepted, not “%(scheme)s”.") % {"scheme": parts.scheme}
        )
    if not parts.hostname:
        raise InvalidURL(_("The URL names no host."))
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        raise InvalidURL(_("The URL has an invalid port.")) from None
    return parts


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key.startswith("utm_") or key in TRACKING_PARAMS


def _clean_query(query: str) -> str:
    kept = [
        (key, value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if not _is_tracking(key)
    ]
    return urlencode(sorted(kept))


def _host(parts) -> str:
    host = parts.hostname.lower().rstrip(".")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    return host


def _netloc(parts, host: str) -> str:
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port and port != DEFAULT_PORTS[parts.scheme.lower()]:
        return f"{host}:{port}"
    return host


def _path_key(path: str) -> str:
    """One spelling per path: an Arabic slug arrives raw from one page and %-encoded from another."""
    # An encoded slash is not a path separator, so it stays encoded.
    pieces = ENCODED_SLASH.split(path)
    return "%2F".join(
        quote(unquote(piece, errors="surrogateescape"), safe=PATH_SAFE, errors="surrogateescape")
        for piece in pieces
    )


def _without_amp(query: str) -> str:
    kept = [
        (key, value)
        for key, value in parse_qsl(query, keep_blank_values=True)
        if not (key.lower() in AMP_PARAMS and value.lower() in ("", "1", "true", "amp"))
    ]
    return urlencode(kept)


def url_match_key(url: str) -> str:
    """Scheme-, `www.`-, slash-, case-of-host-, tracking-, AMP-, %-encoding- and fragment-insensitive key."""
    parts = _split(url)
    # A published article lives on a public site: `notaurl` or `javascript:443/…` read with
    # http:// in front name a bare word, not a web host.
    if "." not in parts.hostname and ":" not in parts.hostname and parts.hostname != "localhost":
        raise InvalidURL("The URL's host is not a domain name or an IP address.")
    host = _host(parts)
    if host.startswith("www."):
        host = host[4:]
    if host.startswith("amp."):
        host = host[4:]
    path = _path_key(parts.path).rstrip("/")
    if path.endswith("/amp"):
        path = path[: -len("/amp")]
    elif path.endswith(".amp"):  # /story-123.amp
        path = path[: -len(".amp")]
    elif path.endswith(".amp.html"):
        path = path[: -len(".amp.html")] + ".html"
    query = _clean_query(_without_amp(parts.query))
    key = _netloc(parts, host) + path
    return f"{key}?{query}" if query else key


def source_url_normalized(url: str) -> str:
    """A fetchable URL: lower-case scheme and host, default port dropped, no tracking, no fragment."""
    parts = _split(url)
    scheme = parts.scheme.lower()
    host = _host(parts)
    path = parts.path or "/"
    return urlunsplit((scheme, _netloc(parts, host), path, _clean_query(parts.query), ""))


def url_canonical(url: str) -> str:
    """The address to show people and search engines: as given, less tracking and fragment.

    Unlike the match key, the host, path and the order of the remaining parameters stay as the
    publisher wrote them. Raises InvalidURL when `url` is not an http(s) address.
    """
    parts = _split(url)
    kept = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(key)
    ]
    return urlunsplit(
        (parts.scheme.lower(), _netloc(parts, _host(parts)), parts.path or "/", urlencode(kept), "")
    )
