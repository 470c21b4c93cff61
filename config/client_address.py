"""Who is knocking: the client address behind a declared number of proxies, and the lockout answer.

X-Forwarded-For is written by whoever sends the request; only the entries our own proxies append
are true. With CLAIMDESK_TRUSTED_PROXIES = N the client is the N-th address from the right (what
DRF does with NUM_PROXIES = N); with 0 the header is ignored and the peer address is the client.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from config.api_errors import json_error


def client_address(request: HttpRequest) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = settings.CLAIMDESK_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return peer
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if not addresses:
        return peer
    return addresses[-min(proxies, len(addresses))]


def _minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    minutes = _minutes()
    detail = _(
        "Too many failed login attempts: this account or address is locked for %(minutes)d "
        "minutes. Wait, then try again (or ask an administrator to unlock it)."
    ) % {"minutes": minutes}
    if request.path.startswith("/api/"):
        response: HttpResponse = json_error(429, detail)
    else:
        response = render(request, "registration/locked_out.html", {"detail": detail}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
