"""Candidate lookup in the match index: fact keys, then text.

Fact candidates are an index scan on MatchKey. Text candidates use PostgreSQL full-text search
over the stored `search` tsvector (migration 0004) asking for items that share at least two of
the query's rarest-looking terms, ranked by ts_rank; SQLite, for development and tests, asks
the same question with LIKE over the space-delimited norm_text and ranks in Python.
"""

from __future__ import annotations

from itertools import combinations

from django.db import connection
from django.db.models import Q

from claims.matching import Signature, lookup_keys
from claims.matching.signature import concept_token
from reviews.matching_models import MatchItem, MatchKey

FACT_CANDIDATES = 100
TEXT_CANDIDATES = 50
QUERY_TERMS = 8
SQLITE_SCAN = 2000


def query_terms(signature: Signature) -> list[str]:
    """Concepts first (they cross languages), then the longest stems: long words are rarer."""
    concepts = sorted(concept_token(c) for c in signature.concepts)
    stems = sorted(signature.stems, key=lambda s: (-len(s), s))
    return (concepts + stems)[:QUERY_TERMS]


def fact_candidates(signature: Signature) -> list[int]:
    keys = lookup_keys(signature)
    if not keys:
        return []
    return list(
        MatchKey.objects.filter(key__in=keys)
        .order_by("-item_id")
        .values_list("item_id", flat=True)[:FACT_CANDIDATES]
    )


def _tsquery(terms: list[str]) -> str:
    quoted = ["'" + term.replace("'", "''") + "'" for term in terms]
    if len(quoted) < 2:
        return " | ".join(quoted)
    return " | ".join(f"({a} & {b})" for a, b in combinations(quoted, 2))


def text_candidates(signature: Signature) -> list[int]:
    terms = query_terms(signature)
    if not terms:
        return []
    if connection.vendor == "postgresql":
        query = _tsquery(terms)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM reviews_matchitem WHERE search @@ to_tsquery('simple', %s) "
                "ORDER BY ts_rank(search, to_tsquery('simple', %s)) DESC, id DESC LIMIT %s",
                [query, query, TEXT_CANDIDATES],
            )
            return [row[0] for row in cursor.fetchall()]
    condition = Q()
    for term in terms:
        condition |= Q(norm_text__contains=f" {term} ")
    rows = MatchItem.objects.filter(condition).order_by("-id").values_list("id", "norm_text")
    needed = 2 if len(terms) >= 2 else 1
    ranked = []
    for item_id, norm_text in rows[:SQLITE_SCAN]:
        shared = sum(f" {term} " in norm_text for term in terms)
        if shared >= needed:
            ranked.append((-shared, -item_id))
    ranked.sort()
    return [-item_id for _, item_id in ranked[:TEXT_CANDIDATES]]


def candidate_ids(signature: Signature) -> list[int]:
    seen: dict[int, None] = dict.fromkeys(fact_candidates(signature))
    seen.update(dict.fromkeys(text_candidates(signature)))
    return list(seen)
