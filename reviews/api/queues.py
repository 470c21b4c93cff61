"""/api/v1/queues/: the queues and take-next."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from claims.permissions import IsFactChecker
from reviews.api.base import WorkflowApi
from reviews.api.serializers import (
    MAX_ID,
    AssignedClaimSerializer,
    QueueSerializer,
    errors,
)
from reviews.choosing import claim_take_next
from reviews.models import Queue
from reviews.queues import queues_with_counts


class QueueListApi(WorkflowApi):
    @extend_schema(
        responses={200: QueueSerializer(many=True), **errors(401, 403)},
        summary="Queues with their open, assigned and overdue counts",
    )
    def get(self, request):
        queues = queues_with_counts(user=request.user)
        return Response(QueueSerializer(queues, many=True).data)


class QueueNextApi(WorkflowApi):
    permission_classes = [IsFactChecker]

    class InputSerializer(serializers.Serializer):
        skip = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
            required=False,
            max_length=500,
            help_text="Claims to pass over now (and while the skip lasts).",
        )

        class Meta:
            ref_name = "QueueNextInput"

    @extend_schema(
        request=InputSerializer,
        responses={
            200: AssignedClaimSerializer,
            204: OpenApiResponse(description="The queue has nothing left to take."),
            **errors(400, 401, 403, 404, 409),
        },
        summary="Take the next claim of a queue (most check-worthy, then oldest), skipping some",
    )
    def post(self, request, slug: str):
        queue = get_object_or_404(Queue, slug=slug, is_active=True)
        data = self.InputSerializer(data=request.data or {})
        data.is_valid(raise_exception=True)
        claim = claim_take_next(
            queue=queue, checker=request.user, skip=data.validated_data.get("skip", [])
        )
        if claim is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(AssignedClaimSerializer(claim).data)
