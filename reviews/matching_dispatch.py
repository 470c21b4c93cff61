"""Where matching work is handed to Celery: by task name, after the current transaction commits,
so a worker never looks for a claim or review that is not there yet."""

from functools import partial

from celery import current_app
from django.db import transaction

MATCH_CLAIMS = "reviews.tasks.match_claims"
MATCH_IMPORTED_REVIEWS = "reviews.tasks.match_imported_reviews"
CHUNK = 200


def _send_chunks(task_name: str, ids: list[int]) -> None:
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        transaction.on_commit(partial(current_app.send_task, task_name, args=(chunk,)))


def claims_matching_enqueue(claim_ids: list[int]) -> None:
    _send_chunks(MATCH_CLAIMS, claim_ids)


def reviews_matching_enqueue(review_ids: list[int]) -> None:
    _send_chunks(MATCH_IMPORTED_REVIEWS, review_ids)
