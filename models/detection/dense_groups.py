"""Dense groups: a spatial scan for tight groups of recent negative documents in embedding space.

Why and how the null share is chosen: ``docs/detection.md``, "Dense groups".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from models.detection.new_topics import NewTopicEpisode, _ball_rate, _follow_episode, _unit
from models.detection.params import STATUS_NEW, DetectionParams
from models.detection.stats import share_test

__all__ = ["detect_dense_groups"]


def detect_dense_groups(
    week_vectors: Sequence[np.ndarray],
    exposure: np.ndarray,
    params: DetectionParams,
    *,
    random_state: int = 0,
) -> list[NewTopicEpisode]:
    """Find tight groups of recent negative documents that the baseline did not have.

    A spatial scan in embedding space. Each recent negative document is a centre; for every
    neighbourhood size ``m`` in ``group_sizes`` (plus the centre's own ball: all negatives at
    ``group_min_similarity`` or closer) its ``m`` nearest negatives, recent window and baseline
    weeks pooled, are split into ``k`` recent and ``m - k`` baseline ones. Under the null each
    neighbour is recent with probability

        p0 = max(E_R / (E_R + E_B), (N_R - y) / (N_R - y + N_B)),

    ``E`` being the scored documents of the recent window ``R`` and the baseline weeks ``B``,
    ``N`` their negatives and ``y`` the group's recent documents. ``k`` is tested with the
    beta-binomial tail of :func:`share_test` (``share_dispersion_prior``; its floored z is
    reported, not a bar), the p-value Bonferroni-corrected over every candidate of the week
    (centres x sizes x windows) and held to ``group_p_threshold``. A group must have
    ``min_count`` documents (centre included), ``min_count // 2`` of them this week, every
    neighbour at cosine similarity ``group_min_similarity`` or more from the centre, and growth
    ``(k + 1) / (m p0 + 1) >= group_min_growth``. Windows: this week alone, and this week with
    the previous one, against the baseline weeks before both (the guard week skipped).
    Overlapping candidates are one group (the strongest); each group opens an episode followed
    like a new topic (documents within its radius, week by week), and its documents are not
    scanned again while it is open. Why: ``docs/detection.md``, "Dense groups".

    Args:
        week_vectors: per week, the (n_t, d) embeddings of negative documents.
        exposure: (T,) all scored documents per week.
        params: sensitivity (``group_*``, ``min_count``, ``baseline_weeks``, ...).
        random_state: seed of the baseline subsample (``group_max_docs``).

    Returns:
        Episodes in order of first detection; ``weeks[0]`` also holds ``prev_members`` (indices
        into the previous week's documents, for a group found on the two-week window).
    """
    exposure = np.asarray(exposure, dtype=float)
    units = [_unit(np.asarray(v, dtype=np.float32)) for v in week_vectors]
    has_data = exposure > 0
    episodes: list[NewTopicEpisode] = []
    claimed_before = np.zeros(0, dtype=bool)
    for t in range(len(units)):
        x = units[t]
        claimed = np.zeros(len(x), dtype=bool)
        for ep in episodes:
            if ep.active:
                claimed |= _follow_episode(ep, t, x, exposure, params)
        last = t - 1 - params.guard_weeks
        base = [w for w in range(last, max(-1, last - params.baseline_weeks), -1) if has_data[w]]
        prev_ok = t >= 1 and bool(has_data[t - 1])
        prev = units[t - 1] if prev_ok else x[:0]
        if len(claimed_before) != len(prev):
            claimed_before = np.zeros(len(prev), dtype=bool)
        if (
            len(base) >= params.min_baseline_weeks
            and bool(has_data[t])
            and int((~claimed).sum()) >= max(1, params.min_count // 2)
        ):
            rng = np.random.default_rng(random_state + t)
            found = _scan_week(t, x, claimed, prev, claimed_before, base, units, exposure,
                               params, rng)  # fmt: skip
            for ep in found:
                claimed[ep.weeks[0]["members"]] = True
            episodes += found
        claimed_before = claimed
    return episodes


def _scan_week(
    t: int,
    x: np.ndarray,
    claimed: np.ndarray,
    prev: np.ndarray,
    claimed_before: np.ndarray,
    base: list[int],
    units: Sequence[np.ndarray],
    exposure: np.ndarray,
    params: DetectionParams,
    rng: np.random.Generator,
) -> list[NewTopicEpisode]:
    """Dense groups of week ``t`` (see :func:`detect_dense_groups`)."""
    b_all = np.vstack([units[w] for w in base])
    e_b = float(exposure[base].sum())
    if len(b_all) > params.group_max_docs:
        # A uniform subsample keeps the density; the exposure shrinks by the same factor.
        keep = rng.choice(len(b_all), params.group_max_docs, replace=False)
        e_b *= params.group_max_docs / len(b_all)
        b_all = b_all[np.sort(keep)]
    now_idx = np.flatnonzero(~claimed)
    prev_idx = np.flatnonzero(~claimed_before) if len(prev) else np.zeros(0, dtype=int)
    xn = x[now_idx]
    # (previous week's documents in the window, the window's exposure): this week alone, and
    # this week with the previous one.
    windows = [(prev[:0], float(exposure[t]))]
    if len(prev_idx):
        windows.append((prev[prev_idx], float(exposure[t] + exposure[t - 1])))
    min_now = max(1, params.min_count // 2)
    sizes = sorted({m for m in params.group_sizes if m >= params.min_count - 1})
    n_tests = sum((len(xn) + len(xp)) * (len(sizes) + 1) for xp, _ in windows)
    cands: list[tuple[float, float, int, np.ndarray, np.ndarray]] = []
    for xp, e_r in windows:
        recent = np.vstack([xn, xp]) if len(xp) else xn
        n_r, n_now = len(recent), len(xn)
        if n_r < params.min_count:
            continue
        pool = np.vstack([recent, b_all])
        top = min(max(sizes), len(pool) - 1)
        if top < min(sizes):
            continue
        for start in range(0, n_r, 256):
            sims = recent[start : start + 256] @ pool.T
            rows = np.arange(sims.shape[0])
            sims[rows, start + rows] = -np.inf  # the centre is not its own neighbour
            order = np.argsort(-sims, axis=1, kind="stable")[:, :top]
            near = np.take_along_axis(sims, order, axis=1)
            is_recent = order < n_r
            k_cum = np.cumsum(is_recent, axis=1)
            # Sizes: the fixed ones, and each centre's own ball (every neighbour at
            # ``group_min_similarity`` or closer), so a tight group of 6 with nothing else
            # around is one candidate of its exact size.
            n_s = (near >= params.group_min_similarity).sum(axis=1)
            fixed = np.array([m for m in sizes if m <= top]) - 1
            cols = np.column_stack([np.tile(fixed, (len(n_s), 1)), np.maximum(n_s - 1, 0)])
            k = np.take_along_axis(k_cum, cols, axis=1).astype(float)
            m_arr = cols + 1.0
            p0 = np.maximum(
                e_r / (e_r + e_b), (n_r - k - 1) / np.maximum(n_r - k - 1 + len(b_all), 1)
            )
            rho = params.share_dispersion_prior
            # Cheap bars first (vectorised); the exact tail only for the survivors. No z bar: the
            # corrected exact tail is the budgeted bar, and a floored z on top of it would ask
            # small streams (few tests a week) for one document more than the budget does.
            ok = (
                (k + 1 >= params.min_count)
                & (np.take_along_axis(near, cols, axis=1) >= params.group_min_similarity)
                & ((k + 1.0) / (m_arr * p0 + 1.0) >= params.group_min_growth)
            )
            for i, j in zip(*np.nonzero(ok), strict=True):
                m = int(cols[i, j]) + 1
                hood = order[i, :m]
                members = np.concatenate([[start + i], hood[hood < n_r]]).astype(int)
                now_m = members[members < n_now]
                if len(now_m) < min_now:
                    continue
                z, pv = share_test(k[i, j], m, p0[i, j], rho, params.noise_floor)
                pv = min(1.0, pv * n_tests)
                if pv <= params.group_p_threshold:
                    cands.append((pv, -z, start + i, now_m, members[members >= n_now] - n_now))
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    # Overlapping candidates describe one group: the strongest stands for it.
    taken_now: set[int] = set()
    taken_prev: set[int] = set()
    out: list[NewTopicEpisode] = []
    for p, neg_z, _, now_m, prev_m in cands:
        mine = set(now_m.tolist()) | {-1 - j for j in prev_m.tolist()}
        used = taken_now | {-1 - j for j in taken_prev}
        if len(mine & used) * 2 >= len(mine):
            continue
        taken_now |= set(now_m.tolist())
        taken_prev |= set(prev_m.tolist())
        now_rows = now_idx[now_m]
        prev_rows = prev_idx[prev_m] if len(prev_m) else prev_m
        vecs = np.vstack([x[now_rows], prev[prev_rows]]) if len(prev_rows) else x[now_rows]
        centroid = _unit(vecs.mean(axis=0, keepdims=True))[0]
        # The radius that holds the group: following weeks count the documents inside it.
        radius = float((vecs @ centroid).min())
        rate, alpha = _ball_rate(centroid, radius, units, base, exposure, params)
        ep = NewTopicEpisode(
            first_week=t, centroid=centroid, radius=radius, baseline_rate=rate, alpha=alpha
        )
        y_now = len(now_rows)
        mu_t = rate * float(exposure[t])
        ep.weeks.append(
            {"week": t, "status": STATUS_NEW, "volume": y_now, "expected": mu_t, "z": -neg_z,
             "p": p, "growth": (y_now + 1.0) / (mu_t + 1.0), "members": np.sort(now_rows),
             "prev_members": np.sort(prev_rows)}
        )  # fmt: skip
        out.append(ep)
    return out
