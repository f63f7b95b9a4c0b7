"""Series scan: count, share and per-channel tests, two-week windows, lifecycle (series.py)."""

from __future__ import annotations

import numpy as np
import pytest

from models.detection import (
    STATUS_NEW,
    STATUS_ONGOING,
    STATUS_RESOLVED,
    DetectionParams,
    scan_series,
    volume_test,
)

PARAMS = DetectionParams()


def _series(seed: int, weeks: int = 30, channels: int = 3, rate: float = 6.0, share: float = 0.3):
    """Stationary topic: Poisson volume per channel, binomial negatives, a large rest."""
    rng = np.random.default_rng(seed)
    tot = rng.poisson(rate / share, (weeks, channels)).astype(float)
    neg = rng.binomial(tot.astype(int), share).astype(float)
    exposure = tot + rng.poisson(300, (weeks, channels))
    return neg, tot, exposure


@pytest.mark.parametrize("seed", range(5))
def test_stationary_series_raises_no_alert(seed: int) -> None:
    neg, tot, exposure = _series(seed)
    res = scan_series(neg, tot, exposure, PARAMS, prior_share=0.3)
    assert not res.flagged.any()
    assert all(s is None for s in res.status)
    # The first weeks have no baseline yet: nothing is tested.
    assert np.isnan(res.z_volume[: PARAMS.min_baseline_weeks + PARAMS.guard_weeks]).all()


def test_burst_lifecycle_new_ongoing_resolved() -> None:
    neg, tot, exposure = _series(1)
    burst = {20: 25, 21: 30, 22: 28, 23: 20}
    for t, extra in burst.items():
        neg[t, 0] += extra
        tot[t, 0] += extra
    res = scan_series(neg, tot, exposure, PARAMS, prior_share=0.3)
    assert res.status[20] == STATUS_NEW
    assert list(res.status[21:24]) == [STATUS_ONGOING] * 3
    assert res.status[24] == STATUS_RESOLVED
    assert set(res.episode_start[20:25]) == {20}
    assert res.growth[20] > 3 and res.p_volume[20] < 1e-4
    # Episode weeks stay out of the baseline: the expectation does not chase the burst.
    assert res.expected[23] < 1.3 * res.expected[20]
    assert res.status[25] is None


def test_global_volume_swing_and_channel_outage_raise_no_alert() -> None:
    neg, tot, exposure = _series(2)
    # A holiday week: everything doubles, the topic included.
    for arr in (neg, tot, exposure):
        arr[18] *= 2
    # A channel goes silent for two weeks (a broken connector), then comes back.
    for arr in (neg, tot, exposure):
        arr[22:24, 1] = 0
    res = scan_series(neg, tot, exposure, PARAMS, prior_share=0.3)
    assert not res.flagged.any()


def test_share_only_series_flags_a_negativity_jump() -> None:
    rng = np.random.default_rng(3)
    tot = rng.poisson(200, (20, 1)).astype(float)
    neg = rng.binomial(tot.astype(int), 0.2).astype(float)
    neg[15, 0] = round(tot[15, 0] * 0.45)
    res = scan_series(neg, tot, tot.copy(), PARAMS, prior_share=0.2, use_volume=False)
    assert res.status[15] == STATUS_NEW
    assert np.isnan(res.z_volume).all()
    assert res.share[15] > res.share_baseline[15] + 0.2


def test_small_counts_need_min_count() -> None:
    neg = np.zeros((20, 1))
    tot = np.zeros((20, 1))
    exposure = np.full((20, 1), 300.0)
    neg[15] = tot[15] = 4  # from nothing to 4: below min_count 5
    res = scan_series(neg, tot, exposure, PARAMS, prior_share=0.3)
    assert not res.flagged.any()
    neg[16] = tot[16] = 9
    res = scan_series(neg, tot, exposure, PARAMS, prior_share=0.3)
    assert res.status[16] == STATUS_NEW


def test_two_week_window_catches_a_ramp_the_guard_keeps_clean() -> None:
    base = np.tile([3.0, 2.0, 4.0], 8)[:22]
    neg = base.copy().reshape(-1, 1)
    tot = 3 * neg
    exposure = np.full((22, 1), 300.0)
    neg[20, 0] += 4  # a complaint starting small: 7 then 11
    neg[21, 0] += 7
    tot[20:22] = tot[20:22] + neg[20:22] - base[20:22, None]
    res = scan_series(neg, tot, exposure, PARAMS, prior_share=0.3)
    assert res.status[20] is None  # 7 against 3: not yet
    single_z, _ = volume_test(
        neg[21, 0], res.expected[21], PARAMS.dispersion_prior, PARAMS.noise_floor
    )
    assert single_z < PARAMS.z_threshold  # the week alone is not enough…
    assert res.status[21] == STATUS_NEW  # …the two weeks together are
    # Without the guard week, week 20 would sit in the baseline of week 21 and raise the bar.
    no_guard = DetectionParams(guard_weeks=0)
    assert (
        res.expected[21] < scan_series(neg, tot, exposure, no_guard, prior_share=0.3).expected[21]
    )


def test_two_week_window_counts_min_count_over_both_weeks() -> None:
    exposure = np.full((20, 1), 300.0)
    neg = np.zeros((20, 1))
    neg[[3, 9], 0] = 1  # a theme nobody talked about
    neg[15, 0], neg[16, 0] = 3, 3  # 3 then 3: neither week reaches min_count 5, both do
    res = scan_series(neg, neg.copy(), exposure, PARAMS, prior_share=0.3)
    assert res.status[15] is None
    assert res.status[16] == STATUS_NEW
    late = neg.copy()
    late[16, 0] = 1  # 3 then 1: the week itself no longer carries the complaint
    res = scan_series(late, late.copy(), exposure, PARAMS, prior_share=0.3)
    assert not res.flagged.any()


def _channels(seed: int, weeks: int = 24) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A busy topic on two large channels and a quiet one (about 1 negative a week)."""
    rng = np.random.default_rng(seed)
    neg = rng.poisson([30.0, 30.0, 1.0], (weeks, 3)).astype(float)
    tot = neg * 3
    exposure = tot + rng.poisson(3000, (weeks, 3))
    return neg, tot, exposure


def test_channel_test_finds_a_complaint_hidden_in_a_busy_series() -> None:
    neg, tot, exposure = _channels(4)
    neg[20, 2] += 12  # an app update breaks one store: 13 where 1 is normal
    tot[20, 2] += 12
    off = DetectionParams(stratum_test=False)
    res_off = scan_series(neg, tot, exposure, off, prior_share=0.3)
    assert not res_off.flagged[20]  # 73 against 61 in the series total: nothing to see
    res = scan_series(neg, tot, exposure, PARAMS, prior_share=0.3)
    assert res.status[20] == STATUS_NEW
    assert res.stratum[20] == 2 and res.p_stratum[20] < PARAMS.stratum_p_threshold
    assert res.p[20] == pytest.approx(res.p_stratum[20])


@pytest.mark.parametrize("seed", range(4))
def test_channel_test_stays_quiet_on_stationary_channels(seed: int) -> None:
    neg, tot, exposure = _channels(seed)
    res = scan_series(neg, tot, exposure, PARAMS, prior_share=0.3)
    assert not res.flagged.any()
    assert np.nanmax(res.p_stratum) <= 1.0


def test_small_baseline_is_not_over_trusted() -> None:
    exposure = np.full((20, 1), 300.0)
    neg = np.zeros((20, 1))
    neg[[2, 6, 10], 0] = 1  # three documents in the baseline: the rate is barely known
    neg[16, 0] = 6
    res = scan_series(neg, neg + 5, exposure, PARAMS, prior_share=0.3)
    _, p_known_rate = volume_test(6, res.expected[16], PARAMS.dispersion_prior, 0.0)
    # The predictive test widens with the baseline's own uncertainty (Poisson-gamma mixture).
    assert res.p_volume[16] > 3 * p_known_rate


def test_scan_series_flags_a_week_with_a_term_burst_and_reports_it() -> None:
    neg, tot, exposure = _series(4)
    term_z = np.full(len(neg), np.nan)
    term_p = np.full(len(neg), np.nan)
    assert not scan_series(neg, tot, exposure, PARAMS, prior_share=0.3).flagged[20]
    term_z[20], term_p[20] = 6.0, 1e-6
    res = scan_series(neg, tot, exposure, PARAMS, prior_share=0.3, term_z=term_z, term_p=term_p)
    assert res.flagged[20] and res.status[20] == STATUS_NEW
    assert res.z[20] == pytest.approx(6.0) and res.p[20] == pytest.approx(1e-6)
