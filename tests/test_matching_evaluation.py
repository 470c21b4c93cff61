"""The held-out third of the labelled pairs (tests/matching_pairs/) keeps its quality.

The figures are printed by `python -m tests.matching_pairs.evaluate`; these floors sit a little
under what the thresholds in settings measured on the held-out split when they were set.
"""

from django.conf import settings

from tests.matching_pairs.evaluate import load_pairs, pairs_from_families, report


def test_it_has_at_least_300_labelled_pairs_with_a_held_out_third():
    pairs = load_pairs()

    assert len(pairs) >= 300
    assert pairs == pairs_from_families()  # pairs.jsonl is what families.jsonl says
    held_out = [p for p in pairs if p["split"] == "heldout"]
    assert len(held_out) * 3 == len(pairs)
    assert {p["kind"] for p in held_out} >= {
        "rewording_en",
        "rewording_ar",
        "cross_language",
        "same_figure_trap",
        "near_miss",
    }


def test_it_keeps_precision_and_recall_on_the_held_out_pairs():
    figures = report(
        "heldout",
        suggest=settings.CLAIMDESK_MATCH_SUGGEST,
        probable=settings.CLAIMDESK_MATCH_PROBABLE,
    )
    print({name: vars(f) for name, f in figures.items()})

    overall, cross = figures["overall"], figures["cross-language"]
    assert overall.precision >= 0.80
    assert overall.recall >= 0.90
    assert overall.recall_at_5 >= 0.95
    assert cross.precision >= 0.90
    assert cross.recall >= 0.90
    assert cross.recall_at_5 >= 0.95
