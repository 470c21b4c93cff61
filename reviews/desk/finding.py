"""Finding work in the desk: the articles page, the claims page, search, and saved views."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims.roles import is_editor, is_fact_checker
from reviews.desk.access import newsroom_required, page
from reviews.desk.bulk import ClaimsBulkForm
from reviews.filters import ArticleFilter, ClaimFilter, articles_with_counts, claims_for_lists
from reviews.models import Assignment, SavedView, Verdict
from reviews.queues import member_queue_ids
from reviews.verdicts import verdicts_search

PAGE_SIZE = 50
SEARCH_LIMIT = 20


def _page_of(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _saved_views(request: HttpRequest, kind: str):
    return SavedView.objects.filter(user=request.user, page=kind)


def _claims_with_holders(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(ended_at__isnull=True).select_related("checker"),
            to_attr="open_assignments",
        )
    )


@newsroom_required
def articles_list(request: HttpRequest) -> HttpResponse:
    found = ArticleFilter(
        request.GET,
        # The list shows titles: an article's body (up to 200,000 characters) stays in the database.
        queryset=articles_with_counts().defer("body").order_by("-created_at", "-id"),
    )
    articles = found.qs if found.is_valid() else found.queryset.none()
    return page(
        request,
        "reviews/articles_list.html",
        {
            "nav": "articles",
            "filter": found,
            "page_obj": _page_of(request, articles),
            "query": _query_without_page(request),
            "search": request.GET.get("search", ""),
            "saved_views": _saved_views(request, SavedView.Page.ARTICLES),
            "saved_page": SavedView.Page.ARTICLES,
        },
    )


@newsroom_required
def claims_list(request: HttpRequest) -> HttpResponse:
    found = ClaimFilter(
        request.GET, queryset=claims_for_lists().defer("article__body"), request=request
    )
    claims = _claims_with_holders(found.qs) if found.is_valid() else found.queryset.none()
    return page(
        request,
        "reviews/claims_list.html",
        {
            "nav": "claims",
            "filter": found,
            "page_obj": _page_of(request, claims),
            "query": _query_without_page(request),
            "search": request.GET.get("search", ""),
            "saved_views": _saved_views(request, SavedView.Page.CLAIMS),
            "saved_page": SavedView.Page.CLAIMS,
            "can_take": is_fact_checker(request.user),
            "my_queue_ids": member_queue_ids(user=request.user),
            "bulk_form": ClaimsBulkForm(auto_id="bulk_%s") if is_editor(request.user) else None,
        },
    )


@newsroom_required
def search(request: HttpRequest) -> HttpResponse:
    """One box for articles, claims and verdicts; each part shows its best matches."""
    query = request.GET.get("q", "").strip()[:200]
    context = {"nav": "search", "q": query, "claims": [], "articles": [], "verdicts": []}
    if query:
        claim_found = ClaimFilter({"search": query}, queryset=claims_for_lists(), request=request)
        article_found = ArticleFilter({"search": query}, queryset=articles_with_counts())
        context.update(
            claims=list(_claims_with_holders(claim_found.qs)[:SEARCH_LIMIT]),
            articles=list(article_found.qs.order_by("-created_at")[:SEARCH_LIMIT]),
            verdicts=list(
                verdicts_search(
                    Verdict.objects.select_related("claim", "rating", "author"), query
                ).order_by("-created_at")[:SEARCH_LIMIT]
            ),
            claims_more=f"?{urlencode({'search': query})}",
        )
    return page(request, "reviews/search.html", context)


@require_POST
@newsroom_required
def saved_view_save(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("page", "")
    name = request.POST.get("name", "").strip()[:80]
    target = "desk:claims_list" if kind == SavedView.Page.CLAIMS else "desk:articles_list"
    query = QueryDict(request.POST.get("query", ""), mutable=True)
    query.pop("page", None)
    if kind not in SavedView.Page.values or not name:
        messages.error(request, _("Give the view a name to save it."))
        return redirect(f"{_url(target)}?{query.urlencode()}")
    SavedView.objects.update_or_create(
        user=request.user, page=kind, name=name, defaults={"query": query.urlencode()[:1000]}
    )
    messages.success(request, _("Saved the view “%(name)s”.") % {"name": name})
    return redirect(f"{_url(target)}?{query.urlencode()}")


@require_POST
@newsroom_required
def saved_view_delete(request: HttpRequest, pk: int) -> HttpResponse:
    view = get_object_or_404(SavedView, pk=pk, user=request.user)
    target = "desk:claims_list" if view.page == SavedView.Page.CLAIMS else "desk:articles_list"
    view.delete()
    messages.success(request, _("Deleted the view “%(name)s”.") % {"name": view.name})
    return redirect(target)


def _url(name: str) -> str:
    return reverse(name)
