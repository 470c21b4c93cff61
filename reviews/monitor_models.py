"""Monitoring: webhooks out, repeat-claim occurrences, morning-digest subscriptions.

Imported by reviews.models so Django finds them; kept apart because they are one concern.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from claims.models import Claim

WEBHOOK_EVENTS = (
    "verdict.published",
    "verdict.corrected",
    "article.extracted",
    "claim.repeat_detected",
    "article.correction_notice",
)


class WebhookEndpoint(models.Model):
    url = models.URLField(_("receiver address"), max_length=2000)
    events = models.JSONField(default=list)
    secret = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RETRYING = "retrying", _("retrying")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40)
    event_id = models.CharField(max_length=40, db_index=True)
    body = models.TextField(help_text=_("The exact JSON sent (and signed)."))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    resent_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id} ({self.status})"


class RepeatOccurrence(models.Model):
    """A new claim found to repeat one we (or another fact-checker) rated false or misleading."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="repeat_of")
    matched_claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="repeats"
    )
    # An imported ClaimReview (the matching work's model); kept as an id and a label so this
    # table does not depend on it.
    imported_review_id = models.PositiveIntegerField(null=True, blank=True)
    imported_label = models.CharField(max_length=500, blank=True)
    score = models.FloatField()
    detected_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("repeat")
        verbose_name_plural = _("repeats")
        ordering = ["-detected_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "matched_claim"],
                condition=Q(matched_claim__isnull=False),
                name="repeat_once_per_matched_claim",
            ),
            models.UniqueConstraint(
                fields=["claim", "imported_review_id"],
                condition=Q(imported_review_id__isnull=False),
                name="repeat_once_per_imported_review",
            ),
        ]

    def __str__(self) -> str:
        return f"claim {self.claim_id} repeats {self.matched_claim_id or self.imported_label}"


class DigestSubscription(models.Model):
    """Opt-in morning list by e-mail at a local hour (until user preferences hold a time zone)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscription"
    )
    is_enabled = models.BooleanField(_("send me the morning list"), default=False)
    hour = models.PositiveSmallIntegerField(
        _("at (local hour)"), default=7, validators=[MaxValueValidator(23)]
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("morning list subscription")
        verbose_name_plural = _("morning list subscriptions")

    def __str__(self) -> str:
        return f"digest for {self.user_id} at {self.hour}:00 {self.time_zone}"
