"""The review workflow's REST API (/api/v1/): thin views, one per action, over the services."""

from django.contrib.auth import authenticate, get_user_model
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import APIException
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from claims.models import Claim
from reviews.approval import verdict_approve, verdict_return
from reviews.assignment import claim_assign_next, claim_reassign, claim_release, claims_bulk_assign
from reviews.errors import Conflict, WorkflowError
from reviews.lifecycle import claim_dismiss, claim_reopen
from reviews.models import Assignment, AuditEvent, Notification, Queue, Verdict
from reviews.notifications import notifications_mark_read
from reviews.permissions import IsEditor, IsFactChecker, IsNewsroomMember
from reviews.queues import queues_with_counts
from reviews.serializers import (
    MAX_ID,
    AssignedClaimSerializer,
    AuditEventSerializer,
    ClaimSerializer,
    NotificationSerializer,
    QueueSerializer,
    VerdictSerializer,
    VerdictWrittenSerializer,
    errors,
    verdicts_for_output,
    version_field,
)
from reviews.verdicts import verdict_save_draft, verdict_submit, verdict_working

# --- base views --------------------------------------------------------------------------------


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


# --- /api/v1/auth/ -----------------------------------------------------------------------------


class LoginThrottle(SimpleRateThrottle):
    """Per client address: slows password guessing without getting in a newsroom's way."""

    scope = "login"
    rate = "100/minute"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AuthTokenApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [LoginThrottle]

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=4096, trim_whitespace=False)

        class Meta:
            ref_name = "AuthTokenInput"

    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField()

        class Meta:
            ref_name = "AuthToken"

    @extend_schema(
        operation_id="auth_token_create",
        request=InputSerializer,
        responses={200: OutputSerializer, **errors(400)},
        auth=[],
        summary="Exchange a username and password for an API token",
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request=request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if user is None:
            return Response(
                {"detail": "Unable to log in with those credentials."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


# --- /api/v1/queues/ ---------------------------------------------------------------------------


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


# --- /api/v1/claims/{id}/ (assignment and life cycle) ----------------------------------------


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
            claim_ids=data.validated_data["claims"], checker=checker, editor=request.user
        )
        return Response({"checker": checker.username, "claims": [a.claim_id for a in assignments]})


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


# --- /api/v1/claims/{id}/verdicts/ and verdict drafts ------------------------------------------


class VerdictInputSerializer(serializers.Serializer):
    rating = serializers.SlugField(
        max_length=50, help_text="A slug of the default rating scale, e.g. `mostly-false`."
    )
    summary = serializers.CharField(
        max_length=500, help_text="Published as ClaimReview claimReviewed (best under 75 chars)."
    )
    rationale = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    evidence = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=200,
        help_text="Ids of archived snapshots the verdict cites.",
    )
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
            return Response({"detail": "This claim has no verdict in the works."}, status=404)
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


# --- /api/v1/verdicts/ -------------------------------------------------------------------------


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


# --- /api/v1/inbox/ and /api/v1/notifications/ -------------------------------------------------


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
