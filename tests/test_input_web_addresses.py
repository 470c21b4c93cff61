"""Every web-address field refuses "not a url" with a clear message naming the field as people
read it (its label, in their language), in the desk forms and in the API, and stores nothing."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from claims.models import Article, ArticleURL, Feed, Source
from reviews.models import WebhookEndpoint
from tests.workflow_setup import assigned_claim, plain_http  # noqa: F401

NOT_A_URL = "not a url"
REFUSAL = {
    "en": "Only http and https web addresses (starting with http:// or https://) are accepted.",
    "ar": "لا تُقبل إلا عناوين الويب بصيغة http وhttps (التي تبدأ بـ http:// أو https://).",
}
LABELS = {
    "article": {"en": "Article URL", "ar": "رابط المقال"},
    "published": {"en": "Published URL", "ar": "رابط النشر"},
    "source": {"en": "Source URL", "ar": "رابط المصدر"},
    "feed": {"en": "Feed address", "ar": "عنوان الموجز"},
    "webhook": {"en": "Receiver address", "ar": "عنوان المستقبِل"},
}
INTERNAL_NAMES = ("published_url", "url:", "normalized_url")
SECRET = "a-long-enough-signing-secret"
LANGUAGES = ["en", "ar"]


def _visible_text(html: str) -> str:
    """What a person reads: the markup and its attributes dropped."""
    html = re.sub(r"<(script|style|datalist)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _field_block(html: str, name: str) -> str:
    """The form field's own block, from its label to the next field."""
    match = re.search(
        rf'<div[^>]*>\s*<label for="id_{name}".*?(?=<div[^>]*>\s*<label |</form>)', html, re.S
    )
    assert match, f"no field block for {name}"
    return match.group(0)


def _desk(desk_client, user, language: str):
    client = desk_client(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _stored() -> list[int]:
    return [model.objects.count() for model in (Article, ArticleURL, Source, Feed, WebhookEndpoint)]


def _assert_nothing_stored() -> None:
    assert _stored() == [0, 0, 0, 0, 0]


# --- the desk forms ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("field", "data"),
    [
        ("url", {"url": NOT_A_URL}),
        ("published_url", {"body": "Exports rose 12% in 2023.", "published_url": NOT_A_URL}),
    ],
)
def test_it_refuses_a_bad_article_address_in_the_desk_form(
    desk_client, checker, language, field, data
):
    response = _desk(desk_client, checker, language).post(
        reverse("desk:article_submit"), {"title": "", "url": "", "body": "", **data}
    )

    assert response.status_code == 400
    block = _visible_text(_field_block(response.content.decode(), field))
    assert REFUSAL[language] in block  # under the field's own label
    assert not any(name in _visible_text(response.content.decode()) for name in INTERNAL_NAMES)
    _assert_nothing_stored()


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_refuses_a_bad_source_address_naming_the_field(desk_client, checker, language):
    claim = assigned_claim(checker)
    client = _desk(desk_client, checker, language)
    url = reverse("desk:claim_source_attach", args=[claim.pk])

    inline = client.post(url, {"url": NOT_A_URL}, headers={"HX-Request": "true"})
    flashed = client.post(url, {"url": NOT_A_URL}, follow=True)

    expected = f"{LABELS['source'][language]}: {REFUSAL[language]}"
    assert inline.status_code == 400
    assert expected in _visible_text(inline.content.decode())
    assert expected in _visible_text(flashed.content.decode())  # the flash after the redirect
    assert not Source.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("kind", "path", "data"),
    [
        ("feed", "desk:feeds", {"publisher": "Wire", "interval_minutes": "15"}),
        ("webhook", "desk:webhooks", {"events": ["verdict.published"], "secret": SECRET}),
    ],
)
def test_it_refuses_a_bad_monitoring_address_in_the_desk_form(
    desk_client, editor, language, kind, path, data
):
    response = _desk(desk_client, editor, language).post(reverse(path), {"url": NOT_A_URL, **data})

    assert response.status_code == 400
    html = response.content.decode()
    block = _visible_text(_field_block(html, "url"))
    assert LABELS[kind][language] in block
    assert REFUSAL[language] in block
    assert not any(name in _visible_text(html) for name in INTERNAL_NAMES)
    _assert_nothing_stored()


# --- the API -------------------------------------------------------------------------------


def _api_cases(checker):
    claim = assigned_claim(checker)
    return {
        "article": ("checker", "/api/v1/articles/", {"url": NOT_A_URL}, "url"),
        "published": (
            "checker",
            "/api/v1/articles/",
            {"body": "Exports rose 12% in 2023.", "published_url": NOT_A_URL},
            "published_url",
        ),
        "source": ("checker", f"/api/v1/claims/{claim.pk}/sources/", {"url": NOT_A_URL}, "url"),
        "feed": (
            "editor",
            "/api/v1/feeds/",
            {"url": NOT_A_URL, "publisher": "Wire", "interval_minutes": 15},
            "url",
        ),
        "webhook": (
            "editor",
            "/api/v1/webhooks/",
            {"url": NOT_A_URL, "events": ["verdict.published"], "secret": SECRET},
            "url",
        ),
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(LABELS))
def test_the_api_refuses_a_bad_address_naming_the_field_as_people_read_it(
    checker, checker_api, editor_api, language, kind
):
    role, path, payload, key = _api_cases(checker)[kind]
    client = checker_api if role == "checker" else editor_api
    before = _stored()  # the claim a source is cited for has its article

    response = client.post(path, payload, format="json", headers={"accept-language": language})

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == f"{LABELS[kind][language]}: {REFUSAL[language]}"
    assert body["errors"][key] == [REFUSAL[language]]  # programs still find it by key
    assert _stored() == before
