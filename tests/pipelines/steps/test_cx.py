"""The cx step on the report fixture: theme impact follows the team's curated themes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines import steps, store
from pipelines.config import Settings
from tests.fixtures.report_db import NOW, REPORT_WEEK, build_fixture_db


def _topic_mentions(settings: Settings) -> pd.Series:
    with store.connection(settings, read_only=True) as con:
        _scored, mentions = store.impact_inputs(con)
    topics = mentions[mentions["scope"] == "topic"]
    return topics.groupby(["theme_id", "theme_label"]).size()


def test_theme_impact_uses_merged_renamed_and_not_hidden_themes(tmp_path: Path) -> None:
    settings = Settings(db=build_fixture_db(tmp_path / "voc.duckdb"), impact_min_mentions=2)
    before = _topic_mentions(settings)
    assert before.index.get_level_values("theme_id").tolist() == ["0", "1", "2", "3"]

    steps.merge_themes(settings, [0, 3], name="Consegne e app", who="giulia", now=NOW)
    steps.rename_theme(settings, 1, "Doppia fatturazione", who="giulia", now=NOW)
    steps.hide_theme(settings, 2, who="giulia", now=NOW)
    after = _topic_mentions(settings)
    # The merged group counts each rated document once, even when it names both topics.
    merged = after.loc[("0", "Consegne e app")]
    assert max(before.loc["0"].item(), before.loc["3"].item()) <= merged
    assert merged <= before.loc["0"].item() + before.loc["3"].item()
    assert after.loc[("1", "Doppia fatturazione")] == before.loc["1"].item()
    assert "2" not in after.index.get_level_values("theme_id")  # hidden: not ranked

    result = steps.run_cx(settings, REPORT_WEEK, NOW)
    assert result["week"] == REPORT_WEEK and result["impact_rows"] > 0
    with store.connection(settings, read_only=True) as con:
        rows = store.theme_impact_rows(con, REPORT_WEEK)
    topics = rows[rows["scope"] == "topic"]
    assert set(topics["theme_label"]) <= {"Consegne e app", "Doppia fatturazione"}
    assert "Consegne e app" in set(topics["theme_label"])
