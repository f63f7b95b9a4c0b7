"""The ``runs`` table: one row per pipeline step run, opened and closed by the step."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import duckdb


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
