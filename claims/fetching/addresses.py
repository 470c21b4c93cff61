"""Which addresses a source fetch may connect to.

A source URL comes from a person or from an article's links, so it may point at the desk's own
network: loopback, the cloud metadata service (169.254.169.254), a private range, or the same
places written another way (2130706433, 0177.0.0.1, 0x7f000001, 127.1, ::ffff:127.0.0.1,
64:ff9b::7f00:1, 2002:7f00:1::). Every spelling is reduced to the address a socket would reach,
and only globally routable addresses pass.
"""

from __future__ import annotations

import ipaddress
import re
import socket

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Python's is_global misses some of these (multicast is "global" in 3.11), so name them all.
_BLOCKED_V4 = [
    (ipaddress.ip_network("0.0.0.0/8"), "a 'this network' address"),
    (ipaddress.ip_network("10.0.0.0/8"), "a private address"),
    (ipaddress.ip_network("100.64.0.0/10"), "a carrier-grade NAT (CGNAT) address"),
    (ipaddress.ip_network("127.0.0.0/8"), "a loopback address"),
    (ipaddress.ip_network("169.254.0.0/16"), "a link-local address (cloud metadata lives here)"),
    (ipaddress.ip_network("172.16.0.0/12"), "a private address"),
    (ipaddress.ip_network("192.0.0.0/24"), "an IETF protocol assignment address"),
    (ipaddress.ip_network("192.0.2.0/24"), "a documentation address"),
    (ipaddress.ip_network("192.88.99.0/24"), "a 6to4 relay anycast address"),
    (ipaddress.ip_network("192.168.0.0/16"), "a private address"),
    (ipaddress.ip_network("198.18.0.0/15"), "a benchmarking address"),
    (ipaddress.ip_network("198.51.100.0/24"), "a documentation address"),
    (ipaddress.ip_network("203.0.113.0/24"), "a documentation address"),
    (ipaddress.ip_network("224.0.0.0/4"), "a multicast address"),
    (ipaddress.ip_network("240.0.0.0/4"), "a reserved address"),
]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")
_TEREDO = ipaddress.ip_network("2001::/32")

_V4_PART = re.compile(r"^(0x[0-9a-f]*|0[0-7]*|[1-9][0-9]*)$", re.IGNORECASE)


class AddressRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def parse_ipv4_loose(host: str) -> ipaddress.IPv4Address | None:
    """Read an IPv4 address the way inet_aton does: 1 to 4 parts, each decimal, octal or hex.

    `127.1`, `2130706433`, `0177.0.0.1` and `0x7f.1` all name 127.0.0.1 to a socket, so they
    must name it here too. Returns None when `host` is not such a spelling (a DNS name).
    """
    parts = host.rstrip(".").split(".")
    if not 1 <= len(parts) <= 4 or not all(_V4_PART.match(part) for part in parts):
        return None
    numbers = []
    for part in parts:
        if part.lower().startswith("0x"):
            numbers.append(int(part[2:] or "0", 16))
        elif part.startswith("0") and len(part) > 1:
            numbers.append(int(part, 8))
        else:
            numbers.append(int(part))
    *leading, last = numbers
    if any(number > 255 for number in leading) or last >= 256 ** (5 - len(numbers)):
        return None
    value = 0
    for number in leading:
        value = value * 256 + number
    value = value * 256 ** (5 - len(numbers)) + last
    return ipaddress.IPv4Address(value)


def parse_ip_literal(host: str) -> IPAddress | None:
    host = host.strip("[]")
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return None
    return parse_ipv4_loose(host)


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries (mapped, NAT64, 6to4), which is what gets reached."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    return None


def refusal_for(address: IPAddress) -> str | None:
    """Why `address` may not be fetched, or None when it is globally routable."""
    if isinstance(address, ipaddress.IPv6Address):
        if address in _TEREDO:
            return f"{address} is a Teredo tunnel address"
        if address in _NAT64_LOCAL:
            return f"{address} is a local-use NAT64 address"
        inner = embedded_ipv4(address)
        if inner is not None:
            reason = refusal_for(inner)
            return f"{address} wraps {reason}" if reason else None
        checks = [
            (address.is_unspecified, "the unspecified address"),
            (address.is_loopback, "a loopback address"),
            (address.is_link_local, "a link-local address"),
            (address.is_site_local, "a site-local address"),
            (address.is_multicast, "a multicast address"),
            (address.is_private, "a private address"),
            (address.is_reserved, "a reserved address"),
            (not address.is_global, "not a globally routable address"),
        ]
    else:
        checks = [(address in network, label) for network, label in _BLOCKED_V4]
        checks += [
            (address.is_unspecified, "the unspecified address"),
            (address.is_reserved, "a reserved address"),
            (not address.is_global, "not a globally routable address"),
        ]
    for blocked, label in checks:
        if blocked:
            return f"{address} is {label}"
    return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to, once; raises socket.gaierror when the name is unknown."""
    literal = parse_ip_literal(host)
    if literal is not None:
        return [literal]
    if host.strip("[]").replace(".", "").isdigit() or host.lower().startswith("0x"):
        raise AddressRefused(f"{host!r} is not a valid IP address or host name")
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if address not in seen:
            seen.append(address)
    return seen


def checked_address(
    host: str, port: int, *, allow_private: bool, allow_addresses: frozenset[str] = frozenset()
) -> IPAddress:
    """Resolve `host` once and return the address to connect to, or raise AddressRefused.

    A name that resolves to several addresses is refused when any of them is not global: an
    attacker controls the order, and a refusal is cheaper to explain than a partial rule.
    """
    addresses = resolve(host, port)
    if not addresses:
        raise socket.gaierror(f"{host} has no address")
    for address in addresses:
        if allow_private or str(address) in allow_addresses:
            continue
        reason = refusal_for(address)
        if reason:
            if str(address) == host.strip("[]"):
                raise AddressRefused(reason)
            if parse_ip_literal(host) is not None:
                raise AddressRefused(f"{host} is {address}, and {reason}")
            raise AddressRefused(f"{host} resolves to {reason}")
    return addresses[0]
