"""Connections, migrations and transactions: the base every other store module builds on.

Compute functions elsewhere take and return DataFrames; the ``pipelines.store`` modules open the
connection (here), apply the forward-only migrations in ``sql/migrations``, (re)create the BI
views in ``sql/views`` and do every read and write with bound parameters and Arrow/DataFrame
bulk loads (never row-by-row inserts). Each write function runs in one transaction, so a killed
process leaves either all of a batch or none of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pipelines.config import Settings
from pipelines.errors import DatabaseBusyError, VocError
from pipelines.store import vector_tables
from pipelines.weeks import zone

# Python that completes a migration in its transaction, for what SQL cannot say (tables named by
# the data: one embeddings table per vector size).
_AFTER_MIGRATION = {8: vector_tables.adopt_unsized}


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
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            message = str(exc).splitlines()[0]
            # Another process's lock, or (same process) a connection opened in the other mode.
            busy = "lock" in message.lower() or "different configuration" in message.lower()
            if not busy:
                raise VocError(
                    f"{path}: cannot open the database ({message}). Try 'voc doctor'."
                ) from None
            if time.monotonic() + delay > deadline:
                raise DatabaseBusyError(
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
    settings: Settings, *, read_only: bool = False, wait: bool | float = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The one way to open the database: ``with store.connection(settings) as con: ...``.

    Writers create and migrate the file, wait up to ``settings.lock_wait_seconds`` for another
    writer (``wait=False``: fail at once; a number: wait that many seconds at most) and record
    ``settings.timezone`` for the views' local weeks. The connection is closed when the block
    ends, whatever happens in it.

    Raises:
        DatabaseBusyError: another process still holds the file when the wait is over.
    """
    if read_only or wait is False:
        wait_seconds = 0.0
    elif wait is True:
        wait_seconds = settings.lock_wait_seconds
    else:
        wait_seconds = max(0.0, float(wait))
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
            if version in _AFTER_MIGRATION:
                _AFTER_MIGRATION[version](con)
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


def query_df(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None
) -> pd.DataFrame:
    """Run a read query with bound parameters and return a DataFrame."""
    return con.execute(sql, list(params or [])).df()


def _stage(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    con.register(name, frame)


def _unstage(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.unregister(name)
