"""Reads of ``voc insights`` and of the corpus summary: the BI views as DataFrames.

Every function takes an open (read-only is enough) connection and binds its parameters.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from pipelines.store.db import query_df

__all__ = [
    "corpus_weeks",
    "documents_per_kind",
    "overview_weeks",
    "topic_complaints",
    "week_by_kind",
    "week_overview",
    "week_top_complaints",
    "week_top_topics",
]


def overview_weeks(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every week in ``v_weekly_overview``, oldest first."""
    return query_df(con, "SELECT DISTINCT iso_week FROM v_weekly_overview ORDER BY iso_week")[
        "iso_week"
    ].tolist()


def week_overview(con: duckdb.DuckDBPyConnection, week: str) -> pd.DataFrame:
    """``v_weekly_overview`` rows of the week over every kind (per channel and total)."""
    return query_df(
        con, "SELECT * FROM v_weekly_overview WHERE iso_week = ? AND kind = 'tutti'", [week]
    )


def week_by_kind(con: duckdb.DuckDBPyConnection, week: str) -> pd.DataFrame:
    """The week's figures per kind and channel."""
    return query_df(
        con,
        "SELECT kind, channel, volume, share_negativo, net_sentiment, mean_rating, volume_delta,"
        " net_sentiment_delta FROM v_weekly_overview WHERE iso_week = ? AND kind <> 'tutti'"
        " ORDER BY kind, channel NULLS FIRST",
        [week],
    )


def week_top_topics(con: duckdb.DuckDBPyConnection, week: str, limit: int) -> pd.DataFrame:
    """The week's ``limit`` largest discovered topics."""
    return query_df(
        con,
        "SELECT topic_id, topic_label, category_label, volume, share, share_negativo,"
        " mean_sentiment, volume_delta FROM v_weekly_topics"
        " WHERE iso_week = ? AND topic_id >= 0 AND NOT theme_hidden"
        " ORDER BY volume DESC, topic_id LIMIT ?",
        [week, limit],
    )


def week_top_complaints(con: duckdb.DuckDBPyConnection, week: str, limit: int) -> pd.DataFrame:
    """The week's ``limit`` topics with the most negative mentions."""
    return query_df(
        con,
        "SELECT topic_id, topic_label, category_label, n_negativo, volume, share_negativo,"
        " mean_sentiment FROM v_weekly_topics WHERE iso_week = ? AND topic_id >= 0 AND NOT theme_hidden"
        " AND n_negativo > 0 ORDER BY n_negativo DESC, topic_id LIMIT ?",
        [week, limit],
    )


def documents_per_kind(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """``kind, documents, duplicates, non_italian`` over the whole corpus."""
    return query_df(
        con,
        "SELECT kind, count(*) AS documents, count(*) FILTER (WHERE is_duplicate) AS duplicates,"
        " count(*) FILTER (WHERE language <> 'it') AS non_italian FROM documents"
        " GROUP BY kind ORDER BY kind",
    )


def corpus_weeks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row ``first, last, n``: the weeks the corpus covers."""
    return query_df(
        con,
        "SELECT min(iso_week) AS first, max(iso_week) AS last,"
        " count(DISTINCT iso_week) AS n FROM v_documents",
    )


def topic_complaints(con: duckdb.DuckDBPyConnection, limit: int) -> pd.DataFrame:
    """The ``limit`` topics with the most negative mentions over the whole corpus."""
    return query_df(
        con,
        "SELECT topic_id, any_value(topic_label) AS topic_label,"
        " any_value(category_label) AS category_label, sum(n_negativo)::INTEGER AS negativi,"
        " sum(volume)::INTEGER AS volume FROM v_weekly_topics WHERE topic_id >= 0 AND NOT theme_hidden"
        " GROUP BY topic_id ORDER BY negativi DESC, topic_id LIMIT ?",
        [limit],
    )
