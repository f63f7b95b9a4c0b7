"""Embedding cache and enrichment rows (per-document sentiment/topic results and aspect rows)."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from pipelines.store import vector_tables
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


def embedding_matrix(
    con: duckdb.DuckDBPyConnection, model_id: str, text_hashes: Sequence[str]
) -> tuple[list[str], np.ndarray]:
    """Vectors already computed by ``model_id`` for these content hashes, as one matrix.

    Returns:
        The hashes found (any order) and their ``(n, d)`` float32 vectors, row for row. Read
        through Arrow: one buffer reshaped by numpy, no Python object per vector.
    """
    dim = vector_tables.model_dim(con, model_id)
    if dim is None or not len(text_hashes):
        return [], np.zeros((0, dim or 0), dtype=np.float32)
    wanted = pd.DataFrame({"text_hash": pd.unique(pd.Series(list(text_hashes), dtype=object))})
    _stage(con, "_wanted", wanted)
    try:
        # A relation straight to Arrow (an execute() result would copy the rows once more).
        table = con.sql(
            f"SELECT e.text_hash, e.vector FROM {vector_tables.table_name(dim)} e"
            " JOIN _wanted w USING (text_hash) WHERE e.model_id = ?",
            params=[model_id],
        ).to_arrow_table()
    finally:
        _unstage(con, "_wanted")
    hashes = [str(h) for h in table.column("text_hash").to_pylist()]
    return hashes, vector_tables.to_matrix(table.column("vector"), dim)


def cached_embeddings(
    con: duckdb.DuckDBPyConnection, model_id: str, text_hashes: Sequence[str]
) -> dict[str, np.ndarray]:
    """Embeddings already computed by ``model_id`` for these content hashes.

    The values are rows of one matrix (:func:`embedding_matrix`), not copies.
    """
    hashes, matrix = embedding_matrix(con, model_id, text_hashes)
    return dict(zip(hashes, matrix, strict=True))


def store_embeddings(
    con: duckdb.DuckDBPyConnection, model_id: str, text_hashes: Sequence[str], vectors: np.ndarray
) -> None:
    """Add embeddings to the cache (existing entries are kept).

    Raises:
        ValueError: ``model_id`` stored vectors of another size before.
    """
    if not len(text_hashes):
        return
    matrix = np.ascontiguousarray(np.asarray(vectors, dtype=np.float32))
    if matrix.ndim != 2 or matrix.shape[0] != len(text_hashes):
        raise ValueError(f"expected {len(text_hashes)} vectors, got an array of {matrix.shape}")
    dim = int(matrix.shape[1])
    hashes = np.asarray([str(h) for h in text_hashes], dtype=object)
    # Of a hash given twice the first vector is kept, as the cache keeps the first one stored.
    _unique, first = np.unique(hashes, return_index=True)
    keep = np.sort(first)
    # Arrow fixed-size lists over the matrix's own buffer: no Python list per vector.
    batch = pa.table(
        {
            "model_id": pa.array([model_id] * len(keep), pa.string()),
            "text_hash": pa.array(hashes[keep].tolist(), pa.string()),
            "vector": pa.FixedSizeListArray.from_arrays(pa.array(matrix[keep].reshape(-1)), dim),
        }
    )
    with transaction(con):
        name = vector_tables.register_model(con, model_id, dim)
        con.register("_emb", batch)
        try:
            con.execute(
                f"INSERT INTO {name} SELECT model_id, text_hash, vector FROM _emb"
                " ON CONFLICT DO NOTHING"
            ).fetchall()
        finally:
            con.unregister("_emb")


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
