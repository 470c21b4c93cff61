"""Precision and recall of the engine over a hand-labelled corpus of short articles.

Each file in tests/extraction_corpus holds the text, its gold facts (type, span text and the
key values that matter) and gold inconsistencies. `pytest -s` prints the per-type table.
"""

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from claims.extraction import extract

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


def test_it_reaches_precision_and_recall_on_facts(results):
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
