"""How many of a claim's sources support it, contradict it, or do both: one query for a list.

An editor scanning a queue or the inbox should see a contradiction without opening the claim.
A source counts once per stance whatever number of snapshots it has (a re-fetch that changed
its stance counts under both until it is fetched again).
"""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from claims.models import Claim, Evidence

COUNTED = (Evidence.Stance.SUPPORTS, Evidence.Stance.CONTRADICTS, Evidence.Stance.MIXED)


def _attribute(stance: str) -> str:
    return f"stance_{stance}_count"


def with_stance_counts(queryset: QuerySet, *, claim_path: str = "") -> QuerySet:
    """Annotate each row (a claim, or a row reaching one through `claim_path`, e.g. "claim__").

    Correlated subqueries rather than joins and GROUP BY: PostgreSQL counts them for the rows
    it returns, after ORDER BY … LIMIT, not for every row a search or a filter matched.
    """
    claim = OuterRef(f"{claim_path.removesuffix('__')}_id" if claim_path else "pk")
    return queryset.annotate(
        **{_attribute(value): _sources_count(claim, value) for value in COUNTED}
    )


def _sources_count(claim: OuterRef, stance: str) -> Coalesce:
    sources = (
        Evidence.objects.filter(claim=claim, stance=stance)
        .order_by()
        .values("claim")
        .annotate(sources=Count("snapshot__source", distinct=True))
        .values("sources")
    )
    return Coalesce(Subquery(sources, output_field=IntegerField()), 0)


def stance_counts(row) -> dict[str, int]:
    """{"supports": n, "contradicts": n, "mixed": n} of an annotated row, else of the claim."""
    if all(hasattr(row, _attribute(value)) for value in COUNTED):
        return {str(value): getattr(row, _attribute(value)) for value in COUNTED}
    claim = row if isinstance(row, Claim) else row.claim
    counted = dict(
        Evidence.objects.filter(claim=claim, stance__in=COUNTED)
        .values("stance")
        .annotate(sources=Count("snapshot__source", distinct=True))
        .values_list("stance", "sources")
    )
    return {str(value): counted.get(value, 0) for value in COUNTED}
