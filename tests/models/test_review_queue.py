"""The review queue's selection: uncertainty × priority, spread by diversity."""

from __future__ import annotations

import numpy as np
import pytest

from models.review_queue import margin_uncertainty, select_for_review


def test_margin_uncertainty_is_one_minus_the_top_two_gap() -> None:
    proba = np.array([[0.9, 0.05, 0.05], [0.4, 0.35, 0.25], [1 / 3, 1 / 3, 1 / 3]])
    assert margin_uncertainty(proba) == pytest.approx([0.15, 0.95, 1.0])
    with pytest.raises(ValueError):
        margin_uncertainty(np.ones(3))


def test_without_vectors_the_most_uncertain_come_first_ties_by_index() -> None:
    proba = np.array([[0.9, 0.05, 0.05], [0.5, 0.5, 0.0], [0.6, 0.3, 0.1], [0.5, 0.5, 0.0]])
    assert select_for_review(proba, 3).tolist() == [1, 3, 2]
    assert select_for_review(proba, 10).tolist() == [1, 3, 2, 0]
    assert select_for_review(proba, 0).tolist() == []


def test_priority_multiplies_the_uncertainty() -> None:
    proba = np.array([[0.5, 0.5, 0.0], [0.6, 0.3, 0.1]])
    assert select_for_review(proba, 1, priority=np.array([0.1, 1.0])).tolist() == [1]


def test_diversity_skips_near_copies_of_a_picked_document() -> None:
    rng = np.random.default_rng(0)
    base = rng.normal(size=(3, 16))
    # Five near copies of one ambiguous complaint, then two other, slightly less uncertain texts.
    vectors = np.vstack([base[0] + 0.01 * rng.normal(size=(5, 16)), base[1:]])
    proba = np.array([[0.5, 0.5, 0.0]] * 5 + [[0.55, 0.45, 0.0]] * 2)
    plain = select_for_review(proba, 3)
    spread = select_for_review(proba, 3, vectors=vectors)
    assert set(plain.tolist()) <= {0, 1, 2, 3, 4}
    assert spread[0] == 0 and set(spread[1:].tolist()) == {5, 6}
    # Deterministic.
    assert select_for_review(proba, 3, vectors=vectors).tolist() == spread.tolist()
