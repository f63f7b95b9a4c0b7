"""Driver analysis: how much each theme weighs on a score (NPS, CSAT, star rating).

Two estimates per theme, each with a bootstrap interval (responses resampled with replacement,
percentile interval, seed as a parameter):

``impact`` (remove and recompute)
    score of all responses minus the score of the responses that do not mention the theme:
    what Thematic and Kapiche show. It mixes how bad the theme is with how often it comes up,
    and a theme that always appears next to a worse one takes the blame for both.
``effect`` (regression on theme indicators)
    the coefficient of the theme in an ordinary least-squares regression of the per-response
    score on the indicators of every theme at once (plus an intercept): the change in score
    when a response mentions the theme, the other themes of the same response held fixed. This
    is what separates two themes that overlap in the same responses.

``gain = -effect x reach`` (reach = share of responses mentioning the theme) is the number of
points the score would recover if the theme's effect went away: the ranking "cosa sistemare per
primo" orders by it, themes whose effect is negative beyond the noise first.

Per-response scores: NPS is the mean of +100 (9-10), 0 (7-8) and -100 (0-6); CSAT is the share
of 4-5 answers in percent, so the mean of 100/0; a star rating is itself. Intervals for the
weekly score of :mod:`models.scores` are closed-form; here the estimates are not, hence the
bootstrap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

__all__ = ["IMPACT_COLUMNS", "ImpactEstimate", "per_response_score", "priority_order",
           "theme_impact"]  # fmt: skip

IMPACT_COLUMNS = [
    "theme", "n_responses", "n_mentions", "reach", "score_all", "score_with", "score_without",
    "impact", "impact_low", "impact_high", "effect", "effect_low", "effect_high",
    "gain", "gain_low", "gain_high",
]  # fmt: skip
# A tiny ridge keeps the normal equations solvable when two themes always co-occur in a
# resample; at this size it moves no coefficient by a visible amount.
_RIDGE = 1e-6


def per_response_score(metric: str, values: np.ndarray) -> np.ndarray:
    """The per-response score whose mean is the metric (see the module docstring).

    Args:
        metric: ``nps`` (0-10), ``csat`` (1-5) or ``rating`` (stars).
        values: raw answers.
    """
    v = np.asarray(values, dtype=float)
    if metric == "nps":
        return np.where(v >= 9, 100.0, np.where(v <= 6, -100.0, 0.0))
    if metric == "csat":
        return np.where(v >= 4, 100.0, 0.0)
    if metric == "rating":
        return v
    raise ValueError(f"unknown metric {metric!r}: nps, csat or rating")


@dataclass(frozen=True)
class ImpactEstimate:
    """Point estimates of every theme on one sample (weights = bootstrap counts)."""

    impact: np.ndarray
    effect: np.ndarray
    reach: np.ndarray


def _estimate(y: np.ndarray, X: np.ndarray, w: np.ndarray) -> ImpactEstimate:
    total = w.sum()
    mean = (w @ y) / total
    count = w @ X
    sum_with = (w * y) @ X
    without = total - count
    with np.errstate(invalid="ignore", divide="ignore"):
        score_without = np.where(without > 0, ((w @ y) - sum_with) / without, np.nan)
        impact = np.where(count > 0, mean - score_without, np.nan)
    design = np.column_stack([np.ones(len(y)), X])
    gram = design.T @ (design * w[:, None])
    gram[np.diag_indices_from(gram)] += _RIDGE * total
    coef = np.linalg.solve(gram, design.T @ (w * y))
    effect = np.where(count > 0, coef[1:], np.nan)
    return ImpactEstimate(impact, effect, count / total)


def theme_impact(
    scores: np.ndarray,
    mentions: np.ndarray,
    themes: list[str],
    *,
    n_boot: int = 300,
    confidence: float = 0.9,
    seed: int = 0,
) -> pd.DataFrame:
    """Impact and overlap-aware effect of every theme on a score, with bootstrap intervals.

    Args:
        scores: (n,) per-response scores (:func:`per_response_score`).
        mentions: (n, k) 0/1 matrix: response i mentions theme j.
        themes: the k theme names (row keys of the result).
        n_boot: bootstrap resamples.
        confidence: coverage of the percentile intervals (0.9 = 5th to 95th percentile).
        seed: seed of the resampling.

    Returns:
        One row per theme with :data:`IMPACT_COLUMNS`; scores in the metric's units (NPS
        points, CSAT points, stars).

    Raises:
        ValueError: shapes that do not match, or fewer than 3 responses.
    """
    y = np.asarray(scores, dtype=float)
    X = np.asarray(mentions, dtype=float)
    if X.ndim != 2 or X.shape != (len(y), len(themes)):
        raise ValueError(f"mentions must be ({len(y)}, {len(themes)}), got {X.shape}")
    if len(y) < 3:
        raise ValueError("theme_impact needs at least 3 responses")
    n = len(y)
    point = _estimate(y, X, np.ones(n))
    rng = np.random.default_rng(seed)
    boot_impact = np.empty((n_boot, len(themes)))
    boot_effect = np.empty((n_boot, len(themes)))
    boot_gain = np.empty((n_boot, len(themes)))
    # Hundreds of tiny matrix products: threads only add overhead (and fight other work).
    with threadpool_limits(1):
        for b in range(n_boot):
            w = np.bincount(rng.integers(0, n, n), minlength=n).astype(float)
            est = _estimate(y, X, w)
            boot_impact[b], boot_effect[b] = est.impact, est.effect
            boot_gain[b] = -est.effect * est.reach
    tail = (1.0 - confidence) / 2.0 * 100.0

    def bounds(samples: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with np.errstate(invalid="ignore"):
            ok = np.isfinite(samples).sum(axis=0) >= max(10, n_boot // 2)
            low = np.nanpercentile(np.where(np.isfinite(samples), samples, np.nan), tail, axis=0)
            high = np.nanpercentile(samples, 100.0 - tail, axis=0)
        return np.where(ok, low, np.nan), np.where(ok, high, np.nan)

    count = X.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        score_with = np.where(count > 0, (y @ X) / count, np.nan)
    impact_low, impact_high = bounds(boot_impact)
    effect_low, effect_high = bounds(boot_effect)
    gain_low, gain_high = bounds(boot_gain)
    frame = pd.DataFrame(
        {
            "theme": themes,
            "n_responses": n,
            "n_mentions": count.astype(int),
            "reach": point.reach,
            "score_all": float(y.mean()),
            "score_with": score_with,
            "score_without": float(y.mean()) - point.impact,
            "impact": point.impact,
            "impact_low": impact_low,
            "impact_high": impact_high,
            "effect": point.effect,
            "effect_low": effect_low,
            "effect_high": effect_high,
            "gain": -point.effect * point.reach,
            "gain_low": gain_low,
            "gain_high": gain_high,
        }
    )
    return frame[IMPACT_COLUMNS]


def priority_order(frame: pd.DataFrame) -> pd.Series:
    """1-based rank "cosa sistemare per primo": by ``gain``, clearly harmful themes first.

    A theme is clearly harmful when the upper bound of its effect is below zero; among those,
    and then among the others, a larger ``gain`` (effect times reach) comes first.
    """
    harmful = (frame["effect_high"] < 0).astype(int)
    order = frame.assign(_h=harmful, _g=frame["gain"].fillna(-np.inf)).sort_values(
        ["_h", "_g", "theme"], ascending=[False, False, True], kind="stable"
    )
    return pd.Series(range(1, len(order) + 1), index=order.index).reindex(frame.index)
