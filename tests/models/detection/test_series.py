"""Count tests, series scan and lifecycle, new-topic clustering, keywords."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from models.detection import (
    STATUS_NEW,
    STATUS_ONGOING,
    STATUS_RESOLVED,
    DetectionParams,
    cluster_embeddings,
    detect_dense_groups,
    detect_new_topics,
    detect_term_bursts,
    distinctive_keywords,
    scan_series,
    severity,
    share_test,
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


def _blob(rng: np.random.Generator, center: np.ndarray, n: int, spread: float) -> np.ndarray:
    x = center + spread * rng.normal(size=(n, center.size))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_cluster_embeddings_is_deterministic_and_separates_blobs() -> None:
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=32), rng.normal(size=32)
    x = np.vstack([_blob(rng, a, 10, 0.05), _blob(rng, b, 10, 0.05)])
    labels = cluster_embeddings(x, 0.2)
    assert len(set(labels[:10])) == 1 and len(set(labels[10:])) == 1
    assert labels[0] != labels[10]
    assert (cluster_embeddings(x, 0.2) == labels).all()
    capped = cluster_embeddings(x, 0.2, max_docs=12, random_state=1)
    assert len(set(capped[:10])) == 1 and capped[0] != capped[10]


def test_new_topic_detected_once_and_followed() -> None:
    rng = np.random.default_rng(1)
    dim = 32
    old, new = rng.normal(size=dim), rng.normal(size=dim)
    weeks = []
    for t in range(14):
        noise = _blob(rng, np.zeros(dim), 6, 1.0)  # scattered complaints, no theme
        parts = [noise, _blob(rng, old, 6, 0.05)]  # a theme that was always there
        if t >= 10:
            parts.append(_blob(rng, new, {10: 8, 11: 12, 12: 9, 13: 0}[t], 0.05))
        weeks.append(np.vstack([p for p in parts if len(p)]))
    exposure = np.full(14, 200.0)
    episodes = detect_new_topics(weeks, exposure, DetectionParams(new_topic_distance=0.15))
    assert len(episodes) == 1
    ep = episodes[0]
    assert ep.first_week == 10
    assert [w["status"] for w in ep.weeks] == [
        STATUS_NEW,
        STATUS_ONGOING,
        STATUS_ONGOING,
        STATUS_RESOLVED,
    ]
    assert ep.weeks[0]["volume"] >= 8 and ep.weeks[0]["p"] < 1e-3
    assert float(ep.centroid @ (new / np.linalg.norm(new))) > 0.9


def test_distinctive_keywords_pick_the_new_theme() -> None:
    cluster = [
        "Doppio addebito sulla carta dopo l'aggiornamento dell'app",
        "Mi avete fatto un doppio addebito, l'app dopo l'aggiornamento non funziona",
        "Ancora un doppio addebito dopo l'aggiornamento dell'app, rimborsatemi",
    ]
    background = [
        "La consegna è arrivata in ritardo",
        "Il servizio clienti non risponde mai",
        "Bolletta troppo cara questo mese",
        "L'operatore è stato gentile",
    ]
    keywords = distinctive_keywords(cluster, background, k=4)
    assert keywords and keywords[0] in {
        "doppio addebito",
        "aggiornamento dell'app",
        "aggiornamento",
    }
    assert any("addebito" in k for k in keywords)
    assert not any(k in {"consegna", "ritardo"} for k in keywords)


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


def test_new_topic_starting_below_min_count_is_caught_over_two_weeks() -> None:
    rng = np.random.default_rng(2)
    dim = 32
    new = rng.normal(size=dim)

    def weeks_with(sizes: dict[int, int]) -> list[np.ndarray]:
        out = []
        for t in range(14):
            parts = [_blob(rng, np.zeros(dim), 6, 1.0)]
            if sizes.get(t):
                parts.append(_blob(rng, new, sizes[t], 0.05))
            out.append(np.vstack(parts))
        return out

    exposure = np.full(14, 200.0)
    params = DetectionParams(new_topic_distance=0.15)
    episodes = detect_new_topics(weeks_with({10: 3, 11: 4, 12: 6}), exposure, params)
    assert len(episodes) == 1
    assert episodes[0].first_week == 11  # 3 + 4 documents: the theme exists
    assert episodes[0].weeks[0]["volume"] == 4  # this week's documents, not last week's
    assert float(episodes[0].centroid @ (new / np.linalg.norm(new))) > 0.9
    # Three documents once, then nothing: no theme.
    assert detect_new_topics(weeks_with({10: 3}), exposure, params) == []


# --------------------------------------------------------------------------- term bursts


def _term_weeks(
    seed: int, weeks: int = 20, docs: int = 40
) -> tuple[list[list[set[str]]], np.ndarray]:
    """Negative documents drawing terms from a skewed vocabulary (common words and rare ones)."""
    rng = np.random.default_rng(seed)
    vocab = [f"w{i}" for i in range(300)]
    prob = 1.0 / np.arange(1, 301) ** 0.9
    prob /= prob.sum()
    out = []
    for _ in range(weeks):
        n = int(rng.poisson(docs))
        out.append(
            [set(rng.choice(vocab, size=6, replace=False, p=prob).tolist()) for _ in range(n)]
        )
    return out, np.full(weeks, 200.0)


@pytest.mark.parametrize("seed", range(6))
def test_term_bursts_stay_quiet_on_a_stationary_vocabulary(seed: int) -> None:
    week_terms, exposure = _term_weeks(seed)
    assert detect_term_bursts(week_terms, exposure, PARAMS) == []


def test_term_bursts_spend_no_more_than_their_weekly_budget_on_noise() -> None:
    # ``term_p_threshold`` is the scan's family-wise false-alert rate per week (Bonferroni over
    # the week's terms): on a stationary vocabulary the share of weeks with any burst must stay
    # within it (one-sided binomial bound over 330 tested weeks).
    noisy_weeks = tested = 0
    for seed in range(100, 130):
        week_terms, exposure = _term_weeks(seed)
        bursts = detect_term_bursts(week_terms, exposure, PARAMS)
        noisy_weeks += len({b.week for b in bursts})
        tested += len(week_terms) - PARAMS.baseline_weeks - PARAMS.guard_weeks
    assert noisy_weeks <= stats.binom.ppf(0.999, tested, PARAMS.term_p_threshold)


def test_term_burst_is_held_by_its_budgeted_p_value_not_a_z_bar() -> None:
    # Four documents of a term mentioned twice in eight weeks: the corrected tail clears the
    # budget (p well under 0.01) while the floored z stays under 3, a bar the scan no longer has.
    week_terms, exposure = _term_weeks(5)
    week_terms[6].append({"contatore rotto"})
    week_terms[7].append({"contatore rotto"})
    week_terms[14] += [{"contatore rotto", f"z{i}"} for i in range(4)]
    bursts = detect_term_bursts(week_terms, exposure, PARAMS)
    assert [(b.week, b.terms[0]) for b in bursts] == [(14, "contatore rotto")]
    assert bursts[0].p <= PARAMS.term_p_threshold and bursts[0].z < PARAMS.z_threshold
    # The budget is the knob: a scan allowed 1e-5 false alerts a week stays quiet.
    assert detect_term_bursts(week_terms, exposure, DetectionParams(term_p_threshold=1e-5)) == []


def test_term_burst_found_in_its_first_week_and_grouped() -> None:
    week_terms, exposure = _term_weeks(0)
    for i in range(6):  # 6 complaints about one new thing, in a week of ~40 negatives
        week_terms[14].append({"lettura stimata", "stimata", "lettura", f"x{i}"})
    bursts = detect_term_bursts(week_terms, exposure, PARAMS)
    assert [b.week for b in bursts] == [14]
    b = bursts[0]
    assert set(b.terms) == {"lettura stimata", "stimata", "lettura"}
    assert len(b.docs) == 6 and all("stimata" in week_terms[14][i] for i in b.docs)
    assert b.p <= PARAMS.term_p_threshold and b.growth >= PARAMS.term_min_growth


def test_term_burst_needs_enough_documents_and_history() -> None:
    week_terms, exposure = _term_weeks(1)
    for i in range(PARAMS.term_min_count - 1):
        week_terms[14].append({"contatore", f"y{i}"})
    assert detect_term_bursts(week_terms, exposure, PARAMS) == []
    early, exposure = _term_weeks(1)
    for i in range(8):  # week 2: no baseline yet, nothing to compare with
        early[2].append({"contatore", f"y{i}"})
    assert detect_term_bursts(early, exposure, PARAMS) == []


def test_term_burst_over_two_weeks_and_not_again_once_normal() -> None:
    week_terms, exposure = _term_weeks(2)
    for t, k in ((12, 2), (13, 3)):  # 2 then 3: only the two-week window reaches the minimum
        week_terms[t] += [{"app bloccata", "app"} for _ in range(k)]
    bursts = detect_term_bursts(week_terms, exposure, PARAMS)
    assert [b.week for b in bursts] == [13]
    assert len(bursts[0].prev_docs) == 2 and bursts[0].volume == 5
    off = DetectionParams(term_min_count=6)
    assert detect_term_bursts(week_terms, exposure, off) == []


def test_common_term_does_not_burst_on_ordinary_noise() -> None:
    week_terms, exposure = _term_weeks(3)
    # The most common term gains a couple of documents: within its own week-to-week noise.
    week_terms[15] += [{"w0"} for _ in range(3)]
    assert detect_term_bursts(week_terms, exposure, PARAMS) == []


def test_scan_series_flags_a_week_with_a_term_burst_and_reports_it() -> None:
    neg, tot, exposure = _series(4)
    term_z = np.full(len(neg), np.nan)
    term_p = np.full(len(neg), np.nan)
    assert not scan_series(neg, tot, exposure, PARAMS, prior_share=0.3).flagged[20]
    term_z[20], term_p[20] = 6.0, 1e-6
    res = scan_series(neg, tot, exposure, PARAMS, prior_share=0.3, term_z=term_z, term_p=term_p)
    assert res.flagged[20] and res.status[20] == STATUS_NEW
    assert res.z[20] == pytest.approx(6.0) and res.p[20] == pytest.approx(1e-6)


# --------------------------------------------------------------------------- dense groups


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
