"""Simulated weekly counts: scenario families, the production scan on them, recall and false alerts.

``python benchmarks/detection.py scenarios``: see that script's docstring for what is planted and
the measured figures.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from models.detection import STATUS_NEW, DetectionParams
from pipelines.detect import Panel, scan_panels

CHANNELS = (
    ("google", "reviews"), ("trustpilot", "reviews"), ("app_store", "reviews"),
    ("play_store", "reviews"), ("email", "tickets"), ("web", "tickets"), ("chat", "tickets"),
    ("phone", "tickets"), ("twitter", "social"), ("facebook", "social"),
)  # fmt: skip
N_WEEKS = 30
WARMUP = 8  # weeks before any evaluation (the baseline must exist)
DEMO_CURVE = (4, 8, 14, 21, 29, 37, 45, 53, 61, 69)

FAMILIES = (
    "null", "seasonal", "outage", "fading",
    "step_large", "step_small", "ramp", "slow_demo", "slow_half", "new_theme", "outage_burst",
)  # fmt: skip


@dataclass
class Scenario:
    """Simulated weekly counts and what was planted."""

    family: str
    neg: np.ndarray  # (T, K, C)
    tot: np.ndarray  # (T, K, C)
    topic_cat: np.ndarray  # (K,)
    burst_topic: int = -1
    onset: int = -1
    burst_channels: list[int] = field(default_factory=list)
    fading_topic: int = -1


def _curve(family: str, rng: np.random.Generator, base_neg: float, n: int) -> np.ndarray:
    """Extra negative documents per week from onset, by family."""
    if family in ("step_large", "outage_burst"):
        peak = max(12.0, 3.0 * base_neg)
        return np.full(n, peak)
    if family == "step_small":
        peak = max(8.0, 1.5 * base_neg)
        return np.full(n, peak)
    if family == "ramp":
        peak = max(12.0, 2.0 * base_neg)
        return np.minimum(np.arange(1, n + 1) / 2.0, 1.0) * peak
    if family == "slow_demo":
        return np.asarray((DEMO_CURVE * 3)[:n], dtype=float)
    if family == "slow_half":
        return np.asarray((DEMO_CURVE * 3)[:n], dtype=float) * 0.5 + 2.0
    if family == "new_theme":
        return np.asarray((DEMO_CURVE * 3)[:n], dtype=float) * rng.uniform(0.6, 1.5)
    raise ValueError(family)


def simulate(family: str, seed: int) -> Scenario:
    """One seeded scenario of the given family."""
    rng = np.random.default_rng([seed, FAMILIES.index(family)])
    n_t, n_c = N_WEEKS, len(CHANNELS)
    n_k = int(rng.integers(15, 36))
    topic_cat = rng.integers(0, 8, n_k)
    volume = float(rng.choice([300.0, 800.0, 2000.0]))
    topic_w = rng.dirichlet(np.full(n_k, 0.8))
    affinity = rng.dirichlet(np.full(n_c, 1.5), size=n_k)
    neg_share = rng.beta(2.0, 4.0, n_k)
    weeks = np.arange(n_t)
    amp = rng.uniform(0.15, 0.35) if family == "seasonal" else rng.uniform(0.0, 0.08)
    season = 1.0 + amp * np.sin(2 * np.pi * (weeks + rng.uniform(0, 52)) / 52.0)
    if family == "seasonal":
        for w in rng.choice(np.arange(WARMUP, n_t), size=2, replace=False):
            season[w] *= rng.uniform(1.3, 1.8)  # holidays, billing runs, campaigns
    level = volume * season * np.exp(rng.normal(0, 0.05, n_t))
    # Topic shares drift slowly (log random walk): real topics are not stationary.
    drift = np.exp(np.cumsum(rng.normal(0, 0.04, (n_t, n_k)), axis=0))
    share_t = topic_w * drift
    share_t /= share_t.sum(axis=1, keepdims=True)
    lam = level[:, None, None] * share_t[:, :, None] * affinity[None, :, :]
    lam *= rng.gamma(1 / 0.15**2, 0.15**2, lam.shape)  # over-dispersion
    tot = rng.poisson(lam).astype(float)
    neg_drift = np.clip(
        neg_share[None, :] + np.cumsum(rng.normal(0, 0.01, (n_t, n_k)), axis=0), 0.02, 0.95
    )
    neg = rng.binomial(tot.astype(int), neg_drift[:, :, None]).astype(float)
    sc = Scenario(family, neg, tot, topic_cat)

    if family in ("outage", "outage_burst"):
        c0 = int(rng.integers(0, n_c))
        start = int(rng.integers(WARMUP, n_t - 4))
        dur = int(rng.integers(1, 4))
        sc.neg[start : start + dur, :, c0] = 0
        sc.tot[start : start + dur, :, c0] = 0
    if family == "fading":
        k = int(rng.integers(0, n_k))
        extra = rng.uniform(20, 60) * np.exp(-np.arange(n_t) / 2.5)
        add = rng.poisson(np.outer(extra, affinity[k]))
        sc.neg[:, k, :] += add
        sc.tot[:, k, :] += add
        sc.fading_topic = k
    if family in ("null", "seasonal", "outage", "fading"):
        return sc

    onset = int(rng.integers(WARMUP + 2, n_t - 4))
    if family == "new_theme":
        # A theme nobody talked about: a new series with a near-zero background.
        k = n_k
        bg = rng.poisson(0.03, (n_t, 1, n_c)).astype(float)
        sc.tot = np.concatenate([sc.tot, bg], axis=1)
        sc.neg = np.concatenate([sc.neg, bg], axis=1)
        sc.topic_cat = np.append(sc.topic_cat, rng.integers(0, 8))
        base_neg = 0.0
    else:
        k = int(rng.integers(0, n_k))
        base_neg = float(sc.neg[WARMUP:onset, k].sum(axis=1).mean())
    curve = _curve(family, rng, base_neg, n_t - onset)
    # Complaints concentrate on a few channels (an app update hits the app stores first).
    conc = rng.dirichlet(np.full(n_c, 0.5))
    for i, t in enumerate(range(onset, n_t)):
        n_extra = rng.poisson(curve[i])
        chans = rng.choice(n_c, size=n_extra, p=conc)
        negative = rng.random(n_extra) < 0.9
        np.add.at(sc.tot[t, k], chans, 1.0)
        np.add.at(sc.neg[t, k], chans[negative], 1.0)
    sc.burst_topic, sc.onset = k, onset
    sc.burst_channels = [int(c) for c in np.flatnonzero(conc >= 0.15)]
    return sc


def scenario_panels(sc: Scenario) -> dict[str, Panel]:
    """Panels of the four scopes from simulated (T, K, C) counts."""
    n_t, n_k, n_c = sc.tot.shape
    exposure = sc.tot.sum(axis=1)  # (T, C)
    empty = pd.DataFrame(columns=["key", "doc_id", "neg", "sentiment_score", "t", "c"])

    def grouped(keys: np.ndarray, labels: list) -> tuple[np.ndarray, np.ndarray]:
        neg = np.stack([sc.neg[:, keys == g, :].sum(axis=1) for g in labels])
        tot = np.stack([sc.tot[:, keys == g, :].sum(axis=1) for g in labels])
        return neg, tot

    topics = list(range(n_k))
    cats = sorted(set(sc.topic_cat.tolist()))
    c_neg, c_tot = grouped(sc.topic_cat, cats)
    kinds = sorted({k for _, k in CHANNELS})
    kind_of = np.array([k for _, k in CHANNELS])
    ch_neg = sc.neg.sum(axis=1).T[:, :, None]  # (C, T, 1)
    ch_tot = sc.tot.sum(axis=1).T[:, :, None]
    k_neg = np.stack([ch_neg[kind_of == k].sum(axis=0) for k in kinds])
    k_tot = np.stack([ch_tot[kind_of == k].sum(axis=0) for k in kinds])
    exp = np.broadcast_to(exposure, (n_k, n_t, n_c)).copy()
    return {
        "topic": Panel("topic", topics, sc.neg.transpose(1, 0, 2), sc.tot.transpose(1, 0, 2), exp, True, empty),
        "category": Panel("category", cats, c_neg, c_tot, np.broadcast_to(exposure, c_tot.shape).copy(), True, empty),
        "channel": Panel("channel", [c for c, _ in CHANNELS], ch_neg, ch_tot, ch_tot.copy(), False, empty),
        "kind": Panel("kind", kinds, k_neg, k_tot, k_tot.copy(), False, empty),
    }  # fmt: skip


@dataclass
class ScenarioOutcome:
    family: str
    planted: bool
    detected_in_time: bool = False
    delay: float = float("nan")
    false_alerts: int = 0
    weeks: int = 0
    true_scopes: set = field(default_factory=set)


def evaluate_scenario(sc: Scenario, params: DetectionParams) -> ScenarioOutcome:
    """Run the detector on one scenario and score it against what was planted."""
    panels = scenario_panels(sc)
    prior = float(sc.neg.sum() / max(sc.tot.sum(), 1))
    scans = scan_panels(panels, params, prior)
    n_t = sc.tot.shape[0]
    out = ScenarioOutcome(sc.family, sc.onset >= 0, weeks=n_t - WARMUP)
    first_hit = None
    burst_cat = int(sc.topic_cat[sc.burst_topic]) if sc.onset >= 0 else None
    burst_kinds = {CHANNELS[c][1] for c in sc.burst_channels}
    burst_chans = {CHANNELS[c][0] for c in sc.burst_channels}
    for scope, results in scans.items():
        for key, res in zip(panels[scope].keys, results, strict=True):
            related = sc.onset >= 0 and (
                (scope == "topic" and key == sc.burst_topic)
                or (scope == "category" and key == burst_cat)
                or (scope == "channel" and key in burst_chans)
                or (scope == "kind" and key in burst_kinds)
            )
            identifying = scope in ("topic", "category") and related
            for t in range(WARMUP, n_t):
                status = res.status[t]
                if status is None:
                    continue
                if related and t >= sc.onset:
                    if identifying and status != "rientrato":
                        out.true_scopes.add(scope)
                        first_hit = t if first_hit is None else min(first_hit, t)
                    continue
                if status == STATUS_NEW:
                    out.false_alerts += 1
    if sc.onset >= 0:
        out.delay = float(first_hit - sc.onset) if first_hit is not None else float("inf")
        out.detected_in_time = first_hit is not None and first_hit - sc.onset <= 1
    return out


def oracle_ceiling(sc: Scenario, p: float = 1e-3) -> bool:
    """Whether an oracle could flag the planted complaint within one week of onset.

    The oracle knows the topic's pre-onset mean exactly (all pre-onset weeks, no estimation
    noise) and ignores over-dispersion: Poisson tests of the onset week, the week after, and both
    together on the topic total, plus the best channel (Bonferroni over channels), at ``p``.
    No detector that tests every series each week at about one false alert per ten weeks can do
    better, so this is the ceiling the recall within one week is read against.
    """
    from scipy import stats

    k, t0 = sc.burst_topic, sc.onset
    y = sc.neg[:, k].sum(axis=1)
    base = y[:t0].mean() + 0.05
    windows = ((t0,), (t0 + 1,), (t0, t0 + 1))
    best = min(stats.poisson.sf(sum(y[w] for w in win) - 1, len(win) * base) for win in windows)
    cells = sc.neg[:, k, :]
    base_c = cells[:t0].mean(axis=0) + 0.02
    n_c = cells.shape[1]
    best_c = n_c * stats.poisson.sf(cells[t0] + cells[t0 + 1] - 1, 2 * base_c).min()
    return bool(min(best, best_c) < p)


def run_scenarios(n: int, seed: int, params: DetectionParams, verbose: bool = True) -> dict:
    """All families x ``n`` seeds. Returns the summary table as a dict."""
    t0 = time.perf_counter()
    rows: list[ScenarioOutcome] = []
    ceiling: dict[str, list[bool]] = {}
    for fam in FAMILIES:
        for s in range(seed, seed + n):
            sc = simulate(fam, s)
            rows.append(evaluate_scenario(sc, params))
            if sc.onset >= 0:
                ceiling.setdefault(fam, []).append(oracle_ceiling(sc))
    elapsed = time.perf_counter() - t0
    table = []
    for fam in FAMILIES:
        r = [o for o in rows if o.family == fam]
        planted = [o for o in r if o.planted]
        delays = np.array([o.delay for o in planted])
        table.append(
            {
                "family": fam,
                "runs": len(r),
                "recall_1w": np.mean([o.detected_in_time for o in planted]) if planted else np.nan,
                "oracle_1w": np.mean(ceiling[fam]) if fam in ceiling else np.nan,
                "recall_any": np.mean(np.isfinite(delays)) if planted else np.nan,
                "median_delay": float(np.median(delays[np.isfinite(delays)])) if planted and np.isfinite(delays).any() else np.nan,
                "false_per_10w": 10 * sum(o.false_alerts for o in r) / sum(o.weeks for o in r),
            }
        )  # fmt: skip
    planted = [o for o in rows if o.planted]
    summary = {
        "scenarios": len(rows),
        "seconds": round(elapsed, 1),
        "recall_within_1_week": float(np.mean([o.detected_in_time for o in planted])),
        "oracle_within_1_week": float(np.mean([c for v in ceiling.values() for c in v])),
        "recall_eventually": float(np.mean([np.isfinite(o.delay) for o in planted])),
        "mean_delay_weeks": float(np.mean([o.delay for o in planted if np.isfinite(o.delay)])),
        "false_alerts_per_10_weeks": 10
        * sum(o.false_alerts for o in rows)
        / sum(o.weeks for o in rows),
        "false_per_10w_normal_families": 10
        * sum(o.false_alerts for o in rows if not o.planted)
        / max(sum(o.weeks for o in rows if not o.planted), 1),
        "table": table,
    }
    if verbose:
        print(f"\n== Simulated scenarios: {len(rows)} runs ({n} seeds x {len(FAMILIES)} families), "
              f"{elapsed:.1f} s")  # fmt: skip
        print(pd.DataFrame(table).to_string(index=False, float_format=lambda x: f"{x:.2f}"))
        for key in ("recall_within_1_week", "oracle_within_1_week", "recall_eventually", "mean_delay_weeks",
                    "false_alerts_per_10_weeks", "false_per_10w_normal_families"):  # fmt: skip
            print(f"{key}: {summary[key]:.3f}")
    return summary
