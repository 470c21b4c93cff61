"""Monitoring API (/api/v1/): feeds (editors manage, checkers read) and webhooks (editors)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from claims.feeds import FeedRejected, feed_create, feed_update
from claims.models import Feed
from claims.permissions import IsEditor, IsNewsroomMember
from claims.web_addresses import WebAddressField
from reviews.api.base import WorkflowApi
from reviews.api.serializers import errors
from reviews.models import WebhookDelivery, WebhookEndpoint
from reviews.monitor_models import WEBHOOK_EVENTS
from reviews.webhooks import webhook_delivery_resend, webhook_endpoint_create

MAX_ROWS = 500
# Not an enum: the article API already names the two language enums (an OpenAPI name clash).
LANGUAGE_HELP = "ar, en, or empty to detect each article's language"


def _rejected(rejected: FeedRejected) -> APIException:
    error = APIException(detail=rejected.detail)
    error.status_code = rejected.status_code
    return error


class EditorWritesMixin:
    """Checkers and editors read; only editors write."""

    def get_permissions(self):
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [IsNewsroomMember()]
        return [IsEditor()]


# --- /api/v1/feeds/ --------------------------------------------------------------------------


class FeedSerializer(serializers.ModelSerializer):
    last_polled = serializers.DateTimeField(source="last_polled_at", read_only=True)
    language = serializers.CharField(read_only=True, help_text=LANGUAGE_HELP)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Feed
        ref_name = "Feed"
        fields = [
            "id", "url", "publisher", "language", "interval_minutes", "is_enabled", "status",
            "last_polled", "last_success_at", "last_status", "last_error", "last_error_at",
            "items_seen", "last_new_items", "failures", "next_poll_at", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_status(self, feed: Feed) -> str:
        """ok, failing, dead or off."""
        if not feed.is_enabled:
            return "off"
        if feed.is_dead:
            return "dead"
        return "failing" if feed.failures else "ok"


class FeedInputSerializer(serializers.Serializer):
    url = WebAddressField(label=gettext_lazy("Feed address"))
    publisher = serializers.CharField(max_length=200)
    language = serializers.CharField(
        max_length=2, required=False, allow_blank=True, default="", help_text=LANGUAGE_HELP
    )
    interval_minutes = serializers.IntegerField(
        min_value=1, max_value=24 * 60, required=False, default=15
    )
    is_enabled = serializers.BooleanField(required=False, default=True)

    class Meta:
        ref_name = "FeedInput"


class FeedChangeSerializer(serializers.Serializer):
    publisher = serializers.CharField(max_length=200, required=False)
    language = serializers.CharField(
        max_length=2, required=False, allow_blank=True, help_text=LANGUAGE_HELP
    )
    interval_minutes = serializers.IntegerField(min_value=1, max_value=24 * 60, required=False)
    is_enabled = serializers.BooleanField(required=False)

    class Meta:
        ref_name = "FeedChange"


class FeedListApi(EditorWritesMixin, WorkflowApi):
    @extend_schema(
        responses={200: FeedSerializer(many=True), **errors(401, 403)},
        summary="Feeds with their health: last poll, new items, the last error",
    )
    def get(self, request):
        feeds = Feed.objects.order_by("publisher", "url")[:MAX_ROWS]
        return Response(FeedSerializer(feeds, many=True).data)

    @extend_schema(
        request=FeedInputSerializer,
        responses={201: FeedSerializer, **errors(400, 401, 403, 409)},
        summary="Register a feed (RSS, Atom, JSON Feed or news sitemap); editors only",
    )
    def post(self, request):
        values = FeedInputSerializer(data=request.data)
        values.is_valid(raise_exception=True)
        try:
            feed = feed_create(created_by=request.user, **values.validated_data)
        except FeedRejected as rejected:
            raise _rejected(rejected) from None
        return Response(FeedSerializer(feed).data, status=status.HTTP_201_CREATED)


class FeedDetailApi(EditorWritesMixin, WorkflowApi):
    @extend_schema(responses={200: FeedSerializer, **errors(401, 403, 404)}, summary="One feed")
    def get(self, request, pk: int):
        return Response(FeedSerializer(get_object_or_404(Feed, pk=pk)).data)

    @extend_schema(
        request=FeedChangeSerializer,
        responses={200: FeedSerializer, **errors(400, 401, 403, 404)},
        summary="Change a feed or turn it on/off (turning it on revives a dead feed); editors",
    )
    def patch(self, request, pk: int):
        feed = get_object_or_404(Feed, pk=pk)
        values = FeedChangeSerializer(data=request.data)
        values.is_valid(raise_exception=True)
        try:
            feed = feed_update(feed=feed, actor=request.user, changes=values.validated_data)
        except FeedRejected as rejected:
            raise _rejected(rejected) from None
        return Response(FeedSerializer(feed).data)


# --- /api/v1/webhooks/ -----------------------------------------------------------------------


class WebhookSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = WebhookEndpoint
        ref_name = "Webhook"
        fields = [
            "id", "url", "events", "is_active", "consecutive_failures", "disabled_at",
            "disabled_reason", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class WebhookInputSerializer(serializers.Serializer):
    url = WebAddressField(label=gettext_lazy("Receiver address"))
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WEBHOOK_EVENTS), min_length=1, max_length=10
    )
    secret = serializers.CharField(
        min_length=16, max_length=200, help_text="Signs every delivery; at least 16 characters."
    )

    class Meta:
        ref_name = "WebhookInput"


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        ref_name = "WebhookDelivery"
        fields = [
            "id", "endpoint", "event", "event_id", "status", "attempts", "response_code", "error",
            "resent_from", "created_at", "last_attempt_at", "delivered_at",
        ]  # fmt: skip
        read_only_fields = fields


class WebhookListApi(WorkflowApi):
    permission_classes = [IsEditor]

    @extend_schema(
        responses={200: WebhookSerializer(many=True), **errors(401, 403)},
        summary="Webhook endpoints (the secrets are never shown again)",
    )
    def get(self, request):
        return Response(WebhookSerializer(WebhookEndpoint.objects.all(), many=True).data)

    @extend_schema(
        request=WebhookInputSerializer,
        responses={201: WebhookSerializer, **errors(400, 401, 403)},
        summary="Register a webhook endpoint for events; deliveries are signed with the secret",
    )
    def post(self, request):
        values = WebhookInputSerializer(data=request.data)
        values.is_valid(raise_exception=True)
        endpoint = webhook_endpoint_create(created_by=request.user, **values.validated_data)
        return Response(WebhookSerializer(endpoint).data, status=status.HTTP_201_CREATED)


class WebhookDeliveryListApi(WorkflowApi):
    permission_classes = [IsEditor]

    @extend_schema(
        responses={200: WebhookDeliverySerializer(many=True), **errors(401, 403, 404)},
        summary="The delivery log of an endpoint, newest first, with response codes",
    )
    def get(self, request, pk: int):
        endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
        deliveries = endpoint.deliveries.order_by("-created_at", "-pk")[:MAX_ROWS]
        return Response(WebhookDeliverySerializer(deliveries, many=True).data)


class WebhookDeliveryResendApi(WorkflowApi):
    permission_classes = [IsEditor]

    @extend_schema(
        request=None,
        responses={201: WebhookDeliverySerializer, **errors(401, 403, 404)},
        summary="Send a delivery again (same body and event id), as a new logged delivery",
    )
    def post(self, request, pk: int):
        delivery = get_object_or_404(WebhookDelivery.objects.select_related("endpoint"), pk=pk)
        copy = webhook_delivery_resend(delivery=delivery, actor=request.user)
        return Response(WebhookDeliverySerializer(copy).data, status=status.HTTP_201_CREATED)
