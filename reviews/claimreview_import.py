"""Importing other fact-checkers' ClaimReview: stored once each, facts extracted, indexed.

`reviews_import(stream=…)` reads any form claims.matching.claimreview knows, in batches, so a
feed of any size costs one batch of memory. A review is the same review when its URL and its
normalised claim text are: re-importing a feed, or a feed that repeats an item, skips it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from django.db import transaction

from claims.extraction import ExtractionError, extract_facts
from claims.extraction.normalize import norm
from claims.matching.claimreview import Parsed, ReviewRecord, read_reviews
from reviews.matching import match_items_index_reviews
from reviews.matching_models import ImportedReview

BATCH = 500


@dataclass
class ImportSummary:
    imported: int = 0
    skipped: int = 0
    refused: int = 0
    new_ids: list[int] = field(default_factory=list)

    def line(self) -> str:
        return f"imported {self.imported}, skipped {self.skipped}, refused {self.refused}"


def review_key(record: ReviewRecord) -> str:
    claim = " ".join(norm(record.claim_text).lower().split())
    return hashlib.sha256(f"{record.url}\n{claim}".encode()).hexdigest()


def _facts(record: ReviewRecord) -> list[dict]:
    try:
        return extract_facts(
            record.claim_text, record.language if record.language in {"ar", "en"} else None
        )
    except ExtractionError:
        return []


@transaction.atomic
def _store_batch(batch: dict[str, ReviewRecord], summary: ImportSummary) -> None:
    """Insert the batch's new reviews and index them, a few statements per batch.

    Rows are inserted ignoring conflicts, so a concurrent import of the same feed loses nothing
    and duplicates nothing; the rows of this batch that have no index entry yet are ours to index.
    """
    existing = set(ImportedReview.objects.filter(key__in=list(batch)).values_list("key", flat=True))
    summary.skipped += len(existing)
    fresh = [
        ImportedReview(
            key=key,
            url=record.url,
            publisher=record.publisher,
            publisher_site=record.publisher_site,
            claim_text=record.claim_text,
            claimant=record.claimant,
            rating_text=record.rating_text,
            rating_value=record.rating_value,
            best_rating=record.best_rating,
            worst_rating=record.worst_rating,
            date_published=record.date_published,
            language=record.language,
            facts=_facts(record),
        )
        for key, record in batch.items()
        if key not in existing
    ]
    ImportedReview.objects.bulk_create(fresh, ignore_conflicts=True)
    stored = list(
        ImportedReview.objects.filter(
            key__in=[review.key for review in fresh], match_item__isnull=True
        )
    )
    match_items_index_reviews(reviews=stored)
    summary.imported += len(stored)
    summary.skipped += len(fresh) - len(stored)
    summary.new_ids.extend(review.pk for review in stored)


def reviews_import(
    *,
    stream: IO[bytes],
    on_error: Callable[[Parsed], None] | None = None,
    on_progress: Callable[[ImportSummary], None] | None = None,
) -> ImportSummary:
    """Import every review in `stream`; a bad record is refused (and reported), never fatal.

    Raises claims.matching.claimreview.FeedError when the input as a whole is unreadable; the
    batches stored before that stay stored.
    """
    summary = ImportSummary()
    batch: dict[str, ReviewRecord] = {}
    for parsed in read_reviews(stream):
        if parsed.record is None:
            summary.refused += 1
            if on_error:
                on_error(parsed)
            continue
        key = review_key(parsed.record)
        if key in batch:
            summary.skipped += 1
            continue
        batch[key] = parsed.record
        if len(batch) >= BATCH:
            _store_batch(batch, summary)
            batch = {}
            if on_progress:
                on_progress(summary)
    if batch:
        _store_batch(batch, summary)
    if on_progress:
        on_progress(summary)
    return summary
