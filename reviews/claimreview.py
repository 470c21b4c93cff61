"""One published verdict as a schema.org ClaimReview, shaped for Google's fact-check results.

What goes where (Google's required and recommended properties, developers.google.com/search/docs/
appearance/structured-data/factcheck):

- `claimReviewed`: the claim as reviewed — the checker's wording, by default the claim's text;
  never the verdict's summary;
- `headline`: the verdict's summary (the review's short text); `reviewBody`: its rationale;
- `reviewRating`: `alternateName` (and `name`) the rating's label, with `ratingValue`,
  `bestRating` and `worstRating` when the rating sits on the numeric scale;
- `itemReviewed`: a `Claim` whose `appearance` and `firstAppearance` are the article's addresses
  without tracking parameters, whose `datePublished` is the article's own publication date
  (omitted when unknown: never the day it reached the desk), and whose `author` is the claim's
  speaker when extraction found one, else the publisher.
"""

import re
from datetime import date, datetime

from django.conf import settings
from django.urls import reverse

from claims.url_keys import InvalidURL, url_canonical
from reviews.models import Verdict

BEST_RATING = 5
WORST_RATING = 1

# A speaker is published as an Organization when its name says so; otherwise as a Person.
_ORGANISATION_WORDS = re.compile(
    r"\b(?:ministry|ministries|department|agency|authority|office|bank|fund|council|commission|"
    r"committee|government|kremlin|white house|company|corporation|corp|group|association|"
    r"union|institute|organi[sz]ation|bureau|board|police|army|court|parliament|university|"
    r"regulator|airline|party|inc|ltd|plc|llc)\b"
    r"|وزار|هيئ|الكرملين|شرك|حكوم|بنك|البنك|صندوق|مجلس|مكتب|وكال|مؤسس|جمعي|اتحاد|معهد|منظم|"
    r"سلط|مصرف|جامع|برلمان|شرط|جيش|محكم|حزب",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"^(?:the\s+)?[A-Z]{2,}$|\([A-Z]{2,}\)")


def iso_date(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat()


def verdict_public_url(claim_id: int) -> str:
    # The page is per claim, so the address a publisher or a search engine keeps survives corrections.
    return settings.CLAIMDESK_PUBLIC_BASE_URL + reverse("public_pages:verdict", args=[claim_id])


def canonical_urls(urls: list[str]) -> list[str]:
    """The article's addresses as published: tracking parameters gone, duplicates once."""
    canonical = []
    for url in urls:
        try:
            clean = url_canonical(url)
        except InvalidURL:
            continue
        if clean not in canonical:
            canonical.append(clean)
    return canonical


def claim_speaker(facts: list[dict]) -> str | None:
    """The first speaker the extraction credited within the claim, as written."""
    for fact in facts or []:
        if fact.get("type") == "attribution" and (fact.get("speaker") or "").strip():
            return fact["speaker"].strip()
    return None


def speaker_node(speaker: str) -> dict:
    is_organisation = _ORGANISATION_WORDS.search(speaker) or _ACRONYM.search(speaker)
    return {"@type": "Organization" if is_organisation else "Person", "name": speaker}


def review_rating(verdict: Verdict, best_worst: dict[int, tuple[int, int]]) -> dict:
    rating = verdict.rating
    node = {"@type": "Rating"}
    if rating is not None and rating.rating_value is not None:
        best, worst = best_worst.get(rating.scale_id, (BEST_RATING, WORST_RATING))
        node.update(ratingValue=rating.rating_value, bestRating=best, worstRating=worst)
    # Google accepts a text-only rating: Unverifiable has no place on the numeric scale.
    label = (rating.alternate_name or rating.label) if rating else "Unrated"
    node["alternateName"] = label
    node["name"] = label
    return node


def item_reviewed(verdict: Verdict, *, article, urls: list[str]) -> dict:
    appearances = [{"@type": "CreativeWork", "url": url} for url in canonical_urls(urls)]
    if appearances and article.title:
        appearances[0]["headline"] = article.title
    item: dict = {"@type": "Claim"}
    if appearances:
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]
    if article.published_on:
        item["datePublished"] = iso_date(article.published_on)
    speaker = claim_speaker(verdict.claim.facts)
    if speaker:
        item["author"] = speaker_node(speaker)
    elif article.publisher:
        item["author"] = {"@type": "Organization", "name": article.publisher}
    return item


def claim_review(
    verdict: Verdict,
    *,
    article,
    urls: list[str],
    first_published: datetime | None,
    best_worst: dict[int, tuple[int, int]],
) -> dict:
    claim = verdict.claim
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": verdict_public_url(claim.pk),
        "claimReviewed": verdict.claim_reviewed or claim.text,
        "reviewRating": review_rating(verdict, best_worst),
        "itemReviewed": item_reviewed(verdict, article=article, urls=urls),
        "author": {
            "@type": "Organization",
            "name": settings.CLAIMDESK_ORGANIZATION_NAME,
            "url": settings.CLAIMDESK_ORGANIZATION_URL,
        },
    }
    if verdict.summary:
        review["headline"] = verdict.summary
    if verdict.rationale:
        review["reviewBody"] = verdict.rationale
    first = first_published or verdict.published_at
    review["datePublished"] = iso_date(first)
    if verdict.published_at and first and verdict.published_at > first:
        review["dateModified"] = verdict.published_at.isoformat()
    if article.language:
        review["inLanguage"] = article.language
    return review
