"""Publishers' feeds and the entries they brought in (imported by claims.models)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Feed(models.Model):
    """An RSS, Atom, JSON Feed or news sitemap address that Celery beat polls."""

    url = models.URLField(_("address"), max_length=2000)
    normalized_url = models.CharField(max_length=2000, unique=True)
    host = models.CharField(max_length=255, db_index=True)
    publisher = models.CharField(_("publisher"), max_length=200)
    language = models.CharField(
        _("language hint"),
        max_length=2,
        choices=[("ar", _("Arabic")), ("en", _("English"))],  # claims.models.Language's
        blank=True,
    )
    interval_minutes = models.PositiveIntegerField(
        _("poll every (minutes)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)],
    )
    is_enabled = models.BooleanField(_("polling on"), default=True)
    # Conditional requests: what the publisher's server said last time.
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_new_items = models.PositiveIntegerField(default=0)
    items_seen = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveIntegerField(default=0, help_text=_("Failed polls in a row."))
    is_dead = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")
        ordering = ["publisher", "url"]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.url}"


class FeedItem(models.Model):
    """One story address seen in any feed: two feeds carrying it make one item, one article."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be fetched")
        SUBMITTED = "submitted", _("article submitted")
        MERGED = "merged", _("same story as an article we have")
        FAILED = "failed", _("could not be fetched")

    match_key = models.CharField(max_length=2000, unique=True)
    url = models.URLField(max_length=2000)
    title = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=10, blank=True)
    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    also_in = models.ManyToManyField(Feed, blank=True, related_name="shared_items")
    article = models.ForeignKey(
        "claims.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    detail = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feed item")
        verbose_name_plural = _("feed items")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.url
