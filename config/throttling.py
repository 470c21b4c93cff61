"""DRF throttles that degrade instead of failing when the shared cache (Redis) is down.

A rate limit is a convenience; the API is not. While the cache cannot be reached, requests are
counted in this process's memory instead: the limit then holds per process rather than for the
whole site, which is enough to slow a runaway script and never refuses a newsroom its work.
"""

import logging

import redis.exceptions
from django.core.cache.backends.locmem import LocMemCache
from rest_framework import throttling

logger = logging.getLogger(__name__)

CACHE_ERRORS = (redis.exceptions.RedisError, OSError)
LOCAL_CACHE = LocMemCache("claimdesk-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


class LocalFallbackMixin:
    """For any `SimpleRateThrottle`: count in process memory while the shared cache is down."""

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS as error:
            logger.warning("throttle cache unreachable, limiting in this process: %s", error)
            self.cache = LOCAL_CACHE
            return super().allow_request(request, view)


class UserRateThrottle(LocalFallbackMixin, throttling.UserRateThrottle):
    pass
