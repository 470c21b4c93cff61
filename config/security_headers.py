"""Headers every response carries beside the CSP, and the one page family that may be framed.

The desk, the admin and the API are never framed (`frame-ancestors 'none'`, X-Frame-Options
DENY). The public verdict pages are made to be embedded by publishers, so for them the CSP's
frame-ancestors becomes CLAIMDESK_EMBED_ANCESTORS and X-Frame-Options is left off (it cannot
name several sites; frame-ancestors supersedes it in every current browser).
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse

EMBEDDABLE_NAMESPACES = {"public_pages"}


def _embeddable(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and EMBEDDABLE_NAMESPACES.intersection(match.namespaces))


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.CLAIMDESK_PERMISSIONS_POLICY:
            response.setdefault("Permissions-Policy", settings.CLAIMDESK_PERMISSIONS_POLICY)
        if _embeddable(request):
            ancestors = settings.CLAIMDESK_EMBED_ANCESTORS or ["'none'"]
            response._csp_replace = {"frame-ancestors": ancestors}
            response.xframe_options_exempt = True
        return response
