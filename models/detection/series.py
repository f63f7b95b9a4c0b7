"""Series scan: count, share and per-channel tests of one series, week by week, and its lifecycle.

For week ``t`` of a series split per channel ``c`` (``E_{c,t}``: the channel's documents outside
the series; ``r_c``: the baseline ratio of series negatives to them)::

    mu_t = sum_c r_c * E_{c,t}
    z    = (y - mu_t) / (sqrt(mu_t + alpha * mu_t**2) + noise_floor)
    p    = P(Y >= y)   (negative binomial with that mean and variance)

with ``alpha`` the empirical-Bayes NB2 dispersion plus the baseline rate's own uncertainty.
Next to it: a beta-binomial test of the negative share and, on multi-channel series, a
Bonferroni-corrected count test per channel. Each week is tested alone and with the week
before, against a baseline that skips the guard week. Episodes go ``nuovo`` -> ``in corso`` ->
``rientrato``. Reasoning and figures: ``docs/detection.md``, "Series tests".
"""

from __future__ import annotations

import math

import numpy as np

from models.detection.params import (
    STATUS_NEW,
    STATUS_ONGOING,
    STATUS_RESOLVED,
    DetectionParams,
    ScanResult,
)
from models.detection.stats import (
    _clears,
    _count_dispersion,
    _rate_uncertainty,
    _share_dispersion,
    share_test,
    volume_test,
)

__all__ = ["scan_series"]


def _baseline_weeks(
    t: int, has_data: np.ndarray, in_episode: np.ndarray, params: DetectionParams
) -> list[int]:
    """Trailing weeks for the baseline of week ``t``: with data, outside this series' episodes.

    The ``guard_weeks`` just before ``t`` are skipped: a complaint that starts small (below
    ``min_count``) must not leak into the baseline it is about to be compared with. When an
    episode has lasted so long that fewer than ``min_baseline_weeks`` clean weeks remain within
    ``3 x baseline_weeks``, episode weeks fill the gap: the new level becomes normal.
    """
    lookback = 3 * params.baseline_weeks
    clean: list[int] = []
    excluded: list[int] = []
    for w in range(t - 1 - params.guard_weeks, max(-1, t - 1 - lookback), -1):
        if not has_data[w]:
            continue
        if in_episode[w]:
            excluded.append(w)
        else:
            clean.append(w)
        if len(clean) >= params.baseline_weeks:
            break
    if len(clean) < params.min_baseline_weeks and excluded:
        clean += excluded[: params.baseline_weeks - len(clean)]
    return clean


def scan_series(
    neg: np.ndarray,
    tot: np.ndarray,
    exposure: np.ndarray,
    params: DetectionParams,
    *,
    prior_share: float,
    use_volume: bool = True,
    term_z: np.ndarray | None = None,
    term_p: np.ndarray | None = None,
) -> ScanResult:
    """Scan one series week by week: tests, flags and the alert lifecycle.

    Each week is tested alone and, when the previous week was not yet in an episode, together
    with the previous week (a complaint that ramps up, 4 then 8 documents, is clearer over two
    weeks than in either); the window with the stronger evidence is reported.

    Args:
        neg: (T, C) negative documents of the series per week and channel.
        tot: (T, C) all (scored) documents of the series per week and channel.
        exposure: (T, C) all scored documents per week and channel (series included).
        params: sensitivity.
        prior_share: overall negative share, the prior of the series' baseline share.
        use_volume: run the count test (off for channel/kind series, whose "volume" is the
            channel's own traffic: only their negative share is meaningful).
        term_z, term_p: (T,) z-score and corrected p-value of the term bursts attached to the
            series (:func:`detect_term_bursts`; NaN in weeks without one): a week with a burst
            is flagged even when the series total has not moved yet.

    Returns:
        Per-week tests and lifecycle.
    """
    neg = np.asarray(neg, dtype=float).reshape(len(neg), -1)
    tot = np.asarray(tot, dtype=float).reshape(neg.shape)
    rest = np.clip(np.asarray(exposure, dtype=float).reshape(neg.shape) - tot, 0.0, None)
    n_weeks = neg.shape[0]
    y = neg.sum(axis=1)
    n = tot.sum(axis=1)
    has_data = (rest.sum(axis=1) + n) > 0
    nan = np.full(n_weeks, np.nan)
    out = ScanResult(
        volume=y, total=n, expected=nan.copy(), z_volume=nan.copy(), p_volume=nan.copy(),
        share=np.divide(y, n, out=np.full(n_weeks, np.nan), where=n > 0),
        share_baseline=nan.copy(), z_share=nan.copy(), p_share=nan.copy(), growth=nan.copy(),
        flagged=np.zeros(n_weeks, dtype=bool), status=np.full(n_weeks, None, dtype=object),
        episode_start=np.full(n_weeks, -1, dtype=int), z_stratum=nan.copy(),
        p_stratum=nan.copy(), stratum=np.full(n_weeks, -1, dtype=int),
        z_term=nan.copy() if term_z is None else np.asarray(term_z, dtype=float).copy(),
        p_term=nan.copy() if term_p is None else np.asarray(term_p, dtype=float).copy(),
    )  # fmt: skip
    has_term = np.isfinite(out.z_term)
    in_episode = np.zeros(n_weeks, dtype=bool)
    active_since = -1
    for t in range(n_weeks):
        base = _baseline_weeks(t, has_data, in_episode, params)
        tested = len(base) >= params.min_baseline_weeks and bool(has_data[t])
        flagged = False
        if tested:
            two_weeks = t >= 1 and not in_episode[t - 1] and bool(has_data[t - 1])
            flagged = _test_week(
                t, base, neg, tot, rest, y, n, params, prior_share, use_volume, two_weeks, out
            )
        # A term burst is evidence about content that the counts cannot see yet (6 documents
        # about "lettura stimata" in a topic of 40 complaints a week).
        # It must add documents, though: a burst in a series below its usual count is a change
        # of wording (templates, a new macro), not a new complaint.
        adds = bool(np.isnan(out.expected[t])) or y[t] >= out.expected[t]
        flagged = flagged or (bool(has_term[t]) and tested and adds)
        # Each test asks for ``min_count`` documents in its window; the week itself must still
        # carry some of them (4 last week and 1 now is not news this week).
        flagged = flagged and y[t] >= max(1, params.min_count // 2)
        out.flagged[t] = flagged
        z_now = max(
            (v for v in (out.z_volume[t], out.z_share[t], out.z_term[t]) if v == v),
            default=-math.inf,
        )
        if active_since < 0:
            if flagged:
                active_since = t
                out.status[t] = STATUS_NEW
        elif flagged or (y[t] >= max(1, params.min_count // 2) and z_now >= params.continue_z):
            out.status[t] = STATUS_ONGOING
        else:
            out.status[t] = STATUS_RESOLVED
            out.episode_start[t] = active_since
            active_since = -1
            continue
        if active_since >= 0:
            in_episode[t] = True
            out.episode_start[t] = active_since
    return out


def _channel_rates(
    neg_b: np.ndarray, rest_b: np.ndarray, params: DetectionParams
) -> tuple[np.ndarray, float]:
    """Per-channel baseline rates (series negatives per rest document), shrunk to the pooled one.

    Returns:
        (rates per channel, pooled rate).
    """
    y_bc = neg_b.sum(axis=0)
    e_bc = rest_b.sum(axis=0)
    # Continuity: a series with no negatives in the baseline still has a small rate.
    r_pool = (float(y_bc.sum()) + 0.5) / max(float(e_bc.sum()), 1.0)
    k = params.rate_prior_weight
    return (y_bc + k * r_pool) / (e_bc + k), r_pool


def _test_week(
    t: int,
    base: list[int],
    neg: np.ndarray,
    tot: np.ndarray,
    rest: np.ndarray,
    y: np.ndarray,
    n: np.ndarray,
    params: DetectionParams,
    prior_share: float,
    use_volume: bool,
    two_weeks: bool,
    out: ScanResult,
) -> bool:
    """Fill the tests of week ``t`` against the baseline weeks ``base``; return whether flagged."""
    b = np.asarray(base)
    windows: list[tuple[int, ...]] = [(t,), (t - 1, t)] if two_weeks else [(t,)]
    flagged = False
    if use_volume:
        rest_b = rest[b]
        neg_b = neg[b]
        r_c, r_pool = _channel_rates(neg_b, rest_b, params)
        mu_w = rest_b @ r_c
        alpha = _count_dispersion(neg_b.sum(axis=1), mu_w, params)
        u = float(_rate_uncertainty(neg_b.sum(axis=1), mu_w, alpha))

        def expected(w: int) -> float:
            mu = float(rest[w] @ r_c)
            return mu if mu > 0 else r_pool * max(float(rest[w].sum()), 1.0)

        best = (-math.inf, 1.0)
        for win in windows:
            obs = float(sum(y[w] for w in win))
            mu = sum(expected(w) for w in win)
            # The window's NB2 noise is taken as shared by its weeks (drift, campaigns): the
            # conservative choice, which keeps two-week tests from over-trusting busy series.
            z, p = volume_test(obs, mu, alpha + u, params.noise_floor)
            growth = (obs + 1.0) / (mu + 1.0)
            if _clears(z, p, growth, obs, params):
                flagged = True
            if z > best[0]:
                best = (z, p)
        mu_t = expected(t)
        out.expected[t] = mu_t
        out.z_volume[t], out.p_volume[t] = best
        out.growth[t] = (y[t] + 1.0) / (mu_t + 1.0)
        if params.stratum_test and neg.shape[1] > 1:
            flagged |= _stratum_test(t, b, neg_b, windows, neg, rest, r_c, y, params, out)
    if n[t] > 0:
        a = params.share_prior_weight
        yb, nb = y[b], n[b]
        p0 = (float(yb.sum()) + a * prior_share) / (float(nb.sum()) + a)
        p0 = min(max(p0, 1e-3), 1 - 1e-3)
        rho = _share_dispersion(yb, nb, p0, params)
        # Beta-binomial predictive: p0 itself rests on N_b + a documents only.
        rho += 1.0 / (float(nb.sum()) + a + 1.0)
        best = (-math.inf, 1.0)
        for win in windows:
            kk = float(sum(y[w] for w in win))
            nn = float(sum(n[w] for w in win))
            if nn <= 0:
                continue
            z, p = share_test(kk, nn, p0, rho, params.noise_floor)
            if (
                z >= params.z_threshold
                and p <= params.p_threshold
                and kk / nn - p0 >= params.min_share_delta
                and kk >= params.min_count
            ):
                flagged = True
            if z > best[0]:
                best = (z, p)
        out.share_baseline[t] = p0
        out.z_share[t], out.p_share[t] = best
        if not use_volume:
            out.expected[t] = p0 * n[t]
            out.growth[t] = (y[t] + 1.0) / (p0 * n[t] + 1.0)
    return flagged


def _stratum_test(
    t: int,
    b: np.ndarray,
    neg_b: np.ndarray,
    windows: list[tuple[int, ...]],
    neg: np.ndarray,
    rest: np.ndarray,
    r_c: np.ndarray,
    y: np.ndarray,
    params: DetectionParams,
    out: ScanResult,
) -> bool:
    """Count test of each channel of the series alone, Bonferroni-corrected over the channels.

    A complaint often reaches one or two channels first (an app update hits the app stores, a
    billing error the e-mail and phone queues): there, against the channel's own small baseline,
    it stands out weeks before it moves the series total, whose noise comes from every channel.
    Multiplying the p-value by the number of channels tested keeps the false alerts of the whole
    family of tests where one test per series would have them.
    """
    mu_b = rest[b] * r_c
    alpha = _count_dispersion(neg_b.ravel(), mu_b.ravel(), params)
    live = np.flatnonzero(mu_b.sum(axis=0) > 0)
    # A channel's baseline rests on few documents: its own uncertainty widens its test.
    extra = _rate_uncertainty(neg_b, mu_b, alpha)
    if len(live) < 2:
        return False
    flagged = False
    best = (-math.inf, 1.0, -1)
    for win in windows:
        obs_c = neg[list(win)][:, live].sum(axis=0)
        mu_c = (rest[list(win)][:, live] * r_c[live]).sum(axis=0)
        total = float(sum(y[w] for w in win))
        for c, obs, mu in zip(live.tolist(), obs_c.tolist(), mu_c.tolist(), strict=True):
            if mu <= 0 or obs < params.min_count:
                continue
            z, p = volume_test(obs, mu, alpha + float(extra[c]), params.noise_floor)
            p = min(1.0, p * len(live))
            growth = (obs + 1.0) / (mu + 1.0)
            if (
                _clears(z, p, growth, obs, params)
                and p <= params.stratum_p_threshold
                and total >= params.min_count
            ):
                flagged = True
            if z > best[0]:
                best = (z, p, c)
    if best[2] >= 0:
        out.z_stratum[t], out.p_stratum[t], out.stratum[t] = best
    return flagged
