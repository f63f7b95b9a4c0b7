"""Prefect tasks: each one a thin adapter over one ``pipelines`` function.

Retries only where I/O can fail transiently (reading input files, writing the report); model
work is deterministic and is not retried.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from prefect import task
from prefect.cache_policies import NO_CACHE

from pipelines import steps, store
from pipelines.config import Settings
from pipelines.enrich.batch import BatchResult, EnrichmentModels, enrich_batch
from pipelines.errors import VocError
from pipelines.steps import NullProgress
from pipelines.steps.report import read_insights
from pipelines.store.db import connect


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


@task(name="plan-enrichment", cache_policy=NO_CACHE)
def plan_enrichment(
    settings: Settings, now: datetime
) -> tuple[steps.EnrichmentPlan, list[dict[str, np.ndarray]]]:
    """Models and pending batches, with the embeddings already cached for each batch."""
    con = connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        plan = steps.plan_enrichment(con, settings, now, NullProgress())
        embedder_id = plan.models.embedder.model_id
        cached = [steps.cached_for_batch(con, embedder_id, b) for b in plan.batches]
        return plan, cached
    finally:
        con.close()


@task(name="enrich-batch", cache_policy=NO_CACHE)
def enrich_one_batch(
    batch: pd.DataFrame,
    cached: dict[str, np.ndarray],
    models: EnrichmentModels,
    run_id: str,
    now: datetime,
) -> BatchResult:
    """Pure compute on one batch: runs on a Dask worker when the flow uses Dask."""
    return enrich_batch(batch, cached, models, run_id=run_id, now=now)


@task(name="store-batch", cache_policy=NO_CACHE)
def store_batch(settings: Settings, embedder_id: str, result: BatchResult) -> int:
    """Write one batch's results (atomic); returns the number of new embeddings."""
    con = connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        steps.store_batch(con, embedder_id, result)
        return len(result.new_hashes)
    finally:
        con.close()


@task(name="finish-enrichment", cache_policy=NO_CACHE)
def finish_enrichment(
    settings: Settings, plan: steps.EnrichmentPlan, now: datetime, embedded: int
) -> dict[str, Any]:
    """Record the enrich run's outcome."""
    con = connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        return steps.finish_enrichment(con, plan, now, embedded)
    finally:
        con.close()


@task(name="pull-source", retries=2, retry_delay_seconds=30)
def pull_source(settings: Settings, config: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Pull one configured source (HTTP API or watched folder); I/O, so retried."""
    from pipelines.steps.pull import pull_source as pull

    return pull(settings, config, now)


@task(name="refit-topics")
def refit_topics(settings: Settings, now: datetime) -> dict[str, Any]:
    """Refit the topic model on the rolling window, keeping topic IDs."""
    return steps.fit_topics(settings, now)


@task(name="refit-topics-if-due")
def refit_topics_if_due(settings: Settings, now: datetime) -> dict[str, Any]:
    """Monthly refit policy, checked by the weekly flow."""
    return steps.refit_topics_if_due(settings, now)


@task(name="detect")
def detect(settings: Settings, week: str | None, now: datetime) -> dict[str, Any]:
    """Emerging complaints and churn risk for the week (stored, notified once)."""
    from pipelines.steps.detect import run_detection

    return run_detection(settings, week, now)


@task(name="write-report", retries=1, retry_delay_seconds=10)
def write_report(settings: Settings, week: str | None, out: Path, now: datetime) -> str:
    """The weekly HTML report (file I/O: retried once)."""
    from pipelines.steps.report import write_report as write

    return str(write(settings, week, out, now))


@task(name="publish-bi", retries=1, retry_delay_seconds=10)
def publish_bi(settings: Settings, now: datetime) -> dict[str, Any]:
    """The database BI tools keep open: a new Parquet snapshot of the views (file I/O: retried)."""
    from pipelines.steps.bi import publish_bi as publish

    return publish(settings, now)


@task(name="weekly-insights")
def insights(settings: Settings, week: str | None) -> dict[str, Any]:
    """Summary figures of the week (read-only)."""
    # Opened outside the try: a missing database fails the task, a quiet week does not.
    with store.connection(settings, read_only=True) as con:
        try:
            result = read_insights(con, week)
        except VocError as exc:
            # A quiet week (or a new database) is not a failure of the weekly flow.
            return {"week": week, "volume": 0, "net_sentiment": None, "top_complaints": [],
                    "note": str(exc)}  # fmt: skip
    row = result.overview.iloc[0] if len(result.overview) else None
    return {
        "week": result.week,
        "volume": int(row["volume"]) if row is not None else 0,
        "net_sentiment": float(row["net_sentiment"]) if row is not None else None,
        "top_complaints": result.top_complaints["topic_label"].tolist(),
    }
