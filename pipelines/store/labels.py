"""Human labels, the review queue's candidates and churn follow-ups (migration 009).

Every function takes an open connection from :func:`pipelines.store.db.connection`. The audit
tables (``labels``, ``churn_followups``) only grow; the label in force is the latest row per
document and field (view ``labels_current``); a follow-up is mirrored into ``churn_outcomes``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from pipelines.store.db import _stage, _unstage, query_df, transaction

__all__ = [
    "FOLLOWUP_COLUMNS",
    "LABEL_COLUMNS",
    "current_labels",
    "customer_known",
    "documents_for_labels",
    "followups_current",
    "human_sentiment_labels",
    "insert_followup",
    "insert_labels",
    "label_counts",
    "label_history",
    "queue_candidates",
    "theme_constraints",
    "theme_ids",
    "theme_interest",
]

LABEL_COLUMNS = (
    "label_id", "seq", "doc_id", "field", "value", "previous", "topic_model", "text_hash", "who",
    "source", "made_at", "applied_at",
)  # fmt: skip
FOLLOWUP_COLUMNS = (
    "followup_id", "seq", "customer_id", "state", "note", "who", "source", "made_at", "applied_at",
)  # fmt: skip


def documents_for_labels(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> pd.DataFrame:
    """``doc_id, text_hash, topic_model``, and what each shows now (``sentiment_label``,
    ``topic_id``, ``churn_intent``, ``escalation``) for the documents among ``doc_ids``."""
    frame = pd.DataFrame({"doc_id": list(dict.fromkeys(str(d) for d in doc_ids))})
    _stage(con, "_want", frame)
    try:
        return query_df(
            con,
            "SELECT d.doc_id, d.text_hash, v.topic_model, v.sentiment_label, v.topic_id,"
            " v.churn_intent, v.escalation FROM _want w JOIN documents d USING (doc_id)"
            " JOIN v_documents v USING (doc_id)",
        )
    finally:
        _unstage(con, "_want")


def theme_ids(con: duckdb.DuckDBPyConnection, topic_model: str | None) -> set[int]:
    """Theme ids a document may be moved to: the model's topics (not the outlier -1) and the
    active split parts."""
    rows = con.execute(
        "SELECT topic_id FROM topics WHERE topic_model = ? AND topic_id >= 0"
        " UNION SELECT theme_id FROM themes WHERE origin = 'divisione'",
        [topic_model],
    ).fetchall()
    return {int(r[0]) for r in rows}


def insert_labels(con: duckdb.DuckDBPyConnection, rows: pd.DataFrame) -> int:
    """Append label rows (``LABEL_COLUMNS`` but ``seq``) in one transaction; returns how many
    were new (a ``label_id`` already stored is skipped: a request applied twice is one label)."""
    if rows.empty:
        return 0
    with transaction(con):
        start = con.execute("SELECT coalesce(max(seq), 0) FROM labels").fetchall()[0][0]
        frame = rows.assign(seq=np.arange(int(start) + 1, int(start) + 1 + len(rows)))
        _stage(con, "_labels", frame.loc[:, list(LABEL_COLUMNS)])
        try:
            before = con.execute("SELECT count(*) FROM labels").fetchall()[0][0]
            con.execute(
                f"INSERT INTO labels ({', '.join(LABEL_COLUMNS)})"
                f" SELECT {', '.join(LABEL_COLUMNS)} FROM _labels"
                " WHERE label_id NOT IN (SELECT label_id FROM labels)"
            ).fetchall()
            after = con.execute("SELECT count(*) FROM labels").fetchall()[0][0]
        finally:
            _unstage(con, "_labels")
    return int(after) - int(before)


def current_labels(
    con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str] | None = None
) -> pd.DataFrame:
    """The labels in force (``doc_id, field, value, who, source, made_at``), all or of
    ``doc_ids``."""
    sql = "SELECT doc_id, field, value, who, source, made_at FROM labels_current"
    if doc_ids is None:
        return query_df(con, sql + " ORDER BY doc_id, field")
    frame = pd.DataFrame({"doc_id": [str(d) for d in doc_ids]})
    _stage(con, "_want", frame)
    try:
        return query_df(con, sql + " WHERE doc_id IN (SELECT doc_id FROM _want) ORDER BY doc_id")
    finally:
        _unstage(con, "_want")


def label_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Documents with a label in force, per field."""
    rows = con.execute("SELECT field, count(*) FROM labels_current GROUP BY field").fetchall()
    return {str(f): int(n) for f, n in rows}


def label_history(con: duckdb.DuckDBPyConnection, limit: int = 50) -> pd.DataFrame:
    """The latest label rows (the audit trail), newest first."""
    return query_df(
        con,
        f"SELECT {', '.join(LABEL_COLUMNS)} FROM labels ORDER BY seq DESC LIMIT ?",
        [limit],
    )


def human_sentiment_labels(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """``doc_id, text, label`` of every document whose sentiment a person labelled (the label
    in force), non-empty texts only: what ``voc retrain sentiment`` learns from."""
    return query_df(
        con,
        "SELECT d.doc_id, d.text, l.value AS label FROM labels_current l"
        " JOIN documents d USING (doc_id)"
        " WHERE l.field = 'sentiment' AND length(trim(d.text)) > 0 ORDER BY d.doc_id",
    )


def queue_candidates(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Documents the review queue may ask about: scored, not duplicates, sentiment not labelled
    yet. ``doc_id, text_hash, iso_week, kind, channel, title, text, sentiment_label, p_negativo,
    p_neutro, p_positivo, topic_id, topic_label, churn_intent, created_at``."""
    return query_df(
        con,
        "SELECT v.doc_id, d.text_hash, v.iso_week, v.kind, v.channel, v.title, v.text,"
        " v.sentiment_label, v.p_negativo, v.p_neutro, v.p_positivo, v.topic_id, v.topic_label,"
        " v.churn_intent, v.created_at FROM v_documents v JOIN documents d USING (doc_id)"
        " WHERE NOT v.is_duplicate AND v.p_negativo IS NOT NULL AND NOT v.sentiment_human"
        " ORDER BY v.created_at DESC, v.doc_id",
    )


def theme_interest(con: duckdb.DuckDBPyConnection) -> set[int]:
    """Themes people are looking at: edited in the last edits, with open alerts, or given
    human labels."""
    rows = con.execute(
        "SELECT DISTINCT unnest(topic_ids) FROM theme_edits"
        " UNION SELECT topic_id FROM v_emerging_complaints"
        "   WHERE topic_id IS NOT NULL AND status <> 'rientrato'"
        "   AND iso_week = (SELECT max(iso_week) FROM v_emerging_complaints)"
        " UNION SELECT TRY_CAST(value AS INTEGER) FROM labels_current WHERE field = 'theme'"
    ).fetchall()
    return {int(r[0]) for r in rows if r[0] is not None and int(r[0]) >= 0}


def theme_constraints(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Documents a person moved: ``doc_id, text_hash, theme_id`` (-1: 'nessuno di questi'),
    ``model_topic_id`` (the topic the model gave them)."""
    return query_df(
        con,
        "SELECT l.doc_id, d.text_hash, coalesce(TRY_CAST(l.value AS INTEGER), -1) AS theme_id,"
        " e.topic_id AS model_topic_id FROM labels_current l JOIN documents d USING (doc_id)"
        " LEFT JOIN enrichments e ON e.doc_id = d.doc_id AND e.text_hash = d.text_hash"
        " WHERE l.field = 'theme' ORDER BY l.doc_id",
    )


# --------------------------------------------------------------------------- follow-ups


def insert_followup(con: duckdb.DuckDBPyConnection, row: Mapping[str, Any]) -> bool:
    """Record a follow-up and mirror it into ``churn_outcomes``, in one transaction.

    ``perso`` sets ``churned_at`` to when it was made; ``contattato`` and ``trattenuto`` store
    the state without a churn date (a retained customer is no churner). Returns False when the
    ``followup_id`` is already stored (applied twice = once).
    """
    with transaction(con):
        known = con.execute(
            "SELECT count(*) FROM churn_followups WHERE followup_id = ?", [row["followup_id"]]
        ).fetchall()[0][0]
        if known:
            return False
        seq = con.execute("SELECT coalesce(max(seq), 0) + 1 FROM churn_followups").fetchall()[0][0]
        values = {**row, "seq": int(seq)}
        con.execute(
            f"INSERT INTO churn_followups ({', '.join(FOLLOWUP_COLUMNS)}) VALUES"
            f" ({', '.join('?' for _ in FOLLOWUP_COLUMNS)})",
            [values[c] for c in FOLLOWUP_COLUMNS],
        ).fetchall()
        churned = row["made_at"] if row["state"] == "perso" else None
        con.execute(
            "INSERT INTO churn_outcomes (customer_id, churned_at, source_file, ingested_at,"
            " outcome, note, followed_by) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (customer_id) DO UPDATE SET churned_at = excluded.churned_at,"
            " source_file = excluded.source_file, ingested_at = excluded.ingested_at,"
            " outcome = excluded.outcome, note = excluded.note, followed_by = excluded.followed_by",
            [row["customer_id"], churned, f"follow-up:{row['source']}", row["applied_at"],
             row["state"], row.get("note"), row["who"]],
        ).fetchall()  # fmt: skip
    return True


def customer_known(con: duckdb.DuckDBPyConnection, customer_id: str) -> bool:
    """Whether any document belongs to ``customer_id``."""
    rows = con.execute(
        "SELECT count(*) FROM documents WHERE customer_id = ?", [customer_id]
    ).fetchall()
    return bool(rows[0][0])


def followups_current(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The follow-up state per customer: ``customer_id, outcome, note, followed_by,
    churned_at, ingested_at`` (rows loaded from a file show as ``perso``)."""
    return query_df(
        con,
        "SELECT customer_id, coalesce(outcome, 'perso') AS outcome, note, followed_by,"
        " churned_at, ingested_at FROM churn_outcomes ORDER BY customer_id",
    )
