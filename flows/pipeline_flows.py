"""Prefect flows: they only wire tasks. Run locally without a server (ephemeral mode) or
served from ``prefect.yaml`` deployments (``voc serve``).

"now" is a flow parameter; when omitted it is read once, here at the edge, and passed down.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, unmapped
from prefect.task_runners import ThreadPoolTaskRunner

from flows import tasks
from pipelines.config import load_settings
from pipelines.ingest.inbox import discover_inputs
from pipelines.weeks import last_closed_week


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


@flow(name="voc-pull")
def pull_flow(
    db: str = "voc.duckdb",
    config: str = "voc.toml",
    sources: list[str] | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Pull every source configured in ``voc.toml`` (``[sources.NAME]``), or only ``sources``."""
    from pipelines.sources import load_sources

    settings = load_settings(Path(config) if config else None, db=db)
    at = _now(now)
    tasks.init_db(settings, at)
    configured = load_sources(Path(config))
    results = {}
    for name, cfg in configured.items():
        if sources and name not in sources:
            continue
        results[name] = tasks.pull_source(settings, cfg, at)
    return results


# One worker: batches are stored in order by the flow; Prefect 3.8 types the runner generically.
@flow(name="voc-enrich", task_runner=ThreadPoolTaskRunner(max_workers=1))  # type: ignore[arg-type]
def enrich_flow(
    db: str = "voc.duckdb", config: str | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """Enrich pending documents: plan, map the batches over the task runner, store each result.

    With the default runner batches run one at a time in this process; with
    :func:`enrich_flow_with` and Dask they run on the cluster's workers, while every write goes
    through this process (DuckDB has one writer).
    """
    settings = load_settings(Path(config) if config else None, db=db)
    at = _now(now)
    plan, cached = tasks.plan_enrichment(settings, at)
    futures = tasks.enrich_one_batch.map(
        plan.batches, cached, unmapped(plan.models), unmapped(plan.run_id), unmapped(at)
    )
    embedder_id = plan.models.embedder.model_id
    embedded = 0
    for future in futures:
        # Stored as each batch completes, in submission order: the run's output does not
        # depend on which worker finished first.
        embedded += tasks.store_batch(settings, embedder_id, future.result())
    return tasks.finish_enrichment(settings, plan, at, embedded)


def enrich_flow_with(task_runner: str = "sequential", dask_address: str | None = None) -> Any:
    """The enrich flow with another task runner: ``"dask"`` (local cluster or ``dask_address``)."""
    if task_runner == "sequential":
        return enrich_flow
    if task_runner != "dask":
        raise ValueError(f"unknown task runner '{task_runner}' (use sequential or dask)")
    from prefect_dask import DaskTaskRunner

    runner = (
        DaskTaskRunner(address=dask_address)
        if dask_address
        else DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1})
    )
    # prefect-dask types its runner against an older TaskRunner generic; it is one at runtime.
    return enrich_flow.with_options(task_runner=runner)  # type: ignore[arg-type]


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
    report_dir: str | None = "reports",
) -> dict[str, Any]:
    """End to end: ingest the inbox, refit topics when due, enrich, detect, report, BI database.

    The report is written for the week just closed (``week`` overrides it) into ``report_dir``;
    the last step publishes the BI database (``bi_publish``), which BI tools keep open.
    """
    settings = load_settings(Path(config) if config else None, db=db)
    at = _now(now)
    tasks.init_db(settings, at)
    ingested = []
    if inbox:
        for kind, path in discover_inputs(Path(inbox)):
            ingested.append(tasks.ingest_file(settings, kind, path, at).__dict__)
    refit = tasks.refit_topics_if_due(settings, at)
    enriched = enrich_flow(db=db, config=config, now=at)
    report_week = week or last_closed_week(at, settings.timezone)
    detection = tasks.detect(settings, report_week, at)
    summary = tasks.insights(settings, report_week)
    report = None
    if report_dir:
        out = Path(report_dir) / f"report_{report_week}.html"
        report = tasks.write_report(settings, report_week, out, at)
    bi = tasks.publish_bi(settings, at)
    return {
        "ingested": ingested,
        "refit": refit,
        "enriched": enriched,
        "detection": detection,
        "insights": summary,
        "report": report,
        "bi": bi,
    }
