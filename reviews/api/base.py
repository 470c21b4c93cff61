"""Base views of the REST API: workflow errors as HTTP answers, and shared lookups."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import APIException
from rest_framework.generics import ListAPIView
from rest_framework.views import APIView

from claims.errors import WorkflowError
from claims.models import Claim
from claims.permissions import IsNewsroomMember
from reviews.models import Assignment


class WorkflowErrorMixin:
    """Token first, so an anonymous caller is told 401 with `WWW-Authenticate: Token`;
    the services' WorkflowError becomes the JSON error of its status."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsNewsroomMember]

    def handle_exception(self, exc):
        if isinstance(exc, WorkflowError):
            converted = APIException(detail=exc.detail)
            converted.status_code = exc.status_code
            exc = converted
        return super().handle_exception(exc)


class WorkflowApi(WorkflowErrorMixin, APIView):
    pass


class WorkflowListApi(WorkflowErrorMixin, ListAPIView):
    pass


def claim_for_work(pk: int) -> Claim:
    return get_object_or_404(Claim.objects.select_related("article", "queue"), pk=pk)


def claim_with_assignment(claim: Claim) -> Claim:
    claim.current_assignment = (
        Assignment.objects.select_related("checker")
        .filter(claim=claim, ended_at__isnull=True)
        .first()
    )
    return claim


def user_by_username(username: str):
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise serializers.ValidationError({"checker": [f"No active user {username!r}."]})
    return user
