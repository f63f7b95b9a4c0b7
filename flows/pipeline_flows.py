"""Prefect flows: they only wire tasks. Run locally without a server (ephemeral mode) or
served from ``prefect.yaml`` deployments (``voc serve``).

"now" is a flow parameter; when omitted it is read once, here at the edge, and passed down.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow

from flows import tasks
from pipelines.config import load_settings
from pipelines.inbox import discover_inputs


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).replace(tzinfo=None)


@flow(name="voc-ingest", log_prints=False)
def ingest_flow(
    db: str = "voc.duckdb",
    inbox: str = "inbox",
    config: str | None = None,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Ingest every reviews/tickets/social file found in ``inbox``."""
    settings = load_settings(Path(config) if config else None, db=db)
    at = _now(now)
    tasks.init_db(settings, at)
    results = []
    for kind, path in discover_inputs(Path(inbox)):
        results.append(tasks.ingest_file(settings, kind, path, at).__dict__)
    return results


@flow(name="voc-enrich")
def enrich_flow(
    db: str = "voc.duckdb", config: str | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """Enrich pending documents with the active models."""
    settings = load_settings(Path(config) if config else None, db=db)
    return tasks.enrich(settings, _now(now))


@flow(name="voc-insights")
def insights_flow(
    db: str = "voc.duckdb",
    week: str | None = None,
    config: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Weekly insight figures."""
    settings = load_settings(Path(config) if config else None, db=db)
    return tasks.insights(settings, week)


@flow(name="voc-retrain-topics")
def retrain_topics_flow(
    db: str = "voc.duckdb", config: str | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """Refit the topic model on the rolling window (monthly schedule)."""
    settings = load_settings(Path(config) if config else None, db=db)
    return tasks.refit_topics(settings, _now(now))


@flow(name="voc-weekly")
def weekly_flow(
    db: str = "voc.duckdb",
    inbox: str | None = "inbox",
    week: str | None = None,
    config: str | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """End to end: ingest what is in the inbox, enrich, then the week's insights."""
    settings = load_settings(Path(config) if config else None, db=db)
    at = _now(now)
    tasks.init_db(settings, at)
    ingested = []
    if inbox:
        for kind, path in discover_inputs(Path(inbox)):
            ingested.append(tasks.ingest_file(settings, kind, path, at).__dict__)
    enriched = tasks.enrich(settings, at)
    summary = tasks.insights(settings, week)
    return {"ingested": ingested, "enriched": enriched, "insights": summary}
