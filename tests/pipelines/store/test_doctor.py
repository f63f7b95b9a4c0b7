"""voc doctor: integrity check, backup, rebuild, and clear errors for broken or locked files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from pipelines import store
from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.store.doctor import doctor

NOW = datetime(2026, 3, 2, 7, 0)
BLOCK_START = 3 * 4096  # DuckDB: main header + two database headers


def _populate(db: Path, n: int = 2000) -> None:
    with store.connection(_settings(db)) as con:
        con.execute(
            "INSERT INTO documents (doc_id, kind, created_at, text, text_hash, is_duplicate,"
            " redacted) SELECT 'reviews:' || range, 'reviews', TIMESTAMP '2026-01-05'"
            " + INTERVAL (range % 50) DAY, 'Testo della recensione numero ' || range,"
            " sha256('Testo della recensione numero ' || range), FALSE, TRUE FROM range(?)",
            [n],
        )
        con.execute(
            "INSERT INTO enrichments (doc_id, text_hash, sentiment_label, sentiment_score,"
            " topic_id, sentiment_model, topic_model) SELECT doc_id, text_hash, 'neutro', 0.0,"
            " 1, 's', 't' FROM documents"
        )
        con.execute(
            "INSERT INTO doc_topics (doc_id, topic_id, n_sentences) SELECT doc_id, 1, 1"
            " FROM documents"
        )


def _settings(db: Path) -> Settings:
    return Settings(db=db)


def test_healthy_database(db_path: Path) -> None:
    _populate(db_path)
    report = doctor(_settings(db_path), backup=False, rebuild=False, now=NOW)
    assert report["ok"] and report["problems"] == []
    assert report["checkpoint"] is True
    assert report["counts"]["documents"] == report["counts"]["enrichments"] == 2000
    assert report["schema_version"] >= 1 and report["size"]["database_size"]
    assert report["backup"] is None and report["rebuilt"] is None


def test_inconsistencies_are_reported_and_rebuild_fixes_them(db_path: Path) -> None:
    _populate(db_path, 50)
    with store.connection(_settings(db_path)) as con:
        con.execute("DELETE FROM documents WHERE doc_id IN ('reviews:1', 'reviews:2')")
        con.execute("UPDATE documents SET text = 'cambiato a mano' WHERE doc_id = 'reviews:3'")
        con.execute(
            "INSERT INTO runs (run_id, flow, started_at, status) VALUES"
            " ('enrich-x', 'enrich', TIMESTAMP '2026-03-01', 'running')"
        )
    report = doctor(_settings(db_path), backup=False, rebuild=False, now=NOW)
    assert not report["ok"]
    text = " | ".join(report["problems"])
    assert "2 enrichments without a document" in text
    assert "2 aspect rows (doc_topics) without a document" in text
    assert "1 documents whose text_hash does not match" in text
    assert report["interrupted_runs"] == 1
    assert any("--rebuild" in s or "backup" in s for s in report["next_steps"])

    report = doctor(_settings(db_path), backup=False, rebuild=True, now=NOW)
    assert report["rebuilt"]["enrichments"] == 50 and report["rebuilt"]["doc_topics"] == 50
    assert any("voc enrich" in s for s in report["next_steps"])
    after = doctor(_settings(db_path), backup=False, rebuild=False, now=NOW)
    assert after["counts"]["enrichments"] == after["counts"]["doc_topics"] == 0
    assert after["counts"]["documents"] == 48  # the documents are never touched
    assert after["interrupted_runs"] == 0
    assert [p for p in after["problems"] if "enrichments" in p or "doc_topics" in p] == []


def test_backup_is_a_verified_private_copy(db_path: Path) -> None:
    _populate(db_path, 300)
    report = doctor(_settings(db_path), backup=True, rebuild=False, now=NOW)
    backup = Path(report["backup"])
    assert backup.name == "voc.duckdb.bak-20260302T070000"
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    with store.connection(_settings(backup), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (300,)


def test_not_a_database(db_path: Path) -> None:
    db_path.write_bytes(os.urandom(50_000))
    with pytest.raises(VocError) as info:
        doctor(_settings(db_path), backup=True, rebuild=False, now=NOW)
    message = str(info.value)
    assert "damaged or not a DuckDB database" in message and "Way out" in message
    assert "voc init" in message and "\n" not in message
    assert (db_path.parent / "voc.duckdb.broken-20260302T070000").exists()


def test_empty_file(db_path: Path) -> None:
    db_path.write_bytes(b"")
    with pytest.raises(VocError, match="empty"):
        doctor(_settings(db_path), backup=False, rebuild=False, now=NOW)


def test_missing_file(db_path: Path) -> None:
    with pytest.raises(VocError, match="not found"):
        doctor(_settings(db_path), backup=False, rebuild=False, now=NOW)
    assert not db_path.exists()  # doctor never creates a database


def test_damaged_block_is_found(db_path: Path) -> None:
    _populate(db_path, 30_000)
    with store.connection(_settings(db_path)) as con:
        con.execute("CHECKPOINT")
        block = con.execute(
            "SELECT max(block_id) FROM pragma_storage_info('documents') WHERE block_id >= 0"
        ).fetchone()[0]
        block_size = con.execute("PRAGMA database_size").fetchone()[2]
    with db_path.open("r+b") as fh:
        fh.seek(BLOCK_START + block * block_size + block_size // 2)
        fh.write(os.urandom(512))
    report = doctor(_settings(db_path), backup=False, rebuild=False, now=NOW)
    assert not report["ok"]
    assert any("documents cannot be read" in p for p in report["problems"]), report["problems"]


def test_damaged_wal(db_path: Path) -> None:
    _populate(db_path, 10)
    with store.connection(_settings(db_path)) as con:
        con.execute("PRAGMA disable_checkpoint_on_shutdown")
        con.execute("UPDATE documents SET title = 'wal ' || doc_id")
    wal = db_path.with_name(db_path.name + ".wal")
    assert wal.exists() and wal.stat().st_size > 100
    with wal.open("r+b") as fh:
        fh.seek(wal.stat().st_size // 2)
        fh.write(os.urandom(64))
    with pytest.raises(VocError) as info:
        doctor(_settings(db_path), backup=False, rebuild=False, now=NOW)
    assert "write-ahead log" in str(info.value) and "--rebuild" in str(info.value)
    report = doctor(_settings(db_path), backup=True, rebuild=True, now=NOW)
    assert any("moved the damaged WAL" in a for a in report["actions"])
    assert report["counts"]["documents"] == 10  # the checkpointed data is all there


def test_locked_database(db_path: Path) -> None:
    _populate(db_path, 5)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time\n"
         "con = duckdb.connect(sys.argv[1])\n"
         "print('ready', flush=True)\n"
         "time.sleep(60)\n", str(db_path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        start = time.monotonic()
        with pytest.raises(VocError) as info:
            doctor(_settings(db_path), backup=True, rebuild=True, now=NOW)
        assert time.monotonic() - start < 10  # fails fast, does not wait for the lock
        assert "locked by another process" in str(info.value)
        assert not list(db_path.parent.glob("*.broken-*"))  # nothing copied or touched
    finally:
        holder.kill()
        holder.wait()
    assert doctor(_settings(db_path), backup=False, rebuild=False, now=NOW)["ok"]


def test_explain_failure_lines() -> None:
    import duckdb

    from pipelines.store.doctor import explain_failure

    full = explain_failure(
        duckdb.TransactionException(
            'Failed to commit: Could not write file "/x/voc.duckdb.wal": No space left on device'
        )
    )
    assert full is not None and full.startswith("the disk is full") and "re-run" not in full
    assert "rolled back" in full and "\n" not in full
    ro = explain_failure(OSError(30, "Read-only file system"))
    assert ro is not None and "read-only" in ro
    other = explain_failure(duckdb.InternalException("something odd"))
    assert other is not None and "voc doctor" in other
    assert explain_failure(ValueError("not storage")) is None
