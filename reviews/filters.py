"""Finding work: the filters behind the articles and claims pages and their API lists.

One FilterSet per list, shared by the desk pages and the REST API, so a saved view in the desk
and a newsroom script see the same claims for the same query string.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from claims.models import Article, Claim, Evidence, Language
from claims.search import articles_search, claims_search
from claims.stance_counts import with_stance_counts
from reviews.models import Assignment

OPEN_CLAIM_STATUSES = [Claim.Status.QUEUED, Claim.Status.ASSIGNED, Claim.Status.RETURNED]
# Check-worthiness levels, by score: what the desk calls high, medium and low.
LEVELS = {"high": (0.7, None), "medium": (0.4, 0.7), "low": (None, 0.4)}
LEVEL_CHOICES = [("high", _("High")), ("medium", _("Medium")), ("low", _("Low"))]


def articles_with_counts() -> QuerySet:
    return Article.objects.annotate(
        open_claims=Count("claims", filter=Q(claims__status__in=OPEN_CLAIM_STATUSES)),
        inconsistency_count=Count("claims", filter=Q(claims__kind=Claim.Kind.INCONSISTENCY)),
    )


# What an unset filter reads as in the desk (django-filter's own is "---------" and "Unknown").
ANY = _("Any")


def _yes_no() -> forms.Select:
    return forms.Select(choices=[("", ANY), ("true", _("Yes")), ("false", _("No"))])


class ArticleFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", max_length=200, label=_("Search"))
    language = django_filters.ChoiceFilter(
        empty_label=ANY, choices=Language.choices, label=_("Language")
    )
    status = django_filters.ChoiceFilter(
        empty_label=ANY, choices=Article.Status.choices, label=_("Status")
    )
    publisher = django_filters.CharFilter(
        field_name="publisher", lookup_expr="icontains", max_length=200, label=_("Publisher")
    )
    submitted_after = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Submitted from")
    )
    submitted_before = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Submitted until")
    )
    published_after = django_filters.DateFilter(
        field_name="published_on", lookup_expr="gte", label=_("Published from")
    )
    published_before = django_filters.DateFilter(
        field_name="published_on", lookup_expr="lte", label=_("Published until")
    )
    has_inconsistencies = django_filters.BooleanFilter(
        method="filter_inconsistencies", label=_("Has inconsistencies"), widget=_yes_no()
    )
    ordering = django_filters.OrderingFilter(
        empty_label=_("Newest first"),
        fields=(
            ("created_at", "submitted"),
            ("published_on", "published"),
            ("open_claims", "open"),
        ),
        field_labels={
            "created_at": _("Submitted"),
            "published_on": _("Published"),
            "open_claims": _("Open claims"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = Article
        fields = ["search", "language", "status", "publisher"]

    def filter_search(self, queryset, name, value):
        return articles_search(queryset, value) if value.strip() else queryset

    def filter_inconsistencies(self, queryset, name, value):
        if value is None:
            return queryset
        return (
            queryset.filter(inconsistency_count__gt=0)
            if value
            else queryset.filter(inconsistency_count=0)
        )


def claims_for_lists() -> QuerySet:
    contradicting = Evidence.objects.filter(claim=OuterRef("pk"), stance="contradicts")
    return (
        with_stance_counts(Claim.objects.select_related("article", "queue"))
        .annotate(has_contradiction=Exists(contradicting))
        .order_by("-checkworthiness", "-created_at", "-id")
    )


class ClaimFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", max_length=200, label=_("Search"))
    article = django_filters.NumberFilter(field_name="article_id", label=_("Article"))
    status = django_filters.ChoiceFilter(
        empty_label=ANY, choices=Claim.Status.choices, label=_("Status")
    )
    queue = django_filters.CharFilter(field_name="queue__slug", max_length=50, label=_("Queue"))
    kind = django_filters.ChoiceFilter(empty_label=ANY, choices=Claim.Kind.choices, label=_("Kind"))
    language = django_filters.ChoiceFilter(
        empty_label=ANY,
        field_name="article__language",
        choices=Language.choices,
        label=_("Language"),
    )
    level = django_filters.ChoiceFilter(
        empty_label=ANY, choices=LEVEL_CHOICES, method="filter_level", label=_("Check-worthiness")
    )
    assignee = django_filters.CharFilter(
        method="filter_assignee",
        max_length=150,
        label=_("Checker"),
        help_text=_("A user name; `me` for yourself, `none` for claims nobody holds."),
    )
    has_contradiction = django_filters.BooleanFilter(
        field_name="has_contradiction", label=_("Has a contradicting source"), widget=_yes_no()
    )

    class Meta:
        model = Claim
        fields = ["search", "article", "status", "queue", "kind", "language"]

    def filter_search(self, queryset, name, value):
        return claims_search(queryset, value) if value.strip() else queryset

    def filter_level(self, queryset, name, value):
        low, high = LEVELS.get(value, (None, None))
        if low is not None:
            queryset = queryset.filter(checkworthiness__gte=low)
        if high is not None:
            queryset = queryset.filter(checkworthiness__lt=high)
        return queryset

    def filter_assignee(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        held = Assignment.objects.filter(claim=OuterRef("pk"), ended_at__isnull=True)
        if value == "none":
            return queryset.exclude(Exists(held))
        user = self.request.user if value == "me" and self.request else None
        if user is None:
            user = get_user_model().objects.filter(username=value).first()
        if user is None:
            return queryset.none()
        return queryset.filter(Exists(held.filter(checker=user)))
