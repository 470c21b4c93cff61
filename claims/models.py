from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


class Article(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for extraction")
        FETCHING = "fetching", _("Fetching the article")
        EXTRACTING = "extracting", _("Extracting claims")
        EXTRACTED = "extracted", _("Claims extracted")
        FAILED = "failed", _("Failed")

    title = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True)
    language = models.CharField(max_length=2, choices=Language.choices, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    source_url = models.URLField(
        max_length=2000, blank=True, help_text="Where the text was fetched from."
    )
    content_hash = models.CharField(max_length=64, db_index=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    status_detail = models.CharField(max_length=500, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    # Hand-off and leases (claims/leases.py): how often it was tried, who holds it, until when.
    attempts = models.PositiveIntegerField(default=0)
    lease_owner = models.CharField(max_length=64, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(
        null=True, blank=True, help_text="When a task was last sent for it."
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"

    @property
    def retrying(self) -> bool:
        """An earlier attempt was interrupted and the work is being tried again."""
        if self.status not in ACTIVE_ARTICLE_STATUSES or self.attempts < 1:
            return False
        if self.attempts >= 2 or self.status == self.Status.PENDING:
            return True
        return self.lease_expires_at is None or self.lease_expires_at < timezone.now()


ACTIVE_ARTICLE_STATUSES = (
    Article.Status.PENDING,
    Article.Status.FETCHING,
    Article.Status.EXTRACTING,
)


class ArticleURL(models.Model):
    """An address the article is published at (canonical, aliases, AMP)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="urls")
    url = models.URLField(max_length=2000)
    match_key = models.CharField(max_length=2000, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("article address")
        verbose_name_plural = _("article addresses")

    def __str__(self) -> str:
        return self.url


class Claim(models.Model):
    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        PERCENT = "percent", _("Percentage")
        QUANTITY = "quantity", _("Quantity")
        DATE = "date", _("Date")
        ATTRIBUTION = "attribution", _("Attributed statement")
        STATEMENT = "statement", _("Statement")
        INCONSISTENCY = "inconsistency", _("Inconsistency")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        QUEUED = "queued", _("Queued")
        ASSIGNED = "assigned", _("Assigned")
        SUBMITTED = "submitted", _("Verdict submitted")
        RETURNED = "returned", _("Returned")
        PUBLISHED = "published", _("Published")
        DISMISSED = "dismissed", _("Dismissed")

    class Origin(models.TextChoices):
        EXTRACTED = "extracted", _("Found by extraction")
        MANUAL = "manual", _("Marked by hand")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STATEMENT)
    facts = models.JSONField(default=list, blank=True)
    checkworthiness = models.FloatField(default=0.5)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.EXTRACTED)
    queue = models.ForeignKey(
        "reviews.Queue", null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    dismiss_reason = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["article", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="claim_span_not_empty"
            ),
            # Re-running extraction on one article creates nothing new.
            models.UniqueConstraint(
                fields=["article", "start", "end", "kind"],
                condition=Q(origin="extracted"),
                name="claim_extracted_once",
            ),
        ]
        indexes = [
            models.Index(fields=["queue", "status", "-checkworthiness", "created_at"]),
            models.Index(fields=["status"]),
            # The claims page and search: most check-worthy first, the first page only.
            models.Index(
                fields=["-checkworthiness", "-created_at", "-id"], name="claim_list_order"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def status_label(self) -> str:
        """The status in words; an inconsistency's approved outcome is resolved, not published."""
        if self.kind == self.Kind.INCONSISTENCY and self.status == self.Status.PUBLISHED:
            return str(_("Resolved"))
        return self.get_status_display()


class Source(models.Model):
    """One per normalised URL: one fetch serves every claim that cites it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        FETCHING = "fetching", _("Fetching")
        CHECKED = "checked", _("Checked")
        FAILED = "failed", _("Failed")

    url = models.URLField(max_length=2000)
    normalized_url = models.CharField(max_length=2000, unique=True)
    host = models.CharField(max_length=255, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    failure_reason = models.CharField(max_length=500, blank=True)
    fetch_key = models.CharField(
        max_length=100, blank=True, help_text="The current fetch round; older task messages stop."
    )
    attempts = models.PositiveIntegerField(default=0)
    lease_owner = models.CharField(max_length=64, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(
        null=True, blank=True, help_text="When a task was last sent for it."
    )
    is_dead = models.BooleanField(default=False)
    content_changed = models.BooleanField(default=False)
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    claims = models.ManyToManyField(Claim, through="Citation", related_name="sources")

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.url


class Citation(models.Model):
    """A claim cites a source (attached by a checker or offered from the article's links)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="citations")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(fields=["claim", "source"], name="citation_once_per_claim")
        ]

    def __str__(self) -> str:
        return f"claim {self.claim_id} cites source {self.source_id}"


class Snapshot(models.Model):
    """Exactly what one fetch saw."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="snapshots")
    fetch_key = models.CharField(
        max_length=100, help_text="Identifies one fetch, so a redelivered task stores it once."
    )
    fetched_at = models.DateTimeField()
    final_url = models.URLField(max_length=2000)
    http_status = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=100)
    byte_size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    title = models.CharField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-fetched_at"]
        get_latest_by = "fetched_at"
        constraints = [
            models.UniqueConstraint(fields=["source", "fetch_key"], name="snapshot_once_per_fetch")
        ]

    def __str__(self) -> str:
        return f"{self.final_url} @ {self.fetched_at:%Y-%m-%d %H:%M}"


class Evidence(models.Model):
    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("Supports")
        CONTRADICTS = "contradicts", _("Contradicts")
        MIXED = "mixed", _("Mixed")
        MENTIONS = "mentions", _("Mentions")
        NOT_FOUND = "not_found", _("Not found")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="evidence")
    stance = models.CharField(max_length=20, choices=Stance.choices)
    fact_results = models.JSONField(default=list, blank=True)
    passages = models.JSONField(
        default=list, blank=True, help_text="[{start, end}] in snapshot text"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.UniqueConstraint(fields=["claim", "snapshot"], name="evidence_once_per_snapshot")
        ]

    def __str__(self) -> str:
        return f"{self.stance}: claim {self.claim_id} in snapshot {self.snapshot_id}"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit events are append-only.")

    def delete(self):
        raise PermissionError("Audit events are append-only.")


class AuditEvent(models.Model):
    """Append-only: the database refuses UPDATE and DELETE on PostgreSQL (see migration)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=60)
    claim = models.ForeignKey(
        Claim,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="audit_events",
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        # The model moved here from `reviews`; its table (and its append-only trigger) kept the name.
        db_table = "reviews_auditevent"
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="reviews_aud_object__ed7615_idx")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")


class UserPreferences(models.Model):
    """How one person reads the desk: interface language, digits, time zone, keyboard shortcuts.

    In the lower layer so both the article pages and the review workflow can read it.
    """

    class Digits(models.TextChoices):
        WESTERN = "western", _("Western (0123456789)")
        ARABIC_INDIC = "arabic-indic", _("Arabic-Indic (٠١٢٣٤٥٦٧٨٩)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    language = models.CharField(
        _("interface language"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Empty: follow the browser's language."),
    )
    digits = models.CharField(
        _("digits"), max_length=16, choices=Digits.choices, default=Digits.WESTERN
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, help_text=_("Empty: the newsroom's time zone.")
    )
    shortcuts_enabled = models.BooleanField(_("keyboard shortcuts"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("user preferences")
        verbose_name_plural = _("user preferences")

    def __str__(self) -> str:
        return f"preferences of user {self.user_id}"


from claims.feed_models import Feed, FeedItem  # noqa: E402, F401 - models live in their own module
