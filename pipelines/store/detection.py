"""SQL reads and writes of the detection step (alerts, churn risk, churn outcomes).

Every function takes an open connection from :func:`pipelines.store.db.connection`.
``replace_alerts`` and ``replace_churn`` do not open a transaction themselves, so the step can
put the alerts and the churn snapshot in one (``store.transaction``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from pipelines import store
from pipelines.store.curation import theme_labels

ALERT_COLUMNS = (
    "alert_id", "iso_week", "first_seen_week", "status", "scope", "series_key", "topic_id",
    "topic_label", "category_id", "category_label", "channel", "kind", "volume", "total",
    "baseline", "growth", "z_score", "p_value", "severity", "share_negativo", "share_baseline",
    "mean_sentiment", "channels", "kinds", "quotes", "keywords", "notified_at", "run_id",
    "detected_at", "triage_of",
)  # fmt: skip
CHURN_COLUMNS = (
    "customer_id", "as_of_week", "risk_score", "risk_level", "reasons", "last_contact",
    "contacts_30d", "n_documents", "last_texts", "features", "model", "run_id", "computed_at",
)  # fmt: skip


def load_documents(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Non-duplicate enriched documents with what detection and churn scoring need."""
    return store.query_df(
        con,
        "SELECT v.doc_id, v.kind, coalesce(v.channel, v.kind) AS channel, v.customer_id,"
        " v.created_at, v.iso_week, v.text, v.rating, v.status, v.language,"
        " v.sentiment_label, v.sentiment_score, v.topic_id, v.topic_label, v.category_id,"
        " v.category_label, coalesce(v.churn_intent, FALSE) AS churn_intent, v.churn_cues,"
        " coalesce(v.escalation, FALSE) AS escalation, e.escalation_cues, d.text_hash"
        " FROM v_documents v JOIN documents d USING (doc_id)"
        " LEFT JOIN enrichments e ON e.doc_id = v.doc_id AND e.text_hash = d.text_hash"
        " WHERE NOT v.is_duplicate ORDER BY v.created_at, v.doc_id",
    )


def load_aspects(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Aspect rows (doc, theme) of the active topic model for non-duplicate documents.

    Themes are curated (a merged theme is one series, a split part its own).
    """
    return store.query_df(
        con,
        "SELECT dt.doc_id, dt.topic_id, dt.category_id, dt.sentiment_label, dt.sentiment_score"
        " FROM doc_topics_curated dt JOIN v_documents v"
        "   ON v.doc_id = dt.doc_id AND v.topic_model = dt.topic_model"
        " WHERE NOT v.is_duplicate ORDER BY dt.doc_id, dt.topic_id",
    )


def load_labels(con: duckdb.DuckDBPyConnection) -> tuple[dict[int, str], dict[str, str]]:
    """Theme labels (curated) of the topic model in use, and taxonomy category labels."""
    model = con.execute(
        "SELECT any_value(topic_model) FROM enrichments WHERE topic_model IS NOT NULL"
        " GROUP BY topic_model ORDER BY count(*) DESC LIMIT 1"
    ).fetchall()
    cats = store.query_df(con, "SELECT category_id, label FROM taxonomy")
    return (
        theme_labels(con, str(model[0][0]) if model else None),
        {str(k): str(v) for k, v in zip(cats["category_id"], cats["label"], strict=True)},
    )


def load_vectors(
    con: duckdb.DuckDBPyConnection, model_id: str, text_hashes: Sequence[str]
) -> dict[str, np.ndarray]:
    """Cached embeddings of these texts by ``model_id`` (missing ones are simply absent)."""
    return store.cached_embeddings(con, model_id, list(text_hashes))


def notified(con: duckdb.DuckDBPyConnection) -> dict[str, datetime]:
    """alert_id → when its notification was sent."""
    frame = store.query_df(
        con,
        "SELECT alert_id, max(notified_at) AS at FROM alerts WHERE notified_at IS NOT NULL"
        " GROUP BY alert_id",
    )
    return dict(zip(frame["alert_id"], frame["at"], strict=True))


def replace_alerts(con: duckdb.DuckDBPyConnection, alerts: pd.DataFrame) -> None:
    """Replace the alert table with a full recomputation (call inside a transaction)."""
    frame = alerts.loc[:, list(ALERT_COLUMNS)]
    con.execute("DELETE FROM alerts")
    if frame.empty:
        return
    con.register("_alerts", frame)
    try:
        cols = ", ".join(ALERT_COLUMNS)
        con.execute(f"INSERT INTO alerts ({cols}) SELECT {cols} FROM _alerts")
    finally:
        con.unregister("_alerts")


def replace_churn(con: duckdb.DuckDBPyConnection, as_of_week: str, risk: pd.DataFrame) -> None:
    """Replace the churn snapshot of ``as_of_week`` (call inside a transaction)."""
    con.execute("DELETE FROM churn_risk WHERE as_of_week = ?", [as_of_week])
    if risk.empty:
        return
    con.register("_churn", risk.loc[:, list(CHURN_COLUMNS)])
    try:
        cols = ", ".join(CHURN_COLUMNS)
        con.execute(f"INSERT INTO churn_risk ({cols}) SELECT {cols} FROM _churn")
    finally:
        con.unregister("_churn")


def mark_notified(con: duckdb.DuckDBPyConnection, alert_ids: Sequence[str], at: datetime) -> None:
    """Remember that these alerts were notified (on their first-seen row)."""
    if not alert_ids:
        return
    with store.transaction(con):
        con.register("_sent", pd.DataFrame({"alert_id": list(alert_ids)}))
        try:
            con.execute(
                "UPDATE alerts SET notified_at = ? WHERE iso_week = first_seen_week"
                " AND alert_id IN (SELECT alert_id FROM _sent)",
                [at],
            )
        finally:
            con.unregister("_sent")


def load_outcomes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Known churn outcomes: customer_id, churned_at (customers who left; a follow-up that
    says contacted or retained has no churn date and is no outcome for the fit)."""
    return store.query_df(
        con,
        "SELECT customer_id, churned_at FROM churn_outcomes WHERE churned_at IS NOT NULL"
        " ORDER BY customer_id",
    )


def upsert_outcomes(con: duckdb.DuckDBPyConnection, outcomes: pd.DataFrame) -> dict[str, int]:
    """Insert or update churn outcomes atomically; returns inserted and updated counts."""
    frame = outcomes.loc[:, ["customer_id", "churned_at", "source_file", "ingested_at"]]
    with store.transaction(con):
        con.register("_outcomes", frame)
        try:
            row = con.execute(
                "SELECT count(*) FILTER (WHERE o.customer_id IS NULL),"
                " count(*) FILTER (WHERE o.customer_id IS NOT NULL AND o.churned_at <> s.churned_at)"
                " FROM _outcomes s LEFT JOIN churn_outcomes o USING (customer_id)"
            ).fetchone()
            con.execute(
                "INSERT INTO churn_outcomes (customer_id, churned_at, source_file, ingested_at,"
                " outcome) SELECT customer_id, churned_at, source_file, ingested_at, NULL"
                " FROM _outcomes ON CONFLICT (customer_id) DO UPDATE SET"
                " churned_at = excluded.churned_at, source_file = excluded.source_file,"
                " ingested_at = excluded.ingested_at, outcome = NULL"
            )
        finally:
            con.unregister("_outcomes")
    inserted, updated = (int(row[0]), int(row[1])) if row else (0, 0)
    return {"inserted": inserted, "updated": updated, "unchanged": len(frame) - inserted - updated}


def known_outcome_customers(con: duckdb.DuckDBPyConnection) -> int:
    """How many customers with a known churn outcome have documents."""
    rows = con.execute(
        "SELECT count(DISTINCT o.customer_id) FROM churn_outcomes o"
        " JOIN documents d ON d.customer_id = o.customer_id WHERE o.churned_at IS NOT NULL"
    ).fetchall()
    return int(rows[0][0])


def churn_model_for(con: duckdb.DuckDBPyConnection, data_hash: str) -> dict[str, Any] | None:
    """The newest registered churn model fitted on ``data_hash`` (``model_id``, ``status``,
    ``artifact_path``), or None."""
    frame = store.query_df(
        con,
        "SELECT model_id, status, artifact_path FROM models WHERE task = 'churn' AND data_hash = ?"
        " ORDER BY created_at DESC LIMIT 1",
        [data_hash],
    )
    return None if frame.empty else frame.iloc[0].to_dict()
