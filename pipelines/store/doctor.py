"""``voc doctor``: check the database, back it up, rebuild what can be recomputed.

What it does, in order:

1. **Open** the file as the (only) writer, without waiting: a file locked by a running ``voc``
   process, a file that is not a DuckDB database, a damaged write-ahead log or a truncated file
   each end in one clear line that says what to do (nothing is ever deleted).
2. **Check**: ``PRAGMA database_size``, ``CHECKPOINT`` (folds the write-ahead log into the main
   file), a full read of every table (DuckDB verifies block checksums on read, so a damaged
   block shows up here), row counts, and consistency between tables: enrichments, aspect rows
   and ticket comments whose document is gone, content hashes that do not match the stored
   text, duplicates pointing at missing documents, embeddings of another size than their model's, tasks with more
   than one active model, model artifacts missing on disk. Runs left ``running`` by a killed
   process are closed as ``failed`` (error ``interrupted``).
3. **Backup** (``backup=True``): after the checkpoint, a byte copy of the consistent file next
   to it (``voc.duckdb.bak-YYYYMMDDTHHMMSS``, owner-only permissions), verified by opening it.
   When the database cannot be opened, the raw file (and its WAL) are copied aside instead,
   before anything else happens.
4. **Rebuild** (``rebuild=True``): delete the derived tables (``enrichments``, ``doc_topics``,
   ``alerts``, ``churn_risk``) in one transaction, so the next ``voc enrich`` (and detection)
   recompute them from ``documents``. The embeddings cache, the documents, the quarantine and
   the model registry are kept. With a damaged WAL, ``rebuild`` also sets the WAL aside (after
   the backup) so the file opens again.

Connections come from :func:`pipelines.store.db.connection` (the writer without waiting, copies
read-only); this module runs maintenance statements on them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from pipelines import store
from pipelines.config import Settings
from pipelines.errors import VocError
from pipelines.store import vector_tables

__all__ = ["DERIVED_TABLES", "doctor", "explain_failure"]

#: Tables recomputed from ``documents`` by ``voc enrich`` and detection.
DERIVED_TABLES: tuple[str, ...] = ("enrichments", "doc_topics", "alerts", "churn_risk")

# (problem label, SQL counting offending rows); tables that may be absent are skipped.
_CONSISTENCY: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "enrichments without a document",
        "SELECT count(*) FROM enrichments e ANTI JOIN documents d USING (doc_id)",
        ("enrichments",),
    ),
    (
        "aspect rows (doc_topics) without a document",
        "SELECT count(*) FROM doc_topics t ANTI JOIN documents d USING (doc_id)",
        ("doc_topics",),
    ),
    (
        "ticket comments without a document",
        "SELECT count(*) FROM ticket_comments c ANTI JOIN documents d USING (doc_id)",
        ("ticket_comments",),
    ),
    (
        "documents whose text_hash does not match their text",
        "SELECT count(*) FROM documents WHERE text_hash <> sha256(text)",
        (),
    ),
    (
        "duplicates pointing at a missing document",
        "SELECT count(*) FROM documents d WHERE d.duplicate_of IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.doc_id = d.duplicate_of)",
        (),
    ),
    (
        "tasks with more than one active model",
        "SELECT count(*) FROM (SELECT task FROM models WHERE status = 'active'"
        " GROUP BY task HAVING count(*) > 1)",
        ("models",),
    ),
)
# Informational: recomputed by the next 'voc enrich', not a fault.
_STALE = (
    "SELECT count(*) FROM enrichments e JOIN documents d USING (doc_id)"
    " WHERE e.text_hash <> d.text_hash"
)


_NO_SPACE = ("no space left", "disk full", "file too large", "errno 28", "errno 27")
_READ_ONLY = ("read-only file system", "permission denied", "errno 30", "errno 13")


def explain_failure(exc: BaseException) -> str | None:
    """One line for a storage failure (disk full, read-only, damaged file), else None.

    Meant for the CLI's error guard: DuckDB and the OS raise these as ``duckdb.Error`` or
    ``OSError`` with long messages; the user needs what happened, that nothing was half-written
    (every write is one transaction, rolled back on failure) and what to do.

    Args:
        exc: the exception that ended a command.

    Returns:
        The message, or None when ``exc`` is not a storage failure.
    """
    if not isinstance(exc, duckdb.Error | OSError):
        return None
    detail = _first(str(exc))
    low = detail.lower()
    if (isinstance(exc, OSError) and exc.errno in (28, 27)) or any(k in low for k in _NO_SPACE):
        return (
            f"the disk is full ({detail}). Nothing was half-written: the batch being stored was"
            " rolled back. Free some space, then run the same command again."
        )
    if (isinstance(exc, OSError) and exc.errno in (30, 13)) or any(k in low for k in _READ_ONLY):
        return (
            f"cannot write ({detail}). The folder or file is read-only for this user; nothing"
            " was changed. Fix the permissions (or use --db on a writable path) and re-run."
        )
    if isinstance(exc, duckdb.Error):
        return (
            f"database error ({detail}). Every write is one transaction, so nothing was"
            " half-written. Run 'voc doctor' to check the file (and 'voc doctor --backup"
            " --rebuild' to recover)."
        )
    return None


def _sidecars(db: Path) -> list[Path]:
    return [p for p in (db, db.with_name(db.name + ".wal")) if p.exists()]


def _copy_private(src: Path, dst: Path) -> None:
    shutil.copy2(src, dst)
    with contextlib.suppress(OSError):
        os.chmod(dst, 0o600)


def _raw_backup(db: Path, now: datetime) -> list[str]:
    """Copy the file and its WAL as they are (for a database that cannot be opened)."""
    stamp = f"{now:%Y%m%dT%H%M%S}"
    copies = []
    for src in _sidecars(db):
        dst = src.with_name(f"{src.name}.broken-{stamp}")
        _copy_private(src, dst)
        copies.append(str(dst))
    return copies


def _wal_is_the_problem(settings: Settings) -> bool:
    """True when the main file opens on its own, i.e. only the write-ahead log is damaged."""
    db = Path(settings.db)
    if not db.with_name(db.name + ".wal").exists():
        return False
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / db.name
        shutil.copy2(db, copy)
        try:
            with store.connection(settings.replace(db=copy), read_only=True):
                pass
        except (VocError, duckdb.Error):
            return False
    return True


def _open(
    settings: Settings,
    stack: contextlib.ExitStack,
    *,
    backup: bool,
    rebuild: bool,
    now: datetime,
    report: dict[str, Any],
) -> duckdb.DuckDBPyConnection:
    """Open as the writer (closed with ``stack``) or raise a VocError that says what to do."""
    db = Path(settings.db)
    if not db.exists():
        raise VocError(f"{db}: database not found. Create it with 'voc init' (or 'voc demo').")
    if db.stat().st_size == 0:
        raise VocError(
            f"{db}: the file is empty (0 bytes), probably left by a process killed while"
            f" creating it. Remove it and run 'voc init'."
        )
    try:
        # wait=False: doctor never waits for another writer's lock (nor breaks it).
        return stack.enter_context(store.connection(settings, wait=False))
    except (VocError, duckdb.Error) as exc:
        message = str(exc)
    if "in use by another process" in message or "lock" in message.lower():
        raise VocError(
            f"{db}: locked by another process (a 'voc' run, a notebook or a BI tool with"
            " write access). Wait for it to finish or stop it, then run 'voc doctor' again;"
            " 'voc doctor' never breaks a lock. Read-only tools (voc status, BI) can still"
            " open the file read-only once the writer is gone."
        ) from None
    if "permission denied" in message.lower() or "read-only" in message.lower():
        raise VocError(
            f"{db}: cannot open the database for writing (permission denied or read-only"
            " file system). Fix the permissions of the file and its folder (the owner needs"
            " write access), or copy it to a writable place; nothing was changed."
        ) from None
    copies = _raw_backup(db, now) if backup else []
    report["backup"] = copies or None
    saved = f" Copies kept: {', '.join(copies)}." if copies else ""
    if _wal_is_the_problem(settings):
        wal = db.with_name(db.name + ".wal")
        if rebuild:
            aside = wal.with_name(f"{wal.name}.broken-{now:%Y%m%dT%H%M%S}")
            wal.rename(aside)
            report.setdefault("actions", []).append(f"moved the damaged WAL to {aside}")
            return stack.enter_context(store.connection(settings, wait=False))
        raise VocError(
            f"{db}: the write-ahead log {wal.name} is damaged (a crash during a write?); the"
            f" main file is fine.{saved} Way out: 'voc doctor --backup --rebuild' sets the WAL"
            f" aside (the writes since the last checkpoint are lost: re-run the last"
            f" 'voc ingest' and 'voc enrich', both idempotent)."
        )
    raise VocError(
        f"{db}: the database file is damaged or not a DuckDB database ({_first(message)}).{saved}"
        f" Way out: restore the latest backup ({db.name}.bak-*), or move the file away and"
        " rebuild: 'voc init', re-ingest the source files (re-ingesting is idempotent), then"
        " 'voc enrich'."
    )


def _first(message: str) -> str:
    return " ".join(message.split())[:200]


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    frame = store.query_df(
        con,
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal AND schema_name = 'main'"
        " ORDER BY table_name",
    )
    return frame["table_name"].tolist()


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _database_size(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    frame = store.query_df(con, "PRAGMA database_size")
    if frame.empty:
        return {}
    row = frame.iloc[0].to_dict()
    keep = ("database_size", "block_size", "total_blocks", "used_blocks", "free_blocks", "wal_size")
    return {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items() if k in keep}


def _check(con: duckdb.DuckDBPyConnection, db: Path, report: dict[str, Any]) -> None:
    problems: list[str] = report["problems"]
    warnings: list[str] = report["warnings"]
    report["schema_version"] = store.schema_version(con)
    report["size"] = _database_size(con)
    try:
        con.execute("CHECKPOINT")
        report["checkpoint"] = True
    except duckdb.Error as exc:
        report["checkpoint"] = False
        problems.append(f"CHECKPOINT failed: {_first(str(exc))}")
    tables = _tables(con)
    counts: dict[str, int] = {}
    for table in tables:
        try:
            # hash() of the whole row reads every column: DuckDB verifies each block's checksum.
            # (aggregated, so the optimiser cannot drop the columns it would not need).
            row = con.execute(f'SELECT count(*), bit_xor(hash(t)) FROM "{table}" AS t').fetchone()
            counts[table] = int(row[0]) if row else 0
        except duckdb.Error as exc:
            problems.append(f"table {table} cannot be read: {_first(str(exc))}")
    report["counts"] = counts
    for label, sql, needs in _CONSISTENCY:
        if any(t not in tables for t in ("documents", *needs)):
            continue
        try:
            n = _scalar(con, sql)
        except duckdb.Error as exc:
            problems.append(f"check '{label}' failed: {_first(str(exc))}")
            continue
        if n:
            problems.append(f"{n} {label}")
    if vector_tables.CATALOG in tables:
        n = vector_tables.misplaced_rows(con)
        if n:
            problems.append(f"{n} cached embeddings of another size than their model's")
    if {"enrichments", "documents"} <= set(tables):
        with contextlib.suppress(duckdb.Error):
            stale = _scalar(con, _STALE)
            if stale:
                warnings.append(f"{stale} enrichments of changed texts: 'voc enrich' redoes them")
    if "models" in tables:
        artifacts = store.query_df(
            con, "SELECT model_id, artifact_path FROM models WHERE status = 'active'"
        )
        for model_id, path in zip(artifacts["model_id"], artifacts["artifact_path"], strict=True):
            if isinstance(path, str) and path and not Path(path).exists():
                problems.append(f"active model {model_id}: artifact {path} is missing")
    if "runs" in tables:
        # We hold the write lock, so no other process can be running these.
        interrupted = _scalar(con, "SELECT count(*) FROM runs WHERE status = 'running'")
        if interrupted:
            with store.transaction(con):
                con.execute(
                    "UPDATE runs SET status = 'failed', error = 'interrupted'"
                    " WHERE status = 'running'"
                )
            warnings.append(
                f"{interrupted} run(s) were killed mid-way (closed as failed/interrupted);"
                " their batches were either fully written or not at all: re-run the command"
            )
        report["interrupted_runs"] = interrupted
    usage = shutil.disk_usage(db.parent)
    report["free_bytes"] = usage.free
    if usage.free < 2 * db.stat().st_size + 100 * 1024 * 1024:
        warnings.append(
            f"little free disk space ({usage.free // (1024 * 1024)} MiB) next to the database:"
            " writes may fail; free some space"
        )
    if not os.access(db.parent, os.W_OK) or not os.access(db, os.W_OK):
        warnings.append(f"{db.parent} or {db.name} is not writable: 'voc' commands cannot store")


def _backup(con: duckdb.DuckDBPyConnection, settings: Settings, now: datetime) -> str:
    """Byte copy of the checkpointed file, verified by opening it read-only."""
    db = Path(settings.db)
    con.execute("CHECKPOINT")
    dst = db.with_name(f"{db.name}.bak-{now:%Y%m%dT%H%M%S}")
    if dst.exists():
        raise VocError(f"{dst}: a backup with this timestamp exists already; try again")
    try:
        _copy_private(db, dst)
    except OSError as exc:
        dst.unlink(missing_ok=True)
        raise VocError(
            f"{dst}: cannot write the backup ({exc.strerror}); free disk space or check"
            " the folder permissions. The database itself was not changed."
        ) from None
    with store.connection(settings.replace(db=dst), read_only=True) as check:
        check.execute("SELECT count(*) FROM documents").fetchall()
    return str(dst)


def _rebuild(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    tables = set(_tables(con))
    deleted: dict[str, int] = {}
    with store.transaction(con):
        for table in DERIVED_TABLES:
            if table in tables:
                deleted[table] = _scalar(con, f'SELECT count(*) FROM "{table}"')
                con.execute(f'DELETE FROM "{table}"')
    con.execute("CHECKPOINT")
    return deleted


def doctor(settings: Settings, *, backup: bool, rebuild: bool, now: datetime) -> dict[str, Any]:
    """Check the database; optionally back it up and rebuild the derived tables.

    Args:
        settings: pipeline settings (``db`` is used).
        backup: copy the (checkpointed) file to ``<db>.bak-<now>`` first; for a file that
            cannot be opened, copy it as it is to ``<db>.broken-<now>``.
        rebuild: delete enrichments, aspect rows, alerts and churn scores so the next
            ``voc enrich`` recomputes them from ``documents``; with a damaged WAL, set the WAL
            aside first.
        now: timestamp for backup names.

    Returns:
        ``db``, ``ok`` (no problems found), ``schema_version``, ``size`` (PRAGMA
        database_size), ``checkpoint``, ``counts`` per table, ``problems`` and ``warnings``
        (one line each), ``interrupted_runs``, ``free_bytes``, ``backup`` (path or None),
        ``rebuilt`` ({table: rows deleted} or None), ``actions`` and ``next_steps``.

    Raises:
        VocError: missing, empty, locked or damaged file; the message says what to do.
    """
    db = Path(settings.db)
    report: dict[str, Any] = {
        "db": str(db), "ok": False, "problems": [], "warnings": [], "backup": None,
        "rebuilt": None, "actions": [], "next_steps": [], "interrupted_runs": 0,
    }  # fmt: skip
    with contextlib.ExitStack() as stack:
        con = _open(settings, stack, backup=backup, rebuild=rebuild, now=now, report=report)
        _check(con, db, report)
        if backup:
            report["backup"] = _backup(con, settings, now)
            report["actions"].append(f"backup written to {report['backup']}")
        if rebuild:
            report["rebuilt"] = _rebuild(con)
            report["actions"].append(
                "derived tables emptied: "
                + ", ".join(f"{t} ({n} rows)" for t, n in report["rebuilt"].items())
            )
            report["next_steps"].append("run 'voc enrich' to recompute them from the documents")
    report["ok"] = not report["problems"]
    if report["problems"] and not rebuild:
        derived_only = all(
            any(t in p for t in ("enrichments", "doc_topics", "alerts", "churn_risk"))
            for p in report["problems"]
        )
        if derived_only:
            report["next_steps"].append(
                "'voc doctor --rebuild' then 'voc enrich' recomputes the derived tables"
            )
        else:
            report["next_steps"].append(
                f"'voc doctor --backup' keeps a copy; if a table cannot be read, restore a"
                f" backup ({db.name}.bak-*) or rebuild from the source files"
                " ('voc init', 'voc ingest', 'voc enrich')"
            )
    return report
