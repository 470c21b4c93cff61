from django.contrib import admin

from claims.admin_audit import AuditedAdmin, ReadOnlyAdminMixin
from reviews.models import (
    Assignment,
    EditorialDecision,
    ImportedReview,
    Notification,
    Queue,
    Rating,
    RatingScale,
    Verdict,
)


@admin.register(Queue)
class QueueAdmin(AuditedAdmin):
    list_display = [
        "slug",
        "name",
        "priority",
        "languages",
        "kinds",
        "min_checkworthiness",
        "is_fallback",
        "is_active",
        "raise_repeated_falsehoods",
    ]
    list_editable = ["priority", "is_active", "raise_repeated_falsehoods"]
    filter_horizontal = ["members"]
    prepopulated_fields = {"slug": ["name"]}


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0


@admin.register(RatingScale)
class RatingScaleAdmin(AuditedAdmin):
    list_display = ["slug", "name", "kind", "is_default"]
    inlines = [RatingInline]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdminMixin, AuditedAdmin):
    """Claims are assigned through the queues and the editor's reassign, never here."""

    list_display = [
        "id",
        "claim",
        "checker",
        "assigned_at",
        "lease_expires_at",
        "ended_at",
        "end_reason",
    ]
    raw_id_fields = ["claim", "checker", "assigned_by"]


@admin.register(Verdict)
class VerdictAdmin(ReadOnlyAdminMixin, AuditedAdmin):
    """Publication goes only through the approval function (four eyes, audit, public cache)."""

    list_display = ["id", "claim", "author", "rating", "status", "version", "published_at"]
    list_filter = ["status", "rating"]
    raw_id_fields = ["claim", "author", "supersedes"]
    filter_horizontal = ["evidence", "contributors"]


@admin.register(EditorialDecision)
class EditorialDecisionAdmin(ReadOnlyAdminMixin, AuditedAdmin):
    list_display = ["id", "verdict", "editor", "decision", "created_at"]
    raw_id_fields = ["verdict", "editor"]


@admin.register(Notification)
class NotificationAdmin(AuditedAdmin):
    list_display = ["id", "recipient", "verb", "message", "created_at", "read_at"]
    raw_id_fields = ["recipient", "verdict"]


@admin.register(ImportedReview)
class ImportedReviewAdmin(admin.ModelAdmin):
    list_display = ["publisher", "rating_text", "date_published", "language", "claim_text"]
    list_filter = ["language", "publisher"]
    search_fields = ["claim_text", "url", "publisher"]
    readonly_fields = ["key", "facts", "created_at"]
