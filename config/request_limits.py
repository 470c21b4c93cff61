"""Oversized request bodies answer 413 (JSON `detail` under /api/, a short page elsewhere).

Django raises RequestDataTooBig only when something reads the body, and then answers a bare 400;
refusing on Content-Length first is cheaper and says what happened.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from config.api_errors import json_error


def too_large(request: HttpRequest) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    detail = f"The request body is larger than {limit:,} bytes."
    if request.path.startswith("/api/"):
        return json_error(413, detail)
    return render(request, "request_too_large.html", {"detail": detail}, status=413)


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return too_large(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, RequestDataTooBig):
            return too_large(request)
        return None
