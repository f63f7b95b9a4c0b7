"""Reads and writes of survey scores, theme impact and ticket operations.

Every function takes an open connection (:func:`pipelines.store.db.connection`). The
``replace_*`` writers open no transaction of their own: the step writes both tables in one.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from pipelines.store.db import _stage, _unstage, query_df

__all__ = [
    "impact_inputs",
    "replace_theme_impact",
    "replace_ticket_operations",
    "scores_weeks",
    "sla_by_theme",
    "sla_evidence",
    "survey_evidence",
    "theme_impact_rows",
    "ticket_inputs",
    "ticket_weeks",
    "week_scores",
]


def ticket_inputs(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tickets (with details, theme and sentiment) and their comment threads."""
    tickets = query_df(
        con,
        "SELECT v.doc_id, v.channel, v.customer_id, v.created_at, v.status,"
        " coalesce(t.priority, 'normal') AS priority, t.solved_at, t.reopens,"
        " v.topic_id, v.category_id, v.sentiment_label"
        " FROM v_documents v LEFT JOIN ticket_details t USING (doc_id)"
        " WHERE v.kind = 'tickets' AND NOT v.is_duplicate ORDER BY v.created_at, v.doc_id",
    )
    comments = query_df(
        con,
        "SELECT c.doc_id, c.comment_idx, c.author_role, c.created_at, c.text"
        " FROM ticket_comments c JOIN documents d USING (doc_id)"
        " WHERE d.kind = 'tickets' AND NOT d.is_duplicate ORDER BY c.doc_id, c.comment_idx",
    )
    return tickets, comments


def replace_ticket_operations(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> None:
    """Replace the ``ticket_operations`` table with ``frame`` (columns of the table)."""
    con.execute("DELETE FROM ticket_operations")
    if frame.empty:
        return
    _stage(con, "_ops", frame)
    columns = ", ".join(frame.columns)
    con.execute(f"INSERT INTO ticket_operations ({columns}) SELECT {columns} FROM _ops")
    _unstage(con, "_ops")


def impact_inputs(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What the driver analysis reads.

    Returns:
        ``scored`` (``doc_id, iso_week, metric, value``: NPS and CSAT of responses with an
        enriched verbatim, star ratings of enriched non-survey documents) and ``mentions``
        (``doc_id, scope, theme_id, theme_label, sentiment_label``: each document's topic and
        category, and the topics and categories of its sentences).
    """
    scored = query_df(
        con,
        "WITH r AS (SELECT r.*, v.iso_week FROM survey_responses r"
        "   JOIN v_documents v ON v.doc_id = r.doc_id"
        "   WHERE NOT v.is_duplicate AND v.topic_model IS NOT NULL)"
        " SELECT doc_id, iso_week, 'nps' AS metric, nps::DOUBLE AS value FROM r"
        "   WHERE nps IS NOT NULL"
        " UNION ALL SELECT doc_id, iso_week, 'csat', csat::DOUBLE FROM r WHERE csat IS NOT NULL"
        " UNION ALL SELECT doc_id, iso_week, 'rating', rating FROM v_documents"
        "   WHERE rating IS NOT NULL AND kind <> 'surveys' AND NOT is_duplicate"
        "   AND topic_model IS NOT NULL"
        " ORDER BY metric, doc_id",
    )
    mentions = query_df(
        con,
        # Curated themes (docs/curation.md), as the views show them; hidden themes are left out.
        "WITH d AS (SELECT doc_id, topic_id, topic_label, category_id, category_label,"
        "   sentiment_label, topic_model, theme_hidden FROM v_documents"
        "   WHERE NOT is_duplicate AND topic_model IS NOT NULL"
        "   AND (kind = 'surveys' OR rating IS NOT NULL)),"
        " a AS (SELECT dt.doc_id, dt.topic_id,"
        "   coalesce(th.label, t.label, 'Non assegnato') AS topic_label,"
        "   dt.category_id, c.label AS category_label, dt.sentiment_label, dt.theme_hidden"
        "   FROM doc_topics_curated dt"
        "   JOIN d ON d.doc_id = dt.doc_id AND d.topic_model = dt.topic_model"
        "   LEFT JOIN topics t ON t.topic_model = dt.topic_model AND t.topic_id = dt.model_topic_id"
        "   LEFT JOIN themes th ON th.theme_id = dt.topic_id"
        "   LEFT JOIN taxonomy c ON c.category_id = dt.category_id),"
        " m AS (SELECT doc_id, topic_id, topic_label, category_id, category_label,"
        "   sentiment_label, theme_hidden, 0 AS aspect FROM d UNION ALL"
        "   SELECT doc_id, topic_id, topic_label, category_id, category_label, sentiment_label,"
        "   theme_hidden, 1 FROM a)"
        " SELECT doc_id, 'topic' AS scope, topic_id::VARCHAR AS theme_id,"
        "   any_value(topic_label) AS theme_label,"
        "   arg_max(sentiment_label, aspect) AS sentiment_label FROM m"
        "   WHERE topic_id IS NOT NULL AND topic_id >= 0 AND NOT theme_hidden"
        "   GROUP BY doc_id, topic_id"
        " UNION ALL SELECT doc_id, 'category', category_id, any_value(category_label),"
        "   arg_max(sentiment_label, aspect) FROM m WHERE category_id IS NOT NULL GROUP BY ALL"
        " ORDER BY scope, doc_id, theme_id",
    )
    return scored, mentions


def replace_theme_impact(con: duckdb.DuckDBPyConnection, week: str, frame: pd.DataFrame) -> None:
    """Replace the ``theme_impact`` rows of ``week`` with ``frame``."""
    con.execute("DELETE FROM theme_impact WHERE iso_week = ?", [week])
    if frame.empty:
        return
    _stage(con, "_impact", frame)
    columns = ", ".join(frame.columns)
    con.execute(f"INSERT INTO theme_impact ({columns}) SELECT {columns} FROM _impact")
    _unstage(con, "_impact")


def survey_evidence(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Scored responses of identified customers: ``customer_id, created_at, nps, csat``."""
    return query_df(
        con,
        "SELECT customer_id, created_at, nps, csat FROM survey_responses"
        " WHERE customer_id IS NOT NULL ORDER BY created_at, response_id",
    )


def sla_evidence(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Tickets that breached a target: ``customer_id, created_at``."""
    return query_df(
        con,
        "SELECT customer_id, created_at FROM ticket_operations WHERE customer_id IS NOT NULL"
        " AND (first_response_breached OR resolution_breached) ORDER BY created_at, doc_id",
    )


# --------------------------------------------------------------------------- report, CLI


def scores_weeks(con: duckdb.DuckDBPyConnection, weeks: Sequence[str]) -> pd.DataFrame:
    """``v_weekly_scores`` rows of ``weeks`` (every channel and touchpoint row)."""
    return query_df(
        con,
        "SELECT * FROM v_weekly_scores WHERE list_contains(?, iso_week)"
        " ORDER BY iso_week, channel, touchpoint",
        [list(weeks)],
    )


def week_scores(con: duckdb.DuckDBPyConnection, week: str) -> pd.DataFrame:
    """The week's overall row of ``v_weekly_scores`` (empty when no response that week)."""
    return query_df(
        con,
        "SELECT * FROM v_weekly_scores WHERE iso_week = ? AND channel = 'tutti'"
        " AND touchpoint = 'tutti'",
        [week],
    )


def theme_impact_rows(
    con: duckdb.DuckDBPyConnection, week: str, period: str = "rolling"
) -> pd.DataFrame:
    """``v_theme_impact`` rows of ``week`` and ``period``, ranked."""
    return query_df(
        con,
        "SELECT * FROM v_theme_impact WHERE iso_week = ? AND period = ?"
        " ORDER BY metric, scope, priority_rank",
        [week, period],
    )


def ticket_weeks(con: duckdb.DuckDBPyConnection, weeks: Sequence[str]) -> pd.DataFrame:
    """``v_ticket_operations`` rows of ``weeks`` without the category split."""
    return query_df(
        con,
        "SELECT * FROM v_ticket_operations WHERE list_contains(?, iso_week)"
        " AND category_id = 'tutti' ORDER BY iso_week, channel, priority",
        [list(weeks)],
    )


def sla_by_theme(con: duckdb.DuckDBPyConnection, weeks: Sequence[str]) -> pd.DataFrame:
    """Per taxonomy category over ``weeks``: tickets, first-response breaches and their rate."""
    return query_df(
        con,
        "SELECT category_id, any_value(category_label) AS category_label,"
        " sum(tickets) AS tickets, sum(first_response_breaches) AS breaches,"
        " sum(first_response_breaches) / nullif(sum(tickets), 0) AS breach_rate"
        " FROM v_ticket_operations WHERE list_contains(?, iso_week) AND channel = 'tutti'"
        " AND priority = 'tutti' AND category_id NOT IN ('tutti', 'nessuna')"
        " GROUP BY category_id ORDER BY breach_rate DESC, tickets DESC, category_id",
        [list(weeks)],
    )
