"""Bulk actions on claims, without surprises: all or nothing, and nobody loses a claim unseen.

Assigning claims that someone else holds needs `take_from_holders=True` (the editor saw who holds
what and confirmed); each previous holder is then notified.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from claims.audit import audit_record
from claims.errors import Conflict, Forbidden, InvalidInput
from claims.models import Claim
from claims.roles import is_editor
from reviews.assignment import claim_reassign
from reviews.lifecycle import claim_dismiss, claim_reopen, claim_transition
from reviews.models import Assignment, Queue
from reviews.notifications import notification_send


def _locked_claims(claim_ids: Iterable[int]) -> list[Claim]:
    ids = sorted(set(claim_ids))
    # Lock in id order so two editors acting on overlapping sets cannot deadlock.
    claims = list(
        Claim.objects.select_for_update(of=("self",))
        .select_related("queue")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    missing = set(ids) - {claim.pk for claim in claims}
    if missing:
        raise InvalidInput(
            _("No such claims: %(ids)s.") % {"ids": ", ".join(map(str, sorted(missing)))}
        )
    return claims


def holders_of(claim_ids: Iterable[int], *, except_checker=None) -> dict[int, str]:
    """claim id → user name of whoever holds it now (other than `except_checker`)."""
    held = Assignment.objects.filter(claim_id__in=list(claim_ids), ended_at__isnull=True)
    if except_checker is not None:
        held = held.exclude(checker=except_checker)
    return dict(held.values_list("claim_id", "checker__username"))


@transaction.atomic
def claims_bulk_assign(
    *, claim_ids: Iterable[int], checker, editor, take_from_holders: bool = False
) -> list[Assignment]:
    """Assign every claim to `checker`, or none of them."""
    if not is_editor(editor):
        raise Forbidden(_("Only editors assign claims to others."))
    claims = _locked_claims(claim_ids)
    holders = holders_of([claim.pk for claim in claims], except_checker=checker)
    if holders and not take_from_holders:
        held = ", ".join(f"{claim_id} ({name})" for claim_id, name in sorted(holders.items()))
        raise Conflict(
            _(
                "Some claims are held by someone else: %(held)s. Confirm to take them from their "
                "holders."
            )
            % {"held": held}
        )
    previous = {
        claim_id: assignment
        for claim_id, assignment in (
            (a.claim_id, a)
            for a in Assignment.objects.filter(
                claim_id__in=list(holders), ended_at__isnull=True
            ).select_related("checker")
        )
    }
    assignments = [claim_reassign(claim=claim, checker=checker, editor=editor) for claim in claims]
    for claim_id, assignment in previous.items():
        notification_send(
            recipient=assignment.checker,
            verb="reassigned",
            claim=Claim.objects.get(pk=claim_id),
            message=_("%(editor)s gave claim %(claim)s, which you held, to %(checker)s.")
            % {
                "editor": editor.get_username(),
                "claim": claim_id,
                "checker": checker.get_username(),
            },
        )
    return assignments


@transaction.atomic
def claims_bulk_move(*, claim_ids: Iterable[int], queue: Queue, editor) -> list[Claim]:
    """Move open claims to another queue; whoever holds one keeps it."""
    if not is_editor(editor):
        raise Forbidden(_("Only editors move claims between queues."))
    claims = _locked_claims(claim_ids)
    closed = [c.pk for c in claims if c.status in (Claim.Status.PUBLISHED, Claim.Status.SUBMITTED)]
    if closed:
        raise Conflict(
            _("These claims are under review or published and stay where they are: %(ids)s.")
            % {"ids": ", ".join(map(str, closed))}
        )
    moved = []
    for claim in claims:
        if claim.queue_id == queue.pk:
            continue
        from_queue = claim.queue.slug if claim.queue else None
        if claim.status == Claim.Status.NEW:
            claim_transition(claim=claim, event="route", actor=editor, changes={"queue": queue})
        else:
            Claim.objects.filter(pk=claim.pk).update(queue=queue)
            claim.queue = queue
            audit_record(
                actor=editor,
                action="claim.move",
                obj=claim,
                before={"queue": from_queue},
                after={"queue": queue.slug},
            )
        moved.append(claim)
    return moved


@transaction.atomic
def claims_bulk_dismiss(*, claim_ids: Iterable[int], reason: str, editor) -> list[Claim]:
    claims = _locked_claims(claim_ids)
    return [claim_dismiss(claim=claim, actor=editor, reason=reason) for claim in claims]


@transaction.atomic
def claims_bulk_reopen(*, claim_ids: Iterable[int], editor) -> list[Claim]:
    claims = _locked_claims(claim_ids)
    return [claim_reopen(claim=claim, actor=editor) for claim in claims]
