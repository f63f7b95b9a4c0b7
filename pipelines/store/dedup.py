"""The near-duplicate index of stored documents (tables of migration 004).

LSH band keys of stored documents (``doc_lsh``), which documents are indexed at which text
(``doc_lsh_indexed``) and the key parameters (``doc_lsh_scheme``). They let the cross-file
duplicate check read only the stored documents that can match a new file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from pipelines.store.db import _stage, _unstage, transaction
from pipelines.store.documents import _mark_duplicates

_DEDUP_COLUMNS = "d.doc_id, d.customer_id, d.created_at, d.text, d.text_hash"


def _ids_frame(doc_ids: Sequence[str]) -> pd.DataFrame:
    # An explicit string dtype: an empty object column would be staged as INTEGER.
    return pd.DataFrame({"doc_id": pd.Series(list(doc_ids), dtype="string")})


def sync_dedup_scheme(con: duckdb.DuckDBPyConnection, scheme: str) -> bool:
    """Keep the near-duplicate index only if its keys were computed with ``scheme``.

    Otherwise (first use, or another seed) empty it and record ``scheme``, so the next
    :func:`unindexed_documents` returns every stored document again.

    Returns:
        True when the index was (re)started empty.
    """
    if con.execute("SELECT scheme FROM doc_lsh_scheme").fetchall() == [(scheme,)]:
        return False
    with transaction(con):
        con.execute("DELETE FROM doc_lsh")
        con.execute("DELETE FROM doc_lsh_indexed")
        con.execute("DELETE FROM doc_lsh_scheme")
        con.execute("INSERT INTO doc_lsh_scheme VALUES (?)", [scheme])
    return True


def dedup_documents(
    con: duckdb.DuckDBPyConnection, kind: str, doc_ids: Sequence[str]
) -> pd.DataFrame:
    """doc_id, customer_id, created_at, text, text_hash of these documents, if stored as
    non-duplicates of ``kind`` (the documents of a file just stored, for cross-file dedup)."""
    _stage(con, "_dd_ids", _ids_frame(doc_ids))
    try:
        return con.execute(
            f"SELECT {_DEDUP_COLUMNS} FROM documents d"
            " WHERE d.kind = ? AND NOT d.is_duplicate"
            "   AND d.doc_id IN (SELECT doc_id::VARCHAR FROM _dd_ids) ORDER BY d.doc_id",
            [kind],
        ).df()
    finally:
        _unstage(con, "_dd_ids")


def unindexed_documents(
    con: duckdb.DuckDBPyConnection, kind: str, *, exclude: Sequence[str] = (), limit: int
) -> pd.DataFrame:
    """Stored non-duplicate documents of ``kind`` whose current text has no band keys yet.

    At most ``limit``, oldest first (``created_at``, ``doc_id``), leaving out ``exclude``.
    Same columns as :func:`dedup_documents`. Non-empty only on a database stored before the
    index existed, after an interrupted ingest, or after the key parameters changed.
    """
    _stage(con, "_du_excl", _ids_frame(exclude))
    try:
        return con.execute(
            f"SELECT {_DEDUP_COLUMNS} FROM documents d"
            " WHERE d.kind = ? AND NOT d.is_duplicate"
            "   AND NOT EXISTS (SELECT 1 FROM doc_lsh_indexed i"
            "                   WHERE i.doc_id = d.doc_id AND i.text_hash = d.text_hash)"
            "   AND d.doc_id NOT IN (SELECT doc_id::VARCHAR FROM _du_excl)"
            " ORDER BY d.created_at, d.doc_id LIMIT ?",
            [kind, limit],
        ).df()
    finally:
        _unstage(con, "_du_excl")


# Band keys as DuckDB should see them (UBIGINT buckets, SMALLINT bands).
_KEY_TYPES: dict[str, Any] = {"band": np.int16, "bucket": np.uint64, "is_long": bool}


def _typed(frame: pd.DataFrame, types: dict[str, Any]) -> pd.DataFrame:
    """The ``types`` columns of ``frame`` with explicit dtypes ("string" = nullable text), so a
    registered frame has the same column types whether it is empty or not."""
    return pd.DataFrame(
        {
            col: pd.Series(frame[col].tolist(), dtype="string")
            if kind == "string"
            else frame[col].to_numpy(dtype=kind)
            for col, kind in types.items()
        }
    )


def dedup_candidates(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    new: pd.DataFrame,
    keys: pd.DataFrame,
    *,
    pairwise_max: int,
    threshold: float,
) -> pd.DataFrame:
    """Indexed non-duplicate documents of ``kind`` that may duplicate the ``new`` ones.

    That is, besides the new documents themselves:

    * long documents sharing a band key with a long new document (reposts by anyone);
    * the documents of a new document's author, when that author has at most
      ``pairwise_max`` stored non-duplicate documents (they are compared pairwise), whose
      shingle count is within a factor ``threshold`` of the new document's (a smaller
      Jaccard bound than ``threshold`` otherwise: the pairwise check would reject them);
    * for a more prolific author (a catch-all id), that author's documents sharing a band key
      with the new document.

    Args:
        kind: Document kind.
        new: ``doc_id``, ``customer_id`` and ``n_shingles`` of the new documents.
        keys: Their band keys: ``customer_id``, ``band``, ``bucket``, ``is_long``.
        pairwise_max: Author size up to which the author's documents are compared pairwise.
        threshold: Jaccard threshold of the comparison.

    Returns:
        Same columns as :func:`dedup_documents`, by ``doc_id``.
    """
    new_frame = _typed(new, {"doc_id": "string", "customer_id": "string", "n_shingles": np.int64})
    key_frame = _typed(keys, {"customer_id": "string", **_KEY_TYPES})
    _stage(con, "_dc_new", new_frame)
    _stage(con, "_dc_keys", key_frame)
    try:
        return con.execute(
            "WITH authors AS ("
            "  SELECT d.customer_id, count(*) AS n FROM documents d"
            "  WHERE d.kind = $kind AND NOT d.is_duplicate AND d.customer_id IN ("
            "    SELECT customer_id::VARCHAR FROM _dc_new"
            "    WHERE customer_id IS NOT NULL AND trim(customer_id) <> '')"
            "  GROUP BY d.customer_id),"
            # Filters come before the joins on band keys: short texts such as "Ottimo servizio"
            # share every key with thousands of others, and only count within one author.
            " long_keys AS (SELECT band, bucket FROM _dc_keys WHERE is_long),"
            " big_keys AS ("
            "  SELECT k.customer_id::VARCHAR AS customer_id, k.band, k.bucket FROM _dc_keys k"
            "  JOIN authors a ON a.customer_id = k.customer_id::VARCHAR"
            "  WHERE a.n > $pairwise_max),"
            " big_docs AS ("
            "  SELECT d.doc_id, d.customer_id FROM documents d"
            "  JOIN authors a ON a.customer_id = d.customer_id"
            "  WHERE d.kind = $kind AND NOT d.is_duplicate AND a.n > $pairwise_max),"
            " hits AS ("
            "  SELECT l.doc_id FROM doc_lsh l"
            "  JOIN long_keys k ON l.band = k.band AND l.bucket = k.bucket"
            "  WHERE l.kind = $kind AND l.is_long"
            "  UNION"
            "  SELECT l.doc_id FROM doc_lsh l JOIN big_docs b ON b.doc_id = l.doc_id"
            "  JOIN big_keys k ON l.band = k.band AND l.bucket = k.bucket"
            "   AND k.customer_id = b.customer_id"
            "  WHERE l.kind = $kind"
            "  UNION"
            "  SELECT d.doc_id FROM documents d"
            "  JOIN authors a ON a.customer_id = d.customer_id AND a.n <= $pairwise_max"
            "  JOIN doc_lsh_indexed i ON i.doc_id = d.doc_id AND i.text_hash = d.text_hash"
            "  JOIN _dc_new w ON w.customer_id::VARCHAR = d.customer_id"
            "   AND least(i.n_shingles, w.n_shingles)"
            "       >= $threshold * greatest(i.n_shingles, w.n_shingles)"
            "  WHERE d.kind = $kind AND i.n_shingles > 0)"
            f" SELECT {_DEDUP_COLUMNS} FROM documents d"
            " WHERE d.kind = $kind AND NOT d.is_duplicate"
            "   AND d.doc_id IN (SELECT doc_id FROM hits)"
            "   AND d.doc_id NOT IN (SELECT doc_id::VARCHAR FROM _dc_new)"
            " ORDER BY d.doc_id",
            {"kind": kind, "pairwise_max": pairwise_max, "threshold": float(threshold)},
        ).df()
    finally:
        _unstage(con, "_dc_keys")
        _unstage(con, "_dc_new")


def record_dedup(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    duplicates: dict[str, str],
    indexed: pd.DataFrame,
    keys: pd.DataFrame,
) -> None:
    """Flag duplicates and index documents, in one transaction.

    One transaction, so a document is never indexed (and so never compared again) without its
    duplicate flags: a killed ingest leaves its documents unindexed, and the next ingest of
    the kind compares them.

    Args:
        kind: Document kind.
        duplicates: doc_id -> doc_id of the original, for the documents found to be copies.
        indexed: ``doc_id``, ``text_hash`` and ``n_shingles`` of the compared documents;
            their previous keys (an older text) are replaced.
        keys: Their band keys to store: ``doc_id``, ``band``, ``bucket``, ``is_long``.
    """
    ix_frame = _typed(indexed, {"doc_id": "string", "text_hash": "string", "n_shingles": np.int64})
    key_frame = _typed(keys, {"doc_id": "string", **_KEY_TYPES})
    with transaction(con):
        if duplicates:
            _mark_duplicates(con, duplicates)
        _stage(con, "_rd_ix", ix_frame)
        _stage(con, "_rd_keys", key_frame)
        try:
            con.execute("DELETE FROM doc_lsh WHERE doc_id IN (SELECT doc_id::VARCHAR FROM _rd_ix)")
            con.execute(
                "INSERT INTO doc_lsh_indexed (doc_id, kind, text_hash, n_shingles)"
                " SELECT doc_id, ?, text_hash, n_shingles FROM _rd_ix"
                " ON CONFLICT (doc_id) DO UPDATE SET kind = excluded.kind,"
                " text_hash = excluded.text_hash, n_shingles = excluded.n_shingles",
                [kind],
            )
            con.execute(
                "INSERT INTO doc_lsh (kind, band, bucket, doc_id, is_long)"
                " SELECT ?, band, bucket, doc_id, is_long FROM _rd_keys",
                [kind],
            )
        finally:
            _unstage(con, "_rd_keys")
            _unstage(con, "_rd_ix")
