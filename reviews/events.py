"""What each webhook event says: small, stable JSON about verdicts, claims and articles."""

from __future__ import annotations

from claims.models import Article, Claim
from reviews.models import Verdict
from reviews.publication import verdict_public_url
from reviews.webhooks import webhooks_emit


def article_data(article: Article) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "publisher": article.publisher,
        "language": article.language,
        "status": article.status,
        "urls": [url.url for url in article.urls.all()],
    }


def claim_data(claim: Claim) -> dict:
    return {
        "id": claim.pk,
        "text": claim.text,
        "kind": claim.kind,
        "status": claim.status,
        "checkworthiness": claim.checkworthiness,
        "queue": claim.queue.slug if claim.queue_id else None,
    }


def verdict_data(verdict: Verdict) -> dict:
    rating = verdict.rating
    return {
        "id": verdict.pk,
        "rating": rating.slug if rating else None,
        "rating_label": rating.label if rating else None,
        "summary": verdict.summary,
        "published_at": verdict.published_at,
        "supersedes": verdict.supersedes_id,
        "url": verdict_public_url(verdict.claim_id),
    }


def verdict_published_emit(*, verdict: Verdict) -> None:
    """verdict.published, or verdict.corrected plus article.correction_notice for a correction."""
    claim = Claim.objects.select_related("article", "queue").get(pk=verdict.claim_id)
    if claim.kind == Claim.Kind.INCONSISTENCY:
        return  # a correction notice for the newsroom, not a published verdict
    data = {
        "verdict": verdict_data(verdict),
        "claim": claim_data(claim),
        "article": article_data(claim.article),
    }
    if verdict.supersedes_id is None:
        webhooks_emit(event="verdict.published", data=data)
        return
    webhooks_emit(event="verdict.corrected", data=data)
    # For the publisher's systems: the article carries a fact-check that has been corrected.
    webhooks_emit(
        event="article.correction_notice",
        data={"article": data["article"], "claim": data["claim"], "verdict": data["verdict"]},
    )


def article_extracted_emit(*, article: Article) -> None:
    claims = list(Claim.objects.filter(article=article).select_related("queue").order_by("pk"))
    webhooks_emit(
        event="article.extracted",
        data={"article": article_data(article), "claims": [claim_data(c) for c in claims]},
    )
