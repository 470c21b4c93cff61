"""The one rule for every web address a person gives Claimdesk, and its form and API fields.

An address is stored only when it is an absolute `http://` or `https://` URL naming a host.
Anything else (`javascript:443/alert(1)`, which a lenient parser reads as host `javascript`,
`data:`, a bare path, control characters, a broken IPv6 literal) is refused before it is stored,
because stored addresses are rendered as links and published in ClaimReview.
"""

import ipaddress
import re
from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from claims.url_keys import InvalidURL, source_url_normalized

MAX_LENGTH = 2000
EXPLICIT_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
# C0/C1 controls, whitespace and the bidi controls that can disguise what an address shows.
FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\s]")
DOMAIN_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _host_ok(host: str) -> bool:
    if host.startswith("[") or ":" in host:
        try:
            ipaddress.IPv6Address(host.strip("[]").split("%", 1)[0])
        except ValueError:
            return False
        return True
    try:
        ascii_host = host.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.lower().split(".")
    return 0 < len(ascii_host) <= 253 and all(DOMAIN_LABEL.match(label) for label in labels)


def web_address_checked(value: object) -> str:
    """The address as given (trimmed), or InvalidURL with a sentence a person can act on."""
    if not isinstance(value, str):
        raise InvalidURL(str(_("The address must be text.")))
    url = value.strip()
    if not url:
        raise InvalidURL(str(_("The address is empty.")))
    if len(url) > MAX_LENGTH:
        raise InvalidURL(str(_("The address is longer than 2000 characters.")))
    if not EXPLICIT_SCHEME.match(url):
        raise InvalidURL(
            str(
                _(
                    "Only http and https web addresses (starting with http:// or https://) are accepted."
                )
            )
        )
    if FORBIDDEN.search(url):
        raise InvalidURL(
            str(_("The address contains spaces or invisible control characters; remove them."))
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        raise InvalidURL(str(_("The address is malformed (check its host and port)."))) from None
    host = parts.hostname or ""
    if not host or not _host_ok(host) or "\\" in parts.netloc:
        raise InvalidURL(str(_("The address names no valid host.")))
    source_url_normalized(url)  # whatever is stored must be fetchable
    return url


def is_web_address(value: object) -> bool:
    try:
        web_address_checked(value)
    except InvalidURL:
        return False
    return True


class WebAddressFormField(forms.CharField):
    """A form field holding an optional web address (empty stays empty)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_LENGTH)
        kwargs.setdefault("widget", forms.URLInput(attrs={"placeholder": "https://", "dir": "ltr"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            return web_address_checked(value)
        except InvalidURL as error:
            raise forms.ValidationError(str(error)) from None


class WebAddressField(serializers.CharField):
    """An API field holding a web address; a bad one answers 400 naming the field."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_LENGTH)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not value:
            return value
        try:
            return web_address_checked(value)
        except InvalidURL as error:
            raise serializers.ValidationError(str(error)) from None
