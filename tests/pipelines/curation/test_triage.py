"""Triage states and the continuity of an episode across detection replays."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.curation import check_triage, continued_episodes
from pipelines.errors import VocError


def test_moves_and_required_fields() -> None:
    assert check_triage("nuovo", "preso in carico", " Giulia ", None, None) == (
        "Giulia",
        None,
        None,
    )
    assert check_triage("preso in carico", "risolto", None, "fatto", None) == (None, "fatto", None)
    with pytest.raises(VocError, match="responsabile"):
        check_triage("nuovo", "preso in carico", "", None, None)
    with pytest.raises(VocError, match="motivo"):
        check_triage("nuovo", "falso allarme", None, None, "  ")
    with pytest.raises(VocError, match="non può passare"):
        check_triage("risolto", "risolto", None, None, None)
    with pytest.raises(VocError, match="sconosciuto"):
        check_triage("nuovo", "chiuso", None, None, None)
    # A dismissed episode can be reopened or taken in charge.
    assert check_triage("falso allarme", "nuovo", None, None, None) == (None, None, None)


def frame(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["alert_id", "scope", "series_key", "first_seen_week"])


def test_a_recut_episode_continues_the_triaged_one() -> None:
    triaged = frame(("topic:2:2026-W10", "topic", "2", "2026-W10"))
    alerts = frame(
        ("topic:2:2026-W09", "topic", "2", "2026-W09"),  # late documents moved the start
        ("topic:3:2026-W09", "topic", "3", "2026-W09"),  # another series
        ("topic:2:2026-W05", "topic", "2", "2026-W05"),  # an older, other episode
    )
    assert continued_episodes(alerts, triaged).tolist() == ["topic:2:2026-W10", None, None]
    # Still detected under its own id: the triage is its own, nothing to continue.
    both = frame(*alerts.itertuples(index=False), ("topic:2:2026-W10", "topic", "2", "2026-W10"))
    assert continued_episodes(both, triaged).tolist() == [None, None, None, None]
    assert continued_episodes(alerts, triaged.iloc[:0]).tolist() == [None, None, None]
