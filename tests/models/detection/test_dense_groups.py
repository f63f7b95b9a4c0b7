"""Dense-group scan in embedding space (models/detection/dense_groups.py)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from models.detection import (
    STATUS_NEW,
    STATUS_ONGOING,
    STATUS_RESOLVED,
    DetectionParams,
    detect_dense_groups,
)
from tests.models.detection.helpers import _blob

PARAMS = DetectionParams()


def _theme_weeks(
    seed: int, weeks: int = 16, themes: int = 6, per_theme: float = 4.0, dim: int = 32
) -> tuple[list[np.ndarray], np.ndarray, np.random.Generator]:
    """Negative documents of a few steady themes (tight blobs) plus scattered ones, per week."""
    centres = np.random.default_rng(1000).normal(size=(themes, dim))  # the same themes always
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(weeks):
        parts = [_blob(rng, np.zeros(dim), int(rng.poisson(6)), 1.0)]
        parts += [_blob(rng, c, int(rng.poisson(per_theme)), 0.05) for c in centres]
        out.append(np.vstack([p for p in parts if len(p)]))
    return out, np.full(weeks, 300.0), rng


@pytest.mark.parametrize("seed", range(4))
def test_dense_groups_stay_quiet_on_steady_themes(seed: int) -> None:
    week_vectors, exposure, _ = _theme_weeks(seed)
    assert detect_dense_groups(week_vectors, exposure, PARAMS) == []


def test_dense_groups_spend_no_more_than_their_weekly_budget_on_noise() -> None:
    # ``group_p_threshold`` is the scan's family-wise false-alert rate per week: on steady
    # themes the share of weeks that open a group must stay within it (binomial bound).
    first = PARAMS.guard_weeks + PARAMS.min_baseline_weeks  # the first week with a baseline
    noisy_weeks = tested = 0
    for seed in range(100, 120):
        week_vectors, exposure, _ = _theme_weeks(seed)
        noisy_weeks += len(
            {ep.first_week for ep in detect_dense_groups(week_vectors, exposure, PARAMS)}
        )
        tested += len(week_vectors) - first
    assert noisy_weeks <= stats.binom.ppf(0.999, tested, PARAMS.group_p_threshold)


def test_dense_group_found_in_its_week_followed_and_resolved() -> None:
    week_vectors, exposure, rng = _theme_weeks(10)
    new = rng.normal(size=32)
    # 8 documents about one new thing in a week of ~30 negatives, then 7, then none.
    for t, k in {12: 8, 13: 7}.items():
        week_vectors[t] = np.vstack([week_vectors[t], _blob(rng, new, k, 0.05)])
    episodes = detect_dense_groups(week_vectors, exposure, PARAMS)
    assert len(episodes) == 1
    ep = episodes[0]
    assert ep.first_week == 12
    first = ep.weeks[0]
    n_before = len(week_vectors[12]) - 8
    assert set(first["members"].tolist()) == set(range(n_before, n_before + 8))
    assert first["p"] <= PARAMS.group_p_threshold and first["growth"] >= PARAMS.group_min_growth
    assert [w["status"] for w in ep.weeks] == [STATUS_NEW, STATUS_ONGOING, STATUS_RESOLVED]
    # A stricter bar: 8 documents a week are not enough at min_count 20.
    assert detect_dense_groups(week_vectors, exposure, DetectionParams(min_count=20)) == []


def test_dense_group_over_two_weeks_reports_both_weeks_documents() -> None:
    week_vectors, exposure, rng = _theme_weeks(11)
    new = rng.normal(size=32)
    for t, k in ((12, 4), (13, 5)):  # 4 then 5: only the two-week window holds a group
        week_vectors[t] = np.vstack([week_vectors[t], _blob(rng, new, k, 0.05)])
    episodes = detect_dense_groups(week_vectors, exposure, PARAMS)
    assert [ep.first_week for ep in episodes] == [13]
    first = episodes[0].weeks[0]
    assert len(first["members"]) == 5 and len(first["prev_members"]) == 4
    assert set(first["prev_members"].tolist()) == set(
        range(len(week_vectors[12]) - 4, len(week_vectors[12]))
    )


def test_dense_group_not_raised_by_a_theme_growing_with_volume_or_by_an_everything_surge() -> None:
    week_vectors, exposure, _ = _theme_weeks(12)
    # A week with twice the traffic: every theme doubles, and so does the exposure.
    busy, _, _ = _theme_weeks(99, weeks=1, per_theme=8.0)
    week_vectors[12] = busy[0]
    exposure = exposure.copy()
    exposure[12] *= 2
    assert detect_dense_groups(week_vectors, exposure, PARAMS) == []
    # An outage: everything doubles at the same traffic; no group stands out of the rest.
    flat = np.full(len(week_vectors), 300.0)
    assert detect_dense_groups(week_vectors, flat, PARAMS) == []
