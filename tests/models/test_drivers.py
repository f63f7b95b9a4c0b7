"""Driver analysis: remove-and-recompute by hand, overlap handled by the regression."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models.drivers import per_response_score, priority_order, theme_impact


def test_per_response_scores() -> None:
    assert per_response_score("nps", np.array([10, 9, 8, 7, 6, 0])).tolist() == [
        100,
        100,
        0,
        0,
        -100,
        -100,
    ]
    assert per_response_score("csat", np.array([5, 4, 3, 1])).tolist() == [100, 100, 0, 0]
    with pytest.raises(ValueError, match="unknown metric"):
        per_response_score("stars", np.array([1]))


def test_remove_and_recompute_by_hand() -> None:
    # Six answers: NPS of all = (2 promoters - 3 detractors) / 6 = -16.7; the three answers
    # mentioning "attesa" are all detractors; without them NPS = (2 - 0) / 3 = 66.7.
    y = per_response_score("nps", np.array([10, 9, 7, 2, 3, 1]))
    X = np.array([[0], [0], [0], [1], [1], [1]], dtype=float)
    out = theme_impact(y, X, ["attesa"], n_boot=50, seed=1).iloc[0]
    assert out["score_all"] == pytest.approx(-100 / 6)
    assert out["score_without"] == pytest.approx(200 / 3)
    assert out["score_with"] == pytest.approx(-100.0)
    assert out["impact"] == pytest.approx(-100 / 6 - 200 / 3)
    assert out["reach"] == pytest.approx(0.5)
    # One theme: the regression effect is with - without.
    assert out["effect"] == pytest.approx(-100 - 200 / 3, abs=1e-3)


def test_regression_separates_overlapping_themes() -> None:
    rng = np.random.default_rng(3)
    n = 4000
    a = rng.random(n) < 0.15
    b = np.where(a, rng.random(n) < 0.6, rng.random(n) < 0.05)  # b mostly rides along with a
    p_det = np.where(a, 0.7, 0.2)  # only a matters
    y = np.where(rng.random(n) < p_det, -100.0, 100.0)
    X = np.column_stack([a, b]).astype(float)
    out = theme_impact(y, X, ["a", "b"], n_boot=200, seed=0).set_index("theme")
    # Remove-and-recompute blames b too ...
    assert out.at["b", "impact_high"] < 0
    # ... the regression does not: b's interval holds zero, a's effect is about -100.
    assert out.at["b", "effect_low"] < 0 < out.at["b", "effect_high"]
    assert out.at["a", "effect"] == pytest.approx(-100, abs=12)
    assert out.at["a", "effect_low"] <= -100 <= out.at["a", "effect_high"] + 5


def test_seeded_and_ranked() -> None:
    rng = np.random.default_rng(0)
    X = (rng.random((300, 3)) < 0.3).astype(float)
    y = np.where(X[:, 0] == 1, -100.0, 100.0) * (rng.random(300) < 0.9)
    one = theme_impact(y, X, ["x", "y", "z"], n_boot=60, seed=5)
    two = theme_impact(y, X, ["x", "y", "z"], n_boot=60, seed=5)
    pd.testing.assert_frame_equal(one, two)
    assert not one.equals(theme_impact(y, X, ["x", "y", "z"], n_boot=60, seed=6))
    ranks = priority_order(one)
    assert ranks[one["theme"] == "x"].iat[0] == 1
    assert sorted(ranks) == [1, 2, 3]


def test_shapes_are_checked() -> None:
    with pytest.raises(ValueError, match="mentions must be"):
        theme_impact(np.zeros(5), np.zeros((5, 2)), ["a"])
