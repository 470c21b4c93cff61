"""Review workflow tasks: boundaries only, the work is in reviews.assignment."""

from celery import shared_task


@shared_task(name="reviews.tasks.expire_assignment_leases", acks_late=True, ignore_result=True)
def expire_assignment_leases() -> int:
    # Safe to run twice, or in two beats at once: expiry is a guarded transition per claim.
    from reviews.assignment import assignments_expire

    return assignments_expire()
