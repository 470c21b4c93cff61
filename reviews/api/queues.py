"""/api/v1/queues/: the queues and take-next."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from claims.permissions import IsFactChecker
from reviews.api.base import WorkflowApi
from reviews.api.serializers import (
    AssignedClaimSerializer,
    QueueSerializer,
    errors,
)
from reviews.assignment import claim_assign_next
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

    @extend_schema(
        request=None,
        responses={
            200: AssignedClaimSerializer,
            204: OpenApiResponse(description="The queue has nothing left to take."),
            **errors(401, 403, 404),
        },
        summary="Take the next claim of a queue (most check-worthy, then oldest)",
    )
    def post(self, request, slug: str):
        queue = get_object_or_404(Queue, slug=slug, is_active=True)
        claim = claim_assign_next(queue=queue, checker=request.user)
        if claim is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(AssignedClaimSerializer(claim).data)
