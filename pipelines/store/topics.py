"""Topic models' tables (topics, lineage, taxonomy) and the corpus a topic model is fitted on."""

from __future__ import annotations

from datetime import datetime

import duckdb
import numpy as np
import pandas as pd

from pipelines.store import vector_tables
from pipelines.store.db import _stage, _unstage, transaction


def corpus_for_topics(
    con: duckdb.DuckDBPyConnection, model_id: str, since: datetime | None, limit: int = 20000
) -> tuple[pd.DataFrame, np.ndarray]:
    """Italian, non-duplicate documents with cached embeddings, for (re)fitting topics.

    At most ``limit`` documents, chosen by content hash (a deterministic, time-uniform sample).

    Returns:
        ``doc_id``, ``text``, ``created_at`` by ``doc_id``, and their ``(n, d)`` float32
        embeddings row for row (read through Arrow).
    """
    dim = vector_tables.model_dim(con, model_id)
    if dim is None:
        empty = pd.DataFrame({"doc_id": [], "text": [], "created_at": []})
        return empty, np.zeros((0, 0), dtype=np.float32)
    table = con.sql(
        "SELECT doc_id, text, created_at, vector FROM ("
        " SELECT d.doc_id, d.text, d.created_at, d.text_hash, e.vector FROM documents d"
        f" JOIN {vector_tables.table_name(dim)} e ON e.text_hash = d.text_hash AND e.model_id = ?"
        " WHERE NOT d.is_duplicate AND d.language = 'it'"
        "   AND (?::TIMESTAMP IS NULL OR d.created_at >= ?::TIMESTAMP)"
        " ORDER BY d.text_hash, d.doc_id LIMIT ?) ORDER BY doc_id",
        params=[model_id, since, since, limit],
    ).to_arrow_table()
    frame = table.drop_columns(["vector"]).to_pandas()
    return frame, vector_tables.to_matrix(table.column("vector"), dim)


def write_topics(
    con: duckdb.DuckDBPyConnection,
    topic_model: str,
    topics: pd.DataFrame,
    lineage: pd.DataFrame,
    taxonomy: pd.DataFrame,
) -> None:
    """Store a topic model's topics, lineage events and the taxonomy it was nested under."""
    with transaction(con):
        con.execute("DELETE FROM topics WHERE topic_model = ?", [topic_model])
        frame = topics.rename(columns={"category": "category_id"}).assign(topic_model=topic_model)
        _stage(con, "_topics", frame)
        con.execute(
            "INSERT INTO topics SELECT topic_model, topic_id, label, keywords, category_id,"
            " size, quotes FROM _topics"
        )
        _unstage(con, "_topics")
        con.execute("DELETE FROM topic_lineage WHERE topic_model = ?", [topic_model])
        if len(lineage):
            _stage(con, "_lineage", lineage.assign(topic_model=topic_model))
            con.execute(
                "INSERT INTO topic_lineage SELECT topic_model, event, topic_id, related_ids,"
                " similarity, recorded_at FROM _lineage"
            )
            _unstage(con, "_lineage")
        if len(taxonomy):
            _stage(con, "_tax", taxonomy)
            con.execute(
                "INSERT INTO taxonomy SELECT category_id, label, description FROM _tax"
                " ON CONFLICT (category_id) DO UPDATE SET label = excluded.label,"
                " description = excluded.description"
            )
            _unstage(con, "_tax")
