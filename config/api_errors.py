"""Every API error is JSON with a readable `detail`."""

from django.http import JsonResponse
from rest_framework.views import exception_handler as drf_exception_handler


def _field_label(data, name: str) -> str:
    """A body field as people read it (its translated label), never its key (`published_url`).

    A serializer's errors keep a reference to the serializer (DRF's ReturnDict), whose bound
    fields carry their labels. Errors without one (django-filter's) are about query parameters,
    which the caller typed by that very name.
    """
    serializer = getattr(data, "serializer", None)
    fields = getattr(serializer, "fields", None) or {}
    label = getattr(fields.get(name), "label", None)
    return str(label) if label else name


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and "detail" not in data:
        # Field errors: keep them by key for programs, and add one sentence a person can read.
        first_field, first_errors = next(iter(data.items()), ("input", ["invalid"]))
        message = (
            first_errors[0] if isinstance(first_errors, list) and first_errors else first_errors
        )
        if isinstance(message, dict):  # a nested serializer or a list of them: its first error
            message = next(iter(message.values()), "")
            message = message[0] if isinstance(message, list) and message else message
        if first_field == "non_field_errors":
            detail = str(message)
        else:
            detail = f"{_field_label(data, first_field)}: {message}"
        response.data = {"detail": detail, "errors": data}
    elif isinstance(data, list):
        response.data = {"detail": "; ".join(str(item) for item in data), "errors": data}
    return response


def json_error(status: int, detail: str, **extra) -> JsonResponse:
    return JsonResponse({"detail": detail, **extra}, status=status)
