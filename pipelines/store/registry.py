"""The model registry (``models`` table): at most one active model per task."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from pipelines.errors import VocError
from pipelines.store.db import transaction


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
