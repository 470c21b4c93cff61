"""Submitting articles: validation, resubmission, and handing extraction to the CPU queue."""

import datetime as dt
import hashlib
import logging
import re

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims import dispatch, hooks
from claims.audit import audit_record
from claims.leases import LeaseKeeper, attempts_exhausted, gave_up_reason, lease_take
from claims.models import Article, ArticleURL, Claim
from claims.text_input import UnreadableText, clean_body
from claims.url_keys import InvalidURL, source_url_normalized, url_match_key
from claims.web_addresses import web_address_checked

logger = logging.getLogger(__name__)


class ArticleRejected(Exception):
    def __init__(self, detail: str, status_code: int = 400):
        super().__init__(detail)
        self.detail = detail
        self.status_code = status_code


def content_hash(body: str) -> str:
    """Whitespace-insensitive, so the same article pasted twice is recognised."""
    return hashlib.sha256(re.sub(r"\s+", " ", body).strip().encode("utf-8")).hexdigest()


def _checked_body(body: object) -> str:
    if not isinstance(body, str):
        raise ArticleRejected(_("body must be text."))
    limit = settings.CLAIMDESK_MAX_ARTICLE_CHARS
    if len(body) > limit * 4:  # refuse before spending time cleaning megabytes
        raise ArticleRejected(
            _("The article is longer than %(limit)s characters.") % {"limit": f"{limit:,}"}, 413
        )
    try:
        cleaned = clean_body(body)
    except UnreadableText as error:
        raise ArticleRejected(str(error)) from None
    if not cleaned.strip():
        raise ArticleRejected(
            _("The article is empty: paste its text, upload a file or give a URL.")
        )
    if len(cleaned) > limit:
        raise ArticleRejected(
            _("The article is longer than %(limit)s characters.") % {"limit": f"{limit:,}"}, 413
        )
    return cleaned


def _checked_language(language: str | None) -> str:
    if language in (None, ""):
        return ""
    if language not in {"ar", "en"}:
        raise ArticleRejected(_("language must be 'ar' or 'en'."))
    return language


def _checked_published_on(published_on: dt.date | None) -> dt.date | None:
    # A day of slack: the publisher's "today" may already be tomorrow in UTC.
    if published_on is not None and published_on > timezone.now().date() + dt.timedelta(days=1):
        raise ArticleRejected(_("published_on: the article's publication date is in the future."))
    return published_on


def _attach_published_url(article: Article, url: str) -> None:
    try:
        url = web_address_checked(url)
        key = url_match_key(url)
    except InvalidURL as error:
        raise ArticleRejected(_("Published URL: %(error)s") % {"error": error}) from None
    existing = ArticleURL.objects.filter(match_key=key).first()
    if existing and existing.article_id != article.pk:
        raise ArticleRejected(
            _("This published URL already belongs to article %(number)s.")
            % {"number": existing.article_id},
            409,
        )
    if not existing:
        ArticleURL.objects.create(article=article, url=url, match_key=key)
        # A publisher may have asked about this address before it was known (a cached 404).
        hooks.article_address_registered.send(sender=Article, article_id=article.pk)


@transaction.atomic
def article_submit(
    *,
    submitted_by,
    title: str = "",
    body: str | None = None,
    url: str | None = None,
    language: str | None = None,
    published_url: str | None = None,
    publisher: str = "",
    published_on: dt.date | None = None,
) -> tuple[Article, bool]:
    """Store an article and start extraction after commit. Returns (article, created).

    `published_on` is the article's own publication date as the submitter knows it; for an
    article fetched by URL without one, the page's metadata supplies it (`article_fetch`).
    """
    language = _checked_language(language)
    published_on = _checked_published_on(published_on)
    title = (title or "").strip()[:500]
    if url and not body:
        try:
            fetch_url = source_url_normalized(web_address_checked(url))
        except InvalidURL as error:
            raise ArticleRejected(_("Article URL: %(error)s") % {"error": error}) from None
        article = Article.objects.create(
            title=title,
            language=language,
            source_url=fetch_url,
            publisher=publisher,
            published_on=published_on,
            status=Article.Status.FETCHING,
            submitted_by=submitted_by,
        )
        _attach_published_url(article, published_url or url)
        audit_record(actor=submitted_by, action="article.submit", obj=article, after={"url": url})
        dispatch.article_fetch_enqueue(article.pk)
        return article, True

    cleaned = _checked_body(body)
    digest = content_hash(cleaned)
    existing = Article.objects.filter(content_hash=digest).order_by("pk").first()
    if existing:
        if published_url:
            _attach_published_url(existing, published_url)
        if published_on and existing.published_on is None:
            Article.objects.filter(pk=existing.pk).update(published_on=published_on)
            existing.published_on = published_on
        return existing, False
    article = Article.objects.create(
        title=title or cleaned.split("\n", 1)[0][:200],
        body=cleaned,
        language=language,
        publisher=publisher,
        published_on=published_on,
        content_hash=digest,
        submitted_by=submitted_by,
    )
    if published_url:
        _attach_published_url(article, published_url)
    audit_record(
        actor=submitted_by,
        action="article.submit",
        obj=article,
        after={"title": article.title, "chars": len(cleaned), "content_hash": digest},
    )
    dispatch.article_extraction_enqueue(article.pk)
    return article, True


def article_body_fetched(*, article: Article, title: str, text: str) -> bool:
    """The URL's page arrived: keep its text as the body and go on to extraction."""
    try:
        cleaned = _checked_body(text)
    except ArticleRejected as error:
        article_extraction_failed(article=article, reason=error.detail)
        return False
    updated = Article.objects.filter(pk=article.pk, status=Article.Status.FETCHING).update(
        body=cleaned,
        title=article.title or title[:500],
        content_hash=content_hash(cleaned),
        status=Article.Status.PENDING,
        status_detail="",
        # Extraction is a new piece of work: its own attempts, free for the next worker.
        attempts=0,
        lease_expires_at=None,
    )
    return updated == 1


def article_extraction_failed(*, article: Article, reason: str) -> None:
    Article.objects.filter(pk=article.pk).exclude(status=Article.Status.EXTRACTED).update(
        status=Article.Status.FAILED, status_detail=reason[:500], lease_expires_at=None
    )


def _claims_from_extraction(article: Article, extraction) -> list[Claim]:
    claims = [
        Claim(
            article=article,
            start=item.start,
            end=item.end,
            text=item.text,
            kind=item.kind,
            facts=item.facts,
            checkworthiness=round(float(item.checkworthiness), 3),
            origin=Claim.Origin.EXTRACTED,
        )
        for item in extraction.claims
    ]
    for found in extraction.inconsistencies:
        claims.append(
            Claim(
                article=article,
                start=found["start"],
                end=found["end"],
                text=found["text"],
                kind=Claim.Kind.INCONSISTENCY,
                facts=[found],
                checkworthiness=0.95,
                origin=Claim.Origin.EXTRACTED,
            )
        )
    return claims


def _article_take(article: Article, *, statuses, status: str, owner: str | None, count: bool):
    """The lease for one attempt, or None (taken, finished, or out of attempts: then failed)."""
    taken = lease_take(
        Article, pk=article.pk, statuses=statuses, status=status, owner=owner, count=count
    )
    if taken is None:
        return None
    owner, attempt = taken
    if attempts_exhausted(attempt):
        article_extraction_failed(article=article, reason=gave_up_reason())
        return None
    article.refresh_from_db()
    return owner


def article_extract(*, article: Article, owner: str | None = None, count: bool = True) -> int:
    """Run extraction and store its claims, once, whatever the deliveries and crashes.

    1. take the article's lease (pending, or extracting with a lapsed lease → extracting), which
       counts the attempt and is committed before anything can crash;
    2. extract outside any transaction, renewing the lease: it is the slow, CPU-bound part;
    3. in one transaction: mark the article extracted *only if we still hold the lease* (someone
       who took over after our lease lapsed wins), insert the claims, route the new ones, and
       record one `article.extract` audit event.
    """
    from claims.extraction import ExtractionError, extract

    owner = _article_take(
        article,
        statuses=[Article.Status.PENDING, Article.Status.EXTRACTING],
        status=Article.Status.EXTRACTING,
        owner=owner,
        count=count,
    )
    if owner is None:
        return 0
    try:
        with LeaseKeeper(Article, pk=article.pk, owner=owner):
            extraction = extract(
                article.body, language=article.language or None, published=article.published_on
            )
    except ExtractionError as error:
        article_extraction_failed(article=article, reason=str(error))
        return 0
    except SoftTimeLimitExceeded:
        article_extraction_failed(article=article, reason="Extraction took too long.")
        return 0
    except Exception as error:  # whatever the text does to the extractor, the article moves on
        logger.exception("extraction failed for article %s", article.pk)
        article_extraction_failed(
            article=article, reason=f"Extraction failed: {type(error).__name__}: {error}"[:500]
        )
        return 0
    with transaction.atomic():
        # Routing reads the article's language: settle it first.
        finished = Article.objects.filter(
            pk=article.pk, status=Article.Status.EXTRACTING, lease_owner=owner
        ).update(
            status=Article.Status.EXTRACTED,
            status_detail="",
            language=article.language or extraction.language,
            extracted_at=timezone.now(),
            lease_expires_at=None,
        )
        if finished != 1:
            return 0
        Claim.objects.bulk_create(
            _claims_from_extraction(article, extraction), ignore_conflicts=True
        )
        new_claims = list(
            Claim.objects.select_related("article").filter(article=article, status=Claim.Status.NEW)
        )
        audit_record(
            actor=None,
            action="article.extract",
            obj=article,
            after={"claims": len(new_claims), "attempt": article.attempts},
        )
        hooks.claims_created.send(sender=Claim, claims=new_claims, actor=None)
        article.refresh_from_db()
        hooks.article_extracted.send(sender=Article, article=article)
    return len(new_claims)


def article_fetch(*, article: Article, owner: str | None = None, count: bool = True) -> bool:
    """Fetch a submitted URL through the safe fetcher and keep its main text as the body."""
    from claims.fetching import FetchFailed, FetchRefused
    from claims.sources import url_fetch

    owner = _article_take(
        article,
        statuses=[Article.Status.FETCHING],
        status=Article.Status.FETCHING,
        owner=owner,
        count=count,
    )
    if owner is None:
        return False
    try:
        with LeaseKeeper(Article, pk=article.pk, owner=owner):
            page = url_fetch(article.source_url)
    except FetchRefused as refused:
        article_extraction_failed(article=article, reason=f"Refused to fetch: {refused.reason}")
        return False
    except FetchFailed as failed:
        article_extraction_failed(article=article, reason=f"Could not fetch: {failed.reason}")
        return False
    if page.published_on and not article.published_on:
        Article.objects.filter(pk=article.pk).update(published_on=page.published_on)
    return article_body_fetched(article=article, title=page.title, text=page.text)
