"""Finding and choosing work: Arabic-aware search over 100,000 claims, `next` with skips under
8 racing checkers, and the query counts of the articles and claims pages from 10 to 500 rows.

Prints TSV rows `figure<TAB>value<TAB>unit<TAB>compared with` on stdout; progress on stderr.
Search figures are measured against a primary-key lookup in the same run (a noisy machine slows
both alike).
"""

import os
import random
import re
import time
from datetime import timedelta
from pathlib import Path

from bench_workflow import configure, in_threads, log, people, percentile, row

CLAIMS = int(os.environ.get("BENCH_SEARCH_CLAIMS", "100000"))
PER_KIND = int(os.environ.get("BENCH_SEARCH_QUERIES", "60"))
SEED = Path(__file__).resolve().parents[1] / "claims" / "demo" / "putin-raisi-call.ar.txt"
ENGLISH = (
    "the ministry said exports imports rose fell percent billion million dollars deal signed "
    "minister president government parliament inflation budget deficit oil gas wheat prices "
    "unemployment election votes survey hospital vaccine schools students teachers rainfall "
    "drought flood refugees border trade tariffs company shares bank interest rates currency "
    "central report figures official statement according last year month week announced "
    "increase decrease record highest lowest since agreement talks summit sanctions army troops "
    "ceasefire attack killed injured police court ruling law reform tax revenue spending debt "
    "loan growth economy recession investment factory workers strike protest opposition party "
    "leader prime spokesman agency data population census migrants visa airport railway "
    "electricity water shortage fuel subsidies bread farmers harvest exports grew doubled "
    "halved cost billion tonnes barrels per day capacity production pipeline embassy foreign "
    "affairs cooperation security conference united nations resolution humanitarian aid"
).split()
ARABIC_EXTRA = (
    "أكّد الرئيسُ الإيرانيّ صفقة مليار دولار وزارة الاقتصاد التضخّم الميزانيّة النفط الغاز "
    "القمح الأسعار البطالة الانتخابات مستشفى اللقاح المدارس الطلاب الأمطار الجفاف اللاجئين "
    "الحدود التجارة الرسوم إيران روسيا سوريا الكرملين أعلن إنّ أنّ الإمارات الأردن إسرائيل "
    "مؤتمر رئيس سؤال مسؤول الأمم المتّحدة الإنتاج الاستثمار الأمن الصادرات الواردات ارتفع "
    "انخفض بالمئة مليون ألف طنّ برميل يوميّاً الحكومة البرلمان الوزير المتحدّث الجيش"
).split()
HARAKAT = "\u064e\u064f\u0650\u0651\u0652\u064b"
ARABIC_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"


def vocabularies(rng: random.Random) -> tuple[list[str], list[str]]:
    """Arabic and English words, most frequent first: the seed article's and the news desk's
    words, then a long tail of made-up names (a real archive has thousands of rare words)."""
    seen: dict[str, None] = {}
    for word in [*ARABIC_EXTRA, *re.findall(r"[\u0621-\u0652]{3,}", SEED.read_text())]:
        seen.setdefault(word)
    arabic = list(seen)
    english = list(dict.fromkeys(ENGLISH))
    for _ in range(3000):
        arabic.append("".join(rng.choice(ARABIC_LETTERS) for _ in range(rng.randint(4, 7))))
        english.append(
            "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))
        )
    return arabic, english


def with_variants(rng: random.Random, word: str) -> str:
    """The same word as different outlets write it: diacritics, hamza seats, alef maksura."""
    if rng.random() < 0.3:
        word = "".join(
            letter + (rng.choice(HARAKAT) if rng.random() < 0.3 else "") for letter in word
        )
    if word[0] == "ا" and rng.random() < 0.3:
        word = rng.choice("أإ") + word[1:]
    elif word[0] in "أإ" and rng.random() < 0.3:
        word = "ا" + word[1:]
    if word.endswith("ي") and rng.random() < 0.2:
        word = word[:-1] + "ى"
    return word


def zipf_weights(count: int) -> list[float]:
    return [1 / (rank + 1) for rank in range(count)]


def claim_texts(rng: random.Random, count: int):
    arabic, english = vocabularies(rng)
    weights_ar, weights_en = zipf_weights(len(arabic)), zipf_weights(len(english))
    for number in range(count):
        length = rng.randint(10, 30)
        if number % 2:
            words = [with_variants(rng, w) for w in rng.choices(arabic, weights_ar, k=length)]
            yield "ar", " ".join(words) + "."
        else:
            words = rng.choices(english, weights_en, k=length)
            yield "en", " ".join(words).capitalize() + "."


def fill_claims(desk) -> None:
    """CLAIMS claims over 1 article per 500, with COPY on PostgreSQL (bulk_create elsewhere)."""
    from django.db import connection
    from django.utils import timezone

    from claims.models import Article, Claim

    rng = random.Random(13)
    texts = list(claim_texts(rng, CLAIMS))
    articles = {
        language: [
            Article.objects.create(title=f"bench {language} {n}", body="x" * 40, language=language)
            for n in range(max(1, CLAIMS // 1000))
        ]
        for language in ("ar", "en")
    }
    template = Claim(
        article=articles["en"][0], start=0, end=1, text="x", queue=desk, origin=Claim.Origin.MANUAL
    )
    fields = [
        f for f in Claim._meta.concrete_fields if not f.primary_key and f.name not in ("text",)
    ]
    if connection.vendor != "postgresql":
        for offset in range(0, CLAIMS, 5000):
            Claim.objects.bulk_create(
                Claim(
                    article=rng.choice(articles[language]),
                    start=0,
                    end=len(text),
                    text=text,
                    queue=desk,
                    checkworthiness=rng.random(),
                    origin=Claim.Origin.MANUAL,
                )
                for language, text in texts[offset : offset + 5000]
            )
        return
    now = timezone.now()
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            setattr(template, field.attname, now)
    columns = [f.column for f in fields] + ["text"]
    base = {f.column: f.get_db_prep_save(getattr(template, f.attname), connection) for f in fields}
    with connection.cursor() as cursor:
        copy_sql = f"COPY claims_claim ({', '.join(connection.ops.quote_name(c) for c in columns)}) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:
            for number, (language, text) in enumerate(texts):
                values = {
                    **base,
                    "article_id": rng.choice(articles[language]).pk,
                    "start": 0,
                    "end": len(text),
                    "checkworthiness": rng.random(),
                    "created_at": now - timedelta(seconds=CLAIMS - number),
                }
                copy.write_row([_copy_value(values[c]) for c in columns[:-1]] + [text])
        cursor.execute("VACUUM ANALYZE claims_claim")


def _copy_value(value):
    import json

    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return value


def search_queries(rng: random.Random) -> dict[str, list[str]]:
    """What checkers type: an Arabic word bare of diacritics and hamza, the same with another
    hamza seat, English words, and an English word misspelt by one letter."""
    from claims.search import normalize_for_search

    arabic, english = vocabularies(random.Random(13))
    middle_ar = [w for w in arabic[5:400] if len(normalize_for_search(w)) >= 4]
    hamza = [w for w in arabic[:600] if w[0] in "أإ" and len(w) >= 4]
    long_en = [w for w in english[20:800] if len(w) >= 6]

    def misspelt(word: str) -> str:
        cut = rng.randrange(1, len(word) - 1)
        return word[:cut] + word[cut + 1 :]

    def other_hamza(word: str) -> str:
        bare = normalize_for_search(word)  # أعلن typed اعلن or إعلن, إيران as ايران or أيران
        return rng.choice(["ا", "إ" if word[0] == "أ" else "أ"]) + bare[1:]

    return {
        "Arabic, no diacritics": [
            normalize_for_search(rng.choice(middle_ar)) for _ in range(PER_KIND)
        ],
        "Arabic, other hamza": [other_hamza(rng.choice(hamza)) for _ in range(PER_KIND)],
        "English words": [
            " ".join(rng.sample(english[10:600], rng.randint(1, 2))) for _ in range(PER_KIND)
        ],
        "near spelling": [misspelt(rng.choice(long_en)) for _ in range(PER_KIND)],
    }


def timed(function) -> float:
    began = time.perf_counter()
    function()
    return (time.perf_counter() - began) * 1000


def bench_search(engine: str) -> None:
    """The search page's claims part as the desk runs it: the filter over the list queryset
    (stance counts, holders), most check-worthy first, the first 20 rows."""
    from django.db import connection

    from claims.models import Claim
    from reviews.desk.finding import SEARCH_LIMIT, _claims_with_holders
    from reviews.filters import ClaimFilter, claims_for_lists

    desk, checkers = people()
    log(f"creating {CLAIMS:,} claims …")
    began = time.perf_counter()
    fill_claims(desk)
    log(f"  {CLAIMS:,} claims in {time.perf_counter() - began:.1f}s")
    if engine == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    class Request:
        user = checkers[0]

    def search(query: str) -> list:
        found = ClaimFilter({"search": query}, queryset=claims_for_lists(), request=Request())
        return list(_claims_with_holders(found.qs)[:SEARCH_LIMIT])

    rng = random.Random(16)
    kinds = search_queries(rng)
    ids = list(Claim.objects.values_list("pk", flat=True)[:: max(1, CLAIMS // 1000)])
    for queries in kinds.values():  # warm the caches and the plans
        for query in queries[:3]:
            search(query)
    found = {kind: 0 for kind in kinds}
    timings: dict[str, list[float]] = {kind: [] for kind in kinds}
    lookup_ms: list[float] = []
    for turn in range(PER_KIND):  # interleaved: a noisy moment slows every kind alike
        for kind, queries in kinds.items():
            rows: list = []
            timings[kind].append(timed(lambda q=queries[turn], r=rows: r.extend(search(q))))
            found[kind] += bool(rows)
            pk = ids[(turn * len(kinds) + len(lookup_ms)) % len(ids)]
            lookup_ms.append(timed(lambda pk=pk: Claim.objects.filter(pk=pk).first()))
    base = percentile(lookup_ms, 0.95)
    every = [value for values in timings.values() for value in values]
    for kind, values in timings.items():
        row(
            f"search {CLAIMS:,} claims, {kind}: p50 / p95",
            f"{percentile(values, 0.5):.1f} / {percentile(values, 0.95):.1f}",
            "ms",
            f"{found[kind]} of {PER_KIND} found something; e.g. {kinds[kind][0]!r}",
        )
    p95 = percentile(every, 0.95)
    row(
        f"search over {CLAIMS:,} claims, all kinds, p95 ({engine})",
        f"{p95:.1f}",
        "ms",
        f"primary-key lookup p95 {base:.2f} ms ({p95 / base:.0f}×); target < 50 ms",
    )


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
                skipped.append(item.pk)
                item = claim_skip_and_next(claim=item, checker=user)
                if item is None:
                    break
            taken.append(item.pk)
        return taken

    skipped: list[int] = []  # list.append is atomic under the GIL
    results, elapsed = in_threads(take_all, checkers)
    handed = [pk for taken in results for pk in taken]
    skips = len(skipped)
    open_ids = list(
        Assignment.objects.filter(ended_at__isnull=True).values_list("claim_id", flat=True)
    )
    left = Claim.objects.filter(status=Claim.Status.QUEUED).count()
    twice = len(open_ids) - len(set(open_ids)) + len(handed) - len(set(handed))
    assert twice == 0, f"{twice} claims handed out twice"
    assert sorted(handed) == sorted(open_ids), "a kept claim without its lease, or the reverse"
    assert len(open_ids) + left == 2000, f"{len(open_ids)} held + {left} queued of 2,000"
    row(
        "next with skips, 8 checkers: claims held at the end",
        len(open_ids),
        "claims",
        f"of 2,000 ({left} left queued: skipped by everyone who came to them)",
    )
    row(
        "next with skips: claims handed out twice",
        twice,
        "claims",
        f"must be 0; {skips} skips on the way",
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
    for url in ("/articles/", "/claims/"):
        client.get(url)  # the first page of a session also creates the person's preferences
    small = {url: queries(url) for url in ("/articles/", "/claims/")}
    add(490)
    for url in ("/articles/", "/claims/"):
        large = queries(url)
        assert large == small[url], f"{url}: {small[url]} queries with 10 rows, {large} with 500"
        row(f"{url} queries with 500 rows", large, "queries", f"{small[url]} with 10 rows")


def main() -> None:
    engine = configure()
    bench_search(engine)
    bench_next_with_skips(engine)
    bench_page_queries(engine)


if __name__ == "__main__":
    main()
