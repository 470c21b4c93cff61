"""Evaluation of "Checked before?" on the labelled pairs in this folder.

    .venv/bin/python -m tests.matching_pairs.evaluate            # held-out figures
    .venv/bin/python -m tests.matching_pairs.evaluate --tune     # choose thresholds on the tune split
    .venv/bin/python -m tests.matching_pairs.evaluate --write-pairs

families.jsonl holds hand-written claim families: a claim in English and Arabic, a rewording of
each, a same-figure trap (the same number about something else) in each language and a near miss
(40 bn vs 4 bn, June vs July) in each. Each family gives ten labelled pairs (pairs.jsonl). Whole
families are held out (every third), so no held-out claim was seen while setting thresholds.

Measured on the held-out split with the thresholds in settings:
- precision and recall of "probably the same claim" (score >= probable) over all pairs;
- recall@5 of suggestions: for each matching pair, its other side is among the five best-scored
  texts of the split at or above the suggestion level;
both overall and for the cross-language pairs.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from claims.extraction import extract_facts
from claims.matching import Signature, score_pair, signature_of

HERE = Path(__file__).resolve().parent
FAMILIES = HERE / "families.jsonl"
PAIRS = HERE / "pairs.jsonl"

# (a, b, is it the same claim, kind)
_LAYOUT = [
    ("en", "en2", True, "rewording_en"),
    ("ar", "ar2", True, "rewording_ar"),
    ("ar", "en", True, "cross_language"),
    ("en2", "ar2", True, "cross_language"),
    ("en", "trap_en", False, "same_figure_trap"),
    ("ar", "trap_ar", False, "same_figure_trap"),
    ("ar", "trap_en", False, "same_figure_trap_cross"),
    ("en", "near_en", False, "near_miss"),
    ("ar", "near_ar", False, "near_miss"),
    ("en", "near_ar", False, "near_miss_cross"),
]


def _language(field: str) -> str:
    return "ar" if field.startswith("ar") or field.endswith("_ar") else "en"


def pairs_from_families() -> list[dict]:
    pairs = []
    for index, line in enumerate(FAMILIES.read_text(encoding="utf-8").splitlines()):
        family = json.loads(line)
        split = "heldout" if index % 3 == 2 else "tune"
        for a, b, same, kind in _LAYOUT:
            pairs.append(
                {
                    "id": f"{family['id']}:{a}:{b}",
                    "family": family["id"],
                    "a": {"text": family[a], "lang": _language(a)},
                    "b": {"text": family[b], "lang": _language(b)},
                    "match": same,
                    "kind": kind,
                    "split": split,
                }
            )
    return pairs


def load_pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]


@cache
def signature(text: str, language: str) -> Signature:
    return signature_of(text, extract_facts(text, language), language)


def score(pair: dict) -> float:
    a, b = pair["a"], pair["b"]
    return score_pair(signature(a["text"], a["lang"]), signature(b["text"], b["lang"])).score


def is_cross(pair: dict) -> bool:
    return pair["a"]["lang"] != pair["b"]["lang"]


@dataclass
class Figures:
    pairs: int
    precision: float
    recall: float
    recall_at_5: float


def figures(pairs: list[dict], *, suggest: float, probable: float, corpus: list[dict]) -> Figures:
    predicted = [score(p) >= probable for p in pairs]
    true_positive = sum(1 for p, yes in zip(pairs, predicted, strict=True) if yes and p["match"])
    said_yes = sum(predicted)
    matches = [p for p in pairs if p["match"]]
    texts = {(side["text"], side["lang"]) for p in corpus for side in (p["a"], p["b"])}
    hits = 0
    for pair in matches:
        query = signature(pair["a"]["text"], pair["a"]["lang"])
        scored = sorted(
            (
                (score_pair(query, signature(text, lang)).score, text)
                for text, lang in texts
                if text != pair["a"]["text"]
            ),
            reverse=True,
        )
        top = [text for value, text in scored[:5] if value >= suggest]
        hits += pair["b"]["text"] in top
    return Figures(
        pairs=len(pairs),
        precision=true_positive / said_yes if said_yes else 1.0,
        recall=true_positive / len(matches) if matches else 1.0,
        recall_at_5=hits / len(matches) if matches else 1.0,
    )


def report(split: str, *, suggest: float, probable: float) -> dict[str, Figures]:
    pairs = [p for p in load_pairs() if p["split"] == split]
    return {
        "overall": figures(pairs, suggest=suggest, probable=probable, corpus=pairs),
        "cross-language": figures(
            [p for p in pairs if is_cross(p)], suggest=suggest, probable=probable, corpus=pairs
        ),
    }


def tune() -> tuple[float, float]:
    """Thresholds from the tune split only.

    probable: the middle of the range of levels with the best F0.5 (precision counts double: a
    wrong "probably the same claim" misleads a checker more than a missed one; the middle keeps
    a margin on both sides); suggest: 0.1 below the lowest-scored matching pair, rounded down to
    0.05, so every tuned rewording would have been suggested with room to spare.
    """
    pairs = [p for p in load_pairs() if p["split"] == "tune"]
    scores = [(score(p), p["match"]) for p in pairs]
    results = []
    for step in range(50, 100):
        level = step / 100
        tp = sum(1 for s, same in scores if s >= level and same)
        fp = sum(1 for s, same in scores if s >= level and not same)
        fn = sum(1 for s, same in scores if s < level and same)
        if tp:
            p, r = tp / (tp + fp), tp / (tp + fn)
            results.append((round(1.25 * p * r / (0.25 * p + r), 4), level))
    best = max(f for f, _ in results)
    plateau = [level for f, level in results if f == best]
    probable = round((plateau[0] + plateau[-1]) / 2, 2)
    lowest = min(s for s, same in scores if same)
    suggest = max(0.3, int((lowest - 0.1) * 20) / 20)
    return suggest, probable


def _table(rows: dict[str, Figures]) -> str:
    lines = ["subset          pairs  precision  recall  recall@5"]
    for name, f in rows.items():
        lines.append(
            f"{name:<15} {f.pairs:>5}  {f.precision:>9.3f}  {f.recall:>6.3f}  {f.recall_at_5:>8.3f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-pairs", action="store_true")
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--split", default="heldout", choices=["heldout", "tune"])
    args = parser.parse_args()
    if args.write_pairs:
        pairs = pairs_from_families()
        PAIRS.write_text(
            "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs), encoding="utf-8"
        )
        print(f"wrote {len(pairs)} pairs to {PAIRS}")
        return
    if args.tune:
        suggest, probable = tune()
        print(f"suggest >= {suggest}  probable >= {probable}  (from the tune split)")
        return
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    django.setup()
    from django.conf import settings

    suggest, probable = settings.CLAIMDESK_MATCH_SUGGEST, settings.CLAIMDESK_MATCH_PROBABLE
    print(f"split {args.split}; suggest >= {suggest}, probable >= {probable}")
    print(_table(report(args.split, suggest=suggest, probable=probable)))


if __name__ == "__main__":
    main()
