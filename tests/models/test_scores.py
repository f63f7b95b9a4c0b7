"""Score intervals: the SQL view and the Python formulas agree; noise is called noise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models.scores import NO_CHANGE, change_label, nps_interval, nps_se, wilson_interval
from pipelines.store.db import connect


def _insert(con, week_day: str, answers: list[tuple[int, int | None]], channel: str) -> None:
    rows = [(f"{week_day}-{channel}-{i}", f"{week_day} 10:00:00", n, c, channel)
            for i, (n, c) in enumerate(answers)]  # fmt: skip
    con.executemany(
        "INSERT INTO survey_responses (response_id, created_at, nps, csat, channel, touchpoint)"
        " VALUES (?, ?, ?, ?, ?, 'generale')",
        rows,
    )


def test_view_matches_the_formulas_and_says_when_a_change_is_noise() -> None:
    con = connect(":memory:")
    # Week 1: 30 promoters, 20 passives, 10 detractors -> NPS +33.3.
    _insert(con, "2026-03-02", [(10, 5)] * 30 + [(7, 4)] * 20 + [(2, 1)] * 10, "email")
    # Week 2: 28 promoters, 20 passives, 12 detractors -> NPS +26.7: a small change.
    _insert(con, "2026-03-09", [(9, 5)] * 28 + [(8, 3)] * 20 + [(0, 2)] * 12, "email")
    # Week 3: 10 promoters, 10 passives, 40 detractors -> NPS -50: a real fall.
    _insert(con, "2026-03-16", [(9, 4)] * 10 + [(8, 3)] * 10 + [(0, 1)] * 40, "email")
    rows = con.execute(
        "SELECT * FROM v_weekly_scores WHERE channel = 'tutti' AND touchpoint = 'tutti'"
        " ORDER BY iso_week"
    ).df()
    assert rows["nps"].round(1).tolist() == [33.3, 26.7, -50.0]
    low, high = nps_interval(30, 10, 60)
    assert rows.at[0, "nps_low"] == pytest.approx(low)
    assert rows.at[0, "nps_high"] == pytest.approx(high)
    c_low, c_high = wilson_interval(50, 60)
    assert rows.at[0, "csat_low"] == pytest.approx(c_low)
    assert rows.at[0, "csat_high"] == pytest.approx(c_high)
    assert pd.isna(rows.at[0, "nps_change"])
    assert rows.at[1, "nps_change"] == NO_CHANGE
    assert rows.at[2, "nps_change"] == "in calo"
    delta = -50.0 - 80 / 3
    assert rows.at[2, "nps_delta"] == pytest.approx(delta)
    assert change_label(delta, nps_se(10, 40, 60), nps_se(28, 12, 60)) == "in calo"
    assert change_label(-6.7, nps_se(28, 12, 60), nps_se(30, 10, 60)) == NO_CHANGE


def test_adjusted_wald_covers_at_small_n() -> None:
    # 4000 samples of n = 20 from a known population: the 95 % interval covers about 95 %.
    rng = np.random.default_rng(0)
    p = np.array([0.5, 0.3, 0.2])  # promoters, passives, detractors: NPS = 30
    hits = 0
    for _ in range(4000):
        counts = rng.multinomial(20, p)
        low, high = nps_interval(int(counts[0]), int(counts[2]), 20)
        hits += low <= 30 <= high
    assert 0.93 <= hits / 4000 <= 0.985
