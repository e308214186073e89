"""Scoring a grouping against the true one, shared by the speed benchmarks
(generated libraries know their true events) and `make eval`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster)."""
    gold_members: dict[str, set[str]] = defaultdict(set)
    predicted_members: dict[str, set[str]] = defaultdict(set)
    for item, cluster in gold.items():
        gold_members[cluster].add(item)
    for item, cluster in predicted.items():
        predicted_members[cluster].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, truth = predicted_members[predicted[item]], gold_members[gold[item]]
        shared = len(mine & truth)
        precision += shared / len(mine)
        recall += shared / len(truth)
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
