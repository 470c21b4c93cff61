"""Repeat-claim alerts: a new claim matches one already found false or misleading.

The matching work calls `claim_repeat_detected` when a claim matches a published `false` or
`misleading` verdict (or an imported review rated so) above the "probably the same claim"
threshold. Everything it does is idempotent per (claim, match): a second call for the same pair
changes nothing and alerts nobody again.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.audit import audit_record
from claims.models import Claim
from reviews.events import article_data, claim_data
from reviews.models import RepeatOccurrence
from reviews.notifications import notify_editors
from reviews.webhooks import webhooks_emit

CHART_WEEKS = 12


def _imported_label(imported_review) -> str:
    for name in ("claim_reviewed", "claim_text", "title", "url"):
        value = getattr(imported_review, name, "")
        if value:
            return str(value)[:500]
    return str(imported_review)[:500]


@transaction.atomic
def claim_repeat_detected(
    *, claim: Claim, matched_claim: Claim | None = None, imported_review=None, score: float
) -> RepeatOccurrence | None:
    """Record the repeat, raise the claim in its queue, alert the editors, emit the webhook.

    Returns the new occurrence, or None when this pair was already recorded.
    """
    if matched_claim is None and imported_review is None:
        raise ValueError("a repeat needs the matched claim or the imported review")
    # 1. The occurrence; the unique constraints make a second report of the pair a no-op.
    try:
        with transaction.atomic():
            occurrence = RepeatOccurrence.objects.create(
                claim=claim,
                matched_claim=matched_claim,
                imported_review_id=getattr(imported_review, "pk", None),
                imported_label=_imported_label(imported_review) if imported_review else "",
                score=float(score),
            )
    except IntegrityError:
        return None
    # 2. First in its queue: the occurrence itself is what queue ordering reads (queues.is_repeat).
    audit_record(
        actor=None,
        action="claim.repeat_detected",
        obj=claim,
        after={"matched_claim": getattr(matched_claim, "pk", None), "score": float(score),
               "imported_review": occurrence.imported_review_id},
    )  # fmt: skip
    # 3. Editors, in the app and by e-mail.
    notify_editors(verb="repeat", message=lambda: _repeat_message(claim, matched_claim, occurrence))
    # 4. The newsroom's systems.
    webhooks_emit(
        event="claim.repeat_detected",
        data={
            "claim": claim_data(claim),
            "article": article_data(claim.article),
            "matched_claim": claim_data(matched_claim) if matched_claim else None,
            "imported_review": {"id": occurrence.imported_review_id,
                                "label": occurrence.imported_label} if imported_review else None,
            "score": float(score),
        },
    )  # fmt: skip
    return occurrence


# --- the Repeats page ---------------------------------------------------------------------------


@dataclass
class RepeatRow:
    label: str
    matched_claim: Claim | None
    occurrences: list[RepeatOccurrence] = field(default_factory=list)
    weekly: list[tuple[datetime.date, int]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.occurrences)

    @property
    def last_seen(self) -> datetime.datetime:
        return self.occurrences[0].detected_at

    @property
    def publishers(self) -> list[tuple[str, int]]:
        counts = Counter(o.claim.article.publisher or "—" for o in self.occurrences)
        return counts.most_common()


def _week_start(moment: datetime.datetime) -> datetime.date:
    day = timezone.localtime(moment).date()
    return day - datetime.timedelta(days=day.weekday())


def weekly_counts(
    moments: list[datetime.datetime], *, today: datetime.date, weeks: int = CHART_WEEKS
) -> list[tuple[datetime.date, int]]:
    this_week = today - datetime.timedelta(days=today.weekday())
    starts = [this_week - datetime.timedelta(weeks=n) for n in reversed(range(weeks))]
    counts = Counter(_week_start(moment) for moment in moments)
    return [(start, counts.get(start, 0)) for start in starts]


def repeats_summary(*, limit: int = 100) -> list[RepeatRow]:
    """Each checked claim that came back, most often first, with where and when."""
    occurrences = RepeatOccurrence.objects.select_related(
        "claim__article", "matched_claim__article"
    ).order_by("-detected_at")[:5000]
    rows: dict[tuple, RepeatRow] = {}
    grouped = defaultdict(list)
    for occurrence in occurrences:
        key = (occurrence.matched_claim_id, occurrence.imported_review_id)
        grouped[key].append(occurrence)
        if key not in rows:
            matched = occurrence.matched_claim
            rows[key] = RepeatRow(
                label=matched.text if matched else occurrence.imported_label,
                matched_claim=matched,
            )
    today = timezone.localdate()
    for key, row in rows.items():
        row.occurrences = grouped[key]
        row.weekly = weekly_counts([o.detected_at for o in row.occurrences], today=today)
    return sorted(rows.values(), key=lambda row: (-row.count, -row.last_seen.timestamp()))[:limit]


def _repeat_message(claim: Claim, matched_claim: Claim | None, occurrence) -> str:
    """The editors' alert, in the language of the editor it is written for."""
    if matched_claim is not None:
        what = _("claim %(number)s") % {"number": matched_claim.pk}
    else:
        what = occurrence.imported_label
    return _(
        "A claim already found false or misleading is back (%(publisher)s, claim %(number)s, "
        "similarity %(score).2f): “%(text)s” repeats %(what)s."
    ) % {
        "publisher": claim.article.publisher or _("an unnamed publisher"),
        "number": claim.pk,
        "score": float(occurrence.score),
        "text": claim.text[:200],
        "what": what,
    }
