"""What a published verdict says about the claim and the article, checked as JSON-LD against the
properties Google's ClaimReview documentation marks required and recommended."""

from datetime import date

import pytest
from django.utils import timezone

from claims.ingest import article_submit
from claims.models import Article
from reviews.approval import verdict_approve
from reviews.claimreview import canonical_urls, speaker_node
from reviews.models import Rating, Verdict
from reviews.verdicts import verdict_submit
from tests.test_public_api import (
    SCHEMA,
    _clear_cache,  # noqa: F401
    assert_google_properties,
    expand,
    get,
    make_article,
    make_verdict,
    prop,
    publish,
)
from tests.workflow_setup import assigned_claim, cited_snapshot, plain_http  # noqa: F401

TRACKED = "https://news.example.org/2025/01/budget-speech?utm_source=twitter&utm_medium=social&fbclid=IwAR0&id=7"
CLEAN = "https://news.example.org/2025/01/budget-speech?id=7"


def review_for(client, url=CLEAN) -> tuple[dict, dict]:
    """(the raw JSON, the same parsed as JSON-LD and expanded)."""
    document = get(client, "claimreview.json", url).json()
    [raw] = document
    [expanded] = expand(document)
    return raw, expanded


def value(node: dict, name: str):
    [item] = prop(node, name)
    return item.get("@value", item.get("@id"))


def test_it_publishes_every_required_and_recommended_property_as_json_ld(client, defaults):
    article = make_article(urls=(TRACKED,), title="Budget speech", language="en")
    claim_text = article.body[:20]
    publish(
        make_verdict(
            article,
            claim_reviewed="Exports rose 5% last year",
            summary="They rose 2%, says the statistics office",
            rationale="The office's table for 2024 shows 2.1%.",
        )
    )

    raw, review = review_for(client)

    assert_google_properties(review)
    [rating] = prop(review, "reviewRating")
    # The claim as reviewed, the summary as the short text, the rationale as the body.
    assert value(review, "claimReviewed") == "Exports rose 5% last year"
    assert value(review, "headline") == "They rose 2%, says the statistics office"
    assert value(review, "reviewBody") == "The office's table for 2024 shows 2.1%."
    assert value(rating, "alternateName") == "False"
    assert claim_text not in raw["claimReviewed"]


def test_it_publishes_the_claims_text_when_the_checker_did_not_reword_it(client, defaults):
    article = make_article(urls=(CLEAN,))
    verdict = publish(make_verdict(article, claim_reviewed="", summary="Not so"))

    raw, review = review_for(client)

    assert value(review, "claimReviewed") == verdict.claim.text
    assert raw["headline"] == "Not so"


def test_it_publishes_the_article_address_without_tracking_parameters(client, defaults):
    article = make_article(urls=(TRACKED, "https://amp.example.org/story?gclid=x&mc_cid=1#top"))
    publish(make_verdict(article))

    raw, review = review_for(client)

    [item] = prop(review, "itemReviewed")
    urls = [value(appearance, "url") for appearance in prop(item, "appearance")]
    assert urls == [CLEAN, "https://amp.example.org/story"]
    assert value(prop(item, "firstAppearance")[0], "url") == CLEAN
    assert "utm_" not in str(raw) and "fbclid" not in str(raw)
    assert get(client, "articles/", CLEAN).json()["article"]["urls"] == urls


@pytest.mark.parametrize(
    "url",
    [
        "https://news.example.org/a?utm_campaign=x",
        "https://news.example.org/a?ref_src=twsrc%5Etfw",
        "https://news.example.org/a?igshid=1&_ga=2.1&mc_eid=3",
        "https://news.example.org/a#comments",
    ],
)
def test_it_drops_each_kind_of_tracking_from_a_published_address(url):
    assert canonical_urls([url]) == ["https://news.example.org/a"]


def test_it_publishes_the_articles_own_date_never_the_day_it_was_submitted(client, defaults):
    article = make_article(urls=(CLEAN,), published_on=date(2022, 7, 19))
    publish(make_verdict(article))

    _, review = review_for(client)

    [item] = prop(review, "itemReviewed")
    assert value(item, "datePublished") == "2022-07-19"
    assert Article.objects.get(pk=article.pk).created_at.date() == timezone.now().date()


def test_it_leaves_out_the_date_when_nobody_knows_it(client, defaults):
    article = make_article(urls=(CLEAN,), published_on=None)
    publish(make_verdict(article))

    raw, review = review_for(client)

    assert "datePublished" not in raw["itemReviewed"]
    [item] = prop(review, "itemReviewed")
    assert not prop(item, "datePublished")
    assert prop(review, "datePublished")  # the review's own date stays


def test_it_names_the_claims_speaker_as_its_author(client, defaults):
    article = make_article(urls=(CLEAN,), publisher="Example News")
    facts = [
        {"type": "attribution", "start": 0, "end": 30, "text": "x", "speaker": "Minister Jane Roe"}
    ]
    verdict = make_verdict(article)
    verdict.claim.facts = facts
    verdict.claim.save(update_fields=["facts"])
    publish(verdict)

    _, review = review_for(client)

    [item] = prop(review, "itemReviewed")
    [author] = prop(item, "author")
    assert author["@type"] == [SCHEMA + "Person"]
    assert value(author, "name") == "Minister Jane Roe"


def test_it_names_the_publisher_when_no_speaker_was_found(client, defaults):
    publish(make_verdict(make_article(urls=(CLEAN,), publisher="Example News")))

    raw, _ = review_for(client)

    assert raw["itemReviewed"]["author"] == {"@type": "Organization", "name": "Example News"}


@pytest.mark.parametrize(
    ("speaker", "kind"),
    [
        ("The Kremlin", "Organization"),
        ("the International Energy Agency (IEA)", "Organization"),
        ("the IMF", "Organization"),
        ("وزارة الخارجية", "Organization"),
        ("الكرملين", "Organization"),
        ("Prime Minister John Smith", "Person"),
        ("فلاديمير بوتين", "Person"),
    ],
)
def test_it_tells_an_organisation_from_a_person(speaker, kind):
    assert speaker_node(speaker) == {"@type": kind, "name": speaker}


# --- the article's date comes in with it ---------------------------------------------------------


def test_it_takes_the_publication_date_of_a_pasted_article_from_the_api(checker_api):
    response = checker_api.post(
        "/api/v1/articles/",
        {"title": "t", "body": "Exports rose 12% in 2023.", "published_on": "2024-02-01"},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["published_on"] == "2024-02-01"
    assert Article.objects.get().published_on == date(2024, 2, 1)


@pytest.mark.parametrize("bad", ["yesterday", "2024-13-01", "2999-01-01"])
def test_it_refuses_an_impossible_publication_date(checker_api, bad):
    response = checker_api.post(
        "/api/v1/articles/", {"body": "Exports rose 12%.", "published_on": bad}, format="json"
    )

    assert response.status_code == 400
    assert "published_on" in str(response.json())
    assert not Article.objects.exists()


def test_it_takes_the_publication_date_from_the_submit_form(desk_client, checker):
    response = desk_client(checker).post(
        "/articles/new/",
        {"body": "Exports rose 12% in 2023.", "published_on": "2023-11-30", "language": "en"},
    )

    assert response.status_code == 302
    assert Article.objects.get().published_on == date(2023, 11, 30)


def test_it_leaves_the_date_unknown_when_nobody_gives_it(db, checker):
    article, _ = article_submit(submitted_by=checker, body="Exports rose 12% in 2023.")

    assert article.published_on is None


# --- a verdict cites its evidence ----------------------------------------------------------------


def test_it_refuses_to_submit_a_verdict_without_a_cited_source(checker_api, checker):
    item = assigned_claim(checker)

    response = checker_api.post(
        f"/api/v1/claims/{item.pk}/verdicts/",
        {"rating": "false", "summary": "Not so"},
        format="json",
    )

    assert response.status_code == 400
    assert "cites at least one archived source" in response.json()["detail"]
    assert not Verdict.objects.filter(status=Verdict.Status.SUBMITTED).exists()


def test_it_submits_unverifiable_without_a_source(checker_api, checker):
    item = assigned_claim(checker)

    response = checker_api.post(
        f"/api/v1/claims/{item.pk}/verdicts/",
        {"rating": "unverifiable", "summary": "No record either way"},
        format="json",
    )

    assert response.status_code == 201


def test_it_follows_the_rating_scales_setting(checker, defaults):
    Rating.objects.filter(slug="misleading").update(needs_evidence=False)
    Rating.objects.filter(slug="unverifiable").update(needs_evidence=True)

    misleading = verdict_submit(
        claim=assigned_claim(checker), author=checker, rating="misleading", summary="Half"
    )
    with pytest.raises(Exception, match="archived source"):
        verdict_submit(
            claim=assigned_claim(checker), author=checker, rating="unverifiable", summary="?"
        )

    assert misleading.status == Verdict.Status.SUBMITTED


def test_it_publishes_the_claim_as_reviewed_given_through_the_api(
    checker_api, checker, editor, client, defaults
):
    item = assigned_claim(checker)
    from tests.factories import ArticleURLFactory

    ArticleURLFactory(article=item.article, url=CLEAN)

    submitted = checker_api.post(
        f"/api/v1/claims/{item.pk}/verdicts/",
        {
            "rating": "false",
            "summary": "Exports rose 2%",
            "claim_reviewed": "Exports rose 12% in 2023",
            "evidence": [cited_snapshot(item).pk],
        },
        format="json",
    )
    assert submitted.status_code == 201
    assert submitted.json()["claim_reviewed"] == "Exports rose 12% in 2023"
    verdict_approve(verdict=Verdict.objects.get(pk=submitted.json()["id"]), editor=editor)

    raw, _ = review_for(client)

    assert (raw["claimReviewed"], raw["headline"]) == (
        "Exports rose 12% in 2023",
        "Exports rose 2%",
    )


def test_it_defaults_the_claim_as_reviewed_to_the_claims_text(checker):
    item = assigned_claim(checker)

    verdict = verdict_submit(
        claim=item,
        author=checker,
        rating="false",
        summary="Not so",
        evidence=[cited_snapshot(item).pk],
    )

    assert verdict.claim_reviewed == item.text
