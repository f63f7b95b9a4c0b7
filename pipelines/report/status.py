"""Data for ``voc status``: what is in the database and how the last runs went.

Read-only queries only, so ``voc status`` can run (on a read-only connection) while a pipeline
is writing.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb
import pandas as pd

from pipelines import store

__all__ = ["OPEN_ALERT_EXCLUDED", "gather_status"]

# Alert statuses that mean "no longer open"; anything else (nuovo, in corso, …) counts as open.
OPEN_ALERT_EXCLUDED = ("rientrato", "chiuso", "closed", "resolved", "archiviato")


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    frame = store.query_df(
        con,
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
        " ORDER BY ordinal_position",
        [table],
    )
    return frame["column_name"].tolist()


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with plain Python values (NaN/NaT → None) for printing or JSON."""
    out = []
    for row in frame.astype(object).where(frame.notna(), None).to_dict("records"):
        out.append(
            {k: (v.to_pydatetime() if hasattr(v, "to_pydatetime") else v) for k, v in row.items()}
        )
    return out


def gather_status(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Collect the figures shown by ``voc status``.

    Args:
        con: open database connection (read-only is enough).

    Returns:
        A dict with:

        - ``schema_version``: highest applied migration;
        - ``documents``: total documents;
        - ``documents_by_kind``: ``[{kind, documents, duplicates, non_italian, enriched,
          first_at, last_at}]``;
        - ``documents_by_week``: ``[{iso_week, kind, documents}]``, newest week first;
        - ``quarantined``: rows in quarantine;
        - ``runs``: last run of each flow ``[{flow, run_id, status, started_at, finished_at,
          duration_s, error, stats, last_ok_at}]``;
        - ``models``: active models ``[{task, model_id, version, created_at, metrics}]``;
        - ``open_alerts``: open emerging-complaint alerts, or ``None`` when the ``alerts``
          table does not exist yet (before migration 002).
    """
    by_kind = store.query_df(
        con,
        "SELECT d.kind, count(*) AS documents,"
        " count(*) FILTER (WHERE d.is_duplicate) AS duplicates,"
        " count(*) FILTER (WHERE d.language IS DISTINCT FROM 'it') AS non_italian,"
        " count(e.doc_id) AS enriched, min(d.created_at) AS first_at, max(d.created_at) AS last_at"
        " FROM documents d LEFT JOIN enrichments e"
        "   ON e.doc_id = d.doc_id AND e.text_hash = d.text_hash"
        " GROUP BY d.kind ORDER BY d.kind",
    )
    by_week = store.query_df(
        con,
        "SELECT strftime(created_at, '%G-W%V') AS iso_week, kind, count(*) AS documents"
        " FROM documents GROUP BY ALL ORDER BY iso_week DESC, kind",
    )
    quarantined = int(store.query_df(con, "SELECT count(*) AS n FROM quarantine")["n"].iat[0])
    runs = store.query_df(
        con,
        "SELECT flow, run_id, status, started_at, finished_at,"
        " date_diff('millisecond', started_at, finished_at) / 1000.0 AS duration_s, error, stats,"
        " max(started_at) FILTER (WHERE status = 'ok') OVER (PARTITION BY flow) AS last_ok_at"
        " FROM runs"
        " QUALIFY row_number() OVER (PARTITION BY flow ORDER BY started_at DESC, run_id DESC) = 1"
        " ORDER BY flow",
    )
    models = store.query_df(
        con,
        "SELECT task, model_id, version, created_at, metrics FROM models"
        " WHERE status = 'active' ORDER BY task, created_at DESC",
    )
    run_rows = _records(runs)
    for row in run_rows:
        row["stats"] = _json(row.get("stats"))
    model_rows = _records(models)
    for row in model_rows:
        row["metrics"] = _json(row.get("metrics"))
    return {
        "schema_version": store.schema_version(con),
        "documents": int(by_kind["documents"].sum()) if len(by_kind) else 0,
        "documents_by_kind": _records(by_kind),
        "documents_by_week": _records(by_week),
        "quarantined": quarantined,
        "runs": run_rows,
        "models": model_rows,
        "open_alerts": _open_alerts(con),
    }


def _open_alerts(con: duckdb.DuckDBPyConnection) -> int | None:
    columns = _columns(con, "alerts")
    if not columns:
        return None
    if "status" not in columns:
        return int(store.query_df(con, "SELECT count(*) AS n FROM alerts")["n"].iat[0])
    placeholders = ", ".join("?" for _ in OPEN_ALERT_EXCLUDED)
    frame = store.query_df(
        con,
        "SELECT count(*) AS n FROM alerts"
        f" WHERE status IS NULL OR lower(status) NOT IN ({placeholders})",
        list(OPEN_ALERT_EXCLUDED),
    )
    return int(frame["n"].iat[0])
