"""Detection parameters, episode status labels and the per-week result of a series scan.

:class:`DetectionParams` holds every threshold of the detectors; ``docs/detection.md`` explains
the defaults. Episodes are labelled :data:`STATUS_NEW` (first week), :data:`STATUS_ONGOING`
(still elevated) and :data:`STATUS_RESOLVED` (first week back to normal, closing the episode).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["STATUS_NEW", "STATUS_ONGOING", "STATUS_RESOLVED", "DetectionParams", "ScanResult"]


STATUS_NEW = "nuovo"
STATUS_ONGOING = "in corso"
STATUS_RESOLVED = "rientrato"


@dataclass(frozen=True)
class DetectionParams:
    """Sensitivity of the detectors. Defaults are the shipped ones.

    The defaults spend a budget of 0.1 false alerts a week across the detectors; how it is split,
    why each bar sits where it does and the benchmark figures behind it: ``docs/detection.md``.
    ``voc.toml`` keys (mapped in ``pipelines/detect/params.py``) are given in brackets.

    Attributes:
        z_threshold: minimum floored z-score of a flagged series week; 3.0 [``alert_z``].
        min_count: minimum negative documents in a flagged test window (the week, or the two
            weeks of the two-week test); 5 [``alert_min_count``].
        baseline_weeks: trailing weeks in a baseline; 8 [``alert_baseline_weeks``].
        min_baseline_weeks: baseline weeks a series needs before it can alert; 4.
        p_threshold: maximum one-sided p-value of a flagged series week; 0.002 [``alert_p``].
        min_growth: minimum ratio (y + 1) / (mu + 1) of a count flag; 1.5 [``alert_min_growth``].
        min_share_delta: minimum absolute rise of the negative share of a share flag; 0.10
            [``alert_min_share_delta``].
        noise_floor: SigniTrend ``beta`` added to the standard deviation, in documents; 0.75
            [``alert_noise_floor``].
        dispersion_prior: prior NB2 ``alpha`` of weekly counts (variance mu + alpha mu^2); 0.04.
        share_dispersion_prior: prior beta-binomial ``rho`` of weekly negative shares; 0.01.
        dispersion_prior_sd: prior standard deviation of ``alpha`` (empirical Bayes); 0.03.
        share_dispersion_prior_sd: prior standard deviation of ``rho``; 0.01.
        share_prior_weight: pseudo-documents pulling a baseline share to the overall one; 20.
        rate_prior_weight: pseudo-exposure pulling per-channel rates to the pooled rate; 50.
        continue_z: z-score that keeps an open series episode ``in corso``; 1.5.
        guard_weeks: weeks just before the tested one kept out of its baseline; 1.
        new_topic_distance: cosine distance cut of the new-topic clustering (average linkage,
            e5 ``query:`` side); 0.135 [``alert_new_topic_distance``].
        new_topic_max_docs: documents clustered per week at most (seeded subsample above); 1500.
        stratum_test: also test each channel of a multi-channel series alone; True.
        stratum_p_threshold: maximum channel-corrected p-value of a per-channel test; 0.0001.
        term_test: run :func:`detect_term_bursts` and let bursts flag series; True
            [``alert_terms``].
        term_min_count: minimum negative documents carrying a term in a flagged window; 4.
        term_p_threshold: maximum p-value of a term burst, Bonferroni over the terms of the
            week's window (weekly false-alert bound of the scan); 0.1 [``alert_term_p``].
        term_min_growth: minimum ratio (y + 1) / (mu + 1) of a term burst; 3.0.
        term_min_share: share of a burst's documents a series must hold to carry it; 0.5.
        group_test: run the dense-group scan (:func:`detect_dense_groups`); True
            [``alert_groups``].
        group_p_threshold: maximum p-value of a dense group, Bonferroni over centres x sizes x
            windows (weekly family-wise false-alert rate of the scan); 0.02 [``alert_group_p``].
        group_min_growth: minimum ratio (y + 1) / (mu + 1) of a dense group; 2.0.
        group_sizes: neighbourhood sizes (nearest negatives, recent and baseline) scanned
            around each recent negative; (4, 6, 9, 13, 19, 28, 40).
        group_min_similarity: minimum cosine similarity of every group member to its centre
            (e5 ``query:`` side); 0.83.
        group_max_docs: baseline documents per scan at most (seeded subsample above, exposure
            scaled to match); 4000.
    """

    z_threshold: float = 3.0
    min_count: int = 5
    baseline_weeks: int = 8
    min_baseline_weeks: int = 4
    p_threshold: float = 0.002
    min_growth: float = 1.5
    min_share_delta: float = 0.10
    noise_floor: float = 0.75
    dispersion_prior: float = 0.04
    share_dispersion_prior: float = 0.01
    dispersion_prior_sd: float = 0.03
    share_dispersion_prior_sd: float = 0.01
    share_prior_weight: float = 20.0
    rate_prior_weight: float = 50.0
    continue_z: float = 1.5
    guard_weeks: int = 1
    new_topic_distance: float = 0.135
    new_topic_max_docs: int = 1500
    stratum_test: bool = True
    stratum_p_threshold: float = 0.0001
    term_test: bool = True
    term_min_count: int = 4
    term_p_threshold: float = 0.1
    term_min_growth: float = 3.0
    term_min_share: float = 0.5
    group_test: bool = True
    group_p_threshold: float = 0.02
    group_min_growth: float = 2.0
    group_sizes: tuple[int, ...] = (4, 6, 9, 13, 19, 28, 40)
    group_min_similarity: float = 0.83
    group_max_docs: int = 4000


@dataclass
class ScanResult:
    """Per-week outcome of :func:`scan_series` (arrays of length T).

    Attributes:
        volume: negative documents of the series.
        total: all documents of the series.
        expected: baseline expectation of ``volume`` (NaN without enough history).
        z_volume, p_volume: count test.
        share, share_baseline, z_share, p_share: negative-share test.
        growth: (volume + 1) / (expected + 1).
        z_term, p_term: the strongest term burst attached to the series (NaN without one).
        flagged: the week clears a test.
        status: ``nuovo`` / ``in corso`` / ``rientrato`` or None.
        episode_start: week index where the current episode opened (-1 outside episodes).
        z_stratum, p_stratum, stratum: strongest per-channel test (p corrected over the
            channels) and its channel index (NaN / -1 without one).
    """

    volume: np.ndarray
    total: np.ndarray
    expected: np.ndarray
    z_volume: np.ndarray
    p_volume: np.ndarray
    share: np.ndarray
    share_baseline: np.ndarray
    z_share: np.ndarray
    p_share: np.ndarray
    growth: np.ndarray
    flagged: np.ndarray
    status: np.ndarray
    episode_start: np.ndarray
    z_stratum: np.ndarray
    p_stratum: np.ndarray
    stratum: np.ndarray
    z_term: np.ndarray
    p_term: np.ndarray

    @property
    def z(self) -> np.ndarray:
        """The largest z-score of the tests, week by week."""
        return np.fmax(np.fmax(np.fmax(self.z_volume, self.z_share), self.z_stratum), self.z_term)

    @property
    def p(self) -> np.ndarray:
        """The smallest p-value of the tests (per-channel and term ones corrected), week by week."""
        return np.fmin(np.fmin(np.fmin(self.p_volume, self.p_share), self.p_stratum), self.p_term)
