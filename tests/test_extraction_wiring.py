"""Article in → extraction in the worker → claims stored, routed and queued."""

from pathlib import Path

import pytest
from django.contrib.auth.models import User

from claims.ingest import article_extract, article_submit
from claims.models import Article, Claim
from reviews.routing import is_checkworthy
from tests.plugins.services import wait_until

SEED = Path(__file__).resolve().parents[1] / "claims" / "demo" / "putin-raisi-call.ar.txt"


@pytest.mark.worker
def test_it_extracts_the_seed_article_in_the_worker_and_queues_every_checkworthy_claim(
    celery_worker, checker
):
    article, created = article_submit(submitted_by=checker, body=SEED.read_text(encoding="utf-8"))
    assert created

    def extracted():
        article.refresh_from_db()
        assert article.status != Article.Status.FAILED, article.status_detail
        return article.status == Article.Status.EXTRACTED

    wait_until(extracted, timeout=60)

    claims = list(Claim.objects.filter(article=article).select_related("queue"))
    assert article.language == "ar"
    assert len(claims) >= 5
    # Check-worthy claims are queued; the rest wait on the article as "not check-worthy".
    queued = [claim for claim in claims if is_checkworthy(claim)]
    assert len(queued) >= 5
    assert all(claim.status == Claim.Status.QUEUED and claim.queue for claim in queued)
    assert all(
        claim.status == Claim.Status.NEW and claim.queue is None
        for claim in claims
        if not is_checkworthy(claim)
    )
    mismatch = [c for c in claims if c.kind == Claim.Kind.INCONSISTENCY]
    assert [(c.start, c.end, c.queue.slug) for c in mismatch] == [(2168, 2180, "inconsistencies")]
    assert mismatch[0].facts[0]["type"] == "month_mismatch"
    money = next(c for c in claims if c.kind == Claim.Kind.MONEY)
    assert (money.start, money.end, money.queue.slug) == (1962, 2188, "arabic-desk")
    assert {"type": "money", "value": 40000000000, "currency": "USD"}.items() <= money.facts[
        0
    ].items()


def test_it_creates_nothing_new_when_extraction_runs_again(checker):
    article, _ = article_submit(
        submitted_by=checker,
        body="The $40 billion deal was signed in June. Later the $4 billion deal was praised.",
    )
    first = article_extract(article=article)
    assert first >= 2
    count = Claim.objects.filter(article=article).count()

    Article.objects.filter(pk=article.pk).update(status=Article.Status.PENDING)
    article.refresh_from_db()
    assert article_extract(article=article) == 0
    assert Claim.objects.filter(article=article).count() == count
    assert Claim.objects.filter(article=article, kind=Claim.Kind.INCONSISTENCY).exists()


def test_it_does_not_extract_an_article_already_extracted(checker):
    article, _ = article_submit(submitted_by=checker, body="Exports rose 5% last year, it said.")
    assert article_extract(article=article) >= 1
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED
    assert article_extract(article=article) == 0


def test_it_routes_english_claims_to_the_english_desk(checker):
    article, _ = article_submit(
        submitted_by=checker, body="Unemployment fell to 4.2% in March, the ministry said."
    )
    article_extract(article=article)
    queues = set(Claim.objects.filter(article=article).values_list("queue__slug", flat=True))
    assert queues == {"english-desk"}
    assert User.objects.filter(username="checker").exists()
