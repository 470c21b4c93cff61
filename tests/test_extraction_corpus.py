"""Precision and recall of the engine over a hand-labelled corpus of short articles.

Each file in tests/extraction_corpus holds the text, its gold facts (type, span text and the
key values that matter) and gold inconsistencies. `pytest -s` prints the per-type table.
Files named `*_heldout_*` were written and labelled before the engine change they measure;
`python -m tests.test_extraction_corpus '*_heldout_i11_*'` prints the table for one set.
"""

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from claims.extraction import QUEUE_THRESHOLD, extract

CORPUS = sorted((Path(__file__).parent / "extraction_corpus").glob("*.json"))
RECALL_FLOOR = 0.95
PRECISION_FLOOR = 0.9


def _load(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    published = dt.date.fromisoformat(doc["published"]) if doc.get("published") else None
    return doc, extract(doc["text"], published=published)


def _matches(gold, fact):
    if gold["type"] != fact["type"] or gold["text"] != fact["text"]:
        return False
    return all(fact.get(k) == v for k, v in gold.items() if k not in ("type", "text"))


def _score(pairs):
    """pairs: (gold list, predicted list) per document → per-type counters."""
    tp, fp, fn = Counter(), Counter(), Counter()
    misses = []
    for name, gold, predicted in pairs:
        used = set()
        for g in gold:
            hit = next(
                (i for i, f in enumerate(predicted) if i not in used and _matches(g, f)), None
            )
            if hit is None:
                fn[g["type"]] += 1
                misses.append((name, "missed", g))
            else:
                used.add(hit)
                tp[g["type"]] += 1
        for i, f in enumerate(predicted):
            if i not in used:
                fp[f["type"]] += 1
                misses.append((name, "extra", {k: f[k] for k in f if k not in ("start", "end")}))
    return tp, fp, fn, misses


@pytest.fixture(scope="module")
def results():
    return [(p.stem, *_load(p)) for p in CORPUS]


def test_it_has_a_corpus_in_both_languages(results):
    languages = Counter(doc["language"] for _n, doc, _r in results)
    assert len(results) >= 24
    assert languages["ar"] >= 10 and languages["en"] >= 10


def test_it_detects_each_article_language(results):
    for name, doc, result in results:
        assert result.language == doc["language"], name


def _table(results):
    tp, fp, fn, misses = _score([(n, d["facts"], r.facts) for n, d, r in results])
    print("\ntype          gold  found  tp   precision  recall")
    for kind in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[kind] / ((tp[kind] + fp[kind]) or 1)
        r = tp[kind] / ((tp[kind] + fn[kind]) or 1)
        print(
            f"{kind:<12} {tp[kind] + fn[kind]:>5} {tp[kind] + fp[kind]:>6} {tp[kind]:>3}"
            f"   {p:>9.3f}  {r:>6.3f}"
        )
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision = total_tp / (total_tp + total_fp)
    recall = total_tp / (total_tp + total_fn)
    print(
        f"{'all':<12} {total_tp + total_fn:>5} {total_tp + total_fp:>6} {total_tp:>3}"
        f"   {precision:>9.3f}  {recall:>6.3f}"
    )
    return precision, recall, misses


def test_it_reaches_precision_and_recall_on_facts(results):
    precision, recall, misses = _table(results)
    for m in misses:
        print("  ", m)
    assert recall >= RECALL_FLOOR
    assert precision >= PRECISION_FLOOR


def test_it_finds_every_month_mismatch_and_no_false_one(results):
    for name, doc, result in results:
        gold = sorted(i["text"] for i in doc["inconsistencies"] if i["type"] == "month_mismatch")
        found = sorted(i["text"] for i in result.inconsistencies if i["type"] == "month_mismatch")
        assert found == gold, name


def test_it_finds_the_other_inconsistencies(results):
    for name, doc, result in results:
        gold = sorted((i["type"], i["text"]) for i in doc["inconsistencies"])
        found = sorted((i["type"], i["text"]) for i in result.inconsistencies)
        assert found == gold, name


def test_it_never_makes_claims_of_boilerplate(results):
    for name, doc, result in results:
        for marker in doc.get("boilerplate", []):
            at = doc["text"].index(marker)
            assert not any(c.start <= at < c.end for c in result.claims), (name, marker)


def test_it_scores_questions_and_opinions_low(results):
    for name, doc, result in results:
        for marker in doc.get("low", []):
            at = doc["text"].index(marker)
            claim = next(c for c in result.claims if c.start <= at < c.end)
            assert claim.checkworthiness < 0.3, (name, marker)


def test_it_scores_figures_high(results):
    for _name, _doc, result in results:
        for c in result.claims:
            if c.kind in ("money", "percent", "quantity") and c.checkworthiness < 0.3:
                continue  # an opinion or a question that quotes a figure
            if c.kind in ("money", "percent", "quantity"):
                assert c.checkworthiness >= 0.8, c.text


def test_it_segments_sentences_as_expected(results):
    for name, doc, result in results:
        if "sentences" in doc:
            assert [c.text for c in result.claims] == doc["sentences"], name


def _gold_positions(doc):
    """Where each gold fact sits: the first occurrence of its text not taken by an earlier one."""
    taken: dict[str, int] = {}
    out = []
    for g in doc["facts"]:
        at = doc["text"].find(g["text"], taken.get(g["text"], 0))
        if at < 0:
            at = doc["text"].index(g["text"])
        taken[g["text"]] = at + 1
        out.append(at)
    return out


def queue_figures(results):
    """(share of queued claims without a checkable fact, share of gold facts whose sentence
    is queued, queued claims, gold facts)."""
    queued = [c for _n, _d, r in results for c in r.claims if c.checkworthiness >= QUEUE_THRESHOLD]
    without = sum(1 for c in queued if not c.facts)
    positions = [(r, at) for _n, d, r in results for at in _gold_positions(d)]
    covered = sum(
        1
        for r, at in positions
        if any(c.start <= at < c.end and c.checkworthiness >= QUEUE_THRESHOLD for c in r.claims)
    )
    return without / len(queued), covered / len(positions), len(queued), len(positions)


def test_it_queues_claims_with_facts_and_only_those(results):
    without, covered, n_queued, n_gold = queue_figures(results)
    print(f"\nqueued claims {n_queued}: {without:.1%} without a checkable fact")
    print(f"gold facts {n_gold}: {covered:.1%} in a queued sentence")
    assert without <= 0.10
    assert covered >= 0.98


def test_it_scores_scene_setting_clearly_below_the_queue(results):
    for name, doc, result in results:
        for marker in doc.get("not_queued", []):
            at = doc["text"].index(marker)
            claim = next(c for c in result.claims if c.start <= at < c.end)
            assert claim.checkworthiness <= QUEUE_THRESHOLD - 0.15, (name, marker)
            assert claim.level == "low"


if __name__ == "__main__":  # python -m tests.test_extraction_corpus 'GLOB'
    import sys

    chosen = [p for p in CORPUS if p.match(sys.argv[1] if len(sys.argv) > 1 else "*.json")]
    loaded = [(p.stem, *_load(p)) for p in chosen]
    print(f"{len(loaded)} articles")
    _table(loaded)
    gold = Counter()
    found = Counter()
    for _n, doc, result in loaded:
        gold.update((i["type"], i["text"]) for i in doc["inconsistencies"])
        found.update((i["type"], i["text"]) for i in result.inconsistencies)
    print(f"inconsistencies: gold {sum(gold.values())}, found {sum(found.values())}, "
          f"correct {sum((gold & found).values())}")  # fmt: skip
    without, covered, n_queued, n_gold = queue_figures(loaded)
    print(f"queued claims {n_queued}: {without:.1%} without a checkable fact; "
          f"gold facts {n_gold}: {covered:.1%} in a queued sentence")  # fmt: skip
