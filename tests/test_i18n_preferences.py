"""The reader's language, digits and time zone: stored on the user, a cookie for anonymous
readers, Accept-Language by default; times in the reader's zone; the latest draft save shown."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from claims.models import UserPreferences
from reviews.verdicts import verdict_save_draft
from tests.workflow_setup import assigned_claim, plain_http  # noqa: F401


def test_it_follows_accept_language_when_nothing_was_chosen(desk_client, checker):
    html = desk_client(checker).get("/", headers={"accept-language": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "خذ التالي" in html  # "Take next"


def test_it_stores_the_switchers_choice_on_the_user_over_the_browsers_language(
    desk_client, checker
):
    client = desk_client(checker)
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert response.status_code == 302
    assert UserPreferences.objects.get(user=checker).language == "ar"
    fresh = desk_client(checker)  # another browser, English by its headers and no cookie
    html = fresh.get("/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="ar" dir="rtl"' in html


def test_it_gives_anonymous_readers_a_cookie_and_no_account_write(client, defaults):
    response = client.get(reverse("set_language"), {"language": "ar", "next": "/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert response["Cache-Control"] == "no-store"
    html = client.get("/login/", secure=True).content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert UserPreferences.objects.count() == 0


def test_it_refuses_to_redirect_a_language_switch_off_site(client, defaults):
    response = client.get(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_it_saves_digits_and_a_time_zone_and_uses_them(desk_client, checker):
    client = desk_client(checker)
    response = client.post(
        reverse("preferences"),
        {"language": "ar", "digits": "arabic-indic", "time_zone": "Asia/Beirut"},
    )
    assert response.status_code == 302
    preferences = UserPreferences.objects.get(user=checker)
    assert (preferences.digits, preferences.time_zone) == ("arabic-indic", "Asia/Beirut")
    html = client.get("/").content.decode()
    assert 'data-digits="arabic-indic"' in html


def test_it_refuses_an_unknown_time_zone_with_a_message(desk_client, checker):
    response = desk_client(checker).post(
        reverse("preferences"), {"language": "", "digits": "western", "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 400
    assert "No time zone is called “Mars/Olympus”." in response.content.decode()


def test_it_shows_the_latest_draft_save_in_the_readers_time_zone(desk_client, checker):
    UserPreferences.objects.create(user=checker, time_zone="Asia/Beirut")
    claim = assigned_claim(checker)
    first = verdict_save_draft(claim=claim, author=checker, summary="first")
    earlier = timezone.now() - dt.timedelta(hours=3)
    type(first).objects.filter(pk=first.pk).update(updated_at=earlier)
    response = desk_client(checker).post(
        reverse("desk:verdict_draft", args=[claim.pk]),
        {"summary": "second", "version": first.version},
    )
    html = response.content.decode()
    saved = type(first).objects.get(pk=first.pk).updated_at
    assert saved > earlier
    beirut = timezone.localtime(saved, timezone=dt.timezone(dt.timedelta(hours=2)))
    shown = {beirut.strftime("%H:%M"), (beirut + dt.timedelta(hours=1)).strftime("%H:%M")}
    assert any(f">{time}:" in html for time in shown), html  # Beirut is UTC+2 or +3
    assert "EET" in html or "EEST" in html  # the zone is named


@pytest.mark.parametrize(("language", "words"), [("ar", "اعتمد"), ("en", "approved")])
def test_it_writes_a_notification_in_its_recipients_language(checker, editor, language, words):
    from reviews.notifications import notify_verdict_approved
    from tests.workflow_setup import submitted_verdict

    UserPreferences.objects.create(user=checker, language=language)
    verdict = submitted_verdict(checker, rating="unverifiable")
    assert words in notify_verdict_approved(verdict=verdict, editor=editor).message
