"""The only module that talks to DuckDB.

Compute functions elsewhere take and return DataFrames; this module opens the connection,
applies the forward-only migrations in ``sql/migrations``, (re)creates the BI views in
``sql/views`` and does every read and write with bound parameters and Arrow/DataFrame bulk
loads (never row-by-row inserts). Each write function runs in one transaction, so a killed
process leaves either all of a batch or none of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.weeks import zone

DOCUMENT_COLUMNS = (
    "doc_id", "kind", "source_id", "channel", "customer_id", "created_at", "updated_at",
    "title", "text", "text_hash", "rating", "status", "language", "is_duplicate",
    "duplicate_of", "repairs", "redacted", "source_file", "source_row", "ingest_run_id",
    "ingested_at",
)  # fmt: skip
ENRICHMENT_COLUMNS = (
    "doc_id", "text_hash", "sentiment_label", "sentiment_score", "p_negativo", "p_neutro",
    "p_positivo", "topic_id", "topic_similarity", "category_id", "churn_intent", "churn_cues",
    "escalation", "escalation_cues", "sentiment_model", "topic_model", "run_id", "enriched_at",
)  # fmt: skip
DOC_TOPIC_COLUMNS = (
    "doc_id", "topic_id", "category_id", "n_sentences", "sentiment_score", "sentiment_label",
    "topic_model",
)  # fmt: skip


def _sql_files(folder: str) -> list[tuple[str, str]]:
    root = resources.files("sql") / folder
    items = sorted((p.name, p.read_text(encoding="utf-8")) for p in root.iterdir())
    return [(name, text) for name, text in items if name.endswith(".sql")]


def connect(
    db_path: Path | str, *, read_only: bool = False, wait_seconds: float = 0.0
) -> duckdb.DuckDBPyConnection:
    """Open (and for writers, create and migrate) the DuckDB file.

    DuckDB allows one writing process at a time. With ``wait_seconds`` > 0 an overlapping run
    (a manual run during a scheduled one) waits for the other process to close the file instead
    of failing, so runs are serialised.

    Args:
        db_path: path of the database file; ``":memory:"`` for tests.
        read_only: open without write access (BI tools, ``voc status``).
        wait_seconds: how long to wait for another process's lock before giving up.

    Raises:
        VocError: the file is missing (read-only), locked by another writer, or not a DuckDB file.
    """
    path = str(db_path)
    is_new = path != ":memory:" and not Path(path).exists()
    if read_only and is_new:
        raise VocError(f"{path}: database not found. Run 'voc init' or 'voc demo' first.")
    if is_new:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(path, read_only=read_only)
            break
        except duckdb.IOException as exc:
            message = str(exc).splitlines()[0]
            if "lock" not in message.lower():
                raise VocError(
                    f"{path}: cannot open the database ({message}). Try 'voc doctor'."
                ) from None
            if time.monotonic() + delay > deadline:
                raise VocError(
                    f"{path}: the database is in use by another process (another 'voc' run?). "
                    "Wait for it to finish, or open it read-only."
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
        except duckdb.Error as exc:
            raise VocError(
                f"{path}: not a valid DuckDB file ({str(exc).splitlines()[0]})"
            ) from None
    if is_new:
        # Customer text is personal data: the file is readable by its owner only.
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
    if not read_only:
        migrate(con)
    return con


@contextlib.contextmanager
def connection(
    settings: Settings, *, read_only: bool = False, wait: bool = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The one way to open the database: ``with store.connection(settings) as con: ...``.

    Writers create and migrate the file, wait up to ``settings.lock_wait_seconds`` for another
    writer (``wait=False``: fail at once) and record ``settings.timezone`` for the views' local
    weeks. The connection is closed when the block ends, whatever happens in it.
    """
    wait_seconds = settings.lock_wait_seconds if wait and not read_only else 0.0
    con = connect(settings.db, read_only=read_only, wait_seconds=wait_seconds)
    try:
        if not read_only:
            set_timezone(con, settings.timezone)
        yield con
    finally:
        con.close()


def set_timezone(con: duckdb.DuckDBPyConnection, tz: str) -> None:
    """Store the IANA zone that defines local ISO weeks in the views (validated first)."""
    zone(tz)
    rows = con.execute("SELECT value FROM voc_settings WHERE key = 'timezone'").fetchall()
    if rows != [(tz,)]:
        con.execute("INSERT OR REPLACE INTO voc_settings VALUES ('timezone', ?)", [tz]).fetchall()


def timezone(con: duckdb.DuckDBPyConnection) -> str:
    """The zone the views' local weeks use (``set_timezone``; Europe/Rome until set)."""
    rows = con.execute("SELECT value FROM voc_settings WHERE key = 'timezone'").fetchall()
    return str(rows[0][0]) if rows else "UTC"


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply pending migrations in order, then recreate the views. Returns applied names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}
    applied: list[str] = []
    for name, text in _sql_files("migrations"):
        version = int(name.split("_", 1)[0])
        if version in done:
            continue
        with transaction(con):
            con.execute(text)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, now()::TIMESTAMP)", [version, name]
            )
        applied.append(name)
    views = _sql_files("views")
    digest = hashlib.sha256("".join(text for _n, text in views).encode()).hexdigest()[:16]
    con.execute("CREATE TABLE IF NOT EXISTS schema_views (digest VARCHAR PRIMARY KEY)")
    current = con.execute("SELECT digest FROM schema_views").fetchall()
    # Views are recreated only when their SQL (or the schema under them) changed: opening the
    # database stays cheap, and a new view file reaches every existing database on next open.
    if applied or current != [(digest,)]:
        with transaction(con):
            for _name, text in views:
                con.execute(text)
            con.execute("DELETE FROM schema_views")
            con.execute("INSERT INTO schema_views VALUES (?)", [digest])
    return applied


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """Highest applied migration number."""
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN/COMMIT, ROLLBACK on any error (so a failed batch writes nothing)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _stage(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    con.register(name, frame)


def _unstage(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.unregister(name)


# --------------------------------------------------------------------------- runs


def start_run(
    con: duckdb.DuckDBPyConnection, flow: str, params: dict[str, Any], now: datetime
) -> str:
    """Record a run as ``running`` and return its id."""
    run_id = f"{flow}-{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    con.execute(
        "INSERT INTO runs (run_id, flow, started_at, status, params) VALUES (?, ?, ?, 'running', ?)",
        [run_id, flow, now, json.dumps(params, default=str)],
    )
    return run_id


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    *,
    status: str,
    stats: dict[str, Any],
    finished_at: datetime,
    error: str | None = None,
) -> None:
    """Close a run with its outcome and statistics."""
    con.execute(
        "UPDATE runs SET status = ?, stats = ?, finished_at = ?, error = ? WHERE run_id = ?",
        [status, json.dumps(stats, default=str), finished_at, error, run_id],
    )


# --------------------------------------------------------------------------- ingest


def write_batch(
    con: duckdb.DuckDBPyConnection,
    documents: pd.DataFrame,
    comments: pd.DataFrame,
    quarantine: pd.DataFrame,
) -> dict[str, int]:
    """Upsert one prepared batch atomically.

    Identity is ``doc_id``. A row whose content is unchanged is left alone (re-ingesting the same
    file adds and changes nothing); a ticket whose ``updated_at`` moved forward, or whose text
    changed, is updated in place and its comments replaced.

    Returns:
        Counts of inserted, updated and unchanged documents and quarantined rows.
    """
    docs = documents.loc[:, list(DOCUMENT_COLUMNS)]
    with transaction(con):
        _stage(con, "_docs", docs)
        before = con.execute(
            "SELECT count(*) FILTER (WHERE d.doc_id IS NULL),"
            " count(*) FILTER (WHERE d.doc_id IS NOT NULL AND (s.text_hash <> d.text_hash"
            "   OR coalesce(s.updated_at, s.created_at) > coalesce(d.updated_at, d.created_at)"
            "   OR coalesce(s.status, '') <> coalesce(d.status, '')))"
            " FROM _docs s LEFT JOIN documents d USING (doc_id)"
        ).fetchone()
        inserted, updated = (int(before[0]), int(before[1])) if before else (0, 0)
        columns = ", ".join(DOCUMENT_COLUMNS)
        updates = ", ".join(
            f"{c} = excluded.{c}" for c in DOCUMENT_COLUMNS if c not in ("doc_id", "ingested_at")
        )
        con.execute(
            f"INSERT INTO documents ({columns}) SELECT {columns} FROM _docs "
            f"ON CONFLICT (doc_id) DO UPDATE SET {updates} "
            "WHERE excluded.text_hash <> documents.text_hash "
            "   OR coalesce(excluded.updated_at, excluded.created_at)"
            "      > coalesce(documents.updated_at, documents.created_at)"
            "   OR coalesce(excluded.status, '') <> coalesce(documents.status, '')"
        )
        _unstage(con, "_docs")
        if len(comments):
            _stage(con, "_comments", comments)
            con.execute(
                "DELETE FROM ticket_comments WHERE doc_id IN (SELECT DISTINCT doc_id FROM _comments)"
            )
            con.execute(
                "INSERT INTO ticket_comments (doc_id, comment_id, comment_idx, author_role,"
                " created_at, text) SELECT doc_id, comment_id, comment_idx, author_role,"
                " created_at, text FROM _comments"
            )
            _unstage(con, "_comments")
        n_quarantined = 0
        if len(quarantine):
            _stage(con, "_quarantine", quarantine)
            n_quarantined = int(
                con.execute(
                    "SELECT count(*) FROM (SELECT DISTINCT source_file, source_row, kind,"
                    " coalesce(field, '') FROM _quarantine)"
                ).fetchone()[0]  # type: ignore[index]
            )
            con.execute(
                "INSERT INTO quarantine (source_file, source_row, kind, field, reason, raw,"
                " run_id, quarantined_at)"
                " SELECT source_file, source_row, kind, coalesce(field, ''), any_value(reason),"
                " any_value(raw), any_value(run_id), any_value(quarantined_at) FROM _quarantine"
                " GROUP BY ALL ON CONFLICT DO NOTHING"
            )
            _unstage(con, "_quarantine")
    return {
        "inserted": inserted,
        "updated": updated,
        "unchanged": len(docs) - inserted - updated,
        "quarantined": n_quarantined,
    }


def existing_documents(con: duckdb.DuckDBPyConnection, kind: str) -> pd.DataFrame:
    """doc_id, customer_id, created_at and text of stored documents (for cross-batch dedup)."""
    return con.execute(
        "SELECT doc_id, customer_id, created_at, text FROM documents"
        " WHERE kind = ? AND NOT is_duplicate",
        [kind],
    ).df()


def mark_duplicates(con: duckdb.DuckDBPyConnection, mapping: dict[str, str]) -> None:
    """Flag documents as near-duplicates of an earlier one."""
    if not mapping:
        return
    with transaction(con):
        _mark_duplicates(con, mapping)


def _mark_duplicates(con: duckdb.DuckDBPyConnection, mapping: dict[str, str]) -> None:
    frame = pd.DataFrame({"doc_id": list(mapping), "duplicate_of": list(mapping.values())})
    _stage(con, "_dups", frame)
    con.execute(
        "UPDATE documents SET is_duplicate = TRUE, duplicate_of = _dups.duplicate_of"
        " FROM _dups WHERE documents.doc_id = _dups.doc_id"
    )
    _unstage(con, "_dups")


# --------------------------------------------------------------------------- dedup index
#
# Tables of migration 004: LSH band keys of stored documents (doc_lsh), which documents are
# indexed at which text (doc_lsh_indexed) and the key parameters (doc_lsh_scheme). They let the
# cross-file duplicate check read only the stored documents that can match a new file.

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


# --------------------------------------------------------------------------- embeddings


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


def corpus_for_topics(
    con: duckdb.DuckDBPyConnection, model_id: str, since: datetime | None, limit: int = 20000
) -> pd.DataFrame:
    """Italian, non-duplicate documents with cached embeddings, for (re)fitting topics.

    At most ``limit`` documents, chosen by content hash (a deterministic, time-uniform sample).
    """
    return con.execute(
        "SELECT doc_id, text, created_at, vector FROM ("
        " SELECT d.doc_id, d.text, d.created_at, d.text_hash, e.vector FROM documents d"
        " JOIN embeddings e ON e.text_hash = d.text_hash AND e.model_id = ?"
        " WHERE NOT d.is_duplicate AND d.language = 'it'"
        "   AND (?::TIMESTAMP IS NULL OR d.created_at >= ?::TIMESTAMP)"
        " ORDER BY d.text_hash, d.doc_id LIMIT ?) ORDER BY doc_id",
        [model_id, since, since, limit],
    ).df()


# --------------------------------------------------------------------------- registry


def register_model(
    con: duckdb.DuckDBPyConnection,
    *,
    model_id: str,
    task: str,
    version: str,
    created_at: datetime,
    data_hash: str | None,
    metrics: dict[str, Any],
    artifact_path: str,
    status: str,
    params: dict[str, Any] | None = None,
) -> None:
    """Insert or refresh a registry entry; activating one retires the task's previous active."""
    with transaction(con):
        if status == "active":
            con.execute(
                "UPDATE models SET status = 'retired' WHERE task = ? AND status = 'active'"
                " AND model_id <> ?",
                [task, model_id],
            )
        con.execute(
            "INSERT INTO models VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model_id) DO UPDATE"
            " SET status = excluded.status, metrics = excluded.metrics,"
            " artifact_path = excluded.artifact_path",
            [
                model_id, task, version, created_at, data_hash, json.dumps(metrics),
                artifact_path, status, json.dumps(params or {}),
            ],
        )  # fmt: skip


def activate_model(con: duckdb.DuckDBPyConnection, model_id: str) -> str:
    """Make ``model_id`` the active model of its task. Returns the task."""
    row = con.execute("SELECT task FROM models WHERE model_id = ?", [model_id]).fetchone()
    if row is None:
        raise VocError(f"model '{model_id}' not found. See 'voc models list'.")
    with transaction(con):
        con.execute(
            "UPDATE models SET status = 'retired' WHERE task = ? AND status = 'active'", [row[0]]
        )
        con.execute("UPDATE models SET status = 'active' WHERE model_id = ?", [model_id])
    return str(row[0])


def active_model(con: duckdb.DuckDBPyConnection, task: str) -> dict[str, Any] | None:
    """The registry row of the active model of ``task``, or None."""
    frame = con.execute(
        "SELECT * FROM models WHERE task = ? AND status = 'active' ORDER BY created_at DESC LIMIT 1",
        [task],
    ).df()
    return None if frame.empty else frame.iloc[0].to_dict()


def list_models(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The whole registry, newest first."""
    return con.execute("SELECT * FROM models ORDER BY task, created_at DESC").df()


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


# --------------------------------------------------------------------------- reads


def query_df(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None
) -> pd.DataFrame:
    """Run a read query with bound parameters and return a DataFrame."""
    return con.execute(sql, list(params or [])).df()
