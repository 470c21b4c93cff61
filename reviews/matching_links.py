"""A person's "same claim as…": the link, and a draft verdict that cites our earlier one."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from claims.audit import audit_record
from claims.errors import InvalidInput, WorkflowError
from claims.models import Citation, Claim
from reviews.matching import published_verdicts_of
from reviews.matching_models import ClaimLink, MatchItem
from reviews.models import Verdict
from reviews.verdicts import verdict_save_draft, verdict_working


def _draft_citing(*, claim: Claim, earlier: Verdict, actor) -> Verdict | None:
    """Start the claim's verdict from our published one on the same claim; an editor still
    approves it. Nothing when a verdict is already in the works or the actor may not start one."""
    if verdict_working(claim) is not None:
        return None
    rationale = _(
        "Same claim as one we checked before (verdict %(id)s on claim %(claim)s, rated "
        "%(rating)s): “%(text)s”"
    ) % {
        "id": earlier.pk,
        "claim": earlier.claim_id,
        "rating": earlier.rating.label if earlier.rating else "",
        "text": earlier.claim.text[:300],
    }
    # The earlier verdict's evidence becomes this claim's: cite the same archived sources.
    snapshots = list(earlier.evidence.select_related("source"))
    for snapshot in snapshots:
        Citation.objects.get_or_create(
            claim=claim, source=snapshot.source, defaults={"added_by": actor}
        )
    try:
        return verdict_save_draft(
            claim=claim,
            author=actor,
            rating=earlier.rating.slug if earlier.rating else None,
            summary=earlier.summary or claim.text[:500],
            rationale=rationale,
            evidence=[snapshot.pk for snapshot in snapshots],
        )
    except WorkflowError:
        return None


@transaction.atomic
def claim_link_create(
    *, claim: Claim, item: MatchItem, actor
) -> tuple[ClaimLink, bool, Verdict | None]:
    """(link, created, draft verdict started from our earlier one, if any)."""
    if item.claim_id == claim.pk:
        raise InvalidInput(_("A claim cannot be the same claim as itself."))
    link, created = ClaimLink.objects.get_or_create(
        claim=claim, item=item, defaults={"created_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            action="claim.linked",
            obj=link,
            after={"item": item.pk, "kind": item.kind},
            claim_id=claim.pk,
        )
    draft = None
    if item.claim_id:
        earlier = published_verdicts_of([item.claim_id]).get(item.claim_id)
        if earlier is not None:
            draft = _draft_citing(claim=claim, earlier=earlier, actor=actor)
    return link, created, draft
