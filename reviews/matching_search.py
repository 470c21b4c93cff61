"""Candidate lookup in the match index: fact keys, then text.

Fact candidates are an index scan on MatchKey. Text candidates use PostgreSQL full-text search
over the stored `search` tsvector (migration 0004): items that share at least two of the query's
rarest terms, ranked by ts_rank. "Rarest" comes from PostgreSQL's own statistics on that column
(pg_stats.most_common_elems, kept by ANALYZE): a term in a tenth of the index would make the
search rank half the table, so such terms are left to the scorer. A claim made only of
common words searches by three of its four rarest together.

SQLite, for development and tests, asks the same question with LIKE over the space-delimited
norm_text and ranks in Python.
"""

from __future__ import annotations

import json
import time
from itertools import combinations

from django.db import connection
from django.db.models import Q

from claims.matching import Signature, lookup_keys
from claims.matching.signature import concept_token
from reviews.matching_models import MatchItem, MatchKey

FACT_CANDIDATES = 80
TEXT_CANDIDATES = 50
FALLBACK_TERMS = 4
QUERY_TERMS = 8
# A term in more than this share of the index is too common to search by.
COMMON_SHARE = 0.01
STATS_SECONDS = 600
SQLITE_SCAN = 2000

_common: dict[str, float] = {}
_common_loaded_at = -STATS_SECONDS * 2.0


def common_terms() -> dict[str, float]:
    """{term: share of rows} for the index's most common terms (PostgreSQL), cached a while."""
    global _common, _common_loaded_at
    if time.monotonic() - _common_loaded_at < STATS_SECONDS:
        return _common
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = 'reviews_matchitem' AND attname = 'search'"
        )
        found = cursor.fetchone()
    _common = dict(zip(found[0], found[1], strict=False)) if found and found[0] else {}
    _common_loaded_at = time.monotonic()
    return _common


def query_terms(signature: Signature, common: dict[str, float] | None = None) -> list[str]:
    """The rarest-looking terms: by known frequency, then concepts (they cross languages),
    then the longest stems (long words are rarer)."""
    common = common or {}
    concepts = sorted(concept_token(c) for c in signature.concepts)
    stems = sorted(signature.stems, key=lambda s: (-len(s), s))
    ordered = sorted(concepts + stems, key=lambda t: common.get(t, 0.0))
    return ordered[:QUERY_TERMS]


def fact_candidates(signature: Signature) -> list[int]:
    """Items with an equal-looking figure: on PostgreSQL those that also share a word or a
    concept come first (a common figure such as 5 % is in thousands of rows), then the newest."""
    keys = lookup_keys(signature)
    if not keys:
        return []
    found: dict[int, None] = {}
    terms = query_terms(signature)
    if connection.vendor == "postgresql" and terms:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT k.item_id FROM reviews_matchkey k "
                "JOIN reviews_matchitem i ON i.id = k.item_id "
                "WHERE k.key = ANY(%s) AND i.search @@ to_tsquery('simple', %s) "
                "ORDER BY k.item_id DESC LIMIT %s",
                [keys, " | ".join(_quoted(terms)), FACT_CANDIDATES // 2],
            )
            found.update(dict.fromkeys(row[0] for row in cursor.fetchall()))
    newest = (
        MatchKey.objects.filter(key__in=keys)
        .order_by("-item_id")
        .values_list("item_id", flat=True)[: FACT_CANDIDATES - len(found)]
    )
    found.update(dict.fromkeys(newest))
    return list(found)


def _quoted(terms: list[str]) -> list[str]:
    return ["'" + term.replace("'", "''") + "'" for term in terms]


def _tsquery(terms: list[str], together: int = 2) -> str:
    """Rows with at least `together` of the terms."""
    quoted = _quoted(terms)
    if len(quoted) < together:
        return " | ".join(quoted) if together <= 2 else " & ".join(quoted)
    return " | ".join(f"({' & '.join(group)})" for group in combinations(quoted, together))


def text_search_query(terms: list[str], common: dict[str, float]) -> str:
    """Two rare terms together; one rare term alone; with none, three of the four rarest
    together (two common words together can still be in a thousand rows)."""
    rare = [t for t in terms if common.get(t, 0.0) <= COMMON_SHARE]
    if len(rare) >= 2:
        return _tsquery(rare)
    if len(rare) == 1:
        return _quoted(rare)[0]
    return _tsquery(terms[:FALLBACK_TERMS], together=3)


def _postgres_text_candidates(signature: Signature) -> list[int]:
    common = common_terms()
    terms = query_terms(signature, common)
    query = text_search_query(terms, common)
    if not query:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM reviews_matchitem WHERE search @@ to_tsquery('simple', %s) "
            "ORDER BY ts_rank(search, to_tsquery('simple', %s)) DESC, id DESC LIMIT %s",
            [query, query, TEXT_CANDIDATES],
        )
        return [row[0] for row in cursor.fetchall()]


def _sqlite_text_candidates(signature: Signature) -> list[int]:
    terms = query_terms(signature)
    if not terms:
        return []
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


def text_candidates(signature: Signature) -> list[int]:
    if connection.vendor == "postgresql":
        return _postgres_text_candidates(signature)
    return _sqlite_text_candidates(signature)


def candidate_ids(signature: Signature) -> list[int]:
    seen: dict[int, None] = dict.fromkeys(fact_candidates(signature))
    seen.update(dict.fromkeys(text_candidates(signature)))
    return list(seen)


# --- PostgreSQL: every candidate row in one round trip --------------------------------------------

_CANDIDATE_ROWS_SQL = """
WITH fact_ids AS (
    (SELECT k.item_id FROM reviews_matchkey k JOIN reviews_matchitem i ON i.id = k.item_id
      WHERE k.key = ANY(%(keys)s) AND i.search @@ to_tsquery('simple', %(any)s) LIMIT %(half)s)
    UNION
    (SELECT item_id FROM reviews_matchkey WHERE key = ANY(%(keys)s) LIMIT %(half)s)
), text_ids AS (
    SELECT id FROM reviews_matchitem WHERE search @@ to_tsquery('simple', %(search)s)
    ORDER BY ts_rank(search, to_tsquery('simple', %(search)s)) DESC, id DESC LIMIT %(text)s
)
SELECT i.id, i.text, i.facts, i.language, i.norm_text FROM reviews_matchitem i
 WHERE i.id IN (SELECT item_id FROM fact_ids UNION SELECT id FROM text_ids)
   AND NOT COALESCE(
        i.claim_id = ANY(ARRAY(SELECT id FROM claims_claim WHERE article_id = %(article)s)),
        false)
"""


def candidate_rows(
    signature: Signature, exclude_article_id: int | None
) -> list[tuple[int, str, list, str, str]] | None:
    """(id, text, facts, language, norm_text) of every candidate, or None off PostgreSQL."""
    if connection.vendor != "postgresql":
        return None
    common = common_terms()
    terms = query_terms(signature, common)
    keys = lookup_keys(signature)
    search = text_search_query(terms, common)
    if not search and not keys:
        return []
    # An empty tsquery matches nothing; "''" keeps the statement valid.
    params = {
        "keys": keys,
        "any": " | ".join(_quoted(terms)) or "''",
        "search": search or "''",
        "half": FACT_CANDIDATES // 2,
        "text": TEXT_CANDIDATES,
        "article": exclude_article_id or 0,
    }
    with connection.cursor() as cursor:
        cursor.execute(_CANDIDATE_ROWS_SQL, params)
        rows = cursor.fetchall()
    return [
        (pk, text, json.loads(facts) if isinstance(facts, str) else facts, language, norm_text)
        for pk, text, facts, language, norm_text in rows
    ]
