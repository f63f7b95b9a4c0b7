"""Count and share tests, severity (models/detection/stats.py)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from models.detection import severity, share_test, volume_test


def test_volume_test_matches_poisson_and_negative_binomial() -> None:
    z, p = volume_test(9, 3.0, 0.0, 0.0)
    assert p == pytest.approx(stats.poisson.sf(8, 3.0))
    assert z == pytest.approx(6 / np.sqrt(3))
    alpha, mu = 0.2, 3.0
    _, p_nb = volume_test(9, mu, alpha, 0.0)
    n, prob = 1 / alpha, 1 / (1 + alpha * mu)
    assert p_nb == pytest.approx(stats.nbinom.sf(8, n, prob))
    assert p_nb > p  # over-dispersion makes the same count less surprising
    assert volume_test(2, 3.0, 0.0, 1.0) == (pytest.approx(-1 / (np.sqrt(3) + 1)), 1.0)


def test_noise_floor_keeps_tiny_counts_unremarkable() -> None:
    z_floor, _ = volume_test(3, 0.1, 0.0, 1.0)
    z_raw, _ = volume_test(3, 0.1, 0.0, 0.0)
    assert z_raw > 9 and z_floor < 3


def test_share_test_matches_binomial_and_beta_binomial() -> None:
    _, p = share_test(12, 40, 0.15, 0.0, 0.0)
    assert p == pytest.approx(stats.binom.sf(11, 40, 0.15))
    rho = 0.05
    a, b = 0.15 * (1 - rho) / rho, 0.85 * (1 - rho) / rho
    _, p_bb = share_test(12, 40, 0.15, rho, 0.0)
    assert p_bb == pytest.approx(stats.betabinom.sf(11, 40, a, b))
    assert p_bb > p
    assert np.isnan(share_test(0, 0, 0.2, 0.0, 1.0)[0])


def test_severity_is_volume_times_share_times_capped_growth() -> None:
    assert severity(20, 0.5, 3.0) == 30.0
    assert severity(20, 0.5, 50.0) == 100.0  # growth capped at 10
    assert severity(20, 0.5, 0.5) == 10.0  # growth below 1 counts as 1
