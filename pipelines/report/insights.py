"""Weekly insights: the tables a CX manager reads on Monday morning.

The numbers come from the BI views (``v_weekly_overview``, ``v_weekly_topics``), so the CLI,
the report and any BI tool agree by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from pipelines.errors import VocError
from pipelines.weeks import parse_week

__all__ = [
    "TOP_COMPLAINTS",
    "TOP_TOPICS",
    "WeeklyInsights",
    "corpus_figures",
    "insights_week",
]

TOP_TOPICS = 10
TOP_COMPLAINTS = 5


@dataclass
class WeeklyInsights:
    """The insight tables of one week."""

    week: str
    overview: pd.DataFrame
    by_kind: pd.DataFrame
    top_topics: pd.DataFrame
    top_complaints: pd.DataFrame
    weeks_available: list[str]


def insights_week(weeks: list[str], week: str | None) -> str:
    """The week ``voc insights`` shows: ``week`` (validated), or the latest with data.

    Raises:
        VocError: no data at all, or none for ``week``.
    """
    if not weeks:
        raise VocError("no enriched documents yet. Run 'voc ingest' and 'voc enrich' first.")
    chosen = parse_week(week) if week else weeks[-1]
    if chosen not in weeks:
        raise VocError(f"no data for week {chosen}; available: {weeks[0]} … {weeks[-1]}")
    return chosen


def corpus_figures(
    per_kind: pd.DataFrame, weeks: pd.DataFrame, quarantined: int, complaints: pd.DataFrame
) -> dict[str, Any]:
    """Rows per kind, weeks covered, quarantine and top complaints over the whole corpus.

    Args:
        per_kind: ``kind, documents, duplicates, non_italian``.
        weeks: one row ``first, last, n`` of the weeks covered.
        quarantined: rows in quarantine.
        complaints: the topics with the most negative mentions.
    """
    span = weeks.iloc[0]
    return {
        "per_kind": per_kind,
        "first_week": span["first"],
        "last_week": span["last"],
        "n_weeks": int(span["n"]),
        "quarantined": quarantined,
        "top_complaints": complaints,
    }
