"""Prefect tasks: each one a thin adapter over one ``pipelines`` function.

Retries only where I/O can fail transiently (reading input files, writing the report); model
work is deterministic and is not retried.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from prefect import task

from pipelines import steps
from pipelines.config import Settings
from pipelines.insights import weekly_insights
from pipelines.storage import connect


@task(name="init-db")
def init_db(settings: Settings, now: datetime) -> dict[str, Any]:
    """Create or migrate the database."""
    return steps.init_db(settings, now)


@task(name="ingest-file", retries=2, retry_delay_seconds=5)
def ingest_file(
    settings: Settings, kind: str, path: Path, now: datetime, mapping: Path | None = None
) -> steps.IngestResult:
    """Ingest one file (I/O: retried)."""
    return steps.ingest_file(settings, kind, path, now=now, mapping_path=mapping)


@task(name="enrich")
def enrich(settings: Settings, now: datetime) -> dict[str, Any]:
    """Enrich pending documents with the active models."""
    return steps.enrich(settings, now)


@task(name="refit-topics")
def refit_topics(settings: Settings, now: datetime) -> dict[str, Any]:
    """Refit the topic model on the rolling window, keeping topic IDs."""
    return steps.fit_topics(settings, now)


@task(name="weekly-insights")
def insights(settings: Settings, week: str | None) -> dict[str, Any]:
    """Summary figures of the week (read-only)."""
    con = connect(settings.db, read_only=True)
    try:
        result = weekly_insights(con, week)
    finally:
        con.close()
    row = result.overview.iloc[0] if len(result.overview) else None
    return {
        "week": result.week,
        "volume": int(row["volume"]) if row is not None else 0,
        "net_sentiment": float(row["net_sentiment"]) if row is not None else None,
        "top_complaints": result.top_complaints["topic_label"].tolist(),
    }
