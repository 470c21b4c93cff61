"""Who may cite a source for a claim: the checker who holds it, or an editor."""

from django.db import transaction

from claims.errors import Forbidden
from claims.models import Citation, Claim
from claims.roles import is_editor
from claims.sources import source_attach
from reviews.models import Assignment


def claim_source_attach_allowed(*, claim: Claim, user) -> bool:
    if is_editor(user):
        return True
    return Assignment.objects.filter(
        claim=claim, checker_id=user.pk, ended_at__isnull=True
    ).exists()


@transaction.atomic
def claim_source_attach(*, claim: Claim, url: str, actor) -> tuple[Citation, bool]:
    """Cite `url` for `claim` on behalf of `actor`; raises Forbidden, or InvalidURL."""
    if not claim_source_attach_allowed(claim=claim, user=actor):
        raise Forbidden(
            "Only the checker who holds this claim, or an editor, attaches its sources."
        )
    return source_attach(claim=claim, url=url, added_by=actor)
