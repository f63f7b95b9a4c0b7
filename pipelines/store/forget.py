"""GDPR erasure: the statements of ``voc forget`` (the step is :mod:`pipelines.steps.forget`).

The tables are found by their columns, not by a fixed list, so a table another migration adds
(labels, edits) is covered as long as it keys its rows by ``doc_id`` or ``customer_id``: every
base table with a ``doc_id`` column loses the customer's documents' rows, every one with a
``customer_id`` column the customer's rows, and every ``quotes`` column (example texts of many
customers: alerts, topics) is rewritten without the customer's texts. (``churn_risk.last_texts``
needs no rewrite: a row holds its own customer's texts and goes with the customer.) The step runs these in one
transaction; :func:`rewrite_file` then copies the live rows into a fresh file, because DuckDB
leaves deleted values in the file's free blocks.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.store import vector_tables
from pipelines.store.db import _stage, _unstage, connection, query_df
from pipelines.store.export import quote_literal

__all__ = [
    "QUOTE_COLUMNS",
    "customer_documents",
    "delete_customer_rows",
    "delete_document_rows",
    "delete_embeddings",
    "delete_quarantine_rows",
    "documents_containing",
    "quote_lists",
    "release_duplicates",
    "remaining_text_hashes",
    "replace_quote_lists",
    "rewrite_file",
]

#: Columns of example texts of many customers, kept outside ``documents``.
QUOTE_COLUMNS: tuple[str, ...] = ("quotes",)


def _strings(name: str, values: Sequence[str]) -> pd.DataFrame:
    # An explicit string dtype: an empty object column would be staged as INTEGER.
    return pd.DataFrame({name: pd.Series(list(values), dtype="string")})


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables_with(con: duckdb.DuckDBPyConnection, column: str) -> list[str]:
    """Base tables (not views) of the main schema that have ``column``, by name."""
    rows = con.execute(
        "SELECT DISTINCT c.table_name FROM duckdb_columns() c"
        " JOIN duckdb_tables() t ON t.table_name = c.table_name AND t.schema_name = c.schema_name"
        "  AND t.database_name = c.database_name"
        " WHERE c.column_name = ? AND c.database_name = current_database()"
        "  AND c.schema_name = 'main' AND NOT t.internal ORDER BY 1",
        [column],
    ).fetchall()
    return [str(r[0]) for r in rows]


def customer_documents(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> pd.DataFrame:
    """``doc_id, kind, title, text, text_hash`` of the documents whose ``customer_id`` is any of
    ``ids`` (the forms of one customer id: as written, hashed)."""
    _stage(con, "_fg_ids", _strings("id", ids))
    try:
        return query_df(
            con,
            "SELECT doc_id, kind, title, text, text_hash FROM documents"
            " WHERE customer_id IN (SELECT id FROM _fg_ids) ORDER BY doc_id",
        )
    finally:
        _unstage(con, "_fg_ids")


def delete_document_rows(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> dict[str, int]:
    """Delete the rows of ``doc_ids`` from every table with a ``doc_id`` column.

    Returns:
        Rows deleted per table (tables with none included, as 0).
    """
    counts: dict[str, int] = {}
    _stage(con, "_fg_docs", _strings("doc_id", doc_ids))
    try:
        # documents last: nothing references it with a foreign key, but reading order is clearer.
        tables = sorted(_tables_with(con, "doc_id"), key=lambda t: t == "documents")
        for table in tables:
            row = con.execute(
                f"DELETE FROM {_ident(table)} WHERE doc_id IN (SELECT doc_id FROM _fg_docs)"
            ).fetchone()
            counts[table] = int(row[0]) if row else 0
    finally:
        _unstage(con, "_fg_docs")
    return counts


def delete_customer_rows(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, int]:
    """Delete the rows of customer ``ids`` from every table with a ``customer_id`` column
    (``churn_risk``, ``churn_outcomes``; ``documents`` is emptied by
    :func:`delete_document_rows` first)."""
    counts: dict[str, int] = {}
    _stage(con, "_fg_ids", _strings("id", ids))
    try:
        for table in _tables_with(con, "customer_id"):
            row = con.execute(
                f"DELETE FROM {_ident(table)} WHERE customer_id IN (SELECT id FROM _fg_ids)"
            ).fetchone()
            counts[table] = int(row[0]) if row else 0
    finally:
        _unstage(con, "_fg_ids")
    return counts


def release_duplicates(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> int:
    """Documents flagged as near-duplicates of ``doc_ids`` (erased) become originals again,
    and leave the near-duplicate index, so the next ingest of their kind checks them anew
    against what is stored (``unindexed_documents``). Returns how many."""
    _stage(con, "_fg_docs", _strings("doc_id", doc_ids))
    try:
        released = [
            str(r[0])
            for r in con.execute(
                "SELECT doc_id FROM documents WHERE duplicate_of IN (SELECT doc_id FROM _fg_docs)"
            ).fetchall()
        ]
        if not released:
            return 0
        con.execute(
            "UPDATE documents SET is_duplicate = FALSE, duplicate_of = NULL"
            " WHERE duplicate_of IN (SELECT doc_id FROM _fg_docs)"
        )
    finally:
        _unstage(con, "_fg_docs")
    _stage(con, "_fg_rel", _strings("doc_id", released))
    try:
        for table in ("doc_lsh", "doc_lsh_indexed"):
            if table in _tables_with(con, "doc_id"):
                con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _fg_rel)")
    finally:
        _unstage(con, "_fg_rel")
    return len(released)


def documents_containing(con: duckdb.DuckDBPyConnection, needles: Sequence[str]) -> pd.DataFrame:
    """``doc_id, text`` of the stored documents whose text contains any of ``needles``."""
    needles = [n for n in dict.fromkeys(needles) if n]
    if not needles:
        return pd.DataFrame({"doc_id": [], "text": []})
    _stage(con, "_fg_needles", _strings("needle", needles))
    try:
        return query_df(
            con,
            "SELECT DISTINCT d.doc_id, d.text FROM documents d, _fg_needles n"
            " WHERE contains(d.text, n.needle) ORDER BY d.doc_id",
        )
    finally:
        _unstage(con, "_fg_needles")


def remaining_text_hashes(con: duckdb.DuckDBPyConnection, hashes: Sequence[str]) -> set[str]:
    """Which of ``hashes`` are still the ``text_hash`` of a stored document."""
    _stage(con, "_fg_hashes", _strings("h", hashes))
    try:
        rows = con.execute(
            "SELECT DISTINCT text_hash FROM documents WHERE text_hash IN (SELECT h FROM _fg_hashes)"
        ).fetchall()
        return {str(r[0]) for r in rows}
    finally:
        _unstage(con, "_fg_hashes")


def delete_embeddings(con: duckdb.DuckDBPyConnection, hashes: Sequence[str]) -> int:
    """Delete the cached embeddings of ``hashes`` (every model, every size). Returns rows deleted."""
    _stage(con, "_fg_hashes", _strings("h", hashes))
    try:
        deleted = 0
        for table, _dim in vector_tables.tables(con):
            row = con.execute(
                f"DELETE FROM {table} WHERE text_hash IN (SELECT h FROM _fg_hashes)"
            ).fetchone()
            deleted += int(row[0]) if row else 0
        return deleted
    finally:
        _unstage(con, "_fg_hashes")


def delete_quarantine_rows(con: duckdb.DuckDBPyConnection, pattern: str) -> int:
    """Delete the quarantined rows whose JSON ``raw`` matches regular expression ``pattern``."""
    row = con.execute(
        "DELETE FROM quarantine WHERE raw IS NOT NULL AND regexp_matches(raw, ?)", [pattern]
    ).fetchone()
    return int(row[0]) if row else 0


def quote_lists(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], pd.DataFrame]:
    """Every non-empty list of quotes: ``{(table, column): frame(rid, quotes)}`` (``rid`` is the
    row's ``rowid``, valid inside the transaction that reads it)."""
    out: dict[tuple[str, str], pd.DataFrame] = {}
    for column in QUOTE_COLUMNS:
        for table in _tables_with(con, column):
            frame = query_df(
                con,
                f"SELECT rowid AS rid, {_ident(column)} AS quotes FROM {_ident(table)}"
                f" WHERE len({_ident(column)}) > 0",
            )
            if len(frame):
                out[(table, column)] = frame
    return out


def replace_quote_lists(
    con: duckdb.DuckDBPyConnection, table: str, column: str, frame: pd.DataFrame
) -> None:
    """Write back rewritten quote lists (``rid``, ``quotes``) read by :func:`quote_lists`."""
    if frame.empty:
        return
    for rid, quotes in zip(frame["rid"], frame["quotes"], strict=True):
        con.execute(
            f"UPDATE {_ident(table)} SET {_ident(column)} = ?::VARCHAR[] WHERE rowid = ?",
            [list(quotes), int(rid)],
        )


def rewrite_file(settings: Settings) -> tuple[int, int]:
    """Copy the database's live rows into a fresh file and put it in place of the old one.

    DuckDB marks deleted rows and frees their blocks but does not overwrite them, so erased
    values stay readable in the file's bytes until reused. The copy (``COPY FROM DATABASE``,
    schema, views and rows) holds only what is live. It is made while this process holds the
    write lock, and the file is swapped by one rename.

    Returns:
        The file's size before and after, in bytes.

    Raises:
        VocError: the write-ahead log is still there after the copy (another connection of this
            process keeps the database open): the file is left as it was.
    """
    db = Path(settings.db)
    fresh = db.with_name(f".{db.name}.forget-{uuid.uuid4().hex[:8]}")
    before = db.stat().st_size
    try:
        with connection(settings) as con:
            name = str(con.execute("SELECT current_database()").fetchone()[0])  # type: ignore[index]
            con.execute(f"ATTACH {quote_literal(str(fresh))} AS voc_forget_copy")
            try:
                con.execute(f"COPY FROM DATABASE {_ident(name)} TO voc_forget_copy")
            finally:
                con.execute("DETACH voc_forget_copy")
        wal = db.with_name(db.name + ".wal")
        if wal.exists():
            raise VocError(
                f"{db}: the database is still open in this process; its file was not rewritten"
            )
        with contextlib.suppress(OSError):
            os.chmod(fresh, 0o600)
        os.replace(fresh, db)
    finally:
        for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return before, db.stat().st_size
