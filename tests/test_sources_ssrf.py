"""The fetcher never connects to the desk's own network, however the address is written.

Every spelling of loopback points at the port of our own server, so a connection that slipped
through would show in its connection counter.
"""

import ipaddress

import pytest

from claims.fetching import FetchOptions, FetchRefused, fetch
from claims.fetching.addresses import parse_ipv4_loose, refusal_for

DEFAULTS = FetchOptions(connect_timeout=1, read_timeout=1, deadline=3)

# (host as written in the URL, words the refusal must contain)
SPELLINGS = [
    ("127.0.0.1", "127.0.0.1 is a loopback address"),
    ("localhost", "localhost resolves to 127.0.0.1 is a loopback address"),
    ("2130706433", "127.0.0.1 is a loopback address"),
    ("0177.0.0.1", "127.0.0.1 is a loopback address"),
    ("0x7f000001", "127.0.0.1 is a loopback address"),
    ("0x7f.0.0.1", "127.0.0.1 is a loopback address"),
    ("127.1", "127.0.0.1 is a loopback address"),
    ("127.0.1", "127.0.0.1 is a loopback address"),
    ("017700000001", "127.0.0.1 is a loopback address"),
    ("127.0.0.1.", "127.0.0.1 is a loopback address"),
    ("127.255.255.254", "is a loopback address"),
    ("[::1]", "::1 is a loopback address"),
    ("[::ffff:127.0.0.1]", "wraps 127.0.0.1 is a loopback address"),
    ("[::ffff:7f00:1]", "wraps 127.0.0.1 is a loopback address"),
    ("[64:ff9b::7f00:1]", "wraps 127.0.0.1 is a loopback address"),
    ("[2002:7f00:1::]", "wraps 127.0.0.1 is a loopback address"),
    ("[::]", "the unspecified address"),
    ("0.0.0.0", "a 'this network' address"),
    ("0", "a 'this network' address"),
    ("169.254.169.254", "169.254.169.254 is a link-local address"),
    ("2852039166", "169.254.169.254 is a link-local address"),
    ("[::ffff:169.254.169.254]", "wraps 169.254.169.254 is a link-local address"),
    ("[64:ff9b::a9fe:a9fe]", "wraps 169.254.169.254 is a link-local address"),
    ("10.0.0.1", "10.0.0.1 is a private address"),
    ("012.0.0.1", "10.0.0.1 is a private address"),
    ("172.16.5.4", "172.16.5.4 is a private address"),
    ("192.168.1.1", "192.168.1.1 is a private address"),
    ("0xc0a80101", "192.168.1.1 is a private address"),
    ("100.64.0.1", "a carrier-grade NAT (CGNAT) address"),
    ("224.0.0.1", "a multicast address"),
    ("239.255.255.250", "a multicast address"),
    ("240.0.0.1", "a reserved address"),
    ("255.255.255.255", "is a reserved address"),
    ("[fe80::1]", "fe80::1 is a link-local address"),
    ("[fc00::1]", "fc00::1 is a private address"),
    ("[fd12:3456::1]", "is a private address"),
    ("[ff02::1]", "ff02::1 is a multicast address"),
    ("[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "is a Teredo tunnel address"),
    ("[64:ff9b:1::a00:1]", "is a local-use NAT64 address"),
]


def test_it_has_at_least_twenty_spellings_to_refuse():
    assert len(SPELLINGS) >= 20


@pytest.mark.parametrize(("host", "reason"), SPELLINGS)
def test_it_refuses_a_non_global_address_however_it_is_written(outside_web, host, reason):
    outside_web.add("/secret", "internal")
    url = f"http://{host}:{outside_web.port}/secret"

    with pytest.raises(FetchRefused) as refused:
        fetch(url, DEFAULTS)

    assert reason in refused.value.reason
    assert outside_web.connections == 0
    assert outside_web.hits("/secret") == 0


def test_it_names_the_address_before_the_port(outside_web):
    with pytest.raises(FetchRefused) as refused:
        fetch(f"http://127.0.0.1:{outside_web.port}/", DEFAULTS)

    assert "loopback" in refused.value.reason
    assert "port" not in refused.value.reason


def test_it_refuses_ports_outside_the_allowlist_for_public_addresses():
    with pytest.raises(FetchRefused) as refused:
        fetch("http://8.8.8.8:22/", DEFAULTS)

    assert refused.value.reason == "port 22 is not allowed (only 80, 443, 8080, 8443)"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/file", "only http and https URLs are fetched, not ftp"),
        ("file:///etc/passwd", "only http and https URLs are fetched, not file"),
        ("gopher://127.0.0.1:70/", "only http and https URLs are fetched, not gopher"),
        ("//example.org/", "not a URL without a scheme"),
        ("http://user:pw@example.org/", "user name or password"),
        ("http:///nohost", "the URL names no host"),
        ("http://1.2.3.4.5/", "is not a valid IP address or host name"),
    ],
)
def test_it_refuses_urls_it_should_not_even_resolve(url, reason):
    with pytest.raises(FetchRefused) as refused:
        fetch(url, DEFAULTS)

    assert reason in refused.value.reason


def test_it_lifts_the_port_allowlist_only_with_allow_private(outside_web):
    outside_web.add("/open", "<p>ok</p>")

    result = fetch(outside_web.url("/open"), FetchOptions(allow_private=True))

    assert result.http_status == 200
    assert outside_web.connections == 1


@pytest.mark.parametrize(
    ("spelling", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("0x0a.0x00.0x00.0x01", "10.0.0.1"),
        ("1.2.3.4", "1.2.3.4"),
        ("example.org", None),
        ("256.1.1.1", None),
        ("08.1.1.1", None),
    ],
)
def test_it_reads_ipv4_the_way_inet_aton_does(spelling, address):
    parsed = parse_ipv4_loose(spelling)

    assert (str(parsed) if parsed else None) == address


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]
)
def test_it_lets_globally_routable_addresses_through(address):
    assert refusal_for(ipaddress.ip_address(address)) is None
