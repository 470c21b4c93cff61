"""Helpers for the review-workflow tests (queues, verdicts, approval, API)."""

import pytest

from claims.models import Article, Citation, Claim, Snapshot
from reviews.assignment import claim_reassign
from reviews.models import Queue, Verdict
from reviews.verdicts import verdict_submit
from tests.factories import ArticleFactory, ClaimFactory, SnapshotFactory

BODY = (
    "The ministry said exports rose 12% in 2023. "
    "Officials added that 40,000 jobs were created. "
    "The deal is worth $40bn, the minister claimed."
)


@pytest.fixture(autouse=True)
def plain_http(settings):
    """Tests run with DEBUG off; the test client speaks plain HTTP, so no redirect to HTTPS.

    Also a fast password hasher: each test creates up to six people, and PBKDF2 costs ~0.5 s each.
    """
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def queue(slug: str = "english-desk") -> Queue:
    return Queue.objects.get(slug=slug)


def article(body: str = BODY, **fields) -> Article:
    return ArticleFactory(body=body, **fields)


def claim(
    on: Article | None = None,
    *,
    start: int = 0,
    end: int | None = None,
    queue_slug: str = "english-desk",
    **fields,
) -> Claim:
    on = on or article()
    end = end if end is not None else on.body.index(".") + 1
    return ClaimFactory(article=on, start=start, end=end, queue=queue(queue_slug), **fields)


def assigned_claim(checker, editor_or_checker=None, **fields) -> Claim:
    """A claim of english-desk assigned to `checker` (through the service, so it is audited)."""
    from django.contrib.auth.models import User

    item = claim(**fields)
    editor = editor_or_checker or User.objects.create_superuser(
        f"assigner{item.pk}", f"assigner{item.pk}@example.org", "x"
    )
    claim_reassign(claim=item, checker=checker, editor=editor)
    item.refresh_from_db()
    return item


def cited_snapshot(item: Claim) -> Snapshot:
    """An archived copy of a source the claim cites: what a verdict must cite to be submitted."""
    snapshot = SnapshotFactory()
    Citation.objects.get_or_create(claim=item, source=snapshot.source)
    return snapshot


def submitted_verdict(
    author, *, rating: str = "false", summary: str = "Exports rose 2%"
) -> Verdict:
    item = assigned_claim(author)
    verdict = verdict_submit(
        claim=item,
        author=author,
        rating=rating,
        summary=summary,
        evidence=[cited_snapshot(item).pk],
    )
    verdict.refresh_from_db()
    return verdict
