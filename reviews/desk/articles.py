"""Desk pages for articles: submit, read with claims highlighted, follow extraction live."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from claims.errors import WorkflowError
from claims.ingest import ArticleRejected, article_submit
from claims.models import Article, Claim
from claims.roles import is_fact_checker
from claims.stance_counts import with_stance_counts
from reviews.corrections import article_corrections
from reviews.desk.access import checker_required, newsroom_required, page
from reviews.desk.forms import ArticleSubmitForm, ClaimAddForm
from reviews.desk.highlighting import claim_marks, highlighted_html, text_direction
from reviews.lifecycle import claim_add
from reviews.matching_present import claims_checked_before
from reviews.routing import claim_promote, is_checkworthy


@newsroom_required
def article_submit_view(request: HttpRequest) -> HttpResponse:
    form = ArticleSubmitForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                article, created = article_submit(submitted_by=request.user, **form.submission())
            except ArticleRejected as error:
                form.add_error(None, error.detail)
                status = error.status_code
            else:
                if not created:
                    messages.info(request, _("This article was submitted before: here it is."))
                return redirect("desk:article_detail", pk=article.pk)
        else:
            status = 400
    return page(
        request, "claims/article_submit.html", {"form": form, "nav": "submit"}, status=status
    )


def _article_context(article: Article, user=None, add_form=None) -> dict:
    finished = article.status in (Article.Status.EXTRACTED, Article.Status.FAILED)
    context = {
        "article": article,
        "direction": text_direction(article.language),
        "finished": finished,
        "claims": [],
        "low_claims": [],
        "inconsistencies": [],
    }
    if article.status == Article.Status.EXTRACTED:
        claims = list(
            with_stance_counts(article.claims.select_related("queue")).order_by("start", "id")
        )
        context["body_html"] = highlighted_html(article.body, claim_marks(claims))
        checked = claims_checked_before([claim.pk for claim in claims])
        ranked = sorted(
            (claim for claim in claims if claim.kind != Claim.Kind.INCONSISTENCY),
            key=lambda claim: (-claim.checkworthiness, claim.start, claim.pk),
        )
        # Ranked by check-worthiness; those the threshold kept out of the queues come last,
        # folded away, each with a button to promote it.
        context["claims"] = [
            {"claim": claim, "checked_before": claim.pk in checked}
            for claim in ranked
            if claim.status != Claim.Status.NEW or is_checkworthy(claim)
        ]
        context["low_claims"] = [
            {"claim": claim, "checked_before": claim.pk in checked}
            for claim in ranked
            if claim.status == Claim.Status.NEW and not is_checkworthy(claim)
        ]
        context["inconsistencies"] = [
            {"claim": claim} for claim in claims if claim.kind == Claim.Kind.INCONSISTENCY
        ]
        if context["inconsistencies"]:
            context["corrections"] = article_corrections(article.pk)
    # Adding by hand waits for extraction: the extractor might find the same claim meanwhile.
    if finished and user is not None and is_fact_checker(user):
        context["add_form"] = add_form or ClaimAddForm(auto_id="add_%s")
    return context


@newsroom_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    return page(request, "claims/article_detail.html", _article_context(article, request.user))


@newsroom_required
def article_live(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the article page until extraction settles; the last answer stops the polling."""
    article = get_object_or_404(Article, pk=pk)
    return render(request, "claims/_article_live.html", _article_context(article, request.user))


@require_POST
@checker_required
def claim_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A claim the extractor missed, marked by hand on the article page."""
    article = get_object_or_404(Article, pk=pk)
    form = ClaimAddForm(request.POST, auto_id="add_%s")
    status = 400
    if form.is_valid():
        try:
            claim = claim_add(article=article, actor=request.user, **form.cleaned_data)
        except WorkflowError as error:
            form.add_error(None, error.detail)
            status = error.status_code
        else:
            messages.success(
                request,
                _("Claim #%(number)s added by hand and sent to its queue.") % {"number": claim.pk},
            )
            url = reverse("desk:article_detail", args=[article.pk])
            return redirect(f"{url}#claim-{claim.pk}")
    context = _article_context(article, request.user, add_form=form)
    return page(request, "claims/article_detail.html", context, status=status)


@require_POST
@newsroom_required
def claim_promote_view(request: HttpRequest, pk: int) -> HttpResponse:
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=pk)
    try:
        promoted = claim_promote(claim=claim, actor=request.user)
    except WorkflowError as error:
        messages.error(request, error.detail)
    else:
        messages.success(
            request,
            _("Claim %(id)s is now in the queue %(queue)s.")
            % {"id": promoted.pk, "queue": promoted.queue},
        )
    return redirect(reverse("desk:article_detail", args=[claim.article_id]) + f"#claim-{claim.pk}")
