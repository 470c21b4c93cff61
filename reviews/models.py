from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims.models import Claim, Snapshot


class Queue(models.Model):
    """A reviewer queue and the rules that route claims into it (lowest priority number first)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    priority = models.IntegerField(default=100, help_text="Routing order: lower is tried first.")
    languages = models.JSONField(default=list, blank=True, help_text='e.g. ["ar"]; empty = any')
    kinds = models.JSONField(default=list, blank=True, help_text='e.g. ["money"]; empty = any')
    min_checkworthiness = models.FloatField(default=0.0)
    publishers = models.JSONField(default=list, blank=True, help_text="empty = any publisher")
    is_fallback = models.BooleanField(default=False, help_text="Takes every claim no rule matched.")
    is_active = models.BooleanField(default=True)
    raise_repeated_falsehoods = models.BooleanField(
        default=False,
        help_text="Raise the priority of claims that match a published false or misleading verdict.",
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="queues")

    class Meta:
        verbose_name = _("queue")
        verbose_name_plural = _("queues")
        ordering = ["priority", "slug"]
        permissions = [("manage_team", "Can manage the newsroom team (people, roles, queues)")]

    def __str__(self) -> str:
        # Default queue names are in the catalogue (reviews/defaults.py); a newsroom's own pass.
        return gettext(self.name)


class Assignment(models.Model):
    """A checker holds a claim under a lease."""

    class EndReason(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RELEASED = "released", _("Released")
        EXPIRED = "expired", _("Expired")
        REASSIGNED = "reassigned", _("Reassigned")
        DISMISSED = "dismissed", _("Dismissed")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="assignments")
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    lease_expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-assigned_at"]
        constraints = [
            # No claim is ever held by two people at once.
            models.UniqueConstraint(
                fields=["claim"], condition=Q(ended_at__isnull=True), name="one_open_assignment"
            )
        ]

    def __str__(self) -> str:
        return f"claim {self.claim_id} → {self.checker_id}"


class ClaimSkip(models.Model):
    """A checker passed over a claim: `next` gives them other claims until `until`."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="skips")
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claim_skips"
    )
    until = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checker", "claim"], name="one_skip_per_checker")
        ]
        indexes = [models.Index(fields=["checker", "until"])]

    def __str__(self) -> str:
        return f"claim {self.claim_id} skipped by {self.checker_id}"


class Comment(models.Model):
    """The discussion on a claim: checkers and editors, and editors' return comments."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        RETURN = "return", _("Returned with this comment")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claim_comments"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    body = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["claim", "created_at"])]

    def __str__(self) -> str:
        return self.body[:80]


class SavedView(models.Model):
    """A checker's or editor's named filter on the articles or claims page."""

    class Page(models.TextChoices):
        ARTICLES = "articles"
        CLAIMS = "claims"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    page = models.CharField(max_length=20, choices=Page.choices)
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "name"], name="saved_view_name_per_page"
            )
        ]

    def __str__(self) -> str:
        return self.name


class RatingScale(models.Model):
    class Kind(models.TextChoices):
        VERDICT = "verdict", _("Verdicts on claims")
        INCONSISTENCY = "inconsistency", _("Outcomes of inconsistencies")

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    is_default = models.BooleanField(default=False)
    # An inconsistency is resolved, not rated: its outcomes ("the article should say …",
    # "no error") come from a scale of their own and are never published as a ClaimReview.
    kind = models.CharField(
        max_length=20, choices=Kind.choices, default=Kind.VERDICT, verbose_name=_("used for")
    )

    class Meta:
        verbose_name = _("rating scale")
        verbose_name_plural = _("rating scales")

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="ratings")
    slug = models.SlugField()
    label = models.CharField(max_length=100)
    alternate_name = models.CharField(max_length=100, help_text="ClaimReview alternateName")
    rating_value = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="ClaimReview ratingValue; empty when not on the scale."
    )
    color = models.CharField(max_length=20, default="lightgrey", help_text="Badge colour")
    severity = models.PositiveSmallIntegerField(
        default=0, help_text="Higher is worse (badge colour)."
    )
    order = models.PositiveSmallIntegerField(default=0)
    needs_evidence = models.BooleanField(
        default=True,
        verbose_name=_("needs evidence"),
        help_text=_(
            "A verdict with this rating cites at least one archived source to be submitted."
        ),
    )
    asks_value = models.BooleanField(
        default=False,
        verbose_name=_("asks for a value"),
        help_text=_(
            "An inconsistency outcome that names the value the article should say, chosen from "
            "the values the article gives."
        ),
    )

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["scale", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "slug"], name="rating_slug_per_scale")
        ]

    def __str__(self) -> str:
        return self.label


class Verdict(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts"
    )
    rating = models.ForeignKey(Rating, null=True, blank=True, on_delete=models.PROTECT)
    claim_reviewed = models.TextField(
        blank=True,
        verbose_name=_("claim as reviewed"),
        help_text=_(
            "Published as ClaimReview claimReviewed; the claim's text unless the checker words it."
        ),
    )
    summary = models.CharField(
        max_length=500, blank=True, help_text=_("Published as the ClaimReview's headline.")
    )
    rationale = models.TextField(
        blank=True, help_text=_("Published as the ClaimReview's reviewBody.")
    )
    should_say = models.CharField(
        max_length=40,
        blank=True,
        verbose_name=_("the article should say"),
        help_text=_("For an inconsistency: which of the article's values is right (e.g. month-7)."),
    )
    evidence = models.ManyToManyField(Snapshot, blank=True, related_name="verdicts")
    # Everyone who saved, submitted or rewrote any version: none of them may decide on it.
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="contributed_verdicts"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        ordering = ["-created_at"]
        constraints = [
            # One live publication per claim; a correction supersedes the old one.
            models.UniqueConstraint(
                fields=["claim"], condition=Q(status="published"), name="one_published_verdict"
            ),
            # One verdict in the works per claim: two first saves at once cannot fork the draft.
            models.UniqueConstraint(
                fields=["claim"],
                condition=Q(status__in=["draft", "submitted", "returned"]),
                name="one_working_verdict",
            ),
        ]

    def __str__(self) -> str:
        return f"Verdict {self.pk} on claim {self.claim_id}"


class EditorialDecision(models.Model):
    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        RETURN = "return", _("Return")

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="decisions")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    comment = models.TextField(blank=True)
    verdict_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("editorial decision")
        verbose_name_plural = _("editorial decisions")
        ordering = ["-created_at"]
        constraints = [
            # Approving twice at once produces one publication.
            models.UniqueConstraint(
                fields=["verdict"], condition=Q(decision="approve"), name="one_approval_per_verdict"
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision} verdict {self.verdict_id}"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    verb = models.CharField(max_length=40)
    message = models.CharField(max_length=500)
    verdict = models.ForeignKey(Verdict, null=True, blank=True, on_delete=models.CASCADE)
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.message

    @property
    def verb_label(self) -> str:
        return str(NOTIFICATION_VERBS.get(self.verb, self.verb))


NOTIFICATION_VERBS = {
    "approved": _("approved"),
    "returned": _("returned"),
    "mentioned": _("mentioned you"),
    "assigned": _("assigned"),
    "repeat": _("repeat"),
    "webhook_disabled": _("webhook turned off"),
}


class PublicationChange(models.Model):
    """A change to an article's public answers that the cache has not heard of yet.

    Written in the same transaction as the change and deleted once the cache has forgotten the
    old answers, so an invalidation lost to a cache outage is found and repaired when the cache
    is back. The table holds only undelivered changes: it is nearly always empty.
    """

    article_id = models.BigIntegerField(help_text="Not a foreign key: the article may go.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"public answers of article {self.article_id} changed at {self.created_at}"


from reviews.matching_models import (  # noqa: E402, F401  (models of one concern, kept apart)
    ClaimLink,
    ClaimMatch,
    ImportedReview,
    MatchItem,
    MatchKey,
)
from reviews.monitor_models import (  # noqa: E402, F401 - models live in their own module
    DigestSubscription,
    RepeatOccurrence,
    WebhookDelivery,
    WebhookEndpoint,
)
