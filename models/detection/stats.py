"""Count and share tests with small-number corrections, and the estimates the detectors share.

:func:`volume_test` (negative-binomial tail) and :func:`share_test` (beta-binomial tail) return a
floored z-score and an exact upper-tail p-value; the private helpers estimate over-dispersion
with empirical-Bayes shrinkage and the uncertainty of a baseline rate. The model and why it is
built this way: ``docs/detection.md``, "Series tests".
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy import special

from models.detection.params import DetectionParams

__all__ = ["severity", "share_test", "volume_test"]


def volume_test(y: float, mu: float, alpha: float, floor: float) -> tuple[float, float]:
    """Count test of ``y`` against the expectation ``mu`` with variance ``mu + alpha * mu**2``.

    Args:
        y: observed count.
        mu: expected count (> 0).
        alpha: negative-binomial over-dispersion (0 is Poisson; 0.02 is about 14 % extra
            week-to-week noise on large counts).
        floor: noise floor added to the standard deviation.

    Returns:
        (z, p): floored z-score and the upper tail P(Y >= y) of a negative binomial with that
        mean and variance (Poisson when ``alpha`` is 0).
    """
    mu = max(float(mu), 1e-9)
    alpha = max(float(alpha), 0.0)
    z = (y - mu) / (math.sqrt(mu + alpha * mu * mu) + floor)
    if y <= mu:
        return z, 1.0
    if alpha <= 1e-9:
        # Poisson: P(Y >= y) is the regularised lower incomplete gamma P(y, mu).
        return z, float(special.gammainc(y, mu))
    # NB2 (n = 1/alpha, success p = 1 / (1 + alpha mu)): P(Y >= y) = I_{1-p}(y, n).
    return z, float(special.betainc(y, 1.0 / alpha, alpha * mu / (1.0 + alpha * mu)))


def share_test(k: float, n: float, p0: float, rho: float, floor: float) -> tuple[float, float]:
    """Test the share ``k / n`` against the baseline share ``p0``.

    Args:
        k: negatives this week.
        n: documents this week.
        p0: baseline share, in (0, 1).
        rho: beta-binomial intra-week correlation (0 is binomial): the variance is
            ``n p0 (1 - p0) (1 + (n - 1) rho)``, so large weeks are not over-trusted.
        floor: noise floor added to the standard deviation (in documents).

    Returns:
        (z, p): floored z-score and the beta-binomial upper tail P(K >= k).
    """
    if n <= 0:
        return float("nan"), float("nan")
    p0 = min(max(float(p0), 1e-4), 1 - 1e-4)
    rho = min(max(float(rho), 0.0), 0.95)
    sd = math.sqrt(n * p0 * (1 - p0) * (1 + (n - 1) * rho))
    z = (k - n * p0) / (sd + floor)
    if k <= n * p0:
        return z, 1.0
    k, n = int(k), int(n)
    if rho <= 1e-9 or n == 1:
        # Binomial: P(K >= k) = I_p0(k, n - k + 1).
        return z, float(special.betainc(k, n - k + 1, p0))
    a, b = p0 * (1 - rho) / rho, (1 - p0) * (1 - rho) / rho
    j = np.arange(k, n + 1)
    log_pmf = (
        special.gammaln(n + 1) - special.gammaln(j + 1) - special.gammaln(n - j + 1)
        + special.betaln(j + a, n - j + b) - special.betaln(a, b)
    )  # fmt: skip
    return z, float(min(1.0, np.exp(log_pmf).sum()))


def severity(volume: float, share_negativo: float, growth: float) -> float:
    """Severity = negative volume x negativity (share) x growth, growth capped at 10.

    The cap keeps a series born from nothing (growth 40x) from outranking a large complaint.
    """
    g = min(max(float(growth), 1.0), 10.0)
    s = float(share_negativo) if np.isfinite(share_negativo) else 1.0
    return round(float(volume) * s * g, 2)


def _count_dispersion(y: np.ndarray, mu: np.ndarray, params: DetectionParams) -> float:
    """NB2 ``alpha`` of the baseline weeks: moment estimate, shrunk towards the prior.

    Empirical Bayes: the estimate's sampling variance (about ``2 sum v^2 / (sum mu^2)^2`` with
    ``v = mu + alpha mu^2``) is weighed against the prior's, so eight weeks of small counts
    (where Poisson noise alone swamps any over-dispersion) leave the prior almost untouched, while
    large, steady counts speak for themselves. Each week's squared residual is capped at
    3 sigma, so one odd week in the baseline does not make the next month look calm.
    """
    prior = params.dispersion_prior
    if len(y) < 2:
        return prior
    v = mu + prior * mu * mu
    s2 = float((mu * mu).sum())
    if s2 <= 0:
        return prior
    excess = np.minimum((y - mu) ** 2, 9.0 * v) - mu
    alpha_hat = max(0.0, float(excess.sum()) / s2)
    var_hat = 2.0 * float((v * v).sum()) / (s2 * s2)
    w_data = 1.0 / var_hat
    w_prior = 1.0 / params.dispersion_prior_sd**2
    return (w_data * alpha_hat + w_prior * prior) / (w_data + w_prior)


def _rate_uncertainty(y_b: np.ndarray, mu_b: np.ndarray, alpha: float) -> Any:
    """Squared relative error of a baseline rate fitted on counts ``y_b`` (expected ``mu_b``).

    The expectation of the tested week is itself an estimate: eight weeks with 3 documents in
    all say little about whether the rate is 0.2 or 0.8 a week. Adding this to the NB2
    ``alpha`` gives the predictive distribution (a Poisson-gamma mixture when ``alpha`` is 0),
    so a small baseline is not over-trusted: ``(sum y + 0.5 + alpha sum mu^2) / (sum mu + 0.5)^2``
    over the baseline weeks (axis 0: one value per column of a 2-D input).
    """
    m = np.sum(mu_b, axis=0)
    return (np.sum(y_b, axis=0) + 0.5 + alpha * np.sum(mu_b * mu_b, axis=0)) / (m + 0.5) ** 2


def _share_dispersion(k: np.ndarray, n: np.ndarray, p0: float, params: DetectionParams) -> float:
    """Beta-binomial ``rho`` of the baseline weeks, shrunk as in :func:`_count_dispersion`."""
    prior = params.share_dispersion_prior
    ok = n > 1
    if ok.sum() < 2:
        return prior
    k, n = k[ok], n[ok]
    var = n * p0 * (1 - p0)
    v = var * (1 + (n - 1) * prior)
    s = float((var * (n - 1)).sum())
    excess = np.minimum((k - n * p0) ** 2, 9.0 * v) - var
    rho_hat = max(0.0, float(excess.sum()) / s)
    var_hat = 2.0 * float((v * v).sum()) / (s * s)
    w_data = 1.0 / var_hat
    w_prior = 1.0 / params.share_dispersion_prior_sd**2
    return (w_data * rho_hat + w_prior * prior) / (w_data + w_prior)


def _clears(z: float, p: float, growth: float, obs: float, params: DetectionParams) -> bool:
    """Whether a count window clears every bar: z, p, effect size and ``min_count``."""
    return (
        z >= params.z_threshold
        and p <= params.p_threshold
        and growth >= params.min_growth
        and obs >= params.min_count
    )
