from django.contrib import admin

from claims.admin_audit import AuditedAdmin, ReadOnlyAdminMixin
from claims.models import (
    Article,
    ArticleURL,
    AuditEvent,
    Citation,
    Claim,
    Evidence,
    Snapshot,
    Source,
)


class ArticleURLInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Addresses are registered through article submission, which validates and matches them."""

    model = ArticleURL
    extra = 0
    readonly_fields = ["url", "match_key", "created_at"]


@admin.register(Article)
class ArticleAdmin(AuditedAdmin):
    list_display = ["id", "title", "language", "status", "publisher", "created_at"]
    list_filter = ["status", "language"]
    search_fields = ["title", "body"]
    readonly_fields = [
        "status",
        "status_detail",
        "source_url",
        "content_hash",
        "created_at",
        "updated_at",
        "extracted_at",
    ]
    inlines = [ArticleURLInline]


@admin.register(Claim)
class ClaimAdmin(AuditedAdmin):
    list_display = ["id", "article", "kind", "status", "queue", "checkworthiness", "origin"]
    list_filter = ["status", "kind", "origin", "queue"]
    search_fields = ["text"]
    raw_id_fields = ["article", "created_by"]
    # The workflow moves these (claims.lifecycle, reviews.assignment): never by hand.
    readonly_fields = [
        "status",
        "queue",
        "dismiss_reason",
        "origin",
        "version",
        "created_at",
        "updated_at",
    ]


@admin.register(Source)
class SourceAdmin(AuditedAdmin):
    list_display = [
        "id",
        "url",
        "status",
        "attempts",
        "is_dead",
        "content_changed",
        "last_fetched_at",
    ]
    list_filter = ["status", "is_dead", "content_changed"]
    search_fields = ["url", "normalized_url"]
    readonly_fields = [
        "url",
        "normalized_url",
        "host",
        "status",
        "failure_reason",
        "fetch_key",
        "attempts",
        "last_fetched_at",
        "created_at",
        "updated_at",
    ]


@admin.register(Snapshot)
class SnapshotAdmin(AuditedAdmin):
    list_display = ["id", "source", "http_status", "content_type", "byte_size", "fetched_at"]
    raw_id_fields = ["source"]
    readonly_fields = [f.name for f in Snapshot._meta.fields]


@admin.register(Evidence)
class EvidenceAdmin(AuditedAdmin):
    list_display = ["id", "claim", "snapshot", "stance", "created_at"]
    list_filter = ["stance"]
    raw_id_fields = ["claim", "snapshot"]


@admin.register(Citation)
class CitationAdmin(AuditedAdmin):
    list_display = ["id", "claim", "source", "added_by", "created_at"]
    raw_id_fields = ["claim", "source", "added_by"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Readable by staff, changeable by nobody."""

    list_display = ["created_at", "actor", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
