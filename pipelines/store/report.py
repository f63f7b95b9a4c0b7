"""Reads of the weekly report: the public BI views as DataFrames, one function per section.

Every function takes an open (read-only is enough) connection and binds its parameters. The
detection views (``v_emerging_complaints``, ``v_churn_risk``) come from a later migration: their
readers return ``None`` when the view is missing or cannot be read, so an older database still
gets a report, with those sections marked unavailable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd

from pipelines.store.db import query_df

__all__ = [
    "alert_counts",
    "aspect_rows",
    "category_names",
    "channel_weeks",
    "churn_counts",
    "churn_snapshot",
    "churn_top",
    "document_count",
    "emerging_alerts",
    "kind_volumes",
    "kind_weeks",
    "quarantine_count",
    "quarantine_reasons",
    "relation_exists",
    "topic_names",
    "topic_weeks",
    "week_document_counts",
    "week_languages",
    "week_models",
    "weekly_totals",
]

# The totals of a kind: a (kind, channel) group with a NULL channel also reads 'tutti' in the
# view, and the kind total is always the larger of the two, so keep that one.
_ONE_ROW_PER_KIND = (
    " QUALIFY row_number() OVER (PARTITION BY iso_week, kind ORDER BY volume DESC) = 1"
)


def relation_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether a table or view called ``name`` exists."""
    frame = query_df(
        con, "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ?", [name]
    )
    return bool(frame["n"].iat[0])


def _optional(
    con: duckdb.DuckDBPyConnection, relation: str, sql: str, params: Sequence[Any]
) -> pd.DataFrame | None:
    """Run ``sql`` when ``relation`` exists; ``None`` when it does not or cannot be read."""
    if not relation_exists(con, relation):
        return None
    try:
        return query_df(con, sql, params)
    except duckdb.Error:
        return None


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


# --------------------------------------------------------------------------- weekly overview


def weekly_totals(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """``v_weekly_overview`` totals (kind and channel ``tutti``) of every week, oldest first."""
    return query_df(
        con,
        "SELECT * FROM v_weekly_overview WHERE kind = 'tutti' AND channel = 'tutti'"
        " ORDER BY iso_week",
    )


def kind_volumes(con: duckdb.DuckDBPyConnection, first: str, last: str) -> pd.DataFrame:
    """``iso_week, kind, volume`` of each kind from week ``first`` to ``last``."""
    return query_df(
        con,
        "SELECT iso_week, kind, volume FROM v_weekly_overview"
        " WHERE kind <> 'tutti' AND channel = 'tutti' AND iso_week BETWEEN ? AND ?"
        + _ONE_ROW_PER_KIND,
        [first, last],
    )


def kind_weeks(con: duckdb.DuckDBPyConnection, weeks: Sequence[str]) -> pd.DataFrame:
    """Volume, sentiment counts and rating of each kind in ``weeks``."""
    return query_df(
        con,
        "SELECT iso_week, kind, volume, scored, n_negativo, n_positivo, mean_rating, n_rated"
        f" FROM v_weekly_overview WHERE iso_week IN ({_placeholders(weeks)})"
        " AND kind <> 'tutti' AND channel = 'tutti'" + _ONE_ROW_PER_KIND,
        list(weeks),
    )


def channel_weeks(con: duckdb.DuckDBPyConnection, weeks: Sequence[str]) -> pd.DataFrame:
    """Volume, sentiment counts and rating of each (kind, channel) in ``weeks``."""
    return query_df(
        con,
        "SELECT iso_week, kind, channel, volume, scored, n_negativo, n_positivo, mean_rating,"
        f" n_rated FROM v_weekly_overview WHERE iso_week IN ({_placeholders(weeks)})"
        " AND kind <> 'tutti' AND channel <> 'tutti'",
        list(weeks),
    )


# --------------------------------------------------------------------------- emerging complaints


def emerging_alerts(con: duckdb.DuckDBPyConnection, week: str) -> pd.DataFrame | None:
    """The week's alerts, resolved last, then most severe first; ``None``: view unavailable."""
    return _optional(
        con,
        "v_emerging_complaints",
        "SELECT * FROM v_emerging_complaints WHERE iso_week = ?"
        " ORDER BY (status = 'rientrato'), severity DESC NULLS LAST, z_score DESC NULLS LAST,"
        " volume DESC NULLS LAST",
        [week],
    )


def alert_counts(
    con: duckdb.DuckDBPyConnection, source: str, key: int | str | None, first: str, last: str
) -> pd.DataFrame:
    """``iso_week, total, negative`` behind an alert, counted the way the detector counts.

    Topics and categories are aspect level (a document belongs to every topic it talks about);
    channels and kinds are document level. Only scored (Italian), non-duplicate documents count.

    Args:
        source: ``"topic"``, ``"category"``, ``"channel"``, ``"kind"`` or ``"documents"``.
        key: the topic id, category id, channel or kind (ignored for ``"documents"``).
        first: first week of the span.
        last: last week of the span.
    """
    if source == "topic":
        return query_df(
            con,
            "SELECT iso_week, sum(volume) AS total, sum(n_negativo) AS negative"
            " FROM v_weekly_topics WHERE topic_id = ? AND iso_week BETWEEN ? AND ?"
            " GROUP BY iso_week",
            [key, first, last],
        )
    if source == "category":
        return query_df(
            con,
            "SELECT v.iso_week, count(DISTINCT v.doc_id) AS total,"
            " count(DISTINCT v.doc_id) FILTER (WHERE dt.sentiment_label = 'negativo') AS negative"
            " FROM v_documents v"
            " JOIN doc_topics_curated dt"
            "   ON dt.doc_id = v.doc_id AND dt.topic_model = v.topic_model"
            " WHERE NOT v.is_duplicate AND v.sentiment_label IS NOT NULL AND dt.category_id = ?"
            " AND v.iso_week BETWEEN ? AND ? GROUP BY v.iso_week",
            [key, first, last],
        )
    # the column comes from this fixed mapping, never from data
    column = {"channel": "channel", "kind": "kind"}.get(source)
    condition = f" AND {column} = ?" if column and key is not None else ""
    return query_df(
        con,
        "SELECT iso_week, count(*) AS total,"
        " count(*) FILTER (WHERE sentiment_label = 'negativo') AS negative"
        " FROM v_documents WHERE NOT is_duplicate AND sentiment_label IS NOT NULL"
        f" AND iso_week BETWEEN ? AND ?{condition} GROUP BY iso_week",
        [first, last, key] if condition else [first, last],
    )


# --------------------------------------------------------------------------- topics


def topic_weeks(con: duckdb.DuckDBPyConnection, first: str, last: str) -> pd.DataFrame:
    """``v_weekly_topics`` rows of the discovered themes (id ≥ 0, not hidden as noise) from
    ``first`` to ``last``."""
    return query_df(
        con,
        "SELECT iso_week, topic_id, topic_label, category_label, volume, n_negativo,"
        " mean_sentiment FROM v_weekly_topics WHERE topic_id >= 0 AND NOT theme_hidden"
        " AND iso_week BETWEEN ? AND ?",
        [first, last],
    )


def topic_names(con: duckdb.DuckDBPyConnection, first: str, last: str) -> pd.DataFrame:
    """``topic_id, label``: each topic's latest label from ``first`` to ``last``."""
    return query_df(
        con,
        "SELECT topic_id, arg_max(topic_label, iso_week) AS label"
        " FROM v_weekly_topics WHERE topic_id >= 0 AND iso_week BETWEEN ? AND ? GROUP BY topic_id",
        [first, last],
    )


def aspect_rows(con: duckdb.DuckDBPyConnection, first: str, last: str) -> pd.DataFrame:
    """Aspect rows (document × topic, with the category of its sentences) of the span.

    Categories are counted at aspect level, like ``v_weekly_topics`` and the emerging-complaint
    detector: a document belongs to every category its sentences talk about, and is negative
    for a category when its sentences about it are. Themes are curated (``hidden``: noise).
    """
    return query_df(
        con,
        "SELECT v.iso_week, v.doc_id, dt.topic_id, dt.category_id,"
        " coalesce(dt.sentiment_label = 'negativo', false) AS negative,"
        " dt.theme_hidden AS hidden"
        " FROM v_documents v"
        " JOIN doc_topics_curated dt ON dt.doc_id = v.doc_id AND dt.topic_model = v.topic_model"
        " WHERE NOT v.is_duplicate AND v.sentiment_label IS NOT NULL"
        " AND v.iso_week BETWEEN ? AND ?",
        [first, last],
    )


def category_names(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """``category_id, category_label`` of the categories documents fall under."""
    return query_df(
        con,
        "SELECT DISTINCT category_id, category_label FROM v_documents"
        " WHERE category_id IS NOT NULL AND category_label IS NOT NULL",
    )


# --------------------------------------------------------------------------- churn risk


def churn_snapshot(con: duckdb.DuckDBPyConnection, week: str) -> pd.DataFrame | None:
    """One row ``n, latest, as_of`` (latest snapshot not after ``week``); ``None``: unavailable."""
    return _optional(
        con,
        "v_churn_risk",
        "SELECT count(*) AS n, max(as_of_week) AS latest,"
        " max(as_of_week) FILTER (WHERE as_of_week <= ?) AS as_of FROM v_churn_risk",
        [week],
    )


def churn_top(con: duckdb.DuckDBPyConnection, as_of_week: str, limit: int) -> pd.DataFrame | None:
    """The ``limit`` riskiest high/medium customers of a snapshot; ``None``: unavailable."""
    return _optional(
        con,
        "v_churn_risk",
        "SELECT * FROM v_churn_risk WHERE as_of_week = ? AND risk_level IN ('alto', 'medio')"
        " ORDER BY risk_score DESC, customer_id LIMIT ?",
        [as_of_week, limit],
    )


def churn_counts(con: duckdb.DuckDBPyConnection, as_of_week: str) -> pd.DataFrame | None:
    """``risk_level, n`` of a snapshot; ``None``: unavailable."""
    return _optional(
        con,
        "v_churn_risk",
        "SELECT risk_level, count(*) AS n FROM v_churn_risk WHERE as_of_week = ?"
        " GROUP BY risk_level",
        [as_of_week],
    )


# --------------------------------------------------------------------------- data quality


def week_document_counts(con: duckdb.DuckDBPyConnection, week: str) -> pd.DataFrame:
    """One row ``received, duplicates, non_italian, scored, human`` of the week (``human``:
    documents with a person's label, docs/labels.md)."""
    return query_df(
        con,
        "SELECT count(*) AS received, count(*) FILTER (WHERE is_duplicate) AS duplicates,"
        " count(*) FILTER (WHERE language IS DISTINCT FROM 'it') AS non_italian,"
        " count(*) FILTER (WHERE NOT is_duplicate AND sentiment_label IS NOT NULL) AS scored,"
        " count(*) FILTER (WHERE NOT is_duplicate AND (sentiment_human OR topic_human"
        "   OR churn_intent_human OR escalation_human)) AS human"
        " FROM v_documents WHERE iso_week = ?",
        [week],
    )


def document_count(con: duckdb.DuckDBPyConnection) -> int:
    """Documents in the database (duplicates included)."""
    return int(query_df(con, "SELECT count(*) AS n FROM documents")["n"].iat[0])


def week_languages(con: duckdb.DuckDBPyConnection, week: str, limit: int) -> pd.DataFrame:
    """``language, n`` of the week's non-Italian documents, the ``limit`` most frequent."""
    return query_df(
        con,
        "SELECT coalesce(language, 'und') AS language, count(*) AS n FROM v_documents"
        " WHERE iso_week = ? AND language IS DISTINCT FROM 'it' GROUP BY ALL"
        " ORDER BY n DESC, language LIMIT ?",
        [week, limit],
    )


def quarantine_count(con: duckdb.DuckDBPyConnection) -> int:
    """Rows in quarantine."""
    return int(query_df(con, "SELECT count(*) AS n FROM quarantine")["n"].iat[0])


def quarantine_reasons(con: duckdb.DuckDBPyConnection, limit: int) -> pd.DataFrame:
    """``reason, n`` of the ``limit`` most frequent quarantine reasons."""
    return query_df(
        con,
        "SELECT reason, count(*) AS n FROM quarantine GROUP BY reason ORDER BY n DESC, reason"
        " LIMIT ?",
        [limit],
    )


def week_models(con: duckdb.DuckDBPyConnection, week: str) -> pd.DataFrame:
    """``sentiment_model, topic_model, n`` of the week's scored documents."""
    return query_df(
        con,
        "SELECT sentiment_model, topic_model, count(*) AS n FROM v_documents"
        " WHERE iso_week = ? AND sentiment_model IS NOT NULL GROUP BY ALL ORDER BY n DESC",
        [week],
    )
