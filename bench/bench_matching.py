"""Checked-before benchmark: matching one new claim against 200,000 indexed claims and reviews,
and importing 50,000 ClaimReviews (rate and peak memory).

Prints only TSV rows `figure<TAB>value<TAB>unit<TAB>compared with` on stdout; progress on stderr.
Uses its own PostgreSQL database (BENCH_MATCHING_DATABASE_URL, default `claimdesk_bench_matching`),
recreated each run; falls back to SQLite under var/bench-matching when PostgreSQL does not answer.
BENCH_MATCHING_REUSE=1 re-measures matching on the index the last run left.
Texts are generated from templates (English and Arabic, figures, dates, speakers, and a long
tail of rare words so the full-text index sees a realistic vocabulary).
"""

import json
import os
import random
import resource
import subprocess
import sys
import time
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from bench_workflow import fresh_postgres_database, log, percentile, row  # noqa: E402

BENCH_URL = os.environ.get(
    "BENCH_MATCHING_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/claimdesk_bench_matching"
)
INDEXED = int(os.environ.get("BENCH_MATCHING_INDEXED", "200000"))
IMPORTED = int(os.environ.get("BENCH_MATCHING_IMPORT", "50000"))
QUERIES = 200
# Re-measure matching against the index the last run left, without refilling or importing.
REUSE = os.environ.get("BENCH_MATCHING_REUSE") == "1"
VAR = REPO / "var" / "bench-matching"

COUNTRIES = [
    ("Russia", "روسيا"), ("Iran", "إيران"), ("China", "الصين"), ("Egypt", "مصر"),
    ("Turkey", "تركيا"), ("Iraq", "العراق"), ("Jordan", "الأردن"), ("Lebanon", "لبنان"),
    ("Syria", "سوريا"), ("Qatar", "قطر"), ("Kuwait", "الكويت"), ("Morocco", "المغرب"),
    ("Tunisia", "تونس"), ("Algeria", "الجزائر"), ("Sudan", "السودان"), ("Libya", "ليبيا"),
    ("Yemen", "اليمن"), ("India", "الهند"), ("Germany", "ألمانيا"), ("France", "فرنسا"),
]  # fmt: skip
TOPICS = [
    ("trade", "التبادل التجاري"), ("the budget deficit", "عجز الموازنة"), ("public debt", "الدين العام"),
    ("oil exports", "صادرات النفط"), ("gas imports", "واردات الغاز"), ("investment", "الاستثمار"),
    ("tourism revenue", "عائدات السياحة"), ("wheat imports", "واردات القمح"), ("military aid", "المساعدات العسكرية"),
    ("electricity subsidies", "دعم الكهرباء"), ("housing spending", "الإنفاق على الإسكان"), ("road building", "بناء الطرق"),
]  # fmt: skip
SPEAKERS = [
    ("the ministry", "الوزارة"), ("the Kremlin", "الكرملين"), ("the central bank", "البنك المركزي"),
    ("the prime minister", "رئيس الوزراء"), ("the IMF", "صندوق النقد الدولي"), ("officials", "مسؤولون"),
]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
AR_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
             "أكتوبر", "نوفمبر", "ديسمبر"]  # fmt: skip
LETTERS = "bcdfghjklmnpqrstvwxz"


def rare_word(n: int) -> str:
    # Letters only (the matcher's words are letters), 20,000 of them, drawn Zipf-like.
    word = "q"
    while True:
        word += LETTERS[n % len(LETTERS)]
        n //= len(LETTERS)
        if n == 0:
            return word + "o"


def generated(rng: random.Random) -> tuple[str, str, list[dict]]:
    """(text, language, facts) of one synthetic claim."""
    text, language, facts, _skeleton, _tail = generated_parts(rng)
    return text, language, facts


def tail_words(rng: random.Random) -> list[str]:
    # One word from a 20,000-word tail, one from a Zipf-like 2,000-word head.
    return [rare_word(rng.randrange(20000)), rare_word(int(rng.paretovariate(0.7)) % 2000)]


def generated_parts(rng: random.Random):
    """(text, language, facts, text without the rare words, the rare words)."""
    (country, country_ar), (topic, topic_ar) = rng.choice(COUNTRIES), rng.choice(TOPICS)
    speaker, speaker_ar = rng.choice(SPEAKERS)
    value = rng.choice([1, 2, 3, 4, 5, 6, 8, 12, 15, 20, 25, 40, 53, 75]) * 10 ** rng.randint(6, 10)
    year, month = rng.randint(2015, 2025), rng.randint(1, 12)
    words = tail_words(rng)
    tail = " ".join(words)
    billions = value / 1e9
    facts = [
        {"type": "money", "value": value, "currency": "USD", "approximate": rng.random() < 0.4},
        {"type": "date", "year": year, "month": month, "day": None},
        {"type": "attribution", "speaker": speaker_ar},
    ]
    if rng.random() < 0.5:
        facts[2]["speaker"] = speaker
        skeleton = (
            f"{country} {topic} reached ${billions:g}bn in {MONTHS[month - 1]} {year}, "
            f"{speaker} said"
        )
        return f"{skeleton} ({tail}).", "en", facts, skeleton, words
    skeleton = (
        f"قال {speaker_ar} إن {topic_ar} في {country_ar} بلغ {billions:g} مليار دولار "
        f"في {AR_MONTHS[month - 1]} {year}"
    )
    return f"{skeleton} ({tail}).", "ar", facts, skeleton, words


def configure() -> str:
    VAR.mkdir(parents=True, exist_ok=True)
    engine = "postgresql"
    if REUSE:
        os.environ["DATABASE_URL"] = BENCH_URL
    elif fresh_postgres_database(BENCH_URL):
        os.environ["DATABASE_URL"] = BENCH_URL
    else:
        engine = "sqlite"
        database = VAR / "bench.sqlite3"
        database.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.pop("REDIS_URL", None)  # the import's follow-up tasks stay in a local folder
    os.environ.update(
        CLAIMDESK_VAR_DIR=str(VAR),
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnop"),
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.core.management import call_command

    if not REUSE:
        call_command("migrate", verbosity=0)
    return engine


@lru_cache(maxsize=100_000)
def skeleton_signature(skeleton: str, language: str):
    from claims.matching import signature_of

    return signature_of(skeleton, [], language)


def fill_index(rng: random.Random) -> None:
    """INDEXED items: half our claims (100 per article), half imported reviews."""
    from django.db import connection

    from claims.matching import signature_of
    from claims.matching.signature import fact_keys, index_text

    sample = generated_parts(random.Random(1))
    full = signature_of(sample[0], [], sample[1])
    assert full.stems == skeleton_signature(sample[3], sample[1]).stems | frozenset(sample[4])
    from claims.models import Article, Claim
    from reviews.matching_models import ImportedReview, MatchItem, MatchKey

    half = INDEXED // 2
    batch = 5000
    started = time.monotonic()
    articles = Article.objects.bulk_create(
        [Article(title=f"A{i}", body="x", status="extracted") for i in range(half // 100 + 1)]
    )
    for offset in range(0, INDEXED, batch):
        generated_rows = [generated_parts(rng) for _ in range(min(batch, INDEXED - offset))]
        subjects = []
        for index, (text, language, facts, _skeleton, _tail) in enumerate(generated_rows):
            n = offset + index
            if n < half:
                subjects.append(
                    Claim(
                        article=articles[n // 100], start=n % 100, end=n % 100 + len(text),
                        text=text, kind="money", facts=facts, status="queued",
                    )
                )  # fmt: skip
            else:
                subjects.append(
                    ImportedReview(
                        key=f"bench-{n}", url=f"https://factcheck.example.org/{n}",
                        publisher="Bench Check", claim_text=text, language=language, facts=facts,
                    )
                )  # fmt: skip
        claims = Claim.objects.bulk_create([s for s in subjects if isinstance(s, Claim)])
        reviews = ImportedReview.objects.bulk_create(
            [s for s in subjects if isinstance(s, ImportedReview)]
        )
        items = []
        for subject, (text, language, facts, skeleton, tail) in zip(
            [*claims, *reviews], generated_rows, strict=True
        ):
            # The rare words are letters only and their own stems: the full text's signature is
            # the skeleton's plus them (checked below), which keeps filling the index quick.
            base = skeleton_signature(skeleton, language)
            signature = replace(base, stems=base.stems | frozenset(tail))
            items.append(
                MatchItem(
                    kind="claim" if isinstance(subject, Claim) else "imported",
                    claim=subject if isinstance(subject, Claim) else None,
                    review=subject if isinstance(subject, ImportedReview) else None,
                    language=language, text=text, facts=facts, norm_text=index_text(signature),
                )
            )  # fmt: skip
        items = MatchItem.objects.bulk_create(items)
        MatchKey.objects.bulk_create(
            [MatchKey(item=item, key=key) for item in items for key in fact_keys(item.facts)]
        )
        log(f"  indexed {offset + len(generated_rows)} in {time.monotonic() - started:.0f}s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE reviews_matchitem")
            cursor.execute("VACUUM ANALYZE reviews_matchkey")


def bench_matching(engine: str, rng: random.Random) -> None:
    from reviews.matching import matches_for_text
    from reviews.matching_models import MatchItem

    ids = list(MatchItem.objects.values_list("pk", flat=True)[:: max(1, INDEXED // 5000)])
    queries = [generated(rng) for _ in range(QUERIES)]
    for text, language, facts in queries[:10]:  # warm caches, connections and plans
        matches_for_text(text=text, facts=facts, language=language)
    times, found = [], 0
    for text, language, facts in queries:
        started = time.perf_counter()
        found += bool(matches_for_text(text=text, facts=facts, language=language))
        times.append(time.perf_counter() - started)
    baseline = []
    for pk in rng.sample(ids, min(QUERIES, len(ids))):
        started = time.perf_counter()
        MatchItem.objects.filter(pk=pk).values_list("text", flat=True).first()
        baseline.append(time.perf_counter() - started)
    p50, p95 = percentile(times, 0.5) * 1000, percentile(times, 0.95) * 1000
    base95 = percentile(baseline, 0.95) * 1000
    compared = f"{engine}, {INDEXED} indexed; primary-key lookup p95 {base95:.2f} ms"
    row("match one new claim p50", f"{p50:.1f}", "ms", compared)
    row("match one new claim p95", f"{p95:.1f}", "ms", f"target < 100 ms; {compared}")
    row("match p95 / primary-key lookup p95", f"{p95 / base95:.0f}", "x", compared)
    row("new claims with a suggestion", f"{found}/{QUERIES}", "claims", "random generated claims")


def bench_import(rng: random.Random) -> None:
    feed = VAR / "feed.json"
    with feed.open("w", encoding="utf-8") as out:
        out.write('{"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [')
        for n in range(IMPORTED):
            text, language, _facts = generated(rng)
            review = {
                "@type": "ClaimReview", "url": f"https://other.example.net/check/{n}",
                "claimReviewed": text, "inLanguage": language, "datePublished": "2024-05-01",
                "author": {"@type": "Organization", "name": "Other Check"},
                "reviewRating": {"@type": "Rating", "alternateName": rng.choice(["False", "Misleading", "True"])},
            }  # fmt: skip
            element = {"@type": "DataFeedItem", "item": [review]}
            out.write(("," if n else "") + json.dumps(element, ensure_ascii=False))
        out.write("]}")
    size_mb = feed.stat().st_size / 1e6
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", "import_claimreviews", str(feed), "--no-progress"],
        cwd=REPO, capture_output=True, text=True, env=dict(os.environ), timeout=1800,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    log(f"  import: {result.stdout.strip()}")
    row(
        "import ClaimReviews",
        f"{IMPORTED / elapsed:.0f}",
        "reviews/s",
        f"{IMPORTED} in a {size_mb:.0f} MB DataFeed, extraction included",
    )
    row("import peak memory (whole process)", f"{peak_mb:.0f}", "MB", f"feed file {size_mb:.0f} MB")


def main() -> None:
    engine = configure()
    rng = random.Random(14)
    if not REUSE:
        log(f"filling the match index with {INDEXED} items ({engine}) …")
        fill_index(rng)
    log("matching …")
    bench_matching(engine, rng)
    if not REUSE:
        log(f"importing {IMPORTED} reviews …")
        bench_import(rng)


if __name__ == "__main__":
    main()
