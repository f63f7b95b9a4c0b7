"""Embedding cache and enrichment rows (per-document sentiment/topic results and aspect rows)."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import numpy as np
import pandas as pd

from pipelines.store.db import _stage, _unstage, transaction

ENRICHMENT_COLUMNS = (
    "doc_id", "text_hash", "sentiment_label", "sentiment_score", "p_negativo", "p_neutro",
    "p_positivo", "topic_id", "topic_similarity", "category_id", "churn_intent", "churn_cues",
    "escalation", "escalation_cues", "sentiment_model", "topic_model", "run_id", "enriched_at",
)  # fmt: skip
DOC_TOPIC_COLUMNS = (
    "doc_id", "topic_id", "category_id", "n_sentences", "sentiment_score", "sentiment_label",
    "topic_model",
)  # fmt: skip


def cached_embeddings(
    con: duckdb.DuckDBPyConnection, model_id: str, text_hashes: Sequence[str]
) -> dict[str, np.ndarray]:
    """Embeddings already computed by ``model_id`` for these content hashes."""
    if not len(text_hashes):
        return {}
    wanted = pd.DataFrame({"text_hash": pd.unique(pd.Series(list(text_hashes)))})
    _stage(con, "_wanted", wanted)
    try:
        rows = con.execute(
            "SELECT e.text_hash, e.vector FROM embeddings e JOIN _wanted w USING (text_hash)"
            " WHERE e.model_id = ?",
            [model_id],
        ).fetchall()
    finally:
        _unstage(con, "_wanted")
    return {h: np.asarray(v, dtype=np.float32) for h, v in rows}


def store_embeddings(
    con: duckdb.DuckDBPyConnection, model_id: str, text_hashes: Sequence[str], vectors: np.ndarray
) -> None:
    """Add embeddings to the cache (existing entries are kept)."""
    if not len(text_hashes):
        return
    frame = pd.DataFrame(
        {"model_id": model_id, "text_hash": list(text_hashes), "vector": list(vectors)}
    ).drop_duplicates("text_hash")
    with transaction(con):
        _stage(con, "_emb", frame)
        con.execute(
            "INSERT INTO embeddings SELECT model_id, text_hash, vector::FLOAT[] FROM _emb"
            " ON CONFLICT DO NOTHING"
        )
        _unstage(con, "_emb")


# --------------------------------------------------------------------------- enrichment


def pending_documents(
    con: duckdb.DuckDBPyConnection, sentiment_model: str, topic_model: str
) -> pd.DataFrame:
    """Documents not yet enriched by these model versions (or whose text changed)."""
    return con.execute(
        "SELECT d.doc_id, d.kind, d.text, d.text_hash, d.language, d.created_at"
        " FROM documents d LEFT JOIN enrichments e ON e.doc_id = d.doc_id"
        " WHERE e.doc_id IS NULL OR e.text_hash <> d.text_hash"
        "    OR e.sentiment_model IS DISTINCT FROM ? OR e.topic_model IS DISTINCT FROM ?"
        " ORDER BY d.doc_id",
        [sentiment_model, topic_model],
    ).df()


def write_enrichments(
    con: duckdb.DuckDBPyConnection, enrichments: pd.DataFrame, doc_topics: pd.DataFrame
) -> None:
    """Replace the enrichment and aspect rows of these documents, atomically."""
    with transaction(con):
        _stage(con, "_enr", enrichments.loc[:, list(ENRICHMENT_COLUMNS)])
        cols = ", ".join(ENRICHMENT_COLUMNS)
        con.execute("DELETE FROM enrichments WHERE doc_id IN (SELECT doc_id FROM _enr)")
        con.execute(f"INSERT INTO enrichments ({cols}) SELECT {cols} FROM _enr")
        con.execute("DELETE FROM doc_topics WHERE doc_id IN (SELECT doc_id FROM _enr)")
        _unstage(con, "_enr")
        if len(doc_topics):
            _stage(con, "_dt", doc_topics.loc[:, list(DOC_TOPIC_COLUMNS)])
            cols = ", ".join(DOC_TOPIC_COLUMNS)
            con.execute(f"INSERT INTO doc_topics ({cols}) SELECT {cols} FROM _dt")
            _unstage(con, "_dt")
