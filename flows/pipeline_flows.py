"""Prefect flows: they only wire tasks. Run locally without a server (ephemeral mode) or
served from ``prefect.yaml`` deployments (``voc serve``).

A flow that runs a composite step (the weekly run, the inbox ingest) passes it
:func:`flows.tasks.as_task`, so each of its sub-steps runs as the task wrapping it: the
sequence itself is written once, in ``pipelines/steps``.

"now" is a flow parameter; when omitted it is read once, here at the edge, and passed down.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.task_runners import ThreadPoolTaskRunner

from flows import tasks
from flows.logs import send_project_logs_to_prefect
from pipelines import steps
from pipelines.config import load_settings

# Every process that runs these flows (voc serve's flow runs, a worker's, voc run --prefect)
# records the steps' own log lines in the run's Prefect logs.
send_project_logs_to_prefect()


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
    return [asdict(r) for r in steps.ingest_inbox(settings, at, Path(inbox), call=tasks.as_task)]


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


# One worker: batches are computed one at a time; Prefect 3.8 types the runner generically.
@flow(name="voc-enrich", task_runner=ThreadPoolTaskRunner(max_workers=1))  # type: ignore[arg-type]
def enrich_flow(
    db: str = "voc.duckdb", config: str | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """Enrich pending documents: ``steps.enrich`` with its batches mapped over the task runner.

    With the default runner batches run one at a time in this process; with
    :func:`enrich_flow_with` and Dask they run on the cluster's workers, while every write goes
    through this process (DuckDB has one writer). A failure marks the run failed, as in-process.
    """
    settings = load_settings(Path(config) if config else None, db=db)
    return tasks.enrich(settings, _now(now))


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
    return tasks.insights(settings, week).summary()


@flow(name="voc-retrain-topics")
def retrain_topics_flow(
    db: str = "voc.duckdb", config: str | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """Refit the topic model on the rolling window (monthly schedule)."""
    settings = load_settings(Path(config) if config else None, db=db)
    return tasks.refit_topics(settings, _now(now))


# One worker, as enrich_flow: the weekly run's batches are computed one at a time.
@flow(name="voc-weekly", task_runner=ThreadPoolTaskRunner(max_workers=1))  # type: ignore[arg-type]
def weekly_flow(
    db: str = "voc.duckdb",
    inbox: str | None = "inbox",
    week: str | None = None,
    config: str | None = None,
    now: datetime | None = None,
    report_dir: str | None = "reports",
) -> dict[str, Any]:
    """End to end: ``steps.weekly_run`` with every sub-step run as its Prefect task.

    Ingest the inbox, refit topics when due, enrich, detect, insights, report, BI database: the
    report is written for the week just closed (``week`` overrides it) into ``report_dir``, and
    the BI database BI tools keep open shows that week afterwards (``bi_publish``).
    """
    settings = load_settings(Path(config) if config else None, db=db)
    run = steps.weekly_run(
        settings,
        _now(now),
        inbox=Path(inbox) if inbox else None,
        week=week,
        report_dir=Path(report_dir) if report_dir else None,
        call=tasks.as_task,
    )
    return run.summary()
