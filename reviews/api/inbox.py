"""/api/v1/inbox/ and /api/v1/notifications/."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from claims.permissions import IsEditor
from reviews.api.base import WorkflowApi, WorkflowListApi
from reviews.api.serializers import (
    NotificationSerializer,
    VerdictSerializer,
    errors,
    verdicts_for_output,
)
from reviews.models import Notification, Verdict
from reviews.notifications import notifications_mark_read


class InboxApi(WorkflowListApi):
    permission_classes = [IsEditor]
    serializer_class = VerdictSerializer
    filter_backends = []

    def get_queryset(self):
        return verdicts_for_output(
            Verdict.objects.filter(status=Verdict.Status.SUBMITTED).order_by("submitted_at", "id")
        )

    @extend_schema(
        responses={200: VerdictSerializer(many=True), **errors(401, 403)},
        summary="Submitted verdicts waiting for an editor, oldest first",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class NotificationListApi(WorkflowListApi):
    permission_classes = [IsAuthenticated]
    serializer_class = NotificationSerializer
    filter_backends = []

    def get_queryset(self):
        notifications = Notification.objects.filter(recipient=self.request.user)
        if self.request.query_params.get("unread") in ("1", "true", "yes"):
            notifications = notifications.filter(read_at__isnull=True)
        return notifications.order_by("-created_at", "-id")

    @extend_schema(
        parameters=[
            OpenApiParameter("unread", bool, description="Only notifications not yet read.")
        ],
        responses={200: NotificationSerializer(many=True), **errors(401)},
        summary="Your notifications, newest first",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class NotificationReadApi(WorkflowApi):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: NotificationSerializer, **errors(401, 404)},
        summary="Mark one of your notifications read",
    )
    def post(self, request, pk: int):
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        notifications_mark_read(user=request.user, ids=[notification.pk])
        notification.refresh_from_db()
        return Response(NotificationSerializer(notification).data)


class NotificationReadAllApi(WorkflowApi):
    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        marked = serializers.IntegerField()

        class Meta:
            ref_name = "NotificationsMarked"

    @extend_schema(
        request=None,
        responses={200: OutputSerializer, **errors(401)},
        summary="Mark all your notifications read",
    )
    def post(self, request):
        return Response({"marked": notifications_mark_read(user=request.user)})
