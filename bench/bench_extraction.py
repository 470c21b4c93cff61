"""Benchmark of claim extraction (one core).

Run from the repo root: .venv/bin/python bench/bench_extraction.py [--throughput-only]
Prints TSV rows `figure<TAB>value<TAB>unit<TAB>compared with` on stdout; progress on stderr.
Times are CPU seconds of this single-threaded process (time.process_time), so that other
work on a shared machine does not blur the figures; reading files is included in both the
extraction and the floor rows.

The engine as it was before issue 11's categories (commit BASELINE_COMMIT) runs on the very
same articles in the same run, exported from git into a temporary folder and imported under
another name; every article goes through both engines in turn, and the medians of PASSES
passes are compared. The floor is timed over all articles at the start of each pass.
"""

from __future__ import annotations

import importlib.util
import io
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.extraction import extract, extract_facts
from claims.extraction.normalize import normalize

ARTICLES = 1000
PASSES = 5  # passes over all articles: the floor, then each article through both engines
# The extraction engine before issue 11 added its categories: "today's" throughput.
BASELINE_COMMIT = "6f1db18"
REPO = Path(__file__).resolve().parent.parent
_clock = time.process_time
WORDS = 800

_AR = [
    "وقّعت الشركة اتفاقية تقدر بنحو {n} مليار دولار، وفق ما أفاد الجانب الإيراني في منتصف حزيران/يونيو الماضي.",
    "أعلن الكرملين، اليوم الأربعاء، أن الطرفين اتفقا على إجراء {n} اتصالات ثنائية رفيعة المستوى.",
    "وارتفع التضخم إلى {n}٫{d} في المئة في تشرين الأول/أكتوبر، بحسب البنك المركزي.",
    "وتنتج الحقول نحو {n}٠٠ ألف برميل يوميا منذ عام 2017.",
    "وقال نائب وزير النفط، أحمد أسد زاده، إن المشروع سينجز في غضون {n} أشهر.",
    "وبلغت الصادرات بين {n} و{m} مليارات ريال سعودي خلال العام الماضي.",
    "ونزح أكثر من {n} ألف شخص من المدينة في 19 تموز/يوليو 2022.",
    "وأكّد البيان الختامي للاجتماع أنّ الدول الضامنة تعارض مبادرات الحكم الذاتي في شمال سوريا.",
    "اقرأ أيضاً: أمير عبد اللهيان لنظيره السوري: إيران تدعم سيادة سوريا",
]
_EN = [
    "The Kremlin said on Wednesday that the ${n} billion deal would be signed in July 2022.",
    "Inflation rose to {n}.{d}% in March, according to the central bank.",
    "OPEC+ will raise output by {n}00,000 barrels per day from next month.",
    '"We expect about {n} new contracts," the minister told reporters in Tehran.',
    "Between ${n}bn and ${m}bn will be invested over the next {n} years, officials said.",
    "More than {n},000 people were displaced, the United Nations said in a statement.",
    "Read more: Central banks hold rates steady as inflation cools",
    "The talks, which began in 2017, aim to settle the conflict in northern Syria.",
]


def _sentence(rng: random.Random, pool: list[str]) -> str:
    n = rng.randint(2, 9)
    return rng.choice(pool).format(n=n, m=n + 1, d=rng.randint(1, 9))


def make_article(rng: random.Random, words: int = WORDS) -> str:
    parts: list[str] = ["عنوان: تقرير اقتصادي عن أسواق الطاقة والنفط"]
    count = 0
    while count < words:
        pool = _AR if rng.random() < 0.6 else _EN
        s = _sentence(rng, pool)
        parts.append(s)
        count += len(s.split())
    return "\n\n".join(parts)


def _progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _row(figure: str, value: float, unit: str, compared: str) -> None:
    print(f"{figure}\t{value:.3g}\t{unit}\t{compared}", flush=True)


def _best(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = _clock()
        fn()
        best = min(best, _clock() - t0)
    return best


def baseline_engine(tmp: str):
    """`extract` of BASELINE_COMMIT's claims/extraction, or None when git cannot export it."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", BASELINE_COMMIT, "claims/extraction"],
            capture_output=True, check=True, timeout=60,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError) as exc:
        _progress(f"baseline engine {BASELINE_COMMIT} unavailable: {exc}")
        return None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(tmp, filter="data")
        else:
            tar.extractall(tmp)  # our own repository's archive
    package = Path(tmp) / "claims" / "extraction"
    name = f"extraction_{BASELINE_COMMIT}"
    spec = importlib.util.spec_from_file_location(
        name, package / "__init__.py", submodule_search_locations=[str(package)]
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[name] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.extract


def _pass(engines: dict, paths: list[Path], flip: bool) -> dict[str, float]:
    """One pass over the articles: each article is read and handled by both engines in turn
    (the order alternating by article), so that load on a shared machine weighs on both
    alike. CPU seconds per engine."""
    spent = dict.fromkeys(engines, 0.0)
    order = list(engines)
    for i, p in enumerate(paths):
        for name in order if (i % 2 == 0) != flip else order[::-1]:
            t0 = _clock()
            engines[name](p.read_text(encoding="utf-8"))
            spent[name] += _clock() - t0
    return spent


def main() -> None:
    rng = random.Random(7)
    _progress(f"generating {ARTICLES} articles of ~{WORDS} words")
    articles = [make_article(rng) for _ in range(ARTICLES)]
    total_mb = sum(len(a.encode("utf-8")) for a in articles) / 1e6

    with tempfile.TemporaryDirectory() as tmp:
        old_extract = baseline_engine(str(Path(tmp) / "baseline"))
        paths = []
        for i, a in enumerate(articles):
            p = Path(tmp) / f"{i}.txt"
            p.write_text(a, encoding="utf-8")
            paths.append(p)
        engines = {"new": extract}
        if old_extract is not None:
            engines["old"] = old_extract
        times: dict[str, list[float]] = {"floor": [], **{k: [] for k in engines}}
        for i in range(PASSES):
            _progress(f"pass {i + 1}/{PASSES}: floor, then {' and '.join(engines)}")
            t0 = _clock()
            for p in paths:
                normalize(p.read_text(encoding="utf-8"))
            times["floor"].append(_clock() - t0)
            for name, spent in _pass(engines, paths, flip=i % 2 == 1).items():
                times[name].append(spent)
        floor = statistics.median(times["floor"])
        full = statistics.median(times["new"])

    _row("extraction throughput", ARTICLES / full, "articles/s",
         f"read+normalise floor {ARTICLES / floor:.0f} articles/s; target >= 200")  # fmt: skip
    _row("extraction throughput", total_mb / full, "MB/s",
         f"read+normalise floor {total_mb / floor:.1f} MB/s")  # fmt: skip
    _row("extraction time per article", 1000 * full / ARTICLES, "ms",
         f"read+normalise {1000 * floor / ARTICLES:.2f} ms; median of {PASSES} passes")  # fmt: skip
    _row("extraction time / read+normalise floor", full / floor, "x",
         f"floor {1000 * floor / ARTICLES:.2f} ms per article")  # fmt: skip
    if "old" in times:
        old = statistics.median(times["old"])
        # The ratio of each pass's pair, then the median: load drifting during the run
        # moves both engines of a pass together.
        ratio = statistics.median(n / o for n, o in zip(times["new"], times["old"], strict=True))
        _row(f"extraction time per article, engine of {BASELINE_COMMIT}", 1000 * old / ARTICLES,
             "ms", f"same articles, same run; {old / floor:.2f}x the floor")  # fmt: skip
        _row(f"extraction time now / engine of {BASELINE_COMMIT}", ratio, "x",
             f"median of {PASSES} passes ({1000 * full / ARTICLES:.2f} ms against "
             f"{1000 * old / ARTICLES:.2f} ms); target <= 1.00")  # fmt: skip

    if "--throughput-only" in sys.argv[1:]:
        return  # the rows above only: comparing engines without the long rows below

    _progress("scaling: 10x article")
    base = articles[0]
    long = "\n\n".join(articles[:10])
    t_base = _best(lambda: extract(base))
    t_long = _best(lambda: extract(long), repeat=3)
    _row("10x-long article time ratio", t_long / t_base, "x",
         f"base article {1000 * t_base:.2f} ms, 10x {1000 * t_long:.1f} ms; target <= 12x")  # fmt: skip

    _progress("pathological 5 MB inputs")
    size = 5_000_000
    normal = ("\n\n".join(articles))[:size]
    while len(normal) < size:
        normal += "\n\n" + normal[: size - len(normal)]
    t_normal = _best(lambda: extract(normal), repeat=1)
    _row("5 MB normal text", t_normal, "s", "baseline for the pathological rows")
    cases = {
        "digit run": "1" * size,
        "1,1,1 separators": ("1," * (size // 2))[:size],
        "٬٬٬ separators": "٬" * size,
        "٫ and digits": ("٣٫" * (size // 2))[:size],
        "month names": ("حزيران/يوليو تموز آب " * (size // 20))[:size],
        "بنحو بنحو": ("بنحو " * (size // 5))[:size],
        "approx then numbers": ("بنحو 40 مليار " * (size // 14))[:size],
        "zero-width marks": ("\u200fّ" * (size // 2))[:size],
        "one long line no punctuation": ("word " * (size // 5))[:size],
        # Thousands of figures that refer back to each other (figure_conflict's look-back).
        "back-referenced figures": ("the 5% unemployment rate rose " * (size // 30))[:size],
    }
    for name, text in cases.items():
        _progress(f"  {name}")
        t = _best(lambda text=text: extract(text), repeat=1)
        _row(f"5 MB pathological: {name}", t, "s",
             f"{t / t_normal:.2f}x the 5 MB normal text ({t_normal:.2f} s)")  # fmt: skip
    t_facts = _best(lambda: extract_facts(normal[:2_000_000]), repeat=1)
    _row("extract_facts on a 2 MB page", t_facts, "s", "fast path for fetched sources")


if __name__ == "__main__":
    main()
