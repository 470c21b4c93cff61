"""Models of "Checked before?": imported fact-checks, the match index and its results.

Imported by reviews.models so Django finds them; kept apart because they are one concern.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from claims.models import Claim


class ImportedReview(models.Model):
    """Another fact-checker's ClaimReview, as published; `key` makes re-imports idempotent."""

    key = models.CharField(max_length=64, unique=True)
    url = models.URLField(max_length=2000)
    publisher = models.CharField(max_length=200, blank=True)
    publisher_site = models.CharField(max_length=200, blank=True)
    claim_text = models.TextField()
    claimant = models.CharField(max_length=200, blank=True)
    rating_text = models.CharField(max_length=200, blank=True)
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    date_published = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True)
    facts = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("imported fact-check")
        verbose_name_plural = _("imported fact-checks")
        ordering = ["-date_published", "-id"]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.claim_text[:60]}"


class MatchItem(models.Model):
    """One indexed thing a new claim can match: one of our claims, or an imported review."""

    class Kind(models.TextChoices):
        CLAIM = "claim", _("Our claim")
        IMPORTED = "imported", _("Imported fact-check")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    claim = models.OneToOneField(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="match_item"
    )
    review = models.OneToOneField(
        ImportedReview, null=True, blank=True, on_delete=models.CASCADE, related_name="match_item"
    )
    language = models.CharField(max_length=8, blank=True)
    text = models.TextField()
    facts = models.JSONField(default=list, blank=True)
    # Stems and concept tokens between spaces (" c_iran trade … "): the full-text index's
    # input on PostgreSQL, and what SQLite searches with LIKE.
    norm_text = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("match item")
        verbose_name_plural = _("match items")
        constraints = [
            models.CheckConstraint(
                condition=(Q(claim__isnull=False) & Q(review__isnull=True))
                | (Q(claim__isnull=True) & Q(review__isnull=False)),
                name="match_item_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.claim_id or self.review_id}"


class MatchKey(models.Model):
    """A fact key an item is found under (`money:USD:4.0e10`): lookups are index scans."""

    item = models.ForeignKey(MatchItem, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=80)

    class Meta:
        verbose_name = _("match key")
        verbose_name_plural = _("match keys")
        constraints = [models.UniqueConstraint(fields=["key", "item"], name="match_key_once")]

    def __str__(self) -> str:
        return self.key


class ClaimMatch(models.Model):
    """A scored candidate for one claim, kept by the matching task; the API only reads them."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="matches")
    item = models.ForeignKey(MatchItem, on_delete=models.CASCADE, related_name="matched_by")
    score = models.FloatField()
    probable = models.BooleanField(default=False)
    reasons = models.JSONField(default=list, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("claim match")
        verbose_name_plural = _("claim matches")
        ordering = ["-score", "id"]
        constraints = [models.UniqueConstraint(fields=["claim", "item"], name="claim_match_once")]
        indexes = [models.Index(fields=["claim", "-score"])]

    def __str__(self) -> str:
        return f"claim {self.claim_id} ~ item {self.item_id} ({self.score})"


class ClaimLink(models.Model):
    """A person's decision: this claim is the same claim as that earlier one or review."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links")
    item = models.ForeignKey(MatchItem, on_delete=models.CASCADE, related_name="linked_from")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("claim link")
        verbose_name_plural = _("claim links")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["claim", "item"], name="claim_link_once")]

    def __str__(self) -> str:
        return f"claim {self.claim_id} = item {self.item_id}"
