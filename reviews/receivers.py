"""The workflow's answers to the hooks of the `claims` layer (claims/hooks.py).

Connected once, in ReviewsConfig.ready(), so every process that loads Django (web, workers,
management commands) routes new claims and resets the public cache the same way.
"""

from claims import hooks
from reviews.events import article_extracted_emit
from reviews.matching_dispatch import claims_matching_enqueue
from reviews.publication_repair import publication_changed
from reviews.routing import claims_route


def route_created_claims(sender, *, claims, actor=None, **kwargs) -> None:
    # Extracted claims: the ones below the check-worthiness threshold are not queued.
    claims_route(claims=claims, actor=actor, only_checkworthy=True)


def match_created_claims(sender, *, claims, **kwargs) -> None:
    # "Checked before?" runs on the worker after commit, never in the request.
    claims_matching_enqueue([claim.pk for claim in claims])


def forget_cached_address(sender, *, article_id: int, **kwargs) -> None:
    # Recorded in the sender's transaction, delivered to the cache after commit (a reader must
    # never cache the old answer again between our delete and the commit), repaired if the
    # cache is down.
    publication_changed(article_id=article_id)


def announce_extracted_article(sender, *, article, **kwargs) -> None:
    article_extracted_emit(article=article)


def connect() -> None:
    hooks.claims_created.connect(route_created_claims, dispatch_uid="reviews.route_created_claims")
    hooks.claims_created.connect(match_created_claims, dispatch_uid="reviews.match_created_claims")
    hooks.article_address_registered.connect(
        forget_cached_address, dispatch_uid="reviews.forget_cached_address"
    )
    hooks.article_extracted.connect(
        announce_extracted_article, dispatch_uid="reviews.announce_extracted_article"
    )
