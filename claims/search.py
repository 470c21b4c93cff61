"""Search across articles and claims, Arabic-aware, on PostgreSQL and (slower) on SQLite.

Text and query go through the same normalisation as the extraction engine (diacritics, tatweel
and invisible marks dropped; hamza seats, alef forms, teh marbuta, alef maksura and Persian
letters folded; Eastern digits to Western; lower case), so `أكّد` finds `اكد` and `إيران` finds
`ايران`. The database does it with `claimdesk_normalize(text)`, an immutable SQL function built
from the engine's own tables (`normalize_function_sql`) and indexed:

- PostgreSQL: full-text search (`to_tsvector('english', claimdesk_normalize(…))`, English
  stemming, GIN index); when that finds nothing, pg_trgm word similarity for near spellings
  (GIN trigram index).
  For claims and articles both are stored generated columns (claims migration 0011): the index
  finds the candidates and every check after it reads stored values, where recomputing the
  normalisation for each candidate row cost ~0.5 ms a row (a common Arabic word: seconds);
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
    queryset: QuerySet,
    query: str,
    *,
    column_sql: str,
    near_sql: str | None = None,
    stored: tuple[str, str] | None = None,
    lexicon: bool = False,
) -> QuerySet:
    """Rows of `queryset` whose text (an SQL expression over its table) matches `query`.

    `near_sql` is the (shorter) text that near spellings are looked for in, on PostgreSQL;
    the expressions must be written exactly as in the indexes (claims migration 0009).
    `stored` names, on PostgreSQL, the stored tsvector and normalised-text columns that hold
    both already (claims migration 0011): then they are used instead. With `lexicon`, near
    spellings are looked up in the claims' word list (claims_search_word) rather than by a
    trigram check of every candidate row.
    """
    words = query_words(query)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        text = " ".join(words)
        if stored is not None:
            vector, near = stored
        else:
            vector = f"to_tsvector('english', {FUNCTION}({column_sql}))"
            near = f"{FUNCTION}({near_sql or column_sql})"
        # Our own SQL only; the query only ever travels as a parameter.
        if stored is not None:
            # Each word as typed (English stems) or bare of an attached و/ف, ب/ك/ل or ال,
            # as the stored vector holds the text's words both ways.
            terms = " && ".join(
                f"(plainto_tsquery('english', %s) || plainto_tsquery('simple', {CLITICS}(%s)))"
                for _ in words
            )
            exact = queryset.filter(
                RawSQL(  # noqa: S611
                    f"{vector} @@ ({terms})",
                    [value for word in words for value in (word, word)],
                    output_field=BooleanField(),
                )
            )
        else:
            exact = queryset.filter(
                RawSQL(  # noqa: S611
                    f"{vector} @@ plainto_tsquery('english', %s)",
                    [text],
                    output_field=BooleanField(),
                )
            )
        if exact.exists():
            return exact
        # Near spellings only when the words as typed are nowhere: a near match beside exact
        # ones would only be noise.
        if lexicon:
            # Each word's nearest known words (the lexicon is small and trigram-indexed), then
            # the full-text index with them: no row is read that does not hold one. The tsquery
            # is looked up first so that the planner sees it (a common near word is best found
            # down the list-order index, a rare one through the full-text index).
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT ({NEAR_WORDS_TSQUERY_SQL})::text", [words])
                near_query = cursor.fetchone()[0]
            if near_query is None:
                return queryset.none()
            return queryset.filter(
                RawSQL(  # noqa: S611
                    f"{vector} @@ %s::tsquery", [near_query], output_field=BooleanField()
                )
            )
        return queryset.filter(
            RawSQL(f"%s <%% {near}", [text], output_field=BooleanField())  # noqa: S611
        )
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


# A near word shares at least 0.4 of its trigrams with the typed one (ministy/ministry 0.55,
# a letter left out of six about 0.44; imports/exports, 0.33, are two words). The 5 nearest
# come from the GiST index in distance order (KNN), not from a scan of the lexicon.
# A tsquery of, for each query word, its 5 nearest words in the lexicon (AND of ORs); NULL,
# matching nothing, when a word has no near one. The query words travel as one text[] parameter.
NEAR_WORDS_TSQUERY_SQL = (
    "SELECT CASE WHEN bool_and(near.alternatives IS NOT NULL)"
    " THEN string_agg('(' || near.alternatives || ')', ' & ')::tsquery END"
    " FROM unnest(%s::text[]) AS typed, LATERAL ("
    "   SELECT string_agg(quote_literal(known.word), ' | ') AS alternatives FROM ("
    "     SELECT word FROM claims_search_word ORDER BY word <-> typed LIMIT 5"
    "   ) AS known WHERE similarity(known.word, typed) >= 0.4) AS near"
)


# The searchable text of each table, as SQL: the indexes in claims 0005 use these expressions.
CLAIM_TEXT_SQL = '"claims_claim"."text"'
ARTICLE_TEXT_SQL = '("claims_article"."title" || \' \' || "claims_article"."body")'
ARTICLE_TITLE_SQL = '"claims_article"."title"'


CLAIM_STORED = ('"claims_claim"."search_vector"', '"claims_claim"."search_text"')
ARTICLE_STORED = ('"claims_article"."search_vector"', '"claims_article"."search_title"')


def claims_search(queryset: QuerySet, query: str) -> QuerySet:
    return text_matches(
        queryset, query, column_sql=CLAIM_TEXT_SQL, stored=CLAIM_STORED, lexicon=True
    )


def articles_search(queryset: QuerySet, query: str) -> QuerySet:
    return text_matches(
        queryset,
        query,
        column_sql=ARTICLE_TEXT_SQL,
        near_sql=ARTICLE_TITLE_SQL,
        stored=ARTICLE_STORED,
    )


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


# Claims migration 0011: the normalised text and its tsvector stored beside the text (generated
# columns, PostgreSQL only; the models do not know them), indexed instead of the expressions.
# Arabic attaches the conjunctions و/ف, the prepositions ب/ك/ل and the article ال to the word
# (واكد, بالرئيس): the vector holds every word as written and bare of them, so a search for
# اكد finds واكد. (A light stemmer: it also strips letters that were the word's own, which only
# adds the odd extra match.) SQLite's fallback matches substrings and needs none of this.
CLITICS = "claimdesk_clitics_stripped"
VECTOR = "claimdesk_search_vector"
SEARCH_FUNCTIONS_SQL = [
    f"CREATE OR REPLACE FUNCTION {CLITICS}(value text) RETURNS text "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ "
    "SELECT regexp_replace(value, '(^|\\s)[وف]?(بال|كال|فال|لل|ال|ب|ك|ل)?(\\S{3,})', "
    "'\\1\\3', 'g') $fn$",
    f"CREATE OR REPLACE FUNCTION {VECTOR}(value text) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$ "
    f"SELECT to_tsvector('english', {FUNCTION}(value)) "
    f"|| to_tsvector('simple', {CLITICS}({FUNCTION}(value))) $fn$",
]
SEARCH_COLUMNS_SQL = [
    *SEARCH_FUNCTIONS_SQL,
    "ALTER TABLE claims_claim "
    f"ADD COLUMN search_text text GENERATED ALWAYS AS ({FUNCTION}(text)) STORED, "
    "ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    f"({VECTOR}(text)) STORED",
    "ALTER TABLE claims_article "
    f"ADD COLUMN search_title text GENERATED ALWAYS AS ({FUNCTION}(title)) STORED, "
    "ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    f"({VECTOR}(title || ' ' || body)) STORED",
    *SEARCH_INDEX_DROP_SQL[:4],
    "CREATE INDEX claims_claim_search_vector ON claims_claim USING gin (search_vector)",
    "CREATE INDEX claims_claim_search_text ON claims_claim USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX claims_article_search_vector ON claims_article USING gin (search_vector)",
    "CREATE INDEX claims_article_search_title ON claims_article "
    "USING gin (search_title gin_trgm_ops)",
    # The lexicon near spellings are looked up in: every word of every claim's tsvector, kept
    # by a trigger (words are never removed: a stale one only offers a match that finds none).
    "CREATE TABLE claims_search_word (word text PRIMARY KEY)",
    "CREATE INDEX claims_search_word_trgm ON claims_search_word USING gist (word gist_trgm_ops)",
    "CREATE FUNCTION claims_search_word_add() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN "
    "INSERT INTO claims_search_word (word) SELECT unnest(tsvector_to_array(NEW.search_vector)) "
    "ON CONFLICT DO NOTHING; RETURN NULL; END $fn$",
    "CREATE TRIGGER claims_search_word_add AFTER INSERT OR UPDATE OF text ON claims_claim "
    "FOR EACH ROW EXECUTE FUNCTION claims_search_word_add()",
    "INSERT INTO claims_search_word (word) SELECT DISTINCT unnest(tsvector_to_array(search_vector)) "
    "FROM claims_claim ON CONFLICT DO NOTHING",
]
SEARCH_COLUMNS_DROP_SQL = [
    "DROP TRIGGER IF EXISTS claims_search_word_add ON claims_claim",
    "DROP FUNCTION IF EXISTS claims_search_word_add()",
    "DROP TABLE IF EXISTS claims_search_word",
    "ALTER TABLE claims_claim DROP COLUMN IF EXISTS search_text, "
    "DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE claims_article DROP COLUMN IF EXISTS search_title, "
    "DROP COLUMN IF EXISTS search_vector",
    *search_index_sql()[2:],
    f"DROP FUNCTION IF EXISTS {VECTOR}(text)",
    f"DROP FUNCTION IF EXISTS {CLITICS}(text)",
]
