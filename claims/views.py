"""Desk pages for articles: submit, read with claims highlighted, follow extraction live."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from claims.forms import ArticleSubmitForm
from claims.ingest import ArticleRejected, article_submit
from claims.models import Article, Claim
from reviews.errors import WorkflowError
from reviews.forms import ClaimAddForm
from reviews.lifecycle import claim_add
from reviews.roles import is_editor, is_fact_checker, is_newsroom_member

# --- access -----------------------------------------------------------------------------------


def role_required(test: Callable[[object], bool], reason: str):
    """Login first (redirect), then the newsroom role (403 page): outsiders see nothing."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not test(request.user):
                return forbidden(request, reason)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


newsroom_required = role_required(
    is_newsroom_member, "The desk is for fact-checkers and editors of this newsroom."
)
checker_required = role_required(is_fact_checker, "Only fact-checkers can do this.")
editor_required = role_required(is_editor, "Only editors can do this.")


def desk_role(request: HttpRequest) -> dict:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return {}
    from reviews.models import Notification

    member = is_newsroom_member(user)
    return {
        "member": member,
        "checker": is_fact_checker(user),
        "editor": is_editor(user),
        "unread": Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        if member
        else 0,
    }


def page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    """render() plus what the layout needs: the role-aware navigation."""
    return render(request, template, {"desk_role": desk_role(request), **context}, status=status)


def forbidden(request: HttpRequest, reason: str = "") -> HttpResponse:
    return page(request, "reviews/forbidden.html", {"reason": reason}, status=403)


# --- highlighting -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    tag: str
    attrs: dict


def _open_tag(mark: Mark, first: bool) -> str:
    attrs = dict(mark.attrs)
    if not first:
        attrs.pop("id", None)  # a mark split by a crossing one keeps its id on the first piece
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs.items())
    return f"<{mark.tag}{rendered}>"


def highlighted_html(text: str, marks: Iterable[Mark], offset: int = 0) -> SafeString:
    """Wrap spans of `text` in elements, escaping every text segment.

    Spans may nest (a fact inside its claim) or cross (two overlapping claims): a crossing span is
    closed and reopened so the markup stays well-formed. `offset` is where `text` starts in the
    article, because spans are offsets into the whole body.
    """
    size = len(text)
    spans = []
    for mark in marks:
        start, end = max(mark.start - offset, 0), min(mark.end - offset, size)
        if end > start:
            spans.append(Mark(start, end, mark.tag, mark.attrs))
    # Outer first at one position: longer spans open before shorter ones.
    spans.sort(key=lambda m: (m.start, -m.end))
    points = sorted({0, size, *(m.start for m in spans), *(m.end for m in spans)})
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[int] = set()
    pending = list(reversed(spans))
    for index, point in enumerate(points):
        ending = [m for m in stack if m.end == point]
        if ending:
            reopen: list[Mark] = []
            while any(m.end == point for m in stack):
                top = stack.pop()
                out.append(f"</{top.tag}>")
                if top.end != point:
                    reopen.append(top)
            for mark in reversed(reopen):
                out.append(_open_tag(mark, first=False))
                stack.append(mark)
        while pending and pending[-1].start == point:
            mark = pending.pop()
            out.append(_open_tag(mark, first=id(mark) not in opened))
            opened.add(id(mark))
            stack.append(mark)
        if index + 1 < len(points):
            out.append(escape(text[point : points[index + 1]]))
    for mark in reversed(stack):
        out.append(f"</{mark.tag}>")
    return mark_safe("".join(out))  # noqa: S308 - every text segment and attribute is escaped above


def claim_marks(claims: Iterable[Claim], focus: Claim | None = None) -> list[Mark]:
    """The claims of an article and, inside them, their facts."""
    marks = []
    for claim in claims:
        classes = ["claim", f"claim-{claim.kind}"]
        if claim.kind == Claim.Kind.INCONSISTENCY:
            classes.append("flag")
        if focus is not None:
            classes.append("focus" if claim.pk == focus.pk else "context")
        marks.append(
            Mark(
                claim.start,
                claim.end,
                "mark",
                {
                    "class": " ".join(classes),
                    "id": f"claim-{claim.pk}",
                    "data-claim": str(claim.pk),
                    "title": claim.get_kind_display(),
                },
            )
        )
        if claim.kind == Claim.Kind.INCONSISTENCY:
            continue
        for fact in claim.facts or []:
            start, end = fact.get("start"), fact.get("end")
            if isinstance(start, int) and isinstance(end, int) and claim.start <= start < end:
                marks.append(
                    Mark(
                        start,
                        min(end, claim.end),
                        "span",
                        {
                            "class": f"fact fact-{fact.get('type', 'other')}",
                            "title": fact.get("type", ""),
                        },
                    )
                )
    return marks


def text_direction(language: str) -> str:
    return {"ar": "rtl", "en": "ltr"}.get(language or "", "auto")


def fact_rows(claim: Claim) -> list[dict]:
    """Facts as label/value pairs for the page (values are shown isolated, left to right)."""
    rows = []
    for fact in claim.facts or []:
        kind = fact.get("type", "")
        details = {
            key: value
            for key, value in fact.items()
            if key not in {"type", "start", "end", "text", "detail"} and value not in (None, "", [])
        }
        rows.append(
            {
                "type": kind,
                "text": fact.get("text", ""),
                "detail": fact.get("detail", ""),
                "details": details,
            }
        )
    return rows


# --- views ------------------------------------------------------------------------------------


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
                    messages.info(request, "This article was submitted before: here it is.")
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
        "inconsistencies": [],
    }
    if article.status == Article.Status.EXTRACTED:
        claims = list(article.claims.select_related("queue").order_by("start", "id"))
        context["body_html"] = highlighted_html(article.body, claim_marks(claims))
        context["claims"] = [
            {"claim": claim, "facts": fact_rows(claim)}
            for claim in claims
            if claim.kind != Claim.Kind.INCONSISTENCY
        ]
        context["inconsistencies"] = [
            {"claim": claim, "facts": fact_rows(claim)}
            for claim in claims
            if claim.kind == Claim.Kind.INCONSISTENCY
        ]
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
            messages.success(request, f"Claim #{claim.pk} added by hand and sent to its queue.")
            url = reverse("desk:article_detail", args=[article.pk])
            return redirect(f"{url}#claim-{claim.pk}")
    context = _article_context(article, request.user, add_form=form)
    return page(request, "claims/article_detail.html", context, status=status)
