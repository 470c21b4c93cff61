"""ClaimReview in each published form, built from one small set of reviews."""

import json

REVIEWS = [
    {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factcheck.example.org/russia-iran-trade",
        "claimReviewed": "Trade between Russia and Iran reached $40bn last year.",
        "datePublished": "2024-07-02",
        "inLanguage": "en",
        "author": {
            "@type": "Organization",
            "name": "Example Fact Check",
            "url": "https://factcheck.example.org",
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "False",
        },
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A minister"}},
    },
    {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://misbar.example.net/egypt-unemployment",
        "claimReviewed": "معدل البطالة في مصر انخفض إلى 7.5% في عام 2023",
        "datePublished": "2024-02-10",
        "inLanguage": "ar",
        "author": {"@type": "Organization", "name": "مسبار"},
        "reviewRating": {"@type": "Rating", "alternateName": "مضلل"},
    },
    {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factcheck.example.org/opec-output",
        "claimReviewed": "OPEC cut oil output by 2 million barrels per day in October 2022.",
        "datePublished": "2022-10-20",
        "author": {"@type": "Organization", "name": "Example Fact Check"},
        "reviewRating": {"@type": "Rating", "alternateName": "True"},
    },
]

BAD = {"@type": "ClaimReview", "url": "not a url", "claimReviewed": "Something"}


def as_list(with_bad: bool = False) -> bytes:
    items = [*REVIEWS[:1], BAD, *REVIEWS[1:]] if with_bad else REVIEWS
    return json.dumps(items, ensure_ascii=False).encode()


def as_datafeed(with_bad: bool = False) -> bytes:
    items = [*REVIEWS[:1], BAD, *REVIEWS[1:]] if with_bad else REVIEWS
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [
            {"@type": "DataFeedItem", "dateCreated": "2024-07-02", "item": [item]} for item in items
        ],
    }
    return json.dumps(feed, ensure_ascii=False).encode()


def as_html() -> bytes:
    blocks = "".join(
        f'<script type="application/ld+json">{json.dumps(item, ensure_ascii=False)}</script>'
        for item in REVIEWS
    )
    org = '<script type="application/ld+json">{"@type": "Organization", "name": "X"}</script>'
    return f"<!doctype html><html><head><title>t</title>{org}{blocks}</head><body>x</body></html>".encode()


def as_google(with_bad: bool = False) -> bytes:
    claims = [
        {
            "text": item["claimReviewed"],
            "claimant": "Someone",
            "claimDate": "2024-06-30T00:00:00Z",
            "claimReview": [
                {
                    "publisher": {"name": item["author"]["name"], "site": "factcheck.example.org"},
                    "url": item["url"],
                    "title": "A title",
                    "reviewDate": item["datePublished"] + "T10:00:00Z",
                    "textualRating": item["reviewRating"]["alternateName"],
                    "languageCode": item.get("inLanguage", "en"),
                }
            ],
        }
        for item in REVIEWS
    ]
    if with_bad:
        claims.insert(1, {"text": "No review here", "claimReview": [{"url": "ftp://x"}]})
    return json.dumps({"claims": claims, "nextPageToken": "abc"}, ensure_ascii=False).encode()
