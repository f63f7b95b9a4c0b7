"""Weekly insights: the tables a CX manager reads on Monday morning.

The numbers come from the BI views (``v_weekly_overview``, ``v_weekly_topics``), so the CLI,
the report and any BI tool agree by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from pipelines import store
from pipelines.errors import VocError
from pipelines.weeks import parse_week

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass
class WeeklyInsights:
    """The insight tables of one week."""

    week: str
    overview: pd.DataFrame
    by_kind: pd.DataFrame
    top_topics: pd.DataFrame
    top_complaints: pd.DataFrame
    weeks_available: list[str]


def weekly_insights(con: duckdb.DuckDBPyConnection, week: str | None) -> WeeklyInsights:
    """Overview, per-kind figures, top topics and top complaints of ``week``.

    Args:
        con: open database connection.
        week: ISO week; ``None`` means the latest week with data.
    """
    weeks = store.query_df(
        con, "SELECT DISTINCT iso_week FROM v_weekly_overview ORDER BY iso_week"
    )["iso_week"].tolist()
    if not weeks:
        raise VocError("no enriched documents yet. Run 'voc ingest' and 'voc enrich' first.")
    week = parse_week(week) if week else weeks[-1]
    if week not in weeks:
        raise VocError(f"no data for week {week}; available: {weeks[0]} … {weeks[-1]}")
    overview = store.query_df(
        con,
        "SELECT * FROM v_weekly_overview WHERE iso_week = ? AND kind = 'tutti'",
        [week],
    )
    by_kind = store.query_df(
        con,
        "SELECT kind, channel, volume, share_negativo, net_sentiment, mean_rating, volume_delta,"
        " net_sentiment_delta FROM v_weekly_overview WHERE iso_week = ? AND kind <> 'tutti'"
        " ORDER BY kind, channel NULLS FIRST",
        [week],
    )
    top_topics = store.query_df(
        con,
        "SELECT topic_id, topic_label, category_label, volume, share, share_negativo,"
        " mean_sentiment, volume_delta FROM v_weekly_topics"
        " WHERE iso_week = ? AND topic_id >= 0 ORDER BY volume DESC, topic_id LIMIT 10",
        [week],
    )
    top_complaints = store.query_df(
        con,
        "SELECT topic_id, topic_label, category_label, n_negativo, volume, share_negativo,"
        " mean_sentiment FROM v_weekly_topics WHERE iso_week = ? AND topic_id >= 0"
        " AND n_negativo > 0 ORDER BY n_negativo DESC, topic_id LIMIT 5",
        [week],
    )
    return WeeklyInsights(week, overview, by_kind, top_topics, top_complaints, weeks)


def corpus_summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Rows per kind, weeks covered, quarantine and top complaints over the whole corpus."""
    per_kind = store.query_df(
        con,
        "SELECT kind, count(*) AS documents, count(*) FILTER (WHERE is_duplicate) AS duplicates,"
        " count(*) FILTER (WHERE language <> 'it') AS non_italian FROM documents"
        " GROUP BY kind ORDER BY kind",
    )
    weeks = store.query_df(
        con,
        "SELECT min(iso_week) AS first, max(iso_week) AS last,"
        " count(DISTINCT iso_week) AS n FROM v_documents",
    ).iloc[0]
    quarantined = store.query_df(con, "SELECT count(*) AS n FROM quarantine")["n"].iat[0]
    complaints = store.query_df(
        con,
        "SELECT topic_id, any_value(topic_label) AS topic_label,"
        " any_value(category_label) AS category_label, sum(n_negativo)::INTEGER AS negativi,"
        " sum(volume)::INTEGER AS volume FROM v_weekly_topics WHERE topic_id >= 0"
        " GROUP BY topic_id ORDER BY negativi DESC, topic_id LIMIT 5",
    )
    return {
        "per_kind": per_kind,
        "first_week": weeks["first"],
        "last_week": weeks["last"],
        "n_weeks": int(weeks["n"]),
        "quarantined": int(quarantined),
        "top_complaints": complaints,
    }
