"""New topics: clusters of unassigned negative documents that the baseline weeks did not have.

Also the episode machinery shared with :mod:`models.detection.dense_groups`
(:class:`NewTopicEpisode`, following an episode inside its radius week by week, the baseline
rate of a ball in embedding space). Why: ``docs/detection.md``, "New topics".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from models.detection.params import STATUS_NEW, STATUS_ONGOING, STATUS_RESOLVED, DetectionParams
from models.detection.stats import _clears, _count_dispersion, _rate_uncertainty, volume_test

__all__ = ["NewTopicEpisode", "cluster_embeddings", "detect_new_topics"]


def cluster_embeddings(
    vectors: np.ndarray, distance: float, *, max_docs: int = 1500, random_state: int = 0
) -> np.ndarray:
    """Average-linkage agglomerative clustering on cosine distance, cut at ``distance``.

    Args:
        vectors: (n, d) embeddings (L2-normalised or not).
        distance: cosine distance at which clusters stop merging.
        max_docs: above this many rows a seeded subsample is clustered and the remaining rows
            join the nearest cluster centroid when within ``distance`` (else -1).
        random_state: seed of the subsample.

    Returns:
        (n,) cluster labels, -1 for rows left out.
    """
    from sklearn.cluster import AgglomerativeClustering

    x = _unit(np.asarray(vectors, dtype=np.float32))
    n = len(x)
    labels = np.full(n, -1, dtype=int)
    if n < 2:
        return np.zeros(n, dtype=int)
    idx = np.arange(n)
    if n > max_docs:
        idx = np.sort(np.random.default_rng(random_state).choice(n, max_docs, replace=False))
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    )
    labels[idx] = model.fit_predict(x[idx])
    if n > max_docs:
        rest = np.setdiff1d(np.arange(n), idx)
        ids = np.unique(labels[idx])
        cents = _unit(np.vstack([x[idx][labels[idx] == i].mean(axis=0) for i in ids]))
        sims = x[rest] @ cents.T
        best = sims.argmax(axis=1)
        labels[rest] = np.where(1 - sims.max(axis=1) <= distance, ids[best], -1)
    return labels


@dataclass
class NewTopicEpisode:
    """A cluster of unassigned negative documents that the baseline did not have.

    Attributes:
        first_week: week index of the first detection.
        centroid: unit vector of the detected cluster.
        radius: cosine similarity to the centroid that counts a document as "in" the topic.
        baseline_rate: expected matches per exposure document, from the baseline weeks.
        alpha: NB2 over-dispersion used by the test.
        weeks: per-week rows ``{week, status, volume, expected, z, p, members}`` (``members``
            index into that week's document list).
    """

    first_week: int
    centroid: np.ndarray
    radius: float
    baseline_rate: float
    alpha: float
    weeks: list[dict] = field(default_factory=list)

    @property
    def active(self) -> bool:
        """Whether the last recorded week left the episode open."""
        return bool(self.weeks) and self.weeks[-1]["status"] != STATUS_RESOLVED


def detect_new_topics(
    week_vectors: Sequence[np.ndarray],
    exposure: np.ndarray,
    params: DetectionParams,
    *,
    random_state: int = 0,
) -> list[NewTopicEpisode]:
    """Find clusters of unassigned negative documents that are new against the baseline.

    Each week the unassigned negative documents of that week and the one before are clustered
    together (:func:`cluster_embeddings`): a theme that starts small, 3 documents and then 4, is
    only a group once both weeks are seen. A cluster with at least ``min_count`` unclaimed members
    over the two weeks, some of them this week, is "new" when the baseline weeks (before both)
    held significantly fewer documents as close to its centroid: count test of
    :func:`volume_test` on this week alone and on both weeks, exposure-adjusted by the weekly
    volume, with the uncertainty of the baseline rate. Open episodes are followed week by week
    by counting the documents within their radius.

    Args:
        week_vectors: per week, the (n_t, d) embeddings of unassigned negative documents.
        exposure: (T,) all scored documents per week (the denominator of the rates).
        params: sensitivity.
        random_state: seed of the clustering subsample.

    Returns:
        Episodes in order of first detection.
    """
    exposure = np.asarray(exposure, dtype=float)
    n_weeks = len(week_vectors)
    units = [_unit(np.asarray(v, dtype=np.float32)) for v in week_vectors]
    has_data = exposure > 0
    episodes: list[NewTopicEpisode] = []
    claimed_before = np.zeros(0, dtype=bool)  # documents of week t - 1 owned by an episode
    for t in range(n_weeks):
        x = units[t]
        last = t - 1 - params.guard_weeks
        base = [w for w in range(last, max(-1, last - params.baseline_weeks), -1) if has_data[w]]
        claimed = np.zeros(len(x), dtype=bool)
        for ep in episodes:
            if ep.active:
                claimed |= _follow_episode(ep, t, x, exposure, params)
        prev = units[t - 1] if t >= 1 and has_data[t - 1] else x[:0]
        if len(claimed_before) != len(prev):
            claimed_before = np.zeros(len(prev), dtype=bool)
        n_free = int((~claimed).sum()) + int((~claimed_before).sum())
        if (
            len(base) < params.min_baseline_weeks
            or n_free < params.min_count
            or not (~claimed).any()
        ):
            claimed_before = claimed
            continue
        both = np.vstack([prev, x]) if len(prev) else x
        labels = cluster_embeddings(
            both, params.new_topic_distance, max_docs=params.new_topic_max_docs,
            random_state=random_state + t,
        )  # fmt: skip
        free = np.concatenate([~claimed_before, ~claimed]) if len(prev) else ~claimed
        now = np.arange(len(both)) >= len(prev)
        for lab, size in Counter(labels[labels >= 0].tolist()).most_common():
            members = np.flatnonzero((labels == lab) & free)
            if size < params.min_count or len(members) < params.min_count:
                continue
            if now[members].sum() < max(1, params.min_count // 2):
                continue  # last week's group, with (almost) nothing this week: not news now
            found = _test_cluster(t, both, len(prev), members, base, units, exposure, params)
            if found is not None:
                episodes.append(found)
                claimed[found.weeks[0]["members"]] = True
                free[members] = False
        claimed_before = claimed
    return episodes


def _test_cluster(
    t: int,
    both: np.ndarray,
    n_prev: int,
    members: np.ndarray,
    base: list[int],
    units: Sequence[np.ndarray],
    exposure: np.ndarray,
    params: DetectionParams,
) -> NewTopicEpisode | None:
    """Test one cluster of weeks ``t - 1`` (the first ``n_prev`` rows of ``both``) and ``t``."""
    centroid = _unit(both[members].mean(axis=0, keepdims=True))[0]
    sims = both @ centroid
    # The radius that holds most members: a document that close in a baseline week means the
    # topic already existed. Members sit closer to their own centroid than new documents of the
    # same theme will, so the radius is never tighter than half the clustering distance.
    radius = min(float(np.quantile(sims[members], 0.1)), 1.0 - params.new_topic_distance / 2)
    inside = np.flatnonzero(sims[n_prev:] >= radius)
    y_now = float(len(inside))
    y_prev = float(np.sum(sims[:n_prev] >= radius))
    rate, alpha = _ball_rate(centroid, radius, units, base, exposure, params)
    mu = rate * exposure[t]
    windows = [(y_now, mu)]
    if n_prev:
        windows.append((y_now + y_prev, mu + rate * exposure[t - 1]))
    best = (-math.inf, 1.0)
    flagged = False
    for obs, m in windows:
        z, p = volume_test(obs, m, alpha, params.noise_floor)
        flagged |= _clears(z, p, (obs + 1.0) / (m + 1.0), obs, params)
        best = max(best, (z, p))
    if not flagged:
        return None
    ep = NewTopicEpisode(
        first_week=t, centroid=centroid, radius=radius, baseline_rate=rate, alpha=alpha
    )
    ep.weeks.append(
        {"week": t, "status": STATUS_NEW, "volume": int(y_now), "expected": mu, "z": best[0],
         "p": best[1], "growth": (y_now + 1.0) / (mu + 1.0), "members": inside}
    )  # fmt: skip
    return ep


def _ball_rate(
    centroid: np.ndarray,
    radius: float,
    units: Sequence[np.ndarray],
    base: Sequence[int],
    exposure: np.ndarray,
    params: DetectionParams,
) -> tuple[float, float]:
    """Baseline rate (documents per exposure document) of the ball ``x @ centroid >= radius``,
    and the NB2 ``alpha`` of its weekly counts plus the rate's own uncertainty."""
    counts = np.array(
        [int(np.sum(units[w] @ centroid >= radius)) if len(units[w]) else 0 for w in base],
        dtype=float,
    )
    e_b = exposure[list(base)]
    rate = (counts.sum() + 0.5) / max(float(e_b.sum()), 1.0)
    mu_w = rate * e_b
    alpha = _count_dispersion(counts, mu_w, params)
    alpha += float(_rate_uncertainty(counts, mu_w, alpha))
    return float(rate), float(alpha)


def _follow_episode(
    ep: NewTopicEpisode, t: int, x: np.ndarray, exposure: np.ndarray, params: DetectionParams
) -> np.ndarray:
    """Record week ``t`` of an open episode; return the mask of documents it claims."""
    inside = (x @ ep.centroid >= ep.radius) if len(x) else np.zeros(0, dtype=bool)
    y = int(inside.sum())
    mu = ep.baseline_rate * exposure[t]
    z, p = volume_test(y, mu, ep.alpha, params.noise_floor)
    still = y >= max(1, params.min_count // 2) and z >= params.continue_z
    # An episode never older than 3 baseline lengths: by then it is the new normal.
    still = still and t - ep.first_week < 3 * params.baseline_weeks
    ep.weeks.append(
        {"week": t, "status": STATUS_ONGOING if still else STATUS_RESOLVED, "volume": y,
         "expected": mu, "z": z, "p": p, "growth": (y + 1.0) / (mu + 1.0),
         "members": np.flatnonzero(inside)}
    )  # fmt: skip
    return inside if still else np.zeros(len(x), dtype=bool)


def _unit(x: np.ndarray) -> np.ndarray:
    if x.size == 0:
        return x.reshape(0, x.shape[-1] if x.ndim == 2 else 0).astype(np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32)
