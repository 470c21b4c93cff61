"""/api/v1/claims/{id}/verdicts/, verdict drafts and /api/v1/verdicts/: writing and deciding verdicts."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from claims.errors import Conflict
from claims.models import Claim
from claims.permissions import IsEditor, IsFactChecker
from reviews.api.base import WorkflowApi, claim_for_work
from reviews.api.serializers import (
    MAX_ID,
    VerdictSerializer,
    VerdictWrittenSerializer,
    claim_reviewed_field,
    errors,
    verdicts_for_output,
    version_field,
)
from reviews.approval import verdict_approve, verdict_return
from reviews.models import Verdict
from reviews.verdicts import verdict_save_draft, verdict_submit, verdict_working


class VerdictInputSerializer(serializers.Serializer):
    rating = serializers.SlugField(
        max_length=50, help_text="A slug of the default rating scale, e.g. `mostly-false`."
    )
    summary = serializers.CharField(
        max_length=500, help_text="Published as the ClaimReview's headline (best under 75 chars)."
    )
    rationale = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20000,
        help_text="Published as the ClaimReview's reviewBody.",
    )
    evidence = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=200,
        help_text="Ids of archived snapshots of the claim's sources that the verdict cites; at "
        "least one unless the rating needs no evidence (by default `unverifiable`).",
    )
    claim_reviewed = claim_reviewed_field()
    version = version_field()

    class Meta:
        ref_name = "VerdictInput"


class ClaimVerdictsApi(WorkflowApi):
    def get_permissions(self):
        if self.request.method == "POST":
            return [IsFactChecker()]
        return super().get_permissions()

    @extend_schema(
        responses={200: VerdictSerializer(many=True), **errors(401, 403, 404)},
        summary="Every verdict on a claim, newest first (superseded ones included)",
    )
    def get(self, request, pk: int):
        claim = get_object_or_404(Claim.objects.only("pk"), pk=pk)
        verdicts = verdicts_for_output(Verdict.objects.filter(claim=claim))
        return Response(VerdictSerializer(verdicts, many=True).data)

    @extend_schema(
        request=VerdictInputSerializer,
        responses={201: VerdictWrittenSerializer, **errors(400, 401, 403, 404, 409)},
        summary="Submit a verdict on a claim you hold (or a correction of a published one)",
    )
    def post(self, request, pk: int):
        data = VerdictInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verdict = verdict_submit(
            claim=claim_for_work(pk), author=request.user, **data.validated_data
        )
        return Response(VerdictWrittenSerializer(verdict).data, status=status.HTTP_201_CREATED)


class VerdictDraftApi(WorkflowApi):
    class InputSerializer(serializers.Serializer):
        rating = serializers.SlugField(max_length=50, required=False, allow_null=True)
        summary = serializers.CharField(
            max_length=500, required=False, allow_blank=True, allow_null=True
        )
        rationale = serializers.CharField(
            max_length=20000, required=False, allow_blank=True, allow_null=True
        )
        evidence = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
            required=False,
            allow_null=True,
            max_length=200,
        )
        claim_reviewed = claim_reviewed_field(allow_null=True)
        version = version_field()

        class Meta:
            ref_name = "VerdictDraftInput"

    def get_permissions(self):
        if self.request.method == "PUT":
            return [IsFactChecker()]
        return super().get_permissions()

    @extend_schema(
        responses={200: VerdictSerializer, **errors(401, 403, 404)},
        summary="The verdict being written or reviewed on this claim",
    )
    def get(self, request, pk: int):
        claim = get_object_or_404(Claim.objects.only("pk"), pk=pk)
        working = verdict_working(claim)
        if working is None:
            return Response({"detail": _("This claim has no verdict in the works.")}, status=404)
        verdict = verdicts_for_output(Verdict.objects.filter(pk=working.pk)).get()
        return Response(VerdictSerializer(verdict).data)

    @extend_schema(
        request=InputSerializer,
        responses={
            200: VerdictWrittenSerializer,
            201: VerdictWrittenSerializer,
            **errors(400, 401, 403, 404, 409),
        },
        summary="Save the draft verdict (send the `version` you edited; omit it to start one)",
    )
    def put(self, request, pk: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verdict = verdict_save_draft(
            claim=claim_for_work(pk), author=request.user, **data.validated_data
        )
        code = status.HTTP_201_CREATED if verdict.created else status.HTTP_200_OK
        return Response(VerdictWrittenSerializer(verdict).data, status=code)


class VersionInputSerializer(serializers.Serializer):
    version = version_field()

    class Meta:
        ref_name = "VersionInput"


def verdict_for_decision(pk: int) -> Verdict:
    return get_object_or_404(Verdict.objects.select_related("claim", "author"), pk=pk)


def verdict_output(verdict: Verdict) -> dict:
    return VerdictSerializer(verdicts_for_output(Verdict.objects.filter(pk=verdict.pk)).get()).data


class VerdictDetailApi(WorkflowApi):
    @extend_schema(responses={200: VerdictSerializer, **errors(401, 403, 404)}, summary="A verdict")
    def get(self, request, pk: int):
        return Response(verdict_output(get_object_or_404(Verdict, pk=pk)))


class VerdictSubmitApi(WorkflowApi):
    permission_classes = [IsFactChecker]

    @extend_schema(
        request=VersionInputSerializer,
        responses={200: VerdictWrittenSerializer, **errors(400, 401, 403, 404, 409)},
        summary="Submit a saved draft to the editors",
    )
    def post(self, request, pk: int):
        data = VersionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verdict = verdict_for_decision(pk)
        claim = claim_for_work(verdict.claim_id)
        working = verdict_working(claim)
        if working is None or working.pk != verdict.pk:
            raise Conflict(f"The verdict is {verdict.status}: it cannot be submitted.")
        verdict = verdict_submit(
            claim=claim,
            author=request.user,
            version=data.validated_data.get("version") or verdict.version,
        )
        return Response(VerdictWrittenSerializer(verdict).data)


class VerdictApproveApi(WorkflowApi):
    permission_classes = [IsEditor]

    @extend_schema(
        request=VersionInputSerializer,
        responses={200: VerdictSerializer, **errors(400, 401, 403, 404, 409)},
        summary="Approve and publish a submitted verdict (never its own author)",
    )
    def post(self, request, pk: int):
        data = VersionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verdict = verdict_approve(
            verdict=verdict_for_decision(pk),
            editor=request.user,
            version=data.validated_data.get("version"),
        )
        return Response(verdict_output(verdict))


class VerdictReturnApi(WorkflowApi):
    permission_classes = [IsEditor]

    class InputSerializer(serializers.Serializer):
        comment = serializers.CharField(
            max_length=5000, help_text="What the checker should change."
        )
        version = version_field()

        class Meta:
            ref_name = "VerdictReturnInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: VerdictSerializer, **errors(400, 401, 403, 404, 409)},
        summary="Send a submitted verdict back to its checker with a comment",
    )
    def post(self, request, pk: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verdict = verdict_return(
            verdict=verdict_for_decision(pk),
            editor=request.user,
            comment=data.validated_data["comment"],
            version=data.validated_data.get("version"),
        )
        return Response(verdict_output(verdict))
