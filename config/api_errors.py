"""Every API error is JSON with a readable `detail`."""

from django.http import JsonResponse
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and "detail" not in data:
        # Field errors: keep them, and add one sentence a person can read.
        first_field, first_errors = next(iter(data.items()), ("input", ["invalid"]))
        message = (
            first_errors[0] if isinstance(first_errors, list) and first_errors else first_errors
        )
        response.data = {"detail": f"{first_field}: {message}", "errors": data}
    elif isinstance(data, list):
        response.data = {"detail": "; ".join(str(item) for item in data), "errors": data}
    return response


def json_error(status: int, detail: str, **extra) -> JsonResponse:
    return JsonResponse({"detail": detail, **extra}, status=status)
