"""Search across articles and claims, Arabic-aware, on PostgreSQL and (slower) on SQLite.

Text and query go through the same normalisation as the extraction engine (diacritics, tatweel
and invisible marks dropped; hamza seats, alef forms, teh marbuta, alef maksura and Persian
letters folded; Eastern digits to Western; lower case), so `أكّد` finds `اكد` and `إيران` finds
`ايران`. The database does it with `claimdesk_normalize(text)`, an immutable SQL function built
from the engine's own tables (`normalize_function_sql`) and indexed:

- PostgreSQL: full-text search (`to_tsvector('english', claimdesk_normalize(…))`, English
  stemming, GIN index) OR'd with pg_trgm word similarity for near spellings (GIN trigram index);
- SQLite: the same function registered in Python; every query word must occur in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from claims.extraction.normalize import _DELETED, _SUBSTITUTIONS, norm, normalize

FUNCTION = "claimdesk_normalize"
MAX_QUERY_CHARS = 200
_WORD = re.compile(r"\w+", re.UNICODE)


def normalize_for_search(text: str) -> str:
    return norm(text or "").lower()


def query_words(query: str) -> list[str]:
    return _WORD.findall(normalize_for_search(query[:MAX_QUERY_CHARS]))


def normalize_function_sql() -> str:
    """CREATE FUNCTION for PostgreSQL, generated from the extraction engine's own tables."""
    pairs = [(chr(code), new) for code, new in _SUBSTITUTIONS.items() if len(new) == 1]
    source = "".join(old for old, _ in pairs).replace("'", "''")
    target = "".join(new for _, new in pairs).replace("'", "''")
    deleted = _DELETED.replace("'", "''")  # literal characters and ranges: a regex class
    return (
        f"CREATE OR REPLACE FUNCTION {FUNCTION}(value text) RETURNS text "
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ "
        f"SELECT lower(translate(regexp_replace(value, '[{deleted}]', '', 'g'), "
        f"'{source}', '{target}')) $fn$;"
    )


def _register_sqlite_function(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            FUNCTION,
            1,
            lambda value: None if value is None else normalize_for_search(value),
            deterministic=True,
        )


connection_created.connect(_register_sqlite_function, dispatch_uid="claims.search.sqlite")


def text_matches(
    queryset: QuerySet, query: str, *, column_sql: str, near_sql: str | None = None
) -> QuerySet:
    """Rows of `queryset` whose text (an SQL expression over its table) matches `query`.

    `near_sql` is the (shorter) text that near spellings are looked for in, on PostgreSQL;
    the expressions must be written exactly as in the indexes (claims migration 0005).
    """
    words = query_words(query)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        text = " ".join(words)
        # column_sql is our own SQL; the query only ever travels as a parameter.
        condition = RawSQL(  # noqa: S611
            f"(to_tsvector('english', {FUNCTION}({column_sql})) "
            "@@ plainto_tsquery('english', %s) "
            f"OR %s <%% {FUNCTION}({near_sql or column_sql}))",
            [text, text],
            output_field=BooleanField(),
        )
        return queryset.filter(condition)
    for word in words:
        queryset = queryset.filter(
            RawSQL(  # noqa: S611
                f"instr({FUNCTION}({column_sql}), %s) > 0", [word], output_field=BooleanField()
            )
        )
    return queryset


def highlighted(text: str, query: str, *, limit: int | None = None) -> SafeString:
    """`text` escaped, with every occurrence of a query word (as normalised) in <mark>."""
    words = sorted(set(query_words(query)), key=len, reverse=True)
    folded = normalize(text)
    haystack = folded.text.lower()
    spans: list[tuple[int, int]] = []
    for word in words:
        start = haystack.find(word)
        while start != -1:
            spans.append(folded.span(start, start + len(word)))
            start = haystack.find(word, start + len(word))
    spans = _merged(spans)
    if limit is not None and len(text) > limit:
        first = spans[0][0] if spans else 0
        begin = max(0, first - limit // 3)
        text_cut, offset = text[begin : begin + limit], begin
        spans = [(a - offset, min(b - offset, len(text_cut))) for a, b in spans if a >= offset]
        spans = [(a, b) for a, b in spans if a < len(text_cut)]
        prefix = "… " if begin else ""
        suffix = " …" if begin + limit < len(text) else ""
        return mark_safe(prefix + _marked(text_cut, spans) + suffix)  # noqa: S308 (escaped)
    return mark_safe(_marked(text, spans))  # noqa: S308 (escaped in _marked)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


# The searchable text of each table, as SQL: the indexes in claims 0005 use these expressions.
CLAIM_TEXT_SQL = '"claims_claim"."text"'
ARTICLE_TEXT_SQL = '("claims_article"."title" || \' \' || "claims_article"."body")'
ARTICLE_TITLE_SQL = '"claims_article"."title"'


def claims_search(queryset: QuerySet, query: str) -> QuerySet:
    return text_matches(queryset, query, column_sql=CLAIM_TEXT_SQL)


def articles_search(queryset: QuerySet, query: str) -> QuerySet:
    return text_matches(queryset, query, column_sql=ARTICLE_TEXT_SQL, near_sql=ARTICLE_TITLE_SQL)


def search_index_sql() -> list[str]:
    """The PostgreSQL objects search needs: pg_trgm, the function, and expression indexes."""
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        normalize_function_sql(),
        f"CREATE INDEX IF NOT EXISTS claims_claim_search_fts ON claims_claim USING gin "
        f"(to_tsvector('english', {FUNCTION}(text)))",
        f"CREATE INDEX IF NOT EXISTS claims_claim_search_trgm ON claims_claim USING gin "
        f"({FUNCTION}(text) gin_trgm_ops)",
        f"CREATE INDEX IF NOT EXISTS claims_article_search_fts ON claims_article USING gin "
        f"(to_tsvector('english', {FUNCTION}(title || ' ' || body)))",
        f"CREATE INDEX IF NOT EXISTS claims_article_search_trgm ON claims_article USING gin "
        f"({FUNCTION}(title) gin_trgm_ops)",
    ]


SEARCH_INDEX_DROP_SQL = [
    "DROP INDEX IF EXISTS claims_claim_search_fts",
    "DROP INDEX IF EXISTS claims_claim_search_trgm",
    "DROP INDEX IF EXISTS claims_article_search_fts",
    "DROP INDEX IF EXISTS claims_article_search_trgm",
    f"DROP FUNCTION IF EXISTS {FUNCTION}(text)",
]
