"""Desk home, queues, take-next, bulk assignment and notifications."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from claims.errors import WorkflowError
from claims.models import Claim
from claims.roles import FACT_CHECKER_GROUP, is_editor, is_fact_checker
from claims.stance_counts import with_stance_counts
from reviews.bulk import claims_bulk_assign, holders_of
from reviews.desk.access import editor_required, newsroom_required, page
from reviews.desk.forms import ClaimsBulkAssignForm
from reviews.models import Assignment, Notification, Queue, Verdict
from reviews.notifications import notifications_mark_read
from reviews.queues import OPEN_STATUSES, is_repeat, queues_with_counts

QUEUE_PAGE_SIZE = 200


@newsroom_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    queues = list(queues_with_counts(user=user))
    if not is_editor(user):
        queues = [queue for queue in queues if queue.is_member]
    assignments = (
        Assignment.objects.filter(checker=user, ended_at__isnull=True)
        .select_related("claim__article", "claim__queue")
        .order_by("lease_expires_at")
    )
    awaiting = (
        Verdict.objects.filter(author=user, status=Verdict.Status.SUBMITTED)
        .select_related("claim__article", "rating")
        .order_by("-submitted_at")[:20]
    )
    inbox_count = (
        Verdict.objects.filter(status=Verdict.Status.SUBMITTED).count() if is_editor(user) else 0
    )
    return page(
        request,
        "reviews/home.html",
        {
            "nav": "home",
            "queues": queues,
            "assignments": assignments,
            "awaiting": awaiting,
            "inbox_count": inbox_count,
            "can_take": is_fact_checker(user),
        },
    )


def _queue_context(request: HttpRequest, queue: Queue, **extra) -> dict:
    claims = (
        with_stance_counts(Claim.objects)
        .filter(
            queue=queue,
            status__in=[Claim.Status.QUEUED, Claim.Status.ASSIGNED, Claim.Status.RETURNED],
        )
        .select_related("article")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(ended_at__isnull=True).select_related("checker"),
                to_attr="open_assignments",
            )
        )
        .annotate(is_repeat=is_repeat())
        .order_by("-is_repeat", "-checkworthiness", "created_at", "id")[:QUEUE_PAGE_SIZE]
    )
    can_assign = is_editor(request.user)
    context = {
        "nav": "home",
        "queue": queue,
        "claims": claims,
        "can_take": is_fact_checker(request.user),
        "can_assign": can_assign,
        "selected": set(),
    }
    if can_assign:
        context["bulk_form"] = _bulk_assign_form(queue)
    context.update(extra)
    return context


@newsroom_required
def queue_detail(request: HttpRequest, slug: str) -> HttpResponse:
    queue = get_object_or_404(queues_with_counts(user=request.user), slug=slug)
    return page(request, "reviews/queue_detail.html", _queue_context(request, queue))


def queue_checkers(queue: Queue | None) -> QuerySet:
    """Fact-checkers on the queue: the only people the assignment service accepts."""
    if queue is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(queues=queue, is_active=True, groups__name=FACT_CHECKER_GROUP)
        .distinct()
        .order_by("username")
    )


def _bulk_assign_form(queue: Queue, data=None) -> ClaimsBulkAssignForm:
    claim_ids = (
        Claim.objects.filter(queue=queue, status__in=OPEN_STATUSES).values_list("pk", flat=True)
        if data is not None
        else []
    )
    return ClaimsBulkAssignForm(
        data, checkers=queue_checkers(queue), claim_ids=claim_ids, auto_id="bulk_%s"
    )


@require_POST
@editor_required
def queue_bulk_assign(request: HttpRequest, slug: str) -> HttpResponse:
    queue = get_object_or_404(Queue, slug=slug, is_active=True)
    form = _bulk_assign_form(queue, data=request.POST)
    status = 400
    held: dict[int, str] = {}
    if form.is_valid():
        checker = form.cleaned_data["checker"]
        try:
            assignments = claims_bulk_assign(
                claim_ids=form.cleaned_data["claims"],
                checker=checker,
                editor=request.user,
                take_from_holders=request.POST.get("take_from_holders") == "1",
            )
        except WorkflowError as error:
            form.add_error(None, error.detail)
            status = error.status_code
            held = holders_of(form.cleaned_data["claims"], except_checker=checker)
        else:
            count = len(assignments)
            messages.success(
                request,
                ngettext(
                    "Assigned %(count)s claim to %(checker)s.",
                    "Assigned %(count)s claims to %(checker)s.",
                    count,
                )
                % {"count": count, "checker": checker},
            )
            return redirect("desk:queue_detail", slug=queue.slug)
    # Keep the ticks and the chosen checker: the editor fixes one thing and sends again.
    selected = {int(value) for value in request.POST.getlist("claims") if value.isdigit()}
    queue = get_object_or_404(queues_with_counts(user=request.user), pk=queue.pk)
    context = _queue_context(request, queue, bulk_form=form, selected=selected, held=held)
    return page(request, "reviews/queue_detail.html", context, status=status)


@newsroom_required
def notifications(request: HttpRequest) -> HttpResponse:
    items = list(
        Notification.objects.filter(recipient=request.user)
        .select_related("verdict__claim__article", "verdict__rating")
        .order_by("-created_at")[:100]
    )
    response = page(request, "reviews/notifications.html", {"nav": "notifications", "items": items})
    # Seen once listed; the badge counts only what arrived since.
    notifications_mark_read(user=request.user, ids=[item.pk for item in items])
    return response
