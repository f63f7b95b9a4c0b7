"""The pending-edits queue (SQLite next to the database)."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest

from pipelines.store import pending

AT = datetime(2026, 3, 9, 8)


def test_queue_is_idempotent_ordered_private_and_pruned(tmp_path: Path) -> None:
    db = tmp_path / "voc.duckdb"
    assert pending.pending_items(db) == [] and not pending.queue_path(db).exists()
    assert pending.enqueue(db, "a", "theme", {"kind": "hide", "topic_ids": [2]}, AT)
    assert not pending.enqueue(db, "a", "theme", {"kind": "rename"}, AT)  # same key: kept once
    assert pending.enqueue(db, "b", "alert", {"alert_id": "x"}, AT + timedelta(seconds=1))
    path = pending.queue_path(db)
    assert path.name == "voc.duckdb.pending.sqlite"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    items = pending.pending_items(db)
    assert [(i.key, i.target, i.body) for i in items] == [
        ("a", "theme", {"kind": "hide", "topic_ids": [2]}), ("b", "alert", {"alert_id": "x"}),
    ]  # fmt: skip
    pending.mark(db, "a", pending.APPLIED, AT)
    pending.mark(db, "b", pending.REJECTED, AT, "sconosciuta")
    assert pending.pending_items(db) == []
    assert pending.queued(db, "b").error == "sconosciuta"  # type: ignore[union-attr]
    # Applied items are pruned after a week; refused ones stay for a person to see.
    pending.enqueue(db, "c", "theme", {}, AT + timedelta(days=8))
    pending.mark(db, "c", pending.APPLIED, AT + timedelta(days=8))
    assert pending.queued(db, "a") is None and pending.queued(db, "b") is not None
    pending.forget(db, "b")
    assert pending.queued(db, "b") is None


class _Flaky:
    """A connection that answers "locked" at once for its first statements, as SQLite does
    when two connections switching a new file to WAL deadlock."""

    def __init__(self, errors: Iterator[str]) -> None:
        self.errors = errors
        self.ran: list[str] = []

    def execute(self, sql: str, *_: Any) -> None:
        error = next(self.errors, None)
        if error:
            raise sqlite3.OperationalError(error)
        self.ran.append(sql)


def test_setup_retries_while_another_connection_holds_the_file() -> None:
    con = _Flaky(iter(["database is locked", "database is locked"]))
    pending._setup(cast(sqlite3.Connection, con))
    assert con.ran[0] == "PRAGMA journal_mode=WAL" and "pending_edits" in con.ran[1]


def test_setup_gives_up_after_its_patience_and_never_retries_other_errors() -> None:
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        pending._setup(
            cast(sqlite3.Connection, _Flaky(iter(["database is locked"] * 99))), patience=0.05
        )
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        pending._setup(cast(sqlite3.Connection, _Flaky(iter(["disk I/O error", ""]))))
