"""Serializers shared by the REST API modules (reviews/api/)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers

from claims.models import AuditEvent, Claim
from claims.stance_counts import stance_counts
from reviews.models import Assignment, EditorialDecision, Notification, Queue, Verdict

MAX_INT = 2**31 - 1  # PositiveIntegerField on PostgreSQL
MAX_ID = 2**63 - 1  # BigAutoField


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in a sentence a person can read.")
    errors = serializers.JSONField(required=False, help_text="Field errors, for 400 responses.")

    class Meta:
        ref_name = "ApiError"


ERROR_DESCRIPTIONS = {
    400: "Bad input.",
    401: "Not authenticated: send `Authorization: Token <key>` or log in.",
    403: "Authenticated but not allowed (role, queue membership, four-eyes).",
    404: "No such object.",
    409: "Conflict: a stale `version`, or the object's state does not allow this step.",
    413: "Too large.",
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {
        code: OpenApiResponse(response=ErrorSerializer, description=ERROR_DESCRIPTIONS[code])
        for code in codes
    }


def version_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=0,
        max_value=MAX_INT,
        required=False,
        allow_null=True,
        help_text="The version you read; a stale one is refused with 409.",
        **kwargs,
    )


def claim_reviewed_field(**kwargs) -> serializers.CharField:
    return serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="The claim as reviewed, published as ClaimReview claimReviewed (best under 75 "
        "chars); the claim's text when omitted.",
        **kwargs,
    )


class StanceCountsSerializer(serializers.Serializer):
    supports = serializers.IntegerField(help_text="Sources whose figures all agree.")
    contradicts = serializers.IntegerField(help_text="Sources that give the figures differently.")
    mixed = serializers.IntegerField(help_text="Sources that agree on some figures, not others.")

    class Meta:
        ref_name = "StanceCounts"


class ClaimSerializer(serializers.ModelSerializer):
    queue = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    facts = serializers.JSONField(help_text="Facts found in the claim (see CONTRACTS §2).")
    stance_counts = serializers.SerializerMethodField(
        help_text="How many cited sources support, contradict, or are mixed about the claim."
    )

    class Meta:
        model = Claim
        ref_name = "Claim"
        fields = [
            "id",
            "article",
            "text",
            "start",
            "end",
            "kind",
            "facts",
            "status",
            "checkworthiness",
            "queue",
            "stance_counts",
            "origin",
            "dismiss_reason",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(StanceCountsSerializer)
    def get_stance_counts(self, claim: Claim) -> dict[str, int]:
        return stance_counts(claim)


class AssignmentSerializer(serializers.ModelSerializer):
    checker = serializers.CharField(source="checker.username", read_only=True)

    class Meta:
        model = Assignment
        ref_name = "Assignment"
        fields = ["id", "claim", "checker", "assigned_at", "lease_expires_at"]
        read_only_fields = fields


class AssignedClaimSerializer(ClaimSerializer):
    assignment = AssignmentSerializer(source="current_assignment", read_only=True)

    class Meta(ClaimSerializer.Meta):
        ref_name = "AssignedClaim"
        fields = [*ClaimSerializer.Meta.fields, "assignment"]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    editor = serializers.CharField(source="editor.username", read_only=True)

    class Meta:
        model = EditorialDecision
        ref_name = "EditorialDecision"
        fields = ["decision", "comment", "editor", "verdict_version", "created_at"]
        read_only_fields = fields


class VerdictSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)
    rating = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    rating_label = serializers.CharField(source="rating.label", read_only=True, allow_null=True)
    evidence = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Verdict
        ref_name = "Verdict"
        fields = [
            "id",
            "claim",
            "author",
            "rating",
            "rating_label",
            "should_say",
            "claim_reviewed",
            "summary",
            "rationale",
            "evidence",
            "status",
            "version",
            "supersedes",
            "created_at",
            "updated_at",
            "submitted_at",
            "published_at",
            "decisions",
        ]
        read_only_fields = fields


class VerdictWrittenSerializer(VerdictSerializer):
    warnings = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Advice that does not stop the save (e.g. a summary above 75 characters).",
    )

    class Meta(VerdictSerializer.Meta):
        ref_name = "VerdictWritten"
        fields = [*VerdictSerializer.Meta.fields, "warnings"]
        read_only_fields = fields


def verdicts_for_output(queryset):
    return queryset.select_related("author", "rating").prefetch_related(
        "evidence", "decisions__editor"
    )


class QueueSerializer(serializers.ModelSerializer):
    open_count = serializers.IntegerField(read_only=True, help_text="Claims waiting to be taken.")
    assigned_count = serializers.IntegerField(read_only=True, help_text="Claims being worked on.")
    overdue_count = serializers.IntegerField(
        read_only=True, help_text="Open claims older than CLAIMDESK_QUEUE_OVERDUE_HOURS."
    )
    is_member = serializers.BooleanField(read_only=True, help_text="Whether you work this queue.")

    class Meta:
        model = Queue
        ref_name = "Queue"
        fields = [
            "slug",
            "name",
            "description",
            "priority",
            "languages",
            "kinds",
            "min_checkworthiness",
            "publishers",
            "is_fallback",
            "open_count",
            "assigned_count",
            "overdue_count",
            "is_member",
        ]
        read_only_fields = fields


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        ref_name = "Notification"
        fields = ["id", "verb", "message", "verdict", "created_at", "read_at"]
        read_only_fields = fields


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, allow_null=True)
    before = serializers.JSONField(read_only=True, allow_null=True)
    after = serializers.JSONField(read_only=True, allow_null=True)

    class Meta:
        model = AuditEvent
        ref_name = "AuditEvent"
        fields = [
            "id",
            "created_at",
            "actor",
            "action",
            "object_type",
            "object_id",
            "before",
            "after",
        ]
        read_only_fields = fields
