"""Each person's reading preferences (language, digits, time zone) and the middleware that applies them.

Order of precedence for the interface language: the signed-in person's stored choice, then the
`django_language` cookie (anonymous readers of public pages), then `Accept-Language`, then the
site's LANGUAGE_CODE. The last three are LocaleMiddleware's; this middleware runs after it.
"""

import zoneinfo
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from claims import formatting
from claims.models import UserPreferences

# The public API answers every publisher's page view: it never reads the session (no cookie,
# no `Vary: Cookie`, no query on a cache hit).
SESSIONLESS_PREFIXES = ("/api/v1/public/", "/static/", "/healthz")


@lru_cache(maxsize=1)
def time_zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def preferences_for(user) -> UserPreferences | None:
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_claimdesk_preferences", None)
    if cached is None:
        cached = _stored_preferences(user) or UserPreferences(user=user)
        user._claimdesk_preferences = cached
    return cached


# Whether this process has read the preferences table; until then each read is guarded.
_table = {"seen": False}


def _stored_preferences(user) -> UserPreferences | None:
    # New code may run before `migrate` during a deploy (and a database of the previous release
    # has no preferences table): read defaults rather than fail every page and notification.
    # Until the table has answered once, the read sits in a savepoint, which keeps an outer
    # PostgreSQL transaction usable after the error; then it is one plain query per request.
    query = UserPreferences.objects.filter(user=user)
    try:
        if _table["seen"]:
            return query.first()
        with transaction.atomic():
            found = query.first()
    except DatabaseError:
        _table["seen"] = False
        return None
    _table["seen"] = True
    return found


@transaction.atomic
def preferences_update(*, user, **fields) -> UserPreferences:
    """Store a person's choices (only the fields given)."""
    preferences, _created = UserPreferences.objects.select_for_update().get_or_create(user=user)
    for name, value in fields.items():
        setattr(preferences, name, value)
    preferences.full_clean(exclude=["user"])
    preferences.save()
    user._claimdesk_preferences = preferences
    return preferences


class UserPreferencesMiddleware:
    """Activate the signed-in person's language, time zone and digits for this request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        preferences = None
        if not request.path.startswith(SESSIONLESS_PREFIXES) and (
            settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            try:
                preferences = preferences_for(getattr(request, "user", None))
            except DatabaseError:
                # An outage: defaults here; the view meets it again and answers 503 (outages).
                preferences = None
        if preferences is not None and preferences.language:
            translation.activate(preferences.language)
            request.LANGUAGE_CODE = preferences.language
        zone = _zone(preferences.time_zone if preferences is not None else "")
        if zone is not None:
            timezone.activate(zone)
        else:
            timezone.deactivate()
        digits = preferences.digits if preferences is not None else UserPreferences.Digits.WESTERN
        token = formatting.digits_style.set(digits)
        try:
            return self.get_response(request)
        finally:
            formatting.digits_style.reset(token)
            timezone.deactivate()


def shortcuts(request: HttpRequest) -> dict:
    """Template context: `shortcuts_off` when the signed-in person turned single-key shortcuts off
    (base.html renders it as <body data-shortcuts="off">, which shortcuts.js obeys)."""

    def off() -> bool:
        # Called only where a template asks (the desk's <body>): public pages never read the
        # session for it, so they stay cacheable.
        try:
            preferences = preferences_for(getattr(request, "user", None))
        except DatabaseError:
            return False
        return preferences is not None and not preferences.shortcuts_enabled

    return {"shortcuts_off": off}


def _zone(name: str) -> zoneinfo.ZoneInfo | None:
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
