"""Celery tasks of the claims app: thin boundaries around claims.ingest and claims.sources."""

from celery import shared_task

from claims.models import Article


@shared_task(name="claims.tasks.extract_article", acks_late=True)
def extract_article(article_id: int) -> int:
    from claims.ingest import article_extract

    article = Article.objects.filter(pk=article_id).first()
    if article is None or article.status == Article.Status.EXTRACTED:
        return 0
    return article_extract(article=article)


@shared_task(
    name="claims.tasks.fetch_article",
    acks_late=True,
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=3,
)
def fetch_article(article_id: int) -> None:
    from claims.ingest import article_fetch

    article = Article.objects.filter(pk=article_id, status=Article.Status.FETCHING).first()
    if article is None:
        return
    if article_fetch(article=article):
        extract_article.delay_on_commit(article.pk)
