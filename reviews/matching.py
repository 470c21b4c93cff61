"""Matching services: keep the match index current and score a claim's candidates.

The index holds every claim of ours and every imported review (MatchItem) with its fact keys
(MatchKey). A claim's matches are computed by the matching task, stored as ClaimMatch, and
only read by the API and the desk: nothing here runs in a request.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from claims.audit import audit_record
from claims.matching import Match, score_pair, signature_of
from claims.matching.signature import fact_keys, index_text, signature_from_index
from claims.models import Claim
from reviews.matching_models import ClaimMatch, ImportedReview, MatchItem, MatchKey
from reviews.matching_search import candidate_ids, candidate_rows
from reviews.models import Verdict
from reviews.repeats import claim_repeat_detected

MAX_MATCHES = 10
# Ratings whose repetition a queue may want to see first.
FALSEHOOD_RATINGS = ("false", "misleading", "mostly-false")


def suggest_threshold() -> float:
    return settings.CLAIMDESK_MATCH_SUGGEST


def probable_threshold() -> float:
    return settings.CLAIMDESK_MATCH_PROBABLE


def _claim_language(claim: Claim) -> str:
    return claim.article.language or ""


def _item_fields(text: str, facts: list[dict], language: str) -> dict:
    signature = signature_of(text, facts, language or None)
    return {
        "text": text,
        "facts": facts,
        "language": signature.language,
        "norm_text": index_text(signature),
    }


def _keys_replace(item: MatchItem) -> None:
    wanted = set(fact_keys(item.facts))
    MatchKey.objects.filter(item=item).exclude(key__in=wanted).delete()
    MatchKey.objects.bulk_create(
        [MatchKey(item=item, key=key) for key in sorted(wanted)], ignore_conflicts=True
    )


@transaction.atomic
def match_items_index_claims(*, claims: Iterable[Claim]) -> list[MatchItem]:
    """Index (or re-index) our claims; safe to run twice."""
    items = []
    for claim in claims:
        if claim.kind == Claim.Kind.INCONSISTENCY:
            continue  # an article's own contradiction is not a claim about the world
        fields = _item_fields(claim.text, claim.facts, _claim_language(claim))
        item, _ = MatchItem.objects.update_or_create(
            claim=claim, defaults={"kind": MatchItem.Kind.CLAIM, **fields}
        )
        _keys_replace(item)
        items.append(item)
    return items


@transaction.atomic
def match_items_index_reviews(*, reviews: list[ImportedReview]) -> int:
    """Index newly imported reviews in bulk (an imported review never changes)."""
    MatchItem.objects.bulk_create(
        [
            MatchItem(
                kind=MatchItem.Kind.IMPORTED,
                review=review,
                **_item_fields(review.claim_text, review.facts, review.language),
            )
            for review in reviews
        ],
        ignore_conflicts=True,
    )
    items = MatchItem.objects.filter(review__in=reviews).values_list("pk", "facts")
    MatchKey.objects.bulk_create(
        [MatchKey(item_id=pk, key=key) for pk, facts in items for key in fact_keys(facts)],
        ignore_conflicts=True,
    )
    return len(reviews)


def matches_for_text(
    *, text: str, facts: list[dict], language: str | None, exclude_article_id: int | None = None
) -> list[tuple[MatchItem, Match]]:
    """Scored candidates above the suggestion threshold, best first (at most MAX_MATCHES).

    Candidates are scored from plain rows (no model instances); only the kept ones are loaded.
    """
    signature = signature_of(text, facts, language)
    rows = candidate_rows(signature, exclude_article_id)
    if rows is None:  # SQLite: the same candidates, a few statements
        found = MatchItem.objects.filter(id__in=candidate_ids(signature))
        if exclude_article_id is not None:
            found = found.exclude(claim__article_id=exclude_article_id)
        rows = list(found.values_list("id", "text", "facts", "language", "norm_text"))
    scored = []
    floor = suggest_threshold()
    for pk, item_text, item_facts, item_language, norm_text in rows:
        other = signature_from_index(item_text, item_facts, item_language, norm_text)
        match = score_pair(signature, other)
        if match.score >= floor:
            scored.append((pk, match))
    scored.sort(key=lambda pair: (-pair[1].score, -pair[0]))
    kept = scored[:MAX_MATCHES]
    items = MatchItem.objects.select_related("review", "claim__article").in_bulk(
        [pk for pk, _ in kept]
    )
    return [(items[pk], match) for pk, match in kept if pk in items]


def _store(claim: Claim, scored: list[tuple[MatchItem, Match]]) -> list[ClaimMatch]:
    probable = probable_threshold()
    ClaimMatch.objects.filter(claim=claim).exclude(item__in=[i for i, _ in scored]).delete()
    stored = []
    for item, match in scored:
        row, _ = ClaimMatch.objects.update_or_create(
            claim=claim,
            item=item,
            defaults={
                "score": match.score,
                "probable": match.score >= probable,
                "reasons": match.reasons,
            },
        )
        stored.append(row)
    return stored


def published_verdicts_of(claim_ids: Iterable[int]) -> dict[int, Verdict]:
    verdicts = (
        Verdict.objects.filter(claim_id__in=list(claim_ids), status=Verdict.Status.PUBLISHED)
        .exclude(claim__kind=Claim.Kind.INCONSISTENCY)  # an outcome, not a rating to repeat
        .select_related("rating")
    )
    return {verdict.claim_id: verdict for verdict in verdicts}


def claim_priority_raise(*, claim: Claim, verdict: Verdict) -> bool:
    """Put a claim that repeats a published falsehood at the head of its queue (once)."""
    raised = Claim.objects.filter(pk=claim.pk, checkworthiness__lt=1.0).update(checkworthiness=1.0)
    if raised:
        audit_record(
            actor=None,
            action="claim.priority_raised",
            obj=claim,
            before={"checkworthiness": claim.checkworthiness},
            after={"checkworthiness": 1.0, "matches_verdict": verdict.pk},
        )
    return bool(raised)


def _raise_if_repeated_falsehood(claim: Claim, stored: list[ClaimMatch]) -> None:
    if claim.queue is None or not claim.queue.raise_repeated_falsehoods:
        return
    claim_ids = [m.item.claim_id for m in stored if m.probable and m.item.claim_id]
    for verdict in published_verdicts_of(claim_ids).values():
        if verdict.rating and verdict.rating.slug in FALSEHOOD_RATINGS:
            claim_priority_raise(claim=claim, verdict=verdict)
            return


# Rating words other fact-checkers use for a falsehood, in the languages we read.
FALSEHOOD_WORDS = (
    "false", "misleading", "incorrect", "fake", "pants on fire", "mostly false", "wrong",
    "خطأ", "خاطئ", "مضلل", "زائف", "كاذب", "مفبرك", "غير صحيح",
)  # fmt: skip


def review_says_false(review) -> bool:
    text = (review.rating_text or "").strip().lower()
    if any(word in text for word in FALSEHOOD_WORDS):
        return True
    if review.rating_value is not None and review.best_rating and review.worst_rating is not None:
        span = review.best_rating - review.worst_rating
        return span > 0 and (review.rating_value - review.worst_rating) / span <= 0.25
    return False


def _report_repeats(claim: Claim, stored: list[ClaimMatch]) -> None:
    """A probable match of a published falsehood (ours or another fact-checker's) is a repeat."""
    probable = [match for match in stored if match.probable]
    verdicts = published_verdicts_of([m.item.claim_id for m in probable if m.item.claim_id])
    for match in probable:
        item = match.item
        verdict = verdicts.get(item.claim_id) if item.claim_id else None
        if verdict is not None and verdict.rating and verdict.rating.slug in FALSEHOOD_RATINGS:
            claim_repeat_detected(claim=claim, matched_claim=verdict.claim, score=match.score)
        elif item.review_id and review_says_false(item.review):
            claim_repeat_detected(claim=claim, imported_review=item.review, score=match.score)


@transaction.atomic
def claim_matches_refresh(*, claim: Claim) -> list[ClaimMatch]:
    """Index the claim, score its candidates and keep the best; safe to run twice."""
    match_items_index_claims(claims=[claim])
    scored = matches_for_text(
        text=claim.text,
        facts=claim.facts,
        language=_claim_language(claim) or None,
        exclude_article_id=claim.article_id,
    )
    stored = _store(claim, scored)
    _raise_if_repeated_falsehood(claim, stored)
    _report_repeats(claim, stored)
    return stored


def review_matches_spread(*, item: MatchItem) -> int:
    """After an import: add the new review to the matches of the claims it resembles."""
    scored = matches_for_text(text=item.text, facts=item.facts, language=item.language)
    claim_ids = [other.claim_id for other, _ in scored if other.claim_id]
    claims = {c.pk: c for c in Claim.objects.select_related("article").filter(pk__in=claim_ids)}
    added = 0
    for claim in claims.values():
        # Score from the claim's side, as its own refresh would.
        query = signature_of(claim.text, claim.facts, _claim_language(claim) or None)
        match = score_pair(
            query, signature_from_index(item.text, item.facts, item.language, item.norm_text)
        )
        if match.score < suggest_threshold():
            continue
        ClaimMatch.objects.update_or_create(
            claim=claim,
            item=item,
            defaults={
                "score": match.score,
                "probable": match.score >= probable_threshold(),
                "reasons": match.reasons,
            },
        )
        added += 1
    return added
