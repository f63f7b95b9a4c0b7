"""Connector state in DuckDB: per-source watermarks/cursors and the folder watcher's file log.

Every function takes an open connection (``store.connection(settings)``) and writes in one
transaction. Nothing here ever stores a credential: the state is an opaque resume point only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from pipelines import store


@dataclass(frozen=True)
class SourceState:
    """Where the next pull of a source resumes.

    Attributes:
        source_name: the ``[sources.NAME]`` name.
        watermark: highest timestamp (ISO 8601) already ingested, or None before the first pull.
        cursor: opaque API cursor to continue from, or None.
        updated_at: when the state was last advanced.
    """

    source_name: str
    watermark: str | None = None
    cursor: str | None = None
    updated_at: datetime | None = None


def read_state(con: duckdb.DuckDBPyConnection, source_name: str) -> SourceState:
    """The stored state of ``source_name`` (empty state when it was never pulled)."""
    rows = con.execute(
        "SELECT watermark, cursor, updated_at FROM source_state WHERE source_name = ?",
        [source_name],
    ).fetchall()
    if not rows:
        return SourceState(source_name)
    watermark, cursor, updated_at = rows[0]
    return SourceState(source_name, watermark, cursor, updated_at)


def write_state(
    con: duckdb.DuckDBPyConnection,
    source_name: str,
    *,
    watermark: str | None,
    cursor: str | None,
    now: datetime,
) -> None:
    """Insert or replace the resume point of ``source_name`` (one transaction)."""
    with store.transaction(con):
        con.execute(
            "INSERT INTO source_state (source_name, watermark, cursor, updated_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (source_name) DO UPDATE SET"
            " watermark = excluded.watermark, cursor = excluded.cursor,"
            " updated_at = excluded.updated_at",
            [source_name, watermark, cursor, now],
        )


def reset_state(con: duckdb.DuckDBPyConnection, source_name: str) -> None:
    """Forget the resume point: the next pull starts from the configured beginning."""
    with store.transaction(con):
        con.execute("DELETE FROM source_state WHERE source_name = ?", [source_name])


def is_processed(con: duckdb.DuckDBPyConnection, sha256: str) -> bool:
    """Whether a file with this content hash was already ingested."""
    rows = con.execute("SELECT 1 FROM processed_files WHERE sha256 = ?", [sha256]).fetchall()
    return bool(rows)


def record_processed(
    con: duckdb.DuckDBPyConnection,
    *,
    path: str,
    sha256: str,
    size: int,
    run_id: str | None,
    now: datetime,
) -> bool:
    """Remember an ingested file. Returns False when the content was already recorded."""
    with store.transaction(con):
        before = con.execute(
            "SELECT count(*) FROM processed_files WHERE sha256 = ?", [sha256]
        ).fetchall()[0][0]
        con.execute(
            "INSERT INTO processed_files (sha256, path, size, processed_at, run_id)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            [sha256, path, size, now, run_id],
        )
    return not before
