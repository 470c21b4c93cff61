"""GET /healthz: are the database, the broker and the cache reachable?"""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app as celery_app


def database_status() -> str | None:
    """None when reachable, else the reason."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:
        return f"{type(error).__name__}: {error}".strip()[:300]
    return None


def broker_status() -> str | None:
    try:
        with celery_app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    except Exception as error:
        return f"{type(error).__name__}: {error}".strip()[:300]
    return None


def cache_status() -> str | None:
    try:
        cache.get("claimdesk:healthz")
    except Exception as error:
        return f"{type(error).__name__}: {error}".strip()[:300]
    return None


@never_cache
@require_GET
def healthz(request):
    problems = {
        "database": database_status(),
        "broker": broker_status(),
        "cache": cache_status(),
    }
    body = {name: ("ok" if problem is None else "down") for name, problem in problems.items()}
    body["errors"] = {name: problem for name, problem in problems.items() if problem}
    body["status"] = "ok" if not body["errors"] else "down"
    return JsonResponse(body, status=200 if not body["errors"] else 503)
