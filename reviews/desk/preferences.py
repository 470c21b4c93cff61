"""A person's reading preferences: the header's language switcher and the preferences page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language

from claims.preferences import preferences_for, preferences_update, time_zone_names
from reviews.desk.access import page
from reviews.desk.forms import PreferencesForm


@require_http_methods(["GET", "POST"])
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie, safe redirect), and the choice kept on the signed-in user.

    GET serves the public pages' plain links: they are cached and carry no CSRF token, and
    the worst a forged link can do is show a reader the other language. Only POST stores the
    choice on the account.
    """
    if request.method == "GET":
        return _language_cookie_redirect(request)
    response = set_language(request)
    code = request.POST.get("language", "")
    if request.user.is_authenticated and code in dict(settings.LANGUAGES):
        preferences_update(user=request.user, language=code)
    return response


def _language_cookie_redirect(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("language", "")
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
    response["Cache-Control"] = "no-store"
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


@login_required
def preferences_view(request: HttpRequest) -> HttpResponse:
    current = preferences_for(request.user)
    initial = {
        "language": current.language,
        "digits": current.digits,
        "time_zone": current.time_zone,
        "shortcuts_enabled": current.shortcuts_enabled,
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            saved = preferences_update(user=request.user, **form.cleaned_data)
            language = saved.language or translation.get_language_from_request(request)
            translation.activate(language)
            messages.success(request, _("Your preferences are saved."))
            response = redirect("preferences")
            if saved.language:
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    saved.language,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                )
            return response
        status = 400
    context = {
        "form": form,
        "nav": "preferences",
        "time_zones": time_zone_names(),
        "site_time_zone": settings.TIME_ZONE,
    }
    return page(request, "claims/preferences.html", context, status=status)
