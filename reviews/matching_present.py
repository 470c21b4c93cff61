"""A claim's stored matches as rows people and tools read: kind, rating, publisher, date, and
the reasons in words. One place, used by the API and the desk."""

from __future__ import annotations

from django.utils.translation import gettext as _

from claims.models import ArticleURL
from reviews.matching import published_verdicts_of
from reviews.matching_models import ClaimLink, ClaimMatch, MatchItem


def reason_words(reason: dict) -> str:
    key = reason.get("key")
    if key == "same_figure":
        return _("same figure %(value)s") % reason
    if key == "different_figure":
        return _("different figure: %(value)s here, %(other)s there") % reason
    if key == "same_date":
        return _("same date %(value)s") % reason
    if key == "different_date":
        return _("different date: %(value)s here, %(other)s there") % reason
    if key == "same_speaker":
        return _("same speaker")
    if key == "word_overlap":
        return _("%(percent)s %% word overlap") % reason
    if key == "same_topics":
        return _("same subjects: %(value)s") % reason
    if key == "different_names":
        return _("different names: %(value)s") % reason
    if key == "different_subjects":
        return _("about other things: %(value)s") % reason
    if key == "other_language":
        return _("in another language (%(language)s)") % reason
    return str(key)


def _article_urls(article_ids: set[int]) -> dict[int, str]:
    urls: dict[int, str] = {}
    for article_id, url in (
        ArticleURL.objects.filter(article_id__in=article_ids)
        .order_by("-id")
        .values_list("article_id", "url")
    ):
        urls[article_id] = url
    return urls


def item_rows(pairs: list[tuple[MatchItem, float, bool, list[dict]]]) -> list[dict]:
    """(item, score, probable, reasons) → CONTRACTS §5 rows plus what the desk shows."""
    items = [item for item, *_ in pairs]
    claim_items = [i for i in items if i.claim_id]
    verdicts = published_verdicts_of(i.claim_id for i in claim_items)
    articles = {i.claim.article_id: i.claim.article for i in claim_items}
    urls = _article_urls(set(articles))
    rows = []
    for item, score, probable, reasons in pairs:
        row = {
            "score": score,
            "probable": probable,
            "reasons": reasons,
            "reasons_text": [reason_words(r) for r in reasons],
            "item": item.pk,
            "claim_text": item.text,
            "language": item.language,
            "claim": item.claim_id,
            "verdict": None,
        }
        if item.review_id:
            review = item.review
            row.update(
                kind="imported",
                rating=review.rating_text,
                publisher=review.publisher,
                url=review.url,
                date=review.date_published,
            )
        else:
            article = articles[item.claim.article_id]
            verdict = verdicts.get(item.claim_id)
            row.update(
                kind="verdict" if verdict else "claim",
                rating=verdict.rating.slug if verdict and verdict.rating else "",
                publisher=article.publisher,
                url=urls.get(article.pk) or article.source_url,
                date=(verdict.published_at.date() if verdict and verdict.published_at else None)
                or article.published_on
                or article.created_at.date(),
                verdict=verdict.pk if verdict else None,
            )
        rows.append(row)
    return rows


def claim_match_rows(claim) -> list[dict]:
    matches = list(
        ClaimMatch.objects.filter(claim=claim)
        .select_related("item__review", "item__claim__article")
        .order_by("-score", "id")
    )
    rows = item_rows([(m.item, m.score, m.probable, m.reasons) for m in matches])
    linked = set(ClaimLink.objects.filter(claim=claim).values_list("item_id", flat=True))
    for row in rows:
        row["linked"] = row["item"] in linked
    return rows


def claims_checked_before(claim_ids: list[int]) -> set[int]:
    """The claims probably the same as an earlier one or a fact-check, or linked to one."""
    probable = ClaimMatch.objects.filter(claim_id__in=claim_ids, probable=True)
    linked = ClaimLink.objects.filter(claim_id__in=claim_ids)
    # One query (a UNION), so a page listing claims stays within its query budget.
    return set(
        probable.order_by()
        .values_list("claim_id", flat=True)
        .union(linked.order_by().values_list("claim_id", flat=True))
    )
