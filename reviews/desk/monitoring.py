"""Desk pages for monitoring: feeds and their health, webhooks and their log, the morning list,
and the Repeats page. Thin: read, validate a form, call one service, say what happened.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims.errors import WorkflowError
from claims.feeds import FeedRejected, feed_create, feed_update
from claims.models import Feed, FeedItem
from claims.roles import is_editor
from reviews.charts import weekly_bars_svg
from reviews.desk.access import editor_required, newsroom_required, page
from reviews.desk.monitoring_forms import DigestForm, FeedForm, WebhookForm
from reviews.digest import digest_subscription_save, digest_window_start, morning_list
from reviews.models import DigestSubscription, WebhookDelivery, WebhookEndpoint
from reviews.repeats import repeats_summary
from reviews.webhooks import (
    webhook_delivery_resend,
    webhook_endpoint_create,
    webhook_endpoint_enable,
)

# --- feeds ---------------------------------------------------------------------------------


@newsroom_required
def feeds(request: HttpRequest) -> HttpResponse:
    form = FeedForm(request.POST or None)
    if request.method == "POST":
        if not is_editor(request.user):
            messages.error(request, _("Only editors add feeds."))
            return redirect("desk:feeds")
        if form.is_valid():
            try:
                feed = feed_create(created_by=request.user, **form.cleaned_data)
            except FeedRejected as rejected:
                form.add_error("url", rejected.detail)
            else:
                messages.success(
                    request, _("Feed added: %(publisher)s.") % {"publisher": feed.publisher}
                )
                return redirect("desk:feeds")
    recent = FeedItem.objects.select_related("feed", "article").order_by("-created_at")[:30]
    return page(
        request,
        "reviews/feeds.html",
        {"nav": "feeds", "feeds": Feed.objects.all(), "form": form, "recent": recent},
        status=400 if form.errors else 200,
    )


@require_POST
@editor_required
def feed_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    feed = get_object_or_404(Feed, pk=pk)
    turn_on = not feed.is_enabled or feed.is_dead
    feed_update(feed=feed, actor=request.user, changes={"is_enabled": turn_on})
    if turn_on:
        messages.success(request, _("Polling is on for %(url)s.") % {"url": feed.url})
    else:
        messages.success(request, _("Polling is off for %(url)s.") % {"url": feed.url})
    return redirect("desk:feeds")


# --- webhooks ------------------------------------------------------------------------------


@editor_required
def webhooks(request: HttpRequest) -> HttpResponse:
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = webhook_endpoint_create(created_by=request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, error.detail)
        else:
            messages.success(request, _("Webhook added: %(url)s.") % {"url": endpoint.url})
            return redirect("desk:webhooks")
    deliveries = WebhookDelivery.objects.select_related("endpoint").order_by("-created_at", "-pk")
    return page(
        request,
        "reviews/webhooks.html",
        {
            "nav": "webhooks",
            "form": form,
            "endpoints": WebhookEndpoint.objects.all(),
            "deliveries": deliveries[:50],
        },
        status=400 if form.errors else 200,
    )


@require_POST
@editor_required
def webhook_enable(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = webhook_endpoint_enable(
        endpoint=get_object_or_404(WebhookEndpoint, pk=pk), actor=request.user
    )
    messages.success(request, _("Webhook on again: %(url)s.") % {"url": endpoint.url})
    return redirect("desk:webhooks")


@require_POST
@editor_required
def webhook_resend(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(WebhookDelivery.objects.select_related("endpoint"), pk=pk)
    webhook_delivery_resend(delivery=delivery, actor=request.user)
    messages.success(
        request,
        _("Sending %(event)s to %(url)s again.")
        % {"event": delivery.event, "url": delivery.endpoint.url},
    )
    return redirect("desk:webhooks")


# --- the morning list and repeats ----------------------------------------------------------


@newsroom_required
def morning(request: HttpRequest) -> HttpResponse:
    subscription = DigestSubscription.objects.filter(user=request.user).first()
    initial = (
        {"is_enabled": subscription.is_enabled, "hour": subscription.hour,
         "time_zone": subscription.time_zone}
        if subscription else None
    )  # fmt: skip
    form = DigestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            digest_subscription_save(user=request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, error.detail)
        else:
            messages.success(request, _("Your morning list e-mail settings are saved."))
            return redirect("desk:morning")
    since = digest_window_start(subscription, timezone.now())
    groups, count = morning_list(since=since)
    return page(
        request,
        "reviews/morning_list.html",
        {"nav": "morning", "groups": groups, "count": count, "since": since, "form": form,
         "subscription": subscription},
        status=400 if form.errors else 200,
    )  # fmt: skip


@newsroom_required
def repeats(request: HttpRequest) -> HttpResponse:
    rows = repeats_summary()
    for row in rows:
        row.chart = weekly_bars_svg(row.weekly)
    return page(request, "reviews/repeats.html", {"nav": "repeats", "rows": rows})
