"""Closed-form intervals of survey scores (the same formulas as ``sql/views/060_v_weekly_scores``).

* NPS: adjusted Wald (Sauro & Lewis, *Quantifying the User Experience*, 2nd ed., ch. 5): add
  3/4 of a response to promoters and to detractors (3 to n), then the normal interval of the
  difference of two multinomial shares. Better than the plain Wald interval for small n, and
  it needs no resampling, so a BI view can compute it.
* CSAT (share of 4-5 answers): Wilson score interval.
* CES (mean of 1-7 answers): normal interval of the mean.
* A week-on-week change is significant when the interval of the difference (standard errors
  added in quadrature) excludes zero; otherwise it is "nessuna variazione significativa".
"""

from __future__ import annotations

import math

__all__ = ["change_label", "mean_interval", "nps_interval", "nps_se", "wilson_interval"]

Z95 = 1.96
NO_CHANGE = "nessuna variazione significativa"


def nps_se(promoters: int, detractors: int, n: int) -> float:
    """Adjusted-Wald standard error of the NPS, in NPS points."""
    pp = (promoters + 0.75) / (n + 3.0)
    pd_ = (detractors + 0.75) / (n + 3.0)
    return 100.0 * math.sqrt((pp + pd_ - (pp - pd_) ** 2) / (n + 3.0))


def nps_interval(promoters: int, detractors: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Adjusted-Wald interval of the NPS (points, clipped to -100..100)."""
    pp = (promoters + 0.75) / (n + 3.0)
    pd_ = (detractors + 0.75) / (n + 3.0)
    centre, half = 100.0 * (pp - pd_), z * nps_se(promoters, detractors, n)
    return max(-100.0, centre - half), min(100.0, centre + half)


def wilson_interval(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a share ``k/n``, in percent."""
    p = k / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return 100.0 * (centre - half), 100.0 * (centre + half)


def mean_interval(mean: float, sd: float, n: int, z: float = Z95) -> tuple[float, float]:
    """Normal interval of a mean."""
    half = z * sd / math.sqrt(n)
    return mean - half, mean + half


def change_label(delta: float, se_now: float, se_before: float, z: float = Z95) -> str:
    """``in aumento``, ``in calo`` or ``nessuna variazione significativa``."""
    margin = z * math.hypot(se_now, se_before)
    if delta - margin > 0:
        return "in aumento"
    if delta + margin < 0:
        return "in calo"
    return NO_CHANGE
