"""/api/v1/claims/: listing, span edits and splits, assignment and the claim life cycle."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from claims.models import AuditEvent, Claim
from claims.permissions import IsEditor, IsFactChecker
from reviews.api.base import (
    WorkflowApi,
    WorkflowListApi,
    claim_for_work,
    claim_with_assignment,
    user_by_username,
)
from reviews.api.serializers import (
    MAX_ID,
    MAX_INT,
    AssignedClaimSerializer,
    AuditEventSerializer,
    ClaimSerializer,
    errors,
    version_field,
)
from reviews.assignment import claim_reassign, claim_release
from reviews.bulk import (
    claims_bulk_assign,
    claims_bulk_dismiss,
    claims_bulk_move,
    claims_bulk_reopen,
)
from reviews.choosing import claim_take
from reviews.filters import ClaimFilter, claims_for_lists
from reviews.lifecycle import claim_dismiss, claim_reopen, claim_split, claim_update_span
from reviews.models import Queue


class ClaimListApi(WorkflowListApi):
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    queryset = claims_for_lists().order_by("-created_at", "-id")

    @extend_schema(
        responses={200: ClaimSerializer(many=True), **errors(400, 401, 403)},
        summary="Claims: Arabic-aware search and filters (queue, status, kind, language, "
        "check-worthiness level, checker, article, contradicting source)",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ClaimDetailApi(WorkflowApi):
    class UpdateInputSerializer(serializers.Serializer):
        start = serializers.IntegerField(min_value=0, max_value=MAX_INT)
        end = serializers.IntegerField(min_value=0, max_value=MAX_INT)
        version = serializers.IntegerField(
            min_value=0, max_value=MAX_INT, help_text="The version you read (409 if stale)."
        )

        class Meta:
            ref_name = "ClaimSpanInput"

    def get_permissions(self):
        if self.request.method == "PATCH":
            return [IsFactChecker()]
        return super().get_permissions()

    @extend_schema(responses={200: ClaimSerializer, **errors(401, 403, 404)}, summary="A claim")
    def get(self, request, pk: int):
        return Response(ClaimSerializer(claim_for_work(pk)).data)

    @extend_schema(
        request=UpdateInputSerializer,
        responses={200: ClaimSerializer, **errors(400, 401, 403, 404, 409)},
        summary="Adjust the claim's span; its text is re-read from the article",
    )
    def patch(self, request, pk: int):
        data = self.UpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        claim = claim_update_span(
            claim=claim_for_work(pk), actor=request.user, **data.validated_data
        )
        return Response(ClaimSerializer(claim).data)


class ClaimSplitApi(WorkflowApi):
    permission_classes = [IsFactChecker]

    class InputSerializer(serializers.Serializer):
        at = serializers.IntegerField(
            min_value=0, max_value=MAX_INT, help_text="Article offset where the claim is cut."
        )
        version = serializers.IntegerField(
            min_value=0, max_value=MAX_INT, required=False, allow_null=True
        )

        class Meta:
            ref_name = "ClaimSplitInput"

    @extend_schema(
        request=InputSerializer,
        responses={201: ClaimSerializer(many=True), **errors(400, 401, 403, 404, 409)},
        summary="Split a claim in two at an offset (both become origin `manual`)",
    )
    def post(self, request, pk: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        first, second = claim_split(
            claim=claim_for_work(pk), actor=request.user, **data.validated_data
        )
        return Response(ClaimSerializer([first, second], many=True).data, status=201)


class ClaimTakeApi(WorkflowApi):
    permission_classes = [IsFactChecker]

    @extend_schema(
        request=None,
        responses={200: AssignedClaimSerializer, **errors(401, 403, 404, 409)},
        summary="Take this unassigned claim (a queue member); 409 when someone holds it",
    )
    def post(self, request, pk: int):
        assignment = claim_take(claim=claim_for_work(pk), checker=request.user)
        return Response(AssignedClaimSerializer(claim_with_assignment(assignment.claim)).data)


class ClaimReleaseApi(WorkflowApi):
    permission_classes = [IsFactChecker]

    @extend_schema(
        request=None,
        responses={200: ClaimSerializer, **errors(401, 403, 404, 409)},
        summary="Give a claim you hold back to its queue",
    )
    def post(self, request, pk: int):
        claim = claim_release(claim=claim_for_work(pk), checker=request.user)
        return Response(ClaimSerializer(claim).data)


class ClaimReassignApi(WorkflowApi):
    permission_classes = [IsEditor]

    class InputSerializer(serializers.Serializer):
        checker = serializers.CharField(max_length=150, help_text="The fact-checker's username.")

        class Meta:
            ref_name = "ClaimReassignInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: AssignedClaimSerializer, **errors(400, 401, 403, 404, 409)},
        summary="Assign a claim to a fact-checker (editors)",
    )
    def post(self, request, pk: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        checker = user_by_username(data.validated_data["checker"])
        claim = claim_for_work(pk)
        claim_reassign(claim=claim, checker=checker, editor=request.user)
        return Response(AssignedClaimSerializer(claim_with_assignment(claim)).data)


class ClaimBulkAssignApi(WorkflowApi):
    permission_classes = [IsEditor]

    class InputSerializer(serializers.Serializer):
        claims = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
            min_length=1,
            max_length=500,
        )
        checker = serializers.CharField(max_length=150)
        take_from_holders = serializers.BooleanField(
            default=False,
            help_text="Also take claims someone else holds (they are notified); else 409.",
        )

        class Meta:
            ref_name = "ClaimBulkAssignInput"

    class OutputSerializer(serializers.Serializer):
        checker = serializers.CharField()
        claims = serializers.ListField(child=serializers.IntegerField())

        class Meta:
            ref_name = "ClaimBulkAssign"

    @extend_schema(
        request=InputSerializer,
        responses={200: OutputSerializer, **errors(400, 401, 403, 409)},
        summary="Assign several claims to one fact-checker, all or none (editors)",
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        checker = user_by_username(data.validated_data["checker"])
        assignments = claims_bulk_assign(
            claim_ids=data.validated_data["claims"],
            checker=checker,
            editor=request.user,
            take_from_holders=data.validated_data["take_from_holders"],
        )
        return Response({"checker": checker.username, "claims": [a.claim_id for a in assignments]})


class ClaimBulkActionApi(WorkflowApi):
    permission_classes = [IsEditor]

    class InputSerializer(serializers.Serializer):
        action = serializers.ChoiceField(choices=["move", "dismiss", "reopen"])
        claims = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
            min_length=1,
            max_length=500,
        )
        queue = serializers.SlugField(required=False, help_text="Where to move them (move).")
        reason = serializers.CharField(
            max_length=500, required=False, help_text="Why they are dismissed (dismiss)."
        )

        class Meta:
            ref_name = "ClaimBulkActionInput"

        def validate(self, attrs):
            if attrs["action"] == "move" and not attrs.get("queue"):
                raise serializers.ValidationError({"queue": "Say which queue to move them to."})
            if attrs["action"] == "dismiss" and not (attrs.get("reason") or "").strip():
                raise serializers.ValidationError({"reason": "Say why they are dismissed."})
            return attrs

    class OutputSerializer(serializers.Serializer):
        action = serializers.CharField()
        claims = serializers.ListField(child=serializers.IntegerField())

        class Meta:
            ref_name = "ClaimBulkAction"

    @extend_schema(
        request=InputSerializer,
        responses={200: OutputSerializer, **errors(400, 401, 403, 404, 409)},
        summary="Move, dismiss or reopen several claims, all or none (editors)",
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        ids, editor = values["claims"], request.user
        if values["action"] == "move":
            queue = get_object_or_404(Queue, slug=values["queue"], is_active=True)
            done = claims_bulk_move(claim_ids=ids, queue=queue, editor=editor)
        elif values["action"] == "dismiss":
            done = claims_bulk_dismiss(claim_ids=ids, reason=values["reason"], editor=editor)
        else:
            done = claims_bulk_reopen(claim_ids=ids, editor=editor)
        return Response({"action": values["action"], "claims": [claim.pk for claim in done]})


class ClaimDismissApi(WorkflowApi):
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=500)
        version = version_field()

        class Meta:
            ref_name = "ClaimDismissInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: ClaimSerializer, **errors(400, 401, 403, 404, 409)},
        summary="Dismiss a claim as not check-worthy, with a reason",
    )
    def post(self, request, pk: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        claim = claim_dismiss(
            claim=claim_for_work(pk),
            actor=request.user,
            reason=data.validated_data["reason"],
            version=data.validated_data.get("version"),
        )
        return Response(ClaimSerializer(claim).data)


class ClaimReopenApi(WorkflowApi):
    class InputSerializer(serializers.Serializer):
        version = version_field()

        class Meta:
            ref_name = "ClaimReopenInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: ClaimSerializer, **errors(400, 401, 403, 404, 409)},
        summary="Put a dismissed claim back in its queue",
    )
    def post(self, request, pk: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        claim = claim_reopen(
            claim=claim_for_work(pk),
            actor=request.user,
            version=data.validated_data.get("version"),
        )
        return Response(ClaimSerializer(claim).data)


class ClaimHistoryApi(WorkflowListApi):
    serializer_class = AuditEventSerializer
    filter_backends = []

    def get_queryset(self):
        claim = get_object_or_404(Claim.objects.only("pk"), pk=self.kwargs["pk"])
        return (
            AuditEvent.objects.filter(claim_id=claim.pk)
            .select_related("actor")
            .order_by("created_at", "id")
        )

    @extend_schema(
        responses={200: AuditEventSerializer(many=True), **errors(401, 403, 404)},
        summary="The claim's audit trail, oldest first",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
