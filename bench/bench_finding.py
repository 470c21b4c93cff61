"""Finding and choosing work: Arabic-aware search over 100,000 claims, `next` with skips under
8 racing checkers, and the query counts of the articles and claims pages from 10 to 500 rows.

Prints TSV rows `figure<TAB>value<TAB>unit<TAB>compared with` on stdout; progress on stderr.
Search figures are measured against a primary-key lookup in the same run (a noisy machine slows
both alike).
"""

import os
import random
import time

from bench_workflow import configure, in_threads, log, people, percentile, row

CLAIMS = int(os.environ.get("BENCH_SEARCH_CLAIMS", "100000"))
QUERIES = 200
ENGLISH = (
    "ministry exports imports rose fell percent billion dollars deal signed minister said "
    "inflation budget deficit oil gas wheat prices unemployment election votes survey hospital "
    "vaccine schools students teachers rainfall drought flood refugees border trade tariffs"
).split()
ARABIC = (
    "أكّد الرئيسُ الإيرانيّ صفقة مليار دولار وزارة الاقتصاد التضخم الميزانية النفط الغاز "
    "القمح الأسعار البطالة الانتخابات مستشفى اللقاح المدارس الطلاب الأمطار الجفاف اللاجئين "
    "الحدود التجارة الرسوم إيران روسيا سوريا الكرملين"
).split()


def sentence(rng: random.Random, words: list[str]) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(8, 18))) + "."


def timed(function) -> float:
    began = time.perf_counter()
    function()
    return (time.perf_counter() - began) * 1000


def bench_search(engine: str) -> None:
    from claims.models import Article, Claim
    from claims.search import claims_search

    rng = random.Random(13)
    desk, _ = people()
    log(f"creating {CLAIMS} claims …")
    batch = 5000
    for offset in range(0, CLAIMS, batch):
        article = Article.objects.create(title=f"bench {offset}", body="x" * 10, language="en")
        Claim.objects.bulk_create(
            Claim(
                article=article,
                start=i,
                end=i + 1,
                text=sentence(rng, ARABIC if i % 2 else ENGLISH),
                status=Claim.Status.QUEUED,
                queue=desk,
                origin=Claim.Origin.MANUAL,
            )
            for i in range(min(batch, CLAIMS - offset))
        )
    if engine == "postgresql":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
    ids = list(Claim.objects.values_list("pk", flat=True)[:: max(1, CLAIMS // 1000)])
    plain = [w.replace("ّ", "").replace("ُ", "").replace("إ", "ا").replace("ي", "ى") for w in ARABIC]
    queries = [
        " ".join(rng.sample(ENGLISH, 2)) if n % 2 else " ".join(rng.sample(plain, 2))
        for n in range(QUERIES)
    ]
    for query in queries[:10]:  # warm the caches and the plan
        list(claims_search(Claim.objects.all(), query).values_list("pk", flat=True)[:20])
    search_ms = [
        timed(
            lambda q=q: list(
                claims_search(Claim.objects.all(), q).values_list("pk", flat=True)[:20]
            )
        )
        for q in queries
    ]
    lookup_ms = [timed(lambda pk=pk: Claim.objects.filter(pk=pk).first()) for pk in ids[:QUERIES]]
    found = sum(1 for q in queries[:20] if claims_search(Claim.objects.all(), q).exists())
    p95, base = percentile(search_ms, 0.95), percentile(lookup_ms, 0.95)
    row(f"search over {CLAIMS:,} claims, p50", f"{percentile(search_ms, 0.5):.1f}", "ms", engine)
    row(
        f"search over {CLAIMS:,} claims, p95",
        f"{p95:.1f}",
        "ms",
        f"primary-key lookup p95 {base:.2f} ms ({p95 / base:.0f}×); target < 50 ms",
    )
    row("queries with results (of 20 sampled)", found, "queries", "every query uses words present")


def bench_next_with_skips(engine: str) -> None:
    from django.conf import settings

    from claims.models import Article, Claim
    from reviews.choosing import claim_skip_and_next, claim_take_next
    from reviews.models import Assignment

    settings.CLAIMDESK_MAX_HELD_CLAIMS = 0
    Claim.objects.all().delete()
    desk, checkers = people()
    article = Article.objects.create(title="skips", body="x" * 3000, language="en")
    Claim.objects.bulk_create(
        Claim(article=article, start=i, end=i + 1, text="x", status=Claim.Status.QUEUED, queue=desk)
        for i in range(2000)
    )

    def take_all(user) -> list[int]:
        taken, turn = [], 0
        while (item := claim_take_next(queue=desk, checker=user)) is not None:
            turn += 1
            if turn % 3 == 0:
                item = claim_skip_and_next(claim=item, checker=user)
                if item is None:
                    break
            taken.append(item.pk)
        return taken

    results, elapsed = in_threads(take_all, checkers)
    handed = [pk for taken in results for pk in taken]
    open_ids = list(
        Assignment.objects.filter(ended_at__isnull=True).values_list("claim_id", flat=True)
    )
    row("next with skips, 8 checkers: claims held at the end", len(open_ids), "claims", "of 2,000")
    row(
        "next with skips: claims held twice",
        len(open_ids) - len(set(open_ids)) + len(handed) - len(set(handed)),
        "claims",
        "must be 0",
    )
    row("next with skips: throughput", f"{len(handed) / elapsed:.0f}", "claims/s", engine)


def bench_page_queries(engine: str) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from claims.models import Article, Claim

    desk, checkers = people()
    client = Client()
    client.force_login(checkers[0])
    Claim.objects.all().delete()
    Article.objects.all().delete()

    def add(count: int) -> None:
        for number in range(count):
            article = Article.objects.create(title=f"page {number}", body="y" * 10, language="en")
            Claim.objects.create(
                article=article, start=0, end=1, text="y", queue=desk, status="queued"
            )

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(10)
    small = {url: queries(url) for url in ("/articles/", "/claims/")}
    add(490)
    for url in ("/articles/", "/claims/"):
        large = queries(url)
        row(f"{url} queries with 500 rows", large, "queries", f"{small[url]} with 10 rows")


def main() -> None:
    engine = configure()
    bench_search(engine)
    bench_next_with_skips(engine)
    bench_page_queries(engine)


if __name__ == "__main__":
    main()
