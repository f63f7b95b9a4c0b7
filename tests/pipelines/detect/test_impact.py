"""Theme impact of a week: periods, scopes, aspect sentiment counts, the ranking."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.detect.impact import IMPACT_TABLE_COLUMNS, impact_table
from pipelines.weeks import weeks_back


def _data(seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    weeks = weeks_back("2026-W20", 14)
    scored, mentions = [], []
    for i in range(1400):
        doc = f"surveys:{i}"
        week = weeks[i % len(weeks)]
        slow = rng.random() < 0.2  # the "attese" theme drives detractors
        other = rng.random() < 0.3
        nps = (
            int(rng.choice([0, 2, 4]))
            if slow and rng.random() < 0.8
            else int(rng.choice([6, 8, 9, 10]))
        )
        scored.append({"doc_id": doc, "iso_week": week, "metric": "nps", "value": nps})
        if slow:
            mentions.append({"doc_id": doc, "scope": "category", "theme_id": "attese",
                             "theme_label": "Tempi di attesa", "sentiment_label": "negativo"})  # fmt: skip
        if other:
            mentions.append({"doc_id": doc, "scope": "category", "theme_id": "prezzi",
                             "theme_label": "Prezzi", "sentiment_label": "neutro"})  # fmt: skip
            mentions.append({"doc_id": doc, "scope": "topic", "theme_id": "3",
                             "theme_label": "Tariffa", "sentiment_label": None})  # fmt: skip
    return pd.DataFrame(scored), pd.DataFrame(mentions)


def test_rolling_and_week_periods_per_scope() -> None:
    scored, mentions = _data()
    table = impact_table(scored, mentions, "2026-W20", window_weeks=12, n_boot=80, seed=1)
    assert list(table.columns) == IMPACT_TABLE_COLUMNS
    assert set(table["period"]) == {"rolling", "week"}
    rolling = table[(table["period"] == "rolling") & (table["scope"] == "category")]
    assert rolling["weeks"].unique().tolist() == [12]
    # 12 of the 14 weeks: 1200 of the 1400 responses.
    assert rolling["n_responses"].unique().tolist() == [1200]
    first = rolling.sort_values("priority_rank").iloc[0]
    assert first["theme_id"] == "attese" and first["impact_high"] < 0 and first["effect_high"] < 0
    assert first["n_negativo"] == first["n_mentions"] and first["n_neutro"] == 0
    prezzi = rolling.set_index("theme_id").loc["prezzi"]
    assert prezzi["n_neutro"] == prezzi["n_mentions"]
    topic = table[(table["period"] == "rolling") & (table["scope"] == "topic")]
    assert topic["theme_id"].tolist() == ["3"] and topic["theme_label"].tolist() == ["Tariffa"]
    week = table[(table["period"] == "week") & (table["scope"] == "category")]
    assert week["n_responses"].unique().tolist() == [100]


def test_nothing_scored_and_rare_themes() -> None:
    scored, mentions = _data()
    empty = impact_table(scored.iloc[0:0], mentions, "2026-W20", n_boot=20)
    assert empty.empty and list(empty.columns) == IMPACT_TABLE_COLUMNS
    rare = impact_table(scored, mentions, "2026-W20", n_boot=20, min_mentions=10_000)
    assert rare.empty
