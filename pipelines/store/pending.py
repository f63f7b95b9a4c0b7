"""The pending-edits queue: a small SQLite file next to the DuckDB file.

DuckDB lets one process write, and while it does no other process may even open the file. An
edit made while a pipeline run holds the file must not wait for the run (the app would hang)
nor be lost, so every edit and triage is first appended here (SQLite: many processes may write,
each append is one fsync'd transaction), then applied to DuckDB by the first writer that gets the
lock: the edit's own step when the file is free, else the next pipeline run. The queue key is
the edit's idempotency key and DuckDB refuses a second row with the same key, so an item is
applied exactly once even if a process dies between the two commits.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

__all__ = [
    "PendingItem",
    "enqueue",
    "forget",
    "mark",
    "pending_items",
    "queue_path",
    "queued",
]

WAITING, APPLIED, REJECTED = "in attesa", "applicata", "rifiutata"
#: Applied items are kept this long (the audit lives in DuckDB), then removed.
KEEP_APPLIED_DAYS = 7

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS pending_edits ("
    " key TEXT PRIMARY KEY, target TEXT NOT NULL, body TEXT NOT NULL, queued_at TEXT NOT NULL,"
    " state TEXT NOT NULL, error TEXT, applied_at TEXT)"
)


@dataclass(frozen=True)
class PendingItem:
    """One queued edit: ``target`` is ``theme``, ``alert``, ``labels`` (human labels) or
    ``followup`` (a churn follow-up); ``body`` the request (JSON)."""

    key: str
    target: str
    body: dict[str, Any]
    queued_at: datetime
    state: str
    error: str | None = None


def queue_path(db: Path | str) -> Path:
    """The queue file of a database (``voc.duckdb`` → ``voc.duckdb.pending.sqlite``)."""
    path = Path(str(db))
    return path.with_name(path.name + ".pending.sqlite")


def _setup(con: sqlite3.Connection, *, patience: float = 30.0) -> None:
    """WAL mode and the table, retried while another connection holds the file.

    Two connections switching a new file to WAL at once can deadlock on their locks; SQLite
    then answers "locked" at once, without waiting, so the busy timeout does not help.
    """
    deadline = time.monotonic() + patience
    pause = 0.01
    while True:
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute(_SCHEMA)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


@contextlib.contextmanager
def _open(path: Path) -> Iterator[sqlite3.Connection]:
    new = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=30.0, isolation_level=None)
    try:
        if new:
            # Edits name people and themes: readable by the owner only, like the database.
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)
        # FULL: a committed append survives a power cut, not only a crash of the process.
        con.execute("PRAGMA synchronous=FULL")
        _setup(con)
        yield con
    finally:
        con.close()


def enqueue(db: Path | str, key: str, target: str, body: dict[str, Any], at: datetime) -> bool:
    """Append a request (nothing happens if ``key`` is already queued); True when added."""
    blob = json.dumps(body, ensure_ascii=False, sort_keys=True, default=str)
    with _open(queue_path(db)) as con:
        cur = con.execute(
            "INSERT OR IGNORE INTO pending_edits (key, target, body, queued_at, state)"
            " VALUES (?, ?, ?, ?, ?)",
            [key, target, blob, at.isoformat(), WAITING],
        )
        return cur.rowcount == 1


def _item(row: tuple[Any, ...]) -> PendingItem:
    key, target, body, queued_at, state, error = row
    return PendingItem(
        str(key), str(target), json.loads(body), datetime.fromisoformat(queued_at), str(state),
        error,
    )  # fmt: skip


def pending_items(db: Path | str, *, states: tuple[str, ...] = (WAITING,)) -> list[PendingItem]:
    """Queued items in these states, oldest first (an absent queue is empty)."""
    path = queue_path(db)
    if not path.exists():
        return []
    marks = ", ".join("?" for _ in states)
    with _open(path) as con:
        rows = con.execute(
            "SELECT key, target, body, queued_at, state, error FROM pending_edits"
            f" WHERE state IN ({marks}) ORDER BY queued_at, rowid",
            list(states),
        ).fetchall()
    return [_item(r) for r in rows]


def queued(db: Path | str, key: str) -> PendingItem | None:
    """The queued item ``key``, in whatever state."""
    path = queue_path(db)
    if not path.exists():
        return None
    with _open(path) as con:
        row = con.execute(
            "SELECT key, target, body, queued_at, state, error FROM pending_edits WHERE key = ?",
            [key],
        ).fetchone()
    return _item(row) if row else None


def mark(db: Path | str, key: str, state: str, at: datetime, error: str | None = None) -> None:
    """Record that an item was applied or refused; prune old applied items."""
    with _open(queue_path(db)) as con:
        con.execute(
            "UPDATE pending_edits SET state = ?, error = ?, applied_at = ? WHERE key = ?",
            [state, error, at.isoformat(), key],
        )
        con.execute(
            "DELETE FROM pending_edits WHERE state = ? AND applied_at < ?",
            [APPLIED, (at - timedelta(days=KEEP_APPLIED_DAYS)).isoformat()],
        )


def forget(db: Path | str, key: str) -> None:
    """Remove an item (a request refused while its author waited: the error was shown)."""
    path = queue_path(db)
    if path.exists():
        with _open(path) as con:
            con.execute("DELETE FROM pending_edits WHERE key = ?", [key])
