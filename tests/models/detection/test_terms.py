"""Term bursts and distinctive keywords (models/detection/terms.py)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from models.detection import DetectionParams, detect_term_bursts, distinctive_keywords

PARAMS = DetectionParams()


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
