"""Reads of ``voc status``: what is in the database and how the last runs went.

Read-only queries only, so ``voc status`` can run (on a read-only connection) while a pipeline
is writing.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from pipelines.store.db import query_df

__all__ = [
    "active_models",
    "documents_by_kind",
    "documents_by_week",
    "last_runs",
    "open_alert_count",
    "table_columns",
]


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """Column names of ``table`` in order; empty when it does not exist."""
    frame = query_df(
        con,
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
        " ORDER BY ordinal_position",
        [table],
    )
    return [str(name) for name in frame["column_name"]]


def documents_by_kind(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """``kind, documents, duplicates, non_italian, enriched, first_at, last_at`` per kind."""
    return query_df(
        con,
        "SELECT d.kind, count(*) AS documents,"
        " count(*) FILTER (WHERE d.is_duplicate) AS duplicates,"
        " count(*) FILTER (WHERE d.language IS DISTINCT FROM 'it') AS non_italian,"
        " count(e.doc_id) AS enriched, min(d.created_at) AS first_at, max(d.created_at) AS last_at"
        " FROM documents d LEFT JOIN enrichments e"
        "   ON e.doc_id = d.doc_id AND e.text_hash = d.text_hash"
        " GROUP BY d.kind ORDER BY d.kind",
    )


def documents_by_week(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """``iso_week, kind, documents``, newest week first.

    The week is the local one of ``v_documents`` (the configured time zone), like every view.
    """
    return query_df(
        con,
        "SELECT iso_week, kind, count(*) AS documents"
        " FROM v_documents GROUP BY ALL ORDER BY iso_week DESC, kind",
    )


def last_runs(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The last run of each flow, with its duration and the start of its last good run."""
    return query_df(
        con,
        "SELECT flow, run_id, status, started_at, finished_at,"
        " date_diff('millisecond', started_at, finished_at) / 1000.0 AS duration_s, error, stats,"
        " max(started_at) FILTER (WHERE status = 'ok') OVER (PARTITION BY flow) AS last_ok_at"
        " FROM runs"
        " QUALIFY row_number() OVER (PARTITION BY flow ORDER BY started_at DESC, run_id DESC) = 1"
        " ORDER BY flow",
    )


def active_models(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """``task, model_id, version, created_at, metrics`` of the active models."""
    return query_df(
        con,
        "SELECT task, model_id, version, created_at, metrics FROM models"
        " WHERE status = 'active' ORDER BY task, created_at DESC",
    )


def open_alert_count(con: duckdb.DuckDBPyConnection, closed: Sequence[str]) -> int | None:
    """Alerts whose status is not one of ``closed`` (case-insensitive; no status = open).

    ``None`` when the ``alerts`` table does not exist yet (before migration 002); every alert
    counts when the table has no ``status`` column.
    """
    columns = table_columns(con, "alerts")
    if not columns:
        return None
    if "status" not in columns:
        return int(query_df(con, "SELECT count(*) AS n FROM alerts")["n"].iat[0])
    placeholders = ", ".join("?" for _ in closed)
    frame = query_df(
        con,
        "SELECT count(*) AS n FROM alerts"
        f" WHERE status IS NULL OR lower(status) NOT IN ({placeholders})",
        list(closed),
    )
    return int(frame["n"].iat[0])
