"""A database, broker or cache that is down answers like an API: 503 with `detail` and `Retry-After`.

Callers (scripts, the publishers' embed, the desk's htmx) can tell "try again shortly" from a bug
only if an outage never looks like a 500. The middleware turns a view's outage into a 503; the
500 handler does the same for an outage raised by a middleware (a session read, a throttle),
which Django converts to a response before any `process_exception` sees it.
"""

import logging
import sys

import kombu.exceptions
import redis.exceptions
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

DATABASE = "database"
BROKER = "broker"
CACHE = "cache"

# Which part is down, by the exception that said so.
OUTAGE_ERRORS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((OperationalError, InterfaceError), DATABASE),
    ((kombu.exceptions.OperationalError,), BROKER),
    ((redis.exceptions.ConnectionError, redis.exceptions.TimeoutError), CACHE),
)


def outage_part(error: BaseException | None) -> str | None:
    """The part an exception says is down (database, broker, cache), or None for any other error."""
    for classes, part in OUTAGE_ERRORS:
        if isinstance(error, classes):
            return part
    return None


def _detail(part: str) -> str:
    messages = {
        DATABASE: _("Claimdesk cannot reach its database right now."),
        BROKER: _("Claimdesk cannot reach its task queue right now."),
        CACHE: _("Claimdesk cannot reach its cache right now."),
    }
    return messages[part] + " " + _("Please try again in a minute.")


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def outage_response(request: HttpRequest, part: str) -> HttpResponse:
    retry_after = str(settings.CLAIMDESK_OUTAGE_RETRY_AFTER)
    if _wants_json(request):
        response: HttpResponse = JsonResponse(
            {"detail": _detail(part), "unavailable": part}, status=503
        )
    else:
        # A page of its own: base.html reads the session and the user, which may be what is down.
        body = loader.render_to_string(
            "unavailable.html", {"part": part, "retry_after": retry_after}
        )
        response = HttpResponse(body, status=503)
    response["Retry-After"] = retry_after
    response["Cache-Control"] = "no-store"
    return response


class OutageMiddleware:
    """Outermost: whatever view hits an outage answers 503 (JSON under /api/, else a page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        part = outage_part(exception)
        if part is None:
            return None
        logger.warning("%s %s: %s unavailable: %s", request.method, request.path, part, exception)
        return outage_response(request, part)


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: an outage raised outside a view (in a middleware) is a 503 too."""
    part = outage_part(sys.exc_info()[1])
    if part is not None:
        return outage_response(request, part)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Internal server error.")}, status=500)
    return django_server_error(request, template_name)
