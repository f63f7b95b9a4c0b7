"""Reads of the enrichment, topic, retrain and weekly steps (bound parameters only).

The statements the steps used to hold inline: the registry lookup of a shipped model, the
duplicate count of an ingest, the topic-fitting sample still to embed, the labels of a topic
model, the rated reviews of ``voc retrain sentiment`` and the latest week with data.
"""

from __future__ import annotations

from typing import TypeAlias

import duckdb
import pandas as pd

from pipelines.store import vector_tables

#: The connection type steps annotate with, so they need not import duckdb themselves.
Connection: TypeAlias = duckdb.DuckDBPyConnection


def has_model(con: Connection, model_id: str) -> bool:
    """Whether ``model_id`` is in the registry (whatever its status)."""
    rows = con.execute("SELECT 1 FROM models WHERE model_id = ?", [model_id]).fetchall()
    return bool(rows)


def duplicate_count(con: Connection, kind: str) -> int:
    """How many stored documents of ``kind`` are flagged as near-duplicates."""
    rows = con.execute(
        "SELECT count(*) FROM documents WHERE kind = ? AND is_duplicate", [kind]
    ).fetchall()
    return int(rows[0][0])


def topic_fit_backlog(con: Connection, embedder_id: str, sample: int) -> pd.DataFrame:
    """``text_hash``, ``text`` of the topic-fitting sample not embedded by ``embedder_id`` yet.

    The sample is the ``sample`` distinct Italian, non-duplicate, non-empty texts with the
    smallest content hash: deterministic, spread evenly over time, the same on the next refit.
    """
    sample_sql = (
        "WITH s AS (SELECT DISTINCT text_hash, text FROM documents"
        "  WHERE language = 'it' AND NOT is_duplicate AND length(trim(text)) > 0"
        "  ORDER BY text_hash LIMIT ?)"
    )
    table = vector_tables.model_table(con, embedder_id)
    if table is None:  # nothing embedded by this model yet: the whole sample is to do
        return con.execute(
            sample_sql + " SELECT text_hash, text FROM s ORDER BY text_hash", [sample]
        ).df()
    return con.execute(
        sample_sql + " SELECT s.text_hash, s.text FROM s"
        f" LEFT JOIN {table} e ON e.text_hash = s.text_hash AND e.model_id = ?"
        " WHERE e.text_hash IS NULL ORDER BY s.text_hash",
        [sample, embedder_id],
    ).df()


def topic_labels(con: Connection, topic_model: str) -> dict[int, str]:
    """``topic_id`` → label of the topics of ``topic_model``."""
    rows = con.execute(
        "SELECT topic_id, label FROM topics WHERE topic_model = ?", [topic_model]
    ).fetchall()
    return {int(topic_id): label for topic_id, label in rows}


def rated_reviews(con: Connection) -> pd.DataFrame:
    """Italian, non-duplicate, non-empty documents with a rating: doc_id, text, text_hash, rating."""
    return con.execute(
        "SELECT doc_id, text, text_hash, rating FROM documents"
        " WHERE rating IS NOT NULL AND NOT isnan(rating) AND language = 'it'"
        "   AND NOT is_duplicate AND length(trim(text)) > 0 ORDER BY doc_id"
    ).df()


def latest_week(con: Connection) -> str | None:
    """The latest local ISO week with documents (``v_documents.iso_week``), None when empty."""
    rows = con.execute("SELECT max(iso_week) FROM v_documents").fetchall()
    return None if rows[0][0] is None else str(rows[0][0])
